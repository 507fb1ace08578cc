//! Deterministic demo data that looks like Saga's business: the three
//! divisions, all four channels, bot conversations with confidence scores,
//! returning customers, off-hours arrivals, CRM data per division (some
//! fields detected by the bot), twelve months of history, templates, tags and
//! blasts in every state.
//!
//! Times are relative to the moment of seeding; everything else (which
//! tickets, customers and agents, how many, in which state, with which
//! badges) depends only on the seed, never on the date or the time of day
//! it runs (a test seeds at two moments weeks apart and compares). Where the
//! calendar matters (the season of the year's history, working days) it
//! decides only times, from random streams of its own.

use crate::auth::hash_password;
use crate::db::Db;
use crate::sim::{bot_answer, channel_of, person_name};
use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{params, Transaction};
use saga_core::model::*;
use serde_json::{json, Map, Value};

pub const DEMO_PASSWORD: &str = "saga-demo-2026";

/// (id, name, email, role, division)
pub const ACCOUNTS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "U-sa",
        "Sahpri Admin",
        "superadmin@saga.test",
        "super_admin",
        "SARI",
    ),
    (
        "U-tl",
        "Lina Kurniawati",
        "lead@saga.test",
        "team_lead",
        "SARI",
    ),
    (
        "U-sari1",
        "Rudi Hartono",
        "sari.agent1@saga.test",
        "sales_agent",
        "SARI",
    ),
    (
        "U-sari2",
        "Maya Sari",
        "sari.agent2@saga.test",
        "sales_agent",
        "SARI",
    ),
    (
        "U-savi1",
        "Andi Saputra",
        "savi.agent1@saga.test",
        "sales_agent",
        "SAVI",
    ),
    (
        "U-safia1",
        "Dewi Lestari",
        "safia.agent1@saga.test",
        "sales_agent",
        "SAFIA",
    ),
    (
        "U-viewer",
        "Vera Pengamat",
        "viewer@saga.test",
        "viewer",
        "SARI",
    ),
    (
        "U-savi2",
        "Bayu Pratama",
        "savi.agent2@saga.test",
        "sales_agent",
        "SAVI",
    ),
    (
        "U-safia2",
        "Fitri Handayani",
        "safia.agent2@saga.test",
        "sales_agent",
        "SAFIA",
    ),
];

fn agents_of(div: Division) -> &'static [&'static str] {
    match div {
        Division::Sari => &["U-sari1", "U-sari2"],
        Division::Savi => &["U-savi1", "U-savi2"],
        Division::Safia => &["U-safia1", "U-safia2"],
    }
}

fn agent_name(id: &str) -> &'static str {
    ACCOUNTS
        .iter()
        .find(|a| a.0 == id)
        .map(|a| a.1)
        .unwrap_or("Agent")
}

const SYSTEM_TAGS: &[&str] = &[
    "prioritas",
    "b2b",
    "harga",
    "dokumen",
    "survei",
    "komplain",
    "repeat-order",
    "korporat",
];

const SARI_ROUTES: &[(&str, &str)] = &[
    ("Jakarta", "Makassar"),
    ("Surabaya", "Balikpapan"),
    ("Jakarta", "Medan"),
    ("Surabaya", "Banjarmasin"),
    ("Jakarta", "Pontianak"),
    ("Semarang", "Samarinda"),
    ("Jakarta", "Jayapura"),
    ("Surabaya", "Manado"),
    ("Jakarta", "Batam"),
    ("Surabaya", "Kupang"),
    ("Jakarta", "Ambon"),
    ("Makassar", "Sorong"),
];
const SAVI_ROUTES: &[(&str, &str)] = &[
    ("Batam", "Jakarta"),
    ("Jakarta", "Makassar"),
    ("Surabaya", "Balikpapan"),
    ("Jakarta", "Medan"),
    ("Batam", "Pekanbaru"),
    ("Jakarta", "Pontianak"),
    ("Surabaya", "Denpasar"),
    ("Jakarta", "Palembang"),
];
const SAFIA_ROUTES: &[(&str, &str)] = &[
    ("Jakarta", "Surabaya"),
    ("Bandung", "Jakarta"),
    ("Jakarta", "Yogyakarta"),
    ("Jakarta", "Medan"),
    ("Surabaya", "Makassar"),
    ("Tangerang", "Bali"),
    ("Jakarta", "Balikpapan"),
    ("Bekasi", "Semarang"),
];

fn routes(div: Division) -> &'static [(&'static str, &'static str)] {
    match div {
        Division::Sari => SARI_ROUTES,
        Division::Savi => SAVI_ROUTES,
        Division::Safia => SAFIA_ROUTES,
    }
}

const LOST: &[&str] = &[
    "Harga terlalu mahal",
    "Harga terlalu mahal",
    "Memilih kompetitor",
    "Tidak ada respon",
    "Tidak ada respon",
    "Jadwal tidak cocok",
    "Batal kirim / pindah",
    "Rute tidak dilayani",
    "Dokumen tidak lengkap",
];

/// Seeds the database when it has no users yet.
pub fn seed_if_empty(db: &Db, seed: u64, history: usize) -> Result<(), String> {
    db.with(|conn| {
        let n: i64 = conn
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
            .map_err(|e| e.to_string())?;
        if n > 0 {
            return Ok(());
        }
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        seed_all(&tx, seed, history, Utc::now()).map_err(|e| format!("seeding failed: {e}"))?;
        tx.commit().map_err(|e| e.to_string())?;
        // Statistics for the query planner. Without them SQLite guesses, and
        // at 100,000 tickets it guessed wrong: the inbox count walked the
        // status index row by row and an agent's page sorted their whole
        // division (90 ms instead of a few; docs/performance.md).
        conn.execute_batch("ANALYZE")
            .map_err(|e| format!("ANALYZE failed: {e}"))
    })
}

