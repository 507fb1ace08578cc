//! 'Follow-Up Hari Ini' (FU-REC-1..3), the single follow-up dialog with its
//! preview (FU-SINGLE-1..3) and WhatsApp's 24-hour window. Pure views.

use crate::i18n::followup::{category, remaining, tx};
use crate::i18n::Lang;
use crate::store::use_val;
use saga_core::followup::{is_unedited, personalize, Fill, Window, PLACEHOLDERS};
use saga_core::{FollowUpCategory, Lead, Template};
use std::rc::Rc;
use yew::prelude::*;

/// The CSS class of a category's colour: PANAS red, HANGAT yellow, DINGIN
/// blue (FU-REC-2). The label is always written too, so colour is never
/// the only sign. A category this build does not know is neutral grey.
pub fn category_class(c: &FollowUpCategory) -> &'static str {
    match c {
        FollowUpCategory::Panas => "cat-panas",
        FollowUpCategory::Hangat => "cat-hangat",
        FollowUpCategory::Dingin => "cat-dingin",
        FollowUpCategory::Other(_) => "cat-other",
    }
}

#[derive(Properties, PartialEq)]
pub struct CategoryProps {
    pub lang: Lang,
    pub category: FollowUpCategory,
}

pub fn category_badge(p: &CategoryProps) -> Html {
    html! {
        <span class={classes!("cat", category_class(&p.category))} data-category={p.category.as_str().to_string()}>
            { category(p.lang, &p.category) }
        </span>
    }
}

/// '3 hari lalu', 'hari ini'.
pub fn days_text(lang: Lang, days: Option<i64>) -> String {
    match days {
        Some(0) | None => tx(lang).today.to_string(),
        Some(d) => tx(lang).days_ago.replace("{}", &d.to_string()),
    }
}

#[derive(Properties, PartialEq)]
pub struct LeadListProps {
    pub lang: Lang,
    pub leads: Rc<Vec<Lead>>,
    /// Show each lead's division (SA/TL looking at several).
    #[prop_or_default]
    pub show_division: bool,
    /// How many rows each category shows before 'Tampilkan N lagi'.
    #[prop_or(40)]
    pub per_group: usize,
    /// Tickets with a follow-up of this user still waiting in the outbox.
    #[prop_or_default]
    pub waiting: Rc<Vec<String>>,
}

/// The day's leads grouped PANAS, HANGAT, DINGIN, each row opening its
/// ticket (the whole row is the link).
#[function_component(LeadList)]
pub fn lead_list(p: &LeadListProps) -> Html {
    let t = tx(p.lang);
    // Categories the user chose to see in full.
    let expanded = use_val(Vec::<FollowUpCategory>::new());
    let mut groups: Vec<(FollowUpCategory, Vec<&Lead>)> = Vec::new();
    for l in p.leads.iter() {
        match groups.iter_mut().find(|g| g.0 == l.category) {
            Some(g) => g.1.push(l),
            None => groups.push((l.category.clone(), vec![l])),
        }
    }
    groups.sort_by_key(|g| saga_core::followup::category_rank(&g.0));
    html! {
        <div class="lead-groups" data-testid="followup-recommendations" data-count={p.leads.len().to_string()}>
            { for groups.into_iter().map(|(c, leads)| {
                let all = expanded.contains(&c);
                let shown = if all { leads.len() } else { leads.len().min(p.per_group) };
                let more = leads.len() - shown;
                let expand = {
                    let (expanded, c) = (expanded.clone(), c.clone());
                    Callback::from(move |_| {
                        let mut v = (*expanded).clone();
                        v.push(c.clone());
                        expanded.set(v);
                    })
                };
                html! {
                    <section class={classes!("lead-group", category_class(&c))} data-category={c.as_str().to_string()}>
                        <h2 class="lead-group-head">
                            { category_badge(&CategoryProps { lang: p.lang, category: c.clone() }) }
                            <span class="muted small">{ t.leads.replace("{}", &leads.len().to_string()) }</span>
                        </h2>
                        <ul class="lead-list">
                            { for leads.iter().take(shown).map(|l| lead_row(p.lang, l, p.show_division, p.waiting.contains(&l.id))) }
                        </ul>
                        if more > 0 {
                            <button type="button" class="btn small ghost" data-testid="lead-show-more" onclick={expand}>
                                { t.show_more.replace("{}", &more.to_string()) }</button>
                        }
                    </section>
                }
            }) }
        </div>
    }
}

