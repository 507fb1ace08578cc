use super::badges::{channel_label, ticket_badges, BadgesProps};
use super::followup::{wa_window_badge, WindowProps};
use super::icon;
use crate::composer::{Composer, Layer};
use crate::i18n::followup::tx as ftx;
use crate::i18n::{t as tr, Lang, K};
use crate::store::use_val;
use saga_core::access::{access, allows, can, can_reply_l1, can_take_over, Ask, Perm, Principal};
use saga_core::followup::Window;
use saga_core::format::{rupiah, wib_datetime};
use saga_core::outbox::{Pending, PendingState, WriteKind};
use saga_core::{
    strings, AgentStatus, AgentSummary, AuditEntry, Delivery, InternalMessage, Message, Sender,
    TicketDetail,
};
use yew::prelude::*;

const LOCK: &str = "M7 11V8a5 5 0 0 1 10 0v3M5 11h14v10H5z";

#[derive(Properties, PartialEq, Clone)]
pub struct TicketViewProps {
    pub lang: Lang,
    pub me: Principal,
    pub detail: TicketDetail,
    pub messages: Vec<Message>,
    /// `None` when the caller may not read L2 (DETAIL-L2-4): not rendered.
    #[prop_or_default]
    pub notes: Option<Vec<InternalMessage>>,
    pub composer: Composer,
    #[prop_or_default]
    pub takeover_busy: bool,
    #[prop_or_default]
    pub takeover_error: Option<AttrValue>,
    #[prop_or_default]
    pub send_error: Option<AttrValue>,
    #[prop_or_default]
    pub sending: bool,
    #[prop_or_default]
    pub on_takeover: Callback<()>,
    #[prop_or_default]
    pub on_mode: Callback<Layer>,
    #[prop_or_default]
    pub on_input: Callback<String>,
    #[prop_or_default]
    pub on_send: Callback<()>,
    /// Agents for the assign picker (SA/TL); only Online ones are offered.
    #[prop_or_default]
    pub agents: Vec<AgentSummary>,
    /// (agent id, optional note)
    #[prop_or_default]
    pub on_assign: Callback<(String, Option<String>)>,
    #[prop_or_default]
    pub assign_error: Option<AttrValue>,
    #[prop_or_default]
    pub assign_busy: bool,
    /// 'Balas sebagai Saga Team' with the L1 draft (SA only).
    #[prop_or_default]
    pub on_saga_team: Callback<()>,
    /// Which side panel is open: internal notes or the CRM form.
    #[prop_or_default]
    pub tab: TicketTab,
    /// The CRM form (rendered by the page) when the CRM tab is open.
    #[prop_or_default]
    pub crm: Option<Html>,
    /// Phone layout: one column; the CRM tab shows the form alone.
    #[prop_or_default]
    pub compact: bool,
    /// The signed-in user's name, for their pending replies' label.
    #[prop_or_default]
    pub me_name: AttrValue,
    /// The user's writes on this ticket not delivered yet (the outbox):
    /// L1 ones at the end of the thread, notes at the end of L2, each as
    /// 'mengirim' or 'gagal' with the reason, retry and discard.
    #[prop_or_default]
    pub outbox: Vec<Pending>,
    #[prop_or_default]
    pub on_retry: Callback<String>,
    #[prop_or_default]
    pub on_discard_reply: Callback<String>,
    /// Every tag (API-26) for the tag editor's suggestions.
    #[prop_or_default]
    pub all_tags: Vec<String>,
    /// (tag, add?) (API-11).
    #[prop_or_default]
    pub on_tag: Callback<(String, bool)>,
    #[prop_or_default]
    pub tag_error: Option<AttrValue>,
    /// The ticket's history (API-13): `Some` only for SA/TL.
    #[prop_or_default]
    pub audit: Option<Vec<AuditEntry>>,
    /// Older messages loaded on request, shown before `messages`.
    #[prop_or_default]
    pub older: Vec<Message>,
    /// How many L1 messages the ticket has in all.
    #[prop_or_default]
    pub total_messages: u64,
    #[prop_or_default]
    pub on_load_older: Callback<()>,
    #[prop_or_default]
    pub loading_older: bool,
    /// WhatsApp's 24-hour window now (the page keeps it ticking).
    #[prop_or(Window::NotWhatsapp)]
    pub window: Window,
    /// 'Kirim Follow-Up' (shown where the gate allows it).
    #[prop_or_default]
    pub on_followup: Callback<()>,
    /// Tags an agent in the next internal note (SA/TL, who have the agent
    /// list).
    #[prop_or_default]
    pub on_tag_agent: Callback<Option<String>>,
}

