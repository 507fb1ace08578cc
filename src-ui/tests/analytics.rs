//! Component tests of analytics and export (issue 13: AN-DIV-1..10,
//! AN-AGENT-1..4, EXPORT-1..5, PERM-11/12), rendered with Yew's server
//! renderer: what a Team Lead reads on the charts, the table behind each,
//! the agents' table and its SLA highlight, the filters and the export
//! form per role.

mod common;
use common::render_html;

use saga_core::access::Principal;
use saga_core::analytics::{
    AgentAnalytics, AgentRef, BlastEffect, ChannelMonth, ChannelRoi, DivisionAnalytics,
    ExportFormat, IdleTicket, MonthRate, MonthVolume, PeriodKind, ReasonCount, RouteCount, Totals,
};
use saga_core::{Channel, CrmStage, DateRange, Division, FollowUpCategory, Role};
use saga_ui::i18n::Lang;
use saga_ui::views::analytics::{
    agent_drilldown, division_view, sorted, AgentTable, AgentTableProps, AnalyticsFilters,
    ExportForm, ExportProps, ExportState, FiltersProps, SortBy,
};
use saga_ui::views::charts::{fmt_axis, Chart, ChartProps, Fmt, Plot, Series};
use std::rc::Rc;
use yew::prelude::*;
use yew::LocalServerRenderer;

fn month(m: &str, won: u64, lost: u64) -> MonthRate {
    MonthRate {
        month: m.into(),
        leads: won + lost + 3,
        won,
        lost,
        closing_rate: if won + lost == 0 {
            0.0
        } else {
            won as f64 / (won + lost) as f64
        },
    }
}

fn range() -> DateRange {
    DateRange {
        start: "2026-06-02".into(),
        end: "2026-12-01".into(),
    }
}

fn agent(id: &str, name: &str, sla: f64, pickup: Option<f64>) -> AgentAnalytics {
    AgentAnalytics {
        agent: AgentRef {
            id: id.into(),
            name: name.into(),
            division: Division::Sari,
        },
        period: range(),
        tickets: 40,
        won: 10,
        lost: 12,
        closing_rate: 10.0 / 22.0,
        trend: vec![
            month("2026-10", 4, 5),
            month("2026-11", 6, 3),
            month("2026-12", 0, 0),
        ],
        trend_full: vec![month("2026-11", 6, 3), month("2026-12", 0, 0)],
        avg_pickup_minutes: pickup,
        sla_compliance: sla,
        sla_breach: sla < 0.8,
        availability_rate: 0.43,
        avg_deal_value: Some(26_380_488),
        idle_tickets: vec![IdleTicket {
            ticket_id: "T-77".into(),
            customer_name: "Putri Pratama".into(),
            last_activity_at: "2026-11-10T01:19:00Z".into(),
            crm_stage: CrmStage::Proposal,
        }],
        lost_reasons: vec![ReasonCount {
            reason: "Harga terlalu mahal".into(),
            count: 7,
        }],
    }
}

fn division() -> DivisionAnalytics {
    DivisionAnalytics {
        divisions: vec![Division::Sari, Division::Savi, Division::Safia],
        period: range(),
        closing_rate: 0.356,
        trend: vec![
            month("2026-10", 30, 60),
            month("2026-11", 55, 45),
            month("2026-12", 0, 0),
        ],
        totals: Totals {
            leads: 922,
            valid: 873,
            won: 299,
            lost: 541,
            valid_pct: 873.0 / 922.0,
            won_pct: 299.0 / 922.0,
            lost_pct: 541.0 / 922.0,
            won_value: 6_549_850_000,
        },
        bot_resolution_rate: 0.165,
        avg_cycle_days: Some(7.46),
        lost_reasons: vec![
            ReasonCount {
                reason: "Harga terlalu mahal".into(),
                count: 119,
            },
            ReasonCount {
                reason: "Tidak ada respon".into(),
                count: 116,
            },
        ],
        top_routes: vec![RouteCount {
            origin: "Jakarta".into(),
            destination: "Medan".into(),
            count: 98,
        }],
        channel_roi: vec![ChannelRoi {
            channel: Channel::Whatsapp,
            won: 45,
            series: vec![ChannelMonth {
                month: "2026-11".into(),
                leads: 90,
                won: 45,
                won_value: 900_000_000,
                closing_rate: 0.5,
            }],
        }],
        seasonality: (1..=12)
            .map(|m| MonthVolume {
                month: format!("2026-{m:02}"),
                volume: 100 + m as u64,
            })
            .collect(),
        blast_effectiveness: vec![BlastEffect {
            category: FollowUpCategory::Panas,
            sent: 40,
            responded: 3,
            response_rate: 0.075,
        }],
        agents: vec![],
    }
}

