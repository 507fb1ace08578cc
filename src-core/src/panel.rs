//! The SA/TL panel's rules (PRD 3.8): when a ticket is idle (PANEL-4), when
//! a waiting customer raises the queue badge (PANEL-5), and when an agent
//! is overloaded (PANEL-2). The thresholds are computed on the client from
//! the tickets' timestamps (OQ-25).

use crate::model::{QueueStatus, Role, TicketItem};
use crate::time::{secs_since, Unix};

/// PANEL-4: a ticket with no activity for more than four hours.
pub const IDLE_AFTER_SECS: i64 = 4 * 3600;

/// PANEL-5: how long a customer may wait without an agent before the badge
/// shows: 5 minutes for a Team Lead, 15 for the Super Admin.
pub fn queue_threshold_secs(role: Role) -> Option<i64> {
    match role {
        Role::TeamLead => Some(5 * 60),
        Role::SuperAdmin => Some(15 * 60),
        _ => None,
    }
}

/// How long the ticket has been without activity.
pub fn idle_secs(t: &TicketItem, now: Unix) -> i64 {
    secs_since(&t.last_activity_at, now).unwrap_or(0).max(0)
}

/// Whether an assigned ticket counts as idle (PANEL-4).
pub fn is_idle(t: &TicketItem, now: Unix) -> bool {
    t.queue_status == QueueStatus::Assigned && idle_secs(t, now) > IDLE_AFTER_SECS
}

/// How long a customer has waited without an agent (FREE, or a returning
/// customer waiting for an Offline agent), if they are waiting.
pub fn waiting_secs(t: &TicketItem, now: Unix) -> Option<i64> {
    if !matches!(
        t.queue_status,
        QueueStatus::Free | QueueStatus::WaitingAgent
    ) {
        return None;
    }
    let since = t.waiting_since.as_deref().unwrap_or(&t.created_at);
    secs_since(since, now).map(|s| s.max(0))
}

/// The queue badge: how many customers have waited past the role's
/// threshold, and the longest wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueBadge {
    pub count: usize,
    pub oldest_secs: i64,
}

/// `None` when nobody has waited past the threshold (or the role has no
/// badge).
pub fn queue_badge(waiting: &[TicketItem], role: Role, now: Unix) -> Option<QueueBadge> {
    let limit = queue_threshold_secs(role)?;
    let over: Vec<i64> = waiting
        .iter()
        .filter_map(|t| waiting_secs(t, now))
        .filter(|s| *s > limit)
        .collect();
    let oldest = *over.iter().max()?;
    Some(QueueBadge {
        count: over.len(),
        oldest_secs: oldest,
    })
}

/// An agent's load (PANEL-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Load {
    Normal,
    Busy,
    Overloaded,
}

/// From this many active tickets an agent is busy, and overloaded.
pub const BUSY_AT: u32 = 6;
pub const OVERLOADED_AT: u32 = 10;

pub fn load(active_tickets: u32) -> Load {
    match active_tickets {
        n if n >= OVERLOADED_AT => Load::Overloaded,
        n if n >= BUSY_AT => Load::Busy,
        _ => Load::Normal,
    }
}

impl Load {
    pub fn as_str(self) -> &'static str {
        match self {
            Load::Normal => "normal",
            Load::Busy => "busy",
            Load::Overloaded => "overloaded",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{now, rfc3339};

    fn waiting_for(secs: i64, now: Unix) -> TicketItem {
        serde_json::from_value(serde_json::json!({
            "id": format!("T-{secs}"), "division": "SARI", "customer_id": "C", "customer_name": "Budi",
            "channel": "whatsapp", "status": "NEW", "queue_status": "FREE",
            "returning_customer": false, "off_hours": false, "crm_stage": "Lead",
            "created_at": "2026-01-01T00:00:00Z", "last_activity_at": "2026-01-01T00:00:00Z",
            "waiting_since": rfc3339(now - secs)
        }))
        .unwrap()
    }

    #[test]
    fn the_badge_shows_past_5_minutes_for_a_team_lead_and_15_for_the_super_admin() {
        let now = now();
        let at = |s| vec![waiting_for(s, now)];
        assert_eq!(queue_badge(&at(4 * 60 + 59), Role::TeamLead, now), None);
        assert_eq!(
            queue_badge(&at(5 * 60 + 1), Role::TeamLead, now),
            Some(QueueBadge {
                count: 1,
                oldest_secs: 301
            })
        );
        assert_eq!(queue_badge(&at(14 * 60 + 59), Role::SuperAdmin, now), None);
        assert!(queue_badge(&at(15 * 60 + 1), Role::SuperAdmin, now).is_some());
        assert_eq!(queue_badge(&at(3600), Role::SalesAgent, now), None);
        let many = vec![
            waiting_for(100, now),
            waiting_for(400, now),
            waiting_for(900, now),
        ];
        assert_eq!(
            queue_badge(&many, Role::TeamLead, now),
            Some(QueueBadge {
                count: 2,
                oldest_secs: 900
            })
        );
    }

    #[test]
    fn idle_means_assigned_and_quiet_for_more_than_four_hours() {
        let now = now();
        let mut t = waiting_for(0, now);
        t.queue_status = QueueStatus::Assigned;
        t.last_activity_at = rfc3339(now - (4 * 60 - 1) * 60);
        assert!(!is_idle(&t, now));
        t.last_activity_at = rfc3339(now - (4 * 60 + 1) * 60);
        assert!(is_idle(&t, now));
        assert_eq!(
            waiting_secs(&t, now),
            None,
            "an assigned ticket does not wait"
        );
        t.queue_status = QueueStatus::Free;
        assert!(!is_idle(&t, now));
    }

    #[test]
    fn load_levels() {
        assert_eq!(load(0), Load::Normal);
        assert_eq!(load(BUSY_AT - 1), Load::Normal);
        assert_eq!(load(BUSY_AT), Load::Busy);
        assert_eq!(load(OVERLOADED_AT), Load::Overloaded);
    }
}
