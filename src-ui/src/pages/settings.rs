//! Settings: language, theme, and what the app says about its backend and
//! where it keeps the session.

use crate::app::apply_theme;
use crate::i18n::Lang;
use crate::store::local::LocalStorage;
use crate::store::{choose_lang, use_dispatch, use_lang, Action};
use crate::views::settings::{settings_view, SettingsProps, Theme};
use saga_core::ipc::AppInfo;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsPageProps {
    pub theme: Theme,
    pub info: Option<AppInfo>,
    #[prop_or_default]
    pub update: Option<saga_core::ipc::UpdateState>,
    /// The agent is Online: an update waits.
    #[prop_or_default]
    pub online: bool,
}

#[function_component(SettingsPage)]
pub fn settings_page(p: &SettingsPageProps) -> Html {
    let lang = use_lang();
    let d = use_dispatch();
    let d2 = d.clone();
    let on_lang = {
        let d = d.clone();
        Callback::from(move |l: Lang| choose_lang(&d, l))
    };
    let on_theme = Callback::from(move |th: Theme| {
        let _ = LocalStorage::set("saga.theme", th.code());
        apply_theme(th);
        d.dispatch(Action::Theme(th));
    });
    // Notification preferences, per user on this device (issue 15).
    let prefs = crate::store::use_val(None::<saga_core::notify::Preferences>);
    {
        let prefs = prefs.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(p) = crate::bridge::notifications::prefs().await {
                    prefs.set(Some(p));
                }
            });
            || ()
        });
    }
    let on_prefs = {
        let prefs = prefs.clone();
        Callback::from(move |next: saga_core::notify::Preferences| {
            let prefs = prefs.clone();
            prefs.set(Some(next.clone()));
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(saved) = crate::bridge::notifications::set_prefs(&next).await {
                    prefs.set(Some(saved));
                }
            });
        })
    };
    let info = p.info.as_ref();
    html! { <>
        { settings_view(&yew::props!(SettingsProps { lang, theme: p.theme, backend: info.map(|i| format!("{} ({})", i.backend.api_url, i.backend.kind.as_str())).unwrap_or_default(), secret_store: info.map(|i| i.secret_store.clone()).unwrap_or_default(), persistent: info.is_some_and(|i| i.session_persistent), version: info.map(|i| i.version.clone()).unwrap_or_default(), on_lang, on_theme })) }
        { (*prefs).as_ref().map(|p| crate::views::notifications::prefs_view(lang, p, on_prefs)).unwrap_or_default() }
        { p.update.clone().map(|state| crate::views::update::update_card(&crate::views::update::UpdateCardProps { lang, state, online: p.online, on_check: crate::pages::update::check(), on_restart: crate::pages::update::restart(d2.clone()) })).unwrap_or_default() }
    </> }
}
