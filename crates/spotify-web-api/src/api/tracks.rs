//! Tracks:
//!
//! - `get-track` (`GET /tracks/{id}`): [`SpotifyWebApi::get_track`];
//! - `get-several-tracks` (`GET /tracks`): [`SpotifyWebApi::get_tracks`];
//! - `get-audio-features` (`GET /audio-features/{id}`): [`SpotifyWebApi::get_audio_features`];
//! - `get-several-audio-features` (`GET /audio-features`):
//!   [`SpotifyWebApi::get_multiple_audio_features`];
//! - `get-audio-analysis` (`GET /audio-analysis/{id}`): [`SpotifyWebApi::get_audio_analysis`];
//! - in the user's library: `save-tracks-user`, `remove-tracks-user`, `check-users-saved-tracks`
//!   (`PUT`/`DELETE /me/tracks`, `GET /me/tracks/contains`; removed for development-mode apps in
//!   2026-02, which the client serves through `/me/library`): [`SpotifyWebApi::add_my_tracks`],
//!   [`SpotifyWebApi::delete_my_tracks`], [`SpotifyWebApi::my_tracks_contains`];
//! - `get-users-saved-tracks` (`GET /me/tracks`): [`SpotifyWebApi::get_my_saved_tracks`].
//!
//! `get-recommendations`, also of the Tracks tag, is in [`recommendations`](super::recommendations).

use crate::api::api_path;
use crate::api::library::per_type;
use crate::api::{ids, impl_into_future};
use crate::chunk::MultiGet;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::{ApiRequest, PageBounds};
use crate::id::{IntoId, TrackId};
use crate::library_ops::{Action, IdsIn, LibraryCall};
use crate::market::{IntoMarket, Market};
use crate::model::{AudioAnalysis, AudioFeatures, SavedTrack, Track};
use crate::paging::PageQuery;
use crate::quota::Removal;
use crate::scope::Scope;

/// # Tracks
impl SpotifyWebApi {
    /// Get a track: its name, artists, album, duration, and where it can be played.
    ///
    /// Spec: `get-track` · `GET /tracks/{id}` · scopes: none (a client-credentials token is
    /// enough).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::Market;
    ///
    /// let track = api.get_track("spotify:track:7EjyzZcbLxW7PaaLua9Ksb").await?;
    /// let in_sweden = api.get_track(&track.uri).market("SE").await?;
    /// println!("playable in SE: {:?}", in_sweden.is_playable);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for a malformed ID or a URI
    /// of another kind; [`Error::Api`](crate::Error::Api) 404 for an ID Spotify does not know.
    pub fn get_track(&self, track: impl IntoId<TrackId>) -> GetTrack {
        GetTrack {
            api: self.clone(),
            id: track.into_id(),
            market: None,
        }
    }

    /// Get several tracks by ID, in the order given, `None` for those Spotify does not know.
    /// Any number of IDs: they are sent 50 per request, concurrently, or (for a
    /// development-mode app, which lacks this endpoint since 2026-02) as concurrent single
    /// gets. The result is the same list either way.
    ///
    /// Spec: `get-several-tracks` · `GET /tracks` · scopes: none · extended quota only (the
    /// client falls back on `get-track`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let tracks = api
    ///     .get_tracks(["7EjyzZcbLxW7PaaLua9Ksb", "4iV5W9uYEdYUVa79Axb7Rh"])
    ///     .market("SE")
    ///     .await?;
    /// for track in tracks.iter().flatten() {
    ///     println!("{}", track.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending if any ID is malformed.
    pub fn get_tracks<I>(&self, tracks: I) -> GetTracks
    where
        I: IntoIterator,
        I::Item: IntoId<TrackId>,
    {
        GetTracks {
            api: self.clone(),
            ids: ids(tracks),
            market: None,
        }
    }

