//! Pure views: everything they show comes from their props.

pub mod analytics;
pub mod badges;
pub mod blasts;
pub mod charts;
pub mod crm;
pub mod dialog;
pub mod filters;
pub mod followup;
pub mod help;
pub mod login;
pub mod notifications;
pub mod panel;
pub mod settings;
pub mod shell;
pub mod ticket;
pub mod tickets;
pub mod toggle;
pub mod update;
pub mod users;

use yew::prelude::*;

/// An inline stroke icon.
pub fn icon(path: &'static str) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
            <path d={path} />
        </svg>
    }
}
