//! End-to-end on the real app (issue 12, PRD 3.6): 'Follow-Up Hari Ini',
//! the single follow-up with its preview, WhatsApp's 24-hour window, and
//! blasts from submission to approval, progress and response rates.

use saga_core::followup::wa_window;
use saga_core::{strings, BlastStatus, Lead};
use saga_e2e::*;
use std::time::{Duration, Instant};

/// Moves a ticket's last customer message `hours` back.
fn customer_silent_for(app: &AppUnderTest, ticket_id: &str, hours: i64) {
    let at = (chrono::Utc::now() - chrono::Duration::hours(hours))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    app.server.state.db.with(|c| {
        c.execute(
            "UPDATE tickets SET last_customer_at = ?2 WHERE id = ?1",
            [ticket_id, at.as_str()],
        )
        .unwrap()
    });
}

fn free_text_ok(l: &Lead) -> bool {
    let ch = l.channel.clone().unwrap_or(saga_core::Channel::Telegram);
    wa_window(
        &ch,
        l.last_customer_message_at.as_deref(),
        chrono::Utc::now().timestamp(),
    )
    .allows_free_text()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_days_leads_and_a_followup_with_its_preview_in_the_thread_and_history() {
    let app = AppUnderTest::start().await;
    let agent = app.api_as("sari.agent1@saga.test").await;
    let leads = agent.recommendations(None).await.unwrap().leads;
    assert!(leads.len() >= 2, "the seed gives this agent leads");
    app.login("sari.agent1@saga.test").await;
    app.click("[data-testid=nav-followup]").await;
    let list = "[data-testid=followup-recommendations]";
    app.wait_attr(
        list,
        "data-count",
        &leads.len().to_string(),
        Duration::from_secs(5),
    )
    .await;
    // FU-REC-2: each lead with its category and reason.
    for l in leads.iter().take(5) {
        let row = format!("[data-testid=lead-row][data-ticket-id='{}']", l.id);
        assert_eq!(
            app.attr(&row, "data-category").await.as_deref(),
            Some(l.category.as_str())
        );
        assert!(app.text(&row).await.contains(&l.reason));
    }
    // Filter by one category (kept in the route).
    let c = leads[0].category.as_str();
    app.click(&format!(
        "[data-testid=followup-filter-category] [data-category='{c}']"
    ))
    .await;
    let n = leads.iter().filter(|l| l.category.as_str() == c).count();
    app.wait_attr(list, "data-count", &n.to_string(), Duration::from_secs(3))
        .await;
    assert!(app
        .client
        .current_url()
        .await
        .unwrap()
        .as_str()
        .contains("category="));

    // One click opens the ticket.
    let lead = leads
        .iter()
        .find(|l| free_text_ok(l))
        .expect("a lead inside the window");
    app.go("/followup").await;
    app.click(&format!(
        "[data-testid=lead-row][data-ticket-id='{}'] [data-testid=lead-open]",
        lead.id
    ))
    .await;
    app.wait_attr(
        "[data-testid=ticket-detail]",
        "data-ticket-id",
        &lead.id,
        Duration::from_secs(5),
    )
    .await;

    // 'Kirim Follow-Up': a template, edited; the preview follows.
    app.click("[data-testid=followup-send]").await;
    app.click("[data-testid=followup-template][data-template-id=TPL-7]")
        .await;
    let name = lead.customer_name.clone().unwrap();
    let preview = app.text("[data-testid=followup-preview]").await;
    assert!(
        preview.contains(&name) && preview.contains("Rudi Hartono"),
        "{preview}"
    );
    assert!(!preview.contains('{'), "no raw placeholder: {preview}");
    app.type_into(
        "[data-testid=followup-message]",
        "Halo {nama}, jadwal minggu ini masih ada. Salam {agent}.",
    )
    .await;
    let want = format!("Halo {name}, jadwal minggu ini masih ada. Salam Rudi Hartono.");
    let t = Instant::now();
    while app.text("[data-testid=followup-preview]").await != want {
        assert!(
            t.elapsed() < Duration::from_secs(3),
            "the preview did not follow the edit"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.click("[data-testid=followup-submit]").await;
    // The thread shows it sent; no approval (FU-SINGLE-4).
    let sent = "[data-testid=l1-message][data-delivery=sent]";
    let t = Instant::now();
    loop {
        let msgs = app
            .client
            .find_all(fantoccini::Locator::Css(sent))
            .await
            .unwrap();
        let mut found = false;
        for m in msgs {
            if m.text().await.unwrap_or_default().contains(&want) {
                found = true;
            }
        }
        if found {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "the follow-up is not in the thread"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!app.exists("[data-testid=followup-dialog]").await);
    let tl = app.api_as("lead@saga.test").await;
    let audit = tl.audit_log(&lead.id).await.unwrap().items;
    assert!(
        audit.iter().any(|a| a.action == "followup"),
        "the history shows the follow-up"
    );
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn outside_the_whatsapp_window_free_text_waits_and_a_template_goes() {
    let app = AppUnderTest::start().await;
    let agent = app.api_as("sari.agent2@saga.test").await;
    let wa = agent
        .free(None)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|t| t.channel == saga_core::Channel::Whatsapp)
        .expect("a FREE WhatsApp ticket");
    agent.self_takeover(&wa.id).await.unwrap();
    customer_silent_for(&app, &wa.id, 30);
    app.login("sari.agent2@saga.test").await;
    app.go(&format!("/ticket/{}", wa.id)).await;
    app.wait_attr(
        "[data-testid=wa-window]",
        "data-open",
        "false",
        Duration::from_secs(5),
    )
    .await;
    // The composer explains and offers a template instead.
    app.wait_for("[data-testid=composer-locked]").await;
    assert!(!app.exists("[data-testid=composer-input]").await);
    app.click("[data-testid=composer-pick-template]").await;
    app.click("[data-testid=followup-template][data-template-id=TPL-1]")
        .await;
    assert_eq!(
        app.attr("[data-testid=followup-submit]", "disabled").await,
        None
    );
    // Editing makes it free text: refused here, with the reason.
    app.type_into(
        "[data-testid=followup-message]",
        "Halo {nama}, ada diskon khusus!",
    )
    .await;
    app.wait_for("[data-testid=followup-edited-warning]").await;
    assert!(app
        .attr("[data-testid=followup-submit]", "disabled")
        .await
        .is_some());
    app.click("[data-testid=followup-restore]").await;
    app.click("[data-testid=followup-submit]").await;
    let t = Instant::now();
    while app.exists("[data-testid=followup-dialog]").await {
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "the template did not go"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let msgs = agent.messages(&wa.id, 10).await.unwrap().items;
    let last = msgs.last().unwrap();
    assert!(last.content.starts_with(&format!(
        "Halo {}, ini Maya Sari dari Saga.",
        wa.customer_name
    )));
    // The L2 note is not limited by the customer's channel.
    app.click("[data-testid=composer-mode-toggle]").await;
    app.wait_for("[data-testid=composer][data-mode=l2] [data-testid=composer-input]")
        .await;
    app.close().await;
}

/// Submits in the app: filter mode (one category, a template as written)
/// or manual mode (`ticks` recipients). Returns the new blast's id and the
/// count the composer showed.
async fn submit_blast(app: &AppUnderTest, manual: Option<usize>) -> (String, usize) {
    app.go("/blasts/new").await;
    app.wait_for("[data-testid=blast-new]").await;
    match manual {
        None => {
            app.click("[data-testid=blast-mode-filter]").await;
            app.click("[data-testid=blast-filter-category] [data-category=PANAS]")
                .await;
        }
        Some(n) => {
            app.click("[data-testid=blast-mode-manual]").await;
            for i in 1..=n {
                app.click(&format!(
                    "li:nth-child({i}) > [data-testid=blast-recipient] input"
                ))
                .await;
            }
            app.wait_attr(
                "[data-testid=blast-recipient-count]",
                "data-count",
                &n.to_string(),
                Duration::from_secs(3),
            )
            .await;
        }
    }
    app.click("[data-testid=followup-template][data-template-id=TPL-2]")
        .await;
    let count: usize = app
        .attr("[data-testid=blast-recipient-count]", "data-count")
        .await
        .unwrap()
        .parse()
        .unwrap();
    assert!(count > 0);
    // BLAST-2: one preview per recipient (the first 50), names filled.
    let previews = app
        .client
        .find_all(fantoccini::Locator::Css("[data-testid=blast-preview-item]"))
        .await
        .unwrap();
    assert_eq!(previews.len(), count.min(50));
    let first = previews[0].text().await.unwrap();
    assert!(
        first.contains("Halo ") && !first.contains("{nama}"),
        "{first}"
    );
    app.click("[data-testid=blast-submit]").await;
    app.wait_attr(
        "[data-testid=blast-detail]",
        "data-status",
        "pending_approval",
        Duration::from_secs(5),
    )
    .await;
    let id = app
        .attr("[data-testid=blast-detail]", "data-blast-id")
        .await
        .unwrap();
    (id, count)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_blast_waits_for_approval_is_rejected_or_approved_and_sent_with_its_rates() {
    let app = AppUnderTest::start().await;
    let agent = app.api_as("sari.agent1@saga.test").await;
    app.login("sari.agent1@saga.test").await;
    let (rejected, n1) = submit_blast(&app, None).await;
    let b = agent.blast_status(&rejected).await.unwrap();
    assert_eq!(
        b.total as usize, n1,
        "the count the agent saw is the count sent (OQ-22)"
    );
    assert_eq!(b.status, BlastStatus::PendingApproval);
    // An agent never gets approve or reject, and cannot reach it (CRIT-5).
    assert!(!app.exists("[data-testid=blast-approve]").await);
    assert!(!app.exists("[data-testid=blast-reject]").await);
    let refused = app
        .client
        .execute_async(
            &format!("const done = arguments[arguments.length - 1]; window.__TAURI__.core.invoke('blast_approve', {{ id: '{rejected}' }}).then(() => done('approved'), e => done(e.kind));"),
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(refused.as_str(), Some("forbidden"));
    assert_eq!(agent.blast_status(&rejected).await.unwrap().sent, 0);
    let (approved, n2) = submit_blast(&app, Some(2)).await;
    assert_eq!(n2, 2);

    // The Team Lead is told the moment one is submitted (BLAST-4).
    app.nav("logout").await;
    app.login("lead@saga.test").await;
    app.click("[data-testid=nav-blasts]").await;
    app.wait_for("[data-testid=blast-list]").await;
    let third = agent
        .blast_create(&saga_core::BlastCreateRequest {
            recipients: vec![b.recipients[0].ticket_id.clone()],
            template_id: Some("TPL-2".into()),
            message: "Halo {nama}, penawaran dari kami masih berlaku sampai akhir minggu ini. Mau kami proses sekarang?".into(),
        })
        .await
        .unwrap();
    // In the notification centre (issue 15), not a toast.
    app.click("[data-testid=notification-bell]").await;
    let item = app
        .inner_text("[data-testid=notification-item][data-kind=blast-approval][data-read=false]")
        .await;
    assert!(item.contains(strings::BLAST_PENDING_NOTIFY), "{item}");
    app.click("[data-testid=notification-close]").await;
    app.wait_for(&format!(
        "[data-testid=blast-row][data-blast-id='{}'][data-status=pending_approval]",
        third.id
    ))
    .await;

    // 'Tolak' needs a reason; the submitter reads it.
    app.click(&format!(
        "[data-testid=blast-row][data-blast-id='{rejected}'] a"
    ))
    .await;
    app.click("[data-testid=blast-reject]").await;
    assert!(app
        .attr("[data-testid=blast-reject-confirm]", "disabled")
        .await
        .is_some());
    app.type_into(
        "[data-testid=blast-reject-reason]",
        "Terlalu banyak penerima DINGIN, pilih yang PANAS saja.",
    )
    .await;
    app.click("[data-testid=blast-reject-confirm]").await;
    app.wait_attr(
        "[data-testid=blast-detail]",
        "data-status",
        "rejected",
        Duration::from_secs(5),
    )
    .await;
    let seen = agent.blast_status(&rejected).await.unwrap();
    assert_eq!(
        seen.reject_reason.as_deref(),
        Some("Terlalu banyak penerima DINGIN, pilih yang PANAS saja.")
    );
    assert_eq!(seen.sent, 0, "a rejected blast sends nothing");

    // Approve (after a confirmation): 'Sedang Dikirim' with real progress,
    // then 'Selesai' with the response rate per category.
    app.go(&format!("/blasts/{approved}")).await;
    app.click("[data-testid=blast-approve]").await;
    app.click("[data-testid=confirm-ok]").await;
    let t = Instant::now();
    loop {
        let st = app
            .attr("[data-testid=blast-detail]", "data-status")
            .await
            .unwrap();
        if st == "completed" {
            break;
        }
        // The progress bar leaves when the blast completes, so each figure
        // is read without waiting and a vanished bar is skipped.
        let sent = app
            .attr_now("[data-testid=blast-progress]", "data-sent")
            .await;
        let total = app
            .attr_now("[data-testid=blast-progress]", "data-total")
            .await;
        if let (Some(sent), Some(total)) = (sent, total) {
            let sent: u32 = sent.parse().unwrap();
            let total: u32 = total.parse().unwrap();
            assert!(sent <= total && total == 2);
        }
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "the blast did not finish"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let done = agent.blast_status(&approved).await.unwrap();
    assert_eq!(done.sent, done.total);
    app.wait_for("[data-testid=blast-response-rate]").await;
    let rate: u32 = app
        .attr("[data-testid=blast-response-rate]", "data-rate")
        .await
        .unwrap()
        .parse()
        .unwrap();
    assert!(rate <= 100);
    app.close().await;
}
