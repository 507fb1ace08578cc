//! The notification taxonomy (DOD-9, ASSIGN-3, BLAST-4): every kind of
//! interruption, its layer, and how each platform presents it. One table,
//! read by the dev server (which builds the notifications), the core (which
//! raises them on the operating system) and the UI (the centre and the
//! preferences).
//!
//! L1 and L2 never mix by construction, the same rule as the composer: a
//! notification's text is an [`Alert`], which can only be made from content
//! of its kind's layer ([`Content::L1`] from the customer conversation,
//! [`Content::L2`] from an internal note), so an internal note's text
//! cannot become the body of a customer-message notification.

use serde::{Deserialize, Serialize};

/// Which conversation a notification comes from (DOD-9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    /// The customer conversation.
    L1,
    /// Internal notes between the team.
    L2,
    /// The system: assignments, blasts.
    System,
}

impl Layer {
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::L1 => "l1",
            Layer::L2 => "l2",
            Layer::System => "system",
        }
    }

    pub fn parse(s: &str) -> Option<Layer> {
        match s {
            "l1" | "L1" => Some(Layer::L1),
            "l2" | "L2" => Some(Layer::L2),
            "system" => Some(Layer::System),
            _ => None,
        }
    }
}

/// The kinds of notification (TESTIDS `data-kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotificationKind {
    /// A customer wrote on the user's ticket (L1).
    Message,
    /// An internal note on the user's ticket (L2).
    Note,
    /// The user was tagged in an internal note (L2).
    Mention,
    /// A ticket was assigned to the user (ASSIGN-3).
    Assignment,
    /// The user's ticket was moved to someone else (ASSIGN-3).
    Moved,
    /// A blast waits for the user's approval (BLAST-4).
    BlastApproval,
    /// The user's blast was approved, rejected or has been sent.
    BlastDone,
}

/// Android notification importance (the values of `NotificationManager`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Importance {
    Default,
    High,
}

/// How one kind is presented on each platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presentation {
    /// Android channel id (created at start-up).
    pub android_channel: &'static str,
    /// The channel's name as the Android settings show it.
    pub android_channel_name: &'static str,
    pub importance: Importance,
    pub vibrate: bool,
    /// The sound file shipped with the app (res/raw on Android, the bundle
    /// on iOS and the desktop), without extension.
    pub sound: &'static str,
    /// iOS `UNNotificationCategory` id.
    pub ios_category: &'static str,
    /// APNs `interruption-level`.
    pub ios_interruption: &'static str,
    /// The desktop title's prefix, telling the layer apart in words.
    pub desktop_prefix: &'static str,
    /// The icon name (desktop) for the layer.
    pub icon: &'static str,
    /// Raised while the app is in front (a customer message on another
    /// ticket is; a finished blast is not, the centre shows it).
    pub when_focused: bool,
}

/// The two sounds the app ships, one per conversation layer.
pub const SOUND_L1: &str = "saga_l1";
pub const SOUND_L2: &str = "saga_l2";

