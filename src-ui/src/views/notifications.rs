//! The notification centre (issue 15): the bell with the unread count on
//! every signed-in page, and the list grouped by layer (L1, L2, system)
//! with kind, ticket, time and read state. Pure functions of their props.

use crate::i18n::notifications::{kind_label, layer_label, tx};
use crate::i18n::Lang;
use crate::views::icon;
use saga_core::format::wib_datetime;
use saga_core::model::Notification;
use saga_core::notify::{kind_of, Layer, NotificationKind, Preferences};
use yew::prelude::*;

/// The bell (`notification-bell`, `data-unread`).
pub fn bell(lang: Lang, unread: usize, open: bool, on_click: Callback<()>) -> Html {
    let t = tx(lang);
    let label = if unread > 0 {
        format!("{} ({unread} {})", t.bell, t.unread)
    } else {
        t.bell.to_string()
    };
    html! {
        <button type="button" class={classes!("icon-btn", "bell", open.then_some("on"))} data-testid="notification-bell"
            data-unread={unread.to_string()} aria-expanded={open.to_string()} title={label.clone()} aria-label={label}
            onclick={Callback::from(move |_| on_click.emit(()))}>
            { icon("M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0") }
            if unread > 0 { <span class="bell-count" aria-hidden="true">{ if unread > 99 { "99+".to_string() } else { unread.to_string() } }</span> }
        </button>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct CentreProps {
    pub lang: Lang,
    pub items: std::rc::Rc<Vec<Notification>>,
    /// How many of each layer are drawn (the newest); 'Tampilkan lebih
    /// banyak' raises it, so a centre of 1,000 opens at once.
    #[prop_or(40)]
    pub limit: usize,
    #[prop_or_default]
    pub on_more: Callback<()>,
    /// Marks one read and opens its ticket.
    #[prop_or_default]
    pub on_open: Callback<Notification>,
    #[prop_or_default]
    pub on_read_all: Callback<()>,
    #[prop_or_default]
    pub on_close: Callback<()>,
}

/// The list, L1 first, then L2, then the system's; newest first in each.
pub fn centre(p: &CentreProps) -> Html {
    let t = tx(p.lang);
    let unread = p.items.iter().filter(|n| !n.read).count();
    let group = |layer: Layer| {
        let rows: Vec<&Notification> = p
            .items
            .iter()
            .filter(|n| kind_of(n).layer() == layer)
            .collect();
        if rows.is_empty() {
            return html! {};
        }
        let hidden = rows.len().saturating_sub(p.limit);
        let more = p.on_more.clone();
        html! {
            <section class="notif-group" data-layer={layer.as_str()}>
                <h3 class="notif-group-title">{ layer_label(p.lang, layer) }</h3>
                <ul>
                    { for rows.into_iter().take(p.limit).map(|n| {
                        let kind = kind_of(n);
                        let (open, item) = (p.on_open.clone(), n.clone());
                        html! {
                            <li key={n.id.clone()}>
                                <button type="button" class={classes!("notif-item", format!("layer-{}", layer.as_str()), (!n.read).then_some("unread"))}
                                    data-testid="notification-item" data-id={n.id.clone()} data-layer={layer.as_str()} data-kind={kind.as_str()}
                                    data-read={n.read.to_string()} data-ticket-id={n.ticket_id.clone().unwrap_or_default()}
                                    onclick={Callback::from(move |_| open.emit(item.clone()))}>
                                    <span class="notif-kind">{ kind_label(p.lang, kind) }</span>
                                    <strong class="notif-title">{ &n.title }</strong>
                                    <span class="notif-body">{ &n.body }</span>
                                    <span class="notif-meta muted small">{ n.ticket_id.clone().map(|t| format!("{t} · ")).unwrap_or_default() }{ wib_datetime(&n.created_at) }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
                if hidden > 0 {
                    <button type="button" class="btn small ghost notif-more" data-testid="notification-more"
                        onclick={Callback::from(move |_| more.emit(()))}>{ tx(p.lang).more.replace("{}", &hidden.to_string()) }</button>
                }
            </section>
        }
    };
    let (read_all, close) = (p.on_read_all.clone(), p.on_close.clone());
    html! {
        <div class="notif-centre" data-testid="notification-centre" role="dialog" aria-label={t.title}
            onkeydown={{ let c = p.on_close.clone(); Callback::from(move |e: KeyboardEvent| if e.key() == "Escape" { c.emit(()) }) }}>
            <header class="notif-head">
                <h2>{ t.title }</h2>
                if unread > 0 {
                    <button type="button" class="btn small ghost" data-testid="notification-read-all"
                        onclick={Callback::from(move |_| read_all.emit(()))}>{ t.read_all }</button>
                }
                <button type="button" class="btn small ghost" data-testid="notification-close"
                    onclick={Callback::from(move |_| close.emit(()))}>{ t.close }</button>
            </header>
            if p.items.is_empty() { <p class="muted notif-empty" data-testid="notification-empty">{ t.empty }</p> }
            <div class="notif-list">
                { group(Layer::L1) }
                { group(Layer::L2) }
                { group(Layer::System) }
            </div>
        </div>
    }
}

/// Settings → Notifikasi (issue 15): per kind on or off and sound on or
/// off; mentions and assignments are always on (no switch is offered);
/// quiet while Offline.
pub fn prefs_view(lang: Lang, prefs: &Preferences, on_change: Callback<Preferences>) -> Html {
    let t = tx(lang);
    let check = |e: &Event| {
        use wasm_bindgen::JsCast;
        e.target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|i| i.checked())
    };
    let flip =
        move |list: &[NotificationKind], k: NotificationKind, on: bool| -> Vec<NotificationKind> {
            let mut v: Vec<NotificationKind> = list.iter().copied().filter(|x| *x != k).collect();
            if !on {
                v.push(k);
            }
            v
        };
    html! {
        <section class="setting notif-prefs" data-testid="notification-prefs">
            <span class="setting-label">{ t.prefs_title }</span>
            <table class="chart-table">
                <tbody>
                    { for NotificationKind::ALL.into_iter().map(|k| {
                        let (p1, p2, c1, c2) = (prefs.clone(), prefs.clone(), on_change.clone(), on_change.clone());
                        html! {
                            <tr data-testid="notification-pref" data-kind={k.as_str()}>
                                <td>{ kind_label(lang, k) }<span class="muted small">{ format!(" · {}", layer_label(lang, k.layer())) }</span></td>
                                <td>
                                    if k.always_on() {
                                        <span class="muted small">{ t.prefs_always }</span>
                                    } else {
                                        <label><input type="checkbox" data-testid="notification-pref-on" checked={prefs.enabled(k)}
                                            onchange={Callback::from(move |e: Event| c1.emit(Preferences { off: flip(&p1.off, k, check(&e)), ..p1.clone() }))} />{ " " }{ t.prefs_on }</label>
                                    }
                                </td>
                                <td><label><input type="checkbox" data-testid="notification-pref-sound" checked={prefs.sound(k)}
                                    onchange={Callback::from(move |e: Event| c2.emit(Preferences { silent: flip(&p2.silent, k, check(&e)), ..p2.clone() }))} />{ " " }{ t.prefs_sound }</label></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <label class="notif-quiet">
                <input type="checkbox" data-testid="notification-quiet-offline" checked={prefs.quiet_offline}
                    onchange={{ let (p, c) = (prefs.clone(), on_change.clone()); Callback::from(move |e: Event| c.emit(Preferences { quiet_offline: check(&e), ..p.clone() })) }} />
                { " " }{ t.quiet_offline }
            </label>
        </section>
    }
}
