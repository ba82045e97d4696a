//! Library: saving items to the user's library, removing them, and checking them.
//!
//! - `save-library-items` (`PUT /me/library`): [`SpotifyWebApi::add_my_library`];
//! - `remove-library-items` (`DELETE /me/library`): [`SpotifyWebApi::delete_my_library`];
//! - `check-library-contains` (`GET /me/library/contains`):
//!   [`SpotifyWebApi::my_library_contains`];
//! - per type, the operations removed for development-mode apps in 2026-02, which the client
//!   replaces with `/me/library` for them (the result is the same):
//!   - `save-tracks-user`, `remove-tracks-user`, `check-users-saved-tracks`
//!     (`PUT`/`DELETE /me/tracks`, `GET /me/tracks/contains`): [`SpotifyWebApi::add_my_tracks`],
//!     [`SpotifyWebApi::delete_my_tracks`], [`SpotifyWebApi::my_tracks_contains`];
//!   - the same for albums ([`SpotifyWebApi::add_my_albums`]...), episodes
//!     ([`SpotifyWebApi::add_my_episodes`]...), shows ([`SpotifyWebApi::add_my_shows`]...) and
//!     audiobooks ([`SpotifyWebApi::add_my_audiobooks`]...).
//!
//! Any number of items: `/me/library` takes 40 URIs a request and the per-type endpoints 50
//! IDs, so a longer list is split, in order. Writes go one request after another; if one fails
//! after others landed, the error is [`Error::PartialWrite`](crate::Error::PartialWrite), which
//! says how many items were written. The saved lists (`GET /me/tracks`...) are in
//! [`saved`](crate::api::saved); follows in [`follows`](crate::api::follows).

use crate::api::{ids, impl_into_future};
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::id::{AlbumId, AudiobookId, EpisodeId, IntoId, LibraryItemId, ShowId, TrackId};
use crate::library_ops::{Action, Endpoint, IdsIn, LibraryCall, PerType};
use crate::scope::Scope;

