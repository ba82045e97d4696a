//! Search results: [`SearchResults`], from `GET /search`.

use crate::lenient::model;

use super::album::SimplifiedAlbum;
use super::artist::Artist;
use super::audiobook::SimplifiedAudiobook;
use super::episode::SimplifiedEpisode;
use super::page::Page;
use super::playlist::SimplifiedPlaylist;
use super::show::SimplifiedShow;
use super::track::Track;

model! {
    /// The results of a search (`GET /search`): one page per requested `type`, `None` for the
    /// types not asked for.
    ///
    /// Each page has its own `next`; the hidden items Spotify sends as `null` (editorial
    /// playlists, for apps created since 2024-11-27) are left out of `items`.
    pub struct SearchResults {
        /// Matching tracks, if `track` was asked for.
        pub tracks: Option<Page<Track>>,
        /// Matching artists, if `artist` was asked for.
        pub artists: Option<Page<Artist>>,
        /// Matching albums, if `album` was asked for.
        pub albums: Option<Page<SimplifiedAlbum>>,
        /// Matching playlists, if `playlist` was asked for.
        pub playlists: Option<Page<SimplifiedPlaylist>>,
        /// Matching shows, if `show` was asked for.
        pub shows: Option<Page<SimplifiedShow>>,
        /// Matching episodes, if `episode` was asked for.
        pub episodes: Option<Page<SimplifiedEpisode>>,
        /// Matching audiobooks, if `audiobook` was asked for (some markets only).
        pub audiobooks: Option<Page<SimplifiedAudiobook>>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_requested_types_are_some_and_null_items_are_left_out() {
        let results: SearchResults = serde_json::from_str(
            r#"{"playlists":{"href":"h","items":[null,{"id":"37i9dQZF1DXcBWIGoYBM5M",
                "name":"Today's Top Hits","owner":{"id":"spotify"},"public":null,
                "tracks":{"href":"h","total":50}},null],"limit":3,"next":null,"offset":0,
                "previous":null,"total":3},
                "shows":{"items":[{"id":"5CfCWKI5pZ28U0uOzXkDHe","name":"Without Fail"}]}}"#,
        )
        .unwrap();
        let playlists = results.playlists.as_ref().unwrap();
        assert_eq!((playlists.items.len(), playlists.total), (1, 3));
        assert_eq!(playlists.items[0].name, "Today's Top Hits");
        assert_eq!(
            results.shows.as_ref().unwrap().items[0].name,
            "Without Fail"
        );
        assert_eq!(results.tracks, None);
        assert_eq!(results.audiobooks, None);
    }
}