fn ts(t: chrono::DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Division, stage and the rest of one ticket's deal.
struct Deal {
    stage: &'static str,
    lost_reason: Option<&'static str>,
    quote: Option<i64>,
    deal: Option<i64>,
    data: Map<String, Value>,
    bot: Vec<&'static str>,
}

fn rupiah_round(v: f64) -> i64 {
    ((v / 50_000.0).round() as i64) * 50_000
}

fn deal_for(rng: &mut StdRng, div: Division, stage: &'static str, now: DateTime<Utc>) -> Deal {
    let (o, d) = routes(div)[rng.random_range(0..routes(div).len())];
    let mut data = Map::new();
    data.insert("origin_city".into(), json!(o));
    data.insert("destination_city".into(), json!(d));
    data.insert(
        "customer_type".into(),
        json!(
            if rng.random_bool(if div == Division::Sari { 0.6 } else { 0.2 }) {
                "Perusahaan"
            } else {
                "Individu"
            }
        ),
    );
    let mut bot = vec!["origin_city", "destination_city"];
    let quote = match div {
        Division::Sari => {
            let svc = ["Kargo", "Kargo", "Motor", "Air Cargo"][rng.random_range(0..4)];
            data.insert("service_type".into(), json!(svc));
            let q = match svc {
                "Motor" => {
                    data.insert(
                        "vehicle_type_motor".into(),
                        json!(
                            ["Bebek", "Matic", "Matic", "Sport", "Besar"][rng.random_range(0..5)]
                        ),
                    );
                    rng.random_range(1_200_000.0..3_500_000.0)
                }
                _ => {
                    let kg = rng.random_range(50..5000) as f64;
                    data.insert("cargo_weight_kg".into(), json!(kg));
                    bot.push("cargo_weight_kg");
                    kg * if svc == "Air Cargo" {
                        28_000.0
                    } else {
                        4_500.0
                    }
                }
            };
            let rec = rng.random_bool(0.25);
            data.insert("is_recurring".into(), json!(rec));
            if rec {
                data.insert(
                    "estimated_monthly_volume".into(),
                    json!(rng.random_range(2..40)),
                );
            }
            q
        }
        Division::Savi => {
            let cars = [
                "Toyota Avanza",
                "Honda HR-V",
                "Mitsubishi Xpander",
                "Toyota Fortuner",
                "Hyundai Ioniq 5",
                "Wuling Air ev",
                "Suzuki Ertiga",
            ];
            let car = cars[rng.random_range(0..cars.len())];
            let ev = car.contains("Ioniq") || car.contains("ev");
            data.insert("vehicle_brand_model".into(), json!(car));
            bot.push("vehicle_brand_model");
            let count = if rng.random_bool(0.85) {
                1
            } else {
                rng.random_range(2..6)
            };
            data.insert("vehicle_count".into(), json!(count));
            let origin = if o == "Batam" {
                ["Batam FTZ", "Batam Nasional"][rng.random_range(0..2)]
            } else {
                "Lainnya"
            };
            data.insert("origin_type".into(), json!(origin));
            data.insert("is_electric_vehicle".into(), json!(ev));
            let mut docs = Map::new();
            for doc in saga_core::crm::DOCUMENTS {
                let st = if *doc == "PPFTZ" && origin != "Batam FTZ" {
                    "Tidak Perlu"
                } else if stage == "Won" || rng.random_bool(0.6) {
                    "Sudah"
                } else {
                    "Belum"
                };
                docs.insert((*doc).into(), json!(st));
            }
            data.insert("documents".into(), Value::Object(docs));
            let complete = saga_core::crm::document_complete(&data);
            data.insert("document_complete".into(), json!(complete));
            rng.random_range(6_000_000.0..18_000_000.0) * count as f64
        }
        Division::Safia => {
            let mt = ["Rumah", "Rumah", "Apartemen", "Kantor"][rng.random_range(0..4)];
            data.insert("move_type".into(), json!(mt));
            data.insert(
                "move_trigger".into(),
                json!(if mt == "Kantor" {
                    "Relokasi Kantor"
                } else {
                    [
                        "Mutasi Kerja",
                        "Beli Rumah",
                        "Habis Sewa",
                        "Pulang Kampung",
                        "Lainnya",
                    ][rng.random_range(0..5)]
                }),
            );
            data.insert(
                "how_did_they_find_us".into(),
                json!(
                    [
                        "Google",
                        "Instagram",
                        "Facebook",
                        "Referral",
                        "Website",
                        "Telegram"
                    ][rng.random_range(0..6)]
                ),
            );
            let cbm = rng.random_range(8..60) as f64;
            data.insert("estimated_cbm".into(), json!(cbm));
            bot.push("estimated_cbm");
            let move_in = now + Duration::days(rng.random_range(-200..60));
            data.insert(
                "desired_move_date".into(),
                json!(move_in.format("%Y-%m-%d").to_string()),
            );
            if stage != "Lead" && rng.random_bool(0.7) {
                let survey = move_in - Duration::days(rng.random_range(3..14));
                data.insert(
                    "survey_date".into(),
                    json!(survey.format("%Y-%m-%dT10:00").to_string()),
                );
                let showed = rng.random_bool(0.85);
                data.insert("survey_show_up".into(), json!(showed));
                if showed {
                    data.insert(
                        "survey_result_cbm".into(),
                        json!((cbm * rng.random_range(0.8..1.3)).round()),
                    );
                }
            }
            if rng.random_bool(0.3) {
                data.insert(
                    "competitor_mentioned".into(),
                    json!(
                        ["Pindahan Express", "Mover Nusantara", "Angkut Cepat"]
                            [rng.random_range(0..3)]
                    ),
                );
                data.insert(
                    "competitor_price".into(),
                    json!(rupiah_round(cbm * 450_000.0)),
                );
            }
            cbm * rng.random_range(400_000.0..700_000.0)
        }
    };
    let quote = rupiah_round(quote.max(500_000.0));
    let has_quote = !matches!(stage, "Lead") || rng.random_bool(0.3);
    let discount =
        (stage == "Won" && rng.random_bool(0.3)).then(|| rupiah_round(quote as f64 * 0.05));
    if let Some(dc) = discount {
        data.insert("discount_given".into(), json!(dc));
    }
    Deal {
        stage,
        lost_reason: (stage == "Lost").then(|| LOST[rng.random_range(0..LOST.len())]),
        quote: has_quote.then_some(quote),
        deal: (stage == "Won").then(|| quote - discount.unwrap_or(0)),
        data,
        bot,
    }
}

/// Month weights: busier before Lebaran (Mar–Apr in 2026) and the year end.
fn month_weight(month: u32) -> f64 {
    [0.8, 0.9, 1.3, 1.4, 0.9, 1.0, 1.1, 0.9, 0.9, 1.0, 1.2, 1.5][(month - 1) as usize]
}

/// The seeded operating hours: (open, close, closed) of a division on a
/// day (1 = Monday).
fn seeded_hours(div: Division, day: u32) -> (&'static str, &'static str, bool) {
    match (div, day) {
        (_, 7) => ("08:00", "17:00", true),
        (Division::Savi, 6) => ("08:00", "13:00", false),
        (Division::Savi, _) => ("08:00", "17:00", false),
        (Division::Sari, _) => ("08:00", "20:00", false),
        (Division::Safia, _) => ("08:00", "18:00", false),
    }
}

/// Whether `at` falls outside the seeded operating hours (the same rule as
/// `api::admin::is_off_hours` for the seeded table).
fn seeded_off_hours(div: Division, at: DateTime<Utc>) -> bool {
    let local = at.with_timezone(&crate::wib());
    let (open, close, closed) = seeded_hours(div, local.weekday().number_from_monday());
    let hm = format!("{:02}:{:02}", local.hour(), local.minute());
    closed || hm.as_str() < open || hm.as_str() >= close
}

/// The latest moment no later than `at` that is (or is not) off hours.
fn latest_with_off_hours(div: Division, at: DateTime<Utc>, off: bool) -> DateTime<Utc> {
    let mut t = at;
    // Sunday (closed) to Monday's opening is the longest stretch either way.
    for _ in 0..(8 * 24 * 6) {
        if seeded_off_hours(div, t) == off {
            return t;
        }
        t -= Duration::minutes(10);
    }
    t
}

/// How many days ago each history ticket arrived, oldest first: days of the
/// last year weighted by their month's season. A calendar question, so it
/// has its own random stream; the tickets' shape does not depend on it.
fn history_days(seed: u64, history: usize, now: DateTime<Utc>) -> Vec<i64> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5ea5_0000_0000_0001);
    let mut days = Vec::with_capacity(history);
    while days.len() < history {
        let d: i64 = rng.random_range(3..365);
        let month = (now - Duration::days(d))
            .with_timezone(&crate::wib())
            .month();
        if rng.random_bool((month_weight(month) / 1.5).min(1.0)) {
            days.push(d);
        }
    }
    days.sort_unstable_by(|a, b| b.cmp(a));
    days
}

