//! PNG and JPEG images: their size read from the file header at layout time, and their PDF image object built at
//! render time (JPEG passed through as DCTDecode, simple PNGs passed through as FlateDecode with the PNG predictor,
//! PNGs with transparency, interlacing or 16-bit samples decoded to 8 bits and written with a soft mask).

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::sync::Arc;

use printpdf::{DictItem, ExternalStream, ExternalXObject};

use crate::error::{PdfError, Result};

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
}

/// An image file whose header has been read: its format and size in pixels, and its bytes (shared, cheap to clone).
#[derive(Clone, PartialEq)]
pub struct Image {
    pub format: ImageFormat,
    pub width_px: u32,
    pub height_px: u32,
    bytes: Arc<[u8]>,
}

impl fmt::Debug for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Image({:?} {}×{}, {} bytes)",
            self.format,
            self.width_px,
            self.height_px,
            self.bytes.len()
        )
    }
}

fn broken(reason: impl Into<String>) -> PdfError {
    PdfError::Image(reason.into())
}

fn be_u32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn be_u16(b: &[u8]) -> u16 {
    u16::from_be_bytes([b[0], b[1]])
}

/// A PNG chunk: its type and data (CRC checked).
struct Chunk<'a> {
    kind: [u8; 4],
    data: &'a [u8],
}

/// The chunks of a PNG file after the signature, up to and including IEND; an error for a truncated file or a bad CRC.
fn png_chunks(bytes: &[u8]) -> Result<Vec<Chunk<'_>>> {
    let mut chunks = Vec::new();
    let mut at = PNG_SIGNATURE.len();
    loop {
        let header = bytes
            .get(at..at + 8)
            .ok_or_else(|| broken("PNG file is truncated (no IEND chunk)"))?;
        let len = be_u32(header) as usize;
        let kind = [header[4], header[5], header[6], header[7]];
        let data_end = at
            .checked_add(8 + len)
            .filter(|end| end + 4 <= bytes.len())
            .ok_or_else(|| broken("PNG file is truncated (a chunk runs past the end)"))?;
        let data = &bytes[at + 8..data_end];
        let crc = be_u32(&bytes[data_end..data_end + 4]);
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(&kind);
        hasher.update(data);
        if hasher.finalize() != crc {
            return Err(broken(format!(
                "PNG file is damaged (bad checksum in the {} chunk)",
                String::from_utf8_lossy(&kind)
            )));
        }
        chunks.push(Chunk { kind, data });
        at = data_end + 4;
        if &kind == b"IEND" {
            return Ok(chunks);
        }
    }
}

/// PNG header fields: width, height, bit depth, colour type, interlace method.
struct PngHeader {
    width: u32,
    height: u32,
    bit_depth: u8,
    color_type: u8,
    interlaced: bool,
}

fn png_header(bytes: &[u8]) -> Result<PngHeader> {
    // Signature, then IHDR: length, "IHDR", width, height, depth, colour type, compression, filter, interlace.
    let ihdr = bytes
        .get(8..33)
        .filter(|h| &h[4..8] == b"IHDR")
        .ok_or_else(|| broken("PNG file has no header (IHDR)"))?;
    let h = PngHeader {
        width: be_u32(&ihdr[8..12]),
        height: be_u32(&ihdr[12..16]),
        bit_depth: ihdr[16],
        color_type: ihdr[17],
        interlaced: ihdr[20] == 1,
    };
    let depth_ok = match h.color_type {
        0 => matches!(h.bit_depth, 1 | 2 | 4 | 8 | 16),
        3 => matches!(h.bit_depth, 1 | 2 | 4 | 8),
        2 | 4 | 6 => matches!(h.bit_depth, 8 | 16),
        _ => false,
    };
    if !depth_ok {
        return Err(broken(format!(
            "PNG file has an invalid colour type {} with bit depth {}",
            h.color_type, h.bit_depth
        )));
    }
    Ok(h)
}

