//! Issue 17 item 4: the fault soak. The real app (its commands, outbox,
//! retrier and sync loop, called from its own webview) makes mixed writes
//! (replies, internal notes, single follow-ups, CRM saves) across several
//! tickets while the dev server answers 30 % of requests with a 5xx, loses
//! 10 % of answers after the write was stored, has bursts of 429, restarts
//! once and drops the network for 10 s. At the end every write is stored
//! exactly once on the server and shown exactly once, as sent, in the app,
//! and each ticket's CRM holds its last save.
//!
//! `SAGA_SOAK_WRITES` writes (100 by default, the run in `cargo xtask test`;
//! `cargo xtask soak` makes 1,000). The figures are printed.

use saga_devserver::faults::{FaultConfig, FaultCounts};
use saga_devserver::Config;
use saga_e2e::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::{Duration, Instant};

const AGENT: &str = "sari.agent1@saga.test";
const BATCH: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Reply,
    Note,
    FollowUp,
    Crm,
}

struct Planned {
    kind: Kind,
    ticket: usize,
    /// The marker text (replies, notes, follow-ups) or the quote (CRM).
    text: String,
    quote: i64,
}

/// 40 % replies, 25 % notes, 15 % follow-ups, 20 % CRM saves, spread
/// over the tickets in a fixed order.
fn plan(n: usize, tickets: usize) -> Vec<Planned> {
    (0..n)
        .map(|i| {
            let kind = match (i * 7) % 20 {
                0..=7 => Kind::Reply,
                8..=12 => Kind::Note,
                13..=15 => Kind::FollowUp,
                _ => Kind::Crm,
            };
            Planned {
                kind,
                ticket: (i * 3) % tickets,
                text: format!("SOAK-{i:04} {kind:?} pesan uji ketahanan"),
                quote: 1_000_000 + i as i64 * 1_000,
            }
        })
        .collect()
}

fn faults(base: &FaultConfig, rate_limit: u32) -> FaultConfig {
    FaultConfig {
        rate_limit,
        ..base.clone()
    }
}

fn add(a: FaultCounts, b: FaultCounts) -> FaultCounts {
    FaultCounts {
        errors: a.errors + b.errors,
        lost_after_write: a.lost_after_write + b.lost_after_write,
        dropped: a.dropped + b.dropped,
        rate_limited: a.rate_limited + b.rate_limited,
        offline: a.offline + b.offline,
    }
}

/// Calls the app's own commands from its webview, one after the other
/// (the order a person makes them in), and returns each outcome.
async fn invoke_all(app: &AppUnderTest, calls: Vec<Value>) -> Vec<String> {
    let script = "const done = arguments[arguments.length - 1]; const calls = arguments[0];
        const inv = window.__TAURI__.core.invoke;
        (async () => { const out = [];
          for (const c of calls) {
            try { const r = await inv(c.cmd, c.args); out.push(r && r.outcome ? r.outcome : 'ok'); }
            catch (e) { out.push('error: ' + (e && e.message ? e.message : JSON.stringify(e))); }
          }
          done(out); })();";
    let v = app
        .client
        .execute_async(script, vec![Value::Array(calls)])
        .await
        .expect("the webview runs the commands");
    serde_json::from_value(v).expect("outcomes")
}

fn call(p: &Planned, ticket: &str) -> Value {
    match p.kind {
        Kind::Reply => {
            json!({"cmd": "send_reply", "args": {"id": ticket, "reply": {"message": p.text}}})
        }
        Kind::Note => {
            json!({"cmd": "send_internal_note", "args": {"id": ticket, "note": {"content": p.text}}})
        }
        Kind::FollowUp => {
            json!({"cmd": "send_followup", "args": {"id": ticket, "templateId": null, "message": p.text}})
        }
        Kind::Crm => json!({"cmd": "update_crm", "args": {"id": ticket, "division": "SARI",
            "values": {"crm_stage": "Qualified", "quote_value": p.quote}}}),
    }
}

async fn waiting(app: &AppUnderTest) -> usize {
    let v = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI__.core.invoke('outbox_list', {id: null}).then(r => done(r.length), e => done(-1));",
            vec![],
        )
        .await
        .expect("outbox_list");
    // An error (-1) is not an empty outbox.
    usize::try_from(v.as_i64().unwrap_or(-1)).unwrap_or(usize::MAX)
}

