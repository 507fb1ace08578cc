//! Development-only endpoints (extensions, tagged `dev` in the OpenAPI
//! document): fault injection, the simulated outbound channel, and a way for
//! tests to play a customer.

use super::*;
use crate::faults::FaultConfig;
use crate::AppState;
use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use std::collections::HashMap;

pub async fn get_faults(State(state): State<AppState>) -> Json<FaultConfig> {
    Json(state.faults.get())
}

pub async fn set_faults(
    State(state): State<AppState>,
    ApiJson(c): ApiJson<FaultConfig>,
) -> AppResult<Json<FaultConfig>> {
    if !(0.0..=1.0).contains(&c.error_rate)
        || !(0.0..=1.0).contains(&c.drop_rate)
        || !(0.0..=1.0).contains(&c.drop_after_rate)
    {
        return Err(AppError::invalid(
            "invalid_rate",
            "error_rate, drop_rate dan drop_after_rate harus antara 0 dan 1.",
        ));
    }
    state.faults.set(c.clone());
    Ok(Json(c))
}

/// What went out to customers (the simulated WhatsApp/Telegram/... side).
pub async fn outbound(
    State(state): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Json<serde_json::Value>> {
    let ticket = q.get("ticket_id").cloned();
    let items = state
        .db
        .tx(move |tx| {
            let mut st = tx.prepare(
                "SELECT seq, ticket_id, message_id, channel, content, created_at FROM outbound \
                 WHERE ?1 IS NULL OR ticket_id = ?1 ORDER BY seq DESC LIMIT 500",
            )?;
            let v = st
                .query_map([ticket], |r| {
                    Ok(serde_json::json!({
                        "seq": r.get::<_, i64>(0)?, "ticket_id": r.get::<_, String>(1)?, "message_id": r.get::<_, String>(2)?,
                        "channel": r.get::<_, String>(3)?, "content": r.get::<_, String>(4)?, "created_at": r.get::<_, String>(5)?,
                    }))
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(v)
        })
        .await?;
    Ok(Json(serde_json::json!({ "items": items })))
}

#[derive(Debug, Deserialize)]
pub struct CustomerMessage {
    /// An existing customer; without it a new customer is created.
    pub customer_id: Option<String>,
    pub name: Option<String>,
    pub division: Division,
    pub channel: Channel,
    pub message: String,
}

/// A customer writes: appends to their open ticket or opens a new one,
/// with returning-customer routing and OFF HOURS (RETURN-1/2, USERS-6).
pub async fn customer_message(
    State(state): State<AppState>,
    ApiJson(m): ApiJson<CustomerMessage>,
) -> AppResult<Json<TicketItem>> {
    let content = text("message", "Pesan", &m.message, 4000)?;
    if !m.channel.is_known() {
        return Err(AppError::invalid_field(
            "invalid_value",
            "channel",
            "Kanal tidak dikenal.",
        ));
    }
    let (t, events) = state
        .db
        .tx(move |tx| {
            let cid = match m.customer_id {
                Some(c) => c,
                None => {
                    let name = m.name.clone().unwrap_or_else(|| "Pelanggan Baru".into());
                    crate::sim::new_customer(tx, &name, &m.channel)?
                }
            };
            crate::sim::customer_writes(
                tx,
                &cid,
                m.division,
                &m.channel,
                &content,
                chrono::Utc::now(),
            )
        })
        .await?;
    state.publish(events);
    Ok(Json(t))
}
