//! The blocking API (feature `blocking`): every operation without async code, in the manner
//! of `reqwest::blocking`.
//!
//! It is not a second client. The operations, builders, models, errors, token management and
//! token stores are the async client's; a blocking call hands the same request to the same
//! pipeline and waits for it on a runtime the client owns (one worker thread per connection
//! pool, started on the first blocking call). Your code names no Tokio item:
//!
//! | async | blocking |
//! | --- | --- |
//! | [`crate::Session`], `session.request_credentials_token().await?` | [`Session`], `session.request_credentials_token()?` |
//! | [`crate::SpotifyWebApi`] | [`SpotifyWebApi`] (every operation, through `Deref`) |
//! | `api.get_track(id).await?` | `api.get_track(id).send()?` |
//! | `api.get_album_tracks(id).stream()` (a `Stream`) | `api.get_album_tracks(id).iter()` (an [`Iterator`]) |
//! | `api.get_album_tracks(id).fetch_all().await?` | `api.get_album_tracks(id).send_all()?` |
//! | `api.next_page(&page).await?` | `api.next_page(&page)?` |
//! | `api.request("GET", "/me").await?` | `api.request("GET", "/me").send()?` |
//!
//! Every builder that `.await` sends also has `send()`, every `stream()` an `iter()` and every
//! `fetch_all()` a `send_all()`: one macro makes both forms of each operation, and a test fails
//! if an async method of the client or the session has no blocking twin.
//!
//! Call it from threads that do not run async code: `main`, your own threads, or a
//! `spawn_blocking` task of another runtime. Called from inside an async task it panics, as
//! Tokio refuses to block a thread that runs tasks (there, `.await` the same builder instead).
//!
//! # The seed's two steps
//!
//! ```no_run
//! use spotify_web_api::blocking::{Session, SpotifyWebApi};
//!
//! # fn f() -> spotify_web_api::Result<()> {
//! let mut session = Session::new("CLIENT_ID", "CLIENT_SECRET");
//! session.request_credentials_token()?;
//! let access_token = session.access_token().unwrap().to_owned(); // store it somewhere
//!
//! let api = SpotifyWebApi::new();
//! api.set_access_token(access_token);
//! let track = api.get_track("7EjyzZcbLxW7PaaLua9Ksb").send()?;
//! println!("{} by {}", track.name, track.artists[0].name);
//! # Ok(()) }
//! ```
//!
//! # Managed tokens and stores
//!
//! ```no_run
//! use spotify_web_api::blocking::{Session, SpotifyWebApi};
//! use spotify_web_api::FileTokenStore;
//!
//! # fn f() -> spotify_web_api::Result<()> {
//! let session = Session::new("CLIENT_ID", "CLIENT_SECRET");
//! let api = SpotifyWebApi::from(
//!     spotify_web_api::SpotifyWebApi::builder()
//!         .session(session.into_async())
//!         .token_store(FileTokenStore::new("/var/lib/my-app/spotify-token.json"))
//!         .build()?,
//! );
//! let album = api.get_album("4aawyAB9vmqN3uQ7FjRGTy").send()?; // token loaded or requested
//! # Ok(()) }
//! ```
//!
//! # A user's login (authorization code with PKCE)
//!
//! ```no_run
//! use spotify_web_api::{Scope, blocking::Session};
//!
//! # fn f(redirect_from_browser: &str) -> spotify_web_api::Result<()> {
//! let mut session = Session::from(
//!     spotify_web_api::Session::builder("CLIENT_ID")
//!         .redirect_uri("http://127.0.0.1:8888/callback")
//!         .build()?,
//! );
//! let state = spotify_web_api::Session::generate_state();
//! let verifier = spotify_web_api::Session::generate_code_verifier();
//! let url = session
//!     .authorize_url()
//!     .scopes([Scope::UserLibraryRead])
//!     .state(&state)
//!     .code_challenge(&spotify_web_api::Session::code_challenge(&verifier))
//!     .build()?;
//! // ... the user approves at `url`; the browser comes back to the redirect URI ...
//! let code = spotify_web_api::Session::parse_redirect(redirect_from_browser, Some(&state))?;
//! session.request_access_token_pkce(&code, &verifier)?;
//! session.refresh_access_token()?; // later, when it nears expiry
//! # Ok(()) }
//! ```
//!
//! # The catalogue
//!
//! ```no_run
//! # fn f(api: spotify_web_api::blocking::SpotifyWebApi) -> spotify_web_api::Result<()> {
//! let album = api.get_album("4aawyAB9vmqN3uQ7FjRGTy").market("SE").send()?;
//! let tracks = api.get_tracks(["7EjyzZcbLxW7PaaLua9Ksb", "4PTG3Z6ehGkBFwjybzWkR8"]).send()?;
//! for track in api.get_album_tracks(album.id.as_str()).iter() {
//!     println!("{}", track?.name);
//! }
//! # Ok(()) }
//! ```
//!
//! # Search
//!
//! ```no_run
//! # fn f(api: spotify_web_api::blocking::SpotifyWebApi) -> spotify_web_api::Result<()> {
//! use spotify_web_api::{SearchType, model::Track};
//!
//! let results = api.search("surfin bird").types([SearchType::Track]).send()?;
//! let every_track: Vec<Track> = api.search("bird").send_all::<Track>()?;
//! # Ok(()) }
//! ```
//!
//! # Pages
//!
//! ```no_run
//! # fn f(api: spotify_web_api::blocking::SpotifyWebApi) -> spotify_web_api::Result<()> {
//! let mut page = api.get_my_saved_tracks().limit(50).send()?;
//! loop {
//!     for saved in &page {
//!         println!("{}", saved.track.name);
//!     }
//!     match api.next_page(&page)? {
//!         Some(next) => page = next,
//!         None => break,
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! # The user's library
//!
//! ```no_run
//! # fn f(api: spotify_web_api::blocking::SpotifyWebApi) -> spotify_web_api::Result<()> {
//! api.add_my_tracks(["7EjyzZcbLxW7PaaLua9Ksb"]).send()?;
//! let saved: Vec<bool> = api.my_tracks_contains(["7EjyzZcbLxW7PaaLua9Ksb"]).send()?;
//! # Ok(()) }
//! ```
//!
//! # Playlists
//!
//! ```no_run
//! # fn f(api: spotify_web_api::blocking::SpotifyWebApi) -> spotify_web_api::Result<()> {
//! let playlist = api.create_playlist("Road trip").public(false).send()?;
//! api.add_playlist_items(playlist.id.as_str(), ["spotify:track:7EjyzZcbLxW7PaaLua9Ksb"]).send()?;
//! let items = api.get_playlist_items(playlist.id.as_str()).send_all()?;
//! # Ok(()) }
//! ```
//!
//! # The player
//!
//! ```no_run
//! # fn f(api: spotify_web_api::blocking::SpotifyWebApi) -> spotify_web_api::Result<()> {
//! if let Some(playing) = api.get_my_current_track().send()? {
//!     println!("{:?} ms into {:?}", playing.progress_ms, playing.item.map(|i| i.name().to_owned()));
//! }
//! api.next().send()?;
//! # Ok(()) }
//! ```

