//! The `labels!` macro: compiles the translations file into a `Lang` and a `Label` enum.
//!
//! Its stages, one a module: `args` (what the caller wrote) → `load` (the file, shared with
//! `codes!`) → `smtp_codes_data::labels` (read the rows, check them: the format's rules) →
//! `names` (the Rust names of the variants) → `expand` (the tokens). Every problem of the data
//! is reported in one build, each a `compile_error!` naming the file's line and column; the
//! enums are still generated from the languages and labels that checked out, so that the code
//! using them reports nothing more.

pub mod args;
mod expand;
mod names;

use proc_macro2::TokenStream;
use smtp_codes_data::diagnostic::Problems;
use smtp_codes_data::labels::{self, Checked};
use smtp_codes_data::source::Source;

use crate::{load, stand_in};

pub fn generate(args: &args::LabelsArgs) -> TokenStream {
    let mut messages = Vec::new();
    let source = load::read(&args.source).unwrap_or_else(|message| {
        messages.push(message);
        Source::inline("")
    });
    let mut problems = Problems::default();
    let file = if messages.is_empty() {
        labels::read(&source, &mut problems)
    } else {
        None
    };
    let checked = match &file {
        Some(file) => labels::check(file, &source, &mut problems),
        None => Checked::default(),
    };
    let variants = names::variants(&checked, &mut problems);
    let output = expand::expand(args, &source, &checked, &variants);
    messages.extend(problems.into_sorted().iter().map(|d| d.render(&source)));
    stand_in::errors_before(args.source.literal(), &messages, output)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generate_from(source: &str) -> String {
        let input = format!("{source}; pub enum Lang {{}} pub enum Label {{}}");
        let args: args::LabelsArgs = syn::parse_str(&input).expect("the arguments parse");
        generate(&args).to_string()
    }

    const TWO: &str = "[en]\nname = \"English\"\ndir = \"ltr\"\nreplies_to = \"Replies to\"\n\n[zh-CN]\nname = \"简体中文\"\ndir = \"ltr\"\nreplies_to = \"响应命令\"\n";

    #[test]
    fn generates_a_variant_per_language_and_label() {
        let out = generate_from(&format!("toml = {TWO:?}"));
        assert!(!out.contains("compile_error"), "{out}");
        assert!(
            out.contains("pub enum Lang { # [doc = \"English (`en`).\"] En"),
            "{out}"
        );
        assert!(out.contains("ZhCn"), "{out}");
        assert!(out.contains("Lang :: ZhCn => \"zh-CN\""), "{out}");
        assert!(
            out.contains("Lang :: ZhCn => match self { Label :: RepliesTo => \"响应命令\""),
            "{out}"
        );
        assert!(out.contains("pub struct UnknownLang"), "{out}");
        // Inline data has no file for cargo to watch.
        assert!(!out.contains("include_bytes"), "{out}");
    }

    #[test]
    fn every_problem_is_reported_and_the_rest_still_generated() {
        let text = "[en]\nname = \"English\"\ndir = \"ltr\"\nfix = \"Fix\"\na_1 = \"x\"\na1 = \"y\"\n\n[de]\nname = \"Deutsch\"\ndir = \"lr\"\nfix = \"\"\n";
        let out = generate_from(&format!("toml = {text:?}"));
        assert_eq!(out.matches("compile_error").count(), 4, "{out}");
        assert!(
            out.contains("<inline>:6:1: label key `a1` names the variant `A1`, as `a_1` does"),
            "{out}"
        );
        assert!(
            out.contains("`[de]` is missing the labels `a_1`, `a1`"),
            "{out}"
        );
        assert!(out.contains("`dir = \\\"lr\\\"` in `[de]`"), "{out}");
        assert!(out.contains("label `fix` of `[de]` is empty"), "{out}");
        assert!(out.contains("Label :: Fix => \"Fix\""), "{out}");
    }

    #[test]
    fn a_file_that_cannot_be_read_still_gets_the_items() {
        let out = generate_from("file = \"/nonexistent/labels.toml\"");
        assert_eq!(out.matches("compile_error").count(), 1, "{out}");
        assert!(
            out.contains("cannot read `/nonexistent/labels.toml`"),
            "{out}"
        );
        assert!(out.contains("pub const fn text"), "{out}");
        assert!(out.contains("pub fn from_tag"), "{out}");
    }
}
