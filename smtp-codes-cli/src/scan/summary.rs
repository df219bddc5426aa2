//! Counting the replies found: exact counts that do not depend on the order lines arrive in,
//! in memory that a hostile log cannot grow without bound.
//!
//! Every line is counted under its basic code and enhanced code, and beside that under the
//! MTA's action. Basic codes (400 numbers) and registered enhanced codes are few, so those keys
//! are always kept apart. Only enhanced codes outside the registry can be made up in large numbers
//! (`5.999.999`); once more than [`MAX_UNREGISTERED`] distinct keys carry one, all of them are
//! folded into their subject (`5.7.*`) or, for a subject outside the registry too, their class
//! (`5.*.*`). Whether that happens depends only on how many such keys the whole input holds,
//! so every run over the same input gives the same summary, on any number of threads.
//!
//! Every line is also counted under its bounce reason (36 of them), and with `--by domain`
//! under its recipient's domain. Domains are counted apart up to [`MAX_DOMAINS`]; past that,
//! all are counted by their last label (`*.com`), and past that again as one (`*`): again a
//! matter of how many distinct ones the whole input holds, not of the order they come in.
//!
//! The bound: 400 basic codes (and none) times 81 registered codes in 3 classes, plus the 27
//! folded ones and no enhanced code, is about 110,000 keys, plus the 10,000 capped ones; some
//! 60 bytes each, for each worker.

use std::collections::hash_map::Entry as Slot;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;
use smtp_codes::{
    Context, Disposition, EnhancedClass, EnhancedCode, EnhancedSubject, Reason, Reply, ReplyCode,
};

use super::clock::{Day, stamp};
use super::find::{self, Action, Found, find};
use super::memo::Memo;
use crate::diagnosis::Diagnoser;
use crate::output::{disposition_key, severity};

/// The most distinct keys with an enhanced code outside the registry that are kept apart;
/// past it they are folded by subject or class (the module's doc says how).
pub const MAX_UNREGISTERED: usize = 10_000;

/// The most distinct recipient domains counted apart; past it they are folded (the module's
/// doc says how).
pub const MAX_DOMAINS: usize = 10_000;

/// A reply found in a line, and what the rules make of it.
#[derive(Debug, Clone, Copy)]
pub struct Seen<'l> {
    pub found: Found,
    pub reason: Reason,
    pub hard_bounce: bool,
    /// The recipient's domain, as the line writes it.
    pub domain: Option<&'l [u8]>,
}

/// The reason from the codes alone, as the library decides it when no rule matches: a success
/// is delivered; a failure takes its registered enhanced code's reason when the classes agree,
/// else its basic code's. A Postfix `dsn=` without a reply has its enhanced code only.
fn by_codes(found: &Found) -> (Reason, bool) {
    let class = found
        .code
        .map_or(found.enhanced.map(|e| u16::from(e.class())), |c| {
            Some(c / 100)
        });
    let status = found
        .enhanced
        .filter(|e| found.code.is_none_or(|c| e.agrees_with(c)))
        .and_then(|e| e.status());
    let reason = match (class, status, found.code.and_then(ReplyCode::from_u16)) {
        (Some(2), _, _) => Reason::Delivered,
        (Some(4 | 5), Some(status), _) => status.reason(),
        (_, _, Some(basic)) => basic.reason(),
        _ => Reason::Undefined,
    };
    (reason, class == Some(5) && reason.is_hard_bounce())
}

