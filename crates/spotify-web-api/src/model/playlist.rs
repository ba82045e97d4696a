//! Playlists: [`Playlist`] (`PlaylistObject`, from `GET /playlists/{id}` and playlist
//! creation), [`SimplifiedPlaylist`] (`SimplifiedPlaylistObject`, listed by `/me/playlists`,
//! search and browse), [`PlaylistItem`] (`PlaylistTrackObject`, one entry of a playlist), their
//! owners and adders ([`PlaylistOwner`], [`PlaylistUser`]), the `{href,total}` reference
//! [`PlaylistTracksRef`], [`SnapshotId`] (the answer of playlist writes) and
//! [`FeaturedPlaylists`] (featured and category playlists).
//!
//! # `tracks` and `items`
//!
//! In 2026-02 Spotify renamed a playlist's `tracks` to `items` and a playlist entry's `track` to
//! `item` (API-CHANGES.md). Bodies of either age decode: both members are fields, and the
//! accessors [`Playlist::items_page`], [`SimplifiedPlaylist::items_ref`] and
//! [`PlaylistItem::content`] return whichever is present. Since then, too, the contents of a
//! playlist the user neither owns nor collaborates on are left out: `items_page` is `None`.

use crate::id::{PlaylistId, UserId};
use crate::lenient::model;

use super::common::{ExternalUrls, Followers, ItemType};
use super::image::Image;
use super::page::Page;
use super::playable::PlayableItem;

model! {
    /// A user as the adder of a playlist item (`PlaylistUserObject`): no display name.
    pub struct PlaylistUser {
        /// Known external URLs of the user.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the user.
        pub href: String,
        /// The Spotify user ID; the empty ID when Spotify sends none (very old playlists).
        pub id: UserId,
        /// The object type: `user`.
        #[json = "type"]
        pub kind: ItemType = ItemType::User,
        /// The Spotify URI of the user (`spotify:user:...`).
        pub uri: String,
    }
}

model! {
    /// The owner of a playlist (`PlaylistOwnerObject`).
    pub struct PlaylistOwner {
        /// Known external URLs of the owner.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the owner.
        pub href: String,
        /// The Spotify user ID of the owner.
        pub id: UserId,
        /// The object type: `user`.
        #[json = "type"]
        pub kind: ItemType = ItemType::User,
        /// The Spotify URI of the owner (`spotify:user:...`).
        pub uri: String,
        /// The name displayed on the owner's profile; `None` if not available (older bodies leave
        /// it out, others send `null`).
        pub display_name: Option<String>,
    }
}

model! {
    /// Where a playlist's items are and how many there are (`PlaylistTracksRefObject`): the
    /// `items` (formerly `tracks`) of a simplified playlist.
    pub struct PlaylistTracksRef {
        /// The Web API URL of the playlist's items; empty if Spotify sends none.
        pub href: String,
        /// The number of items in the playlist.
        pub total: u32,
    }
}

model! {
    /// One entry of a playlist (`PlaylistTrackObject`): a track or episode, who added it and when.
    ///
    /// The content is under `item` since 2026-02 and under `track` before; use
    /// [`PlaylistItem::content`] for whichever is present. It is `None` when Spotify sends `null`
    /// (a track that is no longer available).
    pub struct PlaylistItem {
        /// When the item was added, as an ISO 8601 UTC timestamp; `None` for some very old
        /// playlists, which send `null`.
        pub added_at: Option<String>,
        /// Who added the item; `None` for some very old playlists, which send `null`.
        pub added_by: Option<PlaylistUser>,
        /// Whether the item is a local file; `false` when Spotify leaves it out.
        pub is_local: bool,
        /// The track or episode, as sent since 2026-02; `None` in older bodies (see `track`).
        pub item: Option<PlayableItem>,
        /// The track or episode, as sent before 2026-02 (deprecated); `None` in newer bodies.
        pub track: Option<PlayableItem>,
    }
}

/// The name of [`PlaylistItem`] in the spec (`PlaylistTrackObject`).
pub type PlaylistTrack = PlaylistItem;

