//! Blasts: submit for approval, list, detail, approve, reject. Nothing here
//! sends a blast's messages; the server does, after approval (CRIT-5).

use super::{call, IdArgs, NoArgs};
use saga_core::ipc::Command;
use saga_core::{ApiError, Blast, BlastList};
use serde::Serialize;

pub async fn blasts() -> Result<BlastList, ApiError> {
    call(Command::Blasts, &NoArgs {}).await
}

/// API-25, with the recipients.
pub async fn blast_status(id: &str) -> Result<Blast, ApiError> {
    call(Command::BlastStatus, &IdArgs { id }).await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateArgs<'a> {
    recipients: &'a [String],
    template_id: Option<&'a str>,
    message: &'a str,
}

/// API-22: 'Menunggu Persetujuan'.
pub async fn blast_create(
    recipients: &[String],
    template_id: Option<&str>,
    message: &str,
) -> Result<Blast, ApiError> {
    let args = CreateArgs {
        recipients,
        template_id,
        message,
    };
    call(Command::BlastCreate, &args).await
}

/// API-23 (SA/TL).
pub async fn blast_approve(id: &str) -> Result<Blast, ApiError> {
    call(Command::BlastApprove, &IdArgs { id }).await
}

#[derive(Serialize)]
struct RejectArgs<'a> {
    id: &'a str,
    reason: &'a str,
}

/// API-24 (SA/TL), with the reason the submitter will read.
pub async fn blast_reject(id: &str, reason: &str) -> Result<Blast, ApiError> {
    call(Command::BlastReject, &RejectArgs { id, reason }).await
}
