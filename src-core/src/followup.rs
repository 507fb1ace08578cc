//! Follow-ups and blasts (PRD 3.6): how a template becomes the message a
//! customer receives, and WhatsApp's 24-hour window.
//!
//! The app's preview and the server's send use the same [`personalize`], so
//! the preview is exactly what the customer gets (FU-SINGLE-3, BLAST-2).

use crate::model::{Channel, FollowUpCategory};
use crate::time::{secs_since, Unix};

/// The placeholders a template may use, with what fills them.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("{nama}", "nama pelanggan"),
    ("{agent}", "nama agent yang mengirim"),
    ("{asal}", "kota asal (CRM)"),
    ("{tujuan}", "kota tujuan (CRM)"),
];

/// What a template is filled with for one customer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fill<'a> {
    pub customer: &'a str,
    pub agent: &'a str,
    pub origin: Option<&'a str>,
    pub destination: Option<&'a str>,
}

/// What fills `{asal}` and `{tujuan}` when the CRM has no city yet, so a
/// customer never sees a raw placeholder.
pub const NO_ORIGIN: &str = "kota asal";
pub const NO_DESTINATION: &str = "kota tujuan";

fn or<'a>(v: Option<&'a str>, fallback: &'a str) -> &'a str {
    v.map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(fallback)
}

/// The message the customer receives: every placeholder filled.
pub fn personalize(body: &str, f: &Fill<'_>) -> String {
    body.replace("{nama}", or(Some(f.customer), "Kak"))
        .replace("{agent}", or(Some(f.agent), "Saga"))
        .replace("{asal}", or(f.origin, NO_ORIGIN))
        .replace("{tujuan}", or(f.destination, NO_DESTINATION))
}

/// Placeholders of the form `{word}` still in `text` (none after
/// [`personalize`] unless a template uses an unknown one).
pub fn raw_placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j)
                if j > 0
                    && after[..j]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                out.push(format!("{{{}}}", &after[..j]));
                rest = &after[j + 1..];
            }
            _ => rest = after,
        }
    }
    out
}

/// The category's colour class (FU-REC-2: PANAS red, HANGAT yellow, DINGIN
/// blue) and its order of urgency; a category this build does not know
/// comes last (OQ-1).
pub fn category_rank(c: &FollowUpCategory) -> u8 {
    match c {
        FollowUpCategory::Panas => 0,
        FollowUpCategory::Hangat => 1,
        FollowUpCategory::Dingin => 2,
        FollowUpCategory::Other(_) => 3,
    }
}

/// WhatsApp accepts free text only within 24 hours of the customer's last
/// message; after that only approved templates, sent as written.
pub const WA_WINDOW_SECS: i64 = 24 * 3600;

/// A ticket's WhatsApp window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Not a WhatsApp conversation: free text any time.
    NotWhatsapp,
    /// Free text allowed for this many more seconds.
    Open { remaining_s: i64 },
    /// Only a template, unedited.
    Closed,
}

impl Window {
    pub fn allows_free_text(self) -> bool {
        !matches!(self, Window::Closed)
    }
}

/// The window of a conversation on `channel` whose customer last wrote at
/// `last_customer_message_at` (RFC 3339), seen at `now`.
pub fn wa_window(channel: &Channel, last_customer_message_at: Option<&str>, now: Unix) -> Window {
    if *channel != Channel::Whatsapp {
        return Window::NotWhatsapp;
    }
    let Some(elapsed) = last_customer_message_at.and_then(|t| secs_since(t, now)) else {
        return Window::Closed;
    };
    let remaining_s = WA_WINDOW_SECS - elapsed;
    if remaining_s > 0 {
        Window::Open { remaining_s }
    } else {
        Window::Closed
    }
}

/// Whole hours and minutes of a remaining time (seconds dropped).
pub fn hours_minutes(secs: i64) -> (i64, i64) {
    let mins = secs.max(0) / 60;
    (mins / 60, mins % 60)
}

