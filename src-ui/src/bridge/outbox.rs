//! The user's replies not sent yet.

use super::{call, IdArgs};
use saga_core::ipc::Command;
use saga_core::outbox::{OutboxEntry, SendOutcome};
use saga_core::ApiError;
use serde::Serialize;

/// The user's unsent replies on a ticket.
pub async fn outbox_list(id: &str) -> Result<Vec<OutboxEntry>, ApiError> {
    call(Command::OutboxList, &IdArgs { id }).await
}

#[derive(Serialize)]
struct KeyArgs<'a> {
    key: &'a str,
}

/// 'Coba lagi': same text, same idempotency key.
pub async fn outbox_retry(key: &str) -> Result<SendOutcome, ApiError> {
    call(Command::OutboxRetry, &KeyArgs { key }).await
}

pub async fn outbox_discard(key: &str) -> Result<(), ApiError> {
    call(Command::OutboxDiscard, &KeyArgs { key }).await
}
