//! Inbox, FREE list, ticket detail, takeover, assignment, tags, CRM, audit
//! (API-4, 5, 8..13, 26, 32 and the OQ-15 detail extension).

use super::*;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use saga_core::access::{can_take_over, can_view_internal};
use saga_core::strings;
use serde_json::{Map, Value};
use std::collections::HashMap;

type Q = Query<HashMap<String, String>>;

fn check_enum<T>(
    q: &HashMap<String, String>,
    key: &str,
    parse: impl Fn(&str) -> T,
    known: impl Fn(&T) -> bool,
) -> AppResult<Option<String>> {
    match q.get(key).map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(v) => {
            if known(&parse(v)) {
                Ok(Some(v.to_string()))
            } else {
                Err(AppError::invalid_field(
                    "invalid_filter",
                    key,
                    format!("Nilai filter {key} '{v}' tidak dikenal."),
                ))
            }
        }
    }
}

fn paging(q: &HashMap<String, String>) -> AppResult<(u32, u32)> {
    let limit = match q.get("limit") {
        None => 50,
        Some(s) => s.parse::<u32>().map_err(|_| {
            AppError::invalid_field("invalid_filter", "limit", "limit harus bilangan bulat.")
        })?,
    }
    .clamp(1, 500);
    let offset = match q.get("offset") {
        None => 0,
        Some(s) => s.parse::<u32>().map_err(|_| {
            AppError::invalid_field("invalid_filter", "offset", "offset harus bilangan bulat.")
        })?,
    };
    Ok((limit, offset))
}

