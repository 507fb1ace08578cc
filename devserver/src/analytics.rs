//! Analytics computed from the data for any period (AN-DIV-1..10,
//! AN-AGENT-1..4). Shared by the API and the exports.

use crate::error::{AppError, AppResult};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use rusqlite::{params, Transaction};
use saga_core::analytics::{
    AgentAnalytics, AgentRef, BlastEffect, ChannelMonth, ChannelRoi, DivisionAnalytics, IdleTicket,
    MonthRate, MonthVolume, ReasonCount, RouteCount, Totals, SLA_PICKUP_MINUTES, SLA_TARGET,
};
use saga_core::model::{Channel, CrmStage, DateRange, Division, FollowUpCategory};
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

    /// The inclusive range the answers carry.
    pub fn range(&self) -> DateRange {
        DateRange {
            start: self.start.to_string(),
            end: (self.end - Duration::days(1)).to_string(),
        }
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

/// A count column (SQLite hands back i64).
fn u(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<u64> {
    Ok(r.get::<_, i64>(i)?.max(0) as u64)
}

fn rate(n: u64, d: u64) -> f64 {
    if d == 0 {
        0.0
    } else {
        (n as f64 / d as f64 * 1000.0).round() / 1000.0
    }
}

/// Leads, won and lost per month for the `months` months ending with
/// `end`'s month, oldest first, every month present: one grouped query
/// (a query per month cost 12 round trips into SQLite per agent).
fn monthly(
    tx: &Transaction<'_>,
    cond: &str,
    end: NaiveDate,
    months: i32,
) -> AppResult<Vec<(String, u64, u64, u64)>> {
    let last = month_start(end - Duration::days(1));
    let first = add_months(last, -(months - 1));
    let mut st = tx.prepare_cached(&format!(
        "SELECT substr(created_at, 1, 7) m, coalesce(sum(crm_stage = 'Won'),0), coalesce(sum(crm_stage = 'Lost'),0), count(*) \
         FROM tickets WHERE {cond} AND created_at >= ?1 AND created_at < ?2 GROUP BY m"
    ))?;
    let got: HashMap<String, (u64, u64, u64)> = st
        .query_map(
            params![
                format!("{first}T00:00:00.000Z"),
                format!("{}T00:00:00.000Z", add_months(last, 1))
            ],
            |r| Ok((r.get::<_, String>(0)?, (u(r, 1)?, u(r, 2)?, u(r, 3)?))),
        )?
        .collect::<Result<_, _>>()?;
    Ok((0..months)
        .map(|i| {
            let m = add_months(first, i).format("%Y-%m").to_string();
            let (won, lost, leads) = got.get(&m).copied().unwrap_or((0, 0, 0));
            (m, won, lost, leads)
        })
        .collect())
}

/// Closing rate per month for the `months` months ending with `end`'s month.
fn trend(
    tx: &Transaction<'_>,
    cond: &str,
    end: NaiveDate,
    months: i32,
) -> AppResult<Vec<MonthRate>> {
    Ok(monthly(tx, cond, end, months)?
        .into_iter()
        .map(|(month, won, lost, leads)| MonthRate {
            month,
            leads,
            won,
            lost,
            closing_rate: rate(won, won + lost),
        })
        .collect())
}

fn lost_reasons(tx: &Transaction<'_>, cond: &str, p: &Period) -> AppResult<Vec<ReasonCount>> {
    let mut st = tx.prepare(&format!(
        "SELECT coalesce(lost_reason, 'Tidak diisi'), count(*) c FROM tickets WHERE {cond} AND crm_stage = 'Lost' \
         AND created_at >= ?1 AND created_at < ?2 GROUP BY 1 ORDER BY c DESC"
    ))?;
    let v = st
        .query_map(params![p.s(), p.e()], |r| {
            Ok(ReasonCount {
                reason: r.get(0)?,
                count: u(r, 1)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(v)
}

/// Per-division analytics (API-17).
pub fn division(
    tx: &Transaction<'_>,
    divs: &[Division],
    p: &Period,
) -> AppResult<DivisionAnalytics> {
    let cond = format!("division IN ({})", divs_sql(divs));
    let (total, valid, won, lost, bot, cycle, won_value): (u64, u64, u64, u64, u64, Option<f64>, Option<i64>) = tx.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(crm_stage IN ('Qualified','Proposal','Won','Lost')),0), coalesce(sum(crm_stage = 'Won'),0), \
             coalesce(sum(crm_stage = 'Lost'),0), coalesce(sum(bot_resolved),0), \
             avg(CASE WHEN closed_at IS NOT NULL AND crm_stage IN ('Won','Lost') THEN julianday(closed_at) - julianday(created_at) END), \
             sum(CASE WHEN crm_stage = 'Won' THEN deal_value END) \
             FROM tickets WHERE {cond} AND created_at >= ?1 AND created_at < ?2"
        ),
        params![p.s(), p.e()],
        |r| Ok((u(r, 0)?, u(r, 1)?, u(r, 2)?, u(r, 3)?, u(r, 4)?, r.get(5)?, r.get(6)?)),
    )?;
    let mut st = tx.prepare(&format!(
        "SELECT origin_city o, destination_city d, count(*) c FROM tickets INDEXED BY tickets_route \
         WHERE {cond} AND created_at >= ?1 AND created_at < ?2 AND o IS NOT NULL AND d IS NOT NULL GROUP BY o, d ORDER BY c DESC, o, d LIMIT 10"
    ))?;
    let routes = st
        .query_map(params![p.s(), p.e()], |r| {
            Ok(RouteCount {
                origin: r.get(0)?,
                destination: r.get(1)?,
                count: u(r, 2)?,
            })
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
    let mut by_channel: HashMap<String, Vec<ChannelMonth>> = HashMap::new();
    for row in st.query_map(
        params![
            format!("{first}T00:00:00.000Z"),
            format!("{}T00:00:00.000Z", add_months(last, 1))
        ],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                u(r, 2)?,
                u(r, 3)?,
                r.get::<_, i64>(4)?,
            ))
        },
    )? {
        let (ch, month, leads, won, won_value) = row?;
        by_channel.entry(ch).or_default().push(ChannelMonth {
            month,
            leads,
            won,
            won_value,
            closing_rate: rate(won, leads),
        });
    }
    // Every month of the six, a month without tickets as zero, so the
    // lines of all channels share one axis.
    let months: Vec<String> = (0..6)
        .map(|i| add_months(first, i).format("%Y-%m").to_string())
        .collect();
    let mut channels: Vec<ChannelRoi> = by_channel
        .into_iter()
        .map(|(ch, got)| {
            let series: Vec<ChannelMonth> = months
                .iter()
                .map(|m| {
                    got.iter()
                        .find(|x| &x.month == m)
                        .cloned()
                        .unwrap_or(ChannelMonth {
                            month: m.clone(),
                            leads: 0,
                            won: 0,
                            won_value: 0,
                            closing_rate: 0.0,
                        })
                })
                .collect();
            ChannelRoi {
                channel: Channel::parse(&ch),
                won: series.iter().map(|s| s.won).sum(),
                series,
            }
        })
        .collect();
    channels.sort_by(|a, b| {
        b.won
            .cmp(&a.won)
            .then_with(|| a.channel.as_str().cmp(b.channel.as_str()))
    });
    // Seasonality: the twelve months up to the period's end.
    let season: Vec<MonthVolume> = monthly(tx, &cond, p.end, 12)?
        .into_iter()
        .map(|(month, _, _, volume)| MonthVolume { month, volume })
        .collect();
    // Blast effectiveness per category (AN-DIV-9).
    let mut st = tx.prepare(&format!(
        "SELECT r.category, count(*), coalesce(sum(EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = r.ticket_id AND m.sender = 'customer' AND m.created_at > r.sent_at)),0) \
         FROM blast_recipients r JOIN blasts b ON b.id = r.blast_id WHERE b.division IN ({}) AND r.sent_at IS NOT NULL \
         AND r.sent_at >= ?1 AND r.sent_at < ?2 GROUP BY r.category",
        divs_sql(divs)
    ))?;
    let mut blast: HashMap<String, (u64, u64)> = HashMap::new();
    for row in st.query_map(
        params![format!("{}T00:00:00.000Z", add_months(last, -11)), p.e()],
        |r| Ok((r.get::<_, String>(0)?, u(r, 1)?, u(r, 2)?)),
    )? {
        let (c, n, resp) = row?;
        blast.insert(c, (n, resp));
    }
    let blast_effectiveness: Vec<BlastEffect> = FollowUpCategory::ALL
        .iter()
        .map(|c| {
            let (sent, responded) = blast.get(c.as_str()).copied().unwrap_or((0, 0));
            BlastEffect {
                category: c.clone(),
                sent,
                responded,
                response_rate: rate(responded, sent),
            }
        })
        .collect();
    Ok(DivisionAnalytics {
        divisions: divs.to_vec(),
        period: p.range(),
        closing_rate: rate(won, won + lost),
        trend: trend(tx, &cond, p.end, 3)?,
        totals: Totals {
            leads: total,
            valid,
            won,
            lost,
            valid_pct: rate(valid, total),
            won_pct: rate(won, total),
            lost_pct: rate(lost, total),
            won_value: won_value.unwrap_or(0),
        },
        bot_resolution_rate: rate(bot, total),
        avg_cycle_days: cycle.map(|c| (c * 10.0).round() / 10.0),
        lost_reasons: lost_reasons(tx, &cond, p)?,
        top_routes: routes,
        channel_roi: channels,
        seasonality: season,
        blast_effectiveness,
        agents: vec![],
    })
}

/// Per-agent analytics (API-18).
pub fn agent(tx: &Transaction<'_>, agent_id: &str, p: &Period) -> AppResult<AgentAnalytics> {
    let (name, division): (String, String) = tx
        .query_row(
            "SELECT name, division FROM users WHERE id = ?1",
            [agent_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|_| AppError::not_found("Agent"))?;
    let cond = format!("assigned_to = '{}'", agent_id.replace('\'', "''"));
    let (total, won, lost, pickup, sla_ok, picked, avg_deal): (u64, u64, u64, Option<f64>, u64, u64, Option<f64>) = tx.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(crm_stage='Won'),0), coalesce(sum(crm_stage='Lost'),0), \
             avg((julianday(first_pickup_at) - julianday(created_at)) * 1440), \
             coalesce(sum(first_pickup_at IS NOT NULL AND (julianday(first_pickup_at) - julianday(created_at)) * 1440 <= {SLA_PICKUP_MINUTES}),0), \
             coalesce(sum(first_pickup_at IS NOT NULL),0), avg(CASE WHEN crm_stage='Won' THEN deal_value END) \
             FROM tickets WHERE {cond} AND created_at >= ?1 AND created_at < ?2"
        ),
        params![p.s(), p.e()],
        |r| Ok((u(r, 0)?, u(r, 1)?, u(r, 2)?, r.get(3)?, u(r, 4)?, u(r, 5)?, r.get(6)?)),
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
            Ok(IdleTicket {
                ticket_id: r.get(0)?,
                customer_name: r.get(1)?,
                last_activity_at: r.get(2)?,
                crm_stage: CrmStage::parse(&r.get::<_, String>(3)?),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let sla = rate(sla_ok, picked);
    // Twelve months for the drill-down; the table's three are its last.
    let full = trend(tx, &cond, p.end, 12)?;
    Ok(AgentAnalytics {
        agent: AgentRef {
            id: agent_id.to_string(),
            name,
            division: Division::parse(&division).unwrap_or(Division::Sari),
        },
        period: p.range(),
        tickets: total,
        won,
        lost,
        closing_rate: rate(won, won + lost),
        trend: full[full.len() - 3..].to_vec(),
        trend_full: full,
        avg_pickup_minutes: pickup.map(|m| (m * 10.0).round() / 10.0),
        sla_compliance: sla,
        sla_breach: picked > 0 && sla < SLA_TARGET,
        availability_rate: (availability * 1000.0).round() / 1000.0,
        avg_deal_value: avg_deal.map(|v| v.round() as i64),
        idle_tickets: idle,
        lost_reasons: lost_reasons(tx, &cond, p)?,
    })
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
