//! The three clients, each set up as its own docs show for an app's token (client credentials).

use anyhow::{Context as _, ensure};
use reqwest::header::{AUTHORIZATION, HeaderValue};
use rspotify::clients::BaseClient as _;
use rspotify::{ClientCredsSpotify, Credentials};
use spotify_web_api::{QuotaMode, Session, SpotifyWebApi};

/// The floor: reqwest (the version and features our library uses) reading the body's bytes,
/// with the `Authorization` header built once. No decoding, no token management, no retries.
#[derive(Debug, Clone)]
pub(crate) struct Floor {
    http: reqwest::Client,
    authorization: HeaderValue,
}

impl Floor {
    pub(crate) fn new(token: &str) -> anyhow::Result<Floor> {
        Ok(Floor {
            http: reqwest::Client::builder().build()?,
            authorization: HeaderValue::from_str(&format!("Bearer {token}"))?,
        })
    }

    /// `GET url`, the body read to the end; its length.
    pub(crate) async fn get(&self, url: &str) -> anyhow::Result<usize> {
        let response = self
            .http
            .get(url)
            .header(AUTHORIZATION, self.authorization.clone())
            .send()
            .await?;
        let status = response.status();
        let body = response.bytes().await?;
        ensure!(status == reqwest::StatusCode::OK, "GET {url}: {status}");
        Ok(body.len())
    }
}

/// rspotify's client-credentials client (its `client_creds` example), pointed at `base` through
/// its `Config`, with its token already requested.
pub(crate) async fn rspotify(
    base: &str,
    client_id: &str,
    secret: &str,
) -> anyhow::Result<ClientCredsSpotify> {
    let config = rspotify::Config {
        api_base_url: format!("{base}/v1/"),
        auth_base_url: format!("{base}/"),
        ..rspotify::Config::default()
    };
    let spotify = ClientCredsSpotify::with_config(Credentials::new(client_id, secret), config);
    spotify
        .request_token()
        .await
        .context("rspotify: request_token")?;
    Ok(spotify)
}

/// rspotify with a user's access token as it is (`AuthCodeSpotify::from_token_with_config`,
/// no refreshing: the run is shorter than the token's hour).
pub(crate) fn rspotify_user(base: &str, access_token: &str) -> rspotify::AuthCodeSpotify {
    let config = rspotify::Config {
        api_base_url: format!("{base}/v1/"),
        auth_base_url: format!("{base}/"),
        token_refreshing: false,
        ..rspotify::Config::default()
    };
    let token = rspotify::Token {
        access_token: access_token.to_owned(),
        ..rspotify::Token::default()
    };
    rspotify::AuthCodeSpotify::from_token_with_config(
        token,
        Credentials::default(),
        rspotify::OAuth::default(),
        config,
    )
}

/// Our client with a user's access token as it is (`SpotifyWebApiBuilder::access_token`).
pub(crate) fn ours_user(base: &str, access_token: &str) -> anyhow::Result<SpotifyWebApi> {
    Ok(SpotifyWebApi::builder()
        .api_url(format!("{base}/v1"))
        .access_token(access_token)
        .build()?)
}

/// Our client with a session that manages the app's token (the README's second example),
/// pointed at `base`, with its token already requested.
pub(crate) async fn ours(
    base: &str,
    client_id: &str,
    secret: &str,
    quota_mode: QuotaMode,
) -> anyhow::Result<SpotifyWebApi> {
    let mut session = Session::builder(client_id)
        .client_secret(secret)
        .accounts_url(base)
        .build()?;
    session
        .request_credentials_token()
        .await
        .context("ours: request_credentials_token")?;
    Ok(SpotifyWebApi::builder()
        .api_url(format!("{base}/v1"))
        .session(session)
        .quota_mode(quota_mode)
        .build()?)
}

/// rspotify's `track()`, checked.
pub(crate) async fn rspotify_track(
    spotify: &ClientCredsSpotify,
    id: &rspotify::model::TrackId<'static>,
) -> anyhow::Result<()> {
    let track = spotify.track(id.clone(), None).await?;
    ensure!(!track.name.is_empty(), "rspotify: a track without a name");
    Ok(())
}

/// Our `get_track()`, checked.
pub(crate) async fn ours_track(api: &SpotifyWebApi, id: &str) -> anyhow::Result<()> {
    let track = api.get_track(id).await?;
    ensure!(!track.name.is_empty(), "ours: a track without a name");
    Ok(())
}
