//! Stage 5: the generated code. Plain enums with explicit discriminants and one `match` per
//! accessor, every path fully qualified; the docs on each variant come from the data.
//!
//! This file generates the basic reply codes; `enhanced` the enhanced status codes.

mod enhanced;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use syn::{DeriveInput, Ident};

use crate::args::Args;
use crate::checked::Checked;
use crate::model::{NumberedRow, ReplyRow};
use crate::source::Source;

/// The enums and their accessors, from the checked rows.
pub fn expand(args: &Args, source: &Source, checked: &Checked<'_>) -> TokenStream {
    let names = Names {
        category: &args.category.ident,
        command: &args.command.ident,
        reply: &args.reply.ident,
        class: &args.class.ident,
        subject: &args.subject.ident,
        enhanced: &args.enhanced.ident,
    };

    // A proc macro cannot tell cargo about the file it read; an include makes cargo rebuild the
    // calling crate whenever the data changes.
    let rebuild = source
        .path
        .as_ref()
        .and_then(|p| p.to_str())
        .map(|path| quote! { const _: &[u8] = ::core::include_bytes!(#path); });

    let category = category_enum(&args.category, &names, checked);
    let command = command_enum(&args.command, &names, checked);
    let reply = reply_enum(&args.reply, &names, checked);
    let enhanced = enhanced::expand(args, &names, checked);
    quote! {
        #rebuild
        #category
        #command
        #reply
        #enhanced
    }
}

/// The names of the six enums, as the caller declared them.
struct Names<'a> {
    category: &'a Ident,
    command: &'a Ident,
    reply: &'a Ident,
    class: &'a Ident,
    subject: &'a Ident,
    enhanced: &'a Ident,
}

fn ident(name: &str) -> Ident {
    format_ident!("{}", name)
}

fn shell(
    shell: &DeriveInput,
    docs: &str,
    repr: TokenStream,
    variants: &[TokenStream],
) -> TokenStream {
    let (attrs, vis, name) = (&shell.attrs, &shell.vis, &shell.ident);
    // Rust refuses a `repr` on an enum without variants, which the stand-in for broken data can be.
    let repr = if variants.is_empty() {
        TokenStream::new()
    } else {
        repr
    };
    quote! {
        #(#attrs)*
        #[doc = #docs]
        #repr
        #vis enum #name {
            #(#variants),*
        }
    }
}

fn category_enum(enum_: &DeriveInput, names: &Names<'_>, checked: &Checked<'_>) -> TokenStream {
    let ty = names.category;
    let (table, variants) = numbered_docs(
        ty,
        &checked.categories,
        "\n\n# Categories\n\n| Digit | Category | Codes in the table |\n|---|---|---|\n",
        |number| format!("{number}yz"),
        |row| {
            let count = checked.in_category(row).count();
            (count.to_string(), String::new())
        },
    );
    let api = NumberedApi {
        int: quote!(u8),
        all: "Every category, ascending by digit.",
        from: (
            "from_digit",
            "The category whose replies start with `digit`, or `None` if there is none.",
        ),
        get: (
            "digit",
            "The first digit shared by every reply code in this category.",
        ),
        name: "The category's name, such as `\"Positive Completion\"`.",
        description: "What a reply in this category tells the client.",
    };
    numbered_enum(enum_, &api, &table, &variants)
}

/// A variant of a small numbered enum and its documentation.
struct NumberedVariant<'a> {
    row: &'a NumberedRow,
    doc: String,
}

/// The summary table (`header` and one line per row) and the variant docs of a small
/// numbered enum. `label` writes a row's number as the table shows it (`2yz`, `5.X.X`);
/// `codes` gives what the last column shows for a row, and what its doc adds after the
/// description.
fn numbered_docs<'a>(
    ty: &Ident,
    rows: &[&'a NumberedRow],
    header: &str,
    label: impl Fn(i64) -> String,
    codes: impl Fn(&NumberedRow) -> (String, String),
) -> (String, Vec<NumberedVariant<'a>>) {
    let mut table = String::from(header);
    let mut variants = Vec::new();
    for &row in rows {
        let (column, more) = codes(row);
        let variant = &row.variant.value;
        let label = label(row.number.value);
        table += &format!(
            "| {label} | [`{variant}`]({ty}::{variant}): {} | {column} |\n",
            cell(&row.name.value)
        );
        let doc = format!(
            "# {label} {}\n\n{}{more}",
            markdown(&row.name.value),
            markdown(&row.description.value)
        );
        variants.push(NumberedVariant { row, doc });
    }
    (table, variants)
}

