//! Playlists (reading):
//!
//! - `get-playlist` (`GET /playlists/{playlist_id}`): [`SpotifyWebApi::get_playlist`];
//! - `get-playlists-items` (`GET /playlists/{playlist_id}/items`):
//!   [`SpotifyWebApi::get_playlist_items`];
//! - `get-playlists-tracks` (`GET /playlists/{playlist_id}/tracks`, removed for development
//!   mode in 2026-02): [`SpotifyWebApi::get_playlist_tracks`];
//! - `get-playlist-cover` (`GET /playlists/{playlist_id}/images`):
//!   [`SpotifyWebApi::get_playlist_image`];
//! - `get-list-users-playlists` (`GET /users/{user_id}/playlists`, removed for development mode
//!   in 2026-02): [`SpotifyWebApi::get_user_playlists`];
//! - `get-featured-playlists` (`GET /browse/featured-playlists`, removed 2024-11):
//!   [`SpotifyWebApi::get_featured_playlists`];
//! - `get-a-categories-playlists` (`GET /browse/categories/{category_id}/playlists`, removed
//!   2024-11): [`SpotifyWebApi::get_category_playlists`].
//!
//! # Whose items
//!
//! Since 2026-02 a development-mode app sees a playlist's items (under `items`/`item`) only
//! for a user who owns the playlist or collaborates on it; other playlists come back with their
//! details but no items, and their `/items` answer 403, which the client reports as
//! [`Error::ForeignPlaylist`]. With a client-credentials token
//! there is no user, so every playlist is someone else's. Extended-quota apps read every
//! playlist, and get the old names (`tracks`/`track`) as well; the models read either
//! ([`Playlist::items_page`], [`PlaylistItem::content`](crate::model::PlaylistItem::content)).

use crate::api::api_path;
use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::{ArgumentProblem, Error, Result};
use crate::fields::{Fields, IntoFields};
use crate::http::{ApiRequest, PageBounds};
use crate::id::{IntoId, PlaylistId, UserId};
use crate::market::{IntoMarket, Market};
use crate::model::{FeaturedPlaylists, Image, Playlist, PlaylistItem, SimplifiedPlaylist};
use crate::paging::PageQuery;
use crate::quota::{Refusal, Removal};

/// A kind of playlist item a client can take besides tracks (`additional_types`).
///
/// Without [`AdditionalType::Episode`], Spotify sends the episodes of a playlist in a
/// track-like shape (its show as `album` and `artists`), which still decodes as
/// [`PlayableItem::Episode`](crate::model::PlayableItem::Episode) with its ID, name, URI and
/// duration, but without the show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AdditionalType {
    /// `track`, the default.
    Track,
    /// `episode`: podcast episodes as episode objects.
    Episode,
}

impl AdditionalType {
    /// The wire name: `track` or `episode`.
    pub fn as_str(self) -> &'static str {
        match self {
            AdditionalType::Track => "track",
            AdditionalType::Episode => "episode",
        }
    }
}

/// The `additional_types` value: the names in the order given, each once.
pub(crate) fn additional_types(types: impl IntoIterator<Item = AdditionalType>) -> String {
    let mut names: Vec<&str> = Vec::new();
    for kind in types {
        if !names.contains(&kind.as_str()) {
            names.push(kind.as_str());
        }
    }
    names.join(",")
}

/// A browse category ID: a readable name (`party`) or an opaque base62 one. Checked before
/// sending, since it goes into the path.
fn category_id(id: String) -> Result<String> {
    let bad = id
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'));
    match (id.is_empty(), bad) {
        (true, _) => Err(Error::InvalidArgument {
            name: "category_id",
            problem: ArgumentProblem::Empty,
        }),
        (false, Some(position)) => Err(Error::InvalidArgument {
            name: "category_id",
            problem: ArgumentProblem::Malformed {
                position,
                expected: "letters, digits, `_` or `-`",
            },
        }),
        (false, None) => Ok(id),
    }
}

/// The options every playlist read shares: `market`, `fields`, `additional_types`.
#[derive(Debug, Default)]
struct ReadOptions {
    market: Option<Result<Market>>,
    fields: Option<Result<Fields>>,
    additional_types: Option<String>,
}

