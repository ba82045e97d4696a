//! Paging objects: [`Page`] (offset paging, `PagingObject` and its `Paging*Object` forms) and
//! [`CursorPage`] (cursor paging, `CursorPagingObject`, used by followed artists and recently
//! played tracks).
//!
//! These are the bodies of one page; following `next` is the job of the paging module.

use crate::lenient::model;

model! {
    /// One page of an offset-paged list (`PagingObject`), e.g. an album's tracks or search results.
    ///
    /// Iterate it by value or by reference to get its items.
    pub struct Page<T> {
        /// The Web API URL of this page, as re-serialised by Spotify; empty if Spotify sends none.
        pub href: String,
        /// The items of this page. An item Spotify sends as `null` (its placeholder for
        /// content it hides, e.g. editorial playlists in `GET /me/playlists`) is left out.
        pub items: Vec<T>,
        /// The maximum number of items in the page, as requested or by default.
        pub limit: u32,
        /// The URL of the next page; `None` on the last page.
        pub next: Option<String>,
        /// The offset of the first item of this page; 0 if Spotify leaves it out (some `/me/top`
        /// bodies do).
        pub offset: u32,
        /// The URL of the previous page; `None` on the first page.
        pub previous: Option<String>,
        /// The total number of items available across all pages.
        pub total: u32,
    }
}

impl<T> Page<T> {
    /// Whether there is a page after this one (`next` is set).
    pub fn has_next(&self) -> bool {
        self.next.is_some()
    }

    /// Whether there is a page before this one (`previous` is set).
    pub fn has_previous(&self) -> bool {
        self.previous.is_some()
    }

    /// The number of items on this page (not the `total`).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether this page holds no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Iterates over the items of this page by reference.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Page<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

model! {
    /// The cursors of a [`CursorPage`] (`CursorObject`).
    pub struct Cursors {
        /// The key for the next page: the last artist ID for followed artists, a Unix time in
        /// milliseconds (as a string) for recently played tracks. `null` on the last page.
        pub after: Option<String>,
        /// The key for the previous page; recently played tracks only.
        pub before: Option<String>,
    }
}

model! {
    /// One page of a cursor-paged list (`CursorPagingObject`): followed artists, recently played
    /// tracks.
    ///
    /// Iterate it by value or by reference to get its items.
    pub struct CursorPage<T> {
        /// The Web API URL of this page; empty if Spotify sends none.
        pub href: String,
        /// The items of this page.
        pub items: Vec<T>,
        /// The maximum number of items in the page, as requested or by default.
        pub limit: u32,
        /// The URL of the next page; `None` on the last page (real bodies send `null`, which the spec
        /// does not allow).
        pub next: Option<String>,
        /// The cursors to find the next and previous pages; empty if Spotify sends none.
        pub cursors: Cursors,
        /// The total number of items; recently played tracks usually leave it out.
        pub total: Option<u32>,
    }
}

impl<T> CursorPage<T> {
    /// Whether there is a page after this one (`next` is set).
    pub fn has_next(&self) -> bool {
        self.next.is_some()
    }

    /// The number of items on this page (not the `total`).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether this page holds no items.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Iterates over the items of this page by reference.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
}

impl<T> IntoIterator for CursorPage<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a CursorPage<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_iterates_by_value_and_by_reference() {
        let page: Page<u32> = serde_json::from_str(
            r#"{"href":"h","items":[1,2,3],"limit":3,"next":"n","offset":0,"previous":null,"total":9}"#,
        )
        .unwrap();
        assert!(page.has_next());
        assert!(!page.has_previous());
        assert_eq!(page.len(), 3);
        let by_ref: Vec<&u32> = (&page).into_iter().collect();
        assert_eq!(by_ref, [&1, &2, &3]);
        let mut sum = 0;
        for item in &page {
            sum += item;
        }
        assert_eq!(sum, 6);
        let by_value: Vec<u32> = page.into_iter().collect();
        assert_eq!(by_value, [1, 2, 3]);
    }

    #[test]
    fn page_tolerates_nulls_and_missing_fields() {
        let page: Page<u32> =
            serde_json::from_str(r#"{"href":null,"items":null,"total":null}"#).unwrap();
        assert_eq!(page, Page::default());
        assert!(!page.has_next());
        assert!(page.is_empty());
    }

    #[test]
    fn cursor_page_tolerates_null_cursors_and_missing_total() {
        let page: CursorPage<String> = serde_json::from_str(
            r#"{"href":"h","items":["a"],"limit":20,"next":null,"cursors":{"after":null}}"#,
        )
        .unwrap();
        assert_eq!(page.cursors.after, None);
        assert_eq!(page.total, None);
        assert!(!page.has_next());
        assert_eq!((&page).into_iter().count(), 1);
        let page: CursorPage<String> =
            serde_json::from_str(r#"{"items":[],"cursors":null}"#).unwrap();
        assert_eq!(page.cursors, Cursors::default());
    }
}
