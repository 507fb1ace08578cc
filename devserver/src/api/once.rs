//! Idempotency keys (extension, issue 17): a write sent with an
//! `Idempotency-Key` header is stored once per caller and key; a retry with
//! the same key gets the first answer again and changes nothing. The key and
//! the answer are written in the write's own transaction, so a write that is
//! stored always has its key, even when the server stops right after.

use crate::error::{AppError, AppResult};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Keys are at most this long.
pub const MAX_KEY: usize = 100;

/// The request's `Idempotency-Key`, when it has one.
pub struct IdemKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdemKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(v) = parts.headers.get("idempotency-key") else {
            return Ok(IdemKey(None));
        };
        match v.to_str() {
            Ok("") => Ok(IdemKey(None)),
            Ok(k) if k.len() <= MAX_KEY && k.chars().all(|c| c.is_ascii_graphic()) => {
                Ok(IdemKey(Some(k.to_string())))
            }
            _ => Err(AppError::invalid_field(
                "invalid_idempotency_key",
                "Idempotency-Key",
                format!("Idempotency-Key harus 1–{MAX_KEY} karakter ASCII tanpa spasi."),
            )),
        }
    }
}

/// The first answer to this caller's write with `key`, if there was one.
/// The same key on another route (another ticket, another kind of write) is
/// refused rather than answered with something else.
pub fn replay<T: DeserializeOwned>(
    tx: &Transaction<'_>,
    user_id: &str,
    key: Option<&str>,
    route: &str,
) -> AppResult<Option<T>> {
    let Some(key) = key else { return Ok(None) };
    let found: Option<(String, String)> = tx
        .query_row(
            "SELECT route, answer FROM idempotent_writes WHERE user_id = ?1 AND key = ?2",
            params![user_id, key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        None => Ok(None),
        Some((r, _)) if r != route => Err(AppError::invalid_field(
            "idempotency_key_reused",
            "Idempotency-Key",
            "Kunci idempotensi ini sudah dipakai untuk permintaan lain.",
        )),
        Some((_, answer)) => Ok(Some(serde_json::from_str(&answer)?)),
    }
}

/// Keeps the answer of a write made with `key`, in the write's transaction.
pub fn remember<T: Serialize>(
    tx: &Transaction<'_>,
    user_id: &str,
    key: Option<&str>,
    route: &str,
    answer: &T,
) -> AppResult<()> {
    if let Some(key) = key {
        tx.execute(
            "INSERT INTO idempotent_writes (user_id, key, route, answer, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![user_id, key, route, serde_json::to_string(answer)?, super::now()],
        )?;
    }
    Ok(())
}
