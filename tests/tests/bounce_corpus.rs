//! The real bounces in `tests/corpus/bounces/` (Postfix, Exim, OpenSMTPD, Sendmail, Courier
//! and Dovecot's delivery agent, captured by
//! `scripts/capture/run bounces`): `smtp_codes_bounce::parse` must find in each what
//! `expected.toml` records, and agree with Sisimai (`sisimai.jsonl`, written by
//! `scripts/sisimai/bounces` from Debian's libsisimai-perl) on status, reply code, reason and
//! hard or soft, except where a disagreement below explains whose mistake it is. The README's
//! agreement table must show the counts this test finds.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value;
use smtp_codes::Reason;
use smtp_codes_bounce::{Bounce, Recipient};

#[derive(Deserialize)]
struct Manifest {
    bounce: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    file: String,
    case: String,
    kind: String,
    recipient: Vec<ExpectedRecipient>,
    /// What must be reported about the file, as `Problem`'s `Display` words it.
    #[serde(default)]
    problems: Vec<String>,
}

#[derive(Deserialize)]
struct ExpectedRecipient {
    recipient: String,
    action: Option<String>,
    status: Option<String>,
    reply_code: Option<u16>,
    remote_mta: Option<String>,
    reason: String,
    why: String,
}

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/bounces")
}

fn manifest() -> Manifest {
    toml::from_str(&fs::read_to_string(folder().join("expected.toml")).unwrap()).unwrap()
}

fn read(file: &str) -> Bounce {
    smtp_codes_bounce::parse(&fs::read(folder().join(file)).unwrap())
}

