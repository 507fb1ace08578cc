//! What crosses IPC between the webview and the app's core besides the
//! contract types: the names of the app's commands, listed once, and the
//! app's own description of itself.
//!
//! The list in [`commands!`] is the only place a command's name is written.
//! The UI's bridge calls [`Command`] variants (a misspelt one does not
//! compile); the app's `build.rs` generates a permission for each name in
//! [`Command::NAMES`] and the capability's permission set from the same list;
//! the app registers its handlers with a macro that records each handler's
//! function name, and a test there checks the two lists are the same.

use serde::{Deserialize, Serialize};

macro_rules! commands {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )+) => {
        /// One command of the app, by domain (see `src-tauri/src/commands/`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $( $(#[$doc])* $variant, )+
        }

        impl Command {
            /// Every command, in the order of this list.
            pub const ALL: &'static [Command] = &[$(Command::$variant),+];
            /// Every command's name, in the same order.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The name Tauri registers the handler under (its function name).
            pub const fn name(self) -> &'static str {
                match self {
                    $( Command::$variant => $name, )+
                }
            }
        }
    };
}

commands! {
    // app
    /// Version, backend and secret store (Settings, login screen).
    AppInfo = "app_info",
    /// The UI's first interactive screen is on (start-up timing).
    MarkReady = "mark_ready",
    /// The window went to the foreground or the background.
    SetForeground = "set_foreground",
    // session
    SessionRestore = "session_restore",
    Login = "login",
    Logout = "logout",
    // agents
    SetStatus = "set_status",
    SetAgentStatus = "set_agent_status",
    Agents = "agents",
    // tickets
    Inbox = "inbox",
    FreeList = "free_list",
    TicketDetail = "ticket_detail",
    SelfTakeover = "self_takeover",
    AssignTicket = "assign_ticket",
    Tags = "tags",
    TagTicket = "tag_ticket",
    AuditLog = "audit_log",
    UpdateCrm = "update_crm",
    // conversation
    TicketMessages = "ticket_messages",
    InternalMessages = "internal_messages",
    SendReply = "send_reply",
    SendInternalNote = "send_internal_note",
    ReplyAsSagaTeam = "reply_as_saga_team",
    // outbox
    OutboxList = "outbox_list",
    OutboxRetry = "outbox_retry",
    OutboxDiscard = "outbox_discard",
    // followup
    Recommendations = "recommendations",
    Templates = "templates",
    SendFollowup = "send_followup",
    // blasts (none of them sends a blast: the server does, after approval)
    Blasts = "blasts",
    BlastStatus = "blast_status",
    BlastCreate = "blast_create",
    BlastApprove = "blast_approve",
    BlastReject = "blast_reject",
    // users (Super Admin)
    Users = "users",
    CreateUser = "create_user",
    UpdateUser = "update_user",
    RolePrivileges = "role_privileges",
    SetRolePrivileges = "set_role_privileges",
    // office hours (Super Admin)
    OfficeHours = "office_hours",
    SetOfficeHours = "set_office_hours",
    // analytics and export (PRD 3.7, 3.10)
    AnalyticsDivision = "analytics_division",
    AnalyticsAgent = "analytics_agent",
    ExportReport = "export_report",
    OpenExport = "open_export",
    RevealExport = "reveal_export",
    // notifications (issue 15)
    Notifications = "notifications",
    NotificationsRead = "notifications_read",
    SetReading = "set_reading",
    NotificationPrefs = "notification_prefs",
    SetNotificationPrefs = "set_notification_prefs",
    // desktop updates (issue 16, DOCS-4)
    /// Where the updater is (also sent as the `update` event).
    UpdateStatus = "update_status",
    /// 'Periksa pembaruan': check now.
    UpdateCheck = "update_check",
    /// 'Mulai ulang sekarang': install the staged version and restart;
    /// refused while the signed-in agent is Online.
    UpdateRestart = "update_restart",
}

