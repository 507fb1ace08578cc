use crate::i18n::{t, Lang, K};
use saga_core::AgentStatus;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct ToggleProps {
    pub status: AgentStatus,
    pub lang: Lang,
    #[prop_or_default]
    pub busy: bool,
    pub on_toggle: Callback<()>,
}

/// The Online/Offline switch (TOGGLE-1, TOGGLE-6): one tap.
pub fn status_toggle(p: &ToggleProps) -> Html {
    let online = p.status == AgentStatus::Online;
    let cb = p.on_toggle.clone();
    let label = if online {
        t(p.lang, K::Online)
    } else {
        t(p.lang, K::Offline)
    };
    let hint = if online {
        t(p.lang, K::GoOffline)
    } else {
        t(p.lang, K::GoOnline)
    };
    html! {
        <button type="button" role="switch" aria-checked={online.to_string()} title={hint}
            class={classes!("toggle", online.then_some("on"), p.busy.then_some("busy"))}
            data-testid="status-toggle" data-status={p.status.as_str()} disabled={p.busy}
            onclick={Callback::from(move |_| cb.emit(()))}>
            <span class="knob" aria-hidden="true"></span>
            <span class="toggle-label">{ label }</span>
        </button>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct IndicatorProps {
    pub name: AttrValue,
    pub subtitle: AttrValue,
    pub status: AgentStatus,
    pub lang: Lang,
}

/// The signed-in user's own status on the profile (TOGGLE-7).
pub fn status_indicator(p: &IndicatorProps) -> Html {
    let online = p.status == AgentStatus::Online;
    let initials: String = p
        .name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    html! {
        <div class="profile" data-testid="status-indicator" data-status={p.status.as_str()}>
            <span class="avatar">{ initials }<span class={classes!("dot", online.then_some("on"))}></span></span>
            <span class="profile-text">
                <span class="profile-name">{ p.name.clone() }</span>
                <span class="profile-sub">{ p.subtitle.clone() }{" · "}
                    <strong class={classes!("status-word", online.then_some("on"))}>{ if online { t(p.lang, K::Online) } else { t(p.lang, K::Offline) } }</strong>
                </span>
            </span>
        </div>
    }
}
