//! The Super Admin's controls (PRD 3.9, PERM-13, PERM-14): users
//! (`#/users`, `#/users/new`, `#/users/<id>`), privileges per role
//! (`#/privileges`) and operating hours per division (`#/office-hours`).
//! Not rendered for anyone else; the server refuses them too.

pub mod hours;
pub mod privileges;
pub mod user;

use crate::bridge;
use crate::i18n::{t, K};
use crate::store::use_lang;
use crate::store::use_val;
use crate::views::users::{admin_tabs, users_table, AdminTabsProps, UsersTableProps};
use saga_core::{Division, Role, User};
use std::rc::Rc;
use yew::prelude::*;

/// Every user (API-30), for the table and the edit form.
#[hook]
pub fn use_users() -> (Option<Rc<Vec<User>>>, Option<String>, Callback<()>) {
    let users = use_val(None::<Rc<Vec<User>>>);
    let error = use_val(None::<String>);
    let reload = {
        let (users, error) = (users.clone(), error.clone());
        use_callback((), move |_: (), _| {
            let (users, error) = (users.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::users::users().await {
                    Ok(l) => users.set(Some(Rc::new(l.users))),
                    Err(e) => error.set(Some(e.message().to_string())),
                }
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with((), move |_| {
            reload.emit(());
            || ()
        });
    }
    ((*users).clone(), (*error).clone(), reload)
}

#[function_component(UsersPage)]
pub fn users_page() -> Html {
    let lang = use_lang();
    let (users, error, _) = use_users();
    let search = use_val(String::new());
    let role = use_val(None::<Role>);
    let division = use_val(None::<Division>);
    let body = match (users, error) {
        (_, Some(e)) => html! { <div class="state error" role="alert">{ e }</div> },
        (None, None) => html! { <div class="state">{ t(lang, K::Loading) }</div> },
        (Some(users), None) => {
            let (s, r, d) = (search.clone(), role.clone(), division.clone());
            html! {
                { users_table(&yew::props!(UsersTableProps { lang, users, search: (*search).clone(), role: *role, division: *division, on_search: Callback::from(move |v| s.set(v)), on_role: Callback::from(move |v| r.set(v)), on_division: Callback::from(move |v| d.set(v)) })) }
            }
        }
    };
    html! {
        <section class="admin-page">
            { admin_tabs(&AdminTabsProps { lang, active: "users" }) }
            { body }
        </section>
    }
}
