//! The notification centre (issue 15): the feed, marking read, the ticket
//! being read (no OS notification for it), and the preferences, stored per
//! user on the device.

use super::Signed;
use saga_core::model::NotificationList;
use saga_core::notify::Preferences;
use saga_core::ApiError;
use tauri::Manager;

/// The feed, newest first (the centre holds up to 1,000).
#[tauri::command]
pub async fn notifications(s: Signed, limit: Option<u32>) -> Result<NotificationList, ApiError> {
    let limit = limit.unwrap_or(200).clamp(1, 1000);
    s.done(s.api().notifications_limit(limit).await)
}

/// Marks the ids read, or all of them when the list is empty.
#[tauri::command]
pub async fn notifications_read(s: Signed, ids: Vec<String>) -> Result<(), ApiError> {
    s.done(s.api().notifications_read(&ids).await).map(|_| ())
}

/// The ticket on screen now (`None` when none is): its notifications go to
/// the centre without interrupting.
#[tauri::command]
pub async fn set_reading(s: Signed, ticket_id: Option<String>) -> Result<(), ApiError> {
    s.core().alerts.set_reading(ticket_id);
    Ok(())
}

fn prefs_path(s: &Signed) -> Option<std::path::PathBuf> {
    let dir = s.app().path().app_data_dir().ok()?;
    let safe: String = s
        .user
        .id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    Some(dir.join(format!("notifications-{safe}.json")))
}

/// Reads this user's preferences from the device into the core.
pub fn load_prefs(s: &Signed) -> Preferences {
    let p = prefs_path(s)
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    s.core().alerts.set_prefs(Preferences::clone(&p));
    p
}

#[tauri::command]
pub async fn notification_prefs(s: Signed) -> Result<Preferences, ApiError> {
    Ok(load_prefs(&s))
}

/// Saves this user's preferences on the device; they apply at once.
#[tauri::command]
pub async fn set_notification_prefs(
    s: Signed,
    prefs: Preferences,
) -> Result<Preferences, ApiError> {
    let mut prefs = prefs;
    // Mentions and assignments stay on (the taxonomy's rule).
    prefs.off.retain(|k| !k.always_on());
    if let Some(path) = prefs_path(&s) {
        let bytes = serde_json::to_vec_pretty(&prefs).map_err(|e| ApiError::Config {
            message: e.to_string(),
        })?;
        if let Some(d) = path.parent() {
            let _ = std::fs::create_dir_all(d);
        }
        let tmp = path.with_extension("json.tmp");
        std::fs::write(&tmp, &bytes)
            .and_then(|_| std::fs::rename(&tmp, &path))
            .map_err(|e| ApiError::Config {
                message: format!("Preferensi notifikasi tidak tersimpan: {e}"),
            })?;
    }
    s.core().alerts.set_prefs(prefs.clone());
    Ok(prefs)
}
