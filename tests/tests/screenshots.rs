//! Screenshots of the real app for docs/screenshots (desktop 1440×900,
//! phones 390×844 and 412×915). Run by `cargo xtask screenshots`; ignored
//! in the normal test run.

use saga_e2e::*;
use std::path::PathBuf;
use std::time::Duration;

/// Desktop, and the two phones the team carries (iPhone 12–15 at
/// 390×844, a common Android at 412×915).
const SIZES: [(u32, u32, &str); 3] = [
    (1440, 900, "desktop"),
    (390, 844, "phone"),
    (412, 915, "phone-412"),
];

fn out(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../docs/screenshots")
        .join(name)
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn screenshots() {
    for (w, h, tag) in SIZES {
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
        app.nav("nav-panel").await;
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
    for (w, h, tag) in SIZES {
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
            app.nav("logout").await;
            app.wait_for("[data-testid=login-email]").await;
        }
        app.close().await;
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn outbox_screenshot() {
    for (w, h, tag) in SIZES {
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

/// Issue 17: an internal note and a CRM save the server could not take yet,
/// kept where they were made as 'gagal' with the reason and 'Coba lagi'.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn pending_writes_screenshots() {
    use saga_devserver::faults::FaultConfig;
    for (w, h, tag) in SIZES {
        let app = AppUnderTest::start_with(Options {
            width: w,
            height: h,
            ..Options::default()
        })
        .await;
        let (_api, id) = app.take_free_ticket("sari.agent2@saga.test").await;
        app.login("sari.agent2@saga.test").await;
        app.go(&format!("/ticket/{id}")).await;
        app.server.state.faults.set(FaultConfig {
            fail_next: [
                failures_503("POST", "/internal-message", 50),
                failures_503("PATCH", "/crm", 50),
            ]
            .concat(),
            ..FaultConfig::default()
        });
        app.click("[data-testid=composer-mode-toggle]").await;
        app.wait_for("[data-testid=composer][data-mode=l2]").await;
        app.type_into(
            "[data-testid=composer-input]",
            "Pelanggan minta harga khusus untuk 3 motor, tunggu TL.",
        )
        .await;
        app.click("[data-testid=composer-send]").await;
        app.wait_for("[data-testid=l2-message][data-delivery=failed]")
            .await;
        let _ = app
            .client
            .execute(
                "document.querySelector('[data-testid=l2-message][data-outbox-key]').scrollIntoView({block: 'center'});",
                vec![],
            )
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("ticket-note-failed-{tag}.png")))
            .await;
        app.go(&format!("/ticket/{id}/crm")).await;
        app.wait_for("[data-testid=crm-form]").await;
        app.select("[data-testid=crm-field-crm_stage]", "Qualified")
            .await;
        app.type_into("[data-testid=crm-field-quote_value]", "4750000")
            .await;
        app.click("[data-testid=crm-save]").await;
        app.wait_for("[data-testid=crm-pending][data-delivery=failed]")
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("crm-save-failed-{tag}.png")))
            .await;
        app.close().await;
    }
}