/// # Library
impl SpotifyWebApi {
    /// Save items of any kind to the user's library: tracks, albums, episodes, shows and
    /// audiobooks are saved; users and playlists followed (artists cannot be saved this way:
    /// see [`SpotifyWebApi::follow_artists_or_users`]).
    ///
    /// Spec: `save-library-items` · `PUT /me/library` · scopes: `user-library-modify`,
    /// `user-follow-modify` (users), `playlist-modify-public` (playlists), as the items need.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::{LibraryItemId, TrackId};
    ///
    /// let track: LibraryItemId = TrackId::parse("7EjyzZcbLxW7PaaLua9Ksb")?.into();
    /// api.add_my_library([track]).await?;
    /// api.add_my_library(["spotify:album:4aawyAB9vmqN3uQ7FjRGTy", "spotify:user:wizzler"])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for a bare ID (give a URI,
    /// a URL or a typed ID) or a kind no library holds;
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) for an artist.
    pub fn add_my_library<I>(&self, items: I) -> AddMyLibrary
    where
        I: IntoIterator,
        I::Item: crate::id::IntoItem<LibraryItemId>,
    {
        AddMyLibrary {
            api: self.clone(),
            items: crate::api::items(items),
        }
    }

    /// Remove items of any kind from the user's library (unfollow users and playlists).
    ///
    /// Spec: `remove-library-items` · `DELETE /me/library` · scopes: `user-library-modify`,
    /// `user-follow-modify` (users), `playlist-modify-public` (playlists), as the items need.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.delete_my_library(["spotify:track:7EjyzZcbLxW7PaaLua9Ksb"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_library`].
    pub fn delete_my_library<I>(&self, items: I) -> DeleteMyLibrary
    where
        I: IntoIterator,
        I::Item: crate::id::IntoItem<LibraryItemId>,
    {
        DeleteMyLibrary {
            api: self.clone(),
            items: crate::api::items(items),
        }
    }

    /// Check whether the user saved (or follows) each item, artists included: one answer per
    /// item, in order.
    ///
    /// Spec: `check-library-contains` · `GET /me/library/contains` · scopes:
    /// `user-library-read`, `user-follow-read` (artists and users), `playlist-read-private`
    /// (playlists), as the items need.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let answers = api
    ///     .my_library_contains([
    ///         "spotify:track:7EjyzZcbLxW7PaaLua9Ksb",
    ///         "spotify:artist:0OdUWJ0sBjDrqHygGUXeCF",
    ///     ])
    ///     .await?;
    /// println!("track saved: {}, artist followed: {}", answers[0], answers[1]);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending, as for
    /// [`SpotifyWebApi::add_my_library`].
    pub fn my_library_contains<I>(&self, items: I) -> MyLibraryContains
    where
        I: IntoIterator,
        I::Item: crate::id::IntoItem<LibraryItemId>,
    {
        MyLibraryContains {
            api: self.clone(),
            items: crate::api::items(items),
        }
    }

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

    /// Save albums to the user's library, any number.
    ///
    /// Spec: `save-albums-user` · `PUT /me/albums` · scopes: `user-library-modify` · extended
    /// quota only (the client falls back on `save-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.add_my_albums(["4aawyAB9vmqN3uQ7FjRGTy"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn add_my_albums<I>(&self, albums: I) -> AddMyAlbums
    where
        I: IntoIterator,
        I::Item: IntoId<AlbumId>,
    {
        AddMyAlbums {
            api: self.clone(),
            ids: ids(albums),
        }
    }

    /// Remove albums from the user's library, any number.
    ///
    /// Spec: `remove-albums-user` · `DELETE /me/albums` · scopes: `user-library-modify` ·
    /// extended quota only (the client falls back on `remove-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.delete_my_albums(["4aawyAB9vmqN3uQ7FjRGTy"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn delete_my_albums<I>(&self, albums: I) -> DeleteMyAlbums
    where
        I: IntoIterator,
        I::Item: IntoId<AlbumId>,
    {
        DeleteMyAlbums {
            api: self.clone(),
            ids: ids(albums),
        }
    }

    /// Check whether the user saved each album: one answer per album, in order.
    ///
    /// Spec: `check-users-saved-albums` · `GET /me/albums/contains` · scopes:
    /// `user-library-read` · extended quota only (the client falls back on
    /// `check-library-contains`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let saved = api.my_albums_contains(["4aawyAB9vmqN3uQ7FjRGTy"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::my_tracks_contains`].
    pub fn my_albums_contains<I>(&self, albums: I) -> MyAlbumsContains
    where
        I: IntoIterator,
        I::Item: IntoId<AlbumId>,
    {
        MyAlbumsContains {
            api: self.clone(),
            ids: ids(albums),
        }
    }

    /// Save podcast episodes to the user's library, any number.
    ///
    /// Spec: `save-episodes-user` · `PUT /me/episodes` · scopes: `user-library-modify` ·
    /// extended quota only (the client falls back on `save-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.add_my_episodes(["512ojhOuo1ktJprKbVcKyQ"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn add_my_episodes<I>(&self, episodes: I) -> AddMyEpisodes
    where
        I: IntoIterator,
        I::Item: IntoId<EpisodeId>,
    {
        AddMyEpisodes {
            api: self.clone(),
            ids: ids(episodes),
        }
    }

    /// Remove podcast episodes from the user's library, any number.
    ///
    /// Spec: `remove-episodes-user` · `DELETE /me/episodes` · scopes: `user-library-modify` ·
    /// extended quota only (the client falls back on `remove-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.delete_my_episodes(["512ojhOuo1ktJprKbVcKyQ"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn delete_my_episodes<I>(&self, episodes: I) -> DeleteMyEpisodes
    where
        I: IntoIterator,
        I::Item: IntoId<EpisodeId>,
    {
        DeleteMyEpisodes {
            api: self.clone(),
            ids: ids(episodes),
        }
    }

    /// Check whether the user saved each episode: one answer per episode, in order.
    ///
    /// Spec: `check-users-saved-episodes` · `GET /me/episodes/contains` · scopes:
    /// `user-library-read` · extended quota only (the client falls back on
    /// `check-library-contains`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let saved = api.my_episodes_contains(["512ojhOuo1ktJprKbVcKyQ"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::my_tracks_contains`].
    pub fn my_episodes_contains<I>(&self, episodes: I) -> MyEpisodesContains
    where
        I: IntoIterator,
        I::Item: IntoId<EpisodeId>,
    {
        MyEpisodesContains {
            api: self.clone(),
            ids: ids(episodes),
        }
    }

    /// Save podcast shows to the user's library (follow them), any number.
    ///
    /// Spec: `save-shows-user` · `PUT /me/shows` · scopes: `user-library-modify` · extended
    /// quota only (the client falls back on `save-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.add_my_shows(["38bS44xjbVVZ3No3ByF1dJ"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn add_my_shows<I>(&self, shows: I) -> AddMyShows
    where
        I: IntoIterator,
        I::Item: IntoId<ShowId>,
    {
        AddMyShows {
            api: self.clone(),
            ids: ids(shows),
        }
    }

    /// Remove podcast shows from the user's library, any number.
    ///
    /// Spec: `remove-shows-user` · `DELETE /me/shows` · scopes: `user-library-modify` ·
    /// extended quota only (the client falls back on `remove-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.delete_my_shows(["38bS44xjbVVZ3No3ByF1dJ"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn delete_my_shows<I>(&self, shows: I) -> DeleteMyShows
    where
        I: IntoIterator,
        I::Item: IntoId<ShowId>,
    {
        DeleteMyShows {
            api: self.clone(),
            ids: ids(shows),
        }
    }

    /// Check whether the user saved each show: one answer per show, in order.
    ///
    /// Spec: `check-users-saved-shows` · `GET /me/shows/contains` · scopes:
    /// `user-library-read` · extended quota only (the client falls back on
    /// `check-library-contains`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let saved = api.my_shows_contains(["38bS44xjbVVZ3No3ByF1dJ"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::my_tracks_contains`].
    pub fn my_shows_contains<I>(&self, shows: I) -> MyShowsContains
    where
        I: IntoIterator,
        I::Item: IntoId<ShowId>,
    {
        MyShowsContains {
            api: self.clone(),
            ids: ids(shows),
        }
    }

    /// Save audiobooks to the user's library, any number.
    ///
    /// Spec: `save-audiobooks-user` · `PUT /me/audiobooks` · scopes: `user-library-modify` ·
    /// extended quota only (the client falls back on `save-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.add_my_audiobooks(["18yVqkdbdRvS24c0Ilj2ci"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn add_my_audiobooks<I>(&self, audiobooks: I) -> AddMyAudiobooks
    where
        I: IntoIterator,
        I::Item: IntoId<AudiobookId>,
    {
        AddMyAudiobooks {
            api: self.clone(),
            ids: ids(audiobooks),
        }
    }

    /// Remove audiobooks from the user's library, any number.
    ///
    /// Spec: `remove-audiobooks-user` · `DELETE /me/audiobooks` · scopes:
    /// `user-library-modify` · extended quota only (the client falls back on
    /// `remove-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.delete_my_audiobooks(["18yVqkdbdRvS24c0Ilj2ci"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::add_my_tracks`].
    pub fn delete_my_audiobooks<I>(&self, audiobooks: I) -> DeleteMyAudiobooks
    where
        I: IntoIterator,
        I::Item: IntoId<AudiobookId>,
    {
        DeleteMyAudiobooks {
            api: self.clone(),
            ids: ids(audiobooks),
        }
    }

    /// Check whether the user saved each audiobook: one answer per audiobook, in order.
    ///
    /// Spec: `check-users-saved-audiobooks` · `GET /me/audiobooks/contains` · scopes:
    /// `user-library-read` · extended quota only (the client falls back on
    /// `check-library-contains`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let saved = api.my_audiobooks_contains(["18yVqkdbdRvS24c0Ilj2ci"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::my_tracks_contains`].
    pub fn my_audiobooks_contains<I>(&self, audiobooks: I) -> MyAudiobooksContains
    where
        I: IntoIterator,
        I::Item: IntoId<AudiobookId>,
    {
        MyAudiobooksContains {
            api: self.clone(),
            ids: ids(audiobooks),
        }
    }
}