/// Diagnoses the reply `found` in `line`: a failure with what the line tells about it (the
/// host, the recipient's domain, the command), anything else from its codes. `domain` says
/// whether the recipient's domain is wanted for a reply that is not a failure too.
pub fn examine<'l>(
    line: &'l [u8],
    found: Found,
    diagnoser: &Diagnoser,
    memo: &mut Memo,
    domain: bool,
) -> Seen<'l> {
    let failure = matches!(found.code.map(|c| c / 100), Some(4 | 5));
    if !failure {
        let (reason, hard_bounce) = by_codes(&found);
        return Seen {
            found,
            reason,
            hard_bounce,
            domain: if domain {
                find::recipient_domain(line)
            } else {
                None
            },
        };
    }
    let (text, mut around) = find::quoted_text(line, &found);
    // Most failures' reasons do not depend on the host: then the text and the command are
    // enough to find it in the memo, and the host need not be looked for.
    let known = memo.without_host(text, around.command);
    if known.is_none() || domain {
        find::whereabouts(line, &found, &mut around);
    }
    let (reason, hard_bounce) = match known {
        Some(known) => known,
        None => memo.reason(text, around.command, around.host, around.domain, || {
            match Reply::parse_line(text) {
                Ok(reply) => {
                    let mut context = Context::new();
                    if let Some(command) = around.command {
                        context = context.command(command);
                    }
                    // Rules compare names as text; a name that is not UTF-8 matches none of them.
                    if let Some(host) = around.host.and_then(|h| std::str::from_utf8(h).ok()) {
                        context = context.host(host);
                    }
                    if let Some(domain) = around.domain.and_then(|d| std::str::from_utf8(d).ok()) {
                        context = context.domain(domain);
                    }
                    let diagnosis = diagnoser.diagnose(&reply, &context);
                    let found = (diagnosis.reason(), diagnosis.is_hard_bounce());
                    (found, !diagnosis.depends_on_host())
                }
                // Longer than a reply line may be: the codes still tell, whatever the host.
                Err(_) => (by_codes(&found), true),
            }
        }),
    };
    Seen {
        found,
        reason,
        hard_bounce,
        domain: around.domain,
    }
}

/// The enhanced part of a key: a code, or the codes outside the registry folded together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Enhanced {
    /// The line had no enhanced code.
    None,
    /// One code, registered or not.
    Code(EnhancedCode),
    /// Codes outside the registry with this class and a registered subject: `5.7.*`.
    Subject {
        class: EnhancedClass,
        subject: EnhancedSubject,
    },
    /// Codes outside the registry with this class and a subject outside it too: `5.*.*`.
    Class(EnhancedClass),
}

/// What a line is counted under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// The basic code; `None` for a Postfix `dsn=` without a quoted reply.
    pub code: Option<u16>,
    pub enhanced: Enhanced,
}

impl Key {
    /// The worse of two replies: the worse disposition, then the lower key.
    fn worse(self, other: Key) -> Key {
        std::cmp::min_by_key(self, other, |k| (rank(k.disposition()), *k))
    }
}

impl From<Found> for Key {
    fn from(found: Found) -> Key {
        Key {
            code: found.code,
            enhanced: found.enhanced.map_or(Enhanced::None, Enhanced::Code),
        }
    }
}

impl Key {
    /// The enhanced code's class, folded or not.
    fn class(&self) -> Option<EnhancedClass> {
        match self.enhanced {
            Enhanced::None => None,
            Enhanced::Code(e) => Some(e.class_entry()),
            Enhanced::Subject { class, .. } | Enhanced::Class(class) => Some(class),
        }
    }

    /// `true` for a single enhanced code outside the registry: the keys that are capped.
    fn is_unregistered(&self) -> bool {
        matches!(self.enhanced, Enhanced::Code(e) if !e.is_registered())
    }

    /// The key with an unregistered enhanced code folded into its subject or class.
    fn folded(self) -> Key {
        let Enhanced::Code(e) = self.enhanced else {
            return self;
        };
        if e.is_registered() {
            return self;
        }
        let class = e.class_entry();
        let enhanced = match EnhancedSubject::from_number(e.subject()) {
            Some(subject) => Enhanced::Subject { class, subject },
            None => Enhanced::Class(class),
        };
        Key { enhanced, ..self }
    }

    /// What a client does after this reply: from the basic code, or from the enhanced code's
    /// class when there is no basic code.
    pub fn disposition(&self) -> Option<Disposition> {
        let exact = match self.enhanced {
            Enhanced::Code(e) => Some(e),
            _ => None,
        };
        match self.code {
            Some(code) => Disposition::of(code, exact),
            None => self.class().map(EnhancedClass::disposition),
        }
    }

    /// The enhanced code as shown: `5.1.1`, `5.7.*`, `5.*.*`, or `None`.
    pub fn enhanced_text(&self) -> Option<String> {
        match self.enhanced {
            Enhanced::None => None,
            Enhanced::Code(e) => Some(e.to_string()),
            Enhanced::Subject { class, subject } => {
                Some(format!("{}.{}.*", class.digit(), subject.number()))
            }
            Enhanced::Class(class) => Some(format!("{}.*.*", class.digit())),
        }
    }

    /// `550 5.1.1`, `550`, or `- 4.4.1` for an enhanced code alone.
    pub fn label(&self) -> String {
        let code = self.code.map_or("-".to_owned(), |c| c.to_string());
        match self.enhanced_text() {
            Some(e) => format!("{code} {e}"),
            None => code,
        }
    }

