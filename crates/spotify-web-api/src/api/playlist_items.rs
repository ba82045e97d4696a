//! Playlists (writing items):
//!
//! - `add-items-to-playlist` (`POST /playlists/{playlist_id}/items`):
//!   [`SpotifyWebApi::add_playlist_items`];
//! - `reorder-or-replace-playlists-items` (`PUT /playlists/{playlist_id}/items`):
//!   [`SpotifyWebApi::update_playlist_items`], and its two forms
//!   [`SpotifyWebApi::reorder_playlist_tracks`] and [`SpotifyWebApi::replace_playlist_tracks`];
//! - `remove-items-playlist` (`DELETE /playlists/{playlist_id}/items`):
//!   [`SpotifyWebApi::delete_playlist_items`];
//! - their `/tracks` twins, removed for development mode in 2026-02 and deprecated here:
//!   `add-tracks-to-playlist` ([`SpotifyWebApi::add_playlist_tracks`]),
//!   `reorder-or-replace-playlists-tracks` ([`SpotifyWebApi::update_playlist_tracks`]) and
//!   `remove-tracks-playlist` ([`SpotifyWebApi::delete_playlist_tracks`]).
//!
//! Items are [`PlayableId`]s (tracks and episodes): a typed ID, or a `spotify:` URI or
//! `open.spotify.com` URL, never a URI built by hand. Every write gives the playlist a new
//! version, whose [`SnapshotId`](crate::model::SnapshotId) `.await` returns.
//!
//! # More than 100 items
//!
//! Spotify takes at most 100 items a request. These methods take any number, and send them in
//! batches of 100, one after another, in order:
//!
//! - adding at a `position`: batch `k` goes to `position + 100 * k`, so the items land in the
//!   order given;
//! - replacing: the first 100 replace the playlist's items, the others are added after them;
//! - removing: 100 entries a request; removals at positions go first, highest position first,
//!   so that the positions of the later batches still hold (or all against the
//!   [`snapshot_id`](DeletePlaylistItems::snapshot_id) given).
//!
//! If a batch fails after others were applied, the call stops and returns
//! [`Error::PartialWrite`]: how many items were written, and the
//! playlist's `snapshot_id` after them. Resume from there:
//!
//! ```no_run
//! # async fn f(api: spotify_web_api::SpotifyWebApi, items: Vec<spotify_web_api::PlayableId>)
//! # -> spotify_web_api::Result<()> {
//! let playlist = "3cEYpjA9oz9GiPac4AsH4n";
//! match api.add_playlist_items(playlist, &items).await {
//!     Ok(snapshot) => println!("now at {}", snapshot.snapshot_id),
//!     Err(spotify_web_api::Error::PartialWrite { completed: done, may_have_landed: false, .. }) => {
//!         // The first `done` are in; add the rest (nothing is added twice).
//!         api.add_playlist_items(playlist, &items[done..]).await?;
//!     }
//!     Err(other) => return Err(other),
//! }
//! # Ok(()) }
//! ```
//!
//! A request that may have been applied (a server error, a timeout, a lost connection or an
//! answer cut off, on a `POST`, a reorder or a removal at positions) is never sent again by the
//! client; `may_have_landed` says so, and so does [`Error::may_have_landed`] when the first
//! request fails (the plain error). Before sending such items again, read the playlist's
//! `snapshot_id`: if it is still the one the last applied write returned (the one in
//! [`Error::PartialWrite`], or the one your previous call returned), nothing landed. Another
//! writer to the same playlist makes this test unsound: then read the items.
//!
//! # `/items` and `/tracks`
//!
//! The methods without `tracks` in their name, and the two forms `reorder_playlist_tracks` and
//! `replace_playlist_tracks` (named after the PHP library's), use `/items`, which every app has.
//! The deprecated twins use `/tracks`, which development-mode apps lost in 2026-02: for such an
//! app they fail with [`Error::EndpointRemoved`] naming the
//! `/items` method, without a request once the client knows the app's mode (in
//! [`QuotaMode::Auto`](crate::QuotaMode::Auto), the first call asks, and Spotify's refusal
//! writes nothing).

use serde::Serialize;

use crate::api::api_path;
use crate::api::{impl_into_future, items};
use crate::batch::{Batch, Batches, PLAYLIST_ITEMS_PER_REQUEST};
use crate::client::SpotifyWebApi;
use crate::error::{ArgumentProblem, Error, Result};
use crate::http::ApiRequest;
use crate::id::{IntoId, IntoItem, PlayableId, PlaylistId};
use crate::quota::Removal;
use crate::scope::Scope;

