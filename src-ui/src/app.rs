//! The stateful part of the UI: the session, the toggle flow, live events
//! from the core, and the pages that load data. Views stay pure.

use crate::bridge;
use crate::composer::{Composer, Layer, Outgoing};
use crate::i18n::{t, Lang, K};
use crate::nav::{allowed, Route};
use crate::views::crm::CrmForm;
use crate::views::dialog::ConfirmDialog;
use crate::views::filters::FilterBar;
use crate::views::login::LoginView;
use crate::views::panel::AgentPanel;
use crate::views::settings::{SettingsView, Theme};
use crate::views::shell::{ComingSoon, ForbiddenView, Shell};
use crate::views::ticket::{effective_mode, layers, TicketTab, TicketView};
use crate::views::tickets::TicketList;
use gloo::storage::{LocalStorage, Storage};
use saga_core::access::{access, Perm, Principal};
use saga_core::crm::FieldError;
use saga_core::events::AppEvent;
use saga_core::outbox::SendOutcome;
use saga_core::{AgentStatus, AgentSummary, ApiError, InboxQuery, Role, TicketItem, User};
use saga_core::{InternalMessage, Message, TicketDetail};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

const COMPACT_BELOW: f64 = 768.0;

#[derive(Debug, Clone, PartialEq)]
pub enum Session {
    Booting,
    SignedOut,
    SignedIn(User),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub kind: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub theme: Theme,
    pub info: Option<bridge::AppInfo>,
    pub session: Session,
    pub status: AgentStatus,
    pub status_busy: bool,
    pub confirm_offline: bool,
    pub toast: Option<Toast>,
    pub connection: Option<String>,
    pub agents: Vec<AgentSummary>,
    /// Bumped whenever tickets change, so lists reload.
    pub tickets_rev: u32,
    pub email: String,
    pub password: String,
    pub login_error: Option<String>,
    pub login_busy: bool,
}

pub enum Action {
    Info(bridge::AppInfo),
    Restored(Option<User>),
    RestoreFailed(String),
    Email(String),
    Password(String),
    LoginStart,
    LoginOk(User),
    LoginErr(String),
    LoggedOut,
    Lang(Lang),
    Theme(Theme),
    AskOffline(bool),
    StatusBusy,
    StatusDone(Result<AgentStatus, String>),
    Event(AppEvent),
    DismissToast,
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, a: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match a {
            Action::Info(i) => s.info = Some(i),
            Action::Restored(Some(u)) => {
                s.status = u.status;
                s.session = Session::SignedIn(u);
            }
            Action::Restored(None) => s.session = Session::SignedOut,
            Action::RestoreFailed(m) => {
                s.session = Session::SignedOut;
                s.login_error = Some(m);
            }
            Action::Email(e) => s.email = e,
            Action::Password(p) => s.password = p,
            Action::LoginStart => {
                s.login_busy = true;
                s.login_error = None;
            }
            Action::LoginOk(u) => {
                s.login_busy = false;
                s.password.clear();
                s.status = u.status;
                s.session = Session::SignedIn(u);
                s.agents.clear();
            }
            Action::LoginErr(m) => {
                s.login_busy = false;
                s.login_error = Some(m);
            }
            Action::LoggedOut => {
                s.session = Session::SignedOut;
                s.status = AgentStatus::Offline;
                s.confirm_offline = false;
                s.connection = None;
            }
            Action::Lang(l) => s.lang = l,
            Action::Theme(th) => s.theme = th,
            Action::AskOffline(v) => s.confirm_offline = v,
            Action::StatusBusy => {
                s.status_busy = true;
                s.confirm_offline = false;
            }
            Action::StatusDone(r) => {
                s.status_busy = false;
                match r {
                    Ok(st) => {
                        s.status = st;
                        if let Session::SignedIn(u) = &mut s.session {
                            u.status = st;
                        }
                    }
                    // The toggle stays at the true state; say why.
                    Err(m) => {
                        s.toast = Some(Toast {
                            kind: "error",
                            text: format!("{}: {m}", t(s.lang, K::StatusFailed)),
                        })
                    }
                }
            }
            Action::Event(ev) => match ev {
                AppEvent::Agents { agents } => s.agents = agents,
                AppEvent::OwnStatus { status } => {
                    if !s.status_busy {
                        s.status = status;
                    }
                }
                AppEvent::TicketsChanged { .. } | AppEvent::Message { .. } => {
                    s.tickets_rev = s.tickets_rev.wrapping_add(1)
                }
                AppEvent::Connection { online, mode } => {
                    s.connection = Some(if online { mode } else { "offline".into() })
                }
                AppEvent::SessionExpired { message } => {
                    // Back to login with the message; the email stays typed.
                    s.session = Session::SignedOut;
                    s.login_error = Some(message);
                    s.confirm_offline = false;
                    s.connection = None;
                }
                AppEvent::Notification { notification } => {
                    s.toast = Some(Toast {
                        kind: "info",
                        text: format!("{} — {}", notification.title, notification.body),
                    })
                }
                AppEvent::InternalMessage { .. } => {}
            },
            Action::DismissToast => s.toast = None,
        }
        Rc::new(s)
    }
}

fn err_text(e: &ApiError) -> String {
    e.message().to_string()
}

