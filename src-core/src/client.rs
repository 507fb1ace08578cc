//! The typed HTTP client (feature `client`).
//!
//! - HTTPS only, except loopback (SEC-4, [`crate::url_policy`]).
//! - A 401 wipes the token held here and returns [`ApiError::Unauthorized`]
//!   so the caller ends the session (API-RULE-4).
//! - 409 and 422 become typed errors ([`ApiError::Conflict`],
//!   [`ApiError::Validation`]).
//! - 429 is retried with exponential backoff and jitter a bounded number of
//!   times, honouring `Retry-After` (API-RULE-5).

use crate::backoff::Backoff;
use crate::error::ApiError;
use crate::events::ServerEvent;
use crate::model::*;
use crate::strings;
use futures_util::{Stream, StreamExt};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// What the server answered a delivered write with.
#[derive(Debug, Clone, PartialEq)]
pub enum Delivered {
    /// An L1 message (a reply, a Saga Team reply, a follow-up).
    Message(Message),
    Note(InternalMessage),
    Crm(CrmRecord),
}

impl Delivered {
    pub fn into_message(self) -> Option<Message> {
        match self {
            Delivered::Message(m) => Some(m),
            _ => None,
        }
    }

    pub fn into_note(self) -> Option<InternalMessage> {
        match self {
            Delivered::Note(n) => Some(n),
            _ => None,
        }
    }

    pub fn into_crm(self) -> Option<CrmRecord> {
        match self {
            Delivered::Crm(r) => Some(r),
            _ => None,
        }
    }
}

#[derive(Clone)]
pub struct ApiClient {
    base: String,
    http: reqwest::Client,
    token: Arc<RwLock<Option<String>>>,
    backoff: Backoff,
}

/// The most an answer may weigh (a 10,000-ticket page is about 5 MB); a
/// larger one is refused rather than held in memory (issue 17).
pub const MAX_ANSWER: usize = 32 * 1024 * 1024;

/// How long a request may take, connection and answer together.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

impl std::fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the token.
        f.debug_struct("ApiClient")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

fn network_error(e: &reqwest::Error) -> ApiError {
    if e.is_timeout() {
        ApiError::Network {
            message: "Server tidak menjawab tepat waktu. Periksa koneksi lalu coba lagi.".into(),
        }
    } else {
        ApiError::Network {
            message: strings::SERVER_UNREACHABLE.into(),
        }
    }
}

/// The answer's body, refused past [`MAX_ANSWER`] (announced or read).
async fn read_capped(resp: reqwest::Response) -> Result<Vec<u8>, ApiError> {
    // The answer arrived (its status is not the problem): a server error.
    let too_big = || ApiError::Server {
        status: 200,
        message: "Jawaban server terlalu besar untuk dibaca.".into(),
    };
    if resp.content_length().is_some_and(|n| n > MAX_ANSWER as u64) {
        return Err(too_big());
    }
    let mut out = Vec::new();
    let mut stream = resp.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| network_error(&e))?;
        if out.len() + chunk.len() > MAX_ANSWER {
            return Err(too_big());
        }
        out.extend_from_slice(&chunk);
    }
    Ok(out)
}

/// A successful answer's body, read as `T`.
fn read_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| ApiError::Server {
        status: 200,
        message: format!("Jawaban server tidak dapat dibaca ({e})."),
    })
}

fn retry_after(h: &reqwest::header::HeaderMap) -> Option<Duration> {
    h.get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map(Duration::from_secs)
}

impl ApiClient {
    /// Builds a client for a base URL that passes the URL policy.
    pub fn new(base_url: &str) -> Result<ApiClient, ApiError> {
        Self::with_timeout(base_url, REQUEST_TIMEOUT)
    }

