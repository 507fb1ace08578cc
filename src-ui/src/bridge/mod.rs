//! The one way the UI reaches the core: Tauri `invoke` for commands and
//! `listen` for the core's typed events, one module per domain. Every call
//! names a [`Command`] from `saga_core::ipc` (a misspelt one does not
//! compile) and is typed on both ends with the contract types of `saga-core`.

pub mod agents;
pub mod analytics;
pub mod app;
pub mod blasts;
pub mod conversation;
pub mod followup;
pub mod notifications;
pub mod office_hours;
pub mod outbox;
pub mod session;
pub mod tickets;
pub mod users;

use saga_core::events::{AppEvent, APP_EVENT};
use saga_core::ipc::Command;
use saga_core::ApiError;
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

/// Calls one command of the core. Errors arrive typed (`{ kind, message }`);
/// anything else becomes a `Server` error with a message, never a panic.
pub(crate) async fn call<A: Serialize, T: DeserializeOwned>(
    cmd: Command,
    args: &A,
) -> Result<T, ApiError> {
    match tauri_invoke(cmd.name(), to_js(args)).await {
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

/// For commands without arguments.
#[derive(Serialize)]
pub(crate) struct NoArgs {}

/// For commands that take one ticket id.
#[derive(Serialize)]
pub(crate) struct IdArgs<'a> {
    pub id: &'a str,
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