/// JPEG frame header fields: width, height, components; and whether an Adobe marker says CMYK is stored inverted.
struct JpegHeader {
    width: u32,
    height: u32,
    components: u8,
    adobe: bool,
}

fn jpeg_header(bytes: &[u8]) -> Result<JpegHeader> {
    let mut at = 2;
    let mut adobe = false;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let marker = match bytes.get(at..at + 2) {
            Some([0xFF, m]) => *m,
            _ => {
                return Err(broken(
                    "JPEG file is truncated or damaged (no frame header)",
                ))
            }
        };
        at += 2;
        if matches!(marker, 0x01 | 0xD0..=0xD7) {
            continue;
        }
        let len = bytes
            .get(at..at + 2)
            .map(be_u16)
            .ok_or_else(|| broken("JPEG file is truncated"))? as usize;
        let segment = bytes
            .get(at + 2..at + len)
            .filter(|_| len >= 2)
            .ok_or_else(|| broken("JPEG file is truncated"))?;
        match marker {
            0xEE if segment.starts_with(b"Adobe") => adobe = true,
            0xC0..=0xC2 => {
                if segment.len() < 6 {
                    return Err(broken("JPEG frame header is too short"));
                }
                if segment[0] != 8 {
                    return Err(broken(format!(
                        "JPEG with {}-bit samples is not supported (8-bit only)",
                        segment[0]
                    )));
                }
                let header = JpegHeader {
                    height: u32::from(be_u16(&segment[1..3])),
                    width: u32::from(be_u16(&segment[3..5])),
                    components: segment[5],
                    adobe,
                };
                if !matches!(header.components, 1 | 3 | 4) {
                    return Err(broken(format!(
                        "JPEG with {} colour components is not supported",
                        header.components
                    )));
                }
                // The Adobe marker may come after the frame header; look for it in the rest of the headers too.
                let rest = &bytes[at + len..];
                let adobe_later = rest
                    .windows(9)
                    .take(64 * 1024)
                    .any(|w| w[0] == 0xFF && w[1] == 0xEE && &w[4..9] == b"Adobe");
                return Ok(JpegHeader {
                    adobe: header.adobe || adobe_later,
                    ..header
                });
            }
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err(broken(
                    "JPEG uses lossless, hierarchical or arithmetic coding, which PDF cannot show (baseline and progressive only)",
                ))
            }
            0xDA | 0xD9 => return Err(broken("JPEG file has no frame header")),
            _ => {}
        }
        at += len;
    }
}

/// The format and the size in pixels, from the file header.
fn header(bytes: &[u8]) -> Result<(ImageFormat, u32, u32)> {
    let (format, width_px, height_px) = if bytes.starts_with(PNG_SIGNATURE) {
        let h = png_header(bytes)?;
        (ImageFormat::Png, h.width, h.height)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let h = jpeg_header(bytes)?;
        (ImageFormat::Jpeg, h.width, h.height)
    } else {
        let start: Vec<String> = bytes.iter().take(8).map(|b| format!("{b:02X}")).collect();
        return Err(broken(format!(
            "not a PNG or JPEG file (it starts with {})",
            if start.is_empty() {
                "nothing: it is empty".to_owned()
            } else {
                start.join(" ")
            }
        )));
    };
    if width_px == 0 || height_px == 0 {
        return Err(broken(format!(
            "{format:?} image has no pixels ({width_px}×{height_px})"
        )));
    }
    Ok((format, width_px, height_px))
}

impl Image {
    /// Reads the format and size from the header of a PNG or JPEG file. The image data itself is checked when the
    /// PDF is rendered.
    pub fn read(bytes: &[u8]) -> Result<Image> {
        let (format, width_px, height_px) = header(bytes)?;
        Ok(Image {
            format,
            width_px,
            height_px,
            bytes: Arc::from(bytes),
        })
    }

    /// The width and height in pixels from the header, without keeping the bytes.
    pub fn read_size(bytes: &[u8]) -> Result<(u32, u32)> {
        header(bytes).map(|(_, w, h)| (w, h))
    }

