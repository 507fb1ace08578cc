//! Customers arriving and writing (shared by the simulator, the seed and the
//! dev endpoint), the blast sender and the traffic simulator.

use crate::api::{
    self, audit, load_ticket, new_id, notify, now, ticket_changed, user_brief, Content, L1Text,
    NotificationKind,
};
use crate::error::AppResult;
use crate::AppState;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{params, OptionalExtension, Transaction};
use saga_core::events::ServerEvent;
use saga_core::model::*;
use std::time::Duration;

fn ts(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub fn new_customer(tx: &Transaction<'_>, name: &str, channel: &Channel) -> AppResult<String> {
    let id = new_id("C");
    let wa = (*channel == Channel::Whatsapp)
        .then(|| format!("{} 🚚", name.split(' ').next().unwrap_or(name)));
    tx.execute(
        "INSERT INTO customers (id, name, phone, wa_display_name, previous_agent_id, created_at) VALUES (?1, ?2, NULL, ?3, NULL, ?4)",
        params![id, name, wa, now()],
    )?;
    Ok(id)
}

/// A canned bot answer per division, with a confidence score.
pub fn bot_answer(div: Division, pick: usize) -> &'static str {
    const SARI: &[&str] = &[
        "Halo! Untuk pengiriman kargo, boleh kami tahu kota asal, tujuan, dan perkiraan berat barangnya?",
        "Tarif kargo laut Jakarta–Makassar mulai Rp 4.500/kg, minimal 100 kg. Mau kami buatkan penawaran?",
        "Untuk kirim motor, mohon info jenis motornya (Bebek/Matic/Sport/Besar) dan kota tujuan ya.",
    ];
    const SAVI: &[&str] = &[
        "Halo! Untuk pengiriman mobil antar pulau, boleh info merek/model mobil dan rute pengirimannya?",
        "Mobil dari Batam FTZ memerlukan dokumen PPFTZ. Apakah mobil Anda berasal dari Batam FTZ?",
        "Untuk mobil listrik, pengiriman hanya via port Jakarta dengan baterai 25-49%.",
    ];
    const SAFIA: &[&str] = &[
        "Halo! Untuk pindahan, apakah rumah, apartemen, atau kantor? Dan kapan rencana pindahnya?",
        "Kami bisa jadwalkan survei gratis ke lokasi. Kapan waktu yang cocok untuk Anda?",
        "Perkiraan volume barang rumah 2 kamar sekitar 15–20 CBM. Mau kami hitungkan estimasinya?",
    ];
    let list = match div {
        Division::Sari => SARI,
        Division::Savi => SAVI,
        Division::Safia => SAFIA,
    };
    list[pick % list.len()]
}

/// One row of `messages` (every column is a parameter).
#[allow(clippy::too_many_arguments)]
pub fn insert_message(
    tx: &Transaction<'_>,
    ticket_id: &str,
    sender: Sender,
    sender_id: Option<&str>,
    sender_name: Option<&str>,
    content: &str,
    confidence: Option<f64>,
    at: &str,
) -> AppResult<String> {
    let id = new_id("M");
    tx.execute(
        "INSERT INTO messages (id, ticket_id, sender, sender_id, sender_name, content, confidence, delivery, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'sent', ?8)",
        params![id, ticket_id, sender.as_str(), sender_id, sender_name, content, confidence, at],
    )?;
    if sender == Sender::Customer {
        // WhatsApp's window reopens when the customer writes.
        tx.execute(
            "UPDATE tickets SET last_customer_at = max(IFNULL(last_customer_at, ''), ?2) WHERE id = ?1",
            params![ticket_id, at],
        )?;
    }
    Ok(id)
}

/// The bot answers a customer on a FREE ticket, with a confidence score.
fn bot_reply(
    tx: &Transaction<'_>,
    ticket_id: &str,
    div: Division,
    pick: usize,
    at: &str,
) -> AppResult<String> {
    let conf = 0.55 + (pick % 40) as f64 / 100.0;
    insert_message(
        tx,
        ticket_id,
        Sender::Bot,
        None,
        Some("Saga Bot"),
        bot_answer(div, pick),
        Some(conf),
        at,
    )
}