#[derive(Properties, PartialEq, Clone)]
struct TagEditorProps {
    lang: Lang,
    tags: Vec<String>,
    all_tags: Vec<String>,
    editable: bool,
    error: Option<AttrValue>,
    on_tag: Callback<(String, bool)>,
}

/// The ticket's tags (API-11): remove with ×, add from the list (API-26) or
/// a new custom tag. Read-only roles see the tags without controls.
#[function_component(TagEditor)]
fn tag_editor(p: &TagEditorProps) -> Html {
    let text = use_val(String::new());
    let add = {
        let (text, cb) = (text.clone(), p.on_tag.clone());
        Callback::from(move |_| {
            let t = text.trim().trim_start_matches('#').to_string();
            if !t.is_empty() {
                cb.emit((t, true));
                text.set(String::new());
            }
        })
    };
    let onkeydown = {
        let add = add.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                add.emit(());
            }
        })
    };
    let list_id = "tag-options";
    html! {
        <div class="tag-editor" data-testid="tag-editor">
            { for p.tags.iter().map(|tg| {
                let (cb, name) = (p.on_tag.clone(), tg.clone());
                html! {
                    <span class="tag" data-tag={tg.clone()}>{ format!("#{tg}") }
                        if p.editable {
                            <button type="button" class="tag-remove" data-testid="tag-remove" aria-label={format!("Hapus tag {tg}")}
                                onclick={Callback::from(move |_| cb.emit((name.clone(), false)))}>{ "×" }</button>
                        }
                    </span>
                }
            }) }
            if p.editable {
                <span class="tag-add">
                    <input type="text" data-testid="tag-input" list={list_id} placeholder={tr(p.lang, K::TagPlaceholder)} maxlength="40"
                        value={(*text).clone()} {onkeydown}
                        oninput={{ let text = text.clone(); Callback::from(move |e: InputEvent| text.set(input_value(&e))) }} />
                    <datalist id={list_id}>
                        { for p.all_tags.iter().filter(|t| !p.tags.contains(t)).map(|t| html! { <option value={t.clone()} /> }) }
                    </datalist>
                    <button type="button" class="btn small" data-testid="tag-add" disabled={text.trim().is_empty()}
                        onclick={add.reform(|_| ())}>{ tr(p.lang, K::TagAdd) }</button>
                </span>
            } else if p.tags.is_empty() {
                <span class="muted small">{ tr(p.lang, K::NoTags) }</span>
            }
            if let Some(e) = &p.error { <p class="alert error" role="alert">{ e.clone() }</p> }
        </div>
    }
}

/// The ticket's history for SA/TL (API-13), newest first.
#[function_component(AuditLogView)]
fn audit_log_view(p: &AuditProps) -> Html {
    let all = use_val(false);
    let mut items: Vec<&AuditEntry> = p.items.iter().collect();
    items.sort_by(|a, b| b.created_at.cmp(&a.created_at));
    let more = items.len() > 8 && !*all;
    let shown = if more { &items[..8] } else { &items[..] };
    html! {
        <section class="audit" data-testid="audit-log" aria-label="Riwayat tiket">
            <h3>{ tr(p.lang, K::History) }</h3>
            if items.is_empty() { <p class="muted small">{ tr(p.lang, K::NoHistory) }</p> }
            <ol>
                { for shown.iter().map(|e| html! {
                    <li data-testid="audit-entry" data-action={e.action.clone()}>
                        <span class="audit-detail">{ &e.detail }</span>
                        <span class="muted small">{ format!("{} · {}", e.actor_name, wib_datetime(&e.created_at)) }</span>
                    </li>
                }) }
            </ol>
            if more {
                <button type="button" class="link-btn" onclick={{ let all = all.clone(); Callback::from(move |_| all.set(true)) }}>
                    { format!("{} ({})", tr(p.lang, K::ShowAll), items.len()) }</button>
            }
        </section>
    }
}

