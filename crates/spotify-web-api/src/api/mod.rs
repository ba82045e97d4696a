//! The Web API's operations, one file per area (the spec's first tag).
//!
//! Every operation is a method of [`SpotifyWebApi`](crate::SpotifyWebApi) that takes the
//! required arguments and returns a builder. Optional parameters are builder methods, and
//! `.await` sends the request through the client's one pipeline.

pub mod albums;
pub mod artists;
pub mod audiobooks;
pub mod categories;
pub mod chapters;
pub mod episodes;
pub mod follows;
pub mod genres;
pub mod library;
pub mod markets;
pub mod my_playlists;
pub mod player;
pub mod playlist_items;
pub mod playlists;
pub mod recommendations;
pub mod search;
pub mod shows;
pub mod tracks;
pub mod users;

/// Implements `IntoFuture` (and, for lists, `stream` and `fetch_all`) for a builder that has
/// `api: SpotifyWebApi` and `fn into_request(self) -> Result<ApiRequest>` (or, for a
/// multi-get, `fn into_multi_get(self) -> Result<MultiGet>`).
///
/// - `Builder => Output`: `.await` sends one request and decodes `Output`.
/// - `Builder => ()`: `.await` sends one request; any success (200, 202, 204) is `Ok(())`,
///   whatever its body (a command's answer has nothing to read).
/// - `Builder => Output, in "key"`: the same for a body that is an envelope of one list
///   (`{"tracks": [...]}`): `Output` is read from the member `key`.
/// - `Builder => page Item`: `.await` gives one `Page<Item>`; `stream()` every item, page after
///   page; `fetch_all()` every item, pages fetched concurrently. `page Item, in "key"` when the
///   page comes wrapped (`{"albums": {...}}`).
/// - `Builder => cursor Item`: the same for a `CursorPage<Item>` (no `fetch_all`: cursors are
///   sequential).
/// - `Builder => several Item`: `.await` gives `Vec<Option<Item>>`, one per ID in order, split
///   into chunks or single gets as the app's quota mode allows.
/// - `Builder => list Item`: `.await` gives `Vec<Item>` from a top-level JSON array, decoded
///   leniently (elements of the wrong kind left out, `null` an empty list).
/// - `Builder => batches`: a playlist write of any size, from
///   `fn into_batches(self) -> Result<Batches>`: `.await` sends the batches in order and gives
///   the playlist's last [`SnapshotId`](crate::model::SnapshotId), or says what was written
///   ([`Error::PartialWrite`](crate::Error::PartialWrite)).
/// - `Builder => library write`, `library contains`, `library contains one`: for a builder
///   with `fn into_library_call(self) -> Result<LibraryCall>` (saving, removing, following,
///   checking: batched, per type or through `/me/library` as the app's quota mode allows);
///   `.await` gives `()`, `Vec<bool>` (one per item, in order) or one `bool`.
///
/// With the `blocking` feature, each builder also gets `send()` (what `.await` gives, without
/// async code), each `stream()` an `iter()` and each `fetch_all()` a `send_all()`: see
/// [`blocking`](crate::blocking).
macro_rules! impl_into_future {
    ($builder:ident => page $item:ty $(, in $key:literal)?) => {
        $crate::api::impl_into_future!(@future $builder => $crate::model::Page<$item>, into_request, |api, request| async move {
            api.fetch_page::<$crate::model::Page<$item>>(request?, $crate::api::impl_into_future!(@key $($key)?)).await
        });

        impl $builder {
            /// Every item of the list, page after page (each page fetched when the previous one
            /// is used up, at the largest page size unless `limit` was set).
            pub fn stream(self) -> $crate::PageStream<$item> {
                let api = self.api.clone();
                let request = self.into_request().map($crate::api::full_pages);
                $crate::PageStream::new::<$crate::model::Page<$item>>(
                    api,
                    request,
                    $crate::api::impl_into_future!(@key $($key)?),
                )
            }

            /// Every item of the list: the first page tells the total, and the other pages are
            /// fetched concurrently (a few at a time), items in order.
            pub fn fetch_all(
                self,
            ) -> impl ::std::future::Future<Output = $crate::Result<Vec<$item>>> + Send + 'static {
                let api = self.api.clone();
                let request = self.into_request();
                async move {
                    api.fetch_all::<$item>(request, $crate::api::impl_into_future!(@key $($key)?)).await
                }
            }
        }

        $crate::api::impl_into_future!(@blocking stream $builder => $item);
        #[cfg(feature = "blocking")]
        impl $builder {
            /// The blocking form of `fetch_all` (feature `blocking`): every item of the list,
            /// the other pages fetched concurrently, items in order.
            ///
            /// # Panics
            ///
            /// When called from async code (see [`blocking`](crate::blocking)).
            pub fn send_all(self) -> $crate::Result<Vec<$item>> {
                let api = self.api.clone();
                $crate::blocking::wait(&api, self.fetch_all())
            }
        }
    };
    ($builder:ident => cursor $item:ty $(, in $key:literal)?) => {
        $crate::api::impl_into_future!(@future $builder => $crate::model::CursorPage<$item>, into_request, |api, request| async move {
            api.fetch_page::<$crate::model::CursorPage<$item>>(request?, $crate::api::impl_into_future!(@key $($key)?)).await
        });

        impl $builder {
            /// Every item of the list, page after page, following the cursors.
            pub fn stream(self) -> $crate::PageStream<$item> {
                let api = self.api.clone();
                let request = self.into_request().map($crate::api::full_pages);
                $crate::PageStream::new::<$crate::model::CursorPage<$item>>(
                    api,
                    request,
                    $crate::api::impl_into_future!(@key $($key)?),
                )
            }
        }

        $crate::api::impl_into_future!(@blocking stream $builder => $item);
    };
    ($builder:ident => list $item:ty) => {
        $crate::api::impl_into_future!(@future $builder => Vec<$item>, into_request, |api, request| async move {
            api.execute_list::<$item>(request?).await
        });
    };
    ($builder:ident => several $item:ty) => {
        $crate::api::impl_into_future!(@future $builder => Vec<Option<$item>>, into_multi_get, |api, request| async move {
            api.multi_get::<$item>(request?).await
        });
    };
    ($builder:ident => batches) => {
        $crate::api::impl_into_future!(@future $builder => $crate::model::SnapshotId, into_batches, |api, batches| async move {
            api.write_batches(batches?).await
        });
    };
    ($builder:ident => ()) => {
        $crate::api::impl_into_future!(@future $builder => (), into_request, |api, request| async move {
            api.execute_raw(&request?).await.map(drop)
        });
    };
    ($builder:ident => library write) => {
        $crate::api::impl_into_future!(@future $builder => (), into_library_call, |api, call| async move {
            api.library_write(call?).await
        });
    };
    ($builder:ident => library contains one) => {
        $crate::api::impl_into_future!(@future $builder => bool, into_library_call, |api, call| async move {
            api.library_contains_one(call?).await
        });
    };
    ($builder:ident => library contains) => {
        $crate::api::impl_into_future!(@future $builder => Vec<bool>, into_library_call, |api, call| async move {
            api.library_contains(call?).await
        });
    };
    ($builder:ident => $output:ty, in $key:literal) => {
        $crate::api::impl_into_future!(@future $builder => $output, into_request, |api, request| async move {
            api.fetch_member::<$output>(request?, $key).await
        });
    };
    ($builder:ident => $output:ty) => {
        $crate::api::impl_into_future!(@future $builder => $output, into_request, |api, request| async move {
            api.execute::<$output>(request?).await
        });
    };
    // The one place an operation becomes awaitable, and blocking (`send`) with it.
    (@future $builder:ident => $output:ty, $prepare:ident, |$api:ident, $request:ident| $body:expr) => {
        impl ::std::future::IntoFuture for $builder {
            type Output = $crate::Result<$output>;
            type IntoFuture = ::std::pin::Pin<
                Box<dyn ::std::future::Future<Output = Self::Output> + Send + 'static>,
            >;

            fn into_future(self) -> Self::IntoFuture {
                let $api = self.api.clone();
                let $request = self.$prepare();
                Box::pin($body)
            }
        }

        #[cfg(feature = "blocking")]
        impl $builder {
            /// Sends the request and waits for the answer, without async code (feature
            /// `blocking`): the same result as `.await`, through the same client.
            ///
            /// # Panics
            ///
            /// When called from async code (see [`blocking`](crate::blocking)).
            pub fn send(self) -> $crate::Result<$output> {
                let api = self.api.clone();
                $crate::blocking::wait(&api, ::std::future::IntoFuture::into_future(self))
            }
        }
    };
    // The blocking form of `stream`: an `Iterator`.
    (@blocking stream $builder:ident => $item:ty) => {
        #[cfg(feature = "blocking")]
        impl $builder {
            /// The blocking form of `stream` (feature `blocking`): every item of the list, page
            /// after page, each page fetched when the previous one is used up.
            ///
            /// # Panics
            ///
            /// `next` panics when called from async code (see [`blocking`](crate::blocking)).
            pub fn iter(self) -> $crate::blocking::Iter<$item> {
                let api = self.api.clone();
                $crate::blocking::Iter::new(&api, self.stream())
            }
        }
    };
    (@key $key:literal) => {
        Some($key)
    };
    (@key) => {
        None
    };
}
pub(crate) use impl_into_future;

