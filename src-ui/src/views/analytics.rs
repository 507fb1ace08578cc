//! Analytics on two levels (PRD 3.7) and the export form (PRD 3.10): the
//! division's figures and charts (AN-DIV-1..10), the agents' table with
//! its SLA highlight (AN-AGENT-1..2) and one agent's drill-down
//! (AN-AGENT-3). Pure views of the typed answers of API-17 and API-18.

use super::badges::channel_label;
use super::charts::{sparkline, Chart, Fmt, Plot, Series};
use crate::i18n::analytics::{date_label, month_label, period_label, tx};
use crate::i18n::Lang;
use saga_core::access::{access, export_allowed, Perm, Principal};
use saga_core::analytics::{
    one_decimal, percent, AgentAnalytics, DivisionAnalytics, ExportFormat, PeriodKind,
};
use saga_core::format::{rupiah, wib_datetime};
use saga_core::{DateRange, Division};
use std::rc::Rc;
use yew::prelude::*;

/// A month's closing rate as a chart value: no closings is a gap (NaN).
fn gap(m: &saga_core::analytics::MonthRate) -> f64 {
    m.rate().unwrap_or(f64::NAN)
}

/// One headline figure (`analytics-figure`).
fn figure(key: &'static str, label: &str, value: String, sub: Option<String>) -> Html {
    html! {
        <div class="figure" data-testid="analytics-figure" data-figure={key}>
            <span class="figure-label">{ label }</span>
            <strong class="figure-value">{ value }</strong>
            if let Some(s) = sub { <span class="figure-sub muted small">{ s }</span> }
        </div>
    }
}

