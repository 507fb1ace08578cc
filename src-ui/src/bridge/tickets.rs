//! The inbox, the FREE list, and what is done to a ticket as a whole.

use super::{call, IdArgs, NoArgs};
use saga_core::ipc::Command;
use saga_core::outbox::Outcome;
use saga_core::{
    ApiError, AuditLog, CrmRecord, Division, InboxQuery, TagList, TicketDetail, TicketItem,
    TicketPage,
};
use serde::Serialize;

#[derive(Serialize)]
struct InboxArgs<'a> {
    query: &'a InboxQuery,
}

/// API-4.
pub async fn inbox(query: &InboxQuery) -> Result<TicketPage, ApiError> {
    call(Command::Inbox, &InboxArgs { query }).await
}

#[derive(Serialize)]
struct FreeArgs<'a> {
    division: Option<&'a str>,
}

/// API-5.
pub async fn free_list(division: Option<&str>) -> Result<TicketPage, ApiError> {
    call(Command::FreeList, &FreeArgs { division }).await
}

pub async fn ticket_detail(id: &str) -> Result<TicketDetail, ApiError> {
    call(Command::TicketDetail, &IdArgs { id }).await
}

/// API-8.
pub async fn self_takeover(id: &str) -> Result<TicketItem, ApiError> {
    call(Command::SelfTakeover, &IdArgs { id }).await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AssignArgs<'a> {
    id: &'a str,
    to_agent: &'a str,
    from_agent: Option<&'a str>,
    note: Option<&'a str>,
}

/// API-9 when `from_agent` is `None`, else API-10.
pub async fn assign_ticket(
    id: &str,
    to_agent: &str,
    from_agent: Option<&str>,
    note: Option<&str>,
) -> Result<TicketItem, ApiError> {
    let args = AssignArgs {
        id,
        to_agent,
        from_agent,
        note,
    };
    call(Command::AssignTicket, &args).await
}

/// API-26.
pub async fn tags() -> Result<TagList, ApiError> {
    call(Command::Tags, &NoArgs {}).await
}

#[derive(Serialize)]
struct TagArgs<'a> {
    id: &'a str,
    division: Division,
    tag: &'a str,
    add: bool,
}

/// API-11 on a ticket of `division`.
pub async fn tag_ticket(
    id: &str,
    division: Division,
    tag: &str,
    add: bool,
) -> Result<TicketItem, ApiError> {
    let args = TagArgs {
        id,
        division,
        tag,
        add,
    };
    call(Command::TagTicket, &args).await
}

/// API-13 (SA/TL).
pub async fn audit_log(id: &str) -> Result<AuditLog, ApiError> {
    call(Command::AuditLog, &IdArgs { id }).await
}

#[derive(Serialize)]
struct CrmArgs<'a> {
    id: &'a str,
    division: Division,
    values: &'a serde_json::Map<String, serde_json::Value>,
}

/// API-12: the core checks the values with the CRM schema before sending.
/// Through the outbox: `Queued` when the save waits.
pub async fn update_crm(
    id: &str,
    division: Division,
    values: &serde_json::Map<String, serde_json::Value>,
) -> Result<Outcome<CrmRecord>, ApiError> {
    let args = CrmArgs {
        id,
        division,
        values,
    };
    call(Command::UpdateCrm, &args).await
}
