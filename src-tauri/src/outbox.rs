//! The persisted outbox of L1 replies (see `saga_core::outbox`): kept as a
//! JSON file in the app's data directory, so a reply that could not be sent
//! survives a restart, and retried in the background with its idempotency
//! key until it is sent or the user discards it.

use crate::state::Core;
use saga_core::events::{AppEvent, APP_EVENT};
use saga_core::outbox::{retryable, Outbox, OutboxEntry, SendOutcome};
use saga_core::ApiError;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tauri::{AppHandle, Emitter, Manager};

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

#[derive(Default)]
pub struct OutboxStore {
    path: Mutex<Option<PathBuf>>,
    queue: Mutex<Outbox>,
}

impl OutboxStore {
    /// Loads the queue from `path` (a missing or unreadable file is an empty
    /// queue) and saves there from now on.
    pub fn open(&self, path: PathBuf) {
        let loaded = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Outbox>(&b).ok())
            .unwrap_or_default();
        let mut q = self.queue.lock().unwrap_or_else(|p| p.into_inner());
        for e in loaded.entries {
            q.put(e);
        }
        *self.path.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    }

    pub fn snapshot(&self) -> Outbox {
        self.queue.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Changes the queue and writes it to disk (write a temporary file,
    /// then rename, so a crash never leaves half a file).
    pub fn update<R>(&self, f: impl FnOnce(&mut Outbox) -> R) -> R {
        let mut q = self.queue.lock().unwrap_or_else(|p| p.into_inner());
        let r = f(&mut q);
        if let Some(path) = self.path.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let tmp = path.with_extension("json.tmp");
            if let Ok(bytes) = serde_json::to_vec_pretty(&*q) {
                if std::fs::write(&tmp, bytes).is_ok() {
                    let _ = std::fs::rename(&tmp, &path);
                }
            }
        }
        r
    }
}

/// The first send answers the user directly (a refusal returns the text to
/// the composer); later attempts, by hand or in the background, keep the
/// reply queued whatever happens.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    First,
    Again,
}

/// Sends one queued reply with its idempotency key.
pub async fn attempt(
    core: &Core,
    app: &AppHandle,
    key: &str,
    how: Attempt,
) -> Result<SendOutcome, ApiError> {
    let Some(entry) = core.outbox.snapshot().get(key).cloned() else {
        return Err(ApiError::NotFound {
            message: "Balasan ini sudah tidak ada di antrean.".into(),
        });
    };
    let api = core.api()?.clone();
    match core.check(app, api.reply(&entry.ticket_id, &entry.reply()).await) {
        Ok(message) => {
            core.outbox.update(|o| o.remove(key));
            Ok(SendOutcome::Sent { message })
        }
        Err(e) if retryable(&e) => {
            let mut kept = entry;
            kept.failed(&e, now_ms());
            core.outbox.update(|o| o.put(kept.clone()));
            Ok(SendOutcome::Queued { entry: kept })
        }
        // Refused on the first try (not the owner any more, ...): the text
        // goes back to the composer with the message; nothing is queued.
        Err(e) if how == Attempt::First && !matches!(e, ApiError::Unauthorized { .. }) => {
            core.outbox.update(|o| o.remove(key));
            Err(e)
        }
        // Otherwise keep it, shown as 'gagal' with the reason; no more
        // automatic attempts (a refusal will not change by itself; after a
        // 401 the user signs in again and taps retry).
        Err(e) => {
            let mut kept = entry;
            kept.failed(&e, now_ms());
            kept.next_attempt_ms = u64::MAX;
            core.outbox.update(|o| o.put(kept.clone()));
            if matches!(e, ApiError::Unauthorized { .. }) {
                Err(e)
            } else {
                Ok(SendOutcome::Queued { entry: kept })
            }
        }
    }
}

/// Queues a new reply and makes the first attempt.
pub async fn send(
    core: &Core,
    app: &AppHandle,
    user_id: &str,
    ticket_id: &str,
    reply: &saga_core::ReplyRequest,
) -> Result<SendOutcome, ApiError> {
    let entry = OutboxEntry::new(
        user_id,
        ticket_id,
        reply,
        || format!("{}-{:016x}", now_ms(), rand::random::<u64>()),
        saga_core::format::now_rfc3339(),
        now_ms(),
    );
    let key = entry.key.clone();
    // A retried first send (same key) keeps its place in the queue.
    core.outbox.update(|o| {
        if o.get(&key).is_none() {
            o.put(entry)
        }
    });
    attempt(core, app, &key, Attempt::First).await
}

/// Retries due replies of the signed-in user every two seconds while the
/// app is in the foreground; a delivered reply refreshes its ticket.
pub fn spawn_retrier(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(2)).await;
            let core = app.state::<Arc<Core>>().inner().clone();
            let Some(user) = core.user() else { continue };
            if !core.is_foreground() {
                continue;
            }
            for e in core.outbox.snapshot().due(&user.id, now_ms()) {
                if let Ok(SendOutcome::Sent { .. }) =
                    attempt(&core, &app, &e.key, Attempt::Again).await
                {
                    let _ = app.emit(
                        APP_EVENT,
                        AppEvent::Message {
                            ticket_id: e.ticket_id.clone(),
                        },
                    );
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use saga_core::ReplyRequest;

    #[test]
    fn the_queue_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outbox.json");
        let a = OutboxStore::default();
        a.open(path.clone());
        let e = OutboxEntry::new(
            "U-a",
            "T-1",
            &ReplyRequest {
                message: "Baik, kami jemput besok".into(),
                idempotency_key: Some("k-1".into()),
            },
            || unreachable!(),
            "2026-11-24T01:00:00Z".into(),
            0,
        );
        a.update(|o| o.put(e.clone()));
        let b = OutboxStore::default();
        b.open(path);
        assert_eq!(b.snapshot().entries, vec![e]);
    }
}
