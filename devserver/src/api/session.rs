//! Login, status (API-1..3) and the notification feed (extension).

use super::*;
use crate::auth::{hash_password, verify_password};
use crate::AppState;
use axum::extract::{Query, State};
use axum::Json;
use saga_core::strings;
use std::collections::HashMap;

pub async fn login(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<Json<LoginResponse>> {
    let email = req.email.trim().to_lowercase();
    if email.is_empty() || req.password.is_empty() {
        return Err(AppError::invalid(
            "required",
            "Email dan kata sandi wajib diisi.",
        ));
    }
    let row = state
        .db
        .tx(move |tx| {
            Ok(tx
                .query_row(
                    "SELECT id, password_hash, active FROM users WHERE email = ?1",
                    [&email],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, bool>(2)?,
                        ))
                    },
                )
                .optional()?)
        })
        .await?;
    // Verify off the async threads; answer the same for unknown emails.
    let pw = req.password.clone();
    let (id, ok, active) = tokio::task::spawn_blocking(move || match row {
        Some((id, hash, active)) => (Some(id), verify_password(&pw, &hash), active),
        None => {
            // Same work as a real check so timing does not reveal accounts.
            let _ = verify_password(&pw, &hash_password("timing-equaliser"));
            (None, false, false)
        }
    })
    .await
    .map_err(AppError::internal)?;
    let id = match (id, ok) {
        (Some(id), true) => id,
        _ => {
            return Err(AppError::new(
                axum::http::StatusCode::UNAUTHORIZED,
                "invalid_credentials",
                strings::WRONG_CREDENTIALS,
            ))
        }
    };
    if !active {
        return Err(AppError::new(
            axum::http::StatusCode::FORBIDDEN,
            "account_deactivated",
            strings::ACCOUNT_DEACTIVATED,
        ));
    }
    // Login always starts the user Offline (TOGGLE-2).
    let (user, events) = state
        .db
        .tx(move |tx| {
            let mut events = Vec::new();
            let was: String =
                tx.query_row("SELECT status FROM users WHERE id = ?1", [&id], |r| {
                    r.get(0)
                })?;
            if was != "offline" {
                events.extend(apply_status(tx, &id, AgentStatus::Offline)?);
            }
            Ok((load_user(tx, &id)?, events))
        })
        .await?;
    state.publish(events);
    let token = state.keys.issue(&user.id, user.role, user.division)?;
    Ok(Json(LoginResponse { token, user }))
}

pub fn load_user(tx: &rusqlite::Transaction<'_>, id: &str) -> AppResult<User> {
    tx.query_row(
        "SELECT u.id, u.name, u.email, u.role, u.division, u.status, u.privileges, u.active, rp.privileges \
         FROM users u LEFT JOIN role_privileges rp ON rp.role = u.role WHERE u.id = ?1",
        [id],
        user_from_row,
    )
    .optional()?
    .ok_or_else(|| AppError::not_found("Pengguna"))
}

/// Maps a row of (id, name, email, role, division, status, privileges,
/// active, role privileges). Effective privileges are the role's defaults
/// plus the user's own (OQ-7).
pub fn user_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let own: Vec<String> = serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default();
    let role_p: Vec<String> = r
        .get::<_, Option<String>>(8)?
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    let mut privileges = role_p;
    for p in own {
        if !privileges.contains(&p) {
            privileges.push(p);
        }
    }
    Ok(User {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        role: Role::parse(&r.get::<_, String>(3)?).unwrap_or(Role::Viewer),
        division: Division::parse(&r.get::<_, String>(4)?).unwrap_or(Division::Sari),
        status: AgentStatus::parse(&r.get::<_, String>(5)?).unwrap_or(AgentStatus::Offline),
        privileges,
        active: r.get(7)?,
    })
}

pub async fn me(State(state): State<AppState>, caller: Caller) -> AppResult<Json<User>> {
    let id = caller.id().to_string();
    Ok(Json(state.db.tx(move |tx| load_user(tx, &id)).await?))
}

/// Explicit logout (OQ-4): the user goes Offline.
pub async fn logout(
    State(state): State<AppState>,
    caller: Caller,
) -> AppResult<Json<serde_json::Value>> {
    let id = caller.id().to_string();
    let events = state
        .db
        .tx(move |tx| apply_status(tx, &id, AgentStatus::Offline))
        .await?;
    state.publish(events);
    Ok(Json(serde_json::json!({ "ok": true })))
}

