//! Why the player refuses a command, and how Spotify words it.

use axum::http::StatusCode;

use crate::errors::{
    ApiError, DEVICE_NOT_FOUND, PLAYER_NO_ACTIVE_DEVICE, PLAYER_RESTRICTION_VIOLATED,
    PLAYER_VOLUME_DISALLOWED,
};
use crate::state::RestrictionReason;

/// A command the player's state forbids (403 `Restriction violated`), by its documented
/// reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Restriction {
    /// `pause` while paused, or with nothing loaded.
    AlreadyPaused,
    /// `play` (resume) while playing.
    NotPaused,
    /// `next` at the end of the context, with nothing queued and repeat off.
    NoNextTrack,
    /// `previous` at the start of the context with repeat off.
    NoPrevTrack,
    /// A command that needs a loaded item when nothing is loaded.
    NotPlayingTrack,
    /// `play` with an offset outside the context, or a context with nothing to play.
    NoSpecificTrack,
}

impl Restriction {
    /// The documented `reason`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Self::AlreadyPaused => "ALREADY_PAUSED",
            Self::NotPaused => "NOT_PAUSED",
            Self::NoNextTrack => "NO_NEXT_TRACK",
            Self::NoPrevTrack => "NO_PREV_TRACK",
            Self::NotPlayingTrack => "NOT_PLAYING_TRACK",
            Self::NoSpecificTrack => "NO_SPECIFIC_TRACK",
        }
    }
}

/// Why the player refused a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// No `device_id` and no active device: 404 `NO_ACTIVE_DEVICE`.
    NoActiveDevice,
    /// A `device_id` the user has no device with: 404 `Device not found`.
    DeviceNotFound,
    /// Volume on a device that cannot set it: 403 `VOLUME_CONTROL_DISALLOW`.
    VolumeControlDisallow,
    /// 403 `Restriction violated`.
    Restriction(Restriction),
}

impl Refusal {
    /// Spotify's answer; a restriction's reason as `reasons` says (see `errors.rs`).
    pub(crate) fn into_api_error(self, reasons: RestrictionReason) -> ApiError {
        match self {
            Self::NoActiveDevice => {
                ApiError::not_found(PLAYER_NO_ACTIVE_DEVICE).with_reason("NO_ACTIVE_DEVICE")
            }
            Self::DeviceNotFound => ApiError::not_found(DEVICE_NOT_FOUND),
            Self::VolumeControlDisallow => {
                ApiError::new(StatusCode::FORBIDDEN, PLAYER_VOLUME_DISALLOWED)
                    .with_reason("VOLUME_CONTROL_DISALLOW")
            }
            Self::Restriction(restriction) => {
                let reason = match reasons {
                    RestrictionReason::Specific => restriction.code(),
                    RestrictionReason::Unknown => "UNKNOWN",
                };
                ApiError::new(StatusCode::FORBIDDEN, PLAYER_RESTRICTION_VIOLATED)
                    .with_reason(reason)
            }
        }
    }
}

impl From<Restriction> for Refusal {
    fn from(restriction: Restriction) -> Self {
        Self::Restriction(restriction)
    }
}