/// What differs between the small numbered enums: the integer type, and method names and docs.
struct NumberedApi {
    /// `u8` or `u16`: the enum's representation and the number's type.
    int: TokenStream,
    all: &'static str,
    /// The constructor's name and doc, such as `from_digit`.
    from: (&'static str, &'static str),
    /// The getter's name and doc, such as `digit`; also the constructor's parameter.
    get: (&'static str, &'static str),
    name: &'static str,
    description: &'static str,
}

/// An enum whose discriminants are the numbers of its table (categories, classes, subjects),
/// with `ALL`, a constructor from the number, the number, the name and the description.
fn numbered_enum(
    enum_: &DeriveInput,
    api: &NumberedApi,
    table: &str,
    variants: &[NumberedVariant<'_>],
) -> TokenStream {
    let ty = &enum_.ident;
    let int = &api.int;
    let idents: Vec<Ident> = variants
        .iter()
        .map(|v| ident(&v.row.variant.value))
        .collect();
    let numbers: Vec<Literal> = variants
        .iter()
        .map(|v| Literal::i64_unsuffixed(v.row.number.value))
        .collect();
    let name: Vec<&str> = variants.iter().map(|v| v.row.name.value.as_str()).collect();
    let description: Vec<&str> = variants
        .iter()
        .map(|v| v.row.description.value.as_str())
        .collect();
    let declared: Vec<TokenStream> = variants
        .iter()
        .zip(idents.iter().zip(&numbers))
        .map(|(v, (variant, number))| {
            let doc = &v.doc;
            quote! { #[doc = #doc] #variant = #number }
        })
        .collect();
    let declaration = shell(enum_, table, quote!(#[repr(#int)]), &declared);
    let (all_doc, name_doc, description_doc) = (api.all, api.name, api.description);
    let (from, from_doc) = (ident(api.from.0), api.from.1);
    let (get, get_doc) = (ident(api.get.0), api.get.1);
    quote! {
        #declaration

        impl #ty {
            #[doc = #all_doc]
            pub const ALL: &'static [#ty] = &[#(#ty::#idents),*];

            #[doc = #from_doc]
            #[must_use]
            pub const fn #from(#get: #int) -> ::core::option::Option<#ty> {
                match #get {
                    #(#numbers => ::core::option::Option::Some(#ty::#idents),)*
                    _ => ::core::option::Option::None,
                }
            }

            #[doc = #get_doc]
            #[must_use]
            pub const fn #get(self) -> #int {
                self as #int
            }

            #[doc = #name_doc]
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    #(#ty::#idents => #name,)*
                }
            }

            #[doc = #description_doc]
            #[must_use]
            pub const fn description(self) -> &'static str {
                match self {
                    #(#ty::#idents => #description,)*
                }
            }
        }
    }
}

