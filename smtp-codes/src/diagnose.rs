//! Why a reply failed: [`Reply::diagnose`] and [`Diagnosis`], from the bounce rules compiled
//! out of `rules.toml`, then the enhanced code's and the basic code's default reasons.

mod compare;
mod tables;
#[cfg(feature = "rules")]
mod user;

use core::fmt;

use crate::{Command, Disposition, EnhancedCode, Reason, Reply};

pub(crate) use tables::{Condition, Matters, PieceTable, Subject, Tables};
#[cfg(feature = "rules")]
pub use user::{RuleProblem, Rules, RulesError};

smtp_codes_derive::rules! {
    codes = "codes.toml";
    file = "rules.toml";
}

/// What one rule concludes about the replies it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RuleInfo<'r> {
    pub id: &'r str,
    pub reason: Reason,
    pub provider: Option<Provider<'r>>,
    pub note: Option<&'r str>,
    pub remediation: Option<&'r str>,
    pub link: Option<&'r str>,
    /// A real reply the rule was written for.
    #[allow(dead_code)]
    pub example: &'r str,
}

/// The rule that decided a diagnosis: a built-in one, or one of a user's [`Rules`]. A reference,
/// so that a diagnosis stays small to return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleRef<'r> {
    BuiltIn(&'static RuleInfo<'static>),
    #[cfg(feature = "rules")]
    User(&'r user::UserRule),
    /// Keeps the lifetime without the `rules` feature; never made.
    #[cfg(not(feature = "rules"))]
    #[allow(dead_code)]
    Never(core::marker::PhantomData<&'r ()>, core::convert::Infallible),
}

impl<'r> RuleRef<'r> {
    fn info(self) -> RuleInfo<'r> {
        match self {
            RuleRef::BuiltIn(info) => *info,
            #[cfg(feature = "rules")]
            RuleRef::User(rule) => rule.info(),
            #[cfg(not(feature = "rules"))]
            RuleRef::Never(_, never) => match never {},
        }
    }
}

/// The mail provider, filtering service, blocklist or mail server a rule is about, such as
/// Google, Spamhaus or Postfix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Provider<'r> {
    pub(crate) id: &'r str,
    pub(crate) name: &'r str,
    pub(crate) link: &'r str,
}

impl<'r> Provider<'r> {
    /// Its short id in the rule file, such as `google` or `spamhaus`.
    #[must_use]
    pub const fn id(&self) -> &'r str {
        self.id
    }

    /// Its name, such as `Google (Gmail and Google Workspace)`.
    #[must_use]
    pub const fn name(&self) -> &'r str {
        self.name
    }

    /// Its own public documentation about its replies, or its lookup and delisting page.
    #[must_use]
    pub const fn link(&self) -> &'r str {
        self.link
    }
}

impl fmt::Display for Provider<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name)
    }
}

/// What is known about a reply besides its bytes, for [`Reply::diagnose_with`]: the command
/// it answered and who sent it. Rules that name a stage or a host match only when it is given.
///
/// ```
/// use smtp_codes::{Command, Context, Reason, Reply};
///
/// // Many servers say this; only Gmail's rule explains what Gmail means by it.
/// let reply = Reply::parse_line(b"421 4.4.5 Server busy, try again later.")?;
/// assert_eq!(reply.diagnose().provider(), None);
///
/// let context = Context::new()
///     .command(Command::Rcpt)
///     .host("gmail-smtp-in.l.google.com")
///     .recipient("bob@gmail.com");
/// let diagnosis = reply.diagnose_with(&context);
/// assert_eq!(diagnosis.provider().map(|p| p.id()), Some("google"));
/// assert_eq!(diagnosis.reason(), Reason::SystemFull);
/// assert!(diagnosis.note().is_some());
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context<'a> {
    command: Option<Command>,
    host: Option<&'a str>,
    domain: Option<&'a str>,
}

impl<'a> Context<'a> {
    /// Nothing known but the reply.
    #[must_use]
    pub const fn new() -> Self {
        Context {
            command: None,
            host: None,
            domain: None,
        }
    }

    /// The command the reply answered (`Command::Rcpt`, `Command::Greeting`, ...).
    #[must_use]
    pub const fn command(mut self, command: Command) -> Self {
        self.command = Some(command);
        self
    }

