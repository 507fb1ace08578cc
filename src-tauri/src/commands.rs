//! The commands the webview may call, grouped by domain. Each returns
//! `Result<T, ApiError>`, which crosses IPC as `{ kind, message, field? }`.
//! No command returns the token.

use crate::state::Core;
use saga_core::outbox::{OutboxEntry, SendOutcome};
use saga_core::{
    AgentList, AgentStatus, ApiError, InboxQuery, InternalMessage, InternalMessageList,
    InternalMessageRequest, Message, MessagePage, ReplyRequest, StatusResponse, TicketDetail,
    TicketItem, TicketPage, User,
};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tauri::{AppHandle, State};

type S<'a> = State<'a, Arc<Core>>;

/// Every command; build.rs generates their permissions from the same list.
pub const ALL: &[&str] = include!("command_names.rs");

#[derive(serde::Serialize)]
pub struct AppInfo {
    pub version: &'static str,
    pub backend: crate::state::Backend,
    /// A configuration problem to show on the login screen.
    pub config_error: Option<String>,
    pub secret_store: &'static str,
    pub session_persistent: bool,
    /// Process start → first interactive screen (login or shell), in ms.
    pub startup_ms: Option<u64>,
}

#[tauri::command]
pub fn app_info(core: S<'_>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        backend: core.backend.clone(),
        config_error: core.api.as_ref().err().map(|e| e.message().to_string()),
        secret_store: core.store.kind(),
        session_persistent: core.store.persistent(),
        startup_ms: crate::READY_MS.get().copied(),
    }
}

/// The UI shows its first interactive screen: records the cold start time.
#[tauri::command]
pub fn mark_ready() {
    if let Some(t0) = crate::STARTED.get() {
        let _ = crate::READY_MS.set(t0.elapsed().as_millis() as u64);
    }
}

// ---- session ----

/// Restores a stored session on start. `None` = show the login screen.
#[tauri::command]
pub async fn session_restore(app: AppHandle, core: S<'_>) -> Result<Option<User>, ApiError> {
    let api = core.api()?.clone();
    let Ok(Some(token)) = core.store.load() else {
        return Ok(None);
    };
    api.set_token(Some(token));
    match api.me().await {
        Ok(u) => {
            core.set_user(Some(u.clone()));
            Ok(Some(u))
        }
        Err(ApiError::Unauthorized { .. }) => {
            // Expired: wipe it quietly and show the login screen.
            api.set_token(None);
            let _ = core.store.clear();
            Ok(None)
        }
        Err(e) => {
            // Keep the stored token for the next try; say why it failed.
            api.set_token(None);
            let _ = app;
            Err(e)
        }
    }
}

/// API-1. The user always starts Offline (TOGGLE-2).
#[tauri::command]
pub async fn login(core: S<'_>, email: String, password: String) -> Result<User, ApiError> {
    let api = core.api()?.clone();
    if email.trim().is_empty() || password.is_empty() {
        return Err(ApiError::Validation {
            code: "required".into(),
            message: "Isi email dan kata sandi.".into(),
            field: Some(
                if email.trim().is_empty() {
                    "email"
                } else {
                    "password"
                }
                .into(),
            ),
        });
    }
    let user = api.login(&email, &password).await?;
    if let Some(t) = api.token() {
        if let Err(e) = core.store.save(&t) {
            eprintln!(
                "saga-app: could not persist the session ({e}); it will last until the app closes"
            );
        }
    }
    core.set_user(Some(user.clone()));
    Ok(user)
}

