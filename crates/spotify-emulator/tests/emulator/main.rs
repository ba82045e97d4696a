//! The emulator's tests: one binary. Each test builds its own emulator; nothing is shared.
#![allow(missing_docs, unreachable_pub, clippy::unwrap_used)]

mod support;

mod authorize;
mod browse;
mod control;
mod live;
mod music;
mod search;
mod token;
mod web_api;
