//! The compile-time half of [smtp-codes](https://docs.rs/smtp-codes): reads `codes.toml`, checks
//! it, and generates six enums with their accessors and docs: `Category`, `Command` and
//! `ReplyCode` for the basic reply codes, `EnhancedClass`, `EnhancedSubject` and `EnhancedStatus`
//! for the enhanced status codes of RFC 3463.
//!
//! The macro is a small compiler with one stage per module:
//! `args` (what the caller wrote) → `load` (find, read and parse the TOML into a `source`) →
//! `model` (typed rows that keep their positions) → `validate` (every rule; the rows that can be
//! generated come out as the `checked` model, each holding references to the rows it names) →
//! `expand` (the generated tokens, one table of items per enum). `model` and `validate` report
//! into one collector (`diagnostic`), so every bad row is listed in one build. Each stage can be
//! tested without rustc. When the data is broken, `stand_in` emits the errors with the enums
//! generated from the rows that checked out.
//!
//! A third macro, `labels!`, compiles the translations of the command-line tool's headings
//! (`labels`, its stages in its own modules).
//!
//! You do not normally use this crate directly: depend on `smtp-codes`.

#![forbid(unsafe_code)]

mod args;
mod checked;
mod expand;
mod items;
mod labels;
mod load;
mod model;
mod rules;
mod stand_in;
mod validate;

use proc_macro::TokenStream;
use smtp_codes_data::{diagnostic, source};

/// Generates the code tables from a TOML file (or inline TOML) and six empty enum shells,
/// declared in any order after the source.
///
/// ```text
/// smtp_codes_derive::codes! {
///     file = "codes.toml"; // relative to the calling crate's CARGO_MANIFEST_DIR
///     /// docs, derives and other attributes are kept
///     pub enum Category {}
///     pub enum Command {}
///     #[derive(Clone, Copy)]
///     pub enum ReplyCode {}
///     pub enum EnhancedClass {}
///     pub enum EnhancedSubject {}
///     pub enum EnhancedStatus {}
/// }
/// ```
///
/// `ReplyCode` must derive `Clone` and `Copy` (its lookup table copies variants out).
/// `toml = r#"..."#;` in place of `file = ...` reads the data from the literal itself. Problems in
/// the data become compile errors that name the file, line and column; all of them are reported in
/// one build, and the enums are still generated from the rows that can be, so that the code that
/// uses them reports nothing more. Set `SMTP_CODES_DEBUG=1` to print the generated code to stderr.
#[proc_macro]
pub fn codes(input: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(input as args::Args);
    let output = generate(&args);
    if std::env::var_os("SMTP_CODES_DEBUG").is_some() {
        eprintln!("{output}");
    }
    output.into()
}

/// Compiles the bounce-rule file into the matcher tables of the calling crate, which must
/// define them in its `diagnose` module (as `smtp-codes` does) and have the `Reason` enum of
/// [`codes!`].
///
/// ```text
/// smtp_codes_derive::rules! {
///     codes = "codes.toml"; // what the rules refer to: reasons, commands, enhanced subjects
///     file = "rules.toml";  // or `toml = r#"..."#;`
/// }
/// ```
///
/// Every problem in the rule file is a compile error naming its line and column: an unknown
/// reason, provider, stage or enhanced subject, a pattern that is empty or can never match, a
/// rule that an earlier one always shadows, a provider without a link, an example that its own
/// rule does not match first. The file format is described in `smtp_codes_data::rules`.
#[proc_macro]
pub fn rules(input: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(input as rules::RulesArgs);
    let output = rules::generate(&args);
    if std::env::var_os("SMTP_CODES_DEBUG").is_some() {
        eprintln!("{output}");
    }
    output.into()
}

/// Compiles a translations file into two enums of the calling crate: `Lang`, one variant a
/// language, and `Label`, one variant a label, with its text in each language.
///
/// ```text
/// smtp_codes_derive::labels! {
///     file = "labels.toml"; // relative to CARGO_MANIFEST_DIR, or `toml = r#"..."#;`
///     /// docs, derives and other attributes are kept
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum Lang {}
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum Label {}
/// }
/// ```
///
/// `Lang` gets `ALL`, `tag()`, `name()`, `is_rtl()`, `dir()`, `from_tag()` and `FromStr`
/// (accepting `de`, `de-DE`, `de_DE.UTF-8`, `pt_BR` without regard to case; the error is a
/// generated `UnknownLang`); `Label` gets `ALL`, `key()` and `text(self, Lang)`. Every problem in
/// the file is a compile error naming its line and column: a label missing from a language or
/// not in the first table, an empty text, a `dir` other than `"ltr"` or `"rtl"`, a language
/// twice. The format is described in `smtp_codes_data::labels`.
#[proc_macro]
pub fn labels(input: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(input as labels::args::LabelsArgs);
    let output = labels::generate(&args);
    if std::env::var_os("SMTP_CODES_DEBUG").is_some() {
        eprintln!("{output}");
    }
    output.into()
}

fn generate(args: &args::Args) -> proc_macro2::TokenStream {
    let source = match load::read(&args.source) {
        Ok(source) => source,
        Err(message) => return stand_in::failure(args, &[message], &source::Source::inline("")),
    };
    let table = match load::parse(&source) {
        Ok(table) => table,
        Err(diagnostic) => return stand_in::failure(args, &[diagnostic.render(&source)], &source),
    };
    let mut problems = diagnostic::Problems::default();
    let codes = model::build(&table, &mut problems);
    reasons_declared(args, &codes, &mut problems);
    let checked = validate::check(&codes, &source, &mut problems);
    let output = expand::expand(args, &source, &checked);
    if problems.is_empty() {
        return output;
    }
    let messages: Vec<String> = problems
        .into_sorted()
        .iter()
        .map(|d| d.render(&source))
        .collect();
    stand_in::with_errors(args, &messages, output)
}

/// The data has reasons exactly when the caller declared `enum Reason {}`.
fn reasons_declared(args: &args::Args, codes: &model::Codes, problems: &mut diagnostic::Problems) {
    match (&args.reason, codes.has_reasons()) {
        (Some(_), false) => problems.report(
            0..0,
            "`enum Reason {}` is declared but the data has no `[[reason]]` entries: add them, or drop the enum".to_owned(),
        ),
        (None, true) => problems.report(
            0..0,
            "the data has `[[reason]]` entries: declare `enum Reason {}` (with its docs and derives) after the source".to_owned(),
        ),
        _ => {}
    }
}
