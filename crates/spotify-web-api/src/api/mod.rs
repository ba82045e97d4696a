//! The Web API's operations, one file per area (the spec's first tag).
//!
//! Every operation is a method of [`SpotifyWebApi`](crate::SpotifyWebApi) that takes the
//! required arguments and returns a builder. Optional parameters are builder methods, and
//! `.await` sends the request through the client's one pipeline.

pub mod player;
pub mod tracks;
pub mod users;

/// Implements `IntoFuture` for a builder that has `api: SpotifyWebApi` and
/// `fn into_request(self) -> Result<ApiRequest>`.
macro_rules! impl_into_future {
    ($builder:ident => $output:ty) => {
        impl ::std::future::IntoFuture for $builder {
            type Output = $crate::Result<$output>;
            type IntoFuture = ::std::pin::Pin<
                Box<dyn ::std::future::Future<Output = Self::Output> + Send + 'static>,
            >;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(async move {
                    let api = self.api.clone();
                    let request = self.into_request()?;
                    api.execute(request).await
                })
            }
        }
    };
}
pub(crate) use impl_into_future;