use std::future::Future;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use futures_util::StreamExt as _;

use crate::PageStream;
use crate::error::{Error, Result};
use crate::lenient::Lenient;
use crate::model::{CursorPage, Page};
use crate::runtime::Runtime;

/// Waits for `future`, a call of `api`'s, on the runtime of `api`'s connection pool.
pub(crate) fn wait<T>(
    api: &crate::SpotifyWebApi,
    future: impl Future<Output = Result<T>>,
) -> Result<T> {
    api.inner.pipeline.runtime().get()?.block_on(future)
}

/// The client of the Web API, blocking: every operation of [`crate::SpotifyWebApi`] (reached
/// through `Deref`), whose builders `send()` instead of `.await`.
///
/// Cloning is cheap, and clones share the token, the connection pool and the runtime. The
/// runtime stops when the last clone (and the last session sharing its pool) is dropped.
#[derive(Clone, Debug, Default)]
pub struct SpotifyWebApi {
    api: crate::SpotifyWebApi,
}

impl SpotifyWebApi {
    /// A client for Spotify's Web API with no token yet; set one with
    /// [`set_access_token`](crate::SpotifyWebApi::set_access_token).
    ///
    /// # Panics
    ///
    /// As [`crate::SpotifyWebApi::new`]. [`crate::SpotifyWebApi::builder`] returns failures as
    /// errors; turn its client into a blocking one with `From`.
    pub fn new() -> SpotifyWebApi {
        SpotifyWebApi {
            api: crate::SpotifyWebApi::new(),
        }
    }

