//! Desktop updates in the UI (issue 16, DOCS-4): the notice over every
//! page once a verified version is ready and the agent is not Online, and
//! the actions Settings' card calls. The core decides; this only asks.

use crate::bridge;
use crate::store::{use_dispatch, use_lang, use_val, Action, State, Toast};
use crate::views::update::update_notice;
use saga_core::ipc::{UpdatePhase, UpdateState};
use yew::prelude::*;

/// 'Periksa pembaruan'.
pub fn check() -> Callback<()> {
    Callback::from(|_| {
        wasm_bindgen_futures::spawn_local(async {
            let _ = bridge::app::update_check().await;
        })
    })
}

/// 'Mulai ulang sekarang': the app restarts into the new version, or the
/// core's reason is shown (Online, nothing ready, a bare binary).
pub fn restart(d: UseReducerDispatcher<State>) -> Callback<()> {
    Callback::from(move |_| {
        let d = d.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(e) = bridge::app::update_restart().await {
                d.dispatch(Action::Toast(Toast {
                    kind: "error",
                    text: e.message().to_string(),
                }));
            }
        })
    })
}

#[derive(Properties, PartialEq)]
pub struct UpdateNoticeProps {
    pub update: Option<UpdateState>,
    pub online: bool,
}

/// Non-modal: it sits at the bottom, covers nothing the agent types into,
/// and 'Nanti' puts it away until the next version.
#[function_component(UpdateNotice)]
pub fn update_notice_page(p: &UpdateNoticeProps) -> Html {
    let lang = use_lang();
    let d = use_dispatch();
    let later = use_val(None::<String>);
    let Some(version) = p
        .update
        .as_ref()
        .filter(|u| u.phase == UpdatePhase::Ready && !p.online)
        .and_then(|u| u.version.clone())
    else {
        return html! {};
    };
    if later.as_deref() == Some(version.as_str()) {
        return html! {};
    }
    let on_later = {
        let (later, v) = (later.clone(), version.clone());
        Callback::from(move |_| later.set(Some(v.clone())))
    };
    update_notice(lang, &version, restart(d), on_later)
}
