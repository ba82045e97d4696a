//! Search:
//!
//! - `search` (`GET /search`): [`SpotifyWebApi::search`], with [`SearchQuery`] to write the
//!   query's field filters and [`Search::stream`] / [`Search::fetch_all`] for every result of
//!   one type.

use std::fmt;
use std::future::Future;
use std::ops::RangeInclusive;

use crate::api::{full_pages, impl_into_future};
use crate::client::SpotifyWebApi;
use crate::error::{ArgumentProblem, Error, Result};
use crate::http::{ApiRequest, PageBounds};
use crate::market::{IntoMarket, Market};
use crate::model::{
    Artist, Lenient, Page, SearchResults, SimplifiedAlbum, SimplifiedAudiobook, SimplifiedEpisode,
    SimplifiedPlaylist, SimplifiedShow, Track,
};
use crate::paging::{PageQuery, PageStream};

/// Search's paging bounds since 2026-02: `limit` 1..=10, `offset` at most 1000
/// (`SPOTIFY-PROTOCOL.md` §2.4).
const SEARCH_BOUNDS: PageBounds = PageBounds::DEFAULT.max_limit(10).max_offset(1000);

/// # Search
impl SpotifyWebApi {
    /// Search the catalogue: albums, artists, playlists, tracks, shows, episodes or audiobooks
    /// whose names match `query`, one page per type. `query` is text in Spotify's query
    /// language (words, and field filters such as `artist:` or `year:1990-1995`);
    /// [`SearchQuery`] writes the filters for you.
    ///
    /// Spec: `search` · `GET /search` · scopes: none.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::api::search::{SearchQuery, SearchType};
    ///
    /// let results = api
    ///     .search(SearchQuery::new("doxy").artist("Miles Davis").years(1955..=1960))
    ///     .types([SearchType::Track, SearchType::Album])
    ///     .market("SE")
    ///     .limit(10)
    ///     .await?;
    /// for track in results.tracks.iter().flatten() {
    ///     println!("{} ({})", track.name, track.album.name);
    /// }
    /// // The next page of tracks alone:
    /// if let Some(tracks) = &results.tracks {
    ///     let more = api.next_page(tracks).await?;
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] before sending for an empty query, an empty list of types,
    /// a `limit` outside 1..=10 or an `offset` past 1000.
    pub fn search(&self, query: impl Into<String>) -> Search {
        Search {
            api: self.clone(),
            q: query.into(),
            types: SearchType::ALL.to_vec(),
            market: None,
            page: PageQuery::default(),
            include_external: None,
        }
    }
}

/// What a search looks for: the values of `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SearchType {
    /// Albums (`type=album`).
    Album,
    /// Artists (`type=artist`).
    Artist,
    /// Playlists (`type=playlist`).
    Playlist,
    /// Tracks (`type=track`).
    Track,
    /// Podcast shows (`type=show`).
    Show,
    /// Podcast episodes (`type=episode`).
    Episode,
    /// Audiobooks (`type=audiobook`; Spotify has them in some markets only).
    Audiobook,
}

impl SearchType {
    /// Every type, in the spec's order.
    pub const ALL: [SearchType; 7] = [
        SearchType::Album,
        SearchType::Artist,
        SearchType::Playlist,
        SearchType::Track,
        SearchType::Show,
        SearchType::Episode,
        SearchType::Audiobook,
    ];

    /// The value sent on the wire: `album`, `artist`...
    pub fn as_str(self) -> &'static str {
        match self {
            SearchType::Album => "album",
            SearchType::Artist => "artist",
            SearchType::Playlist => "playlist",
            SearchType::Track => "track",
            SearchType::Show => "show",
            SearchType::Episode => "episode",
            SearchType::Audiobook => "audiobook",
        }
    }
}

