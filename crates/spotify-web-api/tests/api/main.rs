//! Integration tests of spotify-web-api: real HTTP against an in-process emulator on loopback.

mod authorization;
#[macro_use]
mod coverage;

// After `coverage`, whose `calls!` macro they use.
mod audiobooks;
mod chapters;
mod episodes;
mod errors;
mod fixtures;
mod mutations;
mod schema;
mod secrets;
mod seed;
mod shows;
mod spec;
mod stores;
mod support;
mod token_management;
