//! Stage 1 of `labels!`: what the caller wrote: where the translations are, and the two enum
//! shells to fill.

use syn::DeriveInput;
use syn::parse::{Parse, ParseStream};

use crate::args::{SourceArg, missing, shells};

/// The parsed macro input: the source, then `enum Lang {}` and `enum Label {}` in any order.
pub struct LabelsArgs {
    pub source: SourceArg,
    pub lang: DeriveInput,
    pub label: DeriveInput,
}

impl Parse for LabelsArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let source = SourceArg::parse(input, "labels.toml")?;
        let [lang, label] = shells(input, ["Lang", "Label"])?;
        Ok(LabelsArgs {
            source,
            lang: lang.ok_or_else(|| missing("Lang"))?,
            label: label.ok_or_else(|| missing("Label"))?,
        })
    }
}