impl fmt::Display for SearchType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Externally hosted content the client can play (`include_external`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IncludeExternal {
    /// Externally hosted audio: Spotify then marks such episodes playable.
    Audio,
}

impl IncludeExternal {
    /// The value sent on the wire: `audio`.
    pub fn as_str(self) -> &'static str {
        match self {
            IncludeExternal::Audio => "audio",
        }
    }
}

mod sealed {
    pub trait Sealed {}
}

/// An item type that search returns, for [`Search::stream`] and [`Search::fetch_all`]: its
/// `type` value and the member of the results that holds its page.
///
/// Implemented for [`Track`], [`Artist`], [`SimplifiedAlbum`], [`SimplifiedPlaylist`],
/// [`SimplifiedShow`], [`SimplifiedEpisode`] and [`SimplifiedAudiobook`]; sealed.
pub trait SearchItem: sealed::Sealed + Lenient + Send + 'static {
    /// The `type` value that asks for this item type.
    const TYPE: SearchType;
    /// The member of the results that holds this type's page (`tracks`).
    const KEY: &'static str;
}

macro_rules! search_items {
    ($($item:ty => $kind:ident, $key:literal;)*) => {$(
        impl sealed::Sealed for $item {}
        impl SearchItem for $item {
            const TYPE: SearchType = SearchType::$kind;
            const KEY: &'static str = $key;
        }
    )*};
}

search_items! {
    SimplifiedAlbum => Album, "albums";
    Artist => Artist, "artists";
    SimplifiedPlaylist => Playlist, "playlists";
    Track => Track, "tracks";
    SimplifiedShow => Show, "shows";
    SimplifiedEpisode => Episode, "episodes";
    SimplifiedAudiobook => Audiobook, "audiobooks";
}

/// Builder for [`SpotifyWebApi::search`]; `.await` returns `Result<SearchResults>` (one page
/// per type asked for).
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Search {
    api: SpotifyWebApi,
    q: String,
    types: Vec<SearchType>,
    market: Option<Result<Market>>,
    page: PageQuery,
    include_external: Option<IncludeExternal>,
}

impl Search {
    /// The types to search for, each given a page of the results. Default: every type.
    pub fn types(mut self, types: impl IntoIterator<Item = SearchType>) -> Self {
        self.types = types.into_iter().collect();
        self
    }

    /// Only content available in this market: a country code or [`Market::FromToken`] (a
    /// user token's country, which Spotify uses anyway when the token has a user).
    /// Default: none.
    pub fn market(mut self, market: impl IntoMarket) -> Self {
        self.market = Some(market.into_market());
        self
    }

    /// Results per type, 1..=10. Default: 5 (both since 2026-02; it was 50 and 20).
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first result of each type, 0..=1000. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    /// Externally hosted content the client can play. Default: none (Spotify marks such
    /// content unplayable).
    pub fn include_external(mut self, include: IncludeExternal) -> Self {
        self.include_external = Some(include);
        self
    }

