//! Issue 13 end to end on the real app: analytics per division and per
//! agent (AN-DIV-1..10, AN-AGENT-1..4, PERM-11, OQ-11) read from the dev
//! server's figures, and report export that lands a real file (EXPORT-1..5,
//! PERM-12, API-19/20).

use saga_core::analytics::{period_range, wib_today, PeriodKind};
use saga_core::time::now;
use saga_core::DateRange;
use saga_e2e::*;
use std::time::Duration;

/// The headline figure as the page shows it.
async fn figure(app: &AppUnderTest, key: &str) -> String {
    app.inner_text(&format!(
        "[data-testid=analytics-figure][data-figure={key}] .figure-value"
    ))
    .await
}

/// Waits for the division view of `divisions` (`SARI,SAVI,SAFIA` or one).
async fn wait_divisions(app: &AppUnderTest, divisions: &str) {
    app.wait_attr(
        "[data-testid=analytics-division-view]",
        "data-divisions",
        divisions,
        Duration::from_secs(10),
    )
    .await;
}

/// A Team Lead reads every division's figures, narrows to one, changes the
/// period, reopens the view from its route, reads a chart's exact value and
/// its table, then ranks the agents and drills down into one.
#[tokio::test(flavor = "multi_thread")]
async fn a_team_lead_reads_the_divisions_changes_the_period_and_drills_into_an_agent() {
    let mut o = Options::default();
    o.server.history = 900;
    let app = AppUnderTest::start_with(o).await;
    let tl = app.api_as("lead@saga.test").await;
    let month = period_range(PeriodKind::Monthly, now(), None, None).unwrap();
    let all = tl.analytics_division("all", &month).await.unwrap();
    assert!(all.totals.leads > 0, "the seed has leads this month");

    app.login("lead@saga.test").await;
    app.click("[data-testid=nav-analytics]").await;
    wait_divisions(&app, "SARI,SAVI,SAFIA").await;
    // AN-DIV-2: the figures are the server's, formatted the Indonesian way.
    assert_eq!(figure(&app, "leads-in").await, all.totals.leads.to_string());
    assert_eq!(
        figure(&app, "closing-rate").await,
        saga_core::analytics::percent(all.closing_rate)
    );
    assert_eq!(
        figure(&app, "won-value").await,
        saga_core::format::rupiah(all.totals.won_value)
    );
    for chart in [
        "closing-trend",
        "leads-funnel",
        "lost-reasons",
        "top-routes",
        "channel-roi",
        "seasonal",
        "blast-effect",
    ] {
        app.wait_for(&format!(
            "[data-testid=analytics-chart][data-chart={chart}]"
        ))
        .await;
    }

    // One division (AN-DIV-10).
    app.select("[data-testid=analytics-division]", "SAVI").await;
    wait_divisions(&app, "SAVI").await;
    let savi = tl.analytics_division("SAVI", &month).await.unwrap();
    assert_eq!(
        figure(&app, "leads-in").await,
        savi.totals.leads.to_string()
    );
    assert!(savi.totals.leads < all.totals.leads);

    // Another period: the last seven days.
    app.click("[data-testid=analytics-period][data-period=weekly]")
        .await;
    app.wait_attr(
        "[data-testid=analytics-period][data-period=weekly]",
        "aria-pressed",
        "true",
        Duration::from_secs(5),
    )
    .await;
    let week = period_range(PeriodKind::Weekly, now(), None, None).unwrap();
    let savi_week = tl.analytics_division("SAVI", &week).await.unwrap();
    let t = std::time::Instant::now();
    while figure(&app, "leads-in").await != savi_week.totals.leads.to_string() {
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "the week's figures arrive"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // A custom range lives in the route: reopening it restores the view.
    let start = wib_today(now() - 90 * 86_400);
    let end = wib_today(now());
    app.go(&format!(
        "/analytics?period=custom&start={start}&end={end}&division=SARI"
    ))
    .await;
    wait_divisions(&app, "SARI").await;
    assert_eq!(
        app.value("[data-testid=analytics-start]").await.as_deref(),
        Some(start.as_str())
    );
    let sari = tl
        .analytics_division(
            "SARI",
            &DateRange {
                start: start.clone(),
                end: end.clone(),
            },
        )
        .await
        .unwrap();
    let t = std::time::Instant::now();
    while figure(&app, "leads-in").await != sari.totals.leads.to_string() {
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "the custom range's figures arrive"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // A tap on the seasonal curve shows that month's exact count; the table
    // behind the chart lists all twelve months.
    let last = sari.seasonality.last().unwrap().volume;
    app.click_at("[data-chart=seasonal] .hit:last-of-type")
        .await;
    let tip = app
        .inner_text("[data-chart=seasonal] [data-testid=chart-tooltip]")
        .await;
    assert!(tip.contains(&format!("Tiket: {last}")), "{tip}");
    app.click("[data-chart=seasonal] [data-testid=chart-table-toggle]")
        .await;
    app.wait_attr(
        "[data-testid=analytics-chart][data-chart=seasonal]",
        "data-view",
        "table",
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(app.count("[data-chart=seasonal] tbody tr").await, 12);

    // AN-AGENT-1/2: every agent of the division, sortable; under 80 % SLA
    // is flagged.
    app.click("[data-testid=analytics-agent-tab]").await;
    app.wait_for("[data-testid=agent-metrics-row]").await;
    assert_eq!(
        app.count("[data-testid=agent-metrics-row]").await,
        sari.agents.len()
    );
    for a in &sari.agents {
        let row = format!(
            "[data-testid=agent-metrics-row][data-agent-id={}]",
            a.agent.id
        );
        assert_eq!(
            app.attr(&row, "data-sla-breach").await.as_deref(),
            Some(if a.sla_breach { "true" } else { "false" })
        );
    }
    app.click("[data-testid=agent-sort][data-column=sla]").await;
    app.click("[data-testid=agent-sort][data-column=sla]").await;
    let lowest = sari
        .agents
        .iter()
        .min_by(|a, b| a.sla_compliance.partial_cmp(&b.sla_compliance).unwrap())
        .unwrap();
    app.wait_attr(
        "[data-testid=agent-metrics-row]",
        "data-agent-id",
        &lowest.agent.id,
        Duration::from_secs(5),
    )
    .await;

    // AN-AGENT-3: the drill-down, its idle tickets open their ticket.
    app.click("[data-testid=agent-metrics-row] .row-link").await;
    app.wait_attr(
        "[data-testid=agent-drilldown]",
        "data-agent-id",
        &lowest.agent.id,
        Duration::from_secs(5),
    )
    .await;
    assert!(app.exists("[data-testid=drilldown-back]").await);
    if let Some(idle) = lowest.idle_tickets.first() {
        app.click(&format!(
            "[data-testid=idle-ticket][data-ticket-id={}] a",
            idle.ticket_id
        ))
        .await;
        app.wait_attr(
            "[data-testid=ticket-detail]",
            "data-ticket-id",
            &idle.ticket_id,
            Duration::from_secs(10),
        )
        .await;
    }
    app.close().await;
}

/// OQ-11, PERM-11/12: an agent sees their own division and their own
/// figures, without export; a Viewer has no analytics at all.
#[tokio::test(flavor = "multi_thread")]
async fn an_agent_sees_only_their_own_figures_and_a_viewer_none() {
    let app = AppUnderTest::start().await;
    let agent = app.api_as("sari.agent1@saga.test").await;
    let me = agent.me().await.unwrap();
    let month = period_range(PeriodKind::Monthly, now(), None, None).unwrap();
    let own = agent.analytics_agent(&me.id, &month).await.unwrap();
    app.login("sari.agent1@saga.test").await;
    app.click("[data-testid=nav-analytics]").await;
    wait_divisions(&app, "SARI").await;
    assert_eq!(
        app.attr("[data-testid=analytics-division]", "data-division")
            .await
            .as_deref(),
        Some("SARI"),
        "the division is fixed"
    );
    assert!(!app.exists("select[data-testid=analytics-division]").await);
    assert!(!app.exists("[data-testid=export-excel]").await);
    assert!(!app.exists("[data-testid=export-pdf]").await);
    app.click("[data-testid=analytics-agent-tab]").await;
    app.wait_attr(
        "[data-testid=agent-drilldown]",
        "data-agent-id",
        &me.id,
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(
        app.count("[data-testid=agent-metrics-row]").await,
        0,
        "no team table"
    );
    assert!(!app.exists("[data-testid=drilldown-back]").await);
    assert_eq!(
        figure(&app, "closing-rate").await,
        saga_core::analytics::percent(own.closing_rate)
    );
    // Another agent's figures are refused by the server too.
    let other = app
        .api_as("sari.agent2@saga.test")
        .await
        .me()
        .await
        .unwrap();
    assert!(agent.analytics_agent(&other.id, &month).await.is_err());
    app.nav("logout").await;

    app.login("viewer@saga.test").await;
    app.wait_for("[data-testid=nav-inbox]").await;
    assert!(!app.exists("[data-testid=nav-analytics]").await);
    app.go("/analytics").await;
    app.wait_for("[data-testid=forbidden]").await;
    assert!(!app.exists("[data-testid=analytics-division-view]").await);
    app.close().await;
}

/// EXPORT-1..5: the Super Admin exports one division to Excel and all of
/// them to PDF; each lands as a real file where the person saves reports
/// (SAGA_EXPORT_DIR here), which the app can open. A failure says why and
/// the same form tries again. A Team Lead exports their own division only.
#[tokio::test(flavor = "multi_thread")]
async fn the_super_admin_exports_excel_and_pdf_files_and_a_failure_offers_a_retry() {
    let dir = tempfile::tempdir().unwrap();
    let app = AppUnderTest::start_with(Options {
        env: vec![("SAGA_EXPORT_DIR".into(), dir.path().display().to_string())],
        ..Options::default()
    })
    .await;
    app.login("superadmin@saga.test").await;
    app.click("[data-testid=nav-analytics]").await;
    wait_divisions(&app, "SARI,SAVI,SAFIA").await;

    // Excel, SAVI only.
    app.click("[data-testid=export-excel]").await;
    app.select("[data-testid=export-division]", "SAVI").await;
    app.click("[data-testid=export-download]").await;
    app.wait_for_within(
        "[data-testid=export-status][data-state=ready]",
        Duration::from_secs(30),
    )
    .await;
    let saved: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    let xlsx = saved
        .iter()
        .find(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .expect("an .xlsx was saved");
    assert!(
        xlsx.file_name().unwrap().to_string_lossy().contains("SAVI"),
        "{xlsx:?}"
    );
    let status = app.inner_text("[data-testid=export-status]").await;
    assert!(status.contains(&xlsx.display().to_string()), "{status}");
    {
        use calamine::Reader;
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(xlsx).expect("a real workbook");
        assert!(wb.sheet_names().iter().any(|s| s == "Ringkasan"));
        let summary = wb.worksheet_range("Ringkasan").unwrap();
        let text: Vec<String> = summary.cells().map(|(_, _, c)| c.to_string()).collect();
        assert!(text.iter().any(|t| t.contains("SAVI")), "{text:?}");
    }
    assert!(app.exists("[data-testid=export-open]").await);
    assert!(app.exists("[data-testid=export-reveal]").await);
    app.click("[data-testid=export-close]").await;
    app.wait_gone("[data-testid=export-form]", Duration::from_secs(5))
        .await;

    // PDF, all divisions; the first try fails on the server.
    app.fail_next_with_503("POST", "/export/pdf", 1);
    app.click("[data-testid=export-pdf]").await;
    app.click("[data-testid=export-download]").await;
    app.wait_for_within(
        "[data-testid=export-status][data-state=failed]",
        Duration::from_secs(30),
    )
    .await;
    let why = app.inner_text("[data-testid=export-status]").await;
    assert!(why.contains("Ekspor gagal"), "{why}");
    app.click("[data-testid=export-download]").await;
    app.wait_for_within(
        "[data-testid=export-status][data-state=ready]",
        Duration::from_secs(30),
    )
    .await;
    let pdf = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .expect("a .pdf was saved");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.starts_with(b"%PDF-") && bytes.len() > 2_000,
        "{pdf:?}"
    );
    assert!(pdf.file_name().unwrap().to_string_lossy().contains("all"));
    app.click("[data-testid=export-close]").await;
    app.nav("logout").await;

    // A Team Lead: the division is theirs and fixed.
    app.login("lead@saga.test").await;
    app.click("[data-testid=nav-analytics]").await;
    app.click("[data-testid=export-pdf]").await;
    app.wait_for("[data-testid=export-form]").await;
    assert!(!app.exists("select[data-testid=export-division]").await);
    assert_eq!(
        app.attr("[data-testid=export-division]", "data-division")
            .await
            .as_deref(),
        Some("SARI")
    );
    app.close().await;
}
