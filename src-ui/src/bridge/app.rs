//! The app itself: what it says about itself, start-up timing, foreground.

use super::{call, NoArgs};
use saga_core::ipc::{AppInfo, Command, UpdateState};
use saga_core::ApiError;
use serde::Serialize;

pub async fn app_info() -> Result<AppInfo, ApiError> {
    call(Command::AppInfo, &NoArgs {}).await
}

/// Tells the core the first interactive screen is on; it records the cold
/// start time (shown in `app_info`).
pub async fn mark_ready() {
    let _: Result<(), ApiError> = call(Command::MarkReady, &NoArgs {}).await;
}

#[derive(Serialize)]
struct FgArgs {
    foreground: bool,
}

/// The window went to the foreground or the background (the sync loop
/// pauses in the background).
pub async fn set_foreground(foreground: bool) {
    let _: Result<(), ApiError> = call(Command::SetForeground, &FgArgs { foreground }).await;
}

/// Where the desktop updater is (then the `update` event follows it).
pub async fn update_status() -> Result<UpdateState, ApiError> {
    call(Command::UpdateStatus, &NoArgs {}).await
}

/// 'Periksa pembaruan'.
pub async fn update_check() -> Result<UpdateState, ApiError> {
    call(Command::UpdateCheck, &NoArgs {}).await
}

/// 'Mulai ulang sekarang': the core refuses while the agent is Online.
pub async fn update_restart() -> Result<(), ApiError> {
    call(Command::UpdateRestart, &NoArgs {}).await
}