    /// [`ApiClient::new`] with another bound on each request (tests of slow
    /// answers; the connection's own bound stays 5 s or less).
    pub fn with_timeout(base_url: &str, timeout: Duration) -> Result<ApiClient, ApiError> {
        let base = crate::url_policy::check_api_url(base_url)
            .map_err(|message| ApiError::Config { message })?;
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT.min(timeout))
            .timeout(timeout)
            .https_only(!is_loopback_base(&base))
            .user_agent(concat!("SagaDesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::Config {
                message: e.to_string(),
            })?;
        Ok(ApiClient {
            base,
            http,
            token: Arc::new(RwLock::new(None)),
            backoff: Backoff::default(),
        })
    }

    pub fn with_backoff(mut self, b: Backoff) -> Self {
        self.backoff = b;
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    pub fn set_token(&self, token: Option<String>) {
        *self.token.write().unwrap_or_else(|p| p.into_inner()) = token;
    }

    pub fn has_token(&self) -> bool {
        self.token
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .is_some()
    }

    /// The token, for the session to persist in secure storage. Never sent
    /// to the UI.
    pub fn token(&self) -> Option<String> {
        self.token.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// One request with the contract's rules applied.
    pub async fn request<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, ApiError> {
        let bytes = self.request_raw(method, path, body, &[]).await?;
        read_json(&bytes)
    }

    pub async fn request_raw<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        headers: &[(&str, &str)],
    ) -> Result<Vec<u8>, ApiError> {
        let url = format!("{}{}", self.base, path);
        let mut attempt = 0;
        loop {
            let mut rb = self.http.request(method.clone(), &url);
            if let Some(t) = self.token() {
                rb = rb.bearer_auth(t);
            }
            for (k, v) in headers {
                rb = rb.header(*k, *v);
            }
            if let Some(b) = body {
                rb = rb.json(b);
            }
            let resp = rb.send().await.map_err(|e| network_error(&e))?;
            let status = resp.status();
            if status == StatusCode::TOO_MANY_REQUESTS {
                let ra = retry_after(resp.headers());
                match self.backoff.delay_random(attempt, ra) {
                    Some(d) => {
                        attempt += 1;
                        tokio::time::sleep(d).await;
                        continue;
                    }
                    None => {
                        let text = resp.text().await.unwrap_or_default();
                        return Err(ApiError::from_status(429, &text));
                    }
                }
            }
            let bytes = read_capped(resp).await?;
            if status.is_success() {
                return Ok(bytes);
            }
            let text = String::from_utf8_lossy(&bytes);
            if status == StatusCode::UNAUTHORIZED && path != "/api/auth/login" {
                self.set_token(None);
            }
            return Err(ApiError::from_status(status.as_u16(), &text));
        }
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.request::<(), T>(Method::GET, path, None).await
    }

    async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.request(Method::POST, path, Some(body)).await
    }

    /// Delivers one write of the outbox with its idempotency key (an
    /// `Idempotency-Key` header, extension of issue 17: a retry with the same
    /// key is stored once). Each kind goes to its own endpoint only: a
    /// [`Write::Note`] can only reach the internal-message endpoint (SEC-5).
    pub async fn deliver(
        &self,
        ticket_id: &str,
        write: &crate::outbox::Write,
        key: &str,
    ) -> Result<Delivered, ApiError> {
        use crate::outbox::Write;
        let (method, endpoint, json) = match write {
            Write::Reply(r) => (Method::POST, "reply", serde_json::to_value(r)),
            Write::TeamReply { message } => (
                Method::POST,
                "reply-as-sa",
                serde_json::to_value(ReplyAsSaRequest::saga_team(message)),
            ),
            Write::FollowUp(f) => (Method::POST, "followup", serde_json::to_value(f)),
            Write::Note(n) => (Method::POST, "internal-message", serde_json::to_value(n)),
            Write::Crm(u) => (Method::PATCH, "crm", serde_json::to_value(u)),
        };
        let json = json.map_err(|e| ApiError::Config {
            message: e.to_string(),
        })?;
        let path = format!("/api/admin/ticket/{}/{endpoint}", enc(ticket_id));
        let bytes = self
            .request_raw(method, &path, Some(&json), &[("Idempotency-Key", key)])
            .await?;
        Ok(match write {
            Write::Note(_) => Delivered::Note(read_json(&bytes)?),
            Write::Crm(_) => Delivered::Crm(read_json(&bytes)?),
            Write::Reply(_) | Write::TeamReply { .. } | Write::FollowUp(_) => {
                Delivered::Message(read_json(&bytes)?)
            }
        })
    }

    // ---- API-1..3 ----

    /// API-1. On success the token is held by this client; the caller
    /// persists it with [`ApiClient::token`]. Messages for wrong credentials,
    /// a deactivated account and an unreachable server are Indonesian.
    pub async fn login(&self, email: &str, password: &str) -> Result<User, ApiError> {
        let req = LoginRequest {
            email: email.trim().to_string(),
            password: password.to_string(),
        };
        let r: LoginResponse = match self.post("/api/auth/login", &req).await {
            Ok(r) => r,
            Err(ApiError::Unauthorized { .. }) => {
                return Err(ApiError::Validation {
                    code: "invalid_credentials".into(),
                    message: strings::WRONG_CREDENTIALS.into(),
                    field: None,
                })
            }
            Err(ApiError::Forbidden { .. }) => {
                return Err(ApiError::Forbidden {
                    message: strings::ACCOUNT_DEACTIVATED.into(),
                })
            }
            Err(e) => return Err(e),
        };
        self.set_token(Some(r.token));
        Ok(r.user)
    }

    pub async fn me(&self) -> Result<User, ApiError> {
        self.get("/api/auth/me").await
    }

    /// Logout (OQ-4): the server sets the user Offline; the token is wiped
    /// whatever the server answers.
    pub async fn logout(&self) -> Result<(), ApiError> {
        let r: Result<serde_json::Value, _> =
            self.post("/api/auth/logout", &serde_json::json!({})).await;
        self.set_token(None);
        r.map(|_| ())
    }

    /// API-2 for the caller, or for another agent (OQ-8, SA/TL).
    pub async fn set_status(
        &self,
        status: AgentStatus,
        agent_id: Option<&str>,
    ) -> Result<StatusResponse, ApiError> {
        self.post(
            "/api/agent/status",
            &StatusRequest {
                status,
                agent_id: agent_id.map(String::from),
            },
        )
        .await
    }

    /// API-3.
    pub async fn agents(&self) -> Result<AgentList, ApiError> {
        self.get("/api/agent/status/all").await
    }

    // ---- Inbox and tickets ----

    /// API-4.
    pub async fn inbox(&self, q: &InboxQuery) -> Result<TicketPage, ApiError> {
        let qs = serde_urlencoded_query(q);
        self.get(&format!("/api/admin/inbox{qs}")).await
    }

    /// API-5.
    pub async fn free(&self, division: Option<&str>) -> Result<TicketPage, ApiError> {
        let qs = division
            .map(|d| format!("?division={d}&limit=200"))
            .unwrap_or_else(|| "?limit=200".into());
        self.get(&format!("/api/admin/inbox/free{qs}")).await
    }

    pub async fn ticket(&self, id: &str) -> Result<TicketDetail, ApiError> {
        self.get::<TicketDetailJson>(&format!("/api/admin/ticket/{}", enc(id)))
            .await
            .map(TicketDetail::from)
    }

    /// API-6: the newest `limit` messages.
    pub async fn messages(&self, id: &str, limit: u32) -> Result<MessagePage, ApiError> {
        self.get(&format!(
            "/api/admin/ticket/{}/messages?limit={limit}",
            enc(id)
        ))
        .await
    }

    /// API-6, older page: the `limit` messages before message `before`.
    pub async fn messages_before(
        &self,
        id: &str,
        before: &str,
        limit: u32,
    ) -> Result<MessagePage, ApiError> {
        self.get(&format!(
            "/api/admin/ticket/{}/messages?limit={limit}&before={}",
            enc(id),
            enc(before)
        ))
        .await
    }

    /// API-14.
    pub async fn internal_messages(&self, id: &str) -> Result<InternalMessageList, ApiError> {
        self.get(&format!("/api/admin/ticket/{}/internal-messages", enc(id)))
            .await
    }

    /// API-8.
    pub async fn self_takeover(&self, id: &str) -> Result<TicketItem, ApiError> {
        self.post(
            &format!("/api/admin/ticket/{}/self-takeover", enc(id)),
            &serde_json::json!({}),
        )
        .await
    }

    /// API-7: an L1 reply. Takes only a [`ReplyRequest`]; L2 text has its
    /// own type and method.
    pub async fn reply(&self, id: &str, req: &ReplyRequest) -> Result<Message, ApiError> {
        self.post(&format!("/api/admin/ticket/{}/reply", enc(id)), req)
            .await
    }

    /// API-15: an L2 note. Takes only an [`InternalMessageRequest`].
    pub async fn internal_message(
        &self,
        id: &str,
        req: &InternalMessageRequest,
    ) -> Result<InternalMessage, ApiError> {
        self.post(
            &format!("/api/admin/ticket/{}/internal-message", enc(id)),
            req,
        )
        .await
    }

    /// API-16.
    pub async fn reply_as_sa(&self, id: &str, message: &str) -> Result<Message, ApiError> {
        let req = ReplyAsSaRequest::saga_team(message);
        self.post(&format!("/api/admin/ticket/{}/reply-as-sa", enc(id)), &req)
            .await
    }

    /// API-9.
    pub async fn assign(&self, id: &str, req: &AssignRequest) -> Result<TicketItem, ApiError> {
        self.post(&format!("/api/admin/ticket/{}/assign", enc(id)), req)
            .await
    }

    /// API-10.
    pub async fn reassign(&self, id: &str, req: &ReassignRequest) -> Result<TicketItem, ApiError> {
        self.post(&format!("/api/admin/ticket/{}/reassign", enc(id)), req)
            .await
    }

    /// API-12.
    pub async fn update_crm(&self, id: &str, u: &CrmUpdate) -> Result<CrmRecord, ApiError> {
        self.request(
            Method::PATCH,
            &format!("/api/admin/ticket/{}/crm", enc(id)),
            Some(u),
        )
        .await
    }

    /// API-11: add or remove one tag.
    pub async fn tag(&self, id: &str, req: &TagRequest) -> Result<TicketItem, ApiError> {
        self.request(
            Method::POST,
            &format!("/api/admin/ticket/{}/tag", enc(id)),
            Some(req),
        )
        .await
    }

    /// API-13 (SA/TL).
    pub async fn audit_log(&self, id: &str) -> Result<AuditLog, ApiError> {
        self.get(&format!("/api/admin/ticket/{}/audit-log", enc(id)))
            .await
    }

    /// API-26.
    pub async fn tags(&self) -> Result<TagList, ApiError> {
        self.get("/api/admin/tags").await
    }

    /// User edit (OQ-27 extension, SA only).
    pub async fn patch_user(&self, id: &str, patch: &UserPatch) -> Result<User, ApiError> {
        self.request(
            Method::PATCH,
            &format!("/api/admin/users/{}", enc(id)),
            Some(patch),
        )
        .await
    }

    // ---- Follow-Up Center (API-21, OQ-21 extensions) ----

    /// API-21: the day's leads; SA/TL may name a division (or `all`).
    pub async fn recommendations(
        &self,
        division: Option<&str>,
    ) -> Result<Recommendations, ApiError> {
        match division {
            Some(d) => {
                self.get(&format!(
                    "/api/admin/followup/recommendations?division={}",
                    enc(d)
                ))
                .await
            }
            None => self.get("/api/admin/followup/recommendations").await,
        }
    }

    /// The message templates (OQ-21 extension).
    pub async fn templates(&self) -> Result<TemplateList, ApiError> {
        self.get("/api/admin/followup/templates").await
    }

    /// Single follow-up (FU-SINGLE-1..4, OQ-21 extension): personalised and
    /// sent on L1 by the server, recorded in the ticket's history.
    pub async fn send_followup(
        &self,
        id: &str,
        req: &FollowUpSendRequest,
    ) -> Result<Message, ApiError> {
        self.post(&format!("/api/admin/ticket/{}/followup", enc(id)), req)
            .await
    }

    // ---- Blasts (API-22..25, OQ-22 list extension) ----

    /// API-22: the blast waits for approval ('Menunggu Persetujuan').
    pub async fn blast_create(&self, req: &BlastCreateRequest) -> Result<Blast, ApiError> {
        self.post("/api/admin/blast/create", req).await
    }

    /// The blasts the caller may see (SA/TL all, others their own).
    pub async fn blasts(&self) -> Result<BlastList, ApiError> {
        self.get("/api/admin/blasts").await
    }

    /// API-25, with its recipients.
    pub async fn blast_status(&self, id: &str) -> Result<Blast, ApiError> {
        self.get(&format!("/api/admin/blast/{}/status", enc(id)))
            .await
    }

    /// API-23. Sending starts on the server only after this succeeds.
    pub async fn blast_approve(&self, id: &str) -> Result<Blast, ApiError> {
        self.request::<(), Blast>(
            Method::POST,
            &format!("/api/admin/blast/{}/approve", enc(id)),
            None,
        )
        .await
    }

    /// API-24.
    pub async fn blast_reject(&self, id: &str, reason: &str) -> Result<Blast, ApiError> {
        let body = RejectRequest {
            reason: reason.to_string(),
        };
        self.post(&format!("/api/admin/blast/{}/reject", enc(id)), &body)
            .await
    }

    // ---- Super Admin: users, privileges, operating hours (API-27..31) ----

    /// API-30.
    pub async fn users(&self) -> Result<UserList, ApiError> {
        self.get("/api/admin/users").await
    }

    /// API-31.
    pub async fn create_user(&self, req: &UserCreateRequest) -> Result<User, ApiError> {
        self.post("/api/admin/users", req).await
    }

    /// A role's default privileges (API-27 reads them back).
    pub async fn role_privileges(&self, role: Role) -> Result<PrivilegesRequest, ApiError> {
        self.get(&format!("/api/admin/privileges/{}", role.as_str()))
            .await
    }

    /// API-27.
    pub async fn set_role_privileges(
        &self,
        role: Role,
        privileges: &[String],
    ) -> Result<PrivilegesRequest, ApiError> {
        let body = PrivilegesRequest {
            privileges: privileges.to_vec(),
        };
        self.post(&format!("/api/admin/privileges/{}", role.as_str()), &body)
            .await
    }

    /// API-17: `division` is a division or `all` (SA/TL).
    pub async fn analytics_division(
        &self,
        division: &str,
        range: &DateRange,
    ) -> Result<crate::analytics::DivisionAnalytics, ApiError> {
        self.get(&format!(
            "/api/admin/analytics/division/{}?{}",
            enc(division),
            crate::analytics::period_query(range)
        ))
        .await
    }

    /// API-18.
    pub async fn analytics_agent(
        &self,
        id: &str,
        range: &DateRange,
    ) -> Result<crate::analytics::AgentAnalytics, ApiError> {
        self.get(&format!(
            "/api/admin/analytics/agent/{}?{}",
            enc(id),
            crate::analytics::period_query(range)
        ))
        .await
    }

    /// API-19 (Excel) or API-20 (PDF): the server writes the report and
    /// answers where to fetch it.
    pub async fn export(
        &self,
        format: crate::analytics::ExportFormat,
        division: &str,
        range: &DateRange,
    ) -> Result<ExportResponse, ApiError> {
        use crate::analytics::ExportFormat;
        let req = ExportRequest {
            division: division.to_string(),
            report_type: (format == ExportFormat::Pdf).then(|| "division".into()),
            date_range: range.clone(),
        };
        let path = match format {
            ExportFormat::Excel => "/api/export/excel",
            ExportFormat::Pdf => "/api/export/pdf",
        };
        self.post(path, &req).await
    }

    /// Downloads a report's `download_url` (EXPORT-4). The URL obeys the
    /// rule every API URL does (HTTPS outside loopback, SEC-4), and the
    /// token goes with it only to the API's own origin. `progress` hears
    /// (bytes so far, bytes in all when known).
    pub async fn download(
        &self,
        url: &str,
        mut progress: impl FnMut(u64, Option<u64>),
    ) -> Result<Vec<u8>, ApiError> {
        let checked = crate::url_policy::check_api_url(url).map_err(|m| ApiError::Config {
            message: format!("Tautan unduhan laporan ditolak. {m}"),
        })?;
        let same_origin = url::Url::parse(&checked)
            .ok()
            .zip(url::Url::parse(&self.base).ok())
            .is_some_and(|(a, b)| a.origin() == b.origin());
        let mut rb = self.http.get(url);
        if same_origin {
            if let Some(t) = self.token() {
                rb = rb.bearer_auth(t);
            }
        }
        let resp = rb.send().await.map_err(|e| network_error(&e))?;
        let status = resp.status();
        if !status.is_success() {
            let text = resp.text().await.unwrap_or_default();
            return Err(ApiError::from_status(status.as_u16(), &text));
        }
        let total = resp.content_length();
        let mut out = Vec::with_capacity(total.unwrap_or(0).min(64 << 20) as usize);
        let mut stream = resp.bytes_stream();
        progress(0, total);
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|e| network_error(&e))?;
            out.extend_from_slice(&chunk);
            progress(out.len() as u64, total);
        }
        Ok(out)
    }

    /// API-28.
    pub async fn office_hours(&self, division: Division) -> Result<OfficeHours, ApiError> {
        self.get(&format!(
            "/api/admin/config/office-hours/{}",
            division.as_str()
        ))
        .await
    }

    /// API-29.
    pub async fn set_office_hours(
        &self,
        division: Division,
        days: &[DayHours],
    ) -> Result<OfficeHours, ApiError> {
        self.request(
            Method::PATCH,
            &format!("/api/admin/config/office-hours/{}", division.as_str()),
            Some(&serde_json::json!({ "days": days })),
        )
        .await
    }

    /// The feed, newest first (`limit` up to 1,000).
    pub async fn notifications(&self) -> Result<NotificationList, ApiError> {
        self.get("/api/admin/notifications").await
    }

    pub async fn notifications_limit(&self, limit: u32) -> Result<NotificationList, ApiError> {
        self.get(&format!("/api/admin/notifications?limit={limit}"))
            .await
    }

    /// Marks notifications read: the ids given, or all when empty.
    pub async fn notifications_read(&self, ids: &[String]) -> Result<serde_json::Value, ApiError> {
        self.post(
            "/api/admin/notifications/read",
            &serde_json::json!({ "ids": ids }),
        )
        .await
    }

    /// OQ-6 extension: registers a phone's push token for the user.
    pub async fn register_device(
        &self,
        d: &crate::model::DeviceRegistration,
    ) -> Result<serde_json::Value, ApiError> {
        self.post("/api/devices", d).await
    }

    /// The live event stream (`GET /api/events`, extension). Ends on error;
    /// the caller falls back to polling. 401 wipes the token like any call.
    pub async fn events(
        &self,
    ) -> Result<impl Stream<Item = Result<ServerEvent, ApiError>> + Send + 'static, ApiError> {
        use eventsource_stream::Eventsource;
        let mut rb = self
            .http
            .get(format!("{}/api/events", self.base))
            .header("accept", "text/event-stream")
            .timeout(Duration::from_secs(24 * 3600));
        if let Some(t) = self.token() {
            rb = rb.bearer_auth(t);
        }
        let resp = rb.send().await.map_err(|e| network_error(&e))?;
        let status = resp.status();
        if !status.is_success() {
            if status == StatusCode::UNAUTHORIZED {
                self.set_token(None);
            }
            let text = resp.text().await.unwrap_or_default();
            return Err(ApiError::from_status(status.as_u16(), &text));
        }
        Ok(resp
            .bytes_stream()
            .eventsource()
            .filter_map(|ev| async move {
                match ev {
                    Ok(e) if e.event == "resync" => Some(Err(ApiError::Network {
                        message: "resync".into(),
                    })),
                    Ok(e) => serde_json::from_str::<ServerEvent>(&e.data).ok().map(Ok),
                    Err(_) => Some(Err(ApiError::Network {
                        message: strings::SERVER_UNREACHABLE.into(),
                    })),
                }
            }))
    }
}

