//! The response bodies the jobs serve and decode, rendered by our emulator in today's shape.
//!
//! Nothing is checked in: each run asks a fresh emulator, so the bodies follow the emulator as
//! it changes. Two shapes exist today: what an app in **extended** quota mode gets (every
//! field, old names included) and what a **development**-mode app gets (the fields Spotify
//! removed in 2026-02 stripped, playlist items under `item`).

use std::fmt;

use anyhow::{Context as _, bail, ensure};
use spotify_emulator::{
    App, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REDIRECT_URIS, DEFAULT_USER_ID,
    Emulator, QuotaMode, catalog_ids,
};

use crate::decoding::Kind;

/// The client id of the extended-mode app the bench registers next to the emulator's default
/// (development-mode) app.
pub const EXTENDED_CLIENT_ID: &str = "bench-extended-app";
/// Its secret.
pub const EXTENDED_CLIENT_SECRET: &str = "bench-extended-secret";

/// The real album (from the embedded fixtures) the decoding job uses.
pub const ALBUM_ID: &str = "7u6zL7kqpgLPISZYXNTgYk";
/// The search the decoding job uses: three types, Spotify's largest page since 2026-02.
pub const SEARCH_QUERY: &str = "q=golden&type=track,album,artist&limit=10";

/// Which app's view of the catalogue a body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// An extended-quota app: every field.
    Extended,
    /// A development-mode app (the default for new apps since 2026-02): removed fields stripped.
    Development,
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Shape::Extended => "extended",
            Shape::Development => "development",
        })
    }
}

/// One rendered body.
#[derive(Debug, Clone)]
pub struct Body {
    /// What it is.
    pub kind: Kind,
    /// Whose view.
    pub shape: Shape,
    /// The request it answers, e.g. `GET /v1/albums/{id}`.
    pub request: String,
    /// The bytes as served.
    pub bytes: Vec<u8>,
}

impl Body {
    /// `album (extended)`.
    pub fn label(&self) -> String {
        format!("{} ({})", self.kind, self.shape)
    }
}

/// `GET /v1/tracks/7EjyzZcbLxW7PaaLua9Ksb` for an extended-mode app: the body the throughput
/// jobs serve (the full shape, which all three clients decode).
///
/// # Errors
///
/// If the emulator cannot start or answers anything but 200.
pub fn seed_track() -> anyhow::Result<Vec<u8>> {
    let bodies = render(&[(Kind::Track, Shape::Extended)])?;
    bodies
        .into_iter()
        .next()
        .map(|b| b.bytes)
        .context("no track body")
}

/// The bodies of the decoding job: the seed track, a full album, a 50-item playlist page and
/// a search result, each in both shapes.
///
/// # Errors
///
/// If the emulator cannot start or answers anything but 200.
pub fn decoding_set() -> anyhow::Result<Vec<Body>> {
    let mut wanted = Vec::new();
    for kind in Kind::ALL {
        for shape in [Shape::Extended, Shape::Development] {
            wanted.push((kind, shape));
        }
    }
    render(&wanted)
}

/// The request path (and query) that answers `kind`.
fn path(kind: Kind) -> String {
    match kind {
        Kind::Track => format!("/v1/tracks/{}", catalog_ids::SEED_TRACK),
        Kind::Album => format!("/v1/albums/{ALBUM_ID}"),
        // The default user owns the large playlist, so a development-mode app sees its items.
        Kind::PlaylistPage => format!(
            "/v1/playlists/{}/items?limit=50",
            catalog_ids::LARGE_PLAYLIST
        ),
        Kind::Search => format!("/v1/search?{SEARCH_QUERY}"),
    }
}