    /// The PDF image object for this image.
    pub(crate) fn to_xobject(&self) -> Result<ExternalXObject> {
        let stream = match self.format {
            ImageFormat::Jpeg => self.jpeg_stream()?,
            ImageFormat::Png => self.png_stream()?,
        };
        Ok(ExternalXObject {
            stream,
            width: None,
            height: None,
            dpi: None,
        })
    }

    fn base_dict(&self, color_space: DictItem, bits: u8) -> BTreeMap<String, DictItem> {
        BTreeMap::from([
            ("Type".to_owned(), name("XObject")),
            ("Subtype".to_owned(), name("Image")),
            ("Width".to_owned(), DictItem::Int(i64::from(self.width_px))),
            (
                "Height".to_owned(),
                DictItem::Int(i64::from(self.height_px)),
            ),
            ("ColorSpace".to_owned(), color_space),
            (
                "BitsPerComponent".to_owned(),
                DictItem::Int(i64::from(bits)),
            ),
        ])
    }

    fn jpeg_stream(&self) -> Result<ExternalStream> {
        let h = jpeg_header(&self.bytes)?;
        if !self
            .bytes
            .windows(2)
            .rev()
            .take(4096)
            .any(|w| w == [0xFF, 0xD9])
        {
            return Err(broken("JPEG file is truncated (no end-of-image marker)"));
        }
        let space = match h.components {
            1 => "DeviceGray",
            3 => "DeviceRGB",
            _ => "DeviceCMYK",
        };
        let mut dict = self.base_dict(name(space), 8);
        dict.insert("Filter".to_owned(), name("DCTDecode"));
        if h.components == 4 && h.adobe {
            // Adobe writes CMYK JPEGs inverted.
            let decode = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
            dict.insert("Decode".to_owned(), DictItem::Array(decode));
        }
        Ok(ExternalStream {
            dict,
            content: self.bytes.to_vec(),
            compress: false,
        })
    }

    fn png_stream(&self) -> Result<ExternalStream> {
        let h = png_header(&self.bytes)?;
        let chunks = png_chunks(&self.bytes)?;
        let has_transparency = chunks.iter().any(|c| &c.kind == b"tRNS");
        let has_alpha = matches!(h.color_type, 4 | 6);
        if h.interlaced || has_alpha || has_transparency || h.bit_depth == 16 {
            return self.decoded_png_stream();
        }
        // Greyscale, RGB and palette images of up to 8 bits without transparency: the PNG's compressed data is what
        // PDF's FlateDecode with the PNG predictors reads, so it goes in as it is.
        let mut data = Vec::with_capacity(self.bytes.len());
        for chunk in chunks.iter().filter(|c| &c.kind == b"IDAT") {
            data.extend_from_slice(chunk.data);
        }
        if data.is_empty() {
            return Err(broken("PNG file has no image data (IDAT)"));
        }
        let (space, colors) = match h.color_type {
            0 => (name("DeviceGray"), 1),
            2 => (name("DeviceRGB"), 3),
            _ => {
                let palette = chunks
                    .iter()
                    .find(|c| &c.kind == b"PLTE")
                    .map(|c| c.data)
                    .filter(|p| !p.is_empty() && p.len() % 3 == 0)
                    .ok_or_else(|| broken("PNG palette image has no palette (PLTE)"))?;
                let space = DictItem::Array(vec![
                    name("Indexed"),
                    name("DeviceRGB"),
                    DictItem::Int((palette.len() / 3 - 1) as i64),
                    DictItem::String {
                        data: palette.to_vec(),
                        literal: false,
                    },
                ]);
                (space, 1)
            }
        };
        let mut dict = self.base_dict(space, h.bit_depth);
        dict.insert("Filter".to_owned(), name("FlateDecode"));
        dict.insert(
            "DecodeParms".to_owned(),
            DictItem::Dict {
                map: BTreeMap::from([
                    ("Predictor".to_owned(), DictItem::Int(15)),
                    ("Colors".to_owned(), DictItem::Int(colors)),
                    (
                        "BitsPerComponent".to_owned(),
                        DictItem::Int(i64::from(h.bit_depth)),
                    ),
                    ("Columns".to_owned(), DictItem::Int(i64::from(h.width))),
                ]),
            },
        );
        Ok(ExternalStream {
            dict,
            content: data,
            compress: false,
        })
    }

