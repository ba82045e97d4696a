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
//! Whether the app kept the November 2024 set is learned the same way, apart from the mode:
//! extended apps without access granted before 2024-11-27 lack it too.

use std::sync::atomic::{AtomicU8, Ordering};

use crate::error::{ApiChange, Error};

/// Which endpoints the app may use: Spotify's quota mode of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum QuotaMode {
    /// Learn it: the first call of an endpoint that development mode lacks tells (a 403 means
    /// development mode), and the answer is remembered. Until then such calls wait for the
    /// first one, so the removed endpoint is asked by one call, not by every call. That call
    /// sends a multi-get's first 8 requests at once, as for an extended app (which then pays no
    /// extra round trip): a development-mode app sees up to 8 of them refused, once.
    #[default]
    Auto,
    /// A development-mode app (the default for new apps since 2026-02): multi-gets become
    /// concurrent single gets, and operations with no replacement fail at once with
    /// [`Error::EndpointRemoved`], without a request.
    Development,
    /// An extended-quota app: every operation is called as it is. (An extended app without
    /// access granted before 2024-11-27 lacks the November 2024 set: the first refusal of one
    /// of those is remembered, and the others then fail at once too.)
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

/// Whether the app has the operations of one dated change, as far as the client knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Availability {
    /// Not known yet: the next call asks, one at a time.
    Unknown,
    /// The app has them: call them as they are.
    Available,
    /// The app lacks them: refuse without a request.
    Removed,
}

/// The client's quota mode: configured, or learned once; and whether the app kept the
/// November 2024 set, learned once.
#[derive(Debug)]
pub(crate) struct QuotaState {
    configured: QuotaMode,
    learned: AtomicU8,
    /// What a call of the November 2024 set taught: `UNKNOWN`, `AVAILABLE` or `REMOVED`.
    /// Every app without extended access granted before 2024-11-27 lacks that set, extended
    /// or not, so it is learned apart from the mode (a development-mode app lacks it too).
    nov_2024: AtomicU8,
    /// Held while the mode is being learned, so the removed endpoint is asked once.
    pub(crate) probe: tokio::sync::Mutex<()>,
}

const AVAILABLE: u8 = 1;
const REMOVED: u8 = 2;

impl QuotaState {
    pub(crate) fn new(configured: QuotaMode) -> QuotaState {
        QuotaState {
            configured,
            learned: AtomicU8::new(UNKNOWN),
            nov_2024: AtomicU8::new(UNKNOWN),
            probe: tokio::sync::Mutex::new(()),
        }
    }

    /// Whether the app has the operations that `change` removed for some apps.
    pub(crate) fn availability(&self, change: ApiChange) -> Availability {
        match (self.mode(), change) {
            // Development-mode apps lack both sets.
            (QuotaMode::Development, _) => Availability::Removed,
            (QuotaMode::Extended, ApiChange::February2026) => Availability::Available,
            (QuotaMode::Auto, ApiChange::February2026) => Availability::Unknown,
            (_, ApiChange::November2024) => match self.nov_2024.load(Ordering::Acquire) {
                AVAILABLE => Availability::Available,
                REMOVED => Availability::Removed,
                _ => Availability::Unknown,
            },
        }
    }

    /// Records what an answer of an operation of `change` taught: the app has its set
    /// (`available`) or lacks it (it was refused). For the February 2026 set that is the mode.
    pub(crate) fn learn_from(&self, change: ApiChange, available: bool) {
        match change {
            ApiChange::February2026 if available => self.learn(QuotaMode::Extended),
            ApiChange::February2026 => self.learn(QuotaMode::Development),
            ApiChange::November2024 => {
                let value = if available { AVAILABLE } else { REMOVED };
                if self.nov_2024.swap(value, Ordering::AcqRel) != value {
                    tracing::debug!(available, "learned whether the app has the 2024-11 set");
                }
            }
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
    fn learn(&self, mode: QuotaMode) {
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

/// Whether `error` is Spotify refusing an operation the app lacks: a 403 whose message is the
/// bare `Forbidden` Spotify sends for a removed endpoint (API-CHANGES.md). Other 403s give
/// another reason (`Insufficient client scope`, `You cannot add tracks to a playlist you don't
/// own.`, `You cannot create a playlist for another user.`, `User not registered in the
/// Developer Dashboard`); taking those for a removal would teach the client the wrong quota
/// mode.
pub(crate) fn is_refusal(error: &Error) -> bool {
    match error {
        Error::Api {
            status: 403,
            message,
            ..
        } => message
            .trim()
            .trim_end_matches('.')
            .eq_ignore_ascii_case("forbidden"),
        _ => false,
    }
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
    fn the_2024_set_is_learned_apart_from_the_mode() {
        use ApiChange::{February2026 as Feb, November2024 as Nov};
        let extended = QuotaState::new(QuotaMode::Extended);
        assert_eq!(extended.availability(Feb), Availability::Available);
        assert_eq!(extended.availability(Nov), Availability::Unknown);
        extended.learn_from(Nov, false);
        assert_eq!(extended.availability(Nov), Availability::Removed);
        assert_eq!(extended.availability(Feb), Availability::Available);
        assert_eq!(extended.mode(), QuotaMode::Extended);

        let auto = QuotaState::new(QuotaMode::Auto);
        auto.learn_from(Nov, true);
        assert_eq!(auto.availability(Nov), Availability::Available);
        assert_eq!(auto.availability(Feb), Availability::Unknown);
        auto.learn_from(Feb, false);
        assert_eq!(auto.mode(), QuotaMode::Development);
        assert_eq!(
            auto.availability(Nov),
            Availability::Removed,
            "development lacks both"
        );

        let development = QuotaState::new(QuotaMode::Development);
        assert_eq!(development.availability(Nov), Availability::Removed);
    }

    #[test]
    fn only_a_bare_refusal_teaches_the_mode() {
        let refusal = |message: &str| {
            is_refusal(&Error::Api {
                status: 403,
                message: message.to_owned(),
                reason: None,
            })
        };
        assert!(refusal("Forbidden"));
        assert!(refusal("Forbidden."));
        assert!(!refusal("You cannot create a playlist for another user."));
        assert!(!refusal("Insufficient client scope"));
        assert!(!refusal(
            "You cannot add tracks to a playlist you don't own."
        ));
        assert!(!refusal("User not registered in the Developer Dashboard"));
        assert!(!is_refusal(&Error::Api {
            status: 404,
            message: "Forbidden".into(),
            reason: None
        }));
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
