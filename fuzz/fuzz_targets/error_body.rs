//! The parser of refused answers (status, `Retry-After`, body) into the library's `Error`: never
//! a panic, always the error the status calls for, and `Display`, `Debug` and the predicates
//! never panic on it.
//!
//! Input: byte 0 holds flags (bit 0: the accounts service answered; bit 1: a `Retry-After`
//! header is present), bytes 1-2 the status (big-endian), then, with a header, one length byte
//! and that many bytes of its value; the rest is the body. `fuzz/seeds.py` writes seeds this
//! way into `fuzz/corpus/error_body/`, from the emulator's recorded error replies.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotify_web_api::{__fuzz, Error, PlayerErrorReason};

fuzz_target!(|data: &[u8]| {
    let [flags, high, low, rest @ ..] = data else {
        return;
    };
    let accounts = flags & 1 == 1;
    let status = u16::from_be_bytes([*high, *low]);
    let (retry_after, body) = if flags & 2 == 2 {
        let Some((&len, rest)) = rest.split_first() else {
            return;
        };
        let len = usize::from(len).min(rest.len());
        let (value, body) = rest.split_at(len);
        (Some(value), body)
    } else {
        (None, rest)
    };

    let error = __fuzz::error_response(accounts, status, retry_after, body);

    match &error {
        Error::RateLimited { retry_after: wait } => {
            assert_eq!(status, 429);
            // Only a plain integer of seconds counts.
            let given = retry_after
                .and_then(|v| std::str::from_utf8(v.trim_ascii()).ok())
                .and_then(|v| v.parse::<u64>().ok());
            assert_eq!(wait.map(|d| d.as_secs()), given);
        }
        Error::Api { status: s, .. } => {
            assert!(!accounts && status != 429);
            assert_eq!(*s, status);
        }
        Error::Auth {
            status: s, error, ..
        } => {
            assert!(accounts && status != 429);
            assert_eq!(*s, status);
            let _ = error;
        }
        other => panic!("status {status} gave {other:?}"),
    }
    assert_eq!(error.status(), Some(status));
    if let Some(reason) = error.player_reason() {
        assert_eq!(&PlayerErrorReason::from_code(reason.as_code()), reason);
    }

    let shown = error.to_string();
    assert!(!shown.is_empty());
    let _ = format!("{error:?}");
    let _ = (
        error.is_expired_token(),
        error.is_forbidden(),
        error.is_not_found(),
        error.is_rate_limited(),
        error.is_reauthorization_required(),
        error.is_invalid_input(),
        error.is_transport(),
        error.is_timeout(),
        error.is_endpoint_removed(),
        error.player_reason().map(|r| r.as_code().to_owned()),
        error.auth_error().map(str::to_owned),
        error.missing_scopes().map(<[_]>::len),
        error.completed(),
        std::error::Error::source(&error).map(ToString::to_string),
    );
});