/// The scopes of a playlist write: the first for a public playlist, the second for a private
/// or collaborative one.
const MODIFY: [Scope; 2] = [Scope::PlaylistModifyPublic, Scope::PlaylistModifyPrivate];

/// Which endpoint a write uses: `/items`, or the deprecated `/tracks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Items,
    Tracks,
}

impl Endpoint {
    /// A write request of `method` to this endpoint of `playlist`, with its scopes, and for
    /// `/tracks` the removal of `operation` (with the `/items` method to use instead).
    fn request(
        self,
        new: fn(String) -> ApiRequest,
        playlist: &PlaylistId,
        operation: &'static str,
        instead: &'static str,
    ) -> ApiRequest {
        match self {
            Endpoint::Items => new(api_path!("/playlists/", playlist, "/items")).scopes(MODIFY),
            Endpoint::Tracks => new(api_path!("/playlists/", playlist, "/tracks"))
                .scopes(MODIFY)
                .removed(Removal::feb_2026(operation).instead(instead)),
        }
    }

    /// A `POST` adding items.
    fn add(self, playlist: &PlaylistId) -> ApiRequest {
        self.request(
            ApiRequest::post,
            playlist,
            "add-tracks-to-playlist",
            "SpotifyWebApi::add_playlist_items",
        )
    }

    /// A `PUT` reordering or replacing items.
    fn update(self, playlist: &PlaylistId) -> ApiRequest {
        self.request(
            ApiRequest::put,
            playlist,
            "reorder-or-replace-playlists-tracks",
            "SpotifyWebApi::update_playlist_items",
        )
    }

    /// A `DELETE` removing items.
    fn remove(self, playlist: &PlaylistId) -> ApiRequest {
        self.request(
            ApiRequest::delete,
            playlist,
            "remove-tracks-playlist",
            "SpotifyWebApi::delete_playlist_items",
        )
    }
}

fn uris(items: &[PlayableId]) -> Vec<String> {
    items.iter().map(PlayableId::uri).collect()
}

fn empty(name: &'static str) -> Error {
    Error::InvalidArgument {
        name,
        problem: ArgumentProblem::Empty,
    }
}

/// `POST` requests adding `items`, 100 at a time, at `position + 100 * k` if a position is set.
fn add_batches(
    endpoint: Endpoint,
    playlist: &PlaylistId,
    items: &[PlayableId],
    position: Option<u32>,
) -> Result<Vec<Batch>> {
    items
        .chunks(PLAYLIST_ITEMS_PER_REQUEST)
        .enumerate()
        .map(|(k, chunk)| {
            let body = AddBody {
                uris: uris(chunk),
                position: position.map(|p| u64::from(p) + (k * PLAYLIST_ITEMS_PER_REQUEST) as u64),
            };
            Ok(Batch {
                request: endpoint.add(playlist).json(&body)?,
                items: chunk.len(),
            })
        })
        .collect()
}

/// # Playlists (writing items)
impl SpotifyWebApi {
    /// Add tracks and episodes to a playlist, at the end or at a
    /// [`position`](AddPlaylistItems::position), in the order given. Any number: they are sent
    /// 100 a request, in order (see the [module docs](crate::api::playlist_items)).
    ///
    /// Spec: `add-items-to-playlist` · `POST /playlists/{playlist_id}/items` · scopes:
    /// `playlist-modify-public` (a public playlist), `playlist-modify-private` (a private or
    /// collaborative one).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::{EpisodeId, PlayableId, TrackId};
    ///
    /// let items = [
    ///     PlayableId::from(TrackId::parse("7EjyzZcbLxW7PaaLua9Ksb")?),
    ///     PlayableId::from(EpisodeId::parse("512ojhOuo1ktJprKbVcKyQ")?),
    /// ];
    /// let snapshot = api.add_playlist_items("3cEYpjA9oz9GiPac4AsH4n", items).position(0).await?;
    /// println!("now at {}", snapshot.snapshot_id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for an item that is not a
    /// track or episode (or a bare ID, which does not say which);
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for no items;
    /// [`Error::PartialWrite`](crate::Error::PartialWrite) when a batch after the first fails.
    pub fn add_playlist_items<I>(
        &self,
        playlist: impl IntoId<PlaylistId>,
        items_to_add: I,
    ) -> AddPlaylistItems
    where
        I: IntoIterator,
        I::Item: IntoItem<PlayableId>,
    {
        AddPlaylistItems {
            api: self.clone(),
            id: playlist.into_id(),
            items: items(items_to_add),
            position: None,
            endpoint: Endpoint::Items,
        }
    }

