//! Filling the gaps and linking: every entity ends with every field its spec schema requires, and
//! every link resolves.
//!
//! [`fill`] turns the fixtures' partial records into full ones. A missing value is derived from a
//! hash of the id (so it never changes between runs): `is_local` is always false, an album
//! missing `release_date` gets a date, `label`, `copyrights`, `external_ids` and `popularity`
//! are made up the same way, a show gets `languages` and an `html_description` from its
//! description, and so on. A track found without any album (the recommendation tracks) gets a
//! single of its own, named after it.
//!
//! [`link`] then runs over the whole catalogue, fixtures and synthetic entities alike: album
//! track lists, artist discographies (the albums that list the artist, the `/artists/{id}/albums`
//! pages, and the albums of tracks they feature on), show episode lists and audiobook chapter
//! lists are rebuilt from the children's own links, dangling ids are dropped, and a fixture
//! playlist whose items no body holds is filled with catalogue tracks up to the `total` it
//! declared (at most 100).

use std::collections::{BTreeMap, BTreeSet};

use super::Catalog;
use super::markets::MarketSet;
use super::model::{
    Album, AlbumType, Artist, Audiobook, Chapter, Copyright, Episode, ExternalIds, Id, IdMap,
    IdSet, ItemRef, PlaylistItem, Precision, PublicUser, ReleaseDate, Show, Track, format_date,
};
use super::partial::Partials;
use super::words;

/// A deterministic number in `0..n` from an id's hash and a salt.
pub(super) fn pick(id: Id, salt: u64, n: u64) -> u64 {
    let mut x = id.hash() ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x % n.max(1)
}

fn pick_u32(id: Id, salt: u64, n: u64) -> u32 {
    u32::try_from(pick(id, salt, n)).unwrap_or(0)
}

/// A release date derived from the id: a day between 1960 and 2025.
pub(super) fn derived_date(id: Id) -> ReleaseDate {
    // 1960-01-01 is day -3653; 66 years of days after it.
    let day = -3653 + i64::try_from(pick(id, 1, 66 * 365)).unwrap_or(0);
    ReleaseDate {
        date: format_date(day),
        precision: Precision::Day,
    }
}

fn year_of(date: &ReleaseDate) -> &str {
    date.date.get(..4).unwrap_or("2000")
}

/// `(C)` and `(P)` lines for `year` and `label`.
pub(super) fn derived_copyrights(year: &str, label: &str) -> Vec<Copyright> {
    // Put together once: every synthetic album and audiobook has these, and two `format!`s
    // were most of their cost.
    let text = words::concat(&[year, " ", label]);
    vec![
        Copyright {
            text: text.clone(),
            kind: "C".to_owned(),
        },
        Copyright {
            text,
            kind: "P".to_owned(),
        },
    ]
}

/// A 12-character ISRC (`QZ` `EMU` year digits and a serial) derived from the id.
pub(super) fn derived_isrc(id: Id, year: &str) -> String {
    let yy = year.get(2..4).unwrap_or("00");
    // Without `format!`: every track has one, and it was a synthetic track's largest cost.
    let mut isrc = String::with_capacity(12);
    isrc.push_str("QZEMU");
    isrc.push_str(yy);
    words::push_decimal(&mut isrc, pick(id, 2, 100_000), 5);
    isrc
}

/// A 12-digit UPC derived from the id.
pub(super) fn derived_upc(id: Id) -> String {
    let mut upc = String::with_capacity(12);
    words::push_decimal(&mut upc, pick(id, 3, 1_000_000_000_000), 12);
    upc
}

/// `description` as the `html_description` Spotify sends (paragraph, escaped).
pub(super) fn html_of(description: &str) -> String {
    let mut out = String::with_capacity(description.len() + 7);
    out.push_str("<p>");
    for c in description.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out.push_str("</p>");
    out
}

