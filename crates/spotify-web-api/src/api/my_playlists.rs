//! Playlists (the user's own):
//!
//! - `get-a-list-of-current-users-playlists` (`GET /me/playlists`):
//!   [`SpotifyWebApi::get_my_playlists`];
//! - `create-playlist` (`POST /me/playlists`): [`SpotifyWebApi::create_playlist`];
//! - `create-playlist-for-user` (`POST /users/{user_id}/playlists`, removed for development mode
//!   in 2026-02): [`SpotifyWebApi::create_playlist_for_user`];
//! - `change-playlist-details` (`PUT /playlists/{playlist_id}`): [`SpotifyWebApi::update_playlist`];
//! - `upload-custom-playlist-cover` (`PUT /playlists/{playlist_id}/images`):
//!   [`SpotifyWebApi::update_playlist_image`].
//!
//! Their items are written with the operations of [`playlist_items`](crate::api::playlist_items)
//! and read with those of [`playlists`](crate::api::playlists).
//!
//! # Creating a playlist
//!
//! [`create_playlist`](SpotifyWebApi::create_playlist) uses `POST /me/playlists`, which every
//! app has. The older `POST /users/{user_id}/playlists` is
//! [`create_playlist_for_user`](SpotifyWebApi::create_playlist_for_user), deprecated: Spotify
//! removed it for development-mode apps in 2026-02, and it only ever worked for the current
//! user, so it adds nothing.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;

use crate::api::api_path;
use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::{ArgumentProblem, Error, Result};
use crate::http::{ApiRequest, PageBounds};
use crate::id::{IntoId, PlaylistId, UserId};
use crate::model::{Playlist, SimplifiedPlaylist};
use crate::paging::PageQuery;
use crate::quota::Removal;
use crate::scope::Scope;

/// The most base64 text a cover upload may send: the spec's "maximum payload size is 256 KB".
const MAX_COVER_BASE64: usize = 256 * 1024;

/// The largest JPEG [`SpotifyWebApi::update_playlist_image`] takes: 196,608 bytes, whose base64
/// text is the 256 KB Spotify accepts.
pub const MAX_COVER_BYTES: usize = MAX_COVER_BASE64 / 4 * 3;

/// The scopes of a playlist write: the first for a public playlist, the second for a private
/// or collaborative one.
const MODIFY: [Scope; 2] = [Scope::PlaylistModifyPublic, Scope::PlaylistModifyPrivate];

/// # Playlists (the user's own)
impl SpotifyWebApi {
    /// Get the playlists the current user owns, collaborates on or follows, one page at a
    /// time.
    ///
    /// Spotify leaves out the playlists the app may not see: its own editorial and algorithmic
    /// playlists, for apps without extended access granted before 2024-11-27, come as `null`
    /// entries, which the page drops (so a page may hold fewer items than its `limit`, while
    /// `total` still counts them). Private playlists are listed only with
    /// `playlist-read-private`, collaborative ones only with `playlist-read-collaborative`.
    ///
    /// Spec: `get-a-list-of-current-users-playlists` · `GET /me/playlists` · scopes:
    /// `playlist-read-private`, `playlist-read-collaborative`.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use futures_util::TryStreamExt;
    ///
    /// let mine: Vec<_> = api.get_my_playlists().stream().try_collect().await?;
    /// for playlist in &mine {
    ///     println!("{} ({} items)", playlist.name, playlist.items_ref().map_or(0, |r| r.total));
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for a `limit`
    /// outside 1..=50 or an `offset` over 100,000;
    /// [`Error::MissingScope`](crate::Error::MissingScope) with a client-credentials token.
    pub fn get_my_playlists(&self) -> GetMyPlaylists {
        GetMyPlaylists {
            api: self.clone(),
            page: PageQuery::default(),
        }
    }

