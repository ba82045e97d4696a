//! The commands. Each `run` takes the context and a writer, so tests can capture its output.

pub(crate) mod album;
pub(crate) mod api;
pub(crate) mod artist;
pub(crate) mod audiobook;
pub(crate) mod auth;
pub(crate) mod chapter;
pub(crate) mod completions;
pub(crate) mod config;
pub(crate) mod episode;
pub(crate) mod library;
pub(crate) mod me;
pub(crate) mod player;
pub(crate) mod playlist;
pub(crate) mod search;
pub(crate) mod show;
pub(crate) mod track;

use std::path::PathBuf;

use anyhow::Context as _;
use spotify_emulator::Emulator;
use spotify_web_api::{Session, SpotifyWebApi, SqliteTokenStore, TokenStore};

use crate::cli::{Command, ConfigCommand, GlobalArgs};
use crate::output;
use crate::output::printer::Printer;

/// Where the CLI talks to, and with which credentials.
pub(crate) struct Context {
    /// Keeps the in-process emulator of `--emulator` alive for the command's duration.
    emulator: Option<Emulator>,
    /// The state file of `--emulator-state`, which a hint must repeat: without it, the
    /// command it shows would run on a fresh emulator, without what this one saved.
    emulator_state: Option<PathBuf>,
    accounts_url: Option<String>,
    api_url: Option<String>,
    client_id: Option<String>,
    /// Only with a client ID from the same place (the command line or the environment).
    client_secret: Option<String>,
    /// A secret was given but not used: the client ID is the profile's, of another app.
    secret_unpaired: bool,
    /// Where the token database lives.
    data_dir: PathBuf,
    /// The profile in use and its settings.
    pub(crate) profile: config::Profile,
    /// How results are printed (`--output`, `--json`).
    pub(crate) print: Printer,
}

/// The user must log in (again): why, and the `spotify login` to run (with the profile in
/// use, [`Context::command`]).
#[derive(Debug)]
pub(crate) struct LoginNeeded {
    pub(crate) why: &'static str,
    pub(crate) login: String,
}

