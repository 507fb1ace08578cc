//! Benchmark (not a timed test): seeds 100,000 tickets and prints p50/p95
//! latency over HTTP of the inbox with filters, the inbox search (issue 14:
//! names, phone numbers, ticket ids), the panel's lists and agents, the FREE
//! list and a ticket's messages. Run: `cargo bench -p saga-devserver --bench queries`
//! (or `cargo xtask bench`). Figures go to docs/performance.md.

use saga_devserver::{serve, Config};
use std::time::{Duration, Instant};

const N: usize = 100_000;
const REPS: usize = 200;

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

async fn measure(http: &reqwest::Client, token: &str, url: &str) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(REPS);
    let mut bytes = 0;
    for _ in 0..REPS {
        let t = Instant::now();
        let r = http.get(url).bearer_auth(token).send().await.unwrap();
        assert!(r.status().is_success(), "{url}: {}", r.status());
        bytes = r.bytes().await.unwrap().len();
        times.push(t.elapsed());
    }
    (pct(&mut times, 0.5), pct(&mut times, 0.95), bytes)
}

#[tokio::main]
async fn main() {
    let t = Instant::now();
    let s = serve(Config {
        history: N,
        ..Config::default()
    })
    .await
    .unwrap();
    println!(
        "seeded {N} historical tickets (+ live ones) in {:.1?}",
        t.elapsed()
    );
    let http = reqwest::Client::new();
    let login = |email: &'static str| {
        let http = http.clone();
        let url = format!("{}/api/auth/login", s.url());
        async move {
            let v: serde_json::Value = http
                .post(url)
                .json(&serde_json::json!({"email": email, "password": "saga-demo-2026"}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            v["token"].as_str().unwrap().to_string()
        }
    };
    let sa = login("superadmin@saga.test").await;
    let agent = login("sari.agent1@saga.test").await;
    let base = s.url();
    // A ticket with a long history to read.
    let page: serde_json::Value = http
        .get(format!(
            "{base}/api/admin/inbox?division=SARI&crm_stage=Won&limit=1"
        ))
        .bearer_auth(&sa)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let tid = page["items"][0]["id"].as_str().unwrap().to_string();
    // What a user would search for: part of a common surname, a whole
    // rare name, a phone number typed the local way, its last digits.
    let (rare, phone): (String, String) = s.state.db.with(|c| {
        c.query_row(
            "SELECT c.name, c.phone FROM customers c ORDER BY c.rowid DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    });
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let local = format!("0{}", &digits[2..]);
    let tail = digits[digits.len() - 6..].to_string();
    let enc = |q: &str| q.replace(' ', "%20");
    let search_id = format!("T-{}", N / 2);
    let cases: Vec<(&str, &str, String)> = vec![
        ("inbox, all divisions, first page of 50", &sa, format!("{base}/api/admin/inbox?division=all&limit=50")),
        ("inbox, agent's division, page 20", &agent, format!("{base}/api/admin/inbox?limit=50&offset=1000")),
        ("inbox, status+channel+stage filters", &sa, format!("{base}/api/admin/inbox?division=all&status=CLOSED&channel=whatsapp&crm_stage=Won&limit=50")),
        ("inbox, same filters, page 100", &sa, format!("{base}/api/admin/inbox?division=all&status=CLOSED&channel=whatsapp&crm_stage=Won&limit=50&offset=5000")),
        ("inbox, rare status (NEW)", &sa, format!("{base}/api/admin/inbox?division=all&status=NEW&limit=50")),
        ("inbox, rare status, agent's division", &agent, format!("{base}/api/admin/inbox?status=IN_PROGRESS&limit=50")),
        ("inbox, tag filter", &sa, format!("{base}/api/admin/inbox?division=all&tags=prioritas,b2b&limit=50")),
        ("inbox, assigned_to an agent", &sa, format!("{base}/api/admin/inbox?division=all&assigned_to=U-sari1&limit=50")),
        ("search: part of a name (\"sapu\")", &sa, format!("{base}/api/admin/inbox?division=all&limit=30&q=sapu")),
        ("search: a whole name", &sa, format!("{base}/api/admin/inbox?division=all&limit=30&q={}", enc(&rare))),
        ("search: a phone number, local form", &sa, format!("{base}/api/admin/inbox?division=all&limit=30&q={local}")),
        ("search: last 6 digits of a phone", &sa, format!("{base}/api/admin/inbox?division=all&limit=30&q={tail}")),
        ("search: a ticket id", &sa, format!("{base}/api/admin/inbox?division=all&limit=30&q={search_id}")),
        ("search: name part, agent's division", &agent, format!("{base}/api/admin/inbox?limit=30&q=sapu")),
        ("panel: idle list (oldest activity, open)", &sa, format!("{base}/api/admin/inbox?division=all&queue_status=ASSIGNED&order=idle&limit=50")),
        ("panel: waiting list (longest wait)", &sa, format!("{base}/api/admin/inbox?division=all&queue_status=FREE&order=waiting&limit=100")),
        ("panel: agents with load (API-3)", &sa, format!("{base}/api/agent/status/all")),
        ("FREE list (agent)", &agent, format!("{base}/api/admin/inbox/free")),
        ("ticket messages", &sa, format!("{base}/api/admin/ticket/{tid}/messages")),
    ];
    println!("{:<42} {:>9} {:>9} {:>8}", "query", "p50", "p95", "bytes");
    for (name, token, url) in cases {
        let (p50, p95, bytes) = measure(&http, token, &url).await;
        println!(
            "{name:<42} {:>7.2}ms {:>7.2}ms {bytes:>8}",
            p50.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3
        );
    }
    s.stop().await;
}
