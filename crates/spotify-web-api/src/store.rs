//! Token stores: where a [`Token`] is kept between runs.
//!
//! The seed's advice is "store the access token somewhere, in a database for example". A
//! [`TokenStore`] is that somewhere. Give one to [`crate::SpotifyWebApiBuilder::token_store`] and
//! the client loads the token on first use and saves every renewed token **before** using it.
//!
//! | store | for |
//! | --- | --- |
//! | [`MemoryTokenStore`] | tests, short-lived programs |
//! | [`FileTokenStore`] | one JSON file, mode 0600, replaced atomically |
//! | `SqliteTokenStore` (feature `sqlite`) | a database file holding tokens under names |
//! | `RedisTokenStore` (feature `redis`) | many worker processes sharing one app's token (`docs/scaling.md`) |
//! | [`CallbackTokenStore`] | your own storage: two closures |
//!
//! ```no_run
//! use spotify_web_api::{FileTokenStore, Session, SpotifyWebApi};
//!
//! # async fn f() -> spotify_web_api::Result<()> {
//! let session = Session::new("CLIENT_ID", "CLIENT_SECRET");
//! let api = SpotifyWebApi::builder()
//!     .session(session)
//!     .token_store(FileTokenStore::new("/var/lib/my-app/spotify-token.json"))
//!     .build()?;
//! let track = api.get_track("7EjyzZcbLxW7PaaLua9Ksb").await?; // token loaded or requested, then saved
//! # Ok(()) }
//! ```

use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};
use crate::token::Token;

/// A boxed, sendable future, the return type of [`TokenStore`]'s methods.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Somewhere a token is kept between runs.
///
/// The methods return boxed futures so that stores can be used as `Arc<dyn TokenStore>`;
/// implement them with `Box::pin(async move { ... })`.
pub trait TokenStore: Send + Sync + fmt::Debug {
    /// Reads the stored token; `Ok(None)` when there is none yet.
    fn load(&self) -> BoxFuture<'_, Result<Option<Token>>>;
    /// Replaces the stored token.
    fn save<'a>(&'a self, token: &'a Token) -> BoxFuture<'a, Result<()>>;
    /// Removes the stored token (logout).
    fn clear(&self) -> BoxFuture<'_, Result<()>>;

    /// For a store that several processes share: waits for this process's turn to renew the
    /// token, so that one process renews it for all of them. The client then reads the store
    /// again (another process may have renewed while it waited), renews only if the token is
    /// still stale, saves it and releases the turn.
    ///
    /// `Ok(None)`, the default, is for a store used by one process: the client renews without
    /// asking (it already renews once for all the calls of one process).
    fn renewal_turn(&self) -> BoxFuture<'_, Result<Option<RenewalTurn>>> {
        Box::pin(async { Ok(None) })
    }

    /// Whether the store keeps only a user's token (one with a refresh token) and refuses
    /// an app's client-credentials token, as a Redis store under `RedisConfig::user` does
    /// (feature `redis`). When it does and the session has
    /// no refresh token, a client with nothing usable in the store fails with
    /// [`SessionError::NoUserToken`](crate::SessionError::NoUserToken) instead of asking for
    /// an app's token that the store would refuse. Default: `false`.
    fn refuses_app_tokens(&self) -> bool {
        false
    }
}

/// A turn to renew the token of a store shared by several processes (see
/// [`TokenStore::renewal_turn`]). Releasing it lets the next process take its turn; a turn
/// that is never released (its process died) must expire on its own in the store.
///
/// A turn dropped without [`release`](RenewalTurn::release) (its renewal was cancelled) is
/// released in a task of the current Tokio runtime, if there is one.
#[must_use = "a turn is released with .release().await"]
pub struct RenewalTurn {
    release: Option<BoxFuture<'static, ()>>,
}

impl RenewalTurn {
    /// A turn that `release` gives back.
    pub fn new(release: impl Future<Output = ()> + Send + 'static) -> RenewalTurn {
        RenewalTurn {
            release: Some(Box::pin(release)),
        }
    }

    /// Gives the turn back.
    pub async fn release(mut self) {
        if let Some(release) = self.release.take() {
            release.await;
        }
    }
}

impl Drop for RenewalTurn {
    fn drop(&mut self) {
        if let Some(release) = self.release.take()
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            runtime.spawn(release);
        }
    }
}

impl fmt::Debug for RenewalTurn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RenewalTurn").finish_non_exhaustive()
    }
}