/// Issue 12: 'Follow-Up Hari Ini', the follow-up dialog with its preview,
/// the composer when WhatsApp's window has closed, the blast composer with
/// previews and the approval view.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn followup_screenshots() {
    for (w, h, tag) in SIZES {
        let app = AppUnderTest::start_with(Options {
            width: w,
            height: h,
            ..Options::default()
        })
        .await;
        let agent = app.api_as("sari.agent1@saga.test").await;
        app.login("sari.agent1@saga.test").await;
        app.nav("nav-followup").await;
        app.wait_for("[data-testid=lead-row]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("followup-{tag}.png"))).await;

        // The dialog on a lead's ticket, a route template picked.
        let lead = agent.recommendations(None).await.unwrap().leads[0].clone();
        app.go(&format!("/ticket/{}", lead.id)).await;
        app.click("[data-testid=followup-send]").await;
        app.click("[data-testid=followup-template][data-template-id=TPL-7]")
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("followup-dialog-{tag}.png")))
            .await;
        app.press("\u{E00C}").await;
        app.click_if_present(".followup-dialog .btn.ghost").await;

        // A WhatsApp conversation silent for 30 hours.
        let (_, wa) = {
            let free = agent.free(None).await.unwrap().items;
            let t = free
                .into_iter()
                .find(|t| t.channel == saga_core::Channel::Whatsapp)
                .expect("a FREE WhatsApp ticket");
            agent.self_takeover(&t.id).await.unwrap();
            ((), t.id)
        };
        let at = (chrono::Utc::now() - chrono::Duration::hours(30))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        app.server.state.db.with(|c| {
            c.execute(
                "UPDATE tickets SET last_customer_at = ?2 WHERE id = ?1",
                [wa.as_str(), at.as_str()],
            )
            .unwrap()
        });
        app.go(&format!("/ticket/{wa}")).await;
        app.wait_for("[data-testid=composer-locked]").await;
        let _ = app
            .client
            .execute("document.querySelector('[data-testid=composer-locked]').scrollIntoView({ block: 'center' });", vec![])
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("wa-window-closed-{tag}.png")))
            .await;

        // The blast composer with previews, then the approval view.
        app.go("/blasts/new").await;
        app.click("[data-testid=blast-filter-category] [data-category=PANAS]")
            .await;
        app.click("[data-testid=followup-template][data-template-id=TPL-2]")
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("blast-composer-{tag}.png")))
            .await;
        app.click("[data-testid=blast-submit]").await;
        app.wait_for("[data-testid=blast-detail]").await;
        let id = app
            .attr("[data-testid=blast-detail]", "data-blast-id")
            .await
            .unwrap();
        app.nav("logout").await;
        app.login("lead@saga.test").await;
        app.go(&format!("/blasts/{id}")).await;
        app.wait_for("[data-testid=blast-approve]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("blast-approval-{tag}.png")))
            .await;
        app.nav("nav-blasts").await;
        app.wait_for("[data-testid=blast-list]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("blast-list-{tag}.png"))).await;
        app.close().await;
    }
}

/// Ages some tickets so the panel has something to raise: FREE customers
/// waiting 20 minutes and assigned tickets quiet for six hours.
fn age_tickets(app: &AppUnderTest) {
    let now = saga_core::time::now();
    let waiting = saga_core::time::rfc3339(now - 20 * 60);
    let quiet = saga_core::time::rfc3339(now - 6 * 3600);
    app.server.state.db.with(|c| {
        c.execute(
            "UPDATE tickets SET waiting_since = ?1 WHERE id IN \
             (SELECT id FROM tickets WHERE queue_status = 'FREE' ORDER BY created_at DESC LIMIT 3)",
            [waiting.as_str()],
        )
        .unwrap();
        c.execute(
            "UPDATE tickets SET last_activity_at = ?1 WHERE id IN \
             (SELECT id FROM tickets WHERE queue_status = 'ASSIGNED' ORDER BY created_at DESC LIMIT 4)",
            [quiet.as_str()],
        )
        .unwrap();
    });
}

