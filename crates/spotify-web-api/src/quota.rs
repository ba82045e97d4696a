//! Quota modes: which operations an app may call, and how the client learns it.
//!
//! Since 2026-02 a development-mode app has lost the multi-gets, the browse endpoints, other
//! users' profiles and more (`API-CHANGES.md`); apps without extended access granted before
//! 2024-11-27 lost related artists, recommendations, audio features and the editorial playlist
//! lists. The client hides the difference where it can (a multi-get becomes concurrent single
//! gets) and otherwise says plainly what happened ([`Error::EndpointRemoved`]).
//!
//! The mode is [`QuotaMode::Auto`] unless configured: the client then learns it from the first
//! answer of a removed endpoint, once, and remembers it (every clone of the client shares it).

use std::sync::atomic::{AtomicU8, Ordering};

use crate::error::{ApiChange, Error};

/// Which endpoints the app may use: Spotify's quota mode of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum QuotaMode {
    /// Learn it: the first call of an endpoint that development mode lacks tells (a 403 means
    /// development mode), and the answer is remembered. Until then such calls are sent one at
    /// a time, so the removed endpoint is asked once, not once per call.
    #[default]
    Auto,
    /// A development-mode app (the default for new apps since 2026-02): multi-gets become
    /// concurrent single gets, and operations with no replacement fail at once with
    /// [`Error::EndpointRemoved`], without a request.
    Development,
    /// An extended-quota app: every operation is called as it is.
    Extended,
}

/// An operation removed for some apps by a dated change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Removal {
    /// The spec's operationId.
    pub(crate) operation: &'static str,
    /// The change that removed it.
    pub(crate) change: ApiChange,
    /// What to call instead, when the library does not fall back on it itself.
    pub(crate) replacement: Option<&'static str>,
}

impl Removal {
    /// An operation of the February 2026 removals.
    pub(crate) const fn feb_2026(operation: &'static str) -> Removal {
        Removal {
            operation,
            change: ApiChange::February2026,
            replacement: None,
        }
    }

    /// An operation of the November 2024 removals.
    pub(crate) const fn nov_2024(operation: &'static str) -> Removal {
        Removal {
            operation,
            change: ApiChange::November2024,
            replacement: None,
        }
    }

    /// Names the operation to use instead.
    pub(crate) const fn instead(mut self, replacement: &'static str) -> Removal {
        self.replacement = Some(replacement);
        self
    }

    /// The error for a call of this operation by an app that lacks it.
    pub(crate) fn error(&self) -> Error {
        Error::EndpointRemoved {
            operation: self.operation,
            change: self.change,
            replacement: self.replacement,
        }
    }
}

/// What a 403 means for an operation every app has, when it means something the library can
/// name (see [`ApiRequest::refused_as`](crate::http::ApiRequest::refused_as)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The items of this playlist (its ID), which the user neither owns nor collaborates on:
    /// development mode since 2026-02.
    ForeignPlaylist(String),
}

impl Refusal {
    /// The error for a 403 with Spotify's `message`.
    pub(crate) fn error(&self, message: String) -> Error {
        match self {
            Refusal::ForeignPlaylist(playlist) => Error::ForeignPlaylist {
                playlist: playlist.clone(),
                message,
            },
        }
    }
}

const UNKNOWN: u8 = 0;
const DEVELOPMENT: u8 = 1;
const EXTENDED: u8 = 2;

/// The client's quota mode: configured, or learned once.
#[derive(Debug)]
pub(crate) struct QuotaState {
    configured: QuotaMode,
    learned: AtomicU8,
    /// Held while the mode is being learned, so the removed endpoint is asked once.
    pub(crate) probe: tokio::sync::Mutex<()>,
}

impl QuotaState {
    pub(crate) fn new(configured: QuotaMode) -> QuotaState {
        QuotaState {
            configured,
            learned: AtomicU8::new(UNKNOWN),
            probe: tokio::sync::Mutex::new(()),
        }
    }

    /// The mode in force: the configured one, else the learned one, else `Auto`.
    pub(crate) fn mode(&self) -> QuotaMode {
        match self.configured {
            QuotaMode::Auto => match self.learned.load(Ordering::Acquire) {
                DEVELOPMENT => QuotaMode::Development,
                EXTENDED => QuotaMode::Extended,
                _ => QuotaMode::Auto,
            },
            mode => mode,
        }
    }

    /// Records what an answer of a February-2026 endpoint taught.
    pub(crate) fn learn(&self, mode: QuotaMode) {
        let value = match mode {
            QuotaMode::Development => DEVELOPMENT,
            QuotaMode::Extended => EXTENDED,
            QuotaMode::Auto => return,
        };
        if self.learned.swap(value, Ordering::AcqRel) != value {
            tracing::debug!(?mode, "learned the app's quota mode");
        }
    }
}

/// Whether `error` is Spotify refusing an operation the app lacks (a 403).
pub(crate) fn is_refusal(error: &Error) -> bool {
    matches!(error, Error::Api { status: 403, .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_mode_wins_and_auto_learns() {
        let fixed = QuotaState::new(QuotaMode::Extended);
        fixed.learn(QuotaMode::Development);
        assert_eq!(fixed.mode(), QuotaMode::Extended);
        let auto = QuotaState::new(QuotaMode::Auto);
        assert_eq!(auto.mode(), QuotaMode::Auto);
        auto.learn(QuotaMode::Development);
        assert_eq!(auto.mode(), QuotaMode::Development);
    }

    #[test]
    fn removal_errors_name_the_change() {
        let err = Removal::feb_2026("get-an-artists-top-tracks").error();
        assert!(err.is_endpoint_removed());
        assert_eq!(
            err.to_string(),
            "get-an-artists-top-tracks is not available to this app: Spotify removed it for \
             development-mode apps in the February 2026 changes"
        );
        let err = Removal::feb_2026("get-users-profile")
            .instead("SpotifyWebApi::me")
            .error();
        assert!(err.to_string().ends_with("; use SpotifyWebApi::me instead"));
    }
}
