//! Every parser of IDs, URIs, URLs, markets, scopes and base URLs: never a panic, and whatever
//! parses comes back to the same value from its own `uri()`, `url()` and `as_str()`.
#![no_main]

use std::fmt::Debug;

use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;
use spotify_web_api::__fuzz;
use spotify_web_api::{
    AlbumId, ArtistId, ArtistOrUserId, AudiobookId, ChapterId, ContextId, CountryCode, EpisodeId,
    Error, Id, LibraryItemId, Market, PlayableId, PlaylistId, Scope, ShowId, TrackId, UrlRole,
    UserId,
};

/// An error must render without panicking.
fn render(error: &Error) {
    let _ = format!("{error} {error:?}");
}

/// A typed ID: each of its spellings parses back to it, and so does its JSON.
fn one_kind<T>(input: &str)
where
    T: Id + Debug + PartialEq + Serialize + DeserializeOwned + std::str::FromStr<Err = Error>,
{
    let id = match input.parse::<T>() {
        Ok(id) => id,
        Err(error) => return render(&error),
    };
    assert!(!id.as_str().is_empty(), "{input:?} parsed to an empty id");
    for spelling in [id.as_str().to_owned(), id.uri(), id.url()] {
        match spelling.parse::<T>() {
            Ok(again) => assert_eq!(again, id, "{input:?} -> {spelling:?}"),
            Err(error) => panic!("{input:?} parsed to {id:?}, but {spelling:?} fails: {error}"),
        }
    }
    let json = serde_json::to_string(&id).expect("an id serializes");
    let again: T = serde_json::from_str(&json).expect("an id's JSON decodes");
    assert_eq!(again, id);
    let _ = format!("{id:?}");
}

/// A union of kinds: its URI (its `Display`) parses back to it, and so does its JSON.
macro_rules! union {
    ($name:ty, $input:expr) => {{
        match <$name>::parse($input) {
            Ok(id) => {
                let uri = id.uri();
                assert_eq!(id.to_string(), uri);
                match <$name>::parse(&uri) {
                    Ok(again) => assert_eq!(again, id, "{:?} -> {uri:?}", $input),
                    Err(error) => {
                        panic!("{:?} parsed to {id:?}, but {uri:?} fails: {error}", $input)
                    }
                }
                let json = serde_json::to_string(&id).expect("an id serializes");
                let again: $name = serde_json::from_str(&json).expect("an id's JSON decodes");
                assert_eq!(again, id);
                assert!(!id.as_str().is_empty());
                let _ = id.kind();
            }
            Err(error) => render(&error),
        }
    }};
}

/// A configured base URL is accepted again as it is shown, and a `next` link accepted under it
/// is fetched from the same origin, under its path.
fn base_and_next(base: &str, next: &str) {
    let checked = match __fuzz::base_url(base, UrlRole::Api) {
        Ok(checked) => checked,
        Err(error) => return render(&error),
    };
    assert_eq!(
        __fuzz::base_url(&checked, UrlRole::Api).ok().as_deref(),
        Some(checked.as_str()),
        "{base:?} is shown as {checked:?}, which is not accepted as itself"
    );
    let _ = __fuzz::base_url(base, UrlRole::Accounts);
    match __fuzz::next_url(&checked, next) {
        Ok(fetched) => {
            // `checked` has no query and no trailing `/`: the fetched URL must extend its path.
            let (origin, _) = split_origin(&checked);
            let (fetched_origin, fetched_path) = split_origin(&fetched);
            assert_eq!(
                fetched_origin, origin,
                "{next:?} under {checked:?} is fetched from {fetched:?}"
            );
            let (_, base_path) = split_origin(&checked);
            assert!(
                fetched_path.starts_with(&format!("{base_path}/")),
                "{next:?} under {checked:?} is fetched from {fetched:?}, outside the base path"
            );
        }
        Err(error) => render(&error),
    }
}

/// `scheme://authority` and the rest of a URL the library printed.
fn split_origin(url: &str) -> (&str, &str) {
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    match url[after_scheme..].find('/') {
        Some(at) => url.split_at(after_scheme + at),
        None => (url, ""),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };

    one_kind::<TrackId>(input);
    one_kind::<AlbumId>(input);
    one_kind::<ArtistId>(input);
    one_kind::<PlaylistId>(input);
    one_kind::<UserId>(input);
    one_kind::<ShowId>(input);
    one_kind::<EpisodeId>(input);
    one_kind::<AudiobookId>(input);
    one_kind::<ChapterId>(input);

    union!(PlayableId, input);
    union!(ContextId, input);
    union!(LibraryItemId, input);
    union!(ArtistOrUserId, input);

    match input.parse::<Market>() {
        Ok(market) => assert_eq!(market.as_str().parse::<Market>().ok(), Some(market)),
        Err(error) => render(&error),
    }
    if let Some(code) = CountryCode::new(input) {
        assert_eq!(CountryCode::new(code.as_str()), Some(code));
        assert!(code.as_str().bytes().all(|b| b.is_ascii_uppercase()));
    }

    let scopes = Scope::parse_list(input);
    assert_eq!(Scope::parse_list(&Scope::join(&scopes)), scopes);
    for scope in &scopes {
        assert_eq!(&Scope::from_name(scope.as_str()), scope);
    }

    // A base and a link: the first line and the rest; and the rest under fixed bases.
    let (first, rest) = input.split_once('\n').unwrap_or((input, ""));
    base_and_next(first, rest);
    base_and_next("https://api.spotify.com/v1", input);
    base_and_next("http://127.0.0.1:8080/v1", input);
});
