//! Uploaded images (playlist covers), served back at `GET /image/{id}` as Spotify serves its
//! covers from its image CDN. Content-addressed: the id is derived from the bytes, so the same
//! image uploaded twice is stored once. Emptied on reset.

use std::collections::{BTreeMap, HashMap};
use std::sync::RwLock;

use axum::body::Bytes;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use super::{read, write};

/// The prefix of Spotify's ids of custom playlist covers (`ab67706c0000...`).
const COVER_PREFIX: &str = "ab67706c0000da84";

/// Uploaded images by id.
#[derive(Debug, Default)]
pub(crate) struct ImageStore {
    images: RwLock<HashMap<String, Bytes>>,
}

impl ImageStore {
    /// Stores a JPEG image; returns its id (40 hex digits, as Spotify's image ids).
    pub(crate) fn put(&self, jpeg: Bytes) -> String {
        let digest = Sha256::digest(&jpeg);
        let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
        let id = format!("{COVER_PREFIX}{hex}");
        write(&self.images).insert(id.clone(), jpeg);
        id
    }

    /// The image with this id.
    pub(crate) fn get(&self, id: &str) -> Option<Bytes> {
        read(&self.images).get(id).cloned()
    }

    /// Forgets every image (reset).
    pub(crate) fn clear(&self) {
        write(&self.images).clear();
    }

    /// Every image, by id, its bytes in standard base64 (for a state file).
    pub(crate) fn to_saved(&self) -> BTreeMap<String, String> {
        read(&self.images)
            .iter()
            .map(|(id, bytes)| (id.clone(), STANDARD.encode(bytes)))
            .collect()
    }

    /// Puts back the images a state file kept; an error names one that is not base64.
    pub(crate) fn restore(&self, saved: BTreeMap<String, String>) -> Result<(), String> {
        let mut images = write(&self.images);
        for (id, text) in saved {
            let bytes = STANDARD
                .decode(text)
                .map_err(|error| format!("image {id}: {error}"))?;
            images.insert(id, Bytes::from(bytes));
        }
        Ok(())
    }
}

/// The width and height of a JPEG image, from its first start-of-frame marker; `None` if the
/// bytes are not a JPEG with one.
pub(crate) fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
        let start_of_frame =
            (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if start_of_frame {
            let frame = bytes.get(at + 5..at + 9)?;
            let height = u32::from(u16::from_be_bytes([frame[0], frame[1]]));
            let width = u32::from(u16::from_be_bytes([frame[2], frame[3]]));
            return Some((width, height));
        }
        if length < 2 {
            return None;
        }
        at += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest JPEG header with a 640x480 frame.
    const TINY: &[u8] = &[
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, // SOI, APP0 (length 4)
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x01, 0xE0, 0x02, 0x80, 0x01, 0x01, 0x11, 0x00, // SOF0
        0xFF, 0xD9,
    ];

    #[test]
    fn size_of_a_jpeg_and_of_garbage() {
        assert_eq!(jpeg_size(TINY), Some((640, 480)));
        assert_eq!(jpeg_size(b"GIF89a"), None);
        assert_eq!(jpeg_size(&[0xFF, 0xD8, 0xFF]), None);
        assert_eq!(jpeg_size(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00]), None);
        assert_eq!(jpeg_size(&TINY[..12]), None);
    }

    #[test]
    fn images_are_content_addressed() {
        let store = ImageStore::default();
        let id = store.put(Bytes::from_static(TINY));
        assert_eq!(id.len(), 40);
        assert_eq!(store.put(Bytes::from_static(TINY)), id);
        assert_eq!(store.get(&id).as_deref(), Some(TINY));
        store.clear();
        assert!(store.get(&id).is_none());
    }
}
