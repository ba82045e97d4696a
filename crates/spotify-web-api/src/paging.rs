//! Paging: the limits of each paged operation, pages one at a time, a stream of every item,
//! and a concurrent fetch of them all.
//!
//! Every paged operation's builder `.await`s to one [`Page`] and also offers
//! [`stream`](crate::api::albums::GetAlbumTracks::stream) (every item, page after page, each
//! page fetched through the client's pipeline, so retries and rate limits apply) and
//! [`fetch_all`](crate::api::albums::GetAlbumTracks::fetch_all) (the first page tells the
//! total; the other pages are fetched concurrently, bounded, and the items come back in order).
//! [`SpotifyWebApi::next_page`] and [`SpotifyWebApi::previous_page`] move one page at a time.
//!
//! A `next` URL is followed only when it lies under the client's API base URL
//! ([`Error::UntrustedUrl`] otherwise): the bearer token never goes to another host.

use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};
use serde::Deserializer;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use crate::client::SpotifyWebApi;
use crate::error::{ArgumentProblem, Error, Result};
use crate::http::{ApiRequest, PageBounds, decode_seed};
use crate::lenient::Lenient;
use crate::model::{CursorPage, Page};

/// How many pages [`fetch_all`](crate::api::albums::GetAlbumTracks::fetch_all) keeps in
/// flight at once.
pub(crate) const PAGE_CONCURRENCY: usize = 8;

/// The `limit` and `offset` a caller set on a paged builder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PageQuery {
    pub(crate) limit: Option<u32>,
    pub(crate) offset: Option<u32>,
}

impl PageQuery {
    /// Checks the values against `bounds` and adds them to `req`, which remembers the bounds
    /// for [`SpotifyWebApi::fetch_all`].
    pub(crate) fn apply(self, mut req: ApiRequest, bounds: PageBounds) -> Result<ApiRequest> {
        let out_of_range = |name, value: u32, min: u32, max: u32| Error::InvalidArgument {
            name,
            problem: ArgumentProblem::OutOfRange {
                value: value.into(),
                min: min.into(),
                max: max.into(),
            },
        };
        if let Some(limit) = self.limit
            && !(bounds.min_limit..=bounds.max_limit).contains(&limit)
        {
            return Err(out_of_range(
                "limit",
                limit,
                bounds.min_limit,
                bounds.max_limit,
            ));
        }
        if let (Some(offset), Some(max)) = (self.offset, bounds.max_offset)
            && offset > max
        {
            return Err(out_of_range("offset", offset, 0, max));
        }
        req = req.query("limit", self.limit).query("offset", self.offset);
        req.paging = Some(bounds);
        Ok(req)
    }
}

/// Decodes a page: the body itself for `key = None`, or its member `key` for an envelope
/// (`{"albums": {...page...}}` for `Some("albums")`). Straight from the bytes into the model,
/// in one pass.
pub(crate) fn decode_page<P: Lenient + Default + HasItems>(
    body: &[u8],
    key: Option<&'static str>,
) -> Result<P> {
    match key {
        Some(key) => decode_member(body, key),
        None => {
            decode_seed(body, crate::lenient::LenientSeed::<P>::new).map(Option::unwrap_or_default)
        }
    }
}

/// Decodes the member `key` of an envelope of one list (`{"tracks": [...]}`), leniently: a
/// missing member is the empty default; only a body that is not an object fails.
pub(crate) fn decode_member<V: Lenient + Default>(body: &[u8], key: &'static str) -> Result<V> {
    decode_seed(body, || Member::<V>::new(key))
}

/// Decodes the answer to a `next` URL whose envelope the caller did not name: a body with
/// `items` is the page, and any other body is searched for the first member that is one.
pub(crate) fn decode_page_anywhere<P: Lenient + Default + HasItems>(body: &[u8]) -> Result<P> {
    let value: serde_json::Value = crate::http::decode(body, false)?;
    let page = if value.get("items").is_some() {
        Some(value)
    } else {
        value.as_object().and_then(|members| {
            members
                .values()
                .find(|member| member.get("items").is_some())
                .cloned()
        })
    };
    match page {
        Some(page) => Ok(P::lenient(page).ok().flatten().unwrap_or_default()),
        None => Ok(P::default()),
    }
}

/// A paging object: where its `next` and `previous` URLs are.
pub(crate) trait HasItems {
    fn next_url(&self) -> Option<&str>;
}

impl<T> HasItems for Page<T> {
    fn next_url(&self) -> Option<&str> {
        self.next.as_deref()
    }
}

impl<T> HasItems for CursorPage<T> {
    fn next_url(&self) -> Option<&str> {
        self.next.as_deref()
    }
}

/// A seed that reads one member of a JSON object, leniently, and skips the others.
pub(crate) struct Member<V> {
    key: &'static str,
    marker: PhantomData<V>,
}