impl ReadOptions {
    /// Adds the options to `request`; for a page, a filter keeps the paging members.
    fn apply(self, request: ApiRequest, page: bool) -> Result<ApiRequest> {
        let fields = self
            .fields
            .transpose()?
            .filter(|f| !f.is_empty())
            .map(|f| if page { f.with_paging() } else { f });
        Ok(request
            .query("market", self.market.transpose()?)
            .query("fields", fields)
            .query("additional_types", self.additional_types))
    }
}

/// # Playlists
impl SpotifyWebApi {
    /// Get a playlist: its details, owner, cover, and the first page (100) of its items.
    ///
    /// For a development-mode app the items are there only if the user owns the playlist or
    /// collaborates on it ([`Playlist::items_page`] is `None` otherwise); extended-quota apps
    /// get them for any playlist, under both names (`items` and the older `tracks`).
    ///
    /// Spec: `get-playlist` · `GET /playlists/{playlist_id}` · scopes: none.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let playlist = api.get_playlist("3cEYpjA9oz9GiPac4AsH4n").market("SE").await?;
    /// println!("{} by {}", playlist.name, playlist.owner.id);
    /// for entry in playlist.items_page().into_iter().flatten() {
    ///     if let Some(content) = entry.content() {
    ///         println!("  {}", content.name());
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a malformed
    /// `fields` filter; [`Error::Api`](crate::Error::Api) 404 for a playlist Spotify does not
    /// know, and (for apps without extended access since 2024-11) for Spotify's own editorial
    /// and algorithmic playlists.
    pub fn get_playlist(&self, playlist: impl IntoId<PlaylistId>) -> GetPlaylist {
        GetPlaylist {
            api: self.clone(),
            id: playlist.into_id(),
            options: ReadOptions::default(),
        }
    }

    /// Get a playlist's items (tracks, episodes, local files), one page at a time.
    ///
    /// Spec: `get-playlists-items` · `GET /playlists/{playlist_id}/items` · scopes:
    /// `playlist-read-private` (a private playlist of the user).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use futures_util::TryStreamExt;
    /// use spotify_web_api::api::playlists::AdditionalType;
    ///
    /// let all: Vec<_> = api
    ///     .get_playlist_items("3cEYpjA9oz9GiPac4AsH4n")
    ///     .additional_types([AdditionalType::Track, AdditionalType::Episode])
    ///     .stream()
    ///     .try_collect()
    ///     .await?;
    /// for entry in &all {
    ///     match entry.content() {
    ///         Some(item) if item.is_local() => println!("local file: {}", item.name()),
    ///         Some(item) => println!("{} ({})", item.name(), item.kind()),
    ///         None => println!("(no longer available)"),
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=50 or a malformed `fields` filter;
    /// [`Error::ForeignPlaylist`](crate::Error::ForeignPlaylist) for a development-mode app
    /// when the user neither owns nor collaborates on the playlist (always, with a
    /// client-credentials token).
    pub fn get_playlist_items(&self, playlist: impl IntoId<PlaylistId>) -> GetPlaylistItems {
        GetPlaylistItems {
            api: self.clone(),
            id: playlist.into_id(),
            options: ReadOptions::default(),
            page: PageQuery::default(),
        }
    }