    /// Every result of one type, page after page (each page fetched when the previous one is
    /// used up, 10 per page unless `limit` was set). The types set on the builder are
    /// replaced by `T`'s; Spotify serves no result past offset 1000.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use futures_util::TryStreamExt;
    /// use spotify_web_api::model::Track;
    ///
    /// let tracks: Vec<Track> = api.search("golden river").stream::<Track>().try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn stream<T: SearchItem>(mut self) -> PageStream<T> {
        self.types = vec![T::TYPE];
        let api = self.api.clone();
        let request = self.into_request().map(full_pages);
        PageStream::new::<Page<T>>(api, request, Some(T::KEY))
    }

    /// Every result of one type: the first page tells the total, and the other pages are
    /// fetched concurrently (a few at a time), results in order. The types set on the
    /// builder are replaced by `T`'s; Spotify serves no result past offset 1000.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// use spotify_web_api::model::SimplifiedAlbum;
    ///
    /// let albums = api.search("year:1995").fetch_all::<SimplifiedAlbum>().await?;
    /// # Ok(()) }
    /// ```
    pub fn fetch_all<T: SearchItem>(
        mut self,
    ) -> impl Future<Output = Result<Vec<T>>> + Send + 'static {
        self.types = vec![T::TYPE];
        let api = self.api.clone();
        let request = self.into_request();
        async move { api.fetch_all::<T>(request, Some(T::KEY)).await }
    }

    /// The blocking form of [`stream`](Self::stream) (feature `blocking`): every result of
    /// one type, page after page.
    ///
    /// # Panics
    ///
    /// `next` panics when called from async code (see [`blocking`](crate::blocking)).
    #[cfg(feature = "blocking")]
    pub fn iter<T: SearchItem>(self) -> crate::blocking::Iter<T> {
        let api = self.api.clone();
        crate::blocking::Iter::new(&api, self.stream::<T>())
    }

    /// The blocking form of [`fetch_all`](Self::fetch_all) (feature `blocking`): every result
    /// of one type, pages fetched concurrently, results in order.
    ///
    /// # Panics
    ///
    /// When called from async code (see [`blocking`](crate::blocking)).
    #[cfg(feature = "blocking")]
    pub fn send_all<T: SearchItem>(self) -> Result<Vec<T>> {
        let api = self.api.clone();
        crate::blocking::wait(&api, self.fetch_all::<T>())
    }

    fn into_request(self) -> Result<ApiRequest> {
        let empty = |name| Error::InvalidArgument {
            name,
            problem: ArgumentProblem::Empty,
        };
        if self.q.trim().is_empty() {
            return Err(empty("q"));
        }
        let mut types: Vec<&str> = Vec::with_capacity(self.types.len());
        for kind in &self.types {
            if !types.contains(&kind.as_str()) {
                types.push(kind.as_str());
            }
        }
        if types.is_empty() {
            return Err(empty("type"));
        }
        let request = ApiRequest::get("/search")
            .query("q", Some(self.q))
            .query("type", Some(types.join(",")))
            .query("market", self.market.transpose()?)
            .query(
                "include_external",
                self.include_external.map(|i| i.as_str()),
            );
        self.page.apply(request, SEARCH_BOUNDS)
    }
}

impl_into_future!(Search => SearchResults);

/// A search query in Spotify's query language: free text, then typed field filters, each
/// written as Spotify reads it.
///
/// ```
/// use spotify_web_api::api::search::SearchQuery;
///
/// let q = SearchQuery::new("remaster")
///     .track("Doxy")
///     .artist("Miles Davis")
///     .years(1955..=1960);
/// assert_eq!(q.to_string(), r#"remaster track:Doxy artist:"Miles Davis" year:1955-1960"#);
/// ```
///
/// A value with spaces (or a colon) is quoted, so every word of it filters. Spotify's query
/// language has no escape for a `"` inside a value: it is written as a space, which matches
/// the same words (search compares words; punctuation separates them) and keeps a value from
/// ending its quotes early and smuggling in a filter of its own.
///
/// Each filter applies to some result types only (the spec): `artist` and `year` to albums,
/// artists and tracks; `album` to albums and tracks; `genre` to artists and tracks; `isrc` and
/// `track` to tracks; `upc`, `tag:new` and `tag:hipster` to albums.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    text: String,
    filters: Vec<String>,
}

impl SearchQuery {
    /// A query of free text, sent as given (so it may hold Spotify filters of its own).
    pub fn new(text: impl Into<String>) -> SearchQuery {
        SearchQuery {
            text: text.into(),
            filters: Vec::new(),
        }
    }

