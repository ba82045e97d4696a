//! Library: the user's library, items of any kind at once.
//!
//! - `save-library-items` (`PUT /me/library`): [`SpotifyWebApi::add_my_library`];
//! - `remove-library-items` (`DELETE /me/library`): [`SpotifyWebApi::delete_my_library`];
//! - `check-library-contains` (`GET /me/library/contains`):
//!   [`SpotifyWebApi::my_library_contains`].
//!
//! The per-kind operations are with their kind, as the spec's first tag puts them:
//! [`SpotifyWebApi::add_my_tracks`], [`SpotifyWebApi::my_albums_contains`],
//! [`SpotifyWebApi::get_my_saved_shows`]... in [`tracks`](super::tracks),
//! [`albums`](super::albums), [`episodes`](super::episodes), [`shows`](super::shows) and
//! [`audiobooks`](super::audiobooks); follows in [`follows`](super::follows). The per-kind
//! writes and checks use their own endpoints for extended-quota apps and `/me/library` for
//! development-mode ones, which lost them in 2026-02; the result is the same.
//!
//! Any number of items: `/me/library` takes 40 URIs a request and the per-kind endpoints 50
//! IDs, so a longer list is split, in order. Writes go one request after another; if one fails
//! after others landed, the error is [`Error::PartialWrite`](crate::Error::PartialWrite), which
//! says how many items were written.

use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::Result;
use crate::id::LibraryItemId;
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
}

/// A per-type call of `ids` (parsed), with its operation and endpoint.
pub(crate) fn per_type<T: Into<LibraryItemId>>(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    const TRACK: &str = "7EjyzZcbLxW7PaaLua9Ksb";
    const ALBUM: &str = "4aawyAB9vmqN3uQ7FjRGTy";

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
}
