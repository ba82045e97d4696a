//! The token the client sends, and its renewal.
//!
//! [`TokenManager`] answers one question for the pipeline: "which bearer token do I send?". With
//! a plain access token (set by [`crate::SpotifyWebApi::set_access_token`]) it hands that out.
//! With a [`Session`] it also renews: a token that expires within the safety margin is refreshed
//! (user tokens) or requested again (client credentials) before use, and a token the API refused
//! with a 401 is renewed once. Renewal is single-flight: the session sits behind an async mutex,
//! and whoever takes it second finds the new token already there and makes no request.

use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use crate::error::{Error, Result, SessionError};
use crate::http::{Bearer, Credentials};
use crate::session::Session;
use crate::store::TokenStore;
use crate::token::Token;

/// The token in use.
#[derive(Clone)]
struct Current {
    token: Token,
    /// Its `Authorization` header, built once rather than per request (`None` if the token
    /// cannot be sent in a header: the error is reported when it would be sent).
    bearer: Option<Bearer>,
    /// False for a bare access token set by the caller, whose expiry is unknown.
    expiry_known: bool,
}

impl Current {
    fn new(token: Token, expiry_known: bool) -> Current {
        Current {
            bearer: Bearer::new(token.access_token()),
            token,
            expiry_known,
        }
    }

    fn bearer(&self) -> Result<Bearer> {
        self.bearer.clone().ok_or_else(Bearer::invalid)
    }
}

pub(crate) struct TokenManager {
    current: RwLock<Option<Current>>,
    renewal: Option<tokio::sync::Mutex<Renewal>>,
    margin: Duration,
}

struct Renewal {
    session: Session,
    store: Option<Arc<dyn TokenStore>>,
    /// Whether the store has been read yet (it is read once, lazily, on first need).
    loaded: bool,
    /// Set when Spotify refused the refresh token: asking again cannot help, so every later
    /// call fails at once with the same error instead of sending another token request.
    refused_refresh: Option<Option<String>>,
}

impl std::fmt::Debug for TokenManager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let current = self.read().clone();
        f.debug_struct("TokenManager")
            .field("token", &current.map(|c| c.token))
            .field("renews", &self.renewal.is_some())
            .field("margin", &self.margin)
            .finish()
    }
}

impl TokenManager {
    /// A manager that only sends the token it is given.
    pub(crate) fn fixed(token: Option<String>) -> TokenManager {
        TokenManager {
            current: RwLock::new(token.map(fixed_token)),
            renewal: None,
            margin: Duration::ZERO,
        }
    }

