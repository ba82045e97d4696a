//! `/authorize` (`SPOTIFY-PROTOCOL.md` §1.1): checking a request and issuing codes.

use std::net::IpAddr;

use url::{Host, Url};

use std::sync::Arc;

use super::auth::AuthCode;
use super::{AppState, CODE_LIFETIME, non_empty, random_token};
use crate::config::App;
use crate::errors::{
    PAGE_INSECURE_REDIRECT_URI, PAGE_INVALID_CLIENT, PAGE_INVALID_REDIRECT_URI,
    PAGE_MISSING_CLIENT_ID, PAGE_MISSING_REDIRECT_URI, R_INVALID_REQUEST, R_INVALID_SCOPE,
    R_UNSUPPORTED_RESPONSE_TYPE,
};

/// The scopes Spotify knows, with the wording of the spec's security scheme (`openapi.yml`,
/// `components.securitySchemes.oauth_2_0`), in the spec's order. Any other scope at `/authorize`
/// is refused with `error=invalid_scope`.
pub(crate) const VALID_SCOPES: &[(&str, &str)] = &[
    (
        "app-remote-control",
        "Communicate with the Spotify app on your device.",
    ),
    ("playlist-read-private", "Access your private playlists."),
    (
        "playlist-read-collaborative",
        "Access your collaborative playlists.",
    ),
    ("playlist-modify-public", "Manage your public playlists."),
    ("playlist-modify-private", "Manage your private playlists."),
    ("user-library-read", "Access your saved content."),
    ("user-library-modify", "Manage your saved content."),
    ("user-read-private", "Access your subscription details."),
    ("user-read-email", "Get your real email address."),
    (
        "user-follow-read",
        "Access your followers and who you are following.",
    ),
    ("user-follow-modify", "Manage your saved content."),
    ("user-top-read", "Read your top artists and content."),
    (
        "user-read-playback-position",
        "Read your position in content you have played.",
    ),
    (
        "user-read-playback-state",
        "Read your currently playing content and Spotify Connect devices information.",
    ),
    (
        "user-read-recently-played",
        "Access your recently played items.",
    ),
    (
        "user-read-currently-playing",
        "Read your currently playing content.",
    ),
    (
        "user-modify-playback-state",
        "Control playback on your Spotify clients and Spotify Connect devices.",
    ),
    (
        "ugc-image-upload",
        "Upload images to Spotify on your behalf.",
    ),
    (
        "streaming",
        "Play content and control playback on your other devices.",
    ),
];

/// The raw parameters of an `/authorize` request (query of a GET, form of a POST).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct AuthorizeParams<'a> {
    pub(crate) client_id: Option<&'a str>,
    pub(crate) response_type: Option<&'a str>,
    pub(crate) redirect_uri: Option<&'a str>,
    pub(crate) state: Option<&'a str>,
    pub(crate) scope: Option<&'a str>,
    pub(crate) show_dialog: Option<&'a str>,
    pub(crate) code_challenge: Option<&'a str>,
    pub(crate) code_challenge_method: Option<&'a str>,
}

/// An `/authorize` request that passed every check.
#[derive(Clone, Debug)]
pub(crate) struct AuthorizeRequest {
    pub(crate) app: Arc<App>,
    pub(crate) redirect_uri: String,
    pub(crate) state: Option<String>,
    pub(crate) scopes: Vec<String>,
    pub(crate) show_dialog: Option<String>,
    pub(crate) code_challenge: Option<String>,
}

/// Why an `/authorize` request failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AuthorizeError {
    /// The client or redirect URI cannot be trusted: show a 400 page with this text.
    Page(&'static str),
    /// Trusted client and redirect URI: redirect back with `error=<error>` (and the `state`).
    Redirect {
        redirect_uri: String,
        error: &'static str,
        state: Option<String>,
    },
}

