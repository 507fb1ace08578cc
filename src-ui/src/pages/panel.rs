//! The SA/TL panel (PRD 3.8): every agent's live status and load from the
//! sync loop, the queue badge and the idle tickets computed from the
//! tickets' timestamps (OQ-25) as time passes, and assigning or moving
//! tickets from here (PANEL-3, ASSIGN-3).

use crate::bridge;
use crate::i18n::admin::tx;
use crate::store::use_val;
use crate::store::{use_agents, use_lang, use_principal, use_tickets_rev, use_toast, Toast};
use crate::views::panel::{
    agent_panel, agent_pick, panel_tickets, queue_badge_view, PanelProps, PickProps, QueueProps,
    TicketsProps,
};
use saga_core::access::{can, Perm};
use saga_core::panel::{is_idle, queue_badge, queue_threshold_secs};
use saga_core::{AgentStatus, AgentSummary, InboxQuery, TicketItem};
use std::rc::Rc;
use yew::prelude::*;

/// The panel looks again this often, so thresholds are crossed as time
/// passes even without a live change.
const TICK_MS: u32 = 15_000;
/// A burst of live changes costs one reload.
const RELOAD_AFTER_MS: u32 = 600;

/// What is being handed over.
#[derive(Clone, PartialEq)]
enum Pick {
    Ticket(Box<TicketItem>),
    AgentTickets(String),
}

fn query(queue: &str, order: &str, limit: u32) -> InboxQuery {
    InboxQuery {
        division: Some("all".into()),
        queue_status: Some(queue.into()),
        order: Some(order.into()),
        limit: Some(limit),
        ..Default::default()
    }
}

/// The waiting customers (FREE and returning ones waiting for their agent)
/// and the assigned tickets with the oldest activity.
async fn load_lists() -> (Vec<TicketItem>, Vec<TicketItem>) {
    let (qf, qw, qi) = (
        query("FREE", "waiting", 100),
        query("WAITING_AGENT", "waiting", 100),
        query("ASSIGNED", "idle", 50),
    );
    let (free, returning, idle) = futures_util::join!(
        bridge::tickets::inbox(&qf),
        bridge::tickets::inbox(&qw),
        bridge::tickets::inbox(&qi),
    );
    let mut waiting: Vec<TicketItem> = free.map(|p| p.items).unwrap_or_default();
    waiting.extend(returning.map(|p| p.items).unwrap_or_default());
    waiting.sort_by(|a, b| a.waiting_since.cmp(&b.waiting_since));
    (waiting, idle.map(|p| p.items).unwrap_or_default())
}

