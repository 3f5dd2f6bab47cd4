//! Compiled-in images of the embedded models' tables.
//!
//! Reading a model file decodes its rows and builds open-addressing tables
//! (about 25 MB for the tagger and parser): some 50 ms at every start,
//! half of a one-article `analyze`. The build script (`build.rs`, which
//! compiles this file, `model.rs` and `util.rs` into itself) does that
//! work once, at build time, and writes the tables as they lie in memory;
//! the binary includes them 64-byte aligned and `SparseModel::from_image`
//! borrows them in place.
//!
//! An image is `MAGIC`, a u64 count, then per model section of the file:
//! u64 offset of the section in the model file, u64 section length, the
//! model's table image. A reader of the embedded file takes a section from
//! the image only when the image has one at the very offset it is reading,
//! of the same length; anything else (another file, a malformed image, a
//! big-endian target) falls back to reading the section.

use crate::model::SparseModel;
use crate::util::{Reader, Truncated};

const MAGIC: &[u8; 8] = b"CGSIMG01";

/// Which model file an image is made from: their layouts differ before
/// and between the sparse sections.
#[derive(Clone, Copy)]
#[cfg_attr(not(test), allow(dead_code))] // used by build.rs
pub enum Kind {
    Tagger,
    Parser,
}

/// The image of every sparse model section of `file` (a tagger or parser
/// model file as `Tagger::to_bytes` / `Parser::to_bytes` write them).
#[cfg_attr(not(test), allow(dead_code))] // used by build.rs
pub fn build(kind: Kind, file: &[u8]) -> Result<Vec<u8>, Truncated> {
    let mut r = Reader::new(file);
    let mut sections = Vec::new();
    let mut section = |r: &mut Reader| -> Result<(), Truncated> {
        let at = r.pos();
        let m = SparseModel::read(r)?;
        sections.push((at, r.pos() - at, m));
        Ok(())
    };
    r.magic()?;
    r.u32()?; // version
    match kind {
        Kind::Tagger => {
            for _ in 0..r.u32()? {
                r.str()?;
                r.str()?;
            }
            let n = r.u32()? as usize;
            r.take(n * 10)?; // u64 word, u16 class
            for _ in 0..r.u32()? {
                r.u64()?;
                r.var()?;
            }
            section(&mut r)?;
            if r.u8()? != 0 {
                section(&mut r)?;
            }
        }
        Kind::Parser => {
            for _ in 0..r.u32()? {
                r.str()?;
            }
            let n = r.u32()? as usize;
            r.take(n * 8)?; // vocabulary hashes
            section(&mut r)?;
            section(&mut r)?;
        }
    }
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(sections.len() as u64).to_le_bytes());
    for (at, len, m) in &sections {
        out.extend_from_slice(&(*at as u64).to_le_bytes());
        out.extend_from_slice(&(*len as u64).to_le_bytes());
        m.write_image(&mut out);
    }
    Ok(out)
}

/// An image together with the model file it was made from.
#[derive(Clone, Copy)]
pub struct Static {
    pub file: &'static [u8],
    pub image: &'static [u8],
}

impl Static {
    /// The model section `r` is about to read, from the image, if `r`
    /// reads this image's file and the image holds that section; `r`
    /// then stands after the section.
    fn take(&self, r: &mut Reader) -> Option<SparseModel> {
        if !std::ptr::eq(r.buf(), self.file) || self.image.get(..8)? != MAGIC {
            return None;
        }
        let count = u64_at(self.image, 8)?;
        let mut p = 16;
        for _ in 0..count {
            let (at, len) = (u64_at(self.image, p)?, u64_at(self.image, p + 8)?);
            p += 16;
            let source = self.file.get(at..at.checked_add(len)?)?;
            let m = SparseModel::from_image(self.image, &mut p, source)?;
            if at == r.pos() {
                r.take(len).ok()?;
                return Some(m);
            }
        }
        None
    }
}