impl NotificationKind {
    pub const ALL: [NotificationKind; 7] = [
        NotificationKind::Message,
        NotificationKind::Note,
        NotificationKind::Mention,
        NotificationKind::Assignment,
        NotificationKind::Moved,
        NotificationKind::BlastApproval,
        NotificationKind::BlastDone,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Message => "message",
            NotificationKind::Note => "note",
            NotificationKind::Mention => "mention",
            NotificationKind::Assignment => "assignment",
            NotificationKind::Moved => "moved",
            NotificationKind::BlastApproval => "blast-approval",
            NotificationKind::BlastDone => "blast-done",
        }
    }

    pub fn parse(s: &str) -> Option<NotificationKind> {
        NotificationKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn layer(self) -> Layer {
        match self {
            NotificationKind::Message => Layer::L1,
            NotificationKind::Note | NotificationKind::Mention => Layer::L2,
            _ => Layer::System,
        }
    }

    /// Mentions and assignments cannot be turned off (the rule: a
    /// person must hear that work was handed to them).
    pub fn always_on(self) -> bool {
        matches!(
            self,
            NotificationKind::Mention | NotificationKind::Assignment
        )
    }

    pub fn presentation(self) -> Presentation {
        use NotificationKind::*;
        let l1 = Presentation {
            android_channel: "saga.l1.customer",
            android_channel_name: "Pesan pelanggan (L1)",
            importance: Importance::High,
            vibrate: true,
            sound: SOUND_L1,
            ios_category: "SAGA_L1_MESSAGE",
            ios_interruption: "time-sensitive",
            desktop_prefix: "Pelanggan",
            icon: "saga-l1",
            when_focused: true,
        };
        let l2 = Presentation {
            android_channel: "saga.l2.internal",
            android_channel_name: "Catatan internal (L2)",
            importance: Importance::High,
            vibrate: true,
            sound: SOUND_L2,
            ios_category: "SAGA_L2_NOTE",
            ios_interruption: "active",
            desktop_prefix: "Internal",
            icon: "saga-l2",
            when_focused: true,
        };
        let system = Presentation {
            android_channel: "saga.system",
            android_channel_name: "Tugas dan blast",
            importance: Importance::Default,
            vibrate: false,
            sound: SOUND_L2,
            ios_category: "SAGA_SYSTEM",
            ios_interruption: "active",
            desktop_prefix: "Saga Desk",
            icon: "saga-system",
            when_focused: true,
        };
        match self {
            Message => l1,
            Note => l2,
            Mention => Presentation {
                android_channel: "saga.l2.mention",
                android_channel_name: "Anda ditandai (L2)",
                ios_category: "SAGA_L2_MENTION",
                ios_interruption: "time-sensitive",
                ..l2
            },
            Assignment => Presentation {
                android_channel: "saga.assignment",
                android_channel_name: "Tiket untuk Anda",
                importance: Importance::High,
                vibrate: true,
                ios_category: "SAGA_ASSIGNMENT",
                ios_interruption: "time-sensitive",
                ..system
            },
            Moved => Presentation {
                ios_category: "SAGA_MOVED",
                ..system
            },
            BlastApproval => Presentation {
                android_channel: "saga.blast",
                android_channel_name: "Blast",
                ios_category: "SAGA_BLAST",
                ..system
            },
            BlastDone => Presentation {
                android_channel: "saga.blast",
                android_channel_name: "Blast",
                ios_category: "SAGA_BLAST",
                when_focused: false,
                ..system
            },
        }
    }

    /// iOS thread (and Android group): one per ticket and layer, so a
    /// ticket's customer messages stack apart from its notes.
    pub fn thread(self, ticket_id: Option<&str>) -> String {
        match ticket_id {
            Some(t) => format!("{}:{t}", self.layer().as_str()),
            None => self.as_str().to_string(),
        }
    }
}

/// Text from the customer conversation (a customer's message, an L1 reply).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct L1Text(String);

/// Text from an internal note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct L2Text(String);

impl L1Text {
    /// Text known to come from the customer conversation (the dev server
    /// building the notification of the message it just stored).
    pub fn conversation(content: &str) -> L1Text {
        L1Text(content.to_string())
    }
}

impl L2Text {
    /// Text known to come from an internal note.
    pub fn internal(content: &str) -> L2Text {
        L2Text(content.to_string())
    }
}

/// What a notification may quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    L1(L1Text),
    L2(L2Text),
    /// Words of the system (who assigned, how many recipients).
    System(String),
}

impl Content {
    pub fn layer(&self) -> Layer {
        match self {
            Content::L1(_) => Layer::L1,
            Content::L2(_) => Layer::L2,
            Content::System(_) => Layer::System,
        }
    }
}

/// A notification's title and body, made only from content of its kind's
/// layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    kind: NotificationKind,
    title: String,
    body: String,
}

/// The longest body shown (a notification is a glance, not the message).
pub const BODY_CHARS: usize = 160;

impl Alert {
    /// `None` when the content is of another layer than the kind's: an L2
    /// text cannot become an L1 notification, nor the other way round.
    pub fn new(kind: NotificationKind, title: &str, content: Content) -> Option<Alert> {
        if content.layer() != kind.layer() {
            return None;
        }
        let text = match content {
            Content::L1(L1Text(t)) | Content::L2(L2Text(t)) | Content::System(t) => t,
        };
        Some(Alert {
            kind,
            title: title.to_string(),
            body: clip(&text, BODY_CHARS),
        })
    }

