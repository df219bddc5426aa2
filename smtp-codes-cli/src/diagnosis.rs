//! Why a reply failed, as `explain` and `scan` show it: the library's [`Diagnosis`], turned into
//! the fields of a card, in words for people and as JSON keys for programs.

use std::ffi::OsStr;

use serde::Serialize;
use smtp_codes::{Context, DecidedBy, Diagnosis, Disposition, Reason, Reply, Rules};

use crate::failure::{Failure, RulesFailure};
use crate::labels::Label;
use crate::output::{Style, json_disposition};
use crate::terminal::escape;

/// The rules that diagnose replies: the built-in ones, or a user's file (`--rules`) before
/// them or (`--rules-instead`) in their place.
#[derive(Debug, Default)]
pub struct Diagnoser {
    user: Option<Rules>,
}

impl Diagnoser {
    /// The built-in rules, after the rules in `file` when one is given; `instead` leaves the
    /// built-in ones out.
    pub fn load(file: Option<&OsStr>, instead: bool) -> Result<Diagnoser, Failure> {
        let Some(file) = file else {
            return Ok(Diagnoser::default());
        };
        let name = file.to_string_lossy().into_owned();
        let bytes = std::fs::read(file).map_err(|err| {
            Failure::Io(format!(
                "cannot read the rules in '{}': {err}",
                escape(&name)
            ))
        })?;
        let text = String::from_utf8(bytes).map_err(|err| {
            Failure::Usage(crate::query::UsageError {
                option: Some("--rules"),
                input: Some(name.clone()),
                problem: format!(
                    "the file is not UTF-8 text (from byte {} on): rules are TOML",
                    err.utf8_error().valid_up_to() + 1
                ),
            })
        })?;
        let rules = Rules::parse(&text, &name).map_err(|error| {
            Failure::Rules(RulesFailure {
                file: name.clone(),
                error,
            })
        })?;
        let rules = if instead {
            rules.instead_of_built_in()
        } else {
            rules.before_built_in()
        };
        Ok(Diagnoser { user: Some(rules) })
    }

    /// The user's rules, when a file gave them.
    pub fn rules(&self) -> Option<&Rules> {
        self.user.as_ref()
    }

    /// Why `reply` failed, knowing what `context` tells.
    pub fn diagnose(&self, reply: &Reply<'_>, context: &Context<'_>) -> Diagnosis<'_> {
        match &self.user {
            Some(rules) => rules.diagnose_with(reply, context),
            None => reply.diagnose_with(context),
        }
    }
}

/// What `decided_by` says in JSON: `rule`, `enhanced_code`, `reply_code` or `nothing`.
pub fn decided_key(decided: DecidedBy) -> &'static str {
    match decided {
        DecidedBy::Rule => "rule",
        DecidedBy::EnhancedCode => "enhanced_code",
        DecidedBy::ReplyCode => "reply_code",
        _ => "nothing",
    }
}

/// A diagnosis, owned, for a card: the keys a reply's JSON card gains.
#[derive(Debug, Clone, Serialize)]
pub struct DiagnosisCard {
    /// The reason's token, such as `userunknown`.
    pub reason: &'static str,
    pub reason_name: &'static str,
    pub hard_bounce: bool,
    /// What to do, given the reason: a 5yz takes its reason's disposition (a full mailbox is
    /// tried again later), other classes their code's.
    #[serde(serialize_with = "json_disposition")]
    pub reason_disposition: Disposition,
    /// `rule`, `enhanced_code`, `reply_code` or `nothing`.
    pub decided_by: &'static str,
    /// The id of the rule that matched.
    pub rule: Option<String>,
    /// The provider's id, such as `google`.
    pub provider: Option<String>,
    pub provider_name: Option<String>,
    pub provider_link: Option<String>,
    pub note: Option<String>,
    pub remediation: String,
    pub link: Option<String>,
    /// The reply's basic code, to word the bounce line.
    #[serde(skip)]
    pub code: u16,
    /// The enhanced code that decided, when it did.
    #[serde(skip)]
    pub enhanced: Option<String>,
}

impl DiagnosisCard {
    pub fn of(diagnosis: &Diagnosis<'_>, reply: &Reply<'_>) -> DiagnosisCard {
        let reason = diagnosis.reason();
        let provider = diagnosis.provider();
        DiagnosisCard {
            reason: reason.token(),
            reason_name: reason.name(),
            hard_bounce: diagnosis.is_hard_bounce(),
            reason_disposition: diagnosis.disposition(),
            decided_by: decided_key(diagnosis.decided_by()),
            rule: diagnosis.rule().map(str::to_owned),
            provider: provider.map(|p| p.id().to_owned()),
            provider_name: provider.map(|p| p.name().to_owned()),
            provider_link: provider.map(|p| p.link().to_owned()),
            note: diagnosis.note().map(str::to_owned),
            remediation: diagnosis.remediation().to_owned(),
            link: diagnosis.link().map(str::to_owned),
            code: reply.code(),
            enhanced: reply.enhanced().map(|e| e.to_string()),
        }
    }

