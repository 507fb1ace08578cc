//! HTTP handlers, grouped by domain, and the helpers they share.

pub mod admin;
pub mod analytics;
pub mod conversation;
pub mod dev;
pub mod export;
pub mod followup;
pub mod once;
pub mod session;
pub mod tickets;

use crate::auth::Caller;
use crate::error::{AppError, AppResult};
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
pub use once::IdemKey;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use saga_core::access::{
    access, ensure, has_status, is_supervisor, require, takes_tickets, Ask, Perm,
};
use saga_core::events::ServerEvent;
use saga_core::model::*;
pub use saga_core::notify::{Alert, Content, L1Text, L2Text, NotificationKind};
use serde::de::DeserializeOwned;

/// JSON body extractor whose failures use the contract's error shape:
/// malformed JSON 400, wrong types or unknown enum values 422, oversized 413,
/// wrong content type 415.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json_type = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.starts_with("application/json"))
            .unwrap_or(false);
        if !json_type {
            return Err(AppError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Gunakan Content-Type: application/json.",
            ));
        }
        let bytes = body_bytes(req, state).await?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// A JSON body that may be left out (an empty body is `None`), with
/// [`ApiJson`]'s errors otherwise.
pub struct OptionalJson<T>(pub Option<T>);

impl<S, T> FromRequest<S> for OptionalJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = body_bytes(req, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(OptionalJson(None));
        }
        parse_json(&bytes).map(|v| OptionalJson(Some(v)))
    }
}

/// The request's body, refused past the body limit.
async fn body_bytes<S: Send + Sync>(
    req: Request,
    state: &S,
) -> Result<axum::body::Bytes, AppError> {
    axum::body::Bytes::from_request(req, state)
        .await
        .map_err(|_| {
            AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Isi permintaan terlalu besar.",
            )
        })
}

fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    match serde_json::from_slice::<T>(bytes) {
        Ok(v) => Ok(v),
        // Well-formed JSON of the wrong shape (wrong type, unknown enum
        // value, missing field) is a 422; anything else a 400.
        Err(e) if serde_json::from_slice::<serde_json::Value>(bytes).is_ok() => Err(
            AppError::invalid("invalid_body", format!("Isi permintaan tidak valid: {e}")),
        ),
        Err(_) => Err(AppError::bad_request("JSON tidak valid.")),
    }
}

pub async fn no_route() -> AppError {
    AppError::new(
        StatusCode::NOT_FOUND,
        "no_route",
        "Alamat API tidak dikenal.",
    )
}

pub async fn method_not_allowed() -> AppError {
    AppError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "Metode HTTP tidak didukung untuk alamat ini.",
    )
}

pub fn now() -> String {
    saga_core::format::now_rfc3339()
}

pub fn new_id(prefix: &str) -> String {
    let u = uuid::Uuid::new_v4().simple().to_string();
    format!("{prefix}-{}", &u[..12])
}

pub const TICKET_SELECT: &str = "SELECT t.id, t.division, t.customer_id, c.name, t.channel, t.wa_display_name, \
 t.status, t.queue_status, t.assigned_to, ua.name, t.waiting_for_agent, uw.name, t.returning_customer, t.off_hours, \
 t.crm_stage, t.deal_value, t.quote_value, t.sa_joined, t.created_at, t.last_activity_at, t.waiting_since, \
 t.last_message_preview, (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM ticket_tags tt WHERE tt.ticket_id = t.id ORDER BY tag)), \
 t.last_customer_at \
 FROM tickets t JOIN customers c ON c.id = t.customer_id \
 LEFT JOIN users ua ON ua.id = t.assigned_to LEFT JOIN users uw ON uw.id = t.waiting_for_agent";