    /// Get a playlist's tracks, one page at a time: the endpoint before
    /// [`get_playlist_items`](SpotifyWebApi::get_playlist_items), with pages of up to 100.
    ///
    /// Spec: `get-playlists-tracks` · `GET /playlists/{playlist_id}/tracks` · scopes:
    /// `playlist-read-private` · extended quota only.
    ///
    /// ```no_run
    /// # #[allow(deprecated)]
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let page = api.get_playlist_tracks("3cEYpjA9oz9GiPac4AsH4n").limit(100).await?;
    /// println!("{} of {}", page.items.len(), page.total);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for a development-mode app,
    /// naming [`get_playlist_items`](SpotifyWebApi::get_playlist_items);
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=100.
    #[deprecated(
        since = "0.1.0",
        note = "removed for development-mode apps on 2026-02-12; use get_playlist_items"
    )]
    pub fn get_playlist_tracks(&self, playlist: impl IntoId<PlaylistId>) -> GetPlaylistTracks {
        GetPlaylistTracks {
            api: self.clone(),
            id: playlist.into_id(),
            options: ReadOptions::default(),
            page: PageQuery::default(),
        }
    }

    /// Get a playlist's cover images, widest first (often one, whose size Spotify may not
    /// know: `height` and `width` `None`). Their URLs expire in less than a day.
    ///
    /// Spec: `get-playlist-cover` · `GET /playlists/{playlist_id}/images` · scopes: none.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// for image in api.get_playlist_image("3cEYpjA9oz9GiPac4AsH4n").await? {
    ///     println!("{} ({:?}x{:?})", image.url, image.width, image.height);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn get_playlist_image(&self, playlist: impl IntoId<PlaylistId>) -> GetPlaylistImage {
        GetPlaylistImage {
            api: self.clone(),
            id: playlist.into_id(),
        }
    }

    /// Get the public playlists a user owns or follows, one page at a time.
    ///
    /// Spec: `get-list-users-playlists` · `GET /users/{user_id}/playlists` · scopes:
    /// `playlist-read-private`, `playlist-read-collaborative` (the user's own private and
    /// collaborative playlists) · extended quota only.
    ///
    /// ```no_run
    /// # #[allow(deprecated)]
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// for playlist in api.get_user_playlists("spotify:user:wizzler").limit(50).await? {
    ///     println!("{}", playlist.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for a development-mode app:
    /// Spotify removed the endpoint for them in 2026-02; the current user's playlists remain
    /// (`get_my_playlists`, `GET /me/playlists`).
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=50 or an `offset` over 100,000.
    #[deprecated(
        since = "0.1.0",
        note = "removed for development-mode apps on 2026-02-08; use get_my_playlists (GET /me/playlists) for the current user"
    )]
    pub fn get_user_playlists(&self, user: impl IntoId<UserId>) -> GetUserPlaylists {
        GetUserPlaylists {
            api: self.clone(),
            id: user.into_id(),
            page: PageQuery::default(),
        }
    }

    /// Get the playlists Spotify features in its Browse tab, with their headline.
    ///
    /// The answer holds one page of playlists; the next is
    /// [`api.next_page(&featured.playlists)`](SpotifyWebApi::next_page).
    ///
    /// Spec: `get-featured-playlists` · `GET /browse/featured-playlists` · scopes: none ·
    /// extended quota only (granted before 2024-11-27).
    ///
    /// ```no_run
    /// # #[allow(deprecated)]
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let featured = api.get_featured_playlists().locale("sv_SE").limit(10).await?;
    /// println!("{}", featured.message.as_deref().unwrap_or(""));
    /// for playlist in &featured.playlists {
    ///     println!("  {}", playlist.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for an app without extended
    /// access granted before 2024-11-27: Spotify removed the endpoint, with no replacement.
    #[deprecated(
        since = "0.1.0",
        note = "removed on 2024-11-27 for apps without extended access granted before then, with no replacement"
    )]
    pub fn get_featured_playlists(&self) -> GetFeaturedPlaylists {
        GetFeaturedPlaylists {
            api: self.clone(),
            locale: None,
            page: PageQuery::default(),
        }
    }

    /// Get the playlists of a browse category, one page at a time, in the envelope of
    /// [`get_featured_playlists`](SpotifyWebApi::get_featured_playlists) (its `message` is
    /// often absent).
    ///
    /// Spec: `get-a-categories-playlists` · `GET /browse/categories/{category_id}/playlists` ·
    /// scopes: none · extended quota only (granted before 2024-11-27).
    ///
    /// ```no_run
    /// # #[allow(deprecated)]
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let party = api.get_category_playlists("party").limit(20).await?;
    /// println!("{} playlists", party.playlists.total);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a category
    /// ID that is empty or holds anything but letters, digits, `_` and `-`;
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for an app without extended
    /// access granted before 2024-11-27: Spotify removed the endpoint, with no replacement.
    #[deprecated(
        since = "0.1.0",
        note = "removed on 2024-11-27 for apps without extended access granted before then, with no replacement"
    )]
    pub fn get_category_playlists(&self, category: impl Into<String>) -> GetCategoryPlaylists {
        GetCategoryPlaylists {
            api: self.clone(),
            id: category_id(category.into()),
            page: PageQuery::default(),
        }
    }
}

