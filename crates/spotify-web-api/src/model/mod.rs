//! Typed response models, one module per object family.
//!
//! Type names are the spec's schema names without `Object` (`SimplifiedTrackObject` is
//! [`SimplifiedTrack`]); fields keep Spotify's JSON names, except `type`, which is `kind`.
//! Every model serializes back to Spotify's JSON names, and IDs are typed ([`TrackId`](crate::TrackId)...),
//! so a result feeds the next call directly.
//!
//! # One rule for every body
//!
//! Real bodies are looser than `openapi.yml` (`shared/spotify-api/SPEC-GAPS.md`): integers
//! sent as floats (`"width": 640.0`), required fields missing or `null`, fields removed for
//! development-mode apps in 2026-02 (`shared/docs/API-CHANGES.md`), local files without IDs,
//! new enum values. The models follow one rule, applied by construction to every field of every
//! model rather than field by field: **a body decodes unless it is not the kind of object asked
//! for**.
//!
//! - A missing, `null` or wrong-kind field takes its default: `""`, `0`, `false`, `[]`, an empty
//!   object, or `None` for the fields whose absence means something (`Option`).
//! - Whole numbers may come as floats (`640.0`); unknown fields are ignored; unknown enum
//!   values are kept in an `Unknown(String)` variant.
//! - In a list, an element of the wrong kind (a `null` playlist Spotify hides) is left out;
//!   lists that keep positions (multi-get results) hold `Option`s and keep their `None`s.
//! - A missing ID is the empty ID, which every operation refuses before sending.
//! - Only a body that is not a JSON object where an object is expected, or that is not JSON at
//!   all, fails, with [`Error::Decode`](crate::Error::Decode) naming the JSON path.
//!
//! # Which model each operation returns
//!
//! Every operation of the spec and the type its builder's `.await` gives. Envelopes whose only
//! member is one list or page (`{"tracks": [...]}`, `{"albums": {page}}`) have no wrapper type:
//! the client unwraps them by the key in the note, leniently. Multi-gets keep positions
//! (`None` for an ID Spotify does not know); the other lists leave out `null` elements. The
//! `contains` checks and the cover images are top-level JSON arrays. Operations that answer
//! with no body (200, 202 or 204) return `()`.
//!
//! | operationId | endpoint | `.await` returns | note |
//! | --- | --- | --- | --- |
//! | `get-an-album` | `GET /albums/{id}` | [`Album`] |  |
//! | `get-multiple-albums` | `GET /albums` | `Vec<Option<`[`Album`]`>>` | key `albums`; `null` for an unknown ID |
//! | `get-an-albums-tracks` | `GET /albums/{id}/tracks` | [`Page`]`<`[`SimplifiedTrack`]`>` |  |
//! | `get-an-artist` | `GET /artists/{id}` | [`Artist`] |  |
//! | `get-multiple-artists` | `GET /artists` | `Vec<Option<`[`Artist`]`>>` | key `artists` |
//! | `get-an-artists-albums` | `GET /artists/{id}/albums` | [`Page`]`<`[`SimplifiedAlbum`]`>` | with `album_group` |
//! | `get-an-artists-top-tracks` | `GET /artists/{id}/top-tracks` | `Vec<`[`Track`]`>` | key `tracks` |
//! | `get-an-artists-related-artists` | `GET /artists/{id}/related-artists` | `Vec<`[`Artist`]`>` | key `artists` |
//! | `get-a-show` | `GET /shows/{id}` | [`Show`] |  |
//! | `get-multiple-shows` | `GET /shows` | `Vec<Option<`[`SimplifiedShow`]`>>` | key `shows` |
//! | `get-a-shows-episodes` | `GET /shows/{id}/episodes` | [`Page`]`<`[`SimplifiedEpisode`]`>` |  |
//! | `get-an-episode` | `GET /episodes/{id}` | [`Episode`] |  |
//! | `get-multiple-episodes` | `GET /episodes` | `Vec<Option<`[`Episode`]`>>` | key `episodes` |
//! | `get-an-audiobook` | `GET /audiobooks/{id}` | [`Audiobook`] |  |
//! | `get-multiple-audiobooks` | `GET /audiobooks` | `Vec<Option<`[`Audiobook`]`>>` | key `audiobooks` |
//! | `get-audiobook-chapters` | `GET /audiobooks/{id}/chapters` | [`Page`]`<`[`SimplifiedChapter`]`>` |  |
//! | `get-users-saved-audiobooks` | `GET /me/audiobooks` | [`Page`]`<`[`SavedAudiobook`]`>` | wrapped or bare items |
//! | `save-audiobooks-user` | `PUT /me/audiobooks` | `()` |  |
//! | `remove-audiobooks-user` | `DELETE /me/audiobooks` | `()` |  |
//! | `check-users-saved-audiobooks` | `GET /me/audiobooks/contains` | `Vec<bool>` | one per ID |
//! | `get-a-chapter` | `GET /chapters/{id}` | [`Chapter`] |  |
//! | `get-several-chapters` | `GET /chapters` | `Vec<Option<`[`Chapter`]`>>` | key `chapters` |
//! | `get-track` | `GET /tracks/{id}` | [`Track`] |  |
//! | `get-several-tracks` | `GET /tracks` | `Vec<Option<`[`Track`]`>>` | key `tracks` |
//! | `search` | `GET /search` | [`SearchResults`] | one page per type |
//! | `get-current-users-profile` | `GET /me` | [`PrivateUser`] |  |
//! | `get-playlist` | `GET /playlists/{playlist_id}` | [`Playlist`] |  |
//! | `change-playlist-details` | `PUT /playlists/{playlist_id}` | `()` |  |
//! | `get-playlists-tracks` | `GET /playlists/{playlist_id}/tracks` | [`Page`]`<`[`PlaylistItem`]`>` |  |
//! | `add-tracks-to-playlist` | `POST /playlists/{playlist_id}/tracks` | [`SnapshotId`] | 201 |
//! | `reorder-or-replace-playlists-tracks` | `PUT /playlists/{playlist_id}/tracks` | [`SnapshotId`] |  |
//! | `remove-tracks-playlist` | `DELETE /playlists/{playlist_id}/tracks` | [`SnapshotId`] |  |
//! | `get-playlists-items` | `GET /playlists/{playlist_id}/items` | [`Page`]`<`[`PlaylistItem`]`>` |  |
//! | `add-items-to-playlist` | `POST /playlists/{playlist_id}/items` | [`SnapshotId`] | 201 |
//! | `reorder-or-replace-playlists-items` | `PUT /playlists/{playlist_id}/items` | [`SnapshotId`] |  |
//! | `remove-items-playlist` | `DELETE /playlists/{playlist_id}/items` | [`SnapshotId`] |  |
//! | `get-a-list-of-current-users-playlists` | `GET /me/playlists` | [`Page`]`<`[`SimplifiedPlaylist`]`>` | hidden playlists (`null`) left out |
//! | `create-playlist` | `POST /me/playlists` | [`Playlist`] | 201 |
//! | `save-library-items` | `PUT /me/library` | `()` |  |
//! | `remove-library-items` | `DELETE /me/library` | `()` |  |
//! | `check-library-contains` | `GET /me/library/contains` | `Vec<bool>` | one per URI |
//! | `get-users-saved-albums` | `GET /me/albums` | [`Page`]`<`[`SavedAlbum`]`>` |  |
//! | `save-albums-user` | `PUT /me/albums` | `()` |  |
//! | `remove-albums-user` | `DELETE /me/albums` | `()` |  |
//! | `check-users-saved-albums` | `GET /me/albums/contains` | `Vec<bool>` |  |
//! | `get-users-saved-tracks` | `GET /me/tracks` | [`Page`]`<`[`SavedTrack`]`>` |  |
//! | `save-tracks-user` | `PUT /me/tracks` | `()` |  |
//! | `remove-tracks-user` | `DELETE /me/tracks` | `()` |  |
//! | `check-users-saved-tracks` | `GET /me/tracks/contains` | `Vec<bool>` |  |
//! | `get-users-saved-episodes` | `GET /me/episodes` | [`Page`]`<`[`SavedEpisode`]`>` |  |
//! | `save-episodes-user` | `PUT /me/episodes` | `()` |  |
//! | `remove-episodes-user` | `DELETE /me/episodes` | `()` |  |
//! | `check-users-saved-episodes` | `GET /me/episodes/contains` | `Vec<bool>` |  |
//! | `get-users-saved-shows` | `GET /me/shows` | [`Page`]`<`[`SavedShow`]`>` |  |
//! | `save-shows-user` | `PUT /me/shows` | `()` |  |
//! | `remove-shows-user` | `DELETE /me/shows` | `()` |  |
//! | `check-users-saved-shows` | `GET /me/shows/contains` | `Vec<bool>` |  |
//! | `get-users-profile` | `GET /users/{user_id}` | [`PublicUser`] |  |
//! | `get-list-users-playlists` | `GET /users/{user_id}/playlists` | [`Page`]`<`[`SimplifiedPlaylist`]`>` |  |
//! | `create-playlist-for-user` | `POST /users/{user_id}/playlists` | [`Playlist`] | 201 |
//! | `follow-playlist` | `PUT /playlists/{playlist_id}/followers` | `()` |  |
//! | `unfollow-playlist` | `DELETE /playlists/{playlist_id}/followers` | `()` |  |
//! | `get-featured-playlists` | `GET /browse/featured-playlists` | [`FeaturedPlaylists`] | `{message, playlists}` |
//! | `get-categories` | `GET /browse/categories` | [`Page`]`<`[`Category`]`>` | key `categories` |
//! | `get-a-category` | `GET /browse/categories/{category_id}` | [`Category`] |  |
//! | `get-a-categories-playlists` | `GET /browse/categories/{category_id}/playlists` | [`FeaturedPlaylists`] | `message` often absent |
//! | `get-playlist-cover` | `GET /playlists/{playlist_id}/images` | `Vec<`[`Image`]`>` | a top-level array |
//! | `upload-custom-playlist-cover` | `PUT /playlists/{playlist_id}/images` | `()` | 202 |
//! | `get-new-releases` | `GET /browse/new-releases` | [`Page`]`<`[`SimplifiedAlbum`]`>` | key `albums` |
//! | `get-followed` | `GET /me/following` | [`CursorPage`]`<`[`Artist`]`>` | key `artists` |
//! | `follow-artists-users` | `PUT /me/following` | `()` | 204 |
//! | `unfollow-artists-users` | `DELETE /me/following` | `()` | 204 |
//! | `check-current-user-follows` | `GET /me/following/contains` | `Vec<bool>` |  |
//! | `check-if-user-follows-playlist` | `GET /playlists/{playlist_id}/followers/contains` | `bool` | the one element of the array |
//! | `get-several-audio-features` | `GET /audio-features` | `Vec<Option<`[`AudioFeatures`]`>>` | key `audio_features` |
//! | `get-audio-features` | `GET /audio-features/{id}` | [`AudioFeatures`] |  |
//! | `get-audio-analysis` | `GET /audio-analysis/{id}` | [`AudioAnalysis`] |  |
//! | `get-recommendations` | `GET /recommendations` | [`Recommendations`] | `{seeds, tracks}` |
//! | `get-recommendation-genres` | `GET /recommendations/available-genre-seeds` | `Vec<String>` | key `genres` |
//! | `get-information-about-the-users-current-playback` | `GET /me/player` | `Option<`[`PlaybackState`]`>` | 204: `None` |
//! | `transfer-a-users-playback` | `PUT /me/player` | `()` | 204 |
//! | `get-a-users-available-devices` | `GET /me/player/devices` | [`Devices`] |  |
//! | `get-the-users-currently-playing-track` | `GET /me/player/currently-playing` | `Option<`[`CurrentlyPlaying`]`>` | 204: `None` |
//! | `start-a-users-playback` | `PUT /me/player/play` | `()` | 204 |
//! | `pause-a-users-playback` | `PUT /me/player/pause` | `()` | 204 |
//! | `skip-users-playback-to-next-track` | `POST /me/player/next` | `()` | 204 |
//! | `skip-users-playback-to-previous-track` | `POST /me/player/previous` | `()` | 204 |
//! | `seek-to-position-in-currently-playing-track` | `PUT /me/player/seek` | `()` | 204 |
//! | `set-repeat-mode-on-users-playback` | `PUT /me/player/repeat` | `()` | 204 |
//! | `set-volume-for-users-playback` | `PUT /me/player/volume` | `()` | 204 |
//! | `toggle-shuffle-for-users-playback` | `PUT /me/player/shuffle` | `()` | 204 |
//! | `get-recently-played` | `GET /me/player/recently-played` | [`CursorPage`]`<`[`PlayHistory`]`>` |  |
//! | `get-queue` | `GET /me/player/queue` | [`Queue`] |  |
//! | `add-to-queue` | `POST /me/player/queue` | `()` | 204 |
//! | `get-available-markets` | `GET /markets` | `Vec<String>` | key `markets` |
//! | `get-users-top-artists` | `GET /me/top/artists` | [`Page`]`<`[`Artist`]`>` |  |
//! | `get-users-top-tracks` | `GET /me/top/tracks` | [`Page`]`<`[`Track`]`>` |  |
//!
//! # Unions and shapes that changed
//!
//! - [`PlayableItem`] is a track, an episode or a chapter, by the item's `type` (playlist items,
//!   the player, the queue).
//! - [`PlaylistItem`] has its content under `item` (since 2026-02) or `track` (before);
//!   [`PlaylistItem::content`] gives whichever is present. A playlist's `items`/`tracks` work the
//!   same way ([`Playlist::items_page`], [`SimplifiedPlaylist::items_ref`]).
//! - [`SavedAudiobook`] reads both the spec's `{added_at, audiobook}` and a bare audiobook.

#[doc(hidden)]
pub use crate::lenient::{Bail, Lenient, Reader};

mod album;
mod artist;
mod audio;
mod audiobook;
mod category;
mod chapter;
mod common;
mod episode;
mod image;
mod page;
mod playable;
mod player;
mod playlist;
mod recommendation;
mod search;
mod show;
mod track;
mod user;

pub use album::*;
pub use artist::*;
pub use audio::*;
pub use audiobook::*;
pub use category::*;
pub use chapter::*;
pub use common::*;
pub use episode::*;
pub use image::*;
pub use page::*;
pub use playable::*;
pub use player::*;
pub use playlist::*;
pub use recommendation::*;
pub use search::*;
pub use show::*;
pub use track::*;
pub use user::*;
