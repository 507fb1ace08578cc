//! The root: boots (app info, a stored session, the core's events),
//! provides the store to every page through contexts, and mounts the login
//! page or the signed-in router.

use crate::bridge;
use crate::i18n::Lang;
use crate::pages::login::LoginPage;
use crate::router::SignedIn;
use crate::store::local::LocalStorage;
use crate::store::{Action, Compact, Dispatch, LiveAgents, LiveBus, Session, State, TicketsRev};
use crate::views::settings::Theme;
use yew::prelude::*;
use yew_router::prelude::*;

/// Narrower windows get the phone layout.
const COMPACT_BELOW: f64 = 768.0;
/// How long a toast stays.
const TOAST_MS: u32 = 6000;

pub fn apply_theme(th: Theme) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("data-theme", th.code());
    }
}

fn window_width() -> f64 {
    gloo::utils::window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(1280.0)
}

/// What this device remembers between runs.
fn initial_state() -> State {
    State {
        lang: Lang::from_code(&LocalStorage::get::<String>("saga.lang").unwrap_or_default()),
        theme: Theme::from_code(&LocalStorage::get::<String>("saga.theme").unwrap_or_default()),
        email: LocalStorage::get::<String>("saga.email").unwrap_or_default(),
        ..State::default()
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial_state);
    let compact = use_state(|| window_width() < COMPACT_BELOW);
    let bus = use_memo((), |_| LiveBus::default());

    // Start-up: app info, restore a stored session, listen to the core.
    {
        let (state, compact, bus) = (state.clone(), compact.clone(), (*bus).clone());
        use_effect_with((), move |_| {
            apply_theme(state.theme);
            let d = state.dispatcher();
            bridge::on_event(move |ev| {
                bus.publish(&ev);
                d.dispatch(Action::Event(ev));
            });
            let d = state.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(i) = bridge::app::app_info().await {
                    // Queued replies that could not be restored (issue 17).
                    if let Some(text) = i.outbox_problem.clone() {
                        d.dispatch(Action::Toast(crate::store::Toast {
                            kind: "error",
                            text,
                        }));
                    }
                    d.dispatch(Action::Info(i));
                }
                if let Ok(u) = bridge::app::update_status().await {
                    d.dispatch(Action::Update(u));
                }
                match bridge::session::session_restore().await {
                    Ok(u) => d.dispatch(Action::Restored(u)),
                    Err(e) => d.dispatch(Action::RestoreFailed(e.message().to_string())),
                }
            });
            let resize =
                gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| {
                    compact.set(window_width() < COMPACT_BELOW);
                });
            let vis = gloo::events::EventListener::new(
                &gloo::utils::document(),
                "visibilitychange",
                move |_| {
                    let hidden = gloo::utils::document().hidden();
                    wasm_bindgen_futures::spawn_local(bridge::app::set_foreground(!hidden));
                },
            );
            move || {
                drop(resize);
                drop(vis);
            }
        });
    }

    // Toasts go away by themselves.
    {
        let d = state.dispatcher();
        use_effect_with(state.toast.clone(), move |toast| {
            let timer = toast.as_ref().map(|_| {
                gloo::timers::callback::Timeout::new(TOAST_MS, move || {
                    d.dispatch(Action::DismissToast)
                })
            });
            move || drop(timer)
        });
    }

    // The first interactive screen (login or shell): the core records how
    // long the cold start took (docs/performance.md).
    let booted = !matches!(state.session, Session::Booting);
    use_effect_with(booted, move |booted| {
        if *booted {
            use wasm_bindgen::JsCast;
            // After the frame that shows it.
            if let Some(w) = web_sys::window() {
                let cb = wasm_bindgen::closure::Closure::once_into_js(|| {
                    wasm_bindgen_futures::spawn_local(bridge::app::mark_ready());
                });
                let _ = w.request_animation_frame(cb.unchecked_ref());
            }
        }
        || ()
    });

    let s = &*state;
    let toast = s.toast.as_ref().map(|tt| {
        let d = state.dispatcher();
        html! {
            <div class={classes!("toast", tt.kind)} role="status" data-testid="toast" data-kind={tt.kind}
                onclick={Callback::from(move |_| d.dispatch(Action::DismissToast))}>{ &tt.text }</div>
        }
    });
    let body = match &s.session {
        Session::Booting => {
            html! { <div class="boot"><img src="icon.png" alt="" class="login-logo" /></div> }
        }
        Session::SignedOut => html! {
            <LoginPage email={s.email.clone()} password={s.password.clone()}
                error={s.login_error.clone().map(AttrValue::from)} busy={s.login_busy} info={s.info.clone()} />
        },
        Session::SignedIn(u) => html! {
            <HashRouter>
                <SignedIn user={u.clone()} status={s.status} status_busy={s.status_busy}
                    confirm_offline={s.confirm_offline} connection={s.connection.clone().map(AttrValue::from)}
                    theme={s.theme} info={s.info.clone()} update={s.update.clone()} />
            </HashRouter>
        },
    };
    html! {
        <ContextProvider<Dispatch> context={Dispatch(state.dispatcher())}>
        <ContextProvider<Lang> context={s.lang}>
        <ContextProvider<Compact> context={Compact(*compact)}>
        <ContextProvider<LiveBus> context={(*bus).clone()}>
        <ContextProvider<LiveAgents> context={LiveAgents(s.agents.clone())}>
        <ContextProvider<TicketsRev> context={TicketsRev(s.tickets_rev)}>
            { body }{ toast.unwrap_or_default() }
        </ContextProvider<TicketsRev>>
        </ContextProvider<LiveAgents>>
        </ContextProvider<LiveBus>>
        </ContextProvider<Compact>>
        </ContextProvider<Lang>>
        </ContextProvider<Dispatch>>
    }
}
