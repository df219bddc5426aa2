//! `Command`: what a client does that a server answers.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use super::{Context, Enum, Item, docs, ident, shell, values};
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
        Item::accessor(
            "verb",
            "The verb as sent on the wire, such as `\"EHLO\"`. For the events that are not\ncommands (the connection greeting, the end of the message data) a label in angle\nbrackets.",
            values::text,
            |c, _| values::string(&c.row.verb),
        ),
        Item::accessor(
            "name",
            "The command's name, such as `\"Extended Hello\"`.",
            values::text,
            |c, _| values::string(&c.row.name),
        ),
        Item::accessor(
            "description",
            "What the command asks the server to do.",
            values::text,
            |c, _| values::string(&c.row.description),
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
            |cx| {
                let reply = cx.names.reply;
                quote!(&'static [#reply])
            },
            |c, cx| {
                let reply = cx.names.reply;
                let answers = cx
                    .checked
                    .answers(c.row)
                    .map(|r| ident(&r.row.variant.value));
                quote!(&[#(#reply::#answers),*])
            },
        ),
    ]
}

pub fn expand(shell_: &DeriveInput, cx: &Context<'_, '_>) -> TokenStream {
    let rows = &cx.checked.commands;
    let e = Enum {
        ty: &shell_.ident,
        rows,
        variants: rows.iter().map(|c| ident(&c.row.variant.value)).collect(),
        cx,
    };
    let docs = docs::commands(cx);
    let declared: Vec<TokenStream> = docs
        .variants
        .iter()
        .zip(&e.variants)
        .map(|(doc, variant)| quote! { #[doc = #doc] #variant })
        .collect();
    let declaration = shell(shell_, &docs.table, TokenStream::new(), &declared);
    let items = e.items(&items());
    quote! {
        #declaration

        #items
    }
}
