//! Follows: artists, users and playlists the user follows.
//!
//! - `get-followed` (`GET /me/following`): [`SpotifyWebApi::get_user_followed_artists`];
//! - removed for development-mode apps in 2026-02, which the client replaces with
//!   `/me/library` for them where it can (following a user or a playlist is saving its URI):
//!   - `follow-artists-users`, `unfollow-artists-users`, `check-current-user-follows`
//!     (`PUT`/`DELETE /me/following`, `GET /me/following/contains`):
//!     [`SpotifyWebApi::follow_artists_or_users`],
//!     [`SpotifyWebApi::unfollow_artists_or_users`], [`SpotifyWebApi::current_user_follows`];
//!   - `follow-playlist`, `unfollow-playlist`, `check-if-user-follows-playlist`
//!     (`PUT`/`DELETE /playlists/{playlist_id}/followers`, `GET .../followers/contains`):
//!     [`SpotifyWebApi::follow_playlist`], [`SpotifyWebApi::unfollow_playlist`],
//!     [`SpotifyWebApi::current_user_follows_playlist`].
//!
//! `/me/library` checks artists but does not save or remove them (API-CHANGES.md), so a
//! development-mode app can see whom the user follows but not follow or unfollow an artist:
//! that is [`Error::EndpointRemoved`](crate::Error::EndpointRemoved), before any request.

use crate::api::{impl_into_future, items};
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::http::{ApiRequest, PageBounds};
use crate::id::{ArtistId, ArtistOrUserId, IntoId, IntoItem, LibraryItemId, PlaylistId};
use crate::library_ops::{Action, Endpoint, LibraryCall, PerType};
use crate::model::Artist;
use crate::paging::PageQuery;
use crate::scope::Scope;

/// # Follows
impl SpotifyWebApi {
    /// Get the artists the user follows, one page at a time (cursor paging: each page names
    /// the last artist, and the next starts after it).
    ///
    /// Spec: `get-followed` · `GET /me/following` · scopes: `user-follow-read`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use futures_util::TryStreamExt;
    ///
    /// let page = api.get_user_followed_artists().limit(50).await?;
    /// println!("following {:?} artists", page.total);
    /// let all: Vec<_> = api.get_user_followed_artists().stream().try_collect().await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=50; [`Error::InvalidId`](crate::Error::InvalidId) for a malformed `after`.
    pub fn get_user_followed_artists(&self) -> GetUserFollowedArtists {
        GetUserFollowedArtists {
            api: self.clone(),
            after: None,
            limit: None,
        }
    }

    /// Follow artists or users, any number.
    ///
    /// Spec: `follow-artists-users` · `PUT /me/following` · scopes: `user-follow-modify` ·
    /// extended quota only (the client falls back on `save-library-items` for users; artists
    /// have no fallback).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::ArtistId;
    ///
    /// api.follow_artists_or_users([ArtistId::parse("0OdUWJ0sBjDrqHygGUXeCF")?]).await?;
    /// api.follow_artists_or_users(["spotify:user:wizzler"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for anything but an artist
    /// or a user (a bare ID does not say which: give a URI, a URL or a typed ID);
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for artists and a
    /// development-mode app; [`Error::PartialWrite`](crate::Error::PartialWrite) if a request
    /// fails after others landed.
    pub fn follow_artists_or_users<I>(&self, followed: I) -> FollowArtistsOrUsers
    where
        I: IntoIterator,
        I::Item: IntoItem<ArtistOrUserId>,
    {
        FollowArtistsOrUsers {
            api: self.clone(),
            items: items(followed),
        }
    }

    /// Unfollow artists or users, any number.
    ///
    /// Spec: `unfollow-artists-users` · `DELETE /me/following` · scopes: `user-follow-modify`
    /// · extended quota only (the client falls back on `remove-library-items` for users;
    /// artists have no fallback).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.unfollow_artists_or_users(["spotify:artist:0OdUWJ0sBjDrqHygGUXeCF"]).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SpotifyWebApi::follow_artists_or_users`].
    pub fn unfollow_artists_or_users<I>(&self, followed: I) -> UnfollowArtistsOrUsers
    where
        I: IntoIterator,
        I::Item: IntoItem<ArtistOrUserId>,
    {
        UnfollowArtistsOrUsers {
            api: self.clone(),
            items: items(followed),
        }
    }

