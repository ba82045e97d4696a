//! The user's library: saving, removing and checking items (and following, which Spotify now
//! counts as saving), split into the batches each endpoint takes, and quota-aware.
//!
//! Two ways in since 2026-02 (`API-CHANGES.md`):
//!
//! - the per-type endpoints (`PUT /me/tracks`, `DELETE /me/albums`, `GET /me/shows/contains`,
//!   `PUT /me/following`, `PUT /playlists/{id}/followers`...), 50 IDs a request (one playlist),
//!   which a development-mode app lost;
//! - the unified `/me/library`, 40 URIs a request, which every app has.
//!
//! A per-type call ([`LibraryCall::per_type`]) goes to its endpoint for an extended-quota app
//! and to `/me/library` for a development-mode one, with the same result. In
//! [`QuotaMode::Auto`](crate::QuotaMode::Auto) the first batch tells which kind of app this
//! is, once per client; when that first batch is a write, it is redone through `/me/library`
//! only after a 403 refusal, which changed nothing. What `/me/library` cannot do has no
//! fallback and is refused before anything is sent ([`Error::EndpointRemoved`]): saving or
//! removing artists (it only checks them) and saving tracks with their own dates
//! (`timestamped_ids`).
//!
//! Writes go one batch after another. If one fails after others landed, the error is
//! [`Error::PartialWrite`], which says how many items (from the start of the list) were
//! written, so the caller can resume after them; nothing is repeated behind the caller's back
//! (the pipeline retries a batch only as an idempotent `PUT`/`DELETE`, which saves nothing
//! twice). Checks (`contains`) go a few batches at a time, answers in order.

use futures_util::stream::{self, StreamExt, TryStreamExt};
use serde::Serialize;

use crate::chunk::MAX_IDS_PER_CALL;
use crate::client::{SpotifyWebApi, name_refusal, refused};
use crate::error::{ArgumentProblem, Error, Result};
use crate::http::{ApiRequest, decode, excerpt};
use crate::id::{IdKind, LibraryItemId};
use crate::quota::{Availability, Removal, is_refusal};
use crate::scope::Scope;

/// The most URIs one `/me/library` request takes.
pub(crate) const LIBRARY_URIS: usize = 40;
/// The most IDs one per-type request takes.
pub(crate) const PER_TYPE_IDS: usize = 50;
/// How many `contains` batches are in flight at once.
const CONTAINS_CONCURRENCY: usize = 4;

/// What a library call does to its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Save, or follow.
    Save,
    /// Remove, or unfollow.
    Remove,
    /// Check whether each item is saved or followed.
    Contains,
}

/// Where a per-type endpoint takes its IDs (the spec's request shapes, `SPEC-GAPS.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdsIn {
    /// `?ids=a,b`.
    Query,
    /// `{"ids": ["a", "b"]}` (or `{"timestamped_ids": [...]}` for dated tracks).
    Body,
    /// Both (`save-episodes-user`).
    QueryAndBody,
}

/// A per-type endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endpoint {
    /// `/me/tracks`, `/me/albums/contains`...: IDs of one kind.
    Ids {
        /// The path.
        path: &'static str,
        /// Where the IDs go.
        ids_in: IdsIn,
    },
    /// `/me/following` or `/me/following/contains`: `type=artist|user` (the batch's kind) and
    /// `ids` in the query.
    Following {
        /// The path.
        path: &'static str,
    },
    /// `/playlists/{id}/followers` (or `/contains`): one playlist a request; a follow may
    /// send `{"public": ..}`.
    PlaylistFollowers {
        /// The `public` of a follow, when set.
        public: Option<bool>,
    },
}

/// The per-type operation a call uses where the app has it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PerType {
    /// The operation, removed for development-mode apps.
    pub(crate) removal: Removal,
    /// Its endpoint.
    pub(crate) endpoint: Endpoint,
    /// The scopes it needs (any one of them).
    pub(crate) scopes: Vec<Scope>,
}