/// Issue 14: the panel with its queue badge, idle list and loads; the users
/// table, a user form with an error, privileges and office hours.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn admin_screenshots() {
    for (w, h, tag) in SIZES {
        let app = AppUnderTest::start_with(Options {
            width: w,
            height: h,
            ..Options::default()
        })
        .await;
        age_tickets(&app);
        for email in ["sari.agent1@saga.test", "savi.agent1@saga.test"] {
            app.api_as(email)
                .await
                .set_status(saga_core::AgentStatus::Online, None)
                .await
                .unwrap();
        }
        app.login("lead@saga.test").await;
        app.nav("nav-panel").await;
        app.wait_for("[data-testid=queue-badge]").await;
        app.wait_for("[data-testid=idle-ticket]").await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        app.screenshot(&out(&format!("panel-alerts-{tag}.png")))
            .await;
        app.click("[data-testid=waiting-ticket] [data-testid=panel-pick-ticket]")
            .await;
        app.wait_for("[data-testid=panel-agent-pick]").await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        app.screenshot(&out(&format!("panel-assign-{tag}.png")))
            .await;
        app.press("\u{E00C}").await;
        app.nav("logout").await;

        app.login("superadmin@saga.test").await;
        app.nav("nav-users").await;
        app.wait_for("[data-testid=user-row]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("users-{tag}.png"))).await;
        app.click("[data-testid=user-add]").await;
        app.wait_for("[data-testid=user-form]").await;
        app.type_into("[data-testid=user-form-name]", "Wulan Anggraini")
            .await;
        app.type_into("[data-testid=user-form-email]", "lead@saga.test")
            .await;
        app.type_into("[data-testid=user-form-password]", "rahasia-wulan-2026")
            .await;
        app.select("[data-testid=user-form-role]", "sales_agent")
            .await;
        app.select("[data-testid=user-form-division]", "SAVI").await;
        // The email is taken: the server says so next to the field.
        app.click("[data-testid=user-form-save]").await;
        app.wait_for("[data-testid=user-form-error]").await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        app.screenshot(&out(&format!("user-form-error-{tag}.png")))
            .await;
        app.go("/users/U-sari1").await;
        app.wait_for("[data-testid=user-privileges]").await;
        let _ = app
            .client
            .execute("document.querySelector('[data-testid=user-privileges]').scrollIntoView({ block: 'start' });", vec![])
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("user-privileges-{tag}.png")))
            .await;
        app.go("/privileges").await;
        app.wait_for("[data-testid=user-privilege]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("role-privileges-{tag}.png")))
            .await;
        app.go("/office-hours").await;
        app.wait_for("[data-testid=office-hours-day]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("office-hours-{tag}.png")))
            .await;
        app.close().await;
    }
}

