//! Desktop updates in the UI (issue 16, DOCS-4): the notice over every
//! page once a verified version is ready and the agent is not Online, and
//! the actions Settings' card calls. The core decides; this only asks.
//! Plain functions, not components (each component costs the wasm).

use crate::bridge;
use crate::store::{Action, State, Toast};
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

/// The notice, when a verified version is ready and the agent is not
/// Online. Non-modal: it sits at the bottom, covers nothing the agent types
/// into, and 'Nanti' (`later`) puts it away until the next version.
pub fn notice(
    lang: crate::i18n::Lang,
    d: UseReducerDispatcher<State>,
    update: Option<&UpdateState>,
    online: bool,
    later: UseStateHandle<Option<String>>,
) -> Html {
    let Some(version) = update
        .filter(|u| u.phase == UpdatePhase::Ready && !online)
        .and_then(|u| u.version.clone())
        .filter(|v| later.as_deref() != Some(v.as_str()))
    else {
        return html! {};
    };
    let v = version.clone();
    update_notice(
        lang,
        &version,
        restart(d),
        Callback::from(move |_| later.set(Some(v.clone()))),
    )
}