/// A customer writes. Appends to their open ticket in the division, or opens
/// a new one: routed to their previous agent when returning (RETURN-1), who
/// it waits for when Offline (RETURN-2); otherwise FREE with the bot
/// answering. OFF HOURS follows the division's operating hours.
pub fn customer_writes(
    tx: &Transaction<'_>,
    customer_id: &str,
    div: Division,
    channel: &Channel,
    content: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> AppResult<(TicketItem, Vec<ServerEvent>)> {
    let (cname, prev): (String, Option<String>) = tx
        .query_row(
            "SELECT name, previous_agent_id FROM customers WHERE id = ?1",
            [customer_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| crate::error::AppError::not_found("Pelanggan"))?;
    let at_s = ts(at);
    let mut events = Vec::new();
    let open: Option<String> = tx
        .query_row(
            "SELECT id FROM tickets WHERE customer_id = ?1 AND division = ?2 AND status != 'CLOSED' ORDER BY created_at DESC LIMIT 1",
            params![customer_id, div.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    let pick = content.len();
    let tid = match open {
        Some(tid) => {
            insert_message(tx, &tid, Sender::Customer, None, None, content, None, &at_s)?;
            let t = load_ticket(tx, &tid)?;
            if t.queue_status == QueueStatus::Free {
                bot_reply(tx, &tid, div, pick, &at_s)?;
            } else {
                tx.execute(
                    "UPDATE tickets SET status = CASE WHEN status = 'AWAITING_RESPONSE' THEN 'IN_PROGRESS' ELSE status END WHERE id = ?1",
                    [&tid],
                )?;
                if let Some(a) = &t.assigned_to {
                    events.push(notify(
                        tx,
                        a,
                        NotificationKind::Message,
                        &format!("Pesan baru dari {cname}"),
                        Content::L1(L1Text::conversation(content)),
                        Some(&tid),
                    )?);
                }
            }
            tid
        }
        None => {
            let tid = new_id("T");
            let off = crate::api::admin::is_off_hours(tx, div, at)?;
            let prev_ok = match &prev {
                Some(p) => user_brief(tx, p)?.filter(|u| u.4 && saga_core::access::has_status(u.1)),
                None => None,
            };
            let wa: Option<String> = if *channel == Channel::Whatsapp {
                tx.query_row(
                    "SELECT wa_display_name FROM customers WHERE id = ?1",
                    [customer_id],
                    |r| r.get(0),
                )?
            } else {
                None
            };
            let (queue, assigned, waiting, waiting_since) = match (&prev, &prev_ok) {
                (Some(p), Some((_, _, _, AgentStatus::Online, _))) => {
                    ("ASSIGNED", Some(p.clone()), None, None)
                }
                (Some(p), Some(_)) => ("WAITING_AGENT", None, Some(p.clone()), Some(at_s.clone())),
                _ => ("FREE", None, None, Some(at_s.clone())),
            };
            tx.execute(
                "INSERT INTO tickets (id, division, customer_id, channel, wa_display_name, status, queue_status, assigned_to, \
                 waiting_for_agent, returning_customer, off_hours, crm_stage, created_at, last_activity_at, waiting_since, first_pickup_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 'NEW', ?6, ?7, ?8, ?9, ?10, 'Lead', ?11, ?11, ?12, ?13)",
                params![
                    tid,
                    div.as_str(),
                    customer_id,
                    channel.as_str(),
                    wa,
                    queue,
                    assigned,
                    waiting,
                    prev_ok.is_some(),
                    off,
                    at_s,
                    waiting_since,
                    assigned.as_ref().map(|_| at_s.clone())
                ],
            )?;
            insert_message(tx, &tid, Sender::Customer, None, None, content, None, &at_s)?;
            if queue == "FREE" {
                bot_reply(tx, &tid, div, pick, &at_s)?;
            }
            audit(
                tx,
                &tid,
                None,
                "created",
                &format!("Tiket baru dari {cname} via {channel}"),
            )?;
            if let Some(a) = &assigned {
                api::involve(tx, &tid, a)?;
                audit(
                    tx,
                    &tid,
                    None,
                    "returning_routed",
                    "Pelanggan lama diteruskan ke agent sebelumnya",
                )?;
                events.push(notify(
                    tx,
                    a,
                    NotificationKind::Message,
                    &format!("Pelanggan lama kembali: {cname}"),
                    Content::L1(L1Text::conversation(content)),
                    Some(&tid),
                )?);
            }
            if let Some(w) = &waiting {
                api::involve(tx, &tid, w)?;
                audit(
                    tx,
                    &tid,
                    None,
                    "returning_waiting",
                    "Menunggu agent sebelumnya yang sedang Offline",
                )?;
            }
            tid
        }
    };
    tx.execute(
        "UPDATE tickets SET last_activity_at = ?2, last_message_preview = ?3 WHERE id = ?1",
        params![tid, at_s, content.chars().take(120).collect::<String>()],
    )?;
    let t = load_ticket(tx, &tid)?;
    events.push(ServerEvent::Message {
        ticket_id: tid.clone(),
        division: div,
    });
    events.push(ticket_changed(&t));
    Ok((t, events))
}

/// Chance (percent) that a recipient of a category answers a blast.
fn response_chance(cat: &str) -> u64 {
    match cat {
        "PANAS" => 60,
        "HANGAT" => 35,
        _ => 12,
    }
}

fn stable_hash(s: &str) -> u64 {
    // FNV-1a: deterministic across runs.
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// Sends up to `rate` messages of each approved blast; never touches a blast
/// that is not `sending` (CRIT-5). Returns the events to publish.
pub fn blast_tick(tx: &Transaction<'_>, rate: u32) -> AppResult<Vec<ServerEvent>> {
    let mut st =
        tx.prepare("SELECT id, created_by, message FROM blasts WHERE status = 'sending'")?;
    let blasts: Vec<(String, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut events = Vec::new();
    for (bid, creator, message) in blasts {
        let (cname, ..) = user_brief(tx, &creator)?.unwrap_or((
            "Saga".into(),
            Role::SalesAgent,
            Division::Sari,
            AgentStatus::Offline,
            true,
        ));
        let mut st = tx.prepare(
            "SELECT ticket_id, category FROM blast_recipients WHERE blast_id = ?1 AND sent_at IS NULL ORDER BY ticket_id LIMIT ?2",
        )?;
        let batch: Vec<(String, String)> = st
            .query_map(params![bid, rate], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (tid, cat) in &batch {
            let t = load_ticket(tx, tid)?;
            let content = crate::api::followup::personalize_for(tx, &message, &t, &cname)?;
            // The one writer of L1 and the outbound channel.
            let m = crate::api::conversation::send_l1(
                tx,
                &t,
                Sender::Agent,
                &creator,
                &cname,
                &content,
                None,
            )?;
            tx.execute(
                "UPDATE blast_recipients SET sent_at = ?3 WHERE blast_id = ?1 AND ticket_id = ?2",
                params![bid, tid, m.created_at],
            )?;
            if stable_hash(&format!("{bid}{tid}")) % 100 < response_chance(cat) {
                let reply_at = ts(chrono::Utc::now() + chrono::Duration::seconds(1));
                insert_message(
                    tx,
                    tid,
                    Sender::Customer,
                    None,
                    None,
                    "Terima kasih infonya, saya tertarik. Bisa dibantu prosesnya?",
                    None,
                    &reply_at,
                )?;
            }
            events.push(ticket_changed(&t));
        }
        let left: u32 = tx.query_row(
            "SELECT count(*) FROM blast_recipients WHERE blast_id = ?1 AND sent_at IS NULL",
            [&bid],
            |r| r.get(0),
        )?;
        if left == 0 {
            tx.execute(
                "UPDATE blasts SET status = 'completed' WHERE id = ?1",
                [&bid],
            )?;
        }
        if !batch.is_empty() || left == 0 {
            events.push(ServerEvent::BlastProgress {
                blast: crate::api::followup::load_blast(tx, &bid)?,
            });
        }
    }
    Ok(events)
}

const FIRST: &[&str] = &[
    "Budi", "Siti", "Agus", "Dewi", "Rudi", "Ani", "Hendra", "Maya", "Joko", "Rina", "Andi",
    "Lestari", "Bayu", "Wulan", "Fajar", "Indah", "Yusuf", "Ratna", "Eko", "Putri", "Arif",
    "Nurul", "Dimas", "Sari", "Teguh", "Fitri", "Gilang", "Citra", "Hadi", "Yanti",
];
const LAST: &[&str] = &[
    "Santoso",
    "Wijaya",
    "Pratama",
    "Saputra",
    "Hidayat",
    "Nugroho",
    "Kusuma",
    "Siregar",
    "Simanjuntak",
    "Lubis",
    "Hasibuan",
    "Wibowo",
    "Setiawan",
    "Gunawan",
    "Halim",
    "Tanjung",
    "Manurung",
    "Pohan",
    "Rahman",
    "Syahputra",
];

pub fn person_name(rng: &mut impl Rng) -> String {
    format!(
        "{} {}",
        FIRST[rng.random_range(0..FIRST.len())],
        LAST[rng.random_range(0..LAST.len())]
    )
}

pub fn channel_of(rng: &mut impl Rng) -> Channel {
    match rng.random_range(0..100) {
        0..=59 => Channel::Whatsapp,
        60..=74 => Channel::Instagram,
        75..=87 => Channel::Telegram,
        _ => Channel::Facebook,
    }
}

const CUSTOMER_LINES: &[&str] = &[
    "Halo, mau tanya ongkos kirim ke Makassar berapa ya?",
    "Kak, bisa kirim motor ke Balikpapan minggu ini?",
    "Saya mau kirim mobil dari Batam ke Jakarta, prosesnya gimana?",
    "Rencana pindahan rumah bulan depan, bisa survei dulu?",
    "Sudah saya transfer DP-nya ya, mohon dicek.",
    "Barangnya kira-kira sampai kapan?",
    "Ada diskon untuk pengiriman rutin tiap bulan?",
    "Dokumen STNK dan BPKB sudah lengkap, selanjutnya apa?",
];

/// One simulated event: a new customer, an existing customer writing, or a
/// returning customer.
fn simulate_step(tx: &Transaction<'_>, rng: &mut StdRng) -> AppResult<Vec<ServerEvent>> {
    let div = Division::ALL[rng.random_range(0..3)];
    let line = CUSTOMER_LINES[rng.random_range(0..CUSTOMER_LINES.len())];
    let roll = rng.random_range(0..100);
    let cid: String = if roll < 45 {
        let ch = channel_of(rng);
        let name = person_name(rng);
        let cid = new_customer(tx, &name, &ch)?;
        return customer_writes(tx, &cid, div, &ch, line, chrono::Utc::now()).map(|r| r.1);
    } else if roll < 85 {
        match tx
            .query_row(
                "SELECT customer_id FROM tickets WHERE division = ?1 AND status != 'CLOSED' ORDER BY last_activity_at DESC LIMIT 1 OFFSET ?2",
                params![div.as_str(), rng.random_range(0..20)],
                |r| r.get(0),
            )
            .optional()?
        {
            Some(c) => c,
            None => return Ok(vec![]),
        }
    } else {
        match tx
            .query_row(
                "SELECT c.id FROM customers c WHERE c.previous_agent_id IS NOT NULL AND NOT EXISTS \
                 (SELECT 1 FROM tickets t WHERE t.customer_id = c.id AND t.status != 'CLOSED') LIMIT 1 OFFSET ?1",
                [rng.random_range(0..30)],
                |r| r.get(0),
            )
            .optional()?
        {
            Some(c) => c,
            None => return Ok(vec![]),
        }
    };
    let ch: String = tx
        .query_row(
            "SELECT channel FROM tickets WHERE customer_id = ?1 ORDER BY created_at DESC LIMIT 1",
            [&cid],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| "whatsapp".into());
    let div_of: String = tx
        .query_row(
            "SELECT division FROM tickets WHERE customer_id = ?1 ORDER BY created_at DESC LIMIT 1",
            [&cid],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| div.as_str().into());
    customer_writes(
        tx,
        &cid,
        Division::parse(&div_of).unwrap_or(div),
        &Channel::parse(&ch),
        line,
        chrono::Utc::now(),
    )
    .map(|r| r.1)
}

/// Background work: the blast sender always, the traffic simulator with
/// `--simulate`. Both stop when `stop` turns true.
pub fn spawn_workers(state: AppState, stop: tokio::sync::watch::Receiver<bool>) {
    let s = state.clone();
    let mut stop1 = stop.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop1.changed() => break,
            }
            let rate = s.config.blast_rate.max(1);
            if let Ok(ev) = s.db.tx(move |tx| blast_tick(tx, rate)).await {
                s.publish(ev);
            }
        }
    });
    if state.config.simulate {
        let s = state;
        let mut stop2 = stop;
        tokio::spawn(async move {
            let mut rng = StdRng::seed_from_u64(s.config.seed ^ 0x5a5a);
            let every = s.config.simulate_every.max(0.2);
            loop {
                let wait = Duration::from_secs_f64(every * rng.random_range(0.5..1.5));
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = stop2.changed() => break,
                }
                let seed: u64 = rng.random();
                let r =
                    s.db.tx(move |tx| {
                        let mut rng = StdRng::seed_from_u64(seed);
                        simulate_step(tx, &mut rng)
                    })
                    .await;
                if let Ok(ev) = r {
                    s.publish(ev);
                }
            }
        });
    }
}
