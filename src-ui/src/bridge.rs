//! The one way the UI reaches the core: Tauri `invoke` for commands and
//! `listen` for the core's typed events. Every call is typed on both ends
//! with the contract types of `saga-core`.

use saga_core::events::{AppEvent, APP_EVENT};
use saga_core::outbox::{OutboxEntry, SendOutcome};
use saga_core::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(
        event: &str,
        handler: &Closure<dyn FnMut(JsValue)>,
    ) -> Result<JsValue, JsValue>;
}

fn to_js<A: Serialize>(args: &A) -> JsValue {
    // Maps must arrive as plain objects, not JS Maps.
    args.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::UNDEFINED)
}

async fn call<A: Serialize, T: DeserializeOwned>(cmd: &str, args: &A) -> Result<T, ApiError> {
    match tauri_invoke(cmd, to_js(args)).await {
        Ok(v) => serde_wasm_bindgen::from_value(v).map_err(|e| ApiError::Server {
            status: 0,
            message: format!("Jawaban aplikasi tidak dapat dibaca ({e})."),
        }),
        Err(e) => Err(
            serde_wasm_bindgen::from_value::<ApiError>(e.clone()).unwrap_or_else(|_| {
                ApiError::Server {
                    status: 0,
                    message: e
                        .as_string()
                        .unwrap_or_else(|| "Terjadi kesalahan di aplikasi.".into()),
                }
            }),
        ),
    }
}

#[derive(Serialize)]
struct NoArgs {}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Backend {
    pub kind: String,
    pub api_url: String,
}

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct AppInfo {
    pub version: String,
    pub backend: Backend,
    pub config_error: Option<String>,
    pub secret_store: String,
    pub session_persistent: bool,
    /// Process start → first interactive screen, in ms.
    #[serde(default)]
    pub startup_ms: Option<u64>,
}

pub async fn app_info() -> Result<AppInfo, ApiError> {
    call("app_info", &NoArgs {}).await
}

/// Tells the core the first interactive screen is on; it records the cold
/// start time (shown in `app_info`).
pub async fn mark_ready() {
    let _: Result<(), ApiError> = call("mark_ready", &NoArgs {}).await;
}

pub async fn session_restore() -> Result<Option<User>, ApiError> {
    call("session_restore", &NoArgs {}).await
}

#[derive(Serialize)]
struct LoginArgs<'a> {
    email: &'a str,
    password: &'a str,
}

pub async fn login(email: &str, password: &str) -> Result<User, ApiError> {
    call("login", &LoginArgs { email, password }).await
}

pub async fn logout() -> Result<(), ApiError> {
    call("logout", &NoArgs {}).await
}

#[derive(Serialize)]
struct StatusArgs {
    status: AgentStatus,
}

pub async fn set_status(status: AgentStatus) -> Result<StatusResponse, ApiError> {
    call("set_status", &StatusArgs { status }).await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AgentStatusArgs<'a> {
    agent_id: &'a str,
    status: AgentStatus,
}

pub async fn set_agent_status(
    agent_id: &str,
    status: AgentStatus,
) -> Result<StatusResponse, ApiError> {
    call("set_agent_status", &AgentStatusArgs { agent_id, status }).await
}

pub async fn agents() -> Result<AgentList, ApiError> {
    call("agents", &NoArgs {}).await
}

#[derive(Serialize)]
struct InboxArgs<'a> {
    query: &'a InboxQuery,
}

pub async fn inbox(query: &InboxQuery) -> Result<TicketPage, ApiError> {
    call("inbox", &InboxArgs { query }).await
}

#[derive(Serialize)]
struct FreeArgs<'a> {
    division: Option<&'a str>,
}

pub async fn free_list(division: Option<&str>) -> Result<TicketPage, ApiError> {
    call("free_list", &FreeArgs { division }).await
}

#[derive(Serialize)]
struct FgArgs {
    foreground: bool,
}

pub async fn set_foreground(foreground: bool) {
    let _: Result<(), ApiError> = call("set_foreground", &FgArgs { foreground }).await;
}

/// Subscribes to the core's events for the life of the app.
pub fn on_event(mut f: impl FnMut(AppEvent) + 'static) {
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        let payload =
            js_sys::Reflect::get(&e, &JsValue::from_str("payload")).unwrap_or(JsValue::NULL);
        if let Ok(ev) = serde_wasm_bindgen::from_value::<AppEvent>(payload) {
            f(ev);
        }
    });
    wasm_bindgen_futures::spawn_local(async move {
        let _ = tauri_listen(APP_EVENT, &handler).await;
        // The listener lives as long as the page.
        handler.forget();
    });
}