/// Turns the fixtures' partial records into full entities in `catalog`.
pub(super) fn fill(catalog: &mut Catalog, partials: Partials) {
    let Partials {
        tracks,
        albums,
        artists,
        shows,
        episodes,
        audiobooks,
        chapters,
        ..
    } = partials;

    for (id, a) in artists {
        catalog.artists.insert(
            id,
            Artist {
                id,
                name: a.name,
                genres: a.genres,
                images: a.images,
                followers: a.followers.unwrap_or_else(|| pick(id, 4, 2_000_000)),
                popularity: a.popularity.unwrap_or_else(|| pick_u32(id, 5, 100)),
                albums: Vec::new(),
            },
        );
    }

    // Albums: markets fall back to the union of their tracks' markets.
    let mut track_markets: IdMap<MarketSet> = IdMap::default();
    let mut track_artists: IdMap<Vec<Id>> = IdMap::default();
    for track in tracks.values() {
        if let Some(album) = track.album {
            if let Some(markets) = track.markets {
                let slot = track_markets.entry(album).or_default();
                *slot = slot.union(markets);
            }
            let slot = track_artists.entry(album).or_default();
            for artist in &track.artists {
                if !slot.contains(artist) {
                    slot.push(*artist);
                }
            }
        }
    }
    let mut declared: Vec<(Id, Option<u32>)> = Vec::new();
    for (id, a) in albums {
        declared.push((id, a.total_tracks));
        let release_date = a.release_date.unwrap_or_else(|| derived_date(id));
        let label = a.label.unwrap_or_else(|| {
            words::LABELS[usize::try_from(pick(id, 6, 1000)).unwrap_or(0) % words::LABELS.len()]
                .to_owned()
        });
        let year = year_of(&release_date).to_owned();
        let mut external_ids = a.external_ids;
        if external_ids == ExternalIds::default() {
            external_ids.upc = Some(derived_upc(id));
        }
        let artists = if a.artists.is_empty() {
            track_artists.get(&id).cloned().unwrap_or_default()
        } else {
            a.artists
        };
        catalog.albums.insert(
            id,
            Album {
                id,
                name: a.name,
                album_type: a.album_type.unwrap_or(AlbumType::Album),
                artists,
                tracks: Vec::new(),
                images: a.images,
                copyrights: a
                    .copyrights
                    .unwrap_or_else(|| derived_copyrights(&year, &label)),
                release_date,
                label,
                external_ids,
                genres: a.genres,
                popularity: a.popularity.unwrap_or_else(|| pick_u32(id, 7, 100)),
                markets: a
                    .markets
                    .or_else(|| track_markets.get(&id).copied())
                    .unwrap_or_else(MarketSet::all),
            },
        );
    }

    for (id, t) in tracks {
        let album_id = match t.album.filter(|a| catalog.albums.contains_key(a)) {
            Some(album) => album,
            None => single_for(catalog, id, &t.name, &t.artists, t.markets),
        };
        let album = catalog.albums.get(&album_id);
        let year = album
            .map_or("2000", |a| year_of(&a.release_date))
            .to_owned();
        let mut external_ids = t.external_ids;
        if external_ids.isrc.is_none() {
            external_ids.isrc = Some(derived_isrc(id, &year));
        }
        let markets = t
            .markets
            .or_else(|| album.map(|a| a.markets))
            .unwrap_or_else(MarketSet::all);
        catalog.tracks.insert(
            id,
            Track {
                id,
                name: t.name,
                album: album_id,
                artists: t.artists,
                disc_number: t.disc_number.unwrap_or(1),
                track_number: t.track_number.or(t.position).unwrap_or(1),
                duration_ms: t
                    .duration_ms
                    .unwrap_or_else(|| 90_000 + pick_u32(id, 8, 240_000)),
                explicit: t.explicit.unwrap_or(false),
                external_ids,
                popularity: t.popularity.unwrap_or_else(|| pick_u32(id, 9, 100)),
                preview_url: t.preview_url,
                markets,
                relinks: Vec::new(),
            },
        );
    }

    // Albums no body lists tracks for (search results, discographies) get tracks, and an
    // artist if they have none: the declared `total_tracks` (at most 30), else 1 to 12.
    let with_tracks: IdSet = catalog.tracks.values().map(|t| t.album).collect();
    for (album_id, total) in declared {
        if with_tracks.contains(&album_id) {
            continue;
        }
        let count = total.map_or_else(|| 1 + pick_u32(album_id, 16, 12), |t| t.clamp(1, 30));
        let album = catalog.albums.get(&album_id).cloned();
        let Some(album) = album else { continue };
        let artists = if album.artists.is_empty() {
            let artist = Id::derived(&format!("artist-of:{album_id}"));
            let name = format!(
                "{} {}",
                words::FIRST_NAMES[usize::try_from(pick(artist, 17, 1000)).unwrap_or(0)
                    % words::FIRST_NAMES.len()],
                words::LAST_NAMES[usize::try_from(pick(artist, 18, 1000)).unwrap_or(0)
                    % words::LAST_NAMES.len()]
            );
            catalog.artists.entry(artist).or_insert_with(|| Artist {
                id: artist,
                name,
                genres: Vec::new(),
                images: Vec::new(),
                followers: pick(artist, 4, 2_000_000),
                popularity: pick_u32(artist, 5, 100),
                albums: Vec::new(),
            });
            if let Some(slot) = catalog.albums.get_mut(&album_id) {
                slot.artists = vec![artist];
            }
            vec![artist]
        } else {
            album.artists.clone()
        };
        let year = year_of(&album.release_date).to_owned();
        for number in 1..=count {
            let id = Id::derived(&format!("track-of:{album_id}:{number}"));
            let name = format!(
                "{} {}",
                words::ADJECTIVES
                    [usize::try_from(pick(id, 19, 1000)).unwrap_or(0) % words::ADJECTIVES.len()],
                words::NOUNS[usize::try_from(pick(id, 20, 1000)).unwrap_or(0) % words::NOUNS.len()]
            );
            catalog.tracks.insert(
                id,
                Track {
                    id,
                    name,
                    album: album_id,
                    artists: artists.clone(),
                    disc_number: 1,
                    track_number: number,
                    duration_ms: 90_000 + pick_u32(id, 8, 240_000),
                    explicit: false,
                    external_ids: ExternalIds {
                        isrc: Some(derived_isrc(id, &year)),
                        ..ExternalIds::default()
                    },
                    popularity: pick_u32(id, 9, 100),
                    preview_url: None,
                    markets: album.markets,
                    relinks: Vec::new(),
                },
            );
        }
    }

    for (id, s) in shows {
        let description = s.description.unwrap_or_else(|| s.name.clone());
        let publisher = s.publisher.unwrap_or_else(|| {
            words::PUBLISHERS
                [usize::try_from(pick(id, 10, 1000)).unwrap_or(0) % words::PUBLISHERS.len()]
            .to_owned()
        });
        catalog.shows.insert(
            id,
            Show {
                id,
                name: s.name,
                html_description: s.html_description.unwrap_or_else(|| html_of(&description)),
                description,
                publisher,
                explicit: s.explicit.unwrap_or(false),
                images: s.images,
                languages: if s.languages.is_empty() {
                    vec!["en".to_owned()]
                } else {
                    s.languages
                },
                media_type: s.media_type.unwrap_or_else(|| "audio".to_owned()),
                is_externally_hosted: s.is_externally_hosted.unwrap_or(false),
                copyrights: s.copyrights.unwrap_or_default(),
                markets: s.markets.unwrap_or_else(MarketSet::all),
                episodes: Vec::new(),
            },
        );
    }

    for (id, e) in episodes {
        let Some(show_id) = e.show.filter(|s| catalog.shows.contains_key(s)) else {
            tracing::debug!(%id, "dropping an episode of no known show");
            continue;
        };
        let show = &catalog.shows[&show_id];
        let description = e.description.unwrap_or_else(|| e.name.clone());
        let languages = if !e.languages.is_empty() {
            e.languages
        } else if let Some(language) = &e.language {
            vec![language.clone()]
        } else {
            show.languages.clone()
        };
        let markets = e.markets.unwrap_or(show.markets);
        let images = if e.images.is_empty() {
            show.images.clone()
        } else {
            e.images
        };
        catalog.episodes.insert(
            id,
            Episode {
                id,
                show: show_id,
                name: e.name,
                html_description: e.html_description.unwrap_or_else(|| html_of(&description)),
                description,
                duration_ms: e
                    .duration_ms
                    .unwrap_or_else(|| 600_000 + pick_u32(id, 11, 3_000_000)),
                explicit: e.explicit.unwrap_or(false),
                images,
                language: e.language.or_else(|| languages.first().cloned()),
                languages,
                release_date: e.release_date.unwrap_or_else(|| derived_date(id)),
                audio_preview_url: e.audio_preview_url,
                is_externally_hosted: e.is_externally_hosted.unwrap_or(false),
                markets,
            },
        );
    }

    for (id, b) in audiobooks {
        let description = b.description.unwrap_or_else(|| b.name.clone());
        catalog.audiobooks.insert(
            id,
            Audiobook {
                id,
                name: b.name,
                authors: b.authors,
                narrators: b.narrators,
                publisher: b.publisher.unwrap_or_else(|| {
                    words::PUBLISHERS
                        [usize::try_from(pick(id, 12, 1000)).unwrap_or(0) % words::PUBLISHERS.len()]
                    .to_owned()
                }),
                html_description: b.html_description.unwrap_or_else(|| html_of(&description)),
                description,
                edition: b.edition,
                explicit: b.explicit.unwrap_or(false),
                images: b.images,
                languages: if b.languages.is_empty() {
                    vec!["English".to_owned()]
                } else {
                    b.languages
                },
                media_type: b.media_type.unwrap_or_else(|| "audio".to_owned()),
                copyrights: b.copyrights.unwrap_or_default(),
                markets: audiobook_markets(b.markets),
                chapters: Vec::new(),
            },
        );
    }

    for (id, c) in chapters {
        let Some(book_id) = c.audiobook.filter(|b| catalog.audiobooks.contains_key(b)) else {
            tracing::debug!(%id, "dropping a chapter of no known audiobook");
            continue;
        };
        let book = &catalog.audiobooks[&book_id];
        let description = c.description.unwrap_or_default();
        let languages = match c.languages.iter().any(|l| !l.is_empty()) {
            true => c.languages,
            false => book.languages.clone(),
        };
        catalog.chapters.insert(
            id,
            Chapter {
                id,
                audiobook: book_id,
                chapter_number: c.chapter_number.or(c.position.map(|p| p - 1)).unwrap_or(0),
                name: c.name,
                html_description: c.html_description.unwrap_or_else(|| html_of(&description)),
                description,
                duration_ms: c
                    .duration_ms
                    .unwrap_or_else(|| 300_000 + pick_u32(id, 13, 1_500_000)),
                explicit: c.explicit.unwrap_or(false),
                images: if c.images.is_empty() {
                    book.images.clone()
                } else {
                    c.images
                },
                languages,
                release_date: c.release_date.unwrap_or_else(|| derived_date(book_id)),
                audio_preview_url: c.audio_preview_url,
                // A chapter is never sold where its audiobook is not.
                markets: match c.markets.map(|set| set.intersection(book.markets)) {
                    Some(set) if !set.is_empty() => set,
                    _ => book.markets,
                },
            },
        );
    }
}

