//! OS notifications, raised by the core from the sync loop (issue 15). The
//! rules are `saga_core::notify::decide` (once per id, not for the ticket
//! being read, quiet while Offline, preferences); this module keeps their
//! state and hands a decided alert to a [`Notifier`]:
//! - [`SystemNotifier`]: `tauri-plugin-notification` (the desktop's
//!   notification service; Android channels created at start-up);
//! - [`RecordingNotifier`]: the test double, selected by
//!   `SAGA_NOTIFY_LOG=<file>`, which writes one JSON line per notification
//!   the OS would be asked to show.

use saga_core::model::Notification;
#[cfg(mobile)]
use saga_core::notify::NotificationKind;
use saga_core::notify::{decide, Alert, Decision, Preferences, Seen};
use std::sync::Mutex;
use tauri::AppHandle;

/// What the operating system is asked to show.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Shown {
    pub id: String,
    pub kind: &'static str,
    pub layer: &'static str,
    pub channel: &'static str,
    pub sound: Option<&'static str>,
    pub title: String,
    pub body: String,
    pub ticket_id: Option<String>,
    pub thread: String,
    pub icon: &'static str,
}

impl Shown {
    fn new(n: &Notification, alert: &Alert, sound: bool) -> Shown {
        let k = alert.kind();
        let p = k.presentation();
        Shown {
            id: n.id.clone(),
            kind: k.as_str(),
            layer: k.layer().as_str(),
            channel: p.android_channel,
            sound: sound.then_some(p.sound),
            title: alert.os_title(),
            body: alert.body().to_string(),
            ticket_id: n.ticket_id.clone(),
            thread: k.thread(n.ticket_id.as_deref()),
            icon: p.icon,
        }
    }
}

/// Where a decided notification goes.
pub trait Notifier: Send + Sync {
    /// Once at start-up (Android: the channels).
    fn setup(&self, _app: &AppHandle) {}
    fn show(&self, app: &AppHandle, n: &Shown);
}

/// The platform's notifications through `tauri-plugin-notification`.
pub struct SystemNotifier;

#[cfg(desktop)]
/// The desktop sound theme's names for the two layers (freedesktop sound
/// naming spec; macOS and Windows map them to their own).
fn desktop_sound(sound: &str) -> &'static str {
    if sound == saga_core::notify::SOUND_L1 {
        "message-new-instant"
    } else {
        "dialog-information"
    }
}

#[cfg(desktop)]
impl Notifier for SystemNotifier {
    fn show(&self, app: &AppHandle, n: &Shown) {
        use tauri_plugin_notification::NotificationExt;
        let mut b = app
            .notification()
            .builder()
            .title(&n.title)
            .body(&n.body)
            .group(&n.thread);
        if let Some(s) = n.sound {
            b = b.sound(desktop_sound(s));
        }
        if let Err(e) = b.show() {
            crate::say!("notification {}: {e}", n.id);
        }
    }
}

#[cfg(mobile)]
impl Notifier for SystemNotifier {
    /// Android channels, one per channel id of the taxonomy, with its
    /// sound, vibration and importance (a notification sent to a channel
    /// that does not exist is dropped).
    fn setup(&self, app: &AppHandle) {
        use tauri_plugin_notifications::{Channel, Importance as I, NotificationsExt};
        let mut made = Vec::new();
        for k in NotificationKind::ALL {
            let p = k.presentation();
            if made.contains(&p.android_channel) {
                continue;
            }
            made.push(p.android_channel);
            let ch = Channel::builder(p.android_channel, p.android_channel_name)
                .sound(p.sound)
                .vibration(p.vibrate)
                .importance(match p.importance {
                    saga_core::notify::Importance::High => I::High,
                    saga_core::notify::Importance::Default => I::Default,
                })
                .build();
            if let Err(e) = app.notifications().create_channel(ch) {
                crate::say!("notification channel {}: {e}", p.android_channel);
            }
        }
        // The categories (iOS: UNNotificationCategory, named by the APNs
        // payload's `category`): one 'Buka' action that opens the app, and
        // a neutral placeholder when previews are hidden on the lock screen.
        let mut cats: Vec<&str> = NotificationKind::ALL
            .iter()
            .map(|k| k.presentation().ios_category)
            .collect();
        cats.sort_unstable();
        cats.dedup();
        let types = cats
            .into_iter()
            .filter_map(|c| {
                serde_json::from_value(serde_json::json!({
                    "id": c,
                    "actions": [{ "id": "open", "title": "Buka", "foreground": true }],
                    "hiddenPreviewsBodyPlaceholder": "Saga Desk",
                }))
                .ok()
            })
            .collect();
        if let Err(e) = app.notifications().register_action_types(types) {
            crate::say!("notification categories: {e}");
        }
    }

