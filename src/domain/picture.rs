//! Pictures people upload (a group's banner, a sponsor's logo): PNG, JPEG or WebP up to
//! [`MAX_UPLOAD_BYTES`], decoded, shrunk to fit their place and encoded again by the server, so
//! that nothing of the uploaded file but its pixels is kept (no EXIF, no GPS position, no
//! comment), and a crafted file is never served as it came.

use std::io::Cursor;

use ::image::codecs::jpeg::JpegEncoder;
use ::image::codecs::png::PngEncoder;
use ::image::imageops::FilterType;
use ::image::{DynamicImage, ImageEncoder, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};

use super::token::to_hex;

/// The largest upload read as a picture (2 MiB); a larger one is refused.
pub const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024;
/// A decoded picture may not be larger than this on either side (a small file may unpack to a
/// huge bitmap).
const MAX_SIDE: u32 = 8192;
/// Memory the decoder may take for one picture.
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
/// JPEG quality of what is served.
const JPEG_QUALITY: u8 = 85;

/// The box a picture is shrunk into, keeping its proportions (never enlarged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    pub width: u32,
    pub height: u32,
}

/// A group's banner: the size of a link preview card.
pub const BANNER: Fit = Fit {
    width: 1200,
    height: 630,
};
/// A sponsor's logo.
pub const LOGO: Fit = Fit {
    width: 400,
    height: 400,
};

/// Why an upload is no picture we keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureRefusal {
    /// Over [`MAX_UPLOAD_BYTES`].
    TooLarge,
    /// Not a PNG, JPEG or WebP file that decodes (or one too large once decoded).
    NotAPicture,
}

impl PictureRefusal {
    /// The message key of the refusal.
    pub fn key(self) -> &'static str {
        match self {
            PictureRefusal::TooLarge => "error-picture_too_large",
            PictureRefusal::NotAPicture => "error-picture_invalid",
        }
    }
}

/// A picture as the server encoded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub bytes: Vec<u8>,
    /// `image/jpeg`, or `image/png` when the picture has transparency.
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
    /// A digest of the bytes: names this picture in URLs, so they may be cached for good.
    pub version: String,
}

impl Picture {
    /// Decodes an upload, shrinks it into `fit` and encodes it again.
    pub fn from_upload(upload: &[u8], fit: Fit) -> Result<Picture, PictureRefusal> {
        if upload.len() > MAX_UPLOAD_BYTES {
            return Err(PictureRefusal::TooLarge);
        }
        let format = match ::image::guess_format(upload) {
            Ok(f @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)) => f,
            _ => return Err(PictureRefusal::NotAPicture),
        };
        let mut reader = ImageReader::with_format(Cursor::new(upload), format);
        let mut limits = Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(MAX_DECODE_BYTES);
        reader.limits(limits);
        let decoded = reader.decode().map_err(|_| PictureRefusal::NotAPicture)?;
        if decoded.width() == 0 || decoded.height() == 0 {
            return Err(PictureRefusal::NotAPicture);
        }
        let shrunk = if decoded.width() > fit.width || decoded.height() > fit.height {
            decoded.resize(fit.width, fit.height, FilterType::Triangle)
        } else {
            decoded
        };
        encode(&shrunk).ok_or(PictureRefusal::NotAPicture)
    }

    /// The file name extension of its type.
    pub fn extension(content_type: &str) -> &'static str {
        match content_type {
            "image/png" => "png",
            _ => "jpg",
        }
    }
}

fn encode(picture: &DynamicImage) -> Option<Picture> {
    let (width, height) = (picture.width(), picture.height());
    let mut bytes = Vec::new();
    let content_type = if picture.color().has_alpha() {
        let rgba = picture.to_rgba8();
        PngEncoder::new(&mut bytes)
            .write_image(
                rgba.as_raw(),
                width,
                height,
                ::image::ExtendedColorType::Rgba8,
            )
            .ok()?;
        "image/png"
    } else {
        let rgb = picture.to_rgb8();
        JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
            .write_image(
                rgb.as_raw(),
                width,
                height,
                ::image::ExtendedColorType::Rgb8,
            )
            .ok()?;
        "image/jpeg"
    };
    let version = to_hex(&Sha256::digest(&bytes))[..16].to_string();
    Some(Picture {
        bytes,
        content_type,
        width,
        height,
        version,
    })
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use ::image::{Rgb, RgbImage, Rgba, RgbaImage};

    /// A JPEG of `width` × `height` with an APP1 Exif segment naming a GPS position spliced
    /// in after its start marker, as a phone writes one.
    pub fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
        let img = RgbImage::from_pixel(width, height, Rgb([200, 40, 40]));
        let mut plain = Vec::new();
        JpegEncoder::new_with_quality(&mut plain, 90)
            .write_image(
                img.as_raw(),
                width,
                height,
                ::image::ExtendedColorType::Rgb8,
            )
            .unwrap();
        let mut payload = b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude 45.77 GPSLongitude 3.08".to_vec();
        payload.resize(64, 0);
        let length = (payload.len() + 2) as u16;
        let mut out = plain[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(&payload);
        out.extend_from_slice(&plain[2..]);
        out
    }

    #[test]
    fn exif_does_not_survive_and_large_pictures_shrink() {
        let upload = jpeg_with_gps(2400, 1000);
        assert!(upload.windows(4).any(|w| w == b"Exif"));
        let picture = Picture::from_upload(&upload, BANNER).unwrap();
        assert_eq!(picture.content_type, "image/jpeg");
        assert_eq!((picture.width, picture.height), (1200, 500));
        assert!(!picture.bytes.windows(4).any(|w| w == b"Exif"));
        assert!(!picture.bytes.windows(3).any(|w| w == b"GPS"));
        assert_eq!(picture.version.len(), 16);
    }

    #[test]
    fn transparency_stays_png_and_small_pictures_keep_their_size() {
        let img = RgbaImage::from_pixel(40, 30, Rgba([0, 0, 255, 100]));
        let mut png = Vec::new();
        PngEncoder::new(&mut png)
            .write_image(img.as_raw(), 40, 30, ::image::ExtendedColorType::Rgba8)
            .unwrap();
        let picture = Picture::from_upload(&png, LOGO).unwrap();
        assert_eq!(picture.content_type, "image/png");
        assert_eq!((picture.width, picture.height), (40, 30));
        assert_eq!(Picture::extension(picture.content_type), "png");
    }

    #[test]
    fn what_is_no_picture_or_too_large_is_refused() {
        assert_eq!(
            Picture::from_upload(b"<svg xmlns='http://www.w3.org/2000/svg'/>", BANNER),
            Err(PictureRefusal::NotAPicture)
        );
        // A PNG signature followed by nothing that decodes.
        assert_eq!(
            Picture::from_upload(b"\x89PNG\r\n\x1a\nnot really", BANNER),
            Err(PictureRefusal::NotAPicture)
        );
        let big = vec![0u8; MAX_UPLOAD_BYTES + 1];
        assert_eq!(
            Picture::from_upload(&big, BANNER),
            Err(PictureRefusal::TooLarge)
        );
    }
}
