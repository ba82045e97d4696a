//! Quota modes (`API-CHANGES.md`): what a development-mode app lost in November 2024 and
//! February 2026, in one table, and the one check a handler makes against it.
//!
//! A handler of a removed operation starts with one line:
//!
//! ```text
//! caller.require_operation("get-several-tracks")?;   // 403 Forbidden for a development-mode app
//! ```
//!
//! Field removals (which fields a development-mode app no longer sees) are applied where bodies
//! are shaped, in `render`, from [`QuotaMode::is_extended`].

use serde::{Deserialize, Serialize};

use crate::errors::ApiError;

/// An app's quota mode: what Spotify lets it call and see.
///
/// Since 2026-02, a [`Development`](QuotaMode::Development) app (the default for new apps) has
/// lost the operations in the Nov-2024 and Feb-2026 sets (they answer 403 `Forbidden`), sees
/// fewer fields (album `label`, track `popularity`, user `email`…), and reads the contents only
/// of playlists it owns or collaborates on, under the new names `items`/`item`. An
/// [`Extended`](QuotaMode::Extended) app is served everything, with the old names as well.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuotaMode {
    /// Development mode: the removed operations and fields are gone (Spotify's default).
    #[default]
    Development,
    /// Extended quota: every operation and field, old and new names.
    Extended,
}

impl QuotaMode {
    /// Whether this is [`QuotaMode::Extended`].
    pub fn is_extended(self) -> bool {
        self == Self::Extended
    }

    /// The wire name: `"development"` or `"extended"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Development => "development",
            Self::Extended => "extended",
        }
    }
}

impl std::str::FromStr for QuotaMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "development" => Ok(Self::Development),
            "extended" => Ok(Self::Extended),
            other => Err(format!(
                "unknown quota mode {other:?} (development or extended)"
            )),
        }
    }
}

/// Which announcement removed an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wave {
    /// Blog 2024-11-27; in the spec as deprecated since 2024-12-23.
    Nov2024,
    /// Web API changelog, February 2026 (spec snapshots 2026-02-08, -10 and -12).
    Feb2026,
}

/// One operation a development-mode app can no longer call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RemovedOperation {
    /// The spec's `operationId`.
    pub(crate) operation_id: &'static str,
    /// HTTP method.
    pub(crate) method: &'static str,
    /// Path under `/v1`, as the spec writes it.
    pub(crate) path: &'static str,
    /// The announcement that removed it.
    pub(crate) wave: Wave,
    /// When it reached the spec as deprecated (`OPERATIONS.md`).
    pub(crate) deprecated_since: &'static str,
    /// What to call instead, if anything.
    pub(crate) replacement: Option<&'static str>,
}

const fn op(
    operation_id: &'static str,
    method: &'static str,
    path: &'static str,
    wave: Wave,
    deprecated_since: &'static str,
    replacement: Option<&'static str>,
) -> RemovedOperation {
    RemovedOperation {
        operation_id,
        method,
        path,
        wave,
        deprecated_since,
        replacement,
    }
}

use Wave::{Feb2026, Nov2024};

const NOV: &str = "2024-12-23";
const SINGLE: Option<&str> = Some("the single-id GET /{type}/{id}");
const LIBRARY_SAVE: Option<&str> = Some("PUT /me/library?uris=…");
const LIBRARY_REMOVE: Option<&str> = Some("DELETE /me/library?uris=…");
const LIBRARY_CONTAINS: Option<&str> = Some("GET /me/library/contains?uris=…");

