//! Converting [`ReplyCode`] to and from numbers and text, and the error for text that is not one.

use core::fmt;
use core::str::FromStr;

use crate::{Category, ReplyCode};

/// Writes the number, a space and the short name: `250 OK`.
impl fmt::Display for ReplyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code(), self.name())
    }
}

impl From<ReplyCode> for u16 {
    fn from(code: ReplyCode) -> u16 {
        code.code()
    }
}

impl PartialEq<u16> for ReplyCode {
    fn eq(&self, other: &u16) -> bool {
        self.code() == *other
    }
}

impl PartialEq<ReplyCode> for u16 {
    fn eq(&self, other: &ReplyCode) -> bool {
        *self == other.code()
    }
}

/// Fails with [`ParseReplyCodeErrorKind::OutOfRange`] for numbers outside 200..=599 and
/// [`ParseReplyCodeErrorKind::Unknown`] for well-formed codes that are not in the table.
impl TryFrom<u16> for ReplyCode {
    type Error = ParseReplyCodeError;

    fn try_from(code: u16) -> Result<Self, Self::Error> {
        if Category::from_code(code).is_none() {
            return Err(ParseReplyCodeError::new(
                ParseReplyCodeErrorKind::OutOfRange { code },
            ));
        }
        ReplyCode::from_u16(code).ok_or(ParseReplyCodeError::new(
            ParseReplyCodeErrorKind::Unknown { code },
        ))
    }
}

/// Reads the code at the start of a reply line: three ASCII digits followed by the end of the
/// text, a space or `-`. `"250"`, `"250 OK"`, `"250-PIPELINING"` and `"250 2.0.0 Ok: queued"` all
/// give [`ReplyCode::Ok`]; the rest of the line is not examined.
///
/// ```
/// use smtp_codes::{ParseReplyCodeErrorKind, ReplyCode};
///
/// assert_eq!("354 End data with <CR><LF>.<CR><LF>".parse(), Ok(ReplyCode::StartMailInput));
/// assert_eq!("250-SIZE 35882577".parse(), Ok(ReplyCode::Ok));
///
/// let err = "2500".parse::<ReplyCode>().unwrap_err();
/// assert_eq!(err.kind(), ParseReplyCodeErrorKind::TooLong);
/// ```
impl FromStr for ReplyCode {
    type Err = ParseReplyCodeError;

    #[inline]
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // The common case, a well-formed code, without the error bookkeeping; the checks are
        // joined with `&` so that the compiler need not keep them in order.
        if let [a, b, c, rest @ ..] = s.as_bytes() {
            let (a, b, c) = (
                a.wrapping_sub(b'2'),
                b.wrapping_sub(b'0'),
                c.wrapping_sub(b'0'),
            );
            let ends = matches!(rest.first(), None | Some(b' ' | b'-'));
            if (a < 4) & (b < 10) & (c < 10) & ends {
                let digits = (usize::from(a) << 8) | (usize::from(b) << 4) | usize::from(c);
                if let Some(&Some(known)) = BY_DIGITS.get(digits) {
                    return Ok(known);
                }
                let code = 200 + u16::from(a) * 100 + u16::from(b) * 10 + u16::from(c);
                return Err(ParseReplyCodeError::new(ParseReplyCodeErrorKind::Unknown {
                    code,
                }));
            }
        }
        let code = leading_code(s).map_err(ParseReplyCodeError::new)?;
        ReplyCode::try_from(code)
    }
}

/// [`ReplyCode::from_u16`] indexed by the code's digits, four bits each (the first counted
/// from 2), so that `FromStr` needs shifts rather than multiplications to find a code.
// It pays: in the same `scripts/bench bare_code` runs, `"250".parse()` took 1.5 to 1.6 ns with
// it and 1.9 ns with `from_u16(200 + a * 100 + b * 10 + c)`, whose multiply lies on the path
// to the load; `http::StatusCode::from_bytes` took 1.4 ns.
const BY_DIGITS: [Option<ReplyCode>; 1024] = {
    let mut table = [None; 1024];
    let mut number = 0;
    while number < 400 {
        let digits = ((number / 100) << 8) | ((number / 10 % 10) << 4) | (number % 10);
        table[digits as usize] = ReplyCode::from_u16(200 + number);
        number += 1;
    }
    table
};

