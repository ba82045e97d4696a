//! Real response bodies → typed entities.
//!
//! The walk keeps every object that is a real entity: a known `type`, an id (22-character base62,
//! except users), a `name` (except users) and a `uri` of the shape Spotify really sends for that
//! kind. Spotify's own quirks are accepted: audiobooks carry `spotify:show:` URIs, chapters
//! `spotify:episode:` URIs, and old playlists `spotify:user:{owner}:playlist:{id}`. Chapter
//! objects typed `"episode"` (in `audiobook-chapters.json`) are recognised by their
//! `chapter_number`. Look-alikes are skipped: recommendation `seeds` (no `uri`, no `name`), and
//! the spec's example chapter in `audiobook-chapters.json`, whose `uri` names another id.
//!
//! One id often appears in several bodies: full in one, simplified in others. The copies are
//! merged field by field, richest copy (most keys) first: a present, non-null, non-empty value
//! beats an absent, null or empty one; between two present values the richer copy's wins.
//!
//! Links come from where an object sits (an album's `tracks.items`, a show's `episodes.items`,
//! a page whose `href` is `/albums/{id}/tracks`, a track's `album`…). Everything a body leaves
//! out is filled deterministically later (`complete.rs`).

use std::sync::Arc;

use super::Catalog;
use super::analysis;
use super::markets::MarketSet;
use super::model::{
    AlbumType, AudioFeatures, Category, Copyright, ExternalIds, Id, Image, ItemRef, Playlist,
    PlaylistItem, Precision, PublicUser, ReleaseDate, WordMap, parse_timestamp,
};
use super::node::{Node, Object};
use super::partial::{
    PartialAlbum, PartialArtist, PartialAudiobook, PartialChapter, PartialEpisode, PartialShow,
    PartialTrack,
};

/// The kinds of entity found in bodies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    Track,
    Album,
    Artist,
    Show,
    Episode,
    Audiobook,
    Chapter,
    Playlist,
    User,
}

/// Everything the walk found, borrowed from the parsed bodies.
#[derive(Default)]
struct Found<'v> {
    /// Copies of each entity, in the order first seen.
    copies: WordMap<(Kind, &'v str), Vec<&'v Object<'v>>>,
    order: Vec<(Kind, &'v str)>,
    /// (child kind, child id, parent id, position in the parent's list).
    parents: Vec<(Kind, &'v str, &'v str, u32)>,
    /// (artist id, album id) from `/artists/{id}/albums` pages.
    artist_albums: Vec<(&'v str, &'v str)>,
    /// Playlist id → its longest item list seen, and its declared `total`.
    playlist_items: WordMap<&'v str, Vec<&'v Object<'v>>>,
    playlist_totals: WordMap<&'v str, u64>,
    categories: Vec<&'v Object<'v>>,
    category_playlists: Vec<(&'v str, &'v str)>,
    featured: Vec<&'v str>,
    featured_message: Option<String>,
    new_releases: Vec<&'v str>,
    audio_features: Vec<&'v Object<'v>>,
    /// In the order found; the analysis is the first that turns out to be one.
    analysis: Vec<Candidate<'v>>,
    genre_seeds: Vec<String>,
    markets: Vec<String>,
}

/// Reads `bodies` into `catalog` (fixture entities only; `complete.rs` links and fills).
/// A body that is not JSON is skipped with a warning.
pub(super) fn read<'a>(
    catalog: &mut Catalog,
    partials: &mut super::partial::Partials,
    bodies: impl IntoIterator<Item = (&'a str, &'a str)>,
) {
    let bodies: Vec<Body<'a>> = bodies
        .into_iter()
        .filter_map(|(name, body)| {
            if let Some(text) = analysis::deferred(body) {
                return Some(Body::Analysis(text));
            }
            match Node::parse(body) {
                Ok(value) => Some(Body::Parsed(value)),
                Err(error) => {
                    tracing::warn!(%name, %error, "skipping a catalog body that is not JSON");
                    None
                }
            }
        })
        .collect();
    let mut found = Found::default();
    for body in &bodies {
        match body {
            Body::Parsed(value) => found.walk(value, 0),
            Body::Analysis(text) => found.analysis.push(Candidate::Deferred(text)),
        }
    }
    found.build(catalog, partials);
}

