//! Search (`GET /search`) against the emulator's whole catalogue: words and field filters,
//! type lists, the 2026 bounds checked before sending, every result of one type by stream or
//! concurrent fetch, and both quota modes.

use futures_util::TryStreamExt;
use spotify_emulator::{Emulator, QuotaMode, catalog_ids};
use spotify_web_api::api::search::{SearchQuery, SearchType};
use spotify_web_api::model::{Artist, SimplifiedAlbum, Track};
use spotify_web_api::{ArgumentProblem, Error, QuotaMode as ClientMode};

use crate::support::{self, SURFIN_BIRD};

pub(crate) const CALLS: &[(&str, crate::coverage::Call)] = calls! {
    "search" => |api| api.search("golden");
};

fn ids<'a>(tracks: impl IntoIterator<Item = &'a Track>) -> Vec<String> {
    tracks
        .into_iter()
        .map(|t| t.id.as_ref().map(ToString::to_string).unwrap_or_default())
        .collect()
}

#[tokio::test]
async fn the_seed_track_is_found_by_its_words_and_by_field_filters() {
    let emu = support::extended_emulator().await;
    let api = support::app_client(&emu);
    let seed = api.get_track(SURFIN_BIRD).await.unwrap();
    let year = seed.album.release_date[..4].parse::<u16>().unwrap();
    let isrc = seed.external_ids.isrc.clone().unwrap();
    for query in [
        SearchQuery::new("surfin bird"),
        SearchQuery::new("SURFIN' BIRD"),
        SearchQuery::new("bird").artist("The Trashmen"),
        SearchQuery::new("").track("Surfin' Bird").year(year),
        SearchQuery::new("surfin").years(year - 2..=year + 2),
        SearchQuery::new("").isrc(&isrc),
        SearchQuery::new("").album(&seed.album.name).track("bird"),
    ] {
        let results = api
            .search(query.clone())
            .types([SearchType::Track])
            .await
            .unwrap();
        let tracks = results.tracks.expect("a page of tracks");
        assert_eq!(ids(&tracks)[0], SURFIN_BIRD, "{query}");
        assert_eq!(tracks.items[0].name, "Surfin' Bird");
        assert_eq!(tracks.items[0].artists[0].name, "The Trashmen");
    }
    for query in [
        SearchQuery::new("surfin bird").artist("ABBA"),
        SearchQuery::new("surfin bird").year(year + 1),
        SearchQuery::new("surfin bird nosuchword"),
    ] {
        let tracks = api
            .search(query.clone())
            .types([SearchType::Track])
            .await
            .unwrap()
            .tracks
            .unwrap();
        assert!(!ids(&tracks).contains(&SURFIN_BIRD.to_owned()), "{query}");
    }
}

#[tokio::test]
async fn each_requested_type_gets_a_page_and_the_others_none() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let results = api
        .search("golden")
        .types([SearchType::Album, SearchType::Artist])
        .limit(3)
        .await
        .unwrap();
    let albums = results.albums.expect("albums asked for");
    assert!(results.artists.is_some());
    assert!(results.tracks.is_none() && results.playlists.is_none() && results.shows.is_none());
    assert_eq!(albums.limit, 3);
    assert!(albums.total > 3, "several pages of golden albums");
    for album in &albums {
        assert!(
            album.name.to_lowercase().contains("golden"),
            "{}",
            album.name
        );
    }
    // By default every type is searched, five results each (Spotify's default since 2026-02).
    let every = api.search("golden").await.unwrap();
    let pages = [
        every.albums.map(|p| p.limit),
        every.artists.map(|p| p.limit),
        every.playlists.map(|p| p.limit),
        every.tracks.map(|p| p.limit),
        every.shows.map(|p| p.limit),
        every.episodes.map(|p| p.limit),
        every.audiobooks.map(|p| p.limit),
    ];
    assert_eq!(pages, [Some(5); 7]);
}

/// The argument error of a call that must not have been sent.
fn refused<T>(result: spotify_web_api::Result<T>) -> (&'static str, ArgumentProblem) {
    match result {
        Err(Error::InvalidArgument { name, problem }) => (name, problem),
        Ok(_) => panic!("sent"),
        Err(other) => panic!("{other}"),
    }
}

#[tokio::test]
async fn limits_and_offsets_out_of_bounds_are_refused_before_sending() {
    let emu = Emulator::start().await;
    let api = support::warm_client(&emu).await;
    emu.clear_requests();
    let range = |value, min, max| ArgumentProblem::OutOfRange { value, min, max };
    assert_eq!(
        refused(api.search("bird").limit(11).await),
        ("limit", range(11, 1, 10))
    );
    assert_eq!(
        refused(api.search("bird").offset(1001).await),
        ("offset", range(1001, 0, 1000))
    );
    let stream: spotify_web_api::Result<Vec<Track>> = api
        .search("bird")
        .limit(50)
        .stream::<Track>()
        .try_collect()
        .await;
    assert_eq!(refused(stream), ("limit", range(50, 1, 10)));
    assert_eq!(
        refused(api.search("bird").offset(2000).fetch_all::<Track>().await),
        ("offset", range(2000, 0, 1000))
    );
    assert_eq!(
        refused(api.search(" ").await),
        ("q", ArgumentProblem::Empty)
    );
    assert!(emu.requests().is_empty(), "{:?}", emu.requests());
    // The bounds themselves are accepted.
    let last = api
        .search("year:1000-3000")
        .types([SearchType::Track])
        .limit(10)
        .offset(1000)
        .await
        .unwrap()
        .tracks
        .unwrap();
    assert_eq!((last.offset, last.items.len()), (1000, 10));
    assert!(
        last.next.is_none(),
        "Spotify serves nothing past offset 1000"
    );
}