pub fn ticket_from_row(r: &Row<'_>) -> rusqlite::Result<TicketItem> {
    let division: String = r.get(1)?;
    let waiting_id: Option<String> = r.get(10)?;
    let waiting_name: Option<String> = r.get(11)?;
    let tags: Option<String> = r.get(22)?;
    Ok(TicketItem {
        id: r.get(0)?,
        division: Division::parse(&division).unwrap_or(Division::Sari),
        customer_id: r.get(2)?,
        customer_name: r.get(3)?,
        channel: Channel::parse(&r.get::<_, String>(4)?),
        wa_display_name: r.get(5)?,
        status: TicketStatus::parse(&r.get::<_, String>(6)?),
        queue_status: QueueStatus::parse(&r.get::<_, String>(7)?),
        assigned_to: r.get(8)?,
        assigned_agent_name: r.get(9)?,
        waiting_for_agent: match (waiting_id, waiting_name) {
            (Some(id), Some(name)) => Some(PersonRef { id, name }),
            _ => None,
        },
        returning_customer: r.get(12)?,
        off_hours: r.get(13)?,
        crm_stage: CrmStage::parse(&r.get::<_, String>(14)?),
        deal_value: r.get(15)?,
        quote_value: r.get(16)?,
        sa_joined: r.get(17)?,
        created_at: r.get(18)?,
        last_activity_at: r.get(19)?,
        waiting_since: r.get(20)?,
        last_message_preview: r.get(21)?,
        last_customer_message_at: r.get(23)?,
        tags: tags
            .map(|t| t.split('\u{1f}').map(String::from).collect())
            .unwrap_or_default(),
    })
}

/// One page of tickets: ids are paged first over an index, then only those
/// rows are loaded with their joins and tags (keeps a page fast at 100k rows).
pub fn ticket_page(
    tx: &Transaction<'_>,
    where_sql: &str,
    args: &[rusqlite::types::Value],
    order: &str,
    limit: u32,
    offset: u32,
) -> AppResult<(Vec<TicketItem>, u64)> {
    let total: i64 = tx.query_row(
        &format!("SELECT count(*) FROM tickets t WHERE {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let mut st = tx.prepare_cached(&format!(
        "SELECT t.id FROM tickets t WHERE {where_sql} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
    ))?;
    let ids: Vec<String> = st
        .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok((load_tickets(tx, &ids)?, total as u64))
}

/// The tickets with these ids, in this order.
pub fn load_tickets(tx: &Transaction<'_>, ids: &[String]) -> AppResult<Vec<TicketItem>> {
    let mut items = Vec::with_capacity(ids.len());
    let mut one = tx.prepare_cached(&format!("{TICKET_SELECT} WHERE t.id = ?1"))?;
    for id in ids {
        items.push(one.query_row([id], ticket_from_row)?);
    }
    Ok(items)
}

pub fn load_ticket(tx: &Transaction<'_>, id: &str) -> AppResult<TicketItem> {
    tx.query_row(
        &format!("{TICKET_SELECT} WHERE t.id = ?1"),
        [id],
        ticket_from_row,
    )
    .optional()?
    .ok_or_else(|| AppError::not_found("Tiket"))
}

/// Loads a ticket the caller may read (its division is in the caller's inbox
/// scope). Out-of-scope tickets answer 404 so their existence does not leak.
/// Besides their division, an agent may read a ticket they handle or are
/// involved in: SA/TL assign across divisions (ASSIGN-2) and the ticket must
/// then be in the new agent's inbox (ASSIGN-3).
pub fn readable_ticket(tx: &Transaction<'_>, caller: &Caller, id: &str) -> AppResult<TicketItem> {
    let t = load_ticket(tx, id)?;
    let own = t.assigned_to.as_deref() == Some(caller.id())
        || t.waiting_for_agent.as_ref().map(|w| w.id.as_str()) == Some(caller.id());
    if !access(&caller.p, Perm::Inbox).covers(t.division) && !own && !involved(tx, id, caller.id())?
    {
        return Err(AppError::not_found("Tiket"));
    }
    Ok(t)
}

