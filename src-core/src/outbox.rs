//! The outbox: every write a person typed (L1 replies, 'Balas sebagai Saga
//! Team', single follow-ups, internal notes, CRM saves) waits here from
//! before its first attempt until the server has it. Nothing typed is lost:
//! a write that fails stays where it was made, as 'gagal' with the reason,
//! and in this queue, which the app keeps on disk, until it is delivered or
//! discarded. Every attempt carries the write's idempotency key, so one
//! whose answer was lost is never stored twice (issue 17).
//!
//! Each kind keeps its own request type ([`Write`]): an internal note is a
//! [`Write::Note`] holding an [`InternalMessageRequest`], which only the
//! internal-message endpoint takes, so L2 text cannot travel as an L1 reply
//! (SEC-5). The UI sees a [`Pending`], which shows a write and cannot be
//! sent.

use crate::error::ApiError;
use crate::model::{CrmUpdate, FollowUpSendRequest, InternalMessageRequest, ReplyRequest};
use serde::{Deserialize, Serialize};

/// What a person wrote, as it will be sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Write {
    /// API-7, L1. Its `idempotency_key` is the entry's.
    Reply(ReplyRequest),
    /// API-16, L1 as 'Saga Team'.
    TeamReply { message: String },
    /// The single follow-up (L1, FU-SINGLE-4).
    FollowUp(FollowUpSendRequest),
    /// API-15, L2.
    Note(InternalMessageRequest),
    /// API-12.
    Crm(CrmUpdate),
}

/// A write's kind, for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteKind {
    Reply,
    TeamReply,
    FollowUp,
    Note,
    Crm,
}

/// Writes of one ticket go out in the order they were made, per lane: a
/// reply never overtakes an earlier one, a CRM save never an earlier save.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lane {
    L1,
    L2,
    Crm,
}

impl Write {
    pub fn kind(&self) -> WriteKind {
        match self {
            Write::Reply(_) => WriteKind::Reply,
            Write::TeamReply { .. } => WriteKind::TeamReply,
            Write::FollowUp(_) => WriteKind::FollowUp,
            Write::Note(_) => WriteKind::Note,
            Write::Crm(_) => WriteKind::Crm,
        }
    }

    pub fn lane(&self) -> Lane {
        match self {
            Write::Reply(_) | Write::TeamReply { .. } | Write::FollowUp(_) => Lane::L1,
            Write::Note(_) => Lane::L2,
            Write::Crm(_) => Lane::Crm,
        }
    }

    /// The text as the person wrote it (empty for a CRM save).
    pub fn text(&self) -> &str {
        match self {
            Write::Reply(r) => &r.message,
            Write::TeamReply { message } => message,
            Write::FollowUp(f) => &f.message,
            Write::Note(n) => &n.content,
            Write::Crm(_) => "",
        }
    }
}

/// One write waiting to be (re)sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// The idempotency key, also the entry's id.
    pub key: String,
    /// Whose write it is: only that user's session ever sends or shows it.
    pub user_id: String,
    pub ticket_id: String,
    pub write: Write,
    /// RFC 3339.
    pub created_at: String,
    pub attempts: u32,
    pub last_error: Option<String>,
    /// When the next automatic attempt is due (Unix milliseconds).
    pub next_attempt_ms: u64,
    /// Refused by the server (403, 404, 409, 422): not retried by itself;
    /// shown with the reason until the person retries or discards it.
    #[serde(default)]
    pub stopped: bool,
}

impl OutboxEntry {
    /// A write about to be sent for the first time, with the idempotency key
    /// the app made for it (one per write, for every attempt).
    pub fn new(
        user_id: &str,
        ticket_id: &str,
        write: Write,
        key: String,
        created_at: String,
        now_ms: u64,
    ) -> OutboxEntry {
        let write = match write {
            Write::Reply(r) => Write::Reply(ReplyRequest {
                message: r.message,
                idempotency_key: Some(key.clone()),
            }),
            w => w,
        };
        OutboxEntry {
            key,
            user_id: user_id.into(),
            ticket_id: ticket_id.into(),
            write,
            created_at,
            attempts: 0,
            last_error: None,
            next_attempt_ms: now_ms,
            stopped: false,
        }
    }

    /// An L1 reply (the common case, and the tests').
    pub fn reply(
        user_id: &str,
        ticket_id: &str,
        message: &str,
        key: String,
        created_at: String,
        now_ms: u64,
    ) -> OutboxEntry {
        OutboxEntry::new(
            user_id,
            ticket_id,
            Write::Reply(ReplyRequest {
                message: message.into(),
                idempotency_key: None,
            }),
            key,
            created_at,
            now_ms,
        )
    }