/// A body as read: parsed, or an audio analysis kept as text (`analysis.rs`).
enum Body<'a> {
    Parsed(Node<'a>),
    Analysis(&'a str),
}

/// An `audio_analysis` the walk came upon.
enum Candidate<'v> {
    /// An object with a `track` member.
    Found(&'v Node<'v>),
    /// A body `{"audio_analysis": X}` kept as text: `X`, a candidate until parsed.
    Deferred(&'v str),
}

/// Read access to an object's members: a parsed object, or the merged copies of an entity.
trait Fields {
    fn field(&self, name: &str) -> Option<&Node<'_>>;
}

impl Fields for Object<'_> {
    fn field(&self, name: &str) -> Option<&Node<'_>> {
        self.get(name)
    }
}

/// The merged copy of one entity (see the module docs): each member borrowed from the copy
/// it comes from, never cloned.
enum Merged<'v> {
    /// The entity was seen once (most are): its members as they are, absent ones left out.
    One(&'v Object<'v>),
    /// Seen more than once: each member from the richest copy that has it.
    Many(WordMap<&'v str, &'v Node<'v>>),
}

impl Fields for Merged<'_> {
    fn field(&self, name: &str) -> Option<&Node<'_>> {
        match self {
            Merged::One(copy) => copy.get(name).filter(|value| !is_absent(value)),
            Merged::Many(members) => members.get(name).copied(),
        }
    }
}

/// Bodies nest a few levels; anything deeper than this is not walked (hostile input).
const MAX_DEPTH: usize = 32;

impl<'v> Found<'v> {
    fn walk(&mut self, value: &'v Node<'v>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match value {
            Node::Object(map) => {
                self.object(map);
                for child in map.values() {
                    self.walk(child, depth + 1);
                }
            }
            Node::Array(items) => items.iter().for_each(|item| self.walk(item, depth + 1)),
            _ => {}
        }
    }

    fn object(&mut self, map: &'v Object<'v>) {
        if let Some((kind, id)) = entity_key(map) {
            self.entity(kind, id, map);
            return;
        }
        if map.get("type").and_then(Node::as_str) == Some("audio_features")
            && map
                .get("id")
                .and_then(Node::as_str)
                .is_some_and(|id| Id::parse(id).is_some())
        {
            self.audio_features.push(map);
        }
        if let Some(analysis) = map.get("audio_analysis")
            && analysis.get("track").is_some()
        {
            self.analysis.push(Candidate::Found(analysis));
        }
        if map.len() == 1 {
            if let Some(Node::Array(genres)) = map.get("genres") {
                self.genre_seeds = strings(genres);
            }
            if let Some(Node::Array(markets)) = map.get("markets") {
                self.markets = strings(markets);
            }
        }
        if let (Some(Node::Str(message)), Some(_)) = (map.get("message"), map.get("playlists")) {
            self.featured_message = Some(message.as_ref().to_owned());
        }
        let href = map.get("href").and_then(Node::as_str).unwrap_or_default();
        if let Some(category) = category_of(href)
            && map.get("icons").is_some()
            && map.get("name").is_some_and(Node::is_string)
            && map.get("id").and_then(Node::as_str) == Some(category)
        {
            self.categories.push(map);
        }
        if let Some(Node::Array(items)) = map.get("items") {
            self.page(href, items, map.get("total").and_then(Node::as_u64));
        }
    }

