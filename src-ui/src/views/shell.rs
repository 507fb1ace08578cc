use super::icon;
use super::toggle::{status_indicator, status_toggle, IndicatorProps, ToggleProps};
use crate::i18n::{role_label, t, Lang, K};
use crate::nav::{items_for, Route};
use saga_core::access::{access, Perm, Principal};
use saga_core::{AgentStatus, User};
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct ShellProps {
    pub user: User,
    pub status: AgentStatus,
    pub active: Route,
    /// Phone layout (bottom bar) instead of the desktop sidebar.
    pub compact: bool,
    pub lang: Lang,
    /// (`stream` | `polling` | `offline`)
    #[prop_or_default]
    pub connection: Option<AttrValue>,
    #[prop_or_default]
    pub status_busy: bool,
    pub on_toggle: Callback<()>,
    pub on_logout: Callback<()>,
    /// Opens the keyboard shortcuts (desktop).
    #[prop_or_default]
    pub on_help: Callback<()>,
    /// The notification bell and centre (issue 15).
    #[prop_or_default]
    pub bell: Html,
    #[prop_or_default]
    pub children: Html,
}

fn href(r: &Route) -> String {
    use yew_router::Routable;
    format!("#{}", r.to_path())
}

/// The frame around every signed-in page: navigation (sidebar or bottom
/// bar), the header with the toggle and the user's own status.
#[function_component(Shell)]
pub fn shell(p: &ShellProps) -> Html {
    let principal = Principal::from(&p.user);
    let items = items_for(&principal);
    let can_toggle = access(&principal, Perm::ToggleOwn).allowed();
    // A ticket belongs to the inbox, a blast to the blasts.
    let section = p.active.section();
    let title = items
        .iter()
        .find(|i| i.route == section)
        .map(|i| t(p.lang, i.label))
        .unwrap_or(t(p.lang, K::AppName));
    let logout = p.on_logout.clone();
    let nav = |compact: bool| -> Html {
        html! {
            <nav class={if compact { "bottombar" } else { "sidenav" }} aria-label="Navigasi">
                { for items.iter().map(|i| html! {
                    <a href={href(&i.route)} data-testid={i.testid}
                        class={classes!("nav-item", (i.route == section).then_some("active"))}
                        aria-current={(i.route == section).then_some("page")}>
                        { icon(i.icon) }<span>{ t(p.lang, i.label) }</span>
                    </a>
                }) }
            </nav>
        }
    };
    let conn = p.connection.as_deref().map(|c| {
        let (cls, k) = match c {
            "stream" => ("conn ok", K::ConnStream),
            "polling" => ("conn ok", K::ConnPolling),
            _ => ("conn bad", K::ConnOffline),
        };
        html! { <span class={cls} title={t(p.lang, K::Connection)}><span class="conn-dot"></span>{ t(p.lang, k) }</span> }
    });
    let subtitle = format!("{} · {}", role_label(p.lang, p.user.role), p.user.division);
    html! {
        <div class={classes!("shell", if p.compact { "phone" } else { "desktop" })}
            data-testid="app-shell" data-role={p.user.role.as_str()} data-division={p.user.division.as_str()}>
            if !p.compact {
                <aside class="sidebar">
                    <div class="brand"><img src="icon.png" alt="" class="brand-logo" />{ "Saga Desk" }</div>
                    { nav(false) }
                </aside>
            }
            <div class="main">
                <header class="topbar">
                    <h1 class="page-title">{ title }</h1>
                    { conn.unwrap_or_default() }
                    <div class="topbar-right">
                        if can_toggle {
                            { status_toggle(&yew::props!(ToggleProps { status: p.status, lang: p.lang, busy: p.status_busy, on_toggle: p.on_toggle.clone() })) }
                        }
                        { status_indicator(&IndicatorProps { name: p.user.name.clone().into(), subtitle: subtitle.into(), status: p.status, lang: p.lang }) }
                        if !p.compact {
                            <button type="button" class="icon-btn kbd-btn" data-testid="help-button" title="Pintasan keyboard (?)" aria-label="Pintasan keyboard"
                                onclick={{ let h = p.on_help.clone(); Callback::from(move |_| h.emit(())) }}>{ "?" }</button>
                        }
                        { p.bell.clone() }
                        <button type="button" class="icon-btn" data-testid="logout" title={t(p.lang, K::SignOut)} aria-label={t(p.lang, K::SignOut)}
                            onclick={Callback::from(move |_| logout.emit(()))}>
                            { icon("M15 4h4v16h-4M10 16l-4-4 4-4M6 12h10") }
                        </button>
                    </div>
                </header>
                <main class="content">{ p.children.clone() }</main>
                if p.compact { { nav(true) } }
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct ForbiddenProps {
    pub lang: Lang,
}

pub fn forbidden(p: &ForbiddenProps) -> Html {
    html! { <section class="empty-state" data-testid="forbidden"><p>{ t(p.lang, K::Forbidden) }</p></section> }
}
