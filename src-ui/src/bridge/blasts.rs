//! Blasts and their approval (PRD 3.6, BLAST-*).
//!
//! Empty until its issue adds the commands; calls go through `super::call`
//! with a `saga_core::ipc::Command` like every other domain.
