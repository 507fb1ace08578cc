//! The notification centre's feed, read state, the ticket being read and
//! the preferences (issue 15).

use super::{call, NoArgs};
use saga_core::ipc::Command;
use saga_core::model::NotificationList;
use saga_core::notify::Preferences;
use saga_core::ApiError;
use serde::Serialize;

#[derive(Serialize)]
struct ListArgs {
    limit: u32,
}

/// The feed, newest first.
pub async fn list(limit: u32) -> Result<NotificationList, ApiError> {
    call(Command::Notifications, &ListArgs { limit }).await
}

#[derive(Serialize)]
struct ReadArgs<'a> {
    ids: &'a [String],
}

/// Marks these read (all of them when empty).
pub async fn read(ids: &[String]) -> Result<(), ApiError> {
    call(Command::NotificationsRead, &ReadArgs { ids }).await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReadingArgs<'a> {
    ticket_id: Option<&'a str>,
}

/// The ticket on screen (its notifications do not interrupt), or none.
pub async fn set_reading(ticket_id: Option<&str>) {
    let _ = call::<_, ()>(Command::SetReading, &ReadingArgs { ticket_id }).await;
}

pub async fn prefs() -> Result<Preferences, ApiError> {
    call(Command::NotificationPrefs, &NoArgs {}).await
}

#[derive(Serialize)]
struct PrefsArgs<'a> {
    prefs: &'a Preferences,
}

pub async fn set_prefs(prefs: &Preferences) -> Result<Preferences, ApiError> {
    call(Command::SetNotificationPrefs, &PrefsArgs { prefs }).await
}