impl<V> Member<V> {
    pub(crate) fn new(key: &'static str) -> Self {
        Member {
            key,
            marker: PhantomData,
        }
    }
}

impl<'de, V: Lenient + Default> DeserializeSeed<'de> for Member<V> {
    type Value = V;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<V, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, V: Lenient + Default> crate::reader::ReadSeed<'de> for Member<V> {
    /// An object, its member `key` read as `V` (the last one, if several); anything but an
    /// object is left to serde_json (an error).
    fn read(self, reader: &mut crate::reader::Reader<'de>) -> Result<V, crate::reader::Bail> {
        if reader.peek()? != b'{' || !reader.begin_object()? {
            return Err(crate::reader::Bail);
        }
        let mut found = None;
        let mut first = true;
        while let Some(key) = reader.next_key(&mut first)? {
            if key == self.key {
                found = V::read(reader)?;
            } else {
                reader.skip()?;
            }
        }
        Ok(found.unwrap_or_default())
    }
}

impl<'de, V: Lenient + Default> Visitor<'de> for Member<V> {
    type Value = V;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with `{}`", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<V, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.key {
                found = map.next_value_seed(crate::lenient::LenientSeed::<V>::new())?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found.unwrap_or_default())
    }
}

/// Every item of a paged list, page after page: what `stream()` returns.
///
/// Each page is fetched when the previous one is used up, through the client's pipeline
/// (token renewal, retries, rate limits). An error ends the stream after it is yielded.
#[must_use = "a stream does nothing until it is polled"]
pub struct PageStream<T> {
    inner: Pin<Box<dyn Stream<Item = Result<T>> + Send>>,
}

impl<T> fmt::Debug for PageStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PageStream").finish_non_exhaustive()
    }
}

impl<T> Stream for PageStream<T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<T>>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// Where a stream of pages stands.
enum Cursor {
    First(Result<ApiRequest>),
    Next(String),
    Done,
}

impl<T: Send + 'static> PageStream<T> {
    /// Streams the items of the pages of type `P`, starting with `first`.
    pub(crate) fn new<P>(
        api: SpotifyWebApi,
        first: Result<ApiRequest>,
        key: Option<&'static str>,
    ) -> Self
    where
        P: Lenient + Default + HasItems + IntoIterator<Item = T> + Send + 'static,
        P::IntoIter: Send,
    {
        let pages = stream::try_unfold(Cursor::First(first), move |cursor| {
            let api = api.clone();
            async move {
                let request = match cursor {
                    Cursor::Done => return Ok(None),
                    Cursor::First(request) => request?,
                    Cursor::Next(url) => ApiRequest::get_url(api.inner.pipeline.base(), &url)?,
                };
                let body = api.execute_raw(&request).await?;
                let page: P = decode_page(&body, key)?;
                let next = match page.next_url() {
                    Some(url) => Cursor::Next(url.to_owned()),
                    None => Cursor::Done,
                };
                Ok(Some((page, next)))
            }
        });
        let items = pages
            .map_ok(|page| stream::iter(page.into_iter().map(Ok)))
            .try_flatten();
        PageStream {
            inner: Box::pin(items),
        }
    }
}

