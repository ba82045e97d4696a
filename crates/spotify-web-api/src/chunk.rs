//! Multi-gets: ID lists split into as many requests as the endpoint's maximum needs, sent
//! concurrently (bounded), results in input order, `None` where Spotify knows no such item.
//!
//! Quota-aware: a development-mode app has no multi-gets since 2026-02, so for it the same
//! call becomes concurrent single gets (`GET /tracks/{id}`, a 404 read as `None`). The result
//! is the same list either way. In [`QuotaMode::Auto`](crate::QuotaMode::Auto) the first
//! wave of chunks (sent at once, as for an app known to have the multi-get) tells which kind
//! of app this is, once per client.
//!
//! A multi-get removed in November 2024 (audio features) went with its single get: an app that
//! lacks it gets [`Error::EndpointRemoved`]. Its first answer teaches whether the app has the
//! November 2024 set, which is not the same as its mode (see `quota`).

use std::borrow::Cow;

use futures_util::future::join_all;
use futures_util::stream::{self, StreamExt, TryStreamExt};
use serde::de::DeserializeOwned;

use crate::api::api_path;
use crate::client::{SpotifyWebApi, refused};
use crate::error::{ArgumentProblem, Error, Result};
use crate::http::{ApiRequest, decode_seed};
use crate::lenient::Lenient;
use crate::paging::Member;
use crate::quota::{Availability, Removal, is_refusal};

/// How many multi-get chunks are in flight at once.
const CHUNK_CONCURRENCY: usize = 8;
/// How many single gets are in flight at once when a multi-get is not available.
const SINGLE_CONCURRENCY: usize = 8;
/// The most IDs one call takes, however they are split: a guard against a runaway input.
pub(crate) const MAX_IDS_PER_CALL: usize = 10_000;

/// A multi-get, described: built by the `api/` builders, with no I/O.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MultiGet {
    /// The multi-get path, e.g. `/tracks`; single gets are `{path}/{id}`.
    pub(crate) path: &'static str,
    /// The member of the answer that holds the list, e.g. `tracks`.
    pub(crate) key: &'static str,
    /// The most IDs one request takes (20 for albums, 50 for most).
    pub(crate) max_ids: usize,
    /// The IDs, checked, in the caller's order.
    pub(crate) ids: Vec<String>,
    /// Other query parameters (`market`).
    pub(crate) query: Vec<(&'static str, String)>,
    /// The operation that some apps lack.
    pub(crate) removal: Removal,
    /// Whether an app that lacks the multi-get gets the same list from single gets
    /// (`{path}/{id}`): true unless [`MultiGet::without_single_gets`] says otherwise.
    pub(crate) single_gets: bool,
}

impl MultiGet {
    /// A multi-get of `ids` (already parsed) under `path`.
    pub(crate) fn new<I: AsRef<str>>(
        path: &'static str,
        key: &'static str,
        max_ids: usize,
        removal: Removal,
        ids: Vec<I>,
    ) -> Result<MultiGet> {
        if ids.len() > MAX_IDS_PER_CALL {
            return Err(Error::InvalidArgument {
                name: "ids",
                problem: ArgumentProblem::TooMany {
                    count: ids.len(),
                    max: MAX_IDS_PER_CALL,
                },
            });
        }
        Ok(MultiGet {
            path,
            key,
            max_ids,
            ids: ids.iter().map(|id| id.as_ref().to_owned()).collect(),
            query: Vec::new(),
            removal,
            single_gets: true,
        })
    }

    /// No fallback on single gets: an app that lacks the multi-get lacks the single get too
    /// (the November 2024 audio features), so it gets [`Error::EndpointRemoved`].
    pub(crate) fn without_single_gets(mut self) -> MultiGet {
        self.single_gets = false;
        self
    }

    /// Adds a query parameter to every request when `value` is present.
    pub(crate) fn query(mut self, name: &'static str, value: Option<impl ToString>) -> MultiGet {
        if let Some(value) = value {
            self.query.push((name, value.to_string()));
        }
        self
    }

