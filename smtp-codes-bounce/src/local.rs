//! The words MTAs write for failures of their own, where there is no SMTP reply to diagnose:
//! a retry limit reached, a network error, an expired queue entry, a full or closed mailbox.
//! Each phrase is one the named MTA writes in its bounces, as `tests/corpus/bounces/` records
//! them, as its format module's sources show them (Gmail, Domino), or as the real bounces
//! among flufl.bounce's test messages and the `bounced` package's show them
//! (`scripts/flufl/check` and `scripts/corpora/check` read those; the file is named beside
//! each phrase), or as the public reports named beside it quote it.

use smtp_codes::Reason;

/// Phrase (compared without regard to ASCII case), the reason it gives, whether it names a
/// passing condition, and who writes it. A recipient that failed on a passing condition was
/// given up on after trying: `expired`.
const PHRASES: &[(&str, Reason, Passing, &str)] = &[
    // Exim, when its retry rule for the address has run out.
    (
        "retry timeout exceeded",
        Reason::Expired,
        Passing(true),
        "Exim",
    ),
    // OpenSMTPD, when the queue's time to live has passed.
    (
        "envelope expired",
        Reason::Expired,
        Passing(true),
        "OpenSMTPD",
    ),
    // OpenSMTPD, when no MX of the destination could be reached.
    (
        "network error on destination mxs",
        Reason::NetworkError,
        Passing(true),
        "OpenSMTPD",
    ),
    // Courier, for a connection that failed (the capture's was refused).
    (
        "network is down",
        Reason::NetworkError,
        Passing(true),
        "Courier",
    ),
    // Postfix's X-Postfix diagnostics.
    (
        "connection refused",
        Reason::NetworkError,
        Passing(true),
        "Postfix",
    ),
    (
        "connection timed out",
        Reason::NetworkError,
        Passing(true),
        "Postfix",
    ),
    (
        "host or domain name not found",
        Reason::HostUnknown,
        Passing(false),
        "Postfix",
    ),
    // Postfix, for a DNS lookup that failed for now (postfix_02.txt: `Name service error
    // for domain digicool.com: Host not found, try again`).
    (
        "host not found, try again",
        Reason::NetworkError,
        Passing(true),
        "Postfix",
    ),
    // OpenSMTPD, for a recipient domain that DNS does not know (dsn_18.txt:
    // `email@replaced.net: Domain does not exist`).
    (
        "domain does not exist",
        Reason::HostUnknown,
        Passing(false),
        "OpenSMTPD",
    ),
    // Gmail, for a destination whose servers it could not connect to (see `text/gmail.rs`).
    // Gmail's oldest texts, for a connection the other side closed (tt_bounce_09.eml and
    // tt_bounce_20.eml among the real bounces of the `bounced` package on PyPI, 0.3.0).
    (
        "connection dropped",
        Reason::NetworkError,
        Passing(true),
        "Gmail",
    ),
    (
        "connection was dropped by remote host",
        Reason::NetworkError,
        Passing(true),
        "Gmail",
    ),
    // Exim 3's router, for a domain DNS gives no mail host for (tt_bounce_01.eml there).
    (
        "unrouteable mail domain",
        Reason::HostUnknown,
        Passing(false),
        "Exim",
    ),
    // A qmail site's delivery program, for a full mailbox (tt_bounce_14.eml there).
    (
        "not enough storage space in user's mailbox",
        Reason::MailboxFull,
        Passing(false),
        "qmail",
    ),
    // Postfix's SMTP client, when the MX it found is itself (tt_1234211931.eml of the
    // `bounced` package): a loop in the configuration, which rules.toml's
    // postfix-loops-back-myself explains for a reply that quotes it.
    (
        "loops back to myself",
        Reason::SystemError,
        Passing(false),
        "Postfix",
    ),
    // Domino, when the name matches several entries of its directory (tt_bounce_15.eml
    // there): its configuration, not the sender, has to tell them apart.
    (
        "several matches found in domino directory",
        Reason::SystemError,
        Passing(false),
        "Domino",
    ),
    // The unnamed notice `delivery_of_email` reads: `has failed due to a full mailbox.`
    (
        "due to a full mailbox",
        Reason::MailboxFull,
        Passing(false),
        "unnamed (text/delivery_of_email.rs)",
    ),
    (
        "the recipient server did not accept our requests to connect",
        Reason::NetworkError,
        Passing(true),
        "Gmail",
    ),
    // Domino, for an address its directory does not know (see `text/domino.rs`).
    (
        "not listed in domino directory",
        Reason::UserUnknown,
        Passing(false),
        "Domino",
    ),
    // Exchange 5.5 to 2003 (microsoft_01.txt, see `text/exchange_ims.rs`).
    (
        "the recipient name is not recognized",
        Reason::UserUnknown,
        Passing(false),
        "Exchange",
    ),
    // IMail (smtp32_07.txt, simple_12.txt; see `text/imail.rs`).
    (
        "invalid final delivery userid",
        Reason::UserUnknown,
        Passing(false),
        "IMail",
    ),
    // A delivery command's output that Postfix quoted (quota-7.msg of Mail::DeliveryStatus::
    // BounceParser's corpus, 1.543: `permission denied. Command output: The recipient
    // mailbox has exceeded its disk space limit.`).
    (
        "exceeded its disk space limit",
        Reason::MailboxFull,
        Passing(false),
        "a delivery command run by Postfix",
    ),
    // IMail 10, for a mailbox over its limit (quota.msg of Mail::DeliveryStatus::
    // BounceParser's corpus, 1.543: `User mailbox exceeds allowed size: bob@...`).
    (
        "mailbox exceeds allowed size",
        Reason::MailboxFull,
        Passing(false),
        "IMail",
    ),
    // IMail, when it gave up (smtp32_01.txt: `Delivery failed 20 attempts: bob@...`).
    (" attempts: ", Reason::Expired, Passing(true), "IMail"),
    // An unnamed relay, for a destination it found no route to before it gave up
    // (simple_32.txt: `Routing: Could not find a gateway for bob@example.com`, see
    // `text/generated_notice.rs`).
    (
        "could not find a gateway for",
        Reason::NetworkError,
        Passing(true),
        "unnamed (Sisimai's X3)",
    ),
    // MDaemon, for a local user it does not have (simple_27.txt: `bob@example.com - no such
    // user here.`, see `text/mdaemon.rs`).
    (
        "no user by that name",
        Reason::UserUnknown,
        Passing(false),
        "MDaemon",
    ),
    // Mail.Ru, in the error of Exim's local-scan notice (simple_39.txt: `Local mailbox
    // bob@example.ru is unavailable: user not found`, see `text/exim_refusal.rs`), and
    // GroupWise, beside the address it could not deliver to (novell-with-rhs.msg of
    // Mail::DeliveryStatus::BounceParser's corpus, 1.543: `bob@example.net (user not
    // found)`, see `text/groupwise.rs`).
    (
        "user not found",
        Reason::UserUnknown,
        Passing(false),
        "Mail.Ru, GroupWise",
    ),
    // Netscape Messaging Server, for a host it could not reach before the queue time ran out
    // (netscape_01.txt, see `text/undeliverable_reason.rs`).
    (
        "not reachable within the allowed queue period",
        Reason::NetworkError,
        Passing(true),
        "Netscape Messaging Server",
    ),
    // cPanel's Exim, for a domain over its hosting account's hourly sending limit: `Domain
    // example.com has exceeded the max emails per hour (3/2 (150%)) allowed.  Message
    // discarded.` (https://forums.cpanel.net/threads/email-quota.697029/; its router
    // `enforce_mail_permissions` logs it). The sender's own host refused to send more.
    (
        "has exceeded the max emails per hour",
        Reason::Speeding,
        Passing(false),
        "cPanel (Exim)",
    ),
    // qmail-local, for a local part with no mailbox (qmail_03.txt).
    (
        "no mailbox here by that name",
        Reason::UserUnknown,
        Passing(false),
        "qmail",
    ),
    // Yahoo's and SBC's qmail-based servers (yahoo_10.txt, simple_05.txt):
    // `This user doesn't have a yahoo.com account (bob@example.com)`.
    (
        "this user doesn't have a ",
        Reason::UserUnknown,
        Passing(false),
        "Yahoo",
    ),
    // Yahoo's older notices, for a closed account (yahoo_03.txt).
    (
        "account has been disabled or discontinued",
        Reason::Suspend,
        Passing(false),
        "Yahoo",
    ),
    // Yahoo (yahoo_02.txt: `This account is over quota.`) and others.
    ("over quota", Reason::MailboxFull, Passing(false), "Yahoo"),
    // songbird.com's delay warning (simple_21.txt), read by `delivery_of_email`.
    (
        "the recipient server did not respond",
        Reason::NetworkError,
        Passing(true),
        "unnamed (text/delivery_of_email.rs)",
    ),
    // The unnamed notice `failure_notification` reads (simple_44.txt), for a server that
    // did not take the message in 30 attempts.
    (
        "recipient server unavailable or busy",
        Reason::NetworkError,
        Passing(true),
        "unnamed (text/failure_notification.rs)",
    ),
    // USA.NET's processing-error notice (simple_02.txt): its own system failed on the
    // message, as Sisimai reads it too.
    (
        "encountered an error while being processed",
        Reason::SystemError,
        Passing(false),
        "USA.NET",
    ),
    // Prodigy's one-line notice (simple_07.txt): `User's mailbox is full: <...>`.
    (
        "user's mailbox is full",
        Reason::MailboxFull,
        Passing(false),
        "Prodigy",
    ),
    // HotPOP's notice (hotpop_01.txt): `the recipient is over disk quota`.
    (
        "over disk quota",
        Reason::MailboxFull,
        Passing(false),
        "HotPOP",
    ),
    // A hosting provider's qmail (qmail_02.txt, qmail_07.txt).
    (
        "mailfolder is full",
        Reason::MailboxFull,
        Passing(false),
        "qmail",
    ),
    // Outblaze's qmail (qmail_06.txt: `User's Disk Quota Exceeded.`), a delivery agent's
    // output quoted by Postfix (postfix_04.txt: `Mail quota exceeded.`), 1&1's Exim
    // (simple_09.txt: `quota exceeded`), Mail.ru's qmail (newmailru_01.txt: `This person's
    // account is exceeding their quota.`).
    (
        "quota exceeded",
        Reason::MailboxFull,
        Passing(false),
        "qmail",
    ),
    (
        "exceeding their quota",
        Reason::MailboxFull,
        Passing(false),
        "qmail",
    ),
    // Smail's failed address line (simple_04.txt: `bob@example.com ... unknown host`): the
    // domain has no host to deliver to.
    ("unknown host", Reason::HostUnknown, Passing(false), "Smail"),
    // Postfix's local delivery agent, for a local part with no account and no alias
    // (warning-3.msg of Mail::DeliveryStatus::BounceParser's corpus, 1.543, which
    // scripts/corpora/check reads: `unknown user: "1"`).
    (
        "unknown user: \"",
        Reason::UserUnknown,
        Passing(false),
        "Postfix",
    ),
    // Postfix, for a next hop whose name the resolver does not know
    // (postfix-host-unknown.msg there: `[dest.example.com]: Name or service not known`).
    (
        "name or service not known",
        Reason::HostUnknown,
        Passing(false),
        "Postfix",
    ),
    // Postfix, for a DNS answer it could not read (malformed-dns.msg and
    // postfix-malformed.msg there: `Name service error for name=... type=MX: Malformed or
    // unexpected name server reply`): the domain's DNS is broken, not proven absent.
    (
        "name server reply",
        Reason::NetworkError,
        Passing(false),
        "Postfix",
    ),
    // Exim, when every host of the destination had been failing for longer than its retry
    // rules allow (misidentified-recipient.msg there: `all hosts have been failing for a
    // long time and were last tried after this message arrived`).
    (
        "have been failing for a long time",
        Reason::Expired,
        Passing(true),
        "Exim",
    ),
    // A phquery directory's answer for a person it lists without a mailbox (simple_37.txt:
    // `Does not have a final email delivery point`): there is no address to deliver to.
    (
        "does not have a final email delivery point",
        Reason::UserUnknown,
        Passing(false),
        "phquery",
    ),
];