    /// Get a track's audio features: danceability, energy, tempo, key and the like.
    ///
    /// Spec: `get-audio-features` · `GET /audio-features/{id}` · scopes: none · apps with
    /// extended access granted before 2024-11-27 only.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// # #[allow(deprecated)]
    /// let features = api.get_audio_features("7EjyzZcbLxW7PaaLua9Ksb").await?;
    /// println!("{} BPM, energy {}", features.tempo, features.energy);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for an app without extended
    /// access granted before 2024-11-27; [`Error::Api`](crate::Error::Api) 404 for a track
    /// Spotify does not know.
    #[deprecated(
        since = "0.1.0",
        note = "removed on 2024-11-27 for apps without extended access granted before then, with no replacement"
    )]
    pub fn get_audio_features(&self, track: impl IntoId<TrackId>) -> GetAudioFeatures {
        GetAudioFeatures {
            api: self.clone(),
            id: track.into_id(),
        }
    }

    /// Get the audio features of several tracks, in the order given, `None` for those Spotify
    /// does not know. Any number of IDs: they are sent 100 per request, concurrently. There
    /// is no fallback on single gets: Spotify removed those at the same time.
    ///
    /// Spec: `get-several-audio-features` · `GET /audio-features` · scopes: none · apps with
    /// extended access granted before 2024-11-27 only.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// # #[allow(deprecated)]
    /// let features = api
    ///     .get_multiple_audio_features(["7EjyzZcbLxW7PaaLua9Ksb", "4iV5W9uYEdYUVa79Axb7Rh"])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending if any ID is malformed;
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for an app without extended
    /// access granted before 2024-11-27.
    #[deprecated(
        since = "0.1.0",
        note = "removed on 2024-11-27 for apps without extended access granted before then, with no replacement"
    )]
    pub fn get_multiple_audio_features<I>(&self, tracks: I) -> GetMultipleAudioFeatures
    where
        I: IntoIterator,
        I::Item: IntoId<TrackId>,
    {
        GetMultipleAudioFeatures {
            api: self.clone(),
            ids: ids(tracks),
        }
    }

    /// Get a track's low-level audio analysis: bars, beats, sections, segments and tatums.
    ///
    /// Spec: `get-audio-analysis` · `GET /audio-analysis/{id}` · scopes: none · apps with
    /// extended access granted before 2024-11-27 only.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// # #[allow(deprecated)]
    /// let analysis = api.get_audio_analysis("7EjyzZcbLxW7PaaLua9Ksb").await?;
    /// println!("{} sections", analysis.sections.len());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for an app without extended
    /// access granted before 2024-11-27; [`Error::Api`](crate::Error::Api) 404 for a track
    /// Spotify does not know.
    #[deprecated(
        since = "0.1.0",
        note = "removed on 2024-11-27 for apps without extended access granted before then, with no replacement"
    )]
    pub fn get_audio_analysis(&self, track: impl IntoId<TrackId>) -> GetAudioAnalysis {
        GetAudioAnalysis {
            api: self.clone(),
            id: track.into_id(),
        }
    }
}

/// Builder for [`SpotifyWebApi::get_track`]; `.await` returns `Result<Track>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetTrack {
    api: SpotifyWebApi,
    id: Result<TrackId>,
    market: Option<Result<Market>>,
}

impl GetTrack {
    /// The market to check availability in and relink for: a country code or
    /// [`Market::FromToken`]. Default: none (Spotify lists `available_markets` instead).
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get(api_path!("/tracks/", self.id?))
            .query("market", self.market.transpose()?))
    }
}

impl_into_future!(GetTrack => Track);

/// Builder for [`SpotifyWebApi::get_tracks`]; `.await` returns `Result<Vec<Option<Track>>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetTracks {
    api: SpotifyWebApi,
    ids: Result<Vec<TrackId>>,
    market: Option<Result<Market>>,
}

impl GetTracks {
    /// The market to check availability in and relink for: a country code or
    /// [`Market::FromToken`]. Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    fn into_multi_get(self) -> Result<MultiGet> {
        let removal = Removal::feb_2026("get-several-tracks");
        Ok(MultiGet::new("/tracks", "tracks", 50, removal, self.ids?)?
            .query("market", self.market.transpose()?))
    }
}

impl_into_future!(GetTracks => several Track);

/// Builder for [`SpotifyWebApi::get_audio_features`]; `.await` returns `Result<AudioFeatures>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetAudioFeatures {
    api: SpotifyWebApi,
    id: Result<TrackId>,
}

impl GetAudioFeatures {
    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get(api_path!("/audio-features/", self.id?))
            .removed(Removal::nov_2024("get-audio-features")))
    }
}

impl_into_future!(GetAudioFeatures => AudioFeatures);

/// Builder for [`SpotifyWebApi::get_multiple_audio_features`]; `.await` returns
/// `Result<Vec<Option<AudioFeatures>>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMultipleAudioFeatures {
    api: SpotifyWebApi,
    ids: Result<Vec<TrackId>>,
}

impl GetMultipleAudioFeatures {
    fn into_multi_get(self) -> Result<MultiGet> {
        let removal = Removal::nov_2024("get-several-audio-features");
        Ok(
            MultiGet::new("/audio-features", "audio_features", 100, removal, self.ids?)?
                .without_single_gets(),
        )
    }
}

