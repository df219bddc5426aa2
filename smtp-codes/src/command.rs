//! Reading and writing [`Command`] verbs.

use core::fmt;
use core::str::FromStr;

use crate::Command;

/// Writes the verb as sent on the wire, such as `EHLO`, or `<greeting>` / `<end-of-data>` for the
/// two session events.
impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.verb())
    }
}

/// Reads a verb, ignoring ASCII case (`"ehlo"` is [`Command::Ehlo`]), or one of the labels
/// `<greeting>` and `<end-of-data>`.
impl FromStr for Command {
    type Err = ParseCommandError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Command::ALL
            .iter()
            .copied()
            .find(|c| c.verb().eq_ignore_ascii_case(s))
            .ok_or(ParseCommandError { _private: () })
    }
}

/// The text given to [`Command::from_str`] is not a verb in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseCommandError {
    _private: (),
}

impl fmt::Display for ParseCommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown SMTP command: expected a verb such as EHLO, MAIL, RCPT or DATA")
    }
}

impl core::error::Error for ParseCommandError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verb_round_trips_in_any_case() {
        for &command in Command::ALL {
            let verb = command.verb();
            assert_eq!(verb.parse::<Command>(), Ok(command));
            let lower = verb.to_ascii_lowercase();
            assert_eq!(lower.parse::<Command>(), Ok(command));
        }
    }

    #[test]
    fn unknown_verbs_are_errors() {
        for bad in ["", "EHL", "EHLO ", "HELO\r\n", "MAIL FROM", "ＥＨＬＯ"] {
            assert!(bad.parse::<Command>().is_err(), "{bad:?}");
        }
    }
}
