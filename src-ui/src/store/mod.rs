//! The app's state: the session, the toggle flow, what the core reports
//! live, and the login form. One reducer ([`State`]); pages read the parts
//! they need through the hooks in [`hooks`], each behind its own context so
//! a change re-renders only the pages that read it.

pub mod hooks;
pub mod local;

use crate::i18n::{t, Lang, K};
use crate::views::settings::Theme;
use saga_core::events::AppEvent;
use saga_core::ipc::AppInfo;
use saga_core::{AgentStatus, AgentSummary, User};
use std::rc::Rc;
use yew::Reducible;

pub use hooks::*;

#[derive(Debug, Clone, PartialEq)]
pub enum Session {
    Booting,
    SignedOut,
    SignedIn(User),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    /// `info`, `success` or `error` (`data-kind`).
    pub kind: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub theme: Theme,
    pub info: Option<AppInfo>,
    pub session: Session,
    pub status: AgentStatus,
    pub status_busy: bool,
    pub confirm_offline: bool,
    pub toast: Option<Toast>,
    /// `stream`, `polling` or `offline`, once the sync loop said.
    pub connection: Option<String>,
    /// Every agent with status and load, live (SA/TL).
    pub agents: Rc<Vec<AgentSummary>>,
    /// Bumped whenever tickets change, so lists reload.
    pub tickets_rev: u32,
    pub email: String,
    pub password: String,
    pub login_error: Option<String>,
    pub login_busy: bool,
    /// The desktop updater (issue 16).
    pub update: Option<saga_core::ipc::UpdateState>,
}

impl Default for State {
    /// Booting, Offline (TOGGLE-2), nothing known yet.
    fn default() -> Self {
        State {
            lang: Lang::default(),
            theme: Theme::default(),
            info: None,
            session: Session::Booting,
            status: AgentStatus::Offline,
            status_busy: false,
            confirm_offline: false,
            toast: None,
            connection: None,
            agents: Rc::default(),
            tickets_rev: 0,
            email: String::new(),
            password: String::new(),
            login_error: None,
            login_busy: false,
            update: None,
        }
    }
}

pub enum Action {
    Info(AppInfo),
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
    Toast(Toast),
    DismissToast,
    /// The updater's state as `update_status` answered.
    Update(saga_core::ipc::UpdateState),
}

impl State {
    /// Back to the login screen: no dialog over it, no connection shown.
    fn signed_out(&mut self) {
        self.session = Session::SignedOut;
        self.confirm_offline = false;
        self.connection = None;
    }
}

