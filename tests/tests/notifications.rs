//! Issue 15 end to end on the real app, with the notifier's test double
//! (SAGA_NOTIFY_LOG) recording what the operating system would be asked to
//! show: L1 and L2 apart (DOD-9), once each, not for the open ticket, the
//! move away (ASSIGN-3) and the blast awaiting approval (BLAST-4), by the
//! stream and by polling, and the centre across a restart.

use saga_core::{AgentStatus, AssignRequest, InternalMessageRequest};
use saga_e2e::*;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// The notifications the OS was asked to show, in order.
fn shown(log: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// Waits until a shown notification matches.
async fn wait_shown(log: &std::path::Path, what: &str, f: impl Fn(&Value) -> bool) -> Value {
    let t = Instant::now();
    loop {
        if let Some(v) = shown(log).into_iter().find(|v| f(v)) {
            return v;
        }
        assert!(
            t.elapsed() < Duration::from_secs(15),
            "{what} was not shown; shown: {:?}",
            shown(log)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn customer_writes(app: &AppUnderTest, customer_id: &str, text: &str) {
    app.customer_message(json!({"customer_id": customer_id, "division": "SARI", "channel": "whatsapp", "message": text}))
        .await;
}

fn once_each(log: &std::path::Path) {
    let ids: Vec<String> = shown(log)
        .iter()
        .map(|v| v["id"].as_str().unwrap_or("").to_string())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "raised twice: {ids:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_message_and_a_tagged_note_are_told_apart_once_each_and_the_centre_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("shown.jsonl");
    let mut app = AppUnderTest::start_with(Options {
        env: vec![("SAGA_NOTIFY_LOG".into(), log.display().to_string())],
        ..Options::default()
    })
    .await;
    // A new customer writes; the agent takes the ticket over.
    let (agent, tid, customer) = app
        .new_customer_for("sari.agent1@saga.test", "Sinta Notifikasi")
        .await;
    let me = agent.me().await.unwrap();
    app.login("sari.agent1@saga.test").await;
    app.wait_for("[data-testid=notification-bell]").await;
    // The core has read the feed once (what was there is not raised).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let before = shown(&log).len();

    customer_writes(&app, &customer, "Kapan barang saya sampai di Medan?").await;
    let lead = app.api_as("lead@saga.test").await;
    lead.internal_message(
        &tid,
        &InternalMessageRequest {
            content: "RAHASIA-INTERNAL: cek harga khusus sebelum membalas".into(),
            tagged_agent_id: Some(me.id.clone()),
        },
    )
    .await
    .unwrap();
    let l1 = wait_shown(&log, "the customer's message", |v| {
        v["kind"] == "message" && v["ticket_id"] == tid.as_str()
    })
    .await;
    let l2 = wait_shown(&log, "the mention", |v| {
        v["kind"] == "mention" && v["ticket_id"] == tid.as_str()
    })
    .await;
    // DOD-9: different channels, sounds, looks; no L2 text in the L1 one.
    assert_eq!(
        (l1["layer"].as_str(), l2["layer"].as_str()),
        (Some("l1"), Some("l2"))
    );
    assert_ne!(l1["channel"], l2["channel"]);
    assert_ne!(l1["sound"], l2["sound"]);
    assert_ne!(l1["icon"], l2["icon"]);
    assert!(l1["body"]
        .as_str()
        .unwrap()
        .contains("Kapan barang saya sampai"));
    assert!(!l1["body"].as_str().unwrap().contains("RAHASIA"), "{l1}");
    assert!(l2["body"].as_str().unwrap().contains("RAHASIA-INTERNAL"));
    assert!(l1["title"].as_str().unwrap().starts_with("Pelanggan"));
    assert!(l2["title"].as_str().unwrap().starts_with("Internal"));
    assert_eq!(
        shown(&log).len(),
        before + 2,
        "nothing else: {:?}",
        shown(&log)
    );

    // The centre: both, by layer, unread.
    let unread: usize = app
        .attr("[data-testid=notification-bell]", "data-unread")
        .await
        .unwrap()
        .parse()
        .unwrap();
    assert!(unread >= 2, "unread {unread}");
    app.click("[data-testid=notification-bell]").await;
    let item = |layer: &str, kind: &str| {
        format!("[data-testid=notification-item][data-layer={layer}][data-kind={kind}][data-ticket-id={tid}]")
    };
    app.wait_for(&item("l1", "message")).await;
    app.wait_for(&item("l2", "mention")).await;
    assert_eq!(
        app.attr(&item("l1", "message"), "data-read")
            .await
            .as_deref(),
        Some("false")
    );
    // Opening one opens its ticket and marks it read.
    let opened = app.attr(&item("l1", "message"), "data-id").await.unwrap();
    app.click(&item("l1", "message")).await;
    app.wait_attr(
        "[data-testid=ticket-detail]",
        "data-ticket-id",
        &tid,
        Duration::from_secs(10),
    )
    .await;
    // While the ticket is open, its next message reaches the centre only.
    let n = shown(&log).len();
    customer_writes(&app, &customer, "Halo, masih di sana?").await;
    let t = Instant::now();
    loop {
        let feed = agent.notifications().await.unwrap().items;
        if feed.iter().any(|x| x.body.contains("masih di sana")) {
            break;
        }
        assert!(t.elapsed() < Duration::from_secs(10));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(shown(&log).len(), n, "not raised for the open ticket");

    // ASSIGN-3: moved away, told with the lead's name.
    app.go("/inbox").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let other_api = app.api_as("sari.agent2@saga.test").await;
    other_api
        .set_status(AgentStatus::Online, None)
        .await
        .unwrap();
    let other = other_api.me().await.unwrap();
    lead.assign(
        &tid,
        &AssignRequest {
            assign_to: other.id.clone(),
            note: None,
        },
    )
    .await
    .unwrap();
    let moved = wait_shown(&log, "the move", |v| v["kind"] == "moved").await;
    assert!(
        moved["title"]
            .as_str()
            .unwrap()
            .contains("Tiket Anda dipindahkan oleh Lina Kurniawati"),
        "{moved}"
    );
    once_each(&log);

    // After a restart the centre still holds them, read state kept, and
    // nothing is raised again.
    let n = shown(&log).len();
    app.restart().await;
    app.login("sari.agent1@saga.test").await;
    app.wait_for("[data-testid=notification-bell]").await;
    app.click("[data-testid=notification-bell]").await;
    app.wait_for(&item("l2", "mention")).await;
    assert_eq!(
        app.attr(
            &format!("[data-testid=notification-item][data-id={opened}]"),
            "data-read"
        )
        .await
        .as_deref(),
        Some("true"),
        "read before the restart"
    );
    // The one that came while the ticket was open waits, unread.
    assert_eq!(
        app.attr(&item("l1", "message"), "data-read")
            .await
            .as_deref(),
        Some("false")
    );
    app.wait_for("[data-testid=notification-item][data-kind=moved]")
        .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(shown(&log).len(), n, "nothing raised twice after a restart");
    app.click("[data-testid=notification-read-all]").await;
    app.wait_attr(
        "[data-testid=notification-bell]",
        "data-unread",
        "0",
        Duration::from_secs(5),
    )
    .await;
    app.close().await;
}

/// Without the event stream (polling only) the feed is polled: the blast
/// awaiting approval reaches the Team Lead once (BLAST-4).
#[tokio::test(flavor = "multi_thread")]
async fn with_polling_only_a_blast_awaiting_approval_is_told_once() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("shown.jsonl");
    let app = AppUnderTest::start_with(Options {
        env: vec![
            ("SAGA_NOTIFY_LOG".into(), log.display().to_string()),
            ("SAGA_SYNC_MODE".into(), "polling".into()),
        ],
        ..Options::default()
    })
    .await;
    let lead = app.api_as("lead@saga.test").await;
    lead.set_status(AgentStatus::Online, None).await.unwrap();
    app.login("lead@saga.test").await;
    app.wait_for("[data-testid=notification-bell]").await;
    tokio::time::sleep(Duration::from_millis(2000)).await;
    let agent = app.api_as("sari.agent1@saga.test").await;
    let leads = agent.recommendations(None).await.unwrap().leads;
    let b = agent
        .blast_create(&saga_core::BlastCreateRequest {
            recipients: vec![leads[0].id.clone()],
            template_id: Some("TPL-2".into()),
            message: "Halo {nama}, penawaran dari kami masih berlaku sampai akhir minggu ini. Mau kami proses sekarang?".into(),
        })
        .await
        .unwrap();
    let v = wait_shown(&log, "the blast awaiting approval", |v| {
        v["kind"] == "blast-approval"
    })
    .await;
    assert!(v["title"]
        .as_str()
        .unwrap()
        .contains(saga_core::strings::BLAST_PENDING_NOTIFY));
    // Several polls later: still once.
    tokio::time::sleep(Duration::from_millis(3000)).await;
    let approvals = shown(&log)
        .iter()
        .filter(|v| v["kind"] == "blast-approval")
        .count();
    assert_eq!(approvals, 1, "{:?}", shown(&log));
    once_each(&log);
    app.click("[data-testid=notification-bell]").await;
    app.wait_for("[data-testid=notification-item][data-kind=blast-approval]")
        .await;
    let _ = b;
    app.close().await;
}
