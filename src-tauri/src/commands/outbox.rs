//! The signed-in user's unsent replies: list, 'Coba lagi', discard.

use super::Signed;
use saga_core::outbox::{OutboxEntry, SendOutcome};
use saga_core::ApiError;

/// The signed-in user's replies on a ticket that are not sent yet.
#[tauri::command]
pub fn outbox_list(s: Signed, id: String) -> Vec<OutboxEntry> {
    s.core().outbox.snapshot().for_ticket(&s.user.id, &id)
}

/// 'Coba lagi' on a reply that failed: same text, same idempotency key.
#[tauri::command]
pub async fn outbox_retry(s: Signed, key: String) -> Result<SendOutcome, ApiError> {
    let mine = s
        .core()
        .outbox
        .snapshot()
        .get(&key)
        .is_some_and(|e| e.user_id == s.user.id);
    if !mine {
        return Err(ApiError::NotFound {
            message: "Balasan ini sudah tidak ada di antrean.".into(),
        });
    }
    crate::outbox::attempt(s.core(), s.app(), &key, crate::outbox::Attempt::Again).await
}

/// Discards a reply that was not sent (the user chose to).
#[tauri::command]
pub fn outbox_discard(s: Signed, key: String) {
    s.core().outbox.update(|o| {
        if o.get(&key).is_some_and(|e| e.user_id == s.user.id) {
            o.remove(&key);
        }
    });
}