    fn show(&self, app: &AppHandle, n: &Shown) {
        use tauri_plugin_notifications::NotificationsExt;
        let mut b = app
            .notifications()
            .builder()
            .title(&n.title)
            .body(&n.body)
            .group(&n.thread)
            .channel_id(n.channel)
            .extra("notification_id", &n.id)
            .extra("ticket_id", n.ticket_id.clone().unwrap_or_default());
        if let Some(s) = n.sound {
            b = b.sound(s);
        }
        // The status-bar icon, one colour (gen/android's res/drawable).
        #[cfg(target_os = "android")]
        {
            b = b.icon("ic_stat_saga");
        }
        let id = n.id.clone();
        tauri::async_runtime::spawn(async move {
            if let Err(e) = b.show().await {
                crate::say!("notification {id}: {e}");
            }
        });
    }
}

/// Phones: asks the OS for the push token (FCM, APNs) and registers it
/// with the backend for the signed-in user (OQ-6 extension), so pushes
/// take over while the app is in the background.
#[cfg(mobile)]
pub fn register_push(app: &AppHandle, api: saga_core::client::ApiClient) {
    use tauri_plugin_notifications::NotificationsExt;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let _ = app.notifications().request_permission().await;
        match app.notifications().register_for_push_notifications().await {
            Ok(token) => {
                let d = saga_core::model::DeviceRegistration {
                    platform: if cfg!(target_os = "ios") {
                        "ios"
                    } else {
                        "android"
                    }
                    .into(),
                    token,
                };
                if let Err(e) = api.register_device(&d).await {
                    crate::say!("push registration refused: {e}");
                }
            }
            Err(e) => crate::say!("no push token: {e}"),
        }
    });
}

/// The test double: one JSON line per notification in a file.
pub struct RecordingNotifier(pub std::path::PathBuf);

impl Notifier for RecordingNotifier {
    fn show(&self, _app: &AppHandle, n: &Shown) {
        use std::io::Write;
        let line = serde_json::to_string(n).unwrap_or_default();
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.0)
        {
            let _ = writeln!(f, "{line}");
        }
    }
}

/// The notifier this run uses.
pub fn platform() -> Box<dyn Notifier> {
    match std::env::var_os("SAGA_NOTIFY_LOG") {
        Some(p) if !p.is_empty() => Box::new(RecordingNotifier(p.into())),
        _ => Box::new(SystemNotifier),
    }
}

/// The state of the rules, per signed-in user.
pub struct Alerts {
    pub notifier: Box<dyn Notifier>,
    seen: Mutex<Seen>,
    /// Whether the feed was read once this session: what was there before
    /// is in the centre, not raised again.
    primed: Mutex<Option<String>>,
    /// The ticket the user has open now (`set_reading`).
    reading: Mutex<Option<String>>,
    prefs: Mutex<Preferences>,
}

impl Alerts {
    pub fn new(notifier: Box<dyn Notifier>) -> Alerts {
        Alerts {
            notifier,
            seen: Mutex::new(Seen::new(2048)),
            primed: Mutex::new(None),
            reading: Mutex::new(None),
            prefs: Mutex::new(Preferences::default()),
        }
    }

    /// Whether this session of `user_id` has read the feed already.
    pub fn is_primed(&self, user_id: &str) -> bool {
        self.primed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_deref()
            == Some(user_id)
    }

    pub fn set_reading(&self, ticket: Option<String>) {
        *self.reading.lock().unwrap_or_else(|p| p.into_inner()) = ticket;
    }