impl<T: TokenStore + ?Sized> TokenStore for Arc<T> {
    fn load(&self) -> BoxFuture<'_, Result<Option<Token>>> {
        (**self).load()
    }
    fn save<'a>(&'a self, token: &'a Token) -> BoxFuture<'a, Result<()>> {
        (**self).save(token)
    }
    fn clear(&self) -> BoxFuture<'_, Result<()>> {
        (**self).clear()
    }
    fn renewal_turn(&self) -> BoxFuture<'_, Result<Option<RenewalTurn>>> {
        (**self).renewal_turn()
    }
    fn refuses_app_tokens(&self) -> bool {
        (**self).refuses_app_tokens()
    }
}

fn store_error(e: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::TokenStore(Box::new(e))
}

/// Runs blocking storage work off the async runtime.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f).await.map_err(store_error)?
}

/// Keeps the token in memory only. Clones share one token.
#[derive(Debug, Clone, Default)]
pub struct MemoryTokenStore {
    token: Arc<Mutex<Option<Token>>>,
}

impl MemoryTokenStore {
    /// An empty store.
    pub fn new() -> MemoryTokenStore {
        MemoryTokenStore::default()
    }

    /// The token held now.
    pub fn get(&self) -> Option<Token> {
        self.token.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn set(&self, token: Option<Token>) {
        *self.token.lock().unwrap_or_else(|p| p.into_inner()) = token;
    }
}

impl TokenStore for MemoryTokenStore {
    fn load(&self) -> BoxFuture<'_, Result<Option<Token>>> {
        Box::pin(async move { Ok(self.get()) })
    }
    fn save<'a>(&'a self, token: &'a Token) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            self.set(Some(token.clone()));
            Ok(())
        })
    }
    fn clear(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            self.set(None);
            Ok(())
        })
    }
}

/// Keeps the token in a JSON file that only its owner can read (mode 0600 on Unix).
///
/// A save writes a new file beside the old one and renames it over, so a reader never sees a
/// half-written token and a crash never leaves a corrupt one. Saves from several processes
/// are serialised by an advisory lock on a `.lock` file beside it.
#[derive(Debug, Clone)]
pub struct FileTokenStore {
    path: PathBuf,
}

impl FileTokenStore {
    /// A store at `path`. Missing parent directories are created on the first save.
    pub fn new(path: impl Into<PathBuf>) -> FileTokenStore {
        FileTokenStore { path: path.into() }
    }

    /// Where the token is kept.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn sidecar(&self, suffix: &str) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(suffix);
        self.path.with_file_name(name)
    }
}

fn open_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

impl TokenStore for FileTokenStore {
    fn load(&self) -> BoxFuture<'_, Result<Option<Token>>> {
        let path = self.path.clone();
        Box::pin(blocking(move || match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(store_error),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(store_error(e)),
        }))
    }

    fn save<'a>(&'a self, token: &'a Token) -> BoxFuture<'a, Result<()>> {
        let json = serde_json::to_vec_pretty(token);
        let path = self.path.clone();
        let tmp = self.sidecar(&format!(".{}.tmp", std::process::id()));
        let lock = self.sidecar(".lock");
        Box::pin(blocking(move || {
            use std::io::Write;
            let json = json.map_err(store_error)?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(store_error)?;
            }
            let lock_file = open_private(&lock).map_err(store_error)?;
            lock_file.lock().map_err(store_error)?;
            let result = (|| {
                let mut file = open_private(&tmp)?;
                // The mode given at creation is masked by the umask; set it outright.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
                }
                file.write_all(&json)?;
                file.sync_all()?;
                std::fs::rename(&tmp, &path)
            })();
            if result.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            result.map_err(store_error)
        }))
    }

    fn clear(&self) -> BoxFuture<'_, Result<()>> {
        let path = self.path.clone();
        Box::pin(blocking(move || match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(store_error(e)),
        }))
    }
}

type LoadFn = dyn Fn() -> BoxFuture<'static, Result<Option<Token>>> + Send + Sync;
type SaveFn = dyn Fn(Token) -> BoxFuture<'static, Result<()>> + Send + Sync;

/// A store made of two closures, for users' own storage (a web session, a key-value
/// service...). `clear` saves nothing and loads nothing afterwards only if your closures say
/// so; by default it is a no-op.
#[derive(Clone)]
pub struct CallbackTokenStore {
    load: Arc<LoadFn>,
    save: Arc<SaveFn>,
}

impl fmt::Debug for CallbackTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CallbackTokenStore")
    }
}

