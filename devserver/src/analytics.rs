//! Analytics computed from the data for any period (AN-DIV-1..10,
//! AN-AGENT-1..4). Shared by the API and the exports.

use crate::error::{AppError, AppResult};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use rusqlite::{params, Transaction};
use saga_core::model::Division;
use serde_json::{json, Value};
use std::collections::HashMap;

/// A half-open date range [start, end) in UTC dates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    fn s(&self) -> String {
        format!("{}T00:00:00.000Z", self.start)
    }
    fn e(&self) -> String {
        format!("{}T00:00:00.000Z", self.end)
    }
    pub fn label(&self) -> String {
        format!("{} s.d. {}", self.start, self.end - Duration::days(1))
    }

    /// `period=YYYY-MM`, `period=YYYY-MM-DD..YYYY-MM-DD`, or `start`/`end`
    /// (inclusive `YYYY-MM-DD`, OQ-24). Default: the last 30 days.
    pub fn parse(
        period: Option<&str>,
        start: Option<&str>,
        end: Option<&str>,
    ) -> AppResult<Period> {
        let bad = |m: &str| AppError::invalid_field("invalid_period", "period", m.to_string());
        let date = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| bad("Tanggal harus berformat YYYY-MM-DD."))
        };
        let p = match (period.filter(|p| !p.is_empty()), start, end) {
            (Some(p), _, _) if p.contains("..") => {
                let (a, b) = p.split_once("..").expect("checked");
                Period {
                    start: date(a)?,
                    end: date(b)? + Duration::days(1),
                }
            }
            (Some(p), _, _) => {
                let first = NaiveDate::parse_from_str(&format!("{p}-01"), "%Y-%m-%d")
                    .map_err(|_| bad("Periode harus YYYY-MM atau YYYY-MM-DD..YYYY-MM-DD."))?;
                Period {
                    start: first,
                    end: add_months(first, 1),
                }
            }
            (None, Some(a), Some(b)) => Period {
                start: date(a)?,
                end: date(b)? + Duration::days(1),
            },
            (None, None, None) => {
                let today = Utc::now().date_naive();
                Period {
                    start: today - Duration::days(29),
                    end: today + Duration::days(1),
                }
            }
            _ => return Err(bad("Isi start dan end bersama-sama.")),
        };
        if p.end <= p.start {
            return Err(bad("Tanggal akhir harus setelah tanggal awal."));
        }
        if (p.end - p.start).num_days() > 3 * 366 {
            return Err(bad("Periode maksimal 3 tahun."));
        }
        Ok(p)
    }
}

pub fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let m0 = d.year() * 12 + d.month0() as i32 + n;
    NaiveDate::from_ymd_opt(m0.div_euclid(12), m0.rem_euclid(12) as u32 + 1, 1)
        .expect("valid month")
}

fn month_start(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("valid")
}