impl AppState {
    /// Checks an `/authorize` request in Spotify's order: client, redirect URI (both answered
    /// with a page), then response type, scopes and PKCE (answered with a redirect).
    pub(crate) fn check_authorize(
        &self,
        p: &AuthorizeParams<'_>,
    ) -> Result<AuthorizeRequest, AuthorizeError> {
        let client_id =
            non_empty(p.client_id).ok_or(AuthorizeError::Page(PAGE_MISSING_CLIENT_ID))?;
        let app = self
            .app(client_id)
            .ok_or(AuthorizeError::Page(PAGE_INVALID_CLIENT))?;
        let redirect_uri =
            non_empty(p.redirect_uri).ok_or(AuthorizeError::Page(PAGE_MISSING_REDIRECT_URI))?;
        check_redirect_uri(&app, redirect_uri).map_err(AuthorizeError::Page)?;
        let state = p.state.map(str::to_owned);
        let fail = |error| AuthorizeError::Redirect {
            redirect_uri: redirect_uri.to_owned(),
            error,
            state: state.clone(),
        };
        if p.response_type != Some("code") {
            return Err(fail(R_UNSUPPORTED_RESPONSE_TYPE));
        }
        let scopes =
            parse_scopes(p.scope.unwrap_or_default()).ok_or_else(|| fail(R_INVALID_SCOPE))?;
        let code_challenge = match (
            non_empty(p.code_challenge),
            non_empty(p.code_challenge_method),
        ) {
            (None, None) => None,
            (Some(challenge), Some("S256")) if is_s256_challenge(challenge) => {
                Some(challenge.to_owned())
            }
            _ => return Err(fail(R_INVALID_REQUEST)),
        };
        Ok(AuthorizeRequest {
            app,
            redirect_uri: redirect_uri.to_owned(),
            state,
            scopes,
            show_dialog: p.show_dialog.map(str::to_owned),
            code_challenge,
        })
    }

    /// The user `/authorize` approves for without a consent page, if that is switched on and
    /// the user exists.
    pub(crate) fn auto_approve_user(&self) -> Option<String> {
        self.settings()
            .auto_approve_user
            .filter(|id| self.user(id).is_some())
    }

    /// Issues a single-use code for `user_id`'s approval of `request`.
    pub(crate) fn issue_code(&self, request: &AuthorizeRequest, user_id: &str) -> String {
        let now = self.now();
        let mut rt = self.auth_mut();
        if rt.codes.len() >= 10_000 {
            rt.codes.retain(|_, c| c.expires_at > now);
        }
        let code = random_token("AQ", 96);
        rt.codes.insert(
            code.clone(),
            AuthCode {
                client_id: request.app.client_id.clone(),
                user_id: user_id.to_owned(),
                redirect_uri: request.redirect_uri.clone(),
                scopes: request.scopes.clone(),
                code_challenge: request.code_challenge.clone(),
                issued_at: now,
                expires_at: now.saturating_add(CODE_LIFETIME),
            },
        );
        tracing::debug!(client_id = %request.app.client_id, %user_id, "authorization code issued");
        code
    }

    /// Records that `user_id` approved the request's scopes for its app, so that a later
    /// `/authorize` with `show_dialog` not `true` can skip the consent page.
    pub(crate) fn remember_approval(&self, request: &AuthorizeRequest, user_id: &str) {
        let mut rt = self.auth_mut();
        rt.approvals
            .entry((user_id.to_owned(), request.app.client_id.clone()))
            .or_default()
            .extend(request.scopes.iter().cloned());
    }

    /// Whether `user_id` approved every scope of the request for its app before, and the request
    /// does not insist on the dialog (`show_dialog=true`).
    pub(crate) fn approved_before(&self, request: &AuthorizeRequest, user_id: &str) -> bool {
        if request.show_dialog.as_deref() == Some("true") {
            return false;
        }
        let rt = self.auth();
        rt.approvals
            .get(&(user_id.to_owned(), request.app.client_id.clone()))
            .is_some_and(|granted| request.scopes.iter().all(|s| granted.contains(s)))
    }
}

/// Space-separated scopes (clients send `+` or `%20`), deduplicated in order; `None` if any is
/// not one of [`VALID_SCOPES`].
fn parse_scopes(scope: &str) -> Option<Vec<String>> {
    let mut scopes: Vec<String> = Vec::new();
    for name in scope.split_whitespace() {
        if !VALID_SCOPES.iter().any(|(valid, _)| *valid == name) {
            return None;
        }
        if !scopes.iter().any(|s| s == name) {
            scopes.push(name.to_owned());
        }
    }
    Some(scopes)
}
/// Whether `challenge` can be an S256 challenge: base64url of 32 bytes, no `=` padding.
fn is_s256_challenge(challenge: &str) -> bool {
    challenge.len() == 43
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
/// Checks a redirect URI against the app's registrations (§1.1): `localhost` and plain `http` to
/// anything but a loopback IP literal are insecure; otherwise it must be registered exactly,
/// except that a loopback literal registered without a port matches any port.
fn check_redirect_uri(app: &App, requested: &str) -> Result<(), &'static str> {
    let url = Url::parse(requested).map_err(|_| PAGE_INVALID_REDIRECT_URI)?;
    let loopback = match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(Host::Domain(domain)) => {
            let domain = domain.trim_end_matches('.').to_ascii_lowercase();
            if domain == "localhost" || domain.ends_with(".localhost") {
                return Err(PAGE_INSECURE_REDIRECT_URI);
            }
            false
        }
        None => false,
    };
    if url.scheme() == "http" && !loopback {
        return Err(PAGE_INSECURE_REDIRECT_URI);
    }
    if app
        .redirect_uris
        .iter()
        .any(|registered| registered == requested)
    {
        return Ok(());
    }
    let any_port_match = loopback
        && app.redirect_uris.iter().any(|registered| {
            Url::parse(registered).is_ok_and(|reg| {
                !has_explicit_port(registered)
                    && reg.scheme() == url.scheme()
                    && reg.host() == url.host()
                    && reg.path() == url.path()
                    && reg.query() == url.query()
                    && reg.fragment() == url.fragment()
            })
        });
    if any_port_match {
        Ok(())
    } else {
        Err(PAGE_INVALID_REDIRECT_URI)
    }
}

