//! Artists: [`Artist`] (`ArtistObject`, from `GET /artists/{id}`) and [`SimplifiedArtist`]
//! (`SimplifiedArtistObject`, embedded in tracks and albums).

use crate::id::ArtistId;
use crate::lenient::model;

use super::common::{ExternalUrls, Followers, ItemType};
use super::image::Image;

model! {
    /// An artist as embedded in tracks and albums (`SimplifiedArtistObject`).
    ///
    /// The artists of a local file have no ID, `href` or URI: Spotify sends them as `null`.
    pub struct SimplifiedArtist {
        /// Known external URLs of the artist; empty for the artists of local files.
        pub external_urls: ExternalUrls,
        /// The Web API URL of the full artist; empty for the artists of local files.
        pub href: String,
        /// The Spotify ID of the artist; `None` for the artists of local files.
        pub id: Option<ArtistId>,
        /// The name of the artist; empty if Spotify sends none.
        pub name: String,
        /// The object type: `artist`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Artist,
        /// The Spotify URI of the artist (`spotify:artist:...`); empty for the artists of local files.
        pub uri: String,
    }
}

model! {
    /// An artist with full details (`ArtistObject`), from `GET /artists/{id}`, search, top artists
    /// and followed artists.
    pub struct Artist {
        /// Known external URLs of the artist.
        pub external_urls: ExternalUrls,
        /// Information about the followers of the artist. Deprecated, and removed for
        /// development-mode apps in 2026-02: then `None`.
        pub followers: Option<Followers>,
        /// The genres the artist is associated with; empty if not classified. Deprecated in the spec
        /// since 2026-02 and often empty; empty when missing.
        pub genres: Vec<String>,
        /// The Web API URL of the artist.
        pub href: String,
        /// The Spotify ID of the artist.
        pub id: ArtistId,
        /// Images of the artist, widest first; empty if Spotify sends none.
        pub images: Vec<Image>,
        /// The name of the artist.
        pub name: String,
        /// The popularity of the artist, 0 to 100. Deprecated, and removed for development-mode apps
        /// in 2026-02: then `None`.
        pub popularity: Option<u32>,
        /// The object type: `artist`.
        #[json = "type"]
        pub kind: ItemType = ItemType::Artist,
        /// The Spotify URI of the artist (`spotify:artist:...`).
        pub uri: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artist_without_dev_mode_removed_fields_deserializes() {
        let artist: Artist = serde_json::from_str(
            r#"{"external_urls":{"spotify":"https://open.spotify.com/artist/0TnOYISbd1XYRBk9myaseg"},
                "href":"https://api.spotify.com/v1/artists/0TnOYISbd1XYRBk9myaseg",
                "id":"0TnOYISbd1XYRBk9myaseg","images":[],"name":"Pitbull","type":"artist",
                "uri":"spotify:artist:0TnOYISbd1XYRBk9myaseg"}"#,
        )
        .unwrap();
        assert_eq!(artist.followers, None);
        assert_eq!(artist.popularity, None);
        assert!(artist.genres.is_empty());
        assert_eq!(artist.name, "Pitbull");
    }

    #[test]
    fn local_file_artist_with_nulls_deserializes() {
        let artist: SimplifiedArtist = serde_json::from_str(
            r#"{"external_urls":{},"href":null,"id":null,"name":"Band","type":"artist","uri":null}"#,
        )
        .unwrap();
        assert_eq!(artist.id, None);
        assert_eq!(artist.href, "");
        assert_eq!(artist.uri, "");
        assert_eq!(artist.name, "Band");
        assert_eq!(artist.kind, ItemType::Artist);
    }
}