fn command_enum(enum_: &DeriveInput, names: &Names<'_>, checked: &Checked<'_>) -> TokenStream {
    let (ty, reply_ty) = (names.command, names.reply);
    let commands = &checked.commands;
    let variants: Vec<Ident> = commands
        .iter()
        .map(|c| ident(&c.row.variant.value))
        .collect();
    let verb: Vec<&str> = commands.iter().map(|c| c.row.verb.value.as_str()).collect();
    let name: Vec<&str> = commands.iter().map(|c| c.row.name.value.as_str()).collect();
    let description: Vec<&str> = commands
        .iter()
        .map(|c| c.row.description.value.as_str())
        .collect();
    let pseudo: Vec<bool> = commands.iter().map(|c| c.row.pseudo).collect();
    let rfcs: Vec<Vec<Literal>> = commands.iter().map(|c| rfc_literals(&c.rfcs)).collect();

    let mut table =
        String::from("\n\n# Commands\n\n| Verb | Name | Replies in the table |\n|---|---|---|\n");
    let mut declared = Vec::new();
    let mut answers = Vec::new();
    for (command, variant) in commands.iter().zip(&variants) {
        let row = command.row;
        let answered: Vec<&ReplyRow> = checked.answers(row).map(|r| r.row).collect();
        let codes: Vec<String> = answered
            .iter()
            .map(|r| format!("[{}]({reply_ty}::{})", r.code.value, r.variant.value))
            .collect();
        table += &format!(
            "| [`{}`]({ty}::{variant}) | {} | {} |\n",
            row.verb.value,
            cell(&row.name.value),
            codes.join(", ")
        );
        let mut doc = format!(
            "# `{}`: {}\n\n{}\n\n",
            row.verb.value,
            markdown(&row.name.value),
            markdown(&row.description.value)
        );
        if row.pseudo {
            doc += "Not a command a client types: an event in the session that the server answers.\n\n";
        }
        doc += &format!(
            "**Replies in the table:** {}\n\n**RFCs:** {}",
            if codes.is_empty() {
                "none".to_owned()
            } else {
                codes.join(", ")
            },
            rfc_links(&command.rfcs)
        );
        declared.push(quote! { #[doc = #doc] #variant });
        let answered = answered.iter().map(|r| ident(&r.variant.value));
        answers.push(quote! { &[#(#reply_ty::#answered),*] });
    }
    let acc_verb = accessor(
        ty,
        &variants,
        "verb",
        "The verb as sent on the wire, such as `\"EHLO\"`. For the events that are not\ncommands (the connection greeting, the end of the message data) a label in angle\nbrackets.",
        quote!(&'static str),
        verb.iter().map(|v| quote!(#v)),
    );
    let acc_name = accessor(
        ty,
        &variants,
        "name",
        "The command's name, such as `\"Extended Hello\"`.",
        quote!(&'static str),
        name.iter().map(|v| quote!(#v)),
    );
    let acc_description = accessor(
        ty,
        &variants,
        "description",
        "What the command asks the server to do.",
        quote!(&'static str),
        description.iter().map(|v| quote!(#v)),
    );
    let acc_is_pseudo = accessor(
        ty,
        &variants,
        "is_pseudo",
        "`true` for events the server answers that a client does not send as a command:\nthe connection greeting and the end of the message data.",
        quote!(bool),
        pseudo.iter().map(|v| quote!(#v)),
    );
    let acc_rfcs = accessor(
        ty,
        &variants,
        "rfcs",
        "The RFCs that define the command.",
        quote!(&'static [u16]),
        rfcs.iter().map(|v| quote!(&[#(#v),*])),
    );
    let acc_replies = accessor(
        ty,
        &variants,
        "replies",
        "The reply codes a server may send after this command, ascending.",
        quote!(&'static [#reply_ty]),
        answers.iter().map(|v| quote!(#v)),
    );
    let declaration = shell(enum_, &table, TokenStream::new(), &declared);
    quote! {
        #declaration

        impl #ty {
            /// Every command, in the order a session usually meets them.
            pub const ALL: &'static [#ty] = &[#(#ty::#variants),*];

            #acc_verb

            #acc_name

            #acc_description

            #acc_is_pseudo

            #acc_rfcs

            #acc_replies
        }
    }
}

fn reply_enum(enum_: &DeriveInput, names: &Names<'_>, checked: &Checked<'_>) -> TokenStream {
    let (ty, category_ty, command_ty) = (names.reply, names.category, names.command);
    let replies = &checked.replies;
    let rows: Vec<&ReplyRow> = replies.iter().map(|r| r.row).collect();
    let variants: Vec<Ident> = rows.iter().map(|r| ident(&r.variant.value)).collect();
    // The codes run from 200 to 599, so the slots from 0 to 399.
    let slot: Vec<Literal> = replies
        .iter()
        .map(|r| Literal::u16_unsuffixed(r.code - 200))
        .collect();
    let name: Vec<&str> = rows.iter().map(|r| r.name.value.as_str()).collect();
    let description: Vec<&str> = rows.iter().map(|r| r.description.value.as_str()).collect();
    let when: Vec<&str> = rows.iter().map(|r| r.when.value.as_str()).collect();
    let remediation: Vec<&str> = rows.iter().map(|r| r.remediation.value.as_str()).collect();
    let standard: Vec<bool> = rows.iter().map(|r| r.standard).collect();
    let rfcs: Vec<Vec<Literal>> = replies.iter().map(|r| rfc_literals(&r.rfcs)).collect();
    let category: Vec<Ident> = replies
        .iter()
        .map(|r| ident(&r.category.variant.value))
        .collect();
    let triggers: Vec<Vec<Ident>> = replies
        .iter()
        .map(|r| r.triggers.iter().map(|c| ident(&c.variant.value)).collect())
        .collect();

    let mut table = String::from(
        "\n\n# All codes\n\n| Code | Name | Category | Standard |\n|---|---|---|---|\n",
    );
    let mut declared = Vec::new();
    for (reply, variant) in replies.iter().zip(&variants) {
        let (row, category) = (reply.row, reply.category);
        table += &format!(
            "| [{}]({ty}::{variant}) | {} | {} | {} |\n",
            row.code.value,
            cell(&row.name.value),
            cell(&category.name.value),
            if row.standard { "yes" } else { "no" }
        );
        let sent_after: Vec<String> = reply
            .triggers
            .iter()
            .map(|c| format!("[`{}`]({command_ty}::{})", c.verb.value, c.variant.value))
            .collect();
        let doc = format!(
            "# {} {}\n\n{}\n\n**When you see it:** {}\n\n**What to do:** {}\n\n\
             {FACTS}\
             | Category | [`{cv}`]({category_ty}::{cv}): {}yz, {} |\n\
             | Sent after | {} |\n\
             | Enhanced codes | {} |\n\
             | Standard | {} |\n\
             | RFCs | {} |\n",
            row.code.value,
            markdown(&row.name.value),
            markdown(&row.description.value),
            markdown(&row.when.value),
            markdown(&row.remediation.value),
            category.number.value,
            cell(&category.name.value),
            if sent_after.is_empty() {
                "no particular command".to_owned()
            } else {
                sent_after.join(", ")
            },
            enhanced::links_for(reply.row, checked, names),
            if row.standard {
                "yes"
            } else {
                "**no**: not defined by any RFC"
            },
            rfc_links(&reply.rfcs),
            cv = category.variant.value,
        );
        let number = Literal::u16_unsuffixed(reply.code);
        declared.push(quote! { #[doc = #doc] #variant = #number });
    }
    let acc_name = accessor(
        ty,
        &variants,
        "name",
        "The short name (the usual reason phrase), such as `\"OK\"` for 250.",
        quote!(&'static str),
        name.iter().map(|v| quote!(#v)),
    );
    let acc_description = accessor(
        ty,
        &variants,
        "description",
        "What the code means.",
        quote!(&'static str),
        description.iter().map(|v| quote!(#v)),
    );
    let acc_when_seen = accessor(
        ty,
        &variants,
        "when_seen",
        "The situation in which servers send it.",
        quote!(&'static str),
        when.iter().map(|v| quote!(#v)),
    );
    let acc_remediation = accessor(
        ty,
        &variants,
        "remediation",
        "What the client, sender or operator should do about it.",
        quote!(&'static str),
        remediation.iter().map(|v| quote!(#v)),
    );
    let acc_category = accessor(
        ty,
        &variants,
        "category",
        "The category, chosen by the first digit.",
        quote!(#category_ty),
        category.iter().map(|v| quote!(#category_ty::#v)),
    );
    let acc_triggers = accessor(
        ty,
        &variants,
        "triggers",
        "The commands (and session events) after which a server sends this code.",
        quote!(&'static [#command_ty]),
        triggers.iter().map(|v| quote!(&[#(#command_ty::#v),*])),
    );
    let acc_is_standard = accessor(
        ty,
        &variants,
        "is_standard",
        "`true` when an RFC defines the code; `false` for codes that only some servers use.",
        quote!(bool),
        standard.iter().map(|v| quote!(#v)),
    );
    let acc_rfcs = accessor(
        ty,
        &variants,
        "rfcs",
        "The RFCs that define or use the code.",
        quote!(&'static [u16]),
        rfcs.iter().map(|v| quote!(&[#(#v),*])),
    );
    let declaration = shell(enum_, &table, quote!(#[repr(u16)]), &declared);
    let none = quote!([const { ::core::option::Option::None }; 400]);
    // Without variants there is nothing to fill in, and a `let mut` would draw a warning.
    let lookup = if variants.is_empty() {
        none
    } else {
        quote! {{
            let mut table = #none;
            #(table[#slot] = ::core::option::Option::Some(#ty::#variants);)*
            table
        }}
    };

    quote! {
        #declaration

        impl #ty {
            /// Every reply code in the table, ascending by number.
            pub const ALL: &'static [#ty] = &[#(#ty::#variants),*];

            /// The reply code with this number, or `None` when the table has no such code.
            ///
            /// A well-formed code that is not in the table still has a category:
            #[doc = concat!(" see [`", stringify!(#category_ty), "::from_code`].")]
            #[must_use]
            #[inline]
            pub const fn from_u16(code: u16) -> ::core::option::Option<#ty> {
                // One slot per number from 200 to 599: a lookup, not a search.
                const TABLE: [::core::option::Option<#ty>; 400] = #lookup;
                if code >= 200 && code < 600 {
                    TABLE[(code - 200) as usize]
                } else {
                    ::core::option::Option::None
                }
            }

            /// The three-digit number, such as `250`.
            #[must_use]
            pub const fn code(self) -> u16 {
                self as u16
            }

            #acc_name

            #acc_description

            #acc_when_seen

            #acc_remediation

            #acc_category

            #acc_triggers

            #acc_is_standard

            #acc_rfcs
        }
    }
}

/// One generated accessor: `pub const fn NAME(self) -> RET` with a `match` arm per variant
/// returning that variant's value.
fn accessor(
    ty: &Ident,
    variants: &[Ident],
    name: &str,
    doc: &str,
    ret: TokenStream,
    values: impl Iterator<Item = TokenStream>,
) -> TokenStream {
    let name = ident(name);
    let values: Vec<TokenStream> = values.collect();
    quote! {
        #[doc = #doc]
        #[must_use]
        pub const fn #name(self) -> #ret {
            match self {
                #(#ty::#variants => #values,)*
            }
        }
    }
}

fn rfc_literals(rfcs: &[u16]) -> Vec<Literal> {
    rfcs.iter().map(|&r| Literal::u16_unsuffixed(r)).collect()
}

fn rfc_links(rfcs: &[u16]) -> String {
    if rfcs.is_empty() {
        return "none".to_owned();
    }
    rfcs.iter()
        .map(|r| format!("[RFC {r}](https://www.rfc-editor.org/rfc/rfc{r})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The header of the table of facts in each variant's doc (category, classes, RFCs, ...).
const FACTS: &str = "| Property | Value |\n|---|---|\n";

/// Makes data text safe for rustdoc: outside `code spans`, angle brackets would be read as HTML
/// tags and square brackets as links.
fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '[' | ']' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Text for a markdown table cell: escaped, on one line, with no bare `|`.
fn cell(text: &str) -> String {
    markdown(text).replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Problems;
    use crate::items;

    #[test]
    fn markdown_escapes_outside_code_spans_only() {
        assert_eq!(
            markdown("try <forward-path> or `<domain>` [x]"),
            "try &lt;forward-path&gt; or `<domain>` \\[x\\]"
        );
    }

    fn expand_inline(toml: &str) -> String {
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
        expand(&args, &source, &checked).to_string()
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
        let out = expand_inline(TWO_REPLIES);
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
        let out = expand_inline(TWO_REPLIES);
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
            ("Category", items::CATEGORY),
            ("Command", items::COMMAND),
            ("ReplyCode", items::REPLY),
            ("EnhancedClass", items::CLASS),
            ("EnhancedSubject", items::SUBJECT),
            ("EnhancedStatus", items::ENHANCED),
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
        let source = Source::inline(TWO_REPLIES);
        let document = crate::load::parse(&source).unwrap();
        let mut problems = Problems::default();
        let codes = crate::model::build(&document, &mut problems);
        let checked = crate::validate::check(&codes, &source, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_items_listed(expand(&args(), &source, &checked));
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

    #[test]
    fn cells_stay_on_one_line() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
