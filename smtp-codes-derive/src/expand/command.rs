//! `Command`: what a client does that a server answers.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use super::{Context, Enum, Item, docs, values};
use crate::checked::Command;

/// The items of `Command`, in the order they are generated.
pub fn items<'a>() -> Vec<Item<Command<'a>>> {
    vec![
        Item::whole("ALL", |e: &Enum<'_, '_, '_, Command<'_>>| {
            let (ty, variants) = (e.ty, &e.variants);
            quote! {
                /// Every command, in the order a session usually meets them.
                pub const ALL: &'static [#ty] = &[#(#ty::#variants),*];
            }
        }),
        Item::text(
            "verb",
            "The verb as sent on the wire, such as `\"EHLO\"`. For the events that are not\ncommands (the connection greeting, the end of the message data) a label in angle\nbrackets.",
            |c| &c.row.verb,
        ),
        Item::text(
            "name",
            "The command's name, such as `\"Extended Hello\"`.",
            |c| &c.row.name,
        ),
        Item::text(
            "description",
            "What the command asks the server to do.",
            |c| &c.row.description,
        ),
        Item::accessor(
            "is_pseudo",
            "`true` for events the server answers that a client does not send as a command:\nthe connection greeting and the end of the message data.",
            values::flag,
            |c, _| {
                let pseudo = c.row.pseudo;
                quote!(#pseudo)
            },
        ),
        Item::accessor(
            "rfcs",
            "The RFCs that define the command.",
            values::numbers,
            |c, _| values::rfcs(&c.rfcs),
        ),
        Item::accessor(
            "replies",
            "The reply codes a server may send after this command, ascending.",
            |cx| values::slice(cx.names.reply),
            |c, cx| {
                let answers = cx.checked.answers(c.row);
                values::variants(
                    cx.names.reply,
                    answers.map(|r| r.row.variant.value.as_str()),
                )
            },
        ),
    ]
}

pub fn expand(shell: &DeriveInput, cx: &Context<'_, '_>) -> TokenStream {
    Enum::new(shell, &cx.checked.commands, |c| &c.row.variant.value, cx).generate(
        &docs::commands(cx),
        None,
        &items(),
    )
}
