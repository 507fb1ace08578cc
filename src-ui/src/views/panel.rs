//! The SA/TL panel (PRD 3.8): every agent live with their load (PANEL-1/2),
//! the queue badge (PANEL-5), the tickets idle for more than four hours
//! (PANEL-4), and assigning or moving tickets from here (PANEL-3).

use crate::i18n::admin::{duration, load as load_label, tx};
use crate::i18n::{role_label, t, Lang, K};
use saga_core::access::{can, takes_tickets, Perm, Principal};
use saga_core::format::wib_time;
use saga_core::panel::{idle_secs, load, waiting_secs, Load, QueueBadge, OVERLOADED_AT};
use saga_core::{AgentStatus, AgentSummary, Division, TicketItem};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct PanelProps {
    pub lang: Lang,
    pub agents: Vec<AgentSummary>,
    /// Who looks: setting another agent's status and moving their tickets
    /// exist only for those the gate allows (PERM-3, PERM-5).
    pub me: Principal,
    #[prop_or_default]
    pub busy_agent: Option<String>,
    #[prop_or_default]
    pub on_set_status: Callback<(String, AgentStatus)>,
    /// Move every ticket of this agent to another.
    #[prop_or_default]
    pub on_move: Callback<String>,
    #[prop_or_default]
    pub loading: bool,
}