    /// Add tracks and episodes to a playlist through the endpoint before
    /// [`add_playlist_items`](SpotifyWebApi::add_playlist_items), with the same options.
    ///
    /// Spec: `add-tracks-to-playlist` · `POST /playlists/{playlist_id}/tracks` · scopes:
    /// `playlist-modify-public`, `playlist-modify-private` · extended quota only.
    ///
    /// ```no_run
    /// # #[allow(deprecated)]
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.add_playlist_tracks("3cEYpjA9oz9GiPac4AsH4n", ["spotify:track:7EjyzZcbLxW7PaaLua9Ksb"])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for a development-mode app,
    /// naming [`add_playlist_items`](SpotifyWebApi::add_playlist_items).
    #[deprecated(
        since = "0.1.0",
        note = "removed for development-mode apps on 2026-02-12; use add_playlist_items"
    )]
    pub fn add_playlist_tracks<I>(
        &self,
        playlist: impl IntoId<PlaylistId>,
        items_to_add: I,
    ) -> AddPlaylistItems
    where
        I: IntoIterator,
        I::Item: IntoItem<PlayableId>,
    {
        AddPlaylistItems {
            endpoint: Endpoint::Tracks,
            ..self.add_playlist_items(playlist, items_to_add)
        }
    }

    /// Reorder or replace a playlist's items: set either
    /// [`range_start`](UpdatePlaylistItems::range_start) and
    /// [`insert_before`](UpdatePlaylistItems::insert_before) (move a range of items), or
    /// [`uris`](UpdatePlaylistItems::uris) (replace every item; more than 100 are a replace of
    /// the first 100 and adds of the rest). [`reorder_playlist_tracks`](SpotifyWebApi::reorder_playlist_tracks)
    /// and [`replace_playlist_tracks`](SpotifyWebApi::replace_playlist_tracks) are the two
    /// forms with their arguments required.
    ///
    /// Spec: `reorder-or-replace-playlists-items` · `PUT /playlists/{playlist_id}/items` ·
    /// scopes: `playlist-modify-public` (a public playlist), `playlist-modify-private` (a
    /// private or collaborative one).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// // The first item to the end of a playlist of 10.
    /// let playlist = api.get_playlist("3cEYpjA9oz9GiPac4AsH4n").await?;
    /// api.update_playlist_items(&playlist.id)
    ///     .range_start(0)
    ///     .insert_before(10)
    ///     .snapshot_id(&playlist.snapshot_id)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for both forms
    /// at once or neither; [`Error::Api`](crate::Error::Api) 400 for a range outside the
    /// playlist.
    pub fn update_playlist_items(&self, playlist: impl IntoId<PlaylistId>) -> UpdatePlaylistItems {
        UpdatePlaylistItems {
            api: self.clone(),
            id: playlist.into_id(),
            uris: None,
            range_start: None,
            insert_before: None,
            range_length: None,
            snapshot_id: None,
            endpoint: Endpoint::Items,
        }
    }

    /// Move `range_length` (default 1) items of a playlist, from `range_start`, to before the
    /// item at `insert_before` (the playlist's length moves them to the end). Positions are
    /// 0-based, in the version [`snapshot_id`](UpdatePlaylistItems::snapshot_id) names if set
    /// (Spotify applies the move to the current version, to the items that are still there),
    /// else in the current one.
    ///
    /// Sends `reorder-or-replace-playlists-items` (`PUT /playlists/{playlist_id}/items`), as
    /// [`update_playlist_items`](SpotifyWebApi::update_playlist_items) does; named after the PHP
    /// library's `reorderPlaylistTracks`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// // Items 9 and 10 to the start.
    /// api.reorder_playlist_tracks("3cEYpjA9oz9GiPac4AsH4n", 9, 0).range_length(2).await?;
    /// # Ok(()) }
    /// ```
    pub fn reorder_playlist_tracks(
        &self,
        playlist: impl IntoId<PlaylistId>,
        range_start: u32,
        insert_before: u32,
    ) -> UpdatePlaylistItems {
        self.update_playlist_items(playlist)
            .range_start(range_start)
            .insert_before(insert_before)
    }

    /// Replace every item of a playlist with `items` (none clears it). More than 100 are a
    /// replace of the first 100, then adds of the rest, in order.
    ///
    /// Sends `reorder-or-replace-playlists-items` (`PUT /playlists/{playlist_id}/items`, and
    /// `add-items-to-playlist` for items past the first 100), as
    /// [`update_playlist_items`](SpotifyWebApi::update_playlist_items) does; named after the PHP
    /// library's `replacePlaylistTracks`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.replace_playlist_tracks("3cEYpjA9oz9GiPac4AsH4n", ["spotify:track:7EjyzZcbLxW7PaaLua9Ksb"])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn replace_playlist_tracks<I>(
        &self,
        playlist: impl IntoId<PlaylistId>,
        items_to_set: I,
    ) -> UpdatePlaylistItems
    where
        I: IntoIterator,
        I::Item: IntoItem<PlayableId>,
    {
        self.update_playlist_items(playlist).uris(items_to_set)
    }

    /// Reorder or replace a playlist's items through the endpoint before
    /// [`update_playlist_items`](SpotifyWebApi::update_playlist_items), with the same options.
    ///
    /// Spec: `reorder-or-replace-playlists-tracks` · `PUT /playlists/{playlist_id}/tracks` ·
    /// scopes: `playlist-modify-public`, `playlist-modify-private` · extended quota only.
    ///
    /// ```no_run
    /// # #[allow(deprecated)]
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.update_playlist_tracks("3cEYpjA9oz9GiPac4AsH4n").range_start(0).insert_before(2).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for a development-mode app,
    /// naming [`update_playlist_items`](SpotifyWebApi::update_playlist_items).
    #[deprecated(
        since = "0.1.0",
        note = "removed for development-mode apps on 2026-02-12; use update_playlist_items (or reorder_playlist_tracks, replace_playlist_tracks)"
    )]
    pub fn update_playlist_tracks(&self, playlist: impl IntoId<PlaylistId>) -> UpdatePlaylistItems {
        UpdatePlaylistItems {
            endpoint: Endpoint::Tracks,
            ..self.update_playlist_items(playlist)
        }
    }

    /// Remove tracks and episodes from a playlist: every occurrence of each of `items`, and
    /// (with [`at`](DeletePlaylistItems::at)) an item at given positions only. Any number: they
    /// are sent 100 a request (see the [module docs](crate::api::playlist_items)).
    ///
    /// Spec: `remove-items-playlist` · `DELETE /playlists/{playlist_id}/items` · scopes:
    /// `playlist-modify-public` (a public playlist), `playlist-modify-private` (a private or
    /// collaborative one).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::PlayableId;
    ///
    /// let playlist = api.get_playlist("3cEYpjA9oz9GiPac4AsH4n").await?;
    /// // Every copy of one track, and the item at position 3 (as this version has it).
    /// let at_three: PlayableId = "spotify:episode:512ojhOuo1ktJprKbVcKyQ".parse()?;
    /// api.delete_playlist_items(&playlist.id, ["spotify:track:7EjyzZcbLxW7PaaLua9Ksb"])
    ///     .at(at_three, [3])
    ///     .snapshot_id(&playlist.snapshot_id)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for nothing to
    /// remove; [`Error::Api`](crate::Error::Api) 400 when a position does not hold the item
    /// given; [`Error::PartialWrite`](crate::Error::PartialWrite) when a batch after the first
    /// fails.
    pub fn delete_playlist_items<I>(
        &self,
        playlist: impl IntoId<PlaylistId>,
        items_to_remove: I,
    ) -> DeletePlaylistItems
    where
        I: IntoIterator,
        I::Item: IntoItem<PlayableId>,
    {
        DeletePlaylistItems {
            api: self.clone(),
            id: playlist.into_id(),
            items: items(items_to_remove),
            at: Ok(Vec::new()),
            snapshot_id: None,
            endpoint: Endpoint::Items,
        }
    }

    /// Remove tracks and episodes from a playlist through the endpoint before
    /// [`delete_playlist_items`](SpotifyWebApi::delete_playlist_items), with the same options.
    ///
    /// Spec: `remove-tracks-playlist` · `DELETE /playlists/{playlist_id}/tracks` · scopes:
    /// `playlist-modify-public`, `playlist-modify-private` · extended quota only.
    ///
    /// ```no_run
    /// # #[allow(deprecated)]
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.delete_playlist_tracks("3cEYpjA9oz9GiPac4AsH4n", ["spotify:track:7EjyzZcbLxW7PaaLua9Ksb"])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for a development-mode app,
    /// naming [`delete_playlist_items`](SpotifyWebApi::delete_playlist_items).
    #[deprecated(
        since = "0.1.0",
        note = "removed for development-mode apps on 2026-02-12; use delete_playlist_items"
    )]
    pub fn delete_playlist_tracks<I>(
        &self,
        playlist: impl IntoId<PlaylistId>,
        items_to_remove: I,
    ) -> DeletePlaylistItems
    where
        I: IntoIterator,
        I::Item: IntoItem<PlayableId>,
    {
        DeletePlaylistItems {
            endpoint: Endpoint::Tracks,
            ..self.delete_playlist_items(playlist, items_to_remove)
        }
    }
}