    /// Check whether the user follows each artist or user: one answer per item, in order.
    ///
    /// Spec: `check-current-user-follows` · `GET /me/following/contains` · scopes:
    /// `user-follow-read` · extended quota only (the client falls back on
    /// `check-library-contains`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let follows = api
    ///     .current_user_follows(["spotify:artist:0OdUWJ0sBjDrqHygGUXeCF"])
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending, as for
    /// [`SpotifyWebApi::follow_artists_or_users`].
    pub fn current_user_follows<I>(&self, followed: I) -> CurrentUserFollows
    where
        I: IntoIterator,
        I::Item: IntoItem<ArtistOrUserId>,
    {
        CurrentUserFollows {
            api: self.clone(),
            items: items(followed),
        }
    }

    /// Follow a playlist.
    ///
    /// Spec: `follow-playlist` · `PUT /playlists/{playlist_id}/followers` · scopes:
    /// `playlist-modify-public`, `playlist-modify-private` · extended quota only (the client
    /// falls back on `save-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.follow_playlist("3cEYpjA9oz9GiPac4AsH4n").public(false).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for a malformed ID.
    pub fn follow_playlist(&self, playlist: impl IntoId<PlaylistId>) -> FollowPlaylist {
        FollowPlaylist {
            api: self.clone(),
            id: playlist.into_id(),
            public: None,
        }
    }

    /// Unfollow a playlist.
    ///
    /// Spec: `unfollow-playlist` · `DELETE /playlists/{playlist_id}/followers` · scopes:
    /// `playlist-modify-public`, `playlist-modify-private` · extended quota only (the client
    /// falls back on `remove-library-items`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.unfollow_playlist("3cEYpjA9oz9GiPac4AsH4n").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for a malformed ID.
    pub fn unfollow_playlist(&self, playlist: impl IntoId<PlaylistId>) -> UnfollowPlaylist {
        UnfollowPlaylist {
            api: self.clone(),
            id: playlist.into_id(),
        }
    }

    /// Whether the user follows a playlist.
    ///
    /// Spec: `check-if-user-follows-playlist` · `GET /playlists/{playlist_id}/followers/contains`
    /// · scopes: none (a development-mode app's fallback needs `playlist-read-private`) ·
    /// extended quota only (the client falls back on `check-library-contains`).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// if api.current_user_follows_playlist("3cEYpjA9oz9GiPac4AsH4n").await? {
    ///     println!("following");
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) before sending for a malformed ID.
    pub fn current_user_follows_playlist(
        &self,
        playlist: impl IntoId<PlaylistId>,
    ) -> CurrentUserFollowsPlaylist {
        CurrentUserFollowsPlaylist {
            api: self.clone(),
            id: playlist.into_id(),
        }
    }
}

/// Builder for [`SpotifyWebApi::get_user_followed_artists`]; `.await` returns
/// `Result<CursorPage<Artist>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetUserFollowedArtists {
    api: SpotifyWebApi,
    after: Option<Result<ArtistId>>,
    limit: Option<u32>,
}

impl GetUserFollowedArtists {
    /// Start after this artist: the `cursors.after` of the previous page. Default: the first
    /// page.
    pub fn after(mut self, artist: impl IntoId<ArtistId>) -> Self {
        self.after = Some(artist.into_id());
        self
    }

    /// Artists per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get("/me/following")
            .query("type", Some("artist"))
            .query("after", self.after.transpose()?)
            .scopes([Scope::UserFollowRead]);
        let page = PageQuery {
            limit: self.limit,
            offset: None,
        };
        page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetUserFollowedArtists => cursor Artist, in "artists");

