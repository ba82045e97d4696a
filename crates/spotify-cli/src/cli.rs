//! The command line, as clap types. Nothing here does any work.

mod playlist;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

pub(crate) use playlist::{
    AddArgs, CreateArgs, ExportArgs, FileFormat, ImportArgs, ListArgs, RemoveArgs,
};

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

    /// With --emulator: keep the built-in emulator's state (library, playlists, player) in
    /// this file, so it carries from one command to the next.
    #[arg(long, global = true, requires = "emulator", value_name = "FILE")]
    pub(crate) emulator_state: Option<std::path::PathBuf>,

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

    /// Print Spotify's JSON (the whole object, pretty) instead of tables: `--output json`.
    #[arg(long, global = true, conflicts_with = "output")]
    pub(crate) json: bool,

    /// How to print: `table` (readable, fitted to the terminal), `json` (Spotify's JSON),
    /// `ndjson` (one JSON object per line) or `csv` (a list's columns). Default: table.
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub(crate) output: Option<OutputFormat>,

    /// The profile (account) to use: each has its own login and its own app settings
    /// (`spotify config`). Default: the default profile.
    #[arg(long, global = true, env = "SPOTIFY_PROFILE", value_name = "NAME")]
    pub(crate) profile: Option<String>,
}

impl GlobalArgs {
    /// The output format asked for: `--output`, `--json`, else a table.
    pub(crate) fn format(&self) -> OutputFormat {
        match (self.output, self.json) {
            (Some(format), _) => format,
            (None, true) => OutputFormat::Json,
            (None, false) => OutputFormat::Table,
        }
    }
}

/// The formats of `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OutputFormat {
    /// Readable views and tables, fitted to the terminal.
    Table,
    /// Spotify's JSON, pretty; a list as one array.
    Json,
    /// One JSON object per line: a list's items, or one object.
    Ndjson,
    /// A list's columns, uncut, with a header row.
    Csv,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Search the catalogue: one table per type (default: tracks, albums and artists).
    Search(SearchArgs),
    /// Show a track, by ID, spotify: URI or open.spotify.com URL.
    Track {
        /// The track: `7EjyzZcbLxW7PaaLua9Ksb`, `spotify:track:...` or a share link.
        track: String,
        #[command(flatten)]
        market: MarketArg,
    },
    /// Show an album and its tracks.
    Album {
        /// The album: an ID, `spotify:album:...` or a share link.
        album: String,
        #[command(flatten)]
        market: MarketArg,
    },
    /// Show an artist, their top tracks (where the app has them) and their albums.
    Artist(ArtistArgs),
    /// Show a playlist and its first items; list, create, edit, export and import playlists.
    Playlist(PlaylistArgs),
    /// Show a podcast show and its latest episodes.
    Show {
        /// The show: an ID, `spotify:show:...` or a share link.
        show: String,
        #[command(flatten)]
        market: MarketArg,
    },
    /// Show a podcast episode.
    Episode {
        /// The episode: an ID, `spotify:episode:...` or a share link.
        episode: String,
        #[command(flatten)]
        market: MarketArg,
    },
    /// Show an audiobook and its chapters.
    Audiobook {
        /// The audiobook: an ID, its `spotify:show:...` URI or a share link.
        audiobook: String,
        #[command(flatten)]
        market: MarketArg,
    },
    /// Show a chapter of an audiobook.
    Chapter {
        /// The chapter: an ID, its `spotify:episode:...` URI or a share link.
        chapter: String,
        #[command(flatten)]
        market: MarketArg,
    },
    /// Log in to Spotify in the browser (authorization code with PKCE) and keep the token.
    Login(LoginArgs),
    /// Forget the stored token.
    Logout,
    /// Show the logged-in user's profile.
    #[command(visible_alias = "whoami")]
    Me,
    /// The user's library: saved tracks, albums, episodes, shows and audiobooks, followed
    /// artists, users and playlists.
    Library {
        #[command(subcommand)]
        command: LibraryCommand,
    },
    /// Control playback on the user's devices (Spotify Connect; commands need Premium).
    Player {
        #[command(subcommand)]
        command: PlayerCommand,
    },
    /// Send any Web API request with the managed token, retries and rate limits, and print
    /// Spotify's JSON (in the manner of `gh api`).
    Api(ApiArgs),
    /// Show where the settings and the token database live and which app and user are active;
    /// set a profile's app.
    Config {
        #[command(subcommand)]
        command: Option<ConfigCommand>,
    },
    /// Print a completion script for a shell (`spotify completions bash > ...`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `spotify man | man -l -`.
    Man,
}

