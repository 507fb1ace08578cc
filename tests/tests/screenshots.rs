//! Screenshots of the real app for docs/screenshots (desktop 1440×900,
//! phone 390×844). Run by `cargo xtask screenshots`; ignored in the normal
//! test run.

use saga_e2e::*;
use std::path::PathBuf;
use std::time::Duration;

fn out(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../docs/screenshots")
        .join(name)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn screenshots() {
    for (w, h, tag) in [(1440u32, 900u32, "desktop"), (390, 844, "phone")] {
        let app = AppUnderTest::start_with(Options {
            width: w,
            height: h,
            ..Options::default()
        })
        .await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        app.screenshot(&out(&format!("login-{tag}.png"))).await;
        app.login("lead@saga.test").await;
        app.wait_for("[data-testid=inbox-list]").await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        app.screenshot(&out(&format!("shell-inbox-{tag}.png")))
            .await;
        let agent = app.api_as("sari.agent1@saga.test").await;
        agent
            .set_status(saga_core::AgentStatus::Online, None)
            .await
            .unwrap();
        app.click("[data-testid=nav-panel]").await;
        app.wait_attr(
            "[data-testid=panel-agent-row][data-agent-id=U-sari1]",
            "data-status",
            "online",
            Duration::from_secs(3),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("panel-{tag}.png"))).await;
        app.click("[data-testid=status-toggle]").await;
        app.wait_attr(
            "[data-testid=status-toggle]",
            "data-status",
            "online",
            Duration::from_secs(3),
        )
        .await;
        app.click("[data-testid=status-toggle]").await;
        app.wait_for("[data-testid=confirm-dialog]").await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        app.screenshot(&out(&format!("offline-dialog-{tag}.png")))
            .await;
        app.close().await;
    }
}