    /// The names of the codes: `Mailbox Unavailable / Bad destination mailbox address`.
    pub fn meaning(&self) -> String {
        let basic = self.code.map(|c| {
            ReplyCode::from_u16(c).map_or("(not a code smtp-codes knows)", ReplyCode::name)
        });
        let enhanced = match self.enhanced {
            Enhanced::None => None,
            Enhanced::Code(e) => Some(e.name().unwrap_or("(not in the IANA registry)").to_owned()),
            Enhanced::Subject { subject, .. } => Some(format!(
                "{}, codes outside the IANA registry",
                subject.name()
            )),
            Enhanced::Class(class) => {
                Some(format!("{}, codes outside the IANA registry", class.name()))
            }
        };
        match (basic, enhanced) {
            (Some(b), Some(e)) => format!("{b} / {e}"),
            (Some(b), None) => b.to_owned(),
            (None, Some(e)) => e,
            (None, None) => String::new(),
        }
    }
}

/// A hasher for [`Key`]s, which are a few small numbers: cheaper than SipHash on every line
/// with a reply. Collisions chosen by a log's author could slow the table down, but it never
/// holds more than about 120,000 keys (the module's doc).
#[derive(Debug, Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u16(&mut self, n: u16) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// The lines counted under one key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub count: u64,
    /// The lines that are hard bounces: the address itself is bad.
    pub hard: u64,
    /// The lines where the MTA logged each action, in the order of [`Action::ALL`].
    by_action: [u64; Action::ALL.len()],
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.count += other.count;
        self.hard += other.hard;
        for (mine, theirs) in self.by_action.iter_mut().zip(other.by_action) {
            *mine += theirs;
        }
    }

    /// The actions the MTA logged for these lines, with how many lines each.
    pub fn actions(&self) -> impl Iterator<Item = (Action, u64)> + '_ {
        Action::ALL
            .into_iter()
            .zip(self.by_action)
            .filter(|&(_, n)| n > 0)
    }

    /// The MTA's actions for people: `bounced` when every line says so, `8 bounced, 2
    /// deferred` when they differ or some lines name none, `-` when none does.
    pub fn actions_text(&self) -> String {
        let actions: Vec<(Action, u64)> = self.actions().collect();
        match actions[..] {
            [] => "-".to_owned(),
            [(action, n)] if n == self.count => action.key().to_owned(),
            _ => actions
                .iter()
                .map(|(action, n)| format!("{n} {}", action.key()))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// The lines counted under one recipient domain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainTally {
    pub count: u64,
    /// The lines whose reply is a failure (4yz or 5yz).
    pub failed: u64,
    pub hard: u64,
    /// The worst reply seen for the domain: by disposition, then the lowest key, so that it
    /// does not depend on the order lines are counted in.
    pub worst: Option<Key>,
    /// The lines of each reason, in the order of `Reason::ALL`.
    by_reason: Vec<u64>,
}

impl DomainTally {
    fn add(&mut self, other: &DomainTally) {
        self.count += other.count;
        self.failed += other.failed;
        self.hard += other.hard;
        self.worst = match (self.worst, other.worst) {
            (Some(a), Some(b)) => Some(a.worse(b)),
            (a, b) => a.or(b),
        };
        if self.by_reason.len() < other.by_reason.len() {
            self.by_reason.resize(other.by_reason.len(), 0);
        }
        for (mine, theirs) in self.by_reason.iter_mut().zip(&other.by_reason) {
            *mine += theirs;
        }
    }

    /// The reasons of these lines, most frequent first.
    pub fn reasons(&self) -> Vec<(Reason, u64)> {
        let mut reasons: Vec<(Reason, u64)> = Reason::ALL
            .iter()
            .zip(&self.by_reason)
            .filter(|&(_, &n)| n > 0)
            .map(|(&r, &n)| (r, n))
            .collect();
        reasons.sort_by_key(|&(r, n)| (std::cmp::Reverse(n), r as usize));
        reasons
    }
}

/// How far recipient domains are folded: not at all, by last label, or into one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
enum DomainFold {
    #[default]
    None,
    Label,
    All,
}

/// `domain` as counted at `fold`: in lower case (domains ignore case), as `*.com`, or `*`. A
/// key already folded keeps its shape: the last label of `*.com` is `com`.
fn domain_key(domain: &[u8], fold: DomainFold) -> Vec<u8> {
    match fold {
        DomainFold::None => domain.to_ascii_lowercase(),
        DomainFold::Label => {
            let label = domain.rsplit(|&b| b == b'.').next().unwrap_or(domain);
            let mut key = b"*.".to_vec();
            key.extend(label.to_ascii_lowercase());
            key
        }
        DomainFold::All => b"*".to_vec(),
    }
}

/// Counts of the replies found.
#[derive(Debug, Default)]
pub struct Summary {
    pub lines: u64,
    pub matched: u64,
    counts: HashMap<Key, Tally, BuildHasherDefault<KeyHasher>>,
    /// The lines of each reason, in the order of `Reason::ALL` (empty until one is counted).
    reasons: Vec<Tally>,
    /// The lines of each recipient domain, when they are counted; the key `None` holds the
    /// lines that name none.
    domains: Option<HashMap<Option<Vec<u8>>, DomainTally>>,
    domain_fold: DomainFold,
    /// How many keys of `counts` hold a single unregistered enhanced code.
    unregistered: usize,
    /// Unregistered enhanced codes are folded: more than [`MAX_UNREGISTERED`] were seen.
    folded: bool,
    /// The failures diagnosed so far by this summary's worker.
    memo: Memo,
    /// Replies by hour, when they are counted (for `--html`).
    timeline: Option<Timeline>,
}

/// Replies per hour of the log's clock, by what a client does about them.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    /// Hours since 1970-01-01 00:00, and the replies of each disposition in that hour, in the
    /// order success, intermediate, retry later, give up.
    pub hours: HashMap<i64, [u64; 4]>,
    /// Replies on lines without a timestamp the report reads.
    pub undated: u64,
    /// The years given to syslog lines, which carry none.
    pub inferred: std::collections::BTreeSet<i32>,
    /// The day a syslog line's year is inferred from: its file's last change.
    pub reference: Option<Day>,
}

