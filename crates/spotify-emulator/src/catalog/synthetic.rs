//! The synthetic part of the catalogue: deterministic, seeded, at any scale.
//!
//! Two parts:
//! - the **showcase**: the entities named in [`catalog_ids`](crate::catalog_ids) (an album with 30
//!   tracks, an artist with 25 albums, a show with 60 episodes, relinked tracks…). Their ids and
//!   contents never depend on the seed or the scale, so tests can name them;
//! - the **bulk**: `tracks` tracks on albums of artists, with shows, audiobooks, playlists and
//!   categories in proportion, drawn from a SplitMix64 generator seeded with `seed` (same seed and
//!   sizes, same catalogue). Names are made of real words ([`super::words`]), so a search by
//!   word finds them; about 15% of tracks are restricted to some markets, and 1% of those have an
//!   equivalent track on a regional edition that relinking serves where they are not available.

use std::sync::Arc;

use super::Catalog;
use super::complete::{derived_copyrights, derived_isrc, derived_upc, html_of, pick};
use super::ids;
use super::markets::{MARKETS, MarketSet};
use super::model::{
    Album, AlbumType, Artist, Audiobook, Category, Chapter, Episode, ExternalIds, Id, IdSet, Image,
    ItemRef, Playlist, PlaylistItem, Precision, PublicUser, ReleaseDate, Show, Track, format_date,
};
use super::words::{
    ADJECTIVES, CATEGORY_NAMES, FIRST_NAMES, GENRES, LABELS, LAST_NAMES, NOUNS, PUBLISHERS, concat,
    push_decimal,
};
use crate::config::DEFAULT_USER_ID;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Synthetic {
    pub(super) seed: u64,
    pub(super) tracks: usize,
    pub(super) large_playlist_items: usize,
}

/// SplitMix64: small, fast and stable across platforms and crate versions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        crate::rng::next(&mut self.0)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn word<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    /// A fresh id that `taken` does not know.
    fn id(&mut self, taken: impl Fn(Id) -> bool) -> Id {
        loop {
            let id = Id::from_draws(|| self.next());
            if !taken(id) {
                return id;
            }
        }
    }
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn id(text: &str) -> Id {
    Id::parse(text).unwrap_or_else(|| Id::derived(text))
}

/// `n` in decimal, as a piece of [`concat`].
fn number(n: usize) -> String {
    let mut text = String::with_capacity(20);
    push_decimal(&mut text, u64::try_from(n).unwrap_or(u64::MAX), 1);
    text
}

/// The first `sizes` of three cover sizes (largest first), as Spotify sends them, at URLs
/// derived from the id: `https://i.scdn.co/image/ab67616d0000{size}` and 24 hex digits (the
/// id's hash, then a pick below 2^32). The digits are worked out once for the three and written
/// by hand: a `format!` per URL was a tenth of the generator's time. Artists and playlists
/// have one image: only that one is made.
fn cover(id: Id, sizes: usize) -> Vec<Image> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut digits = String::with_capacity(24);
    for (value, count) in [(id.hash(), 16), (pick(id, 20, 1 << 32), 8)] {
        for shift in (0..count).rev() {
            digits.push(char::from(HEX[((value >> (shift * 4)) & 0xf) as usize]));
        }
    }
    [("b273", 640), ("1e02", 300), ("4851", 64)]
        .iter()
        .take(sizes)
        .map(|(size, px)| {
            let mut url = String::with_capacity(64);
            url.push_str("https://i.scdn.co/image/ab67616d0000");
            url.push_str(size);
            url.push_str(&digits);
            Image {
                url,
                height: Some(*px),
                width: Some(*px),
            }
        })
        .collect()
}

fn date(days: i64, precision: Precision) -> ReleaseDate {
    let mut date = format_date(days);
    // Cut to the year or month in place, not copied into a second string.
    match precision {
        Precision::Year => date.truncate(4),
        Precision::Month => date.truncate(7),
        Precision::Day => {}
    }
    ReleaseDate { date, precision }
}

/// A random release date between 1960 and 2025, mostly to the day.
fn random_date(rng: &mut Rng) -> ReleaseDate {
    let days = -3653 + i64::try_from(rng.below(66 * 365)).unwrap_or(0);
    let precision = match rng.below(20) {
        0 => Precision::Month,
        1..=3 => Precision::Year,
        _ => Precision::Day,
    };
    date(days, precision)
}

