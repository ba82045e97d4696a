//! Browse categories: [`Category`] (`CategoryObject`), from `GET /browse/categories/{id}` and
//! listed by `GET /browse/categories` (both removed for development-mode apps in 2026-02).

use crate::lenient::model;

use super::image::Image;

model! {
    /// A category used to tag items in Spotify, as shown in the Browse tab (`CategoryObject`).
    pub struct Category {
        /// The Web API URL of the category.
        pub href: String,
        /// The category's icon in various sizes, widest first; empty if Spotify sends none.
        pub icons: Vec<Image>,
        /// The category ID: a readable name (`party`) or an opaque base62 ID
        /// (`0JQ5DAqbMKFDXXwE9BDJAr`), so untyped.
        pub id: String,
        /// The name of the category, in the requested locale; empty if Spotify sends none.
        pub name: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_with_unsized_icons_deserializes() {
        let category: Category = serde_json::from_str(
            r#"{"href":"https://api.spotify.com/v1/browse/categories/0JQ5DAqbMKFDXXwE9BDJAr",
                "icons":[{"url":"https://t.scdn.co/images/x.jpg","height":null,"width":null}],
                "id":"0JQ5DAqbMKFDXXwE9BDJAr","name":"Rock"}"#,
        )
        .unwrap();
        assert_eq!(category.id, "0JQ5DAqbMKFDXXwE9BDJAr");
        assert_eq!(category.icons[0].height, None);
        assert_eq!(category.name, "Rock");
    }
}