    /// PNGs PDF cannot take as they are (alpha, transparency, interlacing, 16-bit samples): decoded to 8-bit pixels,
    /// the alpha channel split into a soft mask.
    fn decoded_png_stream(&self) -> Result<ExternalStream> {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(&self.bytes[..]));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder
            .read_info()
            .map_err(|e| broken(format!("PNG file cannot be read: {e}")))?;
        let size = reader
            .output_buffer_size()
            .ok_or_else(|| broken("PNG image is too large"))?;
        let mut pixels = vec![0; size];
        let info = reader
            .next_frame(&mut pixels)
            .map_err(|e| broken(format!("PNG file cannot be read: {e}")))?;
        pixels.truncate(info.buffer_size());
        let (colors, alpha) = match info.color_type {
            png::ColorType::Grayscale => (1, false),
            png::ColorType::GrayscaleAlpha => (1, true),
            png::ColorType::Rgb => (3, false),
            png::ColorType::Rgba => (3, true),
            png::ColorType::Indexed => {
                return Err(broken("PNG palette image could not be expanded"));
            }
        };
        let space = name(if colors == 1 {
            "DeviceGray"
        } else {
            "DeviceRGB"
        });
        let mut dict = self.base_dict(space, 8);
        dict.insert("Filter".to_owned(), name("FlateDecode"));
        let content = if alpha {
            let stride = colors + 1;
            let mut color = Vec::with_capacity(pixels.len() / stride * colors);
            let mut mask = Vec::with_capacity(pixels.len() / stride);
            for px in pixels.chunks_exact(stride) {
                color.extend_from_slice(&px[..colors]);
                mask.push(px[colors]);
            }
            let mut mask_dict = self.base_dict(name("DeviceGray"), 8);
            mask_dict.insert("Filter".to_owned(), name("FlateDecode"));
            dict.insert(
                "SMask".to_owned(),
                DictItem::Stream {
                    stream: ExternalStream {
                        dict: mask_dict,
                        content: deflate(&mask)?,
                        compress: false,
                    },
                },
            );
            deflate(&color)?
        } else {
            deflate(&pixels)?
        };
        Ok(ExternalStream {
            dict,
            content,
            compress: false,
        })
    }
}

fn name(n: &str) -> DictItem {
    DictItem::Name(n.as_bytes().to_vec())
}

