//! Blasts (BLAST-1..7): the list by state, the composer with its recipients
//! and personalised previews, and one blast with its approval, progress and
//! response rates. Pure views of their props.

use super::followup::{category_badge, category_class, CategoryProps};
use crate::collections::SortedSet;
use crate::i18n::followup::{blast_status, category, tx};
use crate::i18n::Lang;
use crate::store::use_val;
use saga_core::access::{can, Perm, Principal};
use saga_core::followup::{is_unedited, personalize, wa_window, Fill, Window};
use saga_core::format::wib_datetime;
use saga_core::{Blast, BlastStatus, CrmStage, FollowUpCategory, Lead, Template};
use std::rc::Rc;
use yew::prelude::*;

/// How many personalised previews are drawn at first (BLAST-2: at least 50).
pub const PREVIEWS_SHOWN: usize = 50;

/// How recipients are chosen (BLAST-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// By category and/or CRM stage.
    #[default]
    Filter,
    /// Ticked one by one.
    Manual,
}

/// The recipients a composer resolves to: what the user sees counted is
/// exactly the list submitted (OQ-22). Filter mode: leads of the chosen
/// categories (all when none is chosen) and stage; manual mode: the ticked
/// leads, in the list's order.
pub fn resolve<'a>(
    leads: &'a [Lead],
    mode: Mode,
    categories: &SortedSet<FollowUpCategory>,
    stage: Option<&CrmStage>,
    ticked: &SortedSet<String>,
) -> Vec<&'a Lead> {
    leads
        .iter()
        .filter(|l| match mode {
            Mode::Filter => {
                (categories.is_empty() || categories.contains(&l.category))
                    && stage.is_none_or(|s| l.crm_stage.as_ref() == Some(s))
            }
            Mode::Manual => ticked.contains(&l.id),
        })
        .collect()
}

/// Recipients on WhatsApp whose 24-hour window has closed: they take only
/// a template as written.
pub fn closed_windows(recipients: &[&Lead], now: saga_core::time::Unix) -> usize {
    recipients
        .iter()
        .filter(|l| {
            let ch = l.channel.clone().unwrap_or(saga_core::Channel::Telegram);
            wa_window(&ch, l.last_customer_message_at.as_deref(), now) == Window::Closed
        })
        .count()
}

/// What one recipient of `message` receives from `agent`.
pub fn preview_for(message: &str, agent: &str, l: &Lead) -> String {
    personalize(
        message,
        &Fill {
            customer: l.customer_name.as_deref().unwrap_or(""),
            agent,
            origin: l.origin_city.as_deref(),
            destination: l.destination_city.as_deref(),
        },
    )
}

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub lang: Lang,
    pub sent: u32,
    pub total: u32,
}

