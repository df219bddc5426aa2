//! Stage 4 of `labels!`: the generated code. `Lang` with its tag, name and direction, parsing
//! from a tag or a POSIX locale; `Label` with its key and its text in each language. One
//! `match` per accessor, every path fully qualified; the docs come from the data.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use smtp_codes_data::labels::{Checked, Dir};
use smtp_codes_data::source::Source;
use syn::DeriveInput;

use super::args::LabelsArgs;
use super::names::Variants;

/// The two enums and their items; `include_bytes!` of the file, so that cargo rebuilds the
/// calling crate when it changes (a proc macro cannot tell cargo about the files it reads).
pub fn expand(
    args: &LabelsArgs,
    source: &Source,
    checked: &Checked<'_>,
    v: &Variants<'_, '_>,
) -> TokenStream {
    let rebuild = source
        .path
        .as_ref()
        .and_then(|p| p.to_str())
        .map(|path| quote! { const _: &[u8] = ::core::include_bytes!(#path); });
    let lang = lang(&args.lang, v);
    let label = label(&args.label, &args.lang.ident, checked, v);
    quote! {
        #rebuild
        #lang
        #label
    }
}

fn lang(shell: &DeriveInput, v: &Variants<'_, '_>) -> TokenStream {
    let (attrs, vis, ty) = (&shell.attrs, &shell.vis, &shell.ident);
    let error = format_ident!("Unknown{}", ty);
    let variants: Vec<_> = v.langs.iter().map(|(variant, _)| variant).collect();
    let docs = v.langs.iter().map(|(_, lang)| {
        let rtl = if lang.dir == Dir::Rtl {
            ", written right to left"
        } else {
            ""
        };
        format!("{} (`{}`{rtl}).", lang.name, lang.tag)
    });
    let tags: Vec<&str> = v.langs.iter().map(|(_, lang)| lang.tag).collect();
    let names = v.langs.iter().map(|(_, lang)| lang.name);
    let rtl = v.langs.iter().map(|(_, lang)| lang.dir == Dir::Rtl);
    let dirs = v.langs.iter().map(|(_, lang)| match lang.dir {
        Dir::Ltr => "ltr",
        Dir::Rtl => "rtl",
    });
    let mut table = String::from("\n\n| Tag | Language | Direction |\n|---|---|---|\n");
    for (_, lang) in &v.langs {
        let dir = if lang.dir == Dir::Rtl {
            "right to left"
        } else {
            "left to right"
        };
        table += &format!("| `{}` | {} | {dir} |\n", lang.tag, lang.name);
    }
    let known = tags.join(", ");
    let unknown = format!("not one of the languages: give one of {known}");
    let error_doc =
        format!("The error of parsing a [`{ty}`] from a tag that names none of the languages.");
    quote! {
        #(#attrs)*
        #[doc = #table]
        #vis enum #ty {
            #(#[doc = #docs] #variants,)*
        }

        impl #ty {
            /// Every language, in the order of the translations file.
            pub const ALL: &'static [#ty] = &[#(#ty::#variants),*];

            /// The language's tag as BCP 47 writes it, such as `"de"` or `"zh-CN"`.
            #[must_use]
            pub const fn tag(self) -> &'static str {
                match self {
                    #(#ty::#variants => #tags,)*
                }
            }

            /// The language's name in itself, such as `"Deutsch"`.
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    #(#ty::#variants => #names,)*
                }
            }

            /// Whether the language is written right to left.
            #[must_use]
            pub const fn is_rtl(self) -> bool {
                match self {
                    #(#ty::#variants => #rtl,)*
                }
            }

            /// `"ltr"` or `"rtl"`, as HTML's `dir` attribute takes it.
            #[must_use]
            pub const fn dir(self) -> &'static str {
                match self {
                    #(#ty::#variants => #dirs,)*
                }
            }

            /// The language a tag or a POSIX locale names, without regard to case: `de`,
            /// `de-DE`, `de_DE.UTF-8`, `pt_BR`, `zh_CN`. The whole tag is tried first, then its
            /// language alone (`de-AT` is `de` when there is no `de-AT`, `zh_TW` is the first
            /// `zh`); an encoding or modifier (`.UTF-8`, `@euro`) does not count.
            #[must_use]
            pub fn from_tag(tag: &str) -> ::core::option::Option<#ty> {
                let tag = match tag.find(['.', '@']) {
                    ::core::option::Option::Some(end) => &tag[..end],
                    ::core::option::Option::None => tag,
                };
                /// Whether `written` is `tag`, but for case and `_` for `-`.
                fn same(written: &str, tag: &str) -> bool {
                    written.len() == tag.len()
                        && written.bytes().zip(tag.bytes()).all(|(x, y)| {
                            x.eq_ignore_ascii_case(&y) || (x == b'_' && y == b'-')
                        })
                }
                /// The language subtag: `de` of `de-AT` or `de_AT`.
                fn language(tag: &str) -> &str {
                    match tag.find(['-', '_']) {
                        ::core::option::Option::Some(end) => &tag[..end],
                        ::core::option::Option::None => tag,
                    }
                }
                let whole = Self::ALL.iter().find(|lang| same(tag, lang.tag()));
                let primary = || {
                    Self::ALL
                        .iter()
                        .find(|lang| same(language(tag), language(lang.tag())))
                };
                whole.or_else(primary).copied()
            }
        }

        #[doc = #error_doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #vis struct #error;

        #[automatically_derived]
        impl ::core::fmt::Display for #error {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(#unknown)
            }
        }

        #[automatically_derived]
        impl ::core::error::Error for #error {}

        #[automatically_derived]
        impl ::core::str::FromStr for #ty {
            type Err = #error;

            fn from_str(tag: &str) -> ::core::result::Result<#ty, #error> {
                #ty::from_tag(tag).ok_or(#error)
            }
        }
    }
}

