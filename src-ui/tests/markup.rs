//! A rule of the markup that Yew does not check: an `Option` spliced among
//! siblings with `{ for x }` changes the number of children, and Yew
//! matches unkeyed children from the end, so every sibling before it is
//! rebuilt: an input loses its focus and what was typed mid-keystroke (the
//! user form did), a whole page remounts when a toast appears (the app
//! did). Write `{ x.unwrap_or_default() }` or `if let Some(..)` instead;
//! splice only iterators of keyed elements.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `{ for name }` or `{ for a.b }`: a bare value, not an iterator chain.
fn spliced_values(src: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find("{ for ") {
        let after = &rest[i + 6..];
        let end = after.find(" }").unwrap_or(after.len());
        let what = &after[..end];
        if !what.is_empty()
            && what
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            found.push(what.to_string());
        }
        rest = after;
    }
    found
}

#[test]
fn no_option_is_spliced_among_siblings() {
    assert_eq!(
        spliced_values("<p>{ for err }</p> { for a.b } { for xs.iter().map(f) }"),
        ["err", "a.b"]
    );
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let offenders: Vec<String> = files
        .iter()
        .flat_map(|f| {
            let src = std::fs::read_to_string(f).unwrap();
            spliced_values(&src)
                .into_iter()
                .map(move |v| format!("{}: {{ for {v} }}", f.display()))
        })
        .collect();
    assert!(offenders.is_empty(), "{offenders:#?}");
}
