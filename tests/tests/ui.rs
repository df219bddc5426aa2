//! Compile-time behaviour: a broken `codes.toml` is a compile error naming file, line and column,
//! one test per validation rule (`tests/ui/<rule>/`), and `reply_code!` rejects unknown numbers.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui-pass/*.rs");
    t.compile_fail("ui/*/*.rs");
}
