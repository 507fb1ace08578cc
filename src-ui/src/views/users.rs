//! The Super Admin's controls (PRD 3.9): the users table, the user form
//! with its checks in place, privileges per role and per person, and the
//! operating hours per division. Pure views of their props.

use crate::collections::VecMap;
use crate::i18n::admin::{capability, tx};
use crate::i18n::{role_label, t, Lang, K};
use saga_core::access::{revocation, role_default, Perm, Principal, PRIV_VIEWER_ALL_DIVISIONS};
use saga_core::{DayHours, Division, Role, User};
use std::rc::Rc;
use yew::prelude::*;

/// How many rows the table draws; a search narrows the rest.
pub const ROWS_SHOWN: usize = 100;

/// The users a search and the role and division filters leave.
pub fn filter_users<'a>(
    users: &'a [User],
    search: &str,
    role: Option<Role>,
    division: Option<Division>,
) -> Vec<&'a User> {
    let needle = search.trim().to_lowercase();
    users
        .iter()
        .filter(|u| role.is_none_or(|r| u.role == r))
        .filter(|u| division.is_none_or(|d| u.division == d))
        .filter(|u| {
            needle.is_empty()
                || u.name.to_lowercase().contains(&needle)
                || u.email.to_lowercase().contains(&needle)
        })
        .collect()
}

fn input_value(e: &InputEvent) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

fn select_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct AdminTabsProps {
    pub lang: Lang,
    /// `users`, `privileges` or `hours`.
    pub active: &'static str,
}

/// Users · Privileges · Operating hours.
pub fn admin_tabs(p: &AdminTabsProps) -> Html {
    let t = tx(p.lang);
    let tab = |key: &'static str, href: &'static str, label: &'static str| {
        html! {
            <a {href} class={classes!("tab", (p.active == key).then_some("active"))} aria-current={(p.active == key).then_some("page")}
                data-testid={format!("admin-tab-{key}")}>{ label }</a>
        }
    };
    html! {
        <nav class="ticket-tabs admin-tabs">
            { tab("users", "#/users", t.users) }
            { tab("privileges", "#/privileges", t.privileges) }
            { tab("hours", "#/office-hours", t.office_hours) }
        </nav>
    }
}

#[derive(Properties, PartialEq)]
pub struct UsersTableProps {
    pub lang: Lang,
    pub users: Rc<Vec<User>>,
    pub search: AttrValue,
    pub role: Option<Role>,
    pub division: Option<Division>,
    #[prop_or_default]
    pub on_search: Callback<String>,
    #[prop_or_default]
    pub on_role: Callback<Option<Role>>,
    #[prop_or_default]
    pub on_division: Callback<Option<Division>>,
}