    /// Records a failed attempt and schedules the next one.
    pub fn failed(&mut self, error: &ApiError, now_ms: u64) {
        self.attempts += 1;
        self.last_error = Some(error.message().to_string());
        self.next_attempt_ms = now_ms + retry_delay_ms(self.attempts);
    }

    /// Records a refusal: kept with the reason, not retried by itself.
    pub fn refused(&mut self, error: &ApiError) {
        self.attempts += 1;
        self.last_error = Some(error.message().to_string());
        self.stopped = true;
    }

    /// How the person sees it.
    pub fn pending(&self) -> Pending {
        Pending {
            key: self.key.clone(),
            ticket_id: self.ticket_id.clone(),
            kind: self.write.kind(),
            text: self.write.text().to_string(),
            crm: match &self.write {
                Write::Crm(u) => Some(u.clone()),
                _ => None,
            },
            created_at: self.created_at.clone(),
            attempts: self.attempts,
            state: if self.stopped {
                PendingState::Refused
            } else if self.attempts == 0 {
                PendingState::Sending
            } else {
                PendingState::Failed
            },
            reason: self.last_error.clone(),
        }
    }
}

/// Where a waiting write stands, for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PendingState {
    /// 'mengirim': not tried yet, or waiting behind an earlier write.
    Sending,
    /// 'gagal': the last attempt failed; it is retried automatically.
    Failed,
    /// 'gagal': the server refused it; only the person retries it.
    Refused,
}

/// A waiting write as the UI shows it: the text and its state. It carries
/// no request, so it cannot be sent; 'Coba lagi' names its key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub key: String,
    pub ticket_id: String,
    pub kind: WriteKind,
    pub text: String,
    /// A CRM save's values, so the form shows what was typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crm: Option<CrmUpdate>,
    pub created_at: String,
    pub attempts: u32,
    pub state: PendingState,
    pub reason: Option<String>,
}

impl Pending {
    /// 'gagal': the last attempt failed or was refused (not 'mengirim…').
    pub fn failed(&self) -> bool {
        self.state != PendingState::Sending
    }

    /// Whether this write goes to the customer's conversation (L1).
    pub fn is_l1(&self) -> bool {
        matches!(
            self.kind,
            WriteKind::Reply | WriteKind::TeamReply | WriteKind::FollowUp
        )
    }
}

/// 2 s, 4 s, 8 s, ... at most half a minute between automatic attempts (the
/// app also retries at once when the connection comes back).
pub fn retry_delay_ms(attempts: u32) -> u64 {
    let exp = attempts.saturating_sub(1).min(16);
    (2_000u64 << exp).min(30_000)
}

/// Whether trying again later may succeed: the network, a 5xx or an
/// unreadable answer, rate limiting, a lost session (after signing in
/// again). A refusal (403, 404, 409, 422) will not change by itself.
pub fn retryable(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Network { .. }
            | ApiError::RateLimited { .. }
            | ApiError::Server { .. }
            | ApiError::Unauthorized { .. }
            | ApiError::NotSignedIn { .. }
    )
}

/// What a write ended in, as the UI sees it: done with the server's answer,
/// or waiting in the outbox. (An answer that lives a moment: not boxed.)
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "outcome",
    rename_all = "snake_case",
    try_from = "OutcomeWire<T>",
    bound(deserialize = "T: Deserialize<'de>")
)]
pub enum Outcome<T> {
    Done {
        value: T,
    },
    /// Not delivered yet: kept in the outbox, retried automatically.
    Queued {
        entry: Pending,
    },
}

/// A reply's, a Saga Team reply's or a follow-up's outcome.
pub type SendOutcome = Outcome<crate::model::Message>;

/// [`Outcome`] as read: flat, so reading it needs no buffering (see
/// `ApiError`'s wire form).
#[derive(Deserialize)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
pub struct OutcomeWire<T> {
    outcome: String,
    #[serde(default = "none")]
    value: Option<T>,
    #[serde(default)]
    entry: Option<Pending>,
}

fn none<T>() -> Option<T> {
    None
}

impl<T> TryFrom<OutcomeWire<T>> for Outcome<T> {
    type Error = &'static str;
    fn try_from(w: OutcomeWire<T>) -> Result<Self, Self::Error> {
        match (w.outcome.as_str(), w.value, w.entry) {
            ("done", Some(value), _) => Ok(Outcome::Done { value }),
            ("queued", _, Some(entry)) => Ok(Outcome::Queued { entry }),
            _ => Err("an outcome is done with its value or queued with its entry"),
        }
    }
}

