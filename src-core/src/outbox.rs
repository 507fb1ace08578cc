//! The outbox: L1 replies that could not be sent yet. Nothing typed is lost:
//! a reply that fails stays in the thread as 'gagal' and in this queue,
//! which the app keeps on disk, until it is sent or discarded. Every attempt
//! carries the reply's idempotency key, so a reply whose answer was lost is
//! never delivered twice.
//!
//! Only L1 replies (`ReplyRequest`) go through here; internal notes keep
//! their own type and command (SEC-5).

use crate::error::ApiError;
use crate::model::{Message, ReplyRequest};
use serde::{Deserialize, Serialize};

/// One reply waiting to be (re)sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// The idempotency key, also the entry's id.
    pub key: String,
    /// Whose reply it is: only that user's session ever sends it.
    pub user_id: String,
    pub ticket_id: String,
    pub message: String,
    /// RFC 3339.
    pub created_at: String,
    pub attempts: u32,
    pub last_error: Option<String>,
    /// When the next automatic attempt is due (Unix milliseconds).
    pub next_attempt_ms: u64,
}

impl OutboxEntry {
    /// A reply about to be sent for the first time, with the idempotency
    /// key the app made for it (one per reply, for every attempt).
    pub fn new(
        user_id: &str,
        ticket_id: &str,
        message: &str,
        key: String,
        created_at: String,
        now_ms: u64,
    ) -> OutboxEntry {
        OutboxEntry {
            key,
            user_id: user_id.into(),
            ticket_id: ticket_id.into(),
            message: message.into(),
            created_at,
            attempts: 0,
            last_error: None,
            next_attempt_ms: now_ms,
        }
    }

    /// The request every attempt sends: same text, same key.
    pub fn reply(&self) -> ReplyRequest {
        ReplyRequest {
            message: self.message.clone(),
            idempotency_key: Some(self.key.clone()),
        }
    }

    /// Records a failed attempt and schedules the next one.
    pub fn failed(&mut self, error: &ApiError, now_ms: u64) {
        self.attempts += 1;
        self.last_error = Some(error.message().to_string());
        self.next_attempt_ms = now_ms + retry_delay_ms(self.attempts);
    }
}

/// 2 s, 4 s, 8 s, ... at most one minute between automatic attempts.
pub fn retry_delay_ms(attempts: u32) -> u64 {
    let exp = attempts.saturating_sub(1).min(16);
    (2_000u64 << exp).min(60_000)
}

/// Whether trying again later may succeed: the network, a 5xx, rate
/// limiting. A refusal (403, 404, 409, 422) or a lost session will not
/// change by itself, so such a reply goes back to the composer instead.
pub fn retryable(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Network { .. } | ApiError::RateLimited { .. } | ApiError::Server { .. }
    )
}

/// What sending a reply ended in, as the UI sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "outcome",
    rename_all = "snake_case",
    try_from = "SendOutcomeWire"
)]
pub enum SendOutcome {
    Sent {
        message: Message,
    },
    /// Not sent yet: kept in the outbox, retried automatically.
    Queued {
        entry: OutboxEntry,
    },
}

/// [`SendOutcome`] as read: flat, so reading it needs no buffering (see
/// `ApiError`'s wire form).
#[derive(Deserialize)]
pub struct SendOutcomeWire {
    outcome: String,
    #[serde(default)]
    message: Option<Message>,
    #[serde(default)]
    entry: Option<OutboxEntry>,
}

impl TryFrom<SendOutcomeWire> for SendOutcome {
    type Error = &'static str;
    fn try_from(w: SendOutcomeWire) -> Result<Self, Self::Error> {
        match (w.outcome.as_str(), w.message, w.entry) {
            ("sent", Some(message), _) => Ok(SendOutcome::Sent { message }),
            ("queued", _, Some(entry)) => Ok(SendOutcome::Queued { entry }),
            _ => Err("a send outcome is sent with its message or queued with its entry"),
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

    /// This user's waiting replies on a ticket, oldest first.
    pub fn for_ticket(&self, user_id: &str, ticket_id: &str) -> Vec<OutboxEntry> {
        self.entries
            .iter()
            .filter(|e| e.user_id == user_id && e.ticket_id == ticket_id)
            .cloned()
            .collect()
    }

    /// This user's replies due for an automatic attempt, oldest first.
    pub fn due(&self, user_id: &str, now_ms: u64) -> Vec<OutboxEntry> {
        self.entries
            .iter()
            .filter(|e| e.user_id == user_id && e.next_attempt_ms <= now_ms)
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(user: &str, ticket: &str, key: &str, now: u64) -> OutboxEntry {
        OutboxEntry::new(
            user,
            ticket,
            &format!("halo {key}"),
            key.into(),
            "2026-11-24T01:00:00Z".into(),
            now,
        )
    }

    #[test]
    fn every_attempt_carries_the_same_key() {
        let e = entry("U-a", "T-1", "k1", 0);
        assert_eq!(e.reply().idempotency_key.as_deref(), Some("k1"));
        assert_eq!(e.reply().message, "halo k1");
        let mut again = e.clone();
        again.failed(
            &ApiError::Network {
                message: "x".into(),
            },
            5,
        );
        assert_eq!(again.reply(), e.reply());
    }

    #[test]
    fn failures_back_off_up_to_a_minute() {
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
        assert_eq!(e.next_attempt_ms, 60_000);
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
        assert!(!retryable(&ApiError::Forbidden {
            message: String::new()
        }));
        assert!(!retryable(&ApiError::Unauthorized {
            message: String::new()
        }));
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
        let due: Vec<_> = o.due("U-a", 1_000).into_iter().map(|e| e.key).collect();
        assert_eq!(due, vec!["k1"], "another user's replies are never sent");
        assert_eq!(o.due("U-a", 5_000).len(), 2);
        assert!(o.remove("k1").is_some() && o.get("k1").is_none());
    }
}