    fn filter(mut self, field: &str, value: &str) -> SearchQuery {
        let words: Vec<&str> = value
            .split(|c: char| c == '"' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        let value = words.join(" ");
        if value.is_empty() {
            return self;
        }
        if words.len() > 1 || value.contains(':') {
            self.filters.push(format!("{field}:\"{value}\""));
        } else {
            self.filters.push(format!("{field}:{value}"));
        }
        self
    }

    fn code(mut self, field: &str, code: &str) -> SearchQuery {
        let code: String = code
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if !code.is_empty() {
            self.filters.push(format!("{field}:{code}"));
        }
        self
    }

    /// Items by this artist (albums, artists, tracks). An empty name adds nothing.
    pub fn artist(self, name: impl AsRef<str>) -> SearchQuery {
        self.filter("artist", name.as_ref())
    }

    /// Albums of this name, and tracks on them. An empty name adds nothing.
    pub fn album(self, name: impl AsRef<str>) -> SearchQuery {
        self.filter("album", name.as_ref())
    }

    /// Tracks of this name. An empty name adds nothing.
    pub fn track(self, name: impl AsRef<str>) -> SearchQuery {
        self.filter("track", name.as_ref())
    }

    /// Artists of this genre, and their tracks. An empty genre adds nothing.
    pub fn genre(self, genre: impl AsRef<str>) -> SearchQuery {
        self.filter("genre", genre.as_ref())
    }

    /// Released in this year (albums, artists, tracks).
    pub fn year(mut self, year: u16) -> SearchQuery {
        self.filters.push(format!("year:{year}"));
        self
    }

    /// Released in these years, both ends included (albums, artists, tracks). A reversed
    /// range is read the right way round.
    pub fn years(mut self, years: RangeInclusive<u16>) -> SearchQuery {
        let (a, b) = years.into_inner();
        self.filters.push(format!("year:{}-{}", a.min(b), a.max(b)));
        self
    }

    /// The track with this ISRC (International Standard Recording Code). Only letters, digits
    /// and dashes are kept.
    pub fn isrc(self, isrc: impl AsRef<str>) -> SearchQuery {
        self.code("isrc", isrc.as_ref())
    }

    /// The album with this UPC (Universal Product Code). Only letters, digits and dashes are
    /// kept.
    pub fn upc(self, upc: impl AsRef<str>) -> SearchQuery {
        self.code("upc", upc.as_ref())
    }

    /// Albums released in the last two weeks (`tag:new`).
    pub fn tag_new(mut self) -> SearchQuery {
        self.filters.push("tag:new".to_owned());
        self
    }

    /// Albums among the 10% least popular (`tag:hipster`).
    pub fn tag_hipster(mut self) -> SearchQuery {
        self.filters.push("tag:hipster".to_owned());
        self
    }
}

impl fmt::Display for SearchQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.text.trim();
        f.write_str(text)?;
        for (i, filter) in self.filters.iter().enumerate() {
            if i > 0 || !text.is_empty() {
                f.write_str(" ")?;
            }
            f.write_str(filter)?;
        }
        Ok(())
    }
}

