//! The SA/TL panel (PRD 3.8): every agent's live status and load.

use crate::bridge;
use crate::store::{use_agents, use_lang, use_principal};
use crate::views::panel::AgentPanel;
use saga_core::{AgentStatus, AgentSummary};
use yew::prelude::*;

/// PANEL-1: the list comes live from the core's sync loop; the first load
/// is fetched so the page is never empty while waiting.
#[function_component(PanelPage)]
pub fn panel_page() -> Html {
    let lang = use_lang();
    let me = use_principal();
    let live = use_agents();
    let initial = use_state(Vec::<AgentSummary>::new);
    let busy = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    {
        let (initial, error) = (initial.clone(), error.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::agents::agents().await {
                    Ok(a) => initial.set(a.agents),
                    Err(e) => error.set(Some(e.message().to_string())),
                }
            });
            || ()
        });
    }
    let agents = if live.is_empty() {
        (*initial).clone()
    } else {
        (*live).clone()
    };
    let on_set = {
        let (busy, error) = (busy.clone(), error.clone());
        Callback::from(move |(id, st): (String, AgentStatus)| {
            busy.set(Some(id.clone()));
            let (busy, error) = (busy.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = bridge::agents::set_agent_status(&id, st).await {
                    error.set(Some(e.message().to_string()));
                }
                busy.set(None);
            });
        })
    };
    let loading = initial.is_empty() && live.is_empty() && error.is_none();
    html! {
        <>
            if let Some(e) = &*error { <p class="alert error" role="alert">{ e }</p> }
            <AgentPanel {lang} {agents} {me} busy_agent={(*busy).clone()} on_set_status={on_set} {loading} />
        </>
    }
}