    /// A paging object: links its items to the entity its `href` names.
    fn page(&mut self, href: &'v str, items: &'v [Node<'v>], total: Option<u64>) {
        let path = href_path(href);
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let ids = |kind: Kind| {
            items
                .iter()
                .filter_map(Node::as_object)
                .filter_map(entity_key)
                .filter(move |(k, _)| *k == kind)
                .map(|(_, id)| id)
        };
        match segments.as_slice() {
            ["albums", album, "tracks"] => {
                for (n, track) in ids(Kind::Track).enumerate() {
                    self.parents.push((Kind::Track, track, album, position(n)));
                }
            }
            ["shows", show, "episodes"] => {
                for (n, episode) in ids(Kind::Episode).enumerate() {
                    self.parents
                        .push((Kind::Episode, episode, show, position(n)));
                }
            }
            ["audiobooks", book, "chapters"] => {
                for (n, chapter) in ids(Kind::Chapter).enumerate() {
                    self.parents
                        .push((Kind::Chapter, chapter, book, position(n)));
                }
            }
            ["artists", artist, "albums"] => {
                for album in ids(Kind::Album) {
                    self.artist_albums.push((artist, album));
                }
            }
            ["playlists", playlist, "tracks" | "items"]
            | ["users", _, "playlists", playlist, "tracks" | "items"] => {
                self.playlist_page(playlist, items, total);
            }
            ["browse", "categories", category, "playlists"] => {
                for playlist in ids(Kind::Playlist) {
                    self.category_playlists.push((category, playlist));
                }
            }
            ["browse", "featured-playlists"] => self.featured.extend(ids(Kind::Playlist)),
            ["browse", "new-releases"] => self.new_releases.extend(ids(Kind::Album)),
            _ => {}
        }
    }

    fn playlist_page(&mut self, playlist: &'v str, items: &'v [Node<'v>], total: Option<u64>) {
        let items: Vec<&Object<'v>> = items.iter().filter_map(Node::as_object).collect();
        let slot = self.playlist_items.entry(playlist).or_default();
        if items.len() > slot.len() {
            *slot = items;
        }
        if let Some(total) = total {
            self.playlist_totals.insert(playlist, total);
        }
    }

    fn entity(&mut self, kind: Kind, id: &'v str, map: &'v Object<'v>) {
        let key = (kind, id);
        let copies = self.copies.entry(key).or_default();
        if copies.is_empty() {
            self.order.push(key);
        }
        copies.push(map);
        let child = |field: &str, kind: Kind| {
            map.get(field)
                .and_then(|c| c.get("items"))
                .and_then(Node::as_array)
                .into_iter()
                .flatten()
                .filter_map(Node::as_object)
                .filter_map(entity_key)
                .filter(move |(k, _)| *k == kind)
                .map(|(_, id)| id)
                .collect::<Vec<_>>()
        };
        let parent = |field: &str, kind: Kind| {
            map.get(field)
                .and_then(Node::as_object)
                .and_then(entity_key)
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| id)
        };
        match kind {
            Kind::Album => {
                for (n, track) in child("tracks", Kind::Track).into_iter().enumerate() {
                    self.parents.push((Kind::Track, track, id, position(n)));
                }
            }
            Kind::Show => {
                for (n, episode) in child("episodes", Kind::Episode).into_iter().enumerate() {
                    self.parents.push((Kind::Episode, episode, id, position(n)));
                }
            }
            Kind::Audiobook => {
                for (n, chapter) in child("chapters", Kind::Chapter).into_iter().enumerate() {
                    self.parents.push((Kind::Chapter, chapter, id, position(n)));
                }
            }
            Kind::Playlist => {
                for field in ["tracks", "items"] {
                    if let Some(page) = map.get(field) {
                        let total = page.get("total").and_then(Node::as_u64);
                        if let Some(Node::Array(items)) = page.get("items") {
                            self.playlist_page(id, items, total);
                        } else if let Some(total) = total {
                            self.playlist_totals.insert(id, total);
                        }
                    }
                }
            }
            Kind::Track => {
                if let Some(album) = parent("album", Kind::Album) {
                    self.parents.push((Kind::Track, id, album, 0));
                }
            }
            Kind::Episode => {
                if let Some(show) = parent("show", Kind::Show) {
                    self.parents.push((Kind::Episode, id, show, 0));
                }
            }
            Kind::Chapter => {
                if let Some(book) = parent("audiobook", Kind::Audiobook) {
                    self.parents.push((Kind::Chapter, id, book, 0));
                }
            }
            Kind::Artist | Kind::User => {}
        }
    }

    /// The merged copy of one entity (see the module docs).
    fn merged(&self, key: &(Kind, &'v str)) -> Merged<'v> {
        let copies = self.copies.get(key).map_or(&[][..], Vec::as_slice);
        if let [one] = copies {
            return Merged::One(one);
        }
        let mut copies = copies.to_vec();
        copies.sort_by_key(|copy| std::cmp::Reverse(copy.len()));
        let mut merged = WordMap::default();
        for copy in copies {
            for (field, value) in copy.iter() {
                // An absent value is never taken, so a member taken is never replaced.
                if !is_absent(value) {
                    merged.entry(field).or_insert(value);
                }
            }
        }
        Merged::Many(merged)
    }

    /// Converts everything found into the catalogue's records.
    fn build(self, catalog: &mut Catalog, partials: &mut super::partial::Partials) {
        for key in &self.order {
            let map = self.merged(key);
            let Some(id) = Id::parse(key.1) else {
                if key.0 == Kind::User {
                    catalog.users.insert(key.1.to_owned(), user(key.1, &map));
                }
                continue;
            };
            match key.0 {
                Kind::Track => {
                    partials.tracks.insert(id, track(&map));
                }
                Kind::Album => {
                    partials.albums.insert(id, album(&map));
                }
                Kind::Artist => {
                    partials.artists.insert(id, artist(&map));
                }
                Kind::Show => {
                    partials.shows.insert(id, show(&map));
                }
                Kind::Episode => {
                    partials.episodes.insert(id, episode(&map));
                }
                Kind::Audiobook => {
                    partials.audiobooks.insert(id, audiobook(&map));
                }
                Kind::Chapter => {
                    partials.chapters.insert(id, chapter(&map));
                }
                Kind::Playlist => {
                    let items = self
                        .playlist_items
                        .get(&key.1)
                        .map(Vec::as_slice)
                        .unwrap_or_default();
                    let total = self.playlist_totals.get(&key.1).copied();
                    catalog
                        .playlists
                        .insert(id, Arc::new(playlist(id, &map, items)));
                    if let Some(total) = total {
                        partials.playlist_totals.insert(id, total);
                    }
                }
                Kind::User => {
                    catalog.users.insert(key.1.to_owned(), user(key.1, &map));
                }
            }
        }
        for (kind, child, parent, position) in &self.parents {
            let (Some(child), Some(parent)) = (Id::parse(child), Id::parse(parent)) else {
                continue;
            };
            match kind {
                Kind::Track => {
                    if let Some(track) = partials.tracks.get_mut(&child) {
                        track.album.get_or_insert(parent);
                        if *position > 0 {
                            track.position.get_or_insert(*position);
                        }
                    }
                }
                Kind::Episode => {
                    if let Some(episode) = partials.episodes.get_mut(&child) {
                        episode.show.get_or_insert(parent);
                    }
                }
                Kind::Chapter => {
                    if let Some(chapter) = partials.chapters.get_mut(&child) {
                        chapter.audiobook.get_or_insert(parent);
                        if *position > 0 {
                            chapter.position.get_or_insert(*position);
                        }
                    }
                }
                _ => {}
            }
        }
        for (artist, album) in &self.artist_albums {
            if let (Some(artist), Some(album)) = (Id::parse(artist), Id::parse(album)) {
                partials.artist_albums.push((artist, album));
            }
        }
        for category in &self.categories {
            let id = str_of(*category, "id").unwrap_or_default();
            if catalog.categories.iter().any(|c| c.id == id) {
                continue;
            }
            catalog.categories.push(Category {
                name: str_of(*category, "name").unwrap_or_else(|| id.clone()),
                icons: images(*category, "icons"),
                playlists: Vec::new(),
                id,
            });
        }
        for (category, playlist) in &self.category_playlists {
            let Some(playlist) = Id::parse(playlist) else {
                continue;
            };
            if !catalog.categories.iter().any(|c| c.id == *category) {
                catalog.categories.push(Category {
                    id: (*category).to_owned(),
                    name: title_case(category),
                    icons: Vec::new(),
                    playlists: Vec::new(),
                });
            }
            if let Some(slot) = catalog.categories.iter_mut().find(|c| c.id == *category)
                && !slot.playlists.contains(&playlist)
            {
                slot.playlists.push(playlist);
            }
        }
        catalog
            .featured
            .extend(self.featured.iter().filter_map(|id| Id::parse(id)));
        if let Some(message) = self.featured_message {
            catalog.featured_message = message;
        }
        catalog
            .new_releases
            .extend(self.new_releases.iter().filter_map(|id| Id::parse(id)));
        for features in &self.audio_features {
            if let Some(features) = audio_features(*features) {
                catalog.audio_features.insert(features.id, features);
            }
        }
        // Up to the first object found by the walk: nothing after it can be the analysis.
        let mut sources = Vec::new();
        for candidate in self.analysis {
            match candidate {
                Candidate::Found(value) => {
                    sources.push(analysis::Source::Parsed(Arc::new(value.to_value())));
                    break;
                }
                Candidate::Deferred(text) => sources.push(analysis::Source::Deferred(text.into())),
            }
        }
        catalog.audio_analysis = analysis::AudioAnalysis::new(sources);
        if !self.genre_seeds.is_empty() {
            catalog.genre_seeds = self.genre_seeds;
        }
        catalog.markets = catalog.markets.union(MarketSet::from_codes(
            self.markets.iter().map(String::as_str),
        ));
    }
}

fn position(n: usize) -> u32 {
    u32::try_from(n + 1).unwrap_or(u32::MAX)
}

/// Whether a field value counts as absent when merging.
fn is_absent(value: &Node<'_>) -> bool {
    match value {
        Node::Null => true,
        Node::Array(items) => items.is_empty(),
        Node::Str(text) => text.is_empty(),
        _ => false,
    }
}

/// `(kind, id)` if `map` is a real entity (see the module docs).
fn entity_key<'v>(map: &'v Object<'v>) -> Option<(Kind, &'v str)> {
    let kind = map.get("type").and_then(Node::as_str)?;
    let id = map.get("id").and_then(Node::as_str)?;
    let uri = map.get("uri").and_then(Node::as_str)?;
    let named = map.get("name").is_some_and(Node::is_string);
    let base62 = Id::parse(id).is_some();
    // `spotify:{kind}:{id}` for one of `kinds`.
    let uri_is = |kinds: &[&str]| {
        kinds.iter().any(|k| {
            uri.strip_prefix("spotify:")
                .and_then(|r| r.strip_prefix(k))
                .and_then(|r| r.strip_prefix(':'))
                == Some(id)
        })
    };
    let kind = match kind {
        "track" if uri_is(&["track"]) => Kind::Track,
        "album" if uri_is(&["album"]) => Kind::Album,
        "artist" if uri_is(&["artist"]) => Kind::Artist,
        "show" if uri_is(&["show"]) => Kind::Show,
        "episode" if map.contains_key("chapter_number") && uri_is(&["episode", "chapter"]) => {
            Kind::Chapter
        }
        "episode" if uri_is(&["episode"]) => Kind::Episode,
        "chapter" if uri_is(&["episode", "chapter"]) => Kind::Chapter,
        "audiobook" if uri_is(&["show", "audiobook"]) => Kind::Audiobook,
        "playlist"
            if uri_is(&["playlist"])
                || (uri.starts_with("spotify:user:")
                    && uri
                        .strip_suffix(id)
                        .is_some_and(|r| r.ends_with(":playlist:"))) =>
        {
            Kind::Playlist
        }
        "user" if uri_is(&["user"]) && !id.is_empty() && id.len() <= 64 => {
            return Some((Kind::User, id));
        }
        _ => return None,
    };
    (base62 && named).then_some((kind, id))
}

/// The path of an `href` (`https://api.spotify.com/v1/albums/x/tracks?offset=0` → `/albums/x/tracks`).
fn href_path(href: &str) -> &str {
    let rest = href.split_once("/v1").map_or("", |(_, rest)| rest);
    rest.split(['?', '#']).next().unwrap_or_default()
}

/// The category id of `…/browse/categories/{id}` (nothing after it).
fn category_of(href: &str) -> Option<&str> {
    let rest = href_path(href).strip_prefix("/browse/categories/")?;
    (!rest.is_empty() && !rest.contains('/')).then_some(rest)
}

fn strings(values: &[Node<'_>]) -> Vec<String> {
    values
        .iter()
        .filter_map(Node::as_str)
        .map(str::to_owned)
        .collect()
}

fn title_case(id: &str) -> String {
    let mut chars = id.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

// --- field readers -------------------------------------------------------------------------------

fn str_of(map: &(impl Fields + ?Sized), field: &str) -> Option<String> {
    map.field(field)
        .and_then(Node::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn u32_of(map: &(impl Fields + ?Sized), field: &str) -> Option<u32> {
    map.field(field)
        .and_then(Node::as_u64)
        .and_then(|n| u32::try_from(n).ok())
}

fn bool_of(map: &(impl Fields + ?Sized), field: &str) -> Option<bool> {
    map.field(field).and_then(Node::as_bool)
}

fn string_list(map: &(impl Fields + ?Sized), field: &str) -> Vec<String> {
    map.field(field)
        .and_then(Node::as_array)
        .map(|v| strings(v).into_iter().filter(|s| !s.is_empty()).collect())
        .unwrap_or_default()
}

fn names(map: &(impl Fields + ?Sized), field: &str) -> Vec<String> {
    map.field(field)
        .and_then(Node::as_array)
        .into_iter()
        .flatten()
        .filter_map(Node::as_object)
        .filter_map(|o| str_of(o, "name"))
        .collect()
}

fn images(map: &(impl Fields + ?Sized), field: &str) -> Vec<Image> {
    map.field(field)
        .and_then(Node::as_array)
        .into_iter()
        .flatten()
        .filter_map(Node::as_object)
        .filter_map(|image| {
            Some(Image {
                url: str_of(image, "url")?,
                height: u32_of(image, "height"),
                width: u32_of(image, "width"),
            })
        })
        .collect()
}

fn copyrights(map: &(impl Fields + ?Sized)) -> Option<Vec<Copyright>> {
    let list: Vec<Copyright> = map
        .field("copyrights")?
        .as_array()?
        .iter()
        .filter_map(Node::as_object)
        .filter_map(|c| {
            Some(Copyright {
                text: str_of(c, "text")?,
                kind: str_of(c, "type").unwrap_or_else(|| "C".to_owned()),
            })
        })
        .collect();
    (!list.is_empty()).then_some(list)
}

fn external_ids(map: &(impl Fields + ?Sized)) -> ExternalIds {
    let ids = map.field("external_ids").and_then(Node::as_object);
    let get = |field| ids.and_then(|ids| str_of(ids, field));
    ExternalIds {
        isrc: get("isrc"),
        ean: get("ean"),
        upc: get("upc"),
    }
}

fn markets(map: &(impl Fields + ?Sized)) -> Option<MarketSet> {
    let codes = map.field("available_markets")?.as_array()?;
    let set = MarketSet::from_codes(codes.iter().filter_map(Node::as_str));
    (!set.is_empty()).then_some(set)
}

fn release_date(map: &(impl Fields + ?Sized)) -> Option<ReleaseDate> {
    let date = str_of(map, "release_date")?;
    let inferred = match date.len() {
        4 => Precision::Year,
        7 => Precision::Month,
        _ => Precision::Day,
    };
    let precision = map
        .field("release_date_precision")
        .and_then(Node::as_str)
        .and_then(Precision::parse)
        .unwrap_or(inferred);
    // `0000` (seen on chapters) is no date at all.
    (!date.starts_with("0000")).then_some(ReleaseDate { date, precision })
}

/// The real ids in an array of simplified objects (`artists`).
fn id_list(map: &(impl Fields + ?Sized), field: &str) -> Vec<Id> {
    map.field(field)
        .and_then(Node::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.get("id").and_then(Node::as_str))
        .filter_map(Id::parse)
        .collect()
}

// --- records -------------------------------------------------------------------------------------

fn track(map: &(impl Fields + ?Sized)) -> PartialTrack {
    PartialTrack {
        name: str_of(map, "name").unwrap_or_default(),
        album: map
            .field("album")
            .and_then(|a| a.get("id"))
            .and_then(Node::as_str)
            .and_then(Id::parse),
        artists: id_list(map, "artists"),
        disc_number: u32_of(map, "disc_number"),
        track_number: u32_of(map, "track_number"),
        position: None,
        duration_ms: u32_of(map, "duration_ms"),
        explicit: bool_of(map, "explicit"),
        external_ids: external_ids(map),
        popularity: u32_of(map, "popularity"),
        preview_url: str_of(map, "preview_url"),
        markets: markets(map),
    }
}

fn album(map: &(impl Fields + ?Sized)) -> PartialAlbum {
    PartialAlbum {
        name: str_of(map, "name").unwrap_or_default(),
        total_tracks: u32_of(map, "total_tracks"),
        album_type: map
            .field("album_type")
            .and_then(Node::as_str)
            .and_then(AlbumType::parse),
        artists: id_list(map, "artists"),
        images: images(map, "images"),
        release_date: release_date(map),
        label: str_of(map, "label"),
        copyrights: copyrights(map),
        external_ids: external_ids(map),
        genres: string_list(map, "genres"),
        popularity: u32_of(map, "popularity"),
        markets: markets(map),
    }
}

fn artist(map: &(impl Fields + ?Sized)) -> PartialArtist {
    PartialArtist {
        name: str_of(map, "name").unwrap_or_default(),
        genres: string_list(map, "genres"),
        images: images(map, "images"),
        followers: map
            .field("followers")
            .and_then(|f| f.get("total"))
            .and_then(Node::as_u64),
        popularity: u32_of(map, "popularity"),
    }
}

fn show(map: &(impl Fields + ?Sized)) -> PartialShow {
    PartialShow {
        name: str_of(map, "name").unwrap_or_default(),
        publisher: str_of(map, "publisher"),
        description: str_of(map, "description"),
        html_description: str_of(map, "html_description"),
        explicit: bool_of(map, "explicit"),
        images: images(map, "images"),
        languages: string_list(map, "languages"),
        media_type: str_of(map, "media_type"),
        is_externally_hosted: bool_of(map, "is_externally_hosted"),
        copyrights: copyrights(map),
        markets: markets(map),
    }
}

fn episode(map: &(impl Fields + ?Sized)) -> PartialEpisode {
    PartialEpisode {
        name: str_of(map, "name").unwrap_or_default(),
        show: None,
        description: str_of(map, "description"),
        html_description: str_of(map, "html_description"),
        duration_ms: u32_of(map, "duration_ms"),
        explicit: bool_of(map, "explicit"),
        images: images(map, "images"),
        languages: string_list(map, "languages"),
        language: str_of(map, "language"),
        release_date: release_date(map),
        audio_preview_url: str_of(map, "audio_preview_url"),
        is_externally_hosted: bool_of(map, "is_externally_hosted"),
        markets: markets(map),
    }
}

fn audiobook(map: &(impl Fields + ?Sized)) -> PartialAudiobook {
    PartialAudiobook {
        name: str_of(map, "name").unwrap_or_default(),
        authors: names(map, "authors"),
        narrators: names(map, "narrators"),
        publisher: str_of(map, "publisher"),
        description: str_of(map, "description"),
        html_description: str_of(map, "html_description"),
        edition: str_of(map, "edition"),
        explicit: bool_of(map, "explicit"),
        images: images(map, "images"),
        languages: string_list(map, "languages"),
        media_type: str_of(map, "media_type"),
        copyrights: copyrights(map),
        markets: markets(map),
    }
}

fn chapter(map: &(impl Fields + ?Sized)) -> PartialChapter {
    PartialChapter {
        name: str_of(map, "name").unwrap_or_default(),
        audiobook: None,
        chapter_number: u32_of(map, "chapter_number"),
        position: None,
        description: str_of(map, "description"),
        html_description: str_of(map, "html_description"),
        duration_ms: u32_of(map, "duration_ms"),
        explicit: bool_of(map, "explicit"),
        images: images(map, "images"),
        languages: string_list(map, "languages"),
        release_date: release_date(map),
        audio_preview_url: str_of(map, "audio_preview_url"),
        markets: markets(map),
    }
}

fn playlist(id: Id, map: &(impl Fields + ?Sized), items: &[&Object<'_>]) -> Playlist {
    let owner = map
        .field("owner")
        .and_then(Node::as_object)
        .and_then(|o| str_of(o, "id"))
        .unwrap_or_else(|| "spotify".to_owned());
    let items = items
        .iter()
        .filter_map(|item| {
            let content = item
                .get("item")
                .or_else(|| item.get("track"))
                .and_then(Node::as_object)?;
            let id = Id::parse(content.get("id").and_then(Node::as_str)?)?;
            let item_ref = match content.get("type").and_then(Node::as_str) {
                Some("episode") => ItemRef::Episode(id),
                _ => ItemRef::Track(id),
            };
            Some(PlaylistItem {
                item: item_ref,
                added_at: item
                    .get("added_at")
                    .and_then(Node::as_str)
                    .and_then(parse_timestamp),
                added_by: item
                    .get("added_by")
                    .and_then(Node::as_object)
                    .and_then(|u| str_of(u, "id")),
            })
        })
        .collect();
    Playlist {
        id,
        name: str_of(map, "name").unwrap_or_default(),
        description: str_of(map, "description"),
        collaborative: bool_of(map, "collaborative").unwrap_or(false),
        collaborators: Vec::new(),
        public: bool_of(map, "public"),
        images: images(map, "images"),
        followers: map
            .field("followers")
            .and_then(|f| f.get("total"))
            .and_then(Node::as_u64)
            .unwrap_or(0),
        snapshot_id: str_of(map, "snapshot_id").unwrap_or_default(),
        owner,
        items,
    }
}

fn user(id: &str, map: &(impl Fields + ?Sized)) -> PublicUser {
    PublicUser {
        id: id.to_owned(),
        display_name: str_of(map, "display_name"),
        images: images(map, "images"),
        followers: map
            .field("followers")
            .and_then(|f| f.get("total"))
            .and_then(Node::as_u64)
            .unwrap_or(0),
    }
}

fn audio_features(map: &(impl Fields + ?Sized)) -> Option<AudioFeatures> {
    let f = |field: &str| map.field(field).and_then(Node::as_f64).unwrap_or(0.0);
    let i = |field: &str| map.field(field).and_then(Node::as_i64).unwrap_or(0);
    Some(AudioFeatures {
        id: Id::parse(map.field("id")?.as_str()?)?,
        acousticness: f("acousticness"),
        danceability: f("danceability"),
        energy: f("energy"),
        instrumentalness: f("instrumentalness"),
        key: i("key"),
        liveness: f("liveness"),
        loudness: f("loudness"),
        mode: i("mode"),
        speechiness: f("speechiness"),
        tempo: f("tempo"),
        time_signature: i("time_signature"),
        valence: f("valence"),
        duration_ms: u32_of(map, "duration_ms").unwrap_or(0),
    })
}