    pub fn prefs(&self) -> Preferences {
        self.prefs.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn set_prefs(&self, p: Preferences) {
        *self.prefs.lock().unwrap_or_else(|p| p.into_inner()) = p;
    }

    /// The feed as read at sign-in, a reconnect or a poll. The first read
    /// of a session only remembers the ids (they are in the centre); later
    /// reads raise what is new. Returns the records not seen before.
    pub fn feed(
        &self,
        app: &AppHandle,
        user_id: &str,
        items: &[Notification],
        offline: bool,
    ) -> Vec<Notification> {
        let mut primed = self.primed.lock().unwrap_or_else(|p| p.into_inner());
        if primed.as_deref() != Some(user_id) {
            *primed = Some(user_id.to_string());
            let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
            *seen = Seen::new(2048);
            for n in items {
                seen.first(&n.id);
            }
            return vec![];
        }
        drop(primed);
        // Oldest first, as they happened.
        items
            .iter()
            .rev()
            .filter(|n| self.raise(app, n, offline))
            .cloned()
            .collect()
    }

    /// One record from the stream or a poll; true when it was new.
    pub fn raise(&self, app: &AppHandle, n: &Notification, offline: bool) -> bool {
        let reading = self
            .reading
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        let prefs = self.prefs();
        let d = {
            let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
            decide(n, &mut seen, reading.as_deref(), offline, &prefs)
        };
        match d {
            Decision::Raise { alert, sound } => {
                self.notifier.show(app, &Shown::new(n, &alert, sound));
                true
            }
            Decision::Quiet(why) => why.is_new(),
        }
    }

    /// Signing out forgets the session's state.
    pub fn reset(&self) {
        *self.primed.lock().unwrap_or_else(|p| p.into_inner()) = None;
        self.set_reading(None);
    }
}

#[cfg(test)]
mod tests {
    use saga_core::notify::NotificationKind;

    /// DOD-9: every kind's sound is a file the app ships, and L1 and L2
    /// sound different.
    #[test]
    fn every_sound_is_shipped_and_the_layers_sound_different() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sounds");
        let mut files = std::collections::HashMap::new();
        for k in NotificationKind::ALL {
            let name = k.presentation().sound;
            let bytes = std::fs::read(dir.join(format!("{name}.wav")))
                .unwrap_or_else(|e| panic!("{name}.wav for {k:?}: {e}"));
            assert!(
                bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WAVE",
                "{name} is a WAV"
            );
            files.insert(name, bytes);
        }
        let (l1, l2) = (
            NotificationKind::Message.presentation().sound,
            NotificationKind::Note.presentation().sound,
        );
        assert_ne!(files[l1], files[l2]);
        // The phones ship the same files: Android's res/raw (a channel's
        // sound is named without extension), and the iOS bundle root,
        // where prepare.sh copies them from this folder.
        let raw = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("gen/android/app/src/main/res/raw");
        for (name, bytes) in &files {
            let copy = std::fs::read(raw.join(format!("{name}.wav")))
                .unwrap_or_else(|e| panic!("res/raw/{name}.wav: {e}"));
            assert!(copy == *bytes, "res/raw/{name}.wav differs from sounds/");
        }
        let prepare = include_str!("../ios/prepare.sh");
        for name in files.keys() {
            assert!(prepare.contains(&format!("sounds/{name}.wav")), "{name}");
        }
    }

    /// DELIV-2/3: the phone apps ask for what they use and nothing more:
    /// Android the network (the notifications plugin adds its own), iOS
    /// background push with the push entitlement.
    #[test]
    fn the_phone_projects_ask_only_for_what_the_app_uses() {
        let manifest = include_str!("../gen/android/app/src/main/AndroidManifest.xml");
        let asked: Vec<&str> = manifest
            .split("<uses-permission android:name=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        assert_eq!(asked, ["android.permission.INTERNET"]);
        assert!(!manifest.contains("usesCleartextTraffic=\"true\""));
        let plist = include_str!("../Info.ios.plist");
        assert!(plist.contains("<string>remote-notification</string>"));
        assert!(!plist.contains("NSAllowsArbitraryLoads"));
        let ent = include_str!("../ios/SagaDesk.entitlements");
        assert!(ent.contains("<key>aps-environment</key>"));
    }
}