impl_into_future!(GetMultipleAudioFeatures => several AudioFeatures);

/// Builder for [`SpotifyWebApi::get_audio_analysis`]; `.await` returns `Result<AudioAnalysis>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetAudioAnalysis {
    api: SpotifyWebApi,
    id: Result<TrackId>,
}

impl GetAudioAnalysis {
    fn into_request(self) -> Result<ApiRequest> {
        Ok(ApiRequest::get(api_path!("/audio-analysis/", self.id?))
            .removed(Removal::nov_2024("get-audio-analysis")))
    }
}

impl_into_future!(GetAudioAnalysis => AudioAnalysis);

/// # Tracks in the user's library
///
/// Saving, removing and checking, and the saved list. Development-mode apps lost the
/// per-type writes and checks in 2026-02: the client sends those through `/me/library` for
/// them, with the same result (see [`library`](super::library)).
impl SpotifyWebApi {
    /// Save tracks to the user's library ("Liked Songs"), any number, now or (with
    /// [`AddMyTracks::timestamped_ids`]) each at its own date.
    ///
    /// Spec: `save-tracks-user` · `PUT /me/tracks` · scopes: `user-library-modify` · extended
    /// quota only (the client falls back on `save-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.add_my_tracks(["7EjyzZcbLxW7PaaLua9Ksb", "4iV5W9uYEdYUVa79Axb7Rh"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending if any ID is malformed;
    /// [`Error::PartialWrite`](crate::Error::PartialWrite) if a request fails after others
    /// saved some of the tracks.
    pub fn add_my_tracks<I>(&self, tracks: I) -> AddMyTracks
    where
        I: IntoIterator,
        I::Item: IntoId<TrackId>,
    {
        AddMyTracks {
            api: self.clone(),
            ids: ids(tracks),
            dated: Ok(Vec::new()),
        }
    }

    /// Remove tracks from the user's library, any number.
    ///
    /// Spec: `remove-tracks-user` · `DELETE /me/tracks` · scopes: `user-library-modify` ·
    /// extended quota only (the client falls back on `remove-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.delete_my_tracks(["7EjyzZcbLxW7PaaLua9Ksb"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn delete_my_tracks<I>(&self, tracks: I) -> DeleteMyTracks
    where
        I: IntoIterator,
        I::Item: IntoId<TrackId>,
    {
        DeleteMyTracks {
            api: self.clone(),
            ids: ids(tracks),
        }
    }

    /// Check whether the user saved each track: one answer per track, in order.
    ///
    /// Spec: `check-users-saved-tracks` · `GET /me/tracks/contains` · scopes:
    /// `user-library-read` · extended quota only (the client falls back on
    /// `check-library-contains`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let saved = api.my_tracks_contains(["7EjyzZcbLxW7PaaLua9Ksb"]).await?;
    /// println!("saved: {}", saved[0]);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending if any ID is malformed.
    pub fn my_tracks_contains<I>(&self, tracks: I) -> MyTracksContains
    where
        I: IntoIterator,
        I::Item: IntoId<TrackId>,
    {
        MyTracksContains {
            api: self.clone(),
            ids: ids(tracks),
        }
    }

    /// Get the tracks the user saved ("Liked Songs"), newest first, each with the time it was
    /// saved, one page at a time.
    ///
    /// Spec: `get-users-saved-tracks` · `GET /me/tracks` · scopes: `user-library-read`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use futures_util::TryStreamExt;
    ///
    /// let page = api.get_my_saved_tracks().limit(50).await?;
    /// println!("{} saved tracks", page.total);
    /// let all: Vec<_> = api.get_my_saved_tracks().stream().try_collect().await?;
    /// for saved in &all {
    ///     println!("{} {}", saved.added_at, saved.track.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=50.
    pub fn get_my_saved_tracks(&self) -> GetMySavedTracks {
        GetMySavedTracks {
            api: self.clone(),
            market: None,
            page: PageQuery::default(),
        }
    }
}

/// Builder for [`SpotifyWebApi::add_my_tracks`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddMyTracks {
    api: SpotifyWebApi,
    ids: Result<Vec<TrackId>>,
    dated: Result<Vec<(TrackId, String)>>,
}

