//! Formatting: Rupiah and WIB (Asia/Jakarta, UTC+7, no daylight saving).

use chrono::{DateTime, FixedOffset, Utc};

/// WIB offset (UTC+7). Indonesia has no daylight saving time.
pub fn wib() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("valid offset")
}

/// `1500000` → `Rp 1.500.000` (OQ-20: whole rupiah, dot separators).
pub fn rupiah(value: i64) -> String {
    let neg = value < 0;
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if neg {
        format!("-Rp {out}")
    } else {
        format!("Rp {out}")
    }
}

/// Parses what a user typed as Rupiah: `Rp 1.500.000`, `1500000`, `1.500.000`.
/// Decimal commas are not accepted (whole rupiah only).
pub fn parse_rupiah(input: &str) -> Result<i64, String> {
    let s = input.trim();
    let s = s
        .strip_prefix("Rp")
        .or_else(|| s.strip_prefix("rp"))
        .unwrap_or(s)
        .trim();
    if s.is_empty() {
        return Err("Nilai kosong.".into());
    }
    if s.contains(',') {
        return Err("Masukkan rupiah tanpa desimal, contoh: 1.500.000".into());
    }
    let digits: String = s.chars().filter(|c| *c != '.' && *c != ' ').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("'{input}' bukan angka rupiah yang valid."));
    }
    digits
        .parse::<i64>()
        .map_err(|_| "Nilai terlalu besar.".into())
}

/// An RFC 3339 timestamp shown in WIB: `23 Nov 2026 14:05 WIB`.
pub fn wib_datetime(rfc3339: &str) -> String {
    match DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => format!("{} WIB", t.with_timezone(&wib()).format("%d %b %Y %H:%M")),
        Err(_) => rfc3339.to_string(),
    }
}

/// Only the time of day in WIB: `14:05`.
pub fn wib_time(rfc3339: &str) -> String {
    match DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => t.with_timezone(&wib()).format("%H:%M").to_string(),
        Err(_) => rfc3339.to_string(),
    }
}

/// A short relative age, e.g. `5 mnt`, `3 jam`, `2 hr` (Indonesian).
pub fn age_short(rfc3339: &str, now: DateTime<Utc>) -> String {
    let Ok(t) = DateTime::parse_from_rfc3339(rfc3339) else {
        return String::new();
    };
    let secs = (now - t.with_timezone(&Utc)).num_seconds().max(0);
    match secs {
        s if s < 60 => "baru saja".into(),
        s if s < 3600 => format!("{} mnt", s / 60),
        s if s < 86_400 => format!("{} jam", s / 3600),
        s => format!("{} hr", s / 86_400),
    }
}

/// Now as an RFC 3339 UTC string with milliseconds.
pub fn now_rfc3339() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_rupiah() {
        assert_eq!(rupiah(0), "Rp 0");
        assert_eq!(rupiah(999), "Rp 999");
        assert_eq!(rupiah(1_500_000), "Rp 1.500.000");
        assert_eq!(rupiah(12_345_678_901), "Rp 12.345.678.901");
        assert_eq!(rupiah(-2500), "-Rp 2.500");
    }

    #[test]
    fn parses_rupiah() {
        assert_eq!(parse_rupiah("Rp 1.500.000"), Ok(1_500_000));
        assert_eq!(parse_rupiah("1500000"), Ok(1_500_000));
        assert!(parse_rupiah("1,5 juta").is_err());
        assert!(parse_rupiah("abc").is_err());
        assert!(parse_rupiah("").is_err());
    }

    #[test]
    fn shows_wib() {
        assert_eq!(
            wib_datetime("2026-11-23T07:05:00Z"),
            "23 Nov 2026 14:05 WIB"
        );
        assert_eq!(wib_time("2026-11-23T20:00:00Z"), "03:00");
    }

    proptest! {
        #[test]
        fn rupiah_round_trips(v in 0i64..i64::MAX / 10) {
            prop_assert_eq!(parse_rupiah(&rupiah(v)), Ok(v));
        }
    }
}