impl std::fmt::Display for LoginNeeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: run `{}`", self.why, self.login)
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
    /// Resolves the global options for `command` (named `name`, [`crate::cli::Cli::parse_named`]);
    /// with `--emulator`, starts the emulator.
    /// A format the command cannot print is refused here, before anything is sent.
    ///
    /// The in-process emulator approves logins of its default user at once, so commands that
    /// act for a user (`whoami`, `playlist`) run as that user without a browser.
    pub(crate) async fn new(
        args: &GlobalArgs,
        command: &Command,
        name: &str,
    ) -> anyhow::Result<Context> {
        let print = Printer::new(args.format(), output::terminal_width(), name)?;
        let data_dir = data_dir()?;
        // The profile's settings fill in the app and the server: not with --emulator, which
        // has its own, nor for `config set|unset`, which read the file as they write it (and
        // so can replace a corrupt one). `config` shows the file, or why it cannot be used.
        let read = match command {
            Command::Config {
                command: None | Some(ConfigCommand::Show),
            } => config::Read::Report,
            Command::Config {
                command: Some(ConfigCommand::Set { .. } | ConfigCommand::Unset { .. }),
            } => config::Read::Nothing,
            _ if args.emulator => config::Read::Nothing,
            _ => config::Read::Settings,
        };
        let profile = config::Profile::load(args.profile.as_deref(), read)?;
        if args.emulator {
            let mut builder = Emulator::builder().auto_approve(spotify_emulator::DEFAULT_USER_ID);
            if let Some(path) = &args.emulator_state {
                builder = builder.state_file(path);
            }
            let emulator = builder
                .start()
                .await
                .context("cannot start the built-in emulator")?;
            let base = emulator.base_url().to_owned();
            return Ok(Context {
                client_id: Some(emulator.client_id().to_owned()),
                client_secret: Some(emulator.client_secret().to_owned()),
                accounts_url: Some(base.clone()),
                api_url: Some(format!("{base}/v1")),
                emulator: Some(emulator),
                emulator_state: args.emulator_state.clone(),
                secret_unpaired: false,
                data_dir,
                profile,
                print,
            });
        }
        // The command line and the environment first, then the profile's settings.
        let base = args
            .base_url
            .as_deref()
            .or(profile.settings.base_url.as_deref())
            .map(|b| b.trim_end_matches('/'));
        let given = |value: &Option<String>| value.clone().filter(|s| !s.trim().is_empty());
        let secret = given(&args.client_secret);
        // App credentials are an ID and a secret from the same place. A profile keeps an ID
        // only, and the one secret of the environment may be another app's: a profile's app
        // acts through its login (PKCE needs no secret), never through a mismatched pair.
        let (client_id, client_secret, secret_unpaired) = match given(&args.client_id) {
            Some(id) => (Some(id), secret, false),
            None => {
                let id = given(&profile.settings.client_id);
                let unpaired = id.is_some() && secret.is_some();
                (id, None, unpaired)
            }
        };
        Ok(Context {
            emulator: None,
            emulator_state: None,
            accounts_url: base.map(str::to_owned),
            api_url: base.map(|b| format!("{b}/v1")),
            client_id,
            client_secret,
            secret_unpaired,
            data_dir,
            profile,
            print,
        })
    }

    pub(crate) fn is_emulator(&self) -> bool {
        self.emulator.is_some()
    }

    pub(crate) fn client_id(&self) -> anyhow::Result<&str> {
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
    ///
    /// Without the ETag cache: a command asks for each URL once and then exits, so the cache
    /// would only hold bodies (every page of a 10,000-item playlist) until the end.
    fn api_builder(&self) -> spotify_web_api::SpotifyWebApiBuilder {
        let mut builder = SpotifyWebApi::builder().etag_cache(0);
        if let Some(url) = &self.api_url {
            builder = builder.api_url(url);
        }
        builder
    }

    /// The Web API base URL in use.
    /// Whether the API URL was given (a flag, the environment, a profile or the emulator),
    /// rather than the default.
    pub(crate) fn api_url_given(&self) -> bool {
        self.api_url.is_some()
    }

    pub(crate) fn api_url(&self) -> String {
        self.api_url
            .clone()
            .unwrap_or_else(|| spotify_web_api::DEFAULT_API_URL.to_owned())
    }

    /// Where the token database lives.
    pub(crate) fn token_database(&self) -> PathBuf {
        self.data_dir.join("tokens.sqlite3")
    }

    /// The store of the logged-in user's token, one per profile, app and accounts service
    /// (the default profile keeps the key it always had: `CLIENT_ID@HOST`).
    pub(crate) fn token_store(&self) -> anyhow::Result<SqliteTokenStore> {
        let host = self
            .accounts_url
            .as_deref()
            .unwrap_or("accounts.spotify.com");
        let host = host
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        let mut key = format!("{}@{host}", self.client_id()?);
        if let Some(name) = self.profile.name() {
            key.push_str(&format!(" profile={name}"));
        }
        Ok(SqliteTokenStore::new(self.token_database(), key))
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
        if self.secret_unpaired {
            let login = self.command("login");
            return Err(UsageError(format!(
                "the client ID is the profile's, and SPOTIFY_CLIENT_SECRET (--client-secret) is used only with SPOTIFY_CLIENT_ID (--client-id): run `{login}`, or set both"
            ))
            .into());
        }
        if self.client_id.is_some() {
            // An app ID and no secret: its login is what reads the catalogue.
            let login = self.command("login");
            return Err(UsageError(format!(
                "no Spotify credentials: run `{login}`, or {CREDENTIALS_HELP}"
            ))
            .into());
        }
        Err(UsageError(format!("no Spotify credentials: {CREDENTIALS_HELP}")).into())
    }

    /// The logged-in user if there is one (with `--emulator`, its default user), else the
    /// app's credentials: for playlists, whose items Spotify shows a development-mode app only
    /// for their owner and collaborators, and for `spotify api`.
    pub(crate) async fn user_or_app_client(&self) -> anyhow::Result<SpotifyWebApi> {
        if self.is_emulator()
            || (self.client_id.is_some() && self.token_store()?.load().await?.is_some())
        {
            return self.user_client().await;
        }
        self.catalog_client().await
    }

    /// The `spotify` command line `rest` (`login`, `playlist ID`) for a hint to the user,
    /// with `--profile NAME` when a profile other than the default is in use, so that the
    /// hint acts on the same account.
    pub(crate) fn command(&self, rest: &str) -> String {
        // Run as shown, it must act where this command did: the same profile, and the
        // emulator rather than Spotify, with the same state file.
        let emulator = match (self.is_emulator(), &self.emulator_state) {
            (false, _) => String::new(),
            (true, None) => "--emulator ".to_owned(),
            (true, Some(path)) => format!(
                "--emulator --emulator-state {} ",
                shell_word(&path.to_string_lossy())
            ),
        };
        match self.profile.name() {
            Some(name) => format!("spotify {emulator}--profile {name} {rest}"),
            None => format!("spotify {emulator}{rest}"),
        }
    }

    /// A client acting for the logged-in user; its token is refreshed silently and saved.
    /// With `--emulator`, the emulator's default user, logged in for this command only.
    pub(crate) async fn user_client(&self) -> anyhow::Result<SpotifyWebApi> {
        if self.is_emulator() {
            return self.emulator_user_client().await;
        }
        let store = self.token_store()?;
        let token = store.load().await.context("cannot read the stored token")?;
        let Some(token) = token else {
            return Err(LoginNeeded {
                why: "not logged in",
                login: self.command("login"),
            }
            .into());
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

impl Context {
    /// The scopes the user's login holds (the stored token's, or with `--emulator` the
    /// default ones); `None` without a stored login.
    pub(crate) async fn login_scopes(&self) -> Option<Vec<spotify_web_api::Scope>> {
        if self.is_emulator() {
            return Some(auth::DEFAULT_SCOPES.to_vec());
        }
        let token = self.token_store().ok()?.load().await.ok()??;
        Some(token.scopes().to_vec())
    }

    /// Logs the in-process emulator's default user in (authorization code with PKCE; the
    /// emulator approves at once) and keeps the token in memory only.
    async fn emulator_user_client(&self) -> anyhow::Result<SpotifyWebApi> {
        let redirect_uri = spotify_emulator::DEFAULT_REDIRECT_URIS[0];
        let mut session = self.session_builder()?.redirect_uri(redirect_uri).build()?;
        let state = Session::generate_state();
        let verifier = Session::generate_code_verifier();
        let url = session
            .authorize_url()
            .scopes(auth::DEFAULT_SCOPES.to_vec())
            .state(&state)
            .code_challenge(&Session::code_challenge(&verifier))
            .build()?;
        // Play the browser: the emulator answers `/authorize` with a redirect to the app.
        let browser = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .context("cannot build an HTTP client for the emulator's login")?;
        let response = browser
            .get(url.as_str())
            .send()
            .await
            .context("cannot reach the built-in emulator")?;
        let redirect = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .context("the built-in emulator did not approve the login")?
            .to_owned();
        let code = Session::parse_redirect(&redirect, Some(&state))?;
        session.request_access_token_pkce(&code, &verifier).await?;
        Ok(self.api_builder().session(session).build()?)
    }
}

/// `$XDG_DATA_HOME/spotify-cli` (or the platform's equivalent).
fn data_dir() -> anyhow::Result<PathBuf> {
    directories::ProjectDirs::from("", "", "spotify-cli")
        .map(|d| d.data_dir().to_path_buf())
        .context("cannot find a home directory for the token database")
}

/// Applies an optional flag to a request builder: `request.optional(market, |r, m| r.market(m))`.
pub(crate) trait Optional: Sized {
    fn optional<V>(self, value: Option<V>, set: impl FnOnce(Self, V) -> Self) -> Self {
        match value {
            Some(value) => set(self, value),
            None => self,
        }
    }
}

impl<T> Optional for T {}

/// The markets where Spotify sells audiobooks (and so their chapters).
pub(crate) const AUDIOBOOK_MARKETS: &[&str] = &["US", "GB", "CA", "IE", "NZ", "AU"];

/// Turns "not found" for market-bound content (shows, episodes, audiobooks, chapters) into
/// an error that says what to do: Spotify offers them only in a market, and audiobooks only
/// in a few (`only_in`).
pub(crate) fn hint_market<T>(
    result: spotify_web_api::Result<T>,
    market: Option<&str>,
    what: &str,
    only_in: Option<&[&str]>,
) -> anyhow::Result<T> {
    let e = match result {
        Err(e) if e.is_not_found() => e,
        other => return Ok(other?),
    };
    let hint = match (market, only_in) {
        (None, _) => format!(
            "no {what} found without a market (Spotify offers {what}s only in a market: add --market, e.g. --market US)"
        ),
        (Some(market), Some(markets))
            if !markets.iter().any(|m| m.eq_ignore_ascii_case(market)) =>
        {
            format!(
                "no {what} found in market {market} (Spotify sells {what}s only in {})",
                markets.join(", ")
            )
        }
        (Some(_), _) => return Err(e.into()),
    };
    Err(anyhow::Error::new(e).context(hint))
}

/// `word` as a POSIX shell reads it back as one word: as it is when it holds nothing the
/// shell treats specially, else in single quotes (a quote inside written `'\''`).
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:=@%~".contains(c);
    if !word.is_empty() && word.chars().all(plain) && !word.starts_with('~') {
        return word.to_owned();
    }
    format!("'{}'", word.replace('\'', "'\\''"))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{Context, shell_word};
    use crate::cli::{Command, GlobalArgs};

    /// A context on a fresh in-process emulator, fitting tables to 80 columns.
    pub(crate) async fn emulator_context(json: bool) -> Context {
        let args = GlobalArgs {
            emulator: true,
            emulator_state: None,
            base_url: None,
            client_id: None,
            client_secret: None,
            json,
            output: None,
            profile: None,
        };
        // `me`: any command will do, the tests print tables and JSON.
        let mut ctx = Context::new(&args, &Command::Me, "me")
            .await
            .expect("emulator context");
        ctx.print.width = 80;
        ctx
    }

    #[test]
    fn a_shell_word_reads_back_as_itself() {
        for (given, shown) in [
            ("/tmp/state.json", "/tmp/state.json"),
            ("demo-1_a.json", "demo-1_a.json"),
            ("/tmp/my state.json", "'/tmp/my state.json'"),
            ("it's.json", "'it'\\''s.json'"),
            ("$HOME/s;rm", "'$HOME/s;rm'"),
            ("~/state.json", "'~/state.json'"),
            ("", "''"),
        ] {
            assert_eq!(shell_word(given), shown);
        }
    }
}
