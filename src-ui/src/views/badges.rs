//! Badges (INBOX-4, INBOX-5, RETURN-2).

use saga_core::{strings, Channel, TicketItem, TicketStatus};
use yew::prelude::*;

/// Label and colour class of a status badge. Unknown values are neutral grey
/// with the raw value (OQ-1).
pub fn status_badge(s: &TicketStatus) -> (String, &'static str) {
    match s {
        TicketStatus::New => ("NEW".into(), "blue"),
        TicketStatus::InProgress => ("IN PROGRESS".into(), "yellow"),
        TicketStatus::AwaitingResponse => ("AWAITING RESPONSE".into(), "orange"),
        TicketStatus::Closed => ("CLOSED".into(), "grey"),
        TicketStatus::Other(raw) => (raw.replace('_', " "), "neutral"),
    }
}

pub fn channel_label(c: &Channel) -> &str {
    match c {
        Channel::Whatsapp => "WhatsApp",
        Channel::Telegram => "Telegram",
        Channel::Instagram => "Instagram",
        Channel::Facebook => "Facebook",
        Channel::Other(s) => s.as_str(),
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct BadgesProps {
    pub ticket: TicketItem,
}

/// The status badge and the special badges of a ticket.
pub fn ticket_badges(p: &BadgesProps) -> Html {
    let t = &p.ticket;
    let (label, colour) = status_badge(&t.status);
    html! {
        <span class="badges">
            <span class={classes!("badge", colour)} data-testid="badge-status" data-status={t.status.as_str().to_string()}>{ label }</span>
            if t.is_free() { <span class="badge free" data-testid="badge-free">{ "FREE" }</span> }
            if t.returning_customer { <span class="badge returning" data-testid="badge-returning">{ "RETURNING" }</span> }
            if t.off_hours { <span class="badge offhours" data-testid="badge-off-hours">{ "OFF HOURS" }</span> }
            if let Some(w) = &t.waiting_for_agent {
                <span class="badge waiting" data-testid="waiting-agent-label">{ strings::waiting_for_agent(&w.name) }</span>
            }
        </span>
    }
}
