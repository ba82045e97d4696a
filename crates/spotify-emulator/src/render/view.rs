//! The pieces of borrowed views: response shapes as `#[derive(Serialize)]` structs over the
//! catalogue's own data, serialised once, straight into the response body.
//!
//! A view's fields are declared in alphabetical order, with the field names of the wire. That
//! is the order the `Value` bodies have always had (without serde_json's `preserve_order`, a
//! `Map` keeps its keys sorted), so a view serialised to bytes and the same view turned into a
//! `Value` (by [`value`], for a caller that still builds a `Value` around it) give the same
//! body. A field that a quota mode or a market leaves out is an `Option` that is skipped when
//! `None`; a field that is `null` on the wire is an `Option` that is not.

use std::fmt;
use std::sync::LazyLock;

use serde::{Serialize, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;

use super::{Ctx, OPEN_SPOTIFY, Page, SPOTIFY_API, page_url};
use crate::catalog::markets::{MARKETS, MarketSet};
use crate::catalog::model::{Copyright, ExternalIds, Image};

/// `view` as a `Value`, for the callers that put it inside a body still built as a `Value`
/// (and for a `fields` filter, which works on a `Value`).
pub(crate) fn value(view: impl Serialize) -> Value {
    // A view serialises only strings, numbers, booleans, sequences and structs: turning one
    // into a `Value` cannot fail.
    serde_json::to_value(view).unwrap_or_default()
}

/// Which of an entity's links a [`Link`] is.
#[derive(Clone, Copy, Debug)]
enum LinkForm {
    /// `https://api.spotify.com/v1/{path}/{id}`: `href`.
    Api,
    /// `https://open.spotify.com/{kind}/{id}`: `external_urls.spotify`.
    Open,
    /// `spotify:{kind}:{id}`: `uri`.
    Uri,
}

/// An entity's `href`, `uri` or web link, written into the body without a `String` between.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Link<'a> {
    form: LinkForm,
    kind: &'a str,
    id: &'a str,
}

impl<'a> Link<'a> {
    /// `href`: `https://api.spotify.com/v1/{path}/{id}`.
    pub(crate) fn href(path: &'a str, id: &'a str) -> Self {
        Self {
            form: LinkForm::Api,
            kind: path,
            id,
        }
    }

    /// `uri`: `spotify:{kind}:{id}`.
    pub(crate) fn uri(kind: &'a str, id: &'a str) -> Self {
        Self {
            form: LinkForm::Uri,
            kind,
            id,
        }
    }
}

impl Link<'_> {
    /// The link's text, in pieces.
    fn parts(&self) -> [&str; 5] {
        let (kind, id) = (self.kind, self.id);
        match self.form {
            LinkForm::Api => [SPOTIFY_API, "/", kind, "/", id],
            LinkForm::Open => [OPEN_SPOTIFY, "/", kind, "/", id],
            LinkForm::Uri => ["spotify", ":", kind, ":", id],
        }
    }
}

impl fmt::Display for Link<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.parts()
            .into_iter()
            .try_for_each(|part| f.write_str(part))
    }
}

impl Serialize for Link<'_> {
    /// Joined on the stack and written as one string: a body holds a dozen links per track,
    /// and `collect_str` would run the formatting machinery and the escape scan per piece.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut buffer = [0_u8; 128];
        let mut len = 0;
        for part in self.parts() {
            let Some(slot) = buffer.get_mut(len..len + part.len()) else {
                // Longer than any catalogue link (a long user id): formatted instead.
                return serializer.collect_str(self);
            };
            slot.copy_from_slice(part.as_bytes());
            len += part.len();
        }
        match std::str::from_utf8(&buffer[..len]) {
            Ok(text) => serializer.serialize_str(text),
            // Unreachable: whole `str`s joined are one.
            Err(_) => serializer.collect_str(self),
        }
    }
}

/// `external_urls`: `{"spotify": "https://open.spotify.com/{kind}/{id}"}`.
#[derive(Clone, Copy, Debug, Serialize)]
pub(crate) struct ExternalUrls<'a> {
    spotify: Link<'a>,
}

impl<'a> ExternalUrls<'a> {
    /// The web player's link to the entity `id` of `kind` (`track`, `album`…).
    pub(crate) fn new(kind: &'a str, id: &'a str) -> Self {
        Self {
            spotify: Link {
                form: LinkForm::Open,
                kind,
                id,
            },
        }
    }
}

/// An entity named by its links only (`external_urls`, `href`, `id`, `type`, `uri`): a track's
/// `linked_from`, a playlist item's `added_by`.
#[derive(Clone, Copy, Debug, Serialize)]
pub(crate) struct EntityRef<'a> {
    external_urls: ExternalUrls<'a>,
    href: Link<'a>,
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    uri: Link<'a>,
}

impl<'a> EntityRef<'a> {
    /// The entity `id` of wire type `kind`, in the API collection `path` (`tracks`, `users`…).
    pub(crate) fn new(kind: &'static str, path: &'static str, id: &'a str) -> Self {
        Self {
            external_urls: ExternalUrls::new(kind, id),
            href: Link::href(path, id),
            id,
            kind,
            uri: Link::uri(kind, id),
        }
    }
}

