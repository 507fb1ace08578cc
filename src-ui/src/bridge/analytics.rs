//! Analytics per division and per agent, and report export (PRD 3.7, 3.10).
//!
//! Empty until its issue adds the commands; calls go through `super::call`
//! with a `saga_core::ipc::Command` like every other domain.
