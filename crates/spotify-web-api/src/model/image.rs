//! Images: cover art, artist pictures, profile pictures (`ImageObject`).

use crate::lenient::model;

model! {
    /// An image hosted by Spotify (`ImageObject`).
    ///
    /// Lists of images come widest first. Real bodies sometimes leave out `height` and `width` or send
    /// them as `null`, e.g. for playlist covers (SPEC-GAPS.md).
    pub struct Image {
        /// The source URL of the image.
        pub url: String,
        /// The image height in pixels; `None` when unknown.
        pub height: Option<u32>,
        /// The image width in pixels; `None` when unknown.
        pub width: Option<u32>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_may_be_null_or_missing() {
        let image: Image =
            serde_json::from_str(r#"{"url":"u","height":null,"width":null}"#).unwrap();
        assert_eq!((image.height, image.width), (None, None));
        let image: Image = serde_json::from_str(r#"{"url":"u"}"#).unwrap();
        assert_eq!((image.height, image.width), (None, None));
        let image: Image = serde_json::from_str(r#"{"url":"u","height":640,"width":300}"#).unwrap();
        assert_eq!((image.height, image.width), (Some(640), Some(300)));
    }
}