/// Starts an emulator with both apps on a runtime of its own and fetches each body.
fn render(wanted: &[(Kind, Shape)]) -> anyhow::Result<Vec<Body>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let emulator = Emulator::builder()
            .app(
                App::new(EXTENDED_CLIENT_ID, EXTENDED_CLIENT_SECRET)
                    .quota_mode(QuotaMode::Extended),
            )
            .auto_approve(DEFAULT_USER_ID)
            .start()
            .await
            .context("starting the emulator")?;
        let base = emulator.base_url();
        let http = reqwest::Client::new();
        // Client-credentials tokens, as the seed's flow gets, except for the playlist page:
        // a development-mode app sees playlist items only for the user's own playlists, so
        // that body is fetched with the default user's token (for both apps, alike).
        let dev = (DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
        let ext = (EXTENDED_CLIENT_ID, EXTENDED_CLIENT_SECRET);
        let dev_app = client_token(&http, base, dev.0, dev.1).await?;
        let ext_app = client_token(&http, base, ext.0, ext.1).await?;
        let dev_user = user_token(base, dev.0, dev.1).await?;
        let ext_user = user_token(base, ext.0, ext.1).await?;
        let mut bodies = Vec::new();
        for &(kind, shape) in wanted {
            let token = match (shape, kind) {
                (Shape::Extended, Kind::PlaylistPage) => &ext_user,
                (Shape::Extended, _) => &ext_app,
                (Shape::Development, Kind::PlaylistPage) => &dev_user,
                (Shape::Development, _) => &dev_app,
            };
            let path = path(kind);
            let response = http
                .get(format!("{base}{path}"))
                .bearer_auth(token)
                .send()
                .await
                .with_context(|| format!("GET {path}"))?;
            let status = response.status();
            let bytes = response.bytes().await?.to_vec();
            ensure!(
                status == reqwest::StatusCode::OK,
                "GET {path} ({shape}) answered {status}: {}",
                String::from_utf8_lossy(&bytes[..bytes.len().min(200)])
            );
            bodies.push(Body {
                kind,
                shape,
                request: format!("GET {path}"),
                bytes,
            });
        }
        Ok(bodies)
    })
}

/// A client-credentials token from the emulator at `base`.
///
/// # Errors
///
/// A transport error, or an answer without `access_token`.
pub async fn client_token(
    http: &reqwest::Client,
    base: &str,
    client_id: &str,
    secret: &str,
) -> anyhow::Result<String> {
    token(
        http,
        base,
        client_id,
        secret,
        &[("grant_type", "client_credentials")],
    )
    .await
}

/// A token of the default user (who owns the large playlist) for the app `client_id`, through
/// the authorization code flow; the emulator at `base` must approve at once
/// (`EmulatorBuilder::auto_approve(DEFAULT_USER_ID)`).
///
/// # Errors
///
/// A transport error, no code in `/authorize`'s redirect, or a refused exchange.
pub async fn user_token(base: &str, client_id: &str, secret: &str) -> anyhow::Result<String> {
    let http = &reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let redirect_uri = DEFAULT_REDIRECT_URIS[0];
    let authorize = http
        .get(format!("{base}/authorize"))
        .query(&[
            ("client_id", client_id),
            ("response_type", "code"),
            ("redirect_uri", redirect_uri),
            ("scope", "playlist-read-private playlist-read-collaborative"),
        ])
        .send()
        .await
        .context("GET /authorize")?;
    let location = authorize
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .context("/authorize did not redirect (is auto-approval on?)")?;
    let location = reqwest::Url::parse(location).context("/authorize's redirect")?;
    let Some(code) = location
        .query_pairs()
        .find(|(name, _)| name == "code")
        .map(|(_, code)| code.into_owned())
    else {
        bail!("/authorize redirected without a code: {location}");
    };
    token(
        http,
        base,
        client_id,
        secret,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", redirect_uri),
        ],
    )
    .await
}

async fn token(
    http: &reqwest::Client,
    base: &str,
    client_id: &str,
    secret: &str,
    form: &[(&str, &str)],
) -> anyhow::Result<String> {
    #[derive(serde::Deserialize)]
    struct Answer {
        access_token: String,
    }
    let response = http
        .post(format!("{base}/api/token"))
        .basic_auth(client_id, Some(secret))
        .form(form)
        .send()
        .await
        .context("POST /api/token")?;
    let status = response.status();
    let text = response.text().await?;
    ensure!(
        status.is_success(),
        "POST /api/token answered {status}: {text}"
    );
    let answer: Answer = serde_json::from_str(&text).context("the token answer")?;
    Ok(answer.access_token)
}
