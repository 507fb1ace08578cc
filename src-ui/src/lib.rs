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
    yew::Renderer::<app::App>::new().render();
}