/// BLAST-6: how far sending is, from the server's counts.
pub fn blast_progress(p: &ProgressProps) -> Html {
    let label = tx(p.lang)
        .progress
        .replacen("{}", &p.sent.to_string(), 1)
        .replacen("{}", &p.total.to_string(), 1);
    html! {
        <div class="blast-progress" data-testid="blast-progress" data-sent={p.sent.to_string()} data-total={p.total.to_string()}>
            <progress max={p.total.max(1).to_string()} value={p.sent.to_string()} aria-label={label.clone()}></progress>
            <span class="small muted">{ label }</span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct RatesProps {
    pub lang: Lang,
    pub blast: Blast,
}

/// BLAST-7: the share of recipients who answered, per category.
pub fn response_rates(p: &RatesProps) -> Html {
    let t = tx(p.lang);
    html! {
        <div class="response-rates" aria-label={t.response_rate}>
            { for p.blast.response_rate.iter().filter(|r| r.recipients > 0).map(|r| {
                let pct = (r.response_rate * 100.0).round() as u32;
                html! {
                    <span class={classes!("rate", category_class(&r.category))} data-testid="blast-response-rate"
                        data-category={r.category.as_str().to_string()} data-rate={pct.to_string()}
                        title={t.responded.replacen("{}", &r.responded.to_string(), 1).replacen("{}", &r.recipients.to_string(), 1)}>
                        <span class="rate-cat">{ category(p.lang, &r.category) }</span>
                        <strong>{ format!("{pct}%") }</strong>
                    </span>
                }
            }) }
        </div>
    }
}

fn status_chip(lang: Lang, st: &BlastStatus) -> Html {
    html! { <span class={classes!("chip", "blast-status", st.as_str().to_string())}>{ blast_status(lang, st) }</span> }
}

#[derive(Properties, PartialEq)]
pub struct BlastListProps {
    pub lang: Lang,
    pub me: Principal,
    pub blasts: Rc<Vec<Blast>>,
}

/// The blasts by state; for SA/TL those awaiting approval first.
pub fn blast_list(p: &BlastListProps) -> Html {
    let t = tx(p.lang);
    let mut order = vec![
        BlastStatus::PendingApproval,
        BlastStatus::Sending,
        BlastStatus::Completed,
        BlastStatus::Rejected,
    ];
    // A state this build does not know gets its own group, last (OQ-1).
    for b in p.blasts.iter() {
        if !order.contains(&b.status) {
            order.push(b.status.clone());
        }
    }
    let supervisor = can(&p.me, Perm::ApproveBlast);
    if p.blasts.is_empty() {
        return html! { <div class="empty-state" data-testid="blast-empty"><p>{ t.no_blasts }</p></div> };
    }
    html! {
        <div class="blast-groups" data-testid="blast-list">
            if !supervisor { <h2 class="section-title">{ t.my_blasts }</h2> }
            { for order.iter().filter_map(|st| {
                let rows: Vec<&Blast> = p.blasts.iter().filter(|b| b.status == *st).collect();
                (!rows.is_empty()).then(|| html! {
                    <section class="blast-group" data-status={st.as_str().to_string()}>
                        <h3 class="blast-group-head">{ blast_status(p.lang, st) }<span class="muted small">{ format!(" ({})", rows.len()) }</span></h3>
                        <ul class="blast-rows">
                            { for rows.into_iter().map(|b| blast_row(p.lang, b)) }
                        </ul>
                    </section>
                })
            }) }
        </div>
    }
}

fn blast_row(lang: Lang, b: &Blast) -> Html {
    let t = tx(lang);
    html! {
        <li key={b.id.clone()} class="blast-row" data-testid="blast-row" data-blast-id={b.id.clone()} data-status={b.status.as_str().to_string()}>
            <a class="blast-link" href={format!("#/blasts/{}", b.id)}>
                <span class="blast-top">
                    { status_chip(lang, &b.status) }
                    <span class="blast-who">{ &b.created_by.name }</span>
                    <span class="muted small">{ wib_datetime(&b.created_at) }</span>
                    <span class="muted small">{ t.recipient_count.replace("{}", &b.total.to_string()) }</span>
                </span>
                <span class="blast-message">{ &b.message }</span>
                if b.status == BlastStatus::Sending {
                    { blast_progress(&ProgressProps { lang, sent: b.sent, total: b.total }) }
                }
                if b.status == BlastStatus::Completed {
                    { response_rates(&RatesProps { lang, blast: b.clone() }) }
                }
                if let Some(r) = &b.reject_reason {
                    <span class="small reject-reason">{ format!("{}: {r}", t.reason) }</span>
                }
            </a>
        </li>
    }
}

#[derive(Properties, PartialEq)]
pub struct PreviewsProps {
    pub lang: Lang,
    /// (ticket id, customer name, category, text as received)
    pub items: Rc<Vec<(String, String, FollowUpCategory, String)>>,
}

/// BLAST-2: the personalised message per recipient (the first ones drawn,
/// the rest counted).
pub fn blast_previews(p: &PreviewsProps) -> Html {
    let t = tx(p.lang);
    let more = p.items.len().saturating_sub(PREVIEWS_SHOWN);
    html! {
        <div class="blast-preview" data-testid="blast-preview" data-count={p.items.len().to_string()}>
            <h3 class="small muted">{ t.previews }</h3>
            <ol class="preview-list">
                { for p.items.iter().take(PREVIEWS_SHOWN).map(|(id, name, c, text)| html! {
                    <li class="preview-item" data-testid="blast-preview-item" data-ticket-id={id.clone()}>
                        <span class="preview-who">{ category_badge(&CategoryProps { lang: p.lang, category: c.clone() }) }{ " " }{ name }</span>
                        <p class="msg-text">{ text }</p>
                    </li>
                }) }
            </ol>
            if more > 0 { <p class="small muted">{ t.previews_more.replace("{}", &more.to_string()) }</p> }
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct ComposerProps {
    pub lang: Lang,
    /// The leads to choose from (the user's scope).
    pub leads: Rc<Vec<Lead>>,
    pub mode: Mode,
    pub categories: SortedSet<FollowUpCategory>,
    pub stage: Option<CrmStage>,
    pub ticked: SortedSet<String>,
    pub templates: Vec<Template>,
    pub template_id: Option<String>,
    pub message: String,
    /// The submitter's name, for `{agent}`.
    pub agent: AttrValue,
    /// Now, for WhatsApp's windows.
    pub now_s: i64,
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub on_mode: Callback<Mode>,
    #[prop_or_default]
    pub on_category: Callback<FollowUpCategory>,
    #[prop_or_default]
    pub on_stage: Callback<Option<CrmStage>>,
    #[prop_or_default]
    pub on_tick: Callback<String>,
    #[prop_or_default]
    pub on_tick_all: Callback<bool>,
    #[prop_or_default]
    pub on_template: Callback<String>,
    #[prop_or_default]
    pub on_message: Callback<String>,
    #[prop_or_default]
    pub on_submit: Callback<()>,
}

/// Why the composer cannot be submitted yet, if it cannot.
pub fn composer_blocker(p: &ComposerProps, recipients: &[&Lead]) -> Option<&'static str> {
    let t = tx(p.lang);
    if recipients.is_empty() {
        return Some(t.need_recipients);
    }
    if p.message.trim().is_empty() {
        return Some(t.need_message);
    }
    let now = p.now_s;
    let template = p
        .template_id
        .as_deref()
        .and_then(|id| p.templates.iter().find(|x| x.id == id));
    let unedited = template.is_some_and(|x| is_unedited(&p.message, &x.body));
    if !unedited && closed_windows(recipients, now) > 0 {
        return Some(t.closed_windows);
    }
    None
}

fn select_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn textarea_value(e: &InputEvent) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

/// How many leads the manual list draws at once; a search narrows the rest.
pub const MANUAL_SHOWN: usize = 100;

/// BLAST-1..3: recipients by filter or by hand, the total live, a template
/// to edit, previews per recipient, submit for approval.
#[function_component(BlastComposer)]
pub fn blast_composer(p: &ComposerProps) -> Html {
    let t = tx(p.lang);
    let search = use_val(String::new());
    let recipients = resolve(&p.leads, p.mode, &p.categories, p.stage.as_ref(), &p.ticked);
    let blocker = composer_blocker(p, &recipients);
    let now = p.now_s;
    let closed = closed_windows(&recipients, now);
    let previews: Rc<Vec<_>> = Rc::new(
        recipients
            .iter()
            .take(PREVIEWS_SHOWN)
            .map(|l| {
                (
                    l.id.clone(),
                    l.customer_name.clone().unwrap_or_default(),
                    l.category.clone(),
                    preview_for(&p.message, &p.agent, l),
                )
            })
            .chain(
                // Counted, not drawn.
                recipients.iter().skip(PREVIEWS_SHOWN).map(|l| {
                    (
                        l.id.clone(),
                        String::new(),
                        l.category.clone(),
                        String::new(),
                    )
                }),
            )
            .collect(),
    );
    let mode_btn = |m: Mode, testid: &'static str, label: &'static str| {
        let cb = p.on_mode.clone();
        html! {
            <button type="button" class={classes!("seg", (p.mode == m).then_some("active"))} data-testid={testid}
                aria-pressed={(p.mode == m).to_string()} onclick={Callback::from(move |_| cb.emit(m))}>{ label }</button>
        }
    };
    let stages = [CrmStage::Lead, CrmStage::Qualified, CrmStage::Proposal];
    let filter = (p.mode == Mode::Filter).then(|| {
        let on_stage = p.on_stage.clone();
        html! {
            <div class="blast-filters">
                <div class="segmented" role="group" data-testid="blast-filter-category" aria-label={t.by_category}>
                    { for FollowUpCategory::ALL.iter().map(|c| {
                        let (cb, pick) = (p.on_category.clone(), c.clone());
                        let on = p.categories.contains(c);
                        html! {
                            <button type="button" class={classes!("seg", category_class(c), on.then_some("active"))} data-category={c.as_str()}
                                aria-pressed={on.to_string()} onclick={Callback::from(move |_| cb.emit(pick.clone()))}>
                                { format!("{} ({})", category(p.lang, c), p.leads.iter().filter(|l| &l.category == c).count()) }</button>
                        }
                    }) }
                </div>
                <label class="filter">
                    <span class="small muted">{ t.by_stage }</span>
                    <select data-testid="blast-filter-stage" onchange={Callback::from(move |e: Event| {
                        let v = select_value(&e);
                        on_stage.emit((!v.is_empty()).then(|| CrmStage::parse(&v)));
                    })}>
                        <option value="" selected={p.stage.is_none()}>{ t.any_stage }</option>
                        { for stages.iter().map(|s| html! {
                            <option value={s.as_str().to_string()} selected={p.stage.as_ref() == Some(s)}>{ s.as_str().to_string() }</option>
                        }) }
                    </select>
                </label>
            </div>
        }
    });
    let manual = (p.mode == Mode::Manual).then(|| {
        let (all, none) = (p.on_tick_all.clone(), p.on_tick_all.clone());
        let needle = search.to_lowercase();
        let matching: Vec<&Lead> = p
            .leads
            .iter()
            .filter(|l| {
                needle.is_empty()
                    || l.customer_name
                        .as_deref()
                        .is_some_and(|n| n.to_lowercase().contains(&needle))
            })
            .collect();
        let hidden = matching.len().saturating_sub(MANUAL_SHOWN);
        let on_search = {
            let search = search.clone();
            Callback::from(move |e: InputEvent| {
                use wasm_bindgen::JsCast;
                let v = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .map(|i| i.value())
                    .unwrap_or_default();
                search.set(v);
            })
        };
        html! {
            <div class="blast-manual">
                <input type="search" class="recipient-search" data-testid="blast-recipient-search" value={(*search).clone()}
                    placeholder={t.search_recipients} aria-label={t.search_recipients} oninput={on_search} />
                <div class="row-actions">
                    <button type="button" class="btn small ghost" data-testid="blast-select-all" onclick={Callback::from(move |_| all.emit(true))}>{ t.select_all }</button>
                    <button type="button" class="btn small ghost" onclick={Callback::from(move |_| none.emit(false))}>{ t.select_none }</button>
                </div>
                <ul class="recipient-list">
                    { for matching.iter().take(MANUAL_SHOWN).map(|l| {
                        let (cb, id) = (p.on_tick.clone(), l.id.clone());
                        let on = p.ticked.contains(&l.id);
                        html! {
                            <li>
                                <label class="recipient" data-testid="blast-recipient" data-ticket-id={l.id.clone()} data-checked={on.to_string()}>
                                    <input type="checkbox" checked={on} onchange={Callback::from(move |_| cb.emit(id.clone()))} />
                                    { category_badge(&CategoryProps { lang: p.lang, category: l.category.clone() }) }
                                    <span class="lead-name">{ l.customer_name.clone().unwrap_or_default() }</span>
                                    if let Some(s) = &l.crm_stage { <span class="chip stage-chip">{ s.as_str().to_string() }</span> }
                                </label>
                            </li>
                        }
                    }) }
                </ul>
                if hidden > 0 { <p class="small muted">{ t.more_recipients.replace("{}", &hidden.to_string()) }</p> }
            </div>
        }
    });
    let on_message = p.on_message.clone();
    let on_submit = p.on_submit.clone();
    html! {
        <section class="blast-composer" data-testid="blast-new">
            <div class="blast-col">
                <h2 class="section-title">{ t.recipients }</h2>
                <div class="segmented" role="group">
                    { mode_btn(Mode::Filter, "blast-mode-filter", t.mode_filter) }
                    { mode_btn(Mode::Manual, "blast-mode-manual", t.mode_manual) }
                </div>
                { filter.unwrap_or_default() }
                { manual.unwrap_or_default() }
                <p class="recipient-total" data-testid="blast-recipient-count" data-count={recipients.len().to_string()}>
                    { t.recipient_count.replace("{}", &recipients.len().to_string()) }</p>
            </div>
            <div class="blast-col">
                <h2 class="section-title">{ t.message }</h2>
                <ul class="template-picker" data-testid="template-picker">
                    { for p.templates.iter().map(|tpl| {
                        let (cb, id) = (p.on_template.clone(), tpl.id.clone());
                        let on = p.template_id.as_deref() == Some(tpl.id.as_str());
                        html! {
                            <li>
                                <button type="button" class={classes!("template", on.then_some("on"))} aria-pressed={on.to_string()}
                                    data-testid="followup-template" data-template-id={tpl.id.clone()}
                                    onclick={Callback::from(move |_| cb.emit(id.clone()))}>
                                    <span class="template-name">{ &tpl.name }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
                <textarea data-testid="blast-message" rows="4" value={p.message.clone()} disabled={p.busy}
                    oninput={Callback::from(move |e: InputEvent| on_message.emit(textarea_value(&e)))} />
                if closed > 0 {
                    <p class="small muted" data-testid="blast-closed-windows">{ t.closed_windows.replace("{}", &closed.to_string()) }</p>
                }
                { blast_previews(&PreviewsProps { lang: p.lang, items: previews }) }
                if let Some(e) = &p.error { <p class="alert error" role="alert" data-testid="blast-error">{ e.clone() }</p> }
                if let Some(why) = blocker.filter(|_| !recipients.is_empty() || p.mode == Mode::Manual) {
                    <p class="small muted" data-testid="blast-blocked">{ why.replace("{}", &closed.to_string()) }</p>
                }
                <button type="button" class="btn primary block" data-testid="blast-submit" disabled={blocker.is_some() || p.busy}
                    onclick={Callback::from(move |_| on_submit.emit(()))}>
                    { if p.busy { t.submitting } else { t.submit } }</button>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct DetailProps {
    pub lang: Lang,
    pub me: Principal,
    pub blast: Blast,
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// The reject form is open with this reason typed.
    #[prop_or_default]
    pub rejecting: Option<String>,
    #[prop_or_default]
    pub on_approve: Callback<()>,
    #[prop_or_default]
    pub on_reject_open: Callback<()>,
    #[prop_or_default]
    pub on_reject_reason: Callback<String>,
    #[prop_or_default]
    pub on_reject_confirm: Callback<()>,
}

/// One blast (BLAST-5..7): who submitted it, the message, the recipients
/// with their previews; Approve and 'Tolak' only for SA/TL while it waits.
pub fn blast_detail(p: &DetailProps) -> Html {
    let t = tx(p.lang);
    let b = &p.blast;
    let decide = can(&p.me, Perm::ApproveBlast) && b.status == BlastStatus::PendingApproval;
    let previews: Rc<Vec<_>> = Rc::new(
        b.recipients
            .iter()
            .map(|r| {
                let text = personalize(
                    &b.message,
                    &Fill {
                        customer: &r.customer_name,
                        agent: &b.created_by.name,
                        origin: r.origin_city.as_deref(),
                        destination: r.destination_city.as_deref(),
                    },
                );
                (
                    r.ticket_id.clone(),
                    r.customer_name.clone(),
                    r.category.clone(),
                    text,
                )
            })
            .collect(),
    );
    let on_reason = p.on_reject_reason.clone();
    html! {
        <section class="blast-detail" data-testid="blast-detail" data-blast-id={b.id.clone()} data-status={b.status.as_str().to_string()}>
            <a class="link-btn" href="#/blasts">{ "← " }{ t.back_to_list }</a>
            <header class="blast-head">
                { status_chip(p.lang, &b.status) }
                <span>{ t.submitted_by }{ ": " }<strong>{ &b.created_by.name }</strong></span>
                <span class="muted small">{ t.created }{ " " }{ wib_datetime(&b.created_at) }</span>
                <span class="muted small">{ t.recipient_count.replace("{}", &b.total.to_string()) }</span>
                if let Some(d) = &b.decided_by { <span class="muted small">{ t.decided_by }{ ": " }{ &d.name }</span> }
            </header>
            <blockquote class="blast-message-full">{ &b.message }</blockquote>
            if let Some(r) = &b.reject_reason {
                <p class="alert error" data-testid="blast-reject-reason-shown">{ t.reason }{ ": " }{ r }</p>
            }
            if b.status == BlastStatus::Sending {
                { blast_progress(&ProgressProps { lang: p.lang, sent: b.sent, total: b.total }) }
            }
            if matches!(b.status, BlastStatus::Completed | BlastStatus::Sending) {
                { response_rates(&RatesProps { lang: p.lang, blast: b.clone() }) }
            }
            if let Some(e) = &p.error { <p class="alert error" role="alert">{ e.clone() }</p> }
            if decide {
                <div class="blast-decide">
                    if let Some(reason) = &p.rejecting {
                        <label class="field">
                            <span>{ t.reject_reason }</span>
                            <textarea data-testid="blast-reject-reason" rows="3" value={reason.clone()} disabled={p.busy}
                                oninput={Callback::from(move |e: InputEvent| on_reason.emit(textarea_value(&e)))} />
                        </label>
                        <button type="button" class="btn danger" data-testid="blast-reject-confirm"
                            disabled={p.busy || reason.trim().is_empty()}
                            onclick={{ let cb = p.on_reject_confirm.clone(); Callback::from(move |_| cb.emit(())) }}>{ t.reject_confirm }</button>
                        if reason.trim().is_empty() { <span class="small muted">{ t.reason_required }</span> }
                    } else {
                        <button type="button" class="btn primary" data-testid="blast-approve" disabled={p.busy}
                            onclick={{ let cb = p.on_approve.clone(); Callback::from(move |_| cb.emit(())) }}>{ t.approve }</button>
                        <button type="button" class="btn" data-testid="blast-reject" disabled={p.busy}
                            onclick={{ let cb = p.on_reject_open.clone(); Callback::from(move |_| cb.emit(())) }}>{ t.reject }</button>
                    }
                </div>
            }
            { blast_previews(&PreviewsProps { lang: p.lang, items: previews }) }
        </section>
    }
}