/// Builder for [`SpotifyWebApi::get_playlist`]; `.await` returns `Result<Playlist>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetPlaylist {
    api: SpotifyWebApi,
    id: Result<PlaylistId>,
    options: ReadOptions,
}

impl GetPlaylist {
    /// The market to check availability in and relink tracks for: a country code or
    /// [`Market::FromToken`]. Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.options.market = Some(market.into_market());
        self
    }

    /// Which members of the playlist to send back ([`Fields`], or Spotify's syntax as a
    /// string): `"name,owner.id,items(total,items(item(name)))"`. Default: all of them.
    ///
    /// The answer is still a [`Playlist`]: every member the filter leaves out takes its
    /// default (`""`, `0`, `None`, empty), by the models' one rule. Filter on `items` (and,
    /// for an extended-quota app, on `tracks` for the older name): either reaches
    /// [`Playlist::items_page`].
    pub fn fields(mut self, fields: impl IntoFields) -> Self {
        self.options.fields = Some(fields.into_fields());
        self
    }

    /// The kinds of item the client takes besides tracks. Default: tracks only, and episodes in
    /// a track-like shape (see [`AdditionalType`]).
    pub fn additional_types(mut self, types: impl IntoIterator<Item = AdditionalType>) -> Self {
        self.options.additional_types = Some(additional_types(types));
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get(api_path!("/playlists/", self.id?));
        self.options.apply(request, false)
    }
}

impl_into_future!(GetPlaylist => Playlist);

/// Builder for [`SpotifyWebApi::get_playlist_items`]; `.await` returns
/// `Result<Page<PlaylistItem>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetPlaylistItems {
    api: SpotifyWebApi,
    id: Result<PlaylistId>,
    options: ReadOptions,
    page: PageQuery,
}

impl GetPlaylistItems {
    /// The market to check availability in and relink tracks for. Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.options.market = Some(market.into_market());
        self
    }

    /// Which members of each page to send back ([`Fields`], or Spotify's syntax as a string):
    /// `"items(added_by.id,item(name))"`. Default: all of them.
    ///
    /// The pages still decode as `Page<PlaylistItem>`: members left out take their defaults,
    /// by the models' one rule. A filter that lists members to keep also keeps the paging
    /// members (`href`, `limit`, `next`, `offset`, `previous`, `total`), so `stream()` and
    /// `fetch_all()` still reach every page.
    pub fn fields(mut self, fields: impl IntoFields) -> Self {
        self.options.fields = Some(fields.into_fields());
        self
    }

    /// The kinds of item the client takes besides tracks. Default: tracks only, and episodes in
    /// a track-like shape (see [`AdditionalType`]).
    pub fn additional_types(mut self, types: impl IntoIterator<Item = AdditionalType>) -> Self {
        self.options.additional_types = Some(additional_types(types));
        self
    }

    /// Items per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first item. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let id = self.id?;
        let request = ApiRequest::get(api_path!("/playlists/", id, "/items"))
            .refused_as(Refusal::ForeignPlaylist(id.as_str().to_owned()));
        self.page
            .apply(self.options.apply(request, true)?, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetPlaylistItems => page PlaylistItem);

/// Builder for [`SpotifyWebApi::get_playlist_tracks`]; `.await` returns
/// `Result<Page<PlaylistItem>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetPlaylistTracks {
    api: SpotifyWebApi,
    id: Result<PlaylistId>,
    options: ReadOptions,
    page: PageQuery,
}

impl GetPlaylistTracks {
    /// The market to check availability in and relink tracks for. Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.options.market = Some(market.into_market());
        self
    }

    /// Which members of each page to send back, as for
    /// [`GetPlaylistItems::fields`] (the entries' content is under `track` here).
    /// Default: all of them.
    pub fn fields(mut self, fields: impl IntoFields) -> Self {
        self.options.fields = Some(fields.into_fields());
        self
    }

    /// The kinds of item the client takes besides tracks. Default: tracks only (see
    /// [`AdditionalType`]).
    pub fn additional_types(mut self, types: impl IntoIterator<Item = AdditionalType>) -> Self {
        self.options.additional_types = Some(additional_types(types));
        self
    }

    /// Items per page, 1..=100. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first item. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get(api_path!("/playlists/", self.id?, "/tracks")).removed(
            Removal::feb_2026("get-playlists-tracks").instead("SpotifyWebApi::get_playlist_items"),
        );
        self.page.apply(
            self.options.apply(request, true)?,
            PageBounds::DEFAULT.max_limit(100),
        )
    }
}

