//! OAuth with Spotify's accounts service: getting and renewing tokens.
//!
//! A [`Session`] holds an app's credentials and the token it got with them. It speaks every
//! flow Spotify supports today:
//!
//! - **client credentials** ([`Session::request_credentials_token`]): no user, catalogue data
//!   only;
//! - **authorization code** ([`Session::authorize_url`], then
//!   [`Session::request_access_token`]): a user logs in, the app keeps its secret on a server;
//! - **authorization code with PKCE** ([`Session::request_access_token_pkce`]): for apps that
//!   cannot keep a secret (CLIs, desktop and mobile apps);
//! - **refresh** ([`Session::refresh_access_token`]).
//!
//! The implicit grant is gone (Spotify removed it on 2025-11-27), and so are `localhost` and
//! plain-http redirect URIs other than loopback IP literals: [`Session::set_redirect_uri`]
//! refuses them as Spotify would.
//!
//! See `docs/authorization.md` in the repository for each flow in the seed's two-step style.

use std::fmt;
use std::time::SystemTime;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::Rng;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};
use url::Url;

use crate::base_url::{BaseUrl, UrlRole};
use crate::error::{ConfigError, Error, RedirectUriProblem, Result, SessionError};
use crate::http::{Transport, TransportConfig};
use crate::retry::RetryPolicy;
use crate::scope::Scope;
use crate::token::Token;

/// Spotify's accounts service.
pub const DEFAULT_ACCOUNTS_URL: &str = "https://accounts.spotify.com";

/// The unreserved characters of RFC 7636 §4.1, from which code verifiers are drawn.
const UNRESERVED: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

/// An app's credentials and the token it holds.
///
/// ```no_run
/// use spotify_web_api::Session;
///
/// # async fn f() -> spotify_web_api::Result<()> {
/// let mut session = Session::new("CLIENT_ID", "CLIENT_SECRET");
/// session.request_credentials_token().await?;
/// let access_token = session.access_token().unwrap().to_owned(); // store it somewhere
/// # Ok(()) }
/// ```
pub struct Session {
    client_id: String,
    client_secret: Option<SecretString>,
    redirect_uri: Option<String>,
    token: Option<Token>,
    accounts_url: BaseUrl,
    pub(crate) transport: Transport,
    retry: RetryPolicy,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[redacted]"),
            )
            .field("redirect_uri", &self.redirect_uri)
            .field("token", &self.token)
            .field("accounts_url", &self.accounts_url.as_str())
            .finish()
    }
}

