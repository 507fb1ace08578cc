//! The one error shape of the contract (`{ "error": { "code", "message" } }`)
//! and the typed errors the client turns responses into.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Machine code, e.g. `already_taken`, `lost_reason_required`.
    pub code: String,
    /// Human message in Bahasa Indonesia.
    pub message: String,
    /// The offending field for validation errors (422).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

impl ErrorBody {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        ErrorBody {
            error: ErrorDetail {
                code: code.into(),
                message: message.into(),
                field: None,
            },
        }
    }
    pub fn with_field(mut self, field: &str) -> Self {
        self.error.field = Some(field.into());
        self
    }
}

/// Every failure a call can end in, typed so the UI can react precisely.
/// It crosses IPC as `{ kind, message, field? }`. It is read back through
/// [`ErrorWire`], one flat struct: a derived internally tagged enum would
/// buffer every value in serde's `Content` first, which costs the wasm UI
/// tens of kilobytes for nothing.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "ErrorWire")]
pub enum ApiError {
    /// 401: the session is over; the token has been wiped (API-RULE-4).
    #[error("{message}")]
    Unauthorized { message: String },
    /// 403: not permitted.
    #[error("{message}")]
    Forbidden { message: String },
    #[error("{message}")]
    NotFound { message: String },
    /// 409: e.g. the ticket was taken by another agent (TAKEOVER-4).
    #[error("{message}")]
    Conflict { code: String, message: String },
    /// 422: validation failed; `field` names the field when known.
    #[error("{message}")]
    Validation {
        code: String,
        message: String,
        field: Option<String>,
    },
    /// 429 after the bounded retries were used up.
    #[error("{message}")]
    RateLimited { message: String },
    /// 5xx or an unreadable answer.
    #[error("{message}")]
    Server { status: u16, message: String },
    /// The server could not be reached.
    #[error("{message}")]
    Network { message: String },
    /// The configured URL is not allowed (SEC-4) or malformed.
    #[error("{message}")]
    Config { message: String },
    /// No session.
    #[error("{message}")]
    NotSignedIn { message: String },
}

/// [`ApiError`]'s IPC form as read: every variant's fields, flat.
#[derive(Deserialize)]
pub struct ErrorWire {
    kind: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    status: u16,
}

impl TryFrom<ErrorWire> for ApiError {
    type Error = String;
    fn try_from(w: ErrorWire) -> Result<Self, String> {
        let message = w.message;
        Ok(match w.kind.as_str() {
            "unauthorized" => ApiError::Unauthorized { message },
            "forbidden" => ApiError::Forbidden { message },
            "not_found" => ApiError::NotFound { message },
            "conflict" => ApiError::Conflict {
                code: w.code,
                message,
            },
            "validation" => ApiError::Validation {
                code: w.code,
                message,
                field: w.field,
            },
            "rate_limited" => ApiError::RateLimited { message },
            "server" => ApiError::Server {
                status: w.status,
                message,
            },
            "network" => ApiError::Network { message },
            "config" => ApiError::Config { message },
            "not_signed_in" => ApiError::NotSignedIn { message },
            other => return Err(format!("unknown error kind {other}")),
        })
    }
}

impl ApiError {
    pub fn message(&self) -> &str {
        match self {
            ApiError::Unauthorized { message }
            | ApiError::Forbidden { message }
            | ApiError::NotFound { message }
            | ApiError::Conflict { message, .. }
            | ApiError::Validation { message, .. }
            | ApiError::RateLimited { message }
            | ApiError::Server { message, .. }
            | ApiError::Network { message }
            | ApiError::Config { message }
            | ApiError::NotSignedIn { message } => message,
        }
    }