impl_into_future!(GetPlaylistTracks => page PlaylistItem);

/// Builder for [`SpotifyWebApi::get_playlist_image`]; `.await` returns `Result<Vec<Image>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetPlaylistImage {
    api: SpotifyWebApi,
    id: Result<PlaylistId>,
}

impl GetPlaylistImage {
    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get(api_path!(
            "/playlists/",
            self.id?,
            "/images"
        )))
    }
}

impl_into_future!(GetPlaylistImage => list Image);

/// Builder for [`SpotifyWebApi::get_user_playlists`]; `.await` returns
/// `Result<Page<SimplifiedPlaylist>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetUserPlaylists {
    api: SpotifyWebApi,
    id: Result<UserId>,
    page: PageQuery,
}

impl GetUserPlaylists {
    /// Playlists per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first playlist, at most 100,000. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get(api_path!("/users/", self.id?, "/playlists")).removed(
            Removal::feb_2026("get-list-users-playlists")
                .instead("SpotifyWebApi::get_my_playlists"),
        );
        self.page
            .apply(request, PageBounds::DEFAULT.max_offset(100_000))
    }
}

impl_into_future!(GetUserPlaylists => page SimplifiedPlaylist);

/// Builder for [`SpotifyWebApi::get_featured_playlists`]; `.await` returns
/// `Result<FeaturedPlaylists>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetFeaturedPlaylists {
    api: SpotifyWebApi,
    locale: Option<String>,
    page: PageQuery,
}

impl GetFeaturedPlaylists {
    /// The language of the headline and names: an ISO 639-1 language code and an ISO 3166-1
    /// alpha-2 country code joined by `_`, such as `es_MX`. Default: American English.
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// Playlists per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first playlist. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get("/browse/featured-playlists")
            .removed(Removal::nov_2024("get-featured-playlists"))
            .query("locale", self.locale);
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetFeaturedPlaylists => FeaturedPlaylists);

/// Builder for [`SpotifyWebApi::get_category_playlists`]; `.await` returns
/// `Result<FeaturedPlaylists>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetCategoryPlaylists {
    api: SpotifyWebApi,
    id: Result<String>,
    page: PageQuery,
}

