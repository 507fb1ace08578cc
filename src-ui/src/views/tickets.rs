use super::badges::{channel_label, TicketBadges};
use crate::i18n::{t, Lang, K};
use saga_core::format::{rupiah, wib_datetime};
use saga_core::TicketItem;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct TicketListProps {
    pub lang: Lang,
    pub items: Vec<TicketItem>,
    #[prop_or_default]
    pub total: u64,
    #[prop_or_default]
    pub loading: bool,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// `inbox-list` or `free-list`.
    pub testid: &'static str,
    pub empty_text: AttrValue,
    #[prop_or_default]
    pub show_division: bool,
    #[prop_or_default]
    pub on_retry: Callback<()>,
}

/// A list of tickets (INBOX-3): never blank — loading, error and empty
/// states say what is going on.
#[function_component(TicketList)]
pub fn ticket_list(p: &TicketListProps) -> Html {
    if let Some(e) = &p.error {
        let retry = p.on_retry.clone();
        return html! {
            <div class="state error" role="alert">
                <p>{ e.clone() }</p>
                <button type="button" class="btn" onclick={Callback::from(move |_| retry.emit(()))}>{ t(p.lang, K::Retry) }</button>
            </div>
        };
    }
    if p.loading && p.items.is_empty() {
        return html! { <div class="state" aria-busy="true">{ t(p.lang, K::Loading) }</div> };
    }
    if p.items.is_empty() {
        return html! { <div class="state" data-testid={p.testid} data-count="0"><p class="muted">{ p.empty_text.clone() }</p></div> };
    }
    html! {
        <ul class="ticket-list" data-testid={p.testid} data-count={p.items.len().to_string()} aria-busy={p.loading.to_string()}>
            { for p.items.iter().map(|tk| row(p, tk)) }
        </ul>
    }
}

fn row(p: &TicketListProps, tk: &TicketItem) -> Html {
    let agent = tk
        .assigned_agent_name
        .clone()
        .unwrap_or_else(|| t(p.lang, K::Unassigned).to_string());
    html! {
        <li class="ticket-row" data-testid="ticket-row" data-ticket-id={tk.id.clone()} data-status={tk.status.as_str().to_string()} data-division={tk.division.as_str()}>
            <div class="row-top">
                <a class="customer row-link" href={format!("#/ticket/{}", tk.id)}>{ &tk.customer_name }</a>
                if let Some(wa) = &tk.wa_display_name { <span class="wa-name" title="wa_display_name">{ format!("~{wa}") }</span> }
                <span class="time">{ wib_datetime(&tk.created_at) }</span>
            </div>
            <div class="row-mid">
                <span class={classes!("channel", tk.channel.as_str().to_string())}>{ channel_label(&tk.channel) }</span>
                if p.show_division { <span class="division">{ tk.division.as_str() }</span> }
                <TicketBadges ticket={tk.clone()} />
            </div>
            if let Some(prev) = &tk.last_message_preview { <p class="preview">{ prev }</p> }
            <div class="row-bottom">
                <span class="agent">{ agent }</span>
                <span class="stage" data-testid="crm-stage-chip" data-stage={tk.crm_stage.as_str().to_string()}>{ tk.crm_stage.as_str().to_string() }
                    if let Some(v) = tk.deal_value.or(tk.quote_value) { { " · " }{ rupiah(v) } }
                </span>
                { for tk.tags.iter().map(|tg| html! { <span class="tag">{ format!("#{tg}") }</span> }) }
            </div>
        </li>
    }
}