impl PerType {
    /// The operation `operation` (removed in 2026-02) at `endpoint`, needing one of `scopes`.
    pub(crate) fn new(
        operation: &'static str,
        endpoint: Endpoint,
        scopes: impl IntoIterator<Item = Scope>,
    ) -> PerType {
        PerType {
            removal: Removal::feb_2026(operation),
            endpoint,
            scopes: scopes.into_iter().collect(),
        }
    }

    /// The most items one request takes.
    fn max_items(&self) -> usize {
        match self.endpoint {
            Endpoint::PlaylistFollowers { .. } => 1,
            _ => PER_TYPE_IDS,
        }
    }
}

/// A library call, described: built by the `api/` builders, with no I/O.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LibraryCall {
    pub(crate) action: Action,
    /// The items, in the caller's order.
    pub(crate) items: Vec<LibraryItemId>,
    /// For each item, the date it is saved with (`timestamped_ids`), if it has one.
    pub(crate) added_at: Vec<Option<String>>,
    /// The per-type operation, for apps that have it; `None` for the unified operations,
    /// which always use `/me/library`.
    pub(crate) per_type: Option<PerType>,
}

/// One request of a call and how many of its items it carries.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Batch {
    pub(crate) request: ApiRequest,
    pub(crate) len: usize,
}

/// `{"ids": [...]}`.
#[derive(Serialize)]
struct IdsBody<'a> {
    ids: Vec<&'a str>,
}

/// `{"timestamped_ids": [{"id", "added_at"}]}` of `save-tracks-user`.
#[derive(Serialize)]
struct TimestampedBody<'a> {
    timestamped_ids: Vec<TimestampedId<'a>>,
}

#[derive(Serialize)]
struct TimestampedId<'a> {
    id: &'a str,
    added_at: &'a str,
}

/// `{"public": ..}` of `follow-playlist`.
#[derive(Serialize)]
struct PublicBody {
    public: bool,
}

impl LibraryCall {
    /// A call of `action` on `items` through `/me/library`.
    pub(crate) fn new(action: Action, items: Vec<LibraryItemId>) -> Result<LibraryCall> {
        if items.len() > MAX_IDS_PER_CALL {
            return Err(Error::InvalidArgument {
                name: "ids",
                problem: ArgumentProblem::TooMany {
                    count: items.len(),
                    max: MAX_IDS_PER_CALL,
                },
            });
        }
        Ok(LibraryCall {
            action,
            added_at: vec![None; items.len()],
            items,
            per_type: None,
        })
    }

    /// Uses `per_type` where the app has it.
    pub(crate) fn per_type(mut self, per_type: PerType) -> LibraryCall {
        self.per_type = Some(per_type);
        self
    }

    /// Adds `items`, each saved with its own date.
    pub(crate) fn dated(mut self, items: Vec<(LibraryItemId, String)>) -> Result<LibraryCall> {
        for (item, added_at) in items {
            self.items.push(item);
            self.added_at.push(Some(added_at));
        }
        if self.items.len() > MAX_IDS_PER_CALL {
            return Err(Error::InvalidArgument {
                name: "ids",
                problem: ArgumentProblem::TooMany {
                    count: self.items.len(),
                    max: MAX_IDS_PER_CALL,
                },
            });
        }
        Ok(self)
    }

