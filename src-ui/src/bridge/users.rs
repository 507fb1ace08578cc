//! User management and privileges (Super Admin only).

use super::{call, NoArgs};
use saga_core::ipc::Command;
use saga_core::{ApiError, PrivilegesRequest, Role, User, UserCreateRequest, UserList, UserPatch};
use serde::Serialize;

pub async fn users() -> Result<UserList, ApiError> {
    call(Command::Users, &NoArgs {}).await
}

#[derive(Serialize)]
struct CreateArgs<'a> {
    user: &'a UserCreateRequest,
}

pub async fn create_user(user: &UserCreateRequest) -> Result<User, ApiError> {
    call(Command::CreateUser, &CreateArgs { user }).await
}

#[derive(Serialize)]
struct UpdateArgs<'a> {
    id: &'a str,
    patch: &'a UserPatch,
}

pub async fn update_user(id: &str, patch: &UserPatch) -> Result<User, ApiError> {
    call(Command::UpdateUser, &UpdateArgs { id, patch }).await
}

#[derive(Serialize)]
struct RoleArgs<'a> {
    role: Role,
    privileges: Option<&'a [String]>,
}

pub async fn role_privileges(role: Role) -> Result<PrivilegesRequest, ApiError> {
    call(
        Command::RolePrivileges,
        &RoleArgs {
            role,
            privileges: None,
        },
    )
    .await
}

pub async fn set_role_privileges(
    role: Role,
    privileges: &[String],
) -> Result<PrivilegesRequest, ApiError> {
    call(
        Command::SetRolePrivileges,
        &RoleArgs {
            role,
            privileges: Some(privileges),
        },
    )
    .await
}
