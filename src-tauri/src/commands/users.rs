//! User management and privileges (PRD 3.9, PERM-13: Super Admin only).

use super::Signed;
use saga_core::access::Perm;
use saga_core::{ApiError, PrivilegesRequest, Role, User, UserCreateRequest, UserList, UserPatch};

/// API-30 (USERS-1).
#[tauri::command]
pub async fn users(s: Signed) -> Result<UserList, ApiError> {
    s.require(Perm::UserManagement)?;
    s.done(s.api().users().await)
}

/// API-31 (USERS-2): the server checks the email is free and the password
/// strong enough; its 409/422 name the field.
#[tauri::command]
pub async fn create_user(s: Signed, user: UserCreateRequest) -> Result<User, ApiError> {
    s.require(Perm::UserManagement)?;
    s.done(s.api().create_user(&user).await)
}

/// USERS-3..5 (OQ-27): every field, active or not, per-person privileges.
#[tauri::command]
pub async fn update_user(s: Signed, id: String, patch: UserPatch) -> Result<User, ApiError> {
    s.require(Perm::UserManagement)?;
    s.done(s.api().patch_user(&id, &patch).await)
}

/// A role's default privileges.
#[tauri::command]
pub async fn role_privileges(s: Signed, role: Role) -> Result<PrivilegesRequest, ApiError> {
    s.require(Perm::UserManagement)?;
    s.done(s.api().role_privileges(role).await)
}

/// API-27.
#[tauri::command]
pub async fn set_role_privileges(
    s: Signed,
    role: Role,
    privileges: Vec<String>,
) -> Result<PrivilegesRequest, ApiError> {
    s.require(Perm::UserManagement)?;
    s.done(s.api().set_role_privileges(role, &privileges).await)
}