/// The number at the start of `s`, if it is three digits followed by the end, a space or `-`.
fn leading_code(s: &str) -> Result<u16, ParseReplyCodeErrorKind> {
    let bytes = s.as_bytes();
    if bytes.is_empty() {
        return Err(ParseReplyCodeErrorKind::Empty);
    }
    let mut code = 0u16;
    for index in 0..3u8 {
        let at = usize::from(index);
        match bytes.get(at) {
            None => return Err(ParseReplyCodeErrorKind::TooShort { digits: index }),
            Some(b) if b.is_ascii_digit() => code = code * 10 + u16::from(b - b'0'),
            // Every byte before `index` is an ASCII digit, so `index` is a char boundary.
            Some(_) => {
                let found = s[at..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                return Err(ParseReplyCodeErrorKind::NotADigit { index, found });
            }
        }
    }
    match bytes.get(3) {
        None | Some(b' ' | b'-') => Ok(code),
        Some(b) if b.is_ascii_digit() => Err(ParseReplyCodeErrorKind::TooLong),
        Some(_) => {
            let found = s[3..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            Err(ParseReplyCodeErrorKind::BadSeparator { found })
        }
    }
}

/// Text or a number that is not a [`ReplyCode`]. [`kind`](Self::kind) says why; for a
/// well-formed number, [`code`](Self::code) keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseReplyCodeError {
    kind: ParseReplyCodeErrorKind,
}

/// Why text or a number is not a [`ReplyCode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseReplyCodeErrorKind {
    /// The text is empty.
    Empty,
    /// The text ends after `digits` digits; a reply code has three.
    TooShort {
        /// How many digits there were.
        digits: u8,
    },
    /// The character at `index` (counting from 0) of the first three is not an ASCII digit.
    NotADigit {
        /// Its position.
        index: u8,
        /// The character found there.
        found: char,
    },
    /// A fourth digit follows the first three.
    TooLong,
    /// The three digits are followed by something other than the end, a space or `-`.
    BadSeparator {
        /// The character found after the digits.
        found: char,
    },
    /// The number is not from 200 to 599, so it is no reply code (such as `650` or `199`).
    OutOfRange {
        /// The number.
        code: u16,
    },
    /// A well-formed code from 200 to 599 that the table does not know, such as `299`. Its
    /// category is still [`Category::from_code`]`(code)`.
    Unknown {
        /// The number.
        code: u16,
    },
}

impl ParseReplyCodeError {
    const fn new(kind: ParseReplyCodeErrorKind) -> Self {
        ParseReplyCodeError { kind }
    }

    /// Why the input is not a reply code.
    #[must_use]
    pub const fn kind(&self) -> ParseReplyCodeErrorKind {
        self.kind
    }

    /// The number, when the input held one: always for [`Unknown`](ParseReplyCodeErrorKind::Unknown)
    /// and [`OutOfRange`](ParseReplyCodeErrorKind::OutOfRange), so a code missing from the table
    /// is never lost.
    #[must_use]
    pub const fn code(&self) -> Option<u16> {
        match self.kind {
            ParseReplyCodeErrorKind::OutOfRange { code }
            | ParseReplyCodeErrorKind::Unknown { code } => Some(code),
            _ => None,
        }
    }
}

