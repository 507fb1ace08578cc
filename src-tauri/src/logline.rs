//! The app's log lines and crash message (issue 17 item 7): every line goes
//! through [`redact`], which takes out anything shaped like a session token
//! (a JWT, a bearer header) and the live token itself, so an error text
//! that carried one (a server's echo, a panic message) cannot leak it to a
//! terminal, a system journal or a bug report.

use std::sync::Mutex;

/// The live session token, to take out of lines exactly (whatever its
/// shape); set at sign-in and restore, cleared at sign-out.
static LIVE: Mutex<Option<String>> = Mutex::new(None);

pub fn set_live_token(t: Option<&str>) {
    *LIVE.lock().unwrap_or_else(|p| p.into_inner()) = t.map(String::from);
}

const HIDDEN: &str = "[token]";

fn b64url(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// `text` without tokens: JWTs (`eyJ….….…`), what follows `Bearer `, and
/// the live token.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let (i, bearer) = match (rest.find("eyJ"), rest.find("Bearer ")) {
            (Some(j), Some(b)) if b < j => (b, true),
            (Some(j), _) => (j, false),
            (None, Some(b)) => (b, true),
            (None, None) => break,
        };
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if bearer {
            let v = &tail["Bearer ".len()..];
            let n = v
                .find(|c: char| c.is_whitespace() || c == '"' || c == '\'')
                .unwrap_or(v.len());
            out.push_str("Bearer ");
            out.push_str(if n > 0 { HIDDEN } else { "" });
            rest = &v[n..];
            continue;
        }
        // A JWT: three base64url parts joined by dots.
        let n = tail
            .find(|c: char| !(b64url(c) || c == '.'))
            .unwrap_or(tail.len());
        let candidate = &tail[..n];
        if candidate.split('.').count() >= 3 && candidate.len() > 20 {
            out.push_str(HIDDEN);
        } else {
            out.push_str(candidate);
        }
        // (`n` is at least 3: "eyJ" itself.)
        rest = &tail[n..];
    }
    out.push_str(rest);
    match LIVE.lock().unwrap_or_else(|p| p.into_inner()).as_deref() {
        Some(t) if t.len() >= 8 => out.replace(t, HIDDEN),
        _ => out,
    }
}

/// Writes one log line (stderr, which the system journal or the terminal
/// keeps), redacted.
pub fn line(args: std::fmt::Arguments<'_>) {
    eprintln!("saga-app: {}", redact(&args.to_string()));
}

/// `say!("…", args)`: a redacted log line.
#[macro_export]
macro_rules! say {
    ($($t:tt)*) => { $crate::logline::line(format_args!($($t)*)) };
}

/// What a crash says: where, and the panic's message, redacted.
pub fn crash_text(message: &str, location: Option<String>) -> String {
    format!(
        "saga-app crashed{}: {}",
        location.map(|l| format!(" at {l}")).unwrap_or_default(),
        redact(message)
    )
}

/// Replaces the default panic message (which prints the payload as it is)
/// with [`crash_text`].
pub fn install_crash_hook() {
    std::panic::set_hook(Box::new(|info| {
        let p = info.payload();
        let message = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        eprintln!("{}", crash_text(&message, at));
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJVLXNhcmkxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

    #[test]
    fn tokens_never_reach_a_line() {
        let said = redact(&format!(
            "request failed: {{\"token\":\"{JWT}\"}} with Authorization: Bearer {JWT} (retry)"
        ));
        assert!(
            !said.contains("eyJhbGci") && !said.contains("c2lnbmF0dXJl"),
            "{said}"
        );
        assert!(
            said.contains("[token]") && said.contains("(retry)"),
            "{said}"
        );
        // Ordinary words that start the same way are kept.
        assert_eq!(
            redact("eyJ is not a token; Bearer"),
            "eyJ is not a token; Bearer"
        );
        assert_eq!(redact("tiket T-12 dibuka"), "tiket T-12 dibuka");
    }

    #[test]
    fn the_live_token_is_taken_out_whatever_its_shape() {
        set_live_token(Some("opaque-session-7f3a9c"));
        let said = redact("backend said: unknown session opaque-session-7f3a9c");
        set_live_token(None);
        assert_eq!(said, "backend said: unknown session [token]");
    }

    #[test]
    fn a_crash_message_is_redacted() {
        let t = crash_text(
            &format!("called `Result::unwrap()` on an `Err` value: Unauthorized(\"{JWT}\")"),
            Some("src/commands/session.rs:40".into()),
        );
        assert!(t.starts_with("saga-app crashed at src/commands/session.rs:40: called"));
        assert!(!t.contains("eyJhbGci"), "{t}");
    }
}