/// The queue itself; the app persists it as JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    pub entries: Vec<OutboxEntry>,
}

impl Outbox {
    /// Adds or replaces (same key) an entry.
    pub fn put(&mut self, e: OutboxEntry) {
        match self.entries.iter_mut().find(|x| x.key == e.key) {
            Some(x) => *x = e,
            None => self.entries.push(e),
        }
    }

    pub fn get(&self, key: &str) -> Option<&OutboxEntry> {
        self.entries.iter().find(|e| e.key == key)
    }

    pub fn remove(&mut self, key: &str) -> Option<OutboxEntry> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        Some(self.entries.remove(i))
    }

    /// This user's waiting writes on a ticket, oldest first; another user's
    /// are never shown.
    pub fn for_ticket(&self, user_id: &str, ticket_id: &str) -> Vec<Pending> {
        self.entries
            .iter()
            .filter(|e| e.user_id == user_id && e.ticket_id == ticket_id)
            .map(OutboxEntry::pending)
            .collect()
    }

    /// All of this user's waiting writes, oldest first.
    pub fn for_user(&self, user_id: &str) -> Vec<Pending> {
        self.entries
            .iter()
            .filter(|e| e.user_id == user_id)
            .map(OutboxEntry::pending)
            .collect()
    }

    /// Whether `key` is the first write of its lane that is still in line
    /// (a refused one has left the line): only that one may go now.
    pub fn is_head(&self, key: &str) -> bool {
        let Some(e) = self.get(key) else { return false };
        let head = self.entries.iter().find(|x| {
            !x.stopped
                && x.user_id == e.user_id
                && x.ticket_id == e.ticket_id
                && x.write.lane() == e.write.lane()
        });
        head.is_some_and(|h| h.key == key)
    }

    /// The head of each of this user's lanes, when it is due (`now_ms`;
    /// `all` = every head, as when the connection comes back).
    pub fn due(&self, user_id: &str, now_ms: u64, all: bool) -> Vec<OutboxEntry> {
        let mut seen: Vec<(&str, Lane)> = Vec::new();
        let mut out = Vec::new();
        for e in self
            .entries
            .iter()
            .filter(|e| e.user_id == user_id && !e.stopped)
        {
            let lane = (e.ticket_id.as_str(), e.write.lane());
            if seen.contains(&lane) {
                continue;
            }
            seen.push(lane);
            if all || e.next_attempt_ms <= now_ms {
                out.push(e.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(user: &str, ticket: &str, key: &str, now: u64) -> OutboxEntry {
        OutboxEntry::reply(
            user,
            ticket,
            &format!("halo {key}"),
            key.into(),
            "2026-11-24T01:00:00Z".into(),
            now,
        )
    }

    fn note(user: &str, ticket: &str, key: &str) -> OutboxEntry {
        OutboxEntry::new(
            user,
            ticket,
            Write::Note(InternalMessageRequest {
                content: format!("catatan {key}"),
                tagged_agent_id: None,
            }),
            key.into(),
            "2026-11-24T01:00:00Z".into(),
            0,
        )
    }

    #[test]
    fn every_attempt_carries_the_same_key() {
        let e = entry("U-a", "T-1", "k1", 0);
        let Write::Reply(r) = &e.write else {
            panic!("a reply")
        };
        assert_eq!(r.idempotency_key.as_deref(), Some("k1"));
        assert_eq!(r.message, "halo k1");
        let mut again = e.clone();
        again.failed(
            &ApiError::Network {
                message: "x".into(),
            },
            5,
        );
        assert_eq!(again.write, e.write);
        assert_eq!(again.key, e.key);
    }

    #[test]
    fn failures_back_off_up_to_half_a_minute() {
        let mut e = entry("U-a", "T-1", "k1", 1_000);
        let err = ApiError::Network {
            message: "Server tidak dapat dihubungi.".into(),
        };
        e.failed(&err, 1_000);
        assert_eq!((e.attempts, e.next_attempt_ms), (1, 3_000));
        e.failed(&err, 3_000);
        assert_eq!(e.next_attempt_ms, 7_000);
        for _ in 0..20 {
            e.failed(&err, 0);
        }
        assert_eq!(e.next_attempt_ms, 30_000);
        assert_eq!(
            e.last_error.as_deref(),
            Some("Server tidak dapat dihubungi.")
        );
    }

    #[test]
    fn only_transient_failures_are_retried() {
        assert!(retryable(&ApiError::Server {
            status: 503,
            message: String::new()
        }));
        assert!(retryable(&ApiError::RateLimited {
            message: String::new()
        }));
        assert!(
            retryable(&ApiError::Unauthorized {
                message: String::new()
            }),
            "kept for after signing in again"
        );
        assert!(!retryable(&ApiError::Forbidden {
            message: String::new()
        }));
        assert!(!retryable(&ApiError::Validation {
            code: "wa_window_closed".into(),
            message: String::new(),
            field: None
        }));
        assert!(!retryable(&ApiError::Conflict {
            code: "taken".into(),
            message: String::new()
        }));
    }

    #[test]
    fn the_person_sees_sending_failed_and_refused() {
        let mut e = note("U-a", "T-1", "k1");
        let p = e.pending();
        assert_eq!(
            (p.kind, p.state, p.text.as_str()),
            (WriteKind::Note, PendingState::Sending, "catatan k1")
        );
        assert!(!p.is_l1(), "a note is never shown in the conversation");
        e.failed(
            &ApiError::Server {
                status: 503,
                message: "Server sedang bermasalah.".into(),
            },
            0,
        );
        assert_eq!(e.pending().state, PendingState::Failed);
        e.refused(&ApiError::Forbidden {
            message: "Catatan internal hanya untuk agent yang terlibat.".into(),
        });
        let p = e.pending();
        assert_eq!(p.state, PendingState::Refused);
        assert_eq!(
            p.reason.as_deref(),
            Some("Catatan internal hanya untuk agent yang terlibat.")
        );
    }

    #[test]
    fn queue_is_per_user_and_ticket() {
        let mut o = Outbox::default();
        o.put(entry("U-a", "T-1", "k1", 0));
        o.put(entry("U-a", "T-2", "k2", 5_000));
        o.put(entry("U-b", "T-1", "k3", 0));
        o.put(entry("U-a", "T-1", "k1", 0));
        assert_eq!(o.entries.len(), 3, "same key replaces");
        assert_eq!(o.for_ticket("U-a", "T-1").len(), 1);
        assert!(o.for_ticket("U-b", "T-2").is_empty());
        let due: Vec<_> = o
            .due("U-a", 1_000, false)
            .into_iter()
            .map(|e| e.key)
            .collect();
        assert_eq!(due, vec!["k1"], "another user's writes are never sent");
        assert_eq!(o.due("U-a", 5_000, false).len(), 2);
        assert!(o.remove("k1").is_some() && o.get("k1").is_none());
    }

    /// A lane sends in order: the second reply waits for the first, a note
    /// goes on its own lane, and a refused write leaves the line.
    #[test]
    fn writes_of_a_lane_go_in_order() {
        let mut o = Outbox::default();
        let mut first = entry("U-a", "T-1", "k1", 0);
        first.failed(
            &ApiError::Network {
                message: "x".into(),
            },
            0,
        );
        o.put(first);
        o.put(entry("U-a", "T-1", "k2", 0));
        o.put(note("U-a", "T-1", "n1"));
        assert!(o.is_head("k1") && !o.is_head("k2") && o.is_head("n1"));
        let due: Vec<_> = o.due("U-a", 0, false).into_iter().map(|e| e.key).collect();
        assert_eq!(due, vec!["n1"], "k1 waits for its backoff, k2 behind it");
        let all: Vec<_> = o.due("U-a", 0, true).into_iter().map(|e| e.key).collect();
        assert_eq!(all, vec!["k1", "n1"]);
        let mut k1 = o.get("k1").cloned().unwrap();
        k1.refused(&ApiError::Forbidden {
            message: "bukan pemilik".into(),
        });
        o.put(k1);
        assert!(o.is_head("k2"), "a refused write no longer holds the line");
    }

    #[test]
    fn outcomes_read_back() {
        let q: Outcome<u32> = Outcome::Queued {
            entry: note("U-a", "T-1", "k1").pending(),
        };
        let s = serde_json::to_string(&q).unwrap();
        assert_eq!(serde_json::from_str::<Outcome<u32>>(&s).unwrap(), q);
        let d: Outcome<u32> = Outcome::Done { value: 7 };
        let s = serde_json::to_string(&d).unwrap();
        assert_eq!(s, r#"{"outcome":"done","value":7}"#);
        assert_eq!(serde_json::from_str::<Outcome<u32>>(&s).unwrap(), d);
    }
}
