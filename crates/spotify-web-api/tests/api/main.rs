//! Integration tests of spotify-web-api: real HTTP against an in-process emulator on loopback.

mod authorization;
#[macro_use]
mod coverage;
mod categories;
mod errors;
mod fixtures;
mod markets;
mod mutations;
mod schema;
mod search;
mod secrets;
mod seed;
mod spec;
mod stores;
mod support;
mod token_management;
