//! A user's own rules, read at run time (feature `rules`): the same format as the built-in
//! `rules.toml`, read and checked by the same code (`smtp_codes_data::rules`) as the derive
//! uses at compile time, and run by the same kernel.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use smtp_codes_data::diagnostic::Problems;
use smtp_codes_data::rules::{self, Known, Plan};
use smtp_codes_data::source::line_column;

use super::{Condition, Context, Diagnosis, PieceTable, Provider, RuleInfo, RuleRef, Tables};
use crate::{Command, EnhancedSubject, Reason, Reply};

/// Bounce rules of your own, read from a file in the format of the built-in `rules.toml`
/// (described in [`smtp_codes_data::rules`]), tried before the built-in rules or instead of
/// them. Users of bounce tools need this again and again: one provider's `550 5.2.0` is a
/// block, another's a full mailbox.
///
/// ```
/// use smtp_codes::{Context, Reason, Reply, Rules};
///
/// let rules = Rules::parse(r#"
/// [[provider]]
/// id = "example-mx"
/// name = "Example MX"
/// hosts = ["example.net"]
/// link = "https://postmaster.example.net/"
///
/// [[rule]]
/// id = "example-mx-full"
/// provider = "example-mx"
/// reason = "mailboxfull"
/// code = 550
/// enhanced = "5.2.0"
/// host = ["example.net"]
/// note = "Example MX answers 5.2.0 for a mailbox over its quota."
/// example = "550 5.2.0 Rejected"
/// source = "https://postmaster.example.net/"
/// "#, "my-rules.toml")?;
///
/// let reply = Reply::parse_line(b"550 5.2.0 Rejected")?;
/// let context = Context::new().recipient("bob@example.net");
/// assert_eq!(rules.diagnose_with(&reply, &context).reason(), Reason::MailboxFull);
/// // Without the host, the built-in rules and the codes decide, as without user rules;
/// // the diagnosis says that a host could change it.
/// let alone = rules.diagnose(&reply);
/// assert_eq!((alone.reason(), alone.rule()), (reply.diagnose().reason(), reply.diagnose().rule()));
/// assert!(alone.depends_on_host());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Rules {
    plan: Plan,
    conditions: Vec<Condition>,
    rules: Vec<UserRule>,
    built_in: bool,
}

/// One of a user's rules, with what it concludes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UserRule {
    id: String,
    reason: Reason,
    provider: Option<(String, String, String)>,
    note: Option<String>,
    remediation: Option<String>,
    link: Option<String>,
    example: String,
}

impl Rules {
    /// Reads and checks rules from `text`, the contents of the file `name` (used in messages).
    /// Every problem is reported at once, each with its line and column, as the derive reports
    /// problems in the built-in rules.
    ///
    /// # Errors
    ///
    /// [`RulesError`] when the text is not valid TOML or breaks any rule of the format.
    pub fn parse(text: &str, name: &str) -> Result<Rules, RulesError> {
        let mut problems = Problems::default();
        let file = rules::read(text, &mut problems);
        let checked = rules::check(&file, &FromEnums, &mut problems);
        let plan = rules::plan_checked(&checked);
        if let Err(message) = &plan {
            problems.report(0..0, message.clone());
        }
        if !problems.is_empty() {
            return Err(RulesError::new(text, name, problems));
        }
        let plan = plan.map_err(|_| RulesError::new(text, name, Problems::default()))?;
        let rules = checked
            .iter()
            .map(|c| {
                let k = &c.conclusion;
                UserRule {
                    id: k.id.to_owned(),
                    reason: Reason::from_token(k.reason).unwrap_or(Reason::Undefined),
                    provider: k.provider.map(|p| {
                        (
                            p.id.value.clone(),
                            p.name.value.clone(),
                            p.link.value.clone(),
                        )
                    }),
                    note: k.note.map(str::to_owned),
                    remediation: k.remediation.map(str::to_owned),
                    link: k.link.map(str::to_owned),
                    example: c.row.example.value.clone(),
                }
            })
            .collect();
        let conditions = plan
            .conditions
            .iter()
            .map(|c| Condition {
                code: c.code,
                class: c.class,
                enhanced: c.enhanced,
                stage: c.stage,
                hosts: c.hosts,
                patterns: c.patterns,
            })
            .collect();
        Ok(Rules {
            plan,
            conditions,
            rules,
            built_in: true,
        })
    }

    /// Tries these rules first, then the built-in ones (the default).
    #[must_use]
    pub fn before_built_in(mut self) -> Self {
        self.built_in = true;
        self
    }

    /// Tries only these rules; the built-in ones are left out. The codes' default reasons still
    /// decide when no rule matches.
    #[must_use]
    pub fn instead_of_built_in(mut self) -> Self {
        self.built_in = false;
        self
    }

    /// How many rules were read.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// `true` for a file without rules.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Why the reply failed, knowing nothing but the reply; see [`Reply::diagnose`].
    #[must_use]
    pub fn diagnose(&self, reply: &Reply<'_>) -> Diagnosis<'_> {
        self.diagnose_with(reply, &Context::new())
    }

    /// Why the reply failed: these rules, then (unless left out) the built-in ones, then the
    /// codes' default reasons.
    #[must_use]
    pub fn diagnose_with(&self, reply: &Reply<'_>, context: &Context<'_>) -> Diagnosis<'_> {
        let subject = context.subject(reply);
        let mut matters = super::Matters::default();
        if let Some(rule) = self
            .tables()
            .first_match(reply.lines(), &subject, &mut matters)
        {
            if let Some(rule) = self.rules.get(rule) {
                return Diagnosis::by_rule(subject.code, RuleRef::User(rule), matters);
            }
        }
        if self.built_in {
            return reply.diagnose_with(context).depending(matters);
        }
        Diagnosis::by_codes(reply, subject.enhanced).depending(matters)
    }

