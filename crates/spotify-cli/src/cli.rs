//! The command line, as clap types. Nothing here does any work.

use clap::{Args, Parser, Subcommand};

/// A command-line tool for the Spotify Web API.
#[derive(Debug, Parser)]
#[command(name = "spotify", version, about = "A command-line tool for the Spotify Web API", long_about = None)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// Run against a built-in emulator started in this process (no network, no credentials).
    #[arg(long, global = true, conflicts_with = "base_url")]
    pub(crate) emulator: bool,

    /// Talk to a running spotify-emulator (or any server that serves both `/api/token` and
    /// `/v1`) at this base URL, e.g. http://127.0.0.1:8080.
    #[arg(long, global = true, env = "SPOTIFY_BASE_URL", value_name = "URL")]
    pub(crate) base_url: Option<String>,

    /// The app's client ID.
    #[arg(long, global = true, env = "SPOTIFY_CLIENT_ID", value_name = "ID")]
    pub(crate) client_id: Option<String>,

    /// The app's client secret (not needed for `login`, which uses PKCE).
    #[arg(
        long,
        global = true,
        env = "SPOTIFY_CLIENT_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub(crate) client_secret: Option<String>,

    /// Print the full JSON Spotify returned instead of a summary.
    #[arg(long, global = true)]
    pub(crate) json: bool,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Show a track, by ID, spotify: URI or open.spotify.com URL.
    Track {
        /// The track: `7EjyzZcbLxW7PaaLua9Ksb`, `spotify:track:...` or a share link.
        track: String,
        /// A market (country code, or `from_token`) to check availability in.
        #[arg(long)]
        market: Option<String>,
    },
    /// Log in to Spotify in the browser (authorization code with PKCE) and keep the token.
    Login(LoginArgs),
    /// Forget the stored token.
    Logout,
    /// Show the logged-in user.
    Whoami,
}

/// Options of `spotify login`.
#[derive(Debug, Args)]
pub(crate) struct LoginArgs {
    /// Print the URL to open instead of opening a browser.
    #[arg(long)]
    pub(crate) no_browser: bool,
    /// The port to receive the redirect on, on 127.0.0.1 (0 picks a free one). The app must
    /// have `http://127.0.0.1/callback` (any port) or this exact port registered.
    #[arg(long, default_value_t = 0)]
    pub(crate) port: u16,
    /// Scopes to ask for, separated by spaces or commas. Default: what the CLI's commands use.
    #[arg(long)]
    pub(crate) scopes: Option<String>,
    /// Give up after this many seconds without a redirect.
    #[arg(long, default_value_t = 300)]
    pub(crate) timeout: u64,
}