/// Every operation removed for development-mode apps (`API-CHANGES.md`, `OPERATIONS.md`): the 8
/// of November 2024 and the 40 of February 2026. The spec marks exactly these `deprecated`
/// (checked by a test).
#[rustfmt::skip]
pub(crate) const REMOVED_OPERATIONS: &[RemovedOperation] = &[
    // --- November 2024 ---------------------------------------------------------------------
    op("get-an-artists-related-artists", "GET", "/artists/{id}/related-artists", Nov2024, NOV, None),
    op("get-featured-playlists", "GET", "/browse/featured-playlists", Nov2024, NOV, None),
    op("get-a-categories-playlists", "GET", "/browse/categories/{category_id}/playlists", Nov2024, NOV, None),
    op("get-several-audio-features", "GET", "/audio-features", Nov2024, NOV, None),
    op("get-audio-features", "GET", "/audio-features/{id}", Nov2024, NOV, None),
    op("get-audio-analysis", "GET", "/audio-analysis/{id}", Nov2024, NOV, None),
    op("get-recommendations", "GET", "/recommendations", Nov2024, NOV, None),
    op("get-recommendation-genres", "GET", "/recommendations/available-genre-seeds", Nov2024, NOV, None),
    // --- February 2026: multi-gets, browse, users, markets (2026-02-08) --------------------
    op("get-multiple-albums", "GET", "/albums", Feb2026, "2026-02-08", SINGLE),
    op("get-multiple-artists", "GET", "/artists", Feb2026, "2026-02-08", SINGLE),
    op("get-an-artists-top-tracks", "GET", "/artists/{id}/top-tracks", Feb2026, "2026-02-08", None),
    op("get-multiple-shows", "GET", "/shows", Feb2026, "2026-02-08", SINGLE),
    op("get-multiple-episodes", "GET", "/episodes", Feb2026, "2026-02-08", SINGLE),
    op("get-multiple-audiobooks", "GET", "/audiobooks", Feb2026, "2026-02-08", SINGLE),
    op("get-several-chapters", "GET", "/chapters", Feb2026, "2026-02-08", SINGLE),
    op("get-several-tracks", "GET", "/tracks", Feb2026, "2026-02-08", SINGLE),
    op("get-users-profile", "GET", "/users/{user_id}", Feb2026, "2026-02-08", Some("GET /me")),
    op("get-list-users-playlists", "GET", "/users/{user_id}/playlists", Feb2026, "2026-02-08", Some("GET /me/playlists")),
    op("create-playlist-for-user", "POST", "/users/{user_id}/playlists", Feb2026, "2026-02-08", Some("POST /me/playlists")),
    op("get-categories", "GET", "/browse/categories", Feb2026, "2026-02-08", None),
    op("get-a-category", "GET", "/browse/categories/{category_id}", Feb2026, "2026-02-08", None),
    op("get-new-releases", "GET", "/browse/new-releases", Feb2026, "2026-02-08", None),
    op("get-available-markets", "GET", "/markets", Feb2026, "2026-02-08", None),
    // --- February 2026: per-type library writes (2026-02-10) -------------------------------
    op("save-audiobooks-user", "PUT", "/me/audiobooks", Feb2026, "2026-02-10", LIBRARY_SAVE),
    op("remove-audiobooks-user", "DELETE", "/me/audiobooks", Feb2026, "2026-02-10", LIBRARY_REMOVE),
    op("save-albums-user", "PUT", "/me/albums", Feb2026, "2026-02-10", LIBRARY_SAVE),
    op("remove-albums-user", "DELETE", "/me/albums", Feb2026, "2026-02-10", LIBRARY_REMOVE),
    op("save-tracks-user", "PUT", "/me/tracks", Feb2026, "2026-02-10", LIBRARY_SAVE),
    op("remove-tracks-user", "DELETE", "/me/tracks", Feb2026, "2026-02-10", LIBRARY_REMOVE),
    op("save-episodes-user", "PUT", "/me/episodes", Feb2026, "2026-02-10", LIBRARY_SAVE),
    op("remove-episodes-user", "DELETE", "/me/episodes", Feb2026, "2026-02-10", LIBRARY_REMOVE),
    op("save-shows-user", "PUT", "/me/shows", Feb2026, "2026-02-10", LIBRARY_SAVE),
    op("remove-shows-user", "DELETE", "/me/shows", Feb2026, "2026-02-10", LIBRARY_REMOVE),
    // --- February 2026: contains checks, follows, playlist /tracks (2026-02-12) ------------
    op("check-users-saved-audiobooks", "GET", "/me/audiobooks/contains", Feb2026, "2026-02-12", LIBRARY_CONTAINS),
    op("check-users-saved-albums", "GET", "/me/albums/contains", Feb2026, "2026-02-12", LIBRARY_CONTAINS),
    op("check-users-saved-tracks", "GET", "/me/tracks/contains", Feb2026, "2026-02-12", LIBRARY_CONTAINS),
    op("check-users-saved-episodes", "GET", "/me/episodes/contains", Feb2026, "2026-02-12", LIBRARY_CONTAINS),
    op("check-users-saved-shows", "GET", "/me/shows/contains", Feb2026, "2026-02-12", LIBRARY_CONTAINS),
    op("get-playlists-tracks", "GET", "/playlists/{playlist_id}/tracks", Feb2026, "2026-02-12", Some("GET /playlists/{id}/items")),
    op("add-tracks-to-playlist", "POST", "/playlists/{playlist_id}/tracks", Feb2026, "2026-02-12", Some("POST /playlists/{id}/items")),
    op("reorder-or-replace-playlists-tracks", "PUT", "/playlists/{playlist_id}/tracks", Feb2026, "2026-02-12", Some("PUT /playlists/{id}/items")),
    op("remove-tracks-playlist", "DELETE", "/playlists/{playlist_id}/tracks", Feb2026, "2026-02-12", Some("DELETE /playlists/{id}/items")),
    op("follow-playlist", "PUT", "/playlists/{playlist_id}/followers", Feb2026, "2026-02-12", LIBRARY_SAVE),
    op("unfollow-playlist", "DELETE", "/playlists/{playlist_id}/followers", Feb2026, "2026-02-12", LIBRARY_REMOVE),
    op("follow-artists-users", "PUT", "/me/following", Feb2026, "2026-02-12", LIBRARY_SAVE),
    op("unfollow-artists-users", "DELETE", "/me/following", Feb2026, "2026-02-12", LIBRARY_REMOVE),
    op("check-current-user-follows", "GET", "/me/following/contains", Feb2026, "2026-02-12", LIBRARY_CONTAINS),
    op("check-if-user-follows-playlist", "GET", "/playlists/{playlist_id}/followers/contains", Feb2026, "2026-02-12", LIBRARY_CONTAINS),
];