impl From<SearchQuery> for String {
    fn from(query: SearchQuery) -> String {
        query.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;

    #[test]
    fn request_has_q_types_market_and_bounds() {
        let req = SpotifyWebApi::new()
            .search("surfin bird")
            .types([SearchType::Track, SearchType::Album, SearchType::Track])
            .market("se")
            .include_external(IncludeExternal::Audio)
            .limit(10)
            .offset(1000)
            .into_request()
            .unwrap();
        assert_eq!((req.method, req.path.as_str()), (Method::Get, "/search"));
        assert_eq!(
            req.query_pairs(),
            [
                ("q", "surfin bird"),
                ("type", "track,album"),
                ("market", "SE"),
                ("include_external", "audio"),
                ("limit", "10"),
                ("offset", "1000"),
            ]
        );
        assert_eq!(req.paging, Some(SEARCH_BOUNDS));
        let all = SpotifyWebApi::new().search("x").into_request().unwrap();
        assert_eq!(
            all.query_value("type"),
            Some("album,artist,playlist,track,show,episode,audiobook")
        );
        assert_eq!(all.query_value("limit"), None, "Spotify's default of 5");
    }

    #[test]
    fn bad_arguments_fail_before_sending() {
        let api = SpotifyWebApi::new();
        let problem = |search: Search| match search.into_request() {
            Err(Error::InvalidArgument { name, problem }) => (name, problem),
            other => panic!("{other:?}"),
        };
        let range = |value, min, max| ArgumentProblem::OutOfRange { value, min, max };
        assert_eq!(
            problem(api.search("x").limit(11)),
            ("limit", range(11, 1, 10))
        );
        assert_eq!(
            problem(api.search("x").limit(0)),
            ("limit", range(0, 1, 10))
        );
        assert_eq!(
            problem(api.search("x").offset(1001)),
            ("offset", range(1001, 0, 1000))
        );
        assert_eq!(problem(api.search("  ")), ("q", ArgumentProblem::Empty));
        assert_eq!(
            problem(api.search("x").types([])),
            ("type", ArgumentProblem::Empty)
        );
        assert_eq!(
            problem(api.search("x").market("Sweden")),
            ("market", ArgumentProblem::NotACountryCode)
        );
    }

    #[test]
    fn every_item_type_names_its_type_and_key() {
        fn pair<T: SearchItem>() -> (&'static str, &'static str) {
            (T::TYPE.as_str(), T::KEY)
        }
        assert_eq!(
            [
                pair::<SimplifiedAlbum>(),
                pair::<Artist>(),
                pair::<SimplifiedPlaylist>(),
                pair::<Track>(),
                pair::<SimplifiedShow>(),
                pair::<SimplifiedEpisode>(),
                pair::<SimplifiedAudiobook>(),
            ],
            SearchType::ALL.map(|t| (
                t.as_str(),
                match t {
                    SearchType::Album => "albums",
                    SearchType::Artist => "artists",
                    SearchType::Playlist => "playlists",
                    SearchType::Track => "tracks",
                    SearchType::Show => "shows",
                    SearchType::Episode => "episodes",
                    SearchType::Audiobook => "audiobooks",
                }
            ))
        );
    }

    #[test]
    fn query_filters_are_quoted_and_cannot_be_escaped_from() {
        let q = SearchQuery::new("  remaster ")
            .track("Doxy")
            .artist("Miles  Davis")
            .album("Kind of Blue: Legacy")
            .genre("")
            .year(1959)
            .years(RangeInclusive::new(1960, 1955))
            .isrc("US-SM1 9900 \"1")
            .upc("\"0 74646\"")
            .tag_new()
            .tag_hipster();
        assert_eq!(
            q.to_string(),
            r#"remaster track:Doxy artist:"Miles Davis" album:"Kind of Blue: Legacy" year:1959 year:1955-1960 isrc:US-SM199001 upc:074646 tag:new tag:hipster"#
        );
        // A quote in a value never closes the value's own quotes.
        let hostile = SearchQuery::new("").artist(r#"x" year:2000 track:"y"#);
        assert_eq!(hostile.to_string(), r#"artist:"x year:2000 track: y""#);
        assert_eq!(SearchQuery::new("").artist(r#"""#).to_string(), "");
        assert_eq!(SearchQuery::new("").genre("rock").to_string(), "genre:rock");
        let as_string: String = SearchQuery::new("a").year(2001).into();
        assert_eq!(as_string, "a year:2001");
        let req = SpotifyWebApi::new()
            .search(SearchQuery::new("bird").artist("The Trashmen"))
            .into_request()
            .unwrap();
        assert_eq!(req.query_value("q"), Some(r#"bird artist:"The Trashmen""#));
    }

    #[test]
    fn a_stream_asks_for_its_type_alone_in_pages_of_ten() {
        // What `stream` sends: the same request as `into_request` with one type and a limit.
        let mut search = SpotifyWebApi::new().search("x").types([SearchType::Album]);
        search.types = vec![<Track as SearchItem>::TYPE];
        let req = full_pages(search.into_request().unwrap());
        assert_eq!(req.query_value("type"), Some("track"));
        assert_eq!(req.query_value("limit"), Some("10"));
    }
}
