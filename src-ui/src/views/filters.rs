//! The inbox filters (INBOX-6): a search, status, queue_status, tags
//! (several, OQ-31), channel, division (SA/TL), crm_stage, assigned_to (any
//! agent by name for SA/TL). The page keeps them in the route's query so
//! they survive navigation.

use crate::i18n::{t, Lang, K};
use saga_core::{Channel, CrmStage, Division, InboxQuery, QueueStatus, TicketStatus};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct FilterProps {
    #[prop_or_default]
    pub lang: Lang,
    pub query: InboxQuery,
    #[prop_or_default]
    pub tags: Vec<String>,
    /// SA/TL choose a division (INBOX-2); agents are held to theirs.
    #[prop_or_default]
    pub show_division: bool,
    /// Agents the `assigned_to` filter offers by name (SA/TL): (id, name).
    #[prop_or_default]
    pub agents: Vec<(String, String)>,
    pub on_change: Callback<InboxQuery>,
}

/// The tags of a `tags` filter value (comma-separated, OQ-31).
pub fn tag_list(tags: Option<&str>) -> Vec<String> {
    tags.map(|t| {
        t.split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

/// Whether a search is long enough to send (the server's rule): 3
/// characters of a name, 4 digits of a phone number, or a ticket id.
pub fn search_ready(q: &str) -> bool {
    let q = q.trim();
    let digits: String = q
        .chars()
        .filter(|c| !matches!(c, ' ' | '+' | '-' | '.' | '(' | ')'))
        .collect();
    if q.to_lowercase().starts_with("t-") && q.len() > 2 {
        return true;
    }
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return digits.len() >= 4;
    }
    q.chars().count() >= 3
}

fn select_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

type Setter = fn(&mut InboxQuery, Option<String>);

#[allow(clippy::too_many_arguments)]
fn select(
    lang: Lang,
    testid: &'static str,
    label: &'static str,
    current: Option<&str>,
    options: Vec<(String, String)>,
    query: &InboxQuery,
    set: Setter,
    on_change: &Callback<InboxQuery>,
) -> Html {
    let q = query.clone();
    let cb = on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        let v = select_value(&e);
        let mut q = q.clone();
        set(&mut q, (!v.is_empty()).then_some(v));
        q.offset = None;
        cb.emit(q);
    });
    html! {
        <label class={classes!("filter", current.is_some().then_some("set"))}>
            <span class="filter-label">{ label }</span>
            <select data-testid={testid} {onchange} aria-label={label}>
                <option value="" selected={current.is_none()}>{ t(lang, K::All) }</option>
                { for options.into_iter().map(|(v, l)| {
                    let sel = current == Some(v.as_str());
                    html! { <option value={v} selected={sel}>{ l }</option> }
                }) }
            </select>
        </label>
    }
}

fn pairs<T: ToString>(v: impl IntoIterator<Item = T>) -> Vec<(String, String)> {
    v.into_iter()
        .map(|x| (x.to_string(), x.to_string().replace('_', " ")))
        .collect()
}

#[derive(Properties, PartialEq, Clone)]
pub struct SearchProps {
    pub lang: Lang,
    pub query: InboxQuery,
    pub on_change: Callback<InboxQuery>,
}

/// The inbox search: sent when it is long enough (and after a short pause
/// while typing); emptied, it clears.
#[function_component(InboxSearch)]
pub fn inbox_search(p: &SearchProps) -> Html {
    let text = use_state(|| p.query.q.clone().unwrap_or_default());
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    {
        // A search changed from outside (clear filters, back) shows here.
        let text = text.clone();
        use_effect_with(p.query.q.clone(), move |q| {
            text.set(q.clone().unwrap_or_default());
            || ()
        });
    }
    let oninput = {
        let (text, query, cb) = (text.clone(), p.query.clone(), p.on_change.clone());
        Callback::from(move |e: InputEvent| {
            use wasm_bindgen::JsCast;
            let v = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            text.set(v.clone());
            let (query, cb) = (query.clone(), cb.clone());
            let send = (v.trim().is_empty() || search_ready(&v)).then(move || {
                gloo::timers::callback::Timeout::new(SEARCH_PAUSE_MS, move || {
                    let mut q = query.clone();
                    q.q = (!v.trim().is_empty()).then(|| v.trim().to_string());
                    q.offset = None;
                    cb.emit(q);
                })
            });
            *timer.borrow_mut() = send;
        })
    };
    let short = !text.trim().is_empty() && !search_ready(&text);
    html! {
        <label class="filter search">
            <span class="filter-label">{ t(p.lang, K::Search) }</span>
            <input type="search" data-testid="inbox-search" value={(*text).clone()} {oninput}
                placeholder={t(p.lang, K::SearchPlaceholder)} aria-label={t(p.lang, K::Search)} />
            if short { <span class="small muted" data-testid="inbox-search-hint">{ t(p.lang, K::SearchTooShort) }</span> }
        </label>
    }
}

