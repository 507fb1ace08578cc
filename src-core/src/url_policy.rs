//! SEC-4: the API is reached over HTTPS only. Plain HTTP is accepted for
//! loopback hosts alone (the embedded dev server, local testing).

/// Checks a configured API base URL. Returns the normalised URL (no trailing
/// slash) or a message in Bahasa Indonesia.
pub fn check_api_url(raw: &str) -> Result<String, String> {
    let s = raw.trim().trim_end_matches('/');
    if s.is_empty() {
        return Err("Alamat API kosong.".into());
    }
    let (scheme, rest) = s.split_once("://").ok_or_else(|| {
        format!("Alamat API tidak valid: '{s}'. Contoh: https://api.contoh.co.id")
    })?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err("Alamat API tidak boleh berisi nama pengguna atau kata sandi.".into());
    }
    let host = host_of(authority);
    if host.is_empty() {
        return Err(format!("Alamat API tidak memiliki host: '{s}'."));
    }
    match scheme.as_str() {
        "https" => Ok(s.to_string()),
        "http" if is_loopback(&host) => Ok(s.to_string()),
        "http" => Err(format!(
            "Koneksi tidak aman ditolak: '{s}' memakai HTTP. Gunakan alamat https:// (HTTP hanya diizinkan untuk localhost)."
        )),
        other => Err(format!("Skema '{other}' tidak didukung. Gunakan https://.")),
    }
}

fn host_of(authority: &str) -> String {
    if let Some(rest) = authority.strip_prefix('[') {
        // IPv6 literal
        return rest.split(']').next().unwrap_or("").to_ascii_lowercase();
    }
    authority
        .rsplit_once(':')
        .map(|(h, _)| h)
        .unwrap_or(authority)
        .to_ascii_lowercase()
}

/// Loopback hosts: `localhost`, `127.0.0.0/8`, `::1`.
pub fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host.ends_with(".localhost") || host == "::1" {
        return true;
    }
    host.parse::<std::net::Ipv4Addr>()
        .map(|ip| ip.is_loopback())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_accepted() {
        assert_eq!(
            check_api_url("https://api.saga.co.id/").unwrap(),
            "https://api.saga.co.id"
        );
    }

    #[test]
    fn http_only_on_loopback() {
        assert!(check_api_url("http://127.0.0.1:8787").is_ok());
        assert!(check_api_url("http://127.5.0.1:8787").is_ok());
        assert!(check_api_url("http://localhost:3000").is_ok());
        assert!(check_api_url("http://[::1]:3000").is_ok());
        let e = check_api_url("http://api.saga.co.id").unwrap_err();
        assert!(e.contains("HTTP"), "{e}");
        assert!(check_api_url("http://10.0.0.5").is_err());
        assert!(check_api_url("http://localhost.evil.com").is_err());
        assert!(check_api_url("http://127.0.0.1.nip.io").is_err());
    }

    #[test]
    fn rejects_nonsense() {
        assert!(check_api_url("").is_err());
        assert!(check_api_url("api.saga.co.id").is_err());
        assert!(check_api_url("ftp://x").is_err());
        assert!(check_api_url("https://user:pw@host").is_err());
    }
}
