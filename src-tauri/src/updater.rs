//! Desktop updates that never interrupt an agent (issue 16, DOCS-4;
//! docs/updating.md).
//!
//! The app checks in the background (a few seconds after start, then every
//! six hours, or when the person asks), downloads a newer version and
//! verifies its signature against the public key in `tauri.conf.json`
//! (`plugins.updater.pubkey`; the private key only signs in CI). A version
//! that is not newer is not an update, so a downgrade is never offered. The
//! verified package is kept in memory and installed only:
//! - when the person chooses 'Mulai ulang sekarang', which the core refuses
//!   while the signed-in agent is Online (their chats, their composer), or
//! - when the app quits.
//!
//! Drafts live in the webview's storage and unsent replies in the outbox
//! file, so both are there again after the restart.
//!
//! Configuration: `SAGA_UPDATE_URL` (the manifest, `{{target}}`,
//! `{{arch}}` and `{{current_version}}` are filled in), read at run time
//! or baked in at build time by the release workflow; release builds
//! accept only HTTPS. Debug builds also read `SAGA_UPDATE_PUBKEY`, so the
//! end-to-end test can sign with a key of its own. Phones update through
//! their stores: the state is always `Unavailable` there.

use crate::state::Core;
use saga_core::events::{AppEvent, APP_EVENT};
use saga_core::ipc::{UpdatePhase, UpdateState};
use saga_core::{AgentStatus, ApiError};
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Emitter, Manager};
use tokio::sync::Notify;

/// Refused: the agent is Online.
pub const WAIT_OFFLINE: &str =
    "Pembaruan dipasang setelah Anda Offline, agar tidak ada percakapan yang terputus.";
/// Nothing downloaded to install.
pub const NOTHING_READY: &str = "Belum ada versi baru yang siap dipasang.";
/// A bare binary (development build, tests): a package manager installed
/// nothing the updater could replace.
pub const NOT_INSTALLABLE: &str =
    "Salinan ini tidak dipasang dari paket, jadi tidak bisa memperbarui dirinya sendiri. \
     Pasang versi baru dari paketnya.";
const BAD_SIGNATURE: &str =
    "Pembaruan ditolak: tanda tangannya tidak cocok dengan kunci Saga Desk. \
     Versi yang terpasang tetap dipakai.";
const NO_URL: &str = "Alamat pembaruan belum diatur (SAGA_UPDATE_URL).";
const NO_KEY: &str = "Kunci publik pembaruan belum diatur (plugins.updater.pubkey).";
const PHONE: &str = "Aplikasi ponsel diperbarui lewat App Store dan Google Play.";

/// How long between background checks.
const EVERY: std::time::Duration = std::time::Duration::from_secs(6 * 60 * 60);
/// The first check waits for start-up to settle (cold start budget).
const FIRST: std::time::Duration = std::time::Duration::from_secs(3);

/// The updater's state, shared by the background task and the commands.
pub struct Updates {
    state: Mutex<UpdateState>,
    #[cfg(desktop)]
    staged: Mutex<Option<(tauri_plugin_updater::Update, Vec<u8>)>>,
    /// 'Periksa pembaruan'.
    pub check_now: Notify,
}

impl Default for Updates {
    fn default() -> Self {
        Updates {
            state: Mutex::new(UpdateState {
                current: env!("CARGO_PKG_VERSION").into(),
                ..Default::default()
            }),
            #[cfg(desktop)]
            staged: Mutex::new(None),
            check_now: Notify::new(),
        }
    }
}

impl Updates {
    pub fn state(&self) -> UpdateState {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Moves the state on and tells the UI.
    fn set(&self, app: &AppHandle, f: impl FnOnce(&mut UpdateState)) {
        let now = {
            let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut s);
            s.clone()
        };
        let _ = app.emit(APP_EVENT, AppEvent::Update { update: now });
    }

    fn phase(&self, app: &AppHandle, phase: UpdatePhase, message: Option<&str>) {
        self.set(app, |s| {
            s.phase = phase;
            s.message = message.map(str::to_string);
        });
    }
}

/// The manifest's address: at run time, else baked in by the build.
fn update_url() -> Option<String> {
    std::env::var("SAGA_UPDATE_URL")
        .ok()
        .or_else(|| option_env!("SAGA_UPDATE_URL").map(str::to_string))
        .filter(|u| !u.trim().is_empty())
}

/// Whether the signed-in person may restart into a new version now.
pub fn may_install(core: &Core) -> Result<(), ApiError> {
    match core.user() {
        Some(u) if u.status == AgentStatus::Online => Err(ApiError::Conflict {
            code: "update_wait_offline".into(),
            message: WAIT_OFFLINE.into(),
        }),
        _ => Ok(()),
    }
}

/// Starts the background checks (desktop); phones say why there are none.
pub fn spawn(app: AppHandle) {
    let core = app.state::<Arc<Core>>().inner().clone();
    if cfg!(mobile) {
        core.updates
            .phase(&app, UpdatePhase::Unavailable, Some(PHONE));
        return;
    }
    #[cfg(desktop)]
    desktop::spawn(app, core);
}

/// Installs the staged version (the person chose to restart, or the app
/// quits). `Ok(false)`: nothing to install.
pub fn install_staged(app: &AppHandle) -> Result<bool, ApiError> {
    #[cfg(desktop)]
    return desktop::install(app);
    #[cfg(mobile)]
    {
        let _ = app;
        Ok(false)
    }
}

