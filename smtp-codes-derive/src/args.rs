//! Stage 1: what the caller wrote: where the data is, and the enum shells to fill.

use syn::parse::{Parse, ParseStream};
use syn::{Data, DeriveInput, Ident, LitStr, Token};

/// Where the TOML comes from.
pub enum SourceArg {
    /// `file = "codes.toml";`: a path relative to the calling crate's `CARGO_MANIFEST_DIR`.
    File(LitStr),
    /// `toml = "...";`: the data itself, for tests and small tables.
    Inline(LitStr),
}

impl SourceArg {
    /// The literal the user wrote, for spanning errors that have no position in the data.
    pub fn literal(&self) -> &LitStr {
        match self {
            SourceArg::File(lit) | SourceArg::Inline(lit) => lit,
        }
    }
}

/// The parsed macro input: the source and the six empty enums, in any order.
pub struct Args {
    pub source: SourceArg,
    pub category: DeriveInput,
    pub command: DeriveInput,
    pub reply: DeriveInput,
    pub class: DeriveInput,
    pub subject: DeriveInput,
    pub enhanced: DeriveInput,
    /// Optional: declared when the data has a `[[reason]]` table.
    pub reason: Option<DeriveInput>,
}

const SHELLS: [&str; 7] = [
    "Category",
    "Command",
    "ReplyCode",
    "EnhancedClass",
    "EnhancedSubject",
    "EnhancedStatus",
    "Reason",
];

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let source = SourceArg::parse(input, "path/to/codes.toml")?;
        let [category, command, reply, class, subject, enhanced, reason] = shells(input, SHELLS)?;
        Ok(Args {
            source,
            category: category.ok_or_else(|| missing("Category"))?,
            command: command.ok_or_else(|| missing("Command"))?,
            reply: reply.ok_or_else(|| missing("ReplyCode"))?,
            class: class.ok_or_else(|| missing("EnhancedClass"))?,
            subject: subject.ok_or_else(|| missing("EnhancedSubject"))?,
            enhanced: enhanced.ok_or_else(|| missing("EnhancedStatus"))?,
            reason,
        })
    }
}

impl SourceArg {
    /// `file = "...";` or `toml = "...";`, first in a macro's input; `example` is the file the
    /// message suggests.
    pub fn parse(input: ParseStream, example: &str) -> syn::Result<SourceArg> {
        let key: Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let literal: LitStr = input.parse()?;
        input.parse::<Token![;]>()?;
        match key.to_string().as_str() {
            "file" => Ok(SourceArg::File(literal)),
            "toml" => Ok(SourceArg::Inline(literal)),
            _ => Err(syn::Error::new(
                key.span(),
                format!("expected `file = \"{example}\";` or `toml = \"...\";`"),
            )),
        }
    }
}

/// The empty enums that follow the source, each in the slot of its name in `names`, declared
/// in any order.
pub fn shells<const N: usize>(
    input: ParseStream,
    names: [&str; N],
) -> syn::Result<[Option<DeriveInput>; N]> {
    let mut shells: [Option<DeriveInput>; N] = std::array::from_fn(|_| None);
    while !input.is_empty() {
        let item: DeriveInput = input.parse()?;
        check_shell(&item)?;
        let name = item.ident.to_string();
        let Some(slot) = names.iter().position(|s| *s == name) else {
            return Err(syn::Error::new(
                item.ident.span(),
                format!(
                    "unexpected enum `{name}`: this macro fills the enums {}",
                    names.join(", ")
                ),
            ));
        };
        if shells[slot].is_some() {
            return Err(syn::Error::new(
                item.ident.span(),
                format!("`enum {name}` is declared twice"),
            ));
        }
        shells[slot] = Some(item);
    }
    Ok(shells)
}

/// The error for a shell that is not declared.
pub fn missing(name: &str) -> syn::Error {
    syn::Error::new(
        proc_macro2::Span::call_site(),
        format!(
            "missing `enum {name} {{}}`: declare it (with its docs and derives) after the source"
        ),
    )
}

/// The shells must be plain, empty enums: the variants come from the data.
fn check_shell(item: &DeriveInput) -> syn::Result<()> {
    let Data::Enum(data) = &item.data else {
        return Err(syn::Error::new(
            item.ident.span(),
            "expected an empty `enum`: the variants come from the data",
        ));
    };
    if let Some(variant) = data.variants.first() {
        return Err(syn::Error::new(
            variant.ident.span(),
            "remove this variant: the variants come from the data",
        ));
    }
    if !item.generics.params.is_empty() {
        return Err(syn::Error::new(
            item.ident.span(),
            "the generated enums cannot be generic",
        ));
    }
    Ok(())
}
