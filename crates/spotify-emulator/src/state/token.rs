//! `POST /api/token` (`SPOTIFY-PROTOCOL.md` §1.2): client authentication and the three grants.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use sha2::{Digest, Sha256};

use std::time::Duration;

use super::auth::{Auth, RefreshToken};
use super::{ACCESS_TOKEN_LIFETIME, AppState, Settings, non_empty, random_token};
use crate::config::Rotation;
use crate::errors::{
    AUTHORIZATION_CODE_EXPIRED, CODE_MUST_BE_SUPPLIED, CODE_VERIFIER_INCORRECT,
    CODE_VERIFIER_REQUIRED, INVALID_AUTHORIZATION_CODE, INVALID_CLIENT, INVALID_CLIENT_SECRET,
    INVALID_REDIRECT_URI, INVALID_REFRESH_TOKEN, OAuthError, REFRESH_TOKEN_MUST_BE_SUPPLIED,
    REFRESH_TOKEN_REVOKED,
};

/// How a client authenticated at `POST /api/token`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ClientAuth {
    /// No `Authorization: Basic` header.
    Absent,
    /// A `Basic` header that does not decode to `id:secret`.
    Garbled,
    /// `Authorization: Basic base64(id:secret)`.
    Basic {
        client_id: String,
        client_secret: String,
    },
}

/// The parameters of a `POST /api/token` (form body only, never the query string).
#[derive(Clone, Debug, Default)]
pub(crate) struct TokenParams<'a> {
    pub(crate) grant_type: Option<&'a str>,
    pub(crate) client_id: Option<&'a str>,
    pub(crate) client_secret: Option<&'a str>,
    pub(crate) code: Option<&'a str>,
    pub(crate) redirect_uri: Option<&'a str>,
    pub(crate) code_verifier: Option<&'a str>,
    pub(crate) refresh_token: Option<&'a str>,
}

/// A successful `POST /api/token` body, fields in Spotify's order.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct TokenResponse {
    pub(crate) access_token: String,
    pub(crate) token_type: &'static str,
    pub(crate) expires_in: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) scope: Option<String>,
}

/// A client that passed authentication.
enum Client<'a> {
    /// Authenticated with its secret.
    Confidential(&'a str),
    /// Sent only its `client_id` (PKCE).
    Public(&'a str),
}

impl Client<'_> {
    fn id(&self) -> &str {
        match self {
            Self::Confidential(id) | Self::Public(id) => id,
        }
    }
}
impl AppState {
    /// `POST /api/token`: the grant named by `grant_type`, or the §1.2 error.
    pub(crate) fn token(
        &self,
        auth: &ClientAuth,
        p: &TokenParams<'_>,
    ) -> Result<TokenResponse, OAuthError> {
        let grant_type = non_empty(p.grant_type).ok_or_else(OAuthError::grant_type_missing)?;
        if !matches!(
            grant_type,
            "client_credentials" | "authorization_code" | "refresh_token"
        ) {
            return Err(OAuthError::grant_type_not_supported(grant_type));
        }
        let now = self.now();
        let settings = self.settings();
        let mut rt = self.auth_mut();
        let client = authenticate(&rt, auth, p)?;
        let response = match grant_type {
            "client_credentials" => client_credentials(&mut rt, now, &client),
            "authorization_code" => authorization_code(&mut rt, now, &settings, &client, p),
            _ => refresh(&mut rt, now, &settings, &client, p),
        };
        if response.is_ok() {
            tracing::debug!(client_id = client.id(), grant_type, "token issued");
        }
        response
    }
}
/// Client authentication: `Basic` header, else `client_id` (+ `client_secret`) in the body.
fn authenticate<'a>(
    rt: &Auth,
    auth: &'a ClientAuth,
    p: &TokenParams<'a>,
) -> Result<Client<'a>, OAuthError> {
    let (client_id, secret) = match auth {
        ClientAuth::Basic {
            client_id,
            client_secret,
        } => (client_id.as_str(), Some(client_secret.as_str())),
        ClientAuth::Garbled => return Err(OAuthError::invalid_client(INVALID_CLIENT)),
        ClientAuth::Absent => (
            non_empty(p.client_id).ok_or(OAuthError::invalid_client(INVALID_CLIENT))?,
            p.client_secret,
        ),
    };
    let app = rt
        .apps
        .get(client_id)
        .ok_or(OAuthError::invalid_client(INVALID_CLIENT))?;
    match secret {
        Some(secret) if secret == app.client_secret => Ok(Client::Confidential(client_id)),
        Some(_) => Err(OAuthError::invalid_client(INVALID_CLIENT_SECRET)),
        None => Ok(Client::Public(client_id)),
    }
}

/// `grant_type=client_credentials`: a token with no user and no scope.
fn client_credentials(
    rt: &mut Auth,
    now: Duration,
    client: &Client<'_>,
) -> Result<TokenResponse, OAuthError> {
    let Client::Confidential(client_id) = client else {
        return Err(OAuthError::invalid_client(INVALID_CLIENT));
    };
    Ok(TokenResponse {
        access_token: rt.issue_access_token(now, client_id, None, &[]),
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_LIFETIME.as_secs(),
        refresh_token: None,
        scope: None,
    })
}

