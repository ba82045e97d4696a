//! Categories (Spotify's Browse tab):
//!
//! - `get-categories` (`GET /browse/categories`): [`SpotifyWebApi::get_categories_list`];
//! - `get-a-category` (`GET /browse/categories/{category_id}`): [`SpotifyWebApi::get_category`].
//!
//! Both were removed for development-mode apps on 2026-02-08, with no replacement.

use crate::api::api_path;
use crate::api::impl_into_future;
use crate::client::SpotifyWebApi;
use crate::error::{ArgumentProblem, Error, Result};
use crate::http::{ApiRequest, PageBounds};
use crate::model::Category;
use crate::paging::PageQuery;
use crate::quota::Removal;

/// # Categories
impl SpotifyWebApi {
    /// Get the categories of Spotify's Browse tab, one page at a time.
    ///
    /// Spec: `get-categories` · `GET /browse/categories` · scopes: none · extended quota
    /// only.
    ///
    /// ```no_run
    /// # #[allow(deprecated)]
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// for category in api.get_categories_list().locale("sv_SE").limit(50).await? {
    ///     println!("{}: {}", category.id, category.name);
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EndpointRemoved`] for a development-mode app: Spotify removed the endpoint for
    /// them in 2026-02, with no replacement.
    #[deprecated(
        since = "0.1.0",
        note = "removed for development-mode apps on 2026-02-08, with no replacement; extended-quota apps still have it"
    )]
    pub fn get_categories_list(&self) -> GetCategoriesList {
        GetCategoriesList {
            api: self.clone(),
            locale: None,
            page: PageQuery::default(),
        }
    }

    /// Get one category of Spotify's Browse tab by its ID (`party`, `0JQ5DAqbMKFDXXwE9BDJAr`).
    ///
    /// Spec: `get-a-category` · `GET /browse/categories/{category_id}` · scopes: none ·
    /// extended quota only.
    ///
    /// ```no_run
    /// # #[allow(deprecated)]
    /// # async fn f(api: spotify_web_api::SpotifyWebApi) -> spotify_web_api::Result<()> {
    /// let party = api.get_category("party").locale("es_MX").await?;
    /// println!("{}", party.name);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] before sending for an empty ID;
    /// [`Error::EndpointRemoved`] for a development-mode app (removed in 2026-02, with no
    /// replacement); [`Error::Api`] 404 for a category Spotify does not have.
    #[deprecated(
        since = "0.1.0",
        note = "removed for development-mode apps on 2026-02-08, with no replacement; extended-quota apps still have it"
    )]
    pub fn get_category(&self, category: impl Into<String>) -> GetCategory {
        GetCategory {
            api: self.clone(),
            id: category.into(),
            locale: None,
        }
    }
}

/// Builder for [`SpotifyWebApi::get_categories_list`]; `.await` returns
/// `Result<Page<Category>>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetCategoriesList {
    api: SpotifyWebApi,
    locale: Option<String>,
    page: PageQuery,
}

impl GetCategoriesList {
    /// The language of the names: an ISO 639-1 language code and an ISO 3166-1 alpha-2
    /// country code joined by an underscore (`sv_SE`). Default: Spotify's default language
    /// (American English), which is also what a language Spotify lacks gives.
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// Categories per page, 1..=50. Default: 20.
    pub fn limit(mut self, limit: u32) -> Self {
        self.page.limit = Some(limit);
        self
    }

    /// The index of the first category. Default: 0.
    pub fn offset(mut self, offset: u32) -> Self {
        self.page.offset = Some(offset);
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        let request = ApiRequest::get("/browse/categories")
            .removed(Removal::feb_2026("get-categories"))
            .query("locale", self.locale);
        self.page.apply(request, PageBounds::DEFAULT)
    }
}

impl_into_future!(GetCategoriesList => page Category, in "categories");

/// Builder for [`SpotifyWebApi::get_category`]; `.await` returns `Result<Category>`.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetCategory {
    api: SpotifyWebApi,
    id: String,
    locale: Option<String>,
}

impl GetCategory {
    /// The language of the name, as for [`GetCategoriesList::locale`]. Default: Spotify's
    /// default language.
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    fn into_request(self) -> Result<ApiRequest> {
        if self.id.is_empty() {
            return Err(Error::InvalidArgument {
                name: "category_id",
                problem: ArgumentProblem::Empty,
            });
        }
        Ok(
            ApiRequest::get(api_path!("/browse/categories/", path_segment(&self.id)))
                .removed(Removal::feb_2026("get-a-category"))
                .query("locale", self.locale),
        )
    }
}

impl_into_future!(GetCategory => Category);

/// `id` percent-encoded as one path segment: category IDs are free text to the caller, and a
/// `/` or `?` in one must not change the request.
fn path_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
#[allow(deprecated)]
mod tests {
    use super::*;
    use crate::http::Method;

    #[test]
    fn categories_request_is_paged_and_removed_in_2026() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_categories_list()
            .locale("sv_SE")
            .limit(50)
            .offset(3)
            .into_request()
            .unwrap();
        assert_eq!(
            (req.method, req.path.as_str()),
            (Method::Get, "/browse/categories")
        );
        assert_eq!(
            req.query_pairs(),
            [("locale", "sv_SE"), ("limit", "50"), ("offset", "3")]
        );
        assert_eq!(req.removal.map(|r| r.operation), Some("get-categories"));
        assert!(api.get_categories_list().limit(51).into_request().is_err());
    }

    #[test]
    fn category_request_encodes_its_id() {
        let api = SpotifyWebApi::new();
        let req = api
            .get_category("party")
            .locale("es_MX")
            .into_request()
            .unwrap();
        assert_eq!(req.path, "/browse/categories/party");
        assert_eq!(req.query_pairs(), [("locale", "es_MX")]);
        assert_eq!(req.removal.map(|r| r.operation), Some("get-a-category"));
        let req = api.get_category("a/b?c é").into_request().unwrap();
        assert_eq!(req.path, "/browse/categories/a%2Fb%3Fc%20%C3%A9");
        assert!(matches!(
            api.get_category("").into_request(),
            Err(Error::InvalidArgument {
                name: "category_id",
                problem: ArgumentProblem::Empty
            })
        ));
    }
}
