//! The data formats behind [smtp-codes](https://docs.rs/smtp-codes), shared by its derive (at
//! compile time) and by the library (at run time, for a user's own rules):
//!
//! - [`source`] and [`diagnostic`]: a data file's text, problems found in it, and how a byte
//!   offset becomes `file:line:column`;
//! - [`row`]: reading TOML entries whose values keep their positions;
//! - [`rules`]: the bounce-rule file (`rules.toml`): its rows, every check the format promises,
//!   the reference meaning of a rule, and the plan of the matcher that finds the rules' texts;
//! - [`labels`]: the translations file (`labels.toml`): the fixed labels of the tool's output in
//!   each language, read and checked.
//!
//! You do not normally use this crate directly: depend on `smtp-codes`.

#![forbid(unsafe_code)]

pub mod diagnostic;
pub mod labels;
pub mod row;
pub mod rules;
pub mod source;