    /// A client that gets and renews its own tokens through `session`, on the session's
    /// connection pool and runtime.
    pub fn with_session(session: Session) -> SpotifyWebApi {
        SpotifyWebApi {
            api: crate::SpotifyWebApi::with_session(session.session),
        }
    }

    /// The async client underneath, for code that awaits.
    pub fn into_async(self) -> crate::SpotifyWebApi {
        self.api
    }

    /// The page after `page`, or `None` on the last page: the blocking form of
    /// [`crate::SpotifyWebApi::next_page`].
    ///
    /// # Errors
    ///
    /// As [`crate::SpotifyWebApi::next_page`].
    pub fn next_page<T: Lenient>(&self, page: &Page<T>) -> Result<Option<Page<T>>> {
        wait(&self.api, self.api.next_page(page))
    }

    /// The page before `page`, or `None` on the first page: the blocking form of
    /// [`crate::SpotifyWebApi::previous_page`].
    ///
    /// # Errors
    ///
    /// As [`crate::SpotifyWebApi::previous_page`].
    pub fn previous_page<T: Lenient>(&self, page: &Page<T>) -> Result<Option<Page<T>>> {
        wait(&self.api, self.api.previous_page(page))
    }

    /// The cursor page after `page`, or `None` on the last page: the blocking form of
    /// [`crate::SpotifyWebApi::next_cursor_page`].
    ///
    /// # Errors
    ///
    /// As [`crate::SpotifyWebApi::next_cursor_page`].
    pub fn next_cursor_page<T: Lenient>(
        &self,
        page: &CursorPage<T>,
    ) -> Result<Option<CursorPage<T>>> {
        wait(&self.api, self.api.next_cursor_page(page))
    }
}

impl From<crate::SpotifyWebApi> for SpotifyWebApi {
    /// The same client, called without async code: built with
    /// [`crate::SpotifyWebApi::builder`] for a base URL, HTTP settings, a token store...
    fn from(api: crate::SpotifyWebApi) -> SpotifyWebApi {
        SpotifyWebApi { api }
    }
}

impl Deref for SpotifyWebApi {
    type Target = crate::SpotifyWebApi;

    fn deref(&self) -> &crate::SpotifyWebApi {
        &self.api
    }
}

/// An app's credentials and the token it holds, blocking: [`crate::Session`] (reached through
/// `Deref`) whose token requests wait instead of being awaited.
///
/// Its associated functions (`generate_state`, `code_challenge`, `parse_redirect`...) are
/// [`crate::Session`]'s.
#[derive(Debug)]
pub struct Session {
    session: crate::Session,
}

impl Session {
    /// A session for an app with a client secret, talking to Spotify's accounts service.
    /// [`crate::Session::builder`] configures one further; turn it into a blocking one with
    /// `From`.
    ///
    /// # Panics
    ///
    /// As [`crate::Session::new`].
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Session {
        Session {
            session: crate::Session::new(client_id, client_secret),
        }
    }

