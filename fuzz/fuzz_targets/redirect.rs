//! The authorization redirect parser (`Session::parse_redirect`, both code flows): never a
//! panic; a missing or different state, an `error=` and a missing code are typed errors.
//!
//! Input, as text: anything, read as a redirect; with a NUL, the part after the first NUL is
//! the expected state. Text that starts with `\u{1}` is read as fields instead (separated by
//! `\u{1}`: a choice of URL, then code, state, error and expected state, each absent when
//! empty): the redirect is built from them and the result must be exactly what they call for.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spotify_web_api::{Error, Session};

/// Where the redirect may point: callback URLs of each kind, and a bare query.
const URLS: &[&str] = &[
    "http://127.0.0.1:8888/callback",
    "http://[::1]:8080/cb",
    "https://example.com/auth/callback",
    "my-app://callback",
    "/callback",
    "",
];

fn checked(redirect: &str, expected: Option<&str>) -> Result<String, Error> {
    let result = Session::parse_redirect(redirect, expected);
    match &result {
        Ok(code) => assert!(!code.is_empty(), "{redirect:?} gave an empty code"),
        Err(error @ (Error::StateMismatch | Error::Authorization { .. })) => {
            let _ = format!("{error} {error:?}");
        }
        Err(other) => panic!("{redirect:?} gave {other:?}"),
    }
    result
}

fn fields(text: &str) {
    let mut parts = text.split('\u{1}');
    let url = URLS[parts.next().map_or(0, str::len) % URLS.len()];
    let mut field = || parts.next().filter(|f| !f.is_empty());
    let (code, state, error, expected) = (field(), field(), field(), field());
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in [("code", code), ("state", state), ("error", error)] {
        if let Some(value) = value {
            query.append_pair(key, value);
        }
    }
    let query = query.finish();
    let redirect = if url.is_empty() {
        query
    } else {
        format!("{url}?{query}")
    };
    let result = checked(&redirect, expected);
    match (expected, error, code) {
        (Some(expected), ..) if state != Some(expected) => {
            assert!(
                matches!(result, Err(Error::StateMismatch)),
                "{redirect:?}: {result:?}"
            )
        }
        (_, Some(error), _) => match result {
            Err(Error::Authorization { error: got }) => assert_eq!(got, error, "{redirect:?}"),
            other => panic!("{redirect:?}: {other:?}"),
        },
        (_, None, Some(code)) => assert_eq!(result.ok().as_deref(), Some(code), "{redirect:?}"),
        (_, None, None) => assert!(
            matches!(result, Err(Error::Authorization { .. })),
            "{redirect:?}: {result:?}"
        ),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(rest) = text.strip_prefix('\u{1}') {
        return fields(rest);
    }
    match text.split_once('\0') {
        Some((redirect, expected)) => {
            let _ = checked(redirect, Some(expected));
            let _ = checked(redirect, None);
        }
        None => {
            let _ = checked(text, None);
        }
    }
});
