//! Saga Desk core.
//!
//! Everything the app and the development server agree on lives here: the API
//! contract types (PRD chapter 6), the access matrix (PRD chapter 4), the CRM
//! rules (PRD 3.5), backoff and URL policy, and formatting. No UI and no Tauri:
//! this crate compiles for `wasm32-unknown-unknown` and native targets.
//!
//! The `client` feature adds the typed HTTP client.

pub mod access;
pub mod analytics;
pub mod backoff;
pub mod crm;
pub mod error;
pub mod events;
pub mod followup;
pub mod format;
pub mod ipc;
pub mod model;
pub mod notify;
pub mod outbox;
pub mod panel;
pub mod places;
pub mod strings;
pub mod time;
pub mod url_policy;

#[cfg(feature = "client")]
pub mod client;

pub use access::{access, Perm, Principal, Scope};
pub use error::{ApiError, ErrorBody, ErrorDetail};
pub use model::*;