impl Session {
    /// A session for an app with a client secret (client credentials, or the authorization
    /// code flow on a server), talking to Spotify's accounts service.
    ///
    /// # Panics
    ///
    /// If the system's TLS backend cannot be initialised, as `reqwest::Client::new` does.
    /// [`Session::builder`] returns that failure as an error instead.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Session {
        let transport = Transport::new(TransportConfig::default())
            .unwrap_or_else(|e| panic!("cannot build an HTTP client: {e}"));
        Session {
            client_id: client_id.into(),
            client_secret: Some(SecretString::from(client_secret.into())),
            redirect_uri: None,
            token: None,
            accounts_url: default_accounts_url(),
            transport,
            retry: RetryPolicy::default(),
        }
    }

    /// A builder, for a PKCE app with no secret, another accounts URL (an emulator), a redirect
    /// URI, or HTTP settings.
    pub fn builder(client_id: impl Into<String>) -> SessionBuilder {
        SessionBuilder {
            client_id: client_id.into(),
            client_secret: None,
            redirect_uri: None,
            accounts_url: None,
            token: None,
            transport: TransportConfig::default(),
            retry: RetryPolicy::default(),
        }
    }

    /// The app's client ID.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// Replaces the client ID.
    pub fn set_client_id(&mut self, client_id: impl Into<String>) {
        self.client_id = client_id.into();
    }

    /// Replaces the client secret.
    pub fn set_client_secret(&mut self, client_secret: impl Into<String>) {
        self.client_secret = Some(SecretString::from(client_secret.into()));
    }

    /// The redirect URI, if one is set.
    pub fn redirect_uri(&self) -> Option<&str> {
        self.redirect_uri.as_deref()
    }

    /// Sets the redirect URI, checked as Spotify checks it since 2025-11-27: `https`, a custom
    /// scheme, or `http` on a loopback IP literal (`127.0.0.1`, `[::1]`). `localhost` is
    /// refused.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for a URI Spotify would refuse.
    pub fn set_redirect_uri(&mut self, redirect_uri: impl Into<String>) -> Result<()> {
        let uri = redirect_uri.into();
        validate_redirect_uri(&uri)?;
        self.redirect_uri = Some(uri);
        Ok(())
    }

    /// The access token, once one was requested or set. Treat it as a secret.
    pub fn access_token(&self) -> Option<&str> {
        self.token.as_ref().map(Token::access_token)
    }

    /// The refresh token of a user authorization. Treat it as a secret.
    pub fn refresh_token(&self) -> Option<&str> {
        self.token.as_ref().and_then(Token::refresh_token)
    }

    /// When the access token expires (an absolute time).
    pub fn token_expiration(&self) -> Option<SystemTime> {
        self.token.as_ref().map(Token::expires_at)
    }

    /// The scopes the user granted (empty for client credentials).
    pub fn scope(&self) -> &[Scope] {
        self.token.as_ref().map(Token::scopes).unwrap_or_default()
    }

    /// The whole token, to store it.
    pub fn token(&self) -> Option<&Token> {
        self.token.as_ref()
    }

    /// Restores a stored token.
    pub fn set_token(&mut self, token: Token) {
        self.token = Some(token);
    }

    /// Sets a bare access token of known expiry, keeping the refresh token and scopes.
    pub fn set_access_token(&mut self, access_token: impl Into<String>, expires_at: SystemTime) {
        let mut token = Token::new(access_token, expires_at);
        if let Some(old) = &self.token {
            token = token.with_scopes(old.scopes().iter().cloned());
            token.set_refresh_secret(old.refresh_secret().cloned());
        }
        self.token = Some(token);
    }

    /// Sets the refresh token (for example one read from a database), to call
    /// [`Session::refresh_access_token`] with.
    pub fn set_refresh_token(&mut self, refresh_token: impl Into<String>) {
        let refresh = SecretString::from(refresh_token.into());
        match &mut self.token {
            Some(token) => token.set_refresh_secret(Some(refresh)),
            None => {
                let mut token = Token::new("", SystemTime::UNIX_EPOCH);
                token.set_refresh_secret(Some(refresh));
                self.token = Some(token);
            }
        }
    }

    fn token_url(&self) -> Url {
        self.accounts_url.join("/api/token")
    }

    fn secret(&self) -> Result<&SecretString> {
        self.client_secret
            .as_ref()
            .ok_or(Error::Session(SessionError::NoClientSecret))
    }

    /// The retry policy of this session's token requests.
    #[cfg(test)]
    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Uses `transport` (a client's connection pool and settings) and `retry` from now on:
    /// a client that manages this session makes its token requests follow its own rules.
    pub(crate) fn adopt(&mut self, transport: Transport, retry: RetryPolicy) {
        self.transport = transport;
        self.retry = retry;
    }

    /// Client-credentials flow: gets a token for the app itself, which reads catalogue data
    /// but nothing of any user's.
    ///
    /// Spec: `POST {accounts}/api/token` with `grant_type=client_credentials` and HTTP Basic
    /// client authentication.
    ///
    /// # Errors
    ///
    /// [`Error::Auth`] with Spotify's `error` and `error_description` when the credentials are
    /// refused, e.g. `invalid_client` / `Invalid client secret`.
    pub async fn request_credentials_token(&mut self) -> Result<()> {
        let secret = self.secret()?;
        let token = self
            .transport
            .token_request(
                self.token_url(),
                &[("grant_type", "client_credentials")],
                Some((&self.client_id, secret)),
                &self.retry,
            )
            .await?;
        self.token = Some(token);
        Ok(())
    }

    /// Starts the authorization code flow: the URL of Spotify's consent page, to send the
    /// user's browser to. Spotify then redirects to the redirect URI with a `code` (or an
    /// `error`), which [`Session::parse_redirect`] reads.
    ///
    /// ```no_run
    /// use spotify_web_api::{Scope, Session};
    ///
    /// # fn f() -> spotify_web_api::Result<()> {
    /// let session = Session::builder("CLIENT_ID")
    ///     .redirect_uri("http://127.0.0.1:8888/callback")
    ///     .build()?;
    /// let state = Session::generate_state();
    /// let verifier = Session::generate_code_verifier();
    /// let url = session
    ///     .authorize_url()
    ///     .scopes([Scope::UserReadPrivate, Scope::PlaylistModifyPublic])
    ///     .state(&state)
    ///     .code_challenge(&Session::code_challenge(&verifier))
    ///     .build()?;
    /// println!("open {url}");
    /// # Ok(()) }
    /// ```
    pub fn authorize_url(&self) -> AuthorizeUrl<'_> {
        AuthorizeUrl {
            session: self,
            scopes: Vec::new(),
            state: None,
            show_dialog: None,
            code_challenge: None,
        }
    }

    /// A random `state` value for [`AuthorizeUrl::state`]: 32 bytes from a CSPRNG seeded by
    /// the operating system, base64url-encoded (43 characters).
    pub fn generate_state() -> String {
        let bytes: [u8; 32] = rand::rng().random();
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// A PKCE code verifier: 64 characters of the RFC 7636 unreserved set, from a CSPRNG.
    pub fn generate_code_verifier() -> String {
        Session::generate_code_verifier_of_len(64)
    }

    /// A PKCE code verifier of `len` characters, clamped to RFC 7636's 43..=128.
    pub fn generate_code_verifier_of_len(len: usize) -> String {
        let len = len.clamp(43, 128);
        let mut rng = rand::rng();
        (0..len)
            .map(|_| UNRESERVED[rng.random_range(0..UNRESERVED.len())] as char)
            .collect()
    }

    /// The S256 code challenge of a verifier: base64url(SHA-256(verifier)), without padding.
    pub fn code_challenge(verifier: &str) -> String {
        URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
    }

    /// Reads the redirect Spotify sent the user back with, and returns the authorization code.
    ///
    /// `redirect` is the whole URL, or just its query (`code=...&state=...`). `expected_state`
    /// is the state sent in [`Session::authorize_url`]; it must come back unchanged.
    ///
    /// # Errors
    ///
    /// - [`Error::StateMismatch`] when the state is missing or differs (possible CSRF);
    /// - [`Error::Authorization`] when the user refused (`access_denied`) or Spotify reported
    ///   another error, or there is no code.
    pub fn parse_redirect(redirect: &str, expected_state: Option<&str>) -> Result<String> {
        let query = match Url::parse(redirect) {
            Ok(url) => url.query().unwrap_or_default().to_owned(),
            Err(_) => redirect
                .rsplit_once('?')
                .map_or(redirect, |(_, q)| q)
                .to_owned(),
        };
        let (mut code, mut state, mut error) = (None, None, None);
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            match &*key {
                "code" => code = Some(value.into_owned()),
                "state" => state = Some(value.into_owned()),
                "error" => error = Some(value.into_owned()),
                _ => {}
            }
        }
        if let Some(expected) = expected_state {
            let matches = state
                .as_deref()
                .is_some_and(|s| constant_time_eq(s, expected));
            if !matches {
                return Err(Error::StateMismatch);
            }
        }
        if let Some(error) = error {
            return Err(Error::Authorization { error });
        }
        code.filter(|c| !c.is_empty())
            .ok_or_else(|| Error::Authorization {
                error: "the redirect carries no code".to_owned(),
            })
    }

    fn redirect_for_exchange(&self) -> Result<&str> {
        self.redirect_uri
            .as_deref()
            .ok_or(Error::Session(SessionError::NoRedirectUri))
    }

    /// Exchanges an authorization code for a user token, authenticating with the client
    /// secret (HTTP Basic).
    ///
    /// Spec: `POST {accounts}/api/token` with `grant_type=authorization_code`.
    ///
    /// # Errors
    ///
    /// [`Error::Auth`] with `invalid_grant` for an unknown, reused or expired code, or a
    /// redirect URI that differs from the one sent to `/authorize`.
    pub async fn request_access_token(&mut self, code: &str) -> Result<()> {
        let secret = self.secret()?;
        let redirect = self.redirect_for_exchange()?;
        let token = self
            .transport
            .token_request(
                self.token_url(),
                &[
                    ("grant_type", "authorization_code"),
                    ("code", code),
                    ("redirect_uri", redirect),
                ],
                Some((&self.client_id, secret)),
                &self.retry,
            )
            .await?;
        self.token = Some(token);
        Ok(())
    }

    /// Exchanges an authorization code for a user token with PKCE: the code verifier proves
    /// the caller started the flow, so no secret is sent (the client ID goes in the body).
    ///
    /// Spec: `POST {accounts}/api/token` with `grant_type=authorization_code` and
    /// `code_verifier`.
    ///
    /// # Errors
    ///
    /// [`Error::Auth`] with `invalid_grant` / `code_verifier was incorrect` for a wrong
    /// verifier, and the errors of [`Session::request_access_token`].
    pub async fn request_access_token_pkce(&mut self, code: &str, verifier: &str) -> Result<()> {
        let redirect = self.redirect_for_exchange()?;
        let token = self
            .transport
            .token_request(
                self.token_url(),
                &[
                    ("grant_type", "authorization_code"),
                    ("code", code),
                    ("redirect_uri", redirect),
                    ("client_id", &self.client_id),
                    ("code_verifier", verifier),
                ],
                None,
                &self.retry,
            )
            .await?;
        self.token = Some(token);
        Ok(())
    }

    /// Gets a new access token with the refresh token. With a client secret the app
    /// authenticates by HTTP Basic; without one (PKCE), the client ID goes in the body.
    ///
    /// Since 2026 Spotify usually returns no new refresh token: the old one is kept, and it
    /// stops working six months after the user's authorization.
    ///
    /// # Errors
    ///
    /// [`Error::ReauthorizationRequired`] when Spotify refuses the refresh token
    /// (`invalid_grant`: expired or revoked). The user must log in again; this is never
    /// retried.
    pub async fn refresh_access_token(&mut self) -> Result<()> {
        let refresh = self
            .token
            .as_ref()
            .and_then(Token::refresh_secret)
            .cloned()
            .ok_or(Error::Session(SessionError::NoRefreshToken))?;
        let mut form = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh.expose_secret()),
        ];
        let basic = match &self.client_secret {
            Some(secret) => Some((self.client_id.as_str(), secret)),
            None => {
                form.push(("client_id", &self.client_id));
                None
            }
        };
        let result = self
            .transport
            .token_request(self.token_url(), &form, basic, &self.retry)
            .await;
        let mut token = match result {
            Ok(token) => token,
            Err(Error::Auth {
                error,
                error_description,
                ..
            }) if error == "invalid_grant" => {
                return Err(Error::ReauthorizationRequired { error_description });
            }
            Err(e) => return Err(e),
        };
        if token.refresh_secret().is_none() {
            // The 2026 rule: no new refresh token means the old one stays valid.
            token.set_refresh_secret(Some(refresh));
        }
        self.token = Some(token);
        Ok(())
    }

    /// Gets a fresh token the way this session can: refresh for a user authorization, a new
    /// client-credentials token otherwise. Returns the new token.
    pub(crate) async fn renew(&mut self) -> Result<Token> {
        if self.refresh_token().is_some() {
            self.refresh_access_token().await?;
        } else if self.client_secret.is_some() {
            self.request_credentials_token().await?;
        } else {
            return Err(Error::Session(SessionError::CannotRenew));
        }
        self.token.clone().ok_or(Error::NoToken)
    }
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn default_accounts_url() -> BaseUrl {
    // A constant that parses; the fallback can never be taken.
    BaseUrl::parse(DEFAULT_ACCOUNTS_URL, UrlRole::Accounts)
        .unwrap_or_else(|_| unreachable!("constant URL"))
}