impl Cli {
    /// Parses the command line as [`Parser::parse`] does (clap's message and exit on an
    /// error), and names the command as clap knows it, verbs included: `playlist items`, `me`
    /// (also for its alias `whoami`). The name decides what the command may print
    /// ([`crate::output::printer::LIST_COMMANDS`]).
    pub(crate) fn parse_named() -> (Cli, String) {
        let matches = Cli::command().get_matches();
        match Cli::from_arg_matches(&matches) {
            Ok(cli) => (cli, command_name(&matches)),
            Err(e) => e.format(&mut Cli::command()).exit(),
        }
    }
}

/// The names of the subcommands in `matches`, joined by spaces (`playlist items`).
fn command_name(matches: &clap::ArgMatches) -> String {
    let mut names = Vec::new();
    let mut matches = matches;
    while let Some((name, sub)) = matches.subcommand() {
        names.push(name);
        matches = sub;
    }
    names.join(" ")
}

/// Options of `spotify api`.
#[derive(Debug, Args)]
pub(crate) struct ApiArgs {
    /// GET, POST, PUT or DELETE (any case).
    pub(crate) method: String,
    /// A Web API path (`/me`, `/v1/me`, `me/playlists?limit=5`) or a full URL under the API
    /// base URL.
    pub(crate) path: String,
    /// A field, `key=value`: in the query for GET and DELETE, in a JSON body (as a string)
    /// otherwise. `key[]=value` makes an array. Repeat for more.
    #[arg(short = 'f', long = "raw-field", value_name = "KEY=VALUE")]
    pub(crate) raw_fields: Vec<String>,
    /// A typed field, `key=value`: as `-f`, but `true`, `false`, `null` and numbers are JSON
    /// values in a body, and `@FILE` reads the value from a file.
    #[arg(short = 'F', long = "field", value_name = "KEY=VALUE")]
    pub(crate) fields: Vec<String>,
    /// Send this file as the body, as it is, as JSON (`-`: standard input).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["raw_fields", "fields"])]
    pub(crate) input: Option<std::path::PathBuf>,
    /// Follow `next` through every page and print every item as a line of JSON (NDJSON),
    /// wherever the page is: at the top level or under `tracks`, `albums`, ... as in search.
    #[arg(long)]
    pub(crate) paginate: bool,
    /// Print the answer's status line and headers, then a blank line, before the body (as
    /// curl's `-i`). Not with `--paginate`.
    #[arg(short = 'i', long)]
    pub(crate) include: bool,
}

/// The verbs of `spotify config`.
#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// Show the settings, the files and who is logged in (the default).
    Show,
    /// Set a setting of the profile: `client-id` (its app) or `base-url`.
    Set {
        /// `client-id` or `base-url`.
        #[arg(value_enum)]
        key: ConfigKey,
        /// The value.
        value: String,
    },
    /// Remove a setting of the profile.
    Unset {
        /// `client-id` or `base-url`.
        #[arg(value_enum)]
        key: ConfigKey,
    },
}

/// The settings a profile keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ConfigKey {
    /// The app's client ID (no secret is kept: the profile reads through its login).
    ClientId,
    /// A server that serves both `/api/token` and `/v1` (an emulator).
    BaseUrl,
}

/// `--market`, for the operations that take it.
#[derive(Debug, Args)]
pub(crate) struct MarketArg {
    /// A market: a country code (`SE`) or `from_token` (the logged-in user's country). Shows,
    /// episodes, audiobooks and chapters exist only in a market.
    #[arg(long, value_name = "MARKET")]
    pub(crate) market: Option<String>,
}

impl MarketArg {
    pub(crate) fn as_deref(&self) -> Option<&str> {
        self.market.as_deref()
    }
}

/// What `spotify search` looks for (`--type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum SearchKind {
    Track,
    Album,
    Artist,
    Playlist,
    Show,
    Episode,
    Audiobook,
}