/// Whether a phrase names a condition that passes (a network failure), rather than one that
/// stays (a domain that does not exist).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Passing(pub(crate) bool);

/// Postfix's pipe and local delivery agents' words for a delivery command that failed:
/// `Command died with status 17: "/usr/sbin/amavis". Command output: ...` (postfix_03.txt)
/// or `temporary failure. Command output: ...` (dsn_08.txt).
const COMMAND_FAILED: [&str; 2] = ["command died with", ". command output:"];

/// The reason the first phrase found in `text` gives, and whether its condition passes.
/// Where a delivery command failed, what it printed names the reason when it is about the
/// mailbox (`Command output: Mail quota exceeded.`); otherwise, a network error among it
/// (`avpcheck: unable to connect to avp daemon: Connection refused`) included, the command
/// failed: `mailererror`.
pub(crate) fn reason_of(text: &str) -> Option<(Reason, Passing)> {
    let text = text.to_ascii_lowercase();
    let said = PHRASES
        .iter()
        .find(|(phrase, ..)| text.contains(phrase))
        .map(|&(_, reason, passing, _)| (reason, passing));
    let about_the_mailbox = said.is_some_and(|(reason, _)| {
        matches!(
            reason,
            Reason::MailboxFull | Reason::UserUnknown | Reason::Suspend
        )
    });
    if COMMAND_FAILED.iter().any(|words| text.contains(words)) && !about_the_mailbox {
        return Some((Reason::MailerError, Passing(false)));
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hosting_accounts_hourly_limit_is_speeding() {
        let said = "Domain example.com has exceeded the max emails per hour (3/2 (150%)) \
                    allowed.  Message discarded.";
        assert_eq!(reason_of(said), Some((Reason::Speeding, Passing(false))));
    }

    #[test]
    fn phrases_are_lower_case_and_found_in_any_case() {
        for (phrase, reason, passing, _) in PHRASES {
            assert_eq!(*phrase, phrase.to_ascii_lowercase());
            assert_eq!(
                reason_of(&phrase.to_ascii_uppercase()),
                Some((*reason, *passing))
            );
        }
        assert_eq!(
            reason_of("  retry timeout exceeded").map(|(r, _)| r),
            Some(Reason::Expired)
        );
        assert_eq!(reason_of("all is well"), None);
        // A delivery command's failure, whatever it printed, but for the mailbox's state.
        for (text, reason) in [
            (
                "temporary failure. Command output: avpcheck: unable to connect: Connection refused",
                Reason::MailerError,
            ),
            (
                "Command died with status 17: \"/usr/sbin/amavis\". Command output: Can't use",
                Reason::MailerError,
            ),
            (
                "permission denied. Command output: Mail quota exceeded.",
                Reason::MailboxFull,
            ),
        ] {
            assert_eq!(reason_of(text), Some((reason, Passing(false))), "{text}");
        }
    }
}
