//! Operating hours per division (USERS-6, Super Admin only).
//!
//! Empty until its issue adds the commands; calls go through `super::call`
//! with a `saga_core::ipc::Command` like every other domain.
