//! `spotify login` and `spotify logout`.
//!
//! `login` runs the authorization code flow with PKCE, as a native app must (it cannot keep a
//! secret): it listens on 127.0.0.1 for Spotify's redirect, sends the user to the consent page,
//! checks the returned `state`, exchanges the code with the verifier, and stores the token in
//! the SQLite token store. Later commands load it and refresh it silently.

use std::io::Write;
use std::time::Duration;

use anyhow::Context as _;
use spotify_web_api::{Scope, Session, TokenStore};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::cli::LoginArgs;
use crate::commands::{Context, UsageError};

/// The scopes `login` asks for by default: what the CLI's commands need to read a user's
/// profile, library, follows, playlists and playback, and to change them (`me`, `library`,
/// `playlist`, `player`), and to read their top items and recently played tracks.
pub(crate) const DEFAULT_SCOPES: &[Scope] = &[
    Scope::UserReadPrivate,
    Scope::UserReadEmail,
    Scope::UserLibraryRead,
    Scope::UserLibraryModify,
    Scope::PlaylistReadPrivate,
    Scope::PlaylistReadCollaborative,
    Scope::PlaylistModifyPublic,
    Scope::PlaylistModifyPrivate,
    Scope::UserFollowRead,
    Scope::UserFollowModify,
    Scope::UserTopRead,
    Scope::UserReadRecentlyPlayed,
    Scope::UserReadPlaybackState,
    Scope::UserModifyPlaybackState,
    Scope::UserReadCurrentlyPlaying,
];

