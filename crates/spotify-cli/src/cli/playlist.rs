//! The clap types of the `spotify playlist` verbs that act on the user's playlists: `list`,
//! `create`, `add`, `remove`, `export` and `import`.

use std::path::PathBuf;

use clap::Args;

use super::MarketArg;

/// Options of `spotify playlist list`.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// List this user's public playlists instead of the logged-in user's own, collaborative
    /// and followed ones (extended-quota apps only: Spotify removed this for development-mode
    /// apps in 2026-02).
    #[arg(long, value_name = "USER_ID")]
    pub(crate) user: Option<String>,
}

/// Options of `spotify playlist create`.
#[derive(Debug, Args)]
pub(crate) struct CreateArgs {
    /// The new playlist's name.
    pub(crate) name: String,
    /// Its description.
    #[arg(long, value_name = "TEXT")]
    pub(crate) description: Option<String>,
    /// Show it on the user's profile (Spotify's default).
    #[arg(long, conflicts_with_all = ["private", "collaborative"])]
    pub(crate) public: bool,
    /// Keep it off the user's profile.
    #[arg(long)]
    pub(crate) private: bool,
    /// Let others edit it (a collaborative playlist is private).
    #[arg(long)]
    pub(crate) collaborative: bool,
}

/// Options of `spotify playlist add`.
#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// The playlist: an ID, `spotify:playlist:...` or a share link.
    pub(crate) playlist: String,
    /// Tracks and episodes, in order: track IDs, `spotify:track:...` or `spotify:episode:...`
    /// URIs, `track:ID` or `episode:ID`, or open.spotify.com links. Any number: more than 100
    /// go in ordered batches.
    #[arg(required = true, num_args = 1.., value_name = "ITEM")]
    pub(crate) items: Vec<String>,
    /// Where to insert them, 0-based (0: at the start). Default: at the end.
    #[arg(long, value_name = "N")]
    pub(crate) position: Option<u32>,
}

/// Options of `spotify playlist remove`.
#[derive(Debug, Args)]
pub(crate) struct RemoveArgs {
    /// The playlist: an ID, `spotify:playlist:...` or a share link.
    pub(crate) playlist: String,
    /// Tracks and episodes to remove (every copy of each): track IDs, URIs, `track:ID` or
    /// `episode:ID`, or share links.
    #[arg(required = true, num_args = 1.., value_name = "ITEM")]
    pub(crate) items: Vec<String>,
    /// The playlist version to remove them from (a `snapshot_id` printed by an earlier write):
    /// Spotify removes what that version held, even if the playlist changed since.
    #[arg(long, visible_alias = "snapshot", value_name = "ID")]
    pub(crate) snapshot_id: Option<String>,
}

/// A file format of `export` and `import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum FileFormat {
    /// One JSON document: the playlist's details and an `items` array.
    Json,
    /// A header row and one row per item, in the columns position (from 0), uri, type, id,
    /// name, artists (`; `-separated), show, album, duration_ms, added_at, added_by, is_local.
    Csv,
    /// One playlist item (Spotify's object) per line.
    Ndjson,
}

/// Options of `spotify playlist export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The playlist: an ID, `spotify:playlist:...` or a share link.
    pub(crate) playlist: String,
    /// The format. Default: the global `--output` (json, ndjson or csv), else from the file's
    /// extension (`.json`, `.csv`, `.ndjson` or `.jsonl`), else JSON.
    #[arg(long, value_enum)]
    pub(crate) format: Option<FileFormat>,
    /// Write to this file instead of stdout (`-`: stdout).
    #[arg(short = 'o', long = "file", value_name = "FILE")]
    pub(crate) file: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) market: MarketArg,
}

/// Options of `spotify playlist import`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The playlist to add to: an ID, `spotify:playlist:...` or a share link.
    pub(crate) playlist: String,
    /// A file written by `export` (or any file of the format with a `uri` column or field);
    /// `-` reads stdin.
    #[arg(value_name = "FILE")]
    pub(crate) file: PathBuf,
    /// The file's format. Default: from its extension.
    #[arg(long, value_enum)]
    pub(crate) format: Option<FileFormat>,
}
