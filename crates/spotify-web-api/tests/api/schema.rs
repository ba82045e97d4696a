//! The spec (`spec/openapi.yml`) as data: its operations, and a validator of response bodies
//! against their schemas (the OpenAPI 3.0 subset the spec uses: `$ref`, `type`, `nullable`,
//! `properties`, `required`, `items`, `allOf`, `oneOf`, `anyOf`, `enum`).
//!
//! Where the spec is stricter than what Spotify really sends (SPEC-GAPS.md), the difference is
//! allowed in exactly one place: [`LOOSE_SPOTS`].

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

/// One operation of the spec.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    pub(crate) method: String,
    /// The path template, e.g. `/albums/{id}/tracks`.
    pub(crate) path: String,
    pub(crate) deprecated: bool,
    /// The schema of the success body, if it has one.
    pub(crate) success_schema: Option<Value>,
}

impl Operation {
    /// Whether a concrete path (under `/v1`, without the query) is this operation's template.
    pub(crate) fn matches_path(&self, path: &str) -> bool {
        let template: Vec<&str> = self.path.trim_matches('/').split('/').collect();
        let actual: Vec<&str> = path.trim_matches('/').split('/').collect();
        template.len() == actual.len()
            && template
                .iter()
                .zip(&actual)
                .all(|(t, a)| (t.starts_with('{') && t.ends_with('}') && !a.is_empty()) || t == a)
    }
}

/// The parsed spec, read once per test binary.
pub(crate) fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../spec/openapi.yml");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        serde_norway::from_str(&text).expect("openapi.yml parses")
    })
}

/// Every operation of the spec, by operationId.
pub(crate) fn operations() -> BTreeMap<String, Operation> {
    let mut out = BTreeMap::new();
    let paths = spec()["paths"].as_object().expect("paths");
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("path item") {
            let Some(id) = op.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            let success = op["responses"]
                .as_object()
                .and_then(|r| ["200", "201", "202"].iter().find_map(|code| r.get(*code)))
                .map(resolve)
                .and_then(|resp| resp.pointer("/content/application~1json/schema").cloned());
            out.insert(
                id.to_owned(),
                Operation {
                    method: method.to_uppercase(),
                    path: path.clone(),
                    deprecated: op.get("deprecated").and_then(Value::as_bool) == Some(true),
                    success_schema: success,
                },
            );
        }
    }
    out
}

/// Follows a `$ref` (`#/components/...`) to what it names.
fn resolve(value: &Value) -> &Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            spec()
                .pointer(pointer)
                .unwrap_or_else(|| panic!("dangling $ref {reference}"))
        }
        None => value,
    }
}

/// Whether `value` is a local file among a playlist's items: a track with `is_local: true`,
/// which Spotify sends with `null` for every id, link and date of the track, its album and its
/// artists (SPEC-GAPS.md). Inside one, `null` is allowed anywhere.
fn is_local_file(value: &Value) -> bool {
    value.get("is_local") == Some(&Value::Bool(true))
        && value.get("type").and_then(Value::as_str) == Some("track")
}

/// What a body may break because real Spotify breaks it too (SPEC-GAPS.md), and only that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Loose {
    /// The schema lists the field as required, but real bodies (in some mode) lack it.
    Required(&'static str, &'static str),
    /// The field may be `null` though the schema does not say `nullable`.
    Nullable(&'static str, &'static str),
    /// The field takes a value the schema's `enum` lacks.
    Enum(&'static str, &'static str),
}

