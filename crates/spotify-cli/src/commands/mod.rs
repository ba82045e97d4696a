//! The commands. Each `run` takes the context and a writer, so tests can capture its output.

pub(crate) mod auth;
pub(crate) mod track;

use std::path::PathBuf;

use anyhow::Context as _;
use spotify_emulator::Emulator;
use spotify_web_api::{Session, SpotifyWebApi, SqliteTokenStore, TokenStore};

use crate::cli::GlobalArgs;

/// Where the CLI talks to, and with which credentials.
pub(crate) struct Context {
    /// Keeps the in-process emulator of `--emulator` alive for the command's duration.
    _emulator: Option<Emulator>,
    accounts_url: Option<String>,
    api_url: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    /// Where the token database lives.
    data_dir: PathBuf,
    pub(crate) json: bool,
}

/// The user must log in (again) with `spotify login`.
#[derive(Debug)]
pub(crate) struct LoginNeeded(pub(crate) &'static str);

impl std::fmt::Display for LoginNeeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: run `spotify login`", self.0)
    }
}

impl std::error::Error for LoginNeeded {}

/// The command cannot run as configured (missing credentials...).
#[derive(Debug)]
pub(crate) struct UsageError(pub(crate) String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The environment variables that hold the app's credentials.
const CREDENTIALS_HELP: &str = "set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET (or pass --client-id and --client-secret), or add --emulator to use the built-in emulator";

impl Context {
    /// Resolves the global options; with `--emulator`, starts the emulator.
    pub(crate) async fn new(args: &GlobalArgs) -> anyhow::Result<Context> {
        let data_dir = data_dir()?;
        if args.emulator {
            let emulator = Emulator::start().await;
            let base = emulator.base_url().to_owned();
            return Ok(Context {
                client_id: Some(emulator.client_id().to_owned()),
                client_secret: Some(emulator.client_secret().to_owned()),
                accounts_url: Some(base.clone()),
                api_url: Some(format!("{base}/v1")),
                _emulator: Some(emulator),
                data_dir,
                json: args.json,
            });
        }
        let base = args.base_url.as_deref().map(|b| b.trim_end_matches('/'));
        Ok(Context {
            _emulator: None,
            accounts_url: base.map(str::to_owned),
            api_url: base.map(|b| format!("{b}/v1")),
            client_id: args.client_id.clone().filter(|s| !s.is_empty()),
            client_secret: args.client_secret.clone().filter(|s| !s.is_empty()),
            data_dir,
            json: args.json,
        })
    }

    fn client_id(&self) -> anyhow::Result<&str> {
        match &self.client_id {
            Some(id) => Ok(id),
            None => Err(UsageError(format!("no client ID: {CREDENTIALS_HELP}")).into()),
        }
    }

    /// A session builder for the configured accounts service.
    fn session_builder(&self) -> anyhow::Result<spotify_web_api::SessionBuilder> {
        let mut builder = Session::builder(self.client_id()?);
        if let Some(url) = &self.accounts_url {
            builder = builder.accounts_url(url);
        }
        Ok(builder)
    }

    /// A client builder for the configured Web API.
    fn api_builder(&self) -> spotify_web_api::SpotifyWebApiBuilder {
        let mut builder = SpotifyWebApi::builder();
        if let Some(url) = &self.api_url {
            builder = builder.api_url(url);
        }
        builder
    }

    /// The store of the logged-in user's token, one per app and accounts service.
    pub(crate) fn token_store(&self) -> anyhow::Result<SqliteTokenStore> {
        let host = self
            .accounts_url
            .as_deref()
            .unwrap_or("accounts.spotify.com");
        let host = host
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        Ok(SqliteTokenStore::new(
            self.data_dir.join("tokens.sqlite3"),
            format!("{}@{host}", self.client_id()?),
        ))
    }

    /// A client for catalogue data: app credentials if there are some, else the stored login.
    pub(crate) async fn catalog_client(&self) -> anyhow::Result<SpotifyWebApi> {
        if self.client_id.is_some() && self.client_secret.is_some() {
            let secret = self.client_secret.as_deref().unwrap_or_default();
            let session = self.session_builder()?.client_secret(secret).build()?;
            return Ok(self.api_builder().session(session).build()?);
        }
        if self.client_id.is_some() && self.token_store()?.load().await?.is_some() {
            return self.user_client().await;
        }
        Err(UsageError(format!("no Spotify credentials: {CREDENTIALS_HELP}")).into())
    }

    /// A client acting for the logged-in user; its token is refreshed silently and saved.
    pub(crate) async fn user_client(&self) -> anyhow::Result<SpotifyWebApi> {
        let store = self.token_store()?;
        let token = store.load().await.context("cannot read the stored token")?;
        let Some(token) = token else {
            return Err(LoginNeeded("not logged in").into());
        };
        let mut builder = self.session_builder()?.token(token);
        if let Some(secret) = &self.client_secret {
            builder = builder.client_secret(secret);
        }
        Ok(self
            .api_builder()
            .session(builder.build()?)
            .token_store(store)
            .build()?)
    }
}

/// `$XDG_DATA_HOME/spotify-cli` (or the platform's equivalent).
fn data_dir() -> anyhow::Result<PathBuf> {
    directories::ProjectDirs::from("", "", "spotify-cli")
        .map(|d| d.data_dir().to_path_buf())
        .context("cannot find a home directory for the token database")
}