fn is_loopback_base(base: &str) -> bool {
    let rest = base.split_once("://").map(|x| x.1).unwrap_or(base);
    let authority = rest.split('/').next().unwrap_or("");
    let host = if let Some(r) = authority.strip_prefix('[') {
        r.split(']').next().unwrap_or("")
    } else {
        authority
            .rsplit_once(':')
            .map(|(h, _)| h)
            .unwrap_or(authority)
    };
    crate::url_policy::is_loopback(host)
}

/// Percent-encodes a path segment.
fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn serde_urlencoded_query(q: &InboxQuery) -> String {
    let v = serde_json::to_value(q).unwrap_or_default();
    let mut ser = url::form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    if let Some(o) = v.as_object() {
        for (k, v) in o {
            let s = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => continue,
            };
            ser.append_pair(k, &s);
            any = true;
        }
    }
    if any {
        format!("?{}", ser.finish())
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_plain_http_to_remote_hosts() {
        let e = ApiClient::new("http://api.saga.co.id").unwrap_err();
        assert!(matches!(e, ApiError::Config { .. }));
        assert!(e.message().contains("HTTP"));
        assert!(ApiClient::new("http://127.0.0.1:8787").is_ok());
        assert!(ApiClient::new("https://api.saga.co.id").is_ok());
    }

    #[test]
    fn builds_inbox_queries() {
        let q = InboxQuery {
            status: Some("IN_PROGRESS".into()),
            tags: Some("b2b,harga".into()),
            limit: Some(50),
            ..Default::default()
        };
        let s = serde_urlencoded_query(&q);
        assert!(s.starts_with('?'));
        assert!(
            s.contains("status=IN_PROGRESS")
                && s.contains("tags=b2b%2Charga")
                && s.contains("limit=50")
        );
        assert_eq!(serde_urlencoded_query(&InboxQuery::default()), "");
    }

    #[test]
    fn debug_never_shows_the_token() {
        let c = ApiClient::new("http://127.0.0.1:1").unwrap();
        c.set_token(Some("secret-token-123".into()));
        assert!(!format!("{c:?}").contains("secret-token-123"));
    }
}
