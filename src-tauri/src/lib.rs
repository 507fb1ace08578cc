//! Saga Desk's Tauri shell. The token lives here (see `secret`), the sync
//! loop runs here (see `sync`), and the webview reaches the API only through
//! the commands in `commands`.

pub mod commands;
pub mod config;
pub mod logline;
pub mod notifier;
pub mod outbox;
pub mod queue;
pub mod rendering;
pub mod secret;
pub mod startup;
pub mod state;
pub mod sync;
pub mod updater;

use state::Core;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, RwLock};
use tauri::Manager;

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    startup::started();
    // Crash messages are redacted like every log line (issue 17 item 7).
    logline::install_crash_hook();
    // Before any thread starts and before WebKit reads its environment.
    #[cfg(target_os = "linux")]
    let painting = rendering::apply().as_str();
    #[cfg(not(target_os = "linux"))]
    let painting = "platform";
    let core = Arc::new(build_core());
    crate::say!(
        "backend {} at {} (secret store: {}, painting: {painting})",
        core.backend.kind.as_str(),
        core.backend.api_url,
        core.store.kind()
    );
    let builder = tauri::Builder::default();
    // The Android Keystore behind the session store (secret::KeystoreStore).
    #[cfg(target_os = "android")]
    let builder = builder.plugin(tauri_plugin_secure_storage::init());
    // Saving and opening reports (export_report): their Rust APIs only; no
    // JS command of theirs is granted to the webview.
    #[cfg(desktop)]
    let builder = builder.plugin(tauri_plugin_dialog::init());
    let builder = builder.plugin(tauri_plugin_opener::init());
    // OS notifications, raised from Rust (notifier.rs); no JS command of
    // the plugin is granted to the webview.
    #[cfg(desktop)]
    let builder = builder.plugin(tauri_plugin_notification::init());
    #[cfg(mobile)]
    let builder = builder.plugin(tauri_plugin_notifications::init());
    // Signed updates, driven from Rust (updater.rs); no JS command granted.
    #[cfg(desktop)]
    let builder = builder.plugin(tauri_plugin_updater::Builder::new().build());
    builder
        .manage(core)
        .invoke_handler(commands::handler())
        .setup(|app| {
            app.state::<Arc<Core>>().store.attach(app.handle());
            app.state::<Arc<Core>>().alerts.notifier.setup(app.handle());
            if let Ok(dir) = app.path().app_data_dir() {
                app.state::<Arc<Core>>()
                    .outbox
                    .open(dir.join("outbox.json"));
            }
            outbox::spawn_retrier(app.handle().clone());
            sync::spawn(app.handle().clone());
            updater::spawn(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            // Pause background work while the window is hidden or minimised.
            if let tauri::WindowEvent::Focused(_) = event {
                let core = window.state::<Arc<Core>>();
                core.wake.notify_waiters();
            }
        })
        .build(tauri::generate_context!())
        .expect("error while building Saga Desk")
        .run(|app, event| {
            // A version downloaded while the agent worked goes in as the
            // app quits (never in the middle of their work).
            if let tauri::RunEvent::Exit = event {
                match updater::install_staged(app) {
                    Ok(true) => crate::say!("the new version is installed"),
                    Ok(false) => {}
                    Err(e) => crate::say!("update not installed: {e}"),
                }
            }
        });
}

fn build_core() -> Core {
    let resolved = config::resolve();
    Core {
        api: resolved.api,
        backend: resolved.backend,
        store: secret::platform_store("id.sagaprima.desk"),
        user: RwLock::new(None),
        foreground: AtomicBool::new(true),
        status_writes: Default::default(),
        wake: Default::default(),
        flush: Default::default(),
        outbox: Default::default(),
        exports: Default::default(),
        alerts: notifier::Alerts::new(notifier::platform()),
        updates: Default::default(),
        #[cfg(feature = "embedded-devserver")]
        embedded: resolved.embedded,
    }
}