fn principal(role: Role, division: Division) -> Principal {
    Principal {
        id: "U-1".into(),
        role,
        division,
        privileges: vec![],
    }
}

#[tokio::test]
async fn a_division_reads_its_figures_the_indonesian_way_in_seven_charts() {
    // AN-DIV-1..9.
    let h = render_html(division_view(Lang::Id, &division(), false)).await;
    for (figure, text) in [
        ("closing-rate", "35,6%"),
        ("leads-in", "922"),
        ("won", "32,4% dari leads"),
        ("bot-resolution", "16,5%"),
        ("cycle-time", "7,5 hari"),
        ("won-value", "Rp 6.549.850.000"),
    ] {
        let at = h
            .find(&format!("data-figure=\"{figure}\""))
            .unwrap_or_else(|| panic!("figure {figure}: {h}"));
        assert!(
            h[at..].split("</div>").next().unwrap().contains(text),
            "{figure} reads {text}"
        );
    }
    for chart in [
        "closing-trend",
        "leads-funnel",
        "lost-reasons",
        "top-routes",
        "channel-roi",
        "seasonal",
        "blast-effect",
    ] {
        assert!(
            h.contains(&format!("data-chart=\"{chart}\"")),
            "chart {chart}"
        );
    }
    assert!(h.contains("Jakarta → Medan") && h.contains("Harga terlalu mahal"));
    assert!(
        h.contains(">Des 26<") && h.contains(">Okt 26<"),
        "Indonesian months"
    );
    let en = render_html(division_view(Lang::En, &division(), false)).await;
    assert!(
        en.contains(">Dec 26<") && en.contains(">Oct 26<"),
        "English months"
    );
}

fn lines_chart(values: Vec<f64>, fmt: Fmt, active: Option<usize>, as_table: bool) -> ChartProps {
    let labels: Vec<String> = (1..=values.len()).map(|i| format!("M{i}")).collect();
    let rows: Vec<Vec<String>> = labels
        .iter()
        .zip(&values)
        .map(|(l, v)| vec![l.clone(), v.to_string()])
        .collect();
    yew::props!(ChartProps {
        lang: Lang::Id,
        title: "Uji",
        chart: "seasonal",
        plot: Plot::Lines {
            labels,
            series: vec![Series {
                name: "Tiket".into(),
                values
            }],
            fmt,
        },
        head: vec!["Bulan", "Tiket"],
        rows,
        active,
        as_table,
    })
}

async fn chart_html(p: ChartProps) -> String {
    LocalServerRenderer::<Chart>::with_props(p).render().await
}

/// The value axis's marks: the `<text class="axis" text-anchor="end">`.
fn axis_marks(h: &str) -> Vec<String> {
    h.split("<text ")
        .skip(1)
        .filter_map(|el| {
            let (attrs, rest) = el.split_once('>')?;
            (attrs.contains("class=\"axis\"") && attrs.contains("text-anchor=\"end\""))
                .then(|| rest.split('<').next().unwrap_or("").to_string())
        })
        .collect()
}