    pub fn kind(&self) -> NotificationKind {
        self.kind
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn body(&self) -> &str {
        &self.body
    }

    /// The title the operating system shows: the layer in words first, so
    /// L1 and L2 differ by look as well as by sound (DOD-9).
    pub fn os_title(&self) -> String {
        format!(
            "{} · {}",
            self.kind.presentation().desktop_prefix,
            self.title
        )
    }
}

fn clip(s: &str, n: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut out: String = s.chars().take(n - 1).collect();
    out.push('…');
    out
}

/// The FCM message (HTTP v1 `message` object) a backend sends to an
/// Android phone for a notification (docs/notifications.md). Data carries
/// what the app needs to open the ticket; `collapse_key`/`tag` make a
/// repeat of the same notification replace, not add.
pub fn fcm_message(
    id: &str,
    alert: &Alert,
    ticket_id: Option<&str>,
    token: &str,
) -> serde_json::Value {
    let p = alert.kind.presentation();
    serde_json::json!({
        "token": token,
        "notification": { "title": alert.os_title(), "body": alert.body },
        "android": {
            "priority": if p.importance == Importance::High { "HIGH" } else { "NORMAL" },
            "collapse_key": id,
            "notification": {
                "channel_id": p.android_channel,
                "sound": p.sound,
                "tag": id,
                "icon": p.icon,
            }
        },
        "data": {
            "notification_id": id,
            "kind": alert.kind.as_str(),
            "layer": alert.kind.layer().as_str(),
            "ticket_id": ticket_id.unwrap_or(""),
        }
    })
}

/// The APNs payload for an iPhone (docs/notifications.md): category and
/// thread per kind and ticket, the layer's sound, the interruption level;
/// `apns-collapse-id` (a header) is the notification id.
pub fn apns_payload(id: &str, alert: &Alert, ticket_id: Option<&str>) -> serde_json::Value {
    let p = alert.kind.presentation();
    serde_json::json!({
        "aps": {
            "alert": { "title": alert.os_title(), "body": alert.body },
            "sound": format!("{}.wav", p.sound),
            "category": p.ios_category,
            "thread-id": alert.kind.thread(ticket_id),
            "interruption-level": p.ios_interruption,
        },
        "apns-collapse-id": id,
        "notification_id": id,
        "kind": alert.kind.as_str(),
        "ticket_id": ticket_id,
    })
}

/// The kind of a feed record: its own `kind`, or, from a backend that only
/// sends the layer, the kind its layer and title imply.
pub fn kind_of(n: &crate::model::Notification) -> NotificationKind {
    if let Some(k) = n.kind.as_deref().and_then(NotificationKind::parse) {
        return k;
    }
    let t = n.title.to_lowercase();
    match Layer::parse(&n.layer) {
        Some(Layer::L1) => NotificationKind::Message,
        Some(Layer::L2) if t.contains("menandai") => NotificationKind::Mention,
        Some(Layer::L2) => NotificationKind::Note,
        _ if t.contains("dipindahkan") => NotificationKind::Moved,
        _ if t.contains("menunggu persetujuan") => NotificationKind::BlastApproval,
        _ if t.contains("blast") => NotificationKind::BlastDone,
        _ => NotificationKind::Assignment,
    }
}

/// Notification ids already raised, across the stream, polling and
/// reconnects: each id is raised once. Keeps the newest `cap` ids.
#[derive(Debug, Clone)]
pub struct Seen {
    ids: std::collections::VecDeque<String>,
    cap: usize,
}

impl Seen {
    pub fn new(cap: usize) -> Seen {
        Seen {
            ids: std::collections::VecDeque::with_capacity(cap.min(1024)),
            cap: cap.max(1),
        }
    }

    /// True the first time an id is offered.
    pub fn first(&mut self, id: &str) -> bool {
        if self.ids.iter().any(|x| x == id) {
            return false;
        }
        if self.ids.len() == self.cap {
            self.ids.pop_front();
        }
        self.ids.push_back(id.to_string());
        true
    }
}

/// Per-kind preferences, stored per user on the device. By default every
/// kind is on, with sound, also while Offline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// Kinds turned off (never mentions or assignments).
    #[serde(default)]
    pub off: Vec<NotificationKind>,
    /// Kinds without sound.
    #[serde(default)]
    pub silent: Vec<NotificationKind>,
    /// While Offline, raise nothing on the OS (the centre stays current).
    #[serde(default)]
    pub quiet_offline: bool,
}

impl Preferences {
    pub fn enabled(&self, k: NotificationKind) -> bool {
        k.always_on() || !self.off.contains(&k)
    }

