//! Desktop updates that never interrupt an agent (issue 16 item 5,
//! DOCS-4): the real app finds a newer version in a manifest served here,
//! downloads it and verifies its signature, waits while the agent is
//! Online (the core refuses a restart then, whatever the page shows), and
//! offers 'Mulai ulang sekarang' once they are Offline. A package signed by
//! another key is refused with a clear message; an older version is not
//! offered. Nothing is installed over the test binary: a bare binary says
//! it cannot update itself.
//!
//! The test signs with a key pair of its own (minisign, the format the
//! Tauri updater verifies) and hands the app the public key through
//! `SAGA_UPDATE_PUBKEY`, which only debug builds read.

use saga_e2e::updates::{Release, Signer};
use saga_e2e::{AppUnderTest, Options};
use std::time::Duration;

async fn start(release: &Release, pubkey: String) -> AppUnderTest {
    AppUnderTest::start_with(Options {
        env: vec![
            ("SAGA_UPDATE_URL".into(), release.url()),
            ("SAGA_UPDATE_PUBKEY".into(), pubkey),
        ],
        ..Options::default()
    })
    .await
}

async fn invoke(app: &AppUnderTest, cmd: &str) -> serde_json::Value {
    app.client
        .execute_async(
            &format!(
                "const done = arguments[0]; window.__TAURI__.core.invoke('{cmd}').then(v => done({{ ok: v }}), e => done({{ err: e }}));"
            ),
            vec![],
        )
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_newer_version_is_verified_and_waits_until_the_agent_is_offline() {
    let signer = Signer::new();
    let release = Release::serve("0.2.0", &signer);
    let app = start(&release, signer.pubkey()).await;
    app.login("sari.agent1@saga.test").await;
    // The agent goes Online and keeps working.
    app.click("[data-testid=status-toggle]").await;
    app.wait_attr(
        "[data-testid=status-toggle]",
        "data-status",
        "online",
        Duration::from_secs(5),
    )
    .await;
    app.go("#/settings").await;
    app.wait_attr(
        "[data-testid=update-status]",
        "data-phase",
        "ready",
        Duration::from_secs(30),
    )
    .await;
    let text = app.text("[data-testid=update-text]").await;
    assert!(text.contains("Versi 0.2.0 siap."), "{text}");
    assert!(
        text.contains("Dipasang setelah Anda Offline"),
        "Online: the install waits: {text}"
    );
    // No restart offered while Online, and none over the page.
    assert!(!app.exists("[data-testid=update-restart]").await);
    assert!(!app.exists("[data-testid=update-ready]").await);
    // The core refuses it too, whatever a page would ask.
    let r = invoke(&app, "update_restart").await;
    assert_eq!(r["err"]["kind"], "conflict", "{r}");
    assert!(
        r["err"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("setelah Anda Offline"),
        "{r}"
    );
    let s = invoke(&app, "update_status").await;
    assert_eq!(s["ok"]["version"], "0.2.0");
    assert_eq!(s["ok"]["received"], 300_000, "the whole package: {s}");

    // Offline: the notice offers the restart, without a dialog.
    app.click("[data-testid=status-toggle]").await;
    app.click("[data-testid=confirm-ok]").await;
    app.wait_attr(
        "[data-testid=status-toggle]",
        "data-status",
        "offline",
        Duration::from_secs(5),
    )
    .await;
    app.wait_for("[data-testid=update-ready]").await;
    assert_eq!(
        app.attr("[data-testid=update-ready]", "data-version")
            .await
            .as_deref(),
        Some("0.2.0")
    );
    let notice = app.text("[data-testid=update-ready]").await;
    assert!(notice.contains("Versi baru siap"), "{notice}");
    assert!(notice.contains("Mulai ulang sekarang"), "{notice}");
    // A bare test binary was not installed from a package: it says so
    // instead of writing over itself.
    app.click("[data-testid=update-ready] [data-testid=update-restart]")
        .await;
    app.wait_for("[data-testid=toast][data-kind=error]").await;
    let toast = app.text("[data-testid=toast]").await;
    assert!(toast.contains("tidak dipasang dari paket"), "{toast}");
    // 'Nanti' puts the notice away; the app is still here.
    app.click("[data-testid=update-later]").await;
    app.wait_gone("[data-testid=update-ready]", Duration::from_secs(3))
        .await;
    assert!(app.exists("[data-testid=app-shell]").await);
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_signature_is_refused_and_an_older_version_is_not_offered() {
    let (ours, theirs) = (Signer::new(), Signer::new());
    // Signed by a key that is not the app's.
    let release = Release::serve("0.2.0", &theirs);
    let app = start(&release, ours.pubkey()).await;
    app.login("sari.agent1@saga.test").await;
    app.go("#/settings").await;
    app.wait_attr(
        "[data-testid=update-status]",
        "data-phase",
        "failed",
        Duration::from_secs(30),
    )
    .await;
    let text = app.text("[data-testid=update-text]").await;
    assert!(
        text.contains("Pembaruan ditolak: tanda tangannya tidak cocok"),
        "{text}"
    );
    assert!(!app.exists("[data-testid=update-ready]").await);
    assert!(!app.exists("[data-testid=update-restart]").await);

    // A well-signed manifest announcing a version that is not newer (a
    // downgrade) is not an update.
    release.announce("0.0.9", &ours);
    app.click("[data-testid=update-check]").await;
    app.wait_attr(
        "[data-testid=update-status]",
        "data-phase",
        "up_to_date",
        Duration::from_secs(15),
    )
    .await;
    assert!(app
        .text("[data-testid=update-text]")
        .await
        .contains("Anda memakai versi terbaru."));
    app.close().await;
}
