//! The words MTAs write for failures of their own, where there is no SMTP reply to diagnose:
//! a retry limit reached, a network error, an expired queue entry. Each phrase is one the
//! named MTA writes in its bounces, as `tests/corpus/bounces/` records them.

use smtp_codes::Reason;

/// Phrase (compared without regard to ASCII case), the reason it gives, and who writes it.
const PHRASES: &[(&str, Reason, &str)] = &[
    // Exim, when its retry rule for the address has run out.
    ("retry timeout exceeded", Reason::Expired, "Exim"),
    // OpenSMTPD, when the queue's time to live has passed.
    ("envelope expired", Reason::Expired, "OpenSMTPD"),
    // OpenSMTPD, when no MX of the destination could be reached.
    (
        "network error on destination mxs",
        Reason::NetworkError,
        "OpenSMTPD",
    ),
    // Postfix's X-Postfix diagnostics.
    ("connection refused", Reason::NetworkError, "Postfix"),
    ("connection timed out", Reason::NetworkError, "Postfix"),
    (
        "host or domain name not found",
        Reason::HostUnknown,
        "Postfix",
    ),
];

/// The reason the first phrase found in `text` gives.
pub(crate) fn reason_of(text: &str) -> Option<Reason> {
    let text = text.to_ascii_lowercase();
    PHRASES
        .iter()
        .find(|(phrase, _, _)| text.contains(phrase))
        .map(|&(_, reason, _)| reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_lower_case_and_found_in_any_case() {
        for (phrase, reason, _) in PHRASES {
            assert_eq!(*phrase, phrase.to_ascii_lowercase());
            assert_eq!(reason_of(&phrase.to_ascii_uppercase()), Some(*reason));
        }
        assert_eq!(reason_of("  retry timeout exceeded"), Some(Reason::Expired));
        assert_eq!(reason_of("all is well"), None);
    }
}