    fn tables(&self) -> Tables<'_> {
        let p = &self.plan;
        Tables {
            stride: p.stride,
            short: piece_table(&p.short),
            long: piece_table(&p.long),
            longest: p.longest,
            patterns: &p.patterns,
            pattern_ends: &p.pattern_ends,
            conditions: &self.conditions,
            rule_patterns: &p.rule_patterns,
            hosts: &p.hosts,
            host_ends: &p.host_ends,
            keyed_starts: &p.keyed_starts,
            keyed: &p.keyed,
            textless: &p.textless,
        }
    }
}

/// A table of the plan as the kernel reads it.
fn piece_table(table: &rules::PieceTable) -> PieceTable<'_> {
    PieceTable {
        bits: table.bits,
        // `plan` makes exactly 1024 words.
        occupied: table.occupied.as_slice().try_into().unwrap_or(&[0; 1024]),
        starts: &table.starts,
        entries: &table.entries,
    }
}

impl UserRule {
    pub(crate) fn info(&self) -> RuleInfo<'_> {
        RuleInfo {
            id: &self.id,
            reason: self.reason,
            provider: self
                .provider
                .as_ref()
                .map(|(id, name, link)| Provider { id, name, link }),
            note: self.note.as_deref(),
            remediation: self.remediation.as_deref(),
            link: self.link.as_deref(),
            example: &self.example,
        }
    }
}

/// The built-in data, for the checks of a user's rules.
struct FromEnums;

impl Known for FromEnums {
    fn is_reason(&self, token: &str) -> bool {
        Reason::from_token(token).is_some()
    }

    fn command(&self, verb: &str) -> Option<usize> {
        Command::ALL.iter().position(|c| c.verb() == verb)
    }

    fn is_subject(&self, subject: u16) -> bool {
        EnhancedSubject::from_number(subject).is_some()
    }
}

/// A rule file that could not be used: every problem found in it, each with its line and
/// column. Its `Display` writes one problem per line, `name:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    name: String,
    problems: Vec<RuleProblem>,
}

/// One problem in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
    /// Counted from 1.
    pub line: usize,
    /// Counted from 1, in characters.
    pub column: usize,
    /// What is wrong, and how to fix it.
    pub message: String,
}

impl RulesError {
    fn new(text: &str, name: &str, problems: Problems) -> Self {
        let problems = problems
            .into_sorted()
            .into_iter()
            .map(|d| {
                let (line, column) = line_column(text, d.span.start);
                RuleProblem {
                    line,
                    column,
                    message: d.message,
                }
            })
            .collect();
        RulesError {
            name: name.to_owned(),
            problems,
        }
    }

    /// The problems, in file order.
    #[must_use]
    pub fn problems(&self) -> &[RuleProblem] {
        &self.problems
    }
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{}:{}:{}: {}", self.name, p.line, p.column, p.message)?;
        }
        Ok(())
    }
}

impl core::error::Error for RulesError {}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    const OVERRIDE: &str = r#"
[[rule]]
id = "mine-user-unknown"
reason = "blocked"
text = ["User unknown in local recipient table"]
example = "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in local recipient table"
source = "my own logs"
"#;

    #[test]
    fn a_user_rule_goes_before_the_built_in_ones() {
        let rules = Rules::parse(OVERRIDE, "mine.toml").unwrap();
        assert_eq!(rules.len(), 1);
        let reply = Reply::parse_line(
            b"550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in local recipient table",
        )
        .unwrap();
        let mine = rules.diagnose(&reply);
        assert_eq!(
            (mine.reason(), mine.rule()),
            (Reason::Blocked, Some("mine-user-unknown"))
        );
        assert_ne!(reply.diagnose().rule(), Some("mine-user-unknown"));
        assert_eq!(reply.diagnose().reason(), Reason::UserUnknown);
        // Another reply: the built-in rules still decide, or with them left out the codes do.
        let other = Reply::parse_line(b"554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org").unwrap();
        assert_eq!(rules.diagnose(&other), other.diagnose());
        let alone = rules.clone().instead_of_built_in();
        assert_eq!(alone.diagnose(&other).rule(), None);
        assert_eq!(alone.diagnose(&other).reason(), Reason::PolicyViolation);
    }

    #[test]
    fn the_kernel_has_room_for_every_pattern_a_plan_allows() {
        assert_eq!(
            super::super::tables::MAX_WORDS * 64,
            smtp_codes_data::rules::MAX_PATTERNS
        );
    }

    #[test]
    fn every_problem_is_named_with_its_line_and_column() {
        let text = "[[rule]]\nid = \"Bad Id\"\nreason = \"nope\"\ntext = [\"abc\"]\nexample = \"550 abc\"\nsource = \"s\"\n";
        let err = Rules::parse(text, "mine.toml").unwrap_err();
        let shown = err.to_string();
        assert_eq!(err.problems().len(), 3, "{shown}");
        assert!(
            shown.starts_with("mine.toml:2:6: rule id `Bad Id` must be"),
            "{shown}"
        );
        assert!(
            shown.contains("\nmine.toml:3:10: unknown reason `nope`"),
            "{shown}"
        );
        assert!(
            shown.contains("\nmine.toml:4:9: pattern `abc` is shorter than 4 bytes"),
            "{shown}"
        );
        let err = Rules::parse("[[rule]\n", "broken.toml").unwrap_err();
        assert!(err.to_string().starts_with("broken.toml:1:"), "{err}");
        assert!(err.to_string().contains("invalid TOML"), "{err}");
    }
}
