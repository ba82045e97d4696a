//! Every response shape, rendered from catalogue entities (STYLE.md: `render.rs` holds every
//! response shape; it is a directory here because it passed 600 lines).
//!
//! Each function takes a [`Ctx`]: the catalogue, the caller's quota mode, the market (or none),
//! the caller's user id (if any) and the request's own base URL. From those:
//!
//! - **Quota mode** ([`QuotaMode`]): development strips the fields of `API-CHANGES.md`'s
//!   "Field removals" table (album `album_group`, `available_markets`, `label`, `popularity`;
//!   artist `followers`, `popularity`; audiobook and show `available_markets`, `publisher`;
//!   chapter `available_markets`; track `available_markets`, `linked_from`, `popularity`; user
//!   `country`, `email`, `explicit_content`, `followers`, `product`) and names playlist contents
//!   `items`/`item` only, and only for playlists the caller owns or collaborates on. Extended
//!   sends everything, and both the old and the new names (`tracks` and `items`, `track` and
//!   `item`), as the spec lists both.
//! - **Market**: without one, `available_markets` is listed and `is_playable` is absent (tracks,
//!   albums). With one, `available_markets` is left out, `is_playable` is set, content not
//!   available there gets `restrictions: {"reason": "market"}`, and a track not available there
//!   but relinked to one that is is served as that one, with `linked_from` naming the requested
//!   id (Spotify's track relinking).
//! - **Base URL**: paging `href`, `next` and `previous` are built on the request's own base
//!   (scheme, `Host` and `/v1`), so a client that follows `next` comes back to this emulator.
//!   Entity `href`s, `uri`s and `external_urls` stay Spotify's (`https://api.spotify.com/v1/…`,
//!   `spotify:…`, `https://open.spotify.com/…`), as in real bodies. Audiobooks carry
//!   `spotify:show:` URIs and open.spotify.com `show` links, chapters `spotify:episode:` URIs
//!   and `episode` links, as Spotify's do.
//!
//! [`catalog_response`] adds the ETag and caching headers of a catalogue GET (and answers a
//! matching `If-None-Match` with 304). [`RenderCache`] keeps rendered bodies whose inputs are
//! all immutable (a track, for a quota mode and market), so a repeated GET is not rendered again.

mod cache;
mod fields;
mod music;
mod player;
mod playlists;
#[cfg(test)]
mod reference;
mod search;
mod spoken;
mod view;

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;
use serde_json::{Map, Value, json};

pub(crate) use cache::{CacheKey, RenderCache};
pub(crate) use fields::FieldFilter;
pub(crate) use music::{
    AlbumView, TrackView, album, artist, discography_album, recommendation_seed, simplified_album,
    track, track_by_request,
};
pub(crate) use player::{currently_playing, devices, playback_state, queue, recently_played};
pub(crate) use playlists::{
    ItemsQuery, audio_features, can_read_items, category, my_playlists_page, playlist,
    playlist_items_page, private_user, public_user, simplified_playlist,
};
pub(crate) use search::search_page;
pub(crate) use spoken::{
    audiobook, chapter, episode, show, simplified_audiobook, simplified_chapter,
    simplified_episode, simplified_show,
};
pub(crate) use view::{PageView, value};

use crate::catalog::Catalog;
use crate::catalog::markets::MarketSet;
use crate::catalog::model::{Copyright, Image, format_timestamp};
use crate::errors::{CACHE_PUBLIC, JSON_UTF8};
use crate::extract::IfNoneMatch;
use crate::quota::QuotaMode;

/// Spotify's API base, for entity `href`s.
pub(crate) const SPOTIFY_API: &str = "https://api.spotify.com/v1";
/// Spotify's web player base, for `external_urls`.
pub(crate) const OPEN_SPOTIFY: &str = "https://open.spotify.com";

/// What a response is rendered for.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ctx<'a> {
    pub(crate) catalog: &'a Catalog,
    pub(crate) mode: QuotaMode,
    /// An ISO 3166-1 alpha-2 code, already resolved (`from_token` → the user's country).
    pub(crate) market: Option<&'a str>,
    /// The caller's user id; none for a client-credentials token.
    pub(crate) user: Option<&'a str>,
    /// Whether the caller's token is a user's with `user-read-playback-position`: only then do
    /// episodes and chapters carry a `resume_point` (spec `ResumePointObject`).
    pub(crate) playback_position: bool,
    /// `http://host:port/v1`: the request's own base, for paging links.
    pub(crate) base: &'a str,
}

impl Ctx<'_> {
    /// Whether the removed fields and old names are sent.
    pub(crate) fn extended(&self) -> bool {
        self.mode.is_extended()
    }
}

