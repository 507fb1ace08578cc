//! The inbox filters (INBOX-6): status, queue_status, tag, channel,
//! division (SA/TL), crm_stage, assigned_to. The page keeps them in the
//! route's query so they survive navigation.

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
    pub on_change: Callback<InboxQuery>,
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

#[function_component(FilterBar)]
pub fn filter_bar(p: &FilterProps) -> Html {
    let q = &p.query;
    let any = q.status.is_some()
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
            { select(p.lang, "filter-tag", t(p.lang, K::FilterTag), q.tags.as_deref(), p.tags.iter().map(|t| (t.clone(), format!("#{t}"))).collect(), q, |q, v| q.tags = v, &p.on_change) }
            { select(p.lang, "filter-channel", t(p.lang, K::FilterChannel), q.channel.as_deref(), Channel::ALL.iter().map(|c| (c.to_string(), super::badges::channel_label(c).to_string())).collect(), q, |q, v| q.channel = v, &p.on_change) }
            if p.show_division {
                { select(p.lang, "filter-division", t(p.lang, K::Division), q.division.as_deref().filter(|d| *d != "all"), pairs(Division::ALL.iter()), q, |q, v| q.division = v, &p.on_change) }
            }
            { select(p.lang, "filter-crm-stage", t(p.lang, K::FilterStage), q.crm_stage.as_deref(), pairs(CrmStage::ALL.iter()), q, |q, v| q.crm_stage = v, &p.on_change) }
            { select(p.lang, "filter-assigned-to", t(p.lang, K::FilterAgent), q.assigned_to.as_deref(),
                vec![("me".into(), t(p.lang, K::Me).into()), ("none".into(), t(p.lang, K::Unassigned).into())], q, |q, v| q.assigned_to = v, &p.on_change) }
            if any { <button type="button" class="link-btn" onclick={clear}>{ t(p.lang, K::ClearFilters) }</button> }
        </div>
    }
}
