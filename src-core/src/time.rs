//! Time as the contract carries it: RFC 3339 strings, read into seconds
//! since the Unix epoch, and shown in WIB (UTC+7, no daylight saving).
//!
//! Hand-written rather than `chrono` on purpose: the UI is a WebAssembly
//! download and needs only these few operations, which `chrono` brings with
//! some 40 KB of parsing and formatting machinery (docs/performance.md).
//! The tests hold every function to `chrono`'s answers.

/// Seconds since 1970-01-01T00:00:00Z.
pub type Unix = i64;

/// WIB's offset from UTC in seconds (Asia/Jakarta).
pub const WIB_OFFSET: i64 = 7 * 3600;

/// Days from 1970-01-01 to the civil date `y-m-d` (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count from 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` of year `y`.
pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `n` ASCII digits at the start of `s`.
fn digits(s: &[u8], n: usize) -> Option<u32> {
    let d = s.get(..n)?;
    d.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DD` at the start of `s`: (year, month, day), checked.
fn date(s: &[u8]) -> Option<(i64, u32, u32)> {
    let (y, m, d) = (
        digits(s, 4)?,
        digits(s.get(5..)?, 2)?,
        digits(s.get(8..)?, 2)?,
    );
    if s[4] != b'-' || s[7] != b'-' || !(1..=12).contains(&m) {
        return None;
    }
    let y = i64::from(y);
    (d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

/// `HH:MM` at the start of `s`, checked.
fn hour_minute(s: &[u8]) -> Option<(u32, u32)> {
    let (h, m) = (digits(s, 2)?, digits(s.get(3..)?, 2)?);
    (s[2] == b':' && h < 24 && m < 60).then_some((h, m))
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    s.len() == 10 && date(s.as_bytes()).is_some()
}

/// Whether `s` is a local date and time written `YYYY-MM-DDTHH:MM` (what a
/// `datetime-local` input gives).
pub fn is_local_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16 && date(b).is_some() && b[10] == b'T' && hour_minute(&b[11..]).is_some()
}

/// Reads an RFC 3339 timestamp (`2026-11-23T07:05:00Z`,
/// `2026-11-23T14:05:00.250+07:00`) into Unix seconds; fractions of a
/// second are dropped. `None` for anything else.
pub fn parse_rfc3339(s: &str) -> Option<Unix> {
    let b = s.as_bytes();
    let (y, mo, d) = date(b)?;
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (h, mi) = hour_minute(b.get(11..)?)?;
    let sec = digits(b.get(17..)?, 2)?;
    if b[16] != b':' || sec > 60 {
        return None;
    }
    let mut rest = &b[19..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), ..] if rest.len() == 6 => {
            let (oh, om) = hour_minute(&rest[1..])?;
            let o = i64::from(oh * 3600 + om * 60);
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    let day = days_from_civil(y, mo, d);
    // A leap second reads as the last second of its minute.
    let secs = i64::from(h * 3600 + mi * 60 + sec.min(59));
    Some(day * 86_400 + secs - offset)
}

/// The civil date and time of `t` shifted by `offset` seconds:
/// (year, month, day, hour, minute, second).
pub fn civil(t: Unix, offset: i64) -> (i64, u32, u32, u32, u32, u32) {
    let local = t + offset;
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400) as u32;
    (y, m, d, s / 3600, s / 60 % 60, s % 60)
}

/// `t` with milliseconds as RFC 3339 UTC: `2026-11-23T07:05:00.250Z`.
pub fn rfc3339_millis(ms: i64) -> String {
    let (y, m, d, h, mi, s) = civil(ms.div_euclid(1000), 0);
    format!(
        "{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}Z",
        ms.rem_euclid(1000)
    )
}

/// `t` as RFC 3339 UTC to the second: `2026-11-23T07:05:00Z`.
pub fn rfc3339(t: Unix) -> String {
    let (y, m, d, h, mi, s) = civil(t, 0);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Now, in milliseconds since the epoch.
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub fn now_millis() -> i64 {
    js_sys::Date::now() as i64
}

/// Now, in milliseconds since the epoch.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub fn now_millis() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_millis() as i64,
        Err(e) => -(e.duration().as_millis() as i64),
    }
}

/// Now, in Unix seconds.
pub fn now() -> Unix {
    now_millis().div_euclid(1000)
}

/// Seconds from the RFC 3339 time `since` to `now` (negative when `since`
/// is later); `None` when `since` does not read.
pub fn secs_since(since: &str, now: Unix) -> Option<i64> {
    parse_rfc3339(since).map(|t| now - t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};
    use proptest::prelude::*;

    #[test]
    fn reads_the_forms_the_contract_uses() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339("2026-11-23T07:05:00Z"),
            parse_rfc3339("2026-11-23T14:05:00.999+07:00")
        );
        assert_eq!(
            parse_rfc3339("2024-02-29T23:59:60Z"),
            parse_rfc3339("2024-02-29T23:59:59Z")
        );
        for bad in [
            "",
            "2026-11-23",
            "2026-11-23T07:05Z",
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-23T24:00:00Z",
            "2026-11-23T07:05:00",
            "2026-11-23T07:05:00.Z",
            "2026-11-23T07:05:00+0700",
            "2026-11-23T07:05:00Zjunk",
            "２０２６-11-23T07:05:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_real_calendar_dates() {
        assert!(is_date("2024-02-29") && !is_date("2026-02-29") && !is_date("2026-04-31"));
        assert!(!is_date("2026-1-01") && !is_date("26-01-01") && !is_date("2026-01-01x"));
        assert!(is_local_datetime("2026-12-01T09:30") && !is_local_datetime("2026-12-01T9:30"));
        assert!(!is_local_datetime("2026-12-01 09:30") && !is_local_datetime("2026-12-01T09:60"));
    }

    proptest! {
        /// Reading and writing agree with chrono over ±300 years, at any
        /// offset chrono writes.
        #[test]
        fn agrees_with_chrono(t in -9_000_000_000i64..9_000_000_000, ms in 0i64..1000, off in -50_400i32..50_400) {
            let c = Utc.timestamp_opt(t, 0).unwrap();
            prop_assert_eq!(rfc3339(t), c.to_rfc3339_opts(SecondsFormat::Secs, true));
            let cm = Utc.timestamp_millis_opt(t * 1000 + ms).unwrap();
            prop_assert_eq!(rfc3339_millis(t * 1000 + ms), cm.to_rfc3339_opts(SecondsFormat::Millis, true));
            let off = off - off % 60;
            let shifted = c.with_timezone(&chrono::FixedOffset::east_opt(off).unwrap()).to_rfc3339();
            prop_assert_eq!(parse_rfc3339(&shifted), Some(t), "{}", shifted);
            prop_assert_eq!(DateTime::parse_from_rfc3339(&rfc3339(t)).unwrap().timestamp(), t);
        }

        #[test]
        fn date_checks_agree_with_chrono(y in 1900i64..2200, m in 0u32..14, d in 0u32..33, h in 0u32..26, mi in 0u32..62) {
            let s = format!("{y:04}-{m:02}-{d:02}");
            prop_assert_eq!(is_date(&s), NaiveDate::parse_from_str(&s, "%Y-%m-%d").is_ok(), "{}", s);
            let l = format!("{s}T{h:02}:{mi:02}");
            prop_assert_eq!(is_local_datetime(&l), NaiveDateTime::parse_from_str(&l, "%Y-%m-%dT%H:%M").is_ok(), "{}", l);
        }
    }

    #[test]
    fn now_is_now() {
        let ours = now();
        let theirs = Utc::now().timestamp();
        assert!((ours - theirs).abs() <= 1, "{ours} vs {theirs}");
    }
}