impl fmt::Display for ParseReplyCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ParseReplyCodeErrorKind::Empty => {
                f.write_str("empty input: expected a three-digit SMTP reply code")
            }
            ParseReplyCodeErrorKind::TooShort { digits } => write!(
                f,
                "the input ends after {digits} digit(s): an SMTP reply code has three"
            ),
            ParseReplyCodeErrorKind::NotADigit { index, found } => write!(
                f,
                "expected an ASCII digit at position {} of the reply code, found {found:?}",
                index + 1
            ),
            ParseReplyCodeErrorKind::TooLong => {
                f.write_str("more than three digits: an SMTP reply code has exactly three")
            }
            ParseReplyCodeErrorKind::BadSeparator { found } => write!(
                f,
                "expected the end, a space or '-' after the three-digit reply code, found {found:?}"
            ),
            ParseReplyCodeErrorKind::OutOfRange { code } if (100..=999).contains(&code) => write!(
                f,
                "{code} is not an SMTP reply code: the first digit must be 2, 3, 4 or 5"
            ),
            ParseReplyCodeErrorKind::OutOfRange { code } => write!(
                f,
                "{code} is not an SMTP reply code: a reply code has three digits, from 200 to 599"
            ),
            ParseReplyCodeErrorKind::Unknown { code } => {
                write!(f, "unknown SMTP reply code {code}")?;
                if let Some(category) = Category::from_code(code) {
                    write!(
                        f,
                        " (well formed, category {}yz {category}, but not in the table)",
                        category.digit()
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl core::error::Error for ParseReplyCodeError {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn every_code_round_trips() {
        for &code in ReplyCode::ALL {
            assert_eq!(ReplyCode::from_u16(code.code()), Some(code));
            assert_eq!(ReplyCode::try_from(code.code()), Ok(code));
            let shown = code.to_string();
            assert_eq!(shown.parse::<ReplyCode>(), Ok(code), "{shown}");
            assert!(shown.starts_with(&std::format!("{} ", code.code())));
        }
    }

    #[test]
    fn every_three_digit_number_parses_as_try_from_reads_it() {
        // The fast path's digit-indexed table against the plain conversion, for every number a
        // reply line can start with, alone and followed by each accepted separator.
        for number in 200..600u16 {
            for tail in ["", " text", "-text"] {
                let line = std::format!("{number}{tail}");
                assert_eq!(
                    line.parse::<ReplyCode>(),
                    ReplyCode::try_from(number),
                    "{line}"
                );
            }
        }
    }

    #[test]
    fn prefixes_of_real_lines_parse() {
        for line in [
            "250",
            "250 OK",
            "250-PIPELINING",
            "250 2.0.0 Ok: queued as 4F2",
        ] {
            assert_eq!(line.parse::<ReplyCode>(), Ok(ReplyCode::Ok), "{line}");
        }
    }

    #[test]
    fn bad_input_gets_the_matching_error() {
        use ParseReplyCodeErrorKind::*;
        let cases = [
            ("", Empty),
            ("25", TooShort { digits: 2 }),
            ("2500", TooLong),
            ("0250", TooLong),
            (
                "abc",
                NotADigit {
                    index: 0,
                    found: 'a',
                },
            ),
            (
                "2x0",
                NotADigit {
                    index: 1,
                    found: 'x',
                },
            ),
            (
                "-250",
                NotADigit {
                    index: 0,
                    found: '-',
                },
            ),
            (
                "２５０",
                NotADigit {
                    index: 0,
                    found: '２',
                },
            ),
            (
                "25٠",
                NotADigit {
                    index: 2,
                    found: '٠',
                },
            ),
            ("250x", BadSeparator { found: 'x' }),
            ("250\t", BadSeparator { found: '\t' }),
            ("650", OutOfRange { code: 650 }),
            ("199", OutOfRange { code: 199 }),
            ("000", OutOfRange { code: 0 }),
            ("299", Unknown { code: 299 }),
        ];
        for (input, kind) in cases {
            assert_eq!(
                input.parse::<ReplyCode>().map_err(|e| e.kind()),
                Err(kind),
                "{input:?}"
            );
        }
    }

    #[test]
    fn messages_name_the_problem() {
        let message = |s: &str| s.parse::<ReplyCode>().unwrap_err().to_string();
        assert_eq!(
            message("299"),
            "unknown SMTP reply code 299 (well formed, category 2yz Positive Completion, but not in the table)"
        );
        assert!(message("650").contains("650 is not an SMTP reply code"));
        assert!(message("250x").contains("found 'x'"));
        assert!(message("2x0").contains("position 2"));
        let number = ReplyCode::try_from(2500).unwrap_err();
        assert_eq!(number.code(), Some(2500));
        assert!(number.to_string().contains("three digits, from 200 to 599"));
    }
}
