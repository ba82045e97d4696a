//! Base URLs: which ones are accepted, how paths join onto them, and which URLs belong to them.
//!
//! A token is sent only to the configured bases. Spotify's paging objects carry absolute
//! `next` URLs; one is followed only when it lies under the client's own API base (same scheme,
//! host, port and path prefix), so a hostile or broken body cannot make the client send its
//! bearer token to another host.

use std::fmt;

use url::Url;

use crate::error::{ConfigError, Error, Result, redacted_url};

/// Which base URL a configuration error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UrlRole {
    /// The Web API base (`https://api.spotify.com/v1`).
    Api,
    /// The accounts service base (`https://accounts.spotify.com`).
    Accounts,
}

impl fmt::Display for UrlRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlRole::Api => "API URL",
            UrlRole::Accounts => "accounts URL",
        })
    }
}

/// A checked base URL: `https`, or `http` on a loopback address (tokens must not cross a
/// network in clear text). Its path never ends with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BaseUrl(Url);

impl BaseUrl {
    /// Parses and checks `input` as the base URL of `role`.
    pub(crate) fn parse(input: &str, role: UrlRole) -> Result<BaseUrl> {
        let config = |error| Err(Error::Config(error));
        // What the error shows: the input, bounded; once it parses as a URL, redacted too
        // (a base URL may carry a password or a token).
        let shown = || input.chars().take(200).collect::<String>();
        let Ok(mut url) = Url::parse(input.trim()) else {
            return config(ConfigError::NotAUrl { role, url: shown() });
        };
        if url.cannot_be_a_base() || url.host().is_none() {
            return config(ConfigError::NotAUrl { role, url: shown() });
        }
        let loopback = match url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            None => false,
        };
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            _ => {
                let url = crate::error::redacted_url(input.trim());
                return config(ConfigError::InsecureUrl { role, url });
            }
        }
        url.set_query(None);
        url.set_fragment(None);
        let path = url.path().trim_end_matches('/').to_owned();
        url.set_path(&path);
        Ok(BaseUrl(url))
    }

    /// The base as a string, e.g. `https://api.spotify.com/v1`.
    pub(crate) fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    /// The URL of `path` (which starts with `/`) under this base.
    pub(crate) fn join(&self, path: &str) -> Url {
        let mut url = self.0.clone();
        let base = url.path().trim_end_matches('/');
        let mut full = String::with_capacity(base.len() + path.len());
        full.push_str(base);
        full.push_str(path);
        url.set_path(&full);
        url
    }

    /// The path (under this base, starting with `/`) and query pairs of `absolute`, if it
    /// lies under this base; `None` for any other URL.
    pub(crate) fn relative(&self, absolute: &str) -> Option<(String, Vec<(String, String)>)> {
        let url = Url::parse(absolute).ok()?;
        let same_origin = url.scheme() == self.0.scheme()
            && url.host() == self.0.host()
            && url.port_or_known_default() == self.0.port_or_known_default()
            && url.username().is_empty()
            && url.password().is_none();
        if !same_origin {
            return None;
        }
        let base_path = self.0.path().trim_end_matches('/');
        let rest = url.path().strip_prefix(base_path)?;
        if !rest.starts_with('/') {
            return None;
        }
        let query = url.query_pairs().into_owned().collect();
        Some((rest.to_owned(), query))
    }

    /// [`BaseUrl::relative`] for a URL from outside (a paging URL in a response, a full URL a
    /// caller gives): one not under this base is refused with [`Error::UntrustedUrl`], which
    /// shows it as [`redacted_url`] does (bounded, anything secret-looking replaced), since it
    /// may be hostile, long, or hold a password.
    pub(crate) fn relative_or_refuse(&self, url: &str) -> Result<(String, Vec<(String, String)>)> {
        self.relative(url).ok_or_else(|| Error::UntrustedUrl {
            url: redacted_url(url),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_must_be_https_or_loopback() {
        for ok in [
            "https://api.spotify.com/v1",
            "http://127.0.0.1:1234/v1",
            "http://[::1]:80/v1/",
            "http://localhost:8080",
        ] {
            BaseUrl::parse(ok, UrlRole::Api).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        for bad in [
            "http://api.spotify.com/v1",
            "ftp://127.0.0.1",
            "nonsense",
            "mailto:x@y",
        ] {
            assert!(
                matches!(BaseUrl::parse(bad, UrlRole::Api), Err(Error::Config(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn paths_join_under_the_base() {
        let base = BaseUrl::parse("https://api.spotify.com/v1/", UrlRole::Api).unwrap();
        assert_eq!(base.as_str(), "https://api.spotify.com/v1");
        assert_eq!(
            base.join("/albums/x/tracks").as_str(),
            "https://api.spotify.com/v1/albums/x/tracks"
        );
    }

    #[test]
    fn only_urls_under_the_base_are_relative() {
        let base = BaseUrl::parse("http://127.0.0.1:8080/v1", UrlRole::Api).unwrap();
        let (path, query) = base
            .relative("http://127.0.0.1:8080/v1/albums/x/tracks?offset=20&limit=20")
            .unwrap();
        assert_eq!(path, "/albums/x/tracks");
        assert_eq!(
            query,
            [
                ("offset".to_owned(), "20".to_owned()),
                ("limit".to_owned(), "20".to_owned())
            ]
        );
        for foreign in [
            "https://api.spotify.com/v1/albums/x/tracks",
            "http://127.0.0.1:8081/v1/albums",
            "http://127.0.0.2:8080/v1/albums",
            "http://127.0.0.1:8080/v2/albums",
            "http://127.0.0.1:8080/v1x/albums",
            "http://user:pw@127.0.0.1:8080/v1/albums",
            "not a url",
        ] {
            assert!(base.relative(foreign).is_none(), "{foreign}");
        }
    }

    #[test]
    fn an_insecure_base_is_refused_without_its_secrets() {
        let Err(Error::Config(error)) = BaseUrl::parse(
            "http://user:s3cret@example.com/v1?token=s3cret",
            UrlRole::Api,
        ) else {
            panic!("an http base off loopback was taken");
        };
        let shown = error.to_string();
        assert!(shown.contains("example.com"), "{shown}");
        assert!(!shown.contains("s3cret"), "{shown}");
    }

    #[test]
    fn a_refused_url_is_shown_bounded_and_redacted() {
        let base = BaseUrl::parse("http://127.0.0.1:8080/v1", UrlRole::Api).unwrap();
        let long = "x".repeat(300);
        let hostile = format!(
            "https://user:s3cret@evil.example/v1/{long}?pass=s3cret&access_token=s3cret&offset=20#s3cret"
        );
        let Err(Error::UntrustedUrl { url }) = base.relative_or_refuse(&hostile) else {
            panic!("{hostile} was followed");
        };
        assert!(!url.contains("s3cret"), "{url}");
        assert!(
            url.starts_with("https://user:redacted@evil.example/v1/xxx"),
            "{url}"
        );
        assert_eq!(url.chars().count(), 200, "{url}");
        let Err(Error::UntrustedUrl { url }) =
            base.relative_or_refuse("https://evil.example/v1/a?refresh_token=s3cret&limit=2")
        else {
            panic!("followed");
        };
        assert_eq!(
            url,
            "https://evil.example/v1/a?refresh_token=redacted&limit=2"
        );
        // Within the 200 characters, a password-like parameter and the fragment are hidden.
        let Err(Error::UntrustedUrl { url }) =
            base.relative_or_refuse("https://evil.example/v1/a?pass=s3cret&offset=20#s3cret")
        else {
            panic!("followed");
        };
        assert!(!url.contains("s3cret"), "{url}");
        assert!(url.contains("offset=20"), "{url}");
        let (path, _) = base
            .relative_or_refuse("http://127.0.0.1:8080/v1/albums/x/tracks?offset=20")
            .unwrap();
        assert_eq!(path, "/albums/x/tracks");
    }
}