/// The little-endian u64 at byte `p` of `b`, if there is one.
pub(crate) fn u64_at(b: &[u8], p: usize) -> Option<usize> {
    Some(u64::from_le_bytes(b.get(p..p.checked_add(8)?)?.try_into().ok()?) as usize)
}

/// Reads the sparse model section at `r`: from `image` when it holds it,
/// else by decoding it.
pub fn read_model(r: &mut Reader, image: Option<&Static>) -> Result<SparseModel, Truncated> {
    match image.and_then(|i| i.take(r)) {
        Some(m) => Ok(m),
        None => SparseModel::read(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::Writer;

    fn model_sections(kind: Kind, file: &'static [u8], image: &'static [u8]) -> Vec<(SparseModel, SparseModel)> {
        // Every section of the image against the same section read.
        let s = Static { file, image };
        let count = u64_at(image, 8).unwrap();
        let mut p = 16;
        let mut out = Vec::new();
        for _ in 0..count {
            let (at, len) = (u64_at(image, p).unwrap(), u64_at(image, p + 8).unwrap());
            p += 16;
            SparseModel::from_image(image, &mut p, &file[at..at + len]).unwrap();
            let mut r = Reader::new(file);
            r.take(at).unwrap();
            let mapped = read_model(&mut r, Some(&s)).unwrap();
            assert!(mapped.is_mapped(), "{at}");
            assert_eq!(r.pos(), at + len);
            let read = SparseModel::read(&mut Reader::new(&file[at..at + len])).unwrap();
            out.push((mapped, read));
        }
        assert_eq!(count, if matches!(kind, Kind::Parser) { 2 } else { out.len() });
        out
    }

    /// The compiled-in images are what `build` makes of the model files,
    /// every section maps, and a mapped model scores, counts and writes
    /// exactly as the same section read and built at run time.
    #[test]
    fn compiled_images_match_the_model_files() {
        for (kind, file, image) in [
            (Kind::Tagger, crate::TAGGER_BYTES, &crate::TAGGER_IMAGE.0),
            (Kind::Parser, crate::PARSER_BYTES, &crate::PARSER_IMAGE.0),
        ] {
            assert_eq!(build(kind, file).unwrap(), image);
            let mut rng = crate::util::Rng::new(3);
            for (mapped, read) in model_sections(kind, file, image) {
                assert_eq!((mapped.nclass, mapped.rows()), (read.nclass, read.rows()));
                let (mut a, mut b) = (Writer::default(), Writer::default());
                mapped.write(&mut a);
                read.write(&mut b);
                assert_eq!(a.buf, b.buf);
                let (mut sa, mut sb) = (vec![0; read.nclass], vec![0; read.nclass]);
                for _ in 0..2000 {
                    // Random keys mostly miss; the pruned copy's keys hit.
                    let feats: Vec<u32> = (0..24).map(|_| rng.next_u64() as u32 | 1).collect();
                    sa.fill(0);
                    sb.fill(0);
                    mapped.score(&feats, &mut sa);
                    read.score(&feats, &mut sb);
                    assert_eq!(sa, sb);
                }
                assert_eq!(mapped.pruned(0).rows(), read.rows());
            }
        }
    }

    /// The embedded models use the images; models from other bytes (a
    /// copy of the same file) are read as before.
    #[test]
    fn embedded_models_are_mapped_and_others_read() {
        let s = crate::Syntax::embedded();
        assert!(s.tagger().is_mapped());
        assert!(s.parser().is_mapped());
        let copy = crate::TAGGER_BYTES.to_vec();
        let t = crate::tagger::Tagger::from_bytes_with(&copy, None).unwrap();
        assert!(!t.is_mapped());
        let image = Static {
            file: crate::TAGGER_BYTES,
            image: &crate::TAGGER_IMAGE.0,
        };
        let t = crate::tagger::Tagger::from_bytes_with(&copy, Some(&image)).unwrap();
        assert!(
            !t.is_mapped(),
            "another buffer with the same bytes is not the imaged file"
        );
        assert_eq!(t.to_bytes(), s.tagger().to_bytes());
    }
}