/// The body of an add.
#[derive(Debug, Serialize)]
struct AddBody {
    uris: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<u64>,
}

/// Builder for [`SpotifyWebApi::add_playlist_items`] and [`SpotifyWebApi::add_playlist_tracks`];
/// `.await` returns `Result<SnapshotId>`, the playlist's version after the last batch.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddPlaylistItems {
    api: SpotifyWebApi,
    id: Result<PlaylistId>,
    items: Result<Vec<PlayableId>>,
    position: Option<u32>,
    endpoint: Endpoint,
}

impl AddPlaylistItems {
    /// Where to insert the items, 0-based (`0`: at the start); at most the playlist's length.
    /// Default: at the end.
    pub fn position(mut self, position: u32) -> Self {
        self.position = Some(position);
        self
    }

    fn into_batches(self) -> Result<Batches> {
        let id = self.id?;
        let items = self.items?;
        if items.is_empty() {
            return Err(empty("uris"));
        }
        Ok(Batches(add_batches(
            self.endpoint,
            &id,
            &items,
            self.position,
        )?))
    }
}

impl_into_future!(AddPlaylistItems => batches);

/// The body of a replace.
#[derive(Debug, Serialize)]
struct ReplaceBody {
    uris: Vec<String>,
}

/// The body of a reorder.
#[derive(Debug, Serialize)]
struct ReorderBody<'a> {
    range_start: u32,
    insert_before: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    range_length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot_id: Option<&'a str>,
}