/// How long typing pauses before a search is sent.
const SEARCH_PAUSE_MS: u32 = 250;

#[function_component(FilterBar)]
pub fn filter_bar(p: &FilterProps) -> Html {
    let q = &p.query;
    let chosen_tags = tag_list(q.tags.as_deref());
    let tag_chips = html! {
        { for chosen_tags.iter().map(|tag| {
            let (cb, q, tag) = (p.on_change.clone(), q.clone(), tag.clone());
            let rest: Vec<String> = chosen_tags.iter().filter(|x| **x != tag).cloned().collect();
            html! {
                <button type="button" class="chip tag-chip" data-testid="filter-tag-remove" data-tag={tag.clone()}
                    aria-label={format!("{} #{tag}", t(p.lang, K::Discard))}
                    onclick={Callback::from(move |_| {
                        let mut q = q.clone();
                        q.tags = (!rest.is_empty()).then(|| rest.join(","));
                        q.offset = None;
                        cb.emit(q);
                    })}>{ format!("#{tag} ×") }</button>
            }
        }) }
    };
    let add_tag: Setter = |q, v| {
        let mut tags = tag_list(q.tags.as_deref());
        if let Some(v) = v {
            if !tags.contains(&v) {
                tags.push(v);
            }
        }
        q.tags = (!tags.is_empty()).then(|| tags.join(","));
    };
    let tag_options: Vec<(String, String)> = p
        .tags
        .iter()
        .filter(|x| !chosen_tags.contains(x))
        .map(|t| (t.clone(), format!("#{t}")))
        .collect();
    let mut who: Vec<(String, String)> = vec![
        ("me".into(), t(p.lang, K::Me).into()),
        ("none".into(), t(p.lang, K::Unassigned).into()),
    ];
    who.extend(p.agents.iter().cloned());
    let any = q.status.is_some()
        || q.q.is_some()
        || q.queue_status.is_some()
        || q.tags.is_some()
        || q.channel.is_some()
        || q.crm_stage.is_some()
        || q.assigned_to.is_some()
        || (p.show_division && q.division.as_deref().is_some_and(|d| d != "all"));
    let clear = {
        let cb = p.on_change.clone();
        Callback::from(move |_| cb.emit(InboxQuery::default()))
    };
    html! {
        <div class="filters" role="group" aria-label="Filter inbox">
            { select(p.lang, "filter-status", t(p.lang, K::Status), q.status.as_deref(), pairs(TicketStatus::ALL.iter()), q, |q, v| q.status = v, &p.on_change) }
            { select(p.lang, "filter-queue-status", t(p.lang, K::FilterQueue), q.queue_status.as_deref(), pairs(QueueStatus::ALL.iter()), q, |q, v| q.queue_status = v, &p.on_change) }
            { select(p.lang, "filter-tag", t(p.lang, K::FilterTag), None, tag_options, q, add_tag, &p.on_change) }
            { tag_chips }
            { select(p.lang, "filter-channel", t(p.lang, K::FilterChannel), q.channel.as_deref(), Channel::ALL.iter().map(|c| (c.to_string(), super::badges::channel_label(c).to_string())).collect(), q, |q, v| q.channel = v, &p.on_change) }
            if p.show_division {
                { select(p.lang, "filter-division", t(p.lang, K::Division), q.division.as_deref().filter(|d| *d != "all"), pairs(Division::ALL.iter()), q, |q, v| q.division = v, &p.on_change) }
            }
            { select(p.lang, "filter-crm-stage", t(p.lang, K::FilterStage), q.crm_stage.as_deref(), pairs(CrmStage::ALL.iter()), q, |q, v| q.crm_stage = v, &p.on_change) }
            { select(p.lang, "filter-assigned-to", t(p.lang, K::FilterAgent), q.assigned_to.as_deref(),
                who, q, |q, v| q.assigned_to = v, &p.on_change) }
            if any { <button type="button" class="link-btn" onclick={clear}>{ t(p.lang, K::ClearFilters) }</button> }
        </div>
    }
}
