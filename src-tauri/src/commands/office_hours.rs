//! Operating hours per division (USERS-6, PERM-14: Super Admin only).

use super::Signed;
use saga_core::access::Perm;
use saga_core::{ApiError, DayHours, Division, OfficeHours};

/// API-28.
#[tauri::command]
pub async fn office_hours(s: Signed, division: Division) -> Result<OfficeHours, ApiError> {
    s.require(Perm::OfficeHours)?;
    s.done(s.api().office_hours(division).await)
}

/// API-29 (DOD-15): new tickets' OFF HOURS follows at once.
#[tauri::command]
pub async fn set_office_hours(
    s: Signed,
    division: Division,
    days: Vec<DayHours>,
) -> Result<OfficeHours, ApiError> {
    s.require(Perm::OfficeHours)?;
    s.done(s.api().set_office_hours(division, &days).await)
}
