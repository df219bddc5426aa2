//! The card of one code, reply line or reason: everything the table says about it, as text
//! or JSON (`explain` prints it: `explain.rs`).

use serde::Serialize;
use smtp_codes::{Category, Context, Disposition, EnhancedCode, EnhancedStatus, Reply, ReplyCode};

use crate::diagnosis::{Diagnoser, DiagnosisCard, ReasonCard};
use crate::labels::Label;
use crate::output::{Style, json_disposition, json_optional_disposition};
use crate::query::{Query, ReplyLine};
use crate::terminal::escape;

/// A category or enhanced class: its digit and name.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Class {
    pub digit: u8,
    pub name: &'static str,
}

/// Everything known about a basic reply code.
#[derive(Debug, Clone, Serialize)]
pub struct BasicCard {
    pub code: u16,
    pub name: &'static str,
    pub category: Class,
    pub standard: bool,
    pub description: &'static str,
    pub when: &'static str,
    pub remediation: &'static str,
    /// A few words on what it means and on what to do, for one line of output.
    pub summary: Option<&'static str>,
    pub quick_fix: Option<&'static str>,
    pub triggers: Vec<&'static str>,
    pub rfcs: Vec<u16>,
    pub enhanced: Vec<String>,
    /// The codes people confuse with it, to `compare`.
    pub related: Vec<u16>,
    #[serde(serialize_with = "json_disposition")]
    pub disposition: Disposition,
}

/// Everything known about an enhanced status code, for one class or (`X.s.d`) for any.
#[derive(Debug, Clone, Serialize)]
pub struct EnhancedCard {
    pub code: String,
    pub name: &'static str,
    /// `None` for a status asked about without its class.
    pub class: Option<Class>,
    pub subject: Subject,
    pub description: &'static str,
    pub when: &'static str,
    pub remediation: &'static str,
    pub summary: Option<&'static str>,
    pub quick_fix: Option<&'static str>,
    /// The classes the registry lists this status for.
    pub classes: Vec<u8>,
    /// Whether the registry lists the status for this code's class.
    pub used_with_class: Option<bool>,
    pub basic_codes: Vec<u16>,
    pub rfcs: Vec<u16>,
    pub reference: Option<&'static str>,
    #[serde(serialize_with = "json_optional_disposition")]
    pub disposition: Option<Disposition>,
    /// The text that followed the code where it was quoted (`5.1.1 User unknown`), exact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// An enhanced subject: its number and name.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Subject {
    pub number: u16,
    pub name: &'static str,
}

/// A reply line: both of its codes explained.
#[derive(Debug, Clone, Serialize)]
pub struct LineCard {
    pub code: u16,
    pub enhanced_code: Option<String>,
    pub text: String,
    /// `None` when the table does not know the basic code.
    pub basic: Option<BasicCard>,
    pub category: Class,
    pub enhanced: Option<EnhancedCard>,
    /// Whether the enhanced code's class matches the basic code's first digit.
    pub agree: Option<bool>,
    #[serde(serialize_with = "json_disposition")]
    pub disposition: Disposition,
    /// Why it failed: `reason`, `hard_bounce`, `provider`, `note`, `remediation`, `link`, ...
    #[serde(flatten)]
    pub diagnosis: Option<DiagnosisCard>,
}

/// The explanation of a query.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Card {
    ReplyCode(BasicCard),
    EnhancedCode(EnhancedCard),
    Reply(Box<LineCard>),
    Reason(ReasonCard),
}

pub fn category(category: Category) -> Class {
    Class {
        digit: category.digit(),
        name: category.name(),
    }
}

pub fn basic(code: ReplyCode) -> BasicCard {
    BasicCard {
        code: code.code(),
        name: code.name(),
        category: category(code.category()),
        standard: code.is_standard(),
        description: code.description(),
        when: code.when_seen(),
        remediation: code.remediation(),
        summary: code.summary(),
        quick_fix: code.quick_fix(),
        triggers: code.triggers().iter().map(|c| c.verb()).collect(),
        rfcs: code.rfcs().to_vec(),
        enhanced: code
            .enhanced_codes()
            .iter()
            .filter_map(|s| s.with_class(code.category().digit()))
            .map(|e| e.to_string())
            .collect(),
        related: code.related().iter().map(|c| c.code()).collect(),
        disposition: code.category().disposition(),
    }
}

