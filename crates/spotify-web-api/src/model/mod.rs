//! Typed response models, one module per object family.
//!
//! Type names are the spec's schema names without `Object` (`SimplifiedTrackObject` is
//! [`SimplifiedTrack`]); fields keep Spotify's JSON names, except `type`, which is `kind`.
//! Every model serializes back to Spotify's JSON names.
//!
//! The models accept what Spotify really sends, which is looser than `openapi.yml`
//! (`shared/spotify-api/SPEC-GAPS.md`): `null` where the spec says non-null, fields removed for
//! development-mode apps in 2026-02 (`shared/docs/API-CHANGES.md`), local files without IDs,
//! unknown enum values (kept in an `Unknown(String)` variant) and unknown extra fields (ignored).
//! A missing or `null` field becomes `None` when its absence means something, otherwise the
//! type's default (`""`, `0`, `false`, `[]`), as each field's documentation says.

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
