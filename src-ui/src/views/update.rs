//! Desktop updates (issue 16, DOCS-4): the non-modal notice that a new
//! version is ready, and the 'Pembaruan aplikasi' card of Settings. Pure
//! functions of their props.

use crate::i18n::app::tx;
use crate::i18n::Lang;
use saga_core::ipc::{UpdatePhase, UpdateState};
use yew::prelude::*;

/// 'Versi baru siap' with 'Mulai ulang sekarang': shown only while the
/// agent is not Online (the core refuses the restart then anyway).
pub fn update_notice(
    lang: Lang,
    version: &str,
    on_restart: Callback<()>,
    on_later: Callback<()>,
) -> Html {
    let x = tx(lang);
    html! {
        <div class="update-notice" role="status" data-testid="update-ready" data-version={version.to_string()}>
            <div class="update-notice-text">
                <strong>{ x.update_notice }</strong>
                <span class="muted small">{ x.update_ready.replace("{}", version) }{ " " }{ x.update_ready_now }</span>
            </div>
            <button type="button" class="btn primary" data-testid="update-restart"
                onclick={Callback::from(move |_| on_restart.emit(()))}>{ x.update_restart }</button>
            <button type="button" class="btn" data-testid="update-later"
                onclick={Callback::from(move |_| on_later.emit(()))}>{ x.update_later }</button>
        </div>
    }
}

/// What the updater is doing, in words.
pub fn update_text(lang: Lang, s: &UpdateState, online: bool) -> String {
    let x = tx(lang);
    let v = s.version.as_deref().unwrap_or_default();
    match s.phase {
        UpdatePhase::Unavailable | UpdatePhase::Failed => s.message.clone().unwrap_or_default(),
        UpdatePhase::Idle => x.update_idle.into(),
        UpdatePhase::Checking => x.update_checking.into(),
        UpdatePhase::UpToDate => x.update_latest.into(),
        UpdatePhase::Downloading => {
            let pct = s
                .total
                .filter(|t| *t > 0)
                .map(|t| format!(" {}%", s.received * 100 / t))
                .unwrap_or_default();
            format!("{}{pct}", x.update_downloading.replace("{}", v))
        }
        UpdatePhase::Ready => format!(
            "{} {}",
            x.update_ready.replace("{}", v),
            if online {
                x.update_ready_wait
            } else {
                x.update_ready_now
            }
        ),
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct UpdateCardProps {
    pub lang: Lang,
    pub state: UpdateState,
    /// The signed-in agent is Online: the restart waits.
    pub online: bool,
    pub on_check: Callback<()>,
    pub on_restart: Callback<()>,
}

/// Settings' 'Pembaruan aplikasi'.
pub fn update_card(p: &UpdateCardProps) -> Html {
    let x = tx(p.lang);
    let s = &p.state;
    let busy = matches!(s.phase, UpdatePhase::Checking | UpdatePhase::Downloading);
    let can_check = !busy && !matches!(s.phase, UpdatePhase::Unavailable | UpdatePhase::Ready);
    let (check, restart) = (p.on_check.clone(), p.on_restart.clone());
    html! {
        <section class="settings update-card" data-testid="update-status" data-phase={s.phase.as_str()}>
            <h2 class="section-title">{ x.update_title }</h2>
            <p class={classes!((s.phase == UpdatePhase::Failed).then_some("error-text"))} data-testid="update-text">
                { update_text(p.lang, s, p.online) }
            </p>
            if s.phase == UpdatePhase::Downloading {
                <progress max={s.total.unwrap_or(0).to_string()} value={s.received.to_string()}></progress>
            }
            <div class="row-actions">
                if s.phase == UpdatePhase::Ready && !p.online {
                    <button type="button" class="btn primary" data-testid="update-restart"
                        onclick={Callback::from(move |_| restart.emit(()))}>{ x.update_restart }</button>
                }
                if can_check {
                    <button type="button" class="btn" data-testid="update-check"
                        onclick={Callback::from(move |_| check.emit(()))}>{ x.update_check }</button>
                }
            </div>
            <p class="muted small">{ format!("Saga Desk {}", s.current) }</p>
        </section>
    }
}