/// Issue 13: both analytics tabs, a drill-down, a chart's tooltip, the
/// export form and a page of the PDF report.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn analytics_screenshots() {
    let export_dir = tempfile::tempdir().unwrap();
    // The last six months, whatever today is.
    let now = saga_core::time::now();
    let six_months = format!(
        "/analytics?period=custom&start={}&end={}",
        saga_core::analytics::wib_today(now - 182 * 86_400),
        saga_core::analytics::wib_today(now)
    );
    for (w, h, tag) in SIZES {
        let mut o = Options {
            width: w,
            height: h,
            env: vec![(
                "SAGA_EXPORT_DIR".into(),
                export_dir.path().display().to_string(),
            )],
            ..Options::default()
        };
        o.server.history = 1800;
        let app = AppUnderTest::start_with(o).await;
        app.login("lead@saga.test").await;
        app.go(&six_months).await;
        app.wait_for("[data-testid=analytics-chart][data-chart=seasonal] svg")
            .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        app.screenshot(&out(&format!("analytics-division-{tag}.png")))
            .await;
        // A tooltip on the seasonal curve.
        let _ = app
            .client
            .execute("document.querySelector('[data-chart=seasonal]').scrollIntoView({ block: 'center' });", vec![])
            .await;
        app.click_at("[data-chart=seasonal] .hit:nth-of-type(9)")
            .await;
        app.wait_for("[data-chart=seasonal] [data-testid=chart-tooltip]")
            .await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        app.screenshot(&out(&format!("analytics-tooltip-{tag}.png")))
            .await;
        app.click("[data-testid=analytics-agent-tab]").await;
        app.wait_for("[data-testid=agent-metrics-row]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("analytics-agents-{tag}.png")))
            .await;
        app.click("[data-testid=agent-metrics-row] .row-link").await;
        app.wait_for("[data-testid=agent-drilldown]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("analytics-drilldown-{tag}.png")))
            .await;
        app.nav("logout").await;
        app.login("superadmin@saga.test").await;
        app.go(&six_months).await;
        app.click("[data-testid=export-pdf]").await;
        app.wait_for("[data-testid=export-form]").await;
        app.click("[data-testid=export-download]").await;
        app.wait_for("[data-testid=export-status][data-state=ready]")
            .await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        app.screenshot(&out(&format!("export-form-{tag}.png")))
            .await;
        app.close().await;
    }
    // The PDF's first page, as a picture (pdftoppm, from poppler-utils).
    let pdf = std::fs::read_dir(export_dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .expect("a PDF was saved");
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(out("export-pdf-page1"))
        .status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "pdftoppm renders the report (apt install poppler-utils)"
    );
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn notification_screenshots() {
    for (w, h, tag) in SIZES {
        let app = AppUnderTest::start_with(Options {
            width: w,
            height: h,
            ..Options::default()
        })
        .await;
        // A new customer, taken over by the agent; then a message, a
        // tagged note and a note from the lead.
        let (agent, tid, customer) = app
            .new_customer_for("sari.agent1@saga.test", "Sinta Maharani")
            .await;
        let me = agent.me().await.unwrap();
        app.login("sari.agent1@saga.test").await;
        app.wait_for("[data-testid=notification-bell]").await;
        tokio::time::sleep(Duration::from_millis(1200)).await;
        app.customer_message(serde_json::json!({"customer_id": customer, "division": "SARI", "channel": "whatsapp", "message": "Kapan motor saya bisa dijemput? Alamat di Cengkareng."}))
            .await;
        let lead = app.api_as("lead@saga.test").await;
        lead.internal_message(
            &tid,
            &saga_core::InternalMessageRequest {
                content: "Pelanggan B2B, beri harga khusus 5%".into(),
                tagged_agent_id: Some(me.id.clone()),
            },
        )
        .await
        .unwrap();
        app.wait_for("[data-testid=notification-bell][data-unread='2']")
            .await;
        app.click("[data-testid=notification-bell]").await;
        app.wait_for("[data-testid=notification-item][data-kind=mention]")
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("notifications-centre-{tag}.png")))
            .await;
        app.click("[data-testid=notification-close]").await;
        app.go("/settings").await;
        app.wait_for("[data-testid=notification-prefs]").await;
        let _ = app
            .client
            .execute(
                "document.querySelector('[data-testid=notification-prefs]').scrollIntoView({ block: 'start' });",
                vec![],
            )
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("notification-prefs-{tag}.png")))
            .await;
        app.close().await;
    }
}

/// Issue 16: the phone's 'Lainnya' sheet, a ticket's own title and back
/// control, and a desktop update: ready while Online (it waits), the
/// notice once Offline.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn phone_and_update_screenshots() {
    use saga_e2e::updates::{Release, Signer};
    let signer = Signer::new();
    let release = Release::serve("0.2.0", &signer);
    for (w, h, tag) in SIZES {
        let app = AppUnderTest::start_with(Options {
            width: w,
            height: h,
            env: vec![
                ("SAGA_UPDATE_URL".into(), release.url()),
                ("SAGA_UPDATE_PUBKEY".into(), signer.pubkey()),
            ],
            ..Options::default()
        })
        .await;
        app.login("superadmin@saga.test").await;
        app.wait_for("[data-testid=inbox-list]").await;
        // 'Percakapan Bot Aktif' (FREE-1).
        app.nav("nav-free").await;
        app.wait_for("[data-testid=ticket-row]").await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        app.screenshot(&out(&format!("free-list-{tag}.png"))).await;
        app.nav("nav-inbox").await;
        app.wait_for("[data-testid=ticket-row]").await;
        if tag != "desktop" {
            app.click("[data-testid=nav-more]").await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            app.screenshot(&out(&format!("nav-more-{tag}.png"))).await;
            app.click("[data-testid=nav-more]").await;
        }
        app.click("[data-testid=status-toggle]").await;
        app.wait_attr(
            "[data-testid=status-toggle]",
            "data-status",
            "online",
            Duration::from_secs(5),
        )
        .await;
        app.nav("nav-settings").await;
        app.wait_attr(
            "[data-testid=update-status]",
            "data-phase",
            "ready",
            Duration::from_secs(30),
        )
        .await;
        app.client
            .execute("document.querySelector('[data-testid=update-status]').scrollIntoView({ block: 'center' })", vec![])
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("update-waiting-{tag}.png")))
            .await;
        app.click("[data-testid=status-toggle]").await;
        app.click("[data-testid=confirm-ok]").await;
        app.wait_for("[data-testid=update-ready]").await;
        app.nav("nav-inbox").await;
        app.wait_for("[data-testid=ticket-row]").await;
        tokio::time::sleep(Duration::from_millis(400)).await;
        app.screenshot(&out(&format!("update-ready-{tag}.png")))
            .await;
        app.close().await;
    }
}

