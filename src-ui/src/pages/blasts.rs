//! The page for blasts, their composer and their approval (BLAST-*).
//!
//! Empty until its issue builds it: the route shows [`super::ComingSoonPage`]
//! meanwhile, and its navigation entry and access row already exist
//! (`nav.rs`, `saga_core::access`).
