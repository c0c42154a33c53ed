//! Static files from `assets/`, embedded in the binary so one file is the whole install.

use std::sync::OnceLock;

use crate::domain::token::hash_token;

pub struct Asset {
    pub name: &'static str,
    pub content_type: &'static str,
    pub bytes: &'static [u8],
}

pub const ASSETS: &[Asset] = &[
    Asset {
        name: "style.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../assets/style.css"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../assets/favicon.svg"),
    },
    Asset {
        name: CARD_IMAGE,
        content_type: "image/png",
        bytes: include_bytes!("../assets/card.png"),
    },
];

/// The preview image of shared links (groups have no banner of their own).
pub const CARD_IMAGE: &str = "card.png";
/// Its width and height in pixels, the size link previews expect.
pub const CARD_IMAGE_SIZE: (u32, u32) = (1200, 630);

pub fn find(name: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.name == name)
}

/// A short fingerprint of all assets: pages link `?v=` it, so a new release is never served stale.
pub fn version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let joined: Vec<u8> = ASSETS
            .iter()
            .flat_map(|a| a.bytes.iter().copied())
            .collect();
        hash_token(&String::from_utf8_lossy(&joined))[..12].to_string()
    })
}