/// USERS-1: every user with role, division, active state and status.
pub fn users_table(p: &UsersTableProps) -> Html {
    let tt = tx(p.lang);
    let rows = filter_users(&p.users, &p.search, p.role, p.division);
    let (on_search, on_role, on_division) = (
        p.on_search.clone(),
        p.on_role.clone(),
        p.on_division.clone(),
    );
    html! {
        <section class="users">
            <div class="filters users-filters">
                <label class="filter search">
                    <span class="filter-label">{ t(p.lang, K::Search) }</span>
                    <input type="search" data-testid="users-search" value={p.search.clone()} placeholder={tt.search_users}
                        oninput={Callback::from(move |e: InputEvent| on_search.emit(input_value(&e)))} />
                </label>
                <label class="filter">
                    <span class="filter-label">{ tt.role }</span>
                    <select data-testid="users-filter-role" onchange={Callback::from(move |e: Event| on_role.emit(Role::parse(&select_value(&e))))}>
                        <option value="" selected={p.role.is_none()}>{ tt.all_roles }</option>
                        { for Role::ALL.iter().map(|r| html! { <option value={r.as_str()} selected={p.role == Some(*r)}>{ role_label(p.lang, *r) }</option> }) }
                    </select>
                </label>
                <label class="filter">
                    <span class="filter-label">{ tt.division }</span>
                    <select data-testid="users-filter-division" onchange={Callback::from(move |e: Event| on_division.emit(Division::parse(&select_value(&e))))}>
                        <option value="" selected={p.division.is_none()}>{ t(p.lang, K::AllDivisions) }</option>
                        { for Division::ALL.iter().map(|d| html! { <option value={d.as_str()} selected={p.division == Some(*d)}>{ d.as_str() }</option> }) }
                    </select>
                </label>
                <a class="btn primary push" href="#/users/new" data-testid="user-add">{ tt.add_user }</a>
            </div>
            <p class="muted small" data-testid="users-count">{ tt.shown_of.replacen("{}", &rows.len().min(ROWS_SHOWN).to_string(), 1).replacen("{}", &rows.len().to_string(), 1) }</p>
            <table class="users-table" data-testid="users-table" data-count={rows.len().to_string()}>
                <thead><tr>
                    <th>{ tt.name }</th><th>{ tt.email }</th><th>{ tt.role }</th><th>{ tt.division }</th><th>{ tt.account }</th><th>{ t(p.lang, K::Status) }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().take(ROWS_SHOWN).map(|u| html! {
                        <tr key={u.id.clone()} class={classes!("user-row", (!u.active).then_some("inactive"))} data-testid="user-row"
                            data-user-id={u.id.clone()} data-role={u.role.as_str()} data-division={u.division.as_str()} data-active={u.active.to_string()}>
                            <td><a class="row-link" data-testid="user-edit" href={format!("#/users/{}", u.id)}>{ &u.name }</a></td>
                            <td class="muted">{ &u.email }</td>
                            <td>{ role_label(p.lang, u.role) }</td>
                            <td>{ u.division.as_str() }</td>
                            <td><span class={classes!("chip", if u.active { "ok" } else { "warn" })}>{ if u.active { tt.active } else { tt.inactive } }</span></td>
                            <td>
                                if u.role != Role::Viewer {
                                    <span class={classes!("status-word", (u.status == saga_core::AgentStatus::Online).then_some("on"))}>
                                        { t(p.lang, if u.status == saga_core::AgentStatus::Online { K::Online } else { K::Offline }) }
                                    </span>
                                }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
            if rows.is_empty() { <p class="muted">{ tt.no_users }</p> }
        </section>
    }
}

/// What the user form holds while it is edited.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserDraft {
    pub name: String,
    pub email: String,
    pub password: String,
    pub role: Option<Role>,
    pub division: Option<Division>,
}

impl UserDraft {
    pub fn of(u: &User) -> UserDraft {
        UserDraft {
            name: u.name.clone(),
            email: u.email.clone(),
            password: String::new(),
            role: Some(u.role),
            division: Some(u.division),
        }
    }
}

/// The checks the server makes, in place before anything is sent
/// (USERS-2): a missing field, an email that is not one, a weak password.
/// A new user needs a password; an edited one only when it changes.
pub fn validate(lang: Lang, d: &UserDraft, new: bool) -> VecMap<&'static str, &'static str> {
    let t = tx(lang);
    let mut e = VecMap::new();
    if d.name.trim().is_empty() {
        e.insert("name", t.required);
    }
    let email = d.email.trim();
    if email.is_empty() {
        e.insert("email", t.required);
    } else if !email.split_once('@').is_some_and(|(a, b)| {
        !a.is_empty() && b.contains('.') && !b.starts_with('.') && !b.ends_with('.')
    }) {
        e.insert("email", t.bad_email);
    }
    if new && d.password.is_empty() {
        e.insert("password", t.required);
    } else if !d.password.is_empty() && d.password.chars().count() < 8 {
        e.insert("password", t.weak_password);
    }
    if d.role.is_none() {
        e.insert("role", t.required);
    }
    if d.division.is_none() {
        e.insert("division", t.required);
    }
    e
}

#[derive(Properties, PartialEq, Clone)]
pub struct UserFormProps {
    pub lang: Lang,
    /// `None` for a new user.
    pub user: Option<User>,
    pub draft: UserDraft,
    /// Messages by field (`name`, `email`, `password`, `role`, `division`).
    #[prop_or_default]
    pub errors: VecMap<String, String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub saved: bool,
    /// The signed-in Super Admin's own account: they may not switch it off
    /// or step down from it (the team keeps its Super Admin, USERS-4).
    #[prop_or_default]
    pub is_self: bool,
    /// (field, value)
    #[prop_or_default]
    pub on_input: Callback<(&'static str, String)>,
    #[prop_or_default]
    pub on_save: Callback<()>,
    /// Deactivate (`false`) or reactivate (`true`).
    #[prop_or_default]
    pub on_active: Callback<bool>,
}

/// USERS-2/3/4: add or edit every field of a user; deactivate or reactivate.
pub fn user_form(p: &UserFormProps) -> Html {
    let tt = tx(p.lang);
    let new = p.user.is_none();
    let err = |f: &str| {
        p.errors.get(f).map(|m| html! { <span class="field-error" data-testid="user-form-error" data-field={f.to_string()}>{ m.clone() }</span> })
    };
    let text_field = |f: &'static str,
                      label: &'static str,
                      value: &str,
                      kind: &'static str,
                      testid: &'static str,
                      hint: Option<&'static str>| {
        let cb = p.on_input.clone();
        // The hint gives way to the error it would repeat.
        let hint = hint.filter(|_| !p.errors.contains_key(f));
        html! {
            <label class={classes!("field", p.errors.contains_key(f).then_some("invalid"))}>
                <span>{ label }</span>
                <input type={kind} data-testid={testid} value={value.to_string()} disabled={p.busy}
                    aria-invalid={p.errors.contains_key(f).to_string()}
                    oninput={Callback::from(move |e: InputEvent| cb.emit((f, input_value(&e))))} />
                { err(f).unwrap_or_default() }
                if let Some(h) = hint { <span class="field-hint">{ h }</span> }
            </label>
        }
    };
    let (on_role, on_div, on_save) = (p.on_input.clone(), p.on_input.clone(), p.on_save.clone());
    html! {
        <form class="user-form" data-testid="user-form" onsubmit={Callback::from(move |e: SubmitEvent| { e.prevent_default(); on_save.emit(()); })}>
            <h2 class="section-title">{ if new { tt.add_user } else { tt.edit_user } }</h2>
            { text_field("name", tt.name, &p.draft.name, "text", "user-form-name", None) }
            { text_field("email", tt.email, &p.draft.email, "email", "user-form-email", None) }
            { text_field("password", if new { tt.password } else { tt.new_password }, &p.draft.password, "password", "user-form-password", Some(tt.password_hint)) }
            <label class={classes!("field", p.errors.contains_key("role").then_some("invalid"))}>
                <span>{ tt.role }</span>
                <select data-testid="user-form-role" disabled={p.busy || p.is_self} onchange={Callback::from(move |e: Event| on_role.emit(("role", select_value(&e))))}>
                    <option value="" selected={p.draft.role.is_none()}>{ t(p.lang, K::Choose) }</option>
                    { for Role::ALL.iter().map(|r| html! { <option value={r.as_str()} selected={p.draft.role == Some(*r)}>{ role_label(p.lang, *r) }</option> }) }
                </select>
                { err("role").unwrap_or_default() }
                if p.is_self { <span class="field-hint">{ tt.own_role }</span> }
            </label>
            <label class={classes!("field", p.errors.contains_key("division").then_some("invalid"))}>
                <span>{ tt.division }</span>
                <select data-testid="user-form-division" disabled={p.busy} onchange={Callback::from(move |e: Event| on_div.emit(("division", select_value(&e))))}>
                    <option value="" selected={p.draft.division.is_none()}>{ t(p.lang, K::Choose) }</option>
                    { for Division::ALL.iter().map(|d| html! { <option value={d.as_str()} selected={p.draft.division == Some(*d)}>{ d.label() }</option> }) }
                </select>
                { err("division").unwrap_or_default() }
            </label>
            if let Some(e) = &p.error { <p class="alert error" role="alert" data-testid="user-form-message">{ e.clone() }</p> }
            if p.saved { <p class="chip ok" role="status">{ tt.saved }</p> }
            <div class="form-actions">
                <button type="submit" class="btn primary" data-testid="user-form-save" disabled={p.busy}>{ if p.busy { tt.saving } else { tt.save } }</button>
                if let Some(u) = p.user.as_ref().filter(|_| !p.is_self) {
                    if u.active {
                        <button type="button" class="btn danger" data-testid="user-deactivate" disabled={p.busy}
                            onclick={{ let cb = p.on_active.clone(); Callback::from(move |_| cb.emit(false)) }}>{ tt.deactivate }</button>
                    } else {
                        <button type="button" class="btn" data-testid="user-reactivate" disabled={p.busy}
                            onclick={{ let cb = p.on_active.clone(); Callback::from(move |_| cb.emit(true)) }}>{ tt.reactivate }</button>
                    }
                }
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct PrivilegesProps {
    pub lang: Lang,
    pub role: Role,
    /// The list being edited (a role's defaults, or one person's own).
    pub privileges: Vec<String>,
    /// What applies before this list: a person's role defaults.
    #[prop_or_default]
    pub inherited: Vec<String>,
    #[prop_or_default]
    pub title: AttrValue,
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub saved: bool,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// (privilege key, ticked)
    #[prop_or_default]
    pub on_toggle: Callback<(String, bool)>,
    #[prop_or_default]
    pub on_save: Callback<()>,
}

/// Whether a privileges list (with what it inherits) leaves `perm` on.
pub fn ticked(role: Role, list: &[String], inherited: &[String], perm: Perm) -> bool {
    let probe = Principal {
        id: String::new(),
        role,
        division: Division::Sari,
        privileges: inherited.iter().chain(list).cloned().collect(),
    };
    saga_core::access::can(&probe, perm)
}

/// USERS-5: the named capabilities of the PRD's table; those the role has
/// can be taken away (and given back); the others are shown as not for
/// this role.
pub fn privileges_editor(p: &PrivilegesProps) -> Html {
    let tt = tx(p.lang);
    let base = Principal {
        id: String::new(),
        role: p.role,
        division: Division::Sari,
        privileges: vec![],
    };
    let on_save = p.on_save.clone();
    html! {
        <section class="privileges" data-testid="user-privileges" data-role={p.role.as_str()}>
            if !p.title.is_empty() { <h2 class="section-title">{ p.title.clone() }</h2> }
            <p class="small muted">{ tt.privileges_hint }</p>
            <ul class="privilege-list">
                { for Perm::ALL.iter().map(|perm| {
                    let key = perm.key();
                    let default = role_default(&base, *perm).allowed();
                    let on = default && ticked(p.role, &p.privileges, &p.inherited, *perm);
                    let rev = revocation(*perm);
                    // Taken away for the whole role: a person's list cannot give it back.
                    let by_role = p.inherited.contains(&rev);
                    let locked = by_role
                        || (p.role == Role::SuperAdmin && matches!(perm, Perm::UserManagement | Perm::OfficeHours));
                    let cb = p.on_toggle.clone();
                    html! {
                        <li class={classes!("privilege", (!default).then_some("na"))} data-testid="user-privilege"
                            data-privilege={key} data-checked={on.to_string()}>
                            <label>
                                <input type="checkbox" checked={on} disabled={!default || locked || p.busy}
                                    onchange={Callback::from(move |_| cb.emit((rev.clone(), on)))} />
                                <span class="perm-id small muted">{ perm.id() }</span>
                                <span>{ capability(p.lang, *perm) }</span>
                                if !default { <span class="small muted">{ tt.not_for_role }</span> }
                                else if !on { <span class="chip warn">{ tt.taken_away }</span> }
                            </label>
                        </li>
                    }
                }) }
                if p.role == Role::Viewer {
                    { {
                        let on = p.privileges.iter().chain(&p.inherited).any(|x| x == PRIV_VIEWER_ALL_DIVISIONS);
                        let cb = p.on_toggle.clone();
                        html! {
                            <li class="privilege" data-testid="user-privilege" data-privilege={PRIV_VIEWER_ALL_DIVISIONS} data-checked={on.to_string()}>
                                <label>
                                    <input type="checkbox" checked={on} disabled={p.busy}
                                        onchange={Callback::from(move |_| cb.emit((PRIV_VIEWER_ALL_DIVISIONS.to_string(), on)))} />
                                    <span class="perm-id small muted">{ "PERM-1" }</span>
                                    <span>{ tt.viewer_all }</span>
                                </label>
                            </li>
                        }
                    } }
                }
            </ul>
            if let Some(e) = &p.error { <p class="alert error" role="alert">{ e.clone() }</p> }
            if p.saved { <p class="chip ok" role="status">{ tt.saved }</p> }
            <button type="button" class="btn primary" data-testid="user-privileges-save" disabled={p.busy}
                onclick={Callback::from(move |_| on_save.emit(()))}>{ tt.save }</button>
        </section>
    }
}

/// The privileges list after ticking (`on`) or unticking a row: unticking
/// adds its revocation, ticking removes it (a grant key is added or taken
/// away as such).
pub fn toggled(list: &[String], key: &str, was_on: bool) -> Vec<String> {
    let mut v: Vec<String> = list.to_vec();
    if key.starts_with('-') {
        if was_on {
            if !v.iter().any(|x| x == key) {
                v.push(key.to_string());
            }
        } else {
            v.retain(|x| x != key);
        }
    } else if was_on {
        v.retain(|x| x != key);
    } else if !v.iter().any(|x| x == key) {
        v.push(key.to_string());
    }
    v
}

const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Per day (1..=7): the message of a day whose hours do not hold.
pub fn hours_errors(lang: Lang, days: &[DayHours]) -> VecMap<u8, &'static str> {
    days.iter()
        .filter(|d| !(d.closed || d.open.len() == 5 && d.close.len() == 5 && d.open < d.close))
        .map(|d| (d.day, tx(lang).close_after_open))
        .collect()
}

#[derive(Properties, PartialEq, Clone)]
pub struct HoursProps {
    pub lang: Lang,
    pub division: Division,
    pub days: Vec<DayHours>,
    #[prop_or_default]
    pub busy: bool,
    #[prop_or_default]
    pub saved: bool,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub on_change: Callback<DayHours>,
    #[prop_or_default]
    pub on_save: Callback<()>,
}

/// USERS-6: each day open or closed, opening and closing in WIB.
pub fn office_hours_form(p: &HoursProps) -> Html {
    let tt = tx(p.lang);
    let errors = hours_errors(p.lang, &p.days);
    let on_save = p.on_save.clone();
    html! {
        <section class="office-hours" data-testid="office-hours-form" data-division={p.division.as_str()}>
            <p class="small muted">{ tt.hours_hint }</p>
            <ul class="hours-list">
                { for p.days.iter().map(|d| {
                    let i = (d.day.clamp(1, 7) - 1) as usize;
                    let (c1, c2, c3) = (p.on_change.clone(), p.on_change.clone(), p.on_change.clone());
                    let (d1, d2, d3) = (d.clone(), d.clone(), d.clone());
                    html! {
                        <li class={classes!("hours-day", d.closed.then_some("closed"), errors.contains_key(&d.day).then_some("invalid"))}
                            data-testid="office-hours-day" data-day={DAY_KEYS[i]} data-open={d.open.clone()} data-close={d.close.clone()}
                            data-closed={d.closed.to_string()}>
                            <span class="day-name">{ tt.days[i] }</span>
                            <label class="closed-toggle">
                                <input type="checkbox" data-testid="office-hours-closed" checked={d.closed} disabled={p.busy}
                                    onchange={Callback::from(move |_| c1.emit(DayHours { closed: !d1.closed, ..d1.clone() }))} />
                                { tt.closed }
                            </label>
                            if !d.closed {
                                <label>{ tt.open }{ " " }
                                    <input type="time" data-testid="office-hours-open" value={d.open.clone()} disabled={p.busy}
                                        oninput={Callback::from(move |e: InputEvent| c2.emit(DayHours { open: input_value(&e), ..d2.clone() }))} /></label>
                                <label>{ tt.close }{ " " }
                                    <input type="time" data-testid="office-hours-close" value={d.close.clone()} disabled={p.busy}
                                        oninput={Callback::from(move |e: InputEvent| c3.emit(DayHours { close: input_value(&e), ..d3.clone() }))} /></label>
                            }
                            if let Some(m) = errors.get(&d.day) { <span class="field-error" data-testid="office-hours-error">{ *m }</span> }
                        </li>
                    }
                }) }
            </ul>
            if let Some(e) = &p.error { <p class="alert error" role="alert">{ e.clone() }</p> }
            if p.saved { <p class="chip ok" role="status">{ tt.saved }</p> }
            <button type="button" class="btn primary" data-testid="office-hours-save" disabled={p.busy || !errors.is_empty()}
                onclick={Callback::from(move |_| on_save.emit(()))}>{ tt.save }</button>
        </section>
    }
}
