//! The signed-in app: the shell around every page, the route → page map,
//! the desktop keyboard flow with its help overlay, and the Offline
//! confirmation (TOGGLE-5).

use crate::bridge;
use crate::i18n::{t, K};
use crate::nav::{allowed, Route};
use crate::pages;
use crate::store::use_val;
use crate::store::{use_dispatch, use_lang, Action, SignedInUser, State};
use crate::views::dialog::{confirm_dialog, DialogProps};
use crate::views::settings::Theme;
use crate::views::shell::{forbidden, ForbiddenProps, Shell};
use crate::views::ticket::TicketTab;
use saga_core::access::Principal;
use saga_core::ipc::AppInfo;
use saga_core::{AgentStatus, User};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SignedInProps {
    pub user: User,
    pub status: AgentStatus,
    pub status_busy: bool,
    pub confirm_offline: bool,
    pub connection: Option<AttrValue>,
    pub theme: Theme,
    pub info: Option<AppInfo>,
    /// The desktop updater (issue 16).
    #[prop_or_default]
    pub update: Option<saga_core::ipc::UpdateState>,
}

/// Sends a status change; the toggle shows the true state when it is done.
pub fn change_status(d: UseReducerDispatcher<State>, status: AgentStatus) {
    d.dispatch(Action::StatusBusy);
    wasm_bindgen_futures::spawn_local(async move {
        let r = bridge::agents::set_status(status)
            .await
            .map(|r| r.status)
            .map_err(|e| e.message().to_string());
        d.dispatch(Action::StatusDone(r));
    });
}

/// The page of a route. Every page reads the store through its hooks.
fn page_for(route: &Route, p: &SignedInProps) -> Html {
    match route.clone() {
        Route::Ticket { id } => {
            html! { <pages::ticket::TicketPage key={id.clone()} id={id.clone()} tab={TicketTab::Conversation} /> }
        }
        Route::TicketCrm { id } => {
            html! { <pages::ticket::TicketPage key={id.clone()} id={id.clone()} tab={TicketTab::Crm} /> }
        }
        Route::Inbox => html! { <pages::inbox::InboxPage free=false /> },
        Route::Free => html! { <pages::inbox::InboxPage free=true /> },
        Route::Panel => html! { <pages::panel::PanelPage /> },
        Route::Settings => {
            html! { <pages::settings::SettingsPage theme={p.theme} info={p.info.clone()} update={p.update.clone()} online={p.status == AgentStatus::Online} /> }
        }
        Route::Followup => html! { <pages::followup::FollowupPage /> },
        Route::Blasts => html! { <pages::blasts::BlastsPage /> },
        Route::BlastNew => html! { <pages::blasts::compose::BlastComposePage /> },
        Route::Blast { id } => {
            html! { <pages::blasts::detail::BlastPage key={id.clone()} id={id.clone()} /> }
        }
        Route::Analytics => html! { <pages::analytics::AnalyticsPage /> },
        Route::Users => html! { <pages::users::UsersPage /> },
        Route::UserNew => html! { <pages::users::user::UserPage id={None::<String>} /> },
        Route::User { id } => {
            html! { <pages::users::user::UserPage key={id.clone()} id={Some(id.clone())} /> }
        }
        Route::Privileges => html! { <pages::users::privileges::PrivilegesPage /> },
        Route::OfficeHours => html! { <pages::users::hours::OfficeHoursPage /> },
        Route::Home | Route::Login | Route::NotFound => html! {},
    }
}

/// Listens for the desktop shortcuts (issue 4 item 11) while signed in.
#[hook]
fn use_shortcuts(help: UseStateHandle<bool>) {
    use_effect_with((), move |_| {
        let listener =
            gloo::events::EventListener::new(&gloo::utils::document(), "keydown", move |e| {
                use wasm_bindgen::JsCast;
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let typing = crate::keys::typing(e);
                let Some(cmd) = crate::keys::command(
                    &e.key(),
                    e.ctrl_key() || e.meta_key(),
                    e.shift_key(),
                    e.alt_key(),
                    typing,
                ) else {
                    return;
                };
                let done = match cmd {
                    crate::keys::Command::Help => {
                        help.set(true);
                        true
                    }
                    crate::keys::Command::Escape => {
                        help.set(false);
                        if typing {
                            if let Some(el) = gloo::utils::document()
                                .active_element()
                                .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
                            {
                                let _ = el.blur();
                            }
                        }
                        false
                    }
                    c => crate::keys::run(c),
                };
                if done {
                    e.prevent_default();
                }
            });
        move || drop(listener)
    });
}

thread_local! {
    /// Where each list was scrolled to, by its full hash (path and
    /// filters), the most recent first; a few dozen at most.
    static SCROLLED: std::cell::RefCell<Vec<(String, f64)>> = Default::default();
}