/// API-4: the inbox with the seven filters (INBOX-6) and paging.
pub async fn inbox(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Q,
) -> AppResult<Json<TicketPage>> {
    let divs = divisions_for(&caller, q.get("division").map(String::as_str))?;
    let own_scope = !saga_core::access::sees_all_divisions(&caller.p);
    let explicit_division = q.get("division").filter(|d| !d.is_empty()).cloned();
    let status = check_enum(&q, "status", TicketStatus::parse, TicketStatus::is_known)?;
    let queue = check_enum(
        &q,
        "queue_status",
        QueueStatus::parse,
        QueueStatus::is_known,
    )?;
    let channel = check_enum(&q, "channel", Channel::parse, Channel::is_known)?;
    let stage = check_enum(&q, "crm_stage", CrmStage::parse, CrmStage::is_known)?;
    let (limit, offset) = paging(&q)?;
    let tags: Vec<String> = q
        .get("tags")
        .map(|t| {
            t.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let assigned = q
        .get("assigned_to")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let search = q
        .get("q")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .map(|s| Search::parse(&s))
        .transpose()?;
    let order = match q.get("order").map(String::as_str) {
        None | Some("") | Some("activity") => "t.last_activity_at DESC, t.id DESC",
        Some("idle") => "t.last_activity_at ASC, t.id ASC",
        Some("waiting") => "t.waiting_since ASC, t.id ASC",
        Some(_) => {
            return Err(AppError::invalid_field(
                "invalid_filter",
                "order",
                "Urutan tidak dikenal (activity, idle, waiting).",
            ))
        }
    };
    let newest_first = order.starts_with("t.last_activity_at DESC");
    // Only an open ticket can be idle (PANEL-4): a closed one is done.
    let open_only = q.get("order").map(String::as_str) == Some("idle");
    let me = caller.id().to_string();
    let page = state
        .db
        .tx(move |tx| {
            let mut args: Vec<Value> = Vec::new();
            // Pushes a bound value and returns its placeholder.
            let mut arg = |v: Value| {
                args.push(v);
                format!("?{}", args.len())
            };
            // Agents also see tickets handed to them from another division
            // (ASSIGN-3) unless they asked for one division explicitly.
            let division = division_cond(&divs);
            let also_owned = (own_scope && explicit_division.is_none()).then(|| arg(me.clone().into()));
            let mut wh = Vec::new();
            for (col, v) in [
                ("status", status),
                ("queue_status", queue),
                ("channel", channel),
                ("crm_stage", stage),
            ] {
                if let Some(v) = v {
                    wh.push(format!("t.{col} = {}", arg(v.into())));
                }
            }
            match assigned.as_deref() {
                None => {}
                Some("none") => wh.push("t.assigned_to IS NULL".into()),
                Some(who) => {
                    let id = if who == "me" {
                        me.clone()
                    } else {
                        who.to_string()
                    };
                    let p = arg(id.into());
                    // owner_id = the assignee, or the agent a returning ticket waits for.
                    wh.push(format!("t.owner_id = {p}"));
                }
            }
            if let Some(s) = &search {
                wh.push(s.condition(&mut arg));
            }
            if open_only {
                wh.push("t.status != 'CLOSED'".into());
            }
            if !tags.is_empty() {
                // Any of the listed tags (OQ-31).
                let ps: Vec<String> = tags.iter().map(|t| arg(t.clone().into())).collect();
                wh.push(format!(
                    "t.id IN (SELECT ticket_id FROM ticket_tags WHERE tag IN ({}))",
                    ps.join(",")
                ));
            }
            let filters = if wh.is_empty() {
                "1".to_string()
            } else {
                wh.join(" AND ")
            };
            let args: Vec<rusqlite::types::Value> = args.iter().map(json_to_sql).collect();
            let (where_sql, count_sql) = match &also_owned {
                None => {
                    let w = format!("{division} AND {filters}");
                    let c = format!("SELECT count(*) FROM tickets t WHERE {w}");
                    (w, c)
                }
                // Counted as two disjoint parts, each over its own index: as
                // one OR the count read every row of the division.
                Some(me_p) => (
                    format!("({division} OR t.owner_id = {me_p}) AND {filters}"),
                    format!(
                        "SELECT (SELECT count(*) FROM tickets t WHERE {division} AND {filters}) \
                         + (SELECT count(*) FROM tickets t WHERE t.owner_id = {me_p} AND NOT ({division}) AND {filters})"
                    ),
                ),
            };
            let count = || -> AppResult<i64> {
                Ok(tx.query_row(&count_sql, rusqlite::params_from_iter(args.iter()), |r| {
                    r.get(0)
                })?)
            };
            if search.is_some() {
                // A search's matches are few and found over their own
                // index: one statement sorts and counts them together.
                let mut st = tx.prepare_cached(&format!(
                    "SELECT t.id, count(*) OVER () FROM tickets t WHERE {where_sql} \
                     ORDER BY {order} LIMIT {limit} OFFSET {offset}"
                ))?;
                let rows: Vec<(String, i64)> = st
                    .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?
                    .collect::<Result<_, _>>()?;
                let total = match rows.first() {
                    Some((_, n)) => *n,
                    None if offset > 0 => count()?,
                    None => 0,
                };
                let ids: Vec<String> = rows.into_iter().map(|(id, _)| id).collect();
                return Ok(TicketPage {
                    items: load_tickets(tx, &ids)?,
                    total: total as u64,
                    limit,
                    offset,
                });
            }
            let total = count()?;
            // When matches are common, walking the activity index in order
            // (every filter column is inside it, no table reads) finds the
            // page after about (offset + limit) * all / total entries; when
            // they are rare, fetching them over a filter index and sorting
            // them is cheaper. A sorted row costs about ten walked entries
            // (at 100,000 tickets: 0.9 µs against 0.06 µs), so the count
            // decides. SQLite's own guess sorted 20,000 rows for a common
            // filter (docs/performance.md).
            let all: i64 = tx.query_row("SELECT count(*) FROM tickets", [], |r| r.get(0))?;
            // A search or another order finds few rows over its own index.
            let walk = newest_first
                && search.is_none()
                && total.saturating_mul(total).saturating_mul(10)
                    >= i64::from(offset + limit).saturating_mul(all);
            let hint = if walk {
                "INDEXED BY tickets_activity_cover"
            } else {
                ""
            };
            let mut st = tx.prepare_cached(&format!(
                "SELECT t.id FROM tickets t {hint} WHERE {where_sql} \
                 ORDER BY {order} LIMIT {limit} OFFSET {offset}"
            ))?;
            let ids: Vec<String> = st
                .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let items = load_tickets(tx, &ids)?;
            let total = total as u64;
            Ok(TicketPage {
                items,
                total,
                limit,
                offset,
            })
        })
        .await?;
    Ok(Json(page))
}

/// The inbox search (the `q` extension of API-4, issue 14).
#[derive(Debug, Clone, PartialEq)]
pub enum Search {
    /// A ticket id (`T-123` finds `T-000123`).
    Ticket(String),
    /// Phone digits; typed with a leading 0 they are also read as the
    /// local form of +62 (`0812` finds `+62 812`), and still as digits
    /// anywhere in the number.
    Phone(String),
    /// Part of the customer's name or WhatsApp name.
    Name(String),
}

impl Search {
    pub fn parse(q: &str) -> AppResult<Search> {
        let q = q.trim();
        let lower = q.to_lowercase();
        if let Some(n) = lower
            .strip_prefix("t-")
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            return Ok(Search::Ticket(format!("T-{:0>6}", n)));
        }
        let digits: String = q
            .chars()
            .filter(|c| !matches!(c, ' ' | '+' | '-' | '.' | '(' | ')'))
            .collect();
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            if digits.len() < 4 {
                return Err(AppError::invalid_field(
                    "too_short",
                    "q",
                    "Ketik minimal 4 angka nomor telepon.",
                ));
            }
            return Ok(Search::Phone(digits));
        }
        if q.chars().count() < 3 {
            return Err(AppError::invalid_field(
                "too_short",
                "q",
                "Ketik minimal 3 huruf untuk mencari.",
            ));
        }
        if q.chars().count() > 80 {
            return Err(AppError::invalid_field(
                "too_long",
                "q",
                "Pencarian terlalu panjang.",
            ));
        }
        Ok(Search::Name(q.to_string()))
    }

    /// The SQL condition, with its values bound through `arg`.
    fn condition(&self, arg: &mut impl FnMut(Value) -> String) -> String {
        let fts = |expr: String, arg: &mut dyn FnMut(Value) -> String| {
            format!(
                "t.customer_id IN (SELECT c.id FROM customers c WHERE c.rowid IN \
                 (SELECT rowid FROM customer_search WHERE customer_search MATCH {}))",
                arg(expr.into())
            )
        };
        let phrase = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        match self {
            Search::Ticket(id) => format!("t.id = {}", arg(id.clone().into())),
            Search::Phone(d) => {
                let expr = match d.strip_prefix('0') {
                    Some(rest) => format!(
                        "phone_digits : ({} OR {})",
                        phrase(&format!("62{rest}")),
                        phrase(d)
                    ),
                    None => format!("phone_digits : {}", phrase(d)),
                };
                fts(expr, arg)
            }
            Search::Name(n) => fts(format!("{{name wa}} : {}", phrase(n)), arg),
        }
    }
}