    /// The name of the host that sent the reply, such as `gmail-smtp-in.l.google.com`.
    #[must_use]
    pub const fn host(mut self, host: &'a str) -> Self {
        self.host = Some(host);
        self
    }

    /// The recipient's domain, such as `gmail.com`.
    #[must_use]
    pub const fn domain(mut self, domain: &'a str) -> Self {
        self.domain = Some(domain);
        self
    }

    /// The recipient's domain from their address: what follows the last `@` (and no `>`).
    /// An address without `@` leaves the domain unknown.
    #[must_use]
    pub fn recipient(self, address: &'a str) -> Self {
        match address.rsplit_once('@') {
            Some((_, domain)) if !domain.is_empty() => self.domain(domain.trim_end_matches('>')),
            _ => self,
        }
    }

    pub(crate) fn subject(&self, reply: &Reply<'_>) -> Subject<'a> {
        // The enhanced code is read once, with its length, which the scan skips on each line.
        let prefix = reply.lines().next().and_then(EnhancedCode::prefix_of);
        Subject {
            code: reply.code(),
            enhanced: prefix.map(|(code, _)| code),
            prefix: prefix.map_or(0, |(_, len)| len),
            stage: self.command.and_then(|c| {
                Command::ALL
                    .iter()
                    .position(|&k| k == c)
                    .and_then(|i| u16::try_from(i).ok())
            }),
            hosts: [self.host, self.domain],
        }
    }
}

/// What decided a [`Diagnosis`]'s reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecidedBy {
    /// A rule matched the reply; [`Diagnosis::rule`] names it.
    Rule,
    /// No rule matched: the enhanced code's default reason.
    EnhancedCode,
    /// Neither a rule nor a registered enhanced code: the basic code's default reason.
    ReplyCode,
    /// Nothing is known about the code: the reason is [`Reason::Undefined`].
    Nothing,
}

/// What the rules concluded about one reply: why it failed ([`reason`](Self::reason)), whether
/// the address itself is bad ([`is_hard_bounce`](Self::is_hard_bounce)), what to do, and, when a
/// rule matched, who sent it and what this particular reply means.
///
/// ```
/// use smtp_codes::{DecidedBy, Disposition, Reason, Reply};
///
/// let reply = Reply::parse_line(
///     b"554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org",
/// )?;
/// let diagnosis = reply.diagnose();
/// assert_eq!(diagnosis.reason(), Reason::Blocked);
/// assert_eq!(diagnosis.decided_by(), DecidedBy::Rule);
/// assert!(!diagnosis.is_hard_bounce()); // the address is fine: the sending IP is listed
/// assert_eq!(diagnosis.provider().map(|p| p.id()), Some("spamhaus"));
///
/// // Without a rule, the registered enhanced code decides.
/// let reply = Reply::parse_line(b"550 5.1.1 no")?;
/// assert_eq!(reply.diagnose().reason(), Reason::UserUnknown);
/// assert!(reply.diagnose().is_hard_bounce());
/// assert_eq!(reply.diagnose().disposition(), Disposition::GiveUp);
/// # Ok::<(), smtp_codes::ReplyError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Diagnosis<'r> {
    reason: Reason,
    /// What of the context could have given another answer.
    matters: Matters,
    /// The reply's basic code.
    code: u16,
    decided_by: DecidedBy,
    rule: Option<RuleRef<'r>>,
}

impl<'r> Diagnosis<'r> {
    /// Why the reply failed (or [`Reason::Delivered`] for a success).
    #[must_use]
    pub const fn reason(&self) -> Reason {
        self.reason
    }

    /// Whether the address itself is bad and should be suppressed: a permanent failure (5yz)
    /// whose reason is a hard bounce. A temporary failure never is.
    #[must_use]
    pub const fn is_hard_bounce(&self) -> bool {
        self.code / 100 == 5 && self.reason.is_hard_bounce()
    }

    /// What to do about the reply: for a success or an intermediate reply, what its code says;
    /// for a failure, what its reason says, except that a temporary failure (4yz) is never
    /// given up on (an overloaded server may answer 4yz for a reason that would be permanent).
    #[must_use]
    pub const fn disposition(&self) -> Disposition {
        match self.code / 100 {
            2 => Disposition::Success,
            3 => Disposition::Intermediate,
            4 => Disposition::RetryLater,
            _ => self.reason.disposition(),
        }
    }

