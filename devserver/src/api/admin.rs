//! Super Admin: users (API-30, 31, PATCH extension), privileges (API-27),
//! operating hours (API-28, 29).

use super::session::{load_user, user_from_row};
use super::*;
use crate::auth::hash_password;
use crate::AppState;
use axum::extract::{Path, State};
use axum::Json;

fn sa_only(caller: &Caller, perm: Perm) -> AppResult<()> {
    require(&caller.p, perm)?;
    Ok(())
}

fn check_email(email: &str) -> AppResult<String> {
    let e = email.trim().to_lowercase();
    let ok = e.len() <= 120
        && e.split_once('@')
            .map(|(a, b)| !a.is_empty() && b.contains('.') && !b.starts_with('.'))
            .unwrap_or(false);
    if ok {
        Ok(e)
    } else {
        Err(AppError::invalid_field(
            "invalid_email",
            "email",
            "Format email tidak valid.",
        ))
    }
}

fn check_password(pw: &str) -> AppResult<()> {
    if pw.chars().count() < 8 {
        return Err(AppError::invalid_field(
            "weak_password",
            "password",
            "Kata sandi minimal 8 karakter.",
        ));
    }
    Ok(())
}

/// Privileges are capability keys (OQ-7): `-<PERM key>` takes a row away
/// (`saga_core::access::Perm::key`), `inbox:all_divisions` widens a
/// Viewer's inbox. A Super Admin's administration cannot be taken away.
fn check_privileges(p: &[String], role: Option<Role>) -> AppResult<()> {
    let known = |x: &str| {
        x == saga_core::access::PRIV_VIEWER_ALL_DIVISIONS
            || x.strip_prefix('-').and_then(Perm::from_key).is_some()
    };
    if p.len() > 50 || p.iter().any(|x| !known(x)) {
        return Err(AppError::invalid_field(
            "invalid_privileges",
            "privileges",
            "Daftar hak akses tidak valid.",
        ));
    }
    let admin = [Perm::UserManagement, Perm::OfficeHours].map(saga_core::access::revocation);
    if role == Some(Role::SuperAdmin) && p.iter().any(|x| admin.contains(x)) {
        return Err(AppError::invalid_field(
            "super_admin_locked_in",
            "privileges",
            "Hak mengelola pengguna dan jam operasional tidak dapat dicabut dari Super Admin.",
        ));
    }
    Ok(())
}

/// API-30 (USERS-1).
pub async fn users(State(state): State<AppState>, caller: Caller) -> AppResult<Json<UserList>> {
    sa_only(&caller, Perm::UserManagement)?;
    let users = state
        .db
        .tx(|tx| {
            let mut st = tx.prepare(
                "SELECT u.id, u.name, u.email, u.role, u.division, u.status, u.privileges, u.active, rp.privileges \
                 FROM users u LEFT JOIN role_privileges rp ON rp.role = u.role ORDER BY u.active DESC, u.division, u.name",
            )?;
            let v = st.query_map([], user_from_row)?.collect::<Result<Vec<_>, _>>()?;
            Ok(v)
        })
        .await?;
    Ok(Json(UserList { users }))
}

/// API-31 (USERS-2).
pub async fn create_user(
    State(state): State<AppState>,
    caller: Caller,
    ApiJson(req): ApiJson<UserCreateRequest>,
) -> AppResult<Json<User>> {
    sa_only(&caller, Perm::UserManagement)?;
    let name = text("name", "Nama", &req.name, 80)?;
    let email = check_email(&req.email)?;
    check_password(&req.password)?;
    check_privileges(&req.privileges, Some(req.role))?;
    let hash = tokio::task::spawn_blocking(move || hash_password(&req.password))
        .await
        .map_err(AppError::internal)?;
    let user = state
        .db
        .tx(move |tx| {
            let exists = tx.query_row("SELECT 1 FROM users WHERE email = ?1", [&email], |_| Ok(())).optional()?;
            if exists.is_some() {
                return Err(AppError::conflict("email_taken", "Email sudah dipakai pengguna lain."));
            }
            let id = new_id("U");
            let at = now();
            tx.execute(
                "INSERT INTO users (id, name, email, password_hash, role, division, status, status_changed_at, privileges, active, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'offline', ?7, ?8, 1, ?7)",
                params![id, name, email, hash, req.role.as_str(), req.division.as_str(), at, serde_json::to_string(&req.privileges)?],
            )?;
            load_user(tx, &id)
        })
        .await?;
    Ok(Json(user))
}

