//! Indonesian cities, regencies and ports for the CRM origin and destination
//! autocomplete (CRM-SHARED-1, OQ-20). The list is bundled (see
//! `data/places.txt` for its source); free text stays allowed.

const DATA: &str = include_str!("../data/places.txt");

/// Every bundled place, in file order.
pub fn all() -> impl Iterator<Item = &'static str> {
    DATA.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// The name without its "Kab. " or "Pelabuhan " prefix, which people do not type.
fn core_name(p: &str) -> &str {
    p.strip_prefix("Kab. ")
        .or_else(|| p.strip_prefix("Pelabuhan "))
        .unwrap_or(p)
}

/// Up to `limit` places matching what was typed, best first: names that
/// start with the query, then names with a word that starts with it, then
/// names that contain it. Cities come before regencies and ports of the same
/// rank, then alphabetical order.
pub fn suggest(query: &str, limit: usize) -> Vec<&'static str> {
    let q = fold(query.trim());
    if q.is_empty() {
        return Vec::new();
    }
    let mut ranked: Vec<(u8, u8, &'static str)> = Vec::new();
    for p in all() {
        let full = fold(p);
        let name = fold(core_name(p));
        let rank = if name.starts_with(&q) {
            0
        } else if name.split([' ', ',', '-']).any(|w| w.starts_with(&q)) {
            1
        } else if full.contains(&q) {
            2
        } else {
            continue;
        };
        let kind = if p.starts_with("Kab. ") {
            1
        } else if p.starts_with("Pelabuhan ") {
            2
        } else {
            0
        };
        ranked.push((rank, kind, p));
    }
    ranked.sort();
    ranked.into_iter().take(limit).map(|r| r.2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_loaded_and_unique() {
        let v: Vec<_> = all().collect();
        assert!(v.len() > 500, "{} places", v.len());
        let mut s = v.clone();
        s.sort();
        s.dedup();
        assert_eq!(s.len(), v.len());
        assert!(v.contains(&"Surabaya") && v.contains(&"Batam") && v.contains(&"Kab. Sleman"));
    }

    #[test]
    fn cities_come_first() {
        let s = suggest("sura", 5);
        assert_eq!(s[0], "Surabaya");
        assert!(s.contains(&"Surakarta"));
        let s = suggest("bogor", 5);
        assert_eq!(s, vec!["Bogor", "Kab. Bogor"]);
        // A word inside the name matches: the ports of Jakarta.
        assert!(suggest("priok", 5).contains(&"Pelabuhan Tanjung Priok, Jakarta"));
        assert!(suggest("JAKARTA", 10).starts_with(&["Jakarta"]));
    }

    #[test]
    fn nothing_for_empty_or_unknown() {
        assert!(suggest("  ", 5).is_empty());
        assert!(suggest("zzzz", 5).is_empty());
        assert_eq!(suggest("a", 8).len(), 8);
    }
}