    /// Whether another command answered could give this reply another diagnosis: a rule that
    /// names a stage matched everything else. With [`depends_on_host`](Self::depends_on_host)
    /// `false` too, the diagnosis holds for this reply text in any context, which is what a
    /// cache keyed by the text needs to know.
    ///
    /// ```
    /// use smtp_codes::{Context, Reply};
    ///
    /// // A 5yz answering STARTTLS or AUTH is a TLS or authentication failure, whatever it says.
    /// let reply = Reply::parse_line(b"550 5.1.1 xyzzy")?;
    /// assert!(reply.diagnose().depends_on_command());
    /// assert!(!reply.diagnose().depends_on_host());
    /// // Gmail's rule for this text needs a Google host.
    /// let busy = Reply::parse_line(b"421 4.4.5 Server busy, try again later.")?;
    /// assert!(busy.diagnose().depends_on_host());
    /// assert!(busy.diagnose_with(&Context::new().host("mx.google.com")).depends_on_host());
    /// // A success depends on nothing.
    /// let ok = Reply::parse_line(b"250 2.0.0 Ok")?.diagnose();
    /// assert!(!ok.depends_on_command() && !ok.depends_on_host());
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    #[must_use]
    pub const fn depends_on_command(&self) -> bool {
        self.matters.command
    }

    /// Whether another remote host or recipient domain could give this reply another diagnosis:
    /// a rule that names hosts matched everything else. See
    /// [`depends_on_command`](Self::depends_on_command).
    #[must_use]
    pub const fn depends_on_host(&self) -> bool {
        self.matters.host
    }

    /// What decided the reason.
    #[must_use]
    pub const fn decided_by(&self) -> DecidedBy {
        self.decided_by
    }

    /// The id of the rule that matched, such as `google-gcdp`.
    #[must_use]
    pub fn rule(&self) -> Option<&'r str> {
        self.rule.map(|r| r.info().id)
    }

    /// Who the matching rule is about: the provider, filtering service, blocklist or mail
    /// server software.
    #[must_use]
    pub fn provider(&self) -> Option<Provider<'r>> {
        self.rule.and_then(|r| r.info().provider)
    }

    /// What this particular reply means, when a rule explains it.
    #[must_use]
    pub fn note(&self) -> Option<&'r str> {
        self.rule.and_then(|r| r.info().note)
    }

    /// What to do about it: the rule's own fix, or else the reason's.
    #[must_use]
    pub fn remediation(&self) -> &'r str {
        self.rule
            .and_then(|r| r.info().remediation)
            .unwrap_or(self.reason.remediation())
    }

    /// The provider's or blocklist's own page about this reply: the rule's link, or else its
    /// provider's.
    #[must_use]
    pub fn link(&self) -> Option<&'r str> {
        let rule = self.rule?.info();
        rule.link.or(rule.provider.map(|p| p.link))
    }

    fn by_rule(code: u16, rule: RuleRef<'r>, matters: Matters) -> Self {
        Diagnosis {
            reason: rule.info().reason,
            matters,
            code,
            decided_by: DecidedBy::Rule,
            rule: Some(rule),
        }
    }

    /// The reason from the codes alone: a success is delivered; a failure takes its enhanced
    /// code's default (when it is registered and agrees with the basic code), else the basic
    /// code's, else nothing. `enhanced` is the reply's enhanced code when the caller has read
    /// it already.
    pub(crate) fn by_codes(reply: &Reply<'_>, enhanced: Option<EnhancedCode>) -> Self {
        let code = reply.code();
        if !matches!(code / 100, 4 | 5) {
            return Diagnosis::not_failed(reply);
        }
        let status = enhanced
            .or_else(|| reply.enhanced())
            .filter(|e| e.agrees_with(code))
            .and_then(|e| e.status());
        let (reason, decided_by) = match (status, reply.reply_code()) {
            (Some(status), _) => (status.reason(), DecidedBy::EnhancedCode),
            (None, Some(basic)) => (basic.reason(), DecidedBy::ReplyCode),
            (None, None) => (Reason::Undefined, DecidedBy::Nothing),
        };
        Diagnosis::without_rule(reason, code, decided_by)
    }

    /// A success or an intermediate reply: rules only describe failures, so its code decides,
    /// a success being delivered. Cheap enough to inline.
    #[inline]
    fn not_failed(reply: &Reply<'_>) -> Self {
        let code = reply.code();
        let (reason, decided_by) = match (code / 100, reply.reply_code()) {
            (2, _) => (Reason::Delivered, DecidedBy::ReplyCode),
            (_, Some(basic)) => (basic.reason(), DecidedBy::ReplyCode),
            (_, None) => (Reason::Undefined, DecidedBy::Nothing),
        };
        Diagnosis::without_rule(reason, code, decided_by)
    }

    /// A diagnosis that no rule made.
    fn without_rule(reason: Reason, code: u16, decided_by: DecidedBy) -> Self {
        Diagnosis {
            reason,
            matters: Matters::default(),
            code,
            decided_by,
            rule: None,
        }
    }

    /// The same diagnosis, noting that the context could have changed it.
    pub(crate) fn depending(mut self, matters: Matters) -> Self {
        self.matters = self.matters.or(matters);
        self
    }
}

