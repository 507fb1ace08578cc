//! The Follow-Up Center: the day's leads, templates, the single follow-up.

use super::{call, NoArgs};
use saga_core::ipc::Command;
use saga_core::outbox::SendOutcome;
use saga_core::{ApiError, Recommendations, TemplateList};
use serde::Serialize;

#[derive(Serialize)]
struct DivisionArgs<'a> {
    division: Option<&'a str>,
}

/// API-21. `division` for SA/TL (`all` or one).
pub async fn recommendations(division: Option<&str>) -> Result<Recommendations, ApiError> {
    call(Command::Recommendations, &DivisionArgs { division }).await
}

pub async fn templates() -> Result<TemplateList, ApiError> {
    call(Command::Templates, &NoArgs {}).await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FollowupArgs<'a> {
    id: &'a str,
    template_id: Option<&'a str>,
    message: &'a str,
}

/// 'Kirim Follow-Up': `message` with its placeholders (the server fills them
/// as the preview did). Through the outbox: `Queued` when it waits.
pub async fn send_followup(
    id: &str,
    template_id: Option<&str>,
    message: &str,
) -> Result<SendOutcome, ApiError> {
    let args = FollowupArgs {
        id,
        template_id,
        message,
    };
    call(Command::SendFollowup, &args).await
}
