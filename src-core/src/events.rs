//! Live events: what the dev server's event stream (`GET /api/events`,
//! extension) sends, and what the app's sync loop emits to the UI.

use crate::model::{AgentStatus, Blast, Division, Notification, Role, User};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerEvent {
    /// An agent went Online or Offline (TOGGLE-4).
    AgentStatus {
        agent_id: String,
        status: AgentStatus,
        changed_at: String,
    },
    /// A ticket changed (assignment, status, tags, CRM, new ticket).
    TicketChanged {
        ticket_id: String,
        division: Division,
    },
    /// A new L1 message on a ticket.
    Message {
        ticket_id: String,
        division: Division,
    },
    /// A new L2 note on a ticket. Carries no content: whoever may read it
    /// fetches it through API-14.
    InternalMessage {
        ticket_id: String,
        division: Division,
    },
    /// A notification for one user.
    Notification {
        user_id: String,
        notification: Notification,
    },
    /// Blast progress (BLAST-6).
    BlastProgress { blast: Blast },
    /// A user's account changed (role, division, privileges, active), or a
    /// role's default privileges did (API-27): whoever it concerns reads
    /// `GET /api/auth/me` again.
    UserChanged {
        #[serde(default)]
        user_id: Option<String>,
        #[serde(default)]
        role: Option<Role>,
    },
    /// Sent on connect and periodically; lets clients detect a dead stream.
    Heartbeat { at: String },
}

impl ServerEvent {
    /// The SSE `event:` name.
    pub fn name(&self) -> &'static str {
        match self {
            ServerEvent::AgentStatus { .. } => "agent_status",
            ServerEvent::TicketChanged { .. } => "ticket_changed",
            ServerEvent::Message { .. } => "message",
            ServerEvent::InternalMessage { .. } => "internal_message",
            ServerEvent::Notification { .. } => "notification",
            ServerEvent::BlastProgress { .. } => "blast_progress",
            ServerEvent::UserChanged { .. } => "user_changed",
            ServerEvent::Heartbeat { .. } => "heartbeat",
        }
    }
}

/// What the app's core emits to the UI (one Tauri event, `saga://event`).
/// Typed here so both sides agree. Written as `{ "type": ..., fields }` and
/// read back through [`AppEventWire`], one flat struct, so that the wasm UI
/// does not carry serde's buffering of internally tagged enums.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", try_from = "AppEventWire")]
pub enum AppEvent {
    /// The full agent list for the SA/TL panel (PANEL-1/2).
    Agents {
        agents: Vec<crate::model::AgentSummary>,
    },
    /// The signed-in user's own status changed (maybe by a supervisor).
    OwnStatus {
        status: AgentStatus,
    },
    /// Tickets changed: lists showing these divisions should reload.
    TicketsChanged {
        ticket_ids: Vec<String>,
    },
    /// A new L1 message on a ticket.
    Message {
        ticket_id: String,
    },
    /// A new L2 note on a ticket.
    InternalMessage {
        ticket_id: String,
    },
    Notification {
        notification: Notification,
    },
    /// A blast was submitted, decided, or sent further (BLAST-3..7).
    Blast {
        blast: Box<Blast>,
    },
    /// The signed-in user as the server now has them (role, division,
    /// privileges changed by the Super Admin): the screens follow.
    Me {
        user: User,
    },
    /// Whether the live connection works, and how (`stream` or `polling`).
    Connection {
        online: bool,
        mode: String,
    },
    /// The session ended (401): the UI returns to login with this message,
    /// keeping whatever the user was typing.
    SessionExpired {
        message: String,
    },
    /// A report being downloaded (`export_report`): bytes so far, of how
    /// many when the server says.
    ExportProgress {
        received: u64,
        total: Option<u64>,
    },
    /// The desktop updater moved on (checking, downloading, ready, ...).
    Update {
        update: crate::ipc::UpdateState,
    },
}

/// [`AppEvent`] as read: every variant's fields, flat.
#[derive(Deserialize)]
pub struct AppEventWire {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    agents: Option<Vec<crate::model::AgentSummary>>,
    #[serde(default)]
    status: Option<AgentStatus>,
    #[serde(default)]
    ticket_ids: Option<Vec<String>>,
    #[serde(default)]
    ticket_id: Option<String>,
    #[serde(default)]
    notification: Option<Notification>,
    #[serde(default)]
    blast: Option<Box<Blast>>,
    #[serde(default)]
    user: Option<User>,
    #[serde(default)]
    online: Option<bool>,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    received: Option<u64>,
    #[serde(default)]
    total: Option<u64>,
    #[serde(default)]
    update: Option<crate::ipc::UpdateState>,
}