/// Midnight in WIB of the day `days_ago` days before `now`.
fn wib_midnight(now: DateTime<Utc>, days_ago: i64) -> DateTime<Utc> {
    let wib = crate::wib();
    let day = (now - Duration::days(days_ago))
        .with_timezone(&wib)
        .date_naive();
    day.and_hms_opt(0, 0, 0)
        .and_then(|d| d.and_local_timezone(wib).single())
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or(now)
}

fn seed_all(
    tx: &Transaction<'_>,
    seed: u64,
    history: usize,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let mut rng = StdRng::seed_from_u64(seed);
    let hash = hash_password(DEMO_PASSWORD);
    let created = ts(now - Duration::days(400));
    for (id, name, email, role, div) in ACCOUNTS {
        tx.execute(
            "INSERT INTO users (id, name, email, password_hash, role, division, status, status_changed_at, privileges, active, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'offline', ?7, '[]', 1, ?7)",
            params![id, name, email, hash, role, div, created],
        )?;
    }
    for t in SYSTEM_TAGS {
        tx.execute("INSERT INTO tags (name, kind) VALUES (?1, 'system')", [t])?;
    }
    for div in Division::ALL {
        for day in 1..=7u8 {
            let (open, close, closed) = seeded_hours(*div, day as u32);
            tx.execute(
                "INSERT INTO office_hours (division, day, open, close, closed) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![div.as_str(), day, open, close, closed],
            )?;
        }
    }
    let templates = [
        ("TPL-1", "Sapaan follow-up", "Halo {nama}, ini {agent} dari Saga. Apakah masih ada yang bisa kami bantu untuk rencana pengiriman Anda?", None),
        ("TPL-2", "Penawaran berlaku", "Halo {nama}, penawaran dari kami masih berlaku sampai akhir minggu ini. Mau kami proses sekarang?", None),
        ("TPL-3", "Promo kargo rutin", "Halo {nama}, untuk pengiriman rutin bulanan ada harga khusus dari Saga Logistics. Tertarik kami hitungkan?", Some("SARI")),
        ("TPL-4", "Dokumen mobil", "Halo {nama}, mohon lengkapi dokumen STNK/BPKB/KTP agar mobil Anda bisa segera dikapalkan.", Some("SAVI")),
        ("TPL-5", "Jadwal survei", "Halo {nama}, kami bisa survei lokasi pindahan Anda gratis. Kapan waktu yang cocok?", Some("SAFIA")),
        ("TPL-6", "Terima kasih", "Terima kasih {nama} sudah mempercayakan pengiriman kepada Saga. Salam, {agent}.", None),
        ("TPL-7", "Jadwal rute", "Halo {nama}, jadwal {asal} → {tujuan} minggu ini masih ada tempat. Mau saya amankan untuk Anda? Salam, {agent} (Saga).", None),
    ];
    for (id, name, body, div) in templates {
        tx.execute(
            "INSERT INTO templates (id, name, body, division) VALUES (?1, ?2, ?3, ?4)",
            params![id, name, body, div],
        )?;
    }

    let mut ins_cust = tx.prepare(
        "INSERT INTO customers (id, name, phone, wa_display_name, previous_agent_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut ins_ticket = tx.prepare(
        "INSERT INTO tickets (id, division, customer_id, channel, wa_display_name, status, queue_status, assigned_to, waiting_for_agent, \
         returning_customer, off_hours, crm_stage, lost_reason, quote_value, deal_value, crm_data, bot_detected, agent_corrected, \
         sa_joined, bot_resolved, created_at, last_activity_at, waiting_since, first_pickup_at, closed_at, last_message_preview) \
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,'[]',0,?18,?19,?20,?21,?22,?23,?24)",
    )?;
    let mut ins_msg = tx.prepare(
        "INSERT INTO messages (id, ticket_id, sender, sender_id, sender_name, content, confidence, delivery, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'sent', ?8)",
    )?;
    let mut ins_tag =
        tx.prepare("INSERT OR IGNORE INTO ticket_tags (ticket_id, tag) VALUES (?1, ?2)")?;
    let mut ins_inv = tx
        .prepare("INSERT OR IGNORE INTO ticket_involvement (ticket_id, user_id) VALUES (?1, ?2)")?;
    let mut ins_audit = tx.prepare(
        "INSERT INTO audit_log (ticket_id, actor_id, actor_name, action, detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut msg_n = 0u64;
    let mut next_msg = || {
        msg_n += 1;
        format!("M-s{msg_n:07}")
    };

    // Customers: some will come back (returning).
    let n_customers = (history * 7 / 10).max(50);
    let mut customers: Vec<(String, String, Option<String>)> = Vec::with_capacity(n_customers);
    for i in 0..n_customers {
        let name = person_name(&mut rng);
        let wa = format!(
            "{} {}",
            name.split(' ').next().unwrap_or(""),
            ["🙂", "✨", "| Toko", "Official", ""][i % 5]
        )
        .trim()
        .to_string();
        let phone = format!(
            "+62 81{} {:04} {:04}",
            rng.random_range(1..10),
            rng.random_range(0..10000),
            rng.random_range(0..10000)
        );
        customers.push((format!("C-{i:06}"), name, Some(wa)));
        ins_cust.execute(params![
            customers[i].0,
            customers[i].1,
            phone,
            customers[i].2,
            Option::<String>::None,
            created
        ])?;
    }

    let agent_reply = |div: Division| match div {
        Division::Sari => {
            "Baik, saya bantu buatkan penawarannya. Barang sudah siap dijemput kapan?"
        }
        Division::Savi => {
            "Siap, saya kirimkan daftar dokumen yang perlu disiapkan untuk pengiriman mobilnya."
        }
        Division::Safia => "Terima kasih, saya jadwalkan survei dan kirimkan estimasi biayanya.",
    };

    // Twelve months of history, weighted by season, oldest first (so the
    // last agent a customer had is the one of their latest ticket).
    let mut t_n = 0u64;
    let mut last_agent: std::collections::HashMap<String, String> = Default::default();
    for days_ago in history_days(seed, history, now) {
        let minute_of_day: i64 = rng.random_range(0..1440);
        let at = wib_midnight(now, days_ago) + Duration::minutes(minute_of_day);
        t_n += 1;
        let div = match rng.random_range(0..100) {
            0..=49 => Division::Sari,
            50..=74 => Division::Savi,
            _ => Division::Safia,
        };
        let ci = rng.random_range(0..customers.len());
        let (cid, cname, wa) = customers[ci].clone();
        let ch = channel_of(&mut rng);
        let tid = format!("T-{t_n:06}");
        let bot_resolved = rng.random_bool(0.18);
        let stage: &'static str = if bot_resolved {
            "Lead"
        } else {
            match rng.random_range(0..100) {
                0..=39 => "Won",
                40..=74 => "Lost",
                75..=84 => "Proposal",
                85..=92 => "Qualified",
                _ => "Lead",
            }
        };
        // A deal left open since before the last month (the newest twelfth
        // of the history) has gone cold: the team marked it lost, as a
        // kept CRM would, so the panel's idle list holds this month's
        // stalled tickets, not a year of them. Counted by ticket, not by
        // date, so the seed stays the same whatever the calendar says.
        let old = (t_n as usize) <= history - history / 12;
        let stage = if old && matches!(stage, "Proposal" | "Qualified" | "Lead") {
            "Lost"
        } else {
            stage
        };
        let d = deal_for(&mut rng, div, stage, now);
        let agents = agents_of(div);
        let agent = (!bot_resolved).then(|| agents[rng.random_range(0..agents.len())].to_string());
        let pickup = Duration::minutes(if rng.random_bool(0.8) {
            rng.random_range(1..15)
        } else {
            rng.random_range(15..120)
        });
        let cycle = Duration::hours(match div {
            Division::Sari => rng.random_range(2..72),
            Division::Savi => rng.random_range(72..336),
            Division::Safia => rng.random_range(168..720),
        });
        let closed = matches!(stage, "Won" | "Lost") || bot_resolved;
        // Closed in the past, never in the future.
        let closed_at = closed.then(|| {
            (at + cycle)
                .min(now - Duration::hours(2))
                .max(at + Duration::minutes(30))
        });
        let last = closed_at.unwrap_or(
            (at + Duration::hours(rng.random_range(1..48))).min(now - Duration::hours(1)),
        );
        // From the hour the seed chose, not from today's calendar.
        let off = !(8 * 60..20 * 60).contains(&minute_of_day);
        ins_ticket.execute(params![
            tid,
            div.as_str(),
            cid,
            ch.as_str(),
            (ch == Channel::Whatsapp).then_some(wa.clone()).flatten(),
            if closed {
                "CLOSED"
            } else {
                "AWAITING_RESPONSE"
            },
            if agent.is_some() {
                "ASSIGNED"
            } else {
                "BOT_RESOLVED"
            },
            agent,
            Option::<String>::None,
            last_agent.contains_key(&cid),
            off,
            d.stage,
            d.lost_reason,
            d.quote,
            d.deal,
            Value::Object(d.data.clone()).to_string(),
            json!(d.bot).to_string(),
            bot_resolved,
            ts(at),
            ts(last),
            Option::<String>::None,
            agent.as_ref().map(|_| ts(at + pickup)),
            closed_at.map(ts),
            Some(if closed {
                "Terima kasih, Kak."
            } else {
                agent_reply(div)
            }),
        ])?;
        // A short conversation.
        ins_msg.execute(params![
            next_msg(),
            tid,
            "customer",
            None::<String>,
            None::<String>,
            "Halo, mau tanya pengiriman.",
            None::<f64>,
            ts(at)
        ])?;
        let conf = rng.random_range(0.55..0.98);
        ins_msg.execute(params![
            next_msg(),
            tid,
            "bot",
            None::<String>,
            Some("Saga Bot"),
            bot_answer(div, rng.random_range(0..3)),
            Some(conf),
            ts(at + Duration::seconds(5))
        ])?;
        if let Some(a) = &agent {
            ins_msg.execute(params![
                next_msg(),
                tid,
                "agent",
                Some(a),
                Some(agent_name(a)),
                agent_reply(div),
                None::<f64>,
                ts(at + pickup)
            ])?;
            ins_inv.execute(params![tid, a])?;
            ins_audit.execute(params![
                tid,
                a,
                agent_name(a),
                "self_takeover",
                format!("{} mengambil alih tiket dari bot", agent_name(a)),
                ts(at + pickup)
            ])?;
            last_agent.insert(cid.clone(), a.clone());
        }
        if closed {
            ins_msg.execute(params![
                next_msg(),
                tid,
                "customer",
                None::<String>,
                None::<String>,
                "Terima kasih, Kak.",
                None::<f64>,
                ts(last)
            ])?;
        }
        if rng.random_bool(0.3) {
            ins_tag.execute(params![
                tid,
                SYSTEM_TAGS[rng.random_range(0..SYSTEM_TAGS.len())]
            ])?;
        }
        let _ = cname;
    }
    for (cid, a) in &last_agent {
        tx.execute(
            "UPDATE customers SET previous_agent_id = ?2 WHERE id = ?1",
            params![cid, a],
        )?;
    }

    // Live tickets of the last three days, per division.
    let lines_for = |div: Division| -> &'static [&'static str] {
        match div {
            Division::Sari => &[
                "Halo, mau tanya ongkir ke Makassar untuk 300 kg barang dagangan.",
                "Kak, saya mau kirim motor Vario ke Balikpapan, berapa ya?",
                "Bisa jemput barang di gudang besok pagi?",
                "Kirim 2 CBM sparepart ke Medan, berapa lama sampainya?",
            ],
            Division::Savi => &[
                "Mobil Avanza dari Batam ke Jakarta, dokumennya apa saja?",
                "Harga untuk kirim 2 mobil sekaligus ada diskon?",
                "Mobil listrik bisa dikirim ke Makassar?",
            ],
            Division::Safia => &[
                "Mau pindahan rumah 2 lantai dari Bekasi ke Surabaya bulan depan.",
                "Saya perlu survei untuk pindahan kantor 30 orang.",
                "Pindahan apartemen studio ke Yogyakarta, kira-kira berapa?",
            ],
        }
    };
    let mut live_customers: Vec<usize> = (0..customers.len()).collect();
    // Returning candidates first: customers with a previous agent.
    live_customers.sort_by_key(|i| (!last_agent.contains_key(&customers[*i].0), *i));
    let mut returning_pool: Vec<usize> = live_customers
        .iter()
        .copied()
        .filter(|i| last_agent.contains_key(&customers[*i].0))
        .collect();
    let mut fresh_pool: Vec<usize> = live_customers
        .iter()
        .copied()
        .filter(|i| !last_agent.contains_key(&customers[*i].0))
        .collect();
    for &div in Division::ALL {
        let agents = agents_of(div);
        // (queue, count)
        for (kind, count) in [("FREE", 7), ("ASSIGNED", 8), ("RETURNING", 2)] {
            for k in 0..count {
                t_n += 1;
                let tid = format!("T-{t_n:06}");
                let ci = if kind == "RETURNING" {
                    // A returning customer whose previous agent is in this division.
                    let pos = returning_pool
                        .iter()
                        .position(|i| agents.contains(&last_agent[&customers[*i].0].as_str()));
                    match pos {
                        Some(p) => returning_pool.remove(p),
                        None => continue,
                    }
                } else {
                    fresh_pool.pop().unwrap_or(0)
                };
                let (cid, _cname, wa) = customers[ci].clone();
                let ch = if k == 0 {
                    Channel::Whatsapp
                } else {
                    channel_of(&mut rng)
                };
                // How long ago the customer wrote. Older than 20 hours means
                // WhatsApp's window is meant to be shut (then at least 25
                // hours, so it is shut on any day); younger, open.
                let mins = match kind {
                    "FREE" => rng.random_range(2..600),
                    _ => match rng.random_range(10..4000) {
                        m if m >= 20 * 60 => m.max(25 * 60),
                        m => m,
                    },
                };
                // A third arrived off hours (INBOX-5): the arrival moves back
                // to the latest such moment, so the badge does not depend
                // on the time of day the seed runs.
                let off = (k + div as usize) % 3 == 2;
                let at = latest_with_off_hours(div, now - Duration::minutes(mins), off);
                let stage = match (kind, k % 4) {
                    ("ASSIGNED", 0) => "Qualified",
                    ("ASSIGNED", 1) => "Proposal",
                    _ => "Lead",
                };
                let d = deal_for(&mut rng, div, stage, now);
                let (queue, assigned, waiting, status) = match kind {
                    "FREE" => ("FREE", None, None, "NEW"),
                    "ASSIGNED" => (
                        "ASSIGNED",
                        Some(agents[k % agents.len()].to_string()),
                        None,
                        if k % 3 == 0 {
                            "AWAITING_RESPONSE"
                        } else {
                            "IN_PROGRESS"
                        },
                    ),
                    // Every agent starts Offline: the ticket waits (RETURN-2).
                    _ => ("WAITING_AGENT", None, Some(last_agent[&cid].clone()), "NEW"),
                };
                let lines = lines_for(div);
                let line = lines[k % lines.len()];
                // The agent's reply, after the bot's turns and the takeover.
                let last = if kind == "ASSIGNED" {
                    (at + Duration::minutes(rng.random_range(1..mins.max(2))))
                        .max(at + Duration::minutes(4))
                } else {
                    at
                };
                let last = last.min(now);
                // Some assigned tickets are idle for more than four hours (PANEL-4).
                let idle = kind == "ASSIGNED" && k % 4 == 3;
                let last = if idle {
                    now - Duration::hours(5 + k as i64)
                } else {
                    last
                };
                // Whether WhatsApp's window is open must not depend on the day
                // the seed runs: when the arrival had to move back (past a
                // closed Sunday, a night) so far that a window meant to be
                // open would be shut, the customer wrote again lately (a chat
                // the bot holds is live) or, on an idle ticket, just before
                // the agent's last reply.
                let rejoined = (mins < 20 * 60 && now - at > Duration::hours(20)).then(|| {
                    if idle {
                        last - Duration::minutes(1)
                    } else {
                        now - Duration::minutes(5 + mins % 120)
                    }
                });
                let last = match (kind, rejoined) {
                    ("FREE", Some(r)) => r + Duration::seconds(4),
                    ("ASSIGNED", Some(r)) => last.max(r + Duration::minutes(1)).min(now),
                    ("RETURNING", Some(r)) => r,
                    _ => last,
                };
                let crm_json = if stage == "Lead" && kind == "FREE" {
                    // Only what the bot picked up so far.
                    let mut m = Map::new();
                    for f in &d.bot {
                        if let Some(v) = d.data.get(*f) {
                            m.insert((*f).into(), v.clone());
                        }
                    }
                    Value::Object(m)
                } else {
                    Value::Object(d.data.clone())
                };
                ins_ticket.execute(params![
                    tid,
                    div.as_str(),
                    cid,
                    ch.as_str(),
                    (ch == Channel::Whatsapp).then_some(wa.clone()).flatten(),
                    status,
                    queue,
                    assigned,
                    waiting,
                    kind == "RETURNING",
                    off,
                    stage,
                    Option::<String>::None,
                    d.quote.filter(|_| stage != "Lead"),
                    Option::<i64>::None,
                    crm_json.to_string(),
                    json!(d.bot).to_string(),
                    false,
                    ts(at),
                    ts(last),
                    (queue != "ASSIGNED").then(|| ts(at)),
                    assigned.as_ref().map(|_| ts(at + Duration::minutes(3))),
                    Option::<String>::None,
                    Some(line),
                ])?;
                ins_msg.execute(params![
                    next_msg(),
                    tid,
                    "customer",
                    None::<String>,
                    None::<String>,
                    line,
                    None::<f64>,
                    ts(at)
                ])?;
                if kind == "RETURNING" {
                    ins_msg.execute(params![
                        next_msg(),
                        tid,
                        "customer",
                        None::<String>,
                        None::<String>,
                        "Saya tunggu sama yang kemarin saja ya.",
                        None::<f64>,
                        ts(rejoined.unwrap_or(at + Duration::minutes(1)))
                    ])?;
                } else {
                    // The bot's turns; the customer has asked at least once
                    // more.
                    let turns = 2 + k % 2;
                    for j in 0..turns {
                        let conf = [0.93, 0.81, 0.64, 0.47][(k + j) % 4];
                        let t1 = match rejoined {
                            // The last turn answers the customer's return.
                            Some(r) if j + 1 == turns => r + Duration::seconds(4),
                            _ => at + Duration::seconds(4 + 60 * j as i64),
                        };
                        ins_msg.execute(params![
                            next_msg(),
                            tid,
                            "bot",
                            None::<String>,
                            Some("Saga Bot"),
                            bot_answer(div, k + j),
                            Some(conf),
                            ts(t1)
                        ])?;
                        if j + 1 < turns {
                            let asked = match rejoined {
                                Some(r) if j + 2 == turns => r,
                                _ => t1 + Duration::seconds(30),
                            };
                            ins_msg.execute(params![
                                next_msg(),
                                tid,
                                "customer",
                                None::<String>,
                                None::<String>,
                                [
                                    "Oke, lalu berapa lama sampainya?",
                                    "Bisa dijemput di alamat saya?"
                                ][j % 2],
                                None::<f64>,
                                ts(asked)
                            ])?;
                        }
                    }
                }
                if let Some(a) = &assigned {
                    ins_msg.execute(params![
                        next_msg(),
                        tid,
                        "agent",
                        Some(a),
                        Some(agent_name(a)),
                        agent_reply(div),
                        None::<f64>,
                        ts(last)
                    ])?;
                    ins_inv.execute(params![tid, a])?;
                    ins_audit.execute(params![
                        tid,
                        a,
                        agent_name(a),
                        "self_takeover",
                        format!("{} mengambil alih tiket dari bot", agent_name(a)),
                        ts(at + Duration::minutes(3))
                    ])?;
                    if k % 2 == 0 {
                        tx.execute(
                            "INSERT INTO internal_messages (id, ticket_id, author_id, content, tagged_agent_id, created_at) VALUES (?1, ?2, 'U-tl', ?3, ?4, ?5)",
                            params![format!("I-s{t_n:06}"), tid, "Pelanggan ini potensial untuk kontrak rutin, tolong prioritaskan. Jangan beri diskon > 5% tanpa persetujuan.", a, ts(last - Duration::minutes(1))],
                        )?;
                        ins_inv.execute(params![tid, "U-tl"])?;
                    }
                }
                if let Some(w) = &waiting {
                    ins_inv.execute(params![tid, w])?;
                    ins_audit.execute(params![
                        tid,
                        None::<String>,
                        "Sistem",
                        "returning_waiting",
                        format!("Menunggu {} yang sedang Offline", agent_name(w)),
                        ts(at)
                    ])?;
                }
                ins_audit.execute(params![
                    tid,
                    None::<String>,
                    "Sistem",
                    "created",
                    format!("Tiket baru via {}", ch.as_str()),
                    ts(at)
                ])?;
                if k % 3 == 0 {
                    ins_tag.execute(params![
                        tid,
                        SYSTEM_TAGS[(k + div as usize) % SYSTEM_TAGS.len()]
                    ])?;
                }
                if k % 5 == 1 {
                    ins_tag.execute(params![tid, "prioritas"])?;
                }
            }
        }
    }

    // Availability history: sessions on the last 77 working days (90
    // calendar days less Sundays); the calendar decides only which days.
    for (id, _, _, role, _) in ACCOUNTS {
        if *role == "viewer" {
            continue;
        }
        let working_days = (1..)
            .map(|d| now - Duration::days(d))
            .filter(|day| day.weekday().number_from_monday() != 7)
            .take(77);
        for day in working_days {
            let start = day
                .date_naive()
                .and_hms_opt(1, rng.random_range(0..60), 0)
                .expect("valid")
                .and_utc();
            if rng.random_bool(0.08) {
                continue; // absent
            }
            let end = start + Duration::minutes(rng.random_range(420..600));
            tx.execute(
                "INSERT INTO status_log (user_id, status, at) VALUES (?1, 'online', ?2)",
                params![id, ts(start)],
            )?;
            tx.execute(
                "INSERT INTO status_log (user_id, status, at) VALUES (?1, 'offline', ?2)",
                params![id, ts(end)],
            )?;
        }
    }

    // Blasts in every state.
    let picks: Vec<(String, String)> = {
        let mut st = tx.prepare(
            "SELECT id, CASE crm_stage WHEN 'Proposal' THEN 'PANAS' WHEN 'Qualified' THEN 'HANGAT' ELSE 'DINGIN' END \
             FROM tickets WHERE division = 'SARI' ORDER BY id LIMIT 60",
        )?;
        let v = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        v
    };
    let blasts = [
        ("B-seed-1", "U-sari1", "pending_approval", None, None, 0, 12),
        (
            "B-seed-2",
            "U-sari2",
            "rejected",
            Some("Pesan terlalu menjual, perhalus bahasanya."),
            Some("U-tl"),
            12,
            20,
        ),
        (
            "B-seed-3",
            "U-sari1",
            "completed",
            None,
            Some("U-tl"),
            20,
            60,
        ),
    ];
    for (id, by, status, reason, decided, from, to) in blasts {
        tx.execute(
            "INSERT INTO blasts (id, division, created_by, message, template_id, status, reject_reason, decided_by, decided_at, created_at) \
             VALUES (?1, 'SARI', ?2, ?3, 'TPL-3', ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                by,
                "Halo {nama}, untuk pengiriman rutin bulanan ada harga khusus dari Saga Logistics. Tertarik kami hitungkan?",
                status,
                reason,
                decided,
                decided.map(|_| ts(now - Duration::days(5))),
                ts(now - Duration::days(6))
            ],
        )?;
        // A small history has fewer leads than the blasts would take.
        let (from, to) = (from.min(picks.len()), to.min(picks.len()));
        for (tid, cat) in &picks[from..to] {
            let sent = (status == "completed").then(|| ts(now - Duration::days(5)));
            tx.execute(
                "INSERT INTO blast_recipients (blast_id, ticket_id, category, sent_at) VALUES (?1, ?2, ?3, ?4)",
                params![id, tid, cat, sent],
            )?;
            if let Some(s) = &sent {
                let chance = match cat.as_str() {
                    "PANAS" => 0.6,
                    "HANGAT" => 0.35,
                    _ => 0.12,
                };
                if rng.random_bool(chance) {
                    let reply_at = ts(now - Duration::days(5) + Duration::hours(2));
                    let _ = s;
                    ins_msg.execute(params![
                        next_msg(),
                        tid,
                        "customer",
                        None::<String>,
                        None::<String>,
                        "Boleh, tolong hitungkan ya.",
                        None::<f64>,
                        reply_at
                    ])?;
                }
            }
        }
    }
    // WhatsApp's window runs from each ticket's last customer message.
    tx.execute_batch(
        "UPDATE tickets SET last_customer_at = (SELECT max(m.created_at) FROM messages m \
         WHERE m.ticket_id = tickets.id AND m.sender = 'customer')",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seeds an in-memory database as if it were `now`, and describes what
    /// was made without its times: every user, ticket (with its queue,
    /// owner, badges, stage and tags), message count, note, blast and
    /// recipient.
    fn shape_at(now: DateTime<Utc>) -> Vec<String> {
        let db = Db::open(None).unwrap();
        db.with(|conn| {
            let tx = conn.transaction().unwrap();
            seed_all(&tx, 7, 300, now).unwrap();
            tx.commit().unwrap();
        });
        let queries = [
            "SELECT id || ' ' || role || ' ' || division FROM users ORDER BY id",
            "SELECT t.id || ' ' || t.division || ' ' || t.customer_id || ' ' || t.channel || ' ' || t.status || ' ' || \
             t.queue_status || ' ' || IFNULL(t.assigned_to, '-') || ' ' || IFNULL(t.waiting_for_agent, '-') || ' ' || \
             t.returning_customer || ' ' || t.off_hours || ' ' || t.crm_stage || ' ' || IFNULL(t.lost_reason, '-') || ' ' || \
             IFNULL(t.quote_value, '-') || ' ' || IFNULL(t.deal_value, '-') || ' ' || \
             (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id) || ' ' || \
             IFNULL((SELECT group_concat(tag) FROM (SELECT tag FROM ticket_tags g WHERE g.ticket_id = t.id ORDER BY tag)), '') \
             FROM tickets t ORDER BY t.id",
            "SELECT id || ' ' || previous_agent_id FROM customers WHERE previous_agent_id IS NOT NULL ORDER BY id",
            "SELECT id || ' ' || ticket_id || ' ' || IFNULL(tagged_agent_id, '-') FROM internal_messages ORDER BY id",
            "SELECT id || ' ' || created_by || ' ' || status FROM blasts ORDER BY id",
            "SELECT blast_id || ' ' || ticket_id || ' ' || category || ' ' || (sent_at IS NOT NULL) FROM blast_recipients ORDER BY blast_id, ticket_id",
            "SELECT user_id || ' ' || count(*) FROM status_log GROUP BY user_id ORDER BY user_id",
        ];
        db.with(|conn| {
            let mut out = Vec::new();
            for q in queries {
                let mut st = conn.prepare(q).unwrap();
                let rows = st.query_map([], |r| r.get::<_, String>(0)).unwrap();
                out.extend(rows.map(Result::unwrap));
            }
            out
        })
    }

    /// The seed's shape does not drift with the calendar: seeding three
    /// weeks and some hours later (another weekday, another time of day,
    /// another month) makes the same users, tickets, owners, badges,
    /// messages and blasts.
    #[test]
    fn the_seed_is_the_same_whatever_the_date() {
        let a = DateTime::parse_from_rfc3339("2026-12-01T09:05:00+07:00")
            .unwrap()
            .with_timezone(&Utc);
        let later = [
            a + Duration::days(23) + Duration::hours(13) + Duration::minutes(41),
            a + Duration::days(5) + Duration::hours(5),
            a + Duration::days(150),
        ];
        let base = shape_at(a);
        assert!(base.len() > 300, "the seed made {} rows", base.len());
        for b in later {
            let other = shape_at(b);
            let diff: Vec<_> = base
                .iter()
                .zip(&other)
                .filter(|(x, y)| x != y)
                .take(5)
                .collect();
            assert!(
                diff.is_empty() && base.len() == other.len(),
                "seeding at {b} differs from {a}: {diff:?} ({} vs {} rows)",
                base.len(),
                other.len()
            );
        }
    }

    /// The live tickets are answerable (or not) the same on any day the
    /// demo runs: at every hour of a week (Sunday, when every division is
    /// closed, and Monday morning included) each FREE WhatsApp ticket's
    /// customer wrote within 24 hours, so the composer is open and not a
    /// template picker, and the tickets whose window is shut are the same
    /// ones. (End-to-end tests take the first free or assigned ticket and
    /// type a reply.) Each conversation still reads in time order.
    #[test]
    fn whatsapps_window_on_the_live_tickets_does_not_depend_on_the_day() {
        let monday = DateTime::parse_from_rfc3339("2026-11-30T00:30:00+07:00")
            .unwrap()
            .with_timezone(&Utc);
        let at = |t: &str| DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc);
        let mut first: Option<Vec<(String, bool)>> = None;
        for h in 0..(7 * 24) {
            let now = monday + Duration::hours(h);
            let wib = now.with_timezone(&crate::wib());
            let db = Db::open(None).unwrap();
            db.with(|conn| {
                let tx = conn.transaction().unwrap();
                seed_all(&tx, 7, 20, now).unwrap();
                tx.commit().unwrap();
            });
            let tickets: Vec<(String, String, String)> = db.with(|conn| {
                let mut st = conn
                    .prepare(
                        "SELECT id, queue_status, last_customer_at FROM tickets \
                         WHERE channel = 'whatsapp' AND queue_status IN ('FREE', 'ASSIGNED', 'WAITING_AGENT') \
                         ORDER BY id",
                    )
                    .unwrap();
                let rows = st
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .unwrap();
                rows.map(Result::unwrap).collect()
            });
            let messages: Vec<(String, String)> = db.with(|conn| {
                let mut st = conn
                    .prepare("SELECT ticket_id, created_at FROM messages ORDER BY rowid")
                    .unwrap();
                let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
                rows.map(Result::unwrap).collect()
            });
            let free = tickets.iter().filter(|t| t.1 == "FREE").count();
            assert!(free >= 3, "{wib}: {free} free WhatsApp tickets");
            let mut open = vec![];
            for (id, queue, last_customer) in &tickets {
                let age = now - at(last_customer);
                if queue == "FREE" {
                    assert!(
                        age < Duration::hours(23),
                        "{wib}: {id}'s customer last wrote {} min ago",
                        age.num_minutes()
                    );
                }
                open.push((id.clone(), age < Duration::hours(23)));
            }
            match &first {
                None => first = Some(open),
                Some(f) => assert_eq!(f, &open, "{wib}: other windows are shut"),
            }
            let mut last_of = std::collections::HashMap::new();
            let live: std::collections::HashSet<_> = tickets.iter().map(|t| t.0.clone()).collect();
            for (ticket, t) in messages.into_iter().filter(|m| live.contains(&m.0)) {
                let t = at(&t);
                assert!(t <= now, "{wib}: {ticket} has a message after now");
                if let Some(before) = last_of.insert(ticket.clone(), t) {
                    assert!(
                        before <= t,
                        "{wib}: {ticket}'s messages out of order: {before} then {t}"
                    );
                }
            }
        }
    }

    #[test]
    fn live_tickets_arrive_in_the_hours_their_badge_says() {
        let now = Utc::now();
        for div in Division::ALL {
            for off in [true, false] {
                let t = latest_with_off_hours(*div, now, off);
                assert_eq!(seeded_off_hours(*div, t), off, "{div:?} {off}");
                assert!(t <= now && now - t < Duration::days(3));
            }
        }
    }
}
