//! Analytics (PRD 3.7) and report export (PRD 3.10): the typed answers of
//! API-17 and API-18, which the dev server builds and the app reads, the
//! report formats of API-19 and API-20 (`model::ExportRequest`), and the
//! period a screen asks for.
//!
//! Rates are fractions (0.125 is 12.5 %), rounded to thousandths by the
//! server; [`percent`] shows them the Indonesian way.

use crate::model::{Channel, CrmStage, Division, FollowUpCategory};
pub use crate::model::{DateRange, ExportRequest, ExportResponse};
use crate::time::{civil, days_from_civil, is_date, Unix, WIB_OFFSET};
use serde::{Deserialize, Serialize};

/// One month of a closing-rate trend (AN-DIV-1, AN-AGENT-1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthRate {
    /// `YYYY-MM`
    pub month: String,
    pub leads: u64,
    pub won: u64,
    pub lost: u64,
    /// Won over closed (won + lost).
    pub closing_rate: f64,
}

impl MonthRate {
    /// The closing rate, or `None` for a month that closed nothing (its
    /// 0 is no rate, and a chart leaves a gap rather than a fall to 0 %).
    pub fn rate(&self) -> Option<f64> {
        (self.won + self.lost > 0).then_some(self.closing_rate)
    }
}

/// AN-DIV-2: leads in, valid, won, lost.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub leads: u64,
    pub valid: u64,
    pub won: u64,
    pub lost: u64,
    pub valid_pct: f64,
    pub won_pct: f64,
    pub lost_pct: f64,
    /// Sum of won deals, whole Rupiah.
    pub won_value: i64,
}

/// AN-DIV-5 and the drill-down of AN-AGENT-3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonCount {
    pub reason: String,
    pub count: u64,
}

/// AN-DIV-6: one origin → destination and its tickets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteCount {
    pub origin: String,
    pub destination: String,
    pub count: u64,
}

/// One month of one channel (AN-DIV-7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelMonth {
    pub month: String,
    pub leads: u64,
    pub won: u64,
    pub won_value: i64,
    /// Won over leads of that month.
    pub closing_rate: f64,
}

/// AN-DIV-7: which channel produces the closings, month by month over the
/// last six months of the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelRoi {
    pub channel: Channel,
    pub won: u64,
    pub series: Vec<ChannelMonth>,
}

/// AN-DIV-8: tickets per month over the twelve months up to the period's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthVolume {
    pub month: String,
    pub volume: u64,
}

/// AN-DIV-9: blasts per follow-up category and how many answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlastEffect {
    pub category: FollowUpCategory,
    pub sent: u64,
    pub responded: u64,
    pub response_rate: f64,
}

/// API-17: one division, or all (SA/TL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DivisionAnalytics {
    pub divisions: Vec<Division>,
    pub period: DateRange,
    pub closing_rate: f64,
    /// The three months ending with the period's.
    pub trend: Vec<MonthRate>,
    pub totals: Totals,
    pub bot_resolution_rate: f64,
    /// Days from inquiry to closing, one decimal; none without closings.
    pub avg_cycle_days: Option<f64>,
    pub lost_reasons: Vec<ReasonCount>,
    pub top_routes: Vec<RouteCount>,
    pub channel_roi: Vec<ChannelRoi>,
    pub seasonality: Vec<MonthVolume>,
    pub blast_effectiveness: Vec<BlastEffect>,
    /// Every agent of the divisions, for SA and TL (extension; empty for
    /// an agent, who reads their own through API-18, OQ-11).
    #[serde(default)]
    pub agents: Vec<AgentAnalytics>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentRef {
    pub id: String,
    pub name: String,
    pub division: Division,
}

/// A ticket with no activity for more than four hours (AN-AGENT-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdleTicket {
    pub ticket_id: String,
    pub customer_name: String,
    pub last_activity_at: String,
    pub crm_stage: CrmStage,
}