impl GetCategoryPlaylists {
    /// Playlists per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first playlist. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get(api_path!("/browse/categories/", self.id?, "/playlists"))
            .removed(Removal::nov_2024("get-a-categories-playlists"));
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetCategoryPlaylists => FeaturedPlaylists);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiChange;
    use crate::http::Method;

    const PLAYLIST: &str = "3cEYpjA9oz9GiPac4AsH4n";

    #[test]
    fn playlist_request_with_every_option() {
        let req = SpotifyWebApi::new()
            .get_playlist(format!("https://open.spotify.com/playlist/{PLAYLIST}?si=x"))
            .market("se")
            .fields("name,items(added_by.id,item(name))")
            .additional_types([AdditionalType::Track, AdditionalType::Episode])
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Get, "/playlists/3cEYpjA9oz9GiPac4AsH4n")
        );
        assert_eq!(
            req.query_pairs(),
            [
                ("market", "SE"),
                ("fields", "name,items(added_by.id,item(name))"),
                ("additional_types", "track,episode"),
            ]
        );
        assert_eq!(req.refusal, None);
        let bare = SpotifyWebApi::new()
            .get_playlist(PLAYLIST)
            .fields(Fields::new())
            .into_request()
            .unwrap();
        assert!(bare.query.is_empty(), "an empty filter is not sent");
    }

    #[test]
    fn bad_fields_and_ids_fail_before_sending() {
        let api = SpotifyWebApi::new();
        assert!(matches!(
            api.get_playlist(PLAYLIST)
                .fields("items(name")
                .into_request(),
            Err(Error::InvalidArgument { name: "fields", .. })
        ));
        assert!(matches!(
            api.get_playlist("spotify:album:4aawyAB9vmqN3uQ7FjRGTy")
                .into_request(),
            Err(Error::InvalidId { .. })
        ));
    }

    #[test]
    fn items_request_bounds_and_the_foreign_playlist_refusal() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_playlist_items(PLAYLIST)
            .additional_types([AdditionalType::Episode, AdditionalType::Episode])
            .fields("items(item(name))")
            .limit(50)
            .offset(9_950)
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/playlists/3cEYpjA9oz9GiPac4AsH4n/items");
        assert_eq!(
            req.query_pairs(),
            [
                (
                    "fields",
                    "items(item(name)),href,limit,next,offset,previous,total"
                ),
                ("additional_types", "episode"),
                ("limit", "50"),
                ("offset", "9950"),
            ]
        );
        assert_eq!(
            req.refusal,
            Some(Refusal::ForeignPlaylist(PLAYLIST.to_owned()))
        );
        assert_eq!(req.removal, None);
        assert!(
            api.get_playlist_items(PLAYLIST)
                .limit(51)
                .into_request()
                .is_err()
        );
        assert!(
            api.get_playlist_items(PLAYLIST)
                .limit(0)
                .into_request()
                .is_err()
        );
    }

    #[test]
    #[allow(deprecated)]
    fn legacy_tracks_take_pages_of_100_and_name_their_replacement() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_playlist_tracks(PLAYLIST)
            .limit(100)
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/playlists/3cEYpjA9oz9GiPac4AsH4n/tracks");
        assert_eq!(req.query_pairs(), [("limit", "100")]);
        let removal = req.removal.unwrap();
        assert_eq!(
            (removal.operation, removal.change, removal.replacement),
            (
                "get-playlists-tracks",
                ApiChange::February2026,
                Some("SpotifyWebApi::get_playlist_items")
            )
        );
        assert!(
            api.get_playlist_tracks(PLAYLIST)
                .limit(101)
                .into_request()
                .is_err()
        );
    }

    #[test]
    fn cover_request() {
        let req = SpotifyWebApi::new()
            .get_playlist_image(format!("spotify:playlist:{PLAYLIST}"))
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Get, "/playlists/3cEYpjA9oz9GiPac4AsH4n/images")
        );
        assert!(req.query.is_empty());
    }

    #[test]
    #[allow(deprecated)]
    fn user_playlists_are_removed_in_2026_and_cap_the_offset() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_user_playlists("spotify:user:wizzler")
            .limit(50)
            .offset(100_000)
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/users/wizzler/playlists");
        assert_eq!(req.query_pairs(), [("limit", "50"), ("offset", "100000")]);
        let removal = req.removal.unwrap();
        assert_eq!(removal.operation, "get-list-users-playlists");
        assert_eq!(removal.replacement, Some("SpotifyWebApi::get_my_playlists"));
        assert!(
            api.get_user_playlists("wizzler")
                .offset(100_001)
                .into_request()
                .is_err()
        );
        assert!(
            api.get_user_playlists("spotify:playlist:x")
                .into_request()
                .is_err()
        );
    }

    #[test]
    #[allow(deprecated)]
    fn featured_and_category_playlists_are_removed_in_2024() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_featured_playlists()
            .locale("sv_SE")
            .limit(10)
            .offset(5)
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/browse/featured-playlists");
        assert_eq!(
            req.query_pairs(),
            [("locale", "sv_SE"), ("limit", "10"), ("offset", "5")]
        );
        assert_eq!(
            req.removal.map(|r| (r.operation, r.change)),
            Some(("get-featured-playlists", ApiChange::November2024))
        );

        let req = api
            .get_category_playlists("at_home")
            .limit(50)
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/browse/categories/at_home/playlists");
        assert_eq!(
            req.removal.map(|r| r.operation),
            Some("get-a-categories-playlists")
        );
        for bad in ["", "party/../../me", "a b", "päärty"] {
            assert!(
                matches!(
                    api.get_category_playlists(bad).into_request(),
                    Err(Error::InvalidArgument {
                        name: "category_id",
                        ..
                    })
                ),
                "{bad:?}"
            );
        }
    }
}