/// `--scopes`: Spotify's scope names, separated as `Scope::parse_list` reads them (spaces,
/// commas or `+`), each once. A name Spotify does not know is a usage error that lists the
/// valid ones, before any browser opens.
pub(crate) fn parse_scopes(list: &str) -> Result<Vec<Scope>, UsageError> {
    let mut scopes: Vec<Scope> = Vec::new();
    let unknown: Vec<String> = Scope::parse_list(list)
        .into_iter()
        .filter_map(|scope| match scope {
            Scope::Other(name) => Some(name),
            scope => {
                if !scopes.contains(&scope) {
                    scopes.push(scope);
                }
                None
            }
        })
        .collect();
    let valid = || {
        Scope::ALL
            .iter()
            .map(Scope::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !unknown.is_empty() {
        let (noun, names) = match unknown.as_slice() {
            [one] => ("scope", format!("{one:?}")),
            many => ("scopes", format!("{many:?}")),
        };
        return Err(UsageError(format!(
            "unknown {noun} {names} in --scopes; the valid scopes are: {}",
            valid()
        )));
    }
    if scopes.is_empty() {
        return Err(UsageError(format!(
            "--scopes names no scope; the valid scopes are: {}",
            valid()
        )));
    }
    Ok(scopes)
}

/// Logs in and stores the token. Progress goes to `err` (the URL to open), the result to `out`.
pub(crate) async fn login(
    ctx: &Context,
    args: &LoginArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", args.port))
        .await
        .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
    let port = listener.local_addr()?.port();
    let redirect_uri = format!("http://127.0.0.1:{port}/callback");

    let mut session = ctx.session_builder()?.redirect_uri(&redirect_uri).build()?;
    let state = Session::generate_state();
    let verifier = Session::generate_code_verifier();
    let scopes = match &args.scopes {
        Some(list) => parse_scopes(list)?,
        None => DEFAULT_SCOPES.to_vec(),
    };
    let url = session
        .authorize_url()
        .scopes(scopes)
        .state(&state)
        .code_challenge(&Session::code_challenge(&verifier))
        .build()?;

    // Progress messages are best effort: a closed stderr must not abort the login.
    let _ = writeln!(err, "Open this URL to log in:\n\n  {url}\n");
    if !args.no_browser && webbrowser::open(url.as_str()).is_err() {
        let _ = writeln!(err, "(could not open a browser; open the URL by hand)");
    }
    let _ = writeln!(err, "Waiting for Spotify to redirect to {redirect_uri} ...");
    let _ = err.flush();

    let redirect = tokio::time::timeout(
        Duration::from_secs(args.timeout),
        receive_redirect(&listener),
    )
    .await
    .map_err(|_| spotify_web_api::Error::Authorization {
        error: format!("no redirect from Spotify within {}s", args.timeout),
    })??;

    let code = Session::parse_redirect(&redirect, Some(&state))?;
    session.request_access_token_pkce(&code, &verifier).await?;
    let token = session
        .token()
        .cloned()
        .context("Spotify returned no token")?;
    ctx.token_store()?
        .save(&token)
        .await
        .context("cannot save the token")?;

    let api = ctx.user_client().await?;
    let said = match api.me().await {
        Ok(me) => format!(
            "Logged in as {}.",
            me.display_name.as_deref().unwrap_or(me.id.as_str())
        ),
        // The token is stored; the profile is a courtesy (it needs `user-read-private`).
        Err(_) => "Logged in.".to_owned(),
    };
    ctx.print.message(out, &said)
}

/// Waits for the browser's `GET /callback?...`, answers it, and returns its path and query.
async fn receive_redirect(listener: &TcpListener) -> anyhow::Result<String> {
    loop {
        let (mut stream, _) = listener.accept().await?;
        let mut buf = vec![0u8; 8192];
        let mut len = 0;
        // Read the request head (the line we need comes first; cap what we accept).
        while len < buf.len() {
            let n = stream.read(&mut buf[len..]).await?;
            if n == 0 {
                break;
            }
            len += n;
            if buf[..len].windows(4).any(|w| w == b"\r\n\r\n") {
                break;
            }
        }
        let head = String::from_utf8_lossy(&buf[..len]);
        let target = head
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("GET "))
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_default()
            .to_owned();
        if !target.starts_with("/callback") {
            let _ = stream
                .write_all(
                    b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                )
                .await;
            continue;
        }
        let ok = target.contains("code=");
        let body = if ok {
            "<!doctype html><title>spotify</title><h1>Logged in</h1><p>You can close this window and return to the terminal.</p>"
        } else {
            "<!doctype html><title>spotify</title><h1>Login failed</h1><p>See the terminal for details.</p>"
        };
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = stream.write_all(response.as_bytes()).await;
        let _ = stream.shutdown().await;
        return Ok(target);
    }
}

/// Forgets the stored token.
pub(crate) async fn logout(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    ctx.token_store()?
        .clear()
        .await
        .context("cannot remove the token")?;
    ctx.print.message(out, "Logged out.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_spotify_names_separated_as_the_library_reads_them() {
        assert_eq!(
            parse_scopes("user-read-private, user-modify-playback-state user-read-private")
                .unwrap(),
            [Scope::UserReadPrivate, Scope::UserModifyPlaybackState]
        );
        let e = parse_scopes("user-read-private,player-control").unwrap_err();
        assert!(
            e.0.starts_with("unknown scope \"player-control\" in --scopes; the valid scopes are: app-remote-control, "),
            "{e}"
        );
        assert!(e.0.contains("user-modify-playback-state"), "{e}");
        assert!(parse_scopes(" , ").is_err());
        // As the library reads a scope list: `+` separates too.
        assert_eq!(
            parse_scopes("streaming+user-read-private").unwrap(),
            [Scope::Streaming, Scope::UserReadPrivate]
        );
        // Spotify's names are lower case, exactly.
        assert!(parse_scopes("User-Read-Private").is_err());
    }

    #[test]
    fn the_default_scopes_are_known_to_spotify() {
        let names: Vec<&str> = DEFAULT_SCOPES.iter().map(Scope::as_str).collect();
        assert_eq!(parse_scopes(&names.join(",")).unwrap(), DEFAULT_SCOPES);
    }
}