/// API-18: one agent (AN-AGENT-1..3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentAnalytics {
    pub agent: AgentRef,
    pub period: DateRange,
    pub tickets: u64,
    pub won: u64,
    pub lost: u64,
    pub closing_rate: f64,
    /// Three months, for the table's sparkline.
    pub trend: Vec<MonthRate>,
    /// Twelve months, for the drill-down.
    pub trend_full: Vec<MonthRate>,
    pub avg_pickup_minutes: Option<f64>,
    /// First pickups within the SLA ([`SLA_PICKUP_MINUTES`]) over all.
    pub sla_compliance: f64,
    /// Under 80 % (AN-AGENT-2), with at least one pickup.
    pub sla_breach: bool,
    pub availability_rate: f64,
    pub avg_deal_value: Option<i64>,
    pub idle_tickets: Vec<IdleTicket>,
    pub lost_reasons: Vec<ReasonCount>,
}

/// SLA: the first pickup within this many minutes of the ticket's arrival.
pub const SLA_PICKUP_MINUTES: u32 = 15;

/// AN-AGENT-2: the row is red under this compliance.
pub const SLA_TARGET: f64 = 0.8;

/// The two report formats (EXPORT-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Excel,
    Pdf,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Excel => "xlsx",
            ExportFormat::Pdf => "pdf",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Excel => "excel",
            ExportFormat::Pdf => "pdf",
        }
    }

    /// The file's first bytes: a PDF starts `%PDF`, an xlsx is a zip (`PK`).
    pub fn magic(self) -> &'static [u8] {
        match self {
            ExportFormat::Excel => b"PK",
            ExportFormat::Pdf => b"%PDF",
        }
    }
}

/// The name a report is saved under: `saga-desk-SARI-2026-11-01_2026-11-30.pdf`.
pub fn export_file_name(format: ExportFormat, division: &str, range: &DateRange) -> String {
    let safe: String = division
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    format!(
        "saga-desk-{}-{}_{}.{}",
        if safe.is_empty() { "all" } else { &safe },
        range.start,
        range.end,
        format.extension()
    )
}

/// A rate as Indonesians write a percentage: `0.125` → `12,5%`, `1.0` →
/// `100%` (one decimal at most, never float formatting).
pub fn percent(rate: f64) -> String {
    let tenths = (rate * 1000.0).round() as i64;
    let (whole, frac) = (tenths / 10, (tenths % 10).abs());
    if frac == 0 {
        format!("{whole}%")
    } else {
        format!("{whole},{frac}%")
    }
}

/// A one-decimal figure (`avg_cycle_days`, minutes): `4.25` → `4,3`.
pub fn one_decimal(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let (whole, frac) = (tenths / 10, (tenths % 10).abs());
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole},{frac}")
    }
}

/// The periods of AN-DIV-10.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    /// Today (WIB).
    Daily,
    /// The last seven days, today included.
    Weekly,
    /// The last 30 days, today included.
    Monthly,
    /// Chosen dates.
    Custom,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Daily,
        PeriodKind::Weekly,
        PeriodKind::Monthly,
        PeriodKind::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Daily => "daily",
            PeriodKind::Weekly => "weekly",
            PeriodKind::Monthly => "monthly",
            PeriodKind::Custom => "custom",
        }
    }

    pub fn parse(s: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

fn ymd(y: i64, m: u32, d: u32) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Today's date in WIB.
pub fn wib_today(now: Unix) -> String {
    let (y, m, d, ..) = civil(now, WIB_OFFSET);
    ymd(y, m, d)
}

/// The dates a period covers at `now` (WIB). `Custom` takes `start`/`end`
/// and checks them: real dates, the end not before the start, at most
/// three years (the server's limit).
pub fn period_range(
    kind: PeriodKind,
    now: Unix,
    start: Option<&str>,
    end: Option<&str>,
) -> Result<DateRange, &'static str> {
    let (y, m, d, ..) = civil(now, WIB_OFFSET);
    let today = days_from_civil(y, m, d);
    let from_days = |n: i64| {
        let (y, m, d) = crate::time::civil_from_days(n);
        ymd(y, m, d)
    };
    Ok(match kind {
        PeriodKind::Daily => DateRange {
            start: ymd(y, m, d),
            end: ymd(y, m, d),
        },
        PeriodKind::Weekly => DateRange {
            start: from_days(today - 6),
            end: ymd(y, m, d),
        },
        // The last 30 days, like the week's last 7: on the first of a
        // month a calendar month would hold one morning.
        PeriodKind::Monthly => DateRange {
            start: from_days(today - 29),
            end: ymd(y, m, d),
        },
        PeriodKind::Custom => {
            let (Some(a), Some(b)) = (start, end) else {
                return Err("Pilih tanggal awal dan akhir.");
            };
            if !is_date(a) || !is_date(b) {
                return Err("Tanggal harus berformat YYYY-MM-DD.");
            }
            if b < a {
                return Err("Tanggal akhir harus setelah tanggal awal.");
            }
            let days = |s: &str| {
                days_from_civil(
                    s[..4].parse().unwrap_or(0),
                    s[5..7].parse().unwrap_or(1),
                    s[8..].parse().unwrap_or(1),
                )
            };
            if days(b) - days(a) > 3 * 366 {
                return Err("Periode maksimal 3 tahun.");
            }
            DateRange {
                start: a.to_string(),
                end: b.to_string(),
            }
        }
    })
}

