//! The enhanced status code enums (RFC 3463): classes, subjects and the registered codes, and the
//! map between registered codes and basic reply codes.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::Ident;

use super::{
    FACTS, Names, NumberedApi, accessor, cell, ident, markdown, numbered_docs, numbered_enum,
    rfc_links, rfc_literals, shell,
};
use crate::args::Args;
use crate::checked::{Checked, Enhanced};
use crate::model::ReplyRow;

/// Markdown links to the registered codes associated with a basic reply, for its docs.
pub fn links_for(reply: &ReplyRow, checked: &Checked<'_>, names: &Names<'_>) -> String {
    let links: Vec<String> = checked
        .enhanced_for(reply)
        .map(|e| {
            format!(
                "[X.{}.{}]({}::{})",
                e.subject, e.detail, names.enhanced, e.row.variant.value
            )
        })
        .collect();
    if links.is_empty() {
        "none registered".to_owned()
    } else {
        links.join(", ")
    }
}

pub fn expand(args: &Args, names: &Names<'_>, checked: &Checked<'_>) -> TokenStream {
    let class = class_enum(args, names, checked);
    let subject = subject_enum(args, names, checked);
    let status = status_enum(args, names, checked);
    let map = reply_map(names, checked);
    quote! {
        #class
        #subject
        #status
        #map
    }
}

fn class_enum(args: &Args, names: &Names<'_>, checked: &Checked<'_>) -> TokenStream {
    let ty = names.class;
    let (table, variants) = numbered_docs(
        ty,
        &checked.classes,
        "\n\n# Classes\n\n| Class | Name | Registered codes used with it |\n|---|---|---|\n",
        |number| format!("{number}.X.X"),
        |row| {
            let count = checked.with_class(row).count();
            (count.to_string(), String::new())
        },
    );
    let api = NumberedApi {
        int: quote!(u8),
        all: "Every class, ascending.",
        from: (
            "from_digit",
            "The class with this number, or `None` if there is none.",
        ),
        get: (
            "digit",
            "The class number: the first part of an enhanced status code.",
        ),
        name: "The class's name, such as `\"Permanent Failure\"`.",
        description: "What a code of this class reports.",
    };
    numbered_enum(&args.class, &api, &table, &variants)
}

fn subject_enum(args: &Args, names: &Names<'_>, checked: &Checked<'_>) -> TokenStream {
    let ty = names.subject;
    let (table, variants) = numbered_docs(
        ty,
        &checked.subjects,
        "\n\n# Subjects\n\n| Subject | Name | Registered codes |\n|---|---|---|\n",
        |number| format!("X.{number}.X"),
        |row| {
            let members: Vec<String> = checked
                .of_subject(row)
                .map(|e| {
                    format!(
                        "[X.{}.{}]({}::{})",
                        e.subject, e.detail, names.enhanced, e.row.variant.value
                    )
                })
                .collect();
            let listed = if members.is_empty() {
                "none".to_owned()
            } else {
                members.join(", ")
            };
            (
                members.len().to_string(),
                format!("\n\n**Registered codes:** {listed}"),
            )
        },
    );
    let api = NumberedApi {
        int: quote!(u16),
        all: "Every subject, ascending.",
        from: (
            "from_number",
            "The subject with this number, or `None` if the table has none.",
        ),
        get: (
            "number",
            "The subject number: the second part of an enhanced status code.",
        ),
        name: "The subject's name, such as `\"Addressing Status\"`.",
        description: "What the codes of this subject report on.",
    };
    numbered_enum(&args.subject, &api, &table, &variants)
}