/// The follow call of `items` (artists and users).
fn following(
    action: Action,
    items: Result<Vec<ArtistOrUserId>>,
    operation: &'static str,
) -> Result<LibraryCall> {
    let (path, scope) = match action {
        Action::Contains => ("/me/following/contains", Scope::UserFollowRead),
        Action::Save | Action::Remove => ("/me/following", Scope::UserFollowModify),
    };
    let items = items?.into_iter().map(LibraryItemId::from).collect();
    Ok(LibraryCall::new(action, items)?.per_type(PerType::new(
        operation,
        Endpoint::Following { path },
        [scope],
    )))
}

/// The call of one playlist's follow.
fn playlist_follow(
    action: Action,
    id: Result<PlaylistId>,
    operation: &'static str,
    public: Option<bool>,
) -> Result<LibraryCall> {
    let scopes = match action {
        Action::Contains => Vec::new(),
        Action::Save | Action::Remove => {
            vec![Scope::PlaylistModifyPublic, Scope::PlaylistModifyPrivate]
        }
    };
    Ok(
        LibraryCall::new(action, vec![id?.into()])?.per_type(PerType::new(
            operation,
            Endpoint::PlaylistFollowers { public },
            scopes,
        )),
    )
}

/// Builder for [`SpotifyWebApi::follow_artists_or_users`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct FollowArtistsOrUsers {
    api: SpotifyWebApi,
    items: Result<Vec<ArtistOrUserId>>,
}

impl FollowArtistsOrUsers {
    fn into_library_call(self) -> Result<LibraryCall> {
        following(Action::Save, self.items, "follow-artists-users")
    }
}

impl_into_future!(FollowArtistsOrUsers => library write);

/// Builder for [`SpotifyWebApi::unfollow_artists_or_users`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UnfollowArtistsOrUsers {
    api: SpotifyWebApi,
    items: Result<Vec<ArtistOrUserId>>,
}

impl UnfollowArtistsOrUsers {
    fn into_library_call(self) -> Result<LibraryCall> {
        following(Action::Remove, self.items, "unfollow-artists-users")
    }
}

impl_into_future!(UnfollowArtistsOrUsers => library write);

/// Builder for [`SpotifyWebApi::current_user_follows`]; `.await` returns
/// `Result<Vec<bool>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct CurrentUserFollows {
    api: SpotifyWebApi,
    items: Result<Vec<ArtistOrUserId>>,
}

impl CurrentUserFollows {
    fn into_library_call(self) -> Result<LibraryCall> {
        following(Action::Contains, self.items, "check-current-user-follows")
    }
}

impl_into_future!(CurrentUserFollows => library contains);

/// Builder for [`SpotifyWebApi::follow_playlist`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct FollowPlaylist {
    api: SpotifyWebApi,
    id: Result<PlaylistId>,
    public: Option<bool>,
}

impl FollowPlaylist {
    /// Whether the playlist is listed among the user's public playlists (on their profile).
    /// Default: `true`, Spotify's. A development-mode app's fallback (`/me/library`) takes no
    /// such flag, and Spotify's default applies.
    pub fn public(mut self, public: bool) -> Self {
        self.public = Some(public);
        self
    }

    fn into_library_call(self) -> Result<LibraryCall> {
        playlist_follow(Action::Save, self.id, "follow-playlist", self.public)
    }
}

impl_into_future!(FollowPlaylist => library write);

/// Builder for [`SpotifyWebApi::unfollow_playlist`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UnfollowPlaylist {
    api: SpotifyWebApi,
    id: Result<PlaylistId>,
}

impl UnfollowPlaylist {
    fn into_library_call(self) -> Result<LibraryCall> {
        playlist_follow(Action::Remove, self.id, "unfollow-playlist", None)
    }
}

impl_into_future!(UnfollowPlaylist => library write);

/// Builder for [`SpotifyWebApi::current_user_follows_playlist`]; `.await` returns
/// `Result<bool>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct CurrentUserFollowsPlaylist {
    api: SpotifyWebApi,
    id: Result<PlaylistId>,
}

