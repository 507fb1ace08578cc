//! API contract types (PRD chapter 6, `docs/api/openapi.yaml`).
//!
//! Field names and enum values are exactly the PRD's. Enums that the backend
//! owns and may extend (ticket status, queue status, channel, CRM stage) keep
//! unknown values as `Other(raw)` so the UI can show them as a neutral badge
//! instead of failing (OQ-1).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Declares an enum that (de)serializes as a fixed set of strings, plus an
/// `Other(String)` variant for values the contract does not know yet.
macro_rules! open_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant,)+
            /// A value this build does not know (rendered neutrally, never an error).
            Other(String),
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(&self) -> &str {
                match self { $($name::$variant => $s,)+ $name::Other(s) => s.as_str() }
            }
            pub fn parse(s: &str) -> Self {
                match s { $($s => $name::$variant,)+ other => $name::Other(other.to_string()) }
            }
            /// True for the values the contract defines.
            pub fn is_known(&self) -> bool { !matches!(self, $name::Other(_)) }
        }
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.as_str()) }
        }
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok($name::parse(&s))
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

/// Declares a closed enum: unknown values are a deserialization error (the
/// server answers 422 for them).
macro_rules! closed_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $s)] $variant,)+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(&self) -> &'static str { match self { $($name::$variant => $s,)+ } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$variant),)+ _ => None } }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                Self::parse(s).ok_or_else(|| format!("unknown {} value '{}'", stringify!($name), s))
            }
        }
    };
}

closed_enum!(
    /// User role (API-1).
    Role { SuperAdmin => "super_admin", TeamLead => "team_lead", SalesAgent => "sales_agent", Viewer => "viewer" }
);
closed_enum!(
    /// The three divisions (CORE-3).
    Division { Sari => "SARI", Savi => "SAVI", Safia => "SAFIA" }
);
/// Online/Offline (API-2). A status this build does not know (a later
/// backend's `away`, say) reads as Offline: it is never taken for Online,
/// and the screens that show it stay readable (OQ-1; issue 17 item 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum AgentStatus {
    #[serde(rename = "online")]
    Online,
    #[serde(rename = "offline")]
    Offline,
}

impl AgentStatus {
    pub const ALL: &'static [AgentStatus] = &[AgentStatus::Online, AgentStatus::Offline];
    pub fn as_str(&self) -> &'static str {
        match self {
            AgentStatus::Online => "online",
            AgentStatus::Offline => "offline",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "online" => Some(AgentStatus::Online),
            "offline" => Some(AgentStatus::Offline),
            _ => None,
        }
    }
}

impl AgentStatus {
    /// Reads only the statuses the contract knows (for requests).
    pub fn strict<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        AgentStatus::parse(&s)
            .ok_or_else(|| serde::de::Error::unknown_variant(&s, &["online", "offline"]))
    }
}

impl<'de> Deserialize<'de> for AgentStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(AgentStatus::parse(&s).unwrap_or(AgentStatus::Offline))
    }
}

impl fmt::Display for AgentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for AgentStatus {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::parse(s).ok_or_else(|| format!("unknown AgentStatus value '{s}'"))
    }
}
open_enum!(
    /// Who wrote an L1 message (DETAIL-L1-2). `saga_team` is the Super Admin
    /// replying as 'Saga Team' (API-16). Open: a writer this build does not
    /// know (a later channel's automation, say) is shown neutrally and the
    /// conversation stays readable (issue 17).
    Sender { Customer => "customer", Bot => "bot", Agent => "agent", SagaTeam => "saga_team" }
);
open_enum!(
    /// Delivery state of an outbound L1 message (DETAIL-L1-3, OQ-32). Open:
    /// a state this build does not know (a channel's `read`, say) is shown
    /// as it comes, and the conversation stays readable (issue 17).
    Delivery { Sending => "sending", Sent => "sent", Failed => "failed" }
);
open_enum!(
    /// Follow-up category (FU-REC-2).
    FollowUpCategory { Panas => "PANAS", Hangat => "HANGAT", Dingin => "DINGIN" }
);
open_enum!(
    /// Blast life cycle (BLAST-3..7, OQ-22).
    BlastStatus { PendingApproval => "pending_approval", Rejected => "rejected", Sending => "sending", Completed => "completed" }
);
closed_enum!(
    /// Tag operation (API-11).
    TagAction { Add => "add", Remove => "remove" }
);

