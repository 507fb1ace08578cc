//! The user's writes not delivered yet (replies, notes, follow-ups, CRM
//! saves).

use super::call;
use saga_core::ipc::Command;
use saga_core::outbox::Pending;
use saga_core::ApiError;
use serde::Serialize;

#[derive(Serialize)]
struct ListArgs<'a> {
    id: Option<&'a str>,
}

/// The user's waiting writes on a ticket (or all of them with `None`).
pub async fn outbox_list(id: Option<&str>) -> Result<Vec<Pending>, ApiError> {
    call(Command::OutboxList, &ListArgs { id }).await
}

#[derive(Serialize)]
struct KeyArgs<'a> {
    key: &'a str,
}

/// 'Coba lagi': same content, same idempotency key. `None` when it was
/// delivered now; the write as it still waits otherwise.
pub async fn outbox_retry(key: &str) -> Result<Option<Pending>, ApiError> {
    call(Command::OutboxRetry, &KeyArgs { key }).await
}

pub async fn outbox_discard(key: &str) -> Result<(), ApiError> {
    call(Command::OutboxDiscard, &KeyArgs { key }).await
}