    /// The `/me/library` requests: 40 URIs each, in order.
    ///
    /// # Errors
    ///
    /// What `/me/library` cannot do: an artist to save or remove, or a date to save with. For
    /// a per-type call that is the per-type operation's [`Error::EndpointRemoved`] (the app
    /// lacks the only way); for a unified call an [`Error::InvalidArgument`].
    pub(crate) fn library_batches(&self) -> Result<Vec<Batch>> {
        let artist = self.action != Action::Contains
            && self.items.iter().any(|i| i.kind() == IdKind::Artist);
        let dated = self.added_at.iter().any(Option::is_some);
        if artist || dated {
            return Err(match &self.per_type {
                Some(per_type) => per_type.removal.error(),
                None => Error::InvalidArgument {
                    name: "uris",
                    problem: ArgumentProblem::Expected(
                        "no artists: /me/library checks artists but does not save or remove \
                         them (follow_artists_or_users does, for extended-quota apps)",
                    ),
                },
            });
        }
        Ok(self
            .items
            .chunks(LIBRARY_URIS)
            .map(|chunk| {
                let uris: Vec<String> = chunk.iter().map(LibraryItemId::uri).collect();
                let request = match self.action {
                    Action::Save => ApiRequest::put("/me/library"),
                    Action::Remove => ApiRequest::delete("/me/library"),
                    Action::Contains => ApiRequest::get("/me/library/contains"),
                };
                let request = request
                    .query("uris", Some(uris.join(",")))
                    .scopes(library_scopes(chunk, self.action));
                Batch {
                    request,
                    len: chunk.len(),
                }
            })
            .collect())
    }

    /// The per-type requests, in order: runs of items of one kind (and all dated or all
    /// not), at most 50 IDs each (one playlist).
    pub(crate) fn per_type_batches(&self) -> Result<Vec<Batch>> {
        let Some(per_type) = &self.per_type else {
            return self.library_batches();
        };
        let max = per_type.max_items();
        let mut batches = Vec::new();
        let mut start = 0;
        while start < self.items.len() {
            let kind = self.items[start].kind();
            let dated = self.added_at[start].is_some();
            let mut end = start + 1;
            while end < self.items.len()
                && end - start < max
                && self.items[end].kind() == kind
                && self.added_at[end].is_some() == dated
            {
                end += 1;
            }
            batches.push(Batch {
                request: self.per_type_request(per_type, start..end)?,
                len: end - start,
            });
            start = end;
        }
        Ok(batches)
    }

    /// The per-type request of `items[range]` (one kind, all dated or none).
    fn per_type_request(
        &self,
        per_type: &PerType,
        range: std::ops::Range<usize>,
    ) -> Result<ApiRequest> {
        let items = &self.items[range.clone()];
        let ids: Vec<&str> = items.iter().map(LibraryItemId::as_str).collect();
        let method = |path: String| match self.action {
            Action::Save => ApiRequest::put(path),
            Action::Remove => ApiRequest::delete(path),
            Action::Contains => ApiRequest::get(path),
        };
        let request = match per_type.endpoint {
            Endpoint::Ids { path, ids_in } => {
                let request = method(path.to_owned());
                let dates: Option<Vec<&str>> =
                    self.added_at[range].iter().map(Option::as_deref).collect();
                match (dates, ids_in) {
                    (Some(dates), _) => request.json(&TimestampedBody {
                        timestamped_ids: ids
                            .iter()
                            .zip(dates)
                            .map(|(id, added_at)| TimestampedId { id, added_at })
                            .collect(),
                    })?,
                    (None, IdsIn::Query) => request.query("ids", Some(ids.join(","))),
                    (None, IdsIn::Body) => request.json(&IdsBody { ids })?,
                    (None, IdsIn::QueryAndBody) => request
                        .query("ids", Some(ids.join(",")))
                        .json(&IdsBody { ids })?,
                }
            }
            Endpoint::Following { path } => method(path.to_owned())
                .query("type", Some(items[0].kind()))
                .query("ids", Some(ids.join(","))),
            Endpoint::PlaylistFollowers { public } => {
                let path = format!("/playlists/{}/followers", ids.join(","));
                match (self.action, public) {
                    (Action::Contains, _) => method(format!("{path}/contains")),
                    (Action::Save, Some(public)) => method(path).json(&PublicBody { public })?,
                    _ => method(path),
                }
            }
        };
        Ok(request.scopes(per_type.scopes.iter().cloned()))
    }
}

