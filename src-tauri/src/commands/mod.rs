//! The commands the webview may call, one file per domain. Each returns
//! `Result<T, ApiError>`, which crosses IPC as `{ kind, message, field? }`.
//! No command returns the token.
//!
//! A command that needs a session takes a [`Signed`] argument: the guard
//! gives it the signed-in user and the API client, answers `not_signed_in`
//! without a session, and ends the session on a 401 ([`Signed::done`]).
//! Permissions are asked of `saga_core::access` through the guard.

pub mod agents;
pub mod analytics;
pub mod app;
pub mod blasts;
pub mod conversation;
pub mod followup;
pub mod notifications;
pub mod office_hours;
pub mod outbox;
pub mod session;
pub mod tickets;
pub mod users;

use crate::state::Core;
use saga_core::access::{self, Ask, Perm, Principal, Scope};
use saga_core::client::ApiClient;
use saga_core::{ApiError, User};
use std::sync::Arc;
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::{AppHandle, Manager};

/// The signed-in caller of a command.
pub struct Signed {
    core: Arc<Core>,
    app: AppHandle,
    api: ApiClient,
    pub user: User,
}

impl Signed {
    /// The guard itself, for a command that is not extracted by Tauri.
    pub fn of(app: &AppHandle) -> Result<Signed, ApiError> {
        let core = app.state::<Arc<Core>>().inner().clone();
        let user = core.require_user()?;
        let api = core.api()?.clone();
        Ok(Signed {
            core,
            app: app.clone(),
            api,
            user,
        })
    }

    pub fn principal(&self) -> Principal {
        Principal::from(&self.user)
    }

    /// The permission's scope, or the refusal of its PERM row.
    pub fn require(&self, perm: Perm) -> Result<Scope, ApiError> {
        access::require(&self.principal(), perm)
    }

    /// `Ok`, or the refusal of the question.
    pub fn ensure(&self, ask: Ask) -> Result<(), ApiError> {
        access::ensure(&self.principal(), ask)
    }

    pub fn api(&self) -> &ApiClient {
        &self.api
    }

    pub fn core(&self) -> &Arc<Core> {
        &self.core
    }

    pub fn app(&self) -> &AppHandle {
        &self.app
    }

    /// Passes the server's answer through; a 401 ends the session.
    pub fn done<T>(&self, r: Result<T, ApiError>) -> Result<T, ApiError> {
        self.core.check(&self.app, r)
    }
}

impl<'de> CommandArg<'de, tauri::Wry> for Signed {
    fn from_command(command: CommandItem<'de, tauri::Wry>) -> Result<Self, InvokeError> {
        let app = command.message.webview().app_handle().clone();
        Signed::of(&app).map_err(InvokeError::from)
    }
}

/// Registers the handlers and records each handler's name, so a test can
/// hold the registration against `saga_core::ipc::Command`, the one list of
/// names the bridge, `build.rs` and the capability use.
macro_rules! app_commands {
    ($($domain:ident :: $command:ident),+ $(,)?) => {
        /// The invoke handler with every command of the app.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($domain::$command),+]
        }

        /// The names `handler` registers.
        pub const REGISTERED: &[&str] = &[$(stringify!($command)),+];
    };
}

app_commands![
    app::app_info,
    app::mark_ready,
    app::set_foreground,
    session::session_restore,
    session::login,
    session::logout,
    agents::set_status,
    agents::set_agent_status,
    agents::agents,
    tickets::inbox,
    tickets::free_list,
    tickets::ticket_detail,
    tickets::self_takeover,
    tickets::assign_ticket,
    tickets::tags,
    tickets::tag_ticket,
    tickets::audit_log,
    tickets::update_crm,
    conversation::ticket_messages,
    conversation::internal_messages,
    conversation::send_reply,
    conversation::send_internal_note,
    conversation::reply_as_saga_team,
    outbox::outbox_list,
    outbox::outbox_retry,
    outbox::outbox_discard,
    followup::recommendations,
    followup::templates,
    followup::send_followup,
    blasts::blasts,
    blasts::blast_status,
    blasts::blast_create,
    blasts::blast_approve,
    blasts::blast_reject,
    users::users,
    users::create_user,
    users::update_user,
    users::role_privileges,
    users::set_role_privileges,
    office_hours::office_hours,
    office_hours::set_office_hours,
    analytics::analytics_division,
    analytics::analytics_agent,
    analytics::export_report,
    analytics::open_export,
    analytics::reveal_export,
    notifications::notifications,
    notifications::notifications_read,
    notifications::set_reading,
    notifications::notification_prefs,
    notifications::set_notification_prefs,
    app::update_status,
    app::update_check,
    app::update_restart,
];

/// A required text field left blank is refused before anything is sent.
pub(crate) fn not_blank(text: &str, field: &str, message: &str) -> Result<(), ApiError> {
    if text.trim().is_empty() {
        return Err(ApiError::Validation {
            code: "required".into(),
            message: message.into(),
            field: Some(field.into()),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use saga_core::ipc::Command;
    use std::collections::BTreeSet;

    /// The handlers registered are exactly the commands the bridge can
    /// name: a name misspelt in `saga_core::ipc` (or a handler missing or
    /// extra) fails here, a misspelt variant in the bridge fails to compile.
    #[test]
    fn registered_handlers_are_the_command_list() {
        let registered: BTreeSet<&str> = super::REGISTERED.iter().copied().collect();
        let listed: BTreeSet<&str> = Command::NAMES.iter().copied().collect();
        assert_eq!(
            registered.len(),
            super::REGISTERED.len(),
            "registered twice"
        );
        let missing: Vec<_> = listed.difference(&registered).collect();
        let extra: Vec<_> = registered.difference(&listed).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "listed in saga_core::ipc but not registered: {missing:?}; registered but not listed: {extra:?}"
        );
    }

    /// The capability grants exactly the listed commands (build.rs writes
    /// the permission set from the same list).
    #[test]
    fn the_capability_grants_exactly_the_listed_commands() {
        let set = include_str!("../../permissions/app.toml");
        let granted: BTreeSet<String> = set
            .lines()
            .filter_map(|l| l.trim().strip_prefix("\"allow-"))
            .map(|l| l.trim_end_matches(['"', ',']).replace('-', "_"))
            .collect();
        let listed: BTreeSet<String> = Command::NAMES.iter().map(|s| s.to_string()).collect();
        assert_eq!(granted, listed);
        // Issue 17 item 7: the main window may listen to the core's events
        // and call the app's own commands, and nothing else: no plugin's JS
        // command (dialog, opener, notifications, updater, secure storage:
        // all driven from Rust) on any platform.
        let cap: serde_json::Value =
            serde_json::from_str(include_str!("../../capabilities/main.json")).unwrap();
        assert_eq!(cap["windows"], serde_json::json!(["main"]));
        assert_eq!(
            cap["permissions"],
            serde_json::json!([
                "core:event:allow-listen",
                "core:event:allow-unlisten",
                "allow-app-commands"
            ])
        );
        assert!(
            cap.get("platforms").is_none(),
            "one capability for every platform"
        );
        let others: Vec<_> =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities"))
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect();
        assert_eq!(others, ["main.json"], "no other capability");
    }
}
