//! Artists:
//!
//! - `get-an-artist` (`GET /artists/{id}`): [`SpotifyWebApi::get_artist`];
//! - `get-multiple-artists` (`GET /artists`): [`SpotifyWebApi::get_artists`];
//! - `get-an-artists-albums` (`GET /artists/{id}/albums`): [`SpotifyWebApi::get_artist_albums`];
//! - `get-an-artists-top-tracks` (`GET /artists/{id}/top-tracks`):
//!   [`SpotifyWebApi::get_artist_top_tracks`];
//! - `get-an-artists-related-artists` (`GET /artists/{id}/related-artists`):
//!   [`SpotifyWebApi::get_artist_related_artists`].

use std::fmt;

use crate::api::api_path;
use crate::api::{ids, impl_into_future};
use crate::chunk::MultiGet;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::{ApiRequest, PageBounds};
use crate::id::{ArtistId, IntoId};
use crate::market::{IntoMarket, Market};
use crate::model::{Artist, SimplifiedAlbum, Track};
use crate::paging::PageQuery;
use crate::quota::Removal;

/// An artist's albums: `limit` 1..=10, default 5, since the spec of 2026-02 (`API-CHANGES.md`;
/// the spec's minimum of 0 would give pages that never advance).
const ARTIST_ALBUMS: PageBounds = PageBounds::DEFAULT.max_limit(10);

/// # Artists
impl SpotifyWebApi {
    /// Get an artist: name, genres, images (and, for extended-quota apps, followers and
    /// popularity).
    ///
    /// Spec: `get-an-artist` · `GET /artists/{id}` · scopes: none.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let artist = api.get_artist("spotify:artist:0OdUWJ0sBjDrqHygGUXeCF").await?;
    /// println!("{} ({})", artist.name, artist.genres.join(", "));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for a malformed ID or a URI
    /// of another kind; [`Error::Api`](crate::Error::Api) 404 for an artist Spotify does not know.
    pub fn get_artist(&self, artist: impl IntoId<ArtistId>) -> GetArtist {
        GetArtist {
            api: self.clone(),
            id: artist.into_id(),
        }
    }

    /// Get several artists by ID, in the order given, `None` for those Spotify does not know.
    /// Any number of IDs: they are sent 50 per request, concurrently, or (for a
    /// development-mode app, which lacks this endpoint since 2026-02) as concurrent single
    /// gets. The result is the same list either way.
    ///
    /// Spec: `get-multiple-artists` · `GET /artists` · scopes: none · extended quota only (the
    /// client falls back on `get-an-artist`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let artists = api
    ///     .get_artists(["0oSGxfWSnnOXhD2fKuz2Gy", "3dBVyJ7JuOMt4GE9607Qin"])
    ///     .await?;
    /// for artist in artists.iter().flatten() {
    ///     println!("{}", artist.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending if any ID is malformed.
    pub fn get_artists<I>(&self, artists: I) -> GetArtists
    where
        I: IntoIterator,
        I::Item: IntoId<ArtistId>,
    {
        GetArtists {
            api: self.clone(),
            ids: ids(artists),
        }
    }

    /// Get an artist's albums (their own, and those they appear on), one page at a time.
    ///
    /// Spec: `get-an-artists-albums` · `GET /artists/{id}/albums` · scopes: none.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::api::artists::IncludeGroup;
    ///
    /// let singles = api
    ///     .get_artist_albums("0OdUWJ0sBjDrqHygGUXeCF")
    ///     .include_groups([IncludeGroup::Album, IncludeGroup::Single])
    ///     .market("SE")
    ///     .fetch_all()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=10.
    pub fn get_artist_albums(&self, artist: impl IntoId<ArtistId>) -> GetArtistAlbums {
        GetArtistAlbums {
            api: self.clone(),
            id: artist.into_id(),
            include_groups: Vec::new(),
            market: None,
            page: PageQuery::default(),
        }
    }

