//! The real response bodies the built-in catalog is made from, embedded in the binary so it works
//! from any directory. See `fixtures/SOURCE.md` (also [`FIXTURES_SOURCE`]) for where they come
//! from, their licence, and their quirks.

/// `fixtures/SOURCE.md`: origin, licence (MIT, Copyright (c) Jonathan Wilsson) and known quirks of
/// the embedded fixture files. Kept with the data, as the licence requires.
pub const FIXTURES_SOURCE: &str = include_str!("fixtures/SOURCE.md");

/// `fixtures/audio-analysis.json`: half of the fixtures' bytes, one `{"audio_analysis": X}`
/// kept as text until asked for (`analysis.rs`).
pub(super) const AUDIO_ANALYSIS: &str = include_str!("fixtures/audio-analysis.json");

/// Every `fixtures/*.json` file, as `(file name, body)`, in file-name order.
pub(crate) const FIXTURES: &[(&str, &str)] = &[
    (
        "access-token.json",
        include_str!("fixtures/access-token.json"),
    ),
    (
        "album-tracks.json",
        include_str!("fixtures/album-tracks.json"),
    ),
    ("album.json", include_str!("fixtures/album.json")),
    ("albums.json", include_str!("fixtures/albums.json")),
    (
        "artist-albums.json",
        include_str!("fixtures/artist-albums.json"),
    ),
    (
        "artist-related-artists.json",
        include_str!("fixtures/artist-related-artists.json"),
    ),
    (
        "artist-top-tracks.json",
        include_str!("fixtures/artist-top-tracks.json"),
    ),
    ("artist.json", include_str!("fixtures/artist.json")),
    ("artists.json", include_str!("fixtures/artists.json")),
    ("audio-analysis.json", AUDIO_ANALYSIS),
    (
        "audio-features.json",
        include_str!("fixtures/audio-features.json"),
    ),
    (
        "audiobook-chapters.json",
        include_str!("fixtures/audiobook-chapters.json"),
    ),
    ("audiobook.json", include_str!("fixtures/audiobook.json")),
    ("audiobooks.json", include_str!("fixtures/audiobooks.json")),
    (
        "available-genre-seeds.json",
        include_str!("fixtures/available-genre-seeds.json"),
    ),
    (
        "categories-list.json",
        include_str!("fixtures/categories-list.json"),
    ),
    (
        "category-playlists.json",
        include_str!("fixtures/category-playlists.json"),
    ),
    ("category.json", include_str!("fixtures/category.json")),
    ("chapter.json", include_str!("fixtures/chapter.json")),
    ("chapters.json", include_str!("fixtures/chapters.json")),
    ("episode.json", include_str!("fixtures/episode.json")),
    ("episodes.json", include_str!("fixtures/episodes.json")),
    (
        "featured-playlists.json",
        include_str!("fixtures/featured-playlists.json"),
    ),
    ("markets.json", include_str!("fixtures/markets.json")),
    (
        "multiple-audio-features.json",
        include_str!("fixtures/multiple-audio-features.json"),
    ),
    (
        "my-playlists.json",
        include_str!("fixtures/my-playlists.json"),
    ),
    ("my-queue.json", include_str!("fixtures/my-queue.json")),
    (
        "new-releases.json",
        include_str!("fixtures/new-releases.json"),
    ),
    (
        "playlist-cover-image.json",
        include_str!("fixtures/playlist-cover-image.json"),
    ),
    (
        "recently-played.json",
        include_str!("fixtures/recently-played.json"),
    ),
    (
        "recommendations.json",
        include_str!("fixtures/recommendations.json"),
    ),
    (
        "refresh-token-no-refresh-token.json",
        include_str!("fixtures/refresh-token-no-refresh-token.json"),
    ),
    (
        "refresh-token.json",
        include_str!("fixtures/refresh-token.json"),
    ),
    (
        "search-album.json",
        include_str!("fixtures/search-album.json"),
    ),
    (
        "show-episodes.json",
        include_str!("fixtures/show-episodes.json"),
    ),
    ("show.json", include_str!("fixtures/show.json")),
    ("shows.json", include_str!("fixtures/shows.json")),
    (
        "snapshot-id.json",
        include_str!("fixtures/snapshot-id.json"),
    ),
    (
        "top-artists-and-tracks.json",
        include_str!("fixtures/top-artists-and-tracks.json"),
    ),
    ("track.json", include_str!("fixtures/track.json")),
    ("tracks.json", include_str!("fixtures/tracks.json")),
    (
        "user-albums-contains.json",
        include_str!("fixtures/user-albums-contains.json"),
    ),
    (
        "user-albums.json",
        include_str!("fixtures/user-albums.json"),
    ),
    (
        "user-audiobooks-contains.json",
        include_str!("fixtures/user-audiobooks-contains.json"),
    ),
    (
        "user-audiobooks.json",
        include_str!("fixtures/user-audiobooks.json"),
    ),
    (
        "user-current-playback-info.json",
        include_str!("fixtures/user-current-playback-info.json"),
    ),
    (
        "user-current-track.json",
        include_str!("fixtures/user-current-track.json"),
    ),
    (
        "user-devices.json",
        include_str!("fixtures/user-devices.json"),
    ),
    (
        "user-episodes-contains.json",
        include_str!("fixtures/user-episodes-contains.json"),
    ),
    (
        "user-episodes.json",
        include_str!("fixtures/user-episodes.json"),
    ),
    (
        "user-followed-artists.json",
        include_str!("fixtures/user-followed-artists.json"),
    ),
    (
        "user-follows-playlist.json",
        include_str!("fixtures/user-follows-playlist.json"),
    ),
    (
        "user-follows.json",
        include_str!("fixtures/user-follows.json"),
    ),
    (
        "user-library-contains.json",
        include_str!("fixtures/user-library-contains.json"),
    ),
    (
        "user-playlist-items.json",
        include_str!("fixtures/user-playlist-items.json"),
    ),
    (
        "user-playlist-tracks.json",
        include_str!("fixtures/user-playlist-tracks.json"),
    ),
    (
        "user-playlist.json",
        include_str!("fixtures/user-playlist.json"),
    ),
    (
        "user-playlists.json",
        include_str!("fixtures/user-playlists.json"),
    ),
    (
        "user-shows-contains.json",
        include_str!("fixtures/user-shows-contains.json"),
    ),
    ("user-shows.json", include_str!("fixtures/user-shows.json")),
    (
        "user-tracks-contains.json",
        include_str!("fixtures/user-tracks-contains.json"),
    ),
    (
        "user-tracks.json",
        include_str!("fixtures/user-tracks.json"),
    ),
    ("user.json", include_str!("fixtures/user.json")),
    (
        "users-follows-playlist.json",
        include_str!("fixtures/users-follows-playlist.json"),
    ),
];
