//! A faithful, stateful, offline emulator of Spotify's accounts service and Web API.
//!
//! One loopback port serves both halves of the protocol, as documented in
//! `SPOTIFY-PROTOCOL.md`:
//!
//! - the **accounts service**: `GET`/`POST /authorize` (a plain HTML consent page, or an instant
//!   redirect when auto-approval is on, or when the browser's user approved those scopes before
//!   and `show_dialog` is not `true`) and `POST /api/token` (client credentials, authorization
//!   code with a secret or PKCE, refresh token), with Spotify's exact error bodies;
//! - the **Web API** under `/v1`: bearer-token checks with Spotify's 400/401/403 answers, and
//!   endpoints backed by a catalogue of typed entities made from real response bodies and a
//!   seeded generator ([`Catalog`], below), rendered per quota mode and market;
//! - a **control plane** under `/__emulator` that moves a virtual clock, reads counters
//!   ([`Stats`]), switches behaviours that changed over time ([`Rotation`], [`MessageEra`]) and
//!   revokes tokens, and injects faults: error statuses, `Retry-After`, raw bodies, resets,
//!   truncated or HTML answers, revoked tokens and delays ([`Fault`]), and limits apps' request
//!   rates ([`RateLimit`]) (table below).
//!
//! Start one per test with [`Emulator::start`] (it binds `127.0.0.1` on a free port and stops
//! when dropped), point your client's accounts and API base URLs at [`Emulator::base_url`], and
//! log in with the default app ([`DEFAULT_CLIENT_ID`] / [`DEFAULT_CLIENT_SECRET`]) and user
//! ([`DEFAULT_USER_ID`], Premium, Sweden). For in-process tests without a socket, build a
//! [`router`] over an [`AppState`] and call it with `tower::ServiceExt::oneshot`.
//!
//! ```no_run
//! use std::time::Duration;
//! use spotify_emulator::{Emulator, Rotation};
//!
//! # #[tokio::main] async fn main() {
//! // In a #[tokio::test]: one emulator per test, nothing shared.
//! let emu = Emulator::start().await;
//! let token_url = format!("{}/api/token", emu.base_url());
//! let track_url = format!("{}/v1/tracks/7EjyzZcbLxW7PaaLua9Ksb", emu.base_url());
//! // ... POST grant_type=client_credentials to `token_url` with
//! // Basic base64(emu.client_id():emu.client_secret()), then GET `track_url` with the token.
//! # let _ = (token_url, track_url);
//!
//! // Make tokens expire without waiting an hour:
//! emu.advance_clock(Duration::from_secs(3600));
//! assert_eq!(emu.stats().token_requests, 0);
//!
//! // Or configure behaviours up front:
//! let emu = Emulator::builder()
//!     .refresh_rotation(Rotation::PkceOnly)
//!     .auto_approve("emulator-user")
//!     .start()
//!     .await
//!     .expect("loopback is available");
//! # drop(emu);
//! # }
//! ```
//!
//! The control plane (`/__emulator`, JSON, no authentication):
//!
//! | Method | Path | Body | Answer |
//! | --- | --- | --- | --- |
//! | `POST` | `/reset` | – | 204: tokens, codes, approvals, counters, request log, faults, clock offset, settings, quota modes, rate limits (and their windows), playlists, libraries, covers and players back to the start (and written to the state file, if one is kept) |
//! | `GET` | `/clock` | – | `{"now": <unix seconds>}` on the virtual clock |
//! | `POST` | `/clock/advance` | `{"seconds": N}` | `{"now": ..}` after the move |
//! | `GET` | `/stats` | – | [`Stats`] |
//! | `POST` | `/stats/reset` | – | 204 |
//! | `GET`, `PUT` | `/config` | any of `auto_approve_user` (id or `null`), `refresh_rotation` (`none`, `pkce-only`, `always`), `refresh_token_lifetime_secs`, `message_era` (`legacy`, `current`), `player_restriction_reason` (`specific`: `ALREADY_PAUSED`, `NO_NEXT_TRACK`...; `unknown`: `UNKNOWN`, as captured from Spotify) | the settings in force |
//! | `POST` | `/tokens/revoke` | `{"access_token": ".."}` or `{"all": true}` | `{"revoked": N}` |
//! | `POST` | `/users/{id}/revoke` | – | `{"revoked": N}`: that user's refresh tokens are revoked |
//! | `GET`, `PUT` | `/users/{id}/player` | any of `active_device` (a device id, or `null` for none: then nothing plays), `stop` (`true`: nothing loaded, `GET /me/player` answers 204), `clear_queue`, `clear_history` | `{"active_device", "item", "context", "is_playing", "progress_ms", "shuffle", "repeat", "queue", "history"}` (URIs; `history` a count); 404 `Unknown user` / `Unknown device` |
//! | `GET` | `/apps` | – | `[{"client_id": .., "name": .., "quota_mode": "development"}]` (never a secret) |
//! | `GET`, `PUT` | `/apps/{client_id}` | any of `{"quota_mode": "extended"}` (or `"development"`), `"rate_limit": {"budget": 100, "window_secs": 30, "empty_body": false, "escalating": false}` (or `null`: no limit) | the app (`client_id`, `name`, `quota_mode`, `rate_limit`); its tokens follow the new mode at once ([`QuotaMode`]); past its budget it gets 429 ([`RateLimit`]); 404 `Unknown app` |
//! | `GET`, `DELETE` | `/requests` | – | the last [`REQUEST_LOG_CAPACITY`] Web API requests, oldest first, `[{"method": "GET", "path": "/v1/albums/../tracks/", "query": "limit=20&offset=0", "status": 200, "arrived_at_ms": 1795972780207, "duration_us": 543}]` with the path as sent (before a trailing slash is dropped), the raw query (`""` if none), the status (`null` while answering or after an injected reset), the arrival on the virtual clock and the time taken ([`LoggedRequest`]); DELETE: 204, emptied |
//! | `GET`, `POST`, `DELETE` | `/faults` | a [`Fault`]: `{"status": 429, "retry_after": 1, "count": 2}`, `{"kind": "reset", "probability": 0.1, "seed": 7, "method": "POST", "route": "/v1/playlists/{id}/items"}`, `{"delay_ms": 20, "delay_max_ms": 200, "count": 4294967295}`... (also `after`, `path_prefix`, `empty_body`, `body`; kinds `reset`, `truncated`, `non_json`, `revoke_token`) | the rules in force, with their counts as they stand (DELETE: 204, all dropped); 400 with the reason for a rule that cannot be used. See [`Fault`] for what each rule selects and answers |
//!
//! # Faults and rate limits
//!
//! A [`Fault`] selects Web API requests (the next N, or each with a seeded probability;
//! optionally one method, a path prefix or a route pattern) and answers them as Spotify does on
//! a bad day: 429 with a chosen `Retry-After`, with or without a body; 500, 502, 503 in the
//! error envelope; a connection closed without an answer; a delay, fixed or drawn uniformly;
//! a body cut off under its full `Content-Length`; an HTML error page; a revoked token. Give
//! rules to [`EmulatorBuilder::fault`], [`Emulator::add_fault`], `POST /__emulator/faults`, or
//! the binary's `--fault` (compact syntax: `--fault 503,p=0.1,seed=7,method=POST`; see
//! `spotify-emulator --help` and the `faults` module's docs, shown on [`Fault`]).
//!
//! A [`RateLimit`] gives an app a budget of requests per rolling 30-second window
//! (`SPOTIFY-PROTOCOL.md` §2.6). Past it, the app's requests answer 429 `API rate limit
//! exceeded` (or, with `empty_body`, no body) with `Retry-After` the ceiling of the seconds
//! until the window has room; refused requests do not count. Off by default; set it with
//! [`EmulatorBuilder::rate_limit`], [`App::rate_limit`], `--rate-limit N`, or at run time
//! with `PUT /__emulator/apps/{client_id}` or [`Emulator::set_rate_limit`]. The window runs on
//! the virtual clock, so a test can move past it with [`Emulator::advance_clock`].
//!
//! With [`RateLimit::escalating`] (`--rate-limit-escalating`, `"escalating": true`) an app
//! that keeps calling while it should wait is punished as Spotify punishes long abuse: each
//! request during its penalty is a 429 with twice the previous `Retry-After` (30, 60, 120...
//! up to [`MAX_PENALTY`], 86,400 s), counted from that request. An app that waits out its
//! `Retry-After` starts afresh.
//!
//! ```no_run
//! use spotify_emulator::{Emulator, Fault, RateLimit};
//!
//! # #[tokio::main] async fn main() -> std::io::Result<()> {
//! let emu = Emulator::builder()
//!     .fault(Fault::status(429).retry_after(1).count(2)) // the next two requests
//!     .fault(Fault::reset().probability(0.05, 7)) // 5% of requests, the same 5% each run
//!     .fault(Fault::delay(20).delay_max(200).count(u32::MAX).method("POST"))
//!     .rate_limit(RateLimit::new(100).escalating(true)) // the default app: 100 requests per 30 s
//!     .start()
//!     .await?;
//! # drop(emu); Ok(()) }
//! ```
//!
//! # Load, hostile input and slow clients
//!
//! The emulator stays up and keeps serving everyone else whatever one client sends. Each
//! connection is its own task, so a thousand open at once are served side by side (the binary
//! raises its soft limit on open files to the hard one at start; a test process that opens
//! many connections to an in-process emulator needs room for both ends). What a client sends
//! is bounded:
//!
//! | What | Limit | Answer |
//! | --- | --- | --- |
//! | header section (request line and headers) | [`MAX_HEADER_BYTES`] (64 KB), 100 fields | 431 from hyper, empty body |
//! | a request line or header hyper cannot parse | – | 400 from hyper, empty body |
//! | time to send the headers; idle keep-alive | [`DEFAULT_HEADER_READ_TIMEOUT`] (30 s; [`EmulatorBuilder::header_read_timeout`], `--header-timeout`) | connection closed |
//! | time to send the body, after the headers | [`DEFAULT_BODY_TIMEOUT`] (30 s; [`EmulatorBuilder::body_timeout`], `--body-timeout`) | 408 `Request timeout` (`POST /api/token`: read as no parameters, 400 `unsupported_grant_type`) |
//! | JSON body of a write, control-plane body | [`MAX_BODY_BYTES`] (2 MB) | 413 `Request entity too large` (control plane: 400 `Invalid JSON body`) |
//! | playlist cover (`PUT /v1/playlists/{id}/images`) | 256 KB of base64 text, as on Spotify | 413 `Image too large: at most 256 KB of base64 text` |
//! | form body of `POST /api/token` | [`MAX_BODY_BYTES`] | read as no parameters: 400 `unsupported_grant_type` |
//!
//! A body over its limit is not read: a `Content-Length` over it is refused at once, a
//! chunked body as soon as it passes it, and the connection is closed after the answer.
//! Malformed query strings, ids and JSON bodies (truncated, not UTF-8, nested deeper than
//! 128) get Spotify's 400s in the error envelope. The 408 and 413 wordings are the
//! emulator's own (not verified against Spotify).
//!
//! # The catalogue
//!
//! [`Catalog::builtin`] holds every real entity of the 64 embedded fixture bodies (normalised
//! and merged field by field, gaps filled deterministically from the id) plus a seeded
//! synthetic part: showcase entities with fixed ids in [`catalog_ids`] (an album of 30 tracks,
//! an artist with 25 albums, a show of 60 episodes, an audiobook of 40 chapters, a playlist of
//! 250 items and one of 10,000, a category of 30 playlists, relinked and market-restricted
//! tracks) and [`DEFAULT_SYNTHETIC_TRACKS`] generated tracks with their albums, artists, shows,
//! audiobooks, playlists and categories. [`Catalog::builder`] changes the seed and the scale
//! (the binary: `--seed`, `--synthetic-tracks 100000`, `--large-playlist-items N`); serve it with
//! [`EmulatorBuilder::catalog`].
//!
//! Shows, episodes, audiobooks and chapters are market-bound, as on Spotify: with neither a
//! `market` nor a user country (a client-credentials token and no `market`), they are
//! unavailable, and so is an audiobook or chapter outside the six markets where Spotify sells
//! audiobooks (US, GB, CA, IE, NZ, AU). Unavailable content answers like unknown content: 404
//! `non existing id`, or a `null` slot in a multi-get. A `market` given explicitly is honoured
//! even with a user token (the spec says the user's country wins; the emulator keeps one rule
//! for every route). `resume_point` is sent only to a user token with
//! `user-read-playback-position`.
//!
//! # Playlists
//!
//! Playlists live in the state, seeded from the catalogue: the user creates them
//! (`POST /me/playlists`), changes their details, adds, moves, replaces and removes items, and
//! uploads covers, with Spotify's statuses (201 for an add, 200 for the other item writes, 202
//! for a cover). Every change gives the playlist a new `snapshot_id`; an edit that names an older
//! one reads its positions in that version and is applied to the current one, keeping what changed
//! since (the spec's description of the removal: "even if more recent changes have been made").
//! Only the owner and collaborators edit items, only the owner the details and the cover; the
//! modify scope follows the playlist's visibility. Uploaded covers are served back at
//! `GET /image/{id}` on the emulator's own port, as Spotify's image CDN serves them.
//!
//! # Quota modes
//!
//! Every app has a [`QuotaMode`]: [`QuotaMode::Development`] (the default, as for new Spotify
//! apps since 2026-02) refuses the 48 operations removed in November 2024 and February 2026
//! with 403 `Forbidden`, strips the removed fields (album `label`, track `popularity`, user
//! `email`…) and shows playlist items (as `items`/`item`) only to their owner and
//! collaborators; [`QuotaMode::Extended`] serves everything, old names included. Set it with
//! [`EmulatorBuilder::quota_mode`], [`App::quota_mode`], `--quota-mode`, or at run time with
//! `PUT /__emulator/apps/{client_id}` or [`Emulator::set_quota_mode`].
//!
//! # The user's library and follows
//!
//! Each user has a library (`state/library.rs`): saved tracks, albums, episodes, shows and
//! audiobooks with their `added_at` on the virtual clock (newest first), and followed artists,
//! users and playlists. The per-type endpoints (`/me/tracks`, `/me/following`,
//! `/playlists/{id}/followers`…) and the unified `/me/library` (URIs, at most 40; artists only
//! in `contains`) read and write the same state, so both kinds of app see one library. Follows
//! move follower counts (an artist's, a user's, a playlist's). Each operation checks its scope
//! (403 `Insufficient client scope`; through `/me/library`, per URI kind), and the per-type
//! writes and checks answer 403 `Forbidden` to a development-mode app.
//!
//! # The user's top items
//!
//! `GET /me/top/artists` and `/me/top/tracks` (scope `user-top-read`) rank, per user and
//! `time_range` (`short_term`: four weeks, `medium_term`: six months, the default, `long_term`),
//! what the user did: plays (the player's history and what is loaded), saved tracks and albums,
//! followed artists and the tracks they added to their own playlists, recent events counting
//! more and events outside the range's window not at all; the list is filled with the top
//! artists' popular tracks and the catalogue's most popular entries, shuffled a little per user
//! and range, so a fresh user gets 50 items and the three ranges differ. Deterministic for a
//! given state and clock; at most 50 items (`total` 50; pages past offset 49 are empty).
//!
//! # State across restarts
//!
//! With [`EmulatorBuilder::state_file`] (the binary: `--state FILE` or
//! `SPOTIFY_EMULATOR_STATE=FILE`) what users change survives a restart, so a standalone
//! emulator can serve a demo across runs:
//!
//! ```no_run
//! # #[tokio::main] async fn main() -> std::io::Result<()> {
//! let emu = spotify_emulator::Emulator::builder()
//!     .state_file("emulator-state.json") // created if missing
//!     .start()
//!     .await?; // a file that cannot be read is an error naming it
//! // ... users save, follow, edit playlists, play; a refresh token issued now ...
//! emu.shutdown().await; // writes a last time
//! // Started again on the same file: the same libraries, playlists, players, tokens.
//! # Ok(()) }
//! ```
//!
//! The file keeps the libraries and follows, every playlist that differs from the catalogue's
//! (contents, details, `snapshot_id` and recent versions, followers, covers and their
//! images), the players, the access tokens not yet expired and every refresh token (with their
//! expiry), remembered approvals, the apps' quota modes changed at run time and the virtual
//! clock's offset. It does not keep the catalogue (rebuilt from the seed and sizes: the file
//! names the catalogue it was made with, and another one is refused), authorization codes,
//! settings, counters, faults, rate limits or the request log. It is JSON with a format version
//! (`{"format": "spotify-emulator-state", "version": 1, ...}`); a file that does not parse, of
//! another version or another catalogue stops the start with an error naming the file, and is
//! never overwritten.
//!
//! Nothing is written while a request is answered: a request that may change the state (any
//! method but `GET`, `HEAD`, `OPTIONS`, including the control plane's, so a `POST
//! /__emulator/reset` is written too) marks it dirty; a background task writes the state about
//! 50 ms later (a burst of changes is one write), to a temporary file in the same directory,
//! flushed to disk, then renamed over the file. A crash loses at most the last moment and
//! never leaves a half-written file; [`Emulator::shutdown`], dropping the [`Emulator`] and the
//! binary's SIGINT/SIGTERM write a last time.
//!
//! # Record mode
//!
//! Record your own catalogue data once, then run your tests offline against it: with
//! [`EmulatorBuilder::record_from`] (the binary: `--record-from URL --catalogue DIR`, feature
//! `record`, on in the binary), the emulator answers what it knows and sends the catalogue
//! reads it cannot answer to an upstream Web API (the real one, with your own app, or another
//! emulator), answers with what the upstream answers, and writes each entity into the
//! catalogue directory. Started later with [`EmulatorBuilder::catalog_dir`] (`--catalogue DIR`)
//! and no upstream, it serves them itself.
//!
//! ```sh
//! export SPOTIFY_EMULATOR_UPSTREAM_CLIENT_ID=...      # your app, from developer.spotify.com
//! export SPOTIFY_EMULATOR_UPSTREAM_CLIENT_SECRET=...
//! spotify-emulator --port 9200 --catalogue recorded --record-from https://api.spotify.com
//! # ... run your tests against http://127.0.0.1:9200 once; then, offline, for ever after:
//! spotify-emulator --port 9200 --catalogue recorded
//! ```
//!
//! - **What is forwarded and recorded**: a `GET` of a track, album, artist, show, episode,
//!   audiobook or chapter (`/tracks/{id}`, `/tracks?ids=`...), or of an album's tracks, a
//!   show's episodes, an audiobook's chapters, an artist's albums or top tracks, when the
//!   catalogue lacks the entity. Everything else is the emulator's own, as without record
//!   mode, and is never forwarded: the accounts service, `/me` and everything of a user
//!   (library, player, playlists, follows, top items), search and browse. An entity the
//!   catalogue holds is never forwarded either; a multi-get with one unknown id is forwarded
//!   whole. What a development-mode emulator refuses (multi-gets, an artist's top tracks) is
//!   refused with its 403, never forwarded.
//! - **What is written**: one pretty-printed JSON file per entity,
//!   `DIR/{tracks,albums,artists,shows,episodes,audiobooks,chapters}/{id}.json`, the body of
//!   `GET /v1/{collection}/{id}` as the upstream sent it. Music is recorded without a market
//!   (so the file lists the entity's markets and the emulator applies them); shows, episodes,
//!   audiobooks and chapters in the caller's market (`market`, else the user's country), as
//!   they have no body without one. With a track its album is recorded, with an episode its
//!   show, with a chapter its audiobook, each with its whole track, episode or chapter list
//!   (fetched page by page where it passes 50), so their counts are right offline; if a page
//!   fails upstream, the entity is not written, and the next miss of it tries again. Files
//!   are written to a temporary name and renamed, so no reader ever sees half of one. Every
//!   caller's miss is forwarded, but each entity is written at most once per run, however
//!   many callers miss it at once, and what only the recording needs (a track's album, the
//!   further pages of a list) is fetched once with it.
//! - **The caller waits for the recording**: a miss is answered once what it brings is
//!   written, with the entity it belongs to and that entity's whole list. A first miss of an
//!   episode of a show with 1,000 episodes is 21 upstream requests, one after the other (the
//!   episode, the show with its first 50 episodes, 19 further pages), before the answer; each
//!   may take up to 30 s before it is given up. Give clients in record mode a generous
//!   timeout, or they time out, retry, and are forwarded again. Later misses of what is
//!   written wait for nothing but their own request.
//! - **As data, not as replayed answers**: the files are read like the embedded fixtures, so
//!   a track recorded through `/tracks/{id}` is also served by `/tracks?ids=`, in an album's
//!   track list, with `market` relinking and restrictions applied, and in the shapes and
//!   quota modes of this emulator. Entities a file only mentions (the artists of a recorded
//!   album) are filled in as fixture gaps are, and are still forwarded in record mode, so
//!   their real data is recorded when asked for, unless the built-in catalogue holds them. An artist's albums and top tracks are
//!   forwarded while the artist is unknown, and the artist recorded; offline they are made,
//!   as for any artist, from the albums and tracks the catalogue holds, not as the upstream
//!   listed them. Recorded entities are served from the next start on; in the same run,
//!   asking again forwards again.
//! - **Never written**: tokens (the caller's, which never leaves the emulator, and the
//!   emulator's own upstream token, got with client credentials from the upstream's
//!   accounts service: `https://accounts.spotify.com` for `api.spotify.com`, else the base
//!   URL, or [`Upstream::accounts_url`]), the client secret, headers, user data.
//! - **Upstream errors** (404, 429 with its `Retry-After`, 5xx) reach the caller unchanged and
//!   are not recorded. An upstream that cannot be reached, or refuses the app's credentials
//!   (at its accounts service, or a fresh token from there at its Web API), is a 502
//!   `Record mode: the upstream cannot be reached` (or `... refused the app credentials`).
//!   Offline, an entity never recorded is the usual 404 `non existing id`.
//! - Page links (`href`, `next`, `previous`) are moved to the emulator's own base URL, as the
//!   emulator makes them, so a client that follows `next` stays with the emulator.
//! - Record with an app of the quota mode you test with: a development-mode app gets bodies
//!   without the fields Spotify removed in 2026 (track `popularity`, `available_markets`...),
//!   and the emulator fills what a body lacks deterministically.
//!
//! ```no_run
//! use spotify_emulator::{Emulator, Upstream};
//!
//! # #[tokio::main] async fn main() -> std::io::Result<()> {
//! let upstream = Upstream::new("https://api.spotify.com", "my-client-id", "my-client-secret");
//! let recorder = Emulator::builder()
//!     .catalog_dir("tests/recorded") // created as needed
//!     .record_from(upstream)
//!     .start()
//!     .await?;
//! # drop(recorder);
//! // Later, offline:
//! let emu = Emulator::builder().catalog_dir("tests/recorded").start().await?;
//! # drop(emu); Ok(()) }
//! ```
//!
//! # Adding a catalogue route (crate-internal)
//!
//! A handler in `api/<tag>.rs` has the shape of `STYLE.md` and uses:
//!
//! - `extract::Caller`: `caller.require_operation("get-several-tracks")?` refuses an
//!   operation the app's quota mode lost (the table is `quota::REMOVED_OPERATIONS`);
//!   `caller.market(q.market.as_deref())?` resolves `market` (`from_token` → the user's
//!   country); `caller.render(state.catalog(), market.as_deref())` gives the `render::Ctx`.
//!   For market-bound content, `caller.availability_market(market.as_deref())` (the market,
//!   else the user's country) goes to `catalog.show_in(id, ..)`, `episode_in`, `audiobook_in`
//!   or `chapter_in`, which give `None` for content the caller cannot get there.
//! - `extract::PageQuery` / `PageBounds::{DEFAULT, SEARCH, ARTIST_ALBUMS, PLAYLIST_ITEMS,
//!   PLAYLIST_TRACKS, ME_PLAYLISTS, RECOMMENDATIONS}.page(limit, offset)` → `render::Page`, or 400
//!   `Invalid limit` / `Invalid offset`; `extract::MarketQuery` for `?market=` alone;
//!   `extract::IdsQuery::ids(max_ids::ALBUMS)` / `parse_ids` → the ids, or 400 `too many ids
//!   requested` / `invalid id` (a well-formed unknown id is the handler's `null` slot).
//! - `state.catalog()`: `track(id)`, `album`, `artist`, `show`, `episode`, `audiobook`, `chapter`,
//!   `category`, `user`, `categories()`, `audio_features(id)`, `audio_analysis(id)`, `genre_seeds()`,
//!   `markets()`, and the fields `featured`, `featured_message`, `new_releases`; what it derives
//!   (`catalog/discovery.rs`): `discography(artist, groups, market)`, `top_tracks`,
//!   `related_artists`, `playable_in(track, market)` and `recommend(seeds, tuning, limit, market)`;
//!   `state.playlists().get(id)` (playlists live in the state, not the catalogue),
//!   `state.library()`, and each user's player: `state.read_player(user, |player, now| ..)`
//!   and `state.player_command(user, |player, now, catalog| ..)` (403 `PREMIUM_REQUIRED` for a
//!   Free user, a refusal in Spotify's words; `state/player/`).
//! - `render::*`: `track`, `track_by_request` (relinking), `simplified_track`, `album`,
//!   `simplified_album`, `discography_album`, `artist`, `simplified_artist`, `show`,
//!   `simplified_show`, `episode`, `simplified_episode`, `audiobook`, `simplified_audiobook`,
//!   `chapter`, `simplified_chapter`, `playlist`, `simplified_playlist`, `playlist_item`,
//!   `playlist_items_page`, `playlists::can_read_items`, `category`, `public_user`, `private_user`,
//!   `audio_features`, `recommendation_seed`, `saved`, and `paging(base, path, params, page, total,
//!   items)` for any list; `render::catalog_response(&if_none_match, &body)` (the handler takes
//!   an `extract::IfNoneMatch`, never the whole `HeaderMap`) adds the ETag and answers
//!   `If-None-Match` with 304.

