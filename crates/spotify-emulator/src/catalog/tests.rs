//! Catalogue tests: normalisation, completeness, links, the synthetic generator.

use super::*;
use crate::catalog::ids;

#[test]
fn timing_probe() {
    let start = std::time::Instant::now();
    let catalog = Catalog::builder().build();
    eprintln!(
        "built in {:?}: {:?}",
        start.elapsed(),
        [
            "track",
            "album",
            "artist",
            "show",
            "episode",
            "audiobook",
            "chapter",
            "playlist",
            "category",
            "user"
        ]
        .map(|k| (k, catalog.len(k)))
    );
    assert_eq!(catalog.album_track_count(ids::ALBUM_30_TRACKS), Some(30));
}