/// Issue 17: the view may be stale: the network is down ('Terputus,
/// mencoba lagi…'; on phones a strip under the header).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn connection_lost_screenshots() {
    for (w, h, tag) in SIZES {
        let app = AppUnderTest::start_with(Options {
            width: w,
            height: h,
            ..Options::default()
        })
        .await;
        app.login("sari.agent1@saga.test").await;
        app.wait_for("[data-testid=ticket-row]").await;
        app.wait_for(".conn.ok").await;
        let r = reqwest::Client::new()
            .post(format!("{}/api/dev/faults", app.server.url()))
            .json(&serde_json::json!({ "offline_ms": 8000 }))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success());
        app.wait_for_within(".conn.bad", Duration::from_secs(8))
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("connection-lost-{tag}.png")))
            .await;
        app.close().await;
    }
}

/// Issue 17: the notice that queued replies could not be restored (the
/// outbox file was unreadable and is kept aside).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn outbox_not_restored_screenshots() {
    for (w, h, tag) in SIZES {
        let mut app = AppUnderTest::start_with(Options {
            width: w,
            height: h,
            ..Options::default()
        })
        .await;
        let dir = app.home().join("data/id.sagaprima.desk");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("outbox.json"), b"{\"entries\": [{\"key\"").unwrap();
        app.restart().await;
        app.wait_for("[data-testid=toast][data-kind=error]").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&out(&format!("outbox-not-restored-{tag}.png")))
            .await;
        app.close().await;
    }
}

/// The operating system's own notifications, L1 and L2, as a desktop shows
/// them: the real notifier (no test double) talking to a notification
/// service. `cargo xtask screenshots` runs it on a private session bus with
/// dunst on the display; it pictures the whole screen with xwd (x11-apps)
/// and netpbm.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "writes docs/screenshots; run with cargo xtask screenshots"]
async fn os_notification_screenshot() {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        eprintln!("no session bus: skipped (see the doc comment)");
        return;
    }
    let app = AppUnderTest::start_with(Options {
        width: 1440,
        height: 900,
        ..Options::default()
    })
    .await;
    let (agent, tid, customer) = app
        .new_customer_for("sari.agent1@saga.test", "Sinta Maharani")
        .await;
    let me = agent.me().await.unwrap();
    app.login("sari.agent1@saga.test").await;
    app.wait_for("[data-testid=notification-bell]").await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    app.customer_message(serde_json::json!({"customer_id": customer, "division": "SARI", "channel": "whatsapp", "message": "Kapan motor saya bisa dijemput? Alamat di Cengkareng."}))
        .await;
    app.api_as("lead@saga.test")
        .await
        .internal_message(
            &tid,
            &saga_core::InternalMessageRequest {
                content: "Pelanggan B2B, beri harga khusus 5%".into(),
                tagged_agent_id: Some(me.id.clone()),
            },
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let png = out("os-notifications-desktop.png");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng > '{}'",
            png.display()
        ))
        .status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "xwd, xwdtopnm and pnmtopng"
    );
    app.close().await;
}
