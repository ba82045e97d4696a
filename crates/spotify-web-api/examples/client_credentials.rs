//! The seed's two steps: a client-credentials token, then a track.
//!
//! ```sh
//! cargo run -p spotify-web-api --example client_credentials            # against an emulator
//! SPOTIFY_CLIENT_ID=.. SPOTIFY_CLIENT_SECRET=.. cargo run -p spotify-web-api --example client_credentials
//! ```
//!
//! Without credentials in the environment it starts an in-process emulator and uses its app.

use spotify_emulator::Emulator;
use spotify_web_api::{Session, SpotifyWebApi};

#[tokio::main]
async fn main() -> spotify_web_api::Result<()> {
    let (emulator, mut session, api) = match (
        std::env::var("SPOTIFY_CLIENT_ID"),
        std::env::var("SPOTIFY_CLIENT_SECRET"),
    ) {
        (Ok(id), Ok(secret)) => (None, Session::new(id, secret), SpotifyWebApi::new()),
        _ => {
            let emu = Emulator::start().await;
            let session = Session::builder(emu.client_id())
                .client_secret(emu.client_secret())
                .accounts_url(emu.base_url())
                .build()?;
            let api = SpotifyWebApi::builder()
                .api_url(format!("{}/v1", emu.base_url()))
                .build()?;
            (Some(emu), session, api)
        }
    };

    // Step 1: get a token, and store it somewhere (here: a variable).
    session.request_credentials_token().await?;
    let access_token = session.access_token().unwrap_or_default().to_owned();

    // Step 2: use it.
    api.set_access_token(access_token);
    let track = api.get_track("7EjyzZcbLxW7PaaLua9Ksb").await?;
    println!("{} by {}", track.name, track.artists[0].name);

    drop(emulator);
    Ok(())
}