    /// Create a playlist for the current user: empty, public unless
    /// [`public(false)`](CreatePlaylist::public) or
    /// [`collaborative(true)`](CreatePlaylist::collaborative). `.await` gives the new playlist,
    /// with its ID and first `snapshot_id`.
    ///
    /// Spec: `create-playlist` · `POST /me/playlists` · scopes: `playlist-modify-public` (a
    /// public playlist), `playlist-modify-private` (a private one; both for a collaborative one).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let playlist = api
    ///     .create_playlist("Road trip")
    ///     .description("Songs for the A7")
    ///     .public(false)
    ///     .await?;
    /// println!("created {} ({})", playlist.name, playlist.id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending for an empty
    /// name, or a playlist both collaborative and public (Spotify's collaborative playlists are
    /// private); [`Error::MissingScope`](crate::Error::MissingScope) without the scope the
    /// playlist's visibility needs.
    pub fn create_playlist(&self, name: impl Into<String>) -> CreatePlaylist {
        CreatePlaylist {
            api: self.clone(),
            user: None,
            body: CreateBody {
                name: name.into(),
                ..CreateBody::default()
            },
        }
    }

    /// Create a playlist for a user, who must be the current user: the endpoint before
    /// [`create_playlist`](SpotifyWebApi::create_playlist), which takes the same options.
    ///
    /// Spec: `create-playlist-for-user` · `POST /users/{user_id}/playlists` · scopes:
    /// `playlist-modify-public`, `playlist-modify-private` · extended quota only.
    ///
    /// ```no_run
    /// # #[allow(deprecated)]
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let me = api.me().await?;
    /// let playlist = api.create_playlist_for_user(&me.id, "Road trip").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`](crate::Error::EndpointRemoved) for a development-mode app,
    /// naming [`create_playlist`](SpotifyWebApi::create_playlist); an
    /// [`Error::Api`](crate::Error::Api) 403 for a user other than the current one.
    #[deprecated(
        since = "0.1.0",
        note = "removed for development-mode apps on 2026-02-08; use create_playlist (POST /me/playlists)"
    )]
    pub fn create_playlist_for_user(
        &self,
        user: impl IntoId<UserId>,
        name: impl Into<String>,
    ) -> CreatePlaylist {
        CreatePlaylist {
            user: Some(user.into_id()),
            ..self.create_playlist(name)
        }
    }

    /// Change a playlist's name, description, public status or collaborative status. Only
    /// what is set is changed; the playlist gets a new `snapshot_id`.
    ///
    /// Spec: `change-playlist-details` · `PUT /playlists/{playlist_id}` · scopes:
    /// `playlist-modify-public` (a public playlist), `playlist-modify-private` (a private or
    /// collaborative one).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// api.update_playlist("3cEYpjA9oz9GiPac4AsH4n")
    ///     .name("Road trip 2026")
    ///     .public(false)
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) before sending when nothing
    /// is set, for an empty name, or for a playlist made both collaborative and public;
    /// [`Error::Api`](crate::Error::Api) 403 for a playlist the user does not own.
    pub fn update_playlist(&self, playlist: impl IntoId<PlaylistId>) -> UpdatePlaylist {
        UpdatePlaylist {
            api: self.clone(),
            id: playlist.into_id(),
            body: DetailsBody::default(),
        }
    }

    /// Upload a custom cover for a playlist: `jpeg` is the image itself (a JPEG file's bytes),
    /// which the library base64-encodes and sends as `image/jpeg`. Spotify answers 202: the new
    /// cover may take a moment to appear in [`get_playlist_image`](SpotifyWebApi::get_playlist_image).
    ///
    /// Spec: `upload-custom-playlist-cover` · `PUT /playlists/{playlist_id}/images` · scopes:
    /// `ugc-image-upload`, `playlist-modify-public`, `playlist-modify-private` (the first, and
    /// the modify scope of the playlist's visibility).
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let jpeg = std::fs::read("cover.jpg").expect("a cover");
    /// api.update_playlist_image("3cEYpjA9oz9GiPac4AsH4n", jpeg).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) named `image`, before sending,
    /// for data that is not a JPEG image (it must start with the JPEG marker `FF D8 FF`) or is
    /// larger than [`MAX_COVER_BYTES`] (whose base64 text is the 256 KB Spotify takes);
    /// [`Error::Api`](crate::Error::Api) 403 for a playlist the user does not own.
    pub fn update_playlist_image(
        &self,
        playlist: impl IntoId<PlaylistId>,
        jpeg: impl Into<Vec<u8>>,
    ) -> UpdatePlaylistImage {
        UpdatePlaylistImage {
            api: self.clone(),
            id: playlist.into_id(),
            jpeg: jpeg.into(),
        }
    }
}