/// A per-type call of `ids` (parsed), with its operation and endpoint.
fn per_type<T: Into<LibraryItemId>>(
    action: Action,
    ids: Result<Vec<T>>,
    operation: &'static str,
    path: &'static str,
    ids_in: IdsIn,
) -> Result<LibraryCall> {
    let scope = match action {
        Action::Contains => Scope::UserLibraryRead,
        Action::Save | Action::Remove => Scope::UserLibraryModify,
    };
    let items = ids?.into_iter().map(Into::into).collect();
    Ok(LibraryCall::new(action, items)?.per_type(PerType::new(
        operation,
        Endpoint::Ids { path, ids_in },
        [scope],
    )))
}

/// Builder for [`SpotifyWebApi::add_my_library`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddMyLibrary {
    api: SpotifyWebApi,
    items: Result<Vec<LibraryItemId>>,
}

impl AddMyLibrary {
    fn into_library_call(self) -> Result<LibraryCall> {
        LibraryCall::new(Action::Save, self.items?)
    }
}

impl_into_future!(AddMyLibrary => library write);

/// Builder for [`SpotifyWebApi::delete_my_library`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteMyLibrary {
    api: SpotifyWebApi,
    items: Result<Vec<LibraryItemId>>,
}

impl DeleteMyLibrary {
    fn into_library_call(self) -> Result<LibraryCall> {
        LibraryCall::new(Action::Remove, self.items?)
    }
}