/// Every market except a random band of about 20.
fn restricted_markets(rng: &mut Rng) -> MarketSet {
    let mut set = MarketSet::all();
    let start = rng.below(MARKETS.len());
    for code in MARKETS.iter().cycle().skip(start).take(20) {
        set.remove(code);
    }
    set
}

/// Adds entities to a catalogue; ids are checked against everything already there.
struct Maker<'c> {
    catalog: &'c mut Catalog,
    /// Every id of the catalogue's tracks, albums, artists, shows, episodes, audiobooks,
    /// chapters and playlists: one look-up per fresh id instead of one per map.
    taken: IdSet,
}

impl<'c> Maker<'c> {
    fn new(catalog: &'c mut Catalog) -> Self {
        let taken = Self::taken(catalog);
        Self { catalog, taken }
    }

    /// Every entity id of `c`.
    fn taken(c: &Catalog) -> IdSet {
        entity_ids(c).copied().collect()
    }

    fn fresh(&self, rng: &mut Rng) -> Id {
        rng.id(|id| self.taken.contains(&id))
    }

    fn artist(&mut self, id: Id, name: String, rng: &mut Rng) -> Id {
        let genres = vec![rng.word(GENRES).to_owned()];
        self.taken.insert(id);
        self.catalog.artists.insert(
            id,
            Artist {
                id,
                name,
                genres,
                images: cover(id, 1),
                followers: u64::try_from(rng.below(5_000_000)).unwrap_or(0),
                popularity: u32_of(rng.below(100)),
                albums: Vec::new(),
            },
        );
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn album(
        &mut self,
        id: Id,
        name: String,
        album_type: AlbumType,
        artists: Vec<Id>,
        release_date: &ReleaseDate,
        markets: MarketSet,
        rng: &mut Rng,
    ) -> Id {
        let label = rng.word(LABELS).to_owned();
        let copyrights = derived_copyrights(&release_date.date[..4], &label);
        self.taken.insert(id);
        self.catalog.albums.insert(
            id,
            Album {
                id,
                name,
                album_type,
                artists,
                tracks: Vec::new(),
                images: cover(id, 3),
                copyrights,
                release_date: release_date.clone(),
                label,
                external_ids: ExternalIds {
                    upc: Some(derived_upc(id)),
                    ..ExternalIds::default()
                },
                genres: Vec::new(),
                popularity: u32_of(rng.below(100)),
                markets,
            },
        );
        id
    }

    /// A track of `album`, which was `released` then: the ISRC has the year. The caller has
    /// the date at hand; looking the album up for it was 2% of the generator.
    #[allow(clippy::too_many_arguments)]
    fn track(
        &mut self,
        id: Id,
        name: String,
        album: Id,
        released: &ReleaseDate,
        artists: Vec<Id>,
        number: usize,
        markets: MarketSet,
        rng: &mut Rng,
    ) -> Id {
        let isrc = derived_isrc(id, &released.date[..4]);
        self.taken.insert(id);
        self.catalog.tracks.insert(
            id,
            Track {
                id,
                name,
                album,
                artists,
                disc_number: 1,
                track_number: u32_of(number),
                duration_ms: u32_of(rng.range(95_000, 420_000)),
                explicit: rng.chance(10),
                external_ids: ExternalIds {
                    isrc: Some(isrc),
                    ..ExternalIds::default()
                },
                popularity: u32_of(rng.below(100)),
                preview_url: None,
                markets,
                relinks: Vec::new(),
            },
        );
        id
    }

    fn show(&mut self, id: Id, name: String, episodes: usize, rng: &mut Rng) -> Id {
        let description = concat(&[
            &name,
            ": conversations about the ",
            &rng.word(NOUNS).to_lowercase(),
            " and the ",
            &rng.word(NOUNS).to_lowercase(),
            ".",
        ]);
        // The show's cover is every episode's.
        let images = cover(id, 3);
        self.taken.insert(id);
        self.catalog.shows.insert(
            id,
            Show {
                id,
                name: name.clone(),
                publisher: rng.word(PUBLISHERS).to_owned(),
                html_description: html_of(&description),
                description,
                explicit: false,
                images: images.clone(),
                languages: vec!["en".to_owned()],
                media_type: "audio".to_owned(),
                is_externally_hosted: false,
                copyrights: Vec::new(),
                markets: MarketSet::all(),
                episodes: Vec::new(),
            },
        );
        let newest = 19_000 + i64::try_from(rng.below(1500)).unwrap_or(0);
        for n in 0..episodes {
            let episode = self.fresh(rng);
            let title = concat(&[
                "Episode ",
                &number(episodes - n),
                ": ",
                rng.word(ADJECTIVES),
                " ",
                rng.word(NOUNS),
            ]);
            let description = concat(&[&title, ". From ", &name, "."]);
            self.taken.insert(episode);
            self.catalog.episodes.insert(
                episode,
                Episode {
                    id: episode,
                    show: id,
                    name: title,
                    html_description: html_of(&description),
                    description,
                    duration_ms: u32_of(rng.range(900_000, 4_200_000)),
                    explicit: false,
                    images: images.clone(),
                    languages: vec!["en".to_owned()],
                    language: Some("en".to_owned()),
                    release_date: date(newest - i64::try_from(n * 7).unwrap_or(0), Precision::Day),
                    audio_preview_url: None,
                    is_externally_hosted: false,
                    markets: MarketSet::all(),
                },
            );
        }
        id
    }

    fn audiobook(&mut self, id: Id, name: String, chapters: usize, rng: &mut Rng) -> Id {
        let author = concat(&[rng.word(FIRST_NAMES), " ", rng.word(LAST_NAMES)]);
        let narrator = concat(&[rng.word(FIRST_NAMES), " ", rng.word(LAST_NAMES)]);
        let description = concat(&[
            "Author(s): ",
            &author,
            "\nNarrator(s): ",
            &narrator,
            "\n\nA story of the ",
            &rng.word(NOUNS).to_lowercase(),
            " and the ",
            &rng.word(NOUNS).to_lowercase(),
            ".",
        ]);
        // The book's cover, markets and release date are every chapter's.
        let images = cover(id, 3);
        let markets = MarketSet::audiobooks();
        let released = date(18_500, Precision::Day);
        let publisher = rng.word(PUBLISHERS).to_owned();
        self.taken.insert(id);
        self.catalog.audiobooks.insert(
            id,
            Audiobook {
                id,
                name,
                authors: vec![author],
                narrators: vec![narrator],
                copyrights: derived_copyrights("2020", &publisher),
                publisher,
                html_description: html_of(&description),
                description,
                edition: Some("Unabridged".to_owned()),
                explicit: false,
                images: images.clone(),
                languages: vec!["English".to_owned()],
                media_type: "audio".to_owned(),
                markets,
                chapters: Vec::new(),
            },
        );
        for n in 0..chapters {
            let chapter = self.fresh(rng);
            let title = concat(&[
                "Chapter ",
                &number(n + 1),
                ": The ",
                rng.word(ADJECTIVES),
                " ",
                rng.word(NOUNS),
            ]);
            self.taken.insert(chapter);
            self.catalog.chapters.insert(
                chapter,
                Chapter {
                    id: chapter,
                    audiobook: id,
                    chapter_number: u32_of(n),
                    html_description: html_of(&title),
                    description: title.clone(),
                    name: title,
                    duration_ms: u32_of(rng.range(300_000, 2_400_000)),
                    explicit: false,
                    images: images.clone(),
                    languages: vec!["English".to_owned()],
                    release_date: released.clone(),
                    audio_preview_url: None,
                    markets,
                },
            );
        }
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn playlist(
        &mut self,
        id: Id,
        name: String,
        owner: &str,
        items: impl IntoIterator<Item = ItemRef>,
        collaborators: Vec<String>,
        public: bool,
        rng: &mut Rng,
    ) -> Id {
        let start = 1_500_000_000 + i64::try_from(rng.below(200_000_000)).unwrap_or(0);
        let items = items
            .into_iter()
            .enumerate()
            .map(|(n, item)| PlaylistItem {
                item,
                added_at: Some(start + i64::try_from(n).unwrap_or(0) * 3_600),
                added_by: Some(owner.to_owned()),
            })
            .collect::<Vec<_>>();
        let description = concat(&[
            "The ",
            &rng.word(ADJECTIVES).to_lowercase(),
            " ",
            &rng.word(NOUNS).to_lowercase(),
            " of the ",
            &rng.word(NOUNS).to_lowercase(),
            ".",
        ]);
        self.taken.insert(id);
        self.catalog.playlists.insert(
            id,
            Arc::new(Playlist {
                id,
                name,
                description: Some(description),
                owner: owner.to_owned(),
                collaborative: !collaborators.is_empty(),
                collaborators,
                public: Some(public),
                images: cover(id, 1),
                followers: u64::try_from(rng.below(100_000)).unwrap_or(0),
                snapshot_id: super::snapshot_id(id, items.len()),
                items,
            }),
        );
        id
    }

    fn user(&mut self, id: &str, name: &str) {
        self.catalog
            .users
            .entry(id.to_owned())
            .or_insert_with(|| PublicUser {
                id: id.to_owned(),
                display_name: Some(name.to_owned()),
                images: Vec::new(),
                followers: 0,
            });
    }

    fn category(&mut self, id: &str, name: &str, playlists: &[Id]) {
        let index = match self.catalog.categories.iter().position(|c| c.id == id) {
            Some(index) => index,
            None => {
                self.catalog.categories.push(Category {
                    id: id.to_owned(),
                    name: name.to_owned(),
                    icons: vec![Image {
                        url: format!("https://t.scdn.co/images/{id}.jpg"),
                        height: Some(274),
                        width: Some(274),
                    }],
                    playlists: Vec::new(),
                });
                self.catalog.categories.len() - 1
            }
        };
        let category = &mut self.catalog.categories[index];
        for playlist in playlists {
            if !category.playlists.contains(playlist) {
                category.playlists.push(*playlist);
            }
        }
    }
}

fn song_name(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => concat(&[rng.word(ADJECTIVES), " ", rng.word(NOUNS)]),
        1 => concat(&[rng.word(NOUNS), " of the ", rng.word(NOUNS)]),
        _ => concat(&["The ", rng.word(ADJECTIVES), " ", rng.word(NOUNS)]),
    }
}

fn artist_name(rng: &mut Rng) -> String {
    match rng.below(2) {
        0 => concat(&[rng.word(FIRST_NAMES), " ", rng.word(LAST_NAMES)]),
        _ => concat(&["The ", rng.word(ADJECTIVES), " ", rng.word(NOUNS), "s"]),
    }
}

/// An album's name: `{adjective} {noun}s`.
fn album_name(rng: &mut Rng) -> String {
    concat(&[rng.word(ADJECTIVES), " ", rng.word(NOUNS), "s"])
}

/// Generates the showcase and then the bulk into `catalog`.
pub(super) fn generate(catalog: &mut Catalog, config: &Synthetic) {
    let mut maker = Maker::new(catalog);
    // About as many ids as the part takes: the showcase's 400, and per bulk track the track
    // and a share of an album, an artist and the rest. Grown once, not a dozen times.
    maker.taken.reserve(
        config
            .tracks
            .saturating_add(config.tracks / 4)
            .saturating_add(400),
    );
    showcase(&mut maker, config.large_playlist_items);
    bulk(&mut maker, config);
}

/// The ids of every entity of `c`, of every kind.
fn entity_ids(c: &Catalog) -> impl Iterator<Item = &Id> {
    (c.tracks.keys())
        .chain(c.albums.keys())
        .chain(c.artists.keys())
        .chain(c.shows.keys())
        .chain(c.episodes.keys())
        .chain(c.audiobooks.keys())
        .chain(c.chapters.keys())
        .chain(c.playlists.keys())
}

/// The entities of [`ids`], the same for every seed.
fn showcase(m: &mut Maker<'_>, large_playlist_items: usize) {
    let rng = &mut Rng(0x5EED_CA5E);
    let all = MarketSet::all();
    let main = m.artist(
        id(ids::ARTIST_25_ALBUMS),
        "Anna Lind and the Golden Rivers".to_owned(),
        rng,
    );
    let featured = m.artist(id(ids::ARTIST_FEATURED), "Erik Holm".to_owned(), rng);
    let mut pool: Vec<Id> = Vec::new();
    // 20 albums of their own, the first of which has 30 tracks.
    for n in 0..20 {
        let album_id = if n == 0 {
            id(ids::ALBUM_30_TRACKS)
        } else {
            Id::derived(&concat(&["showcase:album:", &number(n)]))
        };
        let (album_type, count) = match n {
            0 => (AlbumType::Album, 30),
            n if n % 4 == 1 => (AlbumType::Single, 2),
            n if n % 4 == 2 => (AlbumType::Compilation, 14),
            _ => (AlbumType::Album, 10),
        };
        let name = if n == 0 {
            "Thirty Golden Rivers".to_owned()
        } else {
            album_name(rng)
        };
        let released = date(19_800 - i64::from(u32_of(n)) * 200, Precision::Day);
        m.album(album_id, name, album_type, vec![main], &released, all, rng);
        for t in 1..=count {
            let track = Id::derived(&concat(&[
                "showcase:album:",
                &number(n),
                ":track:",
                &number(t),
            ]));
            let name = song_name(rng);
            pool.push(m.track(track, name, album_id, &released, vec![main], t, all, rng));
        }
    }
    // 5 albums of the featured artist, each with one track featuring the main artist.
    for n in 0..5 {
        let album_id = Id::derived(&concat(&["showcase:featured:", &number(n)]));
        let name = concat(&[rng.word(ADJECTIVES), " ", rng.word(NOUNS)]);
        let released = date(18_000 + i64::from(u32_of(n)) * 90, Precision::Day);
        m.album(
            album_id,
            name,
            AlbumType::Album,
            vec![featured],
            &released,
            all,
            rng,
        );
        for t in 1..=4 {
            let artists = if t == 2 {
                vec![featured, main]
            } else {
                vec![featured]
            };
            let track = Id::derived(&concat(&[
                "showcase:featured:",
                &number(n),
                ":track:",
                &number(t),
            ]));
            let name = song_name(rng);
            pool.push(m.track(track, name, album_id, &released, artists, t, all, rng));
        }
    }
    // Relinking: one album for the restricted tracks, a regional edition for the stand-in.
    let relink_artist = m.artist(
        Id::derived("showcase:relink-artist"),
        "Maya Strand".to_owned(),
        rng,
    );
    let mut not_there = all;
    not_there.remove(ids::RELINK_MARKET);
    let only_there = MarketSet::from_codes([ids::RELINK_MARKET]);
    let released = date(17_000, Precision::Day);
    let home = m.album(
        Id::derived("showcase:relink-album"),
        "Borders".to_owned(),
        AlbumType::Album,
        vec![relink_artist],
        &released,
        not_there,
        rng,
    );
    let regional = m.album(
        Id::derived("showcase:relink-regional"),
        "Borders (Regional Edition)".to_owned(),
        AlbumType::Album,
        vec![relink_artist],
        &released,
        only_there,
        rng,
    );
    m.track(
        id(ids::RELINKED_TRACK),
        "Crossing Over".to_owned(),
        home,
        &released,
        vec![relink_artist],
        1,
        not_there,
        rng,
    );
    m.track(
        id(ids::UNAVAILABLE_TRACK),
        "Nowhere Near".to_owned(),
        home,
        &released,
        vec![relink_artist],
        2,
        not_there,
        rng,
    );
    m.track(
        id(ids::RELINKED_TRACK_TARGET),
        "Crossing Over".to_owned(),
        regional,
        &released,
        vec![relink_artist],
        1,
        only_there,
        rng,
    );
    if let Some(track) = m.catalog.tracks.get_mut(&id(ids::RELINKED_TRACK)) {
        track.relinks.push(id(ids::RELINKED_TRACK_TARGET));
    }

    let show = m.show(
        id(ids::SHOW_60_EPISODES),
        "The Loopback Hour".to_owned(),
        60,
        rng,
    );
    m.audiobook(
        id(ids::AUDIOBOOK_40_CHAPTERS),
        "The Forty Lanterns".to_owned(),
        40,
        rng,
    );
    let episodes: Vec<Id> = m.catalog.shows[&show].episodes.clone();
    let episodes: Vec<Id> = if episodes.is_empty() {
        m.catalog
            .episodes
            .values()
            .filter(|e| e.show == show)
            .map(|e| e.id)
            .collect()
    } else {
        episodes
    };

    m.user(DEFAULT_USER_ID, "Emulator User");
    m.user(ids::CURATOR_USER_ID, "Emulator Curator");
    // Every tenth item an episode and every fiftieth a local file, as real playlists mix them.
    // Made as the playlist takes them (they draw nothing), not gathered in a list first.
    let (pool, episodes) = (&pool, &episodes);
    let items = |count: usize, with_episodes: bool| {
        (0..count).map(move |n| {
            if with_episodes && n % 50 == 24 {
                ItemRef::Local(u32::try_from(n / 50).unwrap_or(0))
            } else if with_episodes && n % 10 == 9 && !episodes.is_empty() {
                ItemRef::Episode(episodes[n / 10 % episodes.len()])
            } else {
                ItemRef::Track(pool[n * 7 % pool.len()])
            }
        })
    };
    m.playlist(
        id(ids::PLAYLIST_250_ITEMS),
        "Two Hundred Fifty".to_owned(),
        DEFAULT_USER_ID,
        items(250, true),
        Vec::new(),
        true,
        rng,
    );
    m.playlist(
        id(ids::LARGE_PLAYLIST),
        "The Long Road".to_owned(),
        DEFAULT_USER_ID,
        items(large_playlist_items, true),
        Vec::new(),
        false,
        rng,
    );
    m.playlist(
        id(ids::FOREIGN_PLAYLIST),
        "Curated Rivers".to_owned(),
        ids::CURATOR_USER_ID,
        items(30, false),
        Vec::new(),
        true,
        rng,
    );
    m.playlist(
        id(ids::COLLABORATIVE_PLAYLIST),
        "Shared Lanterns".to_owned(),
        ids::CURATOR_USER_ID,
        items(25, false),
        vec![DEFAULT_USER_ID.to_owned()],
        false,
        rng,
    );
    let mut mix = Vec::new();
    for n in 0..30 {
        let playlist = Id::derived(&concat(&["showcase:mix:", &number(n)]));
        let name = concat(&[rng.word(ADJECTIVES), " ", rng.word(NOUNS), " Mix"]);
        let tracks = (0..20).map(|k| ItemRef::Track(pool[(n * 31 + k * 3) % pool.len()]));
        mix.push(m.playlist(playlist, name, "spotify", tracks, Vec::new(), true, rng));
    }
    m.user("spotify", "Spotify");
    m.category(ids::CATEGORY_30_PLAYLISTS, "Emulator Mix", &mix);
    m.catalog.featured.extend(mix.iter().take(12));
}

/// `config.tracks` tracks and everything around them, from `config.seed`.
fn bulk(m: &mut Maker<'_>, config: &Synthetic) {
    let rng = &mut Rng(config.seed);
    if config.tracks == 0 {
        return;
    }
    let artist_count = (config.tracks / 25).max(8);
    let artists: Vec<Id> = (0..artist_count)
        .map(|_| {
            let artist = m.fresh(rng);
            let name = artist_name(rng);
            m.artist(artist, name, rng)
        })
        .collect();
    let mut tracks: Vec<Id> = Vec::with_capacity(config.tracks);
    while tracks.len() < config.tracks {
        let main = artists[rng.below(artists.len())];
        let (album_type, count) = match rng.below(10) {
            0..=6 => (AlbumType::Album, rng.range(8, 16)),
            7 | 8 => (AlbumType::Single, rng.range(1, 3)),
            _ => (AlbumType::Compilation, rng.range(10, 20)),
        };
        let count = count.min(config.tracks - tracks.len());
        let album_markets = if rng.chance(15) {
            restricted_markets(rng)
        } else {
            MarketSet::all()
        };
        let album = m.fresh(rng);
        let name = match album_type {
            AlbumType::Single => song_name(rng),
            _ => album_name(rng),
        };
        let released = random_date(rng);
        m.album(
            album,
            name,
            album_type,
            vec![main],
            &released,
            album_markets,
            rng,
        );
        for number in 1..=count {
            let mut artists_of_track = vec![main];
            if rng.chance(15) {
                let guest = artists[rng.below(artists.len())];
                if guest != main {
                    artists_of_track.push(guest);
                }
            }
            let track = m.fresh(rng);
            let name = song_name(rng);
            tracks.push(m.track(
                track,
                name,
                album,
                &released,
                artists_of_track,
                number,
                album_markets,
                rng,
            ));
            // Relinking: a restricted track with a stand-in where it is missing. The stand-in
            // and its album copy the track's name and artists: read back here, for the few
            // relinked, rather than cloned for every track.
            if album_markets != MarketSet::all() && rng.chance(7) {
                let original = &m.catalog.tracks[&track];
                let (name, artists_of_track) = (original.name.clone(), original.artists.clone());
                let regional = m.fresh(rng);
                let elsewhere = album_markets.complement();
                m.album(
                    regional,
                    concat(&[&name, " (Regional Edition)"]),
                    AlbumType::Single,
                    vec![main],
                    &released,
                    elsewhere,
                    rng,
                );
                let stand_in = m.fresh(rng);
                m.track(
                    stand_in,
                    name,
                    regional,
                    &released,
                    artists_of_track,
                    1,
                    elsewhere,
                    rng,
                );
                if let Some(t) = m.catalog.tracks.get_mut(&track) {
                    t.relinks.push(stand_in);
                }
            }
        }
    }
    for n in 0..(config.tracks / 500).max(3) {
        let show = m.fresh(rng);
        let name = concat(&[
            ["The", "Our", "Every"][n % 3],
            " ",
            rng.word(NOUNS),
            " ",
            ["Hour", "Show", "Podcast", "Stories"][rng.below(4)],
        ]);
        let count = rng.range(5, 25);
        m.show(show, name, count, rng);
    }
    for _ in 0..(config.tracks / 1000).max(2) {
        let book = m.fresh(rng);
        let name = concat(&["The ", rng.word(ADJECTIVES), " ", rng.word(NOUNS)]);
        let count = rng.range(5, 20);
        m.audiobook(book, name, count, rng);
    }
    let owners = ["spotify", ids::CURATOR_USER_ID, DEFAULT_USER_ID];
    let mut playlists = Vec::new();
    for _ in 0..(config.tracks / 100).max(10) {
        let playlist = m.fresh(rng);
        let name = concat(&[rng.word(ADJECTIVES), " ", rng.word(NOUNS)]);
        let count = rng.range(10, 60);
        // Drawn here, before the owner and what the playlist draws.
        let items: Vec<ItemRef> = (0..count)
            .map(|_| ItemRef::Track(tracks[rng.below(tracks.len())]))
            .collect();
        let owner = owners[rng.below(owners.len())];
        playlists.push(m.playlist(playlist, name, owner, items, Vec::new(), true, rng));
    }
    for name in CATEGORY_NAMES {
        let chosen: Vec<Id> = (0..20)
            .map(|_| playlists[rng.below(playlists.len())])
            .collect();
        m.category(&name.to_lowercase(), name, &chosen);
    }
    m.catalog.featured.extend(playlists.iter().take(10));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_stable() {
        let mut rng = Rng(1);
        let first: Vec<u64> = (0..3).map(|_| rng.next()).collect();
        assert_eq!(
            first,
            [
                Rng(1).next(),
                {
                    let mut r = Rng(1);
                    r.next();
                    r.next()
                },
                {
                    let mut r = Rng(1);
                    r.next();
                    r.next();
                    r.next()
                }
            ]
        );
        assert!((0..1000).all(|_| rng.range(3, 5) <= 5));
    }

    #[test]
    fn showcase_ids_are_base62() {
        for text in [
            ids::ALBUM_30_TRACKS,
            ids::ARTIST_25_ALBUMS,
            ids::ARTIST_FEATURED,
            ids::SHOW_60_EPISODES,
            ids::AUDIOBOOK_40_CHAPTERS,
            ids::PLAYLIST_250_ITEMS,
            ids::LARGE_PLAYLIST,
            ids::FOREIGN_PLAYLIST,
            ids::COLLABORATIVE_PLAYLIST,
            ids::RELINKED_TRACK,
            ids::RELINKED_TRACK_TARGET,
            ids::UNAVAILABLE_TRACK,
            ids::SEED_TRACK,
        ] {
            assert!(Id::parse(text).is_some(), "{text}");
        }
    }
}