/// Checks a redirect URI as Spotify does since 2025-11-27.
pub(crate) fn validate_redirect_uri(uri: &str) -> Result<()> {
    let bad = |problem| {
        Err(Error::Config(ConfigError::RedirectUri {
            uri: uri.chars().take(200).collect(),
            problem,
        }))
    };
    let Ok(url) = Url::parse(uri) else {
        return bad(RedirectUriProblem::NotAUrl);
    };
    let host = url.host();
    if matches!(host, Some(url::Host::Domain(d)) if d.eq_ignore_ascii_case("localhost")) {
        return bad(RedirectUriProblem::Localhost);
    }
    match url.scheme() {
        "https" => Ok(()),
        "http" => match host {
            Some(url::Host::Ipv4(ip)) if ip.is_loopback() => Ok(()),
            Some(url::Host::Ipv6(ip)) if ip.is_loopback() => Ok(()),
            _ => bad(RedirectUriProblem::InsecureHttp),
        },
        // Custom schemes (`my-app://callback`) are allowed for native apps.
        _ => Ok(()),
    }
}

/// Builder for [`Session::authorize_url`]; [`AuthorizeUrl::build`] returns the URL.
#[derive(Debug)]
#[must_use = "call .build() to get the URL"]
pub struct AuthorizeUrl<'a> {
    session: &'a Session,
    scopes: Vec<Scope>,
    state: Option<String>,
    show_dialog: Option<bool>,
    code_challenge: Option<String>,
}

