//! Tests only: see `tests/`.

/// The README's examples, compiled and run as doc tests here, where every crate of the
/// workspace and every feature of smtp-codes is a dependency: one example reads a bounce with
/// smtp-codes-bounce, others need `alloc`.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