impl PlaylistItem {
    /// The track or episode: `item` if present, else `track`.
    pub fn content(&self) -> Option<&PlayableItem> {
        self.item.as_ref().or(self.track.as_ref())
    }

    /// The track or episode, by value: `item` if present, else `track`.
    pub fn into_content(self) -> Option<PlayableItem> {
        self.item.or(self.track)
    }
}

model! {
    /// A playlist as listed by `GET /me/playlists`, search and browse (`SimplifiedPlaylistObject`).
    pub struct SimplifiedPlaylist {
        /// Whether the owner lets other users modify the playlist.
        pub collaborative: bool,
        /// The description of the playlist; `None` unless the playlist was given one (Spotify
        /// sends `null`).
        pub description: Option<String>,
        /// Known external URLs of the playlist.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the full playlist.
        pub href: String,
        /// The Spotify ID of the playlist.
        pub id: PlaylistId,
        /// The cover images, largest first; empty if there is none (Spotify may send `null`). Their
        /// URLs expire in less than a day.
        pub images: Vec<Image>,
        /// The name of the playlist; empty if Spotify sends none.
        pub name: String,
        /// The owner of the playlist.
        pub owner: PlaylistOwner,
        /// Whether the playlist is public (`Some(true)`) or private (`Some(false)`) on the owner's
        /// profile; `None` when the status is not relevant (Spotify sends `null`).
        pub public: Option<bool>,
        /// The version of the playlist, to pass to playlist writes; empty if Spotify sends none.
        pub snapshot_id: String,
        /// Where the playlist's items are and how many, as sent since 2026-02; `None` in older
        /// bodies (see `tracks` and [`SimplifiedPlaylist::items_ref`]).
        pub items: Option<PlaylistTracksRef>,
        /// Where the playlist's tracks are and how many, as sent before 2026-02 (deprecated);
        /// `None` in newer bodies.
        pub tracks: Option<PlaylistTracksRef>,
        /// The object type: `playlist`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Playlist,
        /// The Spotify URI of the playlist (`spotify:playlist:...`, or in older bodies
        /// `spotify:user:...:playlist:...`).
        pub uri: String,
        /// A colour Spotify associates with the playlist, as `#RRGGBB`; not in the spec, usually
        /// `null` (then `None`).
        pub primary_color: Option<String>,
    }
}

impl SimplifiedPlaylist {
    /// Where the playlist's items are and how many: `items` if present, else `tracks`.
    pub fn items_ref(&self) -> Option<&PlaylistTracksRef> {
        self.items.as_ref().or(self.tracks.as_ref())
    }
}

model! {
    /// A playlist with full details (`PlaylistObject`), from `GET /playlists/{id}` and
    /// `POST /me/playlists`.
    pub struct Playlist {
        /// Whether the owner lets other users modify the playlist.
        pub collaborative: bool,
        /// The description of the playlist; `None` unless the playlist was given one (Spotify
        /// sends `null`).
        pub description: Option<String>,
        /// Known external URLs of the playlist.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the playlist.
        pub href: String,
        /// The Spotify ID of the playlist.
        pub id: PlaylistId,
        /// The cover images, largest first; empty if there is none (Spotify may send `null`). Their
        /// URLs expire in less than a day.
        pub images: Vec<Image>,
        /// The name of the playlist; empty if Spotify sends none.
        pub name: String,
        /// The owner of the playlist.
        pub owner: PlaylistOwner,
        /// Whether the playlist is public (`Some(true)`) or private (`Some(false)`) on the owner's
        /// profile; `None` when the status is not relevant (Spotify sends `null`).
        pub public: Option<bool>,
        /// The version of the playlist, to pass to playlist writes; empty if Spotify sends none.
        pub snapshot_id: String,
        /// The first page of the playlist's items, as sent since 2026-02; `None` in older bodies
        /// (see `tracks`) and for playlists the user neither owns nor collaborates on. Use
        /// [`Playlist::items_page`].
        pub items: Option<Page<PlaylistItem>>,
        /// The first page of the playlist's tracks, as sent before 2026-02 (deprecated); `None` in
        /// newer bodies.
        pub tracks: Option<Page<PlaylistItem>>,
        /// The object type: `playlist`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Playlist,
        /// The Spotify URI of the playlist (`spotify:playlist:...`, or in older bodies
        /// `spotify:user:...:playlist:...`).
        pub uri: String,
        /// Information about the followers of the playlist; `None` when Spotify leaves it out.
        pub followers: Option<Followers>,
        /// A colour Spotify associates with the playlist, as `#RRGGBB`; not in the spec, usually
        /// `null` (then `None`).
        pub primary_color: Option<String>,
    }
}