/// AN-DIV-1..9: the headline figures and seven charts, each with its table.
pub fn division_view(lang: Lang, d: &DivisionAnalytics, compact: bool) -> Html {
    let t = tx(lang);
    let tot = &d.totals;
    let of = |pct: f64| Some(format!("{} {}", percent(pct), t.of_leads));
    let month = |m: &String| month_label(lang, m);
    let lost_total = d.lost_reasons.iter().map(|l| l.count).sum::<u64>().max(1) as f64;
    let route = |r: &saga_core::analytics::RouteCount| format!("{} → {}", r.origin, r.destination);
    html! {
        <div class="analytics-division" data-testid="analytics-division-view" data-divisions={d.divisions.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(",")}>
            <div class="figures">
                { figure("closing-rate", t.closing_rate, percent(d.closing_rate), None) }
                { figure("leads-in", t.leads_in, tot.leads.to_string(), None) }
                { figure("valid", t.valid, tot.valid.to_string(), of(tot.valid_pct)) }
                { figure("won", t.won, tot.won.to_string(), of(tot.won_pct)) }
                { figure("lost", t.lost, tot.lost.to_string(), of(tot.lost_pct)) }
                { figure("bot-resolution", t.bot_resolution, percent(d.bot_resolution_rate), None) }
                { figure("cycle-time", t.cycle_time, d.avg_cycle_days.map(|c| format!("{} {}", one_decimal(c), t.days)).unwrap_or_else(|| "–".into()), None) }
                { figure("won-value", t.won_value, rupiah(tot.won_value), None) }
            </div>
            <div class="charts">
                <Chart {lang} {compact} title={t.trend_title} chart="closing-trend" empty={d.trend.iter().all(|m| m.won + m.lost == 0)}
                    plot={Plot::Lines { labels: d.trend.iter().map(|m| month(&m.month)).collect(), fmt: Fmt::Percent,
                        series: vec![Series { name: t.closing_rate.into(), values: d.trend.iter().map(gap).collect() }] }}
                    head={vec![t.month, t.closing_rate, t.won, t.lost]}
                    rows={d.trend.iter().map(|m| vec![month(&m.month), m.rate().map(percent).unwrap_or_else(|| "–".into()), m.won.to_string(), m.lost.to_string()]).collect::<Vec<_>>()} />
                <Chart {lang} {compact} title={t.funnel_title} chart="leads-funnel" empty={tot.leads == 0}
                    plot={Plot::Bars { fmt: Fmt::Count, total: Some(tot.leads as f64), items: vec![
                        (t.leads_in.to_string(), tot.leads as f64), (t.valid.to_string(), tot.valid as f64),
                        (t.won.to_string(), tot.won as f64), (t.lost.to_string(), tot.lost as f64)] }}
                    head={vec![t.count, t.tickets, t.share]}
                    rows={vec![
                        vec![t.leads_in.to_string(), tot.leads.to_string(), "100%".to_string()],
                        vec![t.valid.to_string(), tot.valid.to_string(), percent(tot.valid_pct)],
                        vec![t.won.to_string(), tot.won.to_string(), percent(tot.won_pct)],
                        vec![t.lost.to_string(), tot.lost.to_string(), percent(tot.lost_pct)],
                    ]} />
                <Chart {lang} {compact} title={t.lost_title} chart="lost-reasons" empty={d.lost_reasons.is_empty()}
                    plot={Plot::Donut { items: d.lost_reasons.iter().map(|l| (l.reason.clone(), l.count as f64)).collect() }}
                    head={vec![t.reason, t.count, t.share]}
                    rows={d.lost_reasons.iter().map(|l| vec![l.reason.clone(), l.count.to_string(), percent(l.count as f64 / lost_total)]).collect::<Vec<_>>()} />
                <Chart {lang} {compact} title={t.routes_title} chart="top-routes" empty={d.top_routes.is_empty()}
                    plot={Plot::Bars { fmt: Fmt::Count, total: Some(d.top_routes.iter().map(|r| r.count as f64).sum()),
                        items: d.top_routes.iter().map(|r| (route(r), r.count as f64)).collect() }}
                    head={vec![t.route, t.tickets]}
                    rows={d.top_routes.iter().map(|r| vec![route(r), r.count.to_string()]).collect::<Vec<_>>()} />
                <Chart {lang} {compact} title={t.channel_title} chart="channel-roi" empty={d.channel_roi.iter().all(|c| c.won == 0)}
                    plot={Plot::Lines { fmt: Fmt::Count,
                        labels: d.channel_roi.first().map(|c| c.series.iter().map(|m| month(&m.month)).collect()).unwrap_or_default(),
                        series: d.channel_roi.iter().map(|c| Series { name: channel_label(&c.channel).to_string(), values: c.series.iter().map(|m| m.won as f64).collect() }).collect() }}
                    head={vec![t.channel, t.month, t.closings, t.won_value, t.closing_rate]}
                    rows={d.channel_roi.iter().flat_map(|c| c.series.iter().map(move |m| vec![channel_label(&c.channel).to_string(), month_label(lang, &m.month), m.won.to_string(), rupiah(m.won_value), percent(m.closing_rate)])).collect::<Vec<_>>()} />
                <Chart {lang} {compact} title={t.season_title} chart="seasonal" empty={d.seasonality.iter().all(|m| m.volume == 0)}
                    plot={Plot::Lines { fmt: Fmt::Count, labels: d.seasonality.iter().map(|m| month(&m.month)).collect(),
                        series: vec![Series { name: t.tickets.into(), values: d.seasonality.iter().map(|m| m.volume as f64).collect() }] }}
                    head={vec![t.month, t.tickets]}
                    rows={d.seasonality.iter().map(|m| vec![month(&m.month), m.volume.to_string()]).collect::<Vec<_>>()} />
                <Chart {lang} {compact} title={t.blast_title} chart="blast-effect" empty={d.blast_effectiveness.iter().all(|b| b.sent == 0)}
                    plot={Plot::Bars { fmt: Fmt::Percent, total: None,
                        items: d.blast_effectiveness.iter().map(|b| (format!("{} ({}/{})", b.category.as_str(), b.responded, b.sent), b.response_rate)).collect() }}
                    head={vec![t.category, t.sent, t.responded, t.response_rate]}
                    rows={d.blast_effectiveness.iter().map(|b| vec![b.category.as_str().to_string(), b.sent.to_string(), b.responded.to_string(), percent(b.response_rate)]).collect::<Vec<_>>()} />
            </div>
        </div>
    }
}