/// The spec's known loose spots, in one place: `(schema, field)` pairs, plus one rule for a
/// whole object (see [`is_local_file`]): inside a local file among a playlist's items, any
/// field may be `null`, as real bodies send them.
pub(crate) const LOOSE_SPOTS: &[Loose] = &[
    // Development mode strips these since 2026-02 (API-CHANGES.md, field removals).
    Loose::Required("AlbumBase", "available_markets"),
    Loose::Required("SimplifiedAlbumObject", "available_markets"),
    Loose::Required("AlbumObject", "available_markets"),
    Loose::Required("ArtistDiscographyAlbumObject", "available_markets"),
    Loose::Required("ArtistDiscographyAlbumObject", "album_group"),
    Loose::Required("ShowBase", "available_markets"),
    Loose::Required("ShowBase", "publisher"),
    Loose::Required("SimplifiedShowObject", "available_markets"),
    Loose::Required("SimplifiedShowObject", "publisher"),
    Loose::Required("ShowObject", "available_markets"),
    Loose::Required("ShowObject", "publisher"),
    Loose::Required("AudiobookBase", "available_markets"),
    Loose::Required("AudiobookBase", "publisher"),
    Loose::Required("SimplifiedAudiobookObject", "available_markets"),
    Loose::Required("SimplifiedAudiobookObject", "publisher"),
    Loose::Required("AudiobookObject", "available_markets"),
    Loose::Required("AudiobookObject", "publisher"),
    Loose::Required("ChapterBase", "available_markets"),
    Loose::Required("SimplifiedChapterObject", "available_markets"),
    Loose::Required("ChapterObject", "available_markets"),
    // Deprecated since 2024-12 and no longer sent.
    Loose::Required("EpisodeBase", "audio_preview_url"),
    Loose::Required("SimplifiedEpisodeObject", "audio_preview_url"),
    Loose::Required("EpisodeObject", "audio_preview_url"),
    Loose::Required("ChapterBase", "audio_preview_url"),
    Loose::Required("SimplifiedChapterObject", "audio_preview_url"),
    Loose::Required("ChapterObject", "audio_preview_url"),
    // Real chapter objects say "chapter"; the spec allows only "episode".
    Loose::Enum("ChapterBase", "type"),
    Loose::Enum("SimplifiedChapterObject", "type"),
    Loose::Enum("ChapterObject", "type"),
    // The descriptions say "can be null"; the schemas do not.
    Loose::Nullable("PlaylistTrackObject", "added_at"),
    Loose::Nullable("PlaylistTrackObject", "added_by"),
    Loose::Nullable("QueueObject", "currently_playing"),
    Loose::Nullable("CurrentlyPlayingContextObject", "context"),
    Loose::Nullable("CurrentlyPlayingContextObject", "progress_ms"),
    Loose::Nullable("CurrentlyPlayingContextObject", "item"),
    Loose::Nullable("CurrentlyPlayingObject", "context"),
    Loose::Nullable("CurrentlyPlayingObject", "progress_ms"),
    Loose::Nullable("CurrentlyPlayingObject", "item"),
    Loose::Nullable("SimplifiedPlaylistObject", "public"),
    Loose::Nullable("PlaylistObject", "public"),
    // A playlist never given a description has `null` (the fixtures' playlists do).
    Loose::Nullable("SimplifiedPlaylistObject", "description"),
    Loose::Nullable("PlaylistObject", "description"),
    // A track played outside a context (from the queue, or a list of URIs) has none.
    Loose::Nullable("PlayHistoryObject", "context"),
    // An empty cursor page has no cursors.
    Loose::Nullable("CursorPagingObject", "cursors"),
    Loose::Nullable("CursorObject", "after"),
    Loose::Nullable("CursorPagingObject", "next"),
    Loose::Nullable("CursorPagingPlayHistoryObject", "next"),
    Loose::Nullable("CursorPagingSimplifiedArtistObject", "next"),
    Loose::Nullable("PrivateUserObject", "display_name"),
    Loose::Nullable("PublicUserObject", "display_name"),
    // Multi-gets answer `null` in the slot of an ID Spotify does not know (SPOTIFY-PROTOCOL.md
    // §2.8); the schemas' item types are not nullable.
    Loose::Nullable("(root)", "albums"),
    Loose::Nullable("(root)", "artists"),
    Loose::Nullable("(root)", "tracks"),
    Loose::Nullable("(root)", "audio_features"),
    // Development mode strips these since 2026-02 (API-CHANGES.md, field removals).
    Loose::Required("AlbumObject", "label"),
    Loose::Required("AlbumObject", "popularity"),
    // `GET /me/playlists` sends `null` in place of the playlists Spotify hides from the app
    // (its own, for apps the November 2024 rules cover; API-CHANGES.md, reported since 2024-12).
    Loose::Nullable("PagingPlaylistObject", "items"),
    // A genre seed has no link: real bodies send `"href": null`.
    Loose::Nullable("RecommendationSeedObject", "href"),
];