    /// Whether retrying the same request later can succeed (OQ-3).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Server { .. } | ApiError::Network { .. } | ApiError::RateLimited { .. }
        )
    }

    /// Map an HTTP status and (possibly empty) body to a typed error.
    pub fn from_status(status: u16, body: &str) -> ApiError {
        let parsed: Option<ErrorDetail> = serde_json::from_str::<ErrorBody>(body)
            .ok()
            .map(|b| b.error);
        let (code, msg, field) = match parsed {
            Some(d) => (d.code, Some(d.message), d.field),
            None => (String::new(), None, None),
        };
        let or = |m: Option<String>, dflt: &str| {
            m.filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| dflt.to_string())
        };
        match status {
            401 => ApiError::Unauthorized {
                message: or(msg, crate::strings::SESSION_EXPIRED),
            },
            403 => ApiError::Forbidden {
                message: or(msg, "Anda tidak memiliki izin untuk tindakan ini."),
            },
            404 => ApiError::NotFound {
                message: or(msg, "Data tidak ditemukan."),
            },
            409 => ApiError::Conflict {
                code,
                message: or(msg, "Data sudah diubah oleh pengguna lain."),
            },
            400 | 413 | 415 | 422 => ApiError::Validation {
                code,
                message: or(msg, "Data yang dikirim tidak valid."),
                field,
            },
            429 => ApiError::RateLimited {
                message: or(msg, crate::strings::RATE_LIMITED),
            },
            s => ApiError::Server {
                status: s,
                message: or(msg, "Server sedang bermasalah. Coba lagi sebentar lagi."),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_statuses_to_typed_errors() {
        let body =
            r#"{"error":{"code":"already_taken","message":"Tiket sudah diambil oleh agent lain"}}"#;
        assert_eq!(
            ApiError::from_status(409, body),
            ApiError::Conflict {
                code: "already_taken".into(),
                message: "Tiket sudah diambil oleh agent lain".into()
            }
        );
        let v = ApiError::from_status(
            422,
            r#"{"error":{"code":"lost_reason_required","message":"Alasan wajib","field":"lost_reason"}}"#,
        );
        assert!(matches!(v, ApiError::Validation { field: Some(ref f), .. } if f == "lost_reason"));
        assert!(matches!(
            ApiError::from_status(401, ""),
            ApiError::Unauthorized { .. }
        ));
        assert!(matches!(
            ApiError::from_status(503, "<html>"),
            ApiError::Server { status: 503, .. }
        ));
        // An empty message never reaches the user (TAKEOVER-4: never an error without a message).
        assert!(
            !ApiError::from_status(409, r#"{"error":{"code":"x","message":""}}"#)
                .message()
                .is_empty()
        );
    }

    #[test]
    fn serializes_for_ipc_with_a_kind() {
        let e = ApiError::Forbidden {
            message: "no".into(),
        };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["kind"], "forbidden");
        assert_eq!(v["message"], "no");
    }

    #[test]
    fn every_error_reads_back_as_itself() {
        let all = [
            ApiError::Unauthorized {
                message: "a".into(),
            },
            ApiError::Forbidden {
                message: "b".into(),
            },
            ApiError::NotFound {
                message: "c".into(),
            },
            ApiError::Conflict {
                code: "already_taken".into(),
                message: "d".into(),
            },
            ApiError::Validation {
                code: "weak_password".into(),
                message: "e".into(),
                field: Some("password".into()),
            },
            ApiError::Validation {
                code: "x".into(),
                message: "f".into(),
                field: None,
            },
            ApiError::RateLimited {
                message: "g".into(),
            },
            ApiError::Server {
                status: 503,
                message: "h".into(),
            },
            ApiError::Network {
                message: "i".into(),
            },
            ApiError::Config {
                message: "j".into(),
            },
            ApiError::NotSignedIn {
                message: "k".into(),
            },
        ];
        for e in all {
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(
                serde_json::from_str::<ApiError>(&json).unwrap(),
                e,
                "{json}"
            );
        }
        assert!(serde_json::from_str::<ApiError>(r#"{"kind":"nope","message":"x"}"#).is_err());
    }
}
