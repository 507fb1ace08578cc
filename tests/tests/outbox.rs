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
        said.contains("Kiriman yang tertunda tidak bisa dipulihkan"),
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

/// Waits until `f` holds, saying `what` if it never does.
async fn until<F: std::future::Future<Output = bool>>(what: &str, d: Duration, f: impl Fn() -> F) {
    let t = Instant::now();
    while !f().await {
        assert!(t.elapsed() < d, "{what}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Issue 17 item 1: an internal note, a single follow-up and a CRM save
/// made while the server fails are kept where they were made ('gagal' with
/// the reason and 'Coba lagi'), survive a restart, and arrive exactly once
/// after the server recovers, even when the answers to the deliveries that
/// stored them are lost.
#[tokio::test(flavor = "multi_thread")]
async fn a_note_a_followup_and_a_crm_save_made_while_the_server_fails_arrive_once() {
    let mut app = AppUnderTest::start().await;
    let agent = "sari.agent2@saga.test";
    let api = app.api_as(agent).await;
    // A ticket outside WhatsApp, so the follow-up may be free text.
    let id = api
        .free(None)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|t| t.channel != saga_core::Channel::Whatsapp)
        .expect("a FREE ticket outside WhatsApp")
        .id;
    api.self_takeover(&id).await.unwrap();
    app.login(agent).await;
    app.go(&format!("/ticket/{id}")).await;
    app.wait_for("[data-testid=composer][data-mode=l1]").await;

    app.server.state.faults.set(FaultConfig {
        fail_next: [
            failures_503("POST", "/internal-message", 200),
            failures_503("POST", "/followup", 200),
            failures_503("PATCH", "/crm", 200),
        ]
        .concat(),
        ..FaultConfig::default()
    });

    // The note: it waits in L2, the composer is free for the next one.
    let note = "Pelanggan minta harga khusus untuk 3 motor, tunggu TL.";
    app.click("[data-testid=composer-mode-toggle]").await;
    app.wait_for("[data-testid=composer][data-mode=l2]").await;
    app.type_into("[data-testid=composer-input]", note).await;
    app.click("[data-testid=composer-send]").await;
    let pending_note = "[data-testid=l2-message][data-delivery=failed][data-outbox-key]";
    app.wait_for(pending_note).await;
    let shown = app.text(pending_note).await;
    assert!(
        shown.contains(note) && shown.contains("Server sedang bermasalah"),
        "{shown}"
    );
    assert!(
        app.exists(&format!("{pending_note} [data-testid=outbox-retry]"))
            .await
    );
    assert_eq!(
        app.value("[data-testid=composer-input]").await.as_deref(),
        Some("")
    );
    assert!(
        !app.text("[data-testid=l1-thread]").await.contains(note),
        "SEC-5: a waiting note is never shown as a reply"
    );

    // The follow-up: it waits in the conversation.
    let followup = "Selamat siang, apakah jadi kirim 3 motor minggu ini?";
    app.click("[data-testid=followup-send]").await;
    app.fill("[data-testid=followup-message]", followup).await;
    app.click("[data-testid=followup-submit]").await;
    let pending_l1 = "[data-testid=l1-message][data-delivery=failed][data-outbox-key]";
    app.wait_for(pending_l1).await;
    assert!(app.text(pending_l1).await.contains(followup));
    assert!(!app.exists("[data-testid=followup-dialog]").await);

    // The CRM save: the form keeps the values and says why it is not saved.
    app.go(&format!("/ticket/{id}/crm")).await;
    app.wait_for("[data-testid=crm-form]").await;
    app.select("[data-testid=crm-field-crm_stage]", "Qualified")
        .await;
    app.type_into("[data-testid=crm-field-quote_value]", "4750000")
        .await;
    app.click("[data-testid=crm-save]").await;
    app.wait_for("[data-testid=crm-pending][data-delivery=failed]")
        .await;
    assert!(app
        .text("[data-testid=crm-pending]")
        .await
        .contains("CRM belum tersimpan"));
    assert!(!app.exists("[data-testid=crm-saved]").await);

    // Quit and start again: all three are still waiting, as typed.
    app.restart().await;
    app.login(agent).await;
    app.go(&format!("/ticket/{id}/crm")).await;
    app.wait_for("[data-testid=crm-pending][data-delivery=failed]")
        .await;
    assert_eq!(
        app.value("[data-testid=crm-field-quote_value]")
            .await
            .as_deref(),
        Some("Rp 4.750.000")
    );
    app.go(&format!("/ticket/{id}")).await;
    app.wait_for(pending_note).await;
    assert!(app.text(pending_note).await.contains(note));
    assert!(app.text(pending_l1).await.contains(followup));

    // The server recovers, but each delivery's answer is lost after the
    // write was stored: the app cannot know, and retries with the key.
    let lost = |method: &str, suffix: &str| ScriptedFailure {
        method: method.into(),
        path_suffix: suffix.into(),
        after_run: true,
        ..ScriptedFailure::default()
    };
    app.server.state.faults.set(FaultConfig {
        fail_next: vec![
            lost("POST", "/internal-message"),
            lost("POST", "/followup"),
            lost("PATCH", "/crm"),
        ],
        ..FaultConfig::default()
    });
    let sa = app.api_as("superadmin@saga.test").await;
    until(
        "every write arrives, once",
        Duration::from_secs(60),
        || async {
            app.click_if_present("[data-testid=outbox-retry]").await;
            let notes = api.internal_messages(&id).await.unwrap().items;
            let n = notes.iter().filter(|n| n.content == note).count();
            let msgs = api.messages(&id, 200).await.unwrap().items;
            let f = msgs.iter().filter(|m| m.content == followup).count();
            let crm = api.ticket(&id).await.unwrap().crm;
            let saves = sa
                .audit_log(&id)
                .await
                .unwrap()
                .items
                .iter()
                .filter(|a| a.action == "crm_stage")
                .count();
            assert!(
                n <= 1 && f <= 1 && saves <= 1,
                "stored twice: {n} {f} {saves}"
            );
            // (The CRM save's own state is shown on its tab, below.)
            n == 1
                && f == 1
                && crm.quote_value == Some(4_750_000)
                && saves == 1
                && !app.exists("[data-outbox-key]").await
        },
    )
    .await;
    // Shown once each, as delivered.
    let l2 = app.text("[data-testid=l2-panel]").await;
    assert_eq!(l2.matches(note).count(), 1, "{l2}");
    let l1 = app.text("[data-testid=l1-thread]").await;
    assert_eq!(l1.matches(followup).count(), 1, "{l1}");
    app.go(&format!("/ticket/{id}/crm")).await;
    app.wait_for("[data-testid=crm-form]").await;
    // Its answer was lost too: the app learns it was saved on its next
    // attempt (the same key, answered as the first time).
    let still_waiting = app.exists("[data-testid=crm-pending]").await;
    println!("the CRM save was still waiting when its form opened: {still_waiting}");
    let t = Instant::now();
    loop {
        app.click_if_present("[data-testid=outbox-retry]").await;
        if !app.exists("[data-testid=crm-pending]").await {
            break;
        }
        if t.elapsed() > Duration::from_secs(45) {
            let says = app
                .attr_now("[data-testid=crm-pending]", "data-delivery")
                .await;
            panic!(
                "the CRM save did not leave the outbox: {says:?}, '{}'",
                app.text("[data-testid=crm-pending]").await
            );
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    // Delivered from the outbox while the form was open, it says so as a
    // save made at once would.
    if still_waiting {
        app.wait_for("[data-testid=crm-saved]").await;
    }
    app.wait_attr(
        "[data-testid=ticket-detail] [data-testid=crm-stage-chip]",
        "data-stage",
        "Qualified",
        Duration::from_secs(5),
    )
    .await;
    app.close().await;
}

/// Issue 17 item 1: a waiting write belongs to its author. Signed out, it
/// stays on the machine but the next person (a Team Lead on the same
/// ticket) neither sees it nor sends it; when its author signs in again it
/// is shown and delivered, once.
#[tokio::test(flavor = "multi_thread")]
async fn a_waiting_write_is_its_authors_alone_on_a_shared_machine() {
    let app = AppUnderTest::start().await;
    let (api, id) = app.take_free_ticket("sari.agent2@saga.test").await;
    app.login("sari.agent2@saga.test").await;
    app.go(&format!("/ticket/{id}")).await;
    app.wait_for("[data-testid=composer][data-mode=l1]").await;
    let text = "Baik Pak, truk kami jemput Kamis pagi.";
    app.fail_next_with_503("POST", "/reply", 500);
    app.type_into("[data-testid=composer-input]", text).await;
    app.click("[data-testid=composer-send]").await;
    app.wait_for("[data-testid=l1-message][data-outbox-key]")
        .await;
    app.nav("logout").await;
    app.wait_for("[data-testid=login-email]").await;

    // The server recovers while someone else works on the same machine.
    app.server
        .state
        .faults
        .set(saga_devserver::faults::FaultConfig::default());
    app.login("lead@saga.test").await;
    app.go(&format!("/ticket/{id}")).await;
    app.wait_for("[data-testid=l1-thread]").await;
    // Long enough for the retrier to have sent it, had it been the lead's.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert!(
        !app.exists("[data-outbox-key]").await,
        "another person's waiting write is not shown"
    );
    assert!(
        !app.text("[data-testid=l1-thread]").await.contains(text),
        "nor sent in their session"
    );
    let stored = api.messages(&id, 100).await.unwrap().items;
    assert!(!stored.iter().any(|m| m.content == text));

    // Its author signs in again: it is there and goes, once.
    app.nav("logout").await;
    app.wait_for("[data-testid=login-email]").await;
    app.login("sari.agent2@saga.test").await;
    app.go(&format!("/ticket/{id}")).await;
    until(
        "delivered after its author signed in again",
        Duration::from_secs(20),
        || async {
            let stored = api.messages(&id, 100).await.unwrap().items;
            stored.iter().filter(|m| m.content == text).count() == 1
                && !app.exists("[data-outbox-key]").await
        },
    )
    .await;
    let l1 = app.text("[data-testid=l1-thread]").await;
    assert_eq!(l1.matches(text).count(), 1, "{l1}");
    app.close().await;
}