/// Builder for [`SpotifyWebApi::get_my_playlists`]; `.await` returns
/// `Result<Page<SimplifiedPlaylist>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetMyPlaylists {
    api: SpotifyWebApi,
    page: PageQuery,
}

impl GetMyPlaylists {
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
        let request = ApiRequest::get("/me/playlists")
            .scopes([Scope::PlaylistReadPrivate, Scope::PlaylistReadCollaborative]);
        self.page
            .apply(request, PageBounds::DEFAULT.max_offset(100_000))
    }
}

impl_into_future!(GetMyPlaylists => page SimplifiedPlaylist);

/// The body of a playlist creation.
#[derive(Debug, Default, Serialize)]
struct CreateBody {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    public: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    collaborative: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

/// A collaborative playlist must be private: `public` unset becomes `false`, `true` is refused.
fn collaborative_is_private(
    collaborative: Option<bool>,
    public: &mut Option<bool>,
    defaults_public: bool,
) -> Result<()> {
    if collaborative != Some(true) {
        return Ok(());
    }
    match public {
        Some(true) => Err(Error::InvalidArgument {
            name: "public",
            problem: ArgumentProblem::Conflict(
                "a collaborative playlist must be private: leave `public` unset or false",
            ),
        }),
        None if defaults_public => {
            *public = Some(false);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn non_empty_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(Error::InvalidArgument {
            name: "name",
            problem: ArgumentProblem::Empty,
        });
    }
    Ok(())
}

/// Builder for [`SpotifyWebApi::create_playlist`] and
/// [`SpotifyWebApi::create_playlist_for_user`]; `.await` returns `Result<Playlist>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct CreatePlaylist {
    api: SpotifyWebApi,
    /// For `create_playlist_for_user`: the user in the path.
    user: Option<Result<UserId>>,
    body: CreateBody,
}

impl CreatePlaylist {
    /// Whether the playlist is public (on the user's profile). Default: `true`, unless it is
    /// collaborative.
    pub fn public(mut self, public: bool) -> Self {
        self.body.public = Some(public);
        self
    }

    /// Whether other users may edit the playlist; a collaborative playlist is private.
    /// Default: `false`.
    pub fn collaborative(mut self, collaborative: bool) -> Self {
        self.body.collaborative = Some(collaborative);
        self
    }

    /// The description shown with the playlist. Default: none.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.body.description = Some(description.into());
        self
    }

    fn into_request(mut self) -> Result<ApiRequest> {
        non_empty_name(&self.body.name)?;
        collaborative_is_private(self.body.collaborative, &mut self.body.public, true)?;
        let request = match self.user {
            None => ApiRequest::post("/me/playlists"),
            Some(user) => ApiRequest::post(api_path!("/users/", user?, "/playlists")).removed(
                Removal::feb_2026("create-playlist-for-user")
                    .instead("SpotifyWebApi::create_playlist"),
            ),
        };
        request.scopes(MODIFY).json(&self.body)
    }
}

impl_into_future!(CreatePlaylist => Playlist);

/// The body of a details change: only what is set.
#[derive(Debug, Default, Serialize)]
struct DetailsBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    collaborative: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

/// Builder for [`SpotifyWebApi::update_playlist`]; `.await` returns `Result<()>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdatePlaylist {
    api: SpotifyWebApi,
    id: Result<PlaylistId>,
    body: DetailsBody,
}