/// A place where a body breaks its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Violation {
    /// The JSON path, e.g. `.items[0].album`.
    pub(crate) path: String,
    /// What is wrong, as a loose spot would name it, if it is of a kind one can allow.
    pub(crate) spot: Option<(SpotKind, String, String)>,
    pub(crate) problem: String,
}

/// The kinds of [`Loose`] spot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpotKind {
    Required,
    Nullable,
    Enum,
}

impl Violation {
    fn is_allowed(&self) -> bool {
        let Some((kind, schema, field)) = &self.spot else {
            return false;
        };
        LOOSE_SPOTS.iter().any(|spot| match (kind, *spot) {
            (SpotKind::Required, Loose::Required(s, f))
            | (SpotKind::Nullable, Loose::Nullable(s, f))
            | (SpotKind::Enum, Loose::Enum(s, f)) => s == schema && f == field,
            _ => false,
        })
    }
}

/// Validates `value` against `schema`; returns the violations not allowed by [`LOOSE_SPOTS`].
pub(crate) fn validate(schema: &Value, value: &Value) -> Vec<Violation> {
    let mut out = Vec::new();
    check(schema, value, ".", "(root)", None, &mut out);
    out.retain(|v| !v.is_allowed());
    out
}

/// `owner`: the schema that declares the property being checked, and the property's name.
fn check(
    schema: &Value,
    value: &Value,
    path: &str,
    name: &str,
    owner: Option<(&str, &str)>,
    out: &mut Vec<Violation>,
) {
    if is_local_file(value) {
        // Checked on its own, so that only the `null`s inside it are let through.
        let mut own = Vec::new();
        check_inner(schema, value, path, name, owner, &mut own);
        out.extend(
            own.into_iter()
                .filter(|v| !matches!(v.spot, Some((SpotKind::Nullable, _, _)))),
        );
        return;
    }
    check_inner(schema, value, path, name, owner, out);
}