/// The language chosen on the login screen or in Settings, remembered on
/// the device.
pub fn choose_lang(d: &yew::UseReducerDispatcher<State>, l: Lang) {
    use crate::store::local::LocalStorage;
    let _ = LocalStorage::set("saga.lang", l.code());
    d.dispatch(Action::Lang(l));
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
                s.agents = Rc::default();
            }
            Action::LoginErr(m) => {
                s.login_busy = false;
                s.login_error = Some(m);
            }
            Action::LoggedOut => {
                s.signed_out();
                s.status = AgentStatus::Offline;
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
                AppEvent::Agents { agents } => s.agents = Rc::new(agents),
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
                    s.signed_out();
                    s.login_error = Some(message);
                }
                // The core raises it on the OS and the centre lists it
                // (pages/notifications.rs): no toast on top.
                AppEvent::Notification { .. } => {}
                AppEvent::Me { user } => {
                    // The Super Admin changed this account: the screens
                    // follow the gate's new answers (USERS-3, USERS-5).
                    if let Session::SignedIn(u) = &mut s.session {
                        if u.id == user.id {
                            *u = User {
                                status: u.status,
                                ..user
                            };
                        }
                    }
                }
                // Pages that care listen themselves (`use_live_events`).
                AppEvent::Update { update } => s.update = Some(update),
                AppEvent::InternalMessage { .. }
                | AppEvent::Blast { .. }
                | AppEvent::ExportProgress { .. } => {}
            },
            Action::Toast(tt) => s.toast = Some(tt),
            Action::DismissToast => s.toast = None,
            Action::Update(u) => s.update = Some(u),
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use saga_core::{Division, Role};

    fn user() -> User {
        User {
            id: "U-1".into(),
            name: "Rudi".into(),
            email: "rudi@saga.test".into(),
            role: Role::SalesAgent,
            division: Division::Sari,
            status: AgentStatus::Offline,
            privileges: vec![],
            active: true,
        }
    }

    fn run(actions: Vec<Action>) -> Rc<State> {
        actions
            .into_iter()
            .fold(Rc::new(State::default()), |s, a| s.reduce(a))
    }

    #[test]
    fn signing_in_starts_offline_and_forgets_the_password() {
        let s = run(vec![
            Action::Restored(None),
            Action::Email("rudi@saga.test".into()),
            Action::Password("rahasia".into()),
            Action::LoginStart,
        ]);
        assert!(s.login_busy && s.login_error.is_none());
        let s = s.reduce(Action::LoginOk(user()));
        assert_eq!(s.session, Session::SignedIn(user()));
        assert_eq!(s.status, AgentStatus::Offline);
        assert!(s.password.is_empty(), "the password is not kept");
        assert_eq!(s.email, "rudi@saga.test");
    }

    #[test]
    fn a_failed_status_change_keeps_the_true_status_and_says_why() {
        let s = run(vec![
            Action::LoginOk(user()),
            Action::StatusBusy,
            Action::StatusDone(Ok(AgentStatus::Online)),
        ]);
        assert_eq!(s.status, AgentStatus::Online);
        let s = s.reduce(Action::StatusBusy).reduce(Action::StatusDone(Err(
            "Server tidak dapat dihubungi".into(),
        )));
        assert_eq!(s.status, AgentStatus::Online);
        assert!(!s.status_busy);
        let toast = s.toast.clone().expect("an error toast");
        assert_eq!(toast.kind, "error");
        assert!(toast.text.contains("Server tidak dapat dihubungi"));
    }

    #[test]
    fn a_live_status_does_not_override_a_change_under_way() {
        let s = run(vec![Action::LoginOk(user()), Action::StatusBusy]);
        let s = s.reduce(Action::Event(AppEvent::OwnStatus {
            status: AgentStatus::Online,
        }));
        assert_eq!(s.status, AgentStatus::Offline);
        let s = s.reduce(Action::StatusDone(Ok(AgentStatus::Offline)));
        let s = s.reduce(Action::Event(AppEvent::OwnStatus {
            status: AgentStatus::Online,
        }));
        assert_eq!(s.status, AgentStatus::Online, "a supervisor's change shows");
    }

    #[test]
    fn an_expired_session_returns_to_login_with_the_message_and_the_email() {
        let s = run(vec![
            Action::Email("rudi@saga.test".into()),
            Action::LoginOk(user()),
            Action::AskOffline(true),
        ]);
        let s = s.reduce(Action::Event(AppEvent::SessionExpired {
            message: "Sesi Anda telah berakhir.".into(),
        }));
        assert_eq!(s.session, Session::SignedOut);
        assert_eq!(s.login_error.as_deref(), Some("Sesi Anda telah berakhir."));
        assert!(!s.confirm_offline, "no dialog over the login screen");
        assert_eq!(s.email, "rudi@saga.test");
    }

    #[test]
    fn ticket_events_bump_the_revision_and_agents_replace_the_list() {
        let s = run(vec![Action::LoginOk(user())]);
        let r0 = s.tickets_rev;
        let s = s
            .reduce(Action::Event(AppEvent::TicketsChanged {
                ticket_ids: vec!["T-1".into()],
            }))
            .reduce(Action::Event(AppEvent::Message {
                ticket_id: "T-1".into(),
            }))
            .reduce(Action::Event(AppEvent::InternalMessage {
                ticket_id: "T-1".into(),
            }));
        assert_eq!(s.tickets_rev, r0 + 2, "L2 events do not reload lists");
        let s = s.reduce(Action::Event(AppEvent::Connection {
            online: false,
            mode: "stream".into(),
        }));
        assert_eq!(s.connection.as_deref(), Some("offline"));
    }
}