fn json_to_sql(v: &Value) -> rusqlite::types::Value {
    match v {
        Value::String(s) => rusqlite::types::Value::Text(s.clone()),
        Value::Number(n) => n
            .as_i64()
            .map(rusqlite::types::Value::Integer)
            .unwrap_or(rusqlite::types::Value::Real(n.as_f64().unwrap_or(0.0))),
        Value::Bool(b) => rusqlite::types::Value::Integer(*b as i64),
        _ => rusqlite::types::Value::Null,
    }
}

/// API-5: 'Percakapan Bot Aktif', the FREE tickets of the caller's division
/// (FREE-1..3). SA/TL may ask for any division (OQ-12).
pub async fn free(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Q,
) -> AppResult<Json<TicketPage>> {
    let divs = match require(&caller.p, Perm::FreeTakeover)? {
        saga_core::Scope::Division(d) => vec![d],
        _ => divisions_for(&caller, q.get("division").map(String::as_str))?,
    };
    let (limit, offset) = paging(&q)?;
    let page = state
        .db
        .tx(move |tx| {
            let w = format!(
                "t.queue_status = 'FREE' AND t.division IN ({})",
                in_list(&divs)
            );
            let (items, total) =
                ticket_page(tx, &w, &[], "t.waiting_since ASC, t.id", limit, offset)?;
            Ok(TicketPage {
                items,
                total,
                limit,
                offset,
            })
        })
        .await?;
    Ok(Json(page))
}

