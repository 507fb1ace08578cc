//! Blasts (BLAST-1..7). No command here sends a blast's messages: a blast
//! is created waiting for approval, and only the server sends it, after a
//! Super Admin or Team Lead approved it (CRIT-5).

use super::{not_blank, Signed};
use saga_core::access::Perm;
use saga_core::{ApiError, Blast, BlastCreateRequest, BlastList};

/// The blasts the user may see (SA/TL every one, agents their own).
#[tauri::command]
pub async fn blasts(s: Signed) -> Result<BlastList, ApiError> {
    s.require(Perm::SubmitBlast)?;
    s.done(s.api().blasts().await)
}

/// API-25: one blast with its recipients, progress and response rates.
#[tauri::command]
pub async fn blast_status(s: Signed, id: String) -> Result<Blast, ApiError> {
    s.require(Perm::SubmitBlast)?;
    s.done(s.api().blast_status(&id).await)
}

/// API-22 (PERM-9): 'Menunggu Persetujuan' until a supervisor decides.
#[tauri::command]
pub async fn blast_create(
    s: Signed,
    recipients: Vec<String>,
    template_id: Option<String>,
    message: String,
) -> Result<Blast, ApiError> {
    s.require(Perm::SubmitBlast)?;
    if recipients.is_empty() {
        return Err(ApiError::Validation {
            code: "required".into(),
            message: "Pilih minimal satu penerima.".into(),
            field: Some("recipients".into()),
        });
    }
    not_blank(&message, "message", "Pesan blast tidak boleh kosong.")?;
    let req = BlastCreateRequest {
        recipients,
        template_id,
        message,
    };
    s.done(s.api().blast_create(&req).await)
}

/// API-23 (PERM-10): the approval itself; the server starts sending.
#[tauri::command]
pub async fn blast_approve(s: Signed, id: String) -> Result<Blast, ApiError> {
    s.require(Perm::ApproveBlast)?;
    s.done(s.api().blast_approve(&id).await)
}

/// API-24 (PERM-10): 'Tolak' with a required reason.
#[tauri::command]
pub async fn blast_reject(s: Signed, id: String, reason: String) -> Result<Blast, ApiError> {
    s.require(Perm::ApproveBlast)?;
    not_blank(&reason, "reason", "Tulis alasan penolakan.")?;
    s.done(s.api().blast_reject(&id, reason.trim()).await)
}
