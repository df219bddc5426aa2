//! From what a report says about one recipient to a [`Recipient`]: the reply rebuilt, its
//! diagnosis, and the reason.

use smtp_codes::{Context, DecidedBy, Diagnosis, EnhancedCode, Reason, Reply};

use crate::bounce::{Action, Facts, Recipient};
use crate::local::{self, Passing};
use crate::quote::quoted_reply;
use crate::reply::reply_of;

/// The rules that diagnose the replies: the built-in ones, or (with the `rules` feature) a
/// user's, which put theirs before the built-in ones or in their place.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) enum RuleSet {
    /// The rules the library was built with.
    #[default]
    BuiltIn,
    /// A user's rules, read at run time.
    #[cfg(feature = "rules")]
    User(&'static smtp_codes::Rules),
}

impl RuleSet {
    fn diagnose(self, reply: &Reply<'_>, context: &Context<'_>) -> Diagnosis<'static> {
        match self {
            RuleSet::BuiltIn => reply.diagnose_with(context),
            #[cfg(feature = "rules")]
            RuleSet::User(rules) => rules.diagnose_with(reply, context),
        }
    }
}

/// Judges one recipient. The diagnostic is read as an SMTP reply when its type is `smtp` or
/// when it has none and starts like one; other types (`X-Postfix; connect to ...`) leave the
/// status to decide.
pub(crate) fn judge(facts: Facts, rules: RuleSet) -> Recipient {
    judge_explained(facts, None, rules)
}

/// Judges one recipient whose report gives no diagnostic but explains the failure in its
/// human-readable part: a reply quoted there is used as the diagnostic's would be, and
/// otherwise an MTA's own words for the failure ([`local`]) decide where the status says
/// no more than its class (`5.0.0`) or subject (`4.3.0`), names a network or routing
/// failure without saying which (`5.4.4`), or is missing; a recipient that failed on words
/// that name a passing condition was given up on: `expired`.
pub(crate) fn judge_explained(
    facts: Facts,
    explanation: Option<String>,
    rules: RuleSet,
) -> Recipient {
    let reply = facts
        .diagnostic
        .as_ref()
        .filter(|d| d.kind().is_none_or(|k| k.eq_ignore_ascii_case("smtp")))
        .and_then(|d| reply_of(d.text()))
        .or_else(|| explanation.as_deref().and_then(quoted_reply))
        // Older Postfix quotes the remote reply inside its own type: `X-Postfix; host
        // mx.example.com[192.0.2.1] said: 550 5.1.1 ...`.
        .or_else(|| {
            facts
                .diagnostic
                .as_ref()
                .filter(|d| d.text().contains(" said: "))
                .and_then(|d| quoted_reply(d.text()))
        });
    // An MTA's words say more than a status of its class alone, or of its subject alone
    // (`4.3.0` beside `Quota exceeded`, dsn_17.txt), and more than one about the network and
    // routing: Postfix writes `5.4.4` both for a domain DNS says does not exist and for a DNS
    // answer it could not read (`Malformed or unexpected name server reply`, malformed-dns.msg
    // of Mail::DeliveryStatus::BounceParser's corpus), which says nothing against the address.
    // (A status of its class alone, `5.0.0`, has detail 0 too.)
    let generic = facts
        .status
        .is_none_or(|s| s.detail() == 0 || s.subject() == 4);
    let own_words = match (&reply, generic) {
        (None, true) => facts
            .diagnostic
            .as_ref()
            .map(|d| d.text())
            .or(explanation.as_deref())
            .and_then(local::reason_of),
        _ => None,
    };
    let mut context = Context::new().recipient(&facts.address);
    if let Some(host) = facts.remote_mta.as_deref() {
        context = context.host(host);
    }
    if let Some(command) = facts.command {
        context = context.command(command);
    }
    let diagnosis = match (&reply, facts.status) {
        (Some(reply), _) => Some(rules.diagnose(&reply.as_reply(), &context)),
        (None, Some(status)) => Some(status.diagnose()),
        (None, None) => None,
    };
    // A reply without an enhanced code that no rule knows says no more than its basic code
    // (`550` is anything from a missing mailbox to a policy); a Status that says more
    // decides then (Sendmail's `5.1.1` beside Cox's `550 <...> recipient rejected`).
    let status_says_more = facts
        .status
        .filter(|s| s.detail() != 0)
        .filter(|_| {
            diagnosis
                .as_ref()
                .is_some_and(|d| d.decided_by() == DecidedBy::ReplyCode)
        })
        .map(|s| s.diagnose().reason());
    // The MTA gave up after temporary failures when it says so with a class 4 status or
    // quotes a class 4 reply (Exim writes `Status: 5.0.0` beside the 450 it kept getting).
    let reply_class = reply.as_ref().map(|r| r.code() / 100);
    let status_class = facts.status.map(EnhancedCode::class);
    let reason = match facts.action {
        Some(Action::Delivered | Action::Relayed | Action::Expanded) => Reason::Delivered,
        Some(Action::Failed) if status_class == Some(4) || reply_class == Some(4) => {
            Reason::Expired
        }
        // Failed on a condition that passes (Courier's `Network is down` with 5.0.0): the
        // MTA gave up trying.
        Some(Action::Failed) if own_words.is_some_and(|(_, Passing(passing))| passing) => {
            Reason::Expired
        }
        _ => own_words
            .map(|(reason, _)| reason)
            .or(status_says_more)
            .or(diagnosis.map(|d| d.reason()))
            .unwrap_or(Reason::Undefined),
    };
    Recipient {
        facts,
        explanation,
        reply,
        diagnosis,
        reason,
    }
}

/// A recipient whose reason the kind of message decides (a complaint, an automatic reply)
/// rather than a reply or a status.
pub(crate) fn judge_as(facts: Facts, reason: Reason) -> Recipient {
    Recipient {
        reason,
        diagnosis: None,
        ..judge(facts, RuleSet::BuiltIn)
    }
}