    /// Get an artist's top tracks (at most 10), most popular first.
    ///
    /// Spec: `get-an-artists-top-tracks` · `GET /artists/{id}/top-tracks` · scopes: none ·
    /// extended quota only.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// # #[allow(deprecated)]
    /// for track in api.get_artist_top_tracks("0OdUWJ0sBjDrqHygGUXeCF").market("SE").await? {
    ///     println!("{}", track.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for a development-mode app:
    /// Spotify removed the endpoint for them in 2026-02, with no replacement.
    #[deprecated(
        since = "0.1.0",
        note = "removed for development-mode apps on 2026-02-08, with no replacement; extended-quota apps still have it"
    )]
    pub fn get_artist_top_tracks(&self, artist: impl IntoId<ArtistId>) -> GetArtistTopTracks {
        GetArtistTopTracks {
            api: self.clone(),
            id: artist.into_id(),
            market: None,
        }
    }

    /// Get up to 20 artists similar to an artist, by Spotify's listeners' history.
    ///
    /// Spec: `get-an-artists-related-artists` · `GET /artists/{id}/related-artists` · scopes:
    /// none · apps with extended access granted before 2024-11-27 only.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// # #[allow(deprecated)]
    /// let related = api.get_artist_related_artists("0OdUWJ0sBjDrqHygGUXeCF").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for an app without extended
    /// access granted before 2024-11-27: Spotify removed the endpoint for them, with no
    /// replacement.
    #[deprecated(
        since = "0.1.0",
        note = "removed on 2024-11-27 for apps without extended access granted before then, with no replacement"
    )]
    pub fn get_artist_related_artists(
        &self,
        artist: impl IntoId<ArtistId>,
    ) -> GetArtistRelatedArtists {
        GetArtistRelatedArtists {
            api: self.clone(),
            id: artist.into_id(),
        }
    }
}

/// Builder for [`SpotifyWebApi::get_artist`]; `.await` returns `Result<Artist>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetArtist {
    api: SpotifyWebApi,
    id: Result<ArtistId>,
}

impl GetArtist {
    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get(api_path!("/artists/", self.id?)))
    }
}

impl_into_future!(GetArtist => Artist);

/// Builder for [`SpotifyWebApi::get_artists`]; `.await` returns `Result<Vec<Option<Artist>>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetArtists {
    api: SpotifyWebApi,
    ids: Result<Vec<ArtistId>>,
}

impl GetArtists {
    fn into_multi_get(self) -> Result<MultiGet> {
        let removal = Removal::feb_2026("get-multiple-artists");
        MultiGet::new("/artists", "artists", 50, removal, self.ids?)
    }
}

impl_into_future!(GetArtists => several Artist);

/// Which of an artist's albums [`SpotifyWebApi::get_artist_albums`] lists (`include_groups`):
/// the artist's own albums, singles and compilations, and the albums of others they appear on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IncludeGroup {
    /// `album`: the artist's albums.
    Album,
    /// `single`: the artist's singles and EPs.
    Single,
    /// `appears_on`: albums of other artists the artist appears on.
    AppearsOn,
    /// `compilation`: the artist's compilations.
    Compilation,
}

impl IncludeGroup {
    /// The wire name: `album`, `single`, `appears_on` or `compilation`.
    pub fn as_str(self) -> &'static str {
        match self {
            IncludeGroup::Album => "album",
            IncludeGroup::Single => "single",
            IncludeGroup::AppearsOn => "appears_on",
            IncludeGroup::Compilation => "compilation",
        }
    }
}

impl fmt::Display for IncludeGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Builder for [`SpotifyWebApi::get_artist_albums`]; `.await` returns
/// `Result<Page<SimplifiedAlbum>>` (each with its `album_group`, for extended-quota apps).
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetArtistAlbums {
    api: SpotifyWebApi,
    id: Result<ArtistId>,
    include_groups: Vec<IncludeGroup>,
    market: Option<Result<Market>>,
    page: PageQuery,
}

impl GetArtistAlbums {
    /// Lists only these groups (added to those of earlier calls; duplicates are sent once).
    /// Default: every group.
    pub fn include_groups(mut self, groups: impl IntoIterator<Item = IncludeGroup>) -> Self {
        for group in groups {
            if !self.include_groups.contains(&group) {
                self.include_groups.push(group);
            }
        }
        self
    }

    /// Lists only the albums available in this market: a country code or
    /// [`Market::FromToken`]. Default: none (every album).
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    /// Albums per page, 1..=10. Default: 5 (both since 2026-02; `stream()` and `fetch_all()`
    /// use 10).
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first album. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let groups = (!self.include_groups.is_empty()).then(|| {
            self.include_groups
                .iter()
                .map(|group| group.as_str())
                .collect::<Vec<_>>()
                .join(",")
        });
        let request = ApiRequest::get(api_path!("/artists/", self.id?, "/albums"))
            .query("include_groups", groups)
            .query("market", self.market.transpose()?);
        self.page.apply(request, ARTIST_ALBUMS)
    }
}

impl_into_future!(GetArtistAlbums => page SimplifiedAlbum);

/// Builder for [`SpotifyWebApi::get_artist_top_tracks`]; `.await` returns `Result<Vec<Track>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetArtistTopTracks {
    api: SpotifyWebApi,
    id: Result<ArtistId>,
    market: Option<Result<Market>>,
}

impl GetArtistTopTracks {
    /// Only tracks playable in this market (relinked where needed): a country code or
    /// [`Market::FromToken`]. Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(
            ApiRequest::get(api_path!("/artists/", self.id?, "/top-tracks"))
                .query("market", self.market.transpose()?)
                .removed(Removal::feb_2026("get-an-artists-top-tracks")),
        )
    }
}