impl Timeline {
    fn record(&mut self, line: &[u8], disposition: Option<Disposition>) {
        let Some(disposition) = disposition else {
            return;
        };
        let column = match disposition {
            Disposition::Success => 0,
            Disposition::Intermediate => 1,
            Disposition::RetryLater => 2,
            Disposition::GiveUp => 3,
        };
        let (Some(stamp), Some(reference)) = (stamp(line), self.reference) else {
            self.undated += 1;
            return;
        };
        let (hour, year) = stamp.hour(reference);
        if let Some(year) = year {
            self.inferred.insert(year);
        }
        self.hours.entry(hour).or_default()[column] += 1;
    }

    fn merge(&mut self, other: Timeline) {
        self.undated += other.undated;
        self.inferred.extend(other.inferred);
        for (hour, counts) in other.hours {
            let mine = self.hours.entry(hour).or_default();
            for (m, o) in mine.iter_mut().zip(counts) {
                *m += o;
            }
        }
    }
}

/// One line of the JSON summary.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub code: Option<u16>,
    /// `5.1.1`; `5.7.*` or `5.*.*` when `folded`.
    pub enhanced: Option<String>,
    /// `enhanced` stands for every code outside the registry with that subject or class.
    pub folded: bool,
    pub count: u64,
    pub name: Option<&'static str>,
    pub enhanced_name: Option<&'static str>,
    pub disposition: Option<&'static str>,
    /// How many of the lines say the MTA did what: `{"bounced": 8, "deferred": 2}`, with the
    /// keys `sent`, `deferred`, `bounced`, `expired` and `rejected`; lines that say nothing
    /// of it are not in it.
    pub mta: BTreeMap<&'static str, u64>,
}

/// How bad a disposition is, worst first; replies without one last.
fn rank(disposition: Option<Disposition>) -> u8 {
    disposition.map_or(4, severity)
}

impl Summary {
    /// A summary that counts recipient domains too when `domains` is set.
    pub fn new(domains: bool) -> Summary {
        Summary {
            domains: domains.then(HashMap::new),
            ..Summary::default()
        }
    }

    /// A summary that counts what this one counts, for a worker.
    pub fn like(&self) -> Summary {
        Summary {
            timeline: self.timeline.as_ref().map(|t| Timeline {
                reference: t.reference,
                ..Timeline::default()
            }),
            ..Summary::new(self.domains.is_some())
        }
    }

    /// Counts replies by hour too, for the HTML report.
    pub fn with_timeline(mut self) -> Summary {
        self.timeline = Some(Timeline::default());
        self
    }

