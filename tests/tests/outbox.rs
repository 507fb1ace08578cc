//! Nothing typed is lost (issue 4 item 10, DETAIL-L1-3): a reply sent while
//! the server fails stays in the thread as 'gagal', survives a restart in
//! the persisted outbox, and is delivered exactly once after the server
//! recovers, even when an answer is lost after the server stored the reply.

use saga_devserver::faults::{FaultConfig, ScriptedFailure};
use saga_e2e::*;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread")]
async fn a_reply_sent_while_the_server_fails_is_kept_and_delivered_once() {
    let mut app = AppUnderTest::start().await;
    let (api, id) = app.take_free_ticket("sari.agent2@saga.test").await;
    app.login("sari.agent2@saga.test").await;
    app.go(&format!("/ticket/{id}")).await;
    app.wait_for("[data-testid=composer-input]").await;

    let text = "Baik Pak, armada kami jemput besok jam 09.00 WIB.";
    app.fail_next_with_503("POST", "/reply", 50);
    app.type_into("[data-testid=composer-input]", text).await;
    app.click("[data-testid=composer-send]").await;
    let pending = "[data-testid=l1-message][data-delivery=failed][data-outbox-key]";
    app.wait_for(pending).await;
    assert!(app.text(pending).await.contains(text));
    assert_eq!(
        app.value("[data-testid=composer-input]").await.as_deref(),
        Some(""),
        "the reply lives in the thread now, not twice"
    );

    // Quit and start again: the reply is still waiting.
    app.restart().await;
    app.login("sari.agent2@saga.test").await;
    app.go(&format!("/ticket/{id}")).await;
    app.wait_for(pending).await;
    assert!(app.text(pending).await.contains(text));

    // The server recovers, but the answer to the next attempt is lost after
    // the reply was stored: the app cannot know and keeps it queued.
    app.server.state.faults.set(FaultConfig {
        fail_next: vec![ScriptedFailure {
            method: "POST".into(),
            path_suffix: "/reply".into(),
            after_run: true,
            ..ScriptedFailure::default()
        }],
        ..FaultConfig::default()
    });
    // The background retrier may get there first; either carries the key.
    app.click_if_present("[data-testid=outbox-retry]").await;
    // Retries (by hand or automatically) carry the same idempotency key.
    let t = Instant::now();
    loop {
        let stored = api.messages(&id, 100).await.unwrap().items;
        let n = stored.iter().filter(|m| m.content == text).count();
        assert!(n <= 1, "delivered twice");
        if n == 1 && !app.exists("[data-outbox-key]").await {
            break;
        }
        assert!(t.elapsed() < Duration::from_secs(20), "never delivered");
        app.click_if_present("[data-testid=outbox-retry]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    // Shown once, as sent.
    let sent = app
        .client
        .find_all(fantoccini::Locator::Css(
            "[data-testid=l1-message][data-sender=agent]",
        ))
        .await
        .unwrap();
    let mut shown = 0;
    for m in sent {
        if m.text().await.unwrap_or_default().contains(text) {
            shown += 1;
            assert_eq!(
                m.attr("data-delivery").await.unwrap().as_deref(),
                Some("sent")
            );
        }
    }
    assert_eq!(shown, 1);
    app.close().await;
}

/// Issue 17 item 2: an outbox file that cannot be read is never silently
/// emptied: it is kept aside under a dated name and the person is told,
/// in words, where it is; replies queue in a fresh file from then on.
#[tokio::test(flavor = "multi_thread")]
async fn a_corrupt_outbox_file_is_kept_aside_and_the_person_is_told() {
    let mut app = AppUnderTest::start().await;
    let dir = app.home().join("data/id.sagaprima.desk");
    std::fs::create_dir_all(&dir).unwrap();
    let broken = br#"{"format": 1, "entries": [{"key": "k-1", "user_id": "U-sari1", "ticket_id"#;
    std::fs::write(dir.join("outbox.json"), broken).unwrap();
    app.restart().await;
    app.wait_for("[data-testid=toast][data-kind=error]").await;
    let said = app.text("[data-testid=toast]").await;
    assert!(
        said.contains("Balasan yang tertunda tidak bisa dipulihkan"),
        "{said}"
    );
    let kept: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("outbox.corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1, "kept aside once");
    assert!(
        said.contains(&kept[0]),
        "the message names the copy: {said}"
    );
    assert_eq!(std::fs::read(dir.join(&kept[0])).unwrap(), broken);
    // The app works on: sign in as usual.
    app.login("sari.agent1@saga.test").await;
    app.wait_for("[data-testid=inbox-list]").await;
    app.close().await;
}
