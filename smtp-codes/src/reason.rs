//! Reading and writing [`Reason`] tokens.

use core::fmt;
use core::str::FromStr;

use crate::Reason;

/// Writes the token, such as `userunknown`.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.token())
    }
}

/// Reads a token, ignoring ASCII case (`"UserUnknown"` is [`Reason::UserUnknown`]).
impl FromStr for Reason {
    type Err = ParseReasonError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Reason::ALL
            .iter()
            .copied()
            .find(|r| r.token().eq_ignore_ascii_case(s))
            .ok_or(ParseReasonError { _private: () })
    }
}

/// The text given to [`Reason::from_str`] is not a reason's token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseReasonError {
    _private: (),
}

impl fmt::Display for ParseReasonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "unknown bounce reason: expected a token such as userunknown, mailboxfull or blocked",
        )
    }
}

impl core::error::Error for ParseReasonError {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn every_token_round_trips_in_any_case() {
        for &reason in Reason::ALL {
            let token = reason.token();
            assert_eq!(token.parse::<Reason>(), Ok(reason));
            assert_eq!(token.to_ascii_uppercase().parse::<Reason>(), Ok(reason));
            assert_eq!(Reason::from_token(token), Some(reason));
            assert_eq!(reason.to_string(), token);
        }
    }

    #[test]
    fn unknown_tokens_are_errors() {
        for bad in ["", "user unknown", "userunknown ", "nosuchreason"] {
            assert!(bad.parse::<Reason>().is_err(), "{bad:?}");
        }
    }
}