    /// The async session underneath, e.g. for [`crate::SpotifyWebApiBuilder::session`].
    pub fn into_async(self) -> crate::Session {
        self.session
    }

    /// Waits for one of the session's token requests on its pool's runtime.
    fn wait(&mut self, call: impl AsyncFnOnce(&mut crate::Session) -> Result<()>) -> Result<()> {
        let runtime: Arc<Runtime> = self.session.transport.runtime.get()?;
        runtime.block_on(call(&mut self.session))
    }

    /// The client-credentials flow: the blocking form of
    /// [`crate::Session::request_credentials_token`].
    ///
    /// # Errors
    ///
    /// As [`crate::Session::request_credentials_token`].
    pub fn request_credentials_token(&mut self) -> Result<()> {
        self.wait(async |s| s.request_credentials_token().await)
    }

    /// Exchanges an authorization code (flow with a client secret): the blocking form of
    /// [`crate::Session::request_access_token`].
    ///
    /// # Errors
    ///
    /// As [`crate::Session::request_access_token`].
    pub fn request_access_token(&mut self, code: &str) -> Result<()> {
        self.wait(async |s| s.request_access_token(code).await)
    }

    /// Exchanges an authorization code with the PKCE verifier: the blocking form of
    /// [`crate::Session::request_access_token_pkce`].
    ///
    /// # Errors
    ///
    /// As [`crate::Session::request_access_token_pkce`].
    pub fn request_access_token_pkce(&mut self, code: &str, verifier: &str) -> Result<()> {
        self.wait(async |s| s.request_access_token_pkce(code, verifier).await)
    }

    /// Refreshes the user's token: the blocking form of
    /// [`crate::Session::refresh_access_token`].
    ///
    /// # Errors
    ///
    /// As [`crate::Session::refresh_access_token`].
    pub fn refresh_access_token(&mut self) -> Result<()> {
        self.wait(async |s| s.refresh_access_token().await)
    }
}

impl From<crate::Session> for Session {
    /// The same session, called without async code.
    fn from(session: crate::Session) -> Session {
        Session { session }
    }
}

impl Deref for Session {
    type Target = crate::Session;

    fn deref(&self) -> &crate::Session {
        &self.session
    }
}

impl DerefMut for Session {
    fn deref_mut(&mut self) -> &mut crate::Session {
        &mut self.session
    }
}

/// Every item of a paged list, page after page: what `iter()` returns, the blocking form of
/// [`PageStream`]. Each page is fetched when the previous one is used up, through the
/// client's pipeline; an error ends the iteration after it is yielded.
///
/// # Panics
///
/// `next` panics when called from async code (see the [module](self)).
#[must_use = "an iterator does nothing until it is used"]
pub struct Iter<T> {
    stream: PageStream<T>,
    /// The pool's runtime, or the error of starting it (yielded once).
    runtime: std::result::Result<Arc<Runtime>, Option<Error>>,
}

impl<T> Iter<T> {
    pub(crate) fn new(api: &crate::SpotifyWebApi, stream: PageStream<T>) -> Iter<T> {
        Iter {
            stream,
            runtime: api.inner.pipeline.runtime().get().map_err(Some),
        }
    }
}

impl<T> Iterator for Iter<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        match &mut self.runtime {
            Ok(runtime) => runtime.block_on(self.stream.next()),
            Err(error) => error.take().map(Err),
        }
    }
}

impl<T> std::fmt::Debug for Iter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Iter").finish_non_exhaustive()
    }
}