/// The scopes `/me/library` asks for `action` on `items`, one per kind present: the library
/// scope for saved items, the follow scope for users and artists, the playlist scope for
/// playlists (spec: "depending on the URI type").
fn library_scopes(items: &[LibraryItemId], action: Action) -> Vec<Scope> {
    let mut scopes: Vec<Scope> = Vec::new();
    for item in items {
        let scope = match (item.kind(), action) {
            (IdKind::Artist | IdKind::User, Action::Contains) => Scope::UserFollowRead,
            (IdKind::Artist | IdKind::User, _) => Scope::UserFollowModify,
            (IdKind::Playlist, Action::Contains) => Scope::PlaylistReadPrivate,
            (IdKind::Playlist, _) => Scope::PlaylistModifyPublic,
            (_, Action::Contains) => Scope::UserLibraryRead,
            (_, _) => Scope::UserLibraryModify,
        };
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    scopes
}

/// How far a call got before the batches still to send.
#[derive(Debug, Default)]
struct Done {
    batches: usize,
    items: usize,
    answers: Vec<bool>,
}

impl SpotifyWebApi {
    /// Runs a library write: `Ok` once every item is written.
    pub(crate) async fn library_write(&self, call: LibraryCall) -> Result<()> {
        self.library_run(call).await.map(drop)
    }

    /// Runs a library check: one answer per item, in order.
    pub(crate) async fn library_contains(&self, call: LibraryCall) -> Result<Vec<bool>> {
        self.library_run(call).await
    }

    /// Runs a library check of one item.
    pub(crate) async fn library_contains_one(&self, call: LibraryCall) -> Result<bool> {
        let answers = self.library_contains(call).await?;
        match answers.as_slice() {
            [answer] => Ok(*answer),
            _ => Err(wrong_count(b"", 1, answers.len())),
        }
    }

    /// Runs `call` the way the app can: per type, or through `/me/library`.
    async fn library_run(&self, call: LibraryCall) -> Result<Vec<bool>> {
        if call.items.is_empty() {
            return Ok(Vec::new());
        }
        let Some(per_type) = &call.per_type else {
            let batches = call.library_batches()?;
            return self
                .run_batches(&call, batches, None, Done::default())
                .await;
        };
        let removal = per_type.removal;
        let quota = &self.inner.quota;
        match quota.availability(removal.change) {
            Availability::Removed => return self.through_library(&call).await,
            Availability::Available => {
                let batches = call.per_type_batches()?;
                return self
                    .run_batches(&call, batches, Some(removal), Done::default())
                    .await;
            }
            Availability::Unknown => {}
        }
        let probe = quota.probe.lock().await;
        match quota.availability(removal.change) {
            Availability::Removed => {
                drop(probe);
                return self.through_library(&call).await;
            }
            Availability::Available => {
                drop(probe);
                let batches = call.per_type_batches()?;
                return self
                    .run_batches(&call, batches, Some(removal), Done::default())
                    .await;
            }
            Availability::Unknown => {}
        }
        let batches = call.per_type_batches()?;
        let first = &batches[0];
        match self.send(&first.request).await {
            Ok(body) => {
                quota.learn_from(removal.change, true);
                drop(probe);
                let answers = match call.action {
                    Action::Contains => answers(&body, first.len)?,
                    _ => Vec::new(),
                };
                let done = Done {
                    batches: 1,
                    items: first.len,
                    answers,
                };
                self.run_batches(&call, batches, Some(removal), done).await
            }
            Err(error) => {
                // A missing scope is not a missing endpoint: name it first.
                let error = name_refusal(&first.request, error);
                if !is_refusal(&error) {
                    return Err(error);
                }
                // Refused: nothing was written, so the same call through /me/library is the
                // first and only write.
                quota.learn_from(removal.change, false);
                drop(probe);
                self.through_library(&call).await
            }
        }
    }

    /// `call` through `/me/library`, from its first item.
    async fn through_library(&self, call: &LibraryCall) -> Result<Vec<bool>> {
        let batches = call.library_batches()?;
        self.run_batches(call, batches, None, Done::default()).await
    }

    /// Sends `batches` after the `done` ones: writes one after another, checks a few at a
    /// time. `removal` is the per-type operation the batches are of, if they are.
    async fn run_batches(
        &self,
        call: &LibraryCall,
        batches: Vec<Batch>,
        removal: Option<Removal>,
        done: Done,
    ) -> Result<Vec<bool>> {
        let name = move |request: &ApiRequest, error: Error| {
            let error = name_refusal(request, error);
            match removal {
                // A 403 here means the app lacks the per-type operation after all.
                Some(removal) => refused(error, removal),
                None => error,
            }
        };
        let rest = batches.into_iter().skip(done.batches);
        if call.action == Action::Contains {
            let api = self.clone();
            let more: Vec<Vec<bool>> = stream::iter(rest)
                .map(move |batch| {
                    let api = api.clone();
                    async move {
                        let body = api
                            .send(&batch.request)
                            .await
                            .map_err(|e| name(&batch.request, e))?;
                        answers(&body, batch.len)
                    }
                })
                .buffered(CONTAINS_CONCURRENCY)
                .try_collect()
                .await?;
            let mut answers = done.answers;
            answers.extend(more.into_iter().flatten());
            return Ok(answers);
        }
        let mut completed = done.items;
        for batch in rest {
            if let Err(error) = self.send(&batch.request).await {
                let error = name(&batch.request, error);
                return Err(if completed == 0 {
                    error
                } else {
                    Error::PartialWrite {
                        completed,
                        total: call.items.len(),
                        snapshot_id: None,
                        may_have_landed: error.may_have_landed(),
                        source: Box::new(error),
                    }
                });
            }
            completed += batch.len;
        }
        Ok(Vec::new())
    }
}

/// The answer of a check: exactly `expected` booleans.
pub(crate) fn answers(body: &[u8], expected: usize) -> Result<Vec<bool>> {
    let answers: Vec<bool> = decode(body, false)?;
    if answers.len() == expected {
        Ok(answers)
    } else {
        Err(wrong_count(body, expected, answers.len()))
    }
}

/// A check answered with the wrong number of booleans: it cannot be matched to the items.
fn wrong_count(body: &[u8], expected: usize, got: usize) -> Error {
    Error::Decode {
        path: ".".to_owned(),
        excerpt: excerpt(body),
        source: serde::de::Error::custom(format!(
            "expected {expected} booleans, one per item, got {got}"
        )),
    }
}

/// Asserts what a per-type call of one item sends: `method path`, with the ID in the query
/// and/or in a JSON body as `ids` says, for `operation`; and, as its `/me/library` fallback,
/// the item's `uri`. For the unit tests of the `api/` builders.
#[cfg(test)]
pub(crate) fn assert_per_type(
    call: &LibraryCall,
    operation: &str,
    (method, path): (crate::http::Method, &str),
    ids: IdsIn,
    uri: &str,
) {
    assert_eq!(call.items.len(), 1);
    let id = call.items[0].as_str();
    let batches = call.per_type_batches().unwrap();
    let request = &batches[0].request;
    assert_eq!((request.method, request.path.as_str()), (method, path));
    let (in_query, in_body) = match ids {
        IdsIn::Query => (true, false),
        IdsIn::Body => (false, true),
        IdsIn::QueryAndBody => (true, true),
    };
    assert_eq!(
        request.query_value("ids"),
        in_query.then_some(id),
        "{operation}"
    );
    let body = request
        .body
        .as_ref()
        .map(|b| serde_json::from_slice::<serde_json::Value>(&b.bytes).unwrap());
    assert_eq!(
        body,
        in_body.then(|| serde_json::json!({ "ids": [id] })),
        "{operation}"
    );
    let per_type = call.per_type.as_ref().unwrap();
    assert_eq!(per_type.removal.operation, operation);
    assert_eq!(request.scopes, per_type.scopes);
    let fallback = &call.library_batches().unwrap()[0].request;
    assert_eq!(fallback.query_value("uris"), Some(uri), "{operation}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Method;
    use crate::id::{ArtistId, PlaylistId, TrackId, UserId};

    fn track(n: usize) -> LibraryItemId {
        TrackId::parse(&format!("{n:0>22}")).unwrap().into()
    }

    fn tracks(n: usize) -> Vec<LibraryItemId> {
        (0..n).map(track).collect()
    }

    fn body(batch: &Batch) -> serde_json::Value {
        serde_json::from_slice(&batch.request.body.as_ref().unwrap().bytes).unwrap()
    }

    #[test]
    fn library_batches_take_40_uris() {
        let call = LibraryCall::new(Action::Save, tracks(95)).unwrap();
        let batches = call.library_batches().unwrap();
        let sizes: Vec<usize> = batches.iter().map(|b| b.len).collect();
        assert_eq!(sizes, [40, 40, 15]);
        let first = &batches[0].request;
        assert_eq!(
            (first.method, first.path.as_str()),
            (Method::Put, "/me/library")
        );
        let uris = first.query_value("uris").unwrap();
        assert!(uris.starts_with("spotify:track:0000000000000000000000,spotify:track:"));
        assert_eq!(uris.split(',').count(), 40);
        assert_eq!(first.scopes, [Scope::UserLibraryModify]);
        let check = LibraryCall::new(Action::Contains, tracks(1)).unwrap();
        let check = &check.library_batches().unwrap()[0].request;
        assert_eq!(
            (check.method, check.path.as_str()),
            (Method::Get, "/me/library/contains")
        );
    }

    #[test]
    fn library_scopes_follow_the_kinds() {
        let user: LibraryItemId = UserId::parse("wizzler").unwrap().into();
        let playlist: LibraryItemId = PlaylistId::parse(&"p".repeat(22)).unwrap().into();
        let items = [track(1), user, playlist, track(2)];
        assert_eq!(
            library_scopes(&items, Action::Remove),
            [
                Scope::UserLibraryModify,
                Scope::UserFollowModify,
                Scope::PlaylistModifyPublic
            ]
        );
        assert_eq!(
            library_scopes(&items, Action::Contains),
            [
                Scope::UserLibraryRead,
                Scope::UserFollowRead,
                Scope::PlaylistReadPrivate
            ]
        );
    }

    #[test]
    fn per_type_batches_take_50_ids_of_one_kind() {
        let per_type = PerType::new(
            "save-tracks-user",
            Endpoint::Ids {
                path: "/me/tracks",
                ids_in: IdsIn::Body,
            },
            [Scope::UserLibraryModify],
        );
        let call = LibraryCall::new(Action::Save, tracks(95))
            .unwrap()
            .per_type(per_type);
        let batches = call.per_type_batches().unwrap();
        assert_eq!(batches.iter().map(|b| b.len).collect::<Vec<_>>(), [50, 45]);
        assert_eq!(batches[0].request.path, "/me/tracks");
        assert!(batches[0].request.query.is_empty());
        assert_eq!(body(&batches[1])["ids"].as_array().unwrap().len(), 45);
        assert_eq!(batches[0].request.scopes, [Scope::UserLibraryModify]);
    }

    #[test]
    fn dated_tracks_go_in_their_own_batches_and_never_through_the_library() {
        let per_type = PerType::new(
            "save-tracks-user",
            Endpoint::Ids {
                path: "/me/tracks",
                ids_in: IdsIn::Body,
            },
            [Scope::UserLibraryModify],
        );
        let call = LibraryCall::new(Action::Save, tracks(2))
            .unwrap()
            .per_type(per_type)
            .dated(vec![(track(7), "2023-01-15T14:30:00Z".to_owned())])
            .unwrap();
        let batches = call.per_type_batches().unwrap();
        assert_eq!(batches.len(), 2);
        assert_eq!(body(&batches[0])["ids"].as_array().unwrap().len(), 2);
        assert_eq!(
            body(&batches[1]),
            serde_json::json!({"timestamped_ids": [
                {"id": "0000000000000000000007", "added_at": "2023-01-15T14:30:00Z"}
            ]})
        );
        match call.library_batches() {
            Err(Error::EndpointRemoved {
                operation: "save-tracks-user",
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn follows_split_by_kind_and_artists_have_no_library_fallback() {
        let artist: LibraryItemId = ArtistId::parse(&"a".repeat(22)).unwrap().into();
        let user: LibraryItemId = UserId::parse("wizzler").unwrap().into();
        let per_type = PerType::new(
            "follow-artists-users",
            Endpoint::Following {
                path: "/me/following",
            },
            [Scope::UserFollowModify],
        );
        let call = LibraryCall::new(Action::Save, vec![artist.clone(), artist.clone(), user])
            .unwrap()
            .per_type(per_type);
        let batches = call.per_type_batches().unwrap();
        assert_eq!(batches.len(), 2);
        assert_eq!(batches[0].request.query_value("type"), Some("artist"));
        assert_eq!(batches[1].request.query_value("type"), Some("user"));
        assert_eq!(batches[1].request.query_value("ids"), Some("wizzler"));
        assert!(matches!(
            call.library_batches(),
            Err(Error::EndpointRemoved {
                operation: "follow-artists-users",
                ..
            })
        ));
        // Checking artists through /me/library is fine; a unified save of one is refused.
        let check = LibraryCall::new(Action::Contains, vec![artist.clone()]).unwrap();
        assert!(check.library_batches().is_ok());
        let save = LibraryCall::new(Action::Save, vec![artist]).unwrap();
        assert!(matches!(
            save.library_batches(),
            Err(Error::InvalidArgument { name: "uris", .. })
        ));
    }

    #[test]
    fn playlist_follows_go_one_at_a_time() {
        let a: LibraryItemId = PlaylistId::parse(&"a".repeat(22)).unwrap().into();
        let b: LibraryItemId = PlaylistId::parse(&"b".repeat(22)).unwrap().into();
        let follow = PerType::new(
            "follow-playlist",
            Endpoint::PlaylistFollowers {
                public: Some(false),
            },
            [Scope::PlaylistModifyPublic],
        );
        let call = LibraryCall::new(Action::Save, vec![a.clone(), b])
            .unwrap()
            .per_type(follow);
        let batches = call.per_type_batches().unwrap();
        assert_eq!(batches.len(), 2);
        assert_eq!(batches[0].request.method, Method::Put);
        assert_eq!(
            batches[1].request.path,
            format!("/playlists/{}/followers", "b".repeat(22))
        );
        assert_eq!(body(&batches[0]), serde_json::json!({"public": false}));
        let check = PerType::new(
            "check-if-user-follows-playlist",
            Endpoint::PlaylistFollowers { public: None },
            [],
        );
        let call = LibraryCall::new(Action::Contains, vec![a])
            .unwrap()
            .per_type(check);
        let request = &call.per_type_batches().unwrap()[0].request;
        assert_eq!(request.method, Method::Get);
        assert!(request.path.ends_with("/followers/contains"));
        assert!(request.body.is_none());
    }

    #[test]
    fn checks_must_answer_once_per_item() {
        assert_eq!(answers(b"[true,false]", 2).unwrap(), [true, false]);
        assert!(matches!(answers(b"[true]", 2), Err(Error::Decode { .. })));
        assert!(answers(b"{}", 1).is_err());
    }
}
