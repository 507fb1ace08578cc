//! Shared by the component tests.

use yew::prelude::*;
use yew::LocalServerRenderer;

/// Renders markup a view function made (views that hold no state are plain
/// functions: each component costs the wasm some kilobytes).
#[derive(Properties, PartialEq)]
struct Markup {
    html: Html,
}

#[function_component(Show)]
fn show(p: &Markup) -> Html {
    p.html.clone()
}

pub async fn render_html(html: Html) -> String {
    LocalServerRenderer::<Show>::with_props(Markup { html })
        .render()
        .await
}
