//! Layer 1 (API-6, 7, 16) and Layer 2 (API-14, 15).
//!
//! L1 and L2 live in separate tables and are written by separate functions.
//! Only [`send_l1`] writes to `messages` and to the outbound channel; the L2
//! handler has no path to either (SEC-5, CRIT-4).

use super::*;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use saga_core::access::{can_reply_l1, can_view_internal};
use saga_core::strings;
use std::collections::HashMap;

const MAX_MESSAGE: usize = 4000;

fn message_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Message> {
    Ok(Message {
        id: r.get(0)?,
        ticket_id: r.get(1)?,
        sender: Sender::parse(&r.get::<_, String>(2)?),
        sender_name: r.get(3)?,
        content: r.get(4)?,
        confidence: r.get(5)?,
        delivery: Delivery::parse(&r.get::<_, String>(6)?),
        created_at: r.get(7)?,
        idempotency_key: r.get(8)?,
    })
}

const MESSAGE_COLS: &str =
    "id, ticket_id, sender, sender_name, content, confidence, delivery, created_at, idempotency_key";

/// API-6. `?limit=N` returns the newest N (oldest first); `?before=ID` pages
/// further back. Without `limit`, the whole history.
pub async fn messages(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Json<MessagePage>> {
    let limit: Option<u32> = match q.get("limit") {
        None => None,
        Some(l) => Some(
            l.parse::<u32>()
                .map_err(|_| {
                    AppError::invalid_field(
                        "invalid_filter",
                        "limit",
                        "limit harus bilangan bulat.",
                    )
                })?
                .clamp(1, 1000),
        ),
    };
    let before = q.get("before").cloned();
    let page = state
        .db
        .tx(move |tx| {
            readable_ticket(tx, &caller, &id)?;
            let total: i64 = tx.query_row("SELECT count(*) FROM messages WHERE ticket_id = ?1", [&id], |r| r.get(0))?;
            let cutoff: Option<(String, String)> = match &before {
                Some(b) => Some(
                    tx.query_row("SELECT created_at, id FROM messages WHERE id = ?1 AND ticket_id = ?2", [b, &id], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?
                    .ok_or_else(|| AppError::not_found("Pesan"))?,
                ),
                None => None,
            };
            let (c_at, c_id) = cutoff.unwrap_or_else(|| ("9999".into(), String::new()));
            let lim = limit.map(|l| l as i64).unwrap_or(-1);
            let mut st = tx.prepare(&format!(
                "SELECT {MESSAGE_COLS} FROM messages WHERE ticket_id = ?1 AND (created_at < ?2 OR (created_at = ?2 AND id < ?3)) \
                 ORDER BY created_at DESC, id DESC LIMIT ?4"
            ))?;
            let mut items = st
                .query_map(params![id, c_at, if c_id.is_empty() { "\u{10ffff}".to_string() } else { c_id }, lim], message_from_row)?
                .collect::<Result<Vec<_>, _>>()?;
            items.reverse();
            Ok(MessagePage { items, total: total as u64 })
        })
        .await?;
    Ok(Json(page))
}

/// Writes one outbound L1 message: the `messages` row and the simulated
/// channel. The only writer of the outbound channel (the blast worker uses it
/// too); customer and bot messages come in through `sim::customer_writes`.
pub(crate) fn send_l1(
    tx: &rusqlite::Transaction<'_>,
    t: &TicketItem,
    sender: Sender,
    sender_id: &str,
    sender_name: &str,
    content: &str,
    idem: Option<&str>,
) -> AppResult<Message> {
    let id = new_id("M");
    let at = now();
    tx.execute(
        "INSERT INTO messages (id, ticket_id, sender, sender_id, sender_name, content, confidence, delivery, idempotency_key, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, 'sent', ?7, ?8)",
        params![id, t.id, sender.as_str(), sender_id, sender_name, content, idem, at],
    )?;
    tx.execute(
        "INSERT INTO outbound (ticket_id, message_id, channel, content, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![t.id, id, t.channel.as_str(), content, at],
    )?;
    tx.execute(
        "UPDATE tickets SET status = CASE WHEN status = 'CLOSED' THEN status ELSE 'AWAITING_RESPONSE' END WHERE id = ?1",
        [&t.id],
    )?;
    touch(tx, &t.id, Some(content))?;
    Ok(tx.query_row(
        &format!("SELECT {MESSAGE_COLS} FROM messages WHERE id = ?1"),
        [&id],
        message_from_row,
    )?)
}

/// WhatsApp's 24-hour window (issue 12, an extension of API-7, API-16 and
/// the follow-up send): free text to a WhatsApp customer who last wrote
/// more than 24 hours ago is refused; only a template as written may go.
pub fn free_text_allowed(t: &TicketItem) -> AppResult<()> {
    let w = saga_core::followup::wa_window(
        &t.channel,
        t.last_customer_message_at.as_deref(),
        chrono::Utc::now().timestamp(),
    );
    if w.allows_free_text() {
        Ok(())
    } else {
        Err(AppError::invalid_field(
            "wa_window_closed",
            "message",
            saga_core::followup::WA_WINDOW_CLOSED,
        ))
    }
}

/// Used by the follow-up sender as well.
pub fn send_agent_message(
    tx: &rusqlite::Transaction<'_>,
    t: &TicketItem,
    caller: &Caller,
    content: &str,
    idem: Option<&str>,
) -> AppResult<Message> {
    send_l1(
        tx,
        t,
        Sender::Agent,
        caller.id(),
        &caller.name,
        content,
        idem,
    )
}

/// API-7: reply to the customer. Only the assignee replies (OQ-14). An
/// `idempotency_key` (body or `Idempotency-Key` header) makes a retried
/// reply land once.
pub async fn reply(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    IdemKey(header_key): IdemKey,
    ApiJson(req): ApiJson<ReplyRequest>,
) -> AppResult<Json<Message>> {
    let content = text("message", "Pesan", &req.message, MAX_MESSAGE)?;
    let idem = req
        .idempotency_key
        .clone()
        .filter(|k| !k.is_empty() && k.len() <= once::MAX_KEY)
        .or(header_key);
    let (m, events) = state
        .db
        .tx(move |tx| {
            let t = readable_ticket(tx, &caller, &id)?;
            if let Some(k) = &idem {
                if let Some(existing) = tx
                    .query_row(
                        &format!("SELECT {MESSAGE_COLS} FROM messages WHERE ticket_id = ?1 AND idempotency_key = ?2"),
                        [&id, k],
                        message_from_row,
                    )
                    .optional()?
                {
                    return Ok((existing, vec![]));
                }
            }
            if !can_reply_l1(&caller.p, t.assigned_to.as_deref()) {
                return Err(AppError::forbidden(if t.is_free() {
                    "Ambil alih tiket ini terlebih dahulu untuk membalas pelanggan."
                } else {
                    "Hanya agent yang menangani tiket ini yang dapat membalas pelanggan."
                }));
            }
            free_text_allowed(&t)?;
            let m = send_l1(tx, &t, Sender::Agent, caller.id(), &caller.name, &content, idem.as_deref())?;
            Ok((
                m,
                vec![
                    ServerEvent::Message {
                        ticket_id: t.id.clone(),
                        division: t.division,
                    },
                    ticket_changed(&t),
                ],
            ))
        })
        .await?;
    state.publish(events);
    Ok(Json(m))
}

/// API-16: the Super Admin replies on L1 as 'Saga Team' without becoming
/// the owner; the handler sees 'Super Admin ikut membalas' (DETAIL-L2-6).
pub async fn reply_as_sa(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    IdemKey(idem): IdemKey,
    ApiJson(req): ApiJson<ReplyAsSaRequest>,
) -> AppResult<Json<Message>> {
    require(&caller.p, Perm::ReplyAsSagaTeam)?;
    let content = text("message", "Pesan", &req.message, MAX_MESSAGE)?;
    let display = text("display_name", "Nama tampilan", &req.display_name, 40)?;
    let (m, events) = state
        .db
        .tx(move |tx| {
            let t = readable_ticket(tx, &caller, &id)?;
            let route = format!("reply-as-sa:{id}");
            if let Some(m) = once::replay(tx, caller.id(), idem.as_deref(), &route)? {
                return Ok((m, vec![]));
            }
            free_text_allowed(&t)?;
            let m = send_l1(
                tx,
                &t,
                Sender::SagaTeam,
                caller.id(),
                &display,
                &content,
                idem.as_deref(),
            )?;
            once::remember(tx, caller.id(), idem.as_deref(), &route, &m)?;
            tx.execute("UPDATE tickets SET sa_joined = 1 WHERE id = ?1", [&id])?;
            audit(
                tx,
                &id,
                Some((caller.id(), &caller.name)),
                "reply_as_sa",
                "Super Admin membalas sebagai Saga Team",
            )?;
            let mut events = vec![
                ServerEvent::Message {
                    ticket_id: t.id.clone(),
                    division: t.division,
                },
                ticket_changed(&t),
            ];
            if let Some(owner) = &t.assigned_to {
                events.push(notify(
                    tx,
                    owner,
                    NotificationKind::Message,
                    strings::SA_JOINED,
                    Content::L1(L1Text::conversation(&format!(
                        "{}: {}",
                        t.customer_name, content
                    ))),
                    Some(&id),
                )?);
            }
            Ok((m, events))
        })
        .await?;
    state.publish(events);
    Ok(Json(m))
}

fn l2_allowed(tx: &rusqlite::Transaction<'_>, caller: &Caller, t: &TicketItem) -> AppResult<()> {
    require(&caller.p, Perm::InternalNotes)?;
    if !can_view_internal(&caller.p, involved(tx, &t.id, caller.id())?) {
        return Err(AppError::forbidden(
            "Catatan internal hanya untuk agent yang terlibat di tiket ini.",
        ));
    }
    Ok(())
}

/// API-14 (DETAIL-L2-4).
pub async fn internal_messages(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> AppResult<Json<InternalMessageList>> {
    let items = state
        .db
        .tx(move |tx| {
            let t = readable_ticket(tx, &caller, &id)?;
            l2_allowed(tx, &caller, &t)?;
            let mut st = tx.prepare(
                "SELECT i.id, i.ticket_id, i.author_id, ua.name, i.content, i.tagged_agent_id, ut.name, i.created_at, i.idempotency_key \
                 FROM internal_messages i JOIN users ua ON ua.id = i.author_id LEFT JOIN users ut ON ut.id = i.tagged_agent_id \
                 WHERE i.ticket_id = ?1 ORDER BY i.created_at, i.id",
            )?;
            let v = st
                .query_map([&id], |r| {
                    Ok(InternalMessage {
                        id: r.get(0)?,
                        ticket_id: r.get(1)?,
                        author_id: r.get(2)?,
                        author_name: r.get(3)?,
                        content: r.get(4)?,
                        tagged_agent_id: r.get(5)?,
                        tagged_agent_name: r.get(6)?,
                        created_at: r.get(7)?,
                        idempotency_key: r.get(8)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(v)
        })
        .await?;
    Ok(Json(InternalMessageList { items }))
}

/// API-15: an internal note. Writes only `internal_messages`.
pub async fn internal_message(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    IdemKey(idem): IdemKey,
    ApiJson(req): ApiJson<InternalMessageRequest>,
) -> AppResult<Json<InternalMessage>> {
    let content = text("content", "Catatan", &req.content, MAX_MESSAGE)?;
    let (m, events) = state
        .db
        .tx(move |tx| {
            let t = readable_ticket(tx, &caller, &id)?;
            let route = format!("note:{id}");
            if let Some(m) = once::replay(tx, caller.id(), idem.as_deref(), &route)? {
                return Ok((m, vec![]));
            }
            l2_allowed(tx, &caller, &t)?;
            let tagged_name = match &req.tagged_agent_id {
                Some(tid) => match user_brief(tx, tid)? {
                    Some((name, role, _, _, true)) if has_status(role) => Some(name),
                    _ => {
                        return Err(AppError::invalid_field(
                            "unknown_agent",
                            "tagged_agent_id",
                            "Agent yang di-tag tidak ditemukan.",
                        ))
                    }
                },
                None => None,
            };
            let mid = new_id("I");
            let at = now();
            tx.execute(
                "INSERT INTO internal_messages (id, ticket_id, author_id, content, tagged_agent_id, created_at, idempotency_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![mid, id, caller.id(), content, req.tagged_agent_id, at, idem],
            )?;
            // Activity time only: the inbox preview never shows L2 text.
            touch(tx, &id, None)?;
            let mut events = vec![ServerEvent::InternalMessage {
                ticket_id: id.clone(),
                division: t.division,
            }];
            let title = format!("Catatan internal dari {}", caller.name);
            let mut told = Vec::new();
            if let Some(tid) = &req.tagged_agent_id {
                involve(tx, &id, tid)?;
                if tid != caller.id() {
                    events.push(notify(tx, tid, NotificationKind::Mention, &format!("{} menandai Anda", caller.name), Content::L2(L2Text::internal(&format!("{}: {}", t.customer_name, content))), Some(&id))?);
                    told.push(tid.clone());
                }
            }
            if let Some(owner) = &t.assigned_to {
                if owner != caller.id() && !told.contains(owner) {
                    events.push(notify(tx, owner, NotificationKind::Note, &title, Content::L2(L2Text::internal(&format!("{}: {}", t.customer_name, content))), Some(&id))?);
                }
            }
            let note = InternalMessage {
                id: mid,
                ticket_id: id,
                author_id: caller.id().to_string(),
                author_name: caller.name.clone(),
                content,
                tagged_agent_id: req.tagged_agent_id,
                tagged_agent_name: tagged_name,
                created_at: at,
                idempotency_key: idem.clone(),
            };
            once::remember(tx, caller.id(), idem.as_deref(), &route, &note)?;
            Ok((note, events))
        })
        .await?;
    state.publish(events);
    Ok(Json(m))
}
