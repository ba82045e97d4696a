//! The emulator's tests: one binary. Each test builds its own emulator; nothing is shared.
#![allow(missing_docs, unreachable_pub, clippy::unwrap_used)]

mod support;

mod abuse;
mod audiobooks;
mod authorize;
mod browse;
mod chapters;
mod control;
mod episodes;
mod faults;
mod library;
mod live;
mod music;
mod player;
mod playlist_writes;
mod playlists;
mod record;
mod search;
mod shows;
mod token;
mod top;
mod web_api;
