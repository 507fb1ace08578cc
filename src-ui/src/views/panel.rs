use crate::i18n::{role_label, t, Lang, K};
use saga_core::access::{can, Perm, Principal};
use saga_core::format::wib_time;
use saga_core::{AgentStatus, AgentSummary, Division};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct PanelProps {
    pub lang: Lang,
    pub agents: Vec<AgentSummary>,
    /// Who looks: the buttons that set another agent's status exist only
    /// for those PERM-3 allows.
    pub me: Principal,
    #[prop_or_default]
    pub busy_agent: Option<String>,
    #[prop_or_default]
    pub on_set_status: Callback<(String, AgentStatus)>,
    #[prop_or_default]
    pub loading: bool,
}

/// The SA/TL live agent panel (PANEL-1, PANEL-2, PANEL-4, TOGGLE-4).
#[function_component(AgentPanel)]
pub fn agent_panel(p: &PanelProps) -> Html {
    if p.loading && p.agents.is_empty() {
        return html! { <div class="state">{ t(p.lang, K::Loading) }</div> };
    }
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
                            { for list.iter().map(|a| agent_row(p, a)) }
                        </ul>
                    </div>
                }
            }) }
            </div>
        </section>
    }
}

fn agent_row(p: &PanelProps, a: &AgentSummary) -> Html {
    let online = a.status == AgentStatus::Online;
    let busy = p.busy_agent.as_deref() == Some(a.id.as_str());
    let cb = p.on_set_status.clone();
    let id = a.id.clone();
    let next = if online {
        AgentStatus::Offline
    } else {
        AgentStatus::Online
    };
    html! {
        <li class={classes!("agent-row", online.then_some("on"), (!a.active).then_some("inactive"))}
            data-testid="panel-agent-row" data-agent-id={a.id.clone()} data-status={a.status.as_str()} data-active-tickets={a.active_tickets.to_string()}>
            <div class="agent-line">
                <span class={classes!("dot", online.then_some("on"))} aria-hidden="true"></span>
                <span class="agent-main">
                    <span class="agent-name">{ &a.name }</span>
                    <span class="muted small">{ role_label(p.lang, a.role) }{ " · " }{ t(p.lang, K::SinceWhen) }{ " " }{ wib_time(&a.status_changed_at) }</span>
                </span>
                <span class={classes!("status-word", online.then_some("on"))}>{ if online { t(p.lang, K::Online) } else { t(p.lang, K::Offline) } }</span>
            </div>
            <div class="agent-line secondary">
                <span class="load" title={t(p.lang, K::ActiveTickets)}>{ a.active_tickets }<span class="small muted">{ " " }{ t(p.lang, K::ActiveTickets) }</span></span>
                if a.idle_tickets > 0 {
                    <span class="idle-alert" data-testid="idle-alert" title={t(p.lang, K::IdleTickets)}>{ format!("⚠ {} {}", a.idle_tickets, t(p.lang, K::IdleTickets)) }</span>
                }
                if can(&p.me, Perm::ToggleOthers) && a.active && a.id != p.me.id {
                    <button type="button" class="btn small push" data-testid="panel-set-status" disabled={busy}
                        onclick={Callback::from(move |_| cb.emit((id.clone(), next)))}>
                        { if online { t(p.lang, K::SetOffline) } else { t(p.lang, K::SetOnline) } }
                    </button>
                }
            </div>
        </li>
    }
}
