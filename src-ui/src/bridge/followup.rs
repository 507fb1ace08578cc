//! The Follow-Up Center: recommendations, templates, single follow-up (PRD 3.6).
//!
//! Empty until its issue adds the commands; calls go through `super::call`
//! with a `saga_core::ipc::Command` like every other domain.