/// Options of `spotify search`.
#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// What to look for, in Spotify's query language: words, and filters such as
    /// `artist:"Miles Davis"`, `album:`, `track:`, `year:1955-1960`, `genre:` (several words
    /// are one query).
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub(crate) query: Vec<String>,
    /// The types to search, separated by commas.
    #[arg(
        long = "type",
        value_enum,
        value_delimiter = ',',
        default_value = "track,album,artist",
        value_name = "TYPES"
    )]
    pub(crate) types: Vec<SearchKind>,
    /// Results per type, 1 to 10 (Spotify's limit since 2026-02). Default: Spotify's, 5.
    #[arg(long)]
    pub(crate) limit: Option<u32>,
    /// The index of the first result of each type, 0 to 1000.
    #[arg(long)]
    pub(crate) offset: Option<u32>,
    #[command(flatten)]
    pub(crate) market: MarketArg,
}

/// An artist's album groups (`--include-groups`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum AlbumGroupArg {
    Album,
    Single,
    #[value(name = "appears_on", alias = "appears-on")]
    AppearsOn,
    Compilation,
}

/// Options of `spotify artist`.
#[derive(Debug, Args)]
pub(crate) struct ArtistArgs {
    /// The artist: an ID, `spotify:artist:...` or a share link.
    pub(crate) artist: String,
    /// Which of the artist's albums to list, separated by commas. Default: every group.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "GROUPS")]
    pub(crate) include_groups: Vec<AlbumGroupArg>,
    #[command(flatten)]
    pub(crate) market: MarketArg,
}

/// `spotify playlist <ID>` and the verbs of `spotify playlist`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct PlaylistArgs {
    #[command(subcommand)]
    pub(crate) command: Option<PlaylistCommand>,
    /// The playlist: an ID, `spotify:playlist:...` or a share link.
    #[arg(required = true)]
    pub(crate) playlist: Option<String>,
    #[command(flatten)]
    pub(crate) market: MarketArg,
}

/// The verbs of `spotify playlist`.
#[derive(Debug, Subcommand)]
pub(crate) enum PlaylistCommand {
    /// List every item of a playlist, printing each page as it arrives.
    Items {
        /// The playlist: an ID, `spotify:playlist:...` or a share link.
        playlist: String,
        #[command(flatten)]
        market: MarketArg,
    },
    /// List the logged-in user's playlists (or a user's public ones), as the pages arrive.
    List(ListArgs),
    /// Create a playlist for the logged-in user; prints its ID and URI.
    Create(CreateArgs),
    /// Add tracks and episodes to a playlist; prints its new snapshot_id.
    Add(AddArgs),
    /// Remove tracks and episodes (every copy of each) from a playlist.
    Remove(RemoveArgs),
    /// Write every item of a playlist to a file (JSON, CSV or NDJSON), as the pages arrive.
    Export(ExportArgs),
    /// Add the items of an exported file to a playlist, skipping those already there.
    Import(ImportArgs),
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
    /// Scopes to ask for, Spotify's names separated by spaces, commas or `+`
    /// (`user-read-private,user-modify-playback-state`). Default: what the CLI's commands use.
    #[arg(long, value_name = "SCOPES")]
    pub(crate) scopes: Option<String>,
    /// Give up after this many seconds without a redirect.
    #[arg(long, default_value_t = 300)]
    pub(crate) timeout: u64,
}

/// What `spotify library list` lists (`--type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum LibraryKind {
    Tracks,
    Albums,
    Episodes,
    Shows,
    Audiobooks,
    /// Followed artists.
    Artists,
    /// The user's playlists: their own and those they follow.
    Playlists,
}

/// The verbs of `spotify library`.
#[derive(Debug, Subcommand)]
pub(crate) enum LibraryCommand {
    /// List saved items (newest first, with the time each was saved), followed artists or
    /// the user's playlists, printing each page as it arrives.
    List {
        /// What to list.
        #[arg(
            long = "type",
            value_enum,
            default_value = "tracks",
            value_name = "TYPE"
        )]
        kind: LibraryKind,
    },
    /// Save items (tracks, albums, episodes, shows, audiobooks) or follow them (artists, users,
    /// playlists).
    Save(LibraryItems),
    /// Remove saved items, or unfollow artists, users and playlists.
    Remove(LibraryItems),
    /// Say for each item whether it is saved (or followed): `yes` or `no`, one line each.
    Contains(LibraryItems),
}

