//! Access tokens, and where they are kept between runs.
//!
//! A [`Token`] is what the accounts service hands out: an access token, its absolute expiry, the
//! scopes the user granted and, for user authorizations, a refresh token. It serialises, so it
//! can be stored and restored with its expiry and scopes intact. Its `Debug` output hides both
//! tokens.
//!
//! A [`TokenStore`] keeps a token between runs. The library ships three (see
//! [`crate::store`]): in memory, a JSON file (mode 0600, written atomically) and, with the
//! `sqlite` feature, SQLite. [`crate::CallbackTokenStore`] adapts users' own storage.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::scope::Scope;

/// An access token with what is known about it.
#[derive(Clone, Serialize, Deserialize)]
pub struct Token {
    #[serde(with = "secret")]
    access_token: SecretString,
    #[serde(default = "bearer")]
    token_type: String,
    #[serde(with = "unix_seconds")]
    expires_at: SystemTime,
    #[serde(default)]
    scopes: Vec<Scope>,
    #[serde(
        default,
        with = "optional_secret",
        skip_serializing_if = "Option::is_none"
    )]
    refresh_token: Option<SecretString>,
}

fn bearer() -> String {
    "Bearer".to_owned()
}

impl Token {
    /// A token that expires at `expires_at`, with no scopes and no refresh token.
    pub fn new(access_token: impl Into<String>, expires_at: SystemTime) -> Token {
        Token {
            access_token: SecretString::from(access_token.into()),
            token_type: bearer(),
            expires_at,
            scopes: Vec::new(),
            refresh_token: None,
        }
    }

    /// The same token with these granted scopes.
    pub fn with_scopes(mut self, scopes: impl IntoIterator<Item = Scope>) -> Token {
        self.scopes = scopes.into_iter().collect();
        self
    }

    /// The same token with this refresh token.
    pub fn with_refresh_token(mut self, refresh_token: impl Into<String>) -> Token {
        self.refresh_token = Some(SecretString::from(refresh_token.into()));
        self
    }

    /// The access token itself. Treat it as a secret: do not log it.
    pub fn access_token(&self) -> &str {
        self.access_token.expose_secret()
    }

    /// The token type; Spotify always answers `Bearer`.
    pub fn token_type(&self) -> &str {
        &self.token_type
    }

    /// When the access token stops working.
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// The scopes the user granted (empty for client-credentials tokens).
    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }

    /// Whether the user granted `scope`.
    pub fn has_scope(&self, scope: &Scope) -> bool {
        self.scopes.contains(scope)
    }

    /// The refresh token, for user authorizations. Treat it as a secret.
    pub fn refresh_token(&self) -> Option<&str> {
        self.refresh_token.as_ref().map(|t| t.expose_secret())
    }

    /// Whether the access token has expired.
    pub fn is_expired(&self) -> bool {
        self.expires_within(Duration::ZERO)
    }

    /// Whether the access token expires within `margin` from now (or has expired).
    pub fn expires_within(&self, margin: Duration) -> bool {
        SystemTime::now() + margin >= self.expires_at
    }

    pub(crate) fn refresh_secret(&self) -> Option<&SecretString> {
        self.refresh_token.as_ref()
    }

    pub(crate) fn set_refresh_secret(&mut self, refresh: Option<SecretString>) {
        self.refresh_token = refresh;
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("access_token", &"[redacted]")
            .field("token_type", &self.token_type)
            .field("expires_at", &self.expires_at)
            .field("scopes", &Scope::join(&self.scopes))
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[redacted]"),
            )
            .finish()
    }
}

/// The body of a successful `POST /api/token`.
#[derive(Deserialize)]
pub(crate) struct TokenResponse {
    access_token: String,
    #[serde(default = "bearer")]
    token_type: String,
    expires_in: u64,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    refresh_token: Option<String>,
}

impl TokenResponse {
    /// The token this response describes, expiring `expires_in` seconds after `received`.
    pub(crate) fn into_token(self, received: SystemTime) -> Token {
        // An absurd `expires_in` must not overflow the clock.
        let lifetime = Duration::from_secs(self.expires_in.min(10 * 365 * 24 * 3600));
        Token {
            access_token: SecretString::from(self.access_token),
            token_type: self.token_type,
            expires_at: received + lifetime,
            scopes: self
                .scope
                .as_deref()
                .map(Scope::parse_list)
                .unwrap_or_default(),
            refresh_token: self.refresh_token.map(SecretString::from),
        }
    }
}

mod secret {
    use super::*;

    pub(super) fn serialize<S: Serializer>(v: &SecretString, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v.expose_secret())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SecretString, D::Error> {
        Ok(SecretString::from(String::deserialize(d)?))
    }
}

mod optional_secret {
    use super::*;

    pub(super) fn serialize<S: Serializer>(
        v: &Option<SecretString>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_some(v.expose_secret()),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<SecretString>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(SecretString::from))
    }
}

mod unix_seconds {
    use super::*;

    pub(super) fn serialize<S: Serializer>(v: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
        let secs = v
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        s.serialize_u64(secs)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SystemTime, D::Error> {
        let secs = u64::deserialize(d)?;
        UNIX_EPOCH
            .checked_add(Duration::from_secs(secs))
            .ok_or_else(|| serde::de::Error::custom("expires_at is out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_both_tokens() {
        let t = Token::new("BQ-access-secret", SystemTime::now())
            .with_refresh_token("AQ-refresh-secret");
        let debug = format!("{t:?}");
        assert!(!debug.contains("BQ-access-secret"), "{debug}");
        assert!(!debug.contains("AQ-refresh-secret"), "{debug}");
        assert!(debug.contains("[redacted]"));
    }

    #[test]
    fn serialises_and_restores_expiry_and_scopes() {
        let expires = UNIX_EPOCH + Duration::from_secs(2_000_000_000);
        let t = Token::new("a", expires)
            .with_scopes([Scope::UserReadPrivate, Scope::from_name("new-scope")])
            .with_refresh_token("r");
        let json = serde_json::to_string(&t).unwrap();
        let back: Token = serde_json::from_str(&json).unwrap();
        assert_eq!(back.expires_at(), expires);
        assert_eq!(back.scopes(), t.scopes());
        assert_eq!(back.refresh_token(), Some("r"));
        assert_eq!(back.access_token(), "a");
    }

    #[test]
    fn response_becomes_absolute_expiry() {
        let r: TokenResponse = serde_json::from_str(
            r#"{"access_token":"x","token_type":"Bearer","expires_in":3600,"scope":"user-read-private user-read-email"}"#,
        )
        .unwrap();
        let now = SystemTime::now();
        let t = r.into_token(now);
        assert_eq!(t.expires_at(), now + Duration::from_secs(3600));
        assert!(t.has_scope(&Scope::UserReadEmail));
        assert!(t.refresh_token().is_none());
        assert!(!t.expires_within(Duration::from_secs(60)));
        assert!(t.expires_within(Duration::from_secs(3601)));
    }
}