    /// The multi-get requests, one per chunk of at most `max_ids` IDs.
    pub(crate) fn chunk_requests(&self) -> Vec<ApiRequest> {
        self.ids
            .chunks(self.max_ids.max(1))
            .map(|chunk| {
                self.with_query(ApiRequest::get(self.path))
                    .query("ids", Some(chunk.join(",")))
            })
            .collect()
    }

    /// The single-get request of one ID.
    pub(crate) fn single_request(&self, id: &str) -> ApiRequest {
        self.with_query(ApiRequest::get(api_path!(self.path, "/", id)))
    }

    fn with_query(&self, mut request: ApiRequest) -> ApiRequest {
        for (name, value) in &self.query {
            request.query.push((Cow::Borrowed(name), value.clone()));
        }
        request
    }
}

impl SpotifyWebApi {
    /// Runs a multi-get the way the app can: chunks, or single gets.
    pub(crate) async fn multi_get<T>(&self, request: MultiGet) -> Result<Vec<Option<T>>>
    where
        T: Lenient + DeserializeOwned + Send + 'static,
    {
        if request.ids.is_empty() {
            return Ok(Vec::new());
        }
        let quota = &self.inner.quota;
        let change = request.removal.change;
        match quota.availability(change) {
            Availability::Removed => return self.without_multi_get(&request).await,
            Availability::Available => return self.chunks(&request, 0, Vec::new()).await,
            Availability::Unknown => {}
        }
        let probe = quota.probe.lock().await;
        match quota.availability(change) {
            Availability::Removed => {
                drop(probe);
                return self.without_multi_get(&request).await;
            }
            Availability::Available => {
                drop(probe);
                return self.chunks(&request, 0, Vec::new()).await;
            }
            Availability::Unknown => {}
        }
        // The first wave goes out at once, as it would for an app known to have the
        // multi-get: waiting for one chunk's answer first would add a round trip to every
        // first call of an extended app. An app that lacks it refuses the whole wave (at
        // most `CHUNK_CONCURRENCY` requests, once per client); other callers wait on `probe`.
        let requests = request.chunk_requests();
        let wave = requests.len().min(CHUNK_CONCURRENCY);
        let answers = join_all(requests[..wave].iter().map(|chunk| self.send(chunk))).await;
        if answers
            .iter()
            .any(|answer| answer.as_ref().is_err_and(is_refusal))
        {
            quota.learn_from(change, false);
            drop(probe);
            return self.without_multi_get(&request).await;
        }
        let mut first = Vec::with_capacity(request.ids.len());
        for (n, answer) in answers.into_iter().enumerate() {
            let body = answer?;
            if n == 0 {
                quota.learn_from(change, true);
            }
            first.extend(chunk_items(&body, request.key, chunk_len(&request, n))?);
        }
        drop(probe);
        self.chunks(&request, wave, first).await
    }

    /// For an app that lacks the multi-get: single gets where they replace it, else
    /// [`Error::EndpointRemoved`] without a request.
    async fn without_multi_get<T>(&self, request: &MultiGet) -> Result<Vec<Option<T>>>
    where
        T: Lenient + DeserializeOwned + Send + 'static,
    {
        if request.single_gets {
            self.single_gets(request).await
        } else {
            Err(request.removal.error())
        }
    }

    /// The chunks of `request` after the first `skip`, whose items are `done`, concurrently,
    /// in order.
    async fn chunks<T>(
        &self,
        request: &MultiGet,
        skip: usize,
        done: Vec<Option<T>>,
    ) -> Result<Vec<Option<T>>>
    where
        T: Lenient + Send + 'static,
    {
        let (key, removal) = (request.key, request.removal);
        let chunks: Vec<(ApiRequest, usize)> = request
            .chunk_requests()
            .into_iter()
            .enumerate()
            .skip(skip)
            .map(|(n, chunk)| (chunk, chunk_len(request, n)))
            .collect();
        let api = self.clone();
        let rest: Vec<Vec<Option<T>>> = stream::iter(chunks)
            .map(move |(chunk, expected)| {
                let api = api.clone();
                async move {
                    // A 403 here means the app lacks the multi-get after all.
                    let body = api.send(&chunk).await.map_err(|e| refused(e, removal))?;
                    chunk_items::<T>(&body, key, expected)
                }
            })
            .buffered(CHUNK_CONCURRENCY)
            .try_collect()
            .await?;
        let mut items = done;
        items.extend(rest.into_iter().flatten());
        Ok(items)
    }

