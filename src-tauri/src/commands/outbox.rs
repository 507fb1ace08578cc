//! The signed-in user's writes not delivered yet: list, 'Coba lagi',
//! discard. Another user's writes on a shared machine are never listed,
//! retried or discarded.

use super::Signed;
use crate::outbox::{attempt, delivered_event, Attempt, Tried};
use saga_core::events::APP_EVENT;
use saga_core::outbox::Pending;
use saga_core::ApiError;
use tauri::Emitter;

/// The signed-in user's waiting writes on a ticket, or all of them.
#[tauri::command]
pub fn outbox_list(s: Signed, id: Option<String>) -> Vec<Pending> {
    let q = s.core().outbox.snapshot();
    match id {
        Some(id) => q.for_ticket(&s.user.id, &id),
        None => q.for_user(&s.user.id),
    }
}

/// 'Coba lagi' on a write that failed: same content, same idempotency key.
/// `None` when it was delivered now (the page reloads what it changed);
/// the write as it still waits otherwise.
#[tauri::command]
pub async fn outbox_retry(s: Signed, key: String) -> Result<Option<Pending>, ApiError> {
    let core = s.core();
    let mine = core.outbox.update(|o| match o.get(&key).cloned() {
        Some(mut e) if e.user_id == s.user.id => {
            // Asked by the person: a refused write rejoins its line.
            e.stopped = false;
            let lane = e.write.lane();
            let t = e.ticket_id.clone();
            o.put(e);
            Some((t, lane))
        }
        _ => None,
    });
    let Some((ticket_id, lane)) = mine else {
        return Err(crate::outbox::gone());
    };
    match attempt(core, s.app(), &key, Attempt::Again).await? {
        Tried::Delivered(_) => {
            let _ = s.app().emit(APP_EVENT, delivered_event(&ticket_id, lane));
            Ok(None)
        }
        Tried::Waiting(p) => Ok(Some(p)),
        // Delivered by the retrier while this waited for its turn: the
        // page learns it from the retrier's event, and from this answer.
        Tried::Settled => Ok(None),
    }
}

/// Discards a write that was not delivered (the person chose to).
#[tauri::command]
pub fn outbox_discard(s: Signed, key: String) {
    s.core().outbox.update(|o| {
        if o.get(&key).is_some_and(|e| e.user_id == s.user.id) {
            o.remove(&key);
        }
    });
}