    /// The day the next lines' syslog years are inferred from (their file's last change).
    pub fn set_reference(&mut self, day: Day) {
        if let Some(timeline) = &mut self.timeline {
            timeline.reference = Some(day);
        }
    }

    /// The replies by hour, when they are counted.
    pub fn timeline(&self) -> Option<&Timeline> {
        self.timeline.as_ref()
    }

    /// Counts one reply.
    pub fn add(&mut self, seen: &Seen<'_>) {
        self.matched += 1;
        let mut tally = Tally {
            count: 1,
            hard: u64::from(seen.hard_bounce),
            ..Tally::default()
        };
        if let Some(action) = seen.found.action {
            tally.by_action[action as usize] = 1;
        }
        let key = Key::from(seen.found);
        self.count(key, &tally);
        if self.reasons.is_empty() {
            self.reasons = vec![Tally::default(); Reason::ALL.len()];
        }
        // `Reason::ALL` lists the variants in declaration order: a test pins it.
        self.reasons[seen.reason as usize].add(&tally);
        if self.domains.is_some() {
            let mut by_reason = vec![0; Reason::ALL.len()];
            by_reason[seen.reason as usize] = 1;
            let failed = matches!(
                key.disposition(),
                Some(Disposition::RetryLater | Disposition::GiveUp)
            );
            let tally = DomainTally {
                count: 1,
                failed: u64::from(failed),
                hard: tally.hard,
                worst: Some(key),
                by_reason,
            };
            let key = seen.domain.map(|d| domain_key(d, self.domain_fold));
            self.count_domain(key, &tally);
        }
    }

    fn count_domain(&mut self, key: Option<Vec<u8>>, tally: &DomainTally) {
        let Some(domains) = &mut self.domains else {
            return;
        };
        match domains.get_mut(&key) {
            Some(slot) => slot.add(tally),
            None => {
                domains.insert(key, tally.clone());
                // The key of lines without a domain does not count towards the cap.
                if domains.len() > MAX_DOMAINS + 1 && self.domain_fold < DomainFold::All {
                    let next = match self.domain_fold {
                        DomainFold::None => DomainFold::Label,
                        _ => DomainFold::All,
                    };
                    self.fold_domains(next);
                }
            }
        }
    }

    /// Folds every domain to `fold`, now and from here on (and further if still too many).
    fn fold_domains(&mut self, fold: DomainFold) {
        if fold <= self.domain_fold {
            return;
        }
        self.domain_fold = fold;
        let Some(domains) = self.domains.take() else {
            return;
        };
        self.domains = Some(HashMap::new());
        for (key, tally) in domains {
            // Re-counting may fold further: the key follows the fold of the moment.
            let key = key.map(|k| domain_key(&k, self.domain_fold));
            self.count_domain(key, &tally);
        }
    }

