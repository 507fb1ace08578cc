//! User management and privileges (PRD 3.9, Super Admin only).
//!
//! Empty until its issue adds the commands; calls go through `super::call`
//! with a `saga_core::ipc::Command` like every other domain.
