//! Formatting: Rupiah and WIB (Asia/Jakarta, UTC+7, no daylight saving).

use crate::time::{civil, now_millis, parse_rfc3339, rfc3339_millis, Unix, WIB_OFFSET};

/// Month abbreviations as Indonesians write them.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

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

/// Parses a number typed the Indonesian way or the English way: `12,5`,
/// `12.5`, `1.250,75`, `1.000` (one thousand), `2500`.
pub fn parse_decimal(input: &str) -> Result<f64, String> {
    let s: String = input.trim().chars().filter(|c| *c != ' ').collect();
    let bad = || format!("'{}' bukan angka yang valid.", input.trim());
    if s.is_empty() {
        return Err("Nilai kosong.".into());
    }
    let normal = if s.contains(',') {
        // Comma decimal: dots group thousands.
        if s.matches(',').count() > 1 {
            return Err(bad());
        }
        s.replace('.', "").replace(',', ".")
    } else {
        let dots = s.matches('.').count();
        let after = s.rsplit('.').next().map(str::len).unwrap_or(0);
        if dots > 1 || (dots == 1 && after == 3) {
            s.replace('.', "")
        } else {
            s
        }
    };
    if !normal.chars().all(|c| c.is_ascii_digit() || c == '.') || normal.starts_with('.') {
        return Err(bad());
    }
    match normal.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ => Err(bad()),
    }
}

/// A number shown the Indonesian way: `12,5`, `1.250`, `0,25`.
pub fn decimal(value: f64) -> String {
    let neg = value < 0.0;
    // Thousandths, rounded once, so 0.9996 becomes 1 and never "0,1000".
    let milli = (value.abs() * 1000.0).round() as u64;
    let (whole, frac) = (milli / 1000, milli % 1000);
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if frac > 0 {
        out.push(',');
        out.push_str(format!("{frac:03}").trim_end_matches('0'));
    }
    if neg {
        format!("-{out}")
    } else {
        out
    }
}

/// An RFC 3339 timestamp shown in WIB: `23 Nov 2026 14:05 WIB`,
/// `1 Des 2026 09:00 WIB`; what does not read is shown as it came.
pub fn wib_datetime(rfc3339: &str) -> String {
    match parse_rfc3339(rfc3339) {
        Some(t) => wib_datetime_at(t),
        None => rfc3339.to_string(),
    }
}

/// A Unix time shown in WIB (see [`wib_datetime`]).
pub fn wib_datetime_at(t: Unix) -> String {
    let (y, m, d, h, mi, _) = civil(t, WIB_OFFSET);
    format!("{d:02} {} {y} {h:02}:{mi:02} WIB", MONTHS[m as usize - 1])
}

/// Only the time of day in WIB: `14:05`.
pub fn wib_time(rfc3339: &str) -> String {
    match parse_rfc3339(rfc3339) {
        Some(t) => {
            let (_, _, _, h, mi, _) = civil(t, WIB_OFFSET);
            format!("{h:02}:{mi:02}")
        }
        None => rfc3339.to_string(),
    }
}

/// Now as an RFC 3339 UTC string with milliseconds.
pub fn now_rfc3339() -> String {
    rfc3339_millis(now_millis())
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
        // Past midnight in WIB is the next day, in Indonesian.
        assert_eq!(
            wib_datetime("2026-11-30T17:00:00Z"),
            "01 Des 2026 00:00 WIB"
        );
        assert_eq!(wib_datetime("kemarin"), "kemarin");
    }

    #[test]
    fn parses_decimals_both_ways() {
        assert_eq!(parse_decimal("12,5"), Ok(12.5));
        assert_eq!(parse_decimal("12.5"), Ok(12.5));
        assert_eq!(parse_decimal("1.000"), Ok(1000.0));
        assert_eq!(parse_decimal("1.250,75"), Ok(1250.75));
        assert_eq!(parse_decimal(" 2500 "), Ok(2500.0));
        assert!(parse_decimal("12kg").is_err());
        assert!(parse_decimal("1,2,3").is_err());
        assert!(parse_decimal("").is_err());
        assert_eq!(decimal(12.5), "12,5");
        assert_eq!(decimal(1250.0), "1.250");
        assert_eq!(decimal(0.25), "0,25");
        assert_eq!(decimal(0.9996), "1");
    }

    proptest! {
        #[test]
        fn decimal_round_trips(whole in 0u64..10_000_000, hundredths in 0u64..100) {
            let v = whole as f64 + hundredths as f64 / 100.0;
            let back = parse_decimal(&decimal(v)).unwrap();
            prop_assert!((back - v).abs() < 1e-6, "{} -> {} -> {}", v, decimal(v), back);
        }

        #[test]
        fn rupiah_round_trips(v in 0i64..i64::MAX / 10) {
            prop_assert_eq!(parse_rupiah(&rupiah(v)), Ok(v));
        }
    }
}
