//! App benchmark (prints figures; not a timed test). Run by
//! `cargo xtask bench`. Measures on the real app under Xvfb:
//! - status change by another client → supervisor panel, p50/p95 over 50
//!   changes, with the event stream and polling only;
//! - cold start → login screen interactive, and sign-in → shell interactive;
//! - RSS and PSS of the app's processes after 60 s idle.

use saga_core::AgentStatus;
use saga_e2e::*;
use std::time::{Duration, Instant};

fn pct(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "benchmark; run with cargo xtask bench"]
async fn panel_latency() {
    for mode in ["stream", "polling"] {
        let env = if mode == "polling" {
            vec![("SAGA_SYNC_MODE".to_string(), "polling".to_string())]
        } else {
            vec![]
        };
        let app = AppUnderTest::start_with(Options {
            env,
            ..Options::default()
        })
        .await;
        app.login("lead@saga.test").await;
        app.click("[data-testid=nav-panel]").await;
        let row = "[data-testid=panel-agent-row][data-agent-id=U-safia1]";
        app.wait_for(row).await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let agent = app.api_as("safia.agent1@saga.test").await;
        let mut times = Vec::new();
        for i in 0..50 {
            let st = if i % 2 == 0 {
                AgentStatus::Online
            } else {
                AgentStatus::Offline
            };
            let t = Instant::now();
            agent.set_status(st, None).await.unwrap();
            app.wait_attr(row, "data-status", st.as_str(), Duration::from_secs(5))
                .await;
            times.push(t.elapsed());
            // Spread the changes over polling ticks.
            tokio::time::sleep(Duration::from_millis(37 * (i % 7) as u64)).await;
        }
        println!(
            "BENCH status change -> panel ({mode}): p50 {} p95 {} max {}",
            ms(pct(&mut times, 0.5)),
            ms(pct(&mut times, 0.95)),
            ms(pct(&mut times, 1.0))
        );
        app.close().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "benchmark; run with cargo xtask bench"]
async fn start_and_memory() {
    let t = Instant::now();
    let app = AppUnderTest::start().await;
    println!(
        "BENCH cold start -> login screen interactive (incl. WebDriver session): {}",
        ms(t.elapsed())
    );
    let t = Instant::now();
    app.login("sari.agent1@saga.test").await;
    app.wait_for("[data-testid=inbox-list]").await;
    println!(
        "BENCH sign-in -> shell with inbox rows: {}",
        ms(t.elapsed())
    );
    tokio::time::sleep(Duration::from_secs(60)).await;
    let mut total_rss = 0;
    let mut total_pss = 0;
    for (pid, name) in processes() {
        if let Some((rss, pss)) = smaps(pid) {
            println!(
                "BENCH memory after 60 s idle: {name} (pid {pid}) RSS {} MB PSS {} MB",
                rss / 1024,
                pss / 1024
            );
            total_rss += rss;
            total_pss += pss;
        }
    }
    println!(
        "BENCH memory total: RSS {} MB PSS {} MB",
        total_rss / 1024,
        total_pss / 1024
    );
    app.close().await;
}

/// The app and its WebKit helper processes.
fn processes() -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm"))
            .unwrap_or_default()
            .trim()
            .to_string();
        if comm == "saga-app"
            || comm.starts_with("WebKitWebProces")
            || comm.starts_with("WebKitNetworkPr")
        {
            out.push((pid, comm));
        }
    }
    out
}

/// (Rss, Pss) in kB from smaps_rollup.
fn smaps(pid: u32) -> Option<(u64, u64)> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let get = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
    };
    Some((get("Rss:")?, get("Pss:")?))
}