fn lead_row(lang: Lang, l: &Lead, show_division: bool, waiting: bool) -> Html {
    let name = l.customer_name.clone().unwrap_or_else(|| l.id.clone());
    html! {
        <li key={l.id.clone()} class="lead-row" data-testid="lead-row" data-category={l.category.as_str().to_string()} data-ticket-id={l.id.clone()}>
            <a class="lead-link" data-testid="lead-open" href={format!("#/ticket/{}", l.id)}>
                { category_badge(&CategoryProps { lang, category: l.category.clone() }) }
                <span class="lead-main">
                    <span class="lead-name">{ name }</span>
                    <span class="lead-reason">{ &l.reason }</span>
                </span>
                <span class="lead-meta">
                    if show_division {
                        if let Some(d) = l.division { <span class="division">{ d.as_str() }</span> }
                    }
                    if let Some(s) = &l.crm_stage { <span class="chip stage-chip">{ s.as_str().to_string() }</span> }
                    if waiting { <span class="chip warn" data-testid="lead-followup-waiting">{ tx(lang).waiting }</span> }
                    <span class="muted small">{ days_text(lang, l.days_since_last_interaction) }</span>
                </span>
            </a>
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct WindowProps {
    pub lang: Lang,
    pub window: Window,
}

/// WhatsApp's window on a ticket: time left, or closed. Nothing for other
/// channels.
pub fn wa_window_badge(p: &WindowProps) -> Html {
    let t = tx(p.lang);
    match p.window {
        Window::NotWhatsapp => html! {},
        Window::Open { remaining_s } => html! {
            <span class="wa-window open" data-testid="wa-window" data-open="true" data-remaining-s={remaining_s.to_string()}>
                { t.wa_open.replace("{}", &remaining(p.lang, remaining_s)) }</span>
        },
        Window::Closed => html! {
            <span class="wa-window closed" data-testid="wa-window" data-open="false" data-remaining-s="0">{ t.wa_closed }</span>
        },
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct FollowupDialogProps {
    pub lang: Lang,
    pub templates: Vec<Template>,
    /// The template picked, if any.
    pub template_id: Option<String>,
    /// The message as edited (with its placeholders).
    pub message: String,
    /// What fills the placeholders for this ticket.
    pub customer: AttrValue,
    pub agent: AttrValue,
    #[prop_or_default]
    pub origin: Option<AttrValue>,
    #[prop_or_default]
    pub destination: Option<AttrValue>,
    pub window: Window,
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub on_pick: Callback<String>,
    #[prop_or_default]
    pub on_input: Callback<String>,
    #[prop_or_default]
    pub on_send: Callback<()>,
    #[prop_or_default]
    pub on_close: Callback<()>,
}

/// Whether the follow-up may be sent as it stands: outside WhatsApp's
/// window only a template, unedited.
pub fn followup_blocked(
    window: Window,
    templates: &[Template],
    template_id: Option<&str>,
    message: &str,
) -> bool {
    if message.trim().is_empty() {
        return true;
    }
    if window.allows_free_text() {
        return false;
    }
    let body = template_id.and_then(|id| templates.iter().find(|t| t.id == id));
    !body.is_some_and(|t| is_unedited(message, &t.body))
}

fn textarea_value(e: &InputEvent) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

/// 'Kirim Follow-Up': pick a template, edit it, see exactly what the
/// customer receives, send. No approval (FU-SINGLE-4).
pub fn followup_dialog(p: &FollowupDialogProps) -> Html {
    let t = tx(p.lang);
    let fill = Fill {
        customer: &p.customer,
        agent: &p.agent,
        origin: p.origin.as_deref(),
        destination: p.destination.as_deref(),
    };
    let preview = personalize(&p.message, &fill);
    let picked = p
        .template_id
        .as_deref()
        .and_then(|id| p.templates.iter().find(|x| x.id == id));
    let edited = picked.is_some_and(|x| !is_unedited(&p.message, &x.body));
    let closed = !p.window.allows_free_text();
    let blocked = followup_blocked(p.window, &p.templates, p.template_id.as_deref(), &p.message);
    let on_input = p.on_input.clone();
    let (send, close, close2) = (p.on_send.clone(), p.on_close.clone(), p.on_close.clone());
    html! {
        <div class="scrim" onclick={Callback::from(move |_| close2.emit(()))}>
            <div class="dialog followup-dialog" role="dialog" aria-modal="true" aria-labelledby="followup-title"
                data-testid="followup-dialog" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <header class="dialog-head">
                    <h2 id="followup-title">{ t.send_followup }</h2>
                    { wa_window_badge(&WindowProps { lang: p.lang, window: p.window }) }
                </header>
                <div class="followup-body">
                    <div class="followup-col">
                        <h3 class="small muted">{ t.templates }</h3>
                        <ul class="template-picker" data-testid="template-picker" role="listbox">
                            { for p.templates.iter().map(|tpl| {
                                let on_pick = p.on_pick.clone();
                                let id = tpl.id.clone();
                                let on = p.template_id.as_deref() == Some(tpl.id.as_str());
                                html! {
                                    <li>
                                        <button type="button" class={classes!("template", on.then_some("on"))} role="option"
                                            aria-selected={on.to_string()} data-testid="followup-template" data-template-id={tpl.id.clone()}
                                            onclick={Callback::from(move |_| on_pick.emit(id.clone()))}>
                                            <span class="template-name">{ &tpl.name }</span>
                                            <span class="template-body small muted">{ &tpl.body }</span>
                                        </button>
                                    </li>
                                }
                            }) }
                            if p.templates.is_empty() { <li class="muted small">{ t.no_templates }</li> }
                        </ul>
                    </div>
                    <div class="followup-col">
                        <label class="field">
                            <span>{ t.message }</span>
                            <textarea data-testid="followup-message" rows="5" value={p.message.clone()} disabled={p.busy}
                                oninput={Callback::from(move |e: InputEvent| on_input.emit(textarea_value(&e)))} />
                        </label>
                        <p class="small muted placeholders">{ t.placeholders }{ ": " }
                            { for PLACEHOLDERS.iter().map(|(ph, what)| html! { <code title={*what}>{ *ph }</code> }) }
                        </p>
                        if closed && edited {
                            <p class="alert warn" role="status" data-testid="followup-edited-warning">
                                { t.edited_free_text }{ " " }
                                <button type="button" class="link-btn" data-testid="followup-restore"
                                    onclick={{ let on_pick = p.on_pick.clone(); let id = p.template_id.clone().unwrap_or_default(); Callback::from(move |_| on_pick.emit(id.clone())) }}>
                                    { t.back_to_template }</button>
                            </p>
                        } else if closed && picked.is_none() {
                            <p class="alert warn" role="status">{ t.pick_template_first }</p>
                        }
                        <h3 class="small muted">{ t.preview }</h3>
                        <div class="followup-preview msg out" data-testid="followup-preview">
                            <p class="msg-text">{ preview }</p>
                        </div>
                        <p class="small muted">{ t.preview_hint }</p>
                        if let Some(e) = &p.error {
                            <p class="alert error" role="alert" data-testid="followup-error">{ e.clone() }</p>
                        }
                    </div>
                </div>
                <div class="dialog-actions">
                    <button type="button" class="btn ghost" onclick={Callback::from(move |_| close.emit(()))}>{ t.close }</button>
                    <button type="button" class="btn primary" data-testid="followup-submit" disabled={blocked || p.busy}
                        onclick={Callback::from(move |_| send.emit(()))}>
                        { if p.busy { t.sending } else if p.error.is_some() { t.retry } else { t.send } }</button>
                </div>
            </div>
        </div>
    }
}
