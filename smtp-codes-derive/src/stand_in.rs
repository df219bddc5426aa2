//! What the macro emits when the data is broken: the errors, and enums that code using them can
//! still name.

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

use crate::args::Args;
use crate::checked::Checked;
use crate::expand;
use crate::source::Source;

/// The error, and enums without variants but with all their items, for data that could not be
/// read or parsed.
pub fn failure(args: &Args, messages: &[String], source: &Source) -> TokenStream {
    with_errors(
        args,
        messages,
        expand::expand(args, source, &Checked::default()),
    )
}

/// One `compile_error!` per problem, spanned at the source literal (the text names the position
/// in the data), followed by `enums`: those generated from the rows that checked out, so the
/// calling crate is not buried under follow-on errors about missing items.
pub fn with_errors(args: &Args, messages: &[String], enums: TokenStream) -> TokenStream {
    errors_before(args.source.literal(), messages, enums)
}

/// One `compile_error!` per message, spanned at `literal`, then `items`.
pub fn errors_before(literal: &LitStr, messages: &[String], items: TokenStream) -> TokenStream {
    let span = literal.span();
    let errors = messages
        .iter()
        .map(|m| quote::quote_spanned!(span=> ::core::compile_error!(#m);));
    quote! {
        #(#errors)*
        #items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELLS: &str = "pub enum Category {} pub enum Command {} pub enum ReplyCode {} pub enum EnhancedClass {} pub enum EnhancedSubject {} pub enum EnhancedStatus {}";

    fn generate_from(source: &str) -> String {
        let args: Args = syn::parse_str(&format!("{source}; {SHELLS}")).unwrap();
        crate::generate(&args).to_string()
    }

    fn row(table: &str, keys: &[(&str, &str)]) -> String {
        let mut row = format!("\n[[{table}]]\n");
        for (key, value) in keys {
            row += &format!("{key} = {value}\n");
        }
        row
    }

    fn reply(code: &str, variant: &str, description: &str) -> String {
        row(
            "reply",
            &[
                ("code", code),
                ("variant", variant),
                ("name", &format!("\"Name {code}\"")),
                ("description", description),
                ("when", "\"w\""),
                ("remediation", "\"r\""),
                ("triggers", "[]"),
                ("standard", "false"),
                ("rfcs", "[]"),
            ],
        )
    }

    fn numbered(table: &str, key: &str, number: &str, variant: &str) -> String {
        row(
            table,
            &[
                (key, number),
                ("variant", variant),
                ("name", &format!("\"{table} {number}\"")),
                ("description", "\"d\""),
            ],
        )
    }

    #[test]
    fn the_stand_in_leaves_out_what_cannot_be_generated_and_keeps_the_rest() {
        let toml = [
            numbered("category", "digit", "2", "\"PositiveCompletion\""),
            // Not an identifier: left out, and with it 550, whose category it was.
            numbered("category", "digit", "5", "\"5xx\""),
            row(
                "command",
                &[
                    ("verb", "\"NOOP\""),
                    ("variant", "\"Noop\""),
                    ("name", "\"n\""),
                    ("description", "\"d\""),
                    ("rfcs", "[]"),
                ],
            ),
            // Empty text does not keep a row from being generated.
            reply("250", "\"Ok\"", "\"\""),
            reply("550", "\"Refused\"", "\"d\""),
            // The second `Ok` is left out; the first stays.
            reply("251", "\"Ok\"", "\"d\""),
            numbered("enhanced_class", "class", "2", "\"Success\""),
            numbered("enhanced_subject", "subject", "0", "\"Other\""),
            row(
                "enhanced",
                &[
                    ("code", "\"X.0.0\""),
                    ("variant", "\"OtherUndefinedStatus\""),
                    ("name", "\"n\""),
                    ("description", "\"d\""),
                    ("when", "\"w\""),
                    ("remediation", "\"r\""),
                    ("classes", "[2]"),
                    ("basic", "[250]"),
                    ("rfcs", "[3463]"),
                ],
            ),
        ]
        .concat();
        let out = generate_from(&format!("toml = {toml:?}"));
        // Only the problems in the data are reported, not what leaving rows out caused.
        assert_eq!(out.matches("compile_error").count(), 3, "{out}");
        assert!(
            out.contains("variant \\\"5xx\\\" is not a Rust identifier"),
            "{out}"
        );
        assert!(out.contains("`description` is empty"), "{out}");
        assert!(out.contains("duplicate `ReplyCode` variant"), "{out}");
        for kept in [
            "PositiveCompletion = 2",
            "Ok = 250",
            "Noop",
            "OtherUndefinedStatus",
        ] {
            assert!(out.contains(kept), "{kept} is missing: {out}");
        }
        for left_out in ["5xx =", "Refused", "= 251"] {
            assert!(!out.contains(left_out), "{left_out} is generated: {out}");
        }
        assert!(out.contains("pub const ALL"), "{out}");
    }

    #[test]
    fn data_that_cannot_be_read_still_gets_every_item() {
        let out = generate_from("file = \"/nonexistent/codes.toml\"");
        assert_eq!(out.matches("compile_error").count(), 1, "{out}");
        assert!(out.contains("pub const fn from_u16"), "{out}");
        assert!(out.contains("pub const fn from_parts"), "{out}");
        let out = generate_from("toml = \"[[reply]\"");
        assert_eq!(out.matches("compile_error").count(), 1, "{out}");
        assert!(out.contains("pub const fn enhanced_codes"), "{out}");
    }
}