    pub fn sound(&self, k: NotificationKind) -> bool {
        !self.silent.contains(&k)
    }
}

/// Why a record is not raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    AlreadyRaised,
    AlreadyRead,
    TurnedOff,
    QuietOffline,
    TicketOpen,
    LayerMismatch,
}

impl Why {
    /// Whether the record is new to the user (it belongs in the centre):
    /// everything but a repeat.
    pub fn is_new(self) -> bool {
        !matches!(self, Why::AlreadyRaised | Why::AlreadyRead)
    }
}

/// What the core decides for one feed record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Ask the OS to show it.
    Raise { alert: Alert, sound: bool },
    /// Keep it in the centre only, and why.
    Quiet(Why),
}

/// The rules of part 2 of the issue, in one pure function: not twice, not
/// for the ticket being read, not while Offline in quiet mode, not a kind
/// turned off, not for the user's own actions (the server does not notify
/// those; a record from the user about themself is dropped here too).
pub fn decide(
    n: &crate::model::Notification,
    seen: &mut Seen,
    reading: Option<&str>,
    offline: bool,
    prefs: &Preferences,
) -> Decision {
    if !seen.first(&n.id) {
        return Decision::Quiet(Why::AlreadyRaised);
    }
    if n.read {
        return Decision::Quiet(Why::AlreadyRead);
    }
    let kind = kind_of(n);
    if !prefs.enabled(kind) {
        return Decision::Quiet(Why::TurnedOff);
    }
    if offline && prefs.quiet_offline && !kind.always_on() {
        return Decision::Quiet(Why::QuietOffline);
    }
    if reading.is_some() && reading == n.ticket_id.as_deref() {
        return Decision::Quiet(Why::TicketOpen);
    }
    let content = match kind.layer() {
        Layer::L1 => Content::L1(L1Text(n.body.clone())),
        Layer::L2 => Content::L2(L2Text(n.body.clone())),
        Layer::System => Content::System(n.body.clone()),
    };
    match Alert::new(kind, &n.title, content) {
        Some(alert) => Decision::Raise {
            sound: prefs.sound(kind),
            alert,
        },
        None => Decision::Quiet(Why::LayerMismatch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Notification;
    use proptest::prelude::*;

    fn note(id: &str, kind: NotificationKind, ticket: Option<&str>) -> Notification {
        Notification {
            id: id.into(),
            layer: kind.layer().as_str().into(),
            kind: Some(kind.as_str().into()),
            title: "Judul".into(),
            body: "Isi".into(),
            ticket_id: ticket.map(String::from),
            read: false,
            created_at: "2026-12-01T03:00:00Z".into(),
        }
    }

    #[test]
    fn every_kind_has_one_layer_channel_category_and_sound() {
        let mut channels = std::collections::HashMap::new();
        for k in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(k.as_str()), Some(k));
            let p = k.presentation();
            // A channel has one sound and one importance, whichever kind uses it.
            let prev = channels.insert(p.android_channel, (p.sound, p.importance, p.vibrate));
            assert!(
                prev.is_none() || prev == Some((p.sound, p.importance, p.vibrate)),
                "{k:?}"
            );
            assert!(!p.ios_category.is_empty() && !p.icon.is_empty());
        }
        let (m, n) = (
            NotificationKind::Message.presentation(),
            NotificationKind::Note.presentation(),
        );
        assert_ne!(
            m.android_channel, n.android_channel,
            "DOD-9: L1 and L2 apart"
        );
        assert_ne!(m.sound, n.sound, "DOD-9: by sound");
        assert_ne!(m.desktop_prefix, n.desktop_prefix, "DOD-9: by look");
        assert_ne!(m.icon, n.icon);
        assert_eq!(NotificationKind::Mention.layer(), Layer::L2);
        assert_eq!(NotificationKind::Moved.layer(), Layer::System);
    }

    #[test]
    fn a_feed_without_kinds_still_maps_each_record_to_one_kind() {
        let mut n = note("1", NotificationKind::Message, Some("T-1"));
        n.kind = None;
        assert_eq!(kind_of(&n), NotificationKind::Message);
        n.layer = "l2".into();
        assert_eq!(kind_of(&n), NotificationKind::Note);
        n.title = "Lina menandai Anda".into();
        assert_eq!(kind_of(&n), NotificationKind::Mention);
        n.layer = "system".into();
        n.title = crate::strings::ticket_moved_by("Lina");
        assert_eq!(kind_of(&n), NotificationKind::Moved);
        n.title = crate::strings::BLAST_PENDING_NOTIFY.into();
        assert_eq!(kind_of(&n), NotificationKind::BlastApproval);
    }

    #[test]
    fn each_notification_is_raised_once_and_not_for_the_open_ticket() {
        let mut seen = Seen::new(100);
        let p = Preferences::default();
        let n = note("N-1", NotificationKind::Message, Some("T-1"));
        assert!(matches!(
            decide(&n, &mut seen, None, false, &p),
            Decision::Raise { .. }
        ));
        assert_eq!(
            decide(&n, &mut seen, None, false, &p),
            Decision::Quiet(Why::AlreadyRaised)
        );
        let n2 = note("N-2", NotificationKind::Message, Some("T-1"));
        assert_eq!(
            decide(&n2, &mut seen, Some("T-1"), false, &p),
            Decision::Quiet(Why::TicketOpen)
        );
        let n3 = note("N-3", NotificationKind::Note, Some("T-2"));
        assert!(matches!(
            decide(&n3, &mut seen, Some("T-1"), false, &p),
            Decision::Raise { .. }
        ));
        // Quiet while Offline: only what cannot be turned off.
        let quiet = Preferences {
            quiet_offline: true,
            ..Preferences::default()
        };
        let n4 = note("N-4", NotificationKind::Message, Some("T-3"));
        assert_eq!(
            decide(&n4, &mut seen, None, true, &quiet),
            Decision::Quiet(Why::QuietOffline)
        );
        let n5 = note("N-5", NotificationKind::Assignment, Some("T-3"));
        assert!(matches!(
            decide(&n5, &mut seen, None, true, &quiet),
            Decision::Raise { .. }
        ));
        let n6 = note("N-6", NotificationKind::Message, Some("T-3"));
        assert!(
            matches!(
                decide(&n6, &mut seen, None, true, &p),
                Decision::Raise { .. }
            ),
            "not quiet by default"
        );
        // The window of remembered ids is bounded.
        let mut small = Seen::new(2);
        assert!(small.first("a") && small.first("b") && small.first("c"));
        assert!(
            !small.first("c") && small.first("a"),
            "the oldest was forgotten"
        );
    }

    #[test]
    fn preferences_never_silence_mentions_or_assignments() {
        let p = Preferences {
            off: NotificationKind::ALL.to_vec(),
            silent: vec![NotificationKind::Note],
            quiet_offline: false,
        };
        assert!(p.enabled(NotificationKind::Mention) && p.enabled(NotificationKind::Assignment));
        assert!(!p.enabled(NotificationKind::Message) && !p.sound(NotificationKind::Note));
        let mut seen = Seen::new(10);
        let n = note("N-1", NotificationKind::Note, Some("T-1"));
        assert_eq!(
            decide(&n, &mut seen, None, false, &p),
            Decision::Quiet(Why::TurnedOff)
        );
    }

    fn kind() -> impl Strategy<Value = NotificationKind> {
        (0usize..7).prop_map(|i| NotificationKind::ALL[i])
    }

    proptest! {
        /// DOD-9 by construction: whatever the kind and the content, an
        /// L1 notification's body never holds L2 text, and the other way.
        #[test]
        fn no_l2_text_reaches_an_l1_notification(
            k in kind(),
            l1 in "[a-z ]{0,200}",
            l2 in "[A-Z ]{1,200}",
            which in 0u8..3,
        ) {
            let secret = format!("RAHASIA{l2}");
            let content = match which {
                0 => Content::L1(L1Text::conversation(&l1)),
                1 => Content::L2(L2Text::internal(&secret)),
                _ => Content::System(l1.clone()),
            };
            if let Some(a) = Alert::new(k, "t", content) {
                if k.layer() == Layer::L1 {
                    prop_assert!(!a.body().contains("RAHASIA"));
                }
                if k.layer() == Layer::L2 {
                    prop_assert!(a.body().starts_with("RAHASIA") || secret.trim().is_empty());
                }
                prop_assert!(a.body().chars().count() <= BODY_CHARS);
            } else {
                let of_kind = match k.layer() {
                    Layer::L1 => 0,
                    Layer::L2 => 1,
                    Layer::System => 2,
                };
                prop_assert!(which != of_kind, "refused only across layers");
            }
        }
    }
}
