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
        outbox_problem: core.outbox.problem(),
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

/// Where the desktop updater is ('Pembaruan aplikasi' in Settings).
#[tauri::command]
pub fn update_status(core: State<'_, Arc<Core>>) -> saga_core::ipc::UpdateState {
    core.updates.state()
}

/// 'Periksa pembaruan': the background task checks now.
#[tauri::command]
pub fn update_check(core: State<'_, Arc<Core>>) -> saga_core::ipc::UpdateState {
    core.updates.check_now.notify_one();
    core.updates.state()
}

/// 'Mulai ulang sekarang': installs the verified version and restarts.
/// Refused while the signed-in agent is Online (DOCS-4: never interrupt
/// an active agent), whatever the UI shows.
#[tauri::command]
pub fn update_restart(
    app: tauri::AppHandle,
    core: State<'_, Arc<Core>>,
) -> Result<(), saga_core::ApiError> {
    crate::updater::may_install(&core)?;
    if crate::updater::install_staged(&app)? {
        app.restart();
    }
    Err(saga_core::ApiError::Conflict {
        code: "update_nothing_ready".into(),
        message: crate::updater::NOTHING_READY.into(),
    })
}