#[tokio::test]
async fn the_value_axis_counts_in_round_steps() {
    let h = chart_html(lines_chart(vec![29.0, 23.0, 45.0], Fmt::Count, None, false)).await;
    assert_eq!(axis_marks(&h), ["0", "10", "20", "30", "40", "50"]);
    let h = chart_html(lines_chart(vec![0.32, 0.55], Fmt::Percent, None, false)).await;
    assert_eq!(axis_marks(&h), ["0%", "20%", "40%", "60%"]);
    assert_eq!(fmt_axis(Fmt::Rupiah, 1_500_000.0), "1,5 jt");
    assert_eq!(fmt_axis(Fmt::Rupiah, 2_000_000_000.0), "2 M");
}

#[tokio::test]
async fn a_tapped_point_shows_its_exact_value_and_the_table_holds_every_number() {
    let h = chart_html(lines_chart(
        vec![110.0, 126.0, 172.0],
        Fmt::Count,
        Some(1),
        false,
    ))
    .await;
    let tip = &h[h.find("data-testid=\"chart-tooltip\"").expect("a tooltip")..];
    assert!(tip.contains(">M2<") && tip.contains("Tiket: 126"), "{tip}");
    assert!(h.contains("data-view=\"chart\"") && h.contains(">Tabel<"));
    let t = chart_html(lines_chart(vec![110.0, 126.0], Fmt::Count, None, true)).await;
    assert!(t.contains("data-view=\"table\"") && !t.contains("<svg"));
    assert!(t.contains("<td>M1</td><td>110</td>") && t.contains("<td>M2</td><td>126</td>"));
    assert!(t.contains(">Grafik<"), "the way back to the chart");
}

#[tokio::test]
async fn a_month_without_closings_is_a_gap_not_a_fall_to_zero() {
    let nan = f64::NAN;
    let h = chart_html(lines_chart(
        vec![0.3, nan, 0.5, 0.4],
        Fmt::Percent,
        Some(1),
        false,
    ))
    .await;
    assert_eq!(
        h.matches("<polyline").count(),
        2,
        "the line breaks at the gap"
    );
    assert_eq!(
        h.matches("<circle").count(),
        3,
        "markers only where there is a value"
    );
    assert!(h.contains("Tiket: –"), "the tooltip says there is no value");
    // The division view maps a month with no closings to the gap.
    let v = render_html(division_view(Lang::Id, &division(), false)).await;
    let trend = &v[v.find("data-chart=\"closing-trend\"").unwrap()..];
    let trend = &trend[..trend.find("</section>").unwrap()];
    assert_eq!(trend.matches("<polyline").count(), 1);
    assert_eq!(
        trend.matches("<circle").count(),
        2,
        "October and November, no December point: {trend}"
    );
}

#[tokio::test]
async fn a_period_with_no_data_says_so_instead_of_drawing() {
    let mut p = lines_chart(vec![0.0, 0.0], Fmt::Count, None, false);
    p.empty = true;
    let h = chart_html(p).await;
    assert!(
        h.contains("data-testid=\"chart-empty\"")
            && h.contains("Belum ada data untuk periode ini.")
    );
    assert!(!h.contains("<svg") && !h.contains("chart-table-toggle"));
}

#[tokio::test]
async fn donut_and_bars_label_each_value_so_colour_is_not_needed() {
    let p = yew::props!(ChartProps {
        lang: Lang::Id,
        title: "Alasan lost",
        chart: "lost-reasons",
        plot: Plot::Donut {
            items: (0..8)
                .map(|i| (format!("Alasan {i}"), 10.0 + i as f64))
                .collect(),
        },
        head: vec!["Alasan", "Jumlah"],
        rows: vec![],
    });
    let h = chart_html(p).await;
    for i in 0..8 {
        assert!(
            h.contains(&format!("Alasan {i}")),
            "legend names reason {i}"
        );
    }
    // Eight reasons, eight distinct colours.
    for i in 0..8 {
        assert!(h.contains(&format!("slice s{i}")), "colour s{i}: {h}");
    }
    assert!(h.contains("17 · 15,7%"), "count and share in words: {h}");
}