    /// The diagnosis as the fields at the top of a reply's card. Everything that a user's rule
    /// file can hold (ids, names, notes, fixes, links) is escaped.
    pub fn render(&self, code_disposition: Disposition, style: &Style) -> String {
        let mut out = style.heading(
            Label::Reason,
            &format!("{} — {}", self.reason, self.reason_name),
        );
        let bounce = match self.code / 100 {
            5 if self.hard_bounce => Some("hard: the address itself is bad; stop sending to it"),
            5 => Some("soft: the address itself may be fine; the reason above is what failed"),
            4 => Some("soft: a temporary failure, which says nothing final about the address"),
            _ => None,
        };
        if let Some(bounce) = bounce {
            out += &style.heading(Label::Bounce, bounce);
        }
        if self.reason_disposition != code_disposition {
            out += &style.heading(
                Label::Then,
                &format!(
                    "{} (for this reason; the code alone says {})",
                    style.disposition(self.reason_disposition),
                    code_disposition
                ),
            );
        }
        if let Some(name) = &self.provider_name {
            out += &style.heading(Label::Provider, &escape(name));
        }
        if let Some(note) = &self.note {
            out += &style.heading(Label::Note, &escape(note));
        }
        out += &style.heading(Label::Fix, &escape(&self.remediation));
        // The rule's own page, or else its provider's.
        if let Some(link) = &self.link {
            out += &style.heading(Label::Link, &escape(link));
        }
        let decided = match (self.decided_by, &self.rule, &self.enhanced) {
            ("rule", Some(rule), _) => format!("the rule {}", escape(rule)),
            ("enhanced_code", _, Some(enhanced)) => {
                format!("no rule matched: the default reason of {enhanced}")
            }
            ("reply_code", _, _) => {
                format!("no rule matched: the default reason of {}", self.code)
            }
            _ => "nothing: no rule matched and the codes are unknown".to_owned(),
        };
        out += &style.heading(Label::DecidedBy, &decided);
        out
    }
}

/// One reason, for `reasons` and `explain TOKEN`.
#[derive(Debug, Clone, Serialize)]
pub struct ReasonCard {
    pub token: &'static str,
    pub name: &'static str,
    pub hard_bounce: bool,
    #[serde(serialize_with = "json_disposition")]
    pub disposition: Disposition,
    pub description: &'static str,
    pub remediation: &'static str,
    pub summary: Option<&'static str>,
    pub quick_fix: Option<&'static str>,
    /// The basic codes whose default reason this is.
    pub basic_codes: Vec<u16>,
    /// The enhanced codes whose default reason this is, without their class (`X.1.1`).
    pub enhanced_codes: Vec<String>,
}

impl ReasonCard {
    pub fn of(reason: Reason) -> ReasonCard {
        ReasonCard {
            token: reason.token(),
            name: reason.name(),
            hard_bounce: reason.is_hard_bounce(),
            disposition: reason.disposition(),
            description: reason.description(),
            remediation: reason.remediation(),
            summary: reason.summary(),
            quick_fix: reason.quick_fix(),
            basic_codes: smtp_codes::ReplyCode::ALL
                .iter()
                .filter(|c| c.reason() == reason)
                .map(|c| c.code())
                .collect(),
            enhanced_codes: smtp_codes::EnhancedStatus::ALL
                .iter()
                .filter(|s| s.reason() == reason)
                .map(|s| s.any_class().to_string())
                .collect(),
        }
    }

    pub fn render(&self, style: &Style) -> String {
        let mut out = style.bold(&format!("{} — {}", self.token, self.name));
        out.push('\n');
        out += &style.heading(Label::Meaning, self.description);
        out += &style.heading(Label::Fix, self.remediation);
        let bounce = if self.hard_bounce {
            "hard: the address itself is bad; stop sending to it (when the reply is a 5yz)"
        } else {
            "soft: the address may well be good"
        };
        out += &style.heading(Label::Bounce, bounce);
        out += &style.heading(Label::Client, &style.disposition(self.disposition));
        // Which codes mean this reason when no rule says more.
        let mut codes: Vec<String> = self.basic_codes.iter().map(u16::to_string).collect();
        codes.extend(self.enhanced_codes.iter().cloned());
        let codes = if codes.is_empty() {
            "no code: only rules give it".to_owned()
        } else {
            codes.join(", ")
        };
        out += &style.heading(Label::DefaultOf, &codes);
        out
    }
}