/// An audiobook's markets: those its body lists, kept to the markets where Spotify sells
/// audiobooks (`MarketSet::audiobooks`); all of those when the body lists none of them.
fn audiobook_markets(listed: Option<MarketSet>) -> MarketSet {
    let books = MarketSet::audiobooks();
    match listed.map(|set| set.intersection(books)) {
        Some(set) if !set.is_empty() => set,
        _ => books,
    }
}

/// Creates (or reuses) a single-track album for a track that no body places on an album.
fn single_for(
    catalog: &mut Catalog,
    track: Id,
    name: &str,
    artists: &[Id],
    markets: Option<MarketSet>,
) -> Id {
    let id = Id::derived(&format!("single:{track}"));
    let release_date = derived_date(id);
    let label =
        words::LABELS[usize::try_from(pick(id, 6, 1000)).unwrap_or(0) % words::LABELS.len()];
    let year = year_of(&release_date).to_owned();
    catalog.albums.entry(id).or_insert_with(|| Album {
        id,
        name: name.to_owned(),
        album_type: AlbumType::Single,
        artists: artists.to_vec(),
        tracks: Vec::new(),
        images: Vec::new(),
        copyrights: derived_copyrights(&year, label),
        release_date,
        label: label.to_owned(),
        external_ids: ExternalIds {
            upc: Some(derived_upc(id)),
            ..ExternalIds::default()
        },
        genres: Vec::new(),
        popularity: pick_u32(id, 7, 100),
        markets: markets.unwrap_or_else(MarketSet::all),
    });
    id
}

