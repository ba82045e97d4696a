//! What the examples share: clients of an in-process emulator, as an app and as its default
//! user. Blocking code with no Tokio item; the async examples call it from `block_in_place`.

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
    let mut session = Session::from(
        spotify_web_api::Session::builder(emu.client_id()) // PKCE: no client secret
            .accounts_url(emu.base_url())
            .redirect_uri(REDIRECT_URI)
            .build()?,
    );
    let state = spotify_web_api::Session::generate_state();
    let verifier = spotify_web_api::Session::generate_code_verifier();
    let url = session
        .authorize_url()
        .scopes(scopes.iter().cloned())
        .state(&state)
        .code_challenge(&spotify_web_api::Session::code_challenge(&verifier))
        .build()?;
    emu.set_auto_approve(Some(emu.default_user_id()));
    let redirect = consent(&url)?;
    let code = spotify_web_api::Session::parse_redirect(&redirect, Some(&state))?;
    session.request_access_token_pkce(&code, &verifier)?;
    let api = spotify_web_api::SpotifyWebApi::builder()
        .api_url(format!("{}/v1", emu.base_url()))
        .session(session.into_async())
        .build()?;
    Ok(api.into())
}

/// The browser's part, which a real app leaves to the user's browser: open the consent page
/// (which the emulator approves at once) and read where it redirects to.
fn consent(url: &url::Url) -> Result<String> {
    let host = url.host_str().ok_or("no host")?;
    let port = url.port_or_known_default().ok_or("no port")?;
    let mut socket = std::net::TcpStream::connect((host, port))?;
    let target = &url[url::Position::BeforePath..];
    write!(
        socket,
        "GET {target} HTTP/1.1\r\nhost: {host}:{port}\r\nconnection: close\r\n\r\n"
    )?;
    let mut answer = String::new();
    socket.read_to_string(&mut answer)?;
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
