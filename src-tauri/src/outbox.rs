//! Delivering the outbox of L1 replies (see `saga_core::outbox`; the queue's
//! file is `queue`): the first attempt, and the background retrier that sends
//! each reply with its idempotency key until it is sent or the user discards
//! it. The idempotency key is made here, once per reply.

use crate::state::Core;
use saga_core::events::{AppEvent, APP_EVENT};
use saga_core::outbox::{retryable, OutboxEntry, SendOutcome};
use saga_core::ApiError;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tauri::{AppHandle, Emitter, Manager};

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
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

/// A new reply's idempotency key: the one place keys are made. Every
/// attempt of that reply, automatic or by hand, carries it.
pub fn new_key() -> String {
    format!("{}-{:016x}", now_ms(), rand::random::<u64>())
}

/// Queues a new reply (persisted before the first attempt) and makes that
/// attempt.
pub async fn send(
    core: &Core,
    app: &AppHandle,
    user_id: &str,
    ticket_id: &str,
    message: &str,
) -> Result<SendOutcome, ApiError> {
    let entry = OutboxEntry::new(
        user_id,
        ticket_id,
        message,
        new_key(),
        saga_core::format::now_rfc3339(),
        now_ms(),
    );
    let key = entry.key.clone();
    core.outbox.update(|o| o.put(entry));
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