/// One page of a list: the validated `offset` and `limit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Page {
    pub(crate) offset: usize,
    pub(crate) limit: usize,
}

impl Page {
    /// The first page of `limit` items.
    pub(crate) const fn first(limit: usize) -> Self {
        Self { offset: 0, limit }
    }

    /// The slice of `items` this page covers (empty past the end).
    pub(crate) fn slice<'t, T>(&self, items: &'t [T]) -> &'t [T] {
        let start = self.offset.min(items.len());
        let end = self.offset.saturating_add(self.limit).min(items.len());
        &items[start..end]
    }
}

/// Spotify's re-serialised request URL (`SPOTIFY-PROTOCOL.md` §2.4): `base` + `path`, the other
/// parameters in the order given, then `offset`, then `limit`; values percent-encoded except for
/// commas.
pub(crate) fn page_url(
    base: &str,
    path: &str,
    params: &[(&str, &str)],
    offset: usize,
    limit: usize,
) -> String {
    let mut url = format!("{base}{path}?");
    for (name, value) in params {
        url.push_str(name);
        url.push('=');
        let encoded: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
        url.push_str(&encoded.replace("%2C", ","));
        url.push('&');
    }
    url.push_str(&format!("offset={offset}&limit={limit}"));
    url
}

/// A paging object (`PagingObject`): `href`, `items`, `limit`, `next`, `offset`, `previous`,
/// `total`, with `href`, `next` and `previous` on `base` (the request's own base URL) and `path`
/// (e.g. `/albums/{id}/tracks`). `params` are the request's other parameters in Spotify's order
/// (e.g. `[("market", "SE")]`; search renames `q` to `query`).
pub(crate) fn paging(
    base: &str,
    path: &str,
    params: &[(&str, &str)],
    page: Page,
    total: usize,
    items: Vec<Value>,
) -> Value {
    value(PageView::new(base, path, params, page, total, items))
}

/// `external_urls`, `href`, `id`, `type` and `uri` of an entity into `object`. `kind` is the
/// wire `type`; `path` the API collection; `open` the open.spotify.com kind (and URI kind).
pub(crate) fn identity(
    object: &mut Map<String, Value>,
    kind: &str,
    path: &str,
    open: &str,
    id: &str,
) {
    object.insert(
        "external_urls".into(),
        value(view::ExternalUrls::new(open, id)),
    );
    object.insert("href".into(), view::Link::href(path, id).to_string().into());
    object.insert("id".into(), id.into());
    object.insert("type".into(), kind.into());
    object.insert("uri".into(), view::Link::uri(open, id).to_string().into());
}

pub(crate) fn images(images: &[Image]) -> Value {
    value(view::Images(images))
}

/// A playlist's `images`: an uploaded cover is kept as a path on the emulator's own port
/// (`/image/{id}`, so it stays right when the emulator restarts on another port), made
/// absolute here on the request's base.
pub(crate) fn playlist_images(ctx: &Ctx<'_>, images: &[Image]) -> Value {
    let origin = ctx.base.trim_end_matches("/v1");
    images
        .iter()
        .map(|i| {
            let url = if i.url.starts_with('/') {
                format!("{origin}{}", i.url)
            } else {
                i.url.clone()
            };
            json!({ "url": url, "height": i.height, "width": i.width })
        })
        .collect()
}

pub(crate) fn copyrights(copyrights: &[Copyright]) -> Value {
    value(view::Copyrights(copyrights))
}

pub(crate) fn market_list(markets: MarketSet) -> Value {
    value(view::Markets(markets))
}

/// Adds `available_markets` (no market, extended mode only), or `is_playable` and a market
/// restriction (a market given), for content available in `markets`. Returns whether it is
/// playable there (true without a market).
pub(crate) fn apply_market(
    ctx: &Ctx<'_>,
    object: &mut Map<String, Value>,
    markets: MarketSet,
    with_markets_field: bool,
    with_is_playable: bool,
) -> bool {
    let fields = view::MarketFields::new(ctx, markets, with_markets_field, with_is_playable);
    if let Some(markets) = fields.available_markets {
        object.insert("available_markets".into(), value(markets));
    }
    if let Some(playable) = fields.is_playable {
        object.insert("is_playable".into(), playable.into());
    }
    if let Some(restrictions) = fields.restrictions {
        object.insert("restrictions".into(), value(restrictions));
    }
    fields.playable
}

