//! The `rules!` macro: compiles the bounce-rule file into the library's matcher tables.
//!
//! It reads `codes.toml` for what rules refer to (reasons, commands, enhanced subjects), then
//! the rule file through `smtp_codes_data::rules` (rows, checks, plan), the same code that reads
//! a user's rules at run time, and emits the tables as statics of the calling crate, whose
//! `diagnose` module defines their types. Problems become one `compile_error!` each, naming the
//! rule file's line and column; nothing else is emitted then.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use smtp_codes_data::rules::{self, Checked, Known, PieceTable, Plan};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

use crate::args::SourceArg;
use crate::diagnostic::Problems;
use crate::load;
use crate::model::{self, Codes};

/// `codes = "codes.toml"; file = "rules.toml";` (or `toml = "..."` for the rules).
pub struct RulesArgs {
    codes: SourceArg,
    rules: SourceArg,
}

impl Parse for RulesArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let (mut codes, mut rules) = (None, None);
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let literal: LitStr = input.parse()?;
            input.parse::<Token![;]>()?;
            let slot = match key.to_string().as_str() {
                "codes" => (&mut codes, SourceArg::File(literal)),
                "file" => (&mut rules, SourceArg::File(literal)),
                "toml" => (&mut rules, SourceArg::Inline(literal)),
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        "expected `codes = \"codes.toml\";` and `file = \"rules.toml\";` (or `toml = \"...\";`)",
                    ));
                }
            };
            if slot.0.replace(slot.1).is_some() {
                return Err(syn::Error::new(key.span(), "this source is given twice"));
            }
        }
        let missing = |what: &str| syn::Error::new(Span::call_site(), format!("missing {what}"));
        Ok(RulesArgs {
            codes: codes.ok_or_else(|| missing("`codes = \"codes.toml\";`"))?,
            rules: rules.ok_or_else(|| missing("`file = \"rules.toml\";`"))?,
        })
    }
}

/// What `codes.toml` defines, for the rules' checks.
struct FromCodes<'a>(&'a Codes);

impl Known for FromCodes<'_> {
    fn is_reason(&self, token: &str) -> bool {
        self.0.reasons.iter().any(|r| r.token.value == token)
    }

    fn command(&self, verb: &str) -> Option<usize> {
        self.0.commands.iter().position(|c| c.verb.value == verb)
    }

    fn is_subject(&self, subject: u16) -> bool {
        self.0
            .subjects
            .iter()
            .any(|s| s.number.value == i64::from(subject))
    }
}