impl_into_future!(DeleteMyLibrary => library write);

/// Builder for [`SpotifyWebApi::my_library_contains`]; `.await` returns `Result<Vec<bool>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct MyLibraryContains {
    api: SpotifyWebApi,
    items: Result<Vec<LibraryItemId>>,
}

impl MyLibraryContains {
    fn into_library_call(self) -> Result<LibraryCall> {
        LibraryCall::new(Action::Contains, self.items?)
    }
}

impl_into_future!(MyLibraryContains => library contains);

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

/// Builder for [`SpotifyWebApi::add_my_albums`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddMyAlbums {
    api: SpotifyWebApi,
    ids: Result<Vec<AlbumId>>,
}

impl AddMyAlbums {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Save,
            self.ids,
            "save-albums-user",
            "/me/albums",
            IdsIn::Query,
        )
    }
}

impl_into_future!(AddMyAlbums => library write);

/// Builder for [`SpotifyWebApi::delete_my_albums`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteMyAlbums {
    api: SpotifyWebApi,
    ids: Result<Vec<AlbumId>>,
}

impl DeleteMyAlbums {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Remove,
            self.ids,
            "remove-albums-user",
            "/me/albums",
            IdsIn::Query,
        )
    }
}

impl_into_future!(DeleteMyAlbums => library write);

/// Builder for [`SpotifyWebApi::my_albums_contains`]; `.await` returns `Result<Vec<bool>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct MyAlbumsContains {
    api: SpotifyWebApi,
    ids: Result<Vec<AlbumId>>,
}

impl MyAlbumsContains {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Contains,
            self.ids,
            "check-users-saved-albums",
            "/me/albums/contains",
            IdsIn::Query,
        )
    }
}

impl_into_future!(MyAlbumsContains => library contains);

/// Builder for [`SpotifyWebApi::add_my_episodes`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddMyEpisodes {
    api: SpotifyWebApi,
    ids: Result<Vec<EpisodeId>>,
}

impl AddMyEpisodes {
    fn into_library_call(self) -> Result<LibraryCall> {
        // The spec wants the IDs in both the query and the body (SPEC-GAPS.md).
        per_type(
            Action::Save,
            self.ids,
            "save-episodes-user",
            "/me/episodes",
            IdsIn::QueryAndBody,
        )
    }
}

impl_into_future!(AddMyEpisodes => library write);

/// Builder for [`SpotifyWebApi::delete_my_episodes`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteMyEpisodes {
    api: SpotifyWebApi,
    ids: Result<Vec<EpisodeId>>,
}