/// `grant_type=authorization_code`, with the client secret or with PKCE.
fn authorization_code(
    rt: &mut Auth,
    now: Duration,
    settings: &Settings,
    client: &Client<'_>,
    p: &TokenParams<'_>,
) -> Result<TokenResponse, OAuthError> {
    let code = non_empty(p.code).ok_or(OAuthError::invalid_request(CODE_MUST_BE_SUPPLIED))?;
    let record = rt
        .codes
        .get(code)
        .filter(|c| c.client_id == client.id())
        .ok_or(OAuthError::invalid_grant(INVALID_AUTHORIZATION_CODE))?;
    if now >= record.expires_at {
        return Err(OAuthError::invalid_grant(AUTHORIZATION_CODE_EXPIRED));
    }
    if p.redirect_uri != Some(record.redirect_uri.as_str()) {
        return Err(OAuthError::invalid_grant(INVALID_REDIRECT_URI));
    }
    match (&record.code_challenge, client) {
        (Some(challenge), _) => {
            let verifier = non_empty(p.code_verifier)
                .ok_or(OAuthError::invalid_request(CODE_VERIFIER_REQUIRED))?;
            if !verifier_matches(verifier, challenge) {
                return Err(OAuthError::invalid_grant(CODE_VERIFIER_INCORRECT));
            }
        }
        // No challenge was sent, so only the secret can authenticate the client.
        (None, Client::Public(_)) => return Err(OAuthError::invalid_client(INVALID_CLIENT)),
        (None, Client::Confidential(_)) => {}
    }
    let Some(record) = rt.codes.remove(code) else {
        return Err(OAuthError::invalid_grant(INVALID_AUTHORIZATION_CODE));
    };
    let access_token = rt.issue_access_token(
        now,
        &record.client_id,
        Some(&record.user_id),
        &record.scopes,
    );
    let lifetime = settings.refresh_token_lifetime();
    if rt.refresh_tokens.len() >= 10_000 {
        rt.refresh_tokens
            .retain(|_, t| t.authorized_at.saturating_add(lifetime) > now);
    }
    let refresh_token = random_token("AQ", 96);
    let scope = record.scopes.join(" ");
    rt.refresh_tokens.insert(
        refresh_token.clone(),
        RefreshToken {
            client_id: record.client_id,
            user_id: record.user_id,
            scopes: record.scopes,
            authorized_at: record.issued_at,
            pkce: record.code_challenge.is_some(),
            revoked: false,
        },
    );
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_LIFETIME.as_secs(),
        refresh_token: Some(refresh_token),
        scope: Some(scope),
    })
}

/// `grant_type=refresh_token`: a new access token, and a new refresh token only per [`Rotation`].
fn refresh(
    rt: &mut Auth,
    now: Duration,
    settings: &Settings,
    client: &Client<'_>,
    p: &TokenParams<'_>,
) -> Result<TokenResponse, OAuthError> {
    let token = non_empty(p.refresh_token)
        .ok_or(OAuthError::invalid_request(REFRESH_TOKEN_MUST_BE_SUPPLIED))?;
    let record = rt
        .refresh_tokens
        .get(token)
        .filter(|t| t.client_id == client.id())
        .cloned()
        .ok_or(OAuthError::invalid_grant(INVALID_REFRESH_TOKEN))?;
    if matches!(client, Client::Public(_)) && !record.pkce {
        return Err(OAuthError::invalid_client(INVALID_CLIENT));
    }
    // 2026: six months after the original authorisation, refreshing does not extend it.
    let expired = now
        >= record
            .authorized_at
            .saturating_add(settings.refresh_token_lifetime());
    if record.revoked || expired {
        return Err(OAuthError::invalid_grant(REFRESH_TOKEN_REVOKED));
    }
    let access_token = rt.issue_access_token(
        now,
        &record.client_id,
        Some(&record.user_id),
        &record.scopes,
    );
    let rotate = match settings.refresh_rotation {
        Rotation::None => false,
        Rotation::PkceOnly => record.pkce,
        Rotation::Always => true,
    };
    let scope = record.scopes.join(" ");
    let refresh_token = rotate.then(|| {
        rt.refresh_tokens.remove(token);
        let new_token = random_token("AQ", 96);
        rt.refresh_tokens.insert(new_token.clone(), record);
        new_token
    });
    Ok(TokenResponse {
        access_token,
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_LIFETIME.as_secs(),
        refresh_token,
        scope: Some(scope),
    })
}
/// RFC 7636 §4.6: a 43–128 character verifier of unreserved characters whose SHA-256, in
/// unpadded base64url, is the challenge.
fn verifier_matches(verifier: &str, challenge: &str) -> bool {
    let well_formed = (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
    well_formed && URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) == challenge
}
#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7636 Appendix B.
    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    #[test]
    fn rfc7636_appendix_b() {
        assert!(verifier_matches(VERIFIER, CHALLENGE));
        assert!(!verifier_matches(&VERIFIER.replace('d', "e"), CHALLENGE));
        assert!(!verifier_matches("short", CHALLENGE));
    }
}