fn apply_theme(th: Theme) {
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

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State {
        lang: Lang::from_code(&LocalStorage::get::<String>("saga.lang").unwrap_or_default()),
        theme: Theme::from_code(&LocalStorage::get::<String>("saga.theme").unwrap_or_default()),
        info: None,
        session: Session::Booting,
        status: AgentStatus::Offline,
        status_busy: false,
        confirm_offline: false,
        toast: None,
        connection: None,
        agents: vec![],
        tickets_rev: 0,
        email: LocalStorage::get::<String>("saga.email").unwrap_or_default(),
        password: String::new(),
        login_error: None,
        login_busy: false,
    });
    let compact = use_state(|| window_width() < COMPACT_BELOW);

    // Start-up: app info, restore a stored session, listen to the core.
    {
        let state = state.clone();
        let compact = compact.clone();
        use_effect_with((), move |_| {
            apply_theme(state.theme);
            let d = state.dispatcher();
            bridge::on_event(move |ev| d.dispatch(Action::Event(ev)));
            let d = state.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(i) = bridge::app_info().await {
                    d.dispatch(Action::Info(i));
                }
                match bridge::session_restore().await {
                    Ok(u) => d.dispatch(Action::Restored(u)),
                    Err(e) => d.dispatch(Action::RestoreFailed(err_text(&e))),
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
                    wasm_bindgen_futures::spawn_local(bridge::set_foreground(!hidden));
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
        let state = state.clone();
        use_effect_with(state.toast.clone(), move |toast| {
            let timer = toast.as_ref().map(|_| {
                let d = state.dispatcher();
                gloo::timers::callback::Timeout::new(6000, move || d.dispatch(Action::DismissToast))
            });
            move || drop(timer)
        });
    }

    {
        // The first interactive screen (login or shell): the core records
        // how long the cold start took (docs/performance.md).
        let booted = !matches!(state.session, Session::Booting);
        use_effect_with(booted, move |booted| {
            if *booted {
                use wasm_bindgen::JsCast;
                // After the frame that shows it.
                if let Some(w) = web_sys::window() {
                    let cb = wasm_bindgen::closure::Closure::once_into_js(|| {
                        wasm_bindgen_futures::spawn_local(bridge::mark_ready());
                    });
                    let _ = w.request_animation_frame(cb.unchecked_ref());
                }
            }
            || ()
        });
    }
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
        Session::SignedOut => login_page(&state),
        Session::SignedIn(u) => html! {
            <HashRouter>
                <SignedIn user={u.clone()} state={state.clone()} compact={*compact} />
            </HashRouter>
        },
    };
    html! { <>{ body }{ for toast }</> }
}

fn login_page(state: &UseReducerHandle<State>) -> Html {
    let s = &**state;
    let d = state.dispatcher();
    let on_email = Callback::from(move |v: String| d.dispatch(Action::Email(v)));
    let d = state.dispatcher();
    let on_password = Callback::from(move |v: String| d.dispatch(Action::Password(v)));
    let d = state.dispatcher();
    let on_lang = Callback::from(move |l: Lang| {
        let _ = LocalStorage::set("saga.lang", l.code());
        d.dispatch(Action::Lang(l));
    });
    let (email, password) = (s.email.clone(), s.password.clone());
    let d = state.dispatcher();
    let on_submit = Callback::from(move |_| {
        let (email, password, d) = (email.clone(), password.clone(), d.clone());
        d.dispatch(Action::LoginStart);
        let _ = LocalStorage::set("saga.email", email.trim());
        wasm_bindgen_futures::spawn_local(async move {
            match bridge::login(&email, &password).await {
                Ok(u) => {
                    // Land on the inbox after every sign-in.
                    let _ = gloo::utils::window().location().set_hash("/inbox");
                    d.dispatch(Action::LoginOk(u));
                }
                Err(e) => d.dispatch(Action::LoginErr(err_text(&e))),
            }
        });
    });
    let config_error = s
        .info
        .as_ref()
        .and_then(|i| i.config_error.clone())
        .map(AttrValue::from);
    let demo = s
        .info
        .as_ref()
        .map(|i| i.backend.kind == "embedded")
        .unwrap_or(false);
    html! {
        <LoginView lang={s.lang} email={s.email.clone()} password={s.password.clone()}
            error={s.login_error.clone().map(AttrValue::from)} {config_error} busy={s.login_busy} {demo}
            {on_email} {on_password} {on_submit} {on_lang} />
    }
}

#[derive(Properties, PartialEq)]
struct SignedInProps {
    user: User,
    state: UseReducerHandle<State>,
    compact: bool,
}

#[function_component(SignedIn)]
fn signed_in(p: &SignedInProps) -> Html {
    let route = use_route::<Route>().unwrap_or(Route::Inbox);
    let route = match route {
        Route::Home | Route::Login | Route::NotFound => Route::Inbox,
        r => r,
    };
    let s = &*p.state;
    let lang = s.lang;
    let principal = Principal::from(&p.user);

    // The shell's callbacks keep their identity between renders, so a route
    // change inside a page (an inbox filter) does not re-render the shell.
    let d = p.state.dispatcher();
    let on_toggle = use_callback(s.status, move |_: (), status| {
        if *status == AgentStatus::Online {
            // TOGGLE-5: confirm first.
            d.dispatch(Action::AskOffline(true));
        } else {
            change_status(d.clone(), AgentStatus::Online);
        }
    });
    let d = p.state.dispatcher();
    let on_logout = use_callback((), move |_: (), _| {
        let d = d.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = bridge::logout().await;
            d.dispatch(Action::LoggedOut);
        });
    });

    // Desktop keyboard flow (issue 4 item 11) and its help overlay.
    let help = use_state(|| false);
    {
        let help = help.clone();
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
    let help_overlay = help.then(|| {
        let help = help.clone();
        html! { <crate::views::help::HelpOverlay {lang} on_close={Callback::from(move |_| help.set(false))} /> }
    });
    let on_help = {
        let help = help.clone();
        use_callback((), move |_: (), _| help.set(true))
    };

    let page = if !allowed(&principal, &route) {
        html! { <ForbiddenView {lang} /> }
    } else {
        match route.clone() {
            Route::Ticket { id } => {
                html! { <TicketPage key={id.clone()} id={id.clone()} user={p.user.clone()} {lang} rev={s.tickets_rev} tab={TicketTab::Conversation} compact={p.compact} agents={s.agents.clone()} /> }
            }
            Route::TicketCrm { id } => {
                html! { <TicketPage key={id.clone()} id={id.clone()} user={p.user.clone()} {lang} rev={s.tickets_rev} tab={TicketTab::Crm} compact={p.compact} agents={s.agents.clone()} /> }
            }
            Route::Inbox => {
                html! { <InboxPage user={p.user.clone()} {lang} rev={s.tickets_rev} free=false /> }
            }
            Route::Free => {
                html! { <InboxPage user={p.user.clone()} {lang} rev={s.tickets_rev} free=true /> }
            }
            Route::Panel => {
                html! { <PanelPage user={p.user.clone()} {lang} agents={s.agents.clone()} /> }
            }
            Route::Settings => {
                let d = p.state.dispatcher();
                let on_lang = Callback::from(move |l: Lang| {
                    let _ = LocalStorage::set("saga.lang", l.code());
                    d.dispatch(Action::Lang(l));
                });
                let d = p.state.dispatcher();
                let on_theme = Callback::from(move |th: Theme| {
                    let _ = LocalStorage::set("saga.theme", th.code());
                    apply_theme(th);
                    d.dispatch(Action::Theme(th));
                });
                let info = s.info.clone();
                html! {
                    <SettingsView {lang} theme={s.theme}
                        backend={info.as_ref().map(|i| format!("{} ({})", i.backend.api_url, i.backend.kind)).unwrap_or_default()}
                        secret_store={info.as_ref().map(|i| i.secret_store.clone()).unwrap_or_default()}
                        persistent={info.as_ref().map(|i| i.session_persistent).unwrap_or(false)}
                        version={info.as_ref().map(|i| i.version.clone()).unwrap_or_default()}
                        {on_lang} {on_theme} />
                }
            }
            Route::Followup => html! { <ComingSoon title={t(lang, K::NavFollowup)} {lang} /> },
            Route::Blasts => html! { <ComingSoon title={t(lang, K::NavBlasts)} {lang} /> },
            Route::Analytics => html! { <ComingSoon title={t(lang, K::NavAnalytics)} {lang} /> },
            Route::Users => html! { <ComingSoon title={t(lang, K::NavUsers)} {lang} /> },
            Route::Home | Route::Login | Route::NotFound => html! {},
        }
    };

    let dialog = s.confirm_offline.then(|| {
        let d1 = p.state.dispatcher();
        let d2 = p.state.dispatcher();
        html! {
            <ConfirmDialog text={t(lang, K::OfflineConfirm)} ok_label={t(lang, K::OfflineOk)} cancel_label={t(lang, K::Cancel)}
                on_ok={Callback::from(move |_| change_status(d1.clone(), AgentStatus::Offline))}
                on_cancel={Callback::from(move |_| d2.dispatch(Action::AskOffline(false)))} />
        }
    });

    html! {
        <>
            <Shell user={p.user.clone()} status={s.status} active={route.clone()} compact={p.compact} {lang}
                connection={s.connection.clone().map(AttrValue::from)} status_busy={s.status_busy}
                {on_toggle} {on_logout} {on_help}>
                { page }
            </Shell>
            { for dialog }
            { for help_overlay }
        </>
    }
}