open_enum!(
    /// Conversation status (INBOX-4, OQ-1).
    TicketStatus { New => "NEW", InProgress => "IN_PROGRESS", AwaitingResponse => "AWAITING_RESPONSE", Closed => "CLOSED" }
);
open_enum!(
    /// Ownership / queue state (OQ-1): FREE (bot, no agent), ASSIGNED,
    /// WAITING_AGENT (returning customer waiting for an Offline agent,
    /// RETURN-2), or BOT_RESOLVED (closed by the bot without an agent).
    QueueStatus { Free => "FREE", Assigned => "ASSIGNED", WaitingAgent => "WAITING_AGENT", BotResolved => "BOT_RESOLVED" }
);
open_enum!(
    /// Customer channel.
    Channel { Whatsapp => "whatsapp", Telegram => "telegram", Instagram => "instagram", Facebook => "facebook" }
);
open_enum!(
    /// CRM stage (CRM-SHARED-3): Lead → Qualified → Proposal → Won → Lost.
    CrmStage { Lead => "Lead", Qualified => "Qualified", Proposal => "Proposal", Won => "Won", Lost => "Lost" }
);

impl Division {
    pub fn label(&self) -> &'static str {
        match self {
            Division::Sari => "SARI — Kargo, Motor, Air Cargo",
            Division::Savi => "SAVI — Pengiriman Mobil",
            Division::Safia => "SAFIA — Pindahan Rumah & Kantor",
        }
    }
}

/// The signed-in user as returned by login (API-1) and the users list (API-30).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub email: String,
    pub role: Role,
    pub division: Division,
    pub status: AgentStatus,
    #[serde(default)]
    pub privileges: Vec<String>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// API-1 response.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoginResponse {
    pub token: String,
    pub user: User,
}

/// API-2 request. `agent_id` is the OQ-8 extension (SA/TL set another agent).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatusRequest {
    /// A request names a status the contract knows: an unknown one is
    /// refused (422), not read as Offline like an answer's.
    #[serde(deserialize_with = "AgentStatus::strict")]
    pub status: AgentStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusResponse {
    pub id: String,
    pub status: AgentStatus,
    pub changed_at: String,
}

/// One agent on the SA/TL panel (API-3, PANEL-1/2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentSummary {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub division: Division,
    pub status: AgentStatus,
    pub active: bool,
    /// Tickets currently assigned (PANEL-2).
    pub active_tickets: u32,
    /// Assigned tickets without activity for more than 4 hours (PANEL-4).
    pub idle_tickets: u32,
    pub status_changed_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentList {
    pub agents: Vec<AgentSummary>,
}

/// A reference to a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: String,
    pub name: String,
}

/// One row of the inbox (INBOX-3, OQ-2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketItem {
    pub id: String,
    pub division: Division,
    pub customer_id: String,
    pub customer_name: String,
    pub channel: Channel,
    #[serde(default)]
    pub wa_display_name: Option<String>,
    pub status: TicketStatus,
    pub queue_status: QueueStatus,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Handling agent (user id), if any.
    #[serde(default)]
    pub assigned_to: Option<String>,
    #[serde(default)]
    pub assigned_agent_name: Option<String>,
    /// For WAITING_AGENT: the previous agent the ticket waits for (RETURN-2).
    #[serde(default)]
    pub waiting_for_agent: Option<PersonRef>,
    pub returning_customer: bool,
    pub off_hours: bool,
    pub crm_stage: CrmStage,
    #[serde(default)]
    pub deal_value: Option<i64>,
    #[serde(default)]
    pub quote_value: Option<i64>,
    /// Super Admin replied as 'Saga Team' (DETAIL-L2-6).
    #[serde(default)]
    pub sa_joined: bool,
    /// Arrival time (RFC 3339, UTC).
    pub created_at: String,
    pub last_activity_at: String,
    /// Since when the ticket waits in the queue (FREE / WAITING_AGENT).
    #[serde(default)]
    pub waiting_since: Option<String>,
    #[serde(default)]
    pub last_message_preview: Option<String>,
    /// When the customer last wrote (extension): WhatsApp's 24-hour window
    /// runs from here (`followup::wa_window`).
    #[serde(default)]
    pub last_customer_message_at: Option<String>,
}