/// Sets a user's status and routes returning customers waiting for them
/// (RETURN-2: the ticket waits for its agent and is theirs once Online).
pub fn apply_status(
    tx: &rusqlite::Transaction<'_>,
    user_id: &str,
    status: AgentStatus,
) -> AppResult<Vec<ServerEvent>> {
    let at = now();
    tx.execute(
        "UPDATE users SET status = ?2, status_changed_at = ?3 WHERE id = ?1",
        params![user_id, status.as_str(), at],
    )?;
    tx.execute(
        "INSERT INTO status_log (user_id, status, at) VALUES (?1, ?2, ?3)",
        params![user_id, status.as_str(), at],
    )?;
    let mut events = vec![ServerEvent::AgentStatus {
        agent_id: user_id.into(),
        status,
        changed_at: at.clone(),
    }];
    if status == AgentStatus::Online {
        let mut st = tx.prepare(
            "SELECT id, division FROM tickets WHERE queue_status = 'WAITING_AGENT' AND waiting_for_agent = ?1",
        )?;
        let waiting: Vec<(String, String)> = st
            .query_map([user_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (tid, div) in waiting {
            tx.execute(
                "UPDATE tickets SET queue_status = 'ASSIGNED', assigned_to = ?2, waiting_for_agent = NULL, \
                 waiting_since = NULL, first_pickup_at = COALESCE(first_pickup_at, ?3) WHERE id = ?1",
                params![tid, user_id, at],
            )?;
            audit(
                tx,
                &tid,
                None,
                "returning_routed",
                "Pelanggan lama diteruskan ke agent sebelumnya yang kini Online",
            )?;
            events.push(ServerEvent::TicketChanged {
                ticket_id: tid,
                division: Division::parse(&div).unwrap_or(Division::Sari),
            });
        }
    }
    Ok(events)
}

pub async fn set_status(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<StatusRequest>,
) -> AppResult<Json<StatusResponse>> {
    require(&caller.p, Perm::ToggleOwn)?;
    let target = match req.agent_id.as_deref() {
        None => caller.id().to_string(),
        Some(id) if id == caller.id() => id.to_string(),
        Some(id) => {
            require(&caller.p, Perm::ToggleOthers)?;
            id.to_string()
        }
    };
    let status = req.status;
    let (resp, events) = state
        .db
        .tx(move |tx| {
            let Some((_, role, _, _, active)) = user_brief(tx, &target)? else {
                return Err(AppError::not_found("Agent"));
            };
            if !has_status(role) || !active {
                return Err(AppError::invalid(
                    "invalid_target",
                    "Status pengguna ini tidak dapat diubah.",
                ));
            }
            let events = apply_status(tx, &target, status)?;
            let changed_at = match &events[0] {
                ServerEvent::AgentStatus { changed_at, .. } => changed_at.clone(),
                _ => now(),
            };
            Ok((
                StatusResponse {
                    id: target,
                    status,
                    changed_at,
                },
                events,
            ))
        })
        .await?;
    state.publish(events);
    Ok(Json(resp))
}

pub async fn all_status(
    State(state): State<AppState>,
    caller: Caller,
) -> AppResult<Json<AgentList>> {
    ensure(&caller.p, Ask::Panel)?;
    let list = state.db.tx(agent_list).await?;
    Ok(Json(list))
}

pub fn agent_list(tx: &rusqlite::Transaction<'_>) -> AppResult<AgentList> {
    let idle_before = (chrono::Utc::now() - chrono::Duration::hours(4))
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let mut st = tx.prepare(
        "SELECT u.id, u.name, u.role, u.division, u.status, u.active, u.status_changed_at, \
           (SELECT count(*) FROM tickets t WHERE t.assigned_to = u.id AND t.status != 'CLOSED'), \
           (SELECT count(*) FROM tickets t WHERE t.assigned_to = u.id AND t.status != 'CLOSED' AND t.last_activity_at < ?1) \
         FROM users u WHERE u.role != 'viewer' ORDER BY u.division, u.name",
    )?;
    let agents = st
        .query_map([idle_before], |r| {
            Ok(AgentSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::SalesAgent),
                division: Division::parse(&r.get::<_, String>(3)?).unwrap_or(Division::Sari),
                status: AgentStatus::parse(&r.get::<_, String>(4)?).unwrap_or(AgentStatus::Offline),
                active: r.get(5)?,
                status_changed_at: r.get(6)?,
                active_tickets: r.get(7)?,
                idle_tickets: r.get(8)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(AgentList { agents })
}

pub async fn notifications(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Json<NotificationList>> {
    let id = caller.id().to_string();
    let limit: i64 = q
        .get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(50)
        .clamp(1, 1000);
    let items = state
        .db
        .tx(move |tx| {
            let mut st = tx.prepare(
                "SELECT seq, layer, kind, title, body, ticket_id, read, created_at FROM notifications \
                 WHERE user_id = ?1 ORDER BY seq DESC LIMIT ?2",
            )?;
            let v = st
                .query_map(params![id, limit], |r| {
                    Ok(Notification {
                        id: format!("N-{}", r.get::<_, i64>(0)?),
                        layer: r.get(1)?,
                        kind: r.get(2)?,
                        title: r.get(3)?,
                        body: r.get(4)?,
                        ticket_id: r.get(5)?,
                        read: r.get(6)?,
                        created_at: r.get(7)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(v)
        })
        .await?;
    Ok(Json(NotificationList { items }))
}

/// Marks the caller's notifications read: the ids given, or all.
pub async fn notifications_read(
    State(state): State<AppState>,
    caller: Caller,
    OptionalJson(body): OptionalJson<ReadRequest>,
) -> AppResult<Json<serde_json::Value>> {
    let id = caller.id().to_string();
    let ids: Vec<i64> = body
        .map(|b| b.ids)
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s.strip_prefix("N-").and_then(|n| n.parse().ok()))
        .collect();
    let n = state
        .db
        .tx(move |tx| {
            if ids.is_empty() {
                return Ok(tx.execute(
                    "UPDATE notifications SET read = 1 WHERE user_id = ?1 AND read = 0",
                    [id],
                )?);
            }
            let mut n = 0;
            for seq in ids {
                n += tx.execute(
                    "UPDATE notifications SET read = 1 WHERE user_id = ?1 AND seq = ?2 AND read = 0",
                    params![id, seq],
                )?;
            }
            Ok(n)
        })
        .await?;
    Ok(Json(serde_json::json!({ "marked_read": n })))
}

#[derive(serde::Deserialize, Default)]
pub struct ReadRequest {
    #[serde(default)]
    pub ids: Vec<String>,
}

/// OQ-6 extension: a phone registers its push token (FCM on Android, APNs
/// on iOS) for the signed-in user; a token moves to whoever registers it.
pub async fn register_device(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<saga_core::model::DeviceRegistration>,
) -> AppResult<Json<serde_json::Value>> {
    if !matches!(req.platform.as_str(), "android" | "ios") {
        return Err(AppError::invalid_field(
            "invalid_platform",
            "platform",
            "Platform harus android atau ios.",
        ));
    }
    if req.token.trim().len() < 8 || req.token.len() > 4096 {
        return Err(AppError::invalid_field(
            "invalid_token",
            "token",
            "Token perangkat tidak valid.",
        ));
    }
    let id = caller.id().to_string();
    state
        .db
        .tx(move |tx| {
            tx.execute(
                "INSERT INTO devices (token, user_id, platform, created_at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT(token) DO UPDATE SET user_id = excluded.user_id, platform = excluded.platform",
                params![req.token.trim(), id, req.platform, super::now()],
            )?;
            Ok(())
        })
        .await?;
    Ok(Json(serde_json::json!({ "registered": true })))
}

/// Signing out on a phone: its token stops receiving the user's pushes.
pub async fn unregister_device(
    State(state): State<AppState>,
    caller: Caller,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> AppResult<Json<serde_json::Value>> {
    let id = caller.id().to_string();
    let n = state
        .db
        .tx(move |tx| {
            Ok(tx.execute(
                "DELETE FROM devices WHERE token = ?1 AND user_id = ?2",
                params![token, id],
            )?)
        })
        .await?;
    Ok(Json(serde_json::json!({ "removed": n })))
}

/// Dev only: the pushes the server would have sent, newest first.
pub async fn dev_pushes(State(state): State<AppState>) -> AppResult<Json<serde_json::Value>> {
    let v = state
        .db
        .tx(|tx| {
            let mut st = tx.prepare(
                "SELECT user_id, platform, token, payload, created_at FROM pushes ORDER BY seq DESC LIMIT 500",
            )?;
            let v: Vec<serde_json::Value> = st
                .query_map([], |r| {
                    let payload: String = r.get(3)?;
                    Ok(serde_json::json!({
                        "user_id": r.get::<_, String>(0)?,
                        "platform": r.get::<_, String>(1)?,
                        "token": r.get::<_, String>(2)?,
                        "payload": serde_json::from_str::<serde_json::Value>(&payload).unwrap_or_default(),
                        "created_at": r.get::<_, String>(4)?,
                    }))
                })?
                .collect::<Result<_, _>>()?;
            Ok(v)
        })
        .await?;
    Ok(Json(serde_json::json!({ "pushes": v })))
}