/// The columns the agents' table sorts by.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SortBy {
    Name,
    Closing,
    Pickup,
    Sla,
    Availability,
    Deal,
}

impl SortBy {
    pub fn key(self) -> &'static str {
        match self {
            SortBy::Name => "name",
            SortBy::Closing => "closing",
            SortBy::Pickup => "pickup",
            SortBy::Sla => "sla",
            SortBy::Availability => "availability",
            SortBy::Deal => "deal",
        }
    }
}

/// The agents in the order asked (`desc`: largest first; a missing value
/// goes last either way).
pub fn sorted(agents: &[AgentAnalytics], by: SortBy, desc: bool) -> Vec<&AgentAnalytics> {
    let mut v: Vec<&AgentAnalytics> = agents.iter().collect();
    let num = |a: &AgentAnalytics| -> Option<f64> {
        match by {
            SortBy::Name => None,
            SortBy::Closing => Some(a.closing_rate),
            SortBy::Pickup => a.avg_pickup_minutes,
            SortBy::Sla => Some(a.sla_compliance),
            SortBy::Availability => Some(a.availability_rate),
            SortBy::Deal => a.avg_deal_value.map(|v| v as f64),
        }
    };
    v.sort_by(|a, b| {
        if by == SortBy::Name {
            let o = a
                .agent
                .name
                .to_lowercase()
                .cmp(&b.agent.name.to_lowercase());
            return if desc { o.reverse() } else { o };
        }
        match (num(a), num(b)) {
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal);
                if desc {
                    o.reverse()
                } else {
                    o
                }
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| a.agent.name.cmp(&b.agent.name))
    });
    v
}

#[derive(Properties, PartialEq, Clone)]
pub struct AgentTableProps {
    pub lang: Lang,
    pub agents: Rc<Vec<AgentAnalytics>>,
    #[prop_or_default]
    pub on_open: Callback<String>,
}

