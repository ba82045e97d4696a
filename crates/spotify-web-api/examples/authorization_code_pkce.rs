//! A user login with the authorization code flow and PKCE, then a refresh, against an
//! in-process emulator that approves the consent page by itself.
//!
//! ```sh
//! cargo run -p spotify-web-api --example authorization_code_pkce
//! ```
//!
//! A real app opens the URL of step 1 in the user's browser and receives the redirect on its
//! loopback listener (see the `spotify login` command); here an HTTP client plays the browser.

use spotify_emulator::Emulator;
use spotify_web_api::{Scope, Session, SpotifyWebApi};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emu = Emulator::builder()
        .auto_approve("emulator-user")
        .start()
        .await?;

    // Step 1: send the user to the consent page, with a state and a PKCE challenge.
    let mut session = Session::builder(emu.client_id()) // no client secret: PKCE
        .accounts_url(emu.base_url())
        .redirect_uri("http://127.0.0.1:8888/callback")
        .build()?;
    let state = Session::generate_state();
    let verifier = Session::generate_code_verifier();
    let url = session
        .authorize_url()
        .scopes([Scope::UserReadPrivate, Scope::UserReadEmail])
        .state(&state)
        .code_challenge(&Session::code_challenge(&verifier))
        .build()?;
    println!("consent page: {url}");

    // (The browser's part: follow the consent page to the redirect.)
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let response = browser.get(url).send().await?;
    let redirect = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .ok_or("the consent page did not redirect")?
        .to_owned();

    // Step 2: check the state, exchange the code with the verifier, use the token.
    let code = Session::parse_redirect(&redirect, Some(&state))?;
    session.request_access_token_pkce(&code, &verifier).await?;
    println!(
        "granted: {}; refresh token: {}",
        Scope::join(session.scope()),
        if session.refresh_token().is_some() {
            "yes"
        } else {
            "no"
        }
    );

    // Refresh: Spotify returns no new refresh token since 2026, so the session keeps its own.
    session.refresh_access_token().await?;

    // From here on the client refreshes by itself.
    let api = SpotifyWebApi::builder()
        .api_url(format!("{}/v1", emu.base_url()))
        .session(session)
        .build()?;
    let me = api.me().await?;
    println!(
        "logged in as {} <{}>",
        me.display_name.as_deref().unwrap_or(me.id.as_str()),
        me.email.as_deref().unwrap_or("no email")
    );
    Ok(())
}
