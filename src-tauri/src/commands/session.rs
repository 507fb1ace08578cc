//! Signing in and out (API-1, OQ-4) and restoring a stored session.

use super::not_blank;
use crate::state::Core;
use saga_core::{ApiError, User};
use std::sync::Arc;
use tauri::State;

type S<'a> = State<'a, Arc<Core>>;

/// Restores a stored session on start. `None` = show the login screen.
#[tauri::command]
pub async fn session_restore(core: S<'_>) -> Result<Option<User>, ApiError> {
    let api = core.api()?.clone();
    let Ok(Some(token)) = core.store.load() else {
        return Ok(None);
    };
    api.set_token(Some(token));
    match api.me().await {
        Ok(u) => {
            core.set_user(Some(u.clone()));
            Ok(Some(u))
        }
        Err(ApiError::Unauthorized { .. }) => {
            // Expired: wipe it quietly and show the login screen.
            api.set_token(None);
            let _ = core.store.clear();
            Ok(None)
        }
        Err(e) => {
            // Keep the stored token for the next try; say why it failed.
            api.set_token(None);
            Err(e)
        }
    }
}

/// API-1. The user always starts Offline (TOGGLE-2).
#[tauri::command]
pub async fn login(core: S<'_>, email: String, password: String) -> Result<User, ApiError> {
    let api = core.api()?.clone();
    not_blank(&email, "email", "Isi email dan kata sandi.")?;
    not_blank(&password, "password", "Isi email dan kata sandi.")?;
    let user = api.login(&email, &password).await?;
    if let Some(t) = api.token() {
        if let Err(e) = core.store.save(&t) {
            crate::say!("could not persist the session ({e}); it will last until the app closes");
        }
    }
    core.set_user(Some(user.clone()));
    Ok(user)
}

/// Logout (OQ-4): Offline first, then the token is wiped everywhere.
#[tauri::command]
pub async fn logout(core: S<'_>) -> Result<(), ApiError> {
    let api = core.api()?.clone();
    let r = api.logout().await;
    let _ = core.store.clear();
    core.alerts.reset();
    core.set_user(None);
    // A failed logout call still signs out locally.
    match r {
        Ok(()) | Err(ApiError::Unauthorized { .. }) | Err(ApiError::Network { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}
