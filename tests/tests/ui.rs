//! Compile-time behaviour: a broken `codes.toml` is a compile error naming file, line and column,
//! one test per validation rule (`tests/ui/<rule>/`); the same for a broken rule file
//! (`tests/ui/rules/`) and a broken translations file (`tests/ui/labels/`); and `reply_code!`
//! rejects unknown numbers.
//!
//! The `.stderr` files were written with rustc 1.95.0; another compiler may word or lay out its
//! messages differently. After a deliberate change to a message, rewrite them with
//! `TRYBUILD=overwrite cargo test -p smtp-codes-tests --test ui` and read the diff.

use std::path::Path;

#[test]
fn ui() {
    write_fixtures();
    let t = trybuild::TestCases::new();
    t.pass("ui-pass/*.rs");
    t.compile_fail("ui/*/*.rs");
}

/// Writes the data files that cannot be written inline in a test (a Rust string literal is always
/// UTF-8). trybuild builds the tests as a crate in `<target>/tests/trybuild/<this crate>/`, which
/// is the folder a test's `file = "..."` is relative to; the target folder is found from cargo's
/// `CARGO_TARGET_TMPDIR` (`<target>/tmp`), so it may be anywhere.
fn write_fixtures() {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is a folder inside the target folder");
    let project = target
        .join("tests")
        .join("trybuild")
        .join(env!("CARGO_PKG_NAME"));
    std::fs::create_dir_all(&project).expect("trybuild's project folder");
    // A description saved in Latin-1: "é" is the lone byte 0xE9.
    let latin1 = b"[[category]]\ndigit = 2\nvariant = \"PositiveCompletion\"\nname = \"Positive Completion\"\ndescription = \"The server did what was asked: op\xE9ration r\xE9ussie.\"\n";
    std::fs::write(project.join("latin-1.toml"), latin1).expect("write latin-1.toml");
    // The real data, for the rule tests' `codes = "codes.toml";` (what rules may refer to).
    let codes = Path::new(env!("CARGO_MANIFEST_DIR")).join("../smtp-codes/codes.toml");
    std::fs::copy(codes, project.join("codes.toml")).expect("copy codes.toml");
}