/// Logout (OQ-4): Offline first, then the token is wiped everywhere.
#[tauri::command]
pub async fn logout(core: S<'_>) -> Result<(), ApiError> {
    let api = core.api()?.clone();
    let r = api.logout().await;
    let _ = core.store.clear();
    core.set_user(None);
    // A failed logout call still signs out locally.
    match r {
        Ok(()) | Err(ApiError::Unauthorized { .. }) | Err(ApiError::Network { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}

// ---- status ----

/// TOGGLE-3: the caller's own status (API-2).
#[tauri::command]
pub async fn set_status(
    app: AppHandle,
    core: S<'_>,
    status: AgentStatus,
) -> Result<StatusResponse, ApiError> {
    core.require_user()?;
    let api = core.api()?.clone();
    let r = core.check(&app, api.set_status(status, None).await)?;
    if let Some(u) = core
        .user
        .write()
        .unwrap_or_else(|p| p.into_inner())
        .as_mut()
    {
        u.status = r.status;
    }
    Ok(r)
}

/// PERM-3 / OQ-8: a supervisor sets another agent's status.
#[tauri::command]
pub async fn set_agent_status(
    app: AppHandle,
    core: S<'_>,
    agent_id: String,
    status: AgentStatus,
) -> Result<StatusResponse, ApiError> {
    let u = core.require_user()?;
    if !saga_core::access::can(&(&u).into(), saga_core::Perm::ToggleOthers) {
        return Err(ApiError::Forbidden {
            message: "Anda tidak dapat mengubah status agent lain.".into(),
        });
    }
    let api = core.api()?.clone();
    core.check(&app, api.set_status(status, Some(&agent_id)).await)
}

/// API-3 (PANEL-1).
#[tauri::command]
pub async fn agents(app: AppHandle, core: S<'_>) -> Result<AgentList, ApiError> {
    core.require_user()?;
    let api = core.api()?.clone();
    core.check(&app, api.agents().await)
}

// ---- tickets ----

/// API-4.
#[tauri::command]
pub async fn inbox(app: AppHandle, core: S<'_>, query: InboxQuery) -> Result<TicketPage, ApiError> {
    core.require_user()?;
    let api = core.api()?.clone();
    core.check(&app, api.inbox(&query).await)
}

/// API-5.
#[tauri::command]
pub async fn free_list(
    app: AppHandle,
    core: S<'_>,
    division: Option<String>,
) -> Result<TicketPage, ApiError> {
    core.require_user()?;
    let api = core.api()?.clone();
    core.check(&app, api.free(division.as_deref()).await)
}

/// OQ-15: one ticket with its CRM values.
#[tauri::command]
pub async fn ticket_detail(
    app: AppHandle,
    core: S<'_>,
    id: String,
) -> Result<TicketDetail, ApiError> {
    core.require_user()?;
    let api = core.api()?.clone();
    core.check(&app, api.ticket(&id).await)
}

/// API-6: the newest messages (the thread opens at the newest).
#[tauri::command]
pub async fn ticket_messages(
    app: AppHandle,
    core: S<'_>,
    id: String,
    before: Option<String>,
) -> Result<MessagePage, ApiError> {
    core.require_user()?;
    let api = core.api()?.clone();
    // A page at a time: a 5,000-message history opens as fast as a short one.
    let r = match before {
        Some(b) => api.messages_before(&id, &b, 100).await,
        None => api.messages(&id, FIRST_MESSAGES).await,
    };
    core.check(&app, r)
}

/// The newest messages a ticket opens with: a screenful and then some, so
/// the view paints fast; older ones come a page at a time on request.
const FIRST_MESSAGES: u32 = 30;

/// API-14.
#[tauri::command]
pub async fn internal_messages(
    app: AppHandle,
    core: S<'_>,
    id: String,
) -> Result<InternalMessageList, ApiError> {
    core.require_user()?;
    let api = core.api()?.clone();
    core.check(&app, api.internal_messages(&id).await)
}

/// API-8. A 409 comes back as `conflict` with 'Tiket sudah diambil oleh agent lain'.
#[tauri::command]
pub async fn self_takeover(
    app: AppHandle,
    core: S<'_>,
    id: String,
) -> Result<TicketItem, ApiError> {
    core.require_user()?;
    let api = core.api()?.clone();
    core.check(&app, api.self_takeover(&id).await)
}

/// API-7 (L1). Its argument type is `ReplyRequest`: an internal note cannot
/// be passed here (SEC-5).
///
/// The reply goes through the outbox: if the server cannot be reached it is
/// kept ('gagal', retried automatically with the same idempotency key) and
/// the answer is `Queued`; a refusal (403, 409, 422) is an error and nothing
/// is queued, so the text goes back to the composer.
#[tauri::command]
pub async fn send_reply(
    app: AppHandle,
    core: S<'_>,
    id: String,
    reply: ReplyRequest,
) -> Result<SendOutcome, ApiError> {
    let u = core.require_user()?;
    if reply.message.trim().is_empty() {
        return Err(ApiError::Validation {
            code: "required".into(),
            message: "Balasan tidak boleh kosong.".into(),
            field: Some("message".into()),
        });
    }
    crate::outbox::send(&core, &app, &u.id, &id, &reply).await
}

/// The signed-in user's replies on a ticket that are not sent yet.
#[tauri::command]
pub fn outbox_list(core: S<'_>, id: String) -> Result<Vec<OutboxEntry>, ApiError> {
    let u = core.require_user()?;
    Ok(core.outbox.snapshot().for_ticket(&u.id, &id))
}

/// 'Coba lagi' on a reply that failed: same text, same idempotency key.
#[tauri::command]
pub async fn outbox_retry(
    app: AppHandle,
    core: S<'_>,
    key: String,
) -> Result<SendOutcome, ApiError> {
    let u = core.require_user()?;
    let mine = core
        .outbox
        .snapshot()
        .get(&key)
        .is_some_and(|e| e.user_id == u.id);
    if !mine {
        return Err(ApiError::NotFound {
            message: "Balasan ini sudah tidak ada di antrean.".into(),
        });
    }
    crate::outbox::attempt(&core, &app, &key, crate::outbox::Attempt::Again).await
}

/// Discards a reply that was not sent (the user chose to).
#[tauri::command]
pub fn outbox_discard(core: S<'_>, key: String) -> Result<(), ApiError> {
    let u = core.require_user()?;
    core.outbox.update(|o| {
        if o.get(&key).is_some_and(|e| e.user_id == u.id) {
            o.remove(&key);
        }
    });
    Ok(())
}

/// API-15 (L2). Its argument type is `InternalMessageRequest`; it can only
/// reach the internal-message endpoint.
#[tauri::command]
pub async fn send_internal_note(
    app: AppHandle,
    core: S<'_>,
    id: String,
    note: InternalMessageRequest,
) -> Result<InternalMessage, ApiError> {
    core.require_user()?;
    let api = core.api()?.clone();
    core.check(&app, api.internal_message(&id, &note).await)
}

/// API-16: the Super Admin replies on L1 as 'Saga Team' (PERM-7). Takes a
/// `ReplyRequest` like any L1 reply.
#[tauri::command]
pub async fn reply_as_saga_team(
    app: AppHandle,
    core: S<'_>,
    id: String,
    reply: ReplyRequest,
) -> Result<Message, ApiError> {
    let u = core.require_user()?;
    if !saga_core::access::can(&(&u).into(), saga_core::Perm::ReplyAsSagaTeam) {
        return Err(ApiError::Forbidden {
            message: "Hanya Super Admin yang dapat membalas sebagai Saga Team.".into(),
        });
    }
    let api = core.api()?.clone();
    core.check(&app, api.reply_as_sa(&id, &reply.message).await)
}

/// API-9 / API-10 (PERM-5): assign when nobody handles the ticket, else
/// move it from the current agent (`from_agent`).
#[tauri::command]
pub async fn assign_ticket(
    app: AppHandle,
    core: S<'_>,
    id: String,
    to_agent: String,
    from_agent: Option<String>,
    note: Option<String>,
) -> Result<TicketItem, ApiError> {
    let u = core.require_user()?;
    if !saga_core::access::can(&(&u).into(), saga_core::Perm::AssignReassign) {
        return Err(ApiError::Forbidden {
            message: "Hanya Super Admin dan Team Lead yang dapat meng-assign tiket.".into(),
        });
    }
    let api = core.api()?.clone();
    let note = note.filter(|n| !n.trim().is_empty());
    let r = match from_agent {
        Some(from) => {
            api.reassign(
                &id,
                &saga_core::ReassignRequest {
                    from_agent: from,
                    to_agent,
                    reason: note,
                },
            )
            .await
        }
        None => {
            api.assign(
                &id,
                &saga_core::AssignRequest {
                    assign_to: to_agent,
                    note,
                },
            )
            .await
        }
    };
    core.check(&app, r)
}

/// API-26: all tags (for the tag filter and editor).
#[tauri::command]
pub async fn tags(app: AppHandle, core: S<'_>) -> Result<saga_core::TagList, ApiError> {
    core.require_user()?;
    let api = core.api()?.clone();
    core.check(&app, api.tags().await)
}

/// API-12 (CRM-*, CRIT-6): the form's values are checked with the core's
/// schema before anything is sent, so Lost without a reason never leaves the
/// app; the server's 422 comes back typed with its field.
#[tauri::command]
pub async fn update_crm(
    app: AppHandle,
    core: S<'_>,
    id: String,
    division: saga_core::Division,
    values: serde_json::Map<String, serde_json::Value>,
) -> Result<saga_core::CrmRecord, ApiError> {
    let u = core.require_user()?;
    if !saga_core::access::can_edit_crm(&(&u).into(), division) {
        return Err(ApiError::Forbidden {
            message: "Anda hanya dapat melihat data CRM tiket ini.".into(),
        });
    }
    let update = saga_core::crm::prepare(division, &values).map_err(|errs| {
        let e = &errs[0];
        ApiError::Validation {
            code: e.code.to_string(),
            message: e.message.clone(),
            field: Some(e.field.clone()),
        }
    })?;
    let api = core.api()?.clone();
    core.check(&app, api.update_crm(&id, &update).await)
}

/// API-11: add or remove a tag on a ticket.
#[tauri::command]
pub async fn tag_ticket(
    app: AppHandle,
    core: S<'_>,
    id: String,
    tag: String,
    add: bool,
) -> Result<TicketItem, ApiError> {
    let u = core.require_user()?;
    if u.role == saga_core::Role::Viewer {
        return Err(ApiError::Forbidden {
            message: "Viewer hanya dapat melihat.".into(),
        });
    }
    let tag = tag.trim().to_string();
    if tag.is_empty() {
        return Err(ApiError::Validation {
            code: "required".into(),
            message: "Nama tag tidak boleh kosong.".into(),
            field: Some("tag".into()),
        });
    }
    let req = saga_core::TagRequest {
        action: if add {
            saga_core::TagAction::Add
        } else {
            saga_core::TagAction::Remove
        },
        tag,
    };
    let api = core.api()?.clone();
    core.check(&app, api.tag(&id, &req).await)
}

/// API-13: the ticket's history (SA/TL, OQ-13).
#[tauri::command]
pub async fn audit_log(
    app: AppHandle,
    core: S<'_>,
    id: String,
) -> Result<saga_core::AuditLog, ApiError> {
    let u = core.require_user()?;
    if !matches!(
        u.role,
        saga_core::Role::SuperAdmin | saga_core::Role::TeamLead
    ) {
        return Err(ApiError::Forbidden {
            message: "Riwayat tiket hanya untuk Super Admin dan Team Lead.".into(),
        });
    }
    let api = core.api()?.clone();
    core.check(&app, api.audit_log(&id).await)
}

// ---- app life cycle ----

/// The UI reports visibility changes; the sync loop pauses in the background.
#[tauri::command]
pub fn set_foreground(core: S<'_>, foreground: bool) {
    core.foreground.store(foreground, Ordering::SeqCst);
    core.wake.notify_waiters();
}

#[cfg(test)]
mod tests {
    /// The commands registered, the permissions generated by build.rs and
    /// the set the capability grants must be the same list.
    #[test]
    fn command_lists_agree() {
        let build = include_str!("../build.rs");
        let perms = include_str!("../permissions/app.toml");
        let lib = include_str!("lib.rs");
        assert!(
            build.contains("include!(\"src/command_names.rs\")"),
            "build.rs generates permissions from the shared list"
        );
        for c in super::ALL {
            assert!(
                perms.contains(&format!("\"allow-{}\"", c.replace('_', "-"))),
                "{c} missing in permissions/app.toml"
            );
            assert!(
                lib.contains(&format!("commands::{c},")),
                "{c} not registered in lib.rs"
            );
        }
        assert_eq!(
            lib.matches("            commands::").count(),
            super::ALL.len(),
            "lib.rs registers other commands too"
        );
        assert_eq!(
            perms.matches("  \"allow-").count(),
            super::ALL.len(),
            "the capability set grants other commands too"
        );
    }
}