#[derive(Properties, PartialEq, Clone)]
struct AuditProps {
    lang: Lang,
    items: Vec<AuditEntry>,
}

/// The ticket's side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TicketTab {
    #[default]
    Conversation,
    Crm,
}

/// Which composer layers the user may write to: (L1, L2). The Super Admin
/// may write L1 through 'Balas sebagai Saga Team' without owning the ticket.
pub fn layers(me: &Principal, assigned_to: Option<&str>, can_view_internal: bool) -> (bool, bool) {
    let l1 = can_reply_l1(me, assigned_to) || can(me, Perm::ReplyAsSagaTeam);
    (l1, can_view_internal)
}

/// The layer in use given what is allowed.
pub fn effective_mode(wanted: Layer, l1: bool, l2: bool) -> Layer {
    match (l1, l2) {
        (true, true) => wanted,
        (false, true) => Layer::L2,
        _ => Layer::L1,
    }
}

fn select_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn input_value(e: &InputEvent) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

#[derive(Properties, PartialEq, Clone)]
struct AssignProps {
    lang: Lang,
    assigned_to: Option<String>,
    agents: Vec<AgentSummary>,
    busy: bool,
    error: Option<AttrValue>,
    on_assign: Callback<(String, Option<String>)>,
}

/// 'Assign ke Agent' / 'Pindahkan ke Agent Lain' with a picker of Online
/// agents of every division (ASSIGN-1, ASSIGN-2).
#[function_component(AssignControl)]
fn assign_control(p: &AssignProps) -> Html {
    let open = use_val(false);
    let pick = use_val(String::new());
    let note = use_val(String::new());
    let reassign = p.assigned_to.is_some();
    let label = if reassign {
        strings::REASSIGN
    } else {
        strings::ASSIGN
    };
    let candidates: Vec<&AgentSummary> = p
        .agents
        .iter()
        .filter(|a| {
            a.active
                && a.status == AgentStatus::Online
                && saga_core::access::takes_tickets(a.role)
                && Some(&a.id) != p.assigned_to.as_ref()
        })
        .collect();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let confirm = {
        let (pick, note, cb, open) = (
            pick.clone(),
            note.clone(),
            p.on_assign.clone(),
            open.clone(),
        );
        Callback::from(move |_| {
            if !pick.is_empty() {
                let n = (!note.trim().is_empty()).then(|| (*note).clone());
                cb.emit(((*pick).clone(), n));
                open.set(false);
            }
        })
    };
    html! {
        <div class="assign">
            <button type="button" class="btn" data-testid={if reassign { "reassign-button" } else { "assign-button" }}
                disabled={p.busy} onclick={toggle}>{ label }</button>
            if *open {
                <div class="assign-box">
                    if candidates.is_empty() {
                        <p class="muted small">{ tr(p.lang, K::NoOnlineAgents) }</p>
                    } else {
                        <select data-testid="agent-picker" onchange={{ let pick = pick.clone(); Callback::from(move |e: Event| pick.set(select_value(&e))) }}>
                            <option value="" selected={pick.is_empty()}>{ tr(p.lang, K::PickOnlineAgent) }</option>
                            { for candidates.iter().map(|a| html! {
                                <option value={a.id.clone()} selected={*pick == a.id}>
                                    { format!("{} — {} · {} {}", a.name, a.division, a.active_tickets, tr(p.lang, K::ActiveTicketsShort)) }
                                </option>
                            }) }
                        </select>
                        <input type="text" class="assign-note" placeholder={tr(p.lang, if reassign { K::ReasonOptional } else { K::NoteOptional })}
                            value={(*note).clone()} oninput={{ let note = note.clone(); Callback::from(move |e: InputEvent| note.set(input_value(&e))) }} />
                        <button type="button" class="btn primary small" data-testid="assign-confirm" disabled={pick.is_empty() || p.busy} onclick={confirm}>{ label }</button>
                    }
                </div>
            }
            if let Some(e) = &p.error { <p class="alert error" role="alert">{ e.clone() }</p> }
        </div>
    }
}