/// `available_markets`: the codes of a set, sorted.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Markets(pub(crate) MarketSet);

impl Serialize for Markets {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match every_market() {
            Some(all) if self.0 == MarketSet::all() => all.serialize(serializer),
            _ => serializer.collect_seq(self.0.codes()),
        }
    }
}

/// The list of every market as JSON text, made once. Most content is sold everywhere, and an
/// extended app's track body lists markets twice (the track's and its album's), each time the
/// whole of [`MARKETS`], which serde_json would otherwise write one string at a time, scanning
/// each for characters to escape. serde_json copies a `RawValue` into the body as it is, and
/// turns it into the same array when a view becomes a `Value`.
fn every_market() -> Option<&'static RawValue> {
    static EVERY_MARKET: LazyLock<Option<Box<RawValue>>> =
        LazyLock::new(|| serde_json::value::to_raw_value(MARKETS).ok());
    EVERY_MARKET.as_deref()
}

/// `restrictions` of content not available in the request's market: `{"reason": "market"}`.
#[derive(Clone, Copy, Debug, Serialize)]
pub(crate) struct Restrictions {
    reason: &'static str,
}

/// What the request's market makes of content available in a set of markets.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MarketFields {
    /// No market, extended mode, where the shape lists them: `available_markets`.
    pub(crate) available_markets: Option<Markets>,
    /// A market given, where the shape has it: `is_playable`.
    pub(crate) is_playable: Option<bool>,
    /// A market given where the content is not available: `{"reason": "market"}`.
    pub(crate) restrictions: Option<Restrictions>,
    /// Whether the content is playable there (true without a market).
    pub(crate) playable: bool,
}

impl MarketFields {
    /// `available_markets` (no market, extended mode only, and only `with_markets_field`), or
    /// `is_playable` (only `with_is_playable`) and a market restriction (a market given), for
    /// content available in `markets`.
    pub(crate) fn new(
        ctx: &Ctx<'_>,
        markets: MarketSet,
        with_markets_field: bool,
        with_is_playable: bool,
    ) -> Self {
        match ctx.market {
            None => Self {
                available_markets: (with_markets_field && ctx.extended())
                    .then_some(Markets(markets)),
                is_playable: None,
                restrictions: None,
                playable: true,
            },
            Some(market) => {
                let playable = markets.contains(market);
                Self {
                    available_markets: None,
                    is_playable: with_is_playable.then_some(playable),
                    restrictions: (!playable).then_some(Restrictions { reason: "market" }),
                    playable,
                }
            }
        }
    }
}

/// `images`: `ImageObject`s.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Images<'a>(pub(crate) &'a [Image]);

/// One `ImageObject`, its fields in wire order.
#[derive(Serialize)]
struct ImageView<'a> {
    height: Option<u32>,
    url: &'a str,
    width: Option<u32>,
}

impl Serialize for Images<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|image| ImageView {
            height: image.height,
            url: &image.url,
            width: image.width,
        }))
    }
}

/// `copyrights`: `CopyrightObject`s.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Copyrights<'a>(pub(crate) &'a [Copyright]);

/// One `CopyrightObject`.
#[derive(Serialize)]
struct CopyrightView<'a> {
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
}

impl Serialize for Copyrights<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|c| CopyrightView {
            text: &c.text,
            kind: &c.kind,
        }))
    }
}

/// `external_ids` (`ExternalIdObject`): only the ids the entity has.
#[derive(Clone, Copy, Debug, Serialize)]
pub(crate) struct ExternalIdsView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    ean: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    isrc: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    upc: Option<&'a str>,
}

impl<'a> ExternalIdsView<'a> {
    /// The view of `ids`.
    pub(crate) fn new(ids: &'a ExternalIds) -> Self {
        Self {
            ean: ids.ean.as_deref(),
            isrc: ids.isrc.as_deref(),
            upc: ids.upc.as_deref(),
        }
    }
}

/// A paging object (`PagingObject`) over `items`: see [`super::paging`].
#[derive(Clone, Debug, Serialize)]
pub(crate) struct PageView<I> {
    href: String,
    items: I,
    limit: usize,
    next: Option<String>,
    offset: usize,
    previous: Option<String>,
    total: usize,
}

impl<I> PageView<I> {
    /// The page `page` of a list of `total` items at `base` + `path`, with the request's other
    /// `params` in Spotify's order, holding `items`.
    pub(crate) fn new(
        base: &str,
        path: &str,
        params: &[(&str, &str)],
        page: Page,
        total: usize,
        items: I,
    ) -> Self {
        let next_offset = page.offset.saturating_add(page.limit);
        let next =
            (next_offset < total).then(|| page_url(base, path, params, next_offset, page.limit));
        let previous = (page.offset > 0).then(|| {
            page_url(
                base,
                path,
                params,
                page.offset.saturating_sub(page.limit),
                page.limit,
            )
        });
        Self {
            href: page_url(base, path, params, page.offset, page.limit),
            items,
            limit: page.limit,
            next,
            offset: page.offset,
            previous,
            total,
        }
    }
}
