//! The app itself: what it says about itself, start-up timing, foreground.

use crate::state::Core;
use saga_core::ipc::AppInfo;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tauri::State;

#[tauri::command]
pub fn app_info(core: State<'_, Arc<Core>>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        backend: core.backend.clone(),
        config_error: core.api.as_ref().err().map(|e| e.message().to_string()),
        secret_store: core.store.kind().into(),
        session_persistent: core.store.persistent(),
        startup_ms: crate::startup::ready_ms(),
    }
}

/// The UI shows its first interactive screen: records the cold start time.
#[tauri::command]
pub fn mark_ready() {
    crate::startup::ready();
}

/// The UI reports visibility changes; the sync loop pauses in the background.
#[tauri::command]
pub fn set_foreground(core: State<'_, Arc<Core>>, foreground: bool) {
    core.foreground.store(foreground, Ordering::SeqCst);
    core.wake.notify_waiters();
}
