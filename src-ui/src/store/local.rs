//! What this device remembers (drafts, language, theme, the last email):
//! the webview's local storage, values as JSON text. The browser's own
//! `JSON.parse`/`JSON.stringify` do the text and `serde-wasm-bindgen` (the
//! same code that reads every IPC answer) the typing, so the wasm carries
//! no JSON parser of its own (issue 16: 7 KB gzip). The stored text is
//! what earlier builds wrote through gloo's storage: drafts survive the
//! update.

use serde::de::DeserializeOwned;
use serde::Serialize;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The device's local storage, with gloo's names.
pub struct LocalStorage;

impl LocalStorage {
    /// The value under `key`, if there is one and it reads as a `T`.
    pub fn get<T: DeserializeOwned>(key: impl AsRef<str>) -> Option<T> {
        let text = storage()?.get_item(key.as_ref()).ok()??;
        let value = js_sys::JSON::parse(&text).ok()?;
        serde_wasm_bindgen::from_value(value).ok()
    }

    /// Keeps `value` under `key`; `false` when the storage refused (full,
    /// or not there).
    pub fn set<T: Serialize>(key: impl AsRef<str>, value: T) -> bool {
        let stored = || -> Option<()> {
            let js = value
                .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                .ok()?;
            let text: String = js_sys::JSON::stringify(&js).ok()?.into();
            storage()?.set_item(key.as_ref(), &text).ok()
        };
        stored().is_some()
    }

    pub fn delete(key: impl AsRef<str>) {
        if let Some(s) = storage() {
            let _ = s.remove_item(key.as_ref());
        }
    }
}