fn status_card(
    status: EnhancedStatus,
    code: Option<EnhancedCode>,
    text: Option<&str>,
) -> EnhancedCard {
    let subject = status.subject_entry();
    let class = code.map(|c| c.class_entry());
    EnhancedCard {
        code: match code {
            Some(code) => code.to_string(),
            None => status.any_class().to_string(),
        },
        name: status.name(),
        class: class.map(|c| Class {
            digit: c.digit(),
            name: c.name(),
        }),
        subject: Subject {
            number: subject.number(),
            name: subject.name(),
        },
        description: status.description(),
        when: status.when_seen(),
        remediation: status.remediation(),
        summary: status.summary(),
        quick_fix: status.quick_fix(),
        classes: status.classes().iter().map(|c| c.digit()).collect(),
        used_with_class: code.map(|c| status.is_used_with(c.class())),
        basic_codes: match code {
            Some(code) => status.basic_codes_in_class(code.class()),
            None => status.basic_codes(),
        }
        .iter()
        .map(|c| c.code())
        .collect(),
        rfcs: status.rfcs().to_vec(),
        reference: status.reference(),
        // The class alone decides, as for a basic code of the same first digit.
        disposition: class.map(|c| c.disposition()),
        text: text.map(str::to_owned),
    }
}

pub fn enhanced(code: EnhancedCode) -> Option<EnhancedCard> {
    code.status()
        .map(|status| status_card(status, Some(code), None))
}

fn line(line: &ReplyLine, diagnoser: &Diagnoser, context: &Context<'_>) -> LineCard {
    // The query parsed these very bytes, so this does not fail.
    let diagnosis = Reply::parse(&line.wire)
        .ok()
        .map(|(reply, _)| DiagnosisCard::of(&diagnoser.diagnose(&reply, context), &reply));
    LineCard {
        code: line.code,
        enhanced_code: line.enhanced.map(|e| e.to_string()),
        text: line.text.clone(),
        basic: line.reply_code.map(basic),
        category: category(line.category),
        enhanced: line.enhanced.and_then(enhanced),
        agree: line.enhanced.map(|e| e.agrees_with(line.code)),
        disposition: line.disposition,
        diagnosis,
    }
}

/// The headline facts of a card: what `compare` shows for each side.
#[derive(Debug, Clone)]
pub struct Headline<'a> {
    pub title: String,
    pub description: &'a str,
    pub when: &'a str,
    pub remediation: &'a str,
}

impl Card {
    pub fn headline(&self) -> Headline<'_> {
        match self {
            Card::ReplyCode(card) => Headline {
                title: format!("{} {}", card.code, card.name),
                description: card.description,
                when: card.when,
                remediation: card.remediation,
            },
            Card::EnhancedCode(card) => Headline {
                title: format!("{} {}", card.code, card.name),
                description: card.description,
                when: card.when,
                remediation: card.remediation,
            },
            Card::Reply(card) => Headline {
                title: format!("{} {}", card.code, escape(&card.text)),
                description: card.basic.as_ref().map_or("", |b| b.description),
                when: card.basic.as_ref().map_or("", |b| b.when),
                remediation: card.basic.as_ref().map_or("", |b| b.remediation),
            },
            Card::Reason(card) => Headline {
                title: format!("{} {}", card.token, card.name),
                description: card.description,
                when: "",
                remediation: card.remediation,
            },
        }
    }

    /// The card for `query`; a reply line is diagnosed with `context`.
    pub fn of(query: &Query, diagnoser: &Diagnoser, context: &Context<'_>) -> Card {
        match query {
            Query::Basic(code) => Card::ReplyCode(basic(*code)),
            Query::Enhanced(code, status, text) => {
                Card::EnhancedCode(status_card(*status, Some(*code), text.as_deref()))
            }
            Query::Status(status, text) => {
                Card::EnhancedCode(status_card(*status, None, text.as_deref()))
            }
            Query::Line(reply) => Card::Reply(Box::new(line(reply, diagnoser, context))),
            Query::Reason(reason) => Card::Reason(ReasonCard::of(*reason)),
        }
    }

    pub fn render(&self, style: &Style) -> String {
        match self {
            Card::ReplyCode(card) => render_basic(card, style),
            Card::EnhancedCode(card) => render_enhanced(card, style),
            Card::Reply(card) => render_line(card, style),
            Card::Reason(card) => card.render(style),
        }
    }
}