/// The items of `spotify library save|remove|contains`.
#[derive(Debug, Args)]
pub(crate) struct LibraryItems {
    /// Items of any library kind: `spotify:track:ID` URIs, open.spotify.com links, or IDs
    /// with their kind (`track:ID`, `album:ID`, `episode:ID`, `show:ID`, `audiobook:ID`,
    /// `artist:ID`, `user:NAME`, `playlist:ID`). A bare ID does not say its kind.
    #[arg(required = true, num_args = 1.., value_name = "ITEM")]
    pub(crate) items: Vec<String>,
}

/// `--device`, for the player commands that take it.
#[derive(Debug, Args)]
pub(crate) struct DeviceArg {
    /// The device to act on, by ID or name (case-insensitive, or a unique prefix of it).
    /// Default: the active device.
    #[arg(long, value_name = "ID|NAME")]
    pub(crate) device: Option<String>,
}

/// `on` or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum OnOff {
    On,
    Off,
}

/// The player's repeat modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum RepeatMode {
    /// No repeat.
    Off,
    /// Repeat the current track.
    Track,
    /// Repeat the album, playlist... being played.
    Context,
}

/// The verbs of `spotify player`.
#[derive(Debug, Subcommand)]
pub(crate) enum PlayerCommand {
    /// What is playing: the item, its progress, the device, shuffle, repeat and volume.
    Status,
    /// Resume playback, or play a context (an album, playlist, artist, show or audiobook) or
    /// a list of tracks and episodes.
    Play {
        /// One context, or tracks and episodes: `spotify:` URIs, open.spotify.com links or
        /// IDs with their kind (`album:ID`, `track:ID`...). None: resume.
        #[arg(value_name = "ITEM_OR_CONTEXT")]
        items: Vec<String>,
        #[command(flatten)]
        device: DeviceArg,
        /// Where to start: a position in the context or list (0 is the first item), or the
        /// URI of one of its items.
        #[arg(long, value_name = "N|URI")]
        offset: Option<String>,
        /// How far into the first item to start: `mm:ss`, `h:mm:ss` or seconds.
        #[arg(long, value_name = "mm:ss", value_parser = crate::commands::player::parse_position)]
        position: Option<u32>,
    },
    /// Pause playback.
    Pause(DeviceArg),
    /// Skip to the next item.
    Next(DeviceArg),
    /// Skip to the previous item.
    #[command(visible_alias = "previous")]
    Prev(DeviceArg),
    /// Show the queue; `queue add ITEM` adds a track or episode to it.
    Queue {
        #[command(subcommand)]
        command: Option<QueueCommand>,
    },
    /// List the user's devices.
    Devices,
    /// Set the volume, in percent.
    Volume {
        /// 0 to 100.
        #[arg(value_parser = clap::value_parser!(u32).range(0..=100), value_name = "0-100")]
        percent: u32,
        #[command(flatten)]
        device: DeviceArg,
    },
    /// Turn shuffle on or off.
    Shuffle {
        #[arg(value_enum)]
        state: OnOff,
        #[command(flatten)]
        device: DeviceArg,
    },
    /// Set the repeat mode.
    Repeat {
        #[arg(value_enum)]
        mode: RepeatMode,
        #[command(flatten)]
        device: DeviceArg,
    },
    /// Jump to a position in the current item.
    Seek {
        /// `mm:ss`, `h:mm:ss` or seconds.
        #[arg(value_name = "mm:ss|SECONDS", value_parser = crate::commands::player::parse_position)]
        position: u32,
        #[command(flatten)]
        device: DeviceArg,
    },
    /// Move playback to another device.
    Transfer {
        /// The device, by ID or name (case-insensitive, or a unique prefix of it).
        #[arg(value_name = "DEVICE")]
        device: String,
        /// Start playing there (by default, a paused player stays paused).
        #[arg(long)]
        play: bool,
    },
}

/// The verbs of `spotify player queue`.
#[derive(Debug, Subcommand)]
pub(crate) enum QueueCommand {
    /// Add a track or an episode to the queue, to play after the current item.
    Add {
        /// The track or episode: a `spotify:` URI, an open.spotify.com link or `track:ID`.
        item: String,
        #[command(flatten)]
        device: DeviceArg,
    },
}