fn change_status(d: UseReducerDispatcher<State>, status: AgentStatus) {
    d.dispatch(Action::StatusBusy);
    wasm_bindgen_futures::spawn_local(async move {
        let r = bridge::set_status(status)
            .await
            .map(|r| r.status)
            .map_err(|e| err_text(&e));
        d.dispatch(Action::StatusDone(r));
    });
}

#[derive(Properties, PartialEq)]
struct InboxPageProps {
    user: User,
    lang: Lang,
    rev: u32,
    free: bool,
}

/// Rows fetched per request; pages load as the user scrolls to them. A
/// screenful plus overscan: a smaller first answer paints sooner (30 rows:
/// filter → DOM 31 ms p50, 100 rows: 35 ms; docs/performance.md).
const PAGE: usize = 30;

/// The inbox's sparse cache: pages by index, the list's total, and a
/// generation that makes answers for an older query or revision void.
#[derive(Default)]
struct ListCache {
    pages: Rc<std::collections::BTreeMap<usize, Vec<TicketItem>>>,
    total: usize,
    page_size: usize,
    generation: u64,
    in_flight: std::collections::BTreeSet<usize>,
    range: (usize, usize),
    loading: bool,
    error: Option<String>,
    /// The (revision, retry, FREE, filters) whose fresh load was last started, so
    /// a load the filter bar already started is not started again by the
    /// route change it causes.
    issued: Option<(u32, u32, bool, InboxQuery)>,
    /// Changes whenever `pages` or `total` change (the list's props).
    version: u64,
}

/// A new query's list shows itself busy only when the answer takes longer.
const BUSY_AFTER_MS: u32 = 150;

fn pages_for((first, last): (usize, usize)) -> Vec<usize> {
    let last = last.max(first + 1);
    (first / PAGE..=(last - 1) / PAGE).collect()
}