/// The SA/TL live agent panel (PANEL-1, PANEL-2, TOGGLE-4).
pub fn agent_panel(p: &PanelProps) -> Html {
    if p.loading && p.agents.is_empty() {
        return html! { <div class="state">{ t(p.lang, K::Loading) }</div> };
    }
    let toggle = can(&p.me, Perm::ToggleOthers);
    let moves = can(&p.me, Perm::AssignReassign);
    html! {
        <section class="panel">
            <p class="muted">{ t(p.lang, K::PanelHint) }</p>
            <div class="division-grid">
            { for Division::ALL.iter().map(|d| {
                let list: Vec<&AgentSummary> = p.agents.iter().filter(|a| a.division == *d).collect();
                let online = list.iter().filter(|a| a.status == AgentStatus::Online).count();
                html! {
                    <div class="division-card" data-division={d.as_str()}>
                        <h2>{ d.as_str() }<span class="count">{ format!("{online}/{} {}", list.len(), t(p.lang, K::Online)) }</span></h2>
                        <p class="muted small">{ d.label() }</p>
                        <ul class="agent-list">
                            { for list.iter().map(|a| html! {
                                <AgentRow key={a.id.clone()} lang={p.lang} agent={(*a).clone()}
                                    can_toggle={toggle && a.id != p.me.id} can_move={moves}
                                    busy={p.busy_agent.as_deref() == Some(a.id.as_str())}
                                    on_set_status={p.on_set_status.clone()} on_move={p.on_move.clone()} />
                            }) }
                        </ul>
                    </div>
                }
            }) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct AgentRowProps {
    pub lang: Lang,
    pub agent: AgentSummary,
    pub can_toggle: bool,
    pub can_move: bool,
    pub busy: bool,
    pub on_set_status: Callback<(String, AgentStatus)>,
    pub on_move: Callback<String>,
}

/// One agent: a change re-renders this row only.
#[function_component(AgentRow)]
pub fn agent_row(p: &AgentRowProps) -> Html {
    let a = &p.agent;
    let online = a.status == AgentStatus::Online;
    let next = if online {
        AgentStatus::Offline
    } else {
        AgentStatus::Online
    };
    let level = load(a.active_tickets);
    // A deactivated agent's tickets stay with them, flagged to be moved.
    let stranded = !a.active && a.active_tickets > 0;
    let (set, mv) = (p.on_set_status.clone(), p.on_move.clone());
    let (id1, id2) = (a.id.clone(), a.id.clone());
    html! {
        <li class={classes!("agent-row", online.then_some("on"), (!a.active).then_some("inactive"), format!("load-{}", level.as_str()))}
            data-testid="panel-agent-row" data-agent-id={a.id.clone()} data-status={a.status.as_str()}
            data-active-tickets={a.active_tickets.to_string()} data-load={level.as_str()}>
            <div class="agent-line">
                <span class={classes!("dot", online.then_some("on"))} aria-hidden="true"></span>
                <span class="agent-main">
                    <span class="agent-name">{ &a.name }</span>
                    <span class="muted small">{ role_label(p.lang, a.role) }{ " · " }{ t(p.lang, K::SinceWhen) }{ " " }{ wib_time(&a.status_changed_at) }</span>
                </span>
                <span class={classes!("status-word", online.then_some("on"))}>{ if online { t(p.lang, K::Online) } else { t(p.lang, K::Offline) } }</span>
            </div>
            <div class="agent-line secondary">
                <span class="load" title={t(p.lang, K::ActiveTickets)}>
                    <meter min="0" max={(OVERLOADED_AT + OVERLOADED_AT / 2).to_string()} low={saga_core::panel::BUSY_AT.to_string()}
                        high={OVERLOADED_AT.to_string()} optimum="0" value={a.active_tickets.to_string()}></meter>
                    { a.active_tickets }<span class="small muted">{ " " }{ t(p.lang, K::ActiveTickets) }</span>
                    if level != Load::Normal { <span class={classes!("load-word", level.as_str())}>{ load_label(p.lang, level) }</span> }
                </span>
                if a.idle_tickets > 0 {
                    <span class="idle-alert" data-testid="idle-alert" title={t(p.lang, K::IdleTickets)}>{ format!("⚠ {} {}", a.idle_tickets, t(p.lang, K::IdleTickets)) }</span>
                }
                if p.can_toggle && a.active {
                    <button type="button" class="btn small push" data-testid="panel-set-status" disabled={p.busy}
                        onclick={Callback::from(move |_| set.emit((id1.clone(), next)))}>
                        { if online { t(p.lang, K::SetOffline) } else { t(p.lang, K::SetOnline) } }
                    </button>
                }
            </div>
            if stranded || (p.can_move && a.active_tickets > 0) {
                <div class="agent-line secondary">
                    if stranded { <span class="stranded">{ tx(p.lang).inactive_flag.replace("{}", &a.active_tickets.to_string()) }</span> }
                    if p.can_move {
                        <button type="button" class="btn small ghost push" data-testid="panel-move-tickets" data-agent-id={a.id.clone()}
                            onclick={Callback::from(move |_| mv.emit(id2.clone()))}>
                            { tx(p.lang).move_tickets.replace("{}", &a.active_tickets.to_string()) }</button>
                    }
                </div>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct QueueProps {
    pub lang: Lang,
    pub badge: Option<QueueBadge>,
    /// The role's threshold in minutes (5 for a Team Lead, 15 for the SA).
    pub threshold_mins: i64,
}

/// PANEL-5: customers waiting without an agent past the role's threshold.
pub fn queue_badge_view(p: &QueueProps) -> Html {
    let t = tx(p.lang);
    match p.badge {
        None => html! { <p class="muted small queue-ok">{ t.no_queue }</p> },
        Some(b) => html! {
            <div class="queue-badge" role="status" data-testid="queue-badge" data-count={b.count.to_string()}
                data-oldest-s={b.oldest_secs.to_string()}>
                <strong class="queue-count">{ b.count }</strong>
                <span>{ t.queue_badge.replacen("{}", &b.count.to_string(), 1).replacen("{}", &p.threshold_mins.to_string(), 1) }</span>
                <span class="muted small">{ t.oldest.replace("{}", &duration(p.lang, b.oldest_secs)) }</span>
            </div>
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct TicketsProps {
    pub lang: Lang,
    /// `idle` (PANEL-4) or `waiting` (PANEL-5).
    pub kind: &'static str,
    pub tickets: Rc<Vec<TicketItem>>,
    /// How many there are in all, when more than the list shows.
    #[prop_or_default]
    pub total: Option<usize>,
    /// Now, in seconds since the epoch (the page ticks it).
    pub now_s: i64,
    /// Assign or move this ticket.
    #[prop_or_default]
    pub on_pick: Option<Callback<TicketItem>>,
}

/// Tickets the panel points at: idle for more than four hours, or customers
/// waiting for an agent; each opens its ticket.
pub fn panel_tickets(p: &TicketsProps) -> Html {
    let t = tx(p.lang);
    let now = p.now_s;
    let idle = p.kind == "idle";
    let total = p.total.unwrap_or(0).max(p.tickets.len());
    let (title, empty) = if idle {
        (t.idle_title, t.no_idle)
    } else {
        (t.waiting_title, t.no_queue)
    };
    html! {
        <section class={classes!("panel-tickets", p.kind)} data-testid={if idle { "idle-list" } else { "waiting-list" }}>
            <h3 class="section-title">
                if idle && !p.tickets.is_empty() { <span class="idle-alert" data-testid="idle-alert">{ "⚠" }</span>{ " " } }
                { title }{ format!(" ({})", total) }
            </h3>
            if p.tickets.is_empty() { <p class="muted small">{ empty }</p> }
            if total > p.tickets.len() && !p.tickets.is_empty() {
                <p class="muted small" data-testid="panel-tickets-more">{ t.oldest_shown.replace("{}", &p.tickets.len().to_string()) }</p>
            }
            <ul class="panel-ticket-list">
                { for p.tickets.iter().map(|tk| {
                    let how_long = if idle {
                        t.idle_for.replace("{}", &duration(p.lang, idle_secs(tk, now)))
                    } else {
                        t.waiting_for.replace("{}", &duration(p.lang, waiting_secs(tk, now).unwrap_or(0)))
                    };
                    let pick = p.on_pick.clone().map(|cb| {
                        let tk = tk.clone();
                        let label = if tk.assigned_to.is_some() { t.reassign } else { t.assign };
                        html! { <button type="button" class="btn small" data-testid="panel-pick-ticket" data-ticket-id={tk.id.clone()}
                            onclick={Callback::from(move |_| cb.emit(tk.clone()))}>{ label }</button> }
                    });
                    html! {
                        <li key={tk.id.clone()} class="panel-ticket" data-testid={if idle { "idle-ticket" } else { "waiting-ticket" }} data-ticket-id={tk.id.clone()}>
                            <a class="row-link" href={format!("#/ticket/{}", tk.id)}>
                                <span class="customer">{ &tk.customer_name }</span>
                                <span class="muted small">{ tk.division.as_str() }{ " · " }
                                    { tk.assigned_agent_name.clone().or_else(|| tk.waiting_for_agent.as_ref().map(|w| w.name.clone())).unwrap_or_else(|| "Bot".into()) }</span>
                            </a>
                            <span class="how-long">{ how_long }</span>
                            { pick.unwrap_or_default() }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PickProps {
    pub lang: Lang,
    /// What is being handed over: one ticket's customer, or an agent's tickets.
    pub title: AttrValue,
    /// Whose tickets these are now (not offered as the target).
    #[prop_or_default]
    pub from_agent: Option<String>,
    /// The division the tickets belong to: its agents are offered first.
    #[prop_or_default]
    pub division: Option<Division>,
    pub agents: Vec<AgentSummary>,
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub progress: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_pick: Callback<String>,
    pub on_close: Callback<()>,
}

/// The Online agents of every division who can take tickets (ASSIGN-2):
/// those of the tickets' own division first, least loaded first.
pub fn candidates(
    agents: &[AgentSummary],
    from: Option<&str>,
    division: Option<Division>,
) -> Vec<AgentSummary> {
    let mut v: Vec<AgentSummary> = agents
        .iter()
        .filter(|a| {
            a.active
                && a.status == AgentStatus::Online
                && takes_tickets(a.role)
                && Some(a.id.as_str()) != from
        })
        .cloned()
        .collect();
    v.sort_by_key(|a| {
        (
            division.is_some_and(|d| d != a.division),
            a.active_tickets,
            a.name.clone(),
        )
    });
    v
}

/// Assign or move from the panel (PANEL-3): pick the agent.
pub fn agent_pick(p: &PickProps) -> Html {
    let t = tx(p.lang);
    let list = candidates(&p.agents, p.from_agent.as_deref(), p.division);
    let testid = if p.from_agent.is_some() {
        "panel-reassign"
    } else {
        "panel-assign"
    };
    let (close, close2, close3) = (p.on_close.clone(), p.on_close.clone(), p.on_close.clone());
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            close3.emit(());
        }
    });
    html! {
        <div class="scrim" {onkeydown} onclick={Callback::from(move |_| close2.emit(()))}>
            <div class="dialog agent-pick" role="dialog" aria-modal="true" data-testid="panel-agent-pick"
                onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <h2 class="section-title">{ p.title.clone() }</h2>
                <p class="small muted">{ t.pick_agent }</p>
                if list.is_empty() { <p class="muted">{ t.no_online }</p> }
                <ul class="pick-list">
                    { for list.iter().map(|a| {
                        let (cb, id) = (p.on_pick.clone(), a.id.clone());
                        let level = load(a.active_tickets);
                        html! {
                            <li>
                                <button type="button" class={classes!("pick", format!("load-{}", level.as_str()))} data-testid={testid}
                                    data-agent-id={a.id.clone()} disabled={p.busy} onclick={Callback::from(move |_| cb.emit(id.clone()))}>
                                    <span class="agent-name">{ &a.name }</span>
                                    <span class="muted small">{ a.division.as_str() }{ " · " }{ a.active_tickets }{ " " }{ t_active(p.lang) }</span>
                                    if level != Load::Normal { <span class={classes!("load-word", level.as_str())}>{ load_label(p.lang, level) }</span> }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
                if let Some(pr) = &p.progress { <p class="small" role="status">{ pr.clone() }</p> }
                if let Some(e) = &p.error { <p class="alert error" role="alert">{ e.clone() }</p> }
                <div class="dialog-actions">
                    <button type="button" class="btn ghost" data-testid="panel-pick-close" autofocus=true onclick={Callback::from(move |_| close.emit(()))}>{ t_close(p.lang) }</button>
                </div>
            </div>
        </div>
    }
}

fn t_active(lang: Lang) -> &'static str {
    t(lang, K::ActiveTicketsShort)
}

fn t_close(lang: Lang) -> &'static str {
    t(lang, K::Close)
}