/// Builder for [`SpotifyWebApi::update_playlist_items`] (and its forms
/// [`SpotifyWebApi::reorder_playlist_tracks`], [`SpotifyWebApi::replace_playlist_tracks`],
/// and the deprecated [`SpotifyWebApi::update_playlist_tracks`]); `.await` returns
/// `Result<SnapshotId>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdatePlaylistItems {
    api: SpotifyWebApi,
    id: Result<PlaylistId>,
    uris: Option<Result<Vec<PlayableId>>>,
    range_start: Option<u32>,
    insert_before: Option<u32>,
    range_length: Option<u32>,
    snapshot_id: Option<String>,
    endpoint: Endpoint,
}

impl UpdatePlaylistItems {
    /// Reorder: the position of the first item to move, 0-based. Default: none (set it with
    /// `insert_before`, or use `uris`).
    pub fn range_start(mut self, range_start: u32) -> Self {
        self.range_start = Some(range_start);
        self
    }

    /// Reorder: the position to move the items before, 0-based; the playlist's length moves
    /// them to the end. Default: none.
    pub fn insert_before(mut self, insert_before: u32) -> Self {
        self.insert_before = Some(insert_before);
        self
    }

    /// Reorder: how many items to move, from `range_start`. Default: 1.
    pub fn range_length(mut self, range_length: u32) -> Self {
        self.range_length = Some(range_length);
        self
    }

    /// Reorder: the playlist version the positions refer to (a `snapshot_id` from an earlier
    /// read or write). Spotify moves the items that version had there, even if the playlist
    /// changed since. Default: the current version.
    pub fn snapshot_id(mut self, snapshot_id: impl Into<String>) -> Self {
        self.snapshot_id = Some(snapshot_id.into());
        self
    }

    /// Replace: the playlist's new items, in order (none clears it). Default: none.
    pub fn uris<I>(mut self, items_to_set: I) -> Self
    where
        I: IntoIterator,
        I::Item: IntoItem<PlayableId>,
    {
        self.uris = Some(items(items_to_set));
        self
    }