pub fn load_crm(tx: &rusqlite::Transaction<'_>, id: &str) -> AppResult<CrmRecord> {
    Ok(tx.query_row(
        "SELECT crm_stage, lost_reason, quote_value, deal_value, crm_data, bot_detected, agent_corrected FROM tickets WHERE id = ?1",
        [id],
        |r| {
            Ok(CrmRecord {
                crm_stage: CrmStage::parse(&r.get::<_, String>(0)?),
                lost_reason: r.get(1)?,
                quote_value: r.get(2)?,
                deal_value: r.get(3)?,
                crm_data: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
                bot_detected: serde_json::from_str(&r.get::<_, String>(5)?).unwrap_or_default(),
                agent_corrected: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
            })
        },
    )?)
}

/// OQ-15 extension: one ticket with its CRM values.
pub async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> AppResult<Json<TicketDetailJson>> {
    let d = state
        .db
        .tx(move |tx| {
            let item = readable_ticket(tx, &caller, &id)?;
            let crm = load_crm(tx, &id)?;
            let inv = involved(tx, &id, caller.id())?;
            Ok(TicketDetailJson {
                item,
                crm,
                can_view_internal: can_view_internal(&caller.p, inv),
            })
        })
        .await?;
    Ok(Json(d))
}

/// API-8: atomic self-takeover. Of any number of simultaneous claims exactly
/// one succeeds; the others get 409 (TAKEOVER-4, CRIT-7).
pub async fn self_takeover(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> AppResult<Json<TicketItem>> {
    let (t, events) = state
        .db
        .tx(move |tx| {
            let t = readable_ticket(tx, &caller, &id)?;
            if !require(&caller.p, Perm::FreeTakeover)?.covers(t.division) {
                return Err(AppError::forbidden("Anda hanya dapat mengambil alih tiket divisi Anda sendiri."));
            }
            let at = now();
            let n = tx.execute(
                "UPDATE tickets SET queue_status = 'ASSIGNED', assigned_to = ?2, waiting_since = NULL, \
                 status = CASE WHEN status IN ('NEW', 'AWAITING_RESPONSE') THEN 'IN_PROGRESS' ELSE status END, \
                 first_pickup_at = COALESCE(first_pickup_at, ?3), last_activity_at = ?3 \
                 WHERE id = ?1 AND queue_status = 'FREE' AND assigned_to IS NULL",
                params![id, caller.id(), at],
            )?;
            if n == 0 {
                return Err(AppError::conflict("already_taken", strings::ALREADY_TAKEN));
            }
            debug_assert!(can_take_over(&caller.p, t.division, true));
            involve(tx, &id, caller.id())?;
            audit(tx, &id, Some((caller.id(), &caller.name)), "self_takeover", &format!("{} mengambil alih tiket dari bot", caller.name))?;
            let t = load_ticket(tx, &id)?;
            Ok((t.clone(), vec![ticket_changed(&t)]))
        })
        .await?;
    state.publish(events);
    Ok(Json(t))
}

fn check_target(tx: &rusqlite::Transaction<'_>, id: &str) -> AppResult<String> {
    let Some((name, role, _, status, active)) = user_brief(tx, id)? else {
        return Err(AppError::invalid_field(
            "unknown_agent",
            "assign_to",
            "Agent tujuan tidak ditemukan.",
        ));
    };
    if !active || !takes_tickets(role) {
        return Err(AppError::invalid_field(
            "invalid_agent",
            "assign_to",
            format!("{name} tidak dapat menerima tiket."),
        ));
    }
    if status != AgentStatus::Online {
        return Err(AppError::invalid_field(
            "agent_offline",
            "assign_to",
            format!("{name} sedang Offline. Pilih agent yang Online."),
        ));
    }
    Ok(name)
}

fn do_assign(
    tx: &rusqlite::Transaction<'_>,
    caller: &Caller,
    id: &str,
    to: &str,
    note: Option<&str>,
    action: &str,
) -> AppResult<(TicketItem, Vec<ServerEvent>)> {
    let t = load_ticket(tx, id)?;
    let to_name = check_target(tx, to)?;
    let old = t.assigned_to.clone();
    if old.as_deref() == Some(to) {
        return Err(AppError::conflict(
            "already_assigned",
            format!("Tiket sudah ditangani oleh {to_name}."),
        ));
    }
    let at = now();
    tx.execute(
        "UPDATE tickets SET queue_status = 'ASSIGNED', assigned_to = ?2, waiting_for_agent = NULL, waiting_since = NULL, \
         status = CASE WHEN status = 'NEW' THEN 'IN_PROGRESS' ELSE status END, \
         first_pickup_at = COALESCE(first_pickup_at, ?3), last_activity_at = ?3 WHERE id = ?1",
        params![id, to, at],
    )?;
    involve(tx, id, to)?;
    let mut detail = match &old {
        Some(o) => {
            let old_name = user_brief(tx, o)?.map(|u| u.0).unwrap_or_default();
            format!(
                "{} memindahkan tiket dari {} ke {}",
                caller.name, old_name, to_name
            )
        }
        None => format!("{} meng-assign tiket ke {}", caller.name, to_name),
    };
    if let Some(n) = note.filter(|n| !n.trim().is_empty()) {
        detail.push_str(&format!(" — {}", n.trim()));
    }
    audit(tx, id, Some((caller.id(), &caller.name)), action, &detail)?;
    let mut events = Vec::new();
    if let Some(o) = old {
        events.push(notify(
            tx,
            &o,
            NotificationKind::Moved,
            &strings::ticket_moved_by(&caller.name),
            Content::System(format!("{} — {}", t.customer_name, detail)),
            Some(id),
        )?);
    }
    events.push(notify(
        tx,
        to,
        NotificationKind::Assignment,
        &format!("Tiket baru untuk Anda dari {}", caller.name),
        Content::System(format!(
            "{} ({}){}",
            t.customer_name,
            t.channel,
            note.map(|n| format!(": {n}")).unwrap_or_default()
        )),
        Some(id),
    )?);
    let t = load_ticket(tx, id)?;
    events.push(ticket_changed(&t));
    Ok((t, events))
}

/// API-9 (SA/TL, PERM-5).
pub async fn assign(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<AssignRequest>,
) -> AppResult<Json<TicketItem>> {
    require(&caller.p, Perm::AssignReassign)?;
    let (t, events) = state
        .db
        .tx(move |tx| {
            do_assign(
                tx,
                &caller,
                &id,
                &req.assign_to,
                req.note.as_deref(),
                "assign",
            )
        })
        .await?;
    state.publish(events);
    Ok(Json(t))
}

/// API-10 (SA/TL, PERM-5). `from_agent` must be the current assignee.
pub async fn reassign(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<ReassignRequest>,
) -> AppResult<Json<TicketItem>> {
    require(&caller.p, Perm::AssignReassign)?;
    let (t, events) = state
        .db
        .tx(move |tx| {
            let t = load_ticket(tx, &id)?;
            if t.assigned_to.as_deref() != Some(req.from_agent.as_str()) {
                return Err(AppError::conflict(
                    "stale_assignment",
                    format!(
                        "Tiket ini sekarang ditangani oleh {}. Muat ulang lalu coba lagi.",
                        t.assigned_agent_name
                            .as_deref()
                            .unwrap_or("tidak ada agent")
                    ),
                ));
            }
            do_assign(
                tx,
                &caller,
                &id,
                &req.to_agent,
                req.reason.as_deref(),
                "reassign",
            )
        })
        .await?;
    state.publish(events);
    Ok(Json(t))
}

fn may_work_on(caller: &Caller, t: &TicketItem) -> AppResult<()> {
    Ok(ensure(&caller.p, Ask::EditTicket(t.division))?)
}

/// API-11: add or remove a tag; an unknown tag becomes a custom tag (OQ-31).
pub async fn tag(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<TagRequest>,
) -> AppResult<Json<TicketItem>> {
    let name = text("tag", "Tag", &req.tag, 40)?;
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == ' ')
    {
        return Err(AppError::invalid_field(
            "invalid_tag",
            "tag",
            "Tag hanya boleh berisi huruf, angka, spasi, - dan _.",
        ));
    }
    let (t, events) = state
        .db
        .tx(move |tx| {
            let t = readable_ticket(tx, &caller, &id)?;
            may_work_on(&caller, &t)?;
            match req.action {
                TagAction::Add => {
                    tx.execute(
                        "INSERT OR IGNORE INTO tags (name, kind) VALUES (?1, 'custom')",
                        [&name],
                    )?;
                    tx.execute(
                        "INSERT OR IGNORE INTO ticket_tags (ticket_id, tag) VALUES (?1, ?2)",
                        [&id, &name],
                    )?;
                    audit(
                        tx,
                        &id,
                        Some((caller.id(), &caller.name)),
                        "tag_add",
                        &format!("Tag '{name}' ditambahkan"),
                    )?;
                }
                TagAction::Remove => {
                    tx.execute(
                        "DELETE FROM ticket_tags WHERE ticket_id = ?1 AND tag = ?2",
                        [&id, &name],
                    )?;
                    audit(
                        tx,
                        &id,
                        Some((caller.id(), &caller.name)),
                        "tag_remove",
                        &format!("Tag '{name}' dihapus"),
                    )?;
                }
            }
            let t2 = load_ticket(tx, &t.id)?;
            Ok((t2.clone(), vec![ticket_changed(&t2)]))
        })
        .await?;
    state.publish(events);
    Ok(Json(t))
}