impl_into_future!(GetArtistTopTracks => Vec<Track>, in "tracks");

/// Builder for [`SpotifyWebApi::get_artist_related_artists`]; `.await` returns
/// `Result<Vec<Artist>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetArtistRelatedArtists {
    api: SpotifyWebApi,
    id: Result<ArtistId>,
}

impl GetArtistRelatedArtists {
    fn into_request(self) -> Result<ApiRequest> {
        Ok(
            ApiRequest::get(api_path!("/artists/", self.id?, "/related-artists"))
                .removed(Removal::nov_2024("get-an-artists-related-artists")),
        )
    }
}

impl_into_future!(GetArtistRelatedArtists => Vec<Artist>, in "artists");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ArgumentProblem, Error};
    use crate::http::Method;

    const ARTIST: &str = "0OdUWJ0sBjDrqHygGUXeCF";

    #[test]
    fn artist_request() {
        let req = SpotifyWebApi::new()
            .get_artist(format!("https://open.spotify.com/artist/{ARTIST}?si=x"))
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Get, "/artists/0OdUWJ0sBjDrqHygGUXeCF")
        );
        assert!(req.query.is_empty() && req.removal.is_none());
        assert!(matches!(
            SpotifyWebApi::new()
                .get_artist("spotify:track:7EjyzZcbLxW7PaaLua9Ksb")
                .into_request(),
            Err(Error::InvalidId { .. })
        ));
    }

    #[test]
    fn several_artists_go_fifty_per_request_and_fall_back_on_single_gets() {
        let multi = SpotifyWebApi::new()
            .get_artists(vec![ARTIST; 101])
            .into_multi_get()
            .unwrap();
        let chunks = multi.chunk_requests();
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].path, "/artists");
        assert_eq!(chunks[0].query_value("ids").unwrap().split(',').count(), 50);
        assert_eq!(chunks[2].query_value("ids"), Some(ARTIST));
        assert_eq!(
            multi.single_request(ARTIST).path,
            format!("/artists/{ARTIST}")
        );
        assert!(multi.single_gets);
        assert_eq!(multi.removal.operation, "get-multiple-artists");
    }

    #[test]
    fn artist_albums_request_groups_market_and_limits() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_artist_albums(ARTIST)
            .include_groups([IncludeGroup::Album, IncludeGroup::AppearsOn])
            .include_groups([IncludeGroup::Album, IncludeGroup::Compilation])
            .market("se")
            .limit(10)
            .offset(20)
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/artists/0OdUWJ0sBjDrqHygGUXeCF/albums");
        assert_eq!(
            req.query_pairs(),
            [
                ("include_groups", "album,appears_on,compilation"),
                ("market", "SE"),
                ("limit", "10"),
                ("offset", "20")
            ]
        );
        assert_eq!(req.paging.map(|b| b.max_limit), Some(10));
        let bare = api.get_artist_albums(ARTIST).into_request().unwrap();
        assert!(bare.query.is_empty(), "no defaults are sent");
        for bad in [0, 11, 50] {
            let err = api.get_artist_albums(ARTIST).limit(bad).into_request();
            assert!(
                matches!(
                    err,
                    Err(Error::InvalidArgument {
                        name: "limit",
                        problem: ArgumentProblem::OutOfRange {
                            min: 1,
                            max: 10,
                            ..
                        }
                    })
                ),
                "{bad}"
            );
        }
        assert_eq!(IncludeGroup::AppearsOn.to_string(), "appears_on");
    }

    #[test]
    #[allow(deprecated)]
    fn top_tracks_and_related_artists_carry_their_removals() {
        let api = SpotifyWebApi::new();
        let top = api
            .get_artist_top_tracks(ARTIST)
            .market("DE")
            .into_request()
            .unwrap();
        assert_eq!(top.path, "/artists/0OdUWJ0sBjDrqHygGUXeCF/top-tracks");
        assert_eq!(top.query_pairs(), [("market", "DE")]);
        let removal = top.removal.unwrap();
        assert_eq!(
            (removal.operation, removal.change),
            ("get-an-artists-top-tracks", crate::ApiChange::February2026)
        );
        let related = api
            .get_artist_related_artists(ARTIST)
            .into_request()
            .unwrap();
        assert_eq!(
            related.path,
            "/artists/0OdUWJ0sBjDrqHygGUXeCF/related-artists"
        );
        let removal = related.removal.unwrap();
        assert_eq!(
            (removal.operation, removal.change),
            (
                "get-an-artists-related-artists",
                crate::ApiChange::November2024
            )
        );
    }
}