fn label(
    shell: &DeriveInput,
    lang_ty: &syn::Ident,
    checked: &Checked<'_>,
    v: &Variants<'_, '_>,
) -> TokenStream {
    let (attrs, vis, ty) = (&shell.attrs, &shell.vis, &shell.ident);
    let variants: Vec<_> = v.labels.iter().map(|(variant, _)| variant).collect();
    let keys: Vec<&str> = v
        .labels
        .iter()
        .map(|&(_, index)| checked.keys[index].value.as_str())
        .collect();
    // The first language's text, which every other translates.
    let reference = checked.languages.first();
    let docs = v.labels.iter().zip(&keys).map(|((_, index), key)| {
        match reference.and_then(|lang| lang.texts[*index]) {
            Some(text) => format!("`{key}`: \"{text}\"."),
            None => format!("`{key}`."),
        }
    });
    let languages = v.langs.iter().map(|(lang, language)| {
        // A text the language lacks is an error already reported; "" keeps the rest compiling.
        let texts = v
            .labels
            .iter()
            .map(|&(_, index)| language.texts[index].unwrap_or(""));
        quote! {
            #lang_ty::#lang => match self {
                #(#ty::#variants => #texts,)*
            },
        }
    });
    let doc = "\n\nEach label has a text in every language of the translations file.";
    quote! {
        #(#attrs)*
        #[doc = #doc]
        #vis enum #ty {
            #(#[doc = #docs] #variants,)*
        }

        impl #ty {
            /// Every label, in the order of the translations file.
            pub const ALL: &'static [#ty] = &[#(#ty::#variants),*];

            /// The label's key in the translations file, such as `"replies_to"`.
            #[must_use]
            pub const fn key(self) -> &'static str {
                match self {
                    #(#ty::#variants => #keys,)*
                }
            }

            /// The label's text in `lang`.
            #[must_use]
            pub const fn text(self, lang: #lang_ty) -> &'static str {
                match lang {
                    #(#languages)*
                }
            }
        }
    }
}
