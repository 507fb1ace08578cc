//! Ticket detail (PRD 3.3–3.5): loads the ticket, its L1 thread, its L2
//! notes (where the user may read them), the user's unsent replies and, for
//! SA/TL, its history; reloads live only what an event says changed; keeps
//! each layer's draft and the CRM form's unsaved values across navigation
//! and restarts.

pub mod crm;
pub mod drafts;
pub mod followup;
pub mod send;
pub mod state;

use crate::bridge;
use crate::composer::{Edit, Layer};
use crate::i18n::{t, K};
use crate::store::use_val;
use crate::store::{use_agents, use_compact, use_lang, use_live_events, use_toast, use_user};
use crate::views::dialog::{confirm_dialog, DialogProps};
use crate::views::ticket::{layers, TicketTab, TicketView};
use saga_core::access::{allows, can, can_reply_l1, Ask, Perm, Principal};
use saga_core::events::AppEvent;
use saga_core::followup::{wa_window, Window};
use saga_core::AgentSummary;
use send::{SendVia, Sender};
use state::{parts_for, Change, Loaded, Parts, TicketState};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TicketPageProps {
    pub id: String,
    pub tab: TicketTab,
}

/// Fetches the asked parts at once (opening a ticket costs one round trip,
/// not five in a row) and hands the answers to the page's reducer.
fn load(
    id: String,
    parts: Parts,
    seq: u64,
    me: Principal,
    ticket: UseReducerDispatcher<TicketState>,
) {
    let notes = parts.notes && can(&me, Perm::InternalNotes);
    let audit = parts.audit && allows(&me, Ask::AuditLog);
    wasm_bindgen_futures::spawn_local(async move {
        let id = id.as_str();
        let (detail, messages, notes, outbox, audit) = futures_util::join!(
            async {
                if parts.detail {
                    Some(bridge::tickets::ticket_detail(id).await)
                } else {
                    None
                }
            },
            async {
                if parts.messages {
                    bridge::conversation::ticket_messages(id, None).await.ok()
                } else {
                    None
                }
            },
            async {
                if notes {
                    bridge::conversation::internal_messages(id)
                        .await
                        .ok()
                        .map(|n| n.items)
                } else {
                    None
                }
            },
            async {
                if parts.outbox {
                    bridge::outbox::outbox_list(Some(id)).await.ok()
                } else {
                    None
                }
            },
            async {
                if audit {
                    bridge::tickets::audit_log(id).await.ok().map(|a| a.items)
                } else {
                    None
                }
            }
        );
        ticket.dispatch(Change::Loaded(Box::new(Loaded {
            seq,
            detail: detail.map(|r| r.map_err(|e| e.message().to_string())),
            messages,
            notes,
            outbox,
            audit,
        })));
    });
}

