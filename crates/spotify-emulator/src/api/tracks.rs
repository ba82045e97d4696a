//! Tracks: `get-track` (`GET /tracks/{id}`), `get-several-tracks` (`GET /tracks`),
//! `get-audio-features` (`GET /audio-features/{id}`), `get-several-audio-features`
//! (`GET /audio-features`), `get-audio-analysis` (`GET /audio-analysis/{id}`),
//! `get-recommendations` (`GET /recommendations`).
//!
//! In the user's library (`library.rs` has the rules): `get-users-saved-tracks` (`GET /me/tracks`),
//! and, removed for development-mode apps in 2026-02, `save-tracks-user`, `remove-tracks-user`,
//! `check-users-saved-tracks` (`PUT`/`DELETE /me/tracks`, `GET /me/tracks/contains`).

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use serde::Serialize;
use serde_json::{Value, json};

use super::library::{IdsBody, IdsParam, contains, remove, save, saved_page};
use crate::catalog::discovery::{Attribute, Seed, SeedKind, Tuning};
use crate::errors::{ApiError, INVALID_TUNABLE, MISSING_SEEDS, NON_EXISTING_ID, TOO_MANY_SEEDS};
use crate::extract::IfNoneMatch;
use crate::extract::{
    Base62Id, Caller, IdsQuery, MarketQuery, PageBounds, Params, Path, Query, QueryParams, max_ids,
    parse_ids,
};
use crate::extract::{JsonBody, PageQuery};
use crate::render::{self, CacheKey, Rendered};
use crate::state::{AppState, Saved};

/// The most seeds of a recommendation request, of all kinds together.
const MAX_SEEDS: usize = 5;

/// The tracks routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/tracks", get(get_several_tracks))
        .route("/tracks/{id}", get(get_track))
        .route("/audio-features", get(get_several_audio_features))
        .route("/audio-features/{id}", get(get_audio_features))
        .route("/audio-analysis/{id}", get(get_audio_analysis))
        .route("/recommendations", get(get_recommendations))
        .route(
            "/me/tracks",
            get(get_users_saved_tracks)
                .put(save_tracks_user)
                .delete(remove_tracks_user),
        )
        .route("/me/tracks/contains", get(check_users_saved_tracks))
}

/// `get-track`
///
/// The body depends on the track, the quota mode and the market only, all fixed while the
/// emulator runs, so it is rendered once and served from the render cache after that.
async fn get_track(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    Query(query): Query<MarketQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    let market = caller.market(query.market.as_deref())?;
    let render = || {
        let ctx = caller.render(state.catalog(), market.as_deref());
        render::track_by_request(&ctx, id.as_str())
    };
    let rendered = match CacheKey::track(id.as_str(), caller.quota_mode(), market.as_deref()) {
        Some(key) => state.render_cache().get_or_render(key, render),
        None => render().map(|track| Arc::new(Rendered::new(&track))),
    }
    .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    Ok(render::respond(&if_none_match, &rendered))
}

/// `get-several-tracks`
async fn get_several_tracks(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-several-tracks")?;
    let ids = query.ids(max_ids::DEFAULT)?;
    let market = caller.market(query.market.as_deref())?;
    let ctx = caller.render(state.catalog(), market.as_deref());
    let tracks: Vec<Option<render::TrackView<'_>>> = ids
        .iter()
        .map(|id| render::track_by_request(&ctx, id.as_str()))
        .collect();
    Ok(render::catalog_response(&if_none_match, &Tracks { tracks }))
}

/// The body of `get-several-tracks`: `null` for an unknown id.
#[derive(Serialize)]
struct Tracks<'a> {
    tracks: Vec<Option<render::TrackView<'a>>>,
}

/// `get-audio-features`
async fn get_audio_features(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-audio-features")?;
    let features = state
        .catalog()
        .audio_features(id.as_str())
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    Ok(render::catalog_response(
        &if_none_match,
        &render::audio_features(&features),
    ))
}

/// `get-several-audio-features`
async fn get_several_audio_features(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsQuery>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-several-audio-features")?;
    let ids = query.ids(max_ids::AUDIO_FEATURES)?;
    let features: Vec<Value> = ids
        .iter()
        .map(|id| {
            state
                .catalog()
                .audio_features(id.as_str())
                .map_or(Value::Null, |f| render::audio_features(&f))
        })
        .collect();
    Ok(render::catalog_response(
        &if_none_match,
        &json!({ "audio_features": features }),
    ))
}