pub fn generate(args: &RulesArgs) -> TokenStream {
    let errors = |literal: &LitStr, messages: &[String]| -> TokenStream {
        let span = literal.span();
        messages
            .iter()
            .map(|m| quote::quote_spanned!(span=> ::core::compile_error!(#m);))
            .collect()
    };
    let codes_source = match load::read(&args.codes) {
        Ok(source) => source,
        Err(message) => return errors(args.codes.literal(), &[message]),
    };
    let table = match load::parse(&codes_source) {
        Ok(table) => table,
        Err(d) => return errors(args.codes.literal(), &[d.render(&codes_source)]),
    };
    let mut code_problems = Problems::default();
    let codes = model::build(&table, &mut code_problems);
    if !code_problems.is_empty() {
        // `codes!` reports them; the rules cannot be checked against broken data.
        let message = format!(
            "{} has problems (see the `codes!` errors); the rules are checked once it builds",
            codes_source.name
        );
        return errors(args.codes.literal(), &[message]);
    }

    let source = match load::read(&args.rules) {
        Ok(source) => source,
        Err(message) => return errors(args.rules.literal(), &[message]),
    };
    let mut problems = Problems::default();
    let file = rules::read(&source.text, &mut problems);
    let checked = rules::check(&file, &FromCodes(&codes), &mut problems);
    let plan = match rules::plan_checked(&checked) {
        Ok(plan) => Some(plan),
        Err(message) => {
            problems.report(0..0, message);
            None
        }
    };
    if !problems.is_empty() {
        let messages: Vec<String> = problems
            .into_sorted()
            .iter()
            .map(|d| d.render(&source))
            .collect();
        return errors(args.rules.literal(), &messages);
    }
    let Some(plan) = plan else {
        return TokenStream::new();
    };
    let rebuild = [&codes_source, &source]
        .into_iter()
        .filter_map(|s| s.path.as_ref()?.to_str())
        .map(|path| quote! { const _: &[u8] = ::core::include_bytes!(#path); });
    let tables = expand_tables(&plan);
    let rules = expand_rules(&checked, &codes);
    let count = checked.len();
    quote! {
        #(#rebuild)*
        /// The built-in rules' matcher tables, planned from the rule file at compile time.
        pub(crate) static BUILT_IN: crate::diagnose::Tables<'static> = #tables;
        /// What each built-in rule concludes, in the rule file's order.
        pub(crate) static BUILT_IN_RULES: [crate::diagnose::RuleInfo<'static>; #count] = #rules;
    }
}

fn expand_tables(plan: &Plan) -> TokenStream {
    let Plan {
        stride,
        short,
        long,
        longest,
        patterns,
        pattern_ends,
        conditions,
        rule_patterns,
        hosts,
        host_ends,
        keyed_starts,
        keyed,
        textless,
    } = plan;
    let option = |value: Option<TokenStream>| match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    };
    let (short, long) = (piece_table(short), piece_table(long));
    let conditions = conditions.iter().map(|c| {
        let (code, class) = (c.code, c.class);
        let enhanced = option(c.enhanced.map(|[a, b, d]| quote!([#a, #b, #d])));
        let stage = option(c.stage.map(|s| quote!(#s)));
        let (h0, h1) = c.hosts;
        let (p0, p1) = c.patterns;
        quote! {
            crate::diagnose::Condition {
                code: #code,
                class: #class,
                enhanced: #enhanced,
                stage: #stage,
                hosts: (#h0, #h1),
                patterns: (#p0, #p1),
            }
        }
    });
    quote! {
        crate::diagnose::Tables {
            stride: #stride,
            short: #short,
            long: #long,
            longest: #longest,
            patterns: #patterns,
            pattern_ends: &[#(#pattern_ends),*],
            conditions: &[#(#conditions),*],
            rule_patterns: &[#(#rule_patterns),*],
            hosts: #hosts,
            host_ends: &[#(#host_ends),*],
            keyed_starts: &[#(#keyed_starts),*],
            keyed: &[#(#keyed),*],
            textless: &[#(#textless),*],
        }
    }
}

fn piece_table(table: &PieceTable) -> TokenStream {
    let PieceTable {
        bits,
        occupied,
        starts,
        entries,
    } = table;
    quote! {
        crate::diagnose::PieceTable {
            bits: #bits,
            occupied: &[#(#occupied),*],
            starts: &[#(#starts),*],
            entries: &[#(#entries),*],
        }
    }
}

fn expand_rules(checked: &[Checked<'_>], codes: &Codes) -> TokenStream {
    let option = |value: Option<&str>| match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    };
    let rules = checked.iter().map(|rule| {
        let c = &rule.conclusion;
        let id = c.id;
        // `check` made sure the reason exists.
        let variant = codes
            .reasons
            .iter()
            .find(|r| r.token.value == c.reason)
            .map(|r| format_ident!("{}", r.variant.value))
            .unwrap_or_else(|| format_ident!("Undefined"));
        let provider = match c.provider {
            None => quote!(None),
            Some(p) => {
                let (id, name, link) = (&p.id.value, &p.name.value, &p.link.value);
                quote!(Some(crate::diagnose::Provider { id: #id, name: #name, link: #link }))
            }
        };
        let note = option(c.note);
        let remediation = option(c.remediation);
        let link = option(c.link);
        let example = &rule.row.example.value;
        quote! {
            crate::diagnose::RuleInfo {
                id: #id,
                reason: crate::Reason::#variant,
                provider: #provider,
                note: #note,
                remediation: #remediation,
                link: #link,
                example: #example,
            }
        }
    });
    quote!([#(#rules),*])
}

/// For the macro's unit tests: the rendered problems of inline rules against inline codes.
#[cfg(test)]
pub fn problems_of(codes: &str, rules_text: &str) -> Vec<String> {
    let codes_source = crate::source::Source::inline(codes);
    let table = load::parse(&codes_source).expect("valid codes TOML");
    let mut code_problems = Problems::default();
    let codes = model::build(&table, &mut code_problems);
    let source = crate::source::Source::inline(rules_text);
    let mut problems = Problems::default();
    let file = rules::read(&source.text, &mut problems);
    rules::check(&file, &FromCodes(&codes), &mut problems);
    problems
        .into_sorted()
        .iter()
        .map(|d| d.render(&source))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::problems_of;

    /// Just what rules refer to: one command, one subject, two reasons.
    const CODES: &str = r#"
[[command]]
verb = "RCPT"
variant = "Rcpt"
name = "Recipient"
description = "d"
rfcs = [5321]

[[enhanced_subject]]
subject = 7
variant = "Security"
name = "Security or Policy Status"
description = "d"

[[reason]]
token = "blocked"
variant = "Blocked"
name = "Blocked"
description = "d"
remediation = "r"
hard_bounce = false
disposition = "give-up"

[[reason]]
token = "userunknown"
variant = "UserUnknown"
name = "User unknown"
description = "d"
remediation = "r"
hard_bounce = true
disposition = "give-up"
"#;

    const PROVIDER: &str = r#"
[[provider]]
id = "spamhaus"
name = "Spamhaus"
hosts = []
link = "https://check.spamhaus.org/"
"#;

    fn rule(body: &str, example: &str) -> String {
        format!(
            "{PROVIDER}\n[[rule]]\n{body}\nexample = \"{example}\"\nsource = \"https://example.test/\"\n"
        )
    }

    fn one(body: &str, example: &str) -> Vec<String> {
        problems_of(CODES, &rule(body, example))
    }

    #[test]
    fn a_good_rule_has_no_problems() {
        let body = "id = \"spamhaus-zen\"\nprovider = \"spamhaus\"\nreason = \"blocked\"\nclass = 5\nenhanced = \"5.7.*\"\ntext = [\"zen.spamhaus.org\"]\nstage = \"RCPT\"\nhost = [\"example.net\"]";
        assert_eq!(
            one(body, "554 5.7.1 blocked using zen.spamhaus.org"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn each_broken_reference_is_named_at_its_line_and_column() {
        let body = "id = \"x-y\"\nprovider = \"nobody\"\nreason = \"notareason\"\ncode = 550\nenhanced = \"5.9.1\"\ntext = [\"some words\"]\nstage = \"FROB\"";
        let problems = one(body, "550 5.9.1 some words");
        let expected = [
            "<inline>:10:12: unknown provider `nobody`: add a `[[provider]]` entry with that id",
            "<inline>:11:10: unknown reason `notareason`: use a reason token such as `userunknown` or `blocked`",
            "<inline>:13:12: `5.9.1` does not exist: 9 is not a registered enhanced subject",
            "<inline>:15:9: unknown stage `FROB`: use a command verb of the data, such as `RCPT` or `<end-of-data>`",
        ];
        assert_eq!(problems, expected);
    }

    #[test]
    fn patterns_that_are_empty_or_can_never_match_are_refused() {
        let problems = one(
            "id = \"a\"\nreason = \"blocked\"\ntext = [\"\", \"abc\", \" padded\", \"tab\\there\"]",
            "550 x",
        );
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(
            problems[0].contains("an empty pattern matches every reply"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].contains("shorter than 4 bytes"),
            "{}",
            problems[1]
        );
        assert!(problems[2].contains("blanks at an end"), "{}", problems[2]);
        assert!(problems[3].contains("control character"), "{}", problems[3]);
        let problems = one("id = \"a\"\nreason = \"blocked\"\ncode = 250", "250 ok");
        assert!(
            problems[0].contains("can never match: rules describe failures"),
            "{problems:?}"
        );
        let problems = one(
            "id = \"a\"\nreason = \"blocked\"\nclass = 4\nenhanced = \"5.7.1\"",
            "450 5.7.1 x",
        );
        assert!(problems[0].contains("its class disagrees"), "{problems:?}");
        let problems = one("id = \"a\"\nreason = \"blocked\"", "550 x");
        assert!(
            problems[0].contains("matches every failure"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_shadowed_rule_and_a_misattributed_example_are_reported() {
        let text = format!(
            "{PROVIDER}\n[[rule]]\nid = \"broad\"\nreason = \"blocked\"\ntext = [\"blocked\"]\nexample = \"550 blocked\"\nsource = \"s\"\n\n[[rule]]\nid = \"narrow\"\nreason = \"blocked\"\ncode = 554\ntext = [\"blocked using\"]\nexample = \"554 blocked using x\"\nsource = \"s\"\n"
        );
        let problems = problems_of(CODES, &text);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(
            problems[0].starts_with(
                "<inline>:16:6: rule `narrow` can never decide: the earlier rule `broad`"
            ),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].contains("the example is first matched by the earlier rule `broad`"),
            "{}",
            problems[1]
        );
    }

    #[test]
    fn a_provider_needs_an_https_link_and_ids_are_unique() {
        let text = "[[provider]]\nid = \"p\"\nname = \"P\"\nhosts = [\"bad host\"]\nlink = \"http://p.test/\"\n\n[[provider]]\nid = \"q\"\nname = \"Q\"\nhosts = []\n";
        let problems = problems_of(CODES, text);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            problems[0].contains("host `bad host` must be a domain"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].contains("must be an https URL"),
            "{}",
            problems[1]
        );
        assert!(
            problems[2].contains("missing the required key `link`"),
            "{}",
            problems[2]
        );
        let twice = format!(
            "{}{}",
            rule(
                "id = \"a\"\nreason = \"blocked\"\ntext = [\"words here\"]",
                "550 words here"
            ),
            rule(
                "id = \"a\"\nreason = \"blocked\"\ntext = [\"other words\"]",
                "550 other words"
            )
            .replace(PROVIDER, "")
        );
        let problems = problems_of(CODES, &twice);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("rule id `a` is used by an earlier rule too")),
            "{problems:#?}"
        );
    }

    #[test]
    fn the_example_must_be_matched_by_its_own_rule() {
        let problems = one(
            "id = \"a\"\nreason = \"blocked\"\ntext = [\"words here\"]",
            "550 other words",
        );
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].contains("the rule does not match its own example"),
            "{}",
            problems[0]
        );
    }
}