/// User edit and (de)activation (OQ-27 extension, USERS-3/4/5). A
/// deactivated user cannot log in and their tickets stay where they are.
pub async fn patch_user(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<UserPatch>,
) -> AppResult<Json<User>> {
    sa_only(&caller, Perm::UserManagement)?;
    let name = req
        .name
        .as_deref()
        .map(|n| text("name", "Nama", n, 80))
        .transpose()?;
    let email = req.email.as_deref().map(check_email).transpose()?;
    if let Some(p) = &req.password {
        check_password(p)?;
    }
    if id == caller.id()
        && (req.active == Some(false) || req.role.is_some_and(|r| r != Role::SuperAdmin))
    {
        return Err(AppError::invalid(
            "self_lockout",
            "Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri.",
        ));
    }
    let hash = match req.password.clone() {
        Some(p) => Some(
            tokio::task::spawn_blocking(move || hash_password(&p))
                .await
                .map_err(AppError::internal)?,
        ),
        None => None,
    };
    let (user, events) = state
        .db
        .tx(move |tx| {
            let before = load_user(tx, &id)?;
            if let Some(p) = &req.privileges {
                check_privileges(p, Some(req.role.unwrap_or(before.role)))?;
            }
            // USERS-4: the team always keeps an active Super Admin.
            let leaves_sa = before.role == Role::SuperAdmin
                && before.active
                && (req.active == Some(false) || req.role.is_some_and(|r| r != Role::SuperAdmin));
            if leaves_sa {
                let others: i64 = tx.query_row(
                    "SELECT count(*) FROM users WHERE role = 'super_admin' AND active = 1 AND id != ?1",
                    [&id],
                    |r| r.get(0),
                )?;
                if others == 0 {
                    return Err(AppError::invalid(
                        "last_super_admin",
                        "Ini Super Admin aktif terakhir: tidak dapat dinonaktifkan atau diturunkan perannya.",
                    ));
                }
            }
            if let Some(e) = &email {
                let taken = tx
                    .query_row("SELECT 1 FROM users WHERE email = ?1 AND id != ?2", [e, &id], |_| Ok(()))
                    .optional()?;
                if taken.is_some() {
                    return Err(AppError::conflict("email_taken", "Email sudah dipakai pengguna lain."));
                }
            }
            tx.execute(
                "UPDATE users SET name = COALESCE(?2, name), email = COALESCE(?3, email), password_hash = COALESCE(?4, password_hash), \
                 role = COALESCE(?5, role), division = COALESCE(?6, division), privileges = COALESCE(?7, privileges), \
                 active = COALESCE(?8, active) WHERE id = ?1",
                params![
                    id,
                    name,
                    email,
                    hash,
                    req.role.map(|r| r.as_str()),
                    req.division.map(|d| d.as_str()),
                    req.privileges.as_ref().map(serde_json::to_string).transpose()?,
                    req.active
                ],
            )?;
            let mut events = vec![ServerEvent::UserChanged {
                user_id: Some(id.clone()),
                role: None,
            }];
            if req.active == Some(false) && before.status == AgentStatus::Online {
                events.extend(super::session::apply_status(tx, &id, AgentStatus::Offline)?);
            }
            Ok((load_user(tx, &id)?, events))
        })
        .await?;
    state.publish(events);
    Ok(Json(user))
}

/// API-27: a role's default privileges (OQ-7).
pub async fn set_privileges(
    State(state): State<AppState>,
    caller: Caller,
    Path(role): Path<String>,
    ApiJson(req): ApiJson<PrivilegesRequest>,
) -> AppResult<Json<PrivilegesRequest>> {
    sa_only(&caller, Perm::UserManagement)?;
    let role = Role::parse(&role).ok_or_else(|| AppError::not_found("Peran"))?;
    check_privileges(&req.privileges, Some(role))?;
    let p = req.privileges.clone();
    state
        .db
        .tx(move |tx| {
            tx.execute(
                "INSERT INTO role_privileges (role, privileges) VALUES (?1, ?2) ON CONFLICT(role) DO UPDATE SET privileges = excluded.privileges",
                params![role.as_str(), serde_json::to_string(&p)?],
            )?;
            Ok(())
        })
        .await?;
    state.publish(vec![ServerEvent::UserChanged {
        user_id: None,
        role: Some(role),
    }]);
    Ok(Json(req))
}

