//! The inbox, the FREE list and what is done to a ticket as a whole: take
//! over, assign, tags, CRM and its history.

use super::{not_blank, Signed};
use saga_core::access::{Ask, Perm};
use saga_core::client::Delivered;
use saga_core::outbox::{Outcome, Write};
use saga_core::{
    ApiError, AssignRequest, AuditLog, CrmRecord, Division, InboxQuery, ReassignRequest, TagAction,
    TagList, TagRequest, TicketDetail, TicketItem, TicketPage,
};

/// API-4.
#[tauri::command]
pub async fn inbox(s: Signed, query: InboxQuery) -> Result<TicketPage, ApiError> {
    s.require(Perm::Inbox)?;
    s.done(s.api().inbox(&query).await)
}

/// API-5.
#[tauri::command]
pub async fn free_list(s: Signed, division: Option<String>) -> Result<TicketPage, ApiError> {
    s.require(Perm::FreeTakeover)?;
    s.done(s.api().free(division.as_deref()).await)
}

/// OQ-15: one ticket with its CRM values.
#[tauri::command]
pub async fn ticket_detail(s: Signed, id: String) -> Result<TicketDetail, ApiError> {
    s.require(Perm::Inbox)?;
    s.done(s.api().ticket(&id).await)
}

/// API-8. A 409 comes back as `conflict` with 'Tiket sudah diambil oleh agent lain'.
#[tauri::command]
pub async fn self_takeover(s: Signed, id: String) -> Result<TicketItem, ApiError> {
    s.require(Perm::FreeTakeover)?;
    s.done(s.api().self_takeover(&id).await)
}

/// API-9 / API-10 (PERM-5): assign when nobody handles the ticket, else
/// move it from the current agent (`from_agent`).
#[tauri::command]
pub async fn assign_ticket(
    s: Signed,
    id: String,
    to_agent: String,
    from_agent: Option<String>,
    note: Option<String>,
) -> Result<TicketItem, ApiError> {
    s.require(Perm::AssignReassign)?;
    let note = note.filter(|n| !n.trim().is_empty());
    let r = match from_agent {
        Some(from_agent) => {
            let req = ReassignRequest {
                from_agent,
                to_agent,
                reason: note,
            };
            s.api().reassign(&id, &req).await
        }
        None => {
            let req = AssignRequest {
                assign_to: to_agent,
                note,
            };
            s.api().assign(&id, &req).await
        }
    };
    s.done(r)
}

/// API-26: all tags (for the tag filter and editor).
#[tauri::command]
pub async fn tags(s: Signed) -> Result<TagList, ApiError> {
    s.done(s.api().tags().await)
}

/// API-11: add or remove a tag on a ticket of `division` (whoever may
/// change that ticket).
#[tauri::command]
pub async fn tag_ticket(
    s: Signed,
    id: String,
    division: Division,
    tag: String,
    add: bool,
) -> Result<TicketItem, ApiError> {
    s.ensure(Ask::EditTicket(division))?;
    not_blank(&tag, "tag", "Nama tag tidak boleh kosong.")?;
    let tag = tag.trim().to_string();
    let action = if add {
        TagAction::Add
    } else {
        TagAction::Remove
    };
    s.done(s.api().tag(&id, &TagRequest { action, tag }).await)
}

/// API-13: the ticket's history (SA/TL, OQ-13).
#[tauri::command]
pub async fn audit_log(s: Signed, id: String) -> Result<AuditLog, ApiError> {
    s.ensure(Ask::AuditLog)?;
    s.done(s.api().audit_log(&id).await)
}

/// API-12 (CRM-*, CRIT-6): the form's values are checked with the core's
/// schema before anything is sent, so Lost without a reason never leaves the
/// app; the server's 422 comes back typed with its field. Through the
/// outbox: a save the server could not take yet waits and is retried.
#[tauri::command]
pub async fn update_crm(
    s: Signed,
    id: String,
    division: Division,
    values: serde_json::Map<String, serde_json::Value>,
) -> Result<Outcome<CrmRecord>, ApiError> {
    s.ensure(Ask::EditTicket(division))?;
    let update = saga_core::crm::prepare(division, &values).map_err(|errs| {
        let e = &errs[0];
        ApiError::Validation {
            code: e.code.to_string(),
            message: e.message.clone(),
            field: Some(e.field.clone()),
        }
    })?;
    let o = crate::outbox::write(s.core(), s.app(), &s.user.id, &id, Write::Crm(update)).await?;
    crate::outbox::narrow(o, Delivered::into_crm)
}