#[cfg(desktop)]
mod desktop {
    use super::*;
    use tauri_plugin_updater::{Error as UpErr, UpdaterExt};

    pub fn spawn(app: AppHandle, core: Arc<Core>) {
        let Some(url) = update_url() else {
            core.updates
                .phase(&app, UpdatePhase::Unavailable, Some(NO_URL));
            return;
        };
        tauri::async_runtime::spawn(async move {
            tokio::select! {
                _ = tokio::time::sleep(FIRST) => {}
                _ = core.updates.check_now.notified() => {}
            }
            loop {
                check_once(&app, &core, &url).await;
                tokio::select! {
                    _ = tokio::time::sleep(EVERY) => {}
                    _ = core.updates.check_now.notified() => {}
                }
            }
        });
    }

    fn builder(app: &AppHandle, url: &str) -> Result<tauri_plugin_updater::Updater, String> {
        let endpoint = url.parse().map_err(|e| format!("SAGA_UPDATE_URL: {e}"))?;
        let mut b = app
            .updater_builder()
            .endpoints(vec![endpoint])
            .map_err(|e| e.to_string())?
            .timeout(std::time::Duration::from_secs(60));
        // The end-to-end test's own key; release builds trust the config's.
        if cfg!(debug_assertions) {
            if let Ok(k) = std::env::var("SAGA_UPDATE_PUBKEY") {
                b = b.pubkey(k);
            }
        }
        b.build().map_err(|e| e.to_string())
    }

    async fn check_once(app: &AppHandle, core: &Arc<Core>, url: &str) {
        let u = &core.updates;
        if u.state().phase == UpdatePhase::Ready {
            return;
        }
        let configured = app
            .config()
            .plugins
            .0
            .get("updater")
            .and_then(|c| c.get("pubkey"))
            .and_then(|k| k.as_str())
            .is_some_and(|k| !k.trim().is_empty());
        let test_key = cfg!(debug_assertions) && std::env::var("SAGA_UPDATE_PUBKEY").is_ok();
        if !(configured || test_key) {
            u.phase(app, UpdatePhase::Unavailable, Some(NO_KEY));
            return;
        }
        u.phase(app, UpdatePhase::Checking, None);
        let updater = match builder(app, url) {
            Ok(x) => x,
            Err(e) => return u.phase(app, UpdatePhase::Failed, Some(&e)),
        };
        let update = match updater.check().await {
            Ok(Some(up)) => up,
            Ok(None) => return u.phase(app, UpdatePhase::UpToDate, None),
            Err(e) => return u.phase(app, UpdatePhase::Failed, Some(&say(&e))),
        };
        u.set(app, |s| {
            s.phase = UpdatePhase::Downloading;
            s.version = Some(update.version.clone());
            s.notes = update.body.clone();
            s.received = 0;
            s.total = None;
            s.message = None;
        });
        let mut last = std::time::Instant::now();
        let mut received = 0u64;
        let got = update
            .download(
                |n, total| {
                    received += n as u64;
                    // A progress event at most ten times a second.
                    if last.elapsed().as_millis() >= 100 {
                        last = std::time::Instant::now();
                        let r = received;
                        u.set(app, |s| {
                            s.received = r;
                            s.total = total;
                        });
                    }
                },
                || {},
            )
            .await;
        match got {
            Ok(bytes) => {
                let n = bytes.len() as u64;
                *u.staged.lock().unwrap_or_else(|p| p.into_inner()) = Some((update, bytes));
                u.set(app, |s| {
                    s.phase = UpdatePhase::Ready;
                    s.received = n;
                    s.total = Some(n);
                    s.message = None;
                    s.installable = tauri::utils::platform::bundle_type().is_some();
                });
            }
            Err(e) => u.phase(app, UpdatePhase::Failed, Some(&say(&e))),
        }
    }

    /// The person's words for what went wrong.
    fn say(e: &UpErr) -> String {
        match e {
            UpErr::Minisign(_)
            | UpErr::Base64(_)
            | UpErr::SignatureUtf8(_)
            | UpErr::SignedVersionMismatch { .. }
            | UpErr::MissingSignedVersion => BAD_SIGNATURE.into(),
            UpErr::TargetNotFound(_) | UpErr::TargetsNotFound(_) => {
                "Belum ada versi baru untuk sistem ini.".into()
            }
            other => format!("Tidak bisa memeriksa pembaruan ({other}). Dicoba lagi nanti."),
        }
    }

    pub fn install(app: &AppHandle) -> Result<bool, ApiError> {
        let core = app.state::<Arc<Core>>().inner().clone();
        let staged = core
            .updates
            .staged
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        let Some((update, bytes)) = staged else {
            return Ok(false);
        };
        if tauri::utils::platform::bundle_type().is_none() {
            *core
                .updates
                .staged
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = Some((update, bytes));
            return Err(ApiError::Conflict {
                code: "update_not_installable".into(),
                message: NOT_INSTALLABLE.into(),
            });
        }
        // Unsent replies are on disk already (queue.rs writes every change).
        update.install(&bytes).map_err(|e| ApiError::Network {
            message: format!("Pembaruan gagal dipasang: {e}"),
        })?;
        Ok(true)
    }
}
