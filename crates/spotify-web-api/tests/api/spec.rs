//! Every operation's doc names its spec operation (`Spec: \`id\` · \`METHOD /path\``), and this
//! checks each one against `openapi.yml`: the operationId exists, with that method and path.
//! It also prints the coverage so far.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// `operationId` → (`METHOD`, `/path`), read from the spec's `paths` section.
fn spec_operations() -> BTreeMap<String, (String, String)> {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../spec/openapi.yml");
    let text = std::fs::read_to_string(&spec)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", spec.display()));
    let mut operations = BTreeMap::new();
    let (mut path, mut method) = (String::new(), String::new());
    for line in text.lines() {
        if line.starts_with("components:") {
            break;
        }
        if let Some(p) = line.strip_prefix("  /").and_then(|l| l.strip_suffix(':')) {
            path = format!("/{p}");
        } else if let Some(m) = line.strip_prefix("    ").and_then(|l| l.strip_suffix(':')) {
            if ["get", "post", "put", "delete", "patch"].contains(&m) {
                method = m.to_uppercase();
            }
        } else if let Some(id) = line.strip_prefix("      operationId: ") {
            operations.insert(id.trim().to_owned(), (method.clone(), path.clone()));
        }
    }
    operations
}

/// Every `.rs` file under `src/api/`, an area split into a directory (`api/player/`) included.
fn api_sources() -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/api")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// (`operationId`, `METHOD`, `/path`) of every `Spec:` line under `src/api/`.
fn documented_operations() -> Vec<(String, String, String, String)> {
    let mut found = Vec::new();
    for file in api_sources() {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines() {
            let Some(rest) = line.trim().strip_prefix("/// Spec: `") else {
                continue;
            };
            let mut parts = rest.split('`');
            let id = parts.next().unwrap_or_default().to_owned();
            let endpoint = parts.nth(1).unwrap_or_default();
            let (method, path) = endpoint.split_once(' ').unwrap_or_default();
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            found.push((name, id, method.to_owned(), path.to_owned()));
        }
    }
    found
}

#[test]
fn every_documented_operation_matches_the_spec() {
    let spec = spec_operations();
    assert_eq!(spec.len(), 97, "the spec has 97 operations");
    let documented = documented_operations();
    assert!(documented.len() >= 3, "{documented:?}");
    for (file, id, method, path) in &documented {
        let Some((spec_method, spec_path)) = spec.get(id) else {
            panic!("{file}: `{id}` is not an operationId of the spec");
        };
        assert_eq!(
            (method, path),
            (spec_method, spec_path),
            "{file}: `{id}` is {spec_method} {spec_path} in the spec"
        );
    }
    let mut ids: Vec<_> = documented.iter().map(|d| d.1.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(
        ids.len(),
        documented.len(),
        "an operation is documented twice"
    );
    println!(
        "library coverage: {} of {} operations",
        ids.len(),
        spec.len()
    );
}

/// Operations Spotify removed for development-mode apps that the library still serves for
/// them another way, so their methods are not deprecated: the multi-gets (through single
/// gets), and the per-type library and follow operations (through `/me/library`).
const SERVED_BY_FALLBACK: &[&str] = &[
    "get-multiple-albums",
    "get-multiple-artists",
    "get-several-tracks",
    "get-multiple-shows",
    "get-multiple-episodes",
    "get-multiple-audiobooks",
    "get-several-chapters",
    "save-tracks-user",
    "remove-tracks-user",
    "check-users-saved-tracks",
    "save-albums-user",
    "remove-albums-user",
    "check-users-saved-albums",
    "save-episodes-user",
    "remove-episodes-user",
    "check-users-saved-episodes",
    "save-shows-user",
    "remove-shows-user",
    "check-users-saved-shows",
    "save-audiobooks-user",
    "remove-audiobooks-user",
    "check-users-saved-audiobooks",
    "follow-artists-users",
    "unfollow-artists-users",
    "check-current-user-follows",
    "follow-playlist",
    "unfollow-playlist",
    "check-if-user-follows-playlist",
];

/// `operationId` → the `#[deprecated(...)]` text on its method, if any.
fn deprecations() -> BTreeMap<String, Option<String>> {
    let mut found = BTreeMap::new();
    for file in api_sources() {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            let Some(rest) = line.trim().strip_prefix("/// Spec: `") else {
                continue;
            };
            let id = rest.split('`').next().unwrap_or_default().to_owned();
            // The attribute sits between the doc comment and the `pub fn`.
            let mut attribute = None;
            for next in &lines[n + 1..] {
                let next = next.trim();
                if next.starts_with("pub fn") {
                    break;
                }
                if next.starts_with("#[deprecated") || attribute.is_some() {
                    let text: &mut String = attribute.get_or_insert_with(String::new);
                    text.push_str(next);
                }
            }
            found.insert(id, attribute);
        }
    }
    found
}

#[test]
fn removed_operations_are_deprecated_with_the_date_and_live_ones_are_not() {
    let spec = crate::schema::operations();
    for (id, attribute) in deprecations() {
        let removed = spec[&id].deprecated && !SERVED_BY_FALLBACK.contains(&id.as_str());
        match (removed, attribute) {
            (true, Some(text)) => assert!(
                has_date(&text) && text.contains("note"),
                "`{id}`: the deprecation should give the date and the replacement: {text}"
            ),
            (true, None) => {
                panic!("`{id}` is removed for some apps: mark its method #[deprecated]")
            }
            (false, Some(text)) => panic!("`{id}` is live but its method is deprecated: {text}"),
            (false, None) => {}
        }
    }
}

/// Whether `text` holds a date such as `2026-02`.
fn has_date(text: &str) -> bool {
    text.as_bytes().windows(7).any(|w| {
        w[..2] == *b"20"
            && w[2..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..].iter().all(u8::is_ascii_digit)
    })
}