impl DeleteMyEpisodes {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Remove,
            self.ids,
            "remove-episodes-user",
            "/me/episodes",
            IdsIn::Query,
        )
    }
}

impl_into_future!(DeleteMyEpisodes => library write);

/// Builder for [`SpotifyWebApi::my_episodes_contains`]; `.await` returns
/// `Result<Vec<bool>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct MyEpisodesContains {
    api: SpotifyWebApi,
    ids: Result<Vec<EpisodeId>>,
}

impl MyEpisodesContains {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Contains,
            self.ids,
            "check-users-saved-episodes",
            "/me/episodes/contains",
            IdsIn::Query,
        )
    }
}

impl_into_future!(MyEpisodesContains => library contains);

/// Builder for [`SpotifyWebApi::add_my_shows`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddMyShows {
    api: SpotifyWebApi,
    ids: Result<Vec<ShowId>>,
}

impl AddMyShows {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Save,
            self.ids,
            "save-shows-user",
            "/me/shows",
            IdsIn::Query,
        )
    }
}

impl_into_future!(AddMyShows => library write);

/// Builder for [`SpotifyWebApi::delete_my_shows`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteMyShows {
    api: SpotifyWebApi,
    ids: Result<Vec<ShowId>>,
}

impl DeleteMyShows {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Remove,
            self.ids,
            "remove-shows-user",
            "/me/shows",
            IdsIn::Query,
        )
    }
}

impl_into_future!(DeleteMyShows => library write);

/// Builder for [`SpotifyWebApi::my_shows_contains`]; `.await` returns `Result<Vec<bool>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct MyShowsContains {
    api: SpotifyWebApi,
    ids: Result<Vec<ShowId>>,
}

impl MyShowsContains {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Contains,
            self.ids,
            "check-users-saved-shows",
            "/me/shows/contains",
            IdsIn::Query,
        )
    }
}

impl_into_future!(MyShowsContains => library contains);

/// Builder for [`SpotifyWebApi::add_my_audiobooks`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct AddMyAudiobooks {
    api: SpotifyWebApi,
    ids: Result<Vec<AudiobookId>>,
}

impl AddMyAudiobooks {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Save,
            self.ids,
            "save-audiobooks-user",
            "/me/audiobooks",
            IdsIn::Query,
        )
    }
}

impl_into_future!(AddMyAudiobooks => library write);

/// Builder for [`SpotifyWebApi::delete_my_audiobooks`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct DeleteMyAudiobooks {
    api: SpotifyWebApi,
    ids: Result<Vec<AudiobookId>>,
}

impl DeleteMyAudiobooks {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Remove,
            self.ids,
            "remove-audiobooks-user",
            "/me/audiobooks",
            IdsIn::Query,
        )
    }
}

impl_into_future!(DeleteMyAudiobooks => library write);

/// Builder for [`SpotifyWebApi::my_audiobooks_contains`]; `.await` returns
/// `Result<Vec<bool>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct MyAudiobooksContains {
    api: SpotifyWebApi,
    ids: Result<Vec<AudiobookId>>,
}

impl MyAudiobooksContains {
    fn into_library_call(self) -> Result<LibraryCall> {
        per_type(
            Action::Contains,
            self.ids,
            "check-users-saved-audiobooks",
            "/me/audiobooks/contains",
            IdsIn::Query,
        )
    }
}

