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
        if tag == "desktop" {
            // The keyboard shortcuts (desktop: `?` or the topbar button).
            app.click("[data-testid=help-button]").await;
            app.wait_for("[data-testid=help-overlay]").await;
            app.screenshot(&out("help-overlay-desktop.png")).await;
            app.click("[data-testid=help-close]").await;
        }
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
        app.click("[data-testid=confirm-cancel]").await;
        // A FREE ticket (bot conversation, takeover button).
        let free = agent.free(None).await.unwrap().items;
        app.go(&format!("/ticket/{}", free[0].id)).await;
        app.wait_for("[data-testid=takeover-button]").await;
        app.screenshot(&out(&format!("ticket-free-{tag}.png")))
            .await;
        // A ticket with L2 notes, composer in L2 mode.
        app.click("[data-testid=takeover-button]").await;
        app.wait_for("[data-testid=composer-mode-toggle]").await;
        app.click("[data-testid=composer-mode-toggle]").await;
        app.type_into(
            "[data-testid=composer-input]",
            "Pelanggan B2B, cek harga kontrak dulu.",
        )
        .await;
        app.click("[data-testid=composer-send]").await;
        tokio::time::sleep(Duration::from_millis(600)).await;
        app.type_into(
            "[data-testid=composer-input]",
            "Tawarkan jadwal jemput besok pagi",
        )
        .await;
        app.screenshot(&out(&format!("ticket-l2-{tag}.png"))).await;
        app.close().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn crm_screenshots() {
    for (w, h, tag) in [(1440u32, 900u32, "desktop"), (390, 844, "phone")] {
        let app = AppUnderTest::start_with(Options {
            width: w,
            height: h,
            ..Options::default()
        })
        .await;
        for (email, div) in [
            ("sari.agent1@saga.test", "SARI"),
            ("savi.agent1@saga.test", "SAVI"),
            ("safia.agent1@saga.test", "SAFIA"),
        ] {
            let (_api, id) = app.take_free_ticket(email).await;
            app.login(email).await;
            app.go(&format!("/ticket/{id}/crm")).await;
            app.wait_for("[data-testid=crm-form]").await;
            match div {
                "SARI" => {
                    app.select("[data-testid=crm-field-service_type]", "Kargo")
                        .await;
                    app.select("[data-testid=crm-field-crm_stage]", "Proposal")
                        .await;
                    app.type_into("[data-testid=crm-field-quote_value]", "2750000")
                        .await;
                }
                "SAVI" => {
                    app.select("[data-testid=crm-field-origin_type]", "Batam FTZ")
                        .await;
                    app.click("[data-testid=crm-field-is_electric_vehicle] [data-value=true]")
                        .await;
                    app.click("[data-testid=crm-doc][data-doc=STNK] [data-value=Sudah]")
                        .await;
                    app.click("[data-testid=crm-doc][data-doc=BPKB] [data-value=Belum]")
                        .await;
                }
                _ => {
                    app.select("[data-testid=crm-field-crm_stage]", "Lost")
                        .await;
                    app.select("[data-testid=crm-field-survey_date]", "2026-12-05T10:00")
                        .await;
                }
            }
            let first = match div {
                "SARI" => "service_type",
                "SAVI" => "vehicle_brand_model",
                _ => "move_type",
            };
            app.client
                .execute(
                    &format!("document.querySelector('[data-field={first}]').scrollIntoView({{ block: 'start' }}); window.scrollBy(0, -80);"),
                    vec![],
                )
                .await
                .ok();
            app.screenshot(&out(&format!("crm-{}-{tag}.png", div.to_lowercase())))
                .await;
            app.click("[data-testid=logout]").await;
            app.wait_for("[data-testid=login-email]").await;
        }
        app.close().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn outbox_screenshot() {
    for (w, h, tag) in [(1440u32, 900u32, "desktop"), (390, 844, "phone")] {
        let app = AppUnderTest::start_with(Options {
            width: w,
            height: h,
            ..Options::default()
        })
        .await;
        let (_api, id) = app.take_free_ticket("sari.agent2@saga.test").await;
        app.login("sari.agent2@saga.test").await;
        app.go(&format!("/ticket/{id}")).await;
        app.fail_next_with_503("POST", "/reply", 50);
        app.type_into(
            "[data-testid=composer-input]",
            "Baik Pak, kami jemput besok jam 09.00 WIB.",
        )
        .await;
        app.click("[data-testid=composer-send]").await;
        app.wait_for("[data-testid=outbox-retry]").await;
        app.screenshot(&out(&format!("ticket-reply-failed-{tag}.png")))
            .await;
        app.close().await;
    }
}