/// The sender label (DETAIL-L1-2).
pub fn sender_label(m: &Message) -> String {
    match &m.sender {
        Sender::Customer => strings::SENDER_CUSTOMER.into(),
        Sender::Bot => strings::SENDER_BOT.into(),
        Sender::Agent => strings::agent_label(m.sender_name.as_deref().unwrap_or("")),
        Sender::SagaTeam => m
            .sender_name
            .clone()
            .unwrap_or_else(|| strings::SAGA_TEAM.into()),
        // A writer this build does not know: its name, else the raw value.
        Sender::Other(raw) => m.sender_name.clone().unwrap_or_else(|| raw.clone()),
    }
}

fn textarea_value(e: &InputEvent) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

/// 'Tandai agent': the agent an internal note brings in (OQ-13).
fn tag_agent(p: &TicketViewProps) -> Html {
    let cb = p.on_tag_agent.clone();
    let current = p.composer.l2_tag.clone().unwrap_or_default();
    let onchange = Callback::from(move |e: Event| {
        let v = select_value(&e);
        cb.emit((!v.is_empty()).then_some(v));
    });
    html! {
        <label class="tag-agent">
            <span class="small muted">{ tr(p.lang, K::TagAgent) }</span>
            <select data-testid="composer-tag-agent" {onchange}>
                <option value="" selected={current.is_empty()}>{ tr(p.lang, K::NoOne) }</option>
                { for p.agents.iter().filter(|a| a.active && saga_core::access::has_status(a.role) && a.id != p.me.id).map(|a| html! {
                    <option value={a.id.clone()} selected={current == a.id}>{ format!("{} · {}", a.name, a.division.as_str()) }</option>
                }) }
            </select>
        </label>
    }
}

/// Whether a failed write is retried by itself, in words.
pub fn retry_note(e: &Pending) -> K {
    if e.state == PendingState::Refused {
        K::RefusedNotRetried
    } else {
        K::RetriedAutomatically
    }
}

/// A write waiting in the outbox, where it was made: 'mengirim…', or
/// 'gagal' with the reason, 'Coba lagi' and 'Buang' (nothing typed is lost).
fn pending_item(
    p: &TicketViewProps,
    e: &Pending,
    class: &'static str,
    testid: &'static str,
    label: String,
) -> Html {
    let (retry, discard) = (p.on_retry.clone(), p.on_discard_reply.clone());
    let (k1, k2) = (e.key.clone(), e.key.clone());
    let failed = e.failed();
    let state = if failed { "failed" } else { "sending" };
    html! {
        <li key={format!("outbox-{}", e.key)} class={classes!(class, "pending", failed.then_some("failed"))} data-testid={testid}
            data-sender={if e.kind == WriteKind::TeamReply { "saga_team" } else { "agent" }} data-delivery={state} data-outbox-key={e.key.clone()}>
            <span class="msg-label">{ label }</span>
            <p class="msg-text">{ &e.text }</p>
            <span class="msg-meta">
                { wib_datetime(&e.created_at) }{ " · " }
                <span class={classes!("delivery", state)}>
                    { if failed { strings::DELIVERY_FAILED } else { tr(p.lang, K::SendingNow) } }</span>
                if let Some(err) = e.reason.as_ref().filter(|_| failed) {
                    <span class="outbox-reason">{ format!(" · {err}") }</span>
                }
            </span>
            if failed {
                <span class="outbox-actions">
                    <span class="muted small">{ tr(p.lang, retry_note(e)) }</span>
                    <button type="button" class="btn small" data-testid="outbox-retry"
                        onclick={Callback::from(move |_| retry.emit(k1.clone()))}>{ tr(p.lang, K::Retry) }</button>
                    <button type="button" class="btn small ghost" data-testid="outbox-discard"
                        onclick={Callback::from(move |_| discard.emit(k2.clone()))}>{ tr(p.lang, K::Discard) }</button>
                </span>
            }
        </li>
    }
}

