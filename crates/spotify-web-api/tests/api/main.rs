//! Integration tests of spotify-web-api: real HTTP against an in-process emulator on loopback.

mod authorization;
mod blocking;
#[macro_use]
mod coverage;

// The areas' tests use `calls!`, so they come after `coverage`.
mod albums;
mod artists;
mod audiobooks;
mod categories;
mod chapters;
mod episodes;
mod follows;
mod genres;
mod library;
mod markets;
mod player;
mod playlist_writes;
mod playlists;
mod search;
mod shows;
mod state_file;
mod tracks;
mod users;

mod errors;
mod fixtures;
mod mutations;
mod paging;
mod raw;
mod resilience;
mod schema;
mod secrets;
mod seed;
mod soak;
mod spec;
mod stores;
mod support;
mod token_management;