/// A report saved by `export_report`: an id that `open_export` and
/// `reveal_export` take (the webview never names a path on disk), the file
/// name, where it went (for the user to read) and its size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportDone {
    pub id: String,
    pub file_name: String,
    pub location: String,
    pub bytes: u64,
}

/// Which backend the app talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackendKind {
    /// The demo server inside the app (no `SAGA_API_URL` configured).
    Embedded,
    /// A configured server.
    Remote,
}

impl BackendKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BackendKind::Embedded => "embedded",
            BackendKind::Remote => "remote",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backend {
    pub kind: BackendKind,
    pub api_url: String,
}

/// What the app says about itself (`app_info`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppInfo {
    pub version: String,
    pub backend: Backend,
    /// A configuration problem to show on the login screen.
    pub config_error: Option<String>,
    /// Where the session token is kept (`stronghold-vault`, `keychain`, ...).
    pub secret_store: String,
    /// Whether a session outlives the app.
    pub session_persistent: bool,
    /// Process start → first interactive screen (login or shell), in ms.
    #[serde(default)]
    pub startup_ms: Option<u64>,
    /// Queued replies that could not be restored at start, and where their
    /// file was kept (issue 17): told to the person once.
    #[serde(default)]
    pub outbox_problem: Option<String>,
}

/// Where the desktop updater is (src-tauri/src/updater.rs). Phones are
/// updated by their stores and always read `Unavailable`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UpdatePhase {
    /// No updater here: a phone, or no update address configured.
    Unavailable,
    /// Not checked yet.
    #[default]
    Idle,
    Checking,
    UpToDate,
    Downloading,
    /// Downloaded and its signature verified: installed when the agent is
    /// Offline and restarts, or when the app quits.
    Ready,
    Failed,
}

impl UpdatePhase {
    /// Its name on the wire (and in `data-phase`).
    pub fn as_str(self) -> &'static str {
        match self {
            UpdatePhase::Unavailable => "unavailable",
            UpdatePhase::Idle => "idle",
            UpdatePhase::Checking => "checking",
            UpdatePhase::UpToDate => "up_to_date",
            UpdatePhase::Downloading => "downloading",
            UpdatePhase::Ready => "ready",
            UpdatePhase::Failed => "failed",
        }
    }
}

/// The updater's state, flat (one shape for every phase).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateState {
    pub phase: UpdatePhase,
    /// The version this app runs.
    pub current: String,
    /// The newer version found (downloading, ready).
    #[serde(default)]
    pub version: Option<String>,
    /// Its release notes, when the manifest has them.
    #[serde(default)]
    pub notes: Option<String>,
    /// Bytes downloaded, of how many when the server says.
    #[serde(default)]
    pub received: u64,
    #[serde(default)]
    pub total: Option<u64>,
    /// Why it is unavailable or failed, for the person to read.
    #[serde(default)]
    pub message: Option<String>,
    /// Whether this copy can install it itself (installed from a bundle:
    /// .deb, .rpm, AppImage, .app, .msi/NSIS), not a bare binary.
    #[serde(default)]
    pub installable: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_and_in_step_with_the_variants() {
        assert_eq!(Command::ALL.len(), Command::NAMES.len());
        for (c, n) in Command::ALL.iter().zip(Command::NAMES) {
            assert_eq!(c.name(), *n);
            assert!(
                n.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "{n} is not a Rust function name in snake case"
            );
        }
        let mut names = Command::NAMES.to_vec();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Command::NAMES.len(), "a name is listed twice");
    }

    #[test]
    fn app_info_reads_what_the_core_writes() {
        let info = AppInfo {
            version: "0.1.0".into(),
            backend: Backend {
                kind: BackendKind::Embedded,
                api_url: "http://127.0.0.1:1".into(),
            },
            config_error: None,
            secret_store: "memory".into(),
            session_persistent: false,
            startup_ms: Some(410),
            outbox_problem: None,
        };
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["backend"]["kind"], "embedded");
        assert_eq!(serde_json::from_value::<AppInfo>(json).unwrap(), info);
    }
}
