//! Analytics per division and per agent, and report export (PRD 3.7, 3.10).

use super::call;
use saga_core::analytics::{AgentAnalytics, DivisionAnalytics, ExportFormat};
use saga_core::ipc::{Command, ExportDone};
use saga_core::{ApiError, DateRange};
use serde::Serialize;

#[derive(Serialize)]
struct DivisionArgs<'a> {
    division: &'a str,
    range: &'a DateRange,
}

/// API-17: one division or `all` (SA/TL).
pub async fn division(division: &str, range: &DateRange) -> Result<DivisionAnalytics, ApiError> {
    call(
        Command::AnalyticsDivision,
        &DivisionArgs { division, range },
    )
    .await
}

#[derive(Serialize)]
struct AgentArgs<'a> {
    id: &'a str,
    range: &'a DateRange,
}

/// API-18: one agent (an agent: themself).
pub async fn agent(id: &str, range: &DateRange) -> Result<AgentAnalytics, ApiError> {
    call(Command::AnalyticsAgent, &AgentArgs { id, range }).await
}

#[derive(Serialize)]
struct ExportArgs<'a> {
    format: ExportFormat,
    division: &'a str,
    range: &'a DateRange,
}

/// API-19/20: the core asks for the report, downloads it itself (the token
/// stays in the core) and saves it where the user chooses.
pub async fn export(
    format: ExportFormat,
    division: &str,
    range: &DateRange,
) -> Result<ExportDone, ApiError> {
    call(
        Command::ExportReport,
        &ExportArgs {
            format,
            division,
            range,
        },
    )
    .await
}

#[derive(Serialize)]
struct IdArgs<'a> {
    id: &'a str,
}

/// Opens a saved report with the system's app for it.
pub async fn open(id: &str) -> Result<(), ApiError> {
    call(Command::OpenExport, &IdArgs { id }).await
}

/// Shows a saved report in its folder.
pub async fn reveal(id: &str) -> Result<(), ApiError> {
    call(Command::RevealExport, &IdArgs { id }).await
}
