//! Saga Desk UI (Yew). Pages load data through [`bridge`]; views are pure
//! components of their props, so tests render them natively.

pub mod app;
pub mod bridge;
pub mod collections;
pub mod composer;
pub mod i18n;
pub mod keys;
pub mod nav;
pub mod pages;
pub mod router;
pub mod store;
pub mod views;

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    // A panic stops the UI (panic = abort): what it said is kept on the
    // page (`window.__sagaPanic`) for whoever looks, the end-to-end tests'
    // failure report among them, instead of vanishing.
    // The person is told in words (a page that silently stops answering is
    // the worst failure); nothing typed is lost: drafts and the outbox live
    // outside the page.
    std::panic::set_hook(Box::new(|info| {
        let text = info.to_string();
        let Some(w) = web_sys::window() else { return };
        let _ = js_sys::Reflect::set(&w, &"__sagaPanic".into(), &text.as_str().into());
        if let (Some(doc), Some(body)) = (w.document(), w.document().and_then(|d| d.body())) {
            if let Ok(el) = doc.create_element("div") {
                el.set_class_name("ui-crashed");
                let _ = el.set_attribute("role", "alert");
                el.set_text_content(Some(
                    "Saga Desk berhenti karena kesalahan. Tutup lalu buka lagi aplikasinya; \
                     draf dan kiriman yang tertunda tetap tersimpan.",
                ));
                let _ = body.append_child(&el);
            }
        }
    }));
    yew::Renderer::<app::App>::new().render();
}