/// A saved item (`SavedTrackObject`, `SavedAlbumObject`…): `{"added_at": .., key: item}`.
#[allow(dead_code)]
pub(crate) fn saved(added_at: i64, key: &str, item: Value) -> Value {
    let mut object = Map::new();
    object.insert("added_at".into(), format_timestamp(added_at).into());
    object.insert(key.into(), item);
    Value::Object(object)
}

/// A rendered catalogue body, serialised, with its ETag: what [`respond`] answers with, and what
/// the [`RenderCache`] keeps.
#[derive(Clone, Debug)]
pub(crate) struct Rendered {
    body: Bytes,
    etag: String,
}

impl Rendered {
    /// Serialises `body` (compact JSON, as `Value`'s `Display` writes it) and computes its ETag.
    pub(crate) fn new(body: &(impl Serialize + ?Sized)) -> Self {
        // Serialising a `Value` or a view into memory cannot fail: their map keys are strings.
        let body = serde_json::to_vec(body).unwrap_or_default();
        let etag = etag_for(&body);
        Self {
            body: Bytes::from(body),
            etag,
        }
    }

    /// The serialised body.
    #[cfg(test)]
    pub(crate) fn body(&self) -> &[u8] {
        &self.body
    }

    /// The ETag, quoted: `"MC-…"`.
    #[cfg(test)]
    pub(crate) fn etag(&self) -> &str {
        &self.etag
    }
}

/// A catalog GET's answer (§2.7): `etag: "MC-…"` and `cache-control: public, max-age=0`, or a
/// 304 with an empty body (same two headers) when `If-None-Match` names the current ETag.
pub(crate) fn catalog_response(
    if_none_match: &IfNoneMatch,
    body: &(impl Serialize + ?Sized),
) -> Response {
    respond(if_none_match, &Rendered::new(body))
}

/// [`catalog_response`] for a body already rendered (the body is shared, not copied).
pub(crate) fn respond(if_none_match: &IfNoneMatch, rendered: &Rendered) -> Response {
    let mut response = if if_none_match.matches(&rendered.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = Response::new(Body::from(rendered.body.clone()));
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_UTF8));
        response
    };
    let headers = response.headers_mut();
    if let Ok(etag) = HeaderValue::from_str(&rendered.etag) {
        headers.insert(header::ETAG, etag);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_PUBLIC),
    );
    response
}

/// Spotify's ETag shape: `"MC-"` and base64 of 8 hex digits, quoted (12 base64 characters, as
/// Spotify's are). The digits are [`body_digest`]'s 64 bits folded to 32, so the ETag changes
/// when the body does, and stays the same across restarts for the same body.
fn etag_for(body: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = body_digest(body);
    // The two halves xor-ed: every bit of the digest still counts.
    let folded = (digest ^ (digest >> 32)) as u32;
    let mut hex = [0_u8; 8];
    for (pair, byte) in hex.chunks_exact_mut(2).zip(folded.to_be_bytes()) {
        pair[0] = HEX[usize::from(byte >> 4)];
        pair[1] = HEX[usize::from(byte & 0x0f)];
    }
    // `"MC-` + 12 base64 characters + `"`.
    let mut etag = String::with_capacity(17);
    etag.push_str("\"MC-");
    STANDARD.encode_string(hex, &mut etag);
    etag.push('"');
    etag
}

/// A 64-bit digest of a body, for its ETag. It is a fixed function of the bytes (no per-process
/// key), so an ETag handed out before a restart still matches after it. Each 8-byte word's step
/// is a bijection of the state (xor, multiply by an odd constant, rotate), and so is the closing
/// mix (MurmurHash3's 64-bit finaliser); the length starts the state. Nothing here resists a
/// forger: an ETag is a cache validator. Two versions of one URL's body could share a 32-bit
/// ETag by chance (a 304 where a 200 was due), as likely as with the SHA-256 cut to 32 bits
/// used before. It costs one multiply per 8 bytes, where SHA-256 cost some 80 instructions per
/// byte without the CPU's SHA extensions.
fn body_digest(body: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let step = |state: u64, word: [u8; 8]| {
        (state ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(23)
    };
    let (words, rest) = body.as_chunks::<8>();
    let mut state = (body.len() as u64 ^ 0x2545_f491_4f6c_dd1d).wrapping_mul(K);
    for word in words {
        state = step(state, *word);
    }
    let mut last = [0_u8; 8];
    last[..rest.len()].copy_from_slice(rest);
    state = step(state, last);
    state ^= state >> 33;
    state = state.wrapping_mul(0xff51_afd7_ed55_8ccd);
    state ^= state >> 33;
    state = state.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    state ^ (state >> 33)
}

#[cfg(test)]
mod tests;