impl CurrentUserFollowsPlaylist {
    fn into_library_call(self) -> Result<LibraryCall> {
        playlist_follow(
            Action::Contains,
            self.id,
            "check-if-user-follows-playlist",
            None,
        )
    }
}

impl_into_future!(CurrentUserFollowsPlaylist => library contains one);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    const ARTIST: &str = "0OdUWJ0sBjDrqHygGUXeCF";
    const PLAYLIST: &str = "3cEYpjA9oz9GiPac4AsH4n";

    #[test]
    fn followed_artists_are_cursor_paged() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_user_followed_artists()
            .after(format!("spotify:artist:{ARTIST}"))
            .limit(50)
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Get, "/me/following")
        );
        assert_eq!(
            req.query_pairs(),
            [("type", "artist"), ("after", ARTIST), ("limit", "50")]
        );
        assert!(
            api.get_user_followed_artists()
                .limit(51)
                .into_request()
                .is_err()
        );
        assert!(
            api.get_user_followed_artists()
                .after("spotify:user:wizzler")
                .into_request()
                .is_err()
        );
    }

    #[test]
    fn follows_name_the_type_of_each_batch() {
        let api = SpotifyWebApi::new();
        let call = api
            .follow_artists_or_users([
                format!("spotify:artist:{ARTIST}"),
                "spotify:user:wizzler".to_owned(),
            ])
            .into_library_call()
            .unwrap();
        let batches = call.per_type_batches().unwrap();
        let sent: Vec<Vec<(&str, &str)>> =
            batches.iter().map(|b| b.request.query_pairs()).collect();
        assert_eq!(
            sent,
            [
                vec![("type", "artist"), ("ids", ARTIST)],
                vec![("type", "user"), ("ids", "wizzler")],
            ]
        );
        assert_eq!(batches[0].request.method, Method::Put);
        let check = api
            .current_user_follows(["spotify:user:wizzler"])
            .into_library_call()
            .unwrap();
        let batch = &check.per_type_batches().unwrap()[0].request;
        assert_eq!(batch.path, "/me/following/contains");
        assert_eq!(batch.scopes, [Scope::UserFollowRead]);
        // Users through /me/library, for a development-mode app.
        assert_eq!(
            check.library_batches().unwrap()[0]
                .request
                .query_value("uris"),
            Some("spotify:user:wizzler")
        );
        assert!(
            api.unfollow_artists_or_users([format!("spotify:track:{ARTIST}")])
                .into_library_call()
                .is_err()
        );
    }

    #[test]
    fn playlist_follows() {
        let api = SpotifyWebApi::new();
        let follow = api
            .follow_playlist(PLAYLIST)
            .public(false)
            .into_library_call()
            .unwrap();
        let request = &follow.per_type_batches().unwrap()[0].request;
        assert_eq!(
            (request.method, request.path.as_str()),
            (Method::Put, "/playlists/3cEYpjA9oz9GiPac4AsH4n/followers")
        );
        assert_eq!(request.body.as_ref().unwrap().bytes, br#"{"public":false}"#);
        assert_eq!(
            follow.library_batches().unwrap()[0]
                .request
                .query_value("uris"),
            Some("spotify:playlist:3cEYpjA9oz9GiPac4AsH4n")
        );
        let unfollow = api.unfollow_playlist(PLAYLIST).into_library_call().unwrap();
        let request = &unfollow.per_type_batches().unwrap()[0].request;
        assert_eq!(request.method, Method::Delete);
        assert!(request.body.is_none());
        let check = api
            .current_user_follows_playlist(PLAYLIST)
            .into_library_call()
            .unwrap();
        let request = &check.per_type_batches().unwrap()[0].request;
        assert_eq!(
            request.path,
            "/playlists/3cEYpjA9oz9GiPac4AsH4n/followers/contains"
        );
        assert!(request.query.is_empty());
    }
}
