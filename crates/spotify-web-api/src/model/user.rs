//! Users: [`PrivateUser`] (`PrivateUserObject`, the current user from `GET /me`) and
//! [`PublicUser`] (`PublicUserObject`, any user's public profile and playlist owners).

use crate::id::UserId;
use crate::lenient::model;

use super::common::{ExternalUrls, Followers, ItemType, string_enum};
use super::image::Image;

string_enum! {
    /// A user's subscription level (`product`).
    pub enum Product {
        /// `premium`.
        Premium = "premium",
        /// `free`.
        Free = "free",
        /// `open`: the same as free.
        Open = "open",
    }
}

model! {
    /// A user's explicit-content settings (`ExplicitContentSettingsObject`).
    pub struct ExplicitContent {
        /// When `true`, explicit content should not be played.
        pub filter_enabled: bool,
        /// When `true`, the setting is locked and the user cannot change it.
        pub filter_locked: bool,
    }
}

model! {
    /// The current user's profile (`PrivateUserObject`), from `GET /me`.
    ///
    /// Spotify removed `country`, `email`, `explicit_content`, `followers` and `product` for
    /// development-mode apps in 2026-02; they are also missing without the `user-read-private` and
    /// `user-read-email` scopes. All of them are `None` then.
    pub struct PrivateUser {
        /// A public, immutable, pseudonymous account ID, for account linking in place of `id`.
        /// Added by Spotify in 2026-05: `None` in older bodies.
        pub account_id: Option<String>,
        /// The user's country, an ISO 3166-1 alpha-2 code. Needs `user-read-private`; deprecated, and
        /// removed for development-mode apps in 2026-02.
        pub country: Option<String>,
        /// The name displayed on the profile; `None` if not available (real bodies send `null`).
        pub display_name: Option<String>,
        /// The user's e-mail address, unverified. Needs `user-read-email`; deprecated, and removed for
        /// development-mode apps in 2026-02.
        pub email: Option<String>,
        /// The user's explicit-content settings. Needs `user-read-private`; deprecated, and removed
        /// for development-mode apps in 2026-02.
        pub explicit_content: Option<ExplicitContent>,
        /// Known external URLs of the user.
        pub external_urls: ExternalUrls,
        /// Information about the followers of the user. Deprecated, and removed for
        /// development-mode apps in 2026-02.
        pub followers: Option<Followers>,
        /// The Web API URL of the user.
        pub href: String,
        /// The Spotify user ID. It can change; link accounts with `account_id` instead.
        pub id: UserId,
        /// The user's profile images; empty if none.
        pub images: Vec<Image>,
        /// The user's subscription level. Needs `user-read-private`; deprecated, and removed for
        /// development-mode apps in 2026-02.
        pub product: Option<Product>,
        /// The object type: `user`.
        #[json = "type"]
        pub kind: ItemType = ItemType::User,
        /// The Spotify URI of the user (`spotify:user:...`).
        pub uri: String,
    }
}

model! {
    /// A user's public profile (`PublicUserObject`), from `GET /users/{id}` and as a playlist owner.
    pub struct PublicUser {
        /// The name displayed on the profile; `None` if not available.
        pub display_name: Option<String>,
        /// Known public external URLs of the user.
        pub external_urls: ExternalUrls,
        /// Information about the followers of the user. Dropped from the spec in 2025-04 and removed
        /// for development-mode apps in 2026-02; absent from playlist owners.
        pub followers: Option<Followers>,
        /// The Web API URL of the user.
        pub href: String,
        /// The Spotify user ID.
        pub id: UserId,
        /// The user's profile images; empty if none, or left out (playlist owners).
        pub images: Vec<Image>,
        /// The object type: `user`.
        #[json = "type"]
        pub kind: ItemType = ItemType::User,
        /// The Spotify URI of the user (`spotify:user:...`).
        pub uri: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_user_with_all_fields_deserializes() {
        let user: PrivateUser = serde_json::from_str(
            r#"{"account_id":"aB3dE5fG7h","country":"SE","display_name":"JM Wizzler",
                "email":"email@example.com","explicit_content":{"filter_enabled":false,"filter_locked":false},
                "external_urls":{"spotify":"https://open.spotify.com/user/wizzler"},
                "followers":{"href":null,"total":3829},"href":"https://api.spotify.com/v1/users/wizzler",
                "id":"wizzler","images":[{"height":null,"url":"https://i.scdn.co/image/x","width":null}],
                "product":"premium","type":"user","uri":"spotify:user:wizzler"}"#,
        )
        .unwrap();
        assert_eq!(user.account_id.as_deref(), Some("aB3dE5fG7h"));
        assert_eq!(user.product, Some(Product::Premium));
        assert_eq!(user.followers.map(|f| f.total), Some(3829));
        assert_eq!(user.explicit_content, Some(ExplicitContent::default()));
    }

    #[test]
    fn dev_mode_private_user_without_removed_fields_deserializes() {
        let user: PrivateUser = serde_json::from_str(
            r#"{"display_name":null,"external_urls":{"spotify":"https://open.spotify.com/user/u"},
                "href":"https://api.spotify.com/v1/users/u","id":"u","images":[],"type":"user",
                "uri":"spotify:user:u"}"#,
        )
        .unwrap();
        assert_eq!(user.display_name, None);
        assert_eq!(user.country, None);
        assert_eq!(user.email, None);
        assert_eq!(user.product, None);
        assert_eq!(user.account_id, None);
    }

    #[test]
    fn unknown_product_survives_a_round_trip() {
        let user: PrivateUser =
            serde_json::from_str(r#"{"id":"u","product":"family","type":"user"}"#).unwrap();
        assert_eq!(user.product, Some(Product::Unknown("family".into())));
        assert_eq!(serde_json::to_value(&user).unwrap()["product"], "family");
    }

    #[test]
    fn playlist_owner_without_images_deserializes() {
        let owner: PublicUser = serde_json::from_str(
            r#"{"display_name":"Spotify","external_urls":{"spotify":"https://open.spotify.com/user/spotify"},
                "href":"https://api.spotify.com/v1/users/spotify","id":"spotify","type":"user",
                "uri":"spotify:user:spotify"}"#,
        )
        .unwrap();
        assert_eq!(owner.display_name.as_deref(), Some("Spotify"));
        assert!(owner.images.is_empty());
        assert_eq!(owner.followers, None);
    }
}
