use super::icon;
use super::toggle::{status_indicator, status_toggle, IndicatorProps, ToggleProps};
use crate::i18n::{role_label, t, Lang, K};
use crate::nav::{items_for, NavItem, Route};
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
    let x = crate::i18n::app::tx(p.lang);
    let entry = |i: &NavItem, short: bool| {
        let label = t(p.lang, i.label);
        let shown = match (short, i.route.clone()) {
            (true, Route::Free) => x.bar_free,
            (true, Route::Followup) => x.bar_followup,
            (true, Route::Panel) => x.bar_panel,
            _ => label,
        };
        html! {
            <a href={href(&i.route)} data-testid={i.testid} title={label}
                class={classes!("nav-item", (i.route == section).then_some("active"))}
                aria-current={(i.route == section).then_some("page")}>
                { icon(i.icon) }<span>{ shown }</span>
            </a>
        }
    };
    // The phone's bar: what a thumb needs (BAR entries), the rest in the
    // 'Lainnya' sheet; every entry stays in the page for the role that may
    // use it, and none that it may not.
    let (bar, rest) = bar_split(&items);
    let in_rest = rest.iter().any(|i| i.route == section);
    let nav = |compact: bool| -> Html {
        if !compact {
            return html! {
                <nav class="sidenav" aria-label="Navigasi">
                    { for items.iter().map(|i| entry(i, false)) }
                </nav>
            };
        }
        // The sheet is a <details>: no state to keep; keyed by the section
        // so it is closed again on every page.
        let logout = p.on_logout.clone();
        html! {
            <nav class="bottombar" aria-label="Navigasi">
                { for bar.iter().map(|i| entry(i, true)) }
                <div class="more-wrap">
                    <details key={href(&section)} class="more">
                        <summary data-testid="nav-more" class={classes!("nav-item", in_rest.then_some("active"))}>
                            { icon("M5 12h.01M12 12h.01M19 12h.01") }<span>{ x.more }</span>
                        </summary>
                        <div class="more-sheet" data-testid="nav-more-sheet">
                            { for rest.iter().map(|i| entry(i, false)) }
                            <button type="button" class="nav-item" data-testid="logout"
                                onclick={Callback::from(move |_| logout.emit(()))}>
                                { icon(LOGOUT) }<span>{ t(p.lang, K::SignOut) }</span>
                            </button>
                        </div>
                    </details>
                </div>
            </nav>
        }
    };
    // A detail page on the phone has its own title and a way back.
    let detail = p.compact.then(|| detail_title(p.lang, &p.active)).flatten();
    let title = detail.unwrap_or(title);
    let back = (p.compact && detail.is_some()).then(|| {
        let to = href(&section);
        html! {
            <a class="icon-btn back-btn" data-testid="nav-back" href={to} aria-label={x.back} title={x.back}
                onclick={Callback::from(|e: MouseEvent| {
                    // Back through history when there is some (the list
                    // keeps its place); else to the section.
                    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                        if h.length().unwrap_or(0) > 1 {
                            e.prevent_default();
                            let _ = h.back();
                        }
                    }
                })}>
                { icon("M15 18l-6-6 6-6") }
            </a>
        }
    });
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
                    { back.unwrap_or_default() }
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
                        // On the phone, signing out is in 'Lainnya': the
                        // header keeps its room for the title.
                        if !p.compact {
                            <button type="button" class="icon-btn" data-testid="logout" title={t(p.lang, K::SignOut)} aria-label={t(p.lang, K::SignOut)}
                                onclick={Callback::from(move |_| logout.emit(()))}>
                                { icon(LOGOUT) }
                            </button>
                        }
                    </div>
                </header>
                <main class="content">{ p.children.clone() }</main>
                if p.compact { { nav(true) } }
            </div>
        </div>
    }
}

/// How many entries the phone's bottom bar holds beside 'Lainnya' (which
/// always ends it: the rest of the entries, and signing out).
pub const BAR: usize = 4;

const LOGOUT: &str = "M15 4h4v16h-4M10 16l-4-4 4-4M6 12h10";

/// The phone's bar and the 'Lainnya' sheet: the inbox, the bot chats, the
/// panel and today's follow-ups first (what an agent or a lead reaches for
/// all day), the rest in the sheet.
pub fn bar_split(items: &[NavItem]) -> (Vec<NavItem>, Vec<NavItem>) {
    if items.len() <= BAR {
        return (items.to_vec(), vec![]);
    }
    let first = [Route::Inbox, Route::Free, Route::Panel, Route::Followup];
    let mut ordered: Vec<NavItem> = first
        .iter()
        .filter_map(|r| items.iter().find(|i| &i.route == r).cloned())
        .collect();
    ordered.extend(items.iter().filter(|i| !first.contains(&i.route)).cloned());
    let rest = ordered.split_off(BAR);
    (ordered, rest)
}

/// The title of a detail page (phone), or `None` for a section's own page.
pub fn detail_title(lang: Lang, r: &Route) -> Option<&'static str> {
    let x = crate::i18n::app::tx(lang);
    Some(match r {
        Route::Ticket { .. } => x.title_ticket,
        Route::TicketCrm { .. } => x.title_crm,
        Route::BlastNew => x.title_blast_new,
        Route::Blast { .. } => x.title_blast,
        Route::UserNew => x.title_user_new,
        Route::User { .. } => x.title_user,
        Route::Privileges => x.title_privileges,
        Route::OfficeHours => x.title_hours,
        _ => return None,
    })
}

#[derive(Properties, PartialEq, Clone)]
pub struct ForbiddenProps {
    pub lang: Lang,
}

pub fn forbidden(p: &ForbiddenProps) -> Html {
    html! { <section class="empty-state" data-testid="forbidden"><p>{ t(p.lang, K::Forbidden) }</p></section> }
}