#[derive(Serialize)]
struct IdArgs<'a> {
    id: &'a str,
}

pub async fn ticket_detail(id: &str) -> Result<TicketDetail, ApiError> {
    call("ticket_detail", &IdArgs { id }).await
}

#[derive(Serialize)]
struct MessagesArgs<'a> {
    id: &'a str,
    before: Option<&'a str>,
}

/// The newest page of the L1 thread, or the page before message `before`.
pub async fn ticket_messages(id: &str, before: Option<&str>) -> Result<MessagePage, ApiError> {
    call("ticket_messages", &MessagesArgs { id, before }).await
}

pub async fn internal_messages(id: &str) -> Result<InternalMessageList, ApiError> {
    call("internal_messages", &IdArgs { id }).await
}

pub async fn self_takeover(id: &str) -> Result<TicketItem, ApiError> {
    call("self_takeover", &IdArgs { id }).await
}

#[derive(Serialize)]
struct ReplyArgs<'a> {
    id: &'a str,
    reply: &'a ReplyRequest,
}

/// L1 only: takes a [`ReplyRequest`]. `Queued` when the reply could not be
/// sent yet and waits in the outbox.
pub async fn send_reply(id: &str, reply: &ReplyRequest) -> Result<SendOutcome, ApiError> {
    call("send_reply", &ReplyArgs { id, reply }).await
}

/// The user's unsent replies on a ticket.
pub async fn outbox_list(id: &str) -> Result<Vec<OutboxEntry>, ApiError> {
    call("outbox_list", &IdArgs { id }).await
}

#[derive(Serialize)]
struct KeyArgs<'a> {
    key: &'a str,
}

/// 'Coba lagi': same text, same idempotency key.
pub async fn outbox_retry(key: &str) -> Result<SendOutcome, ApiError> {
    call("outbox_retry", &KeyArgs { key }).await
}

pub async fn outbox_discard(key: &str) -> Result<(), ApiError> {
    call("outbox_discard", &KeyArgs { key }).await
}

#[derive(Serialize)]
struct NoteArgs<'a> {
    id: &'a str,
    note: &'a InternalMessageRequest,
}

/// L2 only: takes an [`InternalMessageRequest`].
pub async fn send_internal_note(
    id: &str,
    note: &InternalMessageRequest,
) -> Result<InternalMessage, ApiError> {
    call("send_internal_note", &NoteArgs { id, note }).await
}

/// API-16: takes the same [`ReplyRequest`] as an L1 reply.
pub async fn reply_as_saga_team(id: &str, reply: &ReplyRequest) -> Result<Message, ApiError> {
    call("reply_as_saga_team", &ReplyArgs { id, reply }).await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AssignArgs<'a> {
    id: &'a str,
    to_agent: &'a str,
    from_agent: Option<&'a str>,
    note: Option<&'a str>,
}

/// API-9 when `from_agent` is `None`, else API-10.
pub async fn assign_ticket(
    id: &str,
    to_agent: &str,
    from_agent: Option<&str>,
    note: Option<&str>,
) -> Result<TicketItem, ApiError> {
    call(
        "assign_ticket",
        &AssignArgs {
            id,
            to_agent,
            from_agent,
            note,
        },
    )
    .await
}

pub async fn tags() -> Result<TagList, ApiError> {
    call("tags", &NoArgs {}).await
}

#[derive(Serialize)]
struct CrmArgs<'a> {
    id: &'a str,
    division: Division,
    values: &'a serde_json::Map<String, serde_json::Value>,
}

/// API-12: the core checks the values with the CRM schema before sending.
pub async fn update_crm(
    id: &str,
    division: Division,
    values: &serde_json::Map<String, serde_json::Value>,
) -> Result<CrmRecord, ApiError> {
    call(
        "update_crm",
        &CrmArgs {
            id,
            division,
            values,
        },
    )
    .await
}

#[derive(Serialize)]
struct TagArgs<'a> {
    id: &'a str,
    tag: &'a str,
    add: bool,
}

/// API-11.
pub async fn tag_ticket(id: &str, tag: &str, add: bool) -> Result<TicketItem, ApiError> {
    call("tag_ticket", &TagArgs { id, tag, add }).await
}

/// API-13 (SA/TL).
pub async fn audit_log(id: &str) -> Result<AuditLog, ApiError> {
    call("audit_log", &IdArgs { id }).await
}
