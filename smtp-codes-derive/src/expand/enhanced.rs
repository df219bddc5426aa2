//! `EnhancedStatus`: the registered enhanced status codes (RFC 3463), each with its subject,
//! classes and basic reply codes.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};
use syn::DeriveInput;

use super::{Context, Enum, Item, docs, ident, values};
use crate::checked::Enhanced;

/// The items of `EnhancedStatus`, in the order they are generated.
pub fn items<'a>() -> Vec<Item<Enhanced<'a>>> {
    vec![
        Item::whole("ALL", |e: &Enum<'_, '_, '_, Enhanced<'_>>| {
            let (ty, variants) = (e.ty, &e.variants);
            quote! {
                /// Every registered code, ascending by subject, then detail.
                pub const ALL: &'static [#ty] = &[#(#ty::#variants),*];
            }
        }),
        Item::whole("from_parts", |e: &Enum<'_, '_, '_, Enhanced<'_>>| {
            let (ty, variants) = (e.ty, &e.variants);
            let subject = e.rows.iter().map(|r| Literal::u16_unsuffixed(r.subject));
            let detail = e.rows.iter().map(|r| Literal::u16_unsuffixed(r.detail));
            quote! {
                /// The registered code with this subject and detail, or `None`.
                #[must_use]
                pub const fn from_parts(subject: u16, detail: u16) -> ::core::option::Option<#ty> {
                    match (subject, detail) {
                        #((#subject, #detail) => ::core::option::Option::Some(#ty::#variants),)*
                        _ => ::core::option::Option::None,
                    }
                }
            }
        }),
        Item::accessor(
            "subject",
            "The subject number: the middle part, `1` in X.1.1.",
            values::number,
            |e, _| Literal::u16_unsuffixed(e.subject).into_token_stream(),
        ),
        Item::accessor(
            "detail",
            "The detail number: the last part, `1` in X.1.1.",
            values::number,
            |e, _| Literal::u16_unsuffixed(e.detail).into_token_stream(),
        ),
        Item::accessor(
            "subject_entry",
            "The subject's entry in the subject table.",
            |cx| {
                let subject = cx.names.subject;
                quote!(#subject)
            },
            |e, cx| {
                let (subject, variant) = (cx.names.subject, ident(&e.subject_row.variant.value));
                quote!(#subject::#variant)
            },
        ),
        Item::text(
            "name",
            "The short name (the registry's summary), such as `\"Bad destination mailbox address\"`.",
            |e| &e.row.name,
        ),
        Item::text("description", "What the code means.", |e| {
            &e.row.description
        }),
        Item::text(
            "when_seen",
            "The situations in which servers send it.",
            |e| &e.row.when,
        ),
        Item::text(
            "remediation",
            "What the sender or operator should do about it.",
            |e| &e.row.remediation,
        ),
        Item::optional_text("summary", super::SUMMARY_DOC, |e| e.row.summary.as_ref()),
        Item::optional_text("quick_fix", super::QUICK_FIX_DOC, |e| {
            e.row.quick_fix.as_ref()
        }),
        Item::accessor(
            "classes",
            "The classes the IANA registry means the code for, ascending: the registry's statement, not a rule servers keep (see [`is_used_with`](Self::is_used_with)).",
            |cx| values::slice(cx.names.class),
            |e, cx| {
                let classes = e.classes.iter().map(|c| c.variant.value.as_str());
                values::variants(cx.names.class, classes)
            },
        ),
        Item::accessor(
            "basic_codes",
            "The basic reply codes the registry associates with the code, ascending.",
            |cx| values::slice(cx.names.reply),
            |e, cx| {
                let basic = e.basic.iter().map(|r| r.variant.value.as_str());
                values::variants(cx.names.reply, basic)
            },
        ),
        Item::whole("basic_codes_in_class", basic_codes_in_class),
        Item::accessor(
            "rfcs",
            "The RFCs that define or registered the code.",
            values::numbers,
            |e, _| values::rfcs(&e.rfcs),
        ),
        Item::optional_text(
            "reference",
            "The registry's reference when it is not an RFC, such as an Internet-Draft.",
            |e| e.row.reference.as_ref(),
        ),
    ]
}

/// One arm per (code, class) pair that has associated basic codes.
fn basic_codes_in_class(e: &Enum<'_, '_, '_, Enhanced<'_>>) -> TokenStream {
    let (ty, reply) = (e.ty, e.cx.names.reply);
    let mut arms = Vec::new();
    for (row, variant) in e.rows.iter().zip(&e.variants) {
        for class in &e.cx.checked.classes {
            let matching: Vec<_> = row
                .basic
                .iter()
                .filter(|r| r.code.value / 100 == class.number.value)
                .map(|r| ident(&r.variant.value))
                .collect();
            if !matching.is_empty() {
                let digit = Literal::i64_unsuffixed(class.number.value);
                arms.push(quote! { (#ty::#variant, #digit) => &[#(#reply::#matching),*], });
            }
        }
    }
    quote! {
        /// The associated basic reply codes whose first digit is `class`, ascending.
        #[must_use]
        pub const fn basic_codes_in_class(self, class: u8) -> &'static [#reply] {
            match (self, class) {
                #(#arms)*
                _ => &[],
            }
        }
    }
}

pub fn expand(shell: &DeriveInput, cx: &Context<'_, '_>) -> TokenStream {
    Enum::new(shell, &cx.checked.enhanced, |e| &e.row.variant.value, cx).generate(
        &docs::enhanced(cx),
        None,
        &with_reason(items()),
    )
}

/// The items, and `reason` when the caller declared `Reason`.
fn with_reason<'a>(mut items: Vec<Item<Enhanced<'a>>>) -> Vec<Item<Enhanced<'a>>> {
    items.push(Item::whole("reason", |e: &Enum<'_, '_, '_, Enhanced<'_>>| {
        super::reason::accessor(e, "Why a failure (class 4 or 5) with this code happened, when nothing more is known: the\nreason the data gives the code.", |r| r.reason)
    }));
    items
}