impl TryFrom<AppEventWire> for AppEvent {
    type Error = String;
    fn try_from(w: AppEventWire) -> Result<Self, String> {
        let missing = || format!("{} event without its fields", w.kind);
        Ok(match w.kind.as_str() {
            "agents" => AppEvent::Agents {
                agents: w.agents.ok_or_else(missing)?,
            },
            "own_status" => AppEvent::OwnStatus {
                status: w.status.ok_or_else(missing)?,
            },
            "tickets_changed" => AppEvent::TicketsChanged {
                ticket_ids: w.ticket_ids.ok_or_else(missing)?,
            },
            "message" => AppEvent::Message {
                ticket_id: w.ticket_id.ok_or_else(missing)?,
            },
            "internal_message" => AppEvent::InternalMessage {
                ticket_id: w.ticket_id.ok_or_else(missing)?,
            },
            "notification" => AppEvent::Notification {
                notification: w.notification.ok_or_else(missing)?,
            },
            "blast" => AppEvent::Blast {
                blast: w.blast.ok_or_else(missing)?,
            },
            "me" => AppEvent::Me {
                user: w.user.ok_or_else(missing)?,
            },
            "connection" => AppEvent::Connection {
                online: w.online.ok_or_else(missing)?,
                mode: w.mode.ok_or_else(missing)?,
            },
            "session_expired" => AppEvent::SessionExpired {
                message: w.message.ok_or_else(missing)?,
            },
            "export_progress" => AppEvent::ExportProgress {
                received: w.received.ok_or_else(missing)?,
                total: w.total,
            },
            "update" => AppEvent::Update {
                update: w.update.ok_or_else(missing)?,
            },
            other => return Err(format!("unknown event {other}")),
        })
    }
}

pub const APP_EVENT: &str = "saga://event";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Every event the UI can receive reads back as what the app wrote, and
    /// an event that lacks its fields is refused rather than half-read.
    #[test]
    fn app_events_read_back_as_written() {
        let person = json!({"id": "u1", "name": "Sari"});
        let samples = [
            json!({"type": "agents", "agents": [{"id": "u1", "name": "Sari", "role": "sales_agent",
                "division": "SARI", "status": "online", "active": true, "active_tickets": 3,
                "idle_tickets": 1, "status_changed_at": "2026-12-01T01:00:00Z"}]}),
            json!({"type": "own_status", "status": "offline"}),
            json!({"type": "tickets_changed", "ticket_ids": ["T-1", "T-2"]}),
            json!({"type": "message", "ticket_id": "T-1"}),
            json!({"type": "internal_message", "ticket_id": "T-1"}),
            json!({"type": "notification", "notification": {"id": "n1", "layer": "L2",
                "title": "Anda ditandai", "body": "Cek catatan", "ticket_id": "T-1", "read": false,
                "created_at": "2026-12-01T01:00:00Z"}}),
            json!({"type": "blast", "blast": {"id": "b1", "division": "SAVI", "created_by": person,
                "message": "Halo", "template_id": null, "status": "pending_approval", "total": 2, "sent": 0,
                "reject_reason": null, "decided_by": null, "created_at": "2026-12-01T01:00:00Z",
                "response_rate": []}}),
            json!({"type": "me", "user": {"id": "u1", "name": "Sari", "email": "sari@x.id",
                "role": "sales_agent", "division": "SARI", "status": "online", "privileges": [], "active": true}}),
            json!({"type": "connection", "online": true, "mode": "stream"}),
            json!({"type": "session_expired", "message": "Sesi berakhir"}),
            json!({"type": "export_progress", "received": 2048, "total": 8192}),
            json!({"type": "export_progress", "received": 2048, "total": null}),
            json!({"type": "update", "update": {"phase": "ready", "current": "0.1.0",
                "version": "0.2.0", "notes": "Lebih cepat", "received": 9, "total": 9,
                "message": null, "installable": true}}),
        ];
        for sample in samples {
            let event: AppEvent = serde_json::from_value(sample.clone()).expect("reads");
            assert_eq!(serde_json::to_value(&event).unwrap(), sample);
        }
        assert!(serde_json::from_value::<AppEvent>(json!({"type": "message"})).is_err());
        assert!(serde_json::from_value::<AppEvent>(json!({"type": "party"})).is_err());
    }
}
