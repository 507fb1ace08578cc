//! Sign in (API-1). The email is remembered on the device; the password
//! never is.

use crate::bridge;
use crate::i18n::Lang;
use crate::store::local::LocalStorage;
use crate::store::{choose_lang, use_dispatch, use_lang, Action};
use crate::views::login::{login_view, LoginProps};
use saga_core::ipc::{AppInfo, BackendKind};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LoginPageProps {
    pub email: String,
    pub password: String,
    pub error: Option<AttrValue>,
    pub busy: bool,
    pub info: Option<AppInfo>,
}

#[function_component(LoginPage)]
pub fn login_page(p: &LoginPageProps) -> Html {
    let lang = use_lang();
    let d = use_dispatch();
    let on_email = {
        let d = d.clone();
        Callback::from(move |v: String| d.dispatch(Action::Email(v)))
    };
    let on_password = {
        let d = d.clone();
        Callback::from(move |v: String| d.dispatch(Action::Password(v)))
    };
    let on_lang = {
        let d = d.clone();
        Callback::from(move |l: Lang| choose_lang(&d, l))
    };
    let on_submit = {
        let (email, password) = (p.email.clone(), p.password.clone());
        Callback::from(move |_| {
            let (email, password, d) = (email.clone(), password.clone(), d.clone());
            d.dispatch(Action::LoginStart);
            let _ = LocalStorage::set("saga.email", email.trim());
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::session::login(&email, &password).await {
                    Ok(u) => {
                        // Land on the inbox after every sign-in.
                        let _ = gloo::utils::window().location().set_hash("/inbox");
                        d.dispatch(Action::LoginOk(u));
                    }
                    Err(e) => d.dispatch(Action::LoginErr(e.message().to_string())),
                }
            });
        })
    };
    let config_error = p
        .info
        .as_ref()
        .and_then(|i| i.config_error.clone())
        .map(AttrValue::from);
    let demo = p
        .info
        .as_ref()
        .is_some_and(|i| i.backend.kind == BackendKind::Embedded);
    html! {
        { login_view(&yew::props!(LoginProps { lang, email: p.email.clone(), password: p.password.clone(), error: p.error.clone(), config_error, busy: p.busy, demo, on_email, on_password, on_submit, on_lang })) }
    }
}
