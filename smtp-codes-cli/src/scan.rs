//! `scan`: finding the reply codes in mail logs and transcripts, counting them, and showing
//! the summary.

mod find;
mod run;
mod summary;
mod table;

pub use run::run;
#[cfg(test)]
pub use summary::Key;