fn table_props(agents: Vec<AgentAnalytics>) -> AgentTableProps {
    yew::props!(AgentTableProps {
        lang: Lang::Id,
        agents: Rc::new(agents),
    })
}

#[tokio::test]
async fn an_agent_under_80_percent_sla_is_red_and_says_so() {
    // AN-AGENT-2.
    let h = LocalServerRenderer::<AgentTable>::with_props(table_props(vec![
        agent("U-1", "Rudi Hartono", 0.84, Some(18.0)),
        agent("U-2", "Bayu Pratama", 0.743, Some(23.9)),
    ]))
    .render()
    .await;
    let row = |id: &str| {
        let at = h.find(&format!("data-agent-id=\"{id}\"")).unwrap();
        let start = h[..at].rfind("<tr").unwrap();
        h[start..start + h[start..].find("</tr>").unwrap()].to_string()
    };
    let bayu = row("U-2");
    assert!(bayu.contains("data-sla-breach=\"true\"") && bayu.contains("breach"));
    assert!(bayu.contains("74,3%") && bayu.contains("di bawah 80%"));
    let rudi = row("U-1");
    assert!(rudi.contains("data-sla-breach=\"false\"") && !rudi.contains("di bawah 80%"));
    assert!(rudi.contains("Rp 26.380.488") && rudi.contains("18 mnt"));
    assert!(
        rudi.contains("Okt 26 44,4%") && rudi.contains("Des 26 –"),
        "the sparkline says its values: {rudi}"
    );
    assert_eq!(
        h.matches("data-testid=\"agent-sort\"").count(),
        6,
        "every column but the sparkline sorts"
    );
}

#[test]
fn the_agents_sort_by_any_column_and_a_missing_value_goes_last() {
    let a = vec![
        agent("U-1", "Rudi", 0.84, Some(18.0)),
        agent("U-2", "bayu", 0.74, None),
        agent("U-3", "Andi", 0.90, Some(12.5)),
    ];
    let ids = |v: Vec<&AgentAnalytics>| v.iter().map(|a| a.agent.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(sorted(&a, SortBy::Sla, false)), ["U-2", "U-1", "U-3"]);
    assert_eq!(ids(sorted(&a, SortBy::Sla, true)), ["U-3", "U-1", "U-2"]);
    assert_eq!(
        ids(sorted(&a, SortBy::Pickup, false)),
        ["U-3", "U-1", "U-2"]
    );
    assert_eq!(
        ids(sorted(&a, SortBy::Pickup, true)),
        ["U-1", "U-3", "U-2"],
        "no pickup is last either way"
    );
    assert_eq!(
        ids(sorted(&a, SortBy::Name, false)),
        ["U-3", "U-2", "U-1"],
        "names ignore case"
    );
}

#[tokio::test]
async fn the_drill_down_opens_idle_tickets_and_returns_to_the_table() {
    // AN-AGENT-3.
    let a = agent("U-1", "Rudi Hartono", 0.84, Some(18.0));
    let h = render_html(agent_drilldown(Lang::Id, &a, false, Some(Callback::noop()))).await;
    assert!(h.contains("href=\"#/ticket/T-77\"") && h.contains("Putri Pratama"));
    assert!(
        h.contains("Tiket tanpa aktivitas &gt; 4 jam (1)")
            || h.contains("Tiket tanpa aktivitas > 4 jam (1)")
    );
    assert!(h.contains("data-testid=\"drilldown-back\""));
    assert!(h.contains("data-chart=\"agent-trend\"") || h.contains("Tren closing rate, 12 bulan"));
    // An agent reading their own figures has no table to return to.
    let own = render_html(agent_drilldown(Lang::Id, &a, false, None)).await;
    assert!(!own.contains("drilldown-back"));
}

fn filters(me: Principal, kind: PeriodKind) -> FiltersProps {
    yew::props!(FiltersProps {
        lang: Lang::Id,
        me,
        tab: "division",
        kind,
        range: range(),
        division: "all",
    })
}