pub async fn get_privileges(
    State(state): State<AppState>,
    caller: Caller,
    Path(role): Path<String>,
) -> AppResult<Json<PrivilegesRequest>> {
    sa_only(&caller, Perm::UserManagement)?;
    let role = Role::parse(&role).ok_or_else(|| AppError::not_found("Peran"))?;
    let privileges = state
        .db
        .tx(move |tx| {
            let s: Option<String> = tx
                .query_row(
                    "SELECT privileges FROM role_privileges WHERE role = ?1",
                    [role.as_str()],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(s.and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default())
        })
        .await?;
    Ok(Json(PrivilegesRequest { privileges }))
}

pub fn load_office_hours(tx: &rusqlite::Transaction<'_>, div: Division) -> AppResult<OfficeHours> {
    let mut st = tx.prepare(
        "SELECT day, open, close, closed FROM office_hours WHERE division = ?1 ORDER BY day",
    )?;
    let days = st
        .query_map([div.as_str()], |r| {
            Ok(DayHours {
                day: r.get(0)?,
                open: r.get(1)?,
                close: r.get(2)?,
                closed: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(OfficeHours {
        division: div,
        days,
    })
}

fn parse_div(s: &str) -> AppResult<Division> {
    Division::parse(s).ok_or_else(|| AppError::not_found("Divisi"))
}

/// API-28.
pub async fn office_hours(
    State(state): State<AppState>,
    caller: Caller,
    Path(div): Path<String>,
) -> AppResult<Json<OfficeHours>> {
    sa_only(&caller, Perm::OfficeHours)?;
    let div = parse_div(&div)?;
    Ok(Json(
        state.db.tx(move |tx| load_office_hours(tx, div)).await?,
    ))
}

fn valid_time(s: &str) -> bool {
    chrono::NaiveTime::parse_from_str(s, "%H:%M").is_ok() && s.len() == 5
}

/// API-29: replaces the days given (USERS-6, DOD-15). OFF HOURS for new
/// tickets follows at once.
pub async fn set_office_hours(
    State(state): State<AppState>,
    caller: Caller,
    Path(div): Path<String>,
    ApiJson(req): ApiJson<serde_json::Value>,
) -> AppResult<Json<OfficeHours>> {
    sa_only(&caller, Perm::OfficeHours)?;
    let div = parse_div(&div)?;
    // Accept `{ days: [...] }` or a bare array.
    let days_v = req.get("days").cloned().unwrap_or(req);
    let days: Vec<DayHours> = serde_json::from_value(days_v).map_err(|e| {
        AppError::invalid("invalid_body", format!("Jam operasional tidak valid: {e}"))
    })?;
    for d in &days {
        if !(1..=7).contains(&d.day) {
            return Err(AppError::invalid_field(
                "invalid_day",
                "day",
                "Hari harus 1 (Senin) sampai 7 (Minggu).",
            ));
        }
        if !d.closed && (!valid_time(&d.open) || !valid_time(&d.close) || d.open >= d.close) {
            return Err(AppError::invalid_field(
                "invalid_hours",
                "open",
                format!(
                    "Hari {}: jam buka dan tutup harus HH:MM dan jam buka sebelum jam tutup.",
                    d.day
                ),
            ));
        }
    }
    let oh = state
        .db
        .tx(move |tx| {
            for d in &days {
                tx.execute(
                    "INSERT INTO office_hours (division, day, open, close, closed) VALUES (?1, ?2, ?3, ?4, ?5) \
                     ON CONFLICT(division, day) DO UPDATE SET open = excluded.open, close = excluded.close, closed = excluded.closed",
                    params![div.as_str(), d.day, d.open, d.close, d.closed],
                )?;
            }
            load_office_hours(tx, div)
        })
        .await?;
    Ok(Json(oh))
}

/// Whether `at` (UTC) falls outside the division's operating hours (WIB).
pub fn is_off_hours(
    tx: &rusqlite::Transaction<'_>,
    div: Division,
    at: chrono::DateTime<chrono::Utc>,
) -> AppResult<bool> {
    use chrono::{Datelike, Timelike};
    let local = at.with_timezone(&crate::wib());
    let day = local.weekday().number_from_monday();
    let row: Option<(String, String, bool)> = tx
        .query_row(
            "SELECT open, close, closed FROM office_hours WHERE division = ?1 AND day = ?2",
            params![div.as_str(), day],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let now = format!("{:02}:{:02}", local.hour(), local.minute());
    Ok(match row {
        None => true,
        Some((_, _, true)) => true,
        Some((open, close, false)) => outside(&now, &open, &close),
    })
}

/// Whether `now` ("HH:MM", WIB) is outside `open`..`close`. A day closing
/// at 23:59 is open to its end: 00:00–23:59 is the whole day, not all but
/// its last minute (the form's times stop at 23:59).
pub fn outside(now: &str, open: &str, close: &str) -> bool {
    now < open || (now >= close && close != "23:59")
}

#[cfg(test)]
mod tests {
    use super::outside;

    #[test]
    fn a_day_open_until_2359_includes_its_last_minute() {
        assert!(!outside("23:59", "00:00", "23:59"));
        assert!(!outside("00:00", "00:00", "23:59"));
        assert!(outside("07:59", "08:00", "17:00"));
        assert!(!outside("08:00", "08:00", "17:00"));
        assert!(outside("17:00", "08:00", "17:00"), "closing time is closed");
    }
}