pub fn involved(tx: &Transaction<'_>, ticket_id: &str, user_id: &str) -> AppResult<bool> {
    Ok(tx
        .query_row(
            "SELECT 1 FROM ticket_involvement WHERE ticket_id = ?1 AND user_id = ?2",
            [ticket_id, user_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn involve(tx: &Transaction<'_>, ticket_id: &str, user_id: &str) -> AppResult<()> {
    tx.execute(
        "INSERT OR IGNORE INTO ticket_involvement (ticket_id, user_id) VALUES (?1, ?2)",
        [ticket_id, user_id],
    )?;
    Ok(())
}

pub fn audit(
    tx: &Transaction<'_>,
    ticket_id: &str,
    actor: Option<(&str, &str)>,
    action: &str,
    detail: &str,
) -> AppResult<()> {
    tx.execute(
        "INSERT INTO audit_log (ticket_id, actor_id, actor_name, action, detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            ticket_id,
            actor.map(|a| a.0),
            actor.map(|a| a.1).unwrap_or("Sistem"),
            action,
            detail,
            now()
        ],
    )?;
    Ok(())
}

/// Stores a notification for a user and returns the event announcing it.
/// Its text is an `Alert`: made only from content of the kind's layer
/// (DOD-9: an internal note cannot become a customer-message notification).
/// Each phone the user registered gets the push it would be sent
/// (recorded in `pushes`, shown at `GET /api/dev/pushes`).
pub fn notify(
    tx: &Transaction<'_>,
    user_id: &str,
    kind: NotificationKind,
    title: &str,
    content: Content,
    ticket_id: Option<&str>,
) -> AppResult<ServerEvent> {
    let alert = Alert::new(kind, title, content).ok_or_else(|| {
        AppError::internal(format!("notification {} from another layer", kind.as_str()))
    })?;
    let at = now();
    let layer = kind.layer().as_str();
    tx.execute(
        "INSERT INTO notifications (user_id, layer, kind, title, body, ticket_id, read, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
        params![user_id, layer, kind.as_str(), alert.title(), alert.body(), ticket_id, at],
    )?;
    let seq = tx.last_insert_rowid();
    let id = format!("N-{seq}");
    let devices: Vec<(String, String)> = tx
        .prepare_cached("SELECT token, platform FROM devices WHERE user_id = ?1")?
        .query_map([user_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (token, platform) in devices {
        let payload = if platform == "ios" {
            saga_core::notify::apns_payload(&id, &alert, ticket_id)
        } else {
            saga_core::notify::fcm_message(&id, &alert, ticket_id, &token)
        };
        tx.execute(
            "INSERT INTO pushes (user_id, platform, token, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![user_id, platform, token, payload.to_string(), at],
        )?;
    }
    Ok(ServerEvent::Notification {
        user_id: user_id.into(),
        notification: Notification {
            id,
            layer: layer.into(),
            kind: Some(kind.as_str().into()),
            title: alert.title().into(),
            body: alert.body().into(),
            ticket_id: ticket_id.map(String::from),
            read: false,
            created_at: at,
        },
    })
}

/// Name, role, division, status and active flag of a user.
pub type UserBrief = (String, Role, Division, AgentStatus, bool);

pub fn user_brief(tx: &Transaction<'_>, id: &str) -> AppResult<Option<UserBrief>> {
    Ok(tx
        .query_row(
            "SELECT name, role, division, status, active FROM users WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, bool>(4)?,
                ))
            },
        )
        .optional()?
        .map(|(n, r, d, s, a)| {
            (
                n,
                Role::parse(&r).unwrap_or(Role::Viewer),
                Division::parse(&d).unwrap_or(Division::Sari),
                AgentStatus::parse(&s).unwrap_or(AgentStatus::Offline),
                a,
            )
        }))
}

/// Touches a ticket's activity time and preview.
pub fn touch(tx: &Transaction<'_>, ticket_id: &str, preview: Option<&str>) -> AppResult<()> {
    let p: Option<String> = preview.map(|p| p.chars().take(120).collect());
    tx.execute(
        "UPDATE tickets SET last_activity_at = ?2, last_message_preview = COALESCE(?3, last_message_preview) WHERE id = ?1",
        params![ticket_id, now(), p],
    )?;
    Ok(())
}

pub fn ticket_changed(t: &TicketItem) -> ServerEvent {
    ServerEvent::TicketChanged {
        ticket_id: t.id.clone(),
        division: t.division,
    }
}

/// Checks a free-text field: trimmed, non-empty, at most `max` characters.
pub fn text(field: &str, label: &str, value: &str, max: usize) -> AppResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(AppError::invalid_field(
            "required",
            field,
            format!("{label} wajib diisi."),
        ));
    }
    if v.chars().count() > max {
        return Err(AppError::invalid_field(
            "too_long",
            field,
            format!("{label} maksimal {max} karakter."),
        ));
    }
    Ok(v.to_string())
}

/// The division scope requested through `?division=` for list endpoints.
pub fn divisions_for(caller: &Caller, requested: Option<&str>) -> AppResult<Vec<Division>> {
    saga_core::access::inbox_divisions(&caller.p, requested).map_err(AppError::forbidden)
}

/// SQL condition for a set of divisions (none at all when it is every one,
/// so the ordering indexes apply).
pub fn division_cond(divs: &[Division]) -> String {
    if Division::ALL.iter().all(|d| divs.contains(d)) {
        "1".into()
    } else {
        format!("t.division IN ({})", in_list(divs))
    }
}

pub fn in_list(divs: &[Division]) -> String {
    divs.iter()
        .map(|d| format!("'{}'", d.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}
