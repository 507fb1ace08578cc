//! What a person typed on a ticket and has not sent or saved yet: the
//! composer's draft per layer and the CRM form's unsaved values. Kept in the
//! device's local storage per user and ticket, so they survive navigation
//! and restarts, and on a shared device nobody sees another person's text.

use crate::composer::{Composer, Layer};
use crate::store::local::LocalStorage;

/// The CRM form's values by field name.
pub type CrmValues = serde_json::Map<String, serde_json::Value>;

/// The key of one user's work on one ticket.
pub fn scope(user_id: &str, ticket_id: &str) -> String {
    format!("{user_id}/{ticket_id}")
}

/// Where a layer's draft is kept.
pub fn draft_key(scope: &str, l: Layer) -> String {
    format!("saga.draft.{scope}.{}", l.code())
}

/// Where the unsaved CRM values are kept.
pub fn crm_key(scope: &str) -> String {
    format!("saga.crm.{scope}")
}

/// The composer as it was left, L1 mode.
pub fn load_composer(scope: &str) -> Composer {
    Composer {
        mode: Layer::L1,
        l1: LocalStorage::get(draft_key(scope, Layer::L1)).unwrap_or_default(),
        l2: LocalStorage::get(draft_key(scope, Layer::L2)).unwrap_or_default(),
        l2_tag: None,
    }
}

/// Keeps a layer's draft; an empty one is forgotten.
pub fn keep(scope: &str, l: Layer, text: &str) {
    if text.is_empty() {
        LocalStorage::delete(draft_key(scope, l));
    } else {
        let _ = LocalStorage::set(draft_key(scope, l), text);
    }
}

pub fn load_crm(scope: &str) -> Option<CrmValues> {
    LocalStorage::get::<CrmValues>(crm_key(scope))
}

pub fn save_crm(scope: &str, values: &CrmValues) {
    let _ = LocalStorage::set(crm_key(scope), values);
}

pub fn clear_crm(scope: &str) {
    LocalStorage::delete(crm_key(scope));
}

/// Where an unsent follow-up (template and message) is kept.
pub fn followup_key(scope: &str) -> String {
    format!("saga.followup.{scope}")
}

/// The follow-up as it was left: the template picked and the message.
pub fn load_followup(scope: &str) -> (Option<String>, String) {
    LocalStorage::get::<(Option<String>, String)>(followup_key(scope)).unwrap_or_default()
}

pub fn save_followup(scope: &str, template_id: Option<&str>, message: &str) {
    let _ = LocalStorage::set(followup_key(scope), (template_id, message));
}

pub fn clear_followup(scope: &str) {
    LocalStorage::delete(followup_key(scope));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_user_ticket_and_layer_has_its_own_place() {
        let a = scope("U-sari1", "T-000101");
        let b = scope("U-sari2", "T-000101");
        let c = scope("U-sari1", "T-000102");
        let keys = [
            draft_key(&a, Layer::L1),
            draft_key(&a, Layer::L2),
            draft_key(&b, Layer::L1),
            draft_key(&c, Layer::L1),
            crm_key(&a),
            crm_key(&b),
            followup_key(&a),
            followup_key(&b),
        ];
        let mut unique = keys.to_vec();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "{keys:?}");
        // The stored names stay what earlier versions wrote, so drafts
        // typed before an update are still there after it.
        assert_eq!(draft_key(&a, Layer::L2), "saga.draft.U-sari1/T-000101.l2");
        assert_eq!(crm_key(&a), "saga.crm.U-sari1/T-000101");
    }
}
