//! The two layers of a ticket: L1, the conversation with the customer, and
//! L2, internal notes. Each has its own request type and its own commands,
//! so L2 text can never be passed where L1 is sent (SEC-5).

use super::{not_blank, Signed};
use crate::outbox;
use saga_core::access::Perm;
use saga_core::client::Delivered;
use saga_core::outbox::{Outcome, SendOutcome, Write};
use saga_core::{
    ApiError, InternalMessage, InternalMessageList, InternalMessageRequest, MessagePage,
    ReplyRequest,
};

/// The newest messages a ticket opens with: a screenful and then some, so
/// the view paints fast; older ones come a page at a time on request.
const FIRST_MESSAGES: u32 = 30;
const OLDER_PAGE: u32 = 100;

/// API-6: the newest messages, or the page before message `before`.
#[tauri::command]
pub async fn ticket_messages(
    s: Signed,
    id: String,
    before: Option<String>,
) -> Result<MessagePage, ApiError> {
    s.require(Perm::Inbox)?;
    // A page at a time: a 5,000-message history opens as fast as a short one.
    let r = match before {
        Some(b) => s.api().messages_before(&id, &b, OLDER_PAGE).await,
        None => s.api().messages(&id, FIRST_MESSAGES).await,
    };
    s.done(r)
}

/// API-14 (DETAIL-L2-4: the server decides which tickets' notes are read).
#[tauri::command]
pub async fn internal_messages(s: Signed, id: String) -> Result<InternalMessageList, ApiError> {
    s.require(Perm::InternalNotes)?;
    s.done(s.api().internal_messages(&id).await)
}

/// API-7 (L1). Its argument type is `ReplyRequest`: an internal note cannot
/// be passed here (SEC-5).
///
/// The reply goes through the outbox, which gives it its idempotency key: if
/// the server cannot be reached it is kept ('gagal', retried automatically
/// with the same key) and the answer is `Queued`; a refusal (403, 409, 422)
/// is an error and nothing is queued, so the text goes back to the composer.
#[tauri::command]
pub async fn send_reply(
    s: Signed,
    id: String,
    reply: ReplyRequest,
) -> Result<SendOutcome, ApiError> {
    not_blank(&reply.message, "message", "Balasan tidak boleh kosong.")?;
    let w = Write::Reply(reply);
    let o = outbox::write(s.core(), s.app(), &s.user.id, &id, w).await?;
    outbox::narrow(o, Delivered::into_message)
}

/// API-15 (L2). Its argument type is `InternalMessageRequest`, held by the
/// outbox as a `Write::Note`, which can only reach the internal-message
/// endpoint. Through the outbox like a reply.
#[tauri::command]
pub async fn send_internal_note(
    s: Signed,
    id: String,
    note: InternalMessageRequest,
) -> Result<Outcome<InternalMessage>, ApiError> {
    s.require(Perm::InternalNotes)?;
    not_blank(&note.content, "content", "Catatan tidak boleh kosong.")?;
    let o = outbox::write(s.core(), s.app(), &s.user.id, &id, Write::Note(note)).await?;
    outbox::narrow(o, Delivered::into_note)
}

/// API-16: the Super Admin replies on L1 as 'Saga Team' (PERM-7). Takes a
/// `ReplyRequest` like any L1 reply; through the outbox like one.
#[tauri::command]
pub async fn reply_as_saga_team(
    s: Signed,
    id: String,
    reply: ReplyRequest,
) -> Result<SendOutcome, ApiError> {
    s.require(Perm::ReplyAsSagaTeam)?;
    not_blank(&reply.message, "message", "Balasan tidak boleh kosong.")?;
    let w = Write::TeamReply {
        message: reply.message,
    };
    let o = outbox::write(s.core(), s.app(), &s.user.id, &id, w).await?;
    outbox::narrow(o, Delivered::into_message)
}
