//! Online/Offline and the agent list (API-2, API-3).

use super::{call, NoArgs};
use saga_core::ipc::Command;
use saga_core::{AgentList, AgentStatus, ApiError, StatusResponse};
use serde::Serialize;

#[derive(Serialize)]
struct StatusArgs {
    status: AgentStatus,
}

/// The user's own status (TOGGLE-3).
pub async fn set_status(status: AgentStatus) -> Result<StatusResponse, ApiError> {
    call(Command::SetStatus, &StatusArgs { status }).await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AgentStatusArgs<'a> {
    agent_id: &'a str,
    status: AgentStatus,
}

/// Another agent's status (PERM-3).
pub async fn set_agent_status(
    agent_id: &str,
    status: AgentStatus,
) -> Result<StatusResponse, ApiError> {
    call(
        Command::SetAgentStatus,
        &AgentStatusArgs { agent_id, status },
    )
    .await
}

pub async fn agents() -> Result<AgentList, ApiError> {
    call(Command::Agents, &NoArgs {}).await
}