/// What the server answers a free-text message outside the window.
pub const WA_WINDOW_CLOSED: &str = "Jendela 24 jam WhatsApp sudah tertutup: pelanggan terakhir menulis lebih dari 24 jam lalu. Kirim template follow-up tanpa mengubah isinya.";

/// Whether `message` is `template` sent as written (the only thing WhatsApp
/// takes outside the window). Surrounding white space does not count.
pub fn is_unedited(message: &str, template: &str) -> bool {
    message.trim() == template.trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{now, rfc3339};
    use proptest::prelude::*;

    fn fill() -> Fill<'static> {
        Fill {
            customer: "Budi Santoso",
            agent: "Rudi Hartono",
            origin: Some("Surabaya"),
            destination: None,
        }
    }

    #[test]
    fn every_placeholder_is_filled_and_a_missing_city_reads_naturally() {
        let body = "Halo {nama}, ini {agent}. Kirim {asal} → {tujuan}?";
        let out = personalize(body, &fill());
        assert_eq!(
            out,
            "Halo Budi Santoso, ini Rudi Hartono. Kirim Surabaya → kota tujuan?"
        );
        assert!(raw_placeholders(&out).is_empty());
        for (p, _) in PLACEHOLDERS {
            assert!(raw_placeholders(&personalize(p, &fill())).is_empty(), "{p}");
        }
    }

    #[test]
    fn unknown_placeholders_are_found() {
        assert_eq!(
            raw_placeholders("Halo {nama} {kota_x} {}"),
            vec!["{nama}", "{kota_x}"]
        );
        assert!(raw_placeholders("harga {Rp 1.000} tetap").is_empty());
    }

    proptest! {
        /// Whatever the customer's name, a known placeholder never reaches
        /// the customer raw.
        #[test]
        fn no_known_placeholder_survives(name in "[A-Za-z '.]{0,30}", agent in "[A-Za-z ]{0,20}") {
            let f = Fill { customer: &name, agent: &agent, origin: None, destination: Some("Makassar") };
            let out = personalize("{nama}/{agent}/{asal}/{tujuan}", &f);
            for (p, _) in PLACEHOLDERS {
                prop_assert!(!out.contains(p), "{} in {}", p, out);
            }
        }
    }

    #[test]
    fn the_window_is_24_hours_from_the_customers_last_message_on_whatsapp_only() {
        let now = now();
        let at = |h: i64, m: i64| rfc3339(now - h * 3600 - m * 60);
        assert_eq!(
            wa_window(&Channel::Whatsapp, Some(&at(8, 30)), now),
            Window::Open {
                remaining_s: 15 * 3600 + 30 * 60
            }
        );
        assert_eq!(
            wa_window(&Channel::Whatsapp, Some(&at(24, 0)), now),
            Window::Closed
        );
        assert_eq!(
            wa_window(&Channel::Whatsapp, Some(&at(30, 0)), now),
            Window::Closed
        );
        assert_eq!(wa_window(&Channel::Whatsapp, None, now), Window::Closed);
        assert_eq!(
            wa_window(&Channel::Telegram, Some(&at(30, 0)), now),
            Window::NotWhatsapp
        );
        assert!(Window::NotWhatsapp.allows_free_text());
        assert!(!Window::Closed.allows_free_text());
    }

    #[test]
    fn remaining_time_in_hours_and_minutes() {
        assert_eq!(hours_minutes(15 * 3600 + 30 * 60), (15, 30));
        assert_eq!(hours_minutes(15 * 3600 + 30 * 60 + 59), (15, 30));
        assert_eq!(hours_minutes(59), (0, 0));
        assert_eq!(hours_minutes(0), (0, 0));
        assert_eq!(hours_minutes(-5), (0, 0));
    }

    #[test]
    fn only_the_template_as_written_is_unedited() {
        assert!(is_unedited(" Halo {nama}. ", "Halo {nama}."));
        assert!(!is_unedited("Halo {nama}!", "Halo {nama}."));
    }
}