#[allow(dead_code)]
fn _assert_impls() {
    fn send_sync_clone<T: Send + Sync + Clone>() {}
    fn send_sync<T: Send + Sync>() {}
    send_sync_clone::<SpotifyWebApi>();
    send_sync::<Session>();
    fn send<T: Send>() {}
    send::<Iter<crate::model::Track>>();
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The source files of the crate, as (path relative to `src`, text).
    fn sources() -> Vec<(String, String)> {
        fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, root, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let name = path.strip_prefix(root).unwrap().display().to_string();
                    out.push((name, std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut out = Vec::new();
        walk(&root, &root, &mut out);
        out
    }

    fn count(text: &str, needle: &str) -> usize {
        text.matches(needle).count()
    }

    #[test]
    fn a_client_and_its_session_share_one_runtime_started_on_first_use() {
        use std::sync::Arc;

        let session = super::Session::new("id", "secret");
        assert!(!session.session.transport.runtime.is_started());
        let first = session.session.transport.runtime.get().unwrap();
        let api = super::SpotifyWebApi::with_session(session);
        let slot = api.api.inner.pipeline.runtime();
        assert!(Arc::ptr_eq(&first, &slot.get().unwrap()));
        // A client with a pool of its own gets a runtime of its own, and only when it blocks.
        let other = crate::SpotifyWebApi::new();
        assert!(!other.inner.pipeline.runtime().is_started());
        assert!(!Arc::ptr_eq(
            &first,
            &other.inner.pipeline.runtime().get().unwrap()
        ));
    }

    #[test]
    fn every_async_method_has_a_blocking_twin() {
        let blocking = include_str!("blocking.rs");
        let mut missing = Vec::new();
        for (file, text) in sources() {
            // A token store is written with futures in blocking programs too (`TokenStore`'s
            // methods return them), so the helpers of its implementers need no twin.
            if file == "store.rs" {
                continue;
            }
            for line in text.lines() {
                let Some(rest) = line.trim_start().strip_prefix("pub async fn ") else {
                    continue;
                };
                let name = rest.split(['(', '<']).next().unwrap_or_default();
                let twin = |open| blocking.contains(&format!("pub fn {name}{open}"));
                if !twin('(') && !twin('<') {
                    missing.push(format!("{file}: {name}"));
                }
            }
        }
        assert!(missing.is_empty(), "no blocking twin: {missing:?}");
    }

    #[test]
    fn every_awaitable_builder_sends_and_every_stream_iterates() {
        let mut seen_macro = false;
        for (file, text) in sources() {
            // Builders become awaitable only in `impl_into_future!`, whose one `IntoFuture`
            // impl comes with `send`.
            if file == "api/mod.rs" {
                seen_macro = true;
                assert_eq!(count(&text, "IntoFuture for"), 1, "{file}");
                assert_eq!(count(&text, "pub fn send("), 1, "{file}");
            } else if file.starts_with("api") {
                assert_eq!(
                    count(&text, "IntoFuture for"),
                    0,
                    "{file}: use impl_into_future!"
                );
            } else {
                // Any other awaitable (`request`'s `RawRequest`) has its `send` in its file.
                let lines = |start: &str, needle: &str| {
                    text.lines()
                        .map(str::trim_start)
                        .filter(|l| l.starts_with(start) && l.contains(needle))
                        .count()
                };
                assert_eq!(
                    lines("pub fn send(", ""),
                    lines("impl", "IntoFuture for"),
                    "{file}: each IntoFuture needs a blocking send()"
                );
            }
            if file.starts_with("api") {
                let streams = count(&text, "pub fn stream");
                let fetch_alls = count(&text, "pub fn fetch_all");
                // In the macro, the page and cursor arms share one arm that makes `iter`.
                let iters = match file.as_str() {
                    "api/mod.rs" => count(&text, "@blocking stream $builder =>"),
                    _ => count(&text, "pub fn iter"),
                };
                assert_eq!(
                    (iters, count(&text, "pub fn send_all")),
                    (streams, fetch_alls),
                    "{file}: each stream() needs an iter(), each fetch_all() a send_all()"
                );
            }
        }
        assert!(seen_macro);
    }
}
