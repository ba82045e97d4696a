//! Search results (`GET /search`): one paging object per requested type.

use serde_json::Value;

use super::{Ctx, Page, paging};
use crate::catalog::search::Kind;

/// The largest `offset` search takes (`SPOTIFY-PROTOCOL.md` §2.4).
const MAX_OFFSET: usize = 1000;

/// The paging object of one `kind` of a search for `q`: `href`, `next` and `previous` are
/// Spotify's re-serialised URL (§2.4: `query=` for `q=`, then `type` (this page's kind only),
/// `market` and `include_external` when sent, then `offset` and `limit`). `next` is `null`
/// when it would pass the offset cap of 1000, so following `next` never meets a 400.
pub(crate) fn search_page(
    ctx: &Ctx<'_>,
    kind: Kind,
    q: &str,
    include_external: Option<&str>,
    page: Page,
    total: usize,
    items: Vec<Value>,
) -> Value {
    let mut params = vec![("query", q), ("type", kind.as_str())];
    params.extend(ctx.market.map(|market| ("market", market)));
    params.extend(include_external.map(|value| ("include_external", value)));
    let mut object = paging(ctx.base, "/search", &params, page, total, items);
    if page.offset.saturating_add(page.limit) > MAX_OFFSET {
        object["next"] = Value::Null;
    }
    object
}
