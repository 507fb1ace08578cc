//! The notification centre on every signed-in page (issue 15): filled from
//! the feed at sign-in, kept current by the core's events (the stream, or
//! the polled feed when the stream is down; the core dedupes by id), read
//! state saved on the server so nothing is lost across a restart.

use crate::bridge;
use crate::nav::Route;
use crate::store::hooks::use_live_events;
use crate::store::{use_lang, use_val};
use crate::views::notifications::{bell, centre, CentreProps};
use saga_core::events::AppEvent;
use saga_core::model::Notification;
use saga_core::notify::{kind_of, NotificationKind};
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// How many the centre holds.
pub const CENTRE_LIMIT: u32 = 1000;

#[function_component(NotificationCentre)]
pub fn notification_centre() -> Html {
    let lang = use_lang();
    let items = use_val(Rc::new(Vec::<Notification>::new()));
    let open = use_val(false);
    let limit = use_val(40usize);
    let navigator = use_navigator();
    {
        let items = items.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(l) = bridge::notifications::list(CENTRE_LIMIT).await {
                    items.set(Rc::new(l.items));
                }
            });
            || ()
        });
    }
    {
        let items = items.clone();
        use_live_events(Callback::from(move |ev: AppEvent| {
            if let AppEvent::Notification { notification } = ev {
                if items.iter().all(|n| n.id != notification.id) {
                    let mut v = Vec::with_capacity(items.len() + 1);
                    v.push(notification);
                    v.extend(items.iter().cloned());
                    v.truncate(CENTRE_LIMIT as usize);
                    items.set(Rc::new(v));
                }
            }
        }));
    }
    let mark = |items: &UseStateHandle<Rc<Vec<Notification>>>, id: Option<&str>| {
        let v: Vec<Notification> = items
            .iter()
            .map(|n| Notification {
                read: n.read || id.is_none_or(|i| i == n.id),
                ..n.clone()
            })
            .collect();
        items.set(Rc::new(v));
    };
    let on_open = {
        let (items, open, navigator) = (items.clone(), open.clone(), navigator.clone());
        Callback::from(move |n: Notification| {
            mark(&items, Some(&n.id));
            open.set(false);
            let id = n.id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = bridge::notifications::read(&[id]).await;
            });
            let blast = matches!(
                kind_of(&n),
                NotificationKind::BlastApproval | NotificationKind::BlastDone
            );
            match (n.ticket_id, &navigator) {
                (Some(t), Some(nav)) => nav.push(&Route::Ticket { id: t }),
                (None, Some(nav)) if blast => nav.push(&Route::Blasts),
                _ => {}
            }
        })
    };
    let on_read_all = {
        let items = items.clone();
        Callback::from(move |_| {
            mark(&items, None);
            wasm_bindgen_futures::spawn_local(async move {
                let _ = bridge::notifications::read(&[]).await;
            });
        })
    };
    let on_close = {
        let (open, limit) = (open.clone(), limit.clone());
        Callback::from(move |_| {
            open.set(false);
            limit.set(40);
        })
    };
    let on_more = {
        let limit = limit.clone();
        Callback::from(move |_| limit.set(*limit + 100))
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let unread = items.iter().filter(|n| !n.read).count();
    html! {
        <div class="bell-wrap">
            { bell(lang, unread, *open, toggle) }
            if *open {
                { centre(&CentreProps { lang, items: (*items).clone(), limit: *limit, on_more, on_open, on_read_all, on_close }) }
            }
        </div>
    }
}