impl TicketItem {
    pub fn is_free(&self) -> bool {
        self.queue_status == QueueStatus::Free
    }
}

/// A page of tickets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketPage {
    pub items: Vec<TicketItem>,
    pub total: u64,
    pub limit: u32,
    pub offset: u32,
}

/// Inbox filters (API-4, INBOX-6). `None` means "no filter".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InboxQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_status: Option<String>,
    /// Comma-separated tag names (OQ-31).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crm_stage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_to: Option<String>,
    /// Search (extension, issue 14): part of the customer's name or
    /// WhatsApp name (3 characters or more), digits of their phone number
    /// (4 or more), or a ticket id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Order (extension): `activity` (newest first, the default), `idle`
    /// (oldest activity first, PANEL-4) or `waiting` (longest wait first,
    /// PANEL-5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u32>,
}

/// CRM values of a ticket (API-12, OQ-16).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CrmRecord {
    pub crm_stage: CrmStage,
    #[serde(default)]
    pub lost_reason: Option<String>,
    #[serde(default)]
    pub quote_value: Option<i64>,
    #[serde(default)]
    pub deal_value: Option<i64>,
    #[serde(default)]
    pub crm_data: serde_json::Map<String, serde_json::Value>,
    /// Fields the bot filled and nobody has changed (CRM-SAFIA-10, OQ-17).
    #[serde(default)]
    pub bot_detected: Vec<String>,
    /// Fields the bot filled and an agent corrected.
    #[serde(default)]
    pub agent_corrected: Vec<String>,
}

// The enum comes from a macro, so `#[derive(Default)]` cannot mark the variant.
#[allow(clippy::derivable_impls)]
impl Default for CrmStage {
    fn default() -> Self {
        CrmStage::Lead
    }
}

/// API-12 request body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CrmUpdate {
    pub crm_stage: CrmStage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deal_value: Option<i64>,
    #[serde(default)]
    pub crm_data: serde_json::Map<String, serde_json::Value>,
}

/// The full ticket. Across IPC it is nested (`{ item, crm,
/// can_view_internal }`); on the HTTP contract it is [`TicketDetailJson`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketDetail {
    pub item: TicketItem,
    pub crm: CrmRecord,
    /// Whether the caller may read this ticket's L2 (DETAIL-L2-4).
    pub can_view_internal: bool,
}

/// The full ticket as `GET /api/admin/ticket/{id}` sends it (OQ-15
/// extension): the list item's fields with `crm` and `can_view_internal`
/// beside them. Only the native side reads it: `flatten` buffers the whole
/// object, which the wasm UI is spared by receiving [`TicketDetail`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketDetailJson {
    #[serde(flatten)]
    pub item: TicketItem,
    pub crm: CrmRecord,
    pub can_view_internal: bool,
}

impl From<TicketDetailJson> for TicketDetail {
    fn from(j: TicketDetailJson) -> Self {
        TicketDetail {
            item: j.item,
            crm: j.crm,
            can_view_internal: j.can_view_internal,
        }
    }
}

impl From<TicketDetail> for TicketDetailJson {
    fn from(d: TicketDetail) -> Self {
        TicketDetailJson {
            item: d.item,
            crm: d.crm,
            can_view_internal: d.can_view_internal,
        }
    }
}