/// Every message and note the ticket page shows, with all older messages
/// loaded: (test id, delivery, still in the outbox, text).
async fn shown(app: &AppUnderTest, ticket: &str) -> Vec<(String, String, bool, String)> {
    app.go(&format!("/ticket/{ticket}")).await;
    app.wait_for("[data-testid=l1-thread]").await;
    app.wait_for("[data-testid=l2-panel]").await;
    let t = Instant::now();
    while app.click_if_present("[data-testid=l1-load-older]").await {
        assert!(t.elapsed() < Duration::from_secs(30), "older messages");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let v = app
        .client
        .execute(
            "return Array.from(document.querySelectorAll('[data-testid=l1-message], [data-testid=l2-message]')).map(e =>
               [e.getAttribute('data-testid'), e.getAttribute('data-delivery') || '', e.hasAttribute('data-outbox-key'),
                (e.querySelector('.msg-text') || e).innerText]);",
            vec![],
        )
        .await
        .expect("the thread");
    serde_json::from_value(v).expect("rows")
}

#[tokio::test(flavor = "multi_thread")]
async fn soak_every_write_is_stored_once_and_shown_once() {
    let n: usize = std::env::var("SAGA_SOAK_WRITES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let tickets_n = (n / 100).clamp(4, 10);
    let dir = tempfile::tempdir().unwrap();
    let mut app = AppUnderTest::start_with(Options {
        server: Config {
            db: Some(dir.path().join("soak.db")),
            history: 100,
            ..Config::default()
        },
        ..Options::default()
    })
    .await;
    let started = Instant::now();

    // Tickets of new customers on Telegram (no 24-hour window), taken over
    // by the agent.
    let api = app.api_as(AGENT).await;
    api.set_status(saga_core::AgentStatus::Online, None)
        .await
        .unwrap();
    let mut tickets = Vec::new();
    for k in 0..tickets_n {
        let t = app
            .customer_message(
                json!({"name": format!("Pelanggan Uji {k}"), "division": "SARI",
                "channel": "telegram", "message": "Halo, mau kirim barang ke Makassar"}),
            )
            .await;
        let id = t["id"].as_str().expect("a new ticket").to_string();
        api.self_takeover(&id).await.unwrap();
        tickets.push(id);
    }
    app.login(AGENT).await;
    app.wait_for("[data-testid=inbox-list]").await;
    // A batch waits for each first attempt, and a first attempt during a
    // burst of 429 backs off a few times before it gives up to the outbox.
    app.client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(Duration::from_secs(300)),
            None,
            None,
        ))
        .await
        .unwrap();

    let base = FaultConfig {
        error_rate: 0.30,
        drop_after_rate: 0.10,
        ..FaultConfig::default()
    };
    app.server.state.faults.set(base.clone());
    let planned = plan(n, tickets_n);
    let mut counts = FaultCounts::default();
    let (mut restarted, mut dropped_at, mut bursts) = (false, None::<Instant>, 0);
    let mut burst_until = None::<Instant>;
    let mut outcomes: HashMap<String, usize> = HashMap::new();
    let send_started = Instant::now();
    for (b, chunk) in planned.chunks(BATCH).enumerate() {
        let at = b * BATCH;
        // Bursts of 429 for two seconds, at a quarter and three quarters.
        if burst_until.is_some_and(|t| Instant::now() >= t) {
            burst_until = None;
            app.server.state.faults.set(base.clone());
        }
        if at >= bursts * n / 2 + n / 4 && bursts < 2 {
            bursts += 1;
            burst_until = Some(Instant::now() + Duration::from_secs(2));
            app.server.state.faults.set(faults(&base, 2));
        }
        if at >= n / 2 && !restarted {
            restarted = true;
            counts = add(counts, app.server.state.faults.counts());
            app.restart_server().await;
            app.server.state.faults.set(base.clone());
        }
        if at >= 2 * n / 3 && dropped_at.is_none() {
            dropped_at = Some(Instant::now());
            app.server.state.faults.set(FaultConfig {
                offline_ms: 10_000,
                ..base.clone()
            });
        }
        let calls = chunk.iter().map(|p| call(p, &tickets[p.ticket])).collect();
        let t = Instant::now();
        let got = invoke_all(&app, calls).await;
        if std::env::var_os("SAGA_SOAK_VERBOSE").is_some() {
            eprintln!(
                "soak: writes {at}..{} in {:?}",
                at + chunk.len(),
                t.elapsed()
            );
        }
        for o in got {
            assert!(
                o == "done" || o == "queued",
                "a write was refused or failed where it should wait: {o}"
            );
            *outcomes.entry(o).or_default() += 1;
        }
    }
    let sent_in = send_started.elapsed();
    if let Some(t) = burst_until {
        tokio::time::sleep(t.saturating_duration_since(Instant::now())).await;
    }
    // The faults end; the network drop ends on its own clock.
    app.server.state.faults.set(FaultConfig::default());
    let mut last_fault = Instant::now();
    if let Some(d) = dropped_at {
        last_fault = last_fault.max(d + Duration::from_secs(10));
    }
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let left = waiting(&app).await;
        if left == 0 && Instant::now() >= last_fault {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{} 5 minutes after the last fault",
            if left == usize::MAX {
                "the outbox could not be read".to_string()
            } else {
                format!("{left} writes still waiting")
            }
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let drained = last_fault.elapsed();
    counts = add(counts, app.server.state.faults.counts());

    // Stored exactly once, on the server.
    let ids = tickets.clone();
    let (texts, crm) = app
        .server
        .state
        .db
        .tx(move |tx| {
            let mut texts: HashMap<String, usize> = HashMap::new();
            for table in ["messages", "internal_messages"] {
                let mut st = tx.prepare(&format!(
                    "SELECT content FROM {table} WHERE content LIKE 'SOAK-%'"
                ))?;
                for c in st.query_map([], |r| r.get::<_, String>(0))? {
                    *texts.entry(c?).or_default() += 1;
                }
            }
            let mut crm = Vec::new();
            for id in &ids {
                let saves: i64 = tx.query_row(
                    "SELECT count(*) FROM audit_log WHERE ticket_id = ?1 AND action IN ('crm_stage', 'crm_update')",
                    [id],
                    |r| r.get(0),
                )?;
                let quote: Option<i64> =
                    tx.query_row("SELECT quote_value FROM tickets WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
                crm.push((saves as usize, quote));
            }
            Ok((texts, crm))
        })
        .await
        .expect("the server's database");
    let (mut once, mut duplicates, mut lost) = (0, 0, 0);
    for p in planned.iter().filter(|p| p.kind != Kind::Crm) {
        match texts.get(&p.text).copied().unwrap_or(0) {
            1 => once += 1,
            0 => lost += 1,
            k => duplicates += k - 1,
        }
    }
    let mut crm_right = 0;
    for (k, (saves, quote)) in crm.iter().enumerate() {
        let mine: Vec<&Planned> = planned
            .iter()
            .filter(|p| p.kind == Kind::Crm && p.ticket == k)
            .collect();
        match saves.cmp(&mine.len()) {
            std::cmp::Ordering::Equal => once += mine.len(),
            std::cmp::Ordering::Less => lost += mine.len() - saves,
            std::cmp::Ordering::Greater => duplicates += saves - mine.len(),
        }
        // Saves of a ticket arrive in the order they were made.
        if mine.last().map(|p| p.quote) == *quote || mine.is_empty() {
            crm_right += 1;
        }
    }

    // Shown exactly once, as sent, in the app.
    let mut shown_once = 0;
    let mut wrong = Vec::new();
    for (k, id) in tickets.iter().enumerate() {
        let rows = shown(&app, id).await;
        for p in planned
            .iter()
            .filter(|p| p.ticket == k && p.kind != Kind::Crm)
        {
            let at: Vec<_> = rows.iter().filter(|r| r.3.trim() == p.text).collect();
            let testid = if p.kind == Kind::Note {
                "l2-message"
            } else {
                "l1-message"
            };
            let good = at.len() == 1
                && at[0].0 == testid
                && !at[0].2
                && (p.kind == Kind::Note || at[0].1 == "sent");
            if good {
                shown_once += 1;
            } else {
                wrong.push(format!("{}: {:?}", p.text, at));
            }
        }
    }
    let kinds = |k: Kind| planned.iter().filter(|p| p.kind == k).count();
    let texts_n = n - kinds(Kind::Crm);
    println!(
        "soak: {n} writes ({} replies, {} notes, {} follow-ups, {} CRM saves) over {tickets_n} tickets, made in {:.1} s \
         ({} delivered at once, {} queued)",
        kinds(Kind::Reply),
        kinds(Kind::Note),
        kinds(Kind::FollowUp),
        kinds(Kind::Crm),
        sent_in.as_secs_f64(),
        outcomes.get("done").copied().unwrap_or(0),
        outcomes.get("queued").copied().unwrap_or(0),
    );
    println!(
        "soak faults: {} answered 5xx, {} answers lost after the write, {} answered 429 ({bursts} bursts), \
         {} refused during the network drop (1 drop of 10 s), 1 server restart",
        counts.errors, counts.lost_after_write, counts.rate_limited, counts.offline
    );
    println!(
        "soak result: stored once {once}/{n}, duplicates {duplicates}, lost {lost}; shown once as sent \
         {shown_once}/{texts_n}; CRM holds the last save on {crm_right}/{tickets_n} tickets; \
         drained {:.1} s after the last fault; {:.0} s in all",
        drained.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    assert!(restarted && dropped_at.is_some() && bursts == 2);
    assert!(
        counts.errors > 0 && counts.lost_after_write > 0 && counts.rate_limited > 0,
        "every kind of fault was injected: {counts:?}"
    );
    assert_eq!((once, duplicates, lost), (n, 0, 0), "stored exactly once");
    assert!(wrong.is_empty(), "not shown once as sent: {wrong:#?}");
    assert_eq!(crm_right, tickets_n, "the last CRM save is what stays");
    app.close().await;
}