/// The table row of `operation_id`, if that operation was removed for development mode.
pub(crate) fn removed_operation(operation_id: &str) -> Option<&'static RemovedOperation> {
    REMOVED_OPERATIONS
        .iter()
        .find(|op| op.operation_id == operation_id)
}

/// `Ok` if an app in `mode` may call `operation_id`; else Spotify's bare 403
/// `{"error":{"status":403,"message":"Forbidden"}}` (observed for `/playlists/{id}/tracks`).
/// Development mode loses both sets; extended quota keeps everything.
pub(crate) fn check_operation(mode: QuotaMode, operation_id: &str) -> Result<(), ApiError> {
    match (mode, removed_operation(operation_id)) {
        (QuotaMode::Development, Some(_)) => Err(ApiError::forbidden()),
        _ => Ok(()),
    }
}

/// As [`check_operation`], for the `GET` of `path`, a path under `/v1` as sent
/// (`/artists/0TnOYISbd1XYRBk9myaseg/top-tracks`), for callers that know the path rather than
/// the operation: each `{..}` of the spec's path stands for one segment, whatever its name.
pub(crate) fn check_get(mode: QuotaMode, path: &str) -> Result<(), ApiError> {
    match REMOVED_OPERATIONS
        .iter()
        .find(|op| op.method == "GET" && crate::faults::matches_pattern(op.path, path, false))
    {
        Some(op) => check_operation(mode, op.operation_id),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn a_get_is_checked_by_the_shape_of_its_path() {
        let dev = QuotaMode::Development;
        for removed in [
            "/artists/0TnOYISbd1XYRBk9myaseg/top-tracks",
            "/tracks",
            "/users/smedjan",
            "/playlists/3cEYpjA9oz9GiPac4AsH4n/tracks",
            "/browse/categories/dinner/",
        ] {
            assert!(check_get(dev, removed).is_err(), "{removed}");
            assert!(check_get(QuotaMode::Extended, removed).is_ok(), "{removed}");
        }
        for kept in [
            "/tracks/7EjyzZcbLxW7PaaLua9Ksb",
            "/artists/0TnOYISbd1XYRBk9myaseg/albums",
            "/playlists/3cEYpjA9oz9GiPac4AsH4n/items",
            "/artists//top-tracks",
        ] {
            assert!(check_get(dev, kept).is_ok(), "{kept}");
        }
    }

    /// `(operationId, deprecated)` of every operation in the spec, read line by line
    /// (operation keys sit at six spaces of indentation).
    fn spec_operations() -> Vec<(String, bool)> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/openapi.yml");
        let spec = std::fs::read_to_string(path).expect("the repository holds the spec");
        let mut ops = Vec::new();
        let mut current: Option<(Option<String>, bool)> = None;
        for line in spec.lines() {
            let verb = ["get", "put", "post", "delete"]
                .iter()
                .any(|v| line == format!("    {v}:"));
            if verb || (!line.starts_with("     ") && !line.trim().is_empty()) {
                if let Some((Some(id), deprecated)) = current.take() {
                    ops.push((id, deprecated));
                }
                current = verb.then_some((None, false));
            } else if let Some((id, deprecated)) = current.as_mut() {
                if let Some(rest) = line.strip_prefix("      operationId: ") {
                    *id = Some(rest.trim().to_owned());
                } else if line == "      deprecated: true" {
                    *deprecated = true;
                }
            }
        }
        if let Some((Some(id), deprecated)) = current {
            ops.push((id, deprecated));
        }
        ops
    }

    #[test]
    fn the_table_is_the_specs_deprecated_set() {
        let ops = spec_operations();
        assert_eq!(ops.len(), 97, "every operation of the spec was read");
        let deprecated: BTreeSet<&str> = ops
            .iter()
            .filter(|(_, d)| *d)
            .map(|(id, _)| id.as_str())
            .collect();
        let table: BTreeSet<&str> = REMOVED_OPERATIONS.iter().map(|o| o.operation_id).collect();
        assert_eq!(table.len(), REMOVED_OPERATIONS.len(), "no duplicates");
        assert_eq!(table, deprecated);
        let nov = REMOVED_OPERATIONS
            .iter()
            .filter(|o| o.wave == Wave::Nov2024)
            .count();
        assert_eq!((nov, REMOVED_OPERATIONS.len() - nov), (8, 40));
        assert!(REMOVED_OPERATIONS.iter().all(|o| o.path.starts_with('/')
            && matches!(o.method, "GET" | "PUT" | "POST" | "DELETE")
            && o.deprecated_since.len() == 10));
    }

    #[test]
    fn development_mode_is_refused_extended_is_served() {
        assert!(check_operation(QuotaMode::Development, "get-several-tracks").is_err());
        assert!(check_operation(QuotaMode::Development, "get-audio-analysis").is_err());
        assert!(check_operation(QuotaMode::Extended, "get-several-tracks").is_ok());
        assert!(check_operation(QuotaMode::Development, "get-track").is_ok());
        assert_eq!("extended".parse(), Ok(QuotaMode::Extended));
        assert!("premium".parse::<QuotaMode>().is_err());
    }
}
