//! Settings: language, theme, and what the app says about its backend and
//! where it keeps the session.

use crate::app::apply_theme;
use crate::i18n::Lang;
use crate::store::{choose_lang, use_dispatch, use_lang, Action};
use crate::views::settings::{settings_view, SettingsProps, Theme};
use gloo::storage::{LocalStorage, Storage};
use saga_core::ipc::AppInfo;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsPageProps {
    pub theme: Theme,
    pub info: Option<AppInfo>,
}

#[function_component(SettingsPage)]
pub fn settings_page(p: &SettingsPageProps) -> Html {
    let lang = use_lang();
    let d = use_dispatch();
    let on_lang = {
        let d = d.clone();
        Callback::from(move |l: Lang| choose_lang(&d, l))
    };
    let on_theme = Callback::from(move |th: Theme| {
        let _ = LocalStorage::set("saga.theme", th.code());
        apply_theme(th);
        d.dispatch(Action::Theme(th));
    });
    let info = p.info.as_ref();
    html! {
        { settings_view(&yew::props!(SettingsProps { lang, theme: p.theme, backend: info.map(|i| format!("{} ({})", i.backend.api_url, i.backend.kind.as_str())).unwrap_or_default(), secret_store: info.map(|i| i.secret_store.clone()).unwrap_or_default(), persistent: info.is_some_and(|i| i.session_persistent), version: info.map(|i| i.version.clone()).unwrap_or_default(), on_lang, on_theme })) }
    }
}
