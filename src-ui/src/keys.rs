//! Desktop keyboard flow (issue 4 item 11): move through the list, open,
//! reply, switch L1/L2 and send without the mouse. The shortcuts act on the
//! page through its test hooks (the same elements a user would click), so a
//! role that has no such element simply gets nothing.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// What a key press asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Next,
    Prev,
    Open,
    Reply,
    ToggleLayer,
    Crm,
    Back,
    Search,
    Inbox,
    Free,
    Help,
    Escape,
}

/// The shortcut list shown in the help overlay: (keys, what they do).
pub fn help(lang: crate::i18n::Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        crate::i18n::Lang::Id => HELP_ID,
        crate::i18n::Lang::En => HELP_EN,
    }
}

const HELP_EN: &[(&str, &str)] = &[
    ("j / ↓", "Next ticket in the list"),
    ("k / ↑", "Previous ticket in the list"),
    ("Enter / o", "Open the selected ticket"),
    ("r", "Write a reply (focus the message box)"),
    ("Ctrl+Shift+L", "Switch L1 Customer / L2 Internal"),
    ("Ctrl+Enter", "Send the message"),
    ("c", "Open the ticket's CRM form"),
    ("u", "Back to the Inbox"),
    ("/", "Go to the list filters"),
    ("Alt+1 / Alt+2", "Inbox / Active bot conversations"),
    ("Esc", "Close a dialog or leave a field"),
    ("?", "Show these shortcuts"),
];

const HELP_ID: &[(&str, &str)] = &[
    ("j / ↓", "Tiket berikutnya di daftar"),
    ("k / ↑", "Tiket sebelumnya di daftar"),
    ("Enter / o", "Buka tiket yang dipilih"),
    ("r", "Tulis balasan (fokus ke kotak pesan)"),
    ("Ctrl+Shift+L", "Ganti L1 Pelanggan / L2 Internal"),
    ("Ctrl+Enter", "Kirim pesan"),
    ("c", "Buka formulir CRM tiket"),
    ("u", "Kembali ke Inbox"),
    ("/", "Ke filter daftar"),
    ("Alt+1 / Alt+2", "Inbox / Percakapan Bot Aktif"),
    ("Esc", "Tutup dialog atau keluar dari kotak isian"),
    ("?", "Tampilkan pintasan ini"),
];

/// Maps a key press to a command. `typing` is true while an input,
/// textarea or select has the focus: then only chords and Esc count, so
/// letters go into the text.
pub fn command(key: &str, ctrl: bool, shift: bool, alt: bool, typing: bool) -> Option<Command> {
    let k = key.to_lowercase();
    if ctrl && shift && k == "l" {
        return Some(Command::ToggleLayer);
    }
    if alt && !ctrl {
        return match k.as_str() {
            "1" => Some(Command::Inbox),
            "2" => Some(Command::Free),
            _ => None,
        };
    }
    if key == "Escape" {
        return Some(Command::Escape);
    }
    if typing || ctrl || alt {
        return None;
    }
    match key {
        "j" | "ArrowDown" => Some(Command::Next),
        "k" | "ArrowUp" => Some(Command::Prev),
        "o" => Some(Command::Open),
        "r" => Some(Command::Reply),
        "c" => Some(Command::Crm),
        "u" => Some(Command::Back),
        "/" => Some(Command::Search),
        "?" => Some(Command::Help),
        _ => None,
    }
}

fn doc() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

fn first(css: &str) -> Option<HtmlElement> {
    doc()?
        .query_selector(css)
        .ok()
        .flatten()?
        .dyn_into::<HtmlElement>()
        .ok()
}

fn all(css: &str) -> Vec<HtmlElement> {
    let Some(list) = doc().and_then(|d| d.query_selector_all(css).ok()) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

fn focus(el: &HtmlElement) {
    let _ = el.focus();
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
    el.unchecked_ref::<Element>()
        .scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Whether the focus is in a text field.
pub fn typing(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .map(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.get_attribute("contenteditable").is_some()
        })
        .unwrap_or(false)
}

/// Moves the focus through the rows of the list on screen.
pub fn move_in_list(down: bool) -> bool {
    let links = all("[data-testid=ticket-row] .row-link");
    if links.is_empty() {
        return false;
    }
    let active = doc().and_then(|d| d.active_element());
    let current = active
        .as_ref()
        .and_then(|a| links.iter().position(|l| l.unchecked_ref::<Element>() == a));
    let next = match (current, down) {
        (None, _) => 0,
        (Some(i), true) => (i + 1).min(links.len() - 1),
        (Some(i), false) => i.saturating_sub(1),
    };
    focus(&links[next]);
    true
}

/// Runs a command against the page; returns whether it did something (then
/// the key's default action is prevented).
pub fn run(c: Command) -> bool {
    match c {
        Command::Next => move_in_list(true),
        Command::Prev => move_in_list(false),
        Command::Open => {
            let active = doc().and_then(|d| d.active_element());
            match active.and_then(|a| a.dyn_into::<HtmlElement>().ok()) {
                Some(a) if a.class_name().split_whitespace().any(|c| c == "row-link") => {
                    a.click();
                    true
                }
                _ => false,
            }
        }
        Command::Reply => match first("[data-testid=composer-input]") {
            Some(el) => {
                focus(&el);
                true
            }
            None => false,
        },
        Command::ToggleLayer => match first("[data-testid=composer-mode-toggle]") {
            Some(el) => {
                el.click();
                // Keep typing where the user was.
                if let Some(i) = first("[data-testid=composer-input]") {
                    let _ = i.focus();
                }
                true
            }
            None => false,
        },
        Command::Crm => match first("[data-testid=ticket-tab-crm]") {
            Some(el) => {
                el.click();
                true
            }
            None => false,
        },
        Command::Back => go("#/inbox"),
        Command::Inbox => go("#/inbox"),
        Command::Free => go("#/free"),
        Command::Search => {
            match first("[data-testid=filter-status], [data-testid=filter-queue-status]") {
                Some(el) => {
                    focus(&el);
                    true
                }
                None => false,
            }
        }
        // Help and Escape are handled by the app (overlay state).
        Command::Help | Command::Escape => false,
    }
}

fn go(hash: &str) -> bool {
    web_sys::window()
        .map(|w| w.location().set_hash(hash).is_ok())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_only_act_outside_text_fields() {
        assert_eq!(
            command("j", false, false, false, false),
            Some(Command::Next)
        );
        assert_eq!(command("j", false, false, false, true), None);
        assert_eq!(command("r", false, false, false, true), None);
        assert_eq!(command("?", false, true, false, false), Some(Command::Help));
    }

    #[test]
    fn chords_and_escape_work_while_typing() {
        assert_eq!(
            command("L", true, true, false, true),
            Some(Command::ToggleLayer)
        );
        assert_eq!(
            command("Escape", false, false, false, true),
            Some(Command::Escape)
        );
        assert_eq!(command("1", false, false, true, true), Some(Command::Inbox));
        // Plain Ctrl+letter stays with the browser (copy, paste, ...).
        assert_eq!(command("c", true, false, false, false), None);
    }
}