impl_into_future!(MyAudiobooksContains => library contains);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    const TRACK: &str = "7EjyzZcbLxW7PaaLua9Ksb";
    const ALBUM: &str = "4aawyAB9vmqN3uQ7FjRGTy";

    fn json(request: &crate::http::ApiRequest) -> serde_json::Value {
        serde_json::from_slice(&request.body.as_ref().unwrap().bytes).unwrap()
    }

    #[test]
    fn unified_calls_take_uris_of_any_kind() {
        let api = SpotifyWebApi::new();
        let call = api
            .add_my_library([
                format!("spotify:track:{TRACK}"),
                format!("https://open.spotify.com/album/{ALBUM}"),
                "spotify:user:wizzler".to_owned(),
            ])
            .into_library_call()
            .unwrap();
        assert_eq!(call.per_type, None, "always /me/library");
        let batch = &call.library_batches().unwrap()[0];
        assert_eq!(
            batch.request.query_value("uris"),
            Some(
                "spotify:track:7EjyzZcbLxW7PaaLua9Ksb,spotify:album:4aawyAB9vmqN3uQ7FjRGTy,\
                 spotify:user:wizzler"
            )
        );
        assert!(matches!(
            api.delete_my_library([TRACK]).into_library_call(),
            Err(crate::Error::InvalidId { .. })
        ));
        let check = api
            .my_library_contains([format!("spotify:artist:{ALBUM}")])
            .into_library_call()
            .unwrap();
        assert_eq!(
            check.library_batches().unwrap()[0].request.method,
            Method::Get
        );
    }

    #[test]
    fn per_type_calls_use_the_specs_request_shapes() {
        let api = SpotifyWebApi::new();
        let save = api.add_my_tracks([TRACK]).into_library_call().unwrap();
        let request = &save.per_type_batches().unwrap()[0].request;
        assert_eq!(
            (request.method, request.path.as_str()),
            (Method::Put, "/me/tracks")
        );
        assert!(request.query.is_empty(), "the ids query is deprecated");
        assert_eq!(json(request), serde_json::json!({ "ids": [TRACK] }));
        assert_eq!(
            save.per_type.as_ref().unwrap().removal.operation,
            "save-tracks-user"
        );

        let remove = api.delete_my_tracks([TRACK]).into_library_call().unwrap();
        let request = &remove.per_type_batches().unwrap()[0].request;
        assert_eq!(request.method, Method::Delete);
        assert_eq!(request.query_pairs(), [("ids", TRACK)]);

        let episodes = api.add_my_episodes([TRACK]).into_library_call().unwrap();
        let request = &episodes.per_type_batches().unwrap()[0].request;
        assert_eq!(request.query_value("ids"), Some(TRACK));
        assert_eq!(json(request), serde_json::json!({ "ids": [TRACK] }));

        let albums = api.my_albums_contains([ALBUM]).into_library_call().unwrap();
        let request = &albums.per_type_batches().unwrap()[0].request;
        assert_eq!(
            (request.method, request.path.as_str()),
            (Method::Get, "/me/albums/contains")
        );
        assert_eq!(request.scopes, [Scope::UserLibraryRead]);
        // The fallback of a per-type call is /me/library with the same items.
        let fallback = &albums.library_batches().unwrap()[0].request;
        assert_eq!(
            fallback.query_value("uris"),
            Some("spotify:album:4aawyAB9vmqN3uQ7FjRGTy")
        );
        let books = api
            .delete_my_audiobooks([ALBUM])
            .into_library_call()
            .unwrap();
        assert_eq!(
            books.library_batches().unwrap()[0]
                .request
                .query_value("uris"),
            Some("spotify:audiobook:4aawyAB9vmqN3uQ7FjRGTy")
        );
        assert!(matches!(
            api.add_my_shows(["nope"]).into_library_call(),
            Err(crate::Error::InvalidId { .. })
        ));
    }

    #[test]
    fn timestamped_ids_follow_the_tracks_given() {
        let api = SpotifyWebApi::new();
        let call = api
            .add_my_tracks([TRACK])
            .timestamped_ids([(ALBUM, "2023-01-15T14:30:00Z")])
            .into_library_call()
            .unwrap();
        let batches = call.per_type_batches().unwrap();
        assert_eq!(
            json(&batches[0].request),
            serde_json::json!({ "ids": [TRACK] })
        );
        assert_eq!(
            json(&batches[1].request),
            serde_json::json!({ "timestamped_ids": [
                { "id": ALBUM, "added_at": "2023-01-15T14:30:00Z" }
            ]})
        );
        assert!(
            api.add_my_tracks([TRACK])
                .timestamped_ids([("spotify:album:x", "2023-01-15T14:30:00Z")])
                .into_library_call()
                .is_err()
        );
    }
}