async fn filters_html(p: FiltersProps) -> String {
    LocalServerRenderer::<AnalyticsFilters>::with_props(p)
        .render()
        .await
}

#[tokio::test]
async fn leads_choose_a_division_and_an_agent_is_locked_to_their_own() {
    // AN-DIV-10, OQ-11.
    let tl = filters_html(filters(
        principal(Role::TeamLead, Division::Sari),
        PeriodKind::Custom,
    ))
    .await;
    assert!(tl.contains("<select data-testid=\"analytics-division\""));
    for d in ["all", "SARI", "SAVI", "SAFIA"] {
        assert!(tl.contains(&format!("value=\"{d}\"")), "option {d}");
    }
    assert!(
        tl.contains("data-testid=\"analytics-start\"")
            && tl.contains("data-testid=\"analytics-end\"")
    );
    assert!(
        tl.contains("2 Jun 2026 – 1 Des 2026"),
        "the range in words: {tl}"
    );
    let agent = filters_html(filters(
        principal(Role::SalesAgent, Division::Savi),
        PeriodKind::Monthly,
    ))
    .await;
    assert!(
        !agent.contains("<select data-testid=\"analytics-division\""),
        "no choice for an agent"
    );
    assert!(agent.contains("data-division=\"SAVI\""));
    assert!(
        !agent.contains("analytics-start"),
        "dates only for a custom period"
    );
    assert_eq!(agent.matches("data-testid=\"analytics-period\"").count(), 4);
    assert!(agent.contains("data-period=\"monthly\" aria-pressed=\"true\""));
}

fn export(me: Principal, state: Option<ExportState>) -> ExportProps {
    yew::props!(ExportProps {
        lang: Lang::Id,
        me,
        format: ExportFormat::Pdf,
        division: "all",
        range: range(),
        state,
    })
}

async fn export_html(p: ExportProps) -> String {
    LocalServerRenderer::<ExportForm>::with_props(p)
        .render()
        .await
}

#[tokio::test]
async fn the_super_admin_exports_any_division_and_a_team_lead_their_own() {
    // PERM-12, EXPORT-2.
    let sa = export_html(export(principal(Role::SuperAdmin, Division::Sari), None)).await;
    assert!(sa.contains("<select data-testid=\"export-division\""));
    for d in ["all", "SARI", "SAVI", "SAFIA"] {
        assert!(sa.contains(&format!("value=\"{d}\"")), "SA may export {d}");
    }
    assert!(sa.contains("Ekspor PDF"));
    let tl = export_html(export(principal(Role::TeamLead, Division::Safia), None)).await;
    assert!(!tl.contains("<select data-testid=\"export-division\""));
    assert!(
        tl.contains("data-division=\"SAFIA\""),
        "fixed to the lead's division: {tl}"
    );
}

#[tokio::test]
async fn an_export_says_where_it_went_or_why_it_failed() {
    let me = principal(Role::SuperAdmin, Division::Sari);
    let ready = export_html(export(
        me.clone(),
        Some(ExportState::Ready {
            id: "X-1".into(),
            name: "/home/lina/Unduhan/saga-desk-all.pdf (16 KB)".into(),
        }),
    ))
    .await;
    assert!(ready.contains("data-state=\"ready\""));
    assert!(ready.contains("Tersimpan: /home/lina/Unduhan/saga-desk-all.pdf (16 KB)"));
    assert!(
        ready.contains("data-testid=\"export-open\"")
            && ready.contains("data-testid=\"export-reveal\"")
    );
    let failed = export_html(export(
        me,
        Some(ExportState::Failed {
            message: "Koneksi terputus.".into(),
        }),
    ))
    .await;
    assert!(
        failed.contains("data-state=\"failed\"")
            && failed.contains("Ekspor gagal: Koneksi terputus.")
    );
    assert!(!failed.contains("export-open"));
}
