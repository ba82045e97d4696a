//! Integration tests of spotify-web-api: real HTTP against an in-process emulator on loopback.

mod authorization;
#[macro_use]
mod coverage;
mod errors;
mod fixtures;
mod mutations;
mod schema;
mod secrets;
mod seed;
mod spec;
mod stores;
mod support;
mod token_management;
// The areas of the catalogue, after `coverage` (their `CALLS` use its `calls!`).
mod playlists;
mod users;
