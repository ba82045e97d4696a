//! Typed response models, one module per object family.
//!
//! Type names are the spec's schema names without `Object` (`SimplifiedTrackObject` is
//! [`SimplifiedTrack`]); fields keep Spotify's JSON names, except `type`, which is `kind`.
//! Every model serializes back to Spotify's JSON names, and IDs are typed ([`TrackId`](crate::TrackId)...),
//! so a result feeds the next call directly.
//!
//! # One rule for every body
//!
//! Real bodies are looser than `openapi.yml` (`shared/spotify-api/SPEC-GAPS.md`): integers
//! sent as floats (`"width": 640.0`), required fields missing or `null`, fields removed for
//! development-mode apps in 2026-02 (`shared/docs/API-CHANGES.md`), local files without IDs,
//! new enum values. The models follow one rule, applied by construction to every field of every
//! model rather than field by field: **a body decodes unless it is not the kind of object asked
//! for**.
//!
//! - A missing, `null` or wrong-kind field takes its default: `""`, `0`, `false`, `[]`, an empty
//!   object, or `None` for the fields whose absence means something (`Option`).
//! - Whole numbers may come as floats (`640.0`); unknown fields are ignored; unknown enum
//!   values are kept in an `Unknown(String)` variant.
//! - In a list, an element of the wrong kind (a `null` playlist Spotify hides) is left out;
//!   lists that keep positions (multi-get results) hold `Option`s and keep their `None`s.
//! - A missing ID is the empty ID, which every operation refuses before sending.
//! - Only a body that is not a JSON object where an object is expected, or that is not JSON at
//!   all, fails, with [`Error::Decode`](crate::Error::Decode) naming the JSON path.

#[doc(hidden)]
pub use crate::lenient::Lenient;

mod album;
mod artist;
mod common;
mod image;
mod page;
mod player;
mod track;
mod user;

pub use album::*;
pub use artist::*;
pub use common::*;
pub use image::*;
pub use page::*;
pub use player::*;
pub use track::*;
pub use user::*;
