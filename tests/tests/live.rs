//! The live view catches up (issue 17 item 3): the network drops (the dev
//! server's `offline_ms` fault cuts the event stream and refuses every
//! request), the app says 'Terputus, mencoba lagi…'; a customer writes
//! meanwhile (the event is lost with the stream); when the network is
//! back the indicator says so and the inbox shows the new ticket without
//! the person doing anything.

use saga_e2e::*;
use std::time::Duration;

async fn faults(app: &AppUnderTest, body: serde_json::Value) {
    let r = reqwest::Client::new()
        .post(format!("{}/api/dev/faults", app.server.url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
}

#[tokio::test(flavor = "multi_thread")]
async fn what_happened_while_the_network_was_down_is_shown_when_it_is_back() {
    let app = AppUnderTest::start().await;
    app.login("lead@saga.test").await;
    app.wait_for("[data-testid=ticket-row]").await;
    app.wait_for(".conn.ok").await;
    // Ten seconds without a network.
    faults(&app, serde_json::json!({ "offline_ms": 10_000 })).await;
    let bad = app
        .wait_for_within(".conn.bad", Duration::from_secs(8))
        .await;
    assert_eq!(
        bad.text().await.unwrap_or_default().trim(),
        "Terputus, mencoba lagi…"
    );
    // A customer writes while the app cannot hear of it.
    let t = app
        .customer_message(serde_json::json!({
            "name": "Rahmat Hidayat", "division": "SARI", "channel": "whatsapp",
            "message": "Kirim motor ke Makassar minggu depan bisa?"
        }))
        .await;
    let id = t["id"].as_str().unwrap().to_string();
    let row = format!("[data-testid=ticket-row][data-ticket-id='{id}']");
    assert!(!app.exists(&row).await, "not seen while down");
    // Back: live again, and the ticket is there.
    app.wait_for_within(".conn.ok", Duration::from_secs(30))
        .await;
    app.wait_for_within(&row, Duration::from_secs(10)).await;
    app.close().await;
}
