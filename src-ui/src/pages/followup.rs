//! The page for 'Follow-Up Hari Ini' (FU-REC-*), the single follow-up and its templates (PRD 3.6).
//!
//! Empty until its issue builds it: the route shows [`super::ComingSoonPage`]
//! meanwhile, and its navigation entry and access row already exist
//! (`nav.rs`, `saga_core::access`).
