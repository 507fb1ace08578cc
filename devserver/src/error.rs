//! One error shape everywhere: `{ "error": { "code", "message", "field"? } }`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use saga_core::ErrorBody;

#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    pub body: ErrorBody,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        AppError {
            status,
            body: ErrorBody::new(code, message),
        }
    }
    pub fn unauthorized(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", msg)
    }
    pub fn forbidden(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", msg)
    }
    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} tidak ditemukan."),
        )
    }
    pub fn conflict(code: &str, msg: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, msg)
    }
    pub fn invalid(code: &str, msg: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, msg)
    }
    pub fn invalid_field(code: &str, field: &str, msg: impl Into<String>) -> Self {
        let mut e = Self::invalid(code, msg);
        e.body = e.body.with_field(field);
        e
    }
    pub fn bad_request(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", msg)
    }
    pub fn internal(msg: impl std::fmt::Display) -> Self {
        eprintln!("saga-devserver: internal error: {msg}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Terjadi kesalahan di server. Coba lagi.",
        )
    }
}

/// The core's typed errors (the access gate's refusals, the CRM rules'
/// validation) answer with their status and message.
impl From<saga_core::ApiError> for AppError {
    fn from(e: saga_core::ApiError) -> Self {
        use saga_core::ApiError as E;
        match e {
            E::Forbidden { message } => AppError::forbidden(message),
            E::Unauthorized { message } => AppError::unauthorized(message),
            E::NotFound { message } => Self::new(StatusCode::NOT_FOUND, "not_found", message),
            E::Conflict { code, message } => AppError::conflict(&code, message),
            E::Validation {
                code,
                message,
                field: Some(f),
            } => AppError::invalid_field(&code, &f, message),
            E::Validation { code, message, .. } => AppError::invalid(&code, message),
            other => AppError::internal(other.message()),
        }
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => AppError::not_found("Data"),
            other => AppError::internal(other),
        }
    }
}

impl From<serde_json::Error> for AppError {
    fn from(e: serde_json::Error) -> Self {
        AppError::internal(e)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body)).into_response()
    }
}
