//! JWT (HS256) and the authenticated caller.

use crate::error::{AppError, AppResult};
use crate::AppState;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use jsonwebtoken::{decode, encode, DecodingKey, EncodingKey, Header, Validation};
use saga_core::{Division, Principal, Role};
use serde::{Deserialize, Serialize};

/// Token lifetime.
pub const TOKEN_TTL_SECS: i64 = 12 * 3600;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: Role,
    pub division: Division,
    pub iat: i64,
    pub exp: i64,
}

#[derive(Clone)]
pub struct Keys {
    enc: EncodingKey,
    dec: DecodingKey,
}

impl Keys {
    pub fn new(secret: &[u8]) -> Keys {
        Keys {
            enc: EncodingKey::from_secret(secret),
            dec: DecodingKey::from_secret(secret),
        }
    }

    pub fn issue(&self, user_id: &str, role: Role, division: Division) -> AppResult<String> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user_id.into(),
            role,
            division,
            iat: now,
            exp: now + TOKEN_TTL_SECS,
        };
        encode(&Header::default(), &claims, &self.enc).map_err(AppError::internal)
    }

    pub fn verify(&self, token: &str) -> Option<Claims> {
        decode::<Claims>(token, &self.dec, &Validation::default())
            .ok()
            .map(|d| d.claims)
    }
}

pub fn hash_password(pw: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pw.as_bytes(), &salt)
        .expect("argon2 hashing cannot fail with default params")
        .to_string()
}

pub fn verify_password(pw: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| Argon2::default().verify_password(pw.as_bytes(), &h).is_ok())
        .unwrap_or(false)
}

/// The authenticated caller, loaded from the database on every request so a
/// deactivated or changed user takes effect at once. Division comes from
/// the user record the token names (API-RULE-7).
#[derive(Debug, Clone)]
pub struct Caller {
    pub p: Principal,
    pub name: String,
}

impl Caller {
    pub fn id(&self) -> &str {
        &self.p.id
    }
}

pub fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)
            .ok_or_else(|| AppError::unauthorized("Token tidak ada. Silakan masuk."))?;
        let claims = state.keys.verify(token).ok_or_else(|| {
            AppError::unauthorized("Sesi tidak valid atau kedaluwarsa. Silakan masuk kembali.")
        })?;
        let id = claims.sub;
        state
            .db
            .tx(move |tx| {
                // The person's privileges and their role's defaults (API-27),
                // as the access gate reads them (OQ-7).
                let row = tx.query_row(
                    "SELECT u.name, u.role, u.division, u.privileges, u.active, rp.privileges \
                     FROM users u LEFT JOIN role_privileges rp ON rp.role = u.role WHERE u.id = ?1",
                    [&id],
                    |r| {
                        let own: String = r.get(3)?;
                        let role_p: Option<String> = r.get(5)?;
                        let mut privs: Vec<String> = serde_json::from_str(&own).unwrap_or_default();
                        for p in role_p
                            .and_then(|s| serde_json::from_str::<Vec<String>>(&s).ok())
                            .unwrap_or_default()
                        {
                            if !privs.contains(&p) {
                                privs.push(p);
                            }
                        }
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            privs,
                            r.get::<_, bool>(4)?,
                        ))
                    },
                );
                let (name, role, division, privs, active) = match row {
                    Ok(r) => r,
                    Err(rusqlite::Error::QueryReturnedNoRows) => {
                        return Err(AppError::unauthorized(
                            "Pengguna tidak ditemukan. Silakan masuk kembali.",
                        ))
                    }
                    Err(e) => return Err(e.into()),
                };
                if !active {
                    return Err(AppError::unauthorized(
                        saga_core::strings::ACCOUNT_DEACTIVATED,
                    ));
                }
                Ok(Caller {
                    p: Principal {
                        id,
                        role: Role::parse(&role).ok_or_else(|| AppError::internal("bad role"))?,
                        division: Division::parse(&division)
                            .ok_or_else(|| AppError::internal("bad division"))?,
                        privileges: privs,
                    },
                    name,
                })
            })
            .await
    }
}
