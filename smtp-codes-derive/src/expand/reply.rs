//! `ReplyCode`: the basic reply codes, whose discriminants are the codes.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::DeriveInput;

use super::{Context, Enum, Item, docs, ident, shell, values};
use crate::checked::Reply;

/// The items of `ReplyCode`, in the order they are generated.
pub fn items<'a>() -> Vec<Item<Reply<'a>>> {
    vec![
        Item::whole("ALL", |e: &Enum<'_, '_, '_, Reply<'_>>| {
            let (ty, variants) = (e.ty, &e.variants);
            quote! {
                /// Every reply code in the table, ascending by number.
                pub const ALL: &'static [#ty] = &[#(#ty::#variants),*];
            }
        }),
        Item::whole("from_u16", from_u16),
        Item::whole("code", |_: &Enum<'_, '_, '_, Reply<'_>>| {
            quote! {
                /// The three-digit number, such as `250`.
                #[must_use]
                pub const fn code(self) -> u16 {
                    self as u16
                }
            }
        }),
        Item::accessor(
            "name",
            "The short name (the usual reason phrase), such as `\"OK\"` for 250.",
            values::text,
            |r, _| values::string(&r.row.name),
        ),
        Item::accessor(
            "description",
            "What the code means.",
            values::text,
            |r, _| values::string(&r.row.description),
        ),
        Item::accessor(
            "when_seen",
            "The situation in which servers send it.",
            values::text,
            |r, _| values::string(&r.row.when),
        ),
        Item::accessor(
            "remediation",
            "What the client, sender or operator should do about it.",
            values::text,
            |r, _| values::string(&r.row.remediation),
        ),
        Item::accessor(
            "category",
            "The category, chosen by the first digit.",
            |cx| {
                let category = cx.names.category;
                quote!(#category)
            },
            |r, cx| {
                let (category, variant) = (cx.names.category, ident(&r.category.variant.value));
                quote!(#category::#variant)
            },
        ),
        Item::accessor(
            "triggers",
            "The commands (and session events) after which a server sends this code.",
            |cx| {
                let command = cx.names.command;
                quote!(&'static [#command])
            },
            |r, cx| {
                let command = cx.names.command;
                let triggers = r.triggers.iter().map(|c| ident(&c.variant.value));
                quote!(&[#(#command::#triggers),*])
            },
        ),
        Item::accessor(
            "is_standard",
            "`true` when an RFC defines the code; `false` for codes that only some servers use.",
            values::flag,
            |r, _| {
                let standard = r.row.standard;
                quote!(#standard)
            },
        ),
        Item::accessor(
            "rfcs",
            "The RFCs that define or use the code.",
            values::numbers,
            |r, _| values::rfcs(&r.rfcs),
        ),
        Item::accessor(
            "enhanced_codes",
            "The registered enhanced status codes the registry associates with this reply code,\nascending by subject and detail.",
            |cx| {
                let enhanced = cx.names.enhanced;
                quote!(&'static [#enhanced])
            },
            |r, cx| {
                let enhanced = cx.names.enhanced;
                let codes = cx
                    .checked
                    .enhanced_for(r.row)
                    .map(|e| ident(&e.row.variant.value));
                quote!(&[#(#enhanced::#codes),*])
            },
        ),
    ]
}

fn from_u16(e: &Enum<'_, '_, '_, Reply<'_>>) -> TokenStream {
    let (ty, variants, category) = (e.ty, &e.variants, e.cx.names.category);
    // The codes run from 200 to 599, so the slots from 0 to 399.
    let slots = e.rows.iter().map(|r| Literal::u16_unsuffixed(r.code - 200));
    let none = quote!([const { ::core::option::Option::None }; 400]);
    // Without variants there is nothing to fill in, and a `let mut` would draw a warning.
    let lookup = if variants.is_empty() {
        none
    } else {
        quote! {{
            let mut table = #none;
            #(table[#slots] = ::core::option::Option::Some(#ty::#variants);)*
            table
        }}
    };
    quote! {
        /// The reply code with this number, or `None` when the table has no such code.
        ///
        /// A well-formed code that is not in the table still has a category:
        #[doc = concat!(" see [`", stringify!(#category), "::from_code`].")]
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
    }
}

pub fn expand(shell_: &DeriveInput, cx: &Context<'_, '_>) -> TokenStream {
    let rows = &cx.checked.replies;
    let e = Enum {
        ty: &shell_.ident,
        rows,
        variants: rows.iter().map(|r| ident(&r.row.variant.value)).collect(),
        cx,
    };
    let docs = docs::replies(cx);
    let declared: Vec<TokenStream> = docs
        .variants
        .iter()
        .zip(rows.iter().zip(&e.variants))
        .map(|(doc, (reply, variant))| {
            let number = Literal::u16_unsuffixed(reply.code);
            quote! { #[doc = #doc] #variant = #number }
        })
        .collect();
    let declaration = shell(shell_, &docs.table, quote!(#[repr(u16)]), &declared);
    let items = e.items(&items());
    quote! {
        #declaration

        #items
    }
}