/// `userunknown (hard bounce)`, then the rule's note when there is one.
impl fmt::Display for Diagnosis<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.is_hard_bounce() {
            "hard bounce"
        } else {
            "soft bounce"
        };
        match self.disposition() {
            Disposition::Success | Disposition::Intermediate => write!(f, "{}", self.reason)?,
            _ => write!(f, "{} ({kind})", self.reason)?,
        }
        if let Some(note) = self.note() {
            write!(f, ": {note}")?;
        }
        Ok(())
    }
}

impl Reply<'_> {
    /// Why the reply failed, from the built-in rules and the codes' default reasons, knowing
    /// nothing but the reply; see [`Diagnosis`]. Rules that need the command answered or the
    /// sender's host are skipped: [`diagnose_with`](Self::diagnose_with) gives them.
    #[must_use]
    #[inline]
    pub fn diagnose(&self) -> Diagnosis<'static> {
        self.diagnose_with(&Context::new())
    }

    /// Why the reply failed, knowing the command it answered and who sent it.
    ///
    /// ```
    /// use smtp_codes::{Reason, Reply};
    ///
    /// let reply = Reply::parse_line(
    ///     b"550 5.1.1 The email account that you tried to reach does not exist.",
    /// )?;
    /// let diagnosis = reply.diagnose();
    /// assert_eq!(diagnosis.reason(), Reason::UserUnknown);
    /// assert!(diagnosis.note().is_some());
    /// # Ok::<(), smtp_codes::ReplyError>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn diagnose_with(&self, context: &Context<'_>) -> Diagnosis<'static> {
        if !matches!(self.code() / 100, 4 | 5) {
            return Diagnosis::not_failed(self);
        }
        self.diagnose_failure(context)
    }

    /// [`diagnose_with`](Self::diagnose_with) for a 4yz or 5yz reply.
    fn diagnose_failure(&self, context: &Context<'_>) -> Diagnosis<'static> {
        let subject = context.subject(self);
        let mut matters = Matters::default();
        match BUILT_IN.first_match(self.lines(), &subject, &mut matters) {
            Some(rule) => match BUILT_IN_RULES.get(rule) {
                Some(info) => Diagnosis::by_rule(subject.code, RuleRef::BuiltIn(info), matters),
                None => Diagnosis::by_codes(self, subject.enhanced).depending(matters),
            },
            None => Diagnosis::by_codes(self, subject.enhanced).depending(matters),
        }
    }
}

/// The built-in rules, in order, for tests.
#[cfg(test)]
pub(crate) fn built_in_rules() -> &'static [RuleInfo<'static>] {
    &BUILT_IN_RULES
}

