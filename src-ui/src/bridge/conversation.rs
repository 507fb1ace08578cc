//! The two layers of a ticket. L1 and L2 have different request types and
//! different commands: L2 text cannot be handed to an L1 call (SEC-5).

use super::{call, IdArgs};
use saga_core::ipc::Command;
use saga_core::outbox::{Outcome, SendOutcome};
use saga_core::{
    ApiError, InternalMessage, InternalMessageList, InternalMessageRequest, MessagePage,
    ReplyRequest,
};
use serde::Serialize;

#[derive(Serialize)]
struct MessagesArgs<'a> {
    id: &'a str,
    before: Option<&'a str>,
}

/// The newest page of the L1 thread, or the page before message `before`.
pub async fn ticket_messages(id: &str, before: Option<&str>) -> Result<MessagePage, ApiError> {
    call(Command::TicketMessages, &MessagesArgs { id, before }).await
}

pub async fn internal_messages(id: &str) -> Result<InternalMessageList, ApiError> {
    call(Command::InternalMessages, &IdArgs { id }).await
}

#[derive(Serialize)]
struct ReplyArgs<'a> {
    id: &'a str,
    reply: &'a ReplyRequest,
}

/// L1 only: takes a [`ReplyRequest`]. `Queued` when the reply could not be
/// sent yet and waits in the outbox (which gives it its idempotency key).
pub async fn send_reply(id: &str, reply: &ReplyRequest) -> Result<SendOutcome, ApiError> {
    call(Command::SendReply, &ReplyArgs { id, reply }).await
}

#[derive(Serialize)]
struct NoteArgs<'a> {
    id: &'a str,
    note: &'a InternalMessageRequest,
}

/// L2 only: takes an [`InternalMessageRequest`]. Through the outbox.
pub async fn send_internal_note(
    id: &str,
    note: &InternalMessageRequest,
) -> Result<Outcome<InternalMessage>, ApiError> {
    call(Command::SendInternalNote, &NoteArgs { id, note }).await
}

/// API-16: takes the same [`ReplyRequest`] as an L1 reply. Through the
/// outbox.
pub async fn reply_as_saga_team(id: &str, reply: &ReplyRequest) -> Result<SendOutcome, ApiError> {
    call(Command::ReplyAsSagaTeam, &ReplyArgs { id, reply }).await
}
