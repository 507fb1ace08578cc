//! One room per domain: each page loads its data through `bridge`, holds its
//! page state, and renders pure `views`. A page reads the store through the
//! hooks of `store` (user, language, layout, live data), never through
//! props from above.

pub mod analytics;
pub mod blasts;
pub mod followup;
pub mod inbox;
pub mod login;
pub mod panel;
pub mod settings;
pub mod ticket;
pub mod users;

use crate::i18n::{t, K};
use crate::store::use_lang;
use crate::views::shell::ComingSoon;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ComingSoonProps {
    /// The navigation entry's label, as the page title.
    pub title: K,
}

/// 'Segera hadir' for a route whose page is not built yet.
#[function_component(ComingSoonPage)]
pub fn coming_soon_page(p: &ComingSoonProps) -> Html {
    let lang = use_lang();
    html! { <ComingSoon title={t(lang, p.title)} {lang} /> }
}