/// Fetches pages of the current query into the cache; `fresh` replaces the
/// cache (new query or live change) once the answers are in.
fn fetch_pages(
    cache: Rc<std::cell::RefCell<ListCache>>,
    bump: UseForceUpdateHandle,
    query: Option<InboxQuery>,
    pages: Vec<usize>,
    fresh: bool,
) {
    let generation = {
        let mut c = cache.borrow_mut();
        if fresh {
            c.generation += 1;
            c.in_flight.clear();
        }
        let pages: Vec<usize> = pages
            .iter()
            .copied()
            .filter(|p| fresh || (!c.pages.contains_key(p) && !c.in_flight.contains(p)))
            .collect();
        if pages.is_empty() {
            return;
        }
        c.in_flight.extend(pages.iter().copied());
        c.loading = true;
        (c.generation, pages)
    };
    let (generation, pages) = generation;
    if fresh {
        // A new query: the rows on screen stay until the answer replaces
        // them. The list marks itself busy only if the answer is slow, so a
        // quick answer costs one render and one paint, not two.
        let (cache, bump) = (cache.clone(), bump.clone());
        gloo::timers::callback::Timeout::new(BUSY_AFTER_MS, move || {
            let c = cache.borrow();
            if c.generation == generation && c.loading {
                drop(c);
                bump.force_update();
            }
        })
        .forget();
    } else {
        bump.force_update();
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut got = Vec::new();
        let mut failed = None;
        let mut total = None;
        for p in &pages {
            let r = match &query {
                // FREE (FREE-1): one short list, no paging.
                None => bridge::free_list(None).await,
                Some(q) => {
                    let mut q = q.clone();
                    q.limit = Some(PAGE as u32);
                    q.offset = Some((p * PAGE) as u32);
                    bridge::inbox(&q).await
                }
            };
            match r {
                Ok(page) => {
                    total = Some(page.total as usize);
                    got.push((*p, page.items));
                }
                Err(e) => {
                    failed = Some(err_text(&e));
                    break;
                }
            }
            if query.is_none() {
                break;
            }
        }
        let mut c = cache.borrow_mut();
        if c.generation != generation {
            return;
        }
        for p in &pages {
            c.in_flight.remove(p);
        }
        c.loading = !c.in_flight.is_empty();
        let ok = failed.is_none();
        match failed {
            // Keep what is shown; say what went wrong.
            Some(e) if c.pages.is_empty() || fresh => c.error = Some(e),
            Some(_) => {}
            None => c.error = None,
        }
        if let Some(t) = total {
            c.total = t;
        }
        let mut map = if fresh {
            std::collections::BTreeMap::new()
        } else {
            (*c.pages).clone()
        };
        for (p, items) in got {
            if query.is_none() {
                c.page_size = items.len().max(1);
                c.total = items.len();
            }
            map.insert(p, items);
        }
        if fresh || !map.is_empty() {
            c.pages = Rc::new(map);
        }
        // Pages that came in for an earlier cache while this one loaded.
        let missing: Vec<usize> = pages_for(c.range)
            .into_iter()
            .filter(|p| !c.pages.contains_key(p) && !c.in_flight.contains(p) && p * PAGE < c.total)
            .collect();
        c.version += 1;
        drop(c);
        bump.force_update();
        if query.is_some() && !missing.is_empty() && ok {
            fetch_pages(cache, bump, query, missing, false);
        }
    });
}