/// [`check`] without the local-file rule.
fn check_inner(
    schema: &Value,
    value: &Value,
    path: &str,
    name: &str,
    owner: Option<(&str, &str)>,
    out: &mut Vec<Violation>,
) {
    let mut name = name.to_owned();
    let mut schema = schema;
    while let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        name = reference.rsplit('/').next().unwrap_or(reference).to_owned();
        schema = resolve(schema);
    }
    let owned = |kind: SpotKind| owner.map(|(s, f)| (kind, s.to_owned(), f.to_owned()));
    let mut push = |spot, problem: String| {
        out.push(Violation {
            path: path.to_owned(),
            spot,
            problem,
        })
    };
    if value.is_null() {
        if schema.get("nullable").and_then(Value::as_bool) != Some(true) {
            push(
                owned(SpotKind::Nullable),
                "null where the schema is not nullable".to_owned(),
            );
        }
        return;
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        push(owned(SpotKind::Enum), format!("{value} is not in the enum"));
    }
    let kind = schema.get("type").and_then(Value::as_str);
    let kind_ok = match kind {
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        _ => true,
    };
    if !kind_ok {
        push(
            None,
            format!("expected {}, found {value}", kind.unwrap_or("?")),
        );
        return;
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for part in all {
            check(part, value, path, &name, owner, out);
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let fits = options.iter().any(|option| {
                let mut errors = Vec::new();
                check(option, value, path, &name, owner, &mut errors);
                errors.retain(|v| !v.is_allowed());
                errors.is_empty()
            });
            if !fits {
                out.push(Violation {
                    path: path.to_owned(),
                    spot: None,
                    problem: format!("fits none of the {key} options"),
                });
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        // An item is owned by the array's property, so a `null` item (a multi-get's slot for
        // an unknown ID) is a loose spot of that property.
        for (i, item) in array.iter().enumerate() {
            check(items, item, &format!("{path}[{i}]"), &name, owner, out);
        }
    }
    if let Some(object) = value.as_object() {
        if let Some(required) = schema.get("required").and_then(Value::as_array) {
            for field in required.iter().filter_map(Value::as_str) {
                if !object.contains_key(field) {
                    out.push(Violation {
                        path: path.to_owned(),
                        spot: Some((SpotKind::Required, name.clone(), field.to_owned())),
                        problem: format!("required `{field}` is missing ({name})"),
                    });
                }
            }
        }
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (field, sub) in properties {
                if let Some(child) = object.get(field) {
                    let child_path = if path == "." {
                        format!(".{field}")
                    } else {
                        format!("{path}.{field}")
                    };
                    check(sub, child, &child_path, &name, Some((&name, field)), out);
                }
            }
        }
    }
}

#[test]
fn the_validator_catches_what_it_should() {
    let ops = operations();
    assert_eq!(ops.len(), 97);
    let album = ops["get-an-album"].success_schema.clone().unwrap();
    // A missing required field, a wrong type, a value outside an enum.
    let bad = serde_json::json!({"album_type": "lp", "total_tracks": "ten", "id": "x"});
    let violations = validate(&album, &bad);
    let problems: Vec<&str> = violations.iter().map(|v| v.problem.as_str()).collect();
    assert!(
        problems.iter().any(|p| p.contains("required `name`")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("expected integer")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("not in the enum")),
        "{problems:?}"
    );
    // A loose spot is allowed: an album without `available_markets`.
    let missing_markets: Vec<_> = validate(&album, &serde_json::json!({}))
        .into_iter()
        .filter(|v| v.problem.contains("available_markets"))
        .collect();
    assert!(missing_markets.is_empty(), "{missing_markets:?}");
    assert!(ops["get-an-albums-tracks"].matches_path("/albums/4aawyAB9vmqN3uQ7FjRGTy/tracks"));
    assert!(!ops["get-an-albums-tracks"].matches_path("/album/4aawyAB9vmqN3uQ7FjRGTy/tracks"));
    assert!(!ops["get-an-album"].matches_path("/albums/4aawyAB9vmqN3uQ7FjRGTy/tracks"));
}

#[test]
fn nulls_pass_only_inside_local_files() {
    let page = operations()["get-playlists-items"]
        .success_schema
        .clone()
        .unwrap();
    let body = |is_local: bool| {
        serde_json::json!({"href": "h", "limit": 1, "next": null, "offset": 0, "previous": null,
            "total": 1, "items": [{"added_at": null, "added_by": null, "is_local": is_local,
            "item": {"type": "track", "is_local": is_local, "id": null, "href": null,
                "name": "Demo", "uri": "spotify:local:a:b:Demo:60",
                "artists": [{"id": null, "href": null, "uri": null, "name": "a",
                    "type": "artist", "external_urls": {}}],
                "album": {"album_type": null, "total_tracks": 0, "available_markets": [],
                    "external_urls": {}, "href": null, "id": null, "images": [], "name": "b",
                    "release_date": null, "release_date_precision": null, "type": "album",
                    "uri": null, "artists": []}}}]})
    };
    assert_eq!(validate(&page, &body(true)), []);
    let problems = validate(&page, &body(false));
    assert!(
        problems.iter().any(|v| v.problem.contains("oneOf")),
        "{problems:?}"
    );
}
