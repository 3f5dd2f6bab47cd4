//! Mangled inputs never panic: every example and fixture, truncated,
//! bit-flipped, spliced with markup fragments, read with normal and tiny
//! size limits. Deterministic (a fixed-seed xorshift), so a failure repeats.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use claimgraph_ingest::{read_input, Input, Options};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const SPLICES: &[&[u8]] = &[
    b"<",
    b">",
    b"&",
    b"&#x;",
    b"&#99999999;",
    b"\"",
    b"{",
    b"}",
    b"\0",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\r\n\r\n",
    b"\n",
    b"WARC/1.0\r\n",
    b"Content-Length: 999999\r\n",
    b"Content-Length: -1\r\n",
    b"]]>",
    b"<![CDATA[",
    b"<!DOCTYPE x [<!ENTITY a \"b\">]>",
    b"</item>",
    b"<item>",
    b"</p>",
    b"<p>",
    b"<script>",
    b"date ",
    b"2025-02-30",
    b"\xe2\x80",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(5) {
            0 => v.truncate(rng.below(v.len() + 1)),
            1 => {
                for _ in 0..1 + rng.below(8) {
                    if !v.is_empty() {
                        let i = rng.below(v.len());
                        v[i] ^= 1 << rng.below(8);
                    }
                }
            }
            2 => {
                let s = SPLICES[rng.below(SPLICES.len())];
                let at = rng.below(v.len() + 1);
                v.splice(at..at, s.iter().copied());
            }
            3 => {
                if !v.is_empty() {
                    let a = rng.below(v.len());
                    let b = (a + rng.below(200)).min(v.len());
                    v.drain(a..b);
                }
            }
            _ => {
                if !v.is_empty() {
                    let a = rng.below(v.len());
                    let b = (a + rng.below(300)).min(v.len());
                    let piece = v[a..b].to_vec();
                    let at = rng.below(v.len() + 1);
                    v.splice(at..at, piece);
                }
            }
        }
    }
    v
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if !p.extension().is_some_and(|e| e == "py" || e == "md") {
            out.push(p);
        }
    }
}

fn gunzip(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(b).read_to_end(&mut out).ok()?;
    Some(out)
}

fn gzip(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

#[test]
fn mangled_inputs_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut inputs = Vec::new();
    files(&root.join("../../examples"), &mut inputs);
    files(&root.join("tests/fixtures"), &mut inputs);
    assert!(inputs.len() > 20);
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut results = 0usize;
    for path in &inputs {
        let original = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        // Mangle gzip files inside too, so the WARC parser sees damage.
        let plain = if name.ends_with(".gz") { gunzip(&original) } else { None };
        for round in 0..40 {
            let bytes = match &plain {
                Some(p) if round % 2 == 0 => gzip(&mutate(&mut rng, p)),
                _ => mutate(&mut rng, &original),
            };
            let target = dir.path().join(format!("{round}-{name}"));
            std::fs::write(&target, &bytes).unwrap();
            let opts = if round % 5 == 0 {
                Options { max_doc_bytes: 300 }
            } else {
                Options::default()
            };
            read_input(&Input::File(target.clone()), &opts, &mut |r| {
                results += 1;
                match r {
                    Ok(d) => {
                        assert!(!d.text.trim().is_empty(), "{}: empty document passed", target.display());
                        if let Some(h) = &d.header {
                            assert!(
                                h.end <= d.text.len()
                                    && d.text.is_char_boundary(h.start)
                                    && d.text.is_char_boundary(h.end)
                            );
                        }
                        assert_eq!(d.meta.language, "en");
                        if let Some(p) = &d.meta.published {
                            assert!(matches!(p.len(), 4 | 7 | 10), "{p}");
                        }
                    }
                    Err(e) => assert!(!e.reason.is_empty() && e.path.contains(&format!("{round}-"))),
                }
            });
            std::fs::remove_file(&target).unwrap();
        }
    }
    assert!(results > inputs.len() * 40);
}