    /// The recipient domains and their counts, most lines first; `None` for lines that
    /// name none. Empty when domains are not counted.
    pub fn domains(&self) -> Vec<(Option<&[u8]>, &DomainTally)> {
        let mut domains: Vec<(Option<&[u8]>, &DomainTally)> = self
            .domains
            .iter()
            .flatten()
            .map(|(k, t)| (k.as_deref(), t))
            .collect();
        domains.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(&b.0)));
        domains
    }

    /// Whether domains were folded, and how: `None`, `label` or `all`.
    pub fn domains_folded(&self) -> Option<&'static str> {
        match self.domain_fold {
            DomainFold::None => None,
            DomainFold::Label => Some("label"),
            DomainFold::All => Some("all"),
        }
    }

    /// The reasons counted, most lines first.
    pub fn reasons(&self) -> Vec<(Reason, Tally)> {
        let mut reasons: Vec<(Reason, Tally)> = Reason::ALL
            .iter()
            .zip(&self.reasons)
            .filter(|(_, t)| t.count > 0)
            .map(|(&r, t)| (r, *t))
            .collect();
        reasons.sort_by_key(|&(r, t)| (std::cmp::Reverse(t.count), r as usize));
        reasons
    }

    fn count(&mut self, key: Key, tally: &Tally) {
        let key = if self.folded { key.folded() } else { key };
        match self.counts.entry(key) {
            Slot::Occupied(mut slot) => slot.get_mut().add(tally),
            Slot::Vacant(slot) => {
                slot.insert(*tally);
                if key.is_unregistered() {
                    self.unregistered += 1;
                    if self.unregistered > MAX_UNREGISTERED {
                        self.fold();
                    }
                }
            }
        }
    }

    /// Folds every unregistered enhanced code, now and from here on.
    fn fold(&mut self) {
        self.folded = true;
        self.unregistered = 0;
        let counts = std::mem::take(&mut self.counts);
        for (key, tally) in counts {
            self.counts.entry(key.folded()).or_default().add(&tally);
        }
    }

    /// `true` when enhanced codes outside the registry were folded by subject or class.
    pub fn folded(&self) -> bool {
        self.folded
    }

    /// Scans one line, diagnosing its reply with `diagnoser`.
    pub fn scan<'l>(&mut self, line: &'l [u8], diagnoser: &Diagnoser) -> Option<Seen<'l>> {
        self.lines += 1;
        let found = find(line)?;
        let seen = examine(
            line,
            found,
            diagnoser,
            &mut self.memo,
            self.domains.is_some(),
        );
        self.add(&seen);
        if let Some(timeline) = &mut self.timeline {
            timeline.record(line, Key::from(seen.found).disposition());
        }
        Some(seen)
    }

    /// Scans one line with the built-in rules.
    #[cfg(test)]
    pub fn line(&mut self, line: &[u8]) -> Option<Found> {
        self.scan(line, &Diagnoser::default())
            .map(|seen| seen.found)
    }

    /// Adds the counts of a summary of other lines. The result does not depend on how the
    /// lines were split between summaries or in which order they are merged.
    pub fn merge(&mut self, other: Summary) {
        if let (Some(mine), Some(theirs)) = (&mut self.timeline, other.timeline) {
            mine.merge(theirs);
        }
        self.lines += other.lines;
        self.matched += other.matched;
        if other.folded && !self.folded {
            self.fold();
        }
        for (key, tally) in other.counts {
            self.count(key, &tally);
        }
        if self.reasons.is_empty() {
            self.reasons = other.reasons;
        } else {
            for (mine, theirs) in self.reasons.iter_mut().zip(&other.reasons) {
                mine.add(theirs);
            }
        }
        if let Some(domains) = other.domains {
            self.fold_domains(other.domain_fold);
            for (key, tally) in domains {
                let key = key.map(|k| domain_key(&k, self.domain_fold));
                self.count_domain(key, &tally);
            }
        }
    }

    /// The replies found, worst first: by disposition, then most frequent, then by key.
    pub fn entries(&self) -> Vec<(Key, Tally)> {
        let mut entries: Vec<(Key, Tally)> = self.counts.iter().map(|(k, t)| (*k, *t)).collect();
        entries.sort_by_key(|(key, tally)| {
            (
                rank(key.disposition()),
                std::cmp::Reverse(tally.count),
                *key,
            )
        });
        entries
    }

    /// The entries for `--json`.
    pub fn json_entries(&self) -> Vec<Entry> {
        self.entries()
            .into_iter()
            .map(|(key, tally)| Entry {
                code: key.code,
                enhanced: key.enhanced_text(),
                folded: matches!(key.enhanced, Enhanced::Subject { .. } | Enhanced::Class(_)),
                count: tally.count,
                name: key.code.and_then(ReplyCode::from_u16).map(ReplyCode::name),
                enhanced_name: match key.enhanced {
                    Enhanced::Code(e) => e.name(),
                    _ => None,
                },
                disposition: key.disposition().map(disposition_key),
                mta: tally.actions().map(|(a, n)| (a.key(), n)).collect(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary_of(lines: &[&str]) -> Summary {
        let mut summary = Summary::default();
        for line in lines {
            summary.line(line.as_bytes());
        }
        summary
    }

    #[test]
    fn reasons_are_numbered_as_all_lists_them() {
        for (i, &reason) in Reason::ALL.iter().enumerate() {
            assert_eq!(reason as usize, i, "{reason}");
        }
    }

    /// Counts `lines` with domains in `parts` interleaved pieces, merged in `order`.
    fn domains_merged(
        lines: &[String],
        parts: usize,
        order: &[usize],
    ) -> Vec<(Option<Vec<u8>>, DomainTally)> {
        let diagnoser = Diagnoser::default();
        let mut pieces: Vec<Summary> = (0..parts).map(|_| Summary::new(true)).collect();
        for (i, line) in lines.iter().enumerate() {
            pieces[(i / 37 + i) % parts].scan(line.as_bytes(), &diagnoser);
        }
        let mut pieces: Vec<Option<Summary>> = pieces.into_iter().map(Some).collect();
        let mut total = Summary::new(true);
        for &i in order {
            total.merge(pieces[i].take().unwrap());
        }
        assert_eq!(
            total.domains().iter().map(|(_, t)| t.count).sum::<u64>(),
            lines.len() as u64
        );
        total
            .domains()
            .into_iter()
            .map(|(d, t)| (d.map(<[u8]>::to_vec), t.clone()))
            .collect()
    }

    #[test]
    fn domains_past_the_cap_fold_the_same_however_lines_are_split() {
        let line = |domain: &str| {
            format!(
                "postfix/smtp[1]: 1A: to=<bob@{domain}>, dsn=5.1.1, status=bounced (said: 550 5.1.1 no (in reply to RCPT TO command))"
            )
        };
        let mut lines: Vec<String> = (0..30).map(|_| line("Gmail.COM")).collect();
        lines.extend((0..MAX_DOMAINS).map(|n| line(&format!("d{n}.example"))));
        lines.extend((0..20).map(|n| line(&format!("x{n}.test"))));
        lines.push("550 5.1.1 no recipient named".to_owned());
        let whole = domains_merged(&lines, 1, &[0]);
        assert_eq!(domains_merged(&lines, 3, &[2, 0, 1]), whole);
        assert_eq!(domains_merged(&lines, 4, &[0, 3, 1, 2]), whole);
        let count = |key: &[u8]| {
            whole
                .iter()
                .find(|(d, _)| d.as_deref() == Some(key))
                .map(|(_, t)| t.count)
        };
        assert_eq!(count(b"*.com"), Some(30));
        assert_eq!(count(b"*.example"), Some(MAX_DOMAINS as u64));
        assert_eq!(count(b"*.test"), Some(20));
        assert_eq!(
            whole
                .iter()
                .find(|(d, _)| d.is_none())
                .map(|(_, t)| t.count),
            Some(1)
        );
        let hard: u64 = whole.iter().map(|(_, t)| t.hard).sum();
        assert_eq!(hard, lines.len() as u64);
        // Under the cap, each domain on its own, in lower case.
        let few = domains_merged(&lines[..40], 2, &[1, 0]);
        assert_eq!(few[0].0.as_deref(), Some(&b"gmail.com"[..]));
        assert_eq!(few[0].1.reasons(), [(Reason::UserUnknown, 30)]);
    }

    #[test]
    fn summary_puts_the_worst_first() {
        let summary = summary_of(&[
            "250 ok",
            "250 ok",
            "250 ok",
            "451 4.7.1 later",
            "550 5.1.1 no",
        ]);
        let order: Vec<String> = summary.entries().iter().map(|(k, _)| k.label()).collect();
        assert_eq!(order, ["550 5.1.1", "451 4.7.1", "250"]);
        assert_eq!(summary.matched, 5);
    }

    /// The lines counted under `label` in `summary`.
    fn count_of(summary: &Summary, label: &str) -> u64 {
        summary
            .entries()
            .iter()
            .filter(|(k, _)| k.label() == label)
            .map(|(_, t)| t.count)
            .sum()
    }

    #[test]
    fn what_the_mta_did_is_counted_beside_what_the_reply_asks() {
        let deferred = "Nov 29 07:10:01 mail postfix/smtp[811]: 3F2A1: to=<a@b.test>, dsn=5.7.1, \
                        status=deferred (host x[127.0.0.1] said: 550 5.7.1 no (in reply to RCPT TO command))";
        let bounced = deferred.replace("status=deferred", "status=bounced");
        let summary = summary_of(&[deferred, &bounced, &bounced, "550 5.7.1 no"]);
        let entries = summary.entries();
        let [(key, tally)] = entries[..] else {
            panic!("one entry: {entries:?}");
        };
        assert_eq!(key.disposition(), Some(Disposition::GiveUp));
        assert_eq!(tally.count, 4);
        assert_eq!(
            tally.actions().collect::<Vec<_>>(),
            [(Action::Deferred, 1), (Action::Bounced, 2)]
        );
        assert_eq!(tally.actions_text(), "1 deferred, 2 bounced");
        let json = summary.json_entries();
        assert_eq!(json[0].disposition, Some("give_up"));
        assert_eq!(
            json[0].mta,
            BTreeMap::from([("deferred", 1), ("bounced", 2)])
        );
        let only_deferred = summary_of(&[deferred]);
        assert_eq!(only_deferred.entries()[0].1.actions_text(), "deferred");
        assert_eq!(summary_of(&["550 x"]).entries()[0].1.actions_text(), "-");
    }

    /// `250 2.S.D` with a distinct unregistered enhanced code for each `n`.
    fn unregistered(n: usize) -> String {
        format!("250 2.{}.{} ok", 100 + n / 1000, n % 1000)
    }

    #[test]
    fn failures_after_many_distinct_harmless_replies_are_all_counted() {
        let mut summary = Summary::default();
        for n in 0..MAX_UNREGISTERED + 500 {
            summary.line(unregistered(n).as_bytes());
        }
        for _ in 0..7 {
            summary.line(b"550 5.7.1 refused");
        }
        summary.line(b"554 5.999.1 made up");
        assert!(summary.folded());
        assert_eq!(count_of(&summary, "550 5.7.1"), 7);
        assert_eq!(count_of(&summary, "554 5.*.*"), 1);
        // Subjects 100 and up are outside the registry: folded into the class.
        assert_eq!(
            count_of(&summary, "250 2.*.*"),
            (MAX_UNREGISTERED + 500) as u64
        );
        let total: u64 = summary.entries().iter().map(|(_, t)| t.count).sum();
        assert_eq!(total, summary.matched);
    }

    #[test]
    fn folding_keeps_registered_subjects_and_counts_exactly() {
        let mut summary = Summary::default();
        for n in 0..=MAX_UNREGISTERED {
            summary.line(format!("550 5.7.{} x", 100 + n % 900).as_bytes());
            summary.line(unregistered(n).as_bytes());
        }
        assert!(summary.folded());
        assert_eq!(
            count_of(&summary, "550 5.7.*"),
            (MAX_UNREGISTERED + 1) as u64
        );
        let json = summary.json_entries();
        assert!(
            json.iter()
                .any(|e| e.folded && e.enhanced.as_deref() == Some("5.7.*"))
        );
    }

    /// Splits `lines` into `parts` interleaved pieces, counts each, and merges in `order`.
    fn merged(lines: &[String], parts: usize, order: &[usize]) -> Vec<(Key, Tally)> {
        let mut pieces: Vec<Summary> = (0..parts).map(|_| Summary::default()).collect();
        for (i, chunk) in lines.chunks(97).enumerate() {
            for line in chunk {
                pieces[(i * 7 + i / 3) % parts].line(line.as_bytes());
            }
        }
        let mut pieces: Vec<Option<Summary>> = pieces.into_iter().map(Some).collect();
        let mut total = Summary::default();
        for &i in order {
            total.merge(pieces[i].take().unwrap());
        }
        total.entries()
    }

    #[test]
    fn the_summary_does_not_depend_on_how_lines_are_split_or_merged() {
        // Past the cap in total, but under it in some pieces.
        let mut lines: Vec<String> = (0..1100).map(|_| "550 5.7.1 no".to_owned()).collect();
        lines.extend((0..MAX_UNREGISTERED + 300).map(unregistered));
        lines.extend((0..4000).map(|n| format!("550 5.7.1 no {n}")));
        lines.extend((0..50).map(|n| format!("451 4.7.{} later", 500 + n)));
        let whole = merged(&lines, 1, &[0]);
        assert_eq!(merged(&lines, 4, &[0, 1, 2, 3]), whole);
        assert_eq!(merged(&lines, 4, &[3, 1, 0, 2]), whole);
        assert_eq!(merged(&lines, 3, &[2, 0, 1]), whole);
        // One piece past the cap on its own, the other not, merged either way round.
        let split = 1100 + MAX_UNREGISTERED + 300;
        for first_folded in [true, false] {
            let (mut a, mut b) = (Summary::default(), Summary::default());
            for line in &lines[..split] {
                a.line(line.as_bytes());
            }
            for line in &lines[split..] {
                b.line(line.as_bytes());
            }
            assert!(a.folded() && !b.folded());
            if !first_folded {
                std::mem::swap(&mut a, &mut b);
            }
            a.merge(b);
            assert_eq!(a.entries(), whole);
        }
        let count = |label: &str| -> u64 {
            whole
                .iter()
                .filter(|(k, _)| k.label() == label)
                .map(|(_, t)| t.count)
                .sum()
        };
        assert_eq!(count("550 5.7.1"), 5100);
        assert_eq!(count("451 4.7.*"), 50);
    }
}
