//! The small numbered enums: `Category` (a reply's first digit), `EnhancedClass` and
//! `EnhancedSubject` (the first and middle numbers of an enhanced status code). Their
//! discriminants are the numbers of their tables.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::DeriveInput;

use super::docs::{self, NumberedDocs};
use super::{Context, Enum, Item, ident};
use crate::model::NumberedRow;

/// What differs between the numbered enums: the integer type, method names and docs.
pub struct Numbered {
    /// `u8` or `u16`: the enum's representation and the number's type.
    int: &'static str,
    all: &'static str,
    /// The constructor's name and doc, such as `from_digit`.
    from: (&'static str, &'static str),
    /// The getter's name and doc, such as `digit`; also the constructor's parameter.
    get: (&'static str, &'static str),
    name: &'static str,
    description: &'static str,
    docs: NumberedDocs,
}

pub const CATEGORY: Numbered = Numbered {
    int: "u8",
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
    docs: docs::CATEGORIES,
};

pub const CLASS: Numbered = Numbered {
    int: "u8",
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
    docs: docs::CLASSES,
};

pub const SUBJECT: Numbered = Numbered {
    int: "u16",
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
    docs: docs::SUBJECTS,
};

/// The items of a numbered enum, in the order they are generated.
pub fn items<'r>(api: &'static Numbered) -> Vec<Item<&'r NumberedRow>> {
    vec![
        Item::whole("ALL", move |e: &Enum<'_, '_, '_, &NumberedRow>| {
            let (ty, variants, doc) = (e.ty, &e.variants, api.all);
            quote! {
                #[doc = #doc]
                pub const ALL: &'static [#ty] = &[#(#ty::#variants),*];
            }
        }),
        Item::whole(api.from.0, move |e: &Enum<'_, '_, '_, &NumberedRow>| {
            let (ty, variants, doc) = (e.ty, &e.variants, api.from.1);
            let (from, get, int) = (ident(api.from.0), ident(api.get.0), ident(api.int));
            let numbers = e.rows.iter().map(|r| number(r));
            quote! {
                #[doc = #doc]
                #[must_use]
                pub const fn #from(#get: #int) -> ::core::option::Option<#ty> {
                    match #get {
                        #(#numbers => ::core::option::Option::Some(#ty::#variants),)*
                        _ => ::core::option::Option::None,
                    }
                }
            }
        }),
        Item::whole(api.get.0, move |_: &Enum<'_, '_, '_, &NumberedRow>| {
            let (get, int, doc) = (ident(api.get.0), ident(api.int), api.get.1);
            quote! {
                #[doc = #doc]
                #[must_use]
                pub const fn #get(self) -> #int {
                    self as #int
                }
            }
        }),
        Item::text("name", api.name, |r| &r.name),
        Item::text("description", api.description, |r| &r.description),
    ]
}

fn number(row: &NumberedRow) -> Literal {
    Literal::i64_unsuffixed(row.number.value)
}

/// The enum declared by `shell`, with the variants of `rows` and its items.
pub fn expand(
    shell: &DeriveInput,
    api: &'static Numbered,
    rows: &[&NumberedRow],
    cx: &Context<'_, '_>,
) -> TokenStream {
    let e = Enum::new(shell, rows, |r| &r.variant.value, cx);
    e.generate(
        &docs::numbered(e.ty, rows, &api.docs, cx),
        Some((ident(api.int), |r| number(r))),
        &items(api),
    )
}