#[tokio::test]
async fn streaming_every_result_equals_fetching_them_all() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    let first = api
        .search("river")
        .types([SearchType::Track])
        .await
        .unwrap()
        .tracks
        .unwrap();
    let total = first.total as usize;
    assert!(total > 25, "several pages of ten: {total}");
    let streamed: Vec<Track> = api
        .search("river")
        .stream::<Track>()
        .try_collect()
        .await
        .unwrap();
    let fetched = api.search("river").fetch_all::<Track>().await.unwrap();
    assert_eq!(streamed.len(), total);
    assert_eq!(ids(&streamed), ids(&fetched));
    assert_eq!(streamed, fetched);
    // Pages of three, and a start past the first page.
    let small: Vec<Track> = api
        .search("river")
        .limit(3)
        .offset(4)
        .stream::<Track>()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&small), ids(&streamed[4..]));
    let small_all = api
        .search("river")
        .limit(3)
        .offset(4)
        .fetch_all::<Track>()
        .await
        .unwrap();
    assert_eq!(small, small_all);
    // The pages of `.await` follow one another with `next_page`, in the same order.
    let second = api.next_page(&first).await.unwrap().expect("a second page");
    assert_eq!(ids(first.iter().chain(&second)), ids(&streamed[..10]));
    assert_eq!(second.offset, 5);
    // Other item types too.
    let albums: Vec<SimplifiedAlbum> = api
        .search("golden")
        .stream::<SimplifiedAlbum>()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        albums,
        api.search("golden")
            .fetch_all::<SimplifiedAlbum>()
            .await
            .unwrap()
    );
    assert!(
        albums
            .iter()
            .all(|a| a.name.to_lowercase().contains("golden"))
    );
    let artists: Vec<Artist> = api
        .search("anna")
        .stream::<Artist>()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        artists,
        api.search("anna").fetch_all::<Artist>().await.unwrap()
    );
}

#[tokio::test]
async fn every_result_stops_at_the_offset_cap() {
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    // A filter alone matches every track: more than Spotify lets anyone page through.
    let query = SearchQuery::new("").years(1000..=3000);
    let first = api
        .search(query.clone())
        .types([SearchType::Track])
        .await
        .unwrap()
        .tracks
        .unwrap();
    assert!(first.total > 1010);
    let fetched = api
        .search(query.clone())
        .fetch_all::<Track>()
        .await
        .unwrap();
    assert_eq!(fetched.len(), 1010, "offsets 0..=1000, ten per page");
    let streamed: Vec<Track> = api
        .search(query)
        .stream::<Track>()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&streamed), ids(&fetched));
}

#[tokio::test]
async fn a_market_leaves_out_what_cannot_be_played_there() {
    let emu = support::extended_emulator().await;
    let api = support::app_client(&emu);
    let unavailable = api.get_track(catalog_ids::UNAVAILABLE_TRACK).await.unwrap();
    let everywhere = api
        .search(unavailable.name.as_str())
        .fetch_all::<Track>()
        .await
        .unwrap();
    assert!(ids(&everywhere).contains(&catalog_ids::UNAVAILABLE_TRACK.to_owned()));
    let there = api
        .search(unavailable.name.as_str())
        .market(catalog_ids::RELINK_MARKET)
        .fetch_all::<Track>()
        .await
        .unwrap();
    assert!(!ids(&there).contains(&catalog_ids::UNAVAILABLE_TRACK.to_owned()));
    assert!(there.iter().all(|t| t.is_playable == Some(true)));
}

#[tokio::test]
async fn both_quota_modes_search_without_learning_anything() {
    for mode in [QuotaMode::Development, QuotaMode::Extended] {
        let emu = Emulator::builder().quota_mode(mode).start().await.unwrap();
        let api = support::app_client(&emu);
        let tracks = api
            .search("surfin bird")
            .types([SearchType::Track])
            .await
            .unwrap()
            .tracks
            .unwrap();
        assert_eq!(ids(&tracks)[0], SURFIN_BIRD, "{mode:?}");
        assert_eq!(
            tracks.items[0].popularity.is_some(),
            mode == QuotaMode::Extended
        );
        assert_eq!(
            api.quota_mode(),
            ClientMode::Auto,
            "search is not a removed endpoint"
        );
    }
}

#[tokio::test]
async fn diacritics_and_case_do_not_matter() {
    const BEYONCE: &str = "6vWDO969PvNqNYHIOW5v0m";
    let emu = Emulator::start().await;
    let api = support::app_client(&emu);
    for q in ["beyonce", "BEYONCÉ", "Beyonce\u{301}"] {
        let artists = api
            .search(q)
            .types([SearchType::Artist])
            .await
            .unwrap()
            .artists
            .unwrap();
        assert_eq!(artists.items[0].id.to_string(), BEYONCE, "{q}");
        assert_eq!(artists.items[0].name, "Beyoncé");
    }
    // Her tracks, by the artist filter without the accent.
    let tracks = api
        .search(SearchQuery::new("").artist("beyonce"))
        .fetch_all::<Track>()
        .await
        .unwrap();
    assert!(!tracks.is_empty());
    assert!(
        tracks
            .iter()
            .all(|t| t.artists.iter().any(|a| a.name == "Beyoncé"))
    );
}
