// The app's commands get generated `allow-<command>` permissions; the main
// window's capability grants exactly these (see capabilities/main.json and
// permissions/app.toml). Keep this list in step with `commands::ALL`.
const COMMANDS: &[&str] = &[
    "app_info",
    "session_restore",
    "login",
    "logout",
    "set_status",
    "set_agent_status",
    "agents",
    "inbox",
    "free_list",
    "set_foreground",
    "ticket_detail",
    "ticket_messages",
    "internal_messages",
    "self_takeover",
    "send_reply",
    "send_internal_note",
    "reply_as_saga_team",
    "assign_ticket",
    "tags",
    "update_crm",
    "tag_ticket",
    "audit_log",
    "outbox_list",
    "outbox_retry",
    "outbox_discard",
    "mark_ready",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