/// AN-AGENT-1/2: every agent's figures, sortable by any column; a row
/// under 80 % SLA compliance is red (and says so in words); a row opens
/// the agent's drill-down.
#[function_component(AgentTable)]
pub fn agent_table(p: &AgentTableProps) -> Html {
    let t = tx(p.lang);
    let sort = use_state(|| (SortBy::Closing, true));
    let (by, desc) = *sort;
    let head = |col: SortBy, label: &'static str| {
        let s = sort.clone();
        let on = by == col;
        let aria = if on {
            if desc {
                "descending"
            } else {
                "ascending"
            }
        } else {
            "none"
        };
        html! {
            <th scope="col" aria-sort={aria} class={(col != SortBy::Name).then_some("num")}>
                <button type="button" class="sort" data-testid="agent-sort" data-column={col.key()}
                    aria-label={t.sort_by.replace("{}", label)}
                    onclick={Callback::from(move |_| s.set((col, if by == col { !desc } else { col != SortBy::Name && col != SortBy::Pickup })))}>
                    { label }{ if on { if desc { " ↓" } else { " ↑" } } else { "" } }
                </button>
            </th>
        }
    };
    if p.agents.is_empty() {
        return html! { <p class="muted" data-testid="agent-metrics-empty">{ t.no_agents }</p> };
    }
    html! {
        <div class="table-scroll">
            <table class="agent-table" data-testid="agent-metrics">
                <thead><tr>
                    { head(SortBy::Name, t.agent) }
                    { head(SortBy::Closing, t.closing_rate) }
                    <th scope="col">{ t.trend_3m }</th>
                    { head(SortBy::Pickup, t.pickup) }
                    { head(SortBy::Sla, t.sla) }
                    { head(SortBy::Availability, t.availability) }
                    { head(SortBy::Deal, t.avg_deal) }
                </tr></thead>
                <tbody>
                    { for sorted(&p.agents, by, desc).into_iter().map(|a| {
                        let (open, id) = (p.on_open.clone(), a.agent.id.clone());
                        let trend: Vec<f64> = a.trend.iter().map(gap).collect();
                        let spark_label = format!("{}: {}", t.trend_3m, a.trend.iter().map(|m| format!("{} {}", month_label(p.lang, &m.month), m.rate().map(percent).unwrap_or_else(|| "–".into()))).collect::<Vec<_>>().join(", "));
                        html! {
                            <tr key={a.agent.id.clone()} class={classes!("agent-metrics-row", a.sla_breach.then_some("breach"))} data-testid="agent-metrics-row"
                                data-agent-id={a.agent.id.clone()} data-sla-breach={a.sla_breach.to_string()}>
                                <td><a class="row-link" href={format!("#/analytics?tab=agent&agent={}", a.agent.id)}
                                    onclick={Callback::from(move |e: MouseEvent| { e.prevent_default(); open.emit(id.clone()) })}>{ &a.agent.name }</a>
                                    <span class="muted small">{ " · " }{ a.agent.division.as_str() }</span></td>
                                <td class="num" data-label={t.closing_rate}>{ percent(a.closing_rate) }</td>
                                <td data-label={t.trend_3m}>{ sparkline(&trend, &spark_label) }</td>
                                <td class="num" data-label={t.pickup}>{ a.avg_pickup_minutes.map(|m| format!("{} {}", one_decimal(m), t.minutes)).unwrap_or_else(|| "–".into()) }</td>
                                <td class="num sla" data-label={t.sla}>{ percent(a.sla_compliance) }
                                    if a.sla_breach { <span class="breach-word">{ " · " }{ t.sla_breach }</span> }</td>
                                <td class="num" data-label={t.availability}>{ percent(a.availability_rate) }</td>
                                <td class="num" data-label={t.avg_deal}>{ a.avg_deal_value.map(rupiah).unwrap_or_else(|| "–".into()) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// AN-AGENT-3: one agent's full trend, idle tickets and lost reasons;
/// `on_back` returns to the table (absent for an agent looking at
/// themself).
pub fn agent_drilldown(
    lang: Lang,
    a: &AgentAnalytics,
    compact: bool,
    on_back: Option<Callback<()>>,
) -> Html {
    let t = tx(lang);
    let lost_total = a.lost_reasons.iter().map(|l| l.count).sum::<u64>().max(1) as f64;
    let month = |m: &String| month_label(lang, m);
    html! {
        <section class="drilldown" data-testid="agent-drilldown" data-agent-id={a.agent.id.clone()}>
            <header class="drill-head">
                if let Some(back) = on_back {
                    <button type="button" class="link-btn" data-testid="drilldown-back" onclick={Callback::from(move |_| back.emit(()))}>{ "← " }{ t.back_to_table }</button>
                }
                <h2 class="section-title">{ &a.agent.name }<span class="muted small">{ " · " }{ a.agent.division.as_str() }</span></h2>
            </header>
            <div class={classes!("figures", a.sla_breach.then_some("breach"))}>
                { figure("closing-rate", t.closing_rate, percent(a.closing_rate), Some(format!("{} {} · {} {}", a.won, t.won, a.lost, t.lost))) }
                { figure("sla", t.sla, percent(a.sla_compliance), a.sla_breach.then(|| t.sla_breach.to_string())) }
                { figure("pickup", t.pickup, a.avg_pickup_minutes.map(|m| format!("{} {}", one_decimal(m), t.minutes)).unwrap_or_else(|| "–".into()), None) }
                { figure("availability", t.availability, percent(a.availability_rate), None) }
                { figure("avg-deal", t.avg_deal, a.avg_deal_value.map(rupiah).unwrap_or_else(|| "–".into()), None) }
            </div>
            <div class="charts">
                <Chart {lang} {compact} title={t.trend_12m} chart="closing-trend" empty={a.trend_full.iter().all(|m| m.won + m.lost == 0)}
                    plot={Plot::Lines { fmt: Fmt::Percent, labels: a.trend_full.iter().map(|m| month(&m.month)).collect(),
                        series: vec![Series { name: t.closing_rate.into(), values: a.trend_full.iter().map(gap).collect() }] }}
                    head={vec![t.month, t.closing_rate, t.won, t.lost]}
                    rows={a.trend_full.iter().map(|m| vec![month(&m.month), m.rate().map(percent).unwrap_or_else(|| "–".into()), m.won.to_string(), m.lost.to_string()]).collect::<Vec<_>>()} />
                <Chart {lang} {compact} title={t.lost_title} chart="lost-reasons" empty={a.lost_reasons.is_empty()}
                    plot={Plot::Donut { items: a.lost_reasons.iter().map(|l| (l.reason.clone(), l.count as f64)).collect() }}
                    head={vec![t.reason, t.count, t.share]}
                    rows={a.lost_reasons.iter().map(|l| vec![l.reason.clone(), l.count.to_string(), percent(l.count as f64 / lost_total)]).collect::<Vec<_>>()} />
            </div>
            <section class="chart-card idle-tickets" data-testid="drilldown-idle">
                <h3 class="section-title">{ t.idle_title }{ format!(" ({})", a.idle_tickets.len()) }</h3>
                if a.idle_tickets.is_empty() { <p class="muted">{ t.no_idle }</p> }
                <ul class="panel-ticket-list">
                    { for a.idle_tickets.iter().map(|tk| html! {
                        <li key={tk.ticket_id.clone()} class="panel-ticket" data-testid="idle-ticket" data-ticket-id={tk.ticket_id.clone()}>
                            <a class="row-link" href={format!("#/ticket/{}", tk.ticket_id)}>
                                <span class="customer">{ &tk.customer_name }</span>
                                <span class="muted small">{ tk.crm_stage.as_str().to_string() }{ " · " }{ wib_datetime(&tk.last_activity_at) }</span>
                            </a>
                        </li>
                    }) }
                </ul>
            </section>
        </section>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct FiltersProps {
    pub lang: Lang,
    pub me: Principal,
    /// `division` or `agent`.
    pub tab: AttrValue,
    pub kind: PeriodKind,
    pub range: DateRange,
    /// The division shown (`all` for every one).
    pub division: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub on_tab: Callback<&'static str>,
    #[prop_or_default]
    pub on_period: Callback<PeriodKind>,
    /// A custom range: (start, end).
    #[prop_or_default]
    pub on_range: Callback<(String, String)>,
    #[prop_or_default]
    pub on_division: Callback<String>,
}

fn input_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

/// The tabs and AN-DIV-10's filters: period (daily, weekly, monthly, a
/// custom range) and, for SA and TL, the division; an agent's division is
/// fixed (OQ-11).
#[function_component(AnalyticsFilters)]
pub fn analytics_filters(p: &FiltersProps) -> Html {
    let t = tx(p.lang);
    let all =
        saga_core::access::sees_all_divisions(&p.me) && access(&p.me, Perm::Analytics).allowed();
    let tab = |key: &'static str, label: &'static str, testid: &'static str| {
        let cb = p.on_tab.clone();
        let on = p.tab == key;
        html! {
            <button type="button" role="tab" aria-selected={on.to_string()} class={classes!("tab", on.then_some("active"))}
                data-testid={testid} onclick={Callback::from(move |_| cb.emit(key))}>{ label }</button>
        }
    };
    let start = use_state(|| p.range.start.clone());
    let end = use_state(|| p.range.end.clone());
    {
        let (start, end, r) = (start.clone(), end.clone(), p.range.clone());
        use_effect_with(r, move |r| {
            start.set(r.start.clone());
            end.set(r.end.clone());
            || ()
        });
    }
    let apply = {
        let (cb, start, end) = (p.on_range.clone(), start.clone(), end.clone());
        Callback::from(move |_| cb.emit(((*start).clone(), (*end).clone())))
    };
    html! {
        <div class="analytics-filters">
            <nav class="ticket-tabs" role="tablist">
                { tab("division", t.tab_division, "analytics-division-tab") }
                { tab("agent", t.tab_agent, "analytics-agent-tab") }
            </nav>
            <div class="filters analytics-filter-row">
                <div class="segmented" role="group" aria-label={t.period}>
                    { for PeriodKind::ALL.iter().map(|k| {
                        let (cb, k) = (p.on_period.clone(), *k);
                        html! {
                            <button type="button" class={classes!("seg", (p.kind == k).then_some("active"))} data-testid="analytics-period"
                                data-period={k.as_str()} aria-pressed={(p.kind == k).to_string()} onclick={Callback::from(move |_| cb.emit(k))}>
                                { period_label(p.lang, k) }</button>
                        }
                    }) }
                </div>
                if p.kind == PeriodKind::Custom {
                    <label class="filter"><span class="filter-label">{ t.from }</span>
                        <input type="date" data-testid="analytics-start" value={(*start).clone()}
                            onchange={{ let s = start.clone(); Callback::from(move |e: Event| s.set(input_value(&e))) }} /></label>
                    <label class="filter"><span class="filter-label">{ t.to }</span>
                        <input type="date" data-testid="analytics-end" value={(*end).clone()}
                            onchange={{ let s = end.clone(); Callback::from(move |e: Event| s.set(input_value(&e))) }} /></label>
                    <button type="button" class="btn small" data-testid="analytics-apply" onclick={apply}>{ t.apply }</button>
                }
                if all {
                    <label class="filter"><span class="filter-label">{ t.division }</span>
                        <select data-testid="analytics-division" onchange={{ let cb = p.on_division.clone(); Callback::from(move |e: Event| cb.emit(select_value(&e))) }}>
                            <option value="all" selected={p.division == "all"}>{ t.all_divisions }</option>
                            { for Division::ALL.iter().map(|d| html! { <option value={d.as_str()} selected={p.division == d.as_str()}>{ d.label() }</option> }) }
                        </select></label>
                } else {
                    <span class="chip division-fixed" data-testid="analytics-division" data-division={p.me.division.as_str()}>{ p.me.division.label() }</span>
                }
                <span class="muted small period-range" data-testid="analytics-range">{ if p.range.start == p.range.end { date_label(p.lang, &p.range.start) } else { format!("{} – {}", date_label(p.lang, &p.range.start), date_label(p.lang, &p.range.end)) } }</span>
            </div>
            if let Some(e) = &p.error { <p class="alert error" role="alert" data-testid="analytics-error">{ e.clone() }</p> }
        </div>
    }
}

/// Where an export stands (`export-status`).
#[derive(Clone, PartialEq, Debug)]
pub enum ExportState {
    Working { progress: Option<String> },
    Ready { id: String, name: String },
    Failed { message: String },
}

impl ExportState {
    fn key(&self) -> &'static str {
        match self {
            ExportState::Working { .. } => "working",
            ExportState::Ready { .. } => "ready",
            ExportState::Failed { .. } => "failed",
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct ExportProps {
    pub lang: Lang,
    pub me: Principal,
    pub format: ExportFormat,
    pub division: AttrValue,
    pub range: DateRange,
    #[prop_or_default]
    pub state: Option<ExportState>,
    /// (format, division, start, end)
    #[prop_or_default]
    pub on_submit: Callback<(ExportFormat, String, String, String)>,
    #[prop_or_default]
    pub on_open: Callback<String>,
    #[prop_or_default]
    pub on_reveal: Callback<String>,
    #[prop_or_default]
    pub on_close: Callback<()>,
}

/// EXPORT-2..5: division (the Super Admin any or all; a Team Lead their
/// own, fixed) and dates; then where it stands: preparing, downloading,
/// saved (open it, show it in its folder), or failed with why and a retry.
#[function_component(ExportForm)]
pub fn export_form(p: &ExportProps) -> Html {
    let t = tx(p.lang);
    let choices: Vec<&'static str> = ["all", "SARI", "SAVI", "SAFIA"]
        .into_iter()
        .filter(|d| export_allowed(&p.me, d))
        .collect();
    let first = if choices.contains(&p.division.as_str()) {
        p.division.to_string()
    } else {
        choices.first().map(|d| d.to_string()).unwrap_or_default()
    };
    let division = use_state(|| first);
    let start = use_state(|| p.range.start.clone());
    let end = use_state(|| p.range.end.clone());
    let submit = {
        let (cb, f, d, s, e) = (
            p.on_submit.clone(),
            p.format,
            division.clone(),
            start.clone(),
            end.clone(),
        );
        Callback::from(move |ev: SubmitEvent| {
            ev.prevent_default();
            cb.emit((f, (*d).clone(), (*s).clone(), (*e).clone()))
        })
    };
    let working = matches!(p.state, Some(ExportState::Working { .. }));
    let (close, close2) = (p.on_close.clone(), p.on_close.clone());
    let title = match p.format {
        ExportFormat::Excel => saga_core::strings::EXPORT_EXCEL,
        ExportFormat::Pdf => saga_core::strings::EXPORT_PDF,
    };
    html! {
        <div class="scrim" onkeydown={Callback::from(move |e: KeyboardEvent| if e.key() == "Escape" { close2.emit(()) })}>
            <form class="dialog export-form" role="dialog" aria-modal="true" data-testid="export-form" data-format={p.format.as_str()} onsubmit={submit}>
                <h2 class="section-title">{ title }</h2>
                if choices.len() > 1 {
                    <label class="field"><span>{ t.division }</span>
                        <select data-testid="export-division" disabled={working}
                            onchange={{ let d = division.clone(); Callback::from(move |e: Event| d.set(select_value(&e))) }}>
                            { for choices.iter().map(|c| html! {
                                <option value={*c} selected={*division == *c}>{ if *c == "all" { t.all_divisions.to_string() } else { Division::parse(c).map(|d| d.label().to_string()).unwrap_or_default() } }</option>
                            }) }
                        </select></label>
                } else {
                    <p class="field"><span>{ t.division }</span>
                        <span class="chip" data-testid="export-division" data-division={(*division).clone()}>{ (*division).clone() }</span>
                        <span class="field-hint">{ t.export_fixed_division }</span></p>
                }
                <div class="date-pair">
                    <label class="field"><span>{ t.from }</span>
                        <input type="date" data-testid="export-start" value={(*start).clone()} disabled={working}
                            onchange={{ let s = start.clone(); Callback::from(move |e: Event| s.set(input_value(&e))) }} /></label>
                    <label class="field"><span>{ t.to }</span>
                        <input type="date" data-testid="export-end" value={(*end).clone()} disabled={working}
                            onchange={{ let s = end.clone(); Callback::from(move |e: Event| s.set(input_value(&e))) }} /></label>
                </div>
                if let Some(st) = &p.state {
                    <div class={classes!("export-status", st.key())} data-testid="export-status" data-state={st.key()} role="status">
                        { match st {
                            ExportState::Working { progress } => html! { <p>{ progress.clone().unwrap_or_else(|| t.working.to_string()) }</p> },
                            ExportState::Ready { id, name } => {
                                let (o, r, id1, id2) = (p.on_open.clone(), p.on_reveal.clone(), id.clone(), id.clone());
                                html! { <>
                                    <p>{ t.saved_to.replace("{}", name) }</p>
                                    <div class="form-actions">
                                        <button type="button" class="btn primary" data-testid="export-open" onclick={Callback::from(move |_| o.emit(id1.clone()))}>{ t.open }</button>
                                        <button type="button" class="btn" data-testid="export-reveal" onclick={Callback::from(move |_| r.emit(id2.clone()))}>{ t.show_in_folder }</button>
                                    </div>
                                </> }
                            }
                            ExportState::Failed { message } => html! { <p class="alert error" role="alert">{ t.failed.replace("{}", message) }</p> },
                        } }
                    </div>
                }
                <div class="dialog-actions">
                    <button type="button" class="btn ghost" data-testid="export-close" onclick={Callback::from(move |_| close.emit(()))}>{ t.close }</button>
                    <button type="submit" class="btn primary" data-testid="export-download" disabled={working || choices.is_empty()}>
                        { if matches!(p.state, Some(ExportState::Failed { .. })) { t.retry } else { t.export_save } }</button>
                </div>
            </form>
        </div>
    }
}
