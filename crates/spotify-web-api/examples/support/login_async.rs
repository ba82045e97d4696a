//! The async twin of `support::user_client`, for the async examples (`#[path]`-included by
//! them, so the blocking examples stay free of async code): the same login, with its two waits
//! (the consent page and the token request) awaited instead of blocking a runtime thread.

use spotify_emulator::Emulator;
use spotify_web_api::{Scope, SpotifyWebApi};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use crate::support::{self, Login, Result};

/// Logs the emulator's default user in with the authorization code flow and PKCE, asking for
/// `scopes`, and returns a client that refreshes the user's token by itself.
pub(crate) async fn user_client(emu: &Emulator, scopes: &[Scope]) -> Result<SpotifyWebApi> {
    let mut login = Login::start(emu, scopes)?;
    let code = login.code(&consent(&login.url).await?)?;
    login
        .session
        .request_access_token_pkce(&code, &login.verifier)
        .await?;
    support::user_api(emu, login.session)
}

/// The browser's part: the consent page's redirect, read without blocking the runtime (the
/// emulator answers on it).
async fn consent(url: &url::Url) -> Result<String> {
    let (address, request) = support::consent_request(url)?;
    let mut socket = tokio::net::TcpStream::connect(address).await?;
    socket.write_all(request.as_bytes()).await?;
    let mut answer = String::new();
    socket.read_to_string(&mut answer).await?;
    support::redirect_location(&answer)
}