impl AddMyTracks {
    /// Also save these tracks, each with the date it is to appear as added
    /// (`timestamped_ids`: an ISO 8601 UTC time such as `2023-01-15T14:30:00Z`), which puts
    /// them in the library's order by date; past dates are allowed. They are saved after the
    /// tracks given to [`SpotifyWebApi::add_my_tracks`], which are saved now. Default: none.
    ///
    /// Only `save-tracks-user` takes dates: for a development-mode app, which lacks it since
    /// 2026-02, the call fails with [`Error::EndpointRemoved`](crate::Error::EndpointRemoved)
    /// before anything is sent.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::TrackId;
    ///
    /// api.add_my_tracks(Vec::<TrackId>::new())
    ///     .timestamped_ids([("7EjyzZcbLxW7PaaLua9Ksb", "2014-10-26T14:22:34Z")])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn timestamped_ids<I, T, S>(mut self, tracks: I) -> Self
    where
        I: IntoIterator<Item = (T, S)>,
        T: IntoId<TrackId>,
        S: Into<String>,
    {
        self.dated = tracks
            .into_iter()
            .map(|(id, added_at)| Ok((id.into_id()?, added_at.into())))
            .collect();
        self
    }

    fn into_library_call(self) -> Result<LibraryCall> {
        let dated = self
            .dated?
            .into_iter()
            .map(|(id, added_at)| (id.into(), added_at))
            .collect();
        per_type(
            Action::Save,
            self.ids,
            "save-tracks-user",
            "/me/tracks",
            IdsIn::Body,
        )?
        .dated(dated)
    }
}

impl_into_future!(AddMyTracks => library write);

/// Builder for [`SpotifyWebApi::delete_my_tracks`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteMyTracks {
    api: SpotifyWebApi,
    ids: Result<Vec<TrackId>>,
}

impl DeleteMyTracks {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Remove,
            self.ids,
            "remove-tracks-user",
            "/me/tracks",
            IdsIn::Query,
        )
    }
}

impl_into_future!(DeleteMyTracks => library write);

/// Builder for [`SpotifyWebApi::my_tracks_contains`]; `.await` returns `Result<Vec<bool>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct MyTracksContains {
    api: SpotifyWebApi,
    ids: Result<Vec<TrackId>>,
}

impl MyTracksContains {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Contains,
            self.ids,
            "check-users-saved-tracks",
            "/me/tracks/contains",
            IdsIn::Query,
        )
    }
}

impl_into_future!(MyTracksContains => library contains);

/// Builder for [`SpotifyWebApi::get_my_saved_tracks`]; `.await` returns
/// `Result<Page<SavedTrack>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMySavedTracks {
    api: SpotifyWebApi,
    market: Option<Result<Market>>,
    page: PageQuery,
}