/// One L1 message (API-6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    pub ticket_id: String,
    pub sender: Sender,
    /// Agent name for `agent`, 'Saga Team' for `saga_team`.
    #[serde(default)]
    pub sender_name: Option<String>,
    pub content: String,
    /// Bot confidence 0.0..=1.0 (DETAIL-L1-1).
    #[serde(default)]
    pub confidence: Option<f64>,
    pub delivery: Delivery,
    pub created_at: String,
    /// The key the reply was sent with (extension): lets the app match a
    /// reply whose answer was lost to the one waiting in its outbox.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessagePage {
    pub items: Vec<Message>,
    pub total: u64,
}

/// API-7 body. The idempotency key makes a retried reply land once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplyRequest {
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
}

/// API-16 body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplyAsSaRequest {
    pub message: String,
    pub display_name: String,
}

impl ReplyAsSaRequest {
    /// The Super Admin's reply, shown as 'Saga Team' (PERM-7).
    pub fn saga_team(message: &str) -> ReplyAsSaRequest {
        ReplyAsSaRequest {
            message: message.to_string(),
            display_name: crate::strings::SAGA_TEAM.to_string(),
        }
    }
}

/// One L2 internal note (API-14).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InternalMessage {
    pub id: String,
    pub ticket_id: String,
    pub author_id: String,
    pub author_name: String,
    pub content: String,
    #[serde(default)]
    pub tagged_agent_id: Option<String>,
    #[serde(default)]
    pub tagged_agent_name: Option<String>,
    pub created_at: String,
    /// The key the note was written with (extension, issue 17): lets the
    /// app match a note whose answer was lost to the one in its outbox.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InternalMessageList {
    pub items: Vec<InternalMessage>,
}

/// API-15 body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InternalMessageRequest {
    pub content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tagged_agent_id: Option<String>,
}

/// API-9 body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignRequest {
    pub assign_to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// API-10 body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReassignRequest {
    pub from_agent: String,
    pub to_agent: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// API-11 body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TagRequest {
    pub action: TagAction,
    pub tag: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    pub name: String,
    /// `system` or `custom` (API-26).
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TagList {
    pub tags: Vec<Tag>,
}

/// One audit entry (API-13).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: String,
    pub ticket_id: String,
    pub actor_id: Option<String>,
    pub actor_name: String,
    pub action: String,
    pub detail: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLog {
    pub items: Vec<AuditEntry>,
}

/// A follow-up recommendation (API-21, OQ-23: extra fields are extensions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    pub id: String,
    pub category: FollowUpCategory,
    pub reason: String,
    #[serde(default)]
    pub customer_name: Option<String>,
    #[serde(default)]
    pub division: Option<Division>,
    #[serde(default)]
    pub crm_stage: Option<CrmStage>,
    #[serde(default)]
    pub days_since_last_interaction: Option<i64>,
    /// Extensions for previews and the WhatsApp window of a recipient.
    #[serde(default)]
    pub channel: Option<Channel>,
    #[serde(default)]
    pub origin_city: Option<String>,
    #[serde(default)]
    pub destination_city: Option<String>,
    #[serde(default)]
    pub last_customer_message_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendations {
    pub leads: Vec<Lead>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub body: String,
    #[serde(default)]
    pub division: Option<Division>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateList {
    pub templates: Vec<Template>,
}

/// Single follow-up send (OQ-21 extension).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpSendRequest {
    pub template_id: Option<String>,
    pub message: String,
}

/// API-22 body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlastCreateRequest {
    pub recipients: Vec<String>,
    pub template_id: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectRequest {
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryRate {
    pub category: FollowUpCategory,
    pub recipients: u32,
    pub responded: u32,
    pub response_rate: f64,
}

/// A blast and its status (API-25).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blast {
    pub id: String,
    pub division: Division,
    pub created_by: PersonRef,
    pub message: String,
    pub template_id: Option<String>,
    pub status: BlastStatus,
    pub total: u32,
    pub sent: u32,
    #[serde(default)]
    pub reject_reason: Option<String>,
    #[serde(default)]
    pub decided_by: Option<PersonRef>,
    pub created_at: String,
    #[serde(default)]
    pub response_rate: Vec<CategoryRate>,
    /// Who receives it (API-25 extension; empty in the blast list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<BlastRecipient>,
}

