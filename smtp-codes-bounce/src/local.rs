//! The words MTAs write for failures of their own, where there is no SMTP reply to diagnose:
//! a retry limit reached, a network error, an expired queue entry. Each phrase is one the
//! named MTA writes in its bounces, as `tests/corpus/bounces/` records them, or as its
//! format module's sources show them (Gmail, Domino).

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
    // Gmail, for a destination whose servers it could not connect to (see `text/gmail.rs`).
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
];

/// Whether a phrase names a condition that passes (a network failure), rather than one that
/// stays (a domain that does not exist).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Passing(pub(crate) bool);

/// The reason the first phrase found in `text` gives, and whether its condition passes.
pub(crate) fn reason_of(text: &str) -> Option<(Reason, Passing)> {
    let text = text.to_ascii_lowercase();
    PHRASES
        .iter()
        .find(|(phrase, ..)| text.contains(phrase))
        .map(|&(_, reason, passing, _)| (reason, passing))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