/// API-12: CRM update, validated per division (CRM-*, CRIT-6). Lost without
/// `lost_reason` and unknown fields are 422 and nothing is saved.
pub async fn crm(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    IdemKey(idem): IdemKey,
    ApiJson(req): ApiJson<CrmUpdate>,
) -> AppResult<Json<CrmRecord>> {
    let (rec, events) = state
        .db
        .tx(move |tx| {
            let t = readable_ticket(tx, &caller, &id)?;
            let route = format!("crm:{id}");
            if let Some(r) = super::once::replay(tx, caller.id(), idem.as_deref(), &route)? {
                return Ok((r, vec![]));
            }
            may_work_on(&caller, &t)?;
            let clean = saga_core::crm::check_update(t.division, &req).map_err(|errs| {
                let e = &errs[0];
                let mut err = AppError::invalid_field(e.code, &e.field, e.message.clone());
                if errs.len() > 1 {
                    err.body.error.message = errs.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ");
                }
                err
            })?;
            let before = load_crm(tx, &id)?;
            // Bot-detected fields the agent changed become "corrected" (OQ-17).
            let old_flat = flat(&before);
            let new_flat = saga_core::crm::flatten(&clean);
            let mut bot = before.bot_detected.clone();
            let mut corrected = before.agent_corrected.clone();
            bot.retain(|f| {
                let changed = old_flat.get(f) != new_flat.get(f);
                if changed && !corrected.contains(f) {
                    corrected.push(f.clone());
                }
                !changed
            });
            let closing = matches!(clean.crm_stage, CrmStage::Won | CrmStage::Lost);
            tx.execute(
                "UPDATE tickets SET crm_stage = ?2, lost_reason = ?3, quote_value = ?4, deal_value = ?5, crm_data = ?6, \
                 bot_detected = ?7, agent_corrected = ?8, last_activity_at = ?9, \
                 closed_at = CASE WHEN ?10 THEN COALESCE(closed_at, ?9) ELSE NULL END WHERE id = ?1",
                params![
                    id,
                    clean.crm_stage.as_str(),
                    clean.lost_reason,
                    clean.quote_value,
                    clean.deal_value,
                    serde_json::to_string(&clean.crm_data)?,
                    serde_json::to_string(&bot)?,
                    serde_json::to_string(&corrected)?,
                    now(),
                    closing
                ],
            )?;
            if before.crm_stage != clean.crm_stage {
                let mut d = format!("Tahap CRM: {} → {}", before.crm_stage, clean.crm_stage);
                if let Some(r) = &clean.lost_reason {
                    d.push_str(&format!(" (alasan: {r})"));
                }
                audit(tx, &id, Some((caller.id(), &caller.name)), "crm_stage", &d)?;
            } else {
                audit(tx, &id, Some((caller.id(), &caller.name)), "crm_update", "Data CRM diperbarui")?;
            }
            let rec = load_crm(tx, &id)?;
            super::once::remember(tx, caller.id(), idem.as_deref(), &route, &rec)?;
            Ok((rec, vec![ticket_changed(&t)]))
        })
        .await?;
    state.publish(events);
    Ok(Json(rec))
}