impl EnhancedCode {
    /// What the enhanced code alone says, where there is no reply to read: the `Status` of a
    /// delivery status notification (RFC 3464) whose `Diagnostic-Code` is not an SMTP reply,
    /// such as Postfix's `X-Postfix; connect to ...: Connection refused`. The registered
    /// code's reason decides ([`DecidedBy::EnhancedCode`]); a code the registry does not list
    /// is [`Reason::Undefined`], and a class 2 code is [`Reason::Delivered`]. No rule runs:
    /// rules read the text of SMTP replies.
    ///
    /// ```
    /// use smtp_codes::{enhanced_code, DecidedBy, Disposition, Reason};
    ///
    /// let diagnosis = enhanced_code!("5.1.1").diagnose();
    /// assert_eq!(diagnosis.reason(), Reason::UserUnknown);
    /// assert!(diagnosis.is_hard_bounce());
    /// assert_eq!(diagnosis.decided_by(), DecidedBy::EnhancedCode);
    ///
    /// // A class 4 code is never a hard bounce.
    /// let diagnosis = enhanced_code!("4.2.2").diagnose();
    /// assert_eq!(diagnosis.reason(), Reason::MailboxFull);
    /// assert_eq!(diagnosis.disposition(), Disposition::RetryLater);
    /// assert!(!diagnosis.is_hard_bounce());
    /// ```
    #[must_use]
    pub fn diagnose(self) -> Diagnosis<'static> {
        // The class stands for the basic code: it is all that hard bounce and disposition
        // read from it.
        let code = u16::from(self.class()) * 100;
        let (reason, decided_by) = match (self.class(), self.status()) {
            (2, _) => (Reason::Delivered, DecidedBy::EnhancedCode),
            (_, Some(status)) => (status.reason(), DecidedBy::EnhancedCode),
            (_, None) => (Reason::Undefined, DecidedBy::Nothing),
        };
        Diagnosis::without_rule(reason, code, decided_by)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::format;
    use std::string::String;
    use std::vec::Vec;