/// Whether the authority of `uri` names a port (`Url::port` hides a default one such as `:80`).
fn has_explicit_port(uri: &str) -> bool {
    let Some((_, rest)) = uri.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    match host_port.strip_prefix('[') {
        Some(v6) => v6
            .split_once(']')
            .is_some_and(|(_, tail)| tail.starts_with(':')),
        None => host_port.contains(':'),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    #[test]
    fn s256_challenge_shape() {
        assert!(is_s256_challenge(CHALLENGE));
        assert!(!is_s256_challenge(&format!("{CHALLENGE}=")));
        assert!(!is_s256_challenge("short"));
    }

    #[test]
    fn nineteen_scopes_and_nothing_else() {
        assert_eq!(VALID_SCOPES.len(), 19);
        assert_eq!(
            parse_scopes("user-read-email  user-read-private user-read-email"),
            Some(vec![
                "user-read-email".to_owned(),
                "user-read-private".to_owned()
            ])
        );
        assert_eq!(parse_scopes(""), Some(vec![]));
        assert_eq!(parse_scopes("user-read-email,user-read-private"), None);
        assert_eq!(parse_scopes("user-personalized"), None);
    }

    #[test]
    fn redirect_uri_rules() {
        let app = App::new("id", "secret")
            .redirect_uri("https://example.com/cb")
            .redirect_uri("myapp://callback")
            .redirect_uri("http://127.0.0.1:8080/fixed")
            .redirect_uri("http://localhost:8888/callback");
        let ok = |uri| check_redirect_uri(&app, uri);
        assert_eq!(ok("http://127.0.0.1/callback"), Ok(()));
        assert_eq!(ok("http://127.0.0.1:43210/callback"), Ok(()));
        assert_eq!(ok("http://[::1]:43210/callback"), Ok(()));
        assert_eq!(ok("https://example.com/cb"), Ok(()));
        assert_eq!(ok("myapp://callback"), Ok(()));
        assert_eq!(ok("http://127.0.0.1:8080/fixed"), Ok(()));
        assert_eq!(
            ok("http://127.0.0.1:9090/fixed"),
            Err(PAGE_INVALID_REDIRECT_URI)
        );
        assert_eq!(
            ok("http://127.0.0.1:1234/callback/"),
            Err(PAGE_INVALID_REDIRECT_URI)
        );
        assert_eq!(
            ok("https://example.com/cb/"),
            Err(PAGE_INVALID_REDIRECT_URI)
        );
        assert_eq!(ok("https://EXAMPLE.com/Cb"), Err(PAGE_INVALID_REDIRECT_URI));
        assert_eq!(
            ok("http://localhost:8888/callback"),
            Err(PAGE_INSECURE_REDIRECT_URI)
        );
        assert_eq!(ok("https://localhost/cb"), Err(PAGE_INSECURE_REDIRECT_URI));
        assert_eq!(ok("http://example.com/cb"), Err(PAGE_INSECURE_REDIRECT_URI));
        assert_eq!(ok("not a uri"), Err(PAGE_INVALID_REDIRECT_URI));
    }

    #[test]
    fn explicit_ports() {
        assert!(has_explicit_port("http://127.0.0.1:80/cb"));
        assert!(has_explicit_port("http://[::1]:8080/cb"));
        assert!(!has_explicit_port("http://[::1]/cb"));
        assert!(!has_explicit_port("http://127.0.0.1/cb?x=a:b"));
        assert!(!has_explicit_port("myapp:callback"));
    }
}
