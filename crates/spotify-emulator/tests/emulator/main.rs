//! The emulator's tests: one binary. Each test builds its own emulator; nothing is shared.
#![allow(missing_docs, unreachable_pub, clippy::unwrap_used)]

mod support;

mod authorize;
mod control;
mod live;
mod playlists;
mod token;
mod web_api;
