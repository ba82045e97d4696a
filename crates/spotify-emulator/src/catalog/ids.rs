//! Ids of catalogue entities that tests can rely on: every catalogue built with synthetic data
//! ([`Catalog::builtin`](crate::Catalog::builtin), or [`CatalogBuilder`](crate::CatalogBuilder)
//! with any seed) holds them, whatever the seed or scale.
//!
//! ```
//! use spotify_emulator::catalog_ids;
//! use spotify_emulator::Catalog;
//!
//! let catalog = Catalog::builtin();
//! assert_eq!(catalog.album_track_count(catalog_ids::ALBUM_30_TRACKS), Some(30));
//! ```

/// The seed's track: Surfin' Bird by The Trashmen (a fixture, `track.json`).
pub const SEED_TRACK: &str = "7EjyzZcbLxW7PaaLua9Ksb";
/// An album with exactly 30 tracks on one disc (two pages at the default limit of 20).
pub const ALBUM_30_TRACKS: &str = "0EmuA1bum30Tracks0000a";
/// An artist with exactly 25 albums in their discography: 20 of their own (albums, singles and
/// compilations) and 5 they appear on. [`ALBUM_30_TRACKS`] is one of them.
pub const ARTIST_25_ALBUMS: &str = "0EmuArtist25A1bums000a";
/// An artist who appears on five of [`ARTIST_25_ALBUMS`]'s albums and owns the album where
/// that artist appears.
pub const ARTIST_FEATURED: &str = "0EmuArtistFeatured000a";
/// A show with exactly 60 episodes.
pub const SHOW_60_EPISODES: &str = "0EmuShow60Episodes000a";
/// An audiobook with exactly 40 chapters.
pub const AUDIOBOOK_40_CHAPTERS: &str = "0EmuBook40Chapters000a";
/// A public playlist of exactly 250 items owned by the default user
/// ([`DEFAULT_USER_ID`](crate::DEFAULT_USER_ID)): every tenth item (index 9, 19...) an episode
/// and every fiftieth (index 24, 74...) a local file, the rest tracks.
pub const PLAYLIST_250_ITEMS: &str = "0EmuP1aylist250Items0a";
/// The large private playlist, owned by the default user, mixed as [`PLAYLIST_250_ITEMS`]: its
/// size is [`CatalogBuilder::large_playlist_items`](crate::CatalogBuilder::large_playlist_items)
/// (10,000 by default).
pub const LARGE_PLAYLIST: &str = "0EmuLargeP1ay1ist0000a";
/// A public playlist of 30 tracks owned by [`CURATOR_USER_ID`], not by the default user: in
/// development mode its items are not the default user's to read.
pub const FOREIGN_PLAYLIST: &str = "0EmuForeignP1ay1ist00a";
/// A collaborative playlist of 25 tracks owned by [`CURATOR_USER_ID`], with the default user
/// as a collaborator.
pub const COLLABORATIVE_PLAYLIST: &str = "0EmuCo11abP1ay1ist000a";
/// The owner of [`FOREIGN_PLAYLIST`] and [`COLLABORATIVE_PLAYLIST`].
pub const CURATOR_USER_ID: &str = "emulator-curator";
/// A browse category with exactly 30 playlists.
pub const CATEGORY_30_PLAYLISTS: &str = "emulator-mix";
/// A track available everywhere except [`RELINK_MARKET`], where [`RELINKED_TRACK_TARGET`]
/// stands in for it: `GET /tracks/{RELINKED_TRACK}?market={RELINK_MARKET}` renders the target
/// with `linked_from` naming this id and `is_playable: true`.
pub const RELINKED_TRACK: &str = "0EmuRe1inkedTrack0000a";
/// The equivalent track served for [`RELINKED_TRACK`] in [`RELINK_MARKET`] (available only
/// there).
pub const RELINKED_TRACK_TARGET: &str = "0EmuRe1inkTarget00000a";
/// A track available everywhere except [`RELINK_MARKET`], with no stand-in: there it is
/// `is_playable: false` with `restrictions: {"reason": "market"}`.
pub const UNAVAILABLE_TRACK: &str = "0EmuUnavai1ab1eTrack0a";
/// The market of the relinking examples.
pub const RELINK_MARKET: &str = "DE";
