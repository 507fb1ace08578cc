//! How pages read the store: one context per part, so a page re-renders
//! only when what it reads changes (a live agent list does not re-render the
//! inbox; a ticket event does not re-render Settings).

use super::{Action, State, Toast};
use crate::i18n::Lang;
use saga_core::access::Principal;
use saga_core::events::AppEvent;
use saga_core::{AgentSummary, User};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The reducer's dispatcher (stable for the life of the app).
#[derive(Clone, PartialEq)]
pub struct Dispatch(pub UseReducerDispatcher<State>);

/// The live agent list (SA/TL), from the sync loop.
#[derive(Clone, PartialEq)]
pub struct LiveAgents(pub Rc<Vec<AgentSummary>>);

/// Bumped whenever tickets change.
#[derive(Clone, Copy, PartialEq)]
pub struct TicketsRev(pub u32);

/// The phone layout (one column, bottom bar).
#[derive(Clone, Copy, PartialEq)]
pub struct Compact(pub bool);

/// The signed-in user (inside the signed-in router only).
#[derive(Clone, PartialEq)]
pub struct SignedInUser(pub User);

type Listeners = Rc<RefCell<Vec<(u64, Callback<AppEvent>)>>>;

/// Every event of the core, for a page that reacts to some precisely (the
/// open ticket reloads only what an event says changed).
#[derive(Clone, Default)]
pub struct LiveBus {
    next: Rc<RefCell<u64>>,
    listeners: Listeners,
}

impl PartialEq for LiveBus {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.listeners, &other.listeners)
    }
}

impl LiveBus {
    /// Hands `ev` to every page listening now.
    pub fn publish(&self, ev: &AppEvent) {
        let listeners: Vec<Callback<AppEvent>> = self
            .listeners
            .borrow()
            .iter()
            .map(|(_, c)| c.clone())
            .collect();
        for l in listeners {
            l.emit(ev.clone());
        }
    }

    fn subscribe(&self, cb: Callback<AppEvent>) -> u64 {
        let id = {
            let mut n = self.next.borrow_mut();
            *n += 1;
            *n
        };
        self.listeners.borrow_mut().push((id, cb));
        id
    }

    fn unsubscribe(&self, id: u64) {
        self.listeners.borrow_mut().retain(|(i, _)| *i != id);
    }
}

/// `use_state` with a ready value. The initialiser closure of `use_state`
/// is a type of its own at every call site, so each call site compiled the
/// hook's machinery again (137 copies, about 20 KB of the download); here it
/// is compiled once per value type. For a value that costs something to
/// build, keep `use_state(|| ...)`.
#[hook]
pub fn use_val<T: 'static>(init: T) -> UseStateHandle<T> {
    use_state(move || init)
}

#[hook]
pub fn use_dispatch() -> UseReducerDispatcher<State> {
    use_context::<Dispatch>()
        .expect("the store's context is provided by the app root")
        .0
}

#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

#[hook]
pub fn use_compact() -> bool {
    use_context::<Compact>().map(|c| c.0).unwrap_or(false)
}

/// The signed-in user; pages exist only inside the signed-in router.
#[hook]
pub fn use_user() -> User {
    use_context::<SignedInUser>()
        .expect("a page is rendered only for a signed-in user")
        .0
}

/// The signed-in user as the access gate sees them.
#[hook]
pub fn use_principal() -> Principal {
    Principal::from(&use_user())
}

#[hook]
pub fn use_agents() -> Rc<Vec<AgentSummary>> {
    use_context::<LiveAgents>().map(|a| a.0).unwrap_or_default()
}

#[hook]
pub fn use_tickets_rev() -> u32 {
    use_context::<TicketsRev>().map(|r| r.0).unwrap_or(0)
}

/// Shows a transient message (`toast`).
#[hook]
pub fn use_toast() -> Callback<Toast> {
    let d = use_dispatch();
    Callback::from(move |t: Toast| d.dispatch(Action::Toast(t)))
}

/// Calls `f` with every event of the core while the calling page is shown.
#[hook]
pub fn use_live_events(f: Callback<AppEvent>) {
    let bus = use_context::<LiveBus>();
    // The latest callback, without resubscribing on every render.
    let latest = use_mut_ref(|| f.clone());
    *latest.borrow_mut() = f;
    use_effect_with((), move |_| {
        let id = bus.as_ref().map(|b| {
            let latest = latest.clone();
            b.subscribe(Callback::from(move |ev| {
                let cb = latest.borrow().clone();
                cb.emit(ev)
            }))
        });
        move || {
            if let (Some(b), Some(id)) = (bus, id) {
                b.unsubscribe(id);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bus_reaches_every_listener_until_it_leaves() {
        let bus = LiveBus::default();
        let seen = Rc::new(RefCell::new(Vec::<String>::new()));
        let (a, b) = (seen.clone(), seen.clone());
        let ia = bus.subscribe(Callback::from(move |ev: AppEvent| {
            if let AppEvent::Message { ticket_id } = ev {
                a.borrow_mut().push(format!("a:{ticket_id}"));
            }
        }));
        bus.subscribe(Callback::from(move |ev: AppEvent| {
            if let AppEvent::Message { ticket_id } = ev {
                b.borrow_mut().push(format!("b:{ticket_id}"));
            }
        }));
        bus.publish(&AppEvent::Message {
            ticket_id: "T-1".into(),
        });
        bus.unsubscribe(ia);
        bus.publish(&AppEvent::Message {
            ticket_id: "T-2".into(),
        });
        assert_eq!(*seen.borrow(), vec!["a:T-1", "b:T-1", "b:T-2"]);
    }
}
