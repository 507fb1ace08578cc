//! The core's state: the API client (which alone holds the token), the
//! signed-in user, the secret store, and what the sync loop needs.

use crate::secret::SecretStore;
use saga_core::client::ApiClient;
use saga_core::events::{AppEvent, APP_EVENT};
use saga_core::ipc::Backend;
use saga_core::{strings, ApiError, User};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::RwLock;
use tauri::{AppHandle, Emitter};
use tokio::sync::Notify;

pub struct Core {
    /// `Err` when the configured backend is unusable (e.g. plain HTTP to a
    /// remote host): the login screen shows the message.
    pub api: Result<ApiClient, ApiError>,
    pub backend: Backend,
    pub store: Box<dyn SecretStore>,
    pub user: RwLock<Option<User>>,
    pub foreground: AtomicBool,
    /// Counts the person's own status changes, at their start and at their
    /// end: a status the sync loop read while one was under way is stale and
    /// must not flip the toggle back (`sync::fresh_status`).
    pub status_writes: std::sync::atomic::AtomicU64,
    /// Wakes the sync loop (sign-in, foreground, sign-out).
    pub wake: Notify,
    /// Writes not delivered yet (persisted, `queue`; sent by `outbox`).
    pub outbox: crate::queue::OutboxStore,
    /// Wakes the outbox's retrier to try every waiting write now (the
    /// connection came back, someone signed in).
    pub flush: Notify,
    /// Reports this run saved (`export_report`), by the id the UI holds.
    pub exports: std::sync::Mutex<Vec<(String, std::path::PathBuf)>>,
    /// OS notifications: what was raised, the ticket being read, the
    /// preferences (issue 15).
    pub alerts: crate::notifier::Alerts,
    /// The desktop updater (issue 16).
    pub updates: crate::updater::Updates,
    #[cfg(feature = "embedded-devserver")]
    pub embedded: Option<saga_devserver::Running>,
}

impl Core {
    /// Remembers a saved report; returns the id the UI may open it by.
    pub fn remember_export(&self, path: std::path::PathBuf) -> String {
        let id = format!("{:016x}", rand::random::<u64>());
        self.exports
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((id.clone(), path));
        id
    }

    /// The path of a report this run saved.
    pub fn export_path(&self, id: &str) -> Option<std::path::PathBuf> {
        self.exports
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, p)| p.clone())
    }

    pub fn api(&self) -> Result<&ApiClient, ApiError> {
        self.api.as_ref().map_err(Clone::clone)
    }

    pub fn user(&self) -> Option<User> {
        self.user.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn set_user(&self, u: Option<User>) {
        // Log lines take the live token out whatever its shape.
        let token = u
            .as_ref()
            .and_then(|_| self.api().ok().and_then(ApiClient::token));
        crate::logline::set_live_token(token.as_deref());
        *self.user.write().unwrap_or_else(|p| p.into_inner()) = u;
        self.wake.notify_waiters();
        self.flush.notify_one();
    }

    pub fn is_foreground(&self) -> bool {
        self.foreground.load(Ordering::SeqCst)
    }

    /// The signed-in user, or the error every signed-in command answers
    /// without one.
    pub fn require_user(&self) -> Result<User, ApiError> {
        self.user().ok_or_else(|| ApiError::NotSignedIn {
            message: "Silakan masuk terlebih dahulu.".into(),
        })
    }

    /// Keeps the signed-in user's own status current (their toggle, or a
    /// supervisor's change seen by the sync loop).
    pub fn set_own_status(&self, status: saga_core::AgentStatus) {
        if let Some(u) = self
            .user
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .as_mut()
        {
            u.status = status;
        }
    }

    /// Ends the session after a 401 (API-RULE-4): the token is wiped from
    /// memory and secure storage and the UI returns to login, keeping what
    /// the user typed.
    pub fn end_session(&self, app: &AppHandle, message: &str) {
        if let Ok(api) = self.api() {
            api.set_token(None);
        }
        let _ = self.store.clear();
        self.alerts.reset();
        self.set_user(None);
        let _ = app.emit(
            APP_EVENT,
            AppEvent::SessionExpired {
                message: message.to_string(),
            },
        );
    }

    /// Passes a result through, ending the session on a 401.
    pub fn check<T>(&self, app: &AppHandle, r: Result<T, ApiError>) -> Result<T, ApiError> {
        if let Err(ApiError::Unauthorized { message }) = &r {
            let m = if message.is_empty() {
                strings::SESSION_EXPIRED
            } else {
                message.as_str()
            };
            self.end_session(app, m);
        }
        r
    }
}