    /// An example as wire bytes: its lines with CRLF, the last one's separator a space.
    fn wire(example: &str) -> String {
        let lines: Vec<&str> = example.split('\n').collect();
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            let (code, rest) = line.split_at(3);
            let text = rest.strip_prefix([' ', '-']).unwrap_or(rest);
            let sep = if i + 1 == lines.len() { ' ' } else { '-' };
            out.push_str(&format!("{code}{sep}{text}\r\n"));
        }
        out
    }

    /// The kernel and the rule file's plain meaning agree on every built-in rule's example:
    /// each reply example, with the rule's stage and first host as context, is first matched
    /// by its own rule (the derive checked that with the plain meaning at compile time).
    #[test]
    fn every_reply_example_is_diagnosed_by_its_own_rule() {
        let mut tried = 0;
        for (i, rule) in built_in_rules().iter().enumerate() {
            if !rule
                .example
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_digit)
            {
                continue;
            }
            let bytes = wire(rule.example);
            let (reply, _) = Reply::parse(bytes.as_bytes()).expect("the example parses");
            let condition = BUILT_IN.conditions[i];
            let mut context = Context::new();
            if let Some(stage) = condition.stage {
                context = context.command(Command::ALL[usize::from(stage)]);
            }
            let host;
            if condition.hosts.0 < condition.hosts.1 {
                host = BUILT_IN.host(usize::from(condition.hosts.0));
                context = context.host(host);
            }
            let diagnosis = reply.diagnose_with(&context);
            assert_eq!(diagnosis.rule(), Some(rule.id), "{:?}", rule.example);
            assert_eq!(diagnosis.reason(), rule.reason);
            assert_eq!(diagnosis.decided_by(), DecidedBy::Rule);
            tried += 1;
        }
        assert!(tried > 390, "only {tried} examples are replies");
    }

    /// When a diagnosis says the command (or the host) cannot change it, no command (or host)
    /// does: checked on every reply example, against every command and every rule's host.
    #[test]
    fn a_diagnosis_that_does_not_depend_on_the_context_does_not() {
        let hosts: Vec<&str> = (0..BUILT_IN.host_ends.len())
            .map(|h| BUILT_IN.host(h))
            .collect();
        let mut free = 0;
        for rule in built_in_rules() {
            if !rule
                .example
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_digit)
            {
                continue;
            }
            let bytes = wire(rule.example);
            let (reply, _) = Reply::parse(bytes.as_bytes()).unwrap();
            let plain = reply.diagnose();
            let same = |d: Diagnosis<'_>| (d.reason(), d.rule()) == (plain.reason(), plain.rule());
            if !plain.depends_on_command() {
                for &command in Command::ALL {
                    assert!(
                        same(reply.diagnose_with(&Context::new().command(command))),
                        "{:?} {command:?}",
                        rule.example
                    );
                }
            }
            if !plain.depends_on_host() {
                free += 1;
                for host in &hosts {
                    assert!(
                        same(reply.diagnose_with(&Context::new().host(host))),
                        "{:?} {host}",
                        rule.example
                    );
                }
            }
        }
        assert!(free > 100, "only {free} examples are free of the host");
    }

    #[test]
    fn without_a_rule_the_codes_decide() {
        let reply = |b: &'static [u8]| Reply::parse_line(b).unwrap();
        let d = reply(b"550 5.1.1 xyzzy").diagnose();
        assert_eq!(
            (d.reason(), d.decided_by()),
            (Reason::UserUnknown, DecidedBy::EnhancedCode)
        );
        assert_eq!(d.rule(), None);
        assert_eq!(d.remediation(), Reason::UserUnknown.remediation());
        // The enhanced code disagrees with the basic code: the basic code decides.
        let d = reply(b"550 4.1.1 xyzzy").diagnose();
        assert_eq!(d.decided_by(), DecidedBy::ReplyCode);
        assert_eq!(d.reason(), crate::ReplyCode::MailboxUnavailable.reason());
        // A code outside the table, without an enhanced code.
        let d = reply(b"599 xyzzy").diagnose();
        assert_eq!(
            (d.reason(), d.decided_by()),
            (Reason::Undefined, DecidedBy::Nothing)
        );
        // Successes are delivered, whatever their text says.
        let d = reply(b"250 2.0.0 Ok: blocked using zen.spamhaus.org").diagnose();
        assert_eq!(d.reason(), Reason::Delivered);
        assert_eq!(d.disposition(), Disposition::Success);
        assert!(!d.is_hard_bounce());
    }

    #[test]
    fn a_temporary_failure_is_never_a_hard_bounce_nor_given_up() {
        let d = Reply::parse_line(b"450 4.1.1 xyzzy").unwrap().diagnose();
        assert_eq!(d.reason(), Reason::UserUnknown);
        assert!(Reason::UserUnknown.is_hard_bounce());
        assert!(!d.is_hard_bounce());
        assert_eq!(d.disposition(), Disposition::RetryLater);
    }

    #[test]
    fn rules_with_a_host_need_the_context() {
        // Find a built-in rule that names a host and whose example needs it.
        let (i, rule) = built_in_rules()
            .iter()
            .enumerate()
            .find(|(i, r)| {
                let c = BUILT_IN.conditions[*i];
                c.hosts.0 < c.hosts.1
                    && c.stage.is_none()
                    && r.example.starts_with(|c: char| c.is_ascii_digit())
            })
            .expect("a rule with a host");
        let bytes = wire(rule.example);
        let (reply, _) = Reply::parse(bytes.as_bytes()).unwrap();
        assert_ne!(reply.diagnose().rule(), Some(rule.id));
        let host = BUILT_IN.host(usize::from(BUILT_IN.conditions[i].hosts.0));
        let upper = host.to_ascii_uppercase();
        let inside = format!("mx1.{upper}.");
        assert_eq!(
            reply.diagnose_with(&Context::new().host(&inside)).rule(),
            Some(rule.id)
        );
        let recipient = format!("bob@{host}");
        assert_eq!(
            reply
                .diagnose_with(&Context::new().recipient(&recipient))
                .rule(),
            Some(rule.id)
        );
        let outside = format!("not{host}");
        assert_ne!(
            reply.diagnose_with(&Context::new().host(&outside)).rule(),
            Some(rule.id)
        );
    }

    #[test]
    fn a_pattern_across_a_line_break_and_beyond_the_buffer_is_found() {
        // Exim's Spamhaus text, split over two lines, after enough text to fill the buffer.
        let filler = "x ".repeat(300);
        let text = format!(
            "550-5.7.1 {filler}rejected: 192.0.2.1 is in a black\r\n550 5.7.1 list at zen.spamhaus.org\r\n"
        );
        let (reply, _) = Reply::parse(text.as_bytes()).unwrap();
        let d = reply.diagnose();
        assert_eq!(
            (d.reason(), d.decided_by()),
            (Reason::Blocked, DecidedBy::Rule),
            "{d:?}"
        );
        assert_eq!(d.rule(), Some("spamhaus-black-list-zen-spamhaus-org"));
    }
}
