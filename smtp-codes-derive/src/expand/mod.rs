//! Stage 5: the generated code. Plain enums with explicit discriminants and one `match` per
//! accessor, every path fully qualified; the docs on each variant come from the data.
//!
//! Each generated enum has a module holding its table of items (`numbered` for categories,
//! classes and subjects, then `command`, `reply` and `enhanced`); `docs` writes all the markdown.
//! An item is one row of such a table: most are accessors, a name, a doc, a return type and how
//! to read the value from a checked row. The same tables name the items that variants may not
//! take (see `items`).

pub mod command;
mod docs;
pub mod enhanced;
pub mod numbered;
pub mod reason;
pub mod reply;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{DeriveInput, Ident};

use crate::args::Args;
use crate::checked::Checked;
use crate::model::Located;
use crate::source::Source;

/// The enums and their accessors, from the checked rows.
pub fn expand(args: &Args, source: &Source, checked: &Checked<'_>) -> TokenStream {
    let cx = Context {
        names: Names {
            category: &args.category.ident,
            command: &args.command.ident,
            reply: &args.reply.ident,
            class: &args.class.ident,
            subject: &args.subject.ident,
            enhanced: &args.enhanced.ident,
            reason: args.reason.as_ref().map(|r| &r.ident),
        },
        checked,
    };

    // A proc macro cannot tell cargo about the file it read; an include makes cargo rebuild the
    // calling crate whenever the data changes.
    let rebuild = source
        .path
        .as_ref()
        .and_then(|p| p.to_str())
        .map(|path| quote! { const _: &[u8] = ::core::include_bytes!(#path); });

    let category = numbered::expand(
        &args.category,
        &numbered::CATEGORY,
        &checked.categories,
        &cx,
    );
    let command = command::expand(&args.command, &cx);
    let reply = reply::expand(&args.reply, &cx);
    let class = numbered::expand(&args.class, &numbered::CLASS, &checked.classes, &cx);
    let subject = numbered::expand(&args.subject, &numbered::SUBJECT, &checked.subjects, &cx);
    let enhanced = enhanced::expand(&args.enhanced, &cx);
    let reason = args.reason.as_ref().map(|shell| reason::expand(shell, &cx));
    quote! {
        #rebuild
        #category
        #command
        #reply
        #class
        #subject
        #enhanced
        #reason
    }
}

/// What every item is generated with: the enums' names and the checked rows.
pub struct Context<'c, 'a> {
    pub names: Names<'c>,
    pub checked: &'c Checked<'a>,
}

/// The names of the enums, as the caller declared them; `Reason` is optional.
pub struct Names<'a> {
    pub category: &'a Ident,
    pub command: &'a Ident,
    pub reply: &'a Ident,
    pub class: &'a Ident,
    pub subject: &'a Ident,
    pub enhanced: &'a Ident,
    pub reason: Option<&'a Ident>,
}

/// One associated item of a generated enum: a row of the enum's table.
pub struct Item<R> {
    pub name: &'static str,
    kind: Kind<R>,
}

enum Kind<R> {
    /// `pub const fn NAME(self) -> RET`, one `match` arm per variant returning what `value`
    /// reads from its row.
    Accessor {
        doc: &'static str,
        ret: fn(&Context<'_, '_>) -> TokenStream,
        value: fn(&R, &Context<'_, '_>) -> TokenStream,
    },
    /// An accessor whose value is a text of the row.
    Text {
        doc: &'static str,
        text: fn(&R) -> &Located<String>,
    },
    /// An accessor whose value is a text the row may leave out, as an `Option`.
    OptionalText {
        doc: &'static str,
        text: fn(&R) -> Option<&Located<String>>,
    },
    /// An item written out whole (`ALL`, a constructor), with its docs.
    Whole(WholeItem<R>),
}

/// Writes an item from the whole enum; a closure, so the numbered enums can share one.
type WholeItem<R> = Box<dyn Fn(&Enum<'_, '_, '_, R>) -> TokenStream>;

impl<R> Item<R> {
    pub fn accessor(
        name: &'static str,
        doc: &'static str,
        ret: fn(&Context<'_, '_>) -> TokenStream,
        value: fn(&R, &Context<'_, '_>) -> TokenStream,
    ) -> Self {
        Item {
            name,
            kind: Kind::Accessor { doc, ret, value },
        }
    }

    /// An accessor returning a text of the row, as `&'static str`.
    pub fn text(name: &'static str, doc: &'static str, text: fn(&R) -> &Located<String>) -> Self {
        Item {
            name,
            kind: Kind::Text { doc, text },
        }
    }

    /// An accessor returning a text the row may leave out, as `Option<&'static str>`.
    pub fn optional_text(
        name: &'static str,
        doc: &'static str,
        text: fn(&R) -> Option<&Located<String>>,
    ) -> Self {
        Item {
            name,
            kind: Kind::OptionalText { doc, text },
        }
    }

    pub fn whole(
        name: &'static str,
        tokens: impl Fn(&Enum<'_, '_, '_, R>) -> TokenStream + 'static,
    ) -> Self {
        Item {
            name,
            kind: Kind::Whole(Box::new(tokens)),
        }
    }
}

/// The docs of the two one-line texts that replies, enhanced codes and reasons share.
pub const SUMMARY_DOC: &str = "A few words on what it means, for one line of output (`--short` in the CLI), when the data\ngives them.";
pub const QUICK_FIX_DOC: &str =
    "A few words on what to do, for one line of output, when the data gives them.";

/// An enum's integer type and each variant's discriminant, read from its row.
type Repr<R> = (Ident, fn(&R) -> proc_macro2::Literal);

/// A generated enum: the caller's shell, its rows in order, and one variant per row.
pub struct Enum<'e, 'c, 'a, R> {
    shell: &'e DeriveInput,
    pub ty: &'e Ident,
    pub rows: &'e [R],
    pub variants: Vec<Ident>,
    pub cx: &'e Context<'c, 'a>,
}

impl<'e, 'c, 'a, R> Enum<'e, 'c, 'a, R> {
    /// The enum declared by `shell`, with a variant per row named by `variant`.
    fn new(
        shell: &'e DeriveInput,
        rows: &'e [R],
        variant: fn(&R) -> &str,
        cx: &'e Context<'c, 'a>,
    ) -> Self {
        Enum {
            shell,
            ty: &shell.ident,
            rows,
            variants: rows.iter().map(|r| ident(variant(r))).collect(),
            cx,
        }
    }

    /// The declaration (the summary table as its doc, each variant with its doc and, with a
    /// `repr`, the discriminant read from its row), then the `items`.
    fn generate(&self, docs: &docs::Docs, repr: Option<Repr<R>>, items: &[Item<R>]) -> TokenStream {
        let declared: Vec<TokenStream> = docs
            .variants
            .iter()
            .zip(self.rows.iter().zip(&self.variants))
            .map(|(doc, (row, variant))| match &repr {
                Some((_, discriminant)) => {
                    let number = discriminant(row);
                    quote! { #[doc = #doc] #variant = #number }
                }
                None => quote! { #[doc = #doc] #variant },
            })
            .collect();
        let repr = repr.map(|(int, _)| quote!(#[repr(#int)]));
        let declaration = shell(self.shell, &docs.table, repr, &declared);
        let items = self.items(items);
        quote! {
            #declaration

            #items
        }
    }

    /// `impl TYPE { ... }` with every item of `items`, in order.
    fn items(&self, items: &[Item<R>]) -> TokenStream {
        let (ty, variants) = (self.ty, &self.variants);
        let items = items.iter().map(|item| {
            let (doc, ret, values): (&str, TokenStream, Vec<TokenStream>) = match &item.kind {
                Kind::Accessor { doc, ret, value } => (
                    doc,
                    ret(self.cx),
                    self.rows.iter().map(|row| value(row, self.cx)).collect(),
                ),
                Kind::Text { doc, text } => (
                    doc,
                    values::text(self.cx),
                    self.rows
                        .iter()
                        .map(|row| values::string(text(row)))
                        .collect(),
                ),
                Kind::OptionalText { doc, text } => (
                    doc,
                    values::optional_text(self.cx),
                    self.rows
                        .iter()
                        .map(|row| values::optional_string(text(row)))
                        .collect(),
                ),
                Kind::Whole(tokens) => return tokens(self),
            };
            let name = ident(item.name);
            quote! {
                #[doc = #doc]
                #[must_use]
                pub const fn #name(self) -> #ret {
                    match self {
                        #(#ty::#variants => #values,)*
                    }
                }
            }
        });
        quote! {
            impl #ty {
                #(#items)*
            }
        }
    }
}

fn ident(name: &str) -> Ident {
    format_ident!("{}", name)
}

/// The enum itself: the caller's attributes, the summary table as its doc, and the variants.
fn shell(
    shell: &DeriveInput,
    docs: &str,
    repr: Option<TokenStream>,
    variants: &[TokenStream],
) -> TokenStream {
    let (attrs, vis, name) = (&shell.attrs, &shell.vis, &shell.ident);
    // Rust refuses a `repr` on an enum without variants, which the stand-in for broken data can be.
    let repr = repr.filter(|_| !variants.is_empty());
    quote! {
        #(#attrs)*
        #[doc = #docs]
        #repr
        #vis enum #name {
            #(#variants),*
        }
    }
}

/// Return types and values shared by several tables.
mod values {
    use proc_macro2::{Literal, TokenStream};
    use quote::quote;
    use syn::Ident;

    use super::Context;
    use crate::model::Located;

    pub fn text(_: &Context<'_, '_>) -> TokenStream {
        quote!(&'static str)
    }

    pub fn flag(_: &Context<'_, '_>) -> TokenStream {
        quote!(bool)
    }

    pub fn number(_: &Context<'_, '_>) -> TokenStream {
        quote!(u16)
    }

    pub fn numbers(_: &Context<'_, '_>) -> TokenStream {
        quote!(&'static [u16])
    }

    pub fn string(text: &Located<String>) -> TokenStream {
        let text = text.value.as_str();
        quote!(#text)
    }

    pub fn optional_text(_: &Context<'_, '_>) -> TokenStream {
        quote!(::core::option::Option<&'static str>)
    }

    /// An optional text of the row, as `Some("...")` or `None`.
    pub fn optional_string(text: Option<&Located<String>>) -> TokenStream {
        match text {
            Some(text) => {
                let text = string(text);
                quote!(::core::option::Option::Some(#text))
            }
            None => quote!(::core::option::Option::None),
        }
    }

    /// A slice of another generated enum, as a return type.
    pub fn slice(ty: &Ident) -> TokenStream {
        quote!(&'static [#ty])
    }

    /// `&[Ty::A, Ty::B]`: the variants of `ty` with these names.
    pub fn variants<'v>(ty: &Ident, names: impl Iterator<Item = &'v str>) -> TokenStream {
        let names = names.map(super::ident);
        quote!(&[#(#ty::#names),*])
    }

    pub fn rfcs(rfcs: &[u16]) -> TokenStream {
        let rfcs = rfcs.iter().map(|&r| Literal::u16_unsuffixed(r));
        quote!(&[#(#rfcs),*])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Problems;
    use crate::items;

    fn expand_inline(toml: &str) -> TokenStream {
        let input = format!(
            "toml = {toml:?}; pub enum Category {{}} pub enum Command {{}} pub enum ReplyCode {{}} pub enum EnhancedClass {{}} pub enum EnhancedSubject {{}} pub enum EnhancedStatus {{}}"
        );
        let args: Args = syn::parse_str(&input).unwrap();
        let source = Source::inline(toml);
        let document = crate::load::parse(&source).unwrap();
        let mut problems = Problems::default();
        let codes = crate::model::build(&document, &mut problems);
        let checked = crate::validate::check(&codes, &source, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        expand(&args, &source, &checked)
    }

    const TWO_REPLIES: &str = r#"
[[category]]
digit = 5
variant = "PermanentNegative"
name = "Permanent"
description = "Refused."

[[category]]
digit = 2
variant = "PositiveCompletion"
name = "Positive"
description = "Done."

[[command]]
verb = "RCPT"
variant = "Rcpt"
name = "Recipient"
description = "Adds a recipient."
rfcs = [5321]

[[reply]]
code = 550
variant = "Refused"
name = "Refused <x>"
description = "No."
when = "At RCPT."
remediation = "Fix it."
triggers = ["RCPT"]
standard = true
rfcs = [5321]

[[reply]]
code = 250
variant = "Ok"
name = "OK"
description = "Yes."
when = "At RCPT."
remediation = "Nothing."
triggers = []
standard = false
rfcs = []

[[enhanced_class]]
class = 2
variant = "Success"
name = "Success"
description = "It worked."

[[enhanced_subject]]
subject = 0
variant = "Other"
name = "Other or Undefined Status"
description = "Nothing more specific."

[[enhanced]]
code = "X.0.0"
variant = "OtherUndefinedStatus"
name = "Other undefined Status"
description = "Only the class is known."
when = "Anywhere."
remediation = "Read the text."
classes = [2]
basic = []
rfcs = [3463]
"#;

    #[test]
    fn generates_sorted_variants_with_discriminants_and_docs() {
        let out = expand_inline(TWO_REPLIES).to_string();
        let ok = out.find("Ok = 250").expect("250 declared");
        let refused = out.find("Refused = 550").expect("550 declared");
        assert!(ok < refused, "variants ascend by code");
        assert!(out.contains("# 550 Refused &lt;x&gt;"), "escaped heading");
        assert!(out.contains("[`RCPT`](Command::Rcpt)"), "trigger link");
        assert!(out.contains("ReplyCode :: Refused => Category :: PermanentNegative"));
        assert!(out.contains("Command :: Rcpt => & [ReplyCode :: Refused]"));
        // Inline data has no file for cargo to watch.
        assert!(!out.contains("include_bytes"));
    }

    #[test]
    fn each_variants_table_of_facts_has_a_header() {
        let out = expand_inline(TWO_REPLIES).to_string();
        // The doc strings appear escaped in the tokens: a newline is `\n`.
        assert!(!out.contains("| | |"), "a header row with empty cells");
        let header = "| Property | Value |\\n|---|---|\\n";
        assert_eq!(out.matches(&format!("{header}| Category |")).count(), 2);
        assert_eq!(out.matches(&format!("{header}| Subject |")).count(), 1);
    }

    /// The names of the items in each `impl NAME { ... }` block of the output, by type name.
    fn impl_items(out: TokenStream) -> Vec<(String, Vec<String>)> {
        use proc_macro2::TokenTree;
        let tokens: Vec<TokenTree> = out.into_iter().collect();
        let mut found: Vec<(String, Vec<String>)> = Vec::new();
        for window in tokens.windows(3) {
            let [
                TokenTree::Ident(kw),
                TokenTree::Ident(ty),
                TokenTree::Group(body),
            ] = window
            else {
                continue;
            };
            if kw != "impl" {
                continue;
            }
            let body: Vec<TokenTree> = body.stream().into_iter().collect();
            let mut names = Vec::new();
            for pair in body.windows(2) {
                if let [TokenTree::Ident(kw), TokenTree::Ident(name)] = pair {
                    // `pub const fn name` and `pub const ALL`: the word after `fn` or `const`.
                    if (kw == "fn" || kw == "const") && name != "fn" {
                        names.push(name.to_string());
                    }
                }
            }
            match found.iter_mut().find(|(t, _)| t == &ty.to_string()) {
                Some((_, all)) => all.extend(names),
                None => found.push((ty.to_string(), names)),
            }
        }
        found
    }

    fn args() -> Args {
        syn::parse_str(
            "toml = \"\"; pub enum Category {} pub enum Command {} pub enum ReplyCode {} pub enum EnhancedClass {} pub enum EnhancedSubject {} pub enum EnhancedStatus {}",
        )
        .unwrap()
    }

    /// Checks each list of `items` against the `impl` blocks in `out`.
    fn assert_items_listed(out: TokenStream) {
        let generated = impl_items(out);
        let listed = [
            ("Category", items::category()),
            ("Command", items::command()),
            ("ReplyCode", items::reply()),
            ("EnhancedClass", items::class()),
            ("EnhancedSubject", items::subject()),
            ("EnhancedStatus", items::enhanced()),
        ];
        assert_eq!(generated.len(), listed.len(), "{generated:?}");
        for (ty, list) in listed {
            let (_, names) = generated
                .iter()
                .find(|(t, _)| t == ty)
                .unwrap_or_else(|| panic!("no impl block for {ty}"));
            let mut names = names.clone();
            let mut list: Vec<String> = list.iter().map(|&n| n.to_owned()).collect();
            names.sort();
            list.sort();
            assert_eq!(names, list, "items of {ty}");
        }
    }

    #[test]
    fn the_lists_of_generated_items_match_the_generator() {
        assert_items_listed(expand_inline(TWO_REPLIES));
    }

    #[test]
    fn without_rows_every_item_is_still_generated() {
        // The stand-in for data that could not be read: enums without variants.
        let source = Source::inline("");
        let out = expand(&args(), &source, &Checked::default());
        let text = out.to_string();
        // Rust refuses a `repr` on an enum without variants; `let mut` would be an unused `mut`.
        assert!(!text.contains("repr"), "{text}");
        assert!(!text.contains("let mut"), "{text}");
        assert!(text.contains("pub enum ReplyCode { }"), "{text}");
        assert_items_listed(out);
    }

    /// The golden test: the expansion of a small table, pretty-printed, against the committed
    /// `tests/golden/two-replies.rs`, so that a change to the generated code shows in review.
    ///
    /// The file was written with rustc 1.95.0 and prettyplease 0.3.0. After a deliberate change
    /// to the generator, rewrite it with
    /// `SMTP_CODES_BLESS=1 cargo test -p smtp-codes-derive golden` and read its diff.
    #[test]
    fn golden_expansion_of_a_small_table() {
        let file: syn::File =
            syn::parse2(expand_inline(TWO_REPLIES)).expect("the expansion parses as a file");
        let pretty = prettyplease::unparse(&file);
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests")
            .join("golden")
            .join("two-replies.rs");
        if std::env::var_os("SMTP_CODES_BLESS").is_some() {
            std::fs::write(&path, &pretty).expect("write the golden file");
            return;
        }
        let golden = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "cannot read {}: {e}; write it with SMTP_CODES_BLESS=1",
                path.display()
            )
        });
        if pretty != golden {
            let line = pretty
                .lines()
                .zip(golden.lines())
                .position(|(new, old)| new != old)
                .unwrap_or_else(|| pretty.lines().count().min(golden.lines().count()));
            panic!(
                "the expansion differs from {} from line {}; if the change is meant, run with SMTP_CODES_BLESS=1 and review the diff\n--- expanded now:\n{}\n--- golden:\n{}",
                path.display(),
                line + 1,
                pretty.lines().nth(line).unwrap_or("<end>"),
                golden.lines().nth(line).unwrap_or("<end>"),
            );
        }
    }
}