impl SpotifyWebApi {
    /// The page after `page`, or `None` on the last page.
    ///
    /// ```no_run
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let mut page = api.get_album_tracks("4aawyAB9vmqN3uQ7FjRGTy").limit(10).await?;
    /// loop {
    ///     for track in &page {
    ///         println!("{}", track.name);
    ///     }
    ///     match api.next_page(&page).await? {
    ///         Some(next) => page = next,
    ///         None => break,
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::UntrustedUrl`] when the page's `next` URL is not under the client's API base.
    pub async fn next_page<T: Lenient>(&self, page: &Page<T>) -> Result<Option<Page<T>>> {
        self.follow(page.next.as_deref()).await
    }

    /// The page before `page`, or `None` on the first page.
    ///
    /// # Errors
    ///
    /// [`Error::UntrustedUrl`] when the page's `previous` URL is not under the client's API
    /// base.
    pub async fn previous_page<T: Lenient>(&self, page: &Page<T>) -> Result<Option<Page<T>>> {
        self.follow(page.previous.as_deref()).await
    }

    /// The cursor page after `page`, or `None` on the last page.
    ///
    /// # Errors
    ///
    /// [`Error::UntrustedUrl`] when the page's `next` URL is not under the client's API base.
    pub async fn next_cursor_page<T: Lenient>(
        &self,
        page: &CursorPage<T>,
    ) -> Result<Option<CursorPage<T>>> {
        self.follow(page.next.as_deref()).await
    }

    async fn follow<P: Lenient + Default + HasItems>(
        &self,
        url: Option<&str>,
    ) -> Result<Option<P>> {
        let Some(url) = url else {
            return Ok(None);
        };
        let request = ApiRequest::get_url(self.inner.pipeline.base(), url)?;
        let body = self.execute_raw(&request).await?;
        decode_page_anywhere(&body).map(Some)
    }

    /// One page of a paged operation whose body is the page, or wraps it in `key`.
    pub(crate) async fn fetch_page<P: Lenient + Default + HasItems>(
        &self,
        request: ApiRequest,
        key: Option<&'static str>,
    ) -> Result<P> {
        let body = self.execute_raw(&request).await?;
        decode_page(&body, key)
    }

    /// The member `key` of the body of an operation whose answer is an envelope of one list
    /// (`{"tracks": [...]}`), read leniently: a missing member is the empty default.
    pub(crate) async fn fetch_member<V: Lenient + Default>(
        &self,
        request: ApiRequest,
        key: &'static str,
    ) -> Result<V> {
        let body = self.execute_raw(&request).await?;
        decode_member(&body, key)
    }

    /// Every item of an offset-paged operation: the first page tells the total, the other
    /// pages are fetched concurrently (at most [`PAGE_CONCURRENCY`] at once), in order.
    pub(crate) async fn fetch_all<T: Lenient + Send + 'static>(
        &self,
        request: Result<ApiRequest>,
        key: Option<&'static str>,
    ) -> Result<Vec<T>> {
        let mut request = request?;
        let bounds = request.paging.unwrap_or(PageBounds::DEFAULT);
        // Collecting everything: the page size is ours to choose, unless the caller chose.
        if request.query_value("limit").is_none() {
            request.set_query("limit", bounds.max_limit);
        }
        let first: Page<T> = self.fetch_page(request.clone(), key).await?;
        let limit = first.limit.max(1);
        let start = first.offset;
        let end = match bounds.max_offset {
            // The last offset Spotify accepts still returns a page.
            Some(max) => first.total.min(max.saturating_add(limit)),
            None => first.total,
        };
        let mut items = first.items;
        if first.next.is_none() {
            return Ok(items);
        }
        let offsets: Vec<u32> = (1..)
            .map(|n: u32| start.saturating_add(limit.saturating_mul(n)))
            .take_while(|offset| *offset < end)
            .filter(|offset| bounds.max_offset.is_none_or(|max| *offset <= max))
            .collect();
        let api = self.clone();
        let pages = stream::iter(offsets)
            .map(move |offset| {
                let mut request = request.clone();
                request.set_query("offset", offset);
                let api = api.clone();
                async move { api.fetch_page::<Page<T>>(request, key).await }
            })
            .buffered(PAGE_CONCURRENCY);
        futures_util::pin_mut!(pages);
        while let Some(page) = pages.next().await {
            let page = page?;
            let done = page.items.is_empty();
            items.extend(page.items);
            if done {
                break;
            }
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_checked_before_sending() {
        let req = PageQuery {
            limit: Some(51),
            offset: None,
        }
        .apply(ApiRequest::get("/x"), PageBounds::DEFAULT);
        assert!(matches!(
            req,
            Err(Error::InvalidArgument {
                name: "limit",
                problem: ArgumentProblem::OutOfRange {
                    value: 51,
                    min: 1,
                    max: 50
                }
            })
        ));
        let search = PageBounds::DEFAULT.max_limit(10).max_offset(1000);
        assert!(
            PageQuery {
                limit: Some(10),
                offset: Some(1000)
            }
            .apply(ApiRequest::get("/search"), search)
            .is_ok()
        );
        assert!(
            PageQuery {
                limit: None,
                offset: Some(1001)
            }
            .apply(ApiRequest::get("/search"), search)
            .is_err()
        );
        let req = PageQuery {
            limit: Some(0),
            offset: None,
        }
        .apply(ApiRequest::get("/x"), PageBounds::DEFAULT);
        assert!(req.is_err());
    }

    #[test]
    fn pages_decode_bare_or_in_their_envelope() {
        let bare = br#"{"items":[1,2],"total":2,"next":null}"#;
        let page: Page<u32> = decode_page(bare, None).unwrap();
        assert_eq!(page.items, [1, 2]);
        let wrapped = br#"{"message":"hi","albums":{"items":[3],"total":1}}"#;
        let page: Page<u32> = decode_page(wrapped, Some("albums")).unwrap();
        assert_eq!(page.items, [3]);
        let page: Page<u32> = decode_page_anywhere(wrapped).unwrap();
        assert_eq!(page.items, [3]);
        let page: Page<u32> = decode_page_anywhere(bare).unwrap();
        assert_eq!(page.items, [1, 2]);
        let page: Page<u32> = decode_page(br#"{"other":{}}"#, Some("albums")).unwrap();
        assert!(page.items.is_empty());
        assert!(decode_page::<Page<u32>>(b"[1]", Some("albums")).is_err());
    }
}