impl CallbackTokenStore {
    /// A store that calls `load` to read and `save` to write.
    ///
    /// ```
    /// use spotify_web_api::CallbackTokenStore;
    ///
    /// let store = CallbackTokenStore::new(
    ///     || async { Ok(None) },                    // read from your storage
    ///     |token| async move { let _ = token; Ok(()) }, // write to your storage
    /// );
    /// ```
    pub fn new<L, LF, S, SF>(load: L, save: S) -> CallbackTokenStore
    where
        L: Fn() -> LF + Send + Sync + 'static,
        LF: Future<Output = Result<Option<Token>>> + Send + 'static,
        S: Fn(Token) -> SF + Send + Sync + 'static,
        SF: Future<Output = Result<()>> + Send + 'static,
    {
        CallbackTokenStore {
            load: Arc::new(move || Box::pin(load())),
            save: Arc::new(move |t| Box::pin(save(t))),
        }
    }
}

impl TokenStore for CallbackTokenStore {
    fn load(&self) -> BoxFuture<'_, Result<Option<Token>>> {
        (self.load)()
    }
    fn save<'a>(&'a self, token: &'a Token) -> BoxFuture<'a, Result<()>> {
        (self.save)(token.clone())
    }
    fn clear(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(async { Ok(()) })
    }
}

#[cfg(feature = "sqlite")]
pub use sqlite::SqliteTokenStore;

#[cfg(feature = "sqlite")]
mod sqlite {
    use super::*;

    /// Keeps tokens in a SQLite database, one row per name (an account, a profile...). The
    /// database file is created with mode 0600 on Unix.
    ///
    /// Requires the `sqlite` feature (bundled SQLite: nothing to install).
    #[derive(Debug, Clone)]
    pub struct SqliteTokenStore {
        path: PathBuf,
        name: String,
    }

    impl SqliteTokenStore {
        /// A store for the token called `name` in the database at `path`. The file and its
        /// table are created on first use.
        pub fn new(path: impl Into<PathBuf>, name: impl Into<String>) -> SqliteTokenStore {
            SqliteTokenStore {
                path: path.into(),
                name: name.into(),
            }
        }

        /// Where the database is.
        pub fn path(&self) -> &Path {
            &self.path
        }

        fn open(path: &Path) -> Result<rusqlite::Connection> {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(store_error)?;
            }
            if !path.exists() {
                // Create the file private before SQLite writes anything into it.
                open_private(path).map_err(store_error)?;
            }
            let conn = rusqlite::Connection::open(path).map_err(store_error)?;
            conn.busy_timeout(std::time::Duration::from_secs(5))
                .map_err(store_error)?;
            conn.execute_batch(
                "CREATE TABLE IF NOT EXISTS spotify_tokens (
                    name TEXT PRIMARY KEY,
                    token TEXT NOT NULL,
                    updated_at INTEGER NOT NULL
                )",
            )
            .map_err(store_error)?;
            Ok(conn)
        }
    }

    impl TokenStore for SqliteTokenStore {
        fn load(&self) -> BoxFuture<'_, Result<Option<Token>>> {
            let (path, name) = (self.path.clone(), self.name.clone());
            Box::pin(blocking(move || {
                let conn = Self::open(&path)?;
                let json: Option<String> = match conn.query_row(
                    "SELECT token FROM spotify_tokens WHERE name = ?1",
                    [&name],
                    |row| row.get(0),
                ) {
                    Ok(json) => Some(json),
                    Err(rusqlite::Error::QueryReturnedNoRows) => None,
                    Err(e) => return Err(store_error(e)),
                };
                json.map(|j| serde_json::from_str(&j).map_err(store_error))
                    .transpose()
            }))
        }

        fn save<'a>(&'a self, token: &'a Token) -> BoxFuture<'a, Result<()>> {
            let (path, name) = (self.path.clone(), self.name.clone());
            let json = serde_json::to_string(token);
            Box::pin(blocking(move || {
                let json = json.map_err(store_error)?;
                let conn = Self::open(&path)?;
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_secs() as i64)
                    .unwrap_or(0);
                conn.execute(
                    "INSERT INTO spotify_tokens (name, token, updated_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT(name) DO UPDATE SET token = excluded.token, updated_at = excluded.updated_at",
                    rusqlite::params![name, json, now],
                )
                .map_err(store_error)?;
                Ok(())
            }))
        }

        fn clear(&self) -> BoxFuture<'_, Result<()>> {
            let (path, name) = (self.path.clone(), self.name.clone());
            Box::pin(blocking(move || {
                let conn = Self::open(&path)?;
                conn.execute("DELETE FROM spotify_tokens WHERE name = ?1", [&name])
                    .map_err(store_error)?;
                Ok(())
            }))
        }
    }
}