    /// A manager that renews through `session`, saving new tokens in `store`.
    pub(crate) fn managed(
        session: Session,
        store: Option<Arc<dyn TokenStore>>,
        margin: Duration,
    ) -> TokenManager {
        let current = session
            .token()
            .cloned()
            .map(|token| Current::new(token, true));
        TokenManager {
            current: RwLock::new(current),
            renewal: Some(tokio::sync::Mutex::new(Renewal {
                session,
                store,
                loaded: false,
                refused_refresh: None,
            })),
            margin,
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Option<Current>> {
        self.current.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Option<Current>> {
        self.current.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Replaces the token with a bare access token of unknown expiry.
    pub(crate) fn set_access_token(&self, token: String) {
        *self.write() = Some(fixed_token(token));
    }

    /// The token in use, when the manager knows its expiry (not for a bare access token).
    pub(crate) fn token(&self) -> Option<Token> {
        self.read()
            .as_ref()
            .filter(|c| c.expiry_known)
            .map(|c| c.token.clone())
    }

    /// The current token's header, if it is usable: not about to expire, and not the one
    /// that was just refused.
    fn usable(&self, refused: Option<&Bearer>) -> Option<Result<Bearer>> {
        let current = self.read();
        let c = current.as_ref()?;
        if c.expiry_known && c.token.expires_within(self.margin) {
            return None;
        }
        if refused.is_some_and(|r| c.bearer.as_ref() == Some(r)) {
            return None;
        }
        Some(c.bearer())
    }

    /// The retry policy of the managed session's token requests (for tests of the builder).
    #[cfg(test)]
    pub(crate) fn session_retry(&self) -> Option<crate::retry::RetryPolicy> {
        let renewal = self.renewal.as_ref()?.try_lock().ok()?;
        Some(renewal.session.retry_policy().clone())
    }

    /// The limiter of the managed session's token requests (for tests of the builder).
    #[cfg(test)]
    pub(crate) fn session_limiter(&self) -> Option<std::sync::Arc<crate::limit::Limiter>> {
        let renewal = self.renewal.as_ref()?.try_lock().ok()?;
        Some(renewal.session.transport.limiter.clone())
    }

    /// Installs a renewed token; its header.
    fn install(&self, token: Token) -> Result<Bearer> {
        let current = Current::new(token, true);
        let bearer = current.bearer();
        *self.write() = Some(current);
        bearer
    }
}

impl Credentials for TokenManager {
    fn can_renew(&self) -> bool {
        self.renewal.is_some()
    }

    fn current(&self) -> Option<Result<Bearer>> {
        let current = self.read();
        let c = current.as_ref()?;
        if c.expiry_known && c.token.is_expired() {
            return None;
        }
        Some(c.bearer())
    }

    /// The bearer token to send. `refused` is the token the API just answered 401 to, which
    /// must be replaced rather than sent again.
    async fn bearer(&self, refused: Option<&Bearer>) -> Result<Bearer> {
        if let Some(bearer) = self.usable(refused) {
            return bearer;
        }
        // Boxed: the renewal's state (a token request, a store's futures) is large, and
        // inline it would sit in every request's future although nearly every request has
        // a usable token and never gets here.
        Box::pin(self.bearer_after_wait(refused)).await
    }
}

impl TokenManager {
    /// [`Credentials::bearer`] when the current token is not usable: waits for the renewal
    /// lock, then loads, renews or reports, as the token's state calls for.
    async fn bearer_after_wait(&self, refused: Option<&Bearer>) -> Result<Bearer> {
        let Some(renewal) = &self.renewal else {
            // A bare token: send what we have; the API will say if it is no good.
            return self
                .read()
                .as_ref()
                .ok_or(Error::NoToken)
                .and_then(Current::bearer);
        };
        let mut renewal = renewal.lock().await;
        // Whoever held the lock before us may have renewed already.
        if let Some(bearer) = self.usable(refused) {
            return bearer;
        }
        if !renewal.loaded {
            renewal.loaded = true;
            let store = renewal.store.clone();
            if let (None, Some(store)) = (renewal.session.token(), store)
                && let Some(stored) = store.load().await?
            {
                tracing::debug!("restored a token from the store");
                renewal.session.set_token(stored.clone());
                self.install(stored)?;
                if let Some(bearer) = self.usable(refused) {
                    return bearer;
                }
            }
        }
        if let Some(error_description) = &renewal.refused_refresh {
            return Err(Error::ReauthorizationRequired {
                error_description: error_description.clone(),
            });
        }
        // With a store that several processes share, one of them renews for all: this one
        // waits for its turn, and uses what another renewed meanwhile, if it did.
        let turn = match renewal.store.clone() {
            Some(store) => store.renewal_turn().await?,
            None => None,
        };
        let shared = turn.is_some();
        let result = self.renew(&mut renewal, refused, shared).await;
        if let Some(turn) = turn {
            turn.release().await;
        }
        result
    }

    /// Renews the token and saves it, unless (`shared`) the store holds a usable one already.
    async fn renew(
        &self,
        renewal: &mut Renewal,
        refused: Option<&Bearer>,
        shared: bool,
    ) -> Result<Bearer> {
        if shared
            && let Some(store) = renewal.store.clone()
            && let Some(stored) = store.load().await?
        {
            if !stored.expires_within(self.margin)
                && refused.is_none_or(|r| Bearer::new(stored.access_token()).as_ref() != Some(r))
            {
                tracing::debug!("another process renewed the token: using it");
                // A stored token without a refresh token never takes this session's away.
                let stored = match (stored.refresh_token(), renewal.session.refresh_token()) {
                    (None, Some(own)) => stored.with_refresh_token(own),
                    _ => stored,
                };
                renewal.session.set_token(stored.clone());
                return self.install(stored);
            }
            // Stale, but with a refresh token this session lacks (a worker that found the
            // user's key empty when it started): this session renews with it.
            if renewal.session.refresh_token().is_none() && stored.refresh_token().is_some() {
                renewal.session.set_token(stored);
            }
        }
        if renewal.session.refresh_token().is_none()
            && renewal
                .store
                .as_ref()
                .is_some_and(|s| s.refuses_app_tokens())
        {
            // The session would ask for an app's token, which the store refuses: a token
            // request per call, all wasted.
            return Err(Error::Session(SessionError::NoUserToken));
        }
        let token = match renewal.session.renew().await {
            Ok(token) => token,
            Err(Error::ReauthorizationRequired { error_description }) => {
                renewal.refused_refresh = Some(error_description.clone());
                return Err(Error::ReauthorizationRequired { error_description });
            }
            Err(e) => return Err(e),
        };
        // Saved before it is used: a crash after this line loses nothing.
        if let Some(store) = &renewal.store {
            store.save(&token).await?;
        }
        self.install(token)
    }
}

fn fixed_token(token: String) -> Current {
    // The expiry of a bare token is unknown; it is never treated as expired.
    Current::new(Token::new(token, SystemTime::UNIX_EPOCH), false)
}