    fn into_batches(self) -> Result<Batches> {
        let id = self.id?;
        let reorder = self.range_start.is_some()
            || self.insert_before.is_some()
            || self.range_length.is_some();
        let conflict = |what| Error::InvalidArgument {
            name: "uris",
            problem: ArgumentProblem::Conflict(what),
        };
        match (self.uris, reorder) {
            (Some(_), true) => Err(conflict(
                "give either `uris` (replace) or `range_start` and `insert_before` (reorder), not both",
            )),
            (Some(items), false) => {
                let items = items?;
                let (first, rest) = items.split_at(items.len().min(PLAYLIST_ITEMS_PER_REQUEST));
                let replace = self
                    .endpoint
                    .update(&id)
                    .json(&ReplaceBody { uris: uris(first) })?;
                let mut batches = vec![Batch {
                    request: replace,
                    items: first.len(),
                }];
                batches.extend(add_batches(self.endpoint, &id, rest, None)?);
                Ok(Batches(batches))
            }
            (None, _) => {
                let (Some(range_start), Some(insert_before)) =
                    (self.range_start, self.insert_before)
                else {
                    return Err(conflict(
                        "give `uris` (replace), or `range_start` and `insert_before` (reorder)",
                    ));
                };
                let body = ReorderBody {
                    range_start,
                    insert_before,
                    range_length: self.range_length,
                    snapshot_id: self.snapshot_id.as_deref(),
                };
                // Moving what is at a position twice moves something else the second time.
                let request = self.endpoint.update(&id).json(&body)?.not_idempotent();
                Ok(Batches(vec![Batch {
                    request,
                    items: self.range_length.unwrap_or(1) as usize,
                }]))
            }
        }
    }
}

impl_into_future!(UpdatePlaylistItems => batches);

/// The body of a removal: the entries under `items` (`/items`) or `tracks` (`/tracks`).
#[derive(Debug, Serialize)]
struct RemoveBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<&'a [RemoveEntry]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tracks: Option<&'a [RemoveEntry]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot_id: Option<&'a str>,
}

/// One entry of a removal: a URI, and the positions to remove it at (every occurrence if none).
#[derive(Debug, Clone, Serialize)]
struct RemoveEntry {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    positions: Option<Vec<u32>>,
}

/// Builder for [`SpotifyWebApi::delete_playlist_items`] and
/// [`SpotifyWebApi::delete_playlist_tracks`]; `.await` returns `Result<SnapshotId>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeletePlaylistItems {
    api: SpotifyWebApi,
    id: Result<PlaylistId>,
    items: Result<Vec<PlayableId>>,
    /// `(item, position)` pairs to remove.
    at: Result<Vec<(PlayableId, u32)>>,
    snapshot_id: Option<String>,
    endpoint: Endpoint,
}

impl DeletePlaylistItems {
    /// Also remove `item` at these positions (0-based), and only there: Spotify checks that
    /// each holds it (400 otherwise). Call it once per item. Default: none.
    pub fn at(
        mut self,
        item: impl IntoItem<PlayableId>,
        positions: impl IntoIterator<Item = u32>,
    ) -> Self {
        if let Ok(at) = &mut self.at {
            match item.into_item() {
                Ok(item) => at.extend(positions.into_iter().map(|p| (item.clone(), p))),
                Err(error) => self.at = Err(error),
            }
        }
        self
    }

    /// The playlist version the positions refer to (a `snapshot_id` from an earlier read or
    /// write): Spotify removes what that version had there, even if the playlist changed
    /// since. Default: the current version.
    pub fn snapshot_id(mut self, snapshot_id: impl Into<String>) -> Self {
        self.snapshot_id = Some(snapshot_id.into());
        self
    }