#[function_component(PanelPage)]
pub fn panel_page() -> Html {
    let lang = use_lang();
    let me = use_principal();
    let live = use_agents();
    let rev = use_tickets_rev();
    let toast = use_toast();
    let initial = use_val(Vec::<AgentSummary>::new());
    let busy = use_val(None::<String>);
    let error = use_val(None::<String>);
    let now = use_state(saga_core::time::now);
    let lists = use_state(|| {
        (
            Rc::new(Vec::<TicketItem>::new()),
            Rc::new(Vec::<TicketItem>::new()),
        )
    });
    let pick = use_val(None::<Pick>);
    let pick_busy = use_val(false);
    let pick_progress = use_val(None::<String>);
    let pick_error = use_val(None::<String>);
    let pending = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let reload = {
        let (lists, now) = (lists.clone(), now.clone());
        use_callback((), move |_: (), _| {
            let (lists, now) = (lists.clone(), now.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let (waiting, idle) = load_lists().await;
                now.set(saga_core::time::now());
                lists.set((Rc::new(waiting), Rc::new(idle)));
            });
        })
    };
    {
        let (initial, error, reload, now) =
            (initial.clone(), error.clone(), reload.clone(), now.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::agents::agents().await {
                    Ok(a) => initial.set(a.agents),
                    Err(e) => error.set(Some(e.message().to_string())),
                }
            });
            reload.emit(());
            let tick = gloo::timers::callback::Interval::new(TICK_MS, move || {
                now.set(saga_core::time::now());
                reload.emit(());
            });
            move || drop(tick)
        });
    }
    {
        let reload = reload.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(rev, move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                *pending.borrow_mut() = Some(gloo::timers::callback::Timeout::new(
                    RELOAD_AFTER_MS,
                    move || reload.emit(()),
                ));
            }
            || ()
        });
    }
    let agents: Vec<AgentSummary> = if live.is_empty() {
        (*initial).clone()
    } else {
        (*live).clone()
    };
    let on_set = {
        let (busy, error) = (busy.clone(), error.clone());
        Callback::from(move |(id, st): (String, AgentStatus)| {
            busy.set(Some(id.clone()));
            let (busy, error) = (busy.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = bridge::agents::set_agent_status(&id, st).await {
                    error.set(Some(e.message().to_string()));
                }
                busy.set(None);
            });
        })
    };
    let on_move = {
        let pick = pick.clone();
        Callback::from(move |agent: String| pick.set(Some(Pick::AgentTickets(agent))))
    };
    let on_pick_ticket = can(&me, Perm::AssignReassign).then(|| {
        let pick = pick.clone();
        Callback::from(move |t: TicketItem| pick.set(Some(Pick::Ticket(Box::new(t)))))
    });
    let (waiting, idle_candidates) = (*lists).clone();
    let idle: Rc<Vec<TicketItem>> = Rc::new(
        idle_candidates
            .iter()
            .filter(|t| is_idle(t, *now))
            .cloned()
            .collect(),
    );
    let badge = queue_badge(&waiting, me.role, *now);
    let threshold_mins = queue_threshold_secs(me.role).unwrap_or(300) / 60;
    let t = tx(lang);
    let dialog = (*pick).clone().map(|what| {
        let (title, from, division) = match &what {
            Pick::Ticket(tk) => (
                format!("{} · {}", if tk.assigned_to.is_some() { t.reassign } else { t.assign }, tk.customer_name),
                tk.assigned_to.clone(),
                Some(tk.division),
            ),
            Pick::AgentTickets(id) => {
                let a = agents.iter().find(|a| &a.id == id);
                let n = a.map(|a| a.active_tickets).unwrap_or(0);
                (t.move_tickets.replace("{}", &n.to_string()), Some(id.clone()), a.map(|a| a.division))
            }
        };
        let on_close = {
            let (pick, err, prog) = (pick.clone(), pick_error.clone(), pick_progress.clone());
            Callback::from(move |_| {
                pick.set(None);
                err.set(None);
                prog.set(None);
            })
        };
        let on_pick = {
            let (pick, busy, prog, err, reload, toast) = (
                pick.clone(),
                pick_busy.clone(),
                pick_progress.clone(),
                pick_error.clone(),
                reload.clone(),
                toast.clone(),
            );
            Callback::from(move |to: String| {
                let (pick, busy, prog, err, reload, toast) =
                    (pick.clone(), busy.clone(), prog.clone(), err.clone(), reload.clone(), toast.clone());
                let what = what.clone();
                busy.set(true);
                err.set(None);
                wasm_bindgen_futures::spawn_local(async move {
                    let r = hand_over(&what, &to, |done, all| {
                        prog.set(Some(tx(lang).moving.replacen("{}", &done.to_string(), 1).replacen("{}", &all.to_string(), 1)))
                    })
                    .await;
                    busy.set(false);
                    match r {
                        Ok(n) => {
                            pick.set(None);
                            prog.set(None);
                            toast.emit(Toast {
                                kind: "success",
                                text: tx(lang).moved.replace("{}", &n.to_string()),
                            });
                        }
                        Err(e) => err.set(Some(e)),
                    }
                    reload.emit(());
                });
            })
        };
        html! {
            { agent_pick(&yew::props!(PickProps { lang, title, from_agent: from, division, agents: agents.clone(), busy: *pick_busy, progress: (*pick_progress).clone().map(AttrValue::from), error: (*pick_error).clone().map(AttrValue::from), on_pick, on_close })) }
        }
    });
    let loading = initial.is_empty() && live.is_empty() && error.is_none();
    // The server counts every agent's idle tickets; the list holds the
    // oldest of them.
    let idle_total = Some(
        agents
            .iter()
            .map(|a| a.idle_tickets as usize)
            .sum::<usize>(),
    );
    html! {
        <>
            if let Some(e) = &*error { <p class="alert error" role="alert">{ e }</p> }
            <div class="panel-alerts">
                <section class="panel-queue">
                    <h3 class="section-title">{ t.queue }</h3>
                    { queue_badge_view(&QueueProps { lang, badge, threshold_mins }) }
                </section>
                { panel_tickets(&yew::props!(TicketsProps { lang, kind: "waiting", tickets: waiting.clone(), now_s: *now, on_pick: on_pick_ticket.clone() })) }
                { panel_tickets(&yew::props!(TicketsProps { lang, kind: "idle", tickets: idle, total: idle_total, now_s: *now, on_pick: on_pick_ticket })) }
            </div>
            { agent_panel(&yew::props!(PanelProps { lang, agents, me: me.clone(), busy_agent: (*busy).clone(), on_set_status: on_set, on_move, loading })) }
            { dialog.unwrap_or_default() }
        </>
    }
}

/// Assigns one ticket (API-9, or API-10 from its current agent), or moves
/// every active ticket of an agent (API-10 each); the server tells the
/// previous and the new agent (ASSIGN-3). Returns how many moved.
async fn hand_over(
    what: &Pick,
    to: &str,
    progress: impl Fn(usize, usize),
) -> Result<usize, String> {
    match what {
        Pick::Ticket(t) => {
            bridge::tickets::assign_ticket(&t.id, to, t.assigned_to.as_deref(), None)
                .await
                .map(|_| 1)
                .map_err(|e| e.message().to_string())
        }
        Pick::AgentTickets(from) => {
            let q = InboxQuery {
                division: Some("all".into()),
                assigned_to: Some(from.clone()),
                queue_status: Some("ASSIGNED".into()),
                limit: Some(200),
                ..Default::default()
            };
            let tickets: Vec<TicketItem> = bridge::tickets::inbox(&q)
                .await
                .map_err(|e| e.message().to_string())?
                .items
                .into_iter()
                .filter(|t| t.status != saga_core::TicketStatus::Closed)
                .collect();
            let all = tickets.len();
            for (i, t) in tickets.iter().enumerate() {
                progress(i + 1, all);
                bridge::tickets::assign_ticket(&t.id, to, Some(from), None)
                    .await
                    .map_err(|e| format!("{}: {}", t.customer_name, e.message()))?;
            }
            Ok(all)
        }
    }
}
