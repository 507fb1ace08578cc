//! Secrets stay secret (issue 17 item 7, SEC-3..5): the session token (a
//! JWT, `eyJ…`) appears in no IPC answer, no event, no web storage, no
//! file the app writes and no log line; and the page cannot reach any network host itself
//! (the CSP's `connect-src` refuses a fetch).

use saga_e2e::*;
use std::time::Duration;

/// Whether `text` holds something shaped like a JWT (header.payload.sig).
fn has_jwt(text: &str) -> bool {
    text.match_indices("eyJ").any(|(i, _)| {
        let rest = &text[i..];
        let tok: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect();
        tok.split('.').count() == 3 && tok.len() > 40
    })
}

async fn js(app: &AppUnderTest, script: &str) -> serde_json::Value {
    app.client.execute_async(script, vec![]).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_token_is_nowhere_the_page_or_the_disk_can_see_and_the_page_cannot_fetch() {
    assert!(has_jwt(
        "x eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJVLTEiLCJleHAiOjF9.abcdefghijklmnop y"
    ));
    assert!(!has_jwt("eyJ is only a prefix"));
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("app.log");
    let app = AppUnderTest::start_with(Options {
        log: Some(log.clone()),
        ..Options::default()
    })
    .await;
    // Everything the page hears from the core while signing in and working.
    js(
        &app,
        "const done = arguments[0]; window.__sagaEvents = [];
         window.__TAURI__.event.listen('saga://event', e => window.__sagaEvents.push(JSON.stringify(e.payload))).then(() => done(null));",
    )
    .await;
    app.login("sari.agent1@saga.test").await;
    app.wait_for("[data-testid=ticket-row]").await;
    app.click("[data-testid=status-toggle]").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let answers = js(
        &app,
        "const done = arguments[0]; const inv = window.__TAURI__.core.invoke;
         const calls = [['app_info'], ['session_restore'], ['inbox', { query: { limit: 5 } }], ['notifications'], ['outbox_list'], ['update_status'], ['notification_prefs']];
         Promise.all(calls.map(([c, a]) => inv(c, a || {}).then(v => JSON.stringify(v), e => JSON.stringify(e))))
           .then(r => done({ answers: r, events: window.__sagaEvents, local: JSON.stringify(Object.assign({}, localStorage)),
                             session: JSON.stringify(Object.assign({}, sessionStorage)), cookie: document.cookie }));",
    )
    .await;
    let text = answers.to_string();
    assert!(
        answers["events"].as_array().is_some_and(|e| !e.is_empty()),
        "the page heard events: {answers}"
    );
    assert!(!has_jwt(&text), "a token reached the page: {text}");
    // Nothing the app wrote under its home holds it either.
    let mut files = 0;
    let mut stack = vec![app.home().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                files += 1;
                assert!(
                    !has_jwt(&String::from_utf8_lossy(&bytes)),
                    "a token on disk: {}",
                    p.display()
                );
            }
        }
    }
    assert!(files > 0, "the app wrote its files (web storage, outbox)");
    // Nor any log line (every one goes through logline::redact).
    let said = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        said.contains("saga-app: backend"),
        "the app's log lines were captured: {said}"
    );
    assert!(!has_jwt(&said), "a token in the log: {said}");
    // The page cannot reach the network itself: not the API, not anything.
    let fetched = js(
        &app,
        &format!(
            "const done = arguments[0];
             Promise.all(['{}/healthz', 'https://example.com/'].map(u => fetch(u).then(() => 'reached ' + u, e => 'refused')))
               .then(done);",
            app.server.url()
        ),
    )
    .await;
    assert_eq!(
        fetched,
        serde_json::json!(["refused", "refused"]),
        "CSP connect-src"
    );
    app.close().await;
}