mod accounts;
mod api;
mod catalog;
mod config;
mod control;
mod errors;
mod extract;
mod faults;
mod quota;
mod rate_limit;
#[cfg(feature = "record")]
mod record;
mod render;
mod rng;
mod serve;
mod state;

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::middleware;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower::Layer as _;

pub use catalog::ids as catalog_ids;
pub use catalog::{
    Catalog, CatalogBuilder, DEFAULT_LARGE_PLAYLIST_ITEMS, DEFAULT_SEED, DEFAULT_SYNTHETIC_TRACKS,
    FIXTURES_SOURCE,
};
pub use config::{
    App, Config, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REDIRECT_URIS,
    DEFAULT_REFRESH_TOKEN_LIFETIME, DEFAULT_USER_ID, DESKTOP_DEVICE_ID, Device,
    FIXED_VOLUME_DEVICE_ID, FREE_USER_ID, MessageEra, Product, Rotation, SPEAKER_DEVICE_ID, User,
};
pub use faults::{Fault, FaultKind};
pub use quota::QuotaMode;
pub use rate_limit::{DEFAULT_RATE_LIMIT_WINDOW, MAX_PENALTY, RateLimit};
#[cfg(feature = "record")]
pub use record::Upstream;
pub use serve::{
    DEFAULT_BODY_TIMEOUT, DEFAULT_HEADER_READ_TIMEOUT, MAX_BODY_BYTES, MAX_HEADER_BYTES,
};
pub use state::{AppState, LoggedRequest, REQUEST_LOG_CAPACITY, Stats};

