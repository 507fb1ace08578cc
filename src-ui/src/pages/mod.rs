//! One room per domain: each page loads its data through `bridge`, holds its
//! page state, and renders pure `views`. A page reads the store through the
//! hooks of `store` (user, language, layout, live data), never through
//! props from above.

pub mod analytics;
pub mod blasts;
pub mod followup;
pub mod inbox;
pub mod login;
pub mod notifications;
pub mod panel;
pub mod settings;
pub mod ticket;
pub mod update;
pub mod users;