#[test]
fn every_bounce_reads_as_recorded() {
    let mut wrong = Vec::new();
    let manifest = manifest();
    assert!(manifest.bounce.len() >= 30, "the corpus is there");
    for entry in &manifest.bounce {
        let bounce = read(&entry.file);
        // An automatic reply is a person's, written by no mail system; a notice is its
        // server's.
        let vacation = entry.kind == "vacation";
        let server = entry.file.split('/').next().unwrap_or_default();
        let system = (!vacation).then_some(server);
        if bounce.mail_system().map(|s| s.token()) != system {
            wrong.push(format!(
                "{}: written by {:?}, not {server}",
                entry.file,
                bounce.mail_system()
            ));
        }
        // Every notice names the message it returns, attached or quoted in its text, and
        // an automatic reply the one it answers (by its Message-ID alone).
        let sent = format!("bounce-{}@mail.test", entry.case);
        let sender = (!vacation).then_some("alice@mail.test");
        if bounce.original().message_id() != Some(sent.as_str())
            || bounce.original().from() != sender
        {
            wrong.push(format!(
                "{}: returns {:?} from {:?}, not {sent} from alice",
                entry.file,
                bounce.original().message_id(),
                bounce.original().from()
            ));
        }
        if bounce.kind().token() != entry.kind {
            wrong.push(format!(
                "{}: kind {} not {}",
                entry.file,
                bounce.kind(),
                entry.kind
            ));
        }
        let found: Vec<&str> = bounce.recipients().iter().map(Recipient::address).collect();
        let expected: Vec<&str> = entry
            .recipient
            .iter()
            .map(|r| r.recipient.as_str())
            .collect();
        if found != expected {
            wrong.push(format!(
                "{}: recipients {found:?} not {expected:?}",
                entry.file
            ));
            continue;
        }
        for (r, e) in bounce.recipients().iter().zip(&entry.recipient) {
            let got = (
                r.action().map(|a| a.token().to_owned()),
                r.status().map(|s| s.to_string()),
                r.reply().map(|reply| reply.code()),
                r.remote_mta().map(str::to_owned),
                r.reason().token(),
            );
            let want = (
                e.action.clone(),
                e.status.clone(),
                e.reply_code,
                e.remote_mta.clone(),
                e.reason.as_str(),
            );
            if got != want {
                wrong.push(format!(
                    "{} {}: {got:?} not {want:?} ({})",
                    entry.file, e.recipient, e.why
                ));
            }
        }
        // Every file reads cleanly, but for what the manifest says is wrong with it.
        let problems: Vec<String> = bounce.problems().iter().map(|p| p.to_string()).collect();
        if problems != entry.problems {
            wrong.push(format!(
                "{}: problems {problems:?} not {:?}",
                entry.file, entry.problems
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Where we and Sisimai 4.25 differ, and why: (file, recipient, field, whose mistake and why).
const EXPLAINED: &[(&str, &str, &str, &str)] = &[
    // Given up at the end of the queue lifetime after temporary refusals.
    (
        "postfix/mailboxfull_temporary.eml",
        "full@remote.test",
        "reason",
        EXPIRY,
    ),
    (
        "postfix/greylisted.eml",
        "grey@remote.test",
        "reason",
        EXPIRY,
    ),
    // Greylisting.
    (
        "postfix/greylisted_delayed.eml",
        "grey@remote.test",
        "reason",
        GREYLIST,
    ),
    (
        "exim/greylisted_delayed.eml",
        "grey@remote.test",
        "reason",
        GREYLIST,
    ),
    (
        "opensmtpd/greylisted_delayed.eml",
        "grey@remote.test",
        "reason",
        GREYLIST,
    ),
    // Delay warnings that Sisimai calls expired.
    (
        "postfix/unreachable_delayed.eml",
        "someone@unreachable.test",
        "reason",
        WARNING,
    ),
    (
        "exim/mailboxfull_temporary_delayed.eml",
        "full@remote.test",
        "reason",
        WARNING,
    ),
    (
        "exim/unreachable_delayed.eml",
        "someone@unreachable.test",
        "reason",
        WARNING,
    ),
    // Two recipients: Sisimai gives bob the other recipient's reply.
    (
        "postfix/two_recipients.eml",
        "bob@remote.test",
        "reason",
        CROSSED,
    ),
    (
        "postfix/two_recipients.eml",
        "bob@remote.test",
        "hard",
        CROSSED,
    ),
    (
        "postfix/two_recipients.eml",
        "bob@remote.test",
        "reply_code",
        CROSSED,
    ),
    (
        "postfix/two_recipients.eml",
        "bob@remote.test",
        "status",
        CROSSED,
    ),
    (
        "exim/two_recipients.eml",
        "bob@remote.test",
        "reason",
        CROSSED,
    ),
    (
        "exim/two_recipients.eml",
        "bob@remote.test",
        "hard",
        CROSSED,
    ),
    (
        "exim/two_recipients.eml",
        "bob@remote.test",
        "reply_code",
        CROSSED,
    ),
    (
        "exim/two_recipients.eml",
        "bob@remote.test",
        "status",
        CROSSED,
    ),
    // Exim's class 5 Status beside a class 4 reply.
    (
        "exim/mailboxfull_temporary.eml",
        "full@remote.test",
        "status",
        CLASS,
    ),
    ("exim/greylisted.eml", "grey@remote.test", "status", CLASS),
    (
        "sendmail/mailboxfull_temporary.eml",
        "full@remote.test",
        "reason",
        EXPIRY,
    ),
    (
        "sendmail/greylisted.eml",
        "grey@remote.test",
        "reason",
        EXPIRY,
    ),
    (
        "sendmail/unreachable.eml",
        "someone@unreachable.test",
        "reason",
        EXPIRY,
    ),
    (
        "courier/mailboxfull_temporary.eml",
        "full@remote.test",
        "reason",
        EXPIRY,
    ),
    (
        "courier/greylisted.eml",
        "grey@remote.test",
        "reason",
        EXPIRY,
    ),
    (
        "courier/unreachable.eml",
        "someone@unreachable.test",
        "reason",
        NO_REASON,
    ),
    (
        "sendmail/greylisted_delayed.eml",
        "grey@remote.test",
        "reason",
        GREYLIST,
    ),
    (
        "courier/mailboxfull_temporary_delayed.eml",
        "full@remote.test",
        "reason",
        WARNING,
    ),
    (
        "courier/greylisted_delayed.eml",
        "grey@remote.test",
        "reason",
        WARNING,
    ),
    (
        "courier/unreachable_delayed.eml",
        "someone@unreachable.test",
        "reason",
        WARNING,
    ),
    (
        "sendmail/unreachable_delayed.eml",
        "someone@unreachable.test",
        "reason",
        REFUSED,
    ),
    (
        "sendmail/two_recipients.eml",
        "bob@remote.test",
        "reason",
        CROSSED,
    ),
    (
        "sendmail/two_recipients.eml",
        "bob@remote.test",
        "hard",
        CROSSED,
    ),
    (
        "sendmail/two_recipients.eml",
        "bob@remote.test",
        "reply_code",
        CROSSED,
    ),
    (
        "sendmail/two_recipients.eml",
        "bob@remote.test",
        "status",
        CROSSED,
    ),
    (
        "courier/mailboxfull_temporary.eml",
        "full@remote.test",
        "status",
        CLASS,
    ),
    (
        "courier/greylisted.eml",
        "grey@remote.test",
        "status",
        CLASS,
    ),
    // Sendmail's own status beside the reply's.
    (
        "sendmail/mailboxfull_temporary_delayed.eml",
        "full@remote.test",
        "status",
        OWN_STATUS,
    ),
    (
        "sendmail/mailboxfull_temporary.eml",
        "full@remote.test",
        "status",
        OWN_STATUS,
    ),
    (
        "sendmail/toobig.eml",
        "big@remote.test",
        "status",
        OWN_STATUS,
    ),
    (
        "sendmail/greylisted_delayed.eml",
        "grey@remote.test",
        "status",
        OWN_STATUS,
    ),
    (
        "sendmail/greylisted.eml",
        "grey@remote.test",
        "status",
        OWN_STATUS,
    ),
    // Courier's warnings quote the reply only in their text.
    (
        "courier/mailboxfull_temporary_delayed.eml",
        "full@remote.test",
        "status",
        IN_TEXT,
    ),
    (
        "courier/mailboxfull_temporary_delayed.eml",
        "full@remote.test",
        "reply_code",
        IN_TEXT,
    ),
    (
        "courier/greylisted_delayed.eml",
        "grey@remote.test",
        "status",
        IN_TEXT,
    ),
    (
        "courier/greylisted_delayed.eml",
        "grey@remote.test",
        "reply_code",
        IN_TEXT,
    ),
    // OpenSMTPD: Sisimai's own codes.
    (
        "opensmtpd/mailboxfull_temporary.eml",
        "full@remote.test",
        "status",
        PSEUDO,
    ),
    (
        "opensmtpd/greylisted.eml",
        "grey@remote.test",
        "status",
        PSEUDO,
    ),
    (
        "opensmtpd/unreachable.eml",
        "someone@unreachable.test",
        "status",
        PSEUDO,
    ),
    (
        "opensmtpd/unreachable_delayed.eml",
        "someone@unreachable.test",
        "status",
        PSEUDO,
    ),
    // Exim's local-scan notice for a refused command-line submission: no status.
    ("exim/local_acl.eml", "bob@remote.test", "status", NO_STATUS),
    ("exim/local_acl.eml", "bob@remote.test", "reason", LOCAL_ACL),
    // Dovecot's refusal for a Sieve `reject`: a disposition notification, with no status.
    (
        "dovecot/sieve_reject.eml",
        "bob@mail.test",
        "status",
        NO_STATUS,
    ),
    ("dovecot/sieve_reject.eml", "bob@mail.test", "reason", SIEVE),
];

const NO_STATUS: &str = "Sisimai's choice of its own unregistered code (5.0.901) for a notice \
    that gives no status at all; ours reports none rather than one the notice does not say";
const LOCAL_ACL: &str = "Sisimai's miss: it finds no reason (onhold) in Exim's local-scan \
    notice, which says that the host's own check refused the message as it was submitted and \
    quotes an error that names no other cause: a local policy, policyviolation";
const SIEVE: &str = "Sisimai's miss: it finds no reason (onhold) in Dovecot's disposition \
    notification, whose `Disposition: automatic-action/...; deleted` says that an automatic \
    action at the mailbox discarded the message: the recipient's own filter (Sieve), filtered";

const EXPIRY: &str = "Sisimai's mistake: the MTA returned the message when its queue lifetime ended \
    (Action failed with a class 4 status), which is Sisimai's own definition of expired; it \
    names the last temporary refusal instead, which our diagnosis keeps as the cause";
const GREYLIST: &str = "a choice: Sisimai 4.25 files greylisting under blocked, which it \
    defines as a refusal of the sending IP address; greylisting defers a new (IP, sender, \
    recipient) triple for a while, a local policy of the receiver, as reasons.toml records";
const WARNING: &str = "Sisimai's mistake: a delay warning (Action delayed) is not an expiry, \
    the message is still queued; ours keeps what the status or the reply says";
const CROSSED: &str = "Sisimai's mistake: its Postfix, Exim and Sendmail parsers give bob the \
    paragraph of the other recipient (552 5.2.2 Mailbox over quota), while the delivery-status \
    part gives bob his own 550 5.1.1";
const NO_REASON: &str = "Sisimai's miss: it finds no reason (onhold) in Courier's \
    `Network is down`; the message was returned when its queue time ended after failed \
    connections, which is expired";
const REFUSED: &str = "Sisimai's mistake: it reads Sendmail's `Connection refused` as a block \
    of the sender; nothing listened on the port (the harness routes the domain to a closed \
    port), a network error";
const OWN_STATUS: &str = "a choice: Sendmail writes a status of its own (4.3.1, 4.4.7, 5.2.2, \
    4.2.0) beside a reply with another; Sisimai takes the reply's code, we keep the report's \
    field, which is not generic, and the reply's code is in the reply";
const IN_TEXT: &str = "Sisimai's miss: Courier's delay warnings quote the reply only in their \
    text (`<<< 452 4.2.2 ...` under the address), which we read and Sisimai does not";
const CLASS: &str = "a choice: the report says Status 5.0.0 (given up) and quotes the last \
    class 4 reply; Sisimai takes the reply's 4.x.x, we keep the report's class, as the reply's \
    code is in the reply";
const PSEUDO: &str = "Sisimai's choice of its own unregistered codes (5.0.944, 5.0.947) in \
    place of the report's Status; ours keeps the registered code the report gives";

/// Sisimai's answers, by file and recipient.
fn sisimai() -> BTreeMap<(String, String), Value> {
    fs::read_to_string(folder().join("sisimai.jsonl"))
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter(|v| v["recipient"].is_string())
        .map(|v| {
            (
                (
                    v["file"].as_str().unwrap().to_owned(),
                    v["recipient"].as_str().unwrap().to_owned(),
                ),
                v,
            )
        })
        .collect()
}

/// For each compared field, how many recipients agree and how many there are.
type Counts = BTreeMap<&'static str, (usize, usize)>;

/// A difference: file, recipient, field, and both values.
type Difference = (String, String, &'static str, String);

/// Compares every recipient with Sisimai's reading of it.
fn compare() -> (Counts, Vec<Difference>) {
    let sisimai = sisimai();
    let mut counts = Counts::new();
    let mut differences = Vec::new();
    for entry in manifest().bounce {
        let bounce = read(&entry.file);
        for r in bounce.recipients() {
            let theirs = &sisimai[&(entry.file.clone(), r.address().to_owned())];
            let ours_reason = r.reason();
            let fields: [(&'static str, String, String); 4] = [
                (
                    "status",
                    r.specific_status()
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                    theirs["deliverystatus"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                ),
                (
                    "reply_code",
                    r.reply()
                        .map(|reply| reply.code().to_string())
                        .unwrap_or_default(),
                    theirs["replycode"].as_str().unwrap_or_default().to_owned(),
                ),
                (
                    "reason",
                    ours_reason.token().to_owned(),
                    theirs["reason"].as_str().unwrap_or_default().to_owned(),
                ),
                (
                    "hard",
                    r.is_hard_bounce().to_string(),
                    (theirs["softbounce"].as_i64() == Some(0)).to_string(),
                ),
            ];
            for (field, ours, theirs) in fields {
                let count = counts.entry(field).or_default();
                count.1 += 1;
                if ours == theirs {
                    count.0 += 1;
                } else {
                    differences.push((
                        entry.file.clone(),
                        r.address().to_owned(),
                        field,
                        format!("ours {ours:?}, Sisimai {theirs:?}"),
                    ));
                }
            }
            assert_ne!(
                ours_reason,
                Reason::Undefined,
                "{} {}",
                entry.file,
                r.address()
            );
        }
    }
    (counts, differences)
}

#[test]
fn every_disagreement_with_sisimai_is_explained() {
    let (_, differences) = compare();
    let unexplained: Vec<String> = differences
        .iter()
        .filter(|(file, who, field, _)| {
            !EXPLAINED
                .iter()
                .any(|(f, r, x, _)| f == file && r == who && x == field)
        })
        .map(|(file, who, field, what)| format!("{file} {who} {field}: {what}"))
        .collect();
    assert!(
        unexplained.is_empty(),
        "unexplained:\n{}",
        unexplained.join("\n")
    );
    let stale: Vec<String> = EXPLAINED
        .iter()
        .filter(|(f, r, x, _)| {
            !differences
                .iter()
                .any(|(file, who, field, _)| f == file && r == who && x == field)
        })
        .map(|(f, r, x, _)| format!("{f} {r} {x}"))
        .collect();
    assert!(
        stale.is_empty(),
        "explained but no longer different:\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_readme_shows_the_agreement_this_test_finds() {
    let (counts, _) = compare();
    let readme =
        fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    for (field, label) in [
        ("status", "status"),
        ("reply_code", "reply code"),
        ("reason", "reason"),
        ("hard", "hard or soft"),
    ] {
        let (agree, all) = counts[field];
        let row = format!("| {label} | {agree} of {all} |");
        assert!(
            readme.contains(&row),
            "the README's bounce agreement table needs the row {row:?}"
        );
    }
}

/// The command each recipient's reply answered, as the notice's text says it: Postfix's
/// `(in reply to ... command)`, Exim's `after ...:`, Sendmail's and Courier's `>>> ...`
/// transcripts. OpenSMTPD's notices say nothing of it.
#[test]
fn the_command_each_reply_answered() {
    use smtp_codes::Command;
    let cases: &[(&str, &str, Option<Command>)] = &[
        (
            "postfix/userunknown.eml",
            "bob@remote.test",
            Some(Command::Rcpt),
        ),
        (
            "postfix/two_recipients.eml",
            "quota@remote.test",
            Some(Command::Rcpt),
        ),
        (
            "postfix/toobig.eml",
            "big@remote.test",
            Some(Command::DataEnd),
        ),
        (
            "postfix/greylisted_delayed.eml",
            "grey@remote.test",
            Some(Command::Rcpt),
        ),
        ("postfix/unreachable.eml", "someone@unreachable.test", None),
        (
            "exim/userunknown.eml",
            "bob@remote.test",
            Some(Command::Rcpt),
        ),
        ("exim/toobig.eml", "big@remote.test", Some(Command::DataEnd)),
        (
            "sendmail/two_recipients.eml",
            "bob@remote.test",
            Some(Command::Rcpt),
        ),
        (
            "sendmail/toobig.eml",
            "big@remote.test",
            Some(Command::DataEnd),
        ),
        (
            "courier/greylisted.eml",
            "grey@remote.test",
            Some(Command::Rcpt),
        ),
        (
            "courier/toobig.eml",
            "big@remote.test",
            Some(Command::DataEnd),
        ),
        ("opensmtpd/userunknown.eml", "bob@remote.test", None),
    ];
    let mut wrong = Vec::new();
    for (file, address, command) in cases {
        let bounce = read(file);
        let found = bounce
            .recipients()
            .iter()
            .find(|r| r.address() == *address)
            .map(Recipient::command);
        if found != Some(*command) {
            wrong.push(format!("{file} {address}: {found:?} not {command:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