/// The whole emulator as one axum [`Router`]: accounts paths, `/v1/...` and `/__emulator/...`.
///
/// Serve it yourself, or call it in-process with `tower::ServiceExt::oneshot`.
pub fn router(state: AppState) -> Router {
    // The Web API middleware wraps the `/v1` router as a service, so it runs before routing and
    // can serve `/v1/me/` as `/v1/me`.
    let routes = api::routes();
    // Record mode forwards what the catalogue lacks, after routing (so unknown paths and wrong
    // methods keep the emulator's answers) and inside the Web API middleware (so the log,
    // rate limits, faults and standard headers apply to forwarded requests too).
    #[cfg(feature = "record")]
    let routes = if state.recorder().is_some() {
        routes.route_layer(middleware::from_fn_with_state(
            state.clone(),
            record::forward_unknown,
        ))
    } else {
        routes
    };
    let web_api = middleware::from_fn_with_state(state.clone(), api::web_api_layer)
        .layer(routes.with_state(state.clone()));
    Router::new()
        .merge(accounts::routes())
        .route("/image/{id}", axum::routing::get(api::serve_image))
        .nest_service("/v1", web_api)
        .nest("/__emulator", control::routes())
        .method_not_allowed_fallback(api::method_not_allowed)
        .fallback(api::service_not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            state::mark_writes,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            serve::body_deadline,
        ))
        .with_state(state)
}

