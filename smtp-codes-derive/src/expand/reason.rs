//! `Reason`: why a message was not delivered, in Sisimai's vocabulary. Generated only when the
//! caller declares the enum; its `disposition` names the calling crate's `crate::Disposition`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use super::{Context, Enum, Item, docs, ident, values};
use crate::checked::Reason;
use crate::model::ReasonRow;

/// The items of `Reason`, in the order they are generated.
pub fn items<'a>() -> Vec<Item<Reason<'a>>> {
    vec![
        Item::whole("ALL", |e: &Enum<'_, '_, '_, Reason<'_>>| {
            let (ty, variants) = (e.ty, &e.variants);
            quote! {
                /// Every reason, in the order of the data.
                pub const ALL: &'static [#ty] = &[#(#ty::#variants),*];
            }
        }),
        Item::whole("from_token", |e: &Enum<'_, '_, '_, Reason<'_>>| {
            let (ty, variants) = (e.ty, &e.variants);
            let tokens = e.rows.iter().map(|r| r.row.token.value.as_str());
            quote! {
                /// The reason with this token, exactly as written (lower case), or `None`.
                #[must_use]
                pub fn from_token(token: &str) -> ::core::option::Option<#ty> {
                    match token {
                        #(#tokens => ::core::option::Option::Some(#ty::#variants),)*
                        _ => ::core::option::Option::None,
                    }
                }
            }
        }),
        Item::text(
            "token",
            "The lower-case token, such as `\"userunknown\"`: Sisimai's name for the reason, and this\ntype's `Display`, `FromStr` and serde form.",
            |r| &r.row.token,
        ),
        Item::text("name", "A short name, such as `\"Unknown user\"`.", |r| {
            &r.row.name
        }),
        Item::text(
            "description",
            "What the reason means: what failed, and where.",
            |r| &r.row.description,
        ),
        Item::text(
            "remediation",
            "What to do about it: the sender, the operator or the bounce processor.",
            |r| &r.row.remediation,
        ),
        Item::optional_text("summary", super::SUMMARY_DOC, |r| r.row.summary.as_ref()),
        Item::optional_text("quick_fix", super::QUICK_FIX_DOC, |r| {
            r.row.quick_fix.as_ref()
        }),
        Item::accessor(
            "is_hard_bounce",
            "`true` when the address itself is bad: a bounce processor suppresses it rather than\ntrying it again.",
            values::flag,
            |r, _| {
                let hard = r.row.hard_bounce;
                quote!(#hard)
            },
        ),
        Item::accessor(
            "disposition",
            "What a sender does next with a message that failed for this reason.",
            |_| quote!(crate::Disposition),
            |r, _| {
                let variant = ident(r.disposition);
                quote!(crate::Disposition::#variant)
            },
        ),
    ]
}

/// The `reason` accessor of `ReplyCode` and `EnhancedStatus`: the variant of `Reason` each
/// row names. Nothing when the caller did not declare `Reason`.
pub fn accessor<R>(
    e: &Enum<'_, '_, '_, R>,
    doc: &str,
    reason: impl Fn(&R) -> Option<&ReasonRow>,
) -> TokenStream {
    let Some(reason_ty) = e.cx.names.reason else {
        return TokenStream::new();
    };
    let (ty, variants) = (e.ty, &e.variants);
    let arms = e
        .rows
        .iter()
        .zip(variants)
        .map(|(row, variant)| match reason(row) {
            Some(r) => {
                let target = ident(&r.variant.value);
                quote!(#ty::#variant => #reason_ty::#target)
            }
            // Only with broken data, whose errors stop the build: this is never run.
            None => quote!(#ty::#variant => ::core::panic!("the data names no reason here")),
        });
    quote! {
        #[doc = #doc]
        #[must_use]
        pub const fn reason(self) -> #reason_ty {
            match self { #(#arms,)* }
        }
    }
}

pub fn expand(shell: &DeriveInput, cx: &Context<'_, '_>) -> TokenStream {
    Enum::new(shell, &cx.checked.reasons, |r| &r.row.variant.value, cx).generate(
        &docs::reasons(cx),
        None,
        &items(),
    )
}
