//! The Follow-Up Center (PRD 3.6): the day's leads, the templates, and the
//! single follow-up, which needs no approval (FU-SINGLE-4).

use super::{not_blank, Signed};
use crate::outbox;
use saga_core::access::Perm;
use saga_core::outbox::{SendOutcome, Write};
use saga_core::{ApiError, FollowUpSendRequest, Recommendations, TemplateList};

/// API-21 ('Follow-Up Hari Ini'); SA/TL may name a division or `all`.
#[tauri::command]
pub async fn recommendations(
    s: Signed,
    division: Option<String>,
) -> Result<Recommendations, ApiError> {
    s.require(Perm::SingleFollowUp)?;
    s.done(s.api().recommendations(division.as_deref()).await)
}

#[tauri::command]
pub async fn templates(s: Signed) -> Result<TemplateList, ApiError> {
    s.require(Perm::SingleFollowUp)?;
    s.done(s.api().templates().await)
}

/// 'Kirim Follow-Up' (PERM-8): the message as the agent left it, with its
/// placeholders; the server fills them exactly as the preview did and
/// refuses free text outside WhatsApp's 24-hour window. Through the outbox.
#[tauri::command]
pub async fn send_followup(
    s: Signed,
    id: String,
    template_id: Option<String>,
    message: String,
) -> Result<SendOutcome, ApiError> {
    s.require(Perm::SingleFollowUp)?;
    not_blank(&message, "message", "Pesan follow-up tidak boleh kosong.")?;
    let w = Write::FollowUp(FollowUpSendRequest {
        template_id,
        message,
    });
    let o = outbox::write(s.core(), s.app(), &s.user.id, &id, w).await?;
    outbox::narrow(o, saga_core::client::Delivered::into_message)
}
