//! `ReplyCode`: the basic reply codes, whose discriminants are the codes.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::DeriveInput;

use super::{Context, Enum, Item, docs, ident, values};
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
        Item::text(
            "name",
            "The short name (the usual reason phrase), such as `\"OK\"` for 250.",
            |r| &r.row.name,
        ),
        Item::text("description", "What the code means.", |r| {
            &r.row.description
        }),
        Item::text(
            "when_seen",
            "The situation in which servers send it.",
            |r| &r.row.when,
        ),
        Item::text(
            "remediation",
            "What the client, sender or operator should do about it.",
            |r| &r.row.remediation,
        ),
        Item::optional_text("summary", super::SUMMARY_DOC, |r| r.row.summary.as_ref()),
        Item::optional_text("quick_fix", super::QUICK_FIX_DOC, |r| {
            r.row.quick_fix.as_ref()
        }),
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
            "related",
            "The codes people confuse with this one, ascending: compare them before choosing\n(`214` and `250`, `450` and `550`).",
            |cx| values::slice(cx.names.reply),
            |r, cx| {
                let related = cx
                    .checked
                    .replies
                    .iter()
                    .filter(|other| r.related.contains(&other.code))
                    .map(|other| other.row.variant.value.as_str());
                values::variants(cx.names.reply, related)
            },
        ),
        Item::accessor(
            "triggers",
            "The commands (and session events) after which a server sends this code.",
            |cx| values::slice(cx.names.command),
            |r, cx| {
                let triggers = r.triggers.iter().map(|c| c.variant.value.as_str());
                values::variants(cx.names.command, triggers)
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
            |cx| values::slice(cx.names.enhanced),
            |r, cx| {
                let codes = cx.checked.enhanced_for(r.row);
                values::variants(
                    cx.names.enhanced,
                    codes.map(|e| e.row.variant.value.as_str()),
                )
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

pub fn expand(shell: &DeriveInput, cx: &Context<'_, '_>) -> TokenStream {
    Enum::new(shell, &cx.checked.replies, |r| &r.row.variant.value, cx).generate(
        &docs::replies(cx),
        Some((ident("u16"), |r| Literal::u16_unsuffixed(r.code))),
        &with_reason(items()),
    )
}

/// The items, and `reason` when the caller declared `Reason`.
fn with_reason<'a>(mut items: Vec<Item<Reply<'a>>>) -> Vec<Item<Reply<'a>>> {
    items.push(Item::whole("reason", |e: &Enum<'_, '_, '_, Reply<'_>>| {
        super::reason::accessor(e, "Why a reply with this code failed, when nothing more is known: the reason the data\ngives the code. The rules in `Reply::diagnose` read the text and say more.", |r| r.reason)
    }));
    items
}