impl Playlist {
    /// The first page of the playlist's items: `items` if present, else `tracks`; `None` when the
    /// body has neither (since 2026-02, a playlist the user neither owns nor collaborates on).
    pub fn items_page(&self) -> Option<&Page<PlaylistItem>> {
        self.items.as_ref().or(self.tracks.as_ref())
    }

    /// The first page of the playlist's items, by value: `items` if present, else `tracks`.
    pub fn into_items_page(self) -> Option<Page<PlaylistItem>> {
        self.items.or(self.tracks)
    }
}

model! {
    /// The version of a playlist after a write (`{"snapshot_id": ...}`), from adding, removing,
    /// reordering or replacing its items.
    pub struct SnapshotId {
        /// The new version of the playlist, to pass to later writes; empty if Spotify sends none.
        pub snapshot_id: String,
    }
}

model! {
    /// A page of playlists with a headline (`PagingFeaturedPlaylistObject`), from
    /// `GET /browse/featured-playlists` and `GET /browse/categories/{id}/playlists` (both removed
    /// for apps created since 2024-11-27).
    pub struct FeaturedPlaylists {
        /// The headline of the list (`"Monday morning music, coming right up!"`); `None` when
        /// Spotify leaves it out (category playlists often do).
        pub message: Option<String>,
        /// The playlists; an empty page if Spotify sends none.
        pub playlists: Page<SimplifiedPlaylist>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRACK: &str = r#"{"id":"1dzQoRqT5ucxXVaAhTcT0J","name":"Just Dance","type":"track",
        "uri":"spotify:track:1dzQoRqT5ucxXVaAhTcT0J","duration_ms":241933}"#;
    const EPISODE: &str = r#"{"id":"512ojhOuo1ktJprKbVcKyQ","name":"Knark","type":"episode",
        "uri":"spotify:episode:512ojhOuo1ktJprKbVcKyQ","show":{"name":"Historia"}}"#;

    #[test]
    fn old_item_under_track_and_new_item_under_item_give_the_same_content() {
        let old: PlaylistItem = serde_json::from_str(&format!(
            r#"{{"added_at":"2010-05-03T10:49:43Z","added_by":null,"is_local":false,"track":{TRACK}}}"#
        ))
        .unwrap();
        let new: PlaylistItem = serde_json::from_str(&format!(
            r#"{{"added_at":"2026-03-01T00:00:00Z","added_by":{{"id":"wizzler","type":"user",
                 "uri":"spotify:user:wizzler"}},"is_local":false,"item":{TRACK}}}"#
        ))
        .unwrap();
        assert_eq!(old.content(), new.content());
        assert_eq!(old.content().map(PlayableItem::name), Some("Just Dance"));
        assert_eq!(old.added_by, None);
        assert_eq!(
            new.added_by.as_ref().map(|u| u.id.as_str()),
            Some("wizzler")
        );
        assert_eq!(old.item, None);
        assert_eq!(new.track, None);
        assert!(new.into_content().is_some_and(|c| c.as_track().is_some()));
    }

    #[test]
    fn episodes_local_files_and_removed_tracks_in_a_playlist() {
        let page: Page<PlaylistItem> = serde_json::from_str(&format!(
            r#"{{"items":[
                {{"added_at":null,"is_local":false,"item":{EPISODE}}},
                {{"added_at":"2020-01-01T00:00:00Z","is_local":true,"track":{{"id":null,
                  "is_local":true,"name":"Demo","type":"track","uri":"spotify:local:a:b:Demo:60",
                  "album":{{"id":null,"name":""}},"artists":[{{"id":null,"name":"a"}}]}}}},
                {{"added_at":"2020-01-01T00:00:00Z","is_local":false,"track":null}},
                {{"added_at":"2020-01-01T00:00:00Z","item":{{"type":"podcast-clip","name":"?"}}}}
            ],"total":4}}"#
        ))
        .unwrap();
        let contents: Vec<_> = page.iter().map(PlaylistItem::content).collect();
        assert_eq!(contents.len(), 4);
        let episode = contents[0].and_then(PlayableItem::as_episode).unwrap();
        assert_eq!(episode.show.name, "Historia");
        assert_eq!(page.items[0].added_at, None);
        let local = contents[1].unwrap();
        assert!(local.is_local() && page.items[1].is_local);
        assert_eq!(local.id(), None);
        assert_eq!(contents[2], None);
        assert!(matches!(contents[3], Some(PlayableItem::Unknown(_))));
        let again: Page<PlaylistItem> =
            serde_json::from_value(serde_json::to_value(&page).unwrap()).unwrap();
        assert_eq!(again, page);
    }

    #[test]
    fn simplified_playlist_reads_tracks_or_items_and_null_public() {
        let old: SimplifiedPlaylist = serde_json::from_str(
            r#"{"id":"5Oo5QuAOjjXMMXphFqC6eo","name":"Weekend Hangouts","public":null,
                "images":null,"description":null,"owner":{"id":"spotify","type":"user"},
                "tracks":{"href":"h","total":223},"type":"playlist"}"#,
        )
        .unwrap();
        assert_eq!(old.public, None);
        assert_eq!(old.description, None);
        assert!(old.images.is_empty());
        assert_eq!(old.items_ref().map(|r| r.total), Some(223));
        assert_eq!(old.owner.display_name, None);

        let new: SimplifiedPlaylist = serde_json::from_str(
            r#"{"id":"5Oo5QuAOjjXMMXphFqC6eo","public":true,"items":{"href":"h","total":3.0},
                "owner":{"id":"wizzler","display_name":"JM Wizzler"}}"#,
        )
        .unwrap();
        assert_eq!(new.items_ref().map(|r| r.total), Some(3));
        assert_eq!(new.public, Some(true));
        assert_eq!(new.owner.display_name.as_deref(), Some("JM Wizzler"));
        assert_eq!(new.kind, ItemType::Playlist);
    }

    #[test]
    fn full_playlist_with_or_without_contents() {
        let owned: Playlist = serde_json::from_str(&format!(
            r#"{{"id":"0UZ0Ll4HJHR7yvURYbHJe9","name":"PARTY","followers":{{"href":null,"total":0}},
                "items":{{"href":"h","items":[{{"is_local":false,"item":{TRACK}}}],"limit":100,
                "next":null,"offset":0,"previous":null,"total":1}}}}"#
        ))
        .unwrap();
        let page = owned.items_page().unwrap();
        assert_eq!(page.total, 1);
        assert_eq!(
            page.items[0].content().map(PlayableItem::name),
            Some("Just Dance")
        );
        assert_eq!(owned.followers.map(|f| f.total), Some(0));

        // A development-mode app reading someone else's playlist gets metadata only.
        let foreign: Playlist =
            serde_json::from_str(r#"{"id":"0UZ0Ll4HJHR7yvURYbHJe9","name":"Theirs"}"#).unwrap();
        assert_eq!(foreign.items_page(), None);
        assert_eq!(foreign.into_items_page(), None);
    }

    #[test]
    fn featured_playlists_without_message_and_with_hidden_playlists() {
        let featured: FeaturedPlaylists = serde_json::from_str(
            r#"{"playlists":{"items":[null,{"id":"59ZbFPES4DQwEjBpWHzrtC","name":"Dinner"}],
                "total":2}}"#,
        )
        .unwrap();
        assert_eq!(featured.message, None);
        assert_eq!(featured.playlists.items.len(), 1);
        assert_eq!(featured.playlists.items[0].name, "Dinner");
    }
}
