//! Images of the embedded models' tables (see `src/image.rs`), built once
//! here instead of at every start of the program.

#[allow(dead_code)]
#[path = "src/util.rs"]
mod util;

#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;

#[allow(dead_code)]
#[path = "src/image.rs"]
mod image;

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let little = std::env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "little");
    for src in ["src/util.rs", "src/model.rs", "src/image.rs"] {
        println!("cargo:rerun-if-changed={src}");
    }
    for (name, kind) in [("tagger", image::Kind::Tagger), ("parser", image::Kind::Parser)] {
        let path = manifest.join(format!("../../models/{name}.bin"));
        println!("cargo:rerun-if-changed={}", path.display());
        // A missing or unreadable model fails the build at its
        // `include_bytes!` in lib.rs, with the path; an empty image here
        // only means reading the model at run time.
        let img = match std::fs::read(&path) {
            Ok(file) if little => image::build(kind, &file).unwrap_or_else(|_| {
                println!(
                    "cargo:warning={} is truncated or corrupt: no table image",
                    path.display()
                );
                Vec::new()
            }),
            _ => Vec::new(),
        };
        std::fs::write(out.join(format!("{name}.img")), img).expect("OUT_DIR is writable");
    }
}