/// INBOX-1/2 and FREE-1: loads the list page by page as it scrolls, and
/// reloads the pages in view when the core says tickets changed.
#[function_component(InboxPage)]
fn inbox_page(p: &InboxPageProps) -> Html {
    let cache = use_mut_ref(|| ListCache {
        page_size: PAGE,
        loading: true,
        range: (0, crate::views::tickets::FIRST_ROWS),
        ..Default::default()
    });
    let bump = use_force_update();
    let retry = use_state(|| 0u32);
    let tags = use_state(Vec::<String>::new);
    let supervisor = matches!(p.user.role, Role::SuperAdmin | Role::TeamLead);
    // INBOX-6: the filters live in the route's query (kept when navigating
    // away and back, visible in the URL).
    let location = use_location();
    let navigator = use_navigator();
    let filters: InboxQuery = location
        .as_ref()
        .and_then(|l| l.query::<InboxQuery>().ok())
        .unwrap_or_default();
    let query_for = move |filters: &InboxQuery| {
        let mut q = filters.clone();
        if supervisor && q.division.is_none() {
            q.division = Some("all".to_string());
        }
        q.limit = None;
        q.offset = None;
        q
    };
    let query: Option<InboxQuery> = (!p.free).then(|| query_for(&filters));
    {
        let tags = tags.clone();
        let free = p.free;
        use_effect_with((), move |_| {
            if !free {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(t) = bridge::tags().await {
                        tags.set(t.tags.into_iter().map(|t| t.name).collect());
                    }
                });
            }
            || ()
        });
    }
    {
        // A new query starts at the top.
        let cache = cache.clone();
        use_effect_with((p.free, filters.clone()), move |_| {
            cache.borrow_mut().range = (0, crate::views::tickets::FIRST_ROWS);
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
            || ()
        });
    }
    {
        // Load (or reload, live) the pages in view.
        let (cache, bump, query) = (cache.clone(), bump.clone(), query.clone());
        use_effect_with((p.rev, *retry, p.free, filters.clone()), move |key| {
            let started = cache.borrow().issued.as_ref() == Some(key);
            if !started {
                cache.borrow_mut().issued = Some(key.clone());
                let pages = pages_for(cache.borrow().range);
                fetch_pages(cache, bump, query, pages, true);
            }
            || ()
        });
    }
    // The list's and the filter bar's callbacks keep their identity between
    // renders, so a render that changes neither (the route change of a
    // filter, a live answer) does not re-render them: their props compare
    // equal.
    let on_range = {
        let (cache, bump) = (cache.clone(), bump.clone());
        use_callback(query.clone(), move |r: (usize, usize), query| {
            cache.borrow_mut().range = r;
            if query.is_some() {
                fetch_pages(
                    cache.clone(),
                    bump.clone(),
                    query.clone(),
                    pages_for(r),
                    false,
                );
            }
        })
    };
    let rows = {
        let c = cache.borrow();
        crate::views::tickets::Rows {
            version: c.version,
            total: c.total,
            page_size: c.page_size,
            pages: c.pages.clone(),
        }
    };
    let (loading, error) = {
        let c = cache.borrow();
        (c.loading, c.error.clone())
    };
    let retry_cb = {
        let retry = retry.clone();
        use_callback(*retry, move |_: (), n| retry.set(*n + 1))
    };
    let on_filter = {
        let (cache, bump) = (cache.clone(), bump.clone());
        use_callback(
            (p.rev, *retry, p.free),
            move |mut q: InboxQuery, &(rev, retry, free)| {
                q.limit = None;
                q.offset = None;
                // Start loading before the route change re-renders the page, so
                // the call runs while the page renders (INBOX-5: filter → rows).
                {
                    let mut c = cache.borrow_mut();
                    c.range = (0, crate::views::tickets::FIRST_ROWS);
                    c.issued = Some((rev, retry, free, q.clone()));
                }
                fetch_pages(
                    cache.clone(),
                    bump.clone(),
                    Some(query_for(&q)),
                    pages_for((0, crate::views::tickets::FIRST_ROWS)),
                    true,
                );
                if let Some(n) = &navigator {
                    let _ = n.push_with_query(&Route::Inbox, &q);
                }
            },
        )
    };
    let (testid, empty) = if p.free {
        ("free-list", t(p.lang, K::EmptyFree))
    } else {
        ("inbox-list", t(p.lang, K::Empty))
    };
    html! {
        <section class="list-page">
            if !p.free {
                <FilterBar lang={p.lang} query={filters.clone()} tags={(*tags).clone()} show_division={supervisor} on_change={on_filter} />
            }
            <div class="list-head">
                <span class="muted" data-testid="inbox-total">{ t(p.lang, K::TicketCount).replace("{}", &rows.total.to_string()) }</span>
                if supervisor {
                    <span class="chip">{ filters.division.clone().filter(|d| d != "all").unwrap_or_else(|| t(p.lang, K::AllDivisions).to_string()) }</span>
                } else {
                    <span class="chip">{ p.user.division.as_str() }</span>
                }
            </div>
            <TicketList lang={p.lang} {rows} {loading}
                error={error.map(AttrValue::from)} {testid} empty_text={empty}
                show_division={supervisor} on_retry={retry_cb} {on_range} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PanelPageProps {
    user: User,
    lang: Lang,
    agents: Vec<AgentSummary>,
}

/// PANEL-1: the list comes live from the core's sync loop; the first load
/// is fetched so the page is never empty while waiting.
#[function_component(PanelPage)]
fn panel_page(p: &PanelPageProps) -> Html {
    let initial = use_state(Vec::<AgentSummary>::new);
    let busy = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    {
        let initial = initial.clone();
        let error = error.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::agents().await {
                    Ok(a) => initial.set(a.agents),
                    Err(e) => error.set(Some(err_text(&e))),
                }
            });
            || ()
        });
    }
    let agents = if p.agents.is_empty() {
        (*initial).clone()
    } else {
        p.agents.clone()
    };
    let can = access(&Principal::from(&p.user), Perm::ToggleOthers).allowed();
    let on_set = {
        let busy = busy.clone();
        let error = error.clone();
        Callback::from(move |(id, st): (String, AgentStatus)| {
            busy.set(Some(id.clone()));
            let busy = busy.clone();
            let error = error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = bridge::set_agent_status(&id, st).await {
                    error.set(Some(err_text(&e)));
                }
                busy.set(None);
            });
        })
    };
    html! {
        <>
            if let Some(e) = &*error { <p class="alert error" role="alert">{ e }</p> }
            <AgentPanel lang={p.lang} {agents} can_toggle_others={can} busy_agent={(*busy).clone()} on_set_status={on_set}
                loading={initial.is_empty() && p.agents.is_empty() && error.is_none()} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct TicketPageProps {
    id: String,
    user: User,
    lang: Lang,
    rev: u32,
    tab: TicketTab,
    compact: bool,
    /// The live agent list the sync loop keeps (SA/TL), for the picker.
    agents: Vec<AgentSummary>,
}

#[derive(Clone, PartialEq, Default)]
struct TicketState {
    detail: Option<TicketDetail>,
    messages: Vec<Message>,
    notes: Option<Vec<InternalMessage>>,
    /// The user's unsent replies on this ticket.
    outbox: Vec<saga_core::outbox::OutboxEntry>,
    /// The ticket's history (SA/TL only).
    audit: Option<Vec<saga_core::AuditEntry>>,
    /// Older L1 messages loaded on request (kept across live reloads).
    older: Vec<Message>,
    /// All L1 messages on the server.
    total_messages: u64,
    error: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum SendVia {
    Composer,
    SagaTeam,
}

/// Drafts are kept per user and ticket (`skey` = "user/ticket"), so on a
/// shared device nobody sees another person's unsent text.
fn draft_key(skey: &str, l: Layer) -> String {
    format!("saga.draft.{skey}.{}", l.code())
}

/// The unsaved CRM values of a ticket (they survive navigation and restarts).
fn crm_key(skey: &str) -> String {
    format!("saga.crm.{skey}")
}

/// Ticket detail: loads the ticket, its L1 thread and (if allowed) its L2
/// notes; reloads live; keeps each layer's draft across navigation and
/// restarts.
#[function_component(TicketPage)]
fn ticket_page(p: &TicketPageProps) -> Html {
    let lang = p.lang;
    let state = use_state(TicketState::default);
    let reload = use_state(|| 0u32);
    let id = p.id.clone();
    let skey = format!("{}/{}", p.user.id, p.id);
    let composer = {
        let skey = skey.clone();
        use_state(move || Composer {
            mode: Layer::L1,
            l1: LocalStorage::get(draft_key(&skey, Layer::L1)).unwrap_or_default(),
            l2: LocalStorage::get(draft_key(&skey, Layer::L2)).unwrap_or_default(),
        })
    };
    let takeover_busy = use_state(|| false);
    let takeover_error = use_state(|| None::<String>);
    let sending = use_state(|| false);
    let send_error = use_state(|| None::<String>);
    let assign_busy = use_state(|| false);
    let assign_error = use_state(|| None::<String>);
    let agents = use_state(Vec::<saga_core::AgentSummary>::new);
    let crm_draft = {
        let skey = skey.clone();
        use_state(move || LocalStorage::get::<CrmValues>(crm_key(&skey)).ok())
    };
    let crm_errors = use_state(Vec::<FieldError>::new);
    let crm_error = use_state(|| None::<String>);
    let crm_saving = use_state(|| false);
    let crm_saved = use_state(|| false);
    let crm_confirm = use_state(|| false);
    let discard_reply = use_state(|| None::<String>);
    let loading_older = use_state(|| false);
    {
        // Open at the newest message (DETAIL-L1): once, when it first loads.
        let loaded = state.detail.is_some();
        use_effect_with(loaded, move |loaded| {
            if *loaded {
                if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
                    d.query_selector("[data-testid=l1-thread] > li:last-child")
                        .ok()
                        .flatten()
                }) {
                    el.scroll_into_view_with_bool(false);
                }
            }
            || ()
        });
    }
    let all_tags = use_state(Vec::<String>::new);
    let tag_error = use_state(|| None::<String>);
    // The tag list (API-26): once, and again after a tag was added (it may
    // be a new custom one).
    let tags_rev = use_state(|| 0u32);
    {
        let all_tags = all_tags.clone();
        use_effect_with(*tags_rev, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(t) = bridge::tags().await {
                    all_tags.set(t.tags.into_iter().map(|t| t.name).collect());
                }
            });
            || ()
        });
    }
    let supervisor = matches!(p.user.role, Role::SuperAdmin | Role::TeamLead);
    {
        // The picker's Online agents (ASSIGN-2) come live from the sync
        // loop; asked once here only if its first list has not arrived.
        let agents = agents.clone();
        let have = !p.agents.is_empty();
        use_effect_with((), move |_| {
            if supervisor && !have {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(a) = bridge::agents().await {
                        agents.set(a.agents);
                    }
                });
            }
            || ()
        });
    }
    {
        let state = state.clone();
        let id = id.clone();
        use_effect_with((id.clone(), p.rev, *reload), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // Everything the ticket view needs, at once: opening a ticket
                // costs one round trip, not six in a row.
                let (detail, page, notes, outbox, audit) = futures_util::join!(
                    bridge::ticket_detail(&id),
                    bridge::ticket_messages(&id, None),
                    bridge::internal_messages(&id),
                    bridge::outbox_list(&id),
                    async {
                        if supervisor {
                            bridge::audit_log(&id).await.ok().map(|a| a.items)
                        } else {
                            None
                        }
                    }
                );
                let detail = match detail {
                    Ok(d) => d,
                    Err(e) => {
                        state.set(TicketState {
                            error: Some(err_text(&e)),
                            ..Default::default()
                        });
                        return;
                    }
                };
                let (messages, total_messages) =
                    page.map(|m| (m.items, m.total)).unwrap_or_default();
                let older: Vec<Message> = state
                    .older
                    .iter()
                    .filter(|o| !messages.iter().any(|m| m.id == o.id))
                    .cloned()
                    .collect();
                // DETAIL-L2-4: L2 only where the server says it may be read.
                let notes = if detail.can_view_internal {
                    notes.ok().map(|n| n.items)
                } else {
                    None
                };
                let outbox = outbox.unwrap_or_default();
                state.set(TicketState {
                    detail: Some(detail),
                    messages,
                    notes,
                    outbox,
                    audit,
                    older,
                    total_messages,
                    error: None,
                });
            });
            || ()
        });
    }
    let Some(detail) = state.detail.clone() else {
        return match &state.error {
            Some(e) => html! { <div class="state error" role="alert">{ e }</div> },
            None => html! { <div class="state">{ t(p.lang, K::Loading) }</div> },
        };
    };
    let on_takeover = {
        let (id, busy, err, reload) = (
            id.clone(),
            takeover_busy.clone(),
            takeover_error.clone(),
            reload.clone(),
        );
        Callback::from(move |_| {
            let (id, busy, err, reload) = (id.clone(), busy.clone(), err.clone(), reload.clone());
            busy.set(true);
            err.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = bridge::self_takeover(&id).await {
                    // TAKEOVER-4: the exact message; the view then shows who owns it.
                    err.set(Some(err_text(&e)));
                }
                busy.set(false);
                reload.set(*reload + 1);
            });
        })
    };
    let on_mode = {
        let composer = composer.clone();
        Callback::from(move |l: Layer| {
            let mut c = (*composer).clone();
            c.switch(l);
            composer.set(c);
        })
    };
    let me = Principal::from(&p.user);
    let owner_l1 = saga_core::access::can_reply_l1(&me, detail.item.assigned_to.as_deref());
    let (l1_ok, l2_ok) = layers(
        &me,
        detail.item.assigned_to.as_deref(),
        state.notes.is_some(),
    );
    // Text goes to the layer the composer shows: when only one layer is
    // open to the user, that one, whatever was chosen before.
    let on_input = {
        let (composer, skey) = (composer.clone(), skey.clone());
        Callback::from(move |text: String| {
            let mut c = (*composer).clone();
            c.switch(effective_mode(c.mode, l1_ok, l2_ok));
            c.input(text);
            let _ = LocalStorage::set(draft_key(&skey, c.mode), c.current());
            composer.set(c);
        })
    };
    // One send path for the composer and for 'Balas sebagai Saga Team'.
    let send = {
        let (composer, id, sending, send_error, reload) = (
            composer.clone(),
            id.clone(),
            sending.clone(),
            send_error.clone(),
            reload.clone(),
        );
        let skey = skey.clone();
        Callback::from(move |via: SendVia| {
            let mut c = (*composer).clone();
            match via {
                // The Saga Team reply always takes the L1 draft.
                SendVia::SagaTeam => c.switch(Layer::L1),
                // The layer actually offered (see TicketView); a plain L1
                // send needs ownership.
                SendVia::Composer => {
                    c.switch(effective_mode(c.mode, l1_ok, l2_ok));
                    if c.mode == Layer::L1 && !owner_l1 {
                        return;
                    }
                }
            }
            let layer = c.mode;
            let Some(out) =
                c.take(|| format!("{}-{}", js_sys::Date::now(), js_sys::Math::random()))
            else {
                return;
            };
            let skey = skey.clone();
            let (id, sending, send_error, reload, composer) = (
                id.clone(),
                sending.clone(),
                send_error.clone(),
                reload.clone(),
                composer.clone(),
            );
            sending.set(true);
            send_error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let r = match (&out, via) {
                    (Outgoing::L1(reply), SendVia::SagaTeam) => {
                        bridge::reply_as_saga_team(&id, reply).await.map(|_| None)
                    }
                    // Through the outbox: a reply the server could not take
                    // yet waits in the thread as 'gagal' and is retried.
                    (Outgoing::L1(reply), SendVia::Composer) => {
                        bridge::send_reply(&id, reply).await.map(|o| match o {
                            SendOutcome::Sent { .. } => None,
                            SendOutcome::Queued { entry } => entry.last_error,
                        })
                    }
                    (Outgoing::L2(note), _) => {
                        bridge::send_internal_note(&id, note).await.map(|_| None)
                    }
                };
                match r {
                    Ok(queued) => {
                        LocalStorage::delete(draft_key(&skey, layer));
                        composer.set(c);
                        if let Some(why) = queued {
                            send_error.set(Some(
                                t(lang, K::ReplyQueued).replace("{}", why.trim_end_matches('.')),
                            ));
                        }
                    }
                    // Nothing typed is lost: the draft stays in the box.
                    Err(e) => send_error.set(Some(format!(
                        "{}: {}",
                        saga_core::strings::DELIVERY_FAILED,
                        err_text(&e)
                    ))),
                }
                sending.set(false);
                reload.set(*reload + 1);
            });
        })
    };
    let on_retry = {
        let (reload, send_error) = (reload.clone(), send_error.clone());
        Callback::from(move |key: String| {
            let (reload, send_error) = (reload.clone(), send_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::outbox_retry(&key).await {
                    Ok(SendOutcome::Sent { .. }) => send_error.set(None),
                    Ok(SendOutcome::Queued { .. }) => {}
                    Err(e) => send_error.set(Some(err_text(&e))),
                }
                reload.set(*reload + 1);
            });
        })
    };
    let on_discard_reply = {
        let ask = discard_reply.clone();
        Callback::from(move |key: String| ask.set(Some(key)))
    };
    let on_tag = {
        let (id, reload, err, tags_rev) = (
            id.clone(),
            reload.clone(),
            tag_error.clone(),
            tags_rev.clone(),
        );
        Callback::from(move |(tag, add): (String, bool)| {
            let (id, reload, err, tags_rev) =
                (id.clone(), reload.clone(), err.clone(), tags_rev.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::tag_ticket(&id, &tag, add).await {
                    Ok(_) => {
                        err.set(None);
                        if add {
                            tags_rev.set(*tags_rev + 1);
                        }
                    }
                    Err(e) => err.set(Some(err_text(&e))),
                }
                reload.set(*reload + 1);
            });
        })
    };
    let on_load_older = {
        let (state, id, busy) = (state.clone(), id.clone(), loading_older.clone());
        Callback::from(move |_| {
            let first = state
                .older
                .first()
                .or(state.messages.first())
                .map(|m| m.id.clone());
            let Some(first) = first else { return };
            let (state, id, busy) = (state.clone(), id.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(page) = bridge::ticket_messages(&id, Some(&first)).await {
                    let mut s = (*state).clone();
                    let mut older = page.items;
                    older.append(&mut s.older);
                    s.older = older;
                    state.set(s);
                }
                busy.set(false);
            });
        })
    };
    let on_send = send.reform(|_| SendVia::Composer);
    let on_saga_team = send.reform(|_| SendVia::SagaTeam);
    let on_assign = {
        let (id, from, busy, err, reload) = (
            id.clone(),
            detail.item.assigned_to.clone(),
            assign_busy.clone(),
            assign_error.clone(),
            reload.clone(),
        );
        Callback::from(move |(to, note): (String, Option<String>)| {
            let (id, from, busy, err, reload) = (
                id.clone(),
                from.clone(),
                busy.clone(),
                err.clone(),
                reload.clone(),
            );
            busy.set(true);
            err.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) =
                    bridge::assign_ticket(&id, &to, from.as_deref(), note.as_deref()).await
                {
                    err.set(Some(err_text(&e)));
                }
                busy.set(false);
                reload.set(*reload + 1);
            });
        })
    };
    let division = detail.item.division;
    let baseline = saga_core::crm::record_values(division, &detail.crm);
    let values = (*crm_draft).clone().unwrap_or_else(|| baseline.clone());
    let crm_dirty = crm_draft.is_some() && values != baseline;
    let on_crm_change = {
        let (draft, values, baseline) = (crm_draft.clone(), values.clone(), baseline.clone());
        let (errors, saved) = (crm_errors.clone(), crm_saved.clone());
        let skey = skey.clone();
        Callback::from(move |(name, v): (String, serde_json::Value)| {
            let mut m = values.clone();
            if v.is_null() {
                m.remove(&name);
            } else {
                m.insert(name.clone(), v);
            }
            if m == baseline {
                LocalStorage::delete(crm_key(&skey));
                draft.set(None);
            } else {
                let _ = LocalStorage::set(crm_key(&skey), &m);
                draft.set(Some(m));
            }
            errors.set(errors.iter().filter(|e| e.field != name).cloned().collect());
            saved.set(false);
        })
    };
    let on_crm_save = {
        let skey = skey.clone();
        let (draft, values, id, state) =
            (crm_draft.clone(), values.clone(), id.clone(), state.clone());
        let (errors, error, saving, saved, reload) = (
            crm_errors.clone(),
            crm_error.clone(),
            crm_saving.clone(),
            crm_saved.clone(),
            reload.clone(),
        );
        Callback::from(move |_| {
            // The same rules as the server: Lost without a reason is never
            // sent (CRM-SHARED-4, CRIT-6).
            if let Err(errs) = saga_core::crm::prepare(division, &values) {
                error.set(Some(
                    t(lang, K::CannotSaveYet).replace(
                        "{}",
                        &errs
                            .iter()
                            .map(|e| e.message.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                ));
                errors.set(errs);
                return;
            }
            let (draft, values, id, state) =
                (draft.clone(), values.clone(), id.clone(), state.clone());
            let skey = skey.clone();
            let (errors, error, saving, saved, reload) = (
                errors.clone(),
                error.clone(),
                saving.clone(),
                saved.clone(),
                reload.clone(),
            );
            saving.set(true);
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::update_crm(&id, division, &values).await {
                    Ok(rec) => {
                        let mut s = (*state).clone();
                        if let Some(d) = s.detail.as_mut() {
                            d.item.crm_stage = rec.crm_stage.clone();
                            d.item.quote_value = rec.quote_value;
                            d.item.deal_value = rec.deal_value;
                            d.crm = rec;
                        }
                        state.set(s);
                        LocalStorage::delete(crm_key(&skey));
                        draft.set(None);
                        errors.set(Vec::new());
                        saved.set(true);
                    }
                    // A 422 shows in place; the values stay in the form.
                    Err(ApiError::Validation { field, message, .. }) => {
                        errors.set(vec![FieldError {
                            field: field.unwrap_or_else(|| "crm_stage".into()),
                            code: "server",
                            message: message.clone(),
                        }]);
                        error.set(Some(message));
                    }
                    Err(e) => error.set(Some(
                        t(lang, K::CrmNotSaved).replace("{}", err_text(&e).trim_end_matches('.')),
                    )),
                }
                saving.set(false);
                reload.set(*reload + 1);
            });
        })
    };
    let on_crm_discard = {
        let confirm = crm_confirm.clone();
        Callback::from(move |_| confirm.set(true))
    };
    let me_p = Principal::from(&p.user);
    let crm_editable = saga_core::access::can_edit_crm(&me_p, division);
    // Built only when its tab is open.
    let crm = (p.tab == TicketTab::Crm).then(|| html! {
        <CrmForm lang={p.lang} {division} record={detail.crm.clone()} values={values.clone()} editable={crm_editable} dirty={crm_dirty}
            saving={*crm_saving} errors={(*crm_errors).clone()} error={(*crm_error).clone().map(AttrValue::from)}
            saved={*crm_saved} on_change={on_crm_change} on_save={on_crm_save} on_discard={on_crm_discard} />
    });
    let discard_dialog = crm_confirm.then(|| {
        let skey = skey.clone();
        let (confirm, confirm2, draft, errors, error) = (
            crm_confirm.clone(),
            crm_confirm.clone(),
            crm_draft.clone(),
            crm_errors.clone(),
            crm_error.clone(),
        );
        html! {
            <ConfirmDialog text={t(p.lang, K::DiscardCrmConfirm)}
                ok_label={t(p.lang, K::Discard)} cancel_label={t(p.lang, K::Cancel)}
                on_ok={Callback::from(move |_| {
                    LocalStorage::delete(crm_key(&skey));
                    draft.set(None);
                    errors.set(Vec::new());
                    error.set(None);
                    confirm.set(false);
                })}
                on_cancel={Callback::from(move |_| confirm2.set(false))} />
        }
    });
    let discard_reply_dialog = discard_reply.as_ref().map(|key| {
        let (ask, ask2, reload, key) = (
            discard_reply.clone(),
            discard_reply.clone(),
            reload.clone(),
            key.clone(),
        );
        html! {
            <ConfirmDialog text={t(p.lang, K::DiscardReplyConfirm)}
                ok_label={t(p.lang, K::Discard)} cancel_label={t(p.lang, K::Cancel)}
                on_ok={Callback::from(move |_| {
                    let (ask, reload, key) = (ask.clone(), reload.clone(), key.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = bridge::outbox_discard(&key).await;
                        ask.set(None);
                        reload.set(*reload + 1);
                    });
                })}
                on_cancel={Callback::from(move |_| ask2.set(None))} />
        }
    });
    html! {
        <>
        { for discard_dialog }
        { for discard_reply_dialog }
        <TicketView older={state.older.clone()} total_messages={state.total_messages} {on_load_older} loading_older={*loading_older}
            all_tags={(*all_tags).clone()} {on_tag} tag_error={(*tag_error).clone().map(AttrValue::from)} audit={state.audit.clone()}
            outbox={state.outbox.clone()} {on_retry} {on_discard_reply} me_name={p.user.name.clone()} tab={p.tab} compact={p.compact} {crm} agents={if p.agents.is_empty() { (*agents).clone() } else { p.agents.clone() }} {on_assign} {on_saga_team} assign_busy={*assign_busy} assign_error={(*assign_error).clone().map(AttrValue::from)}
            lang={p.lang} me={Principal::from(&p.user)} {detail} messages={state.messages.clone()} notes={state.notes.clone()}
            composer={(*composer).clone()} takeover_busy={*takeover_busy} takeover_error={(*takeover_error).clone().map(AttrValue::from)}
            send_error={(*send_error).clone().map(AttrValue::from)} sending={*sending}
            {on_takeover} {on_mode} {on_input} {on_send} />
        </>
    }
}

type CrmValues = serde_json::Map<String, serde_json::Value>;