/// A running emulator on `127.0.0.1`. It shuts down when dropped (or with
/// [`Emulator::shutdown`]): the server stops accepting, finishes in-flight requests, closes idle
/// connections and its task ends.
pub struct Emulator {
    base_url: String,
    state: AppState,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    /// The state file's background writer, if one is kept.
    writer: Option<JoinHandle<()>>,
    /// The runtime it runs on, when started from blocking code
    /// ([`EmulatorBuilder::start_blocking`]).
    runtime: Option<tokio::runtime::Runtime>,
}

impl fmt::Debug for Emulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emulator")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// Starts an emulator with the default configuration on a free loopback port.
    ///
    /// Must be called inside a Tokio runtime.
    ///
    /// # Panics
    ///
    /// If `127.0.0.1:0` cannot be bound (no loopback interface, or no free port). Use
    /// [`Emulator::builder`] and [`EmulatorBuilder::start`] to get the error instead.
    pub async fn start() -> Emulator {
        match Self::builder().start().await {
            Ok(emulator) => emulator,
            Err(error) => panic!("spotify-emulator: {error}"),
        }
    }

    /// Starts an emulator with the default configuration on a free loopback port, from
    /// blocking code: on a runtime of its own, with one worker thread, that stops when the
    /// emulator is dropped. For programs and tests with no async code (no `#[tokio::main]`).
    ///
    /// ```no_run
    /// let emu = spotify_emulator::Emulator::start_blocking();
    /// println!("serving on {}", emu.base_url());
    /// ```
    ///
    /// # Panics
    ///
    /// As [`Emulator::start`]; and when called from async code (there, use
    /// [`Emulator::start`]). [`EmulatorBuilder::start_blocking`] returns the errors instead.
    pub fn start_blocking() -> Emulator {
        match Self::builder().start_blocking() {
            Ok(emulator) => emulator,
            Err(error) => panic!("spotify-emulator: {error}"),
        }
    }

    /// A builder for a configured emulator.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }

    /// `http://127.0.0.1:PORT`, with no trailing slash: the base of the accounts paths
    /// (`/authorize`, `/api/token`), of the Web API (`/v1`) and of the control plane.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The default app's client id ([`DEFAULT_CLIENT_ID`] unless configured).
    pub fn client_id(&self) -> &str {
        self.state
            .config()
            .default_app()
            .map_or("", |app| &app.client_id)
    }

    /// The default app's client secret ([`DEFAULT_CLIENT_SECRET`] unless configured).
    pub fn client_secret(&self) -> &str {
        self.state
            .config()
            .default_app()
            .map_or("", |app| &app.client_secret)
    }

    /// The id of the default user ([`DEFAULT_USER_ID`]), preselected on the consent page.
    pub fn default_user_id(&self) -> &str {
        self.state.default_user_id()
    }

    /// Moves the virtual clock forward, as `POST /__emulator/clock/advance` does. Every expiry
    /// (access tokens, codes, refresh tokens) is checked against this clock.
    pub fn advance_clock(&self, by: Duration) {
        self.state.advance_clock(by);
    }

    /// The request counters, as `GET /__emulator/stats` returns them.
    pub fn stats(&self) -> Stats {
        self.state.stats()
    }

    /// With `Some(user_id)`, `GET /authorize` redirects straight back with a code for that user;
    /// with `None` it shows the consent page. An id that names no user shows the consent page.
    /// `POST /__emulator/reset` restores the configured value.
    pub fn set_auto_approve(&self, user: Option<&str>) {
        self.state.set_auto_approve(user);
    }

    /// The last [`REQUEST_LOG_CAPACITY`] Web API requests, oldest first, as
    /// `GET /__emulator/requests` returns them: method, path as sent, raw query.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.state.requests()
    }

    /// Keeps (or stops keeping) each answer's body in the request log
    /// ([`LoggedRequest::body`]), as [`EmulatorBuilder::log_response_bodies`] does.
    pub fn set_log_response_bodies(&self, on: bool) {
        self.state.set_log_bodies(on);
    }

    /// Empties the request log, as `DELETE /__emulator/requests` does.
    pub fn clear_requests(&self) {
        self.state.clear_requests();
    }

    /// Adds an injected-fault rule at run time, as `POST /__emulator/faults` does (see
    /// [`Fault`]).
    ///
    /// # Errors
    ///
    /// The reason the rule cannot be used ([`Fault::validate`]).
    pub fn add_fault(&self, fault: Fault) -> Result<(), &'static str> {
        self.state.add_fault(fault)
    }

    /// Drops every injected-fault rule, as `DELETE /__emulator/faults` does.
    pub fn clear_faults(&self) {
        self.state.clear_faults();
    }

    /// Sets (with `None`, lifts) the rate limit of the app `client_id` at run time, as
    /// `PUT /__emulator/apps/{client_id}` with `rate_limit` does. Returns `false` if no such
    /// app is registered or the budget is 0. `POST /__emulator/reset` restores the configured
    /// limit.
    pub fn set_rate_limit(&self, client_id: &str, limit: Option<RateLimit>) -> bool {
        self.state.set_rate_limit(client_id, limit).is_ok()
    }

    /// Switches the quota mode of the app `client_id` at run time, as
    /// `PUT /__emulator/apps/{client_id}` does; its tokens follow at once. Returns `false` if no
    /// such app is registered. `POST /__emulator/reset` restores the configured mode.
    pub fn set_quota_mode(&self, client_id: &str, mode: QuotaMode) -> bool {
        self.state.set_quota_mode(client_id, mode).is_ok()
    }

    /// The state file this emulator keeps ([`EmulatorBuilder::state_file`]), if any.
    pub fn state_file(&self) -> Option<&std::path::Path> {
        self.state.state_file()
    }

    /// Stops the server and waits (at most 5 seconds) for its task to end; then, with a state
    /// file, writes it a last time.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
        {
            tracing::warn!("spotify-emulator: server did not stop in 5 s; aborting it");
            task.abort();
        }
        self.stop_writer();
    }

    /// Stops the state file's writer and writes the last changes.
    fn stop_writer(&mut self) {
        if let Some(writer) = self.writer.take() {
            writer.abort();
            self.state.save_state_at_stop();
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.stop_writer();
        // Without waiting, so that dropping it is allowed in async code too: the server's
        // task and its connections end with the runtime.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Configures an [`Emulator`] before it starts. Every setting has a default: port 0 (any free
/// port), the default app and users, no rotation, 183-day refresh tokens, current 401 wording,
/// no auto-approval, development quota mode, the built-in catalogue ([`Catalog::builtin`]).
#[derive(Debug, Default)]
#[must_use = "a builder does nothing until `start` is awaited"]
pub struct EmulatorBuilder {
    config: Config,
    port: u16,
    state_file: Option<std::path::PathBuf>,
    faults: Vec<Fault>,
    catalog_dir: Option<std::path::PathBuf>,
    #[cfg(feature = "record")]
    upstream: Option<Upstream>,
}

impl EmulatorBuilder {
    /// Adds an injected-fault rule, in force from the start (after the rules added before;
    /// see [`Fault`]). `POST /__emulator/reset` drops it, as it drops every rule. A rule that
    /// [`Fault::validate`] refuses makes [`EmulatorBuilder::start`] fail (kind
    /// `InvalidInput`).
    pub fn fault(mut self, fault: Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Limits the default app to `limit` (e.g. `RateLimit::new(100)`: 100 requests per
    /// rolling 30 seconds), past which it gets 429 with a `Retry-After`. Default: no limit.
    /// Apps added with [`EmulatorBuilder::app`] carry their own ([`App::rate_limit`]).
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        if let Some(app) = self.config.apps.first_mut() {
            app.rate_limit = Some(limit);
        }
        self
    }

    /// Keeps each answer's body in the request log ([`LoggedRequest::body`]), for tests that
    /// check what was answered. Default: off.
    pub fn log_response_bodies(mut self, on: bool) -> Self {
        self.config.log_response_bodies = on;
        self
    }

    /// The time a client has to send a request's header section; past it the connection is
    /// closed unanswered. The same timer closes a keep-alive connection idle that long.
    /// Default: [`DEFAULT_HEADER_READ_TIMEOUT`] (30 s). Used by [`EmulatorBuilder::start`].
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.config.header_read_timeout = timeout;
        self
    }

    /// The time a client has to send a request's body, counted from the end of its headers;
    /// past it the request is answered 408 (the token endpoint reads the form as empty, as it
    /// reads any unreadable form) and the connection closed. Default:
    /// [`DEFAULT_BODY_TIMEOUT`] (30 s).
    pub fn body_timeout(mut self, timeout: Duration) -> Self {
        self.config.body_timeout = timeout;
        self
    }

    /// The loopback port to bind. Default: 0 (any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The default app's client id. Default: [`DEFAULT_CLIENT_ID`].
    pub fn client_id(mut self, client_id: impl Into<String>) -> Self {
        if let Some(app) = self.config.apps.first_mut() {
            app.client_id = client_id.into();
        }
        self
    }

    /// The default app's client secret. Default: [`DEFAULT_CLIENT_SECRET`].
    pub fn client_secret(mut self, client_secret: impl Into<String>) -> Self {
        if let Some(app) = self.config.apps.first_mut() {
            app.client_secret = client_secret.into();
        }
        self
    }

    /// The default app's quota mode. Default: [`QuotaMode::Development`], Spotify's mode for
    /// every new app since 2026-02. Apps added with [`EmulatorBuilder::app`] carry their own
    /// ([`App::quota_mode`]).
    pub fn quota_mode(mut self, mode: QuotaMode) -> Self {
        if let Some(app) = self.config.apps.first_mut() {
            app.quota_mode = mode;
        }
        self
    }

    /// Registers another app (replacing one with the same client id).
    pub fn app(mut self, app: App) -> Self {
        self.config.upsert_app(app);
        self
    }

    /// Adds a user (replacing one with the same id). The default users stay.
    pub fn user(mut self, user: User) -> Self {
        self.config.upsert_user(user);
        self
    }

    /// Refresh-token rotation. Default: [`Rotation::None`].
    pub fn refresh_rotation(mut self, rotation: Rotation) -> Self {
        self.config.refresh_rotation = rotation;
        self
    }

    /// Maximum refresh-token lifetime, counted from the original authorisation.
    /// Default: [`DEFAULT_REFRESH_TOKEN_LIFETIME`] (183 days).
    pub fn refresh_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.config.refresh_token_lifetime = lifetime;
        self
    }

    /// The wording of 401 responses. Default: [`MessageEra::Current`].
    pub fn auth_message_era(mut self, era: MessageEra) -> Self {
        self.config.message_era = era;
        self
    }

    /// Makes `GET /authorize` approve at once for `user_id`. Default: off (consent page).
    pub fn auto_approve(mut self, user_id: impl Into<String>) -> Self {
        self.config.auto_approve_user = Some(user_id.into());
        self
    }

    /// Serves `catalog` instead of the built-in one.
    pub fn catalog(mut self, catalog: Catalog) -> Self {
        self.config.catalog = Some(Arc::new(catalog));
        self
    }

    /// Serves the built-in catalogue plus what record mode wrote into `dir` (a missing
    /// directory adds nothing): the shorthand of [`EmulatorBuilder::catalog`] with
    /// `Catalog::builder().recorded(dir).try_build()`. With [`EmulatorBuilder::record_from`],
    /// also where new recordings go. See "Record mode" in the crate docs. Default: none.
    /// Used by [`EmulatorBuilder::start`] (which fails if the directory cannot be read,
    /// naming the path, or if a catalogue was given too) and [`EmulatorBuilder::into_state`].
    pub fn catalog_dir(mut self, dir: impl Into<std::path::PathBuf>) -> Self {
        self.catalog_dir = Some(dir.into());
        self
    }

    /// Record mode: a `GET` of a catalogue entity (tracks, albums, artists, shows, episodes,
    /// audiobooks, chapters, one by one or several by `ids`, and their sub-lists) that the
    /// catalogue lacks is sent to `upstream` with a token of the upstream's own (client
    /// credentials), answered with what the upstream answers, and, on a 200, written to the
    /// catalogue directory, one JSON file per entity. Needs a catalogue directory
    /// ([`EmulatorBuilder::catalog_dir`], or a catalogue built with
    /// [`CatalogBuilder::recorded`]): [`EmulatorBuilder::start`] fails without one. Ignored
    /// by [`EmulatorBuilder::into_state`]. See "Record mode" in the crate docs. Default: off.
    #[cfg(feature = "record")]
    pub fn record_from(mut self, upstream: Upstream) -> Self {
        self.upstream = Some(upstream);
        self
    }

    /// The catalogue [`EmulatorBuilder::catalog_dir`] asks for, if any.
    fn read_catalog_dir(&mut self) -> std::io::Result<()> {
        let Some(dir) = self.catalog_dir.take() else {
            return Ok(());
        };
        if self.config.catalog.is_some() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "give a catalogue or a catalogue directory, not both \
                 (build the catalogue with CatalogBuilder::recorded instead)",
            ));
        }
        let catalog = Catalog::builder().recorded(dir).try_build()?;
        self.config.catalog = Some(Arc::new(catalog));
        Ok(())
    }

    /// Keeps the state users change in the file at `path`, so it survives a restart: started
    /// again on the same file (with the same catalogue), the emulator has the same libraries,
    /// follows, playlists, covers, players, tokens (a refresh token issued before still renews),
    /// apps' quota modes and virtual clock. A missing file starts fresh and is created; a file
    /// that cannot be read, of another format version or another catalogue makes
    /// [`EmulatorBuilder::start`] fail, naming it, and is left as it is. Changes are written
    /// by a background task soon after they happen (never while answering), atomically, and
    /// a last time when the emulator stops. See "State across restarts" in the crate docs.
    /// Default: none (the state lives in memory only). Used by [`EmulatorBuilder::start`],
    /// not by [`EmulatorBuilder::into_state`].
    pub fn state_file(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.state_file = Some(path.into());
        self
    }

    /// The state this configuration starts with, for [`router`] in in-process tests.
    ///
    /// # Panics
    ///
    /// If a fault rule added with [`EmulatorBuilder::fault`] is not valid, or the catalogue
    /// directory cannot be read.
    pub fn into_state(mut self) -> AppState {
        if let Err(error) = self.read_catalog_dir() {
            panic!("spotify-emulator: {error}");
        }
        let state = AppState::new(self.config);
        for fault in self.faults {
            if let Err(reason) = state.add_fault(fault) {
                panic!("spotify-emulator: invalid fault rule: {reason}");
            }
        }
        state
    }

    /// Binds `127.0.0.1:port` and starts serving on a Tokio task (and, with a state file,
    /// loads it and starts its writer).
    ///
    /// # Errors
    ///
    /// If the port cannot be bound (the error says `cannot listen on 127.0.0.1:PORT`), the
    /// state file cannot be read or created (kind `InvalidData`, the message names the file),
    /// the catalogue directory cannot be read (the message names the path), or record mode
    /// lacks a catalogue directory or has an upstream URL that is not `http(s)` (kind
    /// `InvalidInput`).
    pub async fn start(mut self) -> std::io::Result<Emulator> {
        self.read_catalog_dir()?;
        let state = AppState::new(self.config);
        #[cfg(feature = "record")]
        if let Some(upstream) = self.upstream {
            let dir = state.catalog().recorded.dir.clone().ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "record mode needs a catalogue directory (EmulatorBuilder::catalog_dir)",
                )
            })?;
            state.set_recorder(record::Recorder::new(upstream, dir)?);
        }
        for fault in self.faults {
            state.add_fault(fault).map_err(|reason| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("invalid fault rule: {reason}"),
                )
            })?;
        }
        if let Some(path) = &self.state_file {
            state.open_state_file(path)?;
        }
        let cannot_listen = |error: std::io::Error| {
            std::io::Error::new(
                error.kind(),
                format!("cannot listen on 127.0.0.1:{}: {error}", self.port),
            )
        };
        let listener = serve::listen(SocketAddr::from((Ipv4Addr::LOCALHOST, self.port)))
            .map_err(cannot_listen)?;
        let address = listener.local_addr()?;
        let writer = state.spawn_writer();
        let app = router(state.clone());
        let header_read_timeout = state.config().header_read_timeout;
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve::serve(
            listener,
            app,
            state.clone(),
            header_read_timeout,
            async {
                // A send or a dropped sender both mean "stop".
                let _ = stopped.await;
            },
        ));
        let base_url = format!("http://{address}");
        tracing::debug!(%base_url, "spotify-emulator listening");
        Ok(Emulator {
            base_url,
            state,
            stop: Some(stop),
            task: Some(task),
            writer,
            runtime: None,
        })
    }

    /// [`start`](Self::start) from blocking code: the emulator runs on a runtime of its own
    /// (one worker thread), which stops when the emulator is dropped.
    ///
    /// # Errors
    ///
    /// As [`start`](Self::start), and when the runtime cannot be started.
    ///
    /// # Panics
    ///
    /// When called from async code (a task of a Tokio runtime); there, use
    /// [`start`](Self::start).
    pub fn start_blocking(self) -> std::io::Result<Emulator> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("spotify-emulator")
            .enable_all()
            .build()?;
        let mut emulator = runtime.block_on(self.start())?;
        emulator.runtime = Some(runtime);
        Ok(emulator)
    }
}
