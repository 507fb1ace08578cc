//! A role's default privileges (API-27, USERS-5, OQ-7).

use crate::bridge;
use crate::i18n::admin::tx;
use crate::i18n::role_label;
use crate::store::use_lang;
use crate::store::use_val;
use crate::views::users::{
    admin_tabs, privileges_editor, toggled, AdminTabsProps, PrivilegesProps,
};
use saga_core::Role;
use yew::prelude::*;

#[function_component(PrivilegesPage)]
pub fn privileges_page() -> Html {
    let lang = use_lang();
    let role = use_val(Role::SalesAgent);
    let list = use_val(None::<Vec<String>>);
    let busy = use_val(false);
    let saved = use_val(false);
    let error = use_val(None::<String>);
    {
        let (list, error) = (list.clone(), error.clone());
        use_effect_with(*role, move |role| {
            let role = *role;
            list.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                match bridge::users::role_privileges(role).await {
                    Ok(r) => list.set(Some(r.privileges)),
                    Err(e) => error.set(Some(e.message().to_string())),
                }
            });
            || ()
        });
    }
    let roles = html! {
        <div class="segmented" role="group" data-testid="privileges-role">
            { for Role::ALL.iter().map(|r| {
                let (state, r, saved) = (role.clone(), *r, saved.clone());
                html! {
                    <button type="button" class={classes!("seg", (*role == r).then_some("active"))} data-role={r.as_str()}
                        onclick={Callback::from(move |_| { saved.set(false); state.set(r) })}>{ role_label(lang, r) }</button>
                }
            }) }
        </div>
    };
    let editor = (*list).clone().map(|l| {
        let on_toggle = {
            let (list, l, saved) = (list.clone(), l.clone(), saved.clone());
            Callback::from(move |(key, was_on): (String, bool)| {
                saved.set(false);
                list.set(Some(toggled(&l, &key, was_on)));
            })
        };
        let on_save = {
            let (l, role, busy, saved, error) = (l.clone(), *role, busy.clone(), saved.clone(), error.clone());
            Callback::from(move |_| {
                let (l, busy, saved, error) = (l.clone(), busy.clone(), saved.clone(), error.clone());
                busy.set(true);
                wasm_bindgen_futures::spawn_local(async move {
                    match bridge::users::set_role_privileges(role, &l).await {
                        Ok(_) => {
                            saved.set(true);
                            error.set(None);
                        }
                        Err(e) => error.set(Some(e.message().to_string())),
                    }
                    busy.set(false);
                });
            })
        };
        html! {
            { privileges_editor(&yew::props!(PrivilegesProps { lang, role: *role, privileges: l, title: tx(lang).role_defaults, busy: *busy, saved: *saved, error: (*error).clone().map(AttrValue::from), on_toggle, on_save })) }
        }
    });
    html! {
        <section class="admin-page">
            { admin_tabs(&AdminTabsProps { lang, active: "privileges" }) }
            { roles }
            { editor.unwrap_or_default() }
        </section>
    }
}
