//! Delivering the outbox (see `saga_core::outbox`; the queue's file is
//! `queue`): every write a person typed (replies, Saga Team replies,
//! follow-ups, internal notes, CRM saves) is persisted with its idempotency
//! key before the first attempt, then sent by the first attempt or by the
//! background retrier, in order per ticket and lane, until it is delivered
//! or the person discards it. The idempotency key is made here, once per
//! write.

use crate::state::Core;
use saga_core::client::Delivered;
use saga_core::events::{AppEvent, APP_EVENT};
use saga_core::outbox::{retryable, Lane, OutboxEntry, Outcome, Pending, Write};
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

/// The first attempt answers the person directly (a refusal returns the
/// text to where it was typed); later attempts, by hand or in the
/// background, keep the write queued whatever happens.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    First,
    Again,
}

/// What one attempt ended in.
pub enum Tried {
    Delivered(Delivered),
    /// Still waiting (failed, refused in the background, or behind an
    /// earlier write of its lane).
    Waiting(Pending),
    /// No longer waiting when its turn came: the other path (the retrier, or
    /// 'Coba lagi') delivered it meanwhile, or the person discarded it. Its
    /// event brought what it made to the page; nothing is waiting to show.
    Settled,
}

/// The answer about a write that is no longer waiting.
pub fn gone() -> ApiError {
    ApiError::NotFound {
        message: "Pesan ini sudah tidak ada di antrean.".into(),
    }
}

/// Sends one queued write with its idempotency key, if it is the first of
/// its lane (writes of a lane go in order; one at a time).
pub async fn attempt(
    core: &Core,
    app: &AppHandle,
    key: &str,
    how: Attempt,
) -> Result<Tried, ApiError> {
    let Some(entry) = core.outbox.snapshot().get(key).cloned() else {
        return Err(gone());
    };
    let lane = core.outbox.lane_lock(&entry);
    let _one_at_a_time = lane.lock().await;
    // Read again: the other path may have delivered it while this waited
    // (its event brings what it made to the page).
    let snapshot = core.outbox.snapshot();
    let Some(entry) = snapshot.get(key).cloned() else {
        return Ok(Tried::Settled);
    };
    if !snapshot.is_head(key) {
        core.flush.notify_one();
        return Ok(Tried::Waiting(entry.pending()));
    }
    let api = core.api()?.clone();
    let r = api
        .deliver(&entry.ticket_id, &entry.write, &entry.key)
        .await;
    // One line per attempt that is not a plain first success, so that a
    // write which will not leave the outbox can be followed (no content:
    // the key's tail, the lane, the attempt and the answer).
    let tail: String = key
        .chars()
        .skip(key.chars().count().saturating_sub(6))
        .collect();
    match (&r, how, entry.attempts) {
        (Ok(_), Attempt::First, _) => {}
        (Ok(_), _, n) => crate::say!(
            "outbox …{tail} {:?}: delivered at attempt {}",
            entry.write.lane(),
            n + 1
        ),
        (Err(e), _, n) => crate::say!(
            "outbox …{tail} {:?}: attempt {} failed: {}",
            entry.write.lane(),
            n + 1,
            e.message()
        ),
    }
    match core.check(app, r) {
        Ok(done) => {
            core.outbox.update(|o| o.remove(key));
            Ok(Tried::Delivered(done))
        }
        // Refused on the first try (not the owner any more, the WhatsApp
        // window closed, a CRM field the server rejects): the text goes back
        // where it was typed with the reason; nothing is queued.
        Err(e) if how == Attempt::First && !retryable(&e) => {
            core.outbox.update(|o| o.remove(key));
            Err(e)
        }
        Err(e) => {
            let mut kept = entry;
            if retryable(&e) {
                kept.failed(&e, now_ms());
            } else {
                // Kept, shown as 'gagal' with the reason; no more automatic
                // attempts (a refusal will not change by itself).
                kept.refused(&e);
            }
            core.outbox.update(|o| o.put(kept.clone()));
            Ok(Tried::Waiting(kept.pending()))
        }
    }
}