/// One recipient of a blast, with what its preview is filled with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlastRecipient {
    pub ticket_id: String,
    pub customer_name: String,
    pub category: FollowUpCategory,
    pub channel: Channel,
    #[serde(default)]
    pub origin_city: Option<String>,
    #[serde(default)]
    pub destination_city: Option<String>,
    /// When the message went out (`None` until it has).
    #[serde(default)]
    pub sent_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlastList {
    pub blasts: Vec<Blast>,
}

/// API-19 / API-20 body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRequest {
    pub division: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_type: Option<String>,
    pub date_range: DateRange,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateRange {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportResponse {
    pub download_url: String,
}

/// API-31 body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserCreateRequest {
    pub name: String,
    pub email: String,
    pub password: String,
    pub role: Role,
    pub division: Division,
    #[serde(default)]
    pub privileges: Vec<String>,
}

/// User edit (OQ-27 extension): every field optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<Division>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privileges: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserList {
    pub users: Vec<User>,
}

/// API-27 body (OQ-7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrivilegesRequest {
    pub privileges: Vec<String>,
}

/// One day of operating hours (USERS-6). `day` 1 = Monday .. 7 = Sunday; times
/// `HH:MM` in WIB (OQ-26). `closed` days have no hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayHours {
    pub day: u8,
    pub open: String,
    pub close: String,
    #[serde(default)]
    pub closed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficeHours {
    pub division: Division,
    pub days: Vec<DayHours>,
}

/// A notification (extension feed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    pub id: String,
    /// `l1`, `l2` or `system` (DOD-9).
    pub layer: String,
    /// `message`, `note`, `mention`, `assignment`, `moved`,
    /// `blast-approval` or `blast-done` (extension; without it the kind is
    /// read from the layer and title, `notify::kind_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub ticket_id: Option<String>,
    pub read: bool,
    pub created_at: String,
}

/// A phone's push token (OQ-6 extension, `POST /api/devices`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRegistration {
    /// `android` (FCM) or `ios` (APNs).
    pub platform: String,
    pub token: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationList {
    pub items: Vec<Notification>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 17 item 5: an answer's unknown agent status reads as Offline
    /// (never Online); a request's is refused.
    #[test]
    fn an_unknown_agent_status_is_not_online() {
        let a: AgentStatus = serde_json::from_str("\"away\"").unwrap();
        assert_eq!(a, AgentStatus::Offline);
        let on: AgentStatus = serde_json::from_str("\"online\"").unwrap();
        assert_eq!(on, AgentStatus::Online);
        assert!(serde_json::from_str::<StatusRequest>(r#"{"status": "away"}"#).is_err());
        let ok: StatusRequest = serde_json::from_str(r#"{"status": "online"}"#).unwrap();
        assert_eq!(ok.status, AgentStatus::Online);
    }
    #[test]
    fn unknown_ticket_status_is_kept_not_rejected() {
        let s: TicketStatus = serde_json::from_str("\"ESCALATED\"").unwrap();
        assert_eq!(s, TicketStatus::Other("ESCALATED".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"ESCALATED\"");
        assert!(!s.is_known());
    }

    /// Issue 17: a delivery state a later backend adds (a channel's
    /// `read`) keeps the conversation readable instead of refusing it.
    #[test]
    fn an_unknown_delivery_state_is_kept() {
        let d: Delivery = serde_json::from_str("\"read\"").unwrap();
        assert_eq!(d, Delivery::Other("read".into()));
        assert_eq!(
            serde_json::from_str::<Delivery>("\"failed\"").unwrap(),
            Delivery::Failed
        );
    }

    #[test]
    fn role_values_match_the_contract() {
        let r: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(r, ["super_admin", "team_lead", "sales_agent", "viewer"]);
        assert!(serde_json::from_str::<Role>("\"admin\"").is_err());
    }
}
