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
/// Typed here so both sides agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
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
}

pub const APP_EVENT: &str = "saga://event";