fn rfc_list(rfcs: &[u16]) -> String {
    if rfcs.is_empty() {
        return "none".into();
    }
    rfcs.iter()
        .map(|r| format!("RFC {r}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn render_basic(card: &BasicCard, style: &Style) -> String {
    let mut out = style.bold(&format!("{} {}", card.code, card.name));
    out.push('\n');
    let standard = if card.standard {
        "standard (RFC 5321 or an extension)"
    } else {
        "not in RFC 5321's list; sent by some servers"
    };
    out += &style.heading(
        Label::Category,
        &format!(
            "{}yz {} — {}",
            card.category.digit, card.category.name, standard
        ),
    );
    out += &style.heading(Label::Meaning, card.description);
    out += &style.heading(Label::When, card.when);
    out += &style.heading(Label::Fix, card.remediation);
    let triggers = if card.triggers.is_empty() {
        "no command in particular".to_owned()
    } else {
        card.triggers.join(", ")
    };
    out += &style.heading(Label::RepliesTo, &triggers);
    if !card.enhanced.is_empty() {
        out += &style.heading(Label::Enhanced, &card.enhanced.join(", "));
    }
    out += &style.heading(Label::Rfcs, &rfc_list(&card.rfcs));
    if !card.related.is_empty() {
        let related: Vec<String> = card.related.iter().map(u16::to_string).collect();
        let first = related[0].clone();
        out += &style.heading(
            Label::Compare,
            &format!(
                "{} (smtp-codes compare {} {first})",
                related.join(", "),
                card.code
            ),
        );
    }
    out += &style.heading(Label::Client, &style.disposition(card.disposition));
    out
}

pub fn render_enhanced(card: &EnhancedCard, style: &Style) -> String {
    let mut out = String::new();
    // As quoted with its text: that line first, as a reply line's card starts.
    if let Some(text) = &card.text {
        out += &style.bold(&format!("{} {}", card.code, escape(text)));
        out.push_str("\n\n");
    }
    out += &style.bold(&format!("{} {}", card.code, card.name));
    out.push('\n');
    if let Some(class) = &card.class {
        out += &style.heading(Label::Class, &format!("{} {}", class.digit, class.name));
    }
    out += &style.heading(
        Label::Subject,
        &format!("X.{}.z {}", card.subject.number, card.subject.name),
    );
    out += &style.heading(Label::Meaning, card.description);
    out += &style.heading(Label::When, card.when);
    out += &style.heading(Label::Fix, card.remediation);
    let classes: Vec<String> = card.classes.iter().map(|c| format!("{c}.x.x")).collect();
    let mut used = format!("the registry lists it for {}", classes.join(", "));
    if card.used_with_class == Some(false) {
        used.push_str(" (not for this class: some servers send it anyway)");
    }
    out += &style.heading(Label::Classes, &used);
    if !card.basic_codes.is_empty() {
        let codes: Vec<String> = card.basic_codes.iter().map(u16::to_string).collect();
        out += &style.heading(Label::BasicCodes, &codes.join(", "));
    }
    let mut rfcs = rfc_list(&card.rfcs);
    if let Some(reference) = card.reference {
        rfcs = format!("{rfcs}; {reference}");
    }
    out += &style.heading(Label::Rfcs, &rfcs);
    if let Some(disposition) = card.disposition {
        out += &style.heading(Label::Client, &style.disposition(disposition));
    }
    out
}

pub fn render_line(card: &LineCard, style: &Style) -> String {
    // The text is a stranger's: escaped, so that it cannot drive the terminal.
    let mut out = style.bold(&format!("{} {}", card.code, escape(&card.text)));
    out.push('\n');
    // Why this reply failed comes first: it says more than the general cards below.
    if let Some(diagnosis) = &card.diagnosis {
        out += &diagnosis.render(card.disposition, style);
    }
    out += &style.heading(Label::Client, &style.disposition(card.disposition));
    match card.agree {
        Some(true) => {
            out += &style.heading(
                Label::Codes,
                "the enhanced code's class matches the basic code",
            )
        }
        Some(false) => {
            out += &style.heading(
                Label::Codes,
                "the enhanced code's class differs from the basic code's first digit (RFC 3463 \
                 forbids this); clients act on the basic code",
            );
        }
        None => out += &style.heading(Label::Codes, "no enhanced status code on this line"),
    }
    out.push('\n');
    match &card.basic {
        Some(basic) => out += &render_basic(basic, style),
        None => {
            out += &style.bold(&format!("{} (not a code smtp-codes knows)", card.code));
            out.push('\n');
            out += &style.heading(
                Label::Category,
                &format!("{}yz {}", card.category.digit, card.category.name),
            );
        }
    }
    if let Some(enhanced) = &card.enhanced {
        out.push('\n');
        out += &render_enhanced(enhanced, style);
    } else if let Some(code) = &card.enhanced_code {
        out.push('\n');
        out += &style.bold(&format!("{code} (not in the IANA registry)"));
        out.push('\n');
    }
    out
}