fn status_enum(args: &Args, names: &Names<'_>, checked: &Checked<'_>) -> TokenStream {
    let (enhanced, classes) = (&checked.enhanced, &checked.classes);
    let (ty, class_ty, subject_ty, reply_ty) =
        (names.enhanced, names.class, names.subject, names.reply);
    let variants: Vec<Ident> = enhanced
        .iter()
        .map(|e| ident(&e.row.variant.value))
        .collect();
    let subject: Vec<Literal> = enhanced
        .iter()
        .map(|e| Literal::u16_unsuffixed(e.subject))
        .collect();
    let detail: Vec<Literal> = enhanced
        .iter()
        .map(|e| Literal::u16_unsuffixed(e.detail))
        .collect();
    let subject_variant: Vec<Ident> = enhanced
        .iter()
        .map(|e| ident(&e.subject_row.variant.value))
        .collect();
    let name: Vec<&str> = enhanced.iter().map(|e| e.row.name.value.as_str()).collect();
    let description: Vec<&str> = enhanced
        .iter()
        .map(|e| e.row.description.value.as_str())
        .collect();
    let when: Vec<&str> = enhanced.iter().map(|e| e.row.when.value.as_str()).collect();
    let remediation: Vec<&str> = enhanced
        .iter()
        .map(|e| e.row.remediation.value.as_str())
        .collect();
    let class_variants: Vec<Vec<Ident>> = enhanced
        .iter()
        .map(|e| e.classes.iter().map(|c| ident(&c.variant.value)).collect())
        .collect();
    let basic: Vec<Vec<Ident>> = enhanced
        .iter()
        .map(|e| e.basic.iter().map(|r| ident(&r.variant.value)).collect())
        .collect();
    let rfcs: Vec<Vec<Literal>> = enhanced.iter().map(|e| rfc_literals(&e.rfcs)).collect();
    let reference: Vec<TokenStream> = enhanced
        .iter()
        .map(|e| match &e.row.reference {
            Some(r) => {
                let text = r.value.as_str();
                quote!(::core::option::Option::Some(#text))
            }
            None => quote!(::core::option::Option::None),
        })
        .collect();

    // basic_codes_in_class: one arm per (code, class) pair that has associated basic codes.
    let mut in_class = Vec::new();
    for (e, variant) in enhanced.iter().zip(&variants) {
        for &class in classes {
            let matching: Vec<Ident> = e
                .basic
                .iter()
                .filter(|r| r.code.value / 100 == class.number.value)
                .map(|r| ident(&r.variant.value))
                .collect();
            if !matching.is_empty() {
                let digit = Literal::i64_unsuffixed(class.number.value);
                in_class.push(quote! { (#ty::#variant, #digit) => &[#(#reply_ty::#matching),*], });
            }
        }
    }

    let mut table = String::from(
        "\n\n# Registered codes\n\n| Code | Name | Classes | Basic codes |\n|---|---|---|---|\n",
    );
    let mut declared = Vec::new();
    for (e, variant) in enhanced.iter().zip(&variants) {
        let class_list: Vec<String> = e
            .classes
            .iter()
            .map(|c| c.number.value.to_string())
            .collect();
        let basic_links: Vec<String> = e
            .basic
            .iter()
            .map(|r| format!("[{}]({reply_ty}::{})", r.code.value, r.variant.value))
            .collect();
        let basic_text = if basic_links.is_empty() {
            "none given".to_owned()
        } else {
            basic_links.join(", ")
        };
        table += &format!(
            "| [X.{}.{}]({ty}::{variant}) | {} | {} | {} |\n",
            e.subject,
            e.detail,
            cell(&e.row.name.value),
            class_list.join(", "),
            basic_text
        );
        let class_links: Vec<String> = e
            .classes
            .iter()
            .map(|c| {
                format!(
                    "[{}]({class_ty}::{}) ({})",
                    c.number.value,
                    c.variant.value,
                    cell(&c.name.value)
                )
            })
            .collect();
        let doc = format!(
            "# X.{}.{} {}\n\n{}\n\n**When you see it:** {}\n\n**What to do:** {}\n\n\
             {FACTS}\
             | Subject | [`{sv}`]({subject_ty}::{sv}): X.{}.X, {} |\n\
             | Classes | {} |\n\
             | Basic codes | {} |\n\
             | References | {} |\n",
            e.subject,
            e.detail,
            markdown(&e.row.name.value),
            markdown(&e.row.description.value),
            markdown(&e.row.when.value),
            markdown(&e.row.remediation.value),
            e.subject,
            cell(&e.subject_row.name.value),
            class_links.join(", "),
            basic_text,
            references(e),
            sv = e.subject_row.variant.value,
        );
        declared.push(quote! { #[doc = #doc] #variant });
    }
    let acc_subject = accessor(
        ty,
        &variants,
        "subject",
        "The subject number: the middle part, `1` in X.1.1.",
        quote!(u16),
        subject.iter().map(|v| quote!(#v)),
    );
    let acc_detail = accessor(
        ty,
        &variants,
        "detail",
        "The detail number: the last part, `1` in X.1.1.",
        quote!(u16),
        detail.iter().map(|v| quote!(#v)),
    );
    let acc_subject_entry = accessor(
        ty,
        &variants,
        "subject_entry",
        "The subject's entry in the subject table.",
        quote!(#subject_ty),
        subject_variant.iter().map(|v| quote!(#subject_ty::#v)),
    );
    let acc_name = accessor(
        ty,
        &variants,
        "name",
        "The short name (the registry's summary), such as `\"Bad destination mailbox address\"`.",
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
        "The situations in which servers send it.",
        quote!(&'static str),
        when.iter().map(|v| quote!(#v)),
    );
    let acc_remediation = accessor(
        ty,
        &variants,
        "remediation",
        "What the sender or operator should do about it.",
        quote!(&'static str),
        remediation.iter().map(|v| quote!(#v)),
    );
    let acc_classes = accessor(
        ty,
        &variants,
        "classes",
        "The classes the IANA registry means the code for, ascending: the registry's statement, not a rule servers keep (see [`is_used_with`](Self::is_used_with)).",
        quote!(&'static [#class_ty]),
        class_variants.iter().map(|v| quote!(&[#(#class_ty::#v),*])),
    );
    let acc_basic_codes = accessor(
        ty,
        &variants,
        "basic_codes",
        "The basic reply codes the registry associates with the code, ascending.",
        quote!(&'static [#reply_ty]),
        basic.iter().map(|v| quote!(&[#(#reply_ty::#v),*])),
    );
    let acc_rfcs = accessor(
        ty,
        &variants,
        "rfcs",
        "The RFCs that define or registered the code.",
        quote!(&'static [u16]),
        rfcs.iter().map(|v| quote!(&[#(#v),*])),
    );
    let acc_reference = accessor(
        ty,
        &variants,
        "reference",
        "The registry's reference when it is not an RFC, such as an Internet-Draft.",
        quote!(::core::option::Option<&'static str>),
        reference.iter().map(|v| quote!(#v)),
    );
    let declaration = shell(&args.enhanced, &table, TokenStream::new(), &declared);
    quote! {
        #declaration

        impl #ty {
            /// Every registered code, ascending by subject, then detail.
            pub const ALL: &'static [#ty] = &[#(#ty::#variants),*];

            /// The registered code with this subject and detail, or `None`.
            #[must_use]
            pub const fn from_parts(subject: u16, detail: u16) -> ::core::option::Option<#ty> {
                match (subject, detail) {
                    #((#subject, #detail) => ::core::option::Option::Some(#ty::#variants),)*
                    _ => ::core::option::Option::None,
                }
            }

            #acc_subject

            #acc_detail

            #acc_subject_entry

            #acc_name

            #acc_description

            #acc_when_seen

            #acc_remediation

            #acc_classes

            #acc_basic_codes

            /// The associated basic reply codes whose first digit is `class`, ascending.
            #[must_use]
            pub const fn basic_codes_in_class(self, class: u8) -> &'static [#reply_ty] {
                match (self, class) {
                    #(#in_class)*
                    _ => &[],
                }
            }

            #acc_rfcs

            #acc_reference
        }
    }
}

/// The RFC links and any other reference, for the docs.
fn references(e: &Enhanced<'_>) -> String {
    match &e.row.reference {
        Some(reference) if e.rfcs.is_empty() => format!("`{}`", reference.value),
        Some(reference) => format!("{}, `{}`", rfc_links(&e.rfcs), reference.value),
        None => rfc_links(&e.rfcs),
    }
}

/// `ReplyCode::enhanced_codes`: the reverse of `basic_codes`.
fn reply_map(names: &Names<'_>, checked: &Checked<'_>) -> TokenStream {
    let (reply_ty, ty) = (names.reply, names.enhanced);
    let arms = checked.replies.iter().map(|reply| {
        let variant = ident(&reply.row.variant.value);
        let codes = checked
            .enhanced_for(reply.row)
            .map(|e| ident(&e.row.variant.value));
        quote! { #reply_ty::#variant => &[#(#ty::#codes),*], }
    });
    quote! {
        impl #reply_ty {
            /// The registered enhanced status codes the registry associates with this reply code,
            /// ascending by subject and detail.
            #[must_use]
            pub const fn enhanced_codes(self) -> &'static [#ty] {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}
