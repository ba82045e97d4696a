//! What the examples share: clients of an in-process emulator, as an app and as its default
//! user. Blocking code with no Tokio item; the async examples log in through its twin,
//! `support/login_async.rs`, which awaits the two steps that wait (the consent page and the
//! token request) and shares the rest from here.

#![allow(dead_code)] // each example uses part of it

use std::error::Error;
use std::io::{Read as _, Write as _};

use spotify_emulator::Emulator;
use spotify_web_api::Scope;
use spotify_web_api::blocking::{Session, SpotifyWebApi};

/// Any loopback port is registered for the emulator's default app.
const REDIRECT_URI: &str = "http://127.0.0.1:8888/callback";

/// What an example returns: any error, printed by `main`.
pub(crate) type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// A track's length as `m:ss` (`6:05`), from its `duration_ms`.
pub(crate) fn length(duration_ms: u32) -> String {
    let seconds = duration_ms / 1000;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// A client with the app's own token (client credentials), requested and renewed by itself.
pub(crate) fn app_client(emu: &Emulator) -> Result<SpotifyWebApi> {
    let session = spotify_web_api::Session::builder(emu.client_id())
        .client_secret(emu.client_secret())
        .accounts_url(emu.base_url())
        .build()?;
    let api = spotify_web_api::SpotifyWebApi::builder()
        .api_url(format!("{}/v1", emu.base_url()))
        .session(session)
        .build()?;
    Ok(api.into())
}

/// Logs the emulator's default user in with the authorization code flow and PKCE, asking for
/// `scopes`, and returns a client that refreshes the user's token by itself.
pub(crate) fn user_client(emu: &Emulator, scopes: &[Scope]) -> Result<SpotifyWebApi> {
    let login = Login::start(emu, scopes)?;
    let code = login.code(&consent(&login.url)?)?;
    let mut session = Session::from(login.session);
    session.request_access_token_pkce(&code, &login.verifier)?;
    Ok(user_api(emu, session.into_async())?.into())
}

/// A login of the emulator's default user, between sending the user to the consent page and
/// the browser's return: what the app keeps meanwhile.
pub(crate) struct Login {
    /// The app's session (PKCE: no client secret), with no token yet.
    pub(crate) session: spotify_web_api::Session,
    /// The consent page.
    pub(crate) url: url::Url,
    /// The PKCE verifier, sent with the code.
    pub(crate) verifier: String,
    state: String,
}

impl Login {
    /// Prepares the consent page for `scopes`, which the emulator approves at once.
    pub(crate) fn start(emu: &Emulator, scopes: &[Scope]) -> Result<Login> {
        let session = spotify_web_api::Session::builder(emu.client_id())
            .accounts_url(emu.base_url())
            .redirect_uri(REDIRECT_URI)
            .build()?;
        let state = spotify_web_api::Session::generate_state();
        let verifier = spotify_web_api::Session::generate_code_verifier();
        let url = session
            .authorize_url()
            .scopes(scopes.iter().cloned())
            .state(&state)
            .code_challenge(&spotify_web_api::Session::code_challenge(&verifier))
            .build()?;
        emu.set_auto_approve(Some(emu.default_user_id()));
        Ok(Login {
            session,
            url,
            verifier,
            state,
        })
    }

    /// The authorization code in the URL the browser came back to.
    pub(crate) fn code(&self, redirect: &str) -> Result<String> {
        Ok(spotify_web_api::Session::parse_redirect(
            redirect,
            Some(&self.state),
        )?)
    }
}

/// The user's client, once `session` holds the user's token.
pub(crate) fn user_api(
    emu: &Emulator,
    session: spotify_web_api::Session,
) -> Result<spotify_web_api::SpotifyWebApi> {
    Ok(spotify_web_api::SpotifyWebApi::builder()
        .api_url(format!("{}/v1", emu.base_url()))
        .session(session)
        .build()?)
}

/// The browser's part, which a real app leaves to the user's browser: open the consent page
/// (which the emulator approves at once) and read where it redirects to.
fn consent(url: &url::Url) -> Result<String> {
    let (address, request) = consent_request(url)?;
    let mut socket = std::net::TcpStream::connect(address)?;
    socket.write_all(request.as_bytes())?;
    let mut answer = String::new();
    socket.read_to_string(&mut answer)?;
    redirect_location(&answer)
}

/// Where to connect for the consent page, and the request to write there.
pub(crate) fn consent_request(url: &url::Url) -> Result<((String, u16), String)> {
    let host = url.host_str().ok_or("no host")?;
    let port = url.port_or_known_default().ok_or("no port")?;
    let target = &url[url::Position::BeforePath..];
    let request =
        format!("GET {target} HTTP/1.1\r\nhost: {host}:{port}\r\nconnection: close\r\n\r\n");
    Ok(((host.to_owned(), port), request))
}

/// The `Location` of the consent page's answer: the redirect URI with the code.
pub(crate) fn redirect_location(answer: &str) -> Result<String> {
    let location = answer
        .lines()
        .take_while(|line| !line.is_empty())
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("location")
                .then(|| value.trim().to_owned())
        });
    Ok(location.ok_or("the consent page did not redirect")?)
}