#[function_component(TicketPage)]
pub fn ticket_page(p: &TicketPageProps) -> Html {
    let lang = use_lang();
    let user = use_user();
    let me = Principal::from(&user);
    let compact = use_compact();
    let live_agents = use_agents();
    let id = p.id.clone();
    let scope = drafts::scope(&user.id, &p.id);
    let ticket = use_reducer(TicketState::default);
    // While this ticket is on screen its notifications do not interrupt
    // (issue 15); they still reach the centre.
    use_effect_with(p.id.clone(), |id| {
        let id = id.clone();
        wasm_bindgen_futures::spawn_local(async move {
            crate::bridge::notifications::set_reading(Some(&id)).await
        });
        || {
            wasm_bindgen_futures::spawn_local(async {
                crate::bridge::notifications::set_reading(None).await
            })
        }
    });
    let composer = {
        let scope = scope.clone();
        use_reducer(move || drafts::load_composer(&scope))
    };
    // What the composer holds is kept as it changes, so it survives
    // navigation and restarts; a layer emptied by a send is forgotten.
    {
        let scope = scope.clone();
        use_effect_with(
            (composer.l1.clone(), composer.l2.clone()),
            move |(l1, l2)| {
                drafts::keep(&scope, Layer::L1, l1);
                drafts::keep(&scope, Layer::L2, l2);
            },
        );
    }
    let takeover_busy = use_val(false);
    let takeover_error = use_val(None::<String>);
    let sending = use_val(false);
    let send_error = use_val(None::<String>);
    let assign_busy = use_val(false);
    let assign_error = use_val(None::<String>);
    let picker_agents = use_val(Vec::<AgentSummary>::new());
    let discard_reply = use_val(None::<String>);
    let loading_older = use_val(false);
    let all_tags = use_val(Vec::<String>::new());
    let tag_error = use_val(None::<String>);
    // The tag list (API-26): once, and again after a tag was added (it may
    // be a new custom one).
    let tags_rev = use_val(0u32);

    let reload = {
        let (id, me, d) = (id.clone(), me.clone(), ticket.dispatcher());
        // Loads are numbered as they start (see `state::Shown`).
        let started = use_mut_ref(|| 0u64);
        use_callback((), move |parts: Parts, _| {
            let seq = {
                let mut n = started.borrow_mut();
                *n += 1;
                *n
            };
            load(id.clone(), parts, seq, me.clone(), d.clone())
        })
    };
    {
        let reload = reload.clone();
        use_effect_with(id.clone(), move |_| {
            reload.emit(Parts::ALL);
            || ()
        });
    }
    {
        let (reload, id) = (reload.clone(), id.clone());
        use_live_events(Callback::from(move |ev: AppEvent| {
            let parts = parts_for(&ev, &id);
            if parts.any() {
                reload.emit(parts);
            }
        }));
    }
    {
        // Open at the newest message (DETAIL-L1): once, when it first loads.
        let loaded = ticket.detail.is_some();
        use_effect_with(loaded, move |loaded| {
            if *loaded {
                if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
                    d.query_selector("[data-testid=l1-thread] > li:last-child")
                        .ok()
                        .flatten()
                }) {
                    el.scroll_into_view_with_bool(false);
                }
            }
            || ()
        });
    }
    {
        let all_tags = all_tags.clone();
        use_effect_with(*tags_rev, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(t) = bridge::tickets::tags().await {
                    all_tags.set(t.tags.into_iter().map(|t| t.name).collect());
                }
            });
            || ()
        });
    }
    {
        // The picker's Online agents (ASSIGN-2) come live from the sync
        // loop; asked once here only if its first list has not arrived.
        let (picker_agents, have) = (picker_agents.clone(), !live_agents.is_empty());
        let assigns = can(&me, Perm::AssignReassign);
        use_effect_with((), move |_| {
            if assigns && !have {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(a) = bridge::agents::agents().await {
                        picker_agents.set(a.agents);
                    }
                });
            }
            || ()
        });
    }
    // WhatsApp's window moves with the clock: the page looks again every
    // half minute (and at every live change of the ticket).
    let now = use_state(saga_core::time::now);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let tick = gloo::timers::callback::Interval::new(30_000, move || {
                now.set(saga_core::time::now())
            });
            move || drop(tick)
        });
    }
    let window = ticket
        .detail
        .as_ref()
        .map(|d| {
            wa_window(
                &d.item.channel,
                d.item.last_customer_message_at.as_deref(),
                *now,
            )
        })
        .unwrap_or(Window::NotWhatsapp);
    let toast = use_toast();
    let followup = followup::use_followup(followup::On {
        scope: &scope,
        lang,
        agent: &user.name,
        detail: ticket.detail.as_ref(),
        window,
        ticket: ticket.dispatcher(),
        toast,
    });
    let crm = crm::use_crm_editor(
        crm::Where {
            scope: scope.clone(),
            id: id.clone(),
            lang,
            editable: ticket
                .detail
                .as_ref()
                .is_some_and(|d| allows(&me, Ask::EditTicket(d.item.division))),
            open: p.tab == TicketTab::Crm,
            pending: ticket
                .outbox
                .iter()
                .rev()
                .find(|e| e.kind == saga_core::outbox::WriteKind::Crm)
                .cloned(),
            on_retry: send::retry(reload.clone(), ticket.dispatcher(), send_error.clone()),
        },
        ticket.detail.as_ref(),
        ticket.dispatcher(),
    );

    let Some(detail) = ticket.detail.clone() else {
        return match &ticket.error {
            Some(e) => html! { <div class="state error" role="alert">{ e }</div> },
            None => html! { <div class="state">{ t(lang, K::Loading) }</div> },
        };
    };
    let on_takeover = {
        let (id, busy, err, reload) = (
            id.clone(),
            takeover_busy.clone(),
            takeover_error.clone(),
            reload.clone(),
        );
        Callback::from(move |_| {
            let (id, busy, err, reload) = (id.clone(), busy.clone(), err.clone(), reload.clone());
            busy.set(true);
            err.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = bridge::tickets::self_takeover(&id).await {
                    // TAKEOVER-4: the exact message; the view then shows who owns it.
                    err.set(Some(e.message().to_string()));
                }
                busy.set(false);
                // Ownership changes what may be read and written: all of it.
                reload.emit(Parts::ALL);
            });
        })
    };
    let on_mode = composer.dispatcher().to_callback().reform(Edit::Switch);
    let on_tag_agent = composer.dispatcher().to_callback().reform(Edit::Tag);
    let owner_l1 = can_reply_l1(&me, detail.item.assigned_to.as_deref());
    let (l1_ok, l2_ok) = layers(
        &me,
        detail.item.assigned_to.as_deref(),
        ticket.notes.is_some(),
    );
    // Text goes to the layer the composer shows: when only one layer is
    // open to the user, that one, whatever was chosen before.
    let on_input = composer
        .dispatcher()
        .to_callback()
        .reform(move |text| Edit::Type { text, l1_ok, l2_ok });
    let send = Sender {
        id: id.clone(),
        lang,
        composer: composer.clone(),
        sending: sending.clone(),
        error: send_error.clone(),
        ticket: ticket.dispatcher(),
        l1_ok,
        l2_ok,
        owner_l1,
    }
    .callback();
    let on_send = send.reform(|_| SendVia::Composer);
    let on_saga_team = send.reform(|_| SendVia::SagaTeam);
    let on_retry = send::retry(reload.clone(), ticket.dispatcher(), send_error.clone());
    let on_discard_reply = {
        let ask = discard_reply.clone();
        Callback::from(move |key: String| ask.set(Some(key)))
    };
    let on_tag = {
        let division = detail.item.division;
        let (id, d, err, tags_rev, reload) = (
            id.clone(),
            ticket.dispatcher(),
            tag_error.clone(),
            tags_rev.clone(),
            reload.clone(),
        );
        Callback::from(move |(tag, add): (String, bool)| {
            let (id, d, err, tags_rev, reload) = (
                id.clone(),
                d.clone(),
                err.clone(),
                tags_rev.clone(),
                reload.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::tickets::tag_ticket(&id, division, &tag, add).await {
                    Ok(item) => {
                        err.set(None);
                        d.dispatch(Change::Item(Box::new(item)));
                        if add {
                            tags_rev.set(*tags_rev + 1);
                        }
                    }
                    Err(e) => err.set(Some(e.message().to_string())),
                }
                // The history shows the change (SA/TL).
                reload.emit(Parts {
                    audit: true,
                    ..Parts::NONE
                });
            });
        })
    };
    let on_load_older = {
        let first = ticket
            .older
            .first()
            .or(ticket.messages.first())
            .map(|m| m.id.clone());
        let (id, d, busy) = (id.clone(), ticket.dispatcher(), loading_older.clone());
        Callback::from(move |_| {
            let Some(first) = first.clone() else { return };
            let (id, d, busy) = (id.clone(), d.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(page) = bridge::conversation::ticket_messages(&id, Some(&first)).await {
                    d.dispatch(Change::Older(page.items));
                }
                busy.set(false);
            });
        })
    };
    let on_assign = {
        let (id, from, busy, err, reload) = (
            id.clone(),
            detail.item.assigned_to.clone(),
            assign_busy.clone(),
            assign_error.clone(),
            reload.clone(),
        );
        Callback::from(move |(to, note): (String, Option<String>)| {
            let (id, from, busy, err, reload) = (
                id.clone(),
                from.clone(),
                busy.clone(),
                err.clone(),
                reload.clone(),
            );
            busy.set(true);
            err.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let r = bridge::tickets::assign_ticket(&id, &to, from.as_deref(), note.as_deref())
                    .await;
                if let Err(e) = r {
                    err.set(Some(e.message().to_string()));
                }
                busy.set(false);
                reload.emit(Parts::ALL);
            });
        })
    };
    let discard_reply_dialog = discard_reply.as_ref().map(|key| {
        let (ask, ask2, reload, key) = (
            discard_reply.clone(),
            discard_reply.clone(),
            reload.clone(),
            key.clone(),
        );
        html! {
            { confirm_dialog(&yew::props!(DialogProps { text: t(lang, K::DiscardReplyConfirm), ok_label: t(lang, K::Discard), cancel_label: t(lang, K::Cancel), on_ok: Callback::from(move |_| {
                    let (ask, reload, key) = (ask.clone(), reload.clone(), key.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = bridge::outbox::outbox_discard(&key).await;
                        ask.set(None);
                        reload.emit(Parts { outbox: true, ..Parts::NONE });
                    });
                }), on_cancel: Callback::from(move |_| ask2.set(None)) })) }
        }
    });
    let agents = if live_agents.is_empty() {
        (*picker_agents).clone()
    } else {
        (*live_agents).clone()
    };
    let s = &*ticket;
    html! {
        <>
        { crm.dialog.unwrap_or_default() }
        { discard_reply_dialog.unwrap_or_default() }
        { followup.dialog.unwrap_or_default() }
        <TicketView older={s.older.clone()} total_messages={s.total_messages} {on_load_older} loading_older={*loading_older}
            all_tags={(*all_tags).clone()} {on_tag} tag_error={(*tag_error).clone().map(AttrValue::from)} audit={s.audit.clone()}
            outbox={s.outbox.clone()} {on_retry} {on_discard_reply} me_name={user.name.clone()} tab={p.tab} {compact} crm={crm.form}
            {agents} {on_assign} {on_saga_team} assign_busy={*assign_busy} assign_error={(*assign_error).clone().map(AttrValue::from)}
            {lang} me={me.clone()} {detail} messages={s.messages.clone()} notes={s.notes.clone()}
            composer={(*composer).clone()} takeover_busy={*takeover_busy} takeover_error={(*takeover_error).clone().map(AttrValue::from)}
            send_error={(*send_error).clone().map(AttrValue::from)} sending={*sending}
            {window} on_followup={followup.open} {on_tag_agent}
            {on_takeover} {on_mode} {on_input} {on_send} />
        </>
    }
}