fn remember_scroll(key: String, y: f64) {
    SCROLLED.with(|m| {
        let mut m = m.borrow_mut();
        m.retain(|(k, _)| *k != key);
        m.insert(0, (key, y));
        m.truncate(32);
    });
}

fn scrolled(key: &str) -> Option<f64> {
    SCROLLED.with(|m| m.borrow().iter().find(|(k, _)| k == key).map(|(_, y)| *y))
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Coming back to a list (from a ticket, a blast, a user, or another
/// tab) finds it where it was left: the window's scroll is remembered per
/// list and put back once the list is tall enough again (its rows load
/// after the page mounts).
#[hook]
fn use_scroll_memory(route: &Route) {
    // Remember continuously (a passive listener, one number per list).
    use_effect_with((), |_| {
        let listener = gloo::events::EventListener::new(&gloo::utils::window(), "scroll", |_| {
            let y = gloo::utils::window().scroll_y().unwrap_or(0.0);
            remember_scroll(current_hash(), y);
        });
        move || drop(listener)
    });
    let list = route.section() == *route;
    use_effect_with(route.clone(), move |_| {
        let key = current_hash();
        if let Some(want) = scrolled(&key).filter(|y| list && *y > 0.0) {
            restore_scroll(key, want, 0);
        }
        || ()
    });
}

/// Scrolls back to `want` once the page is tall enough (or after two
/// seconds), unless the person has gone elsewhere meanwhile.
fn restore_scroll(key: String, want: f64, tries: u32) {
    if current_hash() != key {
        return;
    }
    let w = gloo::utils::window();
    let tall = gloo::utils::document()
        .document_element()
        .map(|e| e.scroll_height() as f64)
        .unwrap_or(0.0);
    let view = w
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    if tall >= want + view || tries >= 40 {
        w.scroll_to_with_x_and_y(0.0, want);
        return;
    }
    gloo::timers::callback::Timeout::new(50, move || restore_scroll(key, want, tries + 1)).forget();
}

#[function_component(SignedIn)]
pub fn signed_in(p: &SignedInProps) -> Html {
    let route = use_route::<Route>().unwrap_or(Route::Inbox);
    let route = match route {
        Route::Home | Route::Login | Route::NotFound => Route::Inbox,
        r => r,
    };
    let lang = use_lang();
    let compact = crate::store::use_compact();
    let d = use_dispatch();
    let principal = Principal::from(&p.user);
    use_scroll_memory(&route);

    // The shell's callbacks keep their identity between renders, so a route
    // change inside a page (an inbox filter) does not re-render the shell.
    let on_toggle = {
        let d = d.clone();
        use_callback(p.status, move |_: (), status| {
            if *status == AgentStatus::Online {
                // TOGGLE-5: confirm first.
                d.dispatch(Action::AskOffline(true));
            } else {
                change_status(d.clone(), AgentStatus::Online);
            }
        })
    };
    let on_logout = {
        let d = d.clone();
        use_callback((), move |_: (), _| {
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = bridge::session::logout().await;
                d.dispatch(Action::LoggedOut);
            });
        })
    };
    let help = use_val(false);
    // The version whose update notice was put away ('Nanti').
    let later = use_val(None::<String>);
    use_shortcuts(help.clone());
    let on_help = {
        let help = help.clone();
        use_callback((), move |_: (), _| help.set(true))
    };
    let help_overlay = help.then(|| {
        let help = help.clone();
        html! { { crate::views::help::help_overlay(&yew::props!(crate::views::help::HelpProps { lang, on_close: Callback::from(move |_| help.set(false)) })) } }
    });

    let page = if allowed(&principal, &route) {
        page_for(&route, p)
    } else {
        forbidden(&ForbiddenProps { lang })
    };
    let dialog = p.confirm_offline.then(|| {
        let (d1, d2) = (d.clone(), d.clone());
        html! {
            { confirm_dialog(&yew::props!(DialogProps { text: t(lang, K::OfflineConfirm), ok_label: t(lang, K::OfflineOk), cancel_label: t(lang, K::Cancel), on_ok: Callback::from(move |_| change_status(d1.clone(), AgentStatus::Offline)), on_cancel: Callback::from(move |_| d2.dispatch(Action::AskOffline(false))) })) }
        }
    });
    html! {
        <ContextProvider<SignedInUser> context={SignedInUser(p.user.clone())}>
            <Shell user={p.user.clone()} status={p.status} active={route.clone()} {compact} {lang}
                connection={p.connection.clone()} status_busy={p.status_busy}
                {on_toggle} {on_logout} {on_help}
                bell={html! { <crate::pages::notifications::NotificationCentre /> }}>
                { page }
            </Shell>
            { dialog.unwrap_or_default() }
            { help_overlay.unwrap_or_default() }
            { crate::pages::update::notice(lang, d.clone(), p.update.as_ref(), p.status == AgentStatus::Online, later) }
        </ContextProvider<SignedInUser>>
    }
}
