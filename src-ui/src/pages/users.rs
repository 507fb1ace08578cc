//! The page for users, privileges and operating hours (PRD 3.9, Super Admin only).
//!
//! Empty until its issue builds it: the route shows [`super::ComingSoonPage`]
//! meanwhile, and its navigation entry and access row already exist
//! (`nav.rs`, `saga_core::access`).