/// An operation's path from its pieces (string literals, IDs, anything `AsRef<str>`), in one
/// allocation of exactly its length: `api_path!("/albums/", id, "/tracks")`. Cheaper than
/// `format!`, which grows its string as it writes and goes through the formatting machinery.
macro_rules! api_path {
    ($($piece:expr),+ $(,)?) => {
        [$(::std::convert::AsRef::<str>::as_ref(&$piece)),+].concat()
    };
}
pub(crate) use api_path;

/// For a stream: pages of the largest size, unless the caller set a `limit`.
pub(crate) fn full_pages(mut request: crate::http::ApiRequest) -> crate::http::ApiRequest {
    if request.query_value("limit").is_none()
        && let Some(bounds) = request.paging
    {
        request.set_query("limit", bounds.max_limit);
    }
    request
}

/// Parses a list of items of several kinds (playable items, contexts, library items, artists
/// or users); the first bad one is the error.
pub(crate) fn items<T, I>(items: I) -> crate::Result<Vec<T>>
where
    I: IntoIterator,
    I::Item: crate::id::IntoItem<T>,
{
    items
        .into_iter()
        .map(crate::id::IntoItem::into_item)
        .collect()
}

/// Parses a list of IDs; the first bad one is the error.
pub(crate) fn ids<T, I>(items: I) -> crate::Result<Vec<T>>
where
    T: crate::id::Id,
    I: IntoIterator,
    I::Item: crate::id::IntoId<T>,
{
    items.into_iter().map(crate::id::IntoId::into_id).collect()
}