/// Ticket detail: header, L1 thread, L2 notes, composer (PRD 3.3, 3.4).
#[function_component(TicketView)]
pub fn ticket_view(p: &TicketViewProps) -> Html {
    let t = &p.detail.item;
    let can_takeover = can_take_over(&p.me, t.division, t.is_free());
    let owner_l1 = can_reply_l1(&p.me, t.assigned_to.as_deref());
    let is_sa = access(&p.me, Perm::ReplyAsSagaTeam).allowed();
    let (l1, l2) = layers(&p.me, t.assigned_to.as_deref(), p.notes.is_some());
    // The mode in use: a layer the user cannot write to is never offered.
    let mode = effective_mode(p.composer.mode, l1, l2);
    let takeover = p.on_takeover.clone();
    // FU-SINGLE-1, PERM-8: SA/TL on any ticket, an agent on their own.
    let followup = allows(
        &p.me,
        Ask::FollowUp {
            handles_it: t.assigned_to.as_deref() == Some(p.me.id.as_str()),
        },
    );
    // Free text to the customer waits for WhatsApp's window (issue 12).
    let locked = mode == Layer::L1 && !p.window.allows_free_text();
    let header = html! {
        <header class="ticket-head">
            <div class="ticket-title">
                <h2>{ &t.customer_name }</h2>
                if let Some(wa) = &t.wa_display_name { <span class="wa-name">{ format!("~{wa}") }</span> }
            </div>
            <div class="row-mid">
                <span class={classes!("channel", t.channel.as_str().to_string())}>{ channel_label(&t.channel) }</span>
                <span class="division">{ t.division.as_str() }</span>
                { ticket_badges(&BadgesProps { ticket: t.clone() }) }
                <span class="chip stage-chip" data-testid="crm-stage-chip" data-stage={t.crm_stage.as_str().to_string()}>{ t.crm_stage.as_str().to_string() }
                    if let Some(v) = t.deal_value.or(t.quote_value) { { " · " }{ rupiah(v) } }
                </span>
            </div>
            <TagEditor lang={p.lang} tags={t.tags.clone()} all_tags={p.all_tags.clone()} editable={allows(&p.me, Ask::EditTicket(t.division))}
                error={p.tag_error.clone()} on_tag={p.on_tag.clone()} />
            <p class="muted small">{ wib_datetime(&t.created_at) }{ " · " }
                { t.assigned_agent_name.clone().unwrap_or_else(|| "Bot".into()) }</p>
            if t.sa_joined {
                <p class="sa-joined" data-testid="sa-joined-indicator">{ strings::SA_JOINED }</p>
            }
            <div class="ticket-actions">
                { wa_window_badge(&WindowProps { lang: p.lang, window: p.window }) }
                if followup {
                    <button type="button" class="btn" data-testid="followup-send"
                        onclick={{ let cb = p.on_followup.clone(); Callback::from(move |_| cb.emit(())) }}>
                        { ftx(p.lang).send_followup }</button>
                }
            </div>
            if can_takeover {
                <button type="button" class="btn primary" data-testid="takeover-button" disabled={p.takeover_busy}
                    onclick={Callback::from(move |_| takeover.emit(()))}>{ strings::TAKEOVER }</button>
            }
            if let Some(e) = &p.takeover_error {
                <p class="alert error" role="alert" data-testid="takeover-error">{ e.clone() }</p>
            }
            if access(&p.me, Perm::AssignReassign).allowed() {
                <AssignControl lang={p.lang} assigned_to={t.assigned_to.clone()} agents={p.agents.clone()} busy={p.assign_busy}
                    error={p.assign_error.clone()} on_assign={p.on_assign.clone()} />
            }
        </header>
    };
    let shown = p.older.len() + p.messages.len();
    let more = (p.total_messages as usize).saturating_sub(shown);
    let load_older = p.on_load_older.clone();
    let thread = html! {
        <ol class="l1-thread" data-testid="l1-thread" data-total={p.total_messages.to_string()}>
            // Every child is keyed, so a new message is one insertion, not
            // a re-diff of the whole thread (Yew matches unkeyed children
            // from the end).
            { for (more > 0).then(|| html! {
                <li class="load-older" key="load-older">
                    <button type="button" class="btn small ghost" data-testid="l1-load-older" disabled={p.loading_older}
                        onclick={Callback::from(move |_| load_older.emit(()))}>
                        { if p.loading_older { tr(p.lang, K::Loading).to_string() } else { format!("{} ({more} {})", tr(p.lang, K::LoadOlder), tr(p.lang, K::More)) } }
                    </button>
                </li>
            }) }
            { for p.older.iter().chain(p.messages.iter()).map(|m| {
                let outbound = matches!(m.sender, Sender::Agent | Sender::SagaTeam);
                html! {
                    <li key={m.id.clone()} class={classes!("msg", format!("from-{}", m.sender.as_str()), outbound.then_some("out"))}
                        data-testid="l1-message" data-sender={match &m.sender { Sender::SagaTeam => "agent".to_string(), s => s.as_str().to_string() }} data-delivery={m.delivery.as_str().to_string()}>
                        <span class="msg-label">{ sender_label(m) }</span>
                        <p class="msg-text">{ &m.content }</p>
                        <span class="msg-meta">
                            { wib_datetime(&m.created_at) }
                            if let Some(c) = m.confidence {
                                { " · " }<span class="confidence" data-testid="bot-confidence">{ format!("{}%", (c * 100.0).round() as i64) }</span>
                            }
                            if outbound {
                                { " · " }
                                <span class={classes!("delivery", m.delivery.is_known().then(|| m.delivery.as_str().to_string()))}>{ match &m.delivery {
                                    Delivery::Failed => strings::DELIVERY_FAILED.to_string(),
                                    Delivery::Sending => "…".to_string(),
                                    Delivery::Sent => strings::DELIVERY_SENT.to_string(),
                                    // A state this build does not know, as it comes (OQ-1).
                                    Delivery::Other(s) => s.clone(),
                                } }</span>
                            }
                        </span>
                    </li>
                }
            }) }
            // L1 writes waiting in the outbox; one whose answer was lost but
            // that reached the server is shown once (same idempotency key).
            { for p.outbox.iter().filter(|e| e.is_l1() && !p.messages.iter().any(|m| m.idempotency_key.as_deref() == Some(e.key.as_str()))).map(|e| {
                let label = match e.kind {
                    WriteKind::TeamReply => strings::SAGA_TEAM.to_string(),
                    WriteKind::FollowUp => format!("{} · Follow-up", strings::agent_label(&p.me_name)),
                    _ => strings::agent_label(&p.me_name),
                };
                pending_item(p, e, "msg from-agent out", "l1-message", label)
            }) }
        </ol>
    };
    let notes = p.notes.as_ref().map(|notes| html! {
        <aside class="l2-panel" data-testid="l2-panel">
            <h3 class="l2-header" data-testid="l2-header">{ icon(LOCK) }{ strings::L2_HEADER }</h3>
            <ol class="l2-list">
                { for notes.iter().map(|n| html! {
                    <li key={n.id.clone()} class="l2-message" data-testid="l2-message">
                        <span class="msg-label">{ &n.author_name }
                            if let Some(tag) = &n.tagged_agent_name { { " → @" }{ tag } }
                        </span>
                        <p class="msg-text">{ &n.content }</p>
                        <span class="msg-meta">{ wib_datetime(&n.created_at) }</span>
                    </li>
                }) }
                { for p.outbox.iter().filter(|e| e.kind == WriteKind::Note && !notes.iter().any(|n| n.idempotency_key.as_deref() == Some(e.key.as_str()))).map(|e| {
                    pending_item(p, e, "l2-message", "l2-message", p.me_name.to_string())
                }) }
                if notes.is_empty() && !p.outbox.iter().any(|e| e.kind == WriteKind::Note) { <li class="muted small">{ tr(p.lang, K::NoNotes) }</li> }
            </ol>
        </aside>
    });
    let composer = (l1 || l2).then(|| {
        let on_input = p.on_input.clone();
        let send = p.on_send.clone();
        let send2 = p.on_send.clone();
        let text = match mode {
            Layer::L1 => p.composer.l1.clone(),
            Layer::L2 => p.composer.l2.clone(),
        };
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                send2.emit(());
            }
        });
        let toggle = (l1 && l2).then(|| {
            let on_mode = p.on_mode.clone();
            let next = if mode == Layer::L1 { Layer::L2 } else { Layer::L1 };
            html! {
                <button type="button" class={classes!("mode-toggle", (mode == Layer::L2).then_some("l2"))} data-testid="composer-mode-toggle"
                    aria-pressed={(mode == Layer::L2).to_string()} onclick={Callback::from(move |_| on_mode.emit(next))}>
                    { if mode == Layer::L2 { html! { <>{ icon(LOCK) }{ tr(p.lang, K::ModeL2) }</> } } else { html! { tr(p.lang, K::ModeL1) } } }
                </button>
            }
        });
        html! {
            <div class={classes!("composer", (mode == Layer::L2).then_some("l2"))} data-testid="composer" data-mode={mode.code()}>
                if mode == Layer::L2 {
                    <p class="composer-label">{ icon(LOCK) }{ strings::L2_COMPOSER_LABEL }</p>
                }
                if locked {
                    <div class="composer-locked" data-testid="composer-locked" role="status">
                        <p>{ ftx(p.lang).wa_closed_composer }</p>
                        if followup {
                            <button type="button" class="btn primary" data-testid="composer-pick-template"
                                onclick={{ let cb = p.on_followup.clone(); Callback::from(move |_| cb.emit(())) }}>
                                { ftx(p.lang).wa_pick_template }</button>
                        }
                    </div>
                } else {
                    <textarea data-testid="composer-input" rows="3" value={text} disabled={p.sending}
                        placeholder={tr(p.lang, if mode == Layer::L2 { K::WriteNote } else { K::WriteReply })}
                        oninput={Callback::from(move |e: InputEvent| on_input.emit(textarea_value(&e)))} {onkeydown} />
                }
                if let Some(e) = &p.send_error { <p class="alert error" role="alert">{ e.clone() }</p> }
                if mode == Layer::L2 && !p.agents.is_empty() {
                    { tag_agent(p) }
                }
                <div class="composer-actions">
                    { toggle.unwrap_or_default() }
                    if mode == Layer::L1 && is_sa && !locked {
                        <button type="button" class="btn saga" data-testid="reply-as-saga-team" disabled={p.sending}
                            onclick={{ let cb = p.on_saga_team.clone(); Callback::from(move |_| cb.emit(())) }}>{ strings::REPLY_AS_SAGA_TEAM }</button>
                    }
                    if mode == Layer::L2 || (owner_l1 && !locked) {
                        <button type="button" class="btn primary" data-testid="composer-send" disabled={p.sending}
                            onclick={Callback::from(move |_| send.emit(()))}>{ tr(p.lang, K::Send) }</button>
                    }
                </div>
            </div>
        }
    });
    let tabs = html! {
        <nav class="ticket-tabs" aria-label="Bagian tiket">
            <a href={format!("#/ticket/{}", t.id)} data-testid="ticket-tab-conversation"
                class={classes!("tab", (p.tab == TicketTab::Conversation).then_some("active"))}
                aria-current={(p.tab == TicketTab::Conversation).then_some("page")}>
                // On a desktop the thread is always there: this tab shows the
                // side panel of internal notes (when the user may read them).
                { tr(p.lang, if p.compact || p.notes.is_none() { K::TabConversation } else { K::TabNotes }) }</a>
            <a href={format!("#/ticket/{}/crm", t.id)} data-testid="ticket-tab-crm"
                class={classes!("tab", (p.tab == TicketTab::Crm).then_some("active"))}
                aria-current={(p.tab == TicketTab::Crm).then_some("page")}>{ "CRM" }</a>
        </nav>
    };
    let crm_open = p.tab == TicketTab::Crm && p.crm.is_some();
    let side = if crm_open {
        html! { <aside class="crm-panel" data-testid="crm-panel">{ p.crm.clone().unwrap_or_default() }</aside> }
    } else {
        let audit = p
            .audit
            .clone()
            .map(|items| html! { <AuditLogView lang={p.lang} {items} /> });
        html! { <div class="side">{ notes.unwrap_or_default() }{ audit.unwrap_or_default() }</div> }
    };
    html! {
        <section class="ticket-detail" data-testid="ticket-detail" data-ticket-id={t.id.clone()}>
            { header }
            { tabs }
            <div class={classes!("ticket-body", crm_open.then_some("with-crm"))}>
                // On a phone the CRM tab shows the form alone.
                if !(crm_open && p.compact) {
                    <div class="ticket-main">{ thread }{ composer.unwrap_or_default() }</div>
                }
                { side }
            </div>
        </section>
    }
}