impl AuthorizeUrl<'_> {
    /// The scopes to ask for. Default: none (public data only).
    pub fn scopes(mut self, scopes: impl IntoIterator<Item = Scope>) -> Self {
        self.scopes.extend(scopes);
        self
    }

    /// A value Spotify echoes back in the redirect, to tie it to this request. Use
    /// [`Session::generate_state`] and check it with [`Session::parse_redirect`].
    pub fn state(mut self, state: &str) -> Self {
        self.state = Some(state.to_owned());
        self
    }

    /// Whether to ask a user who approved before to approve again. Default: `false`.
    pub fn show_dialog(mut self, show: bool) -> Self {
        self.show_dialog = Some(show);
        self
    }

    /// The PKCE challenge, from [`Session::code_challenge`]; sets `code_challenge_method=S256`.
    pub fn code_challenge(mut self, challenge: &str) -> Self {
        self.code_challenge = Some(challenge.to_owned());
        self
    }

    /// The URL of the consent page.
    ///
    /// # Errors
    ///
    /// [`Error::Session`] when the session has no redirect URI.
    pub fn build(self) -> Result<Url> {
        let redirect = self
            .session
            .redirect_uri
            .as_deref()
            .ok_or(Error::Session(SessionError::NoRedirectUri))?;
        let mut url = self.session.accounts_url.join("/authorize");
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("client_id", &self.session.client_id)
                .append_pair("response_type", "code")
                .append_pair("redirect_uri", redirect);
            if !self.scopes.is_empty() {
                q.append_pair("scope", &Scope::join(&self.scopes));
            }
            if let Some(state) = &self.state {
                q.append_pair("state", state);
            }
            if let Some(show) = self.show_dialog {
                q.append_pair("show_dialog", if show { "true" } else { "false" });
            }
            if let Some(challenge) = &self.code_challenge {
                q.append_pair("code_challenge_method", "S256")
                    .append_pair("code_challenge", challenge);
            }
        }
        Ok(url)
    }
}