/// The query of API-17/18 for a range: `period=START..END`.
pub fn period_query(r: &DateRange) -> String {
    format!("period={}..{}", r.start, r.end)
}

/// Chart geometry shared by the app's charts and the PDF report.
///
/// The stretches of a series between gaps (NaN), as index ranges; a
/// lone point is drawn by its marker.
pub fn runs(values: &[f64]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, v) in values.iter().enumerate() {
        match (v.is_finite(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..values.len());
    }
    out
}

/// The value axis: a round step (1, 2, 2,5 or 5 times a power of ten; a
/// whole number for counts) and how many steps reach past `max`, at most
/// five, so the marks read 0, 10, 20, ... and never 13 or 38.
pub fn axis_steps(max: f64, whole: bool) -> (f64, usize) {
    if max <= 0.0 || !max.is_finite() {
        return (if whole { 1.0 } else { 0.25 }, 4);
    }
    let mut p = 1.0;
    while p * 10.0 <= max {
        p *= 10.0;
    }
    while p > max {
        p /= 10.0;
    }
    // p <= max < 10p: a step of p/10 .. 5p gives 2..50 steps; take the
    // smallest round step that needs no more than five.
    for base in [p / 10.0, p] {
        for m in [1.0, 2.0, 2.5, 5.0] {
            let step = base * m;
            if whole && (step < 1.0 || step.fract() != 0.0) {
                continue;
            }
            let n = (max / step - 1e-9).ceil().max(1.0) as usize;
            if n <= 5 {
                return (step, n);
            }
        }
    }
    (p * 10.0, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_rfc3339;

    fn at(s: &str) -> Unix {
        parse_rfc3339(s).unwrap()
    }

    #[test]
    fn chart_axes_step_by_round_numbers() {
        assert_eq!(axis_steps(45.0, true), (10.0, 5), "0..50 by 10, never 38");
        assert_eq!(axis_steps(225.0, true), (50.0, 5));
        assert_eq!(
            axis_steps(3.0, true),
            (1.0, 3),
            "counts step by whole numbers"
        );
        assert_eq!(axis_steps(0.55, false), (0.2, 3), "0, 20, 40, 60 %");
        assert_eq!(axis_steps(1.0, false), (0.2, 5));
        assert_eq!(
            axis_steps(0.0, true),
            (1.0, 4),
            "an empty chart still has an axis"
        );
        for max in [0.07, 0.9, 7.0, 12.0, 99.0, 101.0, 1234.0, 6_549_850_000.0] {
            let (step, n) = axis_steps(max, false);
            assert!(step * n as f64 >= max && n <= 5, "{max}: {step} x {n}");
        }
    }

    #[test]
    fn a_series_breaks_where_a_month_has_no_value() {
        let nan = f64::NAN;
        assert_eq!(
            runs(&[1.0, 2.0, nan, 3.0, nan, nan, 4.0, 5.0]),
            vec![0..2, 3..4, 6..8]
        );
        assert!(runs(&[nan, nan]).is_empty());
        let closed = MonthRate {
            month: "2026-11".into(),
            leads: 3,
            won: 1,
            lost: 1,
            closing_rate: 0.5,
        };
        let quiet = MonthRate {
            won: 0,
            lost: 0,
            closing_rate: 0.0,
            ..closed.clone()
        };
        assert_eq!((closed.rate(), quiet.rate()), (Some(0.5), None));
    }

    #[test]
    fn percentages_read_the_indonesian_way() {
        assert_eq!(percent(0.125), "12,5%");
        assert_eq!(percent(0.8), "80%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.0004), "0%");
        assert_eq!(percent(0.79949), "79,9%");
        assert_eq!(one_decimal(4.25), "4,3");
        assert_eq!(one_decimal(12.0), "12");
    }

    #[test]
    fn periods_follow_the_calendar_in_wib() {
        // 1 Dec 2026 at 01:00 WIB is still 30 Nov in UTC.
        let now = at("2026-11-30T18:00:00Z");
        let r = |k| period_range(k, now, None, None).unwrap();
        assert_eq!(
            r(PeriodKind::Daily),
            DateRange {
                start: "2026-12-01".into(),
                end: "2026-12-01".into()
            }
        );
        assert_eq!(r(PeriodKind::Weekly).start, "2026-11-25");
        assert_eq!(r(PeriodKind::Monthly).start, "2026-11-02");
        let m = period_range(PeriodKind::Monthly, at("2027-03-10T03:00:00Z"), None, None).unwrap();
        assert_eq!(
            (m.start.as_str(), m.end.as_str()),
            ("2027-02-09", "2027-03-10")
        );
        let w = period_range(PeriodKind::Weekly, at("2027-03-03T03:00:00Z"), None, None).unwrap();
        assert_eq!(w.start, "2027-02-25", "across the end of February");
        assert_eq!(period_query(&w), "period=2027-02-25..2027-03-03");
    }

    #[test]
    fn a_custom_period_is_checked_before_it_is_asked_for() {
        let now = at("2026-12-01T03:00:00Z");
        let c = |a: &str, b: &str| period_range(PeriodKind::Custom, now, Some(a), Some(b));
        assert_eq!(c("2026-01-01", "2026-06-30").unwrap().end, "2026-06-30");
        assert!(c("2026-06-30", "2026-01-01").is_err());
        assert!(c("2026-02-30", "2026-03-01").is_err());
        assert!(
            c("2020-01-01", "2026-01-01").is_err(),
            "more than three years"
        );
        assert!(period_range(PeriodKind::Custom, now, Some("2026-01-01"), None).is_err());
    }

    #[test]
    fn report_files_are_named_after_what_they_hold() {
        let r = DateRange {
            start: "2026-11-01".into(),
            end: "2026-11-30".into(),
        };
        assert_eq!(
            export_file_name(ExportFormat::Pdf, "SARI", &r),
            "saga-desk-SARI-2026-11-01_2026-11-30.pdf"
        );
        assert_eq!(
            export_file_name(ExportFormat::Excel, "../x", &r),
            "saga-desk-x-2026-11-01_2026-11-30.xlsx"
        );
    }

    #[test]
    fn the_division_answer_reads_from_its_json() {
        let v = serde_json::json!({
            "divisions": ["SARI"], "period": {"start": "2026-11-01", "end": "2026-11-30"},
            "closing_rate": 0.4, "trend": [{"month": "2026-11", "leads": 10, "won": 4, "lost": 6, "closing_rate": 0.4}],
            "totals": {"leads": 10, "valid": 8, "won": 4, "lost": 6, "valid_pct": 0.8, "won_pct": 0.4, "lost_pct": 0.6, "won_value": 5000000},
            "bot_resolution_rate": 0.2, "avg_cycle_days": null, "lost_reasons": [{"reason": "Harga terlalu mahal", "count": 3}],
            "top_routes": [{"origin": "Surabaya", "destination": "Makassar", "count": 5}],
            "channel_roi": [{"channel": "whatsapp", "won": 4, "series": [{"month": "2026-11", "leads": 8, "won": 4, "won_value": 5000000, "closing_rate": 0.5}]}],
            "seasonality": [{"month": "2026-11", "volume": 10}],
            "blast_effectiveness": [{"category": "PANAS", "sent": 3, "responded": 1, "response_rate": 0.333}]
        });
        let a: DivisionAnalytics = serde_json::from_value(v).unwrap();
        assert_eq!(a.totals.won_value, 5_000_000);
        assert!(a.agents.is_empty());
        assert_eq!(a.channel_roi[0].channel, Channel::Whatsapp);
    }
}
