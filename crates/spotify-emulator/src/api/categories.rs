//! Categories: `get-categories` (`GET /browse/categories`) and `get-a-category`
//! (`GET /browse/categories/{category_id}`), both removed for development-mode apps in 2026-02.
//! (`get-a-categories-playlists` lives with the playlists.)
//!
//! `locale` is accepted and echoed in paging links; the catalogue has its names in Spotify's
//! default language only, which is what Spotify answers for a locale it lacks.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use serde_json::json;

use crate::errors::{ApiError, NON_EXISTING_ID};
use crate::extract::IfNoneMatch;
use crate::extract::{Caller, PageBounds, Path, Query};
use crate::render;
use crate::state::AppState;

/// The categories routes.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/browse/categories", get(get_categories))
        .route("/browse/categories/{category_id}", get(get_a_category))
}

/// `?locale=&limit=&offset=`, as sent.
#[derive(Debug, Deserialize)]
struct CategoriesParams {
    locale: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

/// `?locale=`.
#[derive(Debug, Deserialize)]
struct LocaleParams {
    #[allow(dead_code)] // accepted; the catalogue has one language
    locale: Option<String>,
}

/// `get-categories`
async fn get_categories(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<CategoriesParams>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-categories")?;
    let page = PageBounds::DEFAULT.page(params.limit.as_deref(), params.offset.as_deref())?;
    let ctx = caller.render(state.catalog(), None);
    let categories = state.catalog().categories();
    let items = page
        .slice(categories)
        .iter()
        .map(render::category)
        .collect();
    let locale: Vec<(&str, &str)> = params
        .locale
        .as_deref()
        .filter(|locale| !locale.is_empty())
        .map(|locale| ("locale", locale))
        .into_iter()
        .collect();
    let object = render::paging(
        ctx.base,
        "/browse/categories",
        &locale,
        page,
        categories.len(),
        items,
    );
    Ok(render::catalog_response(
        &if_none_match,
        &json!({ "categories": object }),
    ))
}

/// `get-a-category`
async fn get_a_category(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(_params): Query<LocaleParams>,
    if_none_match: IfNoneMatch,
) -> Result<Response, ApiError> {
    caller.require_operation("get-a-category")?;
    let category = state
        .catalog()
        .category(&id)
        .ok_or(ApiError::not_found(NON_EXISTING_ID))?;
    Ok(render::catalog_response(
        &if_none_match,
        &render::category(category),
    ))
}
