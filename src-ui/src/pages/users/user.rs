//! Add or edit one user (USERS-2..5): every field with its checks in place,
//! deactivate (after a confirmation) or reactivate, and this person's own
//! privileges on top of their role's.

use super::use_users;
use crate::bridge;
use crate::collections::VecMap;
use crate::i18n::admin::tx;
use crate::i18n::{t, K};
use crate::nav::Route;
use crate::store::use_lang;
use crate::store::use_val;
use crate::views::dialog::{confirm_dialog, DialogProps};
use crate::views::users::{
    admin_tabs, privileges_editor, toggled, user_form, validate, AdminTabsProps, PrivilegesProps,
    UserDraft, UserFormProps,
};
use saga_core::{ApiError, Division, Role, User, UserCreateRequest, UserPatch};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UserPageProps {
    /// `None` for a new user.
    pub id: Option<String>,
}

/// The field a server refusal names, for showing it in place.
fn field_of(e: &ApiError) -> Option<String> {
    match e {
        ApiError::Validation { field, .. } => field.clone(),
        ApiError::Conflict { code, .. } if code == "email_taken" => Some("email".into()),
        _ => None,
    }
}

#[function_component(UserPage)]
pub fn user_page(p: &UserPageProps) -> Html {
    let lang = use_lang();
    let navigator = use_navigator();
    let (users, load_error, reload) = use_users();
    let me = crate::store::hooks::use_user();
    let user: Option<User> = p.id.as_ref().and_then(|id| {
        users
            .as_ref()
            .and_then(|l| l.iter().find(|u| &u.id == id).cloned())
    });
    let draft = use_val(None::<UserDraft>);
    let errors = use_state(VecMap::<String, String>::new);
    let error = use_val(None::<String>);
    let busy = use_val(false);
    let saved = use_val(false);
    let confirm = use_val(false);
    let own_privileges = use_val(None::<Vec<String>>);
    let role_privileges = use_val(Vec::<String>::new());
    let priv_busy = use_val(false);
    let priv_saved = use_val(false);
    let priv_error = use_val(None::<String>);
    // The role's defaults, under this person's own list.
    {
        let role_privileges = role_privileges.clone();
        let role = user.as_ref().map(|u| u.role);
        use_effect_with(role, move |role| {
            if let Some(role) = *role {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(r) = bridge::users::role_privileges(role).await {
                        role_privileges.set(r.privileges);
                    }
                });
            }
            || ()
        });
    }
    if p.id.is_some() && user.is_none() {
        return match load_error {
            Some(e) => html! { <div class="state error" role="alert">{ e }</div> },
            None => html! { <div class="state">{ t(lang, K::Loading) }</div> },
        };
    }
    let d = (*draft)
        .clone()
        .unwrap_or_else(|| user.as_ref().map(UserDraft::of).unwrap_or_default());
    let new = user.is_none();
    let on_input = {
        let (draft, d, errors, saved) = (draft.clone(), d.clone(), errors.clone(), saved.clone());
        Callback::from(move |(field, v): (&'static str, String)| {
            let mut next = d.clone();
            match field {
                "name" => next.name = v,
                "email" => next.email = v,
                "password" => next.password = v,
                "role" => next.role = Role::parse(&v),
                "division" => next.division = Division::parse(&v),
                _ => {}
            }
            let mut e = (*errors).clone();
            e.remove(field);
            errors.set(e);
            saved.set(false);
            draft.set(Some(next));
        })
    };
    let on_save = {
        let (d, errors, error, busy, saved, reload) = (
            d.clone(),
            errors.clone(),
            error.clone(),
            busy.clone(),
            saved.clone(),
            reload.clone(),
        );
        let (user, navigator) = (user.clone(), navigator.clone());
        Callback::from(move |_| {
            let found = validate(lang, &d, user.is_none());
            if !found.is_empty() {
                errors.set(
                    found
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                );
                return;
            }
            let (d, errors, error, busy, saved, reload) = (
                d.clone(),
                errors.clone(),
                error.clone(),
                busy.clone(),
                saved.clone(),
                reload.clone(),
            );
            let (user, navigator) = (user.clone(), navigator.clone());
            busy.set(true);
            error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let (role, division) = (
                    d.role.unwrap_or(Role::SalesAgent),
                    d.division.unwrap_or(Division::Sari),
                );
                let r = match &user {
                    None => {
                        bridge::users::create_user(&UserCreateRequest {
                            name: d.name.trim().to_string(),
                            email: d.email.trim().to_string(),
                            password: d.password.clone(),
                            role,
                            division,
                            privileges: vec![],
                        })
                        .await
                    }
                    Some(u) => {
                        bridge::users::update_user(
                            &u.id,
                            &UserPatch {
                                name: Some(d.name.trim().to_string()),
                                email: Some(d.email.trim().to_string()),
                                password: (!d.password.is_empty()).then(|| d.password.clone()),
                                role: Some(role),
                                division: Some(division),
                                ..Default::default()
                            },
                        )
                        .await
                    }
                };
                busy.set(false);
                match r {
                    Ok(u) => {
                        saved.set(true);
                        reload.emit(());
                        if user.is_none() {
                            if let Some(n) = &navigator {
                                n.push(&Route::User { id: u.id });
                            }
                        }
                    }
                    // A duplicate email or a weak password says so next to
                    // its field; what was typed stays.
                    Err(e) => match field_of(&e) {
                        Some(f) => {
                            let mut m = VecMap::new();
                            m.insert(f, e.message().to_string());
                            errors.set(m);
                        }
                        None => error.set(Some(e.message().to_string())),
                    },
                }
            });
        })
    };
    let set_active = {
        let (error, busy, reload, saved) =
            (error.clone(), busy.clone(), reload.clone(), saved.clone());
        let id = user.as_ref().map(|u| u.id.clone()).unwrap_or_default();
        move |active: bool| {
            let (error, busy, reload, saved, id) = (
                error.clone(),
                busy.clone(),
                reload.clone(),
                saved.clone(),
                id.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let patch = UserPatch {
                    active: Some(active),
                    ..Default::default()
                };
                match bridge::users::update_user(&id, &patch).await {
                    Ok(_) => {
                        saved.set(true);
                        error.set(None);
                        reload.emit(());
                    }
                    Err(e) => error.set(Some(e.message().to_string())),
                }
                busy.set(false);
            });
        }
    };
    let on_active = {
        let (confirm, set_active) = (confirm.clone(), set_active.clone());
        Callback::from(move |active: bool| {
            if active {
                set_active(true);
            } else {
                confirm.set(true);
            }
        })
    };
    let dialog = (confirm.then(|| user.clone()).flatten()).map(|u| {
        let (c1, c2) = (confirm.clone(), confirm.clone());
        let set_active = set_active.clone();
        html! {
            { confirm_dialog(&yew::props!(DialogProps { text: tx(lang).deactivate_confirm.replace("{}", &u.name), ok_label: tx(lang).deactivate, cancel_label: t(lang, K::Cancel), on_ok: Callback::from(move |_| { c1.set(false); set_active(false); }), on_cancel: Callback::from(move |_| c2.set(false)) })) }
        }
    });
    // USERS-5: this person's own privileges, on top of their role's.
    let privileges = user.as_ref().map(|u| {
        let list = (*own_privileges).clone().unwrap_or_else(|| own_list(u, &role_privileges));
        let on_toggle = {
            let (own, list, saved) = (own_privileges.clone(), list.clone(), priv_saved.clone());
            Callback::from(move |(key, was_on): (String, bool)| {
                saved.set(false);
                own.set(Some(toggled(&list, &key, was_on)));
            })
        };
        let on_save = {
            let (list, busy, saved, err, reload, id) =
                (list.clone(), priv_busy.clone(), priv_saved.clone(), priv_error.clone(), reload.clone(), u.id.clone());
            Callback::from(move |_| {
                let (list, busy, saved, err, reload, id) =
                    (list.clone(), busy.clone(), saved.clone(), err.clone(), reload.clone(), id.clone());
                busy.set(true);
                wasm_bindgen_futures::spawn_local(async move {
                    let patch = UserPatch {
                        privileges: Some(list),
                        ..Default::default()
                    };
                    match bridge::users::update_user(&id, &patch).await {
                        Ok(_) => {
                            saved.set(true);
                            err.set(None);
                            reload.emit(());
                        }
                        Err(e) => err.set(Some(e.message().to_string())),
                    }
                    busy.set(false);
                });
            })
        };
        html! {
            { privileges_editor(&yew::props!(PrivilegesProps { lang, role: u.role, privileges: list, inherited: (*role_privileges).clone(), title: tx(lang).person_overrides, busy: *priv_busy, saved: *priv_saved, error: (*priv_error).clone().map(AttrValue::from), on_toggle, on_save })) }
        }
    });
    html! {
        <section class="admin-page">
            { admin_tabs(&AdminTabsProps { lang, active: "users" }) }
            <a class="link-btn" href="#/users">{ "← " }{ tx(lang).back }</a>
            { dialog.unwrap_or_default() }
            <div class="admin-columns">
                { user_form(&yew::props!(UserFormProps { lang, user: user.clone(), draft: d, errors: (*errors).clone(), error: (*error).clone().map(AttrValue::from), busy: *busy, saved: *saved && !new, is_self: user.as_ref().is_some_and(|u| u.id == me.id), on_input, on_save, on_active })) }
                { privileges.unwrap_or_default() }
            </div>
        </section>
    }
}

/// What the login response lists beyond the role's defaults: the person's
/// own privileges.
fn own_list(u: &User, role: &[String]) -> Vec<String> {
    u.privileges
        .iter()
        .filter(|p| !role.contains(p))
        .cloned()
        .collect()
}