impl UpdatePlaylist {
    /// The new name. Default: unchanged.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.body.name = Some(name.into());
        self
    }

    /// Whether the playlist is public (on the owner's profile). Default: unchanged.
    pub fn public(mut self, public: bool) -> Self {
        self.body.public = Some(public);
        self
    }

    /// Whether other users may edit the playlist; only a private playlist can be
    /// collaborative. Default: unchanged.
    pub fn collaborative(mut self, collaborative: bool) -> Self {
        self.body.collaborative = Some(collaborative);
        self
    }

    /// The new description (an empty one removes it). Default: unchanged.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.body.description = Some(description.into());
        self
    }

    fn into_request(mut self) -> Result<ApiRequest> {
        let id = self.id?;
        let body = &mut self.body;
        if body.name.is_none()
            && body.public.is_none()
            && body.collaborative.is_none()
            && body.description.is_none()
        {
            return Err(Error::InvalidArgument {
                name: "body",
                problem: ArgumentProblem::Empty,
            });
        }
        if let Some(name) = &body.name {
            non_empty_name(name)?;
        }
        collaborative_is_private(body.collaborative, &mut body.public, false)?;
        ApiRequest::put(api_path!("/playlists/", id))
            .scopes(MODIFY)
            .json(&self.body)
    }
}

impl_into_future!(UpdatePlaylist => ());

/// Builder for [`SpotifyWebApi::update_playlist_image`]; `.await` returns `Result<()>`.
#[must_use = "a request does nothing until it is awaited"]
pub struct UpdatePlaylistImage {
    api: SpotifyWebApi,
    id: Result<PlaylistId>,
    jpeg: Vec<u8>,
}

impl std::fmt::Debug for UpdatePlaylistImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpdatePlaylistImage")
            .field("id", &self.id)
            .field("jpeg_bytes", &self.jpeg.len())
            .finish_non_exhaustive()
    }
}

impl UpdatePlaylistImage {
    fn into_request(self) -> Result<ApiRequest> {
        let id = self.id?;
        if !self.jpeg.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Err(Error::InvalidArgument {
                name: "image",
                problem: ArgumentProblem::Expected("JPEG data (starting with FF D8 FF)"),
            });
        }
        if self.jpeg.len() > MAX_COVER_BYTES {
            return Err(Error::InvalidArgument {
                name: "image",
                problem: ArgumentProblem::TooLarge {
                    bytes: self.jpeg.len(),
                    max: MAX_COVER_BYTES,
                },
            });
        }
        let text = STANDARD.encode(&self.jpeg).into_bytes();
        Ok(ApiRequest::put(api_path!("/playlists/", id, "/images"))
            .scopes([
                Scope::UgcImageUpload,
                Scope::PlaylistModifyPublic,
                Scope::PlaylistModifyPrivate,
            ])
            .raw_body("image/jpeg", text))
    }
}