/// zlib at a fast level: images are large, and their size matters less than the export time.
fn deflate(data: &[u8]) -> Result<Vec<u8>> {
    let mut e = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2),
        flate2::Compression::fast(),
    );
    e.write_all(data)
        .and_then(|()| e.finish())
        .map_err(|err| broken(format!("image could not be compressed: {err}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG_RGB: &[u8] = include_bytes!("../tests/fixtures/rgb-4x3.png");
    const PNG_RGBA: &[u8] = include_bytes!("../tests/fixtures/rgba-interlaced-5x4.png");
    const PNG_PALETTE: &[u8] = include_bytes!("../tests/fixtures/palette-6x2.png");
    const PNG_GREY16: &[u8] = include_bytes!("../tests/fixtures/grey16-3x2.png");
    const JPEG: &[u8] = include_bytes!("../tests/fixtures/gradient-16x8.jpg");

    #[test]
    fn headers_give_format_and_size() {
        let png = Image::read(PNG_RGB).unwrap();
        assert_eq!(
            (png.format, png.width_px, png.height_px),
            (ImageFormat::Png, 4, 3)
        );
        let jpeg = Image::read(JPEG).unwrap();
        assert_eq!(
            (jpeg.format, jpeg.width_px, jpeg.height_px),
            (ImageFormat::Jpeg, 16, 8)
        );
        let palette = Image::read(PNG_PALETTE).unwrap();
        assert_eq!((palette.width_px, palette.height_px), (6, 2));
    }

    #[test]
    fn a_simple_png_passes_through_with_the_png_predictor() {
        let stream = Image::read(PNG_RGB).unwrap().png_stream().unwrap();
        assert_eq!(stream.dict["Filter"], name("FlateDecode"));
        assert!(matches!(stream.dict["DecodeParms"], DictItem::Dict { .. }));
        assert!(!stream.dict.contains_key("SMask"));
        let stream = Image::read(PNG_PALETTE).unwrap().png_stream().unwrap();
        assert!(
            matches!(&stream.dict["ColorSpace"], DictItem::Array(a) if a[0] == name("Indexed"))
        );
    }

    #[test]
    fn a_png_with_alpha_is_decoded_with_a_soft_mask() {
        let stream = Image::read(PNG_RGBA).unwrap().png_stream().unwrap();
        assert!(matches!(stream.dict["SMask"], DictItem::Stream { .. }));
        assert!(!stream.dict.contains_key("DecodeParms"));
    }

    #[test]
    fn a_16_bit_png_is_decoded_to_8_bits() {
        let stream = Image::read(PNG_GREY16).unwrap().png_stream().unwrap();
        assert_eq!(stream.dict["BitsPerComponent"], DictItem::Int(8));
        assert_eq!(stream.dict["ColorSpace"], name("DeviceGray"));
        assert!(!stream.dict.contains_key("DecodeParms"));
        let mut pixels = Vec::new();
        use std::io::Read;
        flate2::read::ZlibDecoder::new(&stream.content[..])
            .read_to_end(&mut pixels)
            .unwrap();
        assert_eq!(pixels, [0, 50, 101, 152, 203, 253]);
    }

    #[test]
    fn a_jpeg_passes_through_as_dct() {
        let stream = Image::read(JPEG).unwrap().jpeg_stream().unwrap();
        assert_eq!(stream.dict["Filter"], name("DCTDecode"));
        assert_eq!(stream.dict["ColorSpace"], name("DeviceRGB"));
        assert_eq!(stream.content, JPEG);
    }

    #[test]
    fn broken_images_are_errors_that_say_why() {
        let message = |bytes: &[u8]| match Image::read(bytes).and_then(|i| i.to_xobject()) {
            Err(PdfError::Image(m)) => m,
            other => panic!("expected an image error, got {other:?}"),
        };
        assert!(message(b"").contains("empty"));
        assert!(message(b"GIF89a....").contains("not a PNG or JPEG"));
        assert!(message(&PNG_RGB[..20]).contains("no header"));
        assert!(message(&PNG_RGB[..PNG_RGB.len() - 20]).contains("truncated"));
        let mut damaged = PNG_RGB.to_vec();
        let idat = damaged.windows(4).position(|w| w == b"IDAT").unwrap();
        damaged[idat + 6] ^= 0x55;
        assert!(message(&damaged).contains("checksum"));
        assert!(message(&JPEG[..40]).contains("truncated"));
        assert!(message(&JPEG[..JPEG.len() - 2]).contains("end-of-image"));
        // A damaged PNG that must be decoded fails cleanly too.
        let mut damaged = PNG_RGBA.to_vec();
        let idat = damaged.windows(4).position(|w| w == b"IDAT").unwrap();
        let len = be_u32(&damaged[idat - 4..idat]) as usize;
        for b in &mut damaged[idat + 4..idat + 4 + len] {
            *b = 0xAB;
        }
        let crc = {
            let mut h = crc32fast::Hasher::new();
            h.update(&damaged[idat..idat + 4 + len]);
            h.finalize()
        };
        damaged[idat + 4 + len..idat + 8 + len].copy_from_slice(&crc.to_be_bytes());
        assert!(message(&damaged).contains("cannot be read"));
    }
}
