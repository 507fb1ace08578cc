//! Operating hours per division (Super Admin only).

use super::call;
use saga_core::ipc::Command;
use saga_core::{ApiError, DayHours, Division, OfficeHours};
use serde::Serialize;

#[derive(Serialize)]
struct Args<'a> {
    division: Division,
    days: Option<&'a [DayHours]>,
}

pub async fn office_hours(division: Division) -> Result<OfficeHours, ApiError> {
    call(
        Command::OfficeHours,
        &Args {
            division,
            days: None,
        },
    )
    .await
}

pub async fn set_office_hours(
    division: Division,
    days: &[DayHours],
) -> Result<OfficeHours, ApiError> {
    call(
        Command::SetOfficeHours,
        &Args {
            division,
            days: Some(days),
        },
    )
    .await
}