/// `get-audio-analysis`
async fn get_audio_analysis(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Base62Id>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-audio-analysis")?;
    let analysis = state
        .catalog()
        .audio_analysis(id.as_str())
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    Ok(render::catalog_response(&if_none_match, &analysis))
}

/// `get-recommendations`
async fn get_recommendations(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(params): QueryParams,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-recommendations")?;
    let seeds = seeds(&params)?;
    let tuning = tuning(&params)?;
    let limit = PageBounds::RECOMMENDATIONS
        .page(params.get("limit"), None)?
        .limit;
    let market = caller.market(params.get("market"))?;
    let catalog = state.catalog();
    let ctx = caller.render(catalog, market.as_deref());
    let answer = catalog.recommend(&seeds, &tuning, limit, market.as_deref());
    let body = json!({
        "seeds": answer.seeds.iter().map(render::recommendation_seed).collect::<Vec<_>>(),
        "tracks": answer.tracks.iter().map(|t| render::track(&ctx, t)).collect::<Vec<_>>(),
    });
    Ok(render::catalog_response(&if_none_match, &body))
}

/// The seeds of a recommendation request, in the order artists, genres, tracks: 1..=5 in all;
/// a malformed artist or track id is a 400 `invalid id`.
fn seeds(params: &Params) -> Result<Vec<Seed>, ApiError> {
    let list = |name: &str| {
        params
            .get(name)
            .filter(|v| !v.is_empty())
            .map(|v| v.split(',').map(str::to_owned).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let (artists, genres, tracks) = (
        list("seed_artists"),
        list("seed_genres"),
        list("seed_tracks"),
    );
    let count = artists.len() + genres.len() + tracks.len();
    if count == 0 {
        return Err(ApiError::bad_request(MISSING_SEEDS));
    }
    if count > MAX_SEEDS {
        return Err(ApiError::bad_request(TOO_MANY_SEEDS));
    }
    for ids in [&artists, &tracks] {
        if !ids.is_empty() {
            parse_ids(Some(&ids.join(",")), MAX_SEEDS)?;
        }
    }
    let seed = |kind| move |id: String| Seed { kind, id };
    Ok(artists
        .into_iter()
        .map(seed(SeedKind::Artist))
        .chain(genres.into_iter().map(seed(SeedKind::Genre)))
        .chain(tracks.into_iter().map(seed(SeedKind::Track)))
        .collect())
}

/// The `min_*`, `max_*` and `target_*` values; one that is not a finite number is a 400.
fn tuning(params: &Params) -> Result<Tuning, ApiError> {
    let mut tuning = Tuning::default();
    for attribute in Attribute::ALL {
        for (prefix, list) in [
            ("min", &mut tuning.min),
            ("max", &mut tuning.max),
            ("target", &mut tuning.target),
        ] {
            let Some(text) = params.get(&format!("{prefix}_{}", attribute.name())) else {
                continue;
            };
            match text.parse::<f64>() {
                Ok(value) if value.is_finite() => list.push((attribute, value)),
                _ => return Err(ApiError::bad_request(INVALID_TUNABLE)),
            }
        }
    }
    Ok(tuning)
}

// --- in the user's library (see `library.rs`) ---------------------------------------------------

/// `get-users-saved-tracks`
async fn get_users_saved_tracks(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<PageQuery>,
) -> Result<Json<Value>, ApiError> {
    saved_page(&state, &caller, &query, Saved::Track, "/me/tracks")
}

/// `save-tracks-user`
async fn save_tracks_user(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
    JsonBody(body): JsonBody<IdsBody>,
) -> Result<StatusCode, ApiError> {
    save(
        &state,
        &caller,
        "save-tracks-user",
        Saved::Track,
        query,
        body,
    )
}

/// `remove-tracks-user`
async fn remove_tracks_user(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
    JsonBody(body): JsonBody<IdsBody>,
) -> Result<StatusCode, ApiError> {
    remove(
        &state,
        &caller,
        "remove-tracks-user",
        Saved::Track,
        query,
        body,
    )
}

/// `check-users-saved-tracks`
async fn check_users_saved_tracks(
    State(state): State<AppState>,
    caller: Caller,
    Query(query): Query<IdsParam>,
) -> Result<Json<Vec<bool>>, ApiError> {
    contains(
        &state,
        &caller,
        "check-users-saved-tracks",
        Saved::Track,
        query,
    )
}