    /// One single get per ID, concurrently, in order; a 404 is `None`.
    async fn single_gets<T>(&self, request: &MultiGet) -> Result<Vec<Option<T>>>
    where
        T: Lenient + DeserializeOwned + Send + 'static,
    {
        let singles: Vec<ApiRequest> = request
            .ids
            .iter()
            .map(|id| request.single_request(id))
            .collect();
        let api = self.clone();
        stream::iter(singles)
            .map(move |single| {
                let api = api.clone();
                async move {
                    match api.send(&single).await {
                        Ok(body) => crate::http::decode_model::<T>(&body).map(Some),
                        Err(error) if error.is_not_found() => Ok(None),
                        Err(error) => Err(error),
                    }
                }
            })
            .buffered(SINGLE_CONCURRENCY)
            .try_collect()
            .await
    }
}

/// How many IDs chunk `n` of `request` holds.
fn chunk_len(request: &MultiGet, n: usize) -> usize {
    let size = request.max_ids.max(1);
    request.ids.len().saturating_sub(n * size).min(size)
}

/// The items of one chunk's answer, exactly `expected` of them so positions stay aligned with
/// the IDs even if Spotify sends too few or too many.
pub(crate) fn chunk_items<T: Lenient>(
    body: &[u8],
    key: &'static str,
    expected: usize,
) -> Result<Vec<Option<T>>> {
    let mut items: Vec<Option<T>> = decode_seed(body, || Member::new(key))?;
    items.resize_with(expected, || None);
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{i:0>22}")).collect()
    }

    #[test]
    fn ids_are_split_by_the_endpoint_maximum_in_order() {
        let request = MultiGet::new("/albums", "albums", 20, Removal::feb_2026("x"), ids(45))
            .unwrap()
            .query("market", Some("SE"));
        let chunks = request.chunk_requests();
        assert_eq!(chunks.len(), 3);
        let sizes: Vec<usize> = chunks
            .iter()
            .map(|c| c.query_value("ids").unwrap().split(',').count())
            .collect();
        assert_eq!(sizes, [20, 20, 5]);
        assert!(
            chunks[0]
                .query_value("ids")
                .unwrap()
                .starts_with(&ids(1)[0])
        );
        assert!(chunks.iter().all(|c| c.query_value("market") == Some("SE")));
        assert_eq!((chunk_len(&request, 0), chunk_len(&request, 2)), (20, 5));
        let single = request.single_request("abc");
        assert_eq!(single.path, "/albums/abc");
        assert_eq!(single.query_value("market"), Some("SE"));
    }

    #[test]
    fn chunk_answers_keep_their_length() {
        let short: Vec<Option<u32>> = chunk_items(br#"{"tracks":[1,null]}"#, "tracks", 3).unwrap();
        assert_eq!(short, [Some(1), None, None]);
        let long: Vec<Option<u32>> = chunk_items(br#"{"tracks":[1,2,3]}"#, "tracks", 2).unwrap();
        assert_eq!(long, [Some(1), Some(2)]);
    }

    #[test]
    fn a_runaway_id_list_is_refused() {
        assert!(matches!(
            MultiGet::new(
                "/tracks",
                "tracks",
                50,
                Removal::feb_2026("x"),
                ids(MAX_IDS_PER_CALL + 1)
            ),
            Err(Error::InvalidArgument { name: "ids", .. })
        ));
    }
}