fn divs_sql(divs: &[Division]) -> String {
    divs.iter()
        .map(|d| format!("'{}'", d.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}

fn rate(n: i64, d: i64) -> f64 {
    if d == 0 {
        0.0
    } else {
        (n as f64 / d as f64 * 1000.0).round() / 1000.0
    }
}

/// Closing rate per month for the three months ending with `end`'s month.
fn trend(tx: &Transaction<'_>, cond: &str, end: NaiveDate, months: i32) -> AppResult<Vec<Value>> {
    let last = month_start(end - Duration::days(1));
    let mut out = Vec::new();
    for i in (0..months).rev() {
        let a = add_months(last, -i);
        let b = add_months(a, 1);
        let (won, lost, leads): (i64, i64, i64) = tx.query_row(
            &format!(
                "SELECT coalesce(sum(crm_stage = 'Won'),0), coalesce(sum(crm_stage = 'Lost'),0), count(*) FROM tickets \
                 WHERE {cond} AND created_at >= ?1 AND created_at < ?2"
            ),
            params![format!("{a}T00:00:00.000Z"), format!("{b}T00:00:00.000Z")],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        out.push(json!({ "month": a.format("%Y-%m").to_string(), "leads": leads, "won": won, "lost": lost, "closing_rate": rate(won, won + lost) }));
    }
    Ok(out)
}

fn lost_reasons(tx: &Transaction<'_>, cond: &str, p: &Period) -> AppResult<Vec<Value>> {
    let mut st = tx.prepare(&format!(
        "SELECT coalesce(lost_reason, 'Tidak diisi'), count(*) c FROM tickets WHERE {cond} AND crm_stage = 'Lost' \
         AND created_at >= ?1 AND created_at < ?2 GROUP BY 1 ORDER BY c DESC"
    ))?;
    let v = st
        .query_map(params![p.s(), p.e()], |r| {
            Ok(json!({ "reason": r.get::<_, String>(0)?, "count": r.get::<_, i64>(1)? }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(v)
}

/// Per-division analytics (API-17).
pub fn division(tx: &Transaction<'_>, divs: &[Division], p: &Period) -> AppResult<Value> {
    let cond = format!("division IN ({})", divs_sql(divs));
    let (total, valid, won, lost, bot, cycle, won_value): (i64, i64, i64, i64, i64, Option<f64>, Option<i64>) = tx.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(crm_stage IN ('Qualified','Proposal','Won','Lost')),0), coalesce(sum(crm_stage = 'Won'),0), \
             coalesce(sum(crm_stage = 'Lost'),0), coalesce(sum(bot_resolved),0), \
             avg(CASE WHEN closed_at IS NOT NULL AND crm_stage IN ('Won','Lost') THEN julianday(closed_at) - julianday(created_at) END), \
             sum(CASE WHEN crm_stage = 'Won' THEN deal_value END) \
             FROM tickets WHERE {cond} AND created_at >= ?1 AND created_at < ?2"
        ),
        params![p.s(), p.e()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
    )?;
    let mut st = tx.prepare(&format!(
        "SELECT json_extract(crm_data, '$.origin_city') o, json_extract(crm_data, '$.destination_city') d, count(*) c FROM tickets \
         WHERE {cond} AND created_at >= ?1 AND created_at < ?2 AND o IS NOT NULL AND d IS NOT NULL GROUP BY o, d ORDER BY c DESC, o, d LIMIT 10"
    ))?;
    let routes = st
        .query_map(params![p.s(), p.e()], |r| {
            Ok(json!({ "origin": r.get::<_, String>(0)?, "destination": r.get::<_, String>(1)?, "count": r.get::<_, i64>(2)? }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    // Channel ROI: closings and value per channel per month over the period's
    // last six months.
    let last = month_start(p.end - Duration::days(1));
    let first = add_months(last, -5);
    let mut st = tx.prepare(&format!(
        "SELECT channel, substr(created_at, 1, 7) m, count(*), coalesce(sum(crm_stage = 'Won'),0), coalesce(sum(CASE WHEN crm_stage='Won' THEN deal_value END),0) \
         FROM tickets WHERE {cond} AND created_at >= ?1 AND created_at < ?2 GROUP BY channel, m ORDER BY channel, m"
    ))?;
    let mut by_channel: HashMap<String, Vec<Value>> = HashMap::new();
    for row in st.query_map(
        params![
            format!("{first}T00:00:00.000Z"),
            format!("{}T00:00:00.000Z", add_months(last, 1))
        ],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        },
    )? {
        let (ch, m, leads, won, value) = row?;
        by_channel
            .entry(ch)
            .or_default()
            .push(json!({ "month": m, "leads": leads, "won": won, "won_value": value, "closing_rate": rate(won, leads) }));
    }
    let mut channels: Vec<Value> = by_channel
        .into_iter()
        .map(|(ch, series)| {
            let won: i64 = series.iter().map(|s| s["won"].as_i64().unwrap_or(0)).sum();
            json!({ "channel": ch, "won": won, "series": series })
        })
        .collect();
    channels.sort_by_key(|c| -c["won"].as_i64().unwrap_or(0));
    // Seasonality: the twelve months up to the period's end.
    let mut season = Vec::new();
    for i in (0..12).rev() {
        let a = add_months(last, -i);
        let b = add_months(a, 1);
        let n: i64 = tx.query_row(
            &format!("SELECT count(*) FROM tickets WHERE {cond} AND created_at >= ?1 AND created_at < ?2"),
            params![format!("{a}T00:00:00.000Z"), format!("{b}T00:00:00.000Z")],
            |r| r.get(0),
        )?;
        season.push(json!({ "month": a.format("%Y-%m").to_string(), "volume": n }));
    }
    // Blast effectiveness per category (AN-DIV-9).
    let mut st = tx.prepare(&format!(
        "SELECT r.category, count(*), coalesce(sum(EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = r.ticket_id AND m.sender = 'customer' AND m.created_at > r.sent_at)),0) \
         FROM blast_recipients r JOIN blasts b ON b.id = r.blast_id WHERE b.division IN ({}) AND r.sent_at IS NOT NULL \
         AND r.sent_at >= ?1 AND r.sent_at < ?2 GROUP BY r.category",
        divs_sql(divs)
    ))?;
    let mut blast: HashMap<String, (i64, i64)> = HashMap::new();
    for row in st.query_map(
        params![format!("{}T00:00:00.000Z", add_months(last, -11)), p.e()],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    )? {
        let (c, n, resp) = row?;
        blast.insert(c, (n, resp));
    }
    let blast_eff: Vec<Value> = ["PANAS", "HANGAT", "DINGIN"]
        .iter()
        .map(|c| {
            let (n, r) = blast.get(*c).copied().unwrap_or((0, 0));
            json!({ "category": c, "sent": n, "responded": r, "response_rate": rate(r, n) })
        })
        .collect();
    Ok(json!({
        "divisions": divs.iter().map(|d| d.as_str()).collect::<Vec<_>>(),
        "period": { "start": p.start.to_string(), "end": (p.end - Duration::days(1)).to_string() },
        "closing_rate": rate(won, won + lost),
        "trend": trend(tx, &cond, p.end, 3)?,
        "totals": {
            "leads": total, "valid": valid, "won": won, "lost": lost,
            "valid_pct": rate(valid, total), "won_pct": rate(won, total), "lost_pct": rate(lost, total),
            "won_value": won_value.unwrap_or(0),
        },
        "bot_resolution_rate": rate(bot, total),
        "avg_cycle_days": cycle.map(|c| (c * 10.0).round() / 10.0),
        "lost_reasons": lost_reasons(tx, &cond, p)?,
        "top_routes": routes,
        "channel_roi": channels,
        "seasonality": season,
        "blast_effectiveness": blast_eff,
    }))
}

/// SLA: first pickup within this many minutes.
pub const SLA_PICKUP_MINUTES: f64 = 15.0;

/// Per-agent analytics (API-18).
pub fn agent(tx: &Transaction<'_>, agent_id: &str, p: &Period) -> AppResult<Value> {
    let (name, division): (String, String) = tx
        .query_row(
            "SELECT name, division FROM users WHERE id = ?1",
            [agent_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|_| AppError::not_found("Agent"))?;
    let cond = format!("assigned_to = '{}'", agent_id.replace('\'', "''"));
    let (total, won, lost, pickup, sla_ok, picked, avg_deal): (i64, i64, i64, Option<f64>, i64, i64, Option<f64>) = tx.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(crm_stage='Won'),0), coalesce(sum(crm_stage='Lost'),0), \
             avg((julianday(first_pickup_at) - julianday(created_at)) * 1440), \
             coalesce(sum(first_pickup_at IS NOT NULL AND (julianday(first_pickup_at) - julianday(created_at)) * 1440 <= {SLA_PICKUP_MINUTES}),0), \
             coalesce(sum(first_pickup_at IS NOT NULL),0), avg(CASE WHEN crm_stage='Won' THEN deal_value END) \
             FROM tickets WHERE {cond} AND created_at >= ?1 AND created_at < ?2"
        ),
        params![p.s(), p.e()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
    )?;
    // Availability: time Online within the period over working time
    // (9 hours a day, Monday to Saturday).
    let mut st = tx.prepare(
        "SELECT status, at FROM status_log WHERE user_id = ?1 AND at < ?3 AND at >= ?2 ORDER BY at",
    )?;
    let log: Vec<(String, String)> = st
        .query_map(params![agent_id, p.s(), p.e()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut online_secs = 0i64;
    let mut since: Option<chrono::DateTime<Utc>> = None;
    for (s, at) in log {
        let t = chrono::DateTime::parse_from_rfc3339(&at)
            .map(|t| t.with_timezone(&Utc))
            .ok();
        match (s.as_str(), since, t) {
            ("online", None, Some(t)) => since = Some(t),
            ("offline", Some(a), Some(t)) => {
                online_secs += (t - a).num_seconds().max(0);
                since = None;
            }
            _ => {}
        }
    }
    if let Some(a) = since {
        let end = Utc::now().min(p.end.and_hms_opt(0, 0, 0).expect("valid").and_utc());
        online_secs += (end - a).num_seconds().max(0);
    }
    let today = Utc::now().date_naive();
    let mut work_days = 0i64;
    let mut d = p.start;
    while d < p.end && d <= today {
        if d.weekday().number_from_monday() <= 6 {
            work_days += 1;
        }
        d += Duration::days(1);
    }
    let availability = if work_days == 0 {
        0.0
    } else {
        (online_secs as f64 / (work_days as f64 * 9.0 * 3600.0)).min(1.0)
    };
    let idle_before =
        (Utc::now() - Duration::hours(4)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let mut st = tx.prepare(
        "SELECT t.id, c.name, t.last_activity_at, t.crm_stage FROM tickets t JOIN customers c ON c.id = t.customer_id \
         WHERE t.assigned_to = ?1 AND t.status != 'CLOSED' AND t.last_activity_at < ?2 ORDER BY t.last_activity_at LIMIT 100",
    )?;
    let idle = st
        .query_map(params![agent_id, idle_before], |r| {
            Ok(json!({ "ticket_id": r.get::<_, String>(0)?, "customer_name": r.get::<_, String>(1)?, "last_activity_at": r.get::<_, String>(2)?, "crm_stage": r.get::<_, String>(3)? }))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let sla = rate(sla_ok, picked);
    Ok(json!({
        "agent": { "id": agent_id, "name": name, "division": division },
        "period": { "start": p.start.to_string(), "end": (p.end - Duration::days(1)).to_string() },
        "tickets": total,
        "won": won,
        "lost": lost,
        "closing_rate": rate(won, won + lost),
        "trend": trend(tx, &cond, p.end, 3)?,
        "trend_full": trend(tx, &cond, p.end, 12)?,
        "avg_pickup_minutes": pickup.map(|m| (m * 10.0).round() / 10.0),
        "sla_compliance": sla,
        "sla_breach": picked > 0 && sla < 0.8,
        "availability_rate": (availability * 1000.0).round() / 1000.0,
        "avg_deal_value": avg_deal.map(|v| v.round() as i64),
        "idle_tickets": idle,
        "lost_reasons": lost_reasons(tx, &cond, p)?,
    }))
}

/// The agents (sales agents) of some divisions.
pub fn agents_of(tx: &Transaction<'_>, divs: &[Division]) -> AppResult<Vec<String>> {
    let mut st = tx.prepare(&format!(
        "SELECT id FROM users WHERE role = 'sales_agent' AND division IN ({}) ORDER BY division, name",
        divs_sql(divs)
    ))?;
    let v = st
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_periods() {
        let p = Period::parse(Some("2026-02"), None, None).unwrap();
        assert_eq!(p.start.to_string(), "2026-02-01");
        assert_eq!(p.end.to_string(), "2026-03-01");
        let p = Period::parse(Some("2026-01-05..2026-01-11"), None, None).unwrap();
        assert_eq!((p.end - p.start).num_days(), 7);
        let p = Period::parse(None, Some("2026-03-01"), Some("2026-03-31")).unwrap();
        assert_eq!(p.end.to_string(), "2026-04-01");
        assert!(Period::parse(Some("kemarin"), None, None).is_err());
        assert!(Period::parse(None, Some("2026-03-05"), Some("2026-03-01")).is_err());
        assert!(Period::parse(None, Some("2026-03-05"), None).is_err());
        assert_eq!(
            add_months(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), -1).to_string(),
            "2025-12-01"
        );
    }
}