impl_into_future!(UpdatePlaylistImage => ());

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    const PLAYLIST: &str = "3cEYpjA9oz9GiPac4AsH4n";

    fn body(req: &ApiRequest) -> serde_json::Value {
        serde_json::from_slice(&req.body.as_ref().unwrap().bytes).unwrap()
    }

    #[test]
    fn my_playlists_cap_the_offset_and_name_their_scopes() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_my_playlists()
            .limit(50)
            .offset(100_000)
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Get, "/me/playlists")
        );
        assert_eq!(req.query_pairs(), [("limit", "50"), ("offset", "100000")]);
        assert_eq!(
            req.scopes,
            [Scope::PlaylistReadPrivate, Scope::PlaylistReadCollaborative]
        );
        assert!(
            api.get_my_playlists()
                .offset(100_001)
                .into_request()
                .is_err()
        );
        assert!(api.get_my_playlists().limit(51).into_request().is_err());
    }

    #[test]
    #[allow(deprecated)]
    fn creation_body_and_the_collaborative_rule() {
        let api = SpotifyWebApi::new();
        let req = api
            .create_playlist("Road trip")
            .description("A7")
            .public(false)
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Post, "/me/playlists")
        );
        assert_eq!(
            body(&req),
            serde_json::json!({"name": "Road trip", "public": false, "description": "A7"})
        );
        assert_eq!(req.removal, None);
        let collaborative = api
            .create_playlist("Shared")
            .collaborative(true)
            .into_request()
            .unwrap();
        assert_eq!(
            body(&collaborative),
            serde_json::json!({"name": "Shared", "public": false, "collaborative": true})
        );
        assert!(matches!(
            api.create_playlist("x")
                .collaborative(true)
                .public(true)
                .into_request(),
            Err(Error::InvalidArgument { name: "public", .. })
        ));
        assert!(matches!(
            api.create_playlist("  ").into_request(),
            Err(Error::InvalidArgument { name: "name", .. })
        ));
        let legacy = api
            .create_playlist_for_user("spotify:user:wizzler", "Old way")
            .into_request()
            .unwrap();
        assert_eq!(legacy.path, "/users/wizzler/playlists");
        let removal = legacy.removal.unwrap();
        assert_eq!(removal.operation, "create-playlist-for-user");
        assert_eq!(removal.replacement, Some("SpotifyWebApi::create_playlist"));
        assert!(
            api.create_playlist_for_user("two words", "x")
                .into_request()
                .is_err()
        );
    }

    #[test]
    fn details_change_sends_only_what_is_set() {
        let api = SpotifyWebApi::new();
        let req = api
            .update_playlist(PLAYLIST)
            .name("New")
            .description("")
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Put, "/playlists/3cEYpjA9oz9GiPac4AsH4n")
        );
        assert_eq!(
            body(&req),
            serde_json::json!({"name": "New", "description": ""})
        );
        assert_eq!(req.scopes, MODIFY);
        let private = api
            .update_playlist(PLAYLIST)
            .collaborative(true)
            .into_request()
            .unwrap();
        assert_eq!(body(&private), serde_json::json!({"collaborative": true}));
        for bad in [
            api.update_playlist(PLAYLIST),
            api.update_playlist(PLAYLIST).name(""),
            api.update_playlist(PLAYLIST)
                .collaborative(true)
                .public(true),
        ] {
            assert!(bad.into_request().is_err());
        }
    }

    #[test]
    fn covers_are_base64_jpeg_and_checked_before_sending() {
        let api = SpotifyWebApi::new();
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00];
        let req = api
            .update_playlist_image(PLAYLIST, &jpeg[..])
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Put, "/playlists/3cEYpjA9oz9GiPac4AsH4n/images")
        );
        let sent = req.body.unwrap();
        assert_eq!(sent.content_type, "image/jpeg");
        assert_eq!(sent.bytes, b"/9j/4AA=");
        assert_eq!(req.scopes[0], Scope::UgcImageUpload);

        let png = b"\x89PNG\r\n\x1a\n".to_vec();
        assert!(matches!(
            api.update_playlist_image(PLAYLIST, png).into_request(),
            Err(Error::InvalidArgument {
                name: "image",
                problem: ArgumentProblem::Expected(_)
            })
        ));
        let mut largest = vec![0; MAX_COVER_BYTES];
        largest[..3].copy_from_slice(&[0xFF, 0xD8, 0xFF]);
        let req = api
            .update_playlist_image(PLAYLIST, largest.clone())
            .into_request()
            .unwrap();
        assert_eq!(
            req.body.unwrap().bytes.len(),
            256 * 1024,
            "exactly 256 KB of base64"
        );
        largest.push(0);
        assert!(matches!(
            api.update_playlist_image(PLAYLIST, largest).into_request(),
            Err(Error::InvalidArgument {
                name: "image",
                problem: ArgumentProblem::TooLarge {
                    bytes: 196_609,
                    max: 196_608
                }
            })
        ));
        let debug = format!("{:?}", api.update_playlist_image(PLAYLIST, &jpeg[..]));
        assert!(debug.contains("jpeg_bytes: 5"), "{debug}");
    }
}