/// A new write's idempotency key: the one place keys are made. Every
/// attempt of that write, automatic or by hand, carries it.
pub fn new_key() -> String {
    format!("{}-{:016x}", now_ms(), rand::random::<u64>())
}

/// Queues a new write (persisted before the first attempt) and makes that
/// attempt; the answer is the server's, or the write as it waits.
pub async fn write(
    core: &Core,
    app: &AppHandle,
    user_id: &str,
    ticket_id: &str,
    write: Write,
) -> Result<Outcome<Delivered>, ApiError> {
    let entry = OutboxEntry::new(
        user_id,
        ticket_id,
        write,
        new_key(),
        saga_core::format::now_rfc3339(),
        now_ms(),
    );
    let key = entry.key.clone();
    // The retrier leaves it to this first attempt.
    core.outbox.first_attempt(&key, true);
    core.outbox.update(|o| o.put(entry));
    let tried = attempt(core, app, &key, Attempt::First).await;
    core.outbox.first_attempt(&key, false);
    Ok(match tried? {
        Tried::Delivered(value) => Outcome::Done { value },
        Tried::Waiting(entry) => Outcome::Queued { entry },
        // Nothing else attempts a write in its first attempt; gone, it was
        // discarded (signed out meanwhile).
        Tried::Settled => return Err(gone()),
    })
}

/// Narrows a delivered write's answer to what its kind answers (a note
/// answers a note, ...), for the command that made it.
pub fn narrow<T>(
    o: Outcome<Delivered>,
    pick: impl FnOnce(Delivered) -> Option<T>,
) -> Result<Outcome<T>, ApiError> {
    Ok(match o {
        Outcome::Queued { entry } => Outcome::Queued { entry },
        Outcome::Done { value } => Outcome::Done {
            value: pick(value).ok_or_else(|| ApiError::Server {
                status: 200,
                message: "Jawaban server tidak sesuai dengan kiriman.".into(),
            })?,
        },
    })
}

/// The event that makes a page reload what a delivered write changed.
pub fn delivered_event(ticket_id: &str, lane: Lane) -> AppEvent {
    let ticket_id = ticket_id.to_string();
    match lane {
        Lane::L1 => AppEvent::Message { ticket_id },
        Lane::L2 => AppEvent::InternalMessage { ticket_id },
        Lane::Crm => AppEvent::TicketsChanged {
            ticket_ids: vec![ticket_id],
        },
    }
}

/// Retries due writes of the signed-in user every two seconds while the app
/// is in the foreground, and every waiting one at once when the connection
/// comes back or someone signs in (`Core::flush`). A lane that delivers goes
/// on to its next write straight away; a delivered write refreshes its
/// ticket.
pub fn spawn_retrier(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut all = true;
        loop {
            let core = app.state::<Arc<Core>>().inner().clone();
            if !all {
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(2)) => {}
                    _ = core.flush.notified() => all = true,
                }
            }
            let Some(user) = core.user() else {
                all = false;
                continue;
            };
            if !core.is_foreground() {
                all = false;
                continue;
            }
            let mut due = core.outbox.snapshot().due(&user.id, now_ms(), all);
            due.retain(|e| !core.outbox.in_first_attempt(&e.key));
            all = false;
            while let Some(e) = due.pop() {
                let lane = e.write.lane();
                let was = e.pending();
                let tried = attempt(&core, &app, &e.key, Attempt::Again).await;
                if let Ok(Tried::Waiting(now)) = &tried {
                    // 'mengirim' became 'gagal', or the reason changed.
                    if (now.state, &now.reason) != (was.state, &was.reason) {
                        let _ = app.emit(APP_EVENT, delivered_event(&e.ticket_id, lane));
                    }
                }
                if let Ok(Tried::Delivered(_)) = tried {
                    let _ = app.emit(APP_EVENT, delivered_event(&e.ticket_id, lane));
                    // The lane's next write, if there is one, goes now.
                    let next = core.outbox.snapshot().due(&user.id, u64::MAX, true);
                    if let Some(n) = next
                        .into_iter()
                        .find(|n| n.ticket_id == e.ticket_id && n.write.lane() == lane)
                    {
                        due.push(n);
                    }
                }
            }
        }
    });
}