fn flat(r: &CrmRecord) -> Map<String, Value> {
    saga_core::crm::flatten(&CrmUpdate {
        crm_stage: r.crm_stage.clone(),
        lost_reason: r.lost_reason.clone(),
        quote_value: r.quote_value,
        deal_value: r.deal_value,
        crm_data: r.crm_data.clone(),
    })
}

/// API-13: SA/TL only (OQ-13).
pub async fn audit_log(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> AppResult<Json<AuditLog>> {
    ensure(&caller.p, Ask::AuditLog)?;
    let log = state
        .db
        .tx(move |tx| {
            readable_ticket(tx, &caller, &id)?;
            let mut st = tx.prepare(
                "SELECT seq, ticket_id, actor_id, actor_name, action, detail, created_at FROM audit_log WHERE ticket_id = ?1 ORDER BY seq",
            )?;
            let items = st
                .query_map([&id], |r| {
                    Ok(AuditEntry {
                        id: format!("A-{}", r.get::<_, i64>(0)?),
                        ticket_id: r.get(1)?,
                        actor_id: r.get(2)?,
                        actor_name: r.get(3)?,
                        action: r.get(4)?,
                        detail: r.get(5)?,
                        created_at: r.get(6)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(AuditLog { items })
        })
        .await?;
    Ok(Json(log))
}

/// API-26: all tags, system and custom.
pub async fn tags(State(state): State<AppState>, _caller: Caller) -> AppResult<Json<TagList>> {
    let tags = state
        .db
        .tx(|tx| {
            let mut st = tx.prepare("SELECT name, kind FROM tags ORDER BY kind DESC, name")?;
            let v = st
                .query_map([], |r| {
                    Ok(Tag {
                        name: r.get(0)?,
                        kind: r.get(1)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(v)
        })
        .await?;
    Ok(Json(TagList { tags }))
}

/// API-32: the customer's previous agent.
pub async fn customer_agent(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> AppResult<Json<Value>> {
    ensure(&caller.p, Ask::CustomerAgent)?;
    let v = state
        .db
        .tx(move |tx| {
            let prev: Option<Option<String>> = tx
                .query_row(
                    "SELECT previous_agent_id FROM customers WHERE id = ?1",
                    [&id],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(prev) = prev else {
                return Err(AppError::not_found("Pelanggan"));
            };
            let agent = match prev {
                Some(aid) => user_brief(tx, &aid)?.map(|(name, _, _, status, _)| {
                    serde_json::json!({ "id": aid, "name": name, "status": status })
                }),
                None => None,
            };
            Ok(serde_json::json!({
                "customer_id": id,
                "returning_customer": agent.is_some(),
                "agent": agent,
            }))
        })
        .await?;
    Ok(Json(v))
}