    fn into_batches(self) -> Result<Batches> {
        let id = self.id?;
        let items = self.items?;
        let mut at = self.at?;
        // Highest position first: removing it leaves the lower positions where they were.
        at.sort_by_key(|&(_, position)| std::cmp::Reverse(position));
        let mut entries: Vec<RemoveEntry> = at
            .into_iter()
            .map(|(item, position)| RemoveEntry {
                uri: item.uri(),
                positions: Some(vec![position]),
            })
            .collect();
        let positional = entries.len();
        for item in items {
            let uri = item.uri();
            if !entries[positional..].iter().any(|e| e.uri == uri) {
                entries.push(RemoveEntry {
                    uri,
                    positions: None,
                });
            }
        }
        if entries.is_empty() {
            return Err(empty("items"));
        }
        let batches = entries
            .chunks(PLAYLIST_ITEMS_PER_REQUEST)
            .map(|chunk| {
                let body = RemoveBody {
                    items: (self.endpoint == Endpoint::Items).then_some(chunk),
                    tracks: (self.endpoint == Endpoint::Tracks).then_some(chunk),
                    snapshot_id: self.snapshot_id.as_deref(),
                };
                let mut request = self.endpoint.remove(&id).json(&body)?;
                if chunk.iter().any(|e| e.positions.is_some()) {
                    // Removing what is at a position twice removes something else the second
                    // time.
                    request = request.not_idempotent();
                }
                Ok(Batch {
                    request,
                    items: chunk.len(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Batches(batches))
    }
}

impl_into_future!(DeletePlaylistItems => batches);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiChange;
    use crate::http::Method;
    use crate::id::{EpisodeId, TrackId};

    const PLAYLIST: &str = "3cEYpjA9oz9GiPac4AsH4n";

    fn body(request: &ApiRequest) -> serde_json::Value {
        serde_json::from_slice(&request.body.as_ref().unwrap().bytes).unwrap()
    }

    /// `n` distinct track IDs.
    fn tracks(n: usize) -> Vec<PlayableId> {
        (0..n)
            .map(|i| PlayableId::from(TrackId::parse(&format!("{i:0>22}")).unwrap()))
            .collect()
    }

    #[test]
    fn adding_250_is_three_ordered_batches_with_positions_moved_on() {
        let items = tracks(250);
        let batches = SpotifyWebApi::new()
            .add_playlist_items(PLAYLIST, &items)
            .position(7)
            .into_batches()
            .unwrap();
        assert_eq!(batches.total(), 250);
        let sizes: Vec<usize> = batches.0.iter().map(|b| b.items).collect();
        assert_eq!(sizes, [100, 100, 50]);
        for (k, batch) in batches.0.iter().enumerate() {
            let request = &batch.request;
            assert_eq!(
                (request.method, request.path.as_str()),
                (Method::Post, "/playlists/3cEYpjA9oz9GiPac4AsH4n/items")
            );
            let sent = body(request);
            assert_eq!(sent["position"], 7 + 100 * k);
            assert_eq!(sent["uris"][0], items[100 * k].uri());
            assert_eq!(request.scopes, MODIFY);
            assert_eq!(request.removal, None);
        }
        let appended = SpotifyWebApi::new()
            .add_playlist_items(PLAYLIST, tracks(101))
            .into_batches()
            .unwrap();
        assert!(
            appended
                .0
                .iter()
                .all(|b| body(&b.request).get("position").is_none())
        );
    }

    #[test]
    fn items_are_typed_and_checked_before_sending() {
        let api = SpotifyWebApi::new();
        let episode = EpisodeId::parse("512ojhOuo1ktJprKbVcKyQ").unwrap();
        let batches = api
            .add_playlist_items(PLAYLIST, [PlayableId::from(episode)])
            .into_batches()
            .unwrap();
        assert_eq!(
            body(&batches.0[0].request)["uris"],
            serde_json::json!(["spotify:episode:512ojhOuo1ktJprKbVcKyQ"])
        );
        // A bare ID does not say whether it is a track or an episode; an album is neither.
        for bad in [
            "7EjyzZcbLxW7PaaLua9Ksb",
            "spotify:album:4aawyAB9vmqN3uQ7FjRGTy",
        ] {
            assert!(matches!(
                api.add_playlist_items(PLAYLIST, [bad]).into_batches(),
                Err(Error::InvalidId { .. })
            ));
        }
        assert!(matches!(
            api.add_playlist_items(PLAYLIST, Vec::<PlayableId>::new())
                .into_batches(),
            Err(Error::InvalidArgument { name: "uris", .. })
        ));
    }

    #[test]
    #[allow(deprecated)]
    fn the_tracks_twins_are_removed_in_2026_and_name_their_replacement() {
        let api = SpotifyWebApi::new();
        let add = api
            .add_playlist_tracks(PLAYLIST, tracks(1))
            .into_batches()
            .unwrap();
        let removal = add.0[0].request.removal.unwrap();
        assert_eq!(
            add.0[0].request.path,
            "/playlists/3cEYpjA9oz9GiPac4AsH4n/tracks"
        );
        assert_eq!(
            (removal.operation, removal.change, removal.replacement),
            (
                "add-tracks-to-playlist",
                ApiChange::February2026,
                Some("SpotifyWebApi::add_playlist_items")
            )
        );
        let update = api
            .update_playlist_tracks(PLAYLIST)
            .range_start(0)
            .insert_before(2)
            .into_batches()
            .unwrap();
        assert_eq!(
            update.0[0].request.removal.unwrap().operation,
            "reorder-or-replace-playlists-tracks"
        );
        let remove = api
            .delete_playlist_tracks(PLAYLIST, tracks(1))
            .into_batches()
            .unwrap();
        let request = &remove.0[0].request;
        assert_eq!(request.method, Method::Delete);
        assert_eq!(request.removal.unwrap().operation, "remove-tracks-playlist");
        assert!(body(request).get("tracks").is_some() && body(request).get("items").is_none());
    }

    #[test]
    fn reorder_is_one_request_never_repeated() {
        let batches = SpotifyWebApi::new()
            .reorder_playlist_tracks(PLAYLIST, 9, 0)
            .range_length(2)
            .snapshot_id("abc")
            .into_batches()
            .unwrap();
        assert_eq!(batches.0.len(), 1);
        let request = &batches.0[0].request;
        assert_eq!(
            (request.method, request.path.as_str()),
            (Method::Put, "/playlists/3cEYpjA9oz9GiPac4AsH4n/items")
        );
        assert_eq!(
            body(request),
            serde_json::json!({"range_start": 9, "insert_before": 0, "range_length": 2, "snapshot_id": "abc"})
        );
        assert!(!request.idempotent);
    }

    #[test]
    fn replacing_250_is_a_replace_then_two_adds() {
        let items = tracks(250);
        let batches = SpotifyWebApi::new()
            .replace_playlist_tracks(PLAYLIST, &items)
            .into_batches()
            .unwrap();
        let shape: Vec<(Method, usize)> = batches
            .0
            .iter()
            .map(|b| (b.request.method, b.items))
            .collect();
        assert_eq!(
            shape,
            [(Method::Put, 100), (Method::Post, 100), (Method::Post, 50)]
        );
        assert_eq!(body(&batches.0[2].request)["uris"][49], items[249].uri());
        assert!(batches.0[0].request.idempotent, "a replace may be repeated");
        let clear = SpotifyWebApi::new()
            .replace_playlist_tracks(PLAYLIST, Vec::<PlayableId>::new())
            .into_batches()
            .unwrap();
        assert_eq!(body(&clear.0[0].request), serde_json::json!({"uris": []}));
    }

    #[test]
    fn reorder_and_replace_exclude_each_other() {
        let api = SpotifyWebApi::new();
        for bad in [
            api.update_playlist_items(PLAYLIST),
            api.update_playlist_items(PLAYLIST).range_start(1),
            api.replace_playlist_tracks(PLAYLIST, tracks(1))
                .range_start(0)
                .insert_before(1),
        ] {
            assert!(matches!(
                bad.into_batches(),
                Err(Error::InvalidArgument {
                    problem: ArgumentProblem::Conflict(_),
                    ..
                })
            ));
        }
    }

    #[test]
    fn removals_by_position_go_highest_first_and_are_never_repeated() {
        let items = tracks(3);
        let api = SpotifyWebApi::new();
        let batches = api
            .delete_playlist_items(PLAYLIST, [&items[0], &items[0]])
            .at(&items[1], [4, 120])
            .at(&items[2], [7])
            .snapshot_id("s")
            .into_batches()
            .unwrap();
        assert_eq!(batches.0.len(), 1);
        let request = &batches.0[0].request;
        assert_eq!(request.method, Method::Delete);
        assert_eq!(
            body(request),
            serde_json::json!({
                "items": [
                    {"uri": items[1].uri(), "positions": [120]},
                    {"uri": items[2].uri(), "positions": [7]},
                    {"uri": items[1].uri(), "positions": [4]},
                    {"uri": items[0].uri()},
                ],
                "snapshot_id": "s",
            })
        );
        assert!(!request.idempotent);
        let many = api
            .delete_playlist_items(PLAYLIST, tracks(150))
            .into_batches()
            .unwrap();
        let sizes: Vec<usize> = many.0.iter().map(|b| b.items).collect();
        assert_eq!(sizes, [100, 50]);
        assert!(
            many.0[0].request.idempotent,
            "removing every occurrence may be repeated"
        );
        assert!(
            api.delete_playlist_items(PLAYLIST, tracks(0))
                .into_batches()
                .is_err()
        );
        assert!(matches!(
            api.delete_playlist_items(PLAYLIST, tracks(0))
                .at("spotify:album:4aawyAB9vmqN3uQ7FjRGTy", [1])
                .into_batches(),
            Err(Error::InvalidId { .. })
        ));
    }
}
