//! Online/Offline (TOGGLE-3, PERM-3) and the agent list (API-3).

use super::Signed;
use saga_core::access::{Ask, Perm};
use saga_core::{AgentList, AgentStatus, ApiError, StatusResponse};

/// TOGGLE-3: the caller's own status (API-2).
#[tauri::command]
pub async fn set_status(s: Signed, status: AgentStatus) -> Result<StatusResponse, ApiError> {
    s.require(Perm::ToggleOwn)?;
    let writes = &s.core().status_writes;
    writes.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let r = s.api().set_status(status, None).await;
    writes.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let r = s.done(r)?;
    s.core().set_own_status(r.status);
    Ok(r)
}

/// PERM-3 / OQ-8: a supervisor sets another agent's status.
#[tauri::command]
pub async fn set_agent_status(
    s: Signed,
    agent_id: String,
    status: AgentStatus,
) -> Result<StatusResponse, ApiError> {
    s.require(Perm::ToggleOthers)?;
    s.done(s.api().set_status(status, Some(&agent_id)).await)
}

/// API-3 (PANEL-1; the assign picker, ASSIGN-2).
#[tauri::command]
pub async fn agents(s: Signed) -> Result<AgentList, ApiError> {
    s.ensure(Ask::Panel)?;
    s.done(s.api().agents().await)
}