impl GetMySavedTracks {
    /// The market to check availability in and relink tracks for: a country code or
    /// [`Market::FromToken`]. Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    /// Tracks per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first track. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get("/me/tracks")
            .query("market", self.market.transpose()?)
            .scopes([Scope::UserLibraryRead]);
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetMySavedTracks => page SavedTrack);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    #[test]
    fn request_has_path_and_market() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_track("https://open.spotify.com/track/7EjyzZcbLxW7PaaLua9Ksb?si=1")
            .market("se")
            .into_request()
            .unwrap();
        assert_eq!(req.method, Method::Get);
        assert_eq!(req.path, "/tracks/7EjyzZcbLxW7PaaLua9Ksb");
        assert_eq!(req.query_pairs(), [("market", "SE")]);
        assert!(req.body.is_none());
    }

    #[test]
    fn bad_input_fails_before_sending() {
        let api = SpotifyWebApi::new();
        assert!(matches!(
            api.get_track("spotify:album:4aawyAB9vmqN3uQ7FjRGTy")
                .into_request(),
            Err(crate::Error::InvalidId { .. })
        ));
        assert!(matches!(
            api.get_track("7EjyzZcbLxW7PaaLua9Ksb")
                .market("Sweden")
                .into_request(),
            Err(crate::Error::InvalidArgument { name: "market", .. })
        ));
    }

    #[test]
    fn several_tracks_go_fifty_per_request_with_the_market() {
        let multi = SpotifyWebApi::new()
            .get_tracks(vec!["7EjyzZcbLxW7PaaLua9Ksb"; 120])
            .market("SE")
            .into_multi_get()
            .unwrap();
        let chunks = multi.chunk_requests();
        let sizes: Vec<usize> = chunks
            .iter()
            .map(|c| c.query_value("ids").unwrap().split(',').count())
            .collect();
        assert_eq!(sizes, [50, 50, 20]);
        assert!(
            chunks
                .iter()
                .all(|c| c.path == "/tracks" && c.query_value("market") == Some("SE"))
        );
        let single = multi.single_request("7EjyzZcbLxW7PaaLua9Ksb");
        assert_eq!(single.path, "/tracks/7EjyzZcbLxW7PaaLua9Ksb");
        assert_eq!(single.query_pairs(), [("market", "SE")]);
        assert!(multi.single_gets);
        assert_eq!(multi.removal.operation, "get-several-tracks");
    }

    #[test]
    #[allow(deprecated)]
    fn audio_features_and_analysis_are_removed_in_2024_without_single_gets() {
        let api = SpotifyWebApi::new();
        let one = api
            .get_audio_features("7EjyzZcbLxW7PaaLua9Ksb")
            .into_request()
            .unwrap();
        assert_eq!(one.path, "/audio-features/7EjyzZcbLxW7PaaLua9Ksb");
        assert_eq!(
            one.removal.map(|r| r.change),
            Some(crate::ApiChange::November2024)
        );
        let analysis = api
            .get_audio_analysis("7EjyzZcbLxW7PaaLua9Ksb")
            .into_request()
            .unwrap();
        assert_eq!(analysis.path, "/audio-analysis/7EjyzZcbLxW7PaaLua9Ksb");
        assert_eq!(
            analysis.removal.map(|r| r.operation),
            Some("get-audio-analysis")
        );
        let multi = api
            .get_multiple_audio_features(vec!["7EjyzZcbLxW7PaaLua9Ksb"; 150])
            .into_multi_get()
            .unwrap();
        let chunks = multi.chunk_requests();
        assert_eq!(chunks.len(), 2);
        assert_eq!(chunks[0].path, "/audio-features");
        assert_eq!(
            chunks[0].query_value("ids").unwrap().split(',').count(),
            100
        );
        assert!(!multi.single_gets, "no single gets replace it");
        assert_eq!(multi.removal.change, crate::ApiChange::November2024);
        assert!(matches!(
            api.get_multiple_audio_features(["nope"]).into_multi_get(),
            Err(crate::Error::InvalidId { .. })
        ));
    }

    #[test]
    fn saved_track_requests() {
        use crate::library_ops::{IdsIn, assert_per_type};
        let api = SpotifyWebApi::new();
        let id = "7EjyzZcbLxW7PaaLua9Ksb";
        let uri = "spotify:track:7EjyzZcbLxW7PaaLua9Ksb";
        // The spec takes the IDs of a save in the body only (the query form is deprecated).
        let call = api.add_my_tracks([id]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "save-tracks-user",
            (Method::Put, "/me/tracks"),
            IdsIn::Body,
            uri,
        );
        let call = api.delete_my_tracks([id]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "remove-tracks-user",
            (Method::Delete, "/me/tracks"),
            IdsIn::Query,
            uri,
        );
        let call = api.my_tracks_contains([id]).into_library_call().unwrap();
        assert_per_type(
            &call,
            "check-users-saved-tracks",
            (Method::Get, "/me/tracks/contains"),
            IdsIn::Query,
            uri,
        );
        assert!(
            api.my_tracks_contains(["nope"])
                .into_library_call()
                .is_err()
        );
        let list = api
            .get_my_saved_tracks()
            .market("se")
            .limit(50)
            .offset(100)
            .into_request()
            .unwrap();
        assert_eq!(
            (list.method, list.path.as_str()),
            (Method::Get, "/me/tracks")
        );
        assert_eq!(
            list.query_pairs(),
            [("market", "SE"), ("limit", "50"), ("offset", "100")]
        );
        assert_eq!(list.scopes, [crate::Scope::UserLibraryRead]);
        assert!(api.get_my_saved_tracks().limit(51).into_request().is_err());
    }

    #[test]
    fn timestamped_ids_follow_the_tracks_given() {
        let api = SpotifyWebApi::new();
        let (a, b) = ("7EjyzZcbLxW7PaaLua9Ksb", "4iV5W9uYEdYUVa79Axb7Rh");
        let call = api
            .add_my_tracks([a])
            .timestamped_ids([(b, "2023-01-15T14:30:00Z")])
            .into_library_call()
            .unwrap();
        let batches = call.per_type_batches().unwrap();
        let json = |i: usize| -> serde_json::Value {
            serde_json::from_slice(&batches[i].request.body.as_ref().unwrap().bytes).unwrap()
        };
        assert_eq!(json(0), serde_json::json!({ "ids": [a] }));
        assert_eq!(
            json(1),
            serde_json::json!({ "timestamped_ids": [
                { "id": b, "added_at": "2023-01-15T14:30:00Z" }
            ]})
        );
        assert!(
            api.add_my_tracks([a])
                .timestamped_ids([("spotify:album:x", "2023-01-15T14:30:00Z")])
                .into_library_call()
                .is_err()
        );
    }
}