/// Rebuilds every link of the catalogue (see the module docs).
pub(super) fn link(
    catalog: &mut Catalog,
    artist_albums: &[(Id, Id)],
    playlist_totals: &BTreeMap<Id, u64>,
) {
    let Catalog {
        tracks,
        albums,
        artists,
        shows,
        episodes,
        audiobooks,
        chapters,
        playlists,
        categories,
        users,
        featured,
        new_releases,
        markets,
        ..
    } = catalog;

    // Tracks → albums.
    tracks.retain(|_, t| albums.contains_key(&t.album));
    let mut album_tracks: IdMap<Vec<(u32, u32, Id)>> = IdMap::default();
    for track in tracks.values_mut() {
        track.artists.retain(|a| artists.contains_key(a));
        track.relinks.retain(|r| r != &track.id);
        album_tracks.entry(track.album).or_default().push((
            track.disc_number,
            track.track_number,
            track.id,
        ));
    }
    for album in albums.values_mut() {
        let mut list = album_tracks.remove(&album.id).unwrap_or_default();
        list.sort_unstable();
        album.tracks = list.into_iter().map(|(_, _, id)| id).collect();
        album.artists.retain(|a| artists.contains_key(a));
        if album.artists.is_empty() {
            for track in &album.tracks {
                for artist in &tracks[track].artists {
                    if !album.artists.contains(artist) {
                        album.artists.push(*artist);
                    }
                }
            }
        }
    }
    for track in tracks.values_mut() {
        if track.artists.is_empty() {
            track.artists = albums[&track.album].artists.clone();
        }
    }

    // Artists → albums: their own, then the ones they appear on.
    let mut own: IdMap<BTreeSet<Id>> = IdMap::default();
    let mut appears: IdMap<BTreeSet<Id>> = IdMap::default();
    for album in albums.values() {
        for artist in &album.artists {
            own.entry(*artist).or_default().insert(album.id);
        }
    }
    for track in tracks.values() {
        let album = &albums[&track.album];
        for artist in &track.artists {
            if !album.artists.contains(artist) {
                appears.entry(*artist).or_default().insert(album.id);
            }
        }
    }
    for (artist, album) in artist_albums {
        if let Some(a) = albums.get(album) {
            let set = if a.artists.contains(artist) {
                &mut own
            } else {
                &mut appears
            };
            set.entry(*artist).or_default().insert(*album);
        }
    }
    let newest_first = |ids: Option<BTreeSet<Id>>| {
        let mut ids: Vec<Id> = ids.unwrap_or_default().into_iter().collect();
        ids.sort_by_cached_key(|id| (std::cmp::Reverse(albums[id].release_date.sort_key()), *id));
        ids
    };
    for artist in artists.values_mut() {
        let mut list = newest_first(own.remove(&artist.id));
        list.extend(newest_first(appears.remove(&artist.id)));
        artist.albums = list;
    }

    // Shows → episodes, newest first; audiobooks → chapters, in order.
    episodes.retain(|_, e| shows.contains_key(&e.show));
    let mut show_episodes: IdMap<Vec<(std::cmp::Reverse<String>, Id)>> = IdMap::default();
    for episode in episodes.values() {
        show_episodes.entry(episode.show).or_default().push((
            std::cmp::Reverse(episode.release_date.sort_key()),
            episode.id,
        ));
    }
    for show in shows.values_mut() {
        let mut list = show_episodes.remove(&show.id).unwrap_or_default();
        list.sort_unstable();
        show.episodes = list.into_iter().map(|(_, id)| id).collect();
    }
    chapters.retain(|_, c| audiobooks.contains_key(&c.audiobook));
    let mut book_chapters: IdMap<Vec<(u32, Id)>> = IdMap::default();
    for chapter in chapters.values() {
        book_chapters
            .entry(chapter.audiobook)
            .or_default()
            .push((chapter.chapter_number, chapter.id));
    }
    for book in audiobooks.values_mut() {
        let mut list = book_chapters.remove(&book.id).unwrap_or_default();
        list.sort_unstable();
        book.chapters = list.into_iter().map(|(_, id)| id).collect();
    }

    // Playlists: items resolve; fixture playlists without items get tracks; owners exist.
    let pool: Vec<Id> = tracks
        .values()
        .filter(|t| t.relinks.is_empty())
        .map(|t| t.id)
        .collect();
    // Playlists name 10,000 items and more (the large one): looked up in hash sets rather than
    // the ordered maps, whose look-up was half of `link`.
    let known_tracks: IdSet = tracks.keys().copied().collect();
    let known_episodes: IdSet = episodes.keys().copied().collect();
    for playlist in playlists.values_mut() {
        // Not shared yet: the catalogue is still being built.
        let playlist = std::sync::Arc::make_mut(playlist);
        playlist.items.retain(|item| match item.item {
            ItemRef::Track(id) => known_tracks.contains(&id),
            ItemRef::Episode(id) => known_episodes.contains(&id),
            ItemRef::Local(_) => true,
        });
        if playlist.items.is_empty()
            && let Some(total) = playlist_totals.get(&playlist.id)
            && !pool.is_empty()
        {
            let count = usize::try_from((*total).min(100)).unwrap_or(0);
            let start = usize::try_from(pick(playlist.id, 14, pool.len() as u64)).unwrap_or(0);
            playlist.items = (0..count)
                .map(|n| PlaylistItem {
                    item: ItemRef::Track(pool[(start + n * 7) % pool.len()]),
                    added_at: Some(
                        1_400_000_000
                            + i64::try_from(pick(playlist.id, 15 + n as u64, 300_000_000))
                                .unwrap_or(0),
                    ),
                    added_by: Some(playlist.owner.clone()),
                })
                .collect();
        }
        if playlist.snapshot_id.is_empty() {
            playlist.snapshot_id = super::snapshot_id(playlist.id, playlist.items.len());
        }
        let mut last: Option<&str> = None;
        for user in std::iter::once(&playlist.owner)
            .chain(playlist.items.iter().filter_map(|i| i.added_by.as_ref()))
            .chain(playlist.collaborators.iter())
        {
            // A large playlist names its owner on every item: one look-up for a run of the
            // same name (10,000 of them were a millisecond of every start).
            if last == Some(user.as_str()) {
                continue;
            }
            last = Some(user);
            // Most are known: look first, so a known user costs no copy of the id.
            if !users.contains_key(user) {
                users.insert(
                    user.clone(),
                    PublicUser {
                        id: user.clone(),
                        display_name: None,
                        images: Vec::new(),
                        followers: 0,
                    },
                );
            }
        }
    }
    for category in categories.iter_mut() {
        category.playlists.retain(|p| playlists.contains_key(p));
    }
    featured.retain(|p| playlists.contains_key(p));
    dedupe(featured);

    // New releases: the fixtures' list, then the newest albums.
    new_releases.retain(|a| albums.contains_key(a));
    let mut newest: Vec<&Album> = albums.values().collect();
    newest.sort_by_cached_key(|a| (std::cmp::Reverse(a.release_date.sort_key()), a.id));
    new_releases.extend(newest.iter().map(|a| a.id));
    dedupe(new_releases);
    new_releases.truncate(100);

    for set in albums
        .values()
        .map(|a| a.markets)
        .chain(tracks.values().map(|t| t.markets))
        .chain(shows.values().map(|s| s.markets))
    {
        *markets = markets.union(set);
    }
}

/// Removes later duplicates, keeping the order.
fn dedupe(ids: &mut Vec<Id>) {
    let mut seen = BTreeSet::new();
    ids.retain(|id| seen.insert(*id));
}
