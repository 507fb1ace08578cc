//! API-17, API-18 (PERM-11, OQ-11).

use super::*;
use crate::analytics::{self as an, Period};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use std::collections::HashMap;

fn period(q: &HashMap<String, String>) -> AppResult<Period> {
    Period::parse(
        q.get("period").map(String::as_str),
        q.get("start").map(String::as_str),
        q.get("end").map(String::as_str),
    )
}

/// `div` is a division or `all` (SA/TL). Agents get their own division only.
pub async fn division(
    State(state): State<AppState>,
    caller: Caller,
    Path(div): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Json<saga_core::analytics::DivisionAnalytics>> {
    let divs = match require(&caller.p, Perm::Analytics)? {
        saga_core::Scope::All => {
            if div == "all" {
                Division::ALL.to_vec()
            } else {
                vec![Division::parse(&div).ok_or_else(|| AppError::not_found("Divisi"))?]
            }
        }
        _ => {
            if div != caller.p.division.as_str() {
                return Err(AppError::forbidden(
                    "Anda hanya dapat melihat analitik divisi Anda sendiri.",
                ));
            }
            vec![caller.p.division]
        }
    };
    let p = period(&q)?;
    let with_agents = is_supervisor(&caller.p);
    let v = state
        .db
        .tx(move |tx| {
            let mut v = an::division(tx, &divs, &p)?;
            if with_agents {
                v.agents = an::agents_of(tx, &divs)?
                    .iter()
                    .map(|id| an::agent(tx, id, &p))
                    .collect::<AppResult<Vec<_>>>()?;
            }
            Ok(v)
        })
        .await?;
    Ok(Json(v))
}

pub async fn agent(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Json<saga_core::analytics::AgentAnalytics>> {
    match require(&caller.p, Perm::Analytics)? {
        saga_core::Scope::All => {}
        _ => {
            if id != caller.id() {
                return Err(AppError::forbidden(
                    "Anda hanya dapat melihat analitik Anda sendiri.",
                ));
            }
        }
    }
    let p = period(&q)?;
    Ok(Json(state.db.tx(move |tx| an::agent(tx, &id, &p)).await?))
}
