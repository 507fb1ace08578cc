//! The live event stream (`GET /api/events`, Server-Sent Events, an
//! extension of the contract). Each client only receives what it may see.

use crate::auth::Caller;
use crate::AppState;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream, StreamExt};
use saga_core::access::{access, allows, is_supervisor, Ask, Perm};
use saga_core::events::ServerEvent;
use std::convert::Infallible;
use std::time::Duration;
use tokio_stream::wrappers::BroadcastStream;

/// Whether `caller` may receive `ev`.
pub fn visible_to(caller: &Caller, ev: &ServerEvent) -> bool {
    match ev {
        ServerEvent::AgentStatus { agent_id, .. } => {
            allows(&caller.p, Ask::Panel) || agent_id == caller.id()
        }
        ServerEvent::TicketChanged { division, .. } | ServerEvent::Message { division, .. } => {
            access(&caller.p, Perm::Inbox).covers(*division)
        }
        // L2 events carry no content; agents still only hear of their division.
        ServerEvent::InternalMessage { division, .. } => {
            access(&caller.p, Perm::InternalNotes).allowed()
                && access(&caller.p, Perm::Inbox).covers(*division)
        }
        ServerEvent::Notification { user_id, .. } => user_id == caller.id(),
        ServerEvent::BlastProgress { blast } => {
            is_supervisor(&caller.p) || blast.created_by.id == caller.id()
        }
        ServerEvent::Heartbeat { .. } => true,
        // The person, everyone of the role, and the supervisors whose
        // panel lists every account (PANEL-1, USERS-4).
        ServerEvent::UserChanged { user_id, role } => {
            user_id.as_deref() == Some(caller.id())
                || *role == Some(caller.p.role)
                || is_supervisor(&caller.p)
        }
    }
}

fn to_sse(ev: &ServerEvent) -> Event {
    Event::default()
        .event(ev.name())
        .data(serde_json::to_string(ev).unwrap_or_else(|_| "{}".into()))
}

pub async fn stream(
    State(state): State<AppState>,
    caller: Caller,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = state.events.subscribe();
    let hello = ServerEvent::Heartbeat {
        at: saga_core::format::now_rfc3339(),
    };
    let first = stream::once(async move { Ok(to_sse(&hello)) });
    let live = BroadcastStream::new(rx).filter_map(move |item| {
        let caller = caller.clone();
        async move {
            match item {
                Ok(ev) if visible_to(&caller, &ev) => Some(Ok(to_sse(&ev))),
                Ok(_) => None,
                // A slow client missed events: tell it to resync by polling.
                Err(_) => Some(Ok(Event::default().event("resync").data("{}"))),
            }
        }
    });
    // A network drop (fault `offline_ms`) ends the stream.
    let mut cuts = state.faults.cuts();
    cuts.mark_unchanged();
    let cut = async move {
        let _ = cuts.changed().await;
    };
    Sse::new(first.chain(live).take_until(cut))
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(10)))
}
