use crate::i18n::{t, Lang, K};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct LoginProps {
    pub lang: Lang,
    pub email: AttrValue,
    pub password: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// A configuration problem (e.g. a plain-HTTP API URL).
    #[prop_or_default]
    pub config_error: Option<AttrValue>,
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub demo: bool,
    pub on_email: Callback<String>,
    pub on_password: Callback<String>,
    pub on_submit: Callback<()>,
    pub on_lang: Callback<Lang>,
}

fn input_value(e: &InputEvent) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

pub fn login_view(p: &LoginProps) -> Html {
    let on_email = p.on_email.clone();
    let on_password = p.on_password.clone();
    let submit = p.on_submit.clone();
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        submit.emit(());
    });
    let lang = p.lang;
    let on_lang = p.on_lang.clone();
    let other = if lang == Lang::Id { Lang::En } else { Lang::Id };
    html! {
        <div class="login-page">
            <form class="login-card" {onsubmit} novalidate=true>
                <div class="login-brand">
                    <img src="icon.png" alt="" class="login-logo" />
                    <div>
                        <h1>{ t(lang, K::AppName) }</h1>
                        <p class="muted">{ t(lang, K::Tagline) }</p>
                    </div>
                </div>
                if let Some(c) = &p.config_error {
                    <p class="alert error" role="alert">{ c.clone() }</p>
                }
                <label class="field">
                    <span>{ t(lang, K::Email) }</span>
                    <input type="email" autocomplete="username" inputmode="email" data-testid="login-email"
                        value={p.email.clone()} disabled={p.busy}
                        oninput={Callback::from(move |e: InputEvent| on_email.emit(input_value(&e)))} />
                </label>
                <label class="field">
                    <span>{ t(lang, K::Password) }</span>
                    <input type="password" autocomplete="current-password" data-testid="login-password"
                        value={p.password.clone()} disabled={p.busy}
                        oninput={Callback::from(move |e: InputEvent| on_password.emit(input_value(&e)))} />
                </label>
                if let Some(e) = &p.error {
                    <p class="alert error" role="alert" data-testid="login-error">{ e.clone() }</p>
                }
                <button type="submit" class="btn primary block" data-testid="login-submit" disabled={p.busy || p.config_error.is_some()}>
                    { if p.busy { t(lang, K::SigningIn) } else { t(lang, K::SignIn) } }
                </button>
                if p.demo {
                    <p class="demo-note"><strong>{ t(lang, K::DemoBackend) }</strong><br/>{ t(lang, K::DemoHint) }</p>
                }
                <button type="button" class="link-btn" onclick={Callback::from(move |_| on_lang.emit(other))}>
                    { if other == Lang::En { "English" } else { "Bahasa Indonesia" } }
                </button>
            </form>
        </div>
    }
}
