//! Saga Desk's Tauri shell. The token lives here (see `secret`), the sync
//! loop runs here (see `sync`), and the webview reaches the API only through
//! the commands in `commands`.

pub mod commands;
pub mod config;
pub mod outbox;
pub mod rendering;
pub mod secret;
pub mod state;
pub mod sync;

use state::Core;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, RwLock};
use tauri::Manager;

/// When the process started, and how long until the UI's first interactive
/// screen (`commands::mark_ready`).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
pub static READY_MS: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    STARTED.get_or_init(std::time::Instant::now);
    // Before any thread starts and before WebKit reads its environment.
    #[cfg(target_os = "linux")]
    let painting = rendering::apply().as_str();
    #[cfg(not(target_os = "linux"))]
    let painting = "platform";
    let core = Arc::new(build_core());
    eprintln!(
        "saga-app: backend {} at {} (secret store: {}, painting: {painting})",
        core.backend.kind,
        core.backend.api_url,
        core.store.kind()
    );
    let builder = tauri::Builder::default();
    // The Android Keystore behind the session store (secret::KeystoreStore).
    #[cfg(target_os = "android")]
    let builder = builder.plugin(tauri_plugin_secure_storage::init());
    builder
        .manage(core)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::session_restore,
            commands::login,
            commands::logout,
            commands::set_status,
            commands::set_agent_status,
            commands::agents,
            commands::inbox,
            commands::free_list,
            commands::set_foreground,
            commands::ticket_detail,
            commands::ticket_messages,
            commands::internal_messages,
            commands::self_takeover,
            commands::send_reply,
            commands::send_internal_note,
            commands::reply_as_saga_team,
            commands::assign_ticket,
            commands::tags,
            commands::update_crm,
            commands::tag_ticket,
            commands::audit_log,
            commands::outbox_list,
            commands::outbox_retry,
            commands::outbox_discard,
            commands::mark_ready,
        ])
        .setup(|app| {
            app.state::<Arc<Core>>().store.attach(app.handle());
            if let Ok(dir) = app.path().app_data_dir() {
                app.state::<Arc<Core>>()
                    .outbox
                    .open(dir.join("outbox.json"));
            }
            outbox::spawn_retrier(app.handle().clone());
            sync::spawn(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            // Pause background work while the window is hidden or minimised.
            if let tauri::WindowEvent::Focused(_) = event {
                let core = window.state::<Arc<Core>>();
                core.wake.notify_waiters();
            }
        })
        .run(tauri::generate_context!())
        .expect("error while running Saga Desk");
}

fn build_core() -> Core {
    let resolved = config::resolve();
    Core {
        api: resolved.api,
        backend: resolved.backend,
        store: secret::platform_store("id.sagaprima.desk"),
        user: RwLock::new(None),
        foreground: AtomicBool::new(true),
        wake: Default::default(),
        outbox: Default::default(),
        #[cfg(feature = "embedded-devserver")]
        embedded: resolved.embedded,
    }
}
