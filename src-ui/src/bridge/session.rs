//! Signing in and out and restoring a stored session.

use super::{call, NoArgs};
use saga_core::ipc::Command;
use saga_core::{ApiError, User};
use serde::Serialize;

pub async fn session_restore() -> Result<Option<User>, ApiError> {
    call(Command::SessionRestore, &NoArgs {}).await
}

#[derive(Serialize)]
struct LoginArgs<'a> {
    email: &'a str,
    password: &'a str,
}

pub async fn login(email: &str, password: &str) -> Result<User, ApiError> {
    call(Command::Login, &LoginArgs { email, password }).await
}

pub async fn logout() -> Result<(), ApiError> {
    call(Command::Logout, &NoArgs {}).await
}