/// Builder for [`Session`]; [`SessionBuilder::build`] returns it.
#[derive(Debug)]
#[must_use = "call .build() to get the session"]
pub struct SessionBuilder {
    client_id: String,
    client_secret: Option<SecretString>,
    redirect_uri: Option<String>,
    accounts_url: Option<String>,
    token: Option<Token>,
    transport: TransportConfig,
    retry: RetryPolicy,
}

impl SessionBuilder {
    /// The client secret. Leave it out for PKCE apps.
    pub fn client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client_secret = Some(SecretString::from(secret.into()));
        self
    }

    /// The redirect URI registered for the app (checked at [`SessionBuilder::build`]).
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.redirect_uri = Some(uri.into());
        self
    }

    /// The accounts service's base URL. Default: `https://accounts.spotify.com`. Plain `http`
    /// is accepted only for loopback addresses, such as a local emulator.
    pub fn accounts_url(mut self, url: impl Into<String>) -> Self {
        self.accounts_url = Some(url.into());
        self
    }

    /// A token to start with (e.g. one restored from storage).
    pub fn token(mut self, token: Token) -> Self {
        self.token = Some(token);
        self
    }

    /// The `User-Agent` header. Default: `spotify-web-api-rs/<version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.transport.user_agent = Some(user_agent.into());
        self
    }

    /// The timeout of a whole token request. Default: 30 s.
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.transport.timeout = Some(timeout);
        self
    }

    /// The connect timeout. Default: 10 s.
    pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.transport.connect_timeout = Some(timeout);
        self
    }

    /// How rate-limited token requests are retried. Default: [`RetryPolicy::default`]. A
    /// client that manages the session replaces it with its own policy.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The session.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] for an accounts URL that is not `https` (or loopback `http`), a
    /// redirect URI Spotify would refuse, a user agent a header cannot carry, or an HTTP client
    /// that cannot be built.
    pub fn build(self) -> Result<Session> {
        let accounts_url = match &self.accounts_url {
            Some(url) => BaseUrl::parse(url, UrlRole::Accounts)?,
            None => default_accounts_url(),
        };
        if let Some(uri) = &self.redirect_uri {
            validate_redirect_uri(uri)?;
        }
        Ok(Session {
            client_id: self.client_id,
            client_secret: self.client_secret,
            redirect_uri: self.redirect_uri,
            token: self.token,
            accounts_url,
            transport: Transport::new(self.transport)?,
            retry: self.retry,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_vector() {
        assert_eq!(
            Session::code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifiers_are_unreserved_and_in_range() {
        for len in [0, 43, 64, 128, 500] {
            let v = Session::generate_code_verifier_of_len(len);
            assert_eq!(v.len(), len.clamp(43, 128));
            assert!(v.bytes().all(|b| UNRESERVED.contains(&b)), "{v}");
        }
        assert_ne!(
            Session::generate_code_verifier(),
            Session::generate_code_verifier()
        );
        assert_eq!(Session::generate_state().len(), 43);
    }

    #[test]
    fn redirect_uris_follow_the_2025_rules() {
        for ok in [
            "https://example.com/callback",
            "http://127.0.0.1/callback",
            "http://127.0.0.1:8888/callback",
            "http://[::1]:9000/cb",
            "my-app://callback",
        ] {
            validate_redirect_uri(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        for bad in [
            "http://localhost:8888/callback",
            "https://localhost/callback",
            "http://example.com/callback",
            "http://192.168.1.2/callback",
            "not a url",
        ] {
            let err = validate_redirect_uri(bad).unwrap_err();
            assert!(matches!(err, Error::Config(_)), "{bad}");
        }
        let err = validate_redirect_uri("http://localhost:8888/cb").unwrap_err();
        assert!(err.to_string().contains("127.0.0.1"), "{err}");
    }

    #[test]
    fn authorize_url_carries_every_parameter() {
        let session = Session::builder("abc")
            .redirect_uri("http://127.0.0.1:8888/callback")
            .build()
            .unwrap();
        let url = session
            .authorize_url()
            .scopes([Scope::UserReadPrivate, Scope::UserReadEmail])
            .state("xyz")
            .show_dialog(true)
            .code_challenge("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
            .build()
            .unwrap();
        assert_eq!(url.path(), "/authorize");
        let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert_eq!(q["client_id"], "abc");
        assert_eq!(q["response_type"], "code");
        assert_eq!(q["redirect_uri"], "http://127.0.0.1:8888/callback");
        assert_eq!(q["scope"], "user-read-private user-read-email");
        assert_eq!(q["state"], "xyz");
        assert_eq!(q["show_dialog"], "true");
        assert_eq!(q["code_challenge_method"], "S256");
        assert_eq!(
            q["code_challenge"],
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn parse_redirect_checks_state_and_errors() {
        let code = Session::parse_redirect(
            "http://127.0.0.1:8888/callback?code=AQB&state=s1",
            Some("s1"),
        )
        .unwrap();
        assert_eq!(code, "AQB");
        assert_eq!(Session::parse_redirect("code=AQB", None).unwrap(), "AQB");
        assert!(matches!(
            Session::parse_redirect("/callback?code=AQB&state=evil", Some("s1")),
            Err(Error::StateMismatch)
        ));
        assert!(matches!(
            Session::parse_redirect("/callback?code=AQB", Some("s1")),
            Err(Error::StateMismatch)
        ));
        match Session::parse_redirect("/callback?error=access_denied&state=s1", Some("s1")) {
            Err(Error::Authorization { error }) => assert_eq!(error, "access_denied"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            Session::parse_redirect("/callback?state=s1", Some("s1")),
            Err(Error::Authorization { .. })
        ));
    }

    #[test]
    fn debug_hides_the_secret() {
        let mut s = Session::new("id", "super-secret-value");
        s.set_access_token("BQ-token-value", SystemTime::now());
        s.set_refresh_token("AQ-refresh-value");
        let debug = format!("{s:?}");
        for secret in ["super-secret-value", "BQ-token-value", "AQ-refresh-value"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        assert!(debug.contains("\"id\""));
    }
}
