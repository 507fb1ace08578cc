//! The page for analytics per division and per agent, and report export (PRD 3.7, 3.10).
//!
//! Empty until its issue builds it: the route shows [`super::ComingSoonPage`]
//! meanwhile, and its navigation entry and access row already exist
//! (`nav.rs`, `saga_core::access`).
