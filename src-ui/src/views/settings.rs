use crate::i18n::{t, Lang, K};
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    pub fn from_code(c: &str) -> Theme {
        match c {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct SettingsProps {
    pub lang: Lang,
    pub theme: Theme,
    pub backend: AttrValue,
    pub secret_store: AttrValue,
    pub persistent: bool,
    pub version: AttrValue,
    pub on_lang: Callback<Lang>,
    pub on_theme: Callback<Theme>,
}

pub fn settings_view(p: &SettingsProps) -> Html {
    let seg = |active: bool| classes!("seg", active.then_some("active"));
    html! {
        <section class="settings">
            <div class="setting">
                <span class="setting-label">{ t(p.lang, K::Language) }</span>
                <div class="segmented">
                    { for [(Lang::Id, "Bahasa Indonesia"), (Lang::En, "English")].into_iter().map(|(l, name)| {
                        let cb = p.on_lang.clone();
                        html! { <button type="button" class={seg(p.lang == l)} onclick={Callback::from(move |_| cb.emit(l))}>{ name }</button> }
                    }) }
                </div>
            </div>
            <div class="setting">
                <span class="setting-label">{ t(p.lang, K::Theme) }</span>
                <div class="segmented">
                    { for [(Theme::System, K::ThemeSystem), (Theme::Light, K::ThemeLight), (Theme::Dark, K::ThemeDark)].into_iter().map(|(th, k)| {
                        let cb = p.on_theme.clone();
                        html! { <button type="button" class={seg(p.theme == th)} onclick={Callback::from(move |_| cb.emit(th))}>{ t(p.lang, k) }</button> }
                    }) }
                </div>
            </div>
            <div class="setting"><span class="setting-label">{ t(p.lang, K::Backend) }</span><code>{ p.backend.clone() }</code></div>
            <div class="setting"><span class="setting-label">{ t(p.lang, K::SecretStore) }</span><code>{ p.secret_store.clone() }</code></div>
            if !p.persistent { <p class="muted small">{ t(p.lang, K::SessionNotPersistent) }</p> }
            <p class="muted small">{ format!("Saga Desk {}", p.version) }</p>
        </section>
    }
}
