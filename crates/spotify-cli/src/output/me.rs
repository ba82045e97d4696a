//! The logged-in user's profile.

use std::io::Write;

use spotify_web_api::model::PrivateUser;

use super::{Details, thousands};

/// The profile as a block: the display name, then the ID, e-mail, country, product, followers
/// and URI. A development-mode app gets no e-mail, country, product or followers since 2026-02:
/// those lines are left out.
pub(crate) fn profile(out: &mut dyn Write, u: &PrivateUser, width: usize) -> anyhow::Result<()> {
    Details::new(u.display_name.as_deref().unwrap_or(u.id.as_str()))
        .field("id", u.id.as_str())
        .field_opt("email", u.email.as_deref())
        .field_opt("country", u.country.as_deref())
        .field_opt("product", u.product.as_ref().map(ToString::to_string))
        .field_opt(
            "followers",
            u.followers.as_ref().map(|f| thousands(f.total)),
        )
        .field("uri", &u.uri)
        .print(out, width)
}
