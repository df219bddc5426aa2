//! Enhanced status codes (RFC 3463): [`EnhancedCode`], reading and writing it, and how it relates
//! to the registry and to basic reply codes.

use core::fmt;
use core::str::FromStr;

use core::cmp::Ordering;

use crate::{EnhancedClass, EnhancedStatus, EnhancedSubject, ReplyCode};

/// An enhanced status code such as `5.1.1`: class, subject and detail (RFC 3463).
///
/// Any well-formed code can be represented, registered or not: `5.1.99` still says "addressing
/// status, permanent failure". [`status`](Self::status) finds the registry entry when there is
/// one.
///
/// ```
/// use smtp_codes::{EnhancedCode, ReplyCode};
///
/// let code: EnhancedCode = "5.1.1".parse()?;
/// assert_eq!((code.class(), code.subject(), code.detail()), (5, 1, 1));
/// assert_eq!(code.name(), Some("Bad destination mailbox address"));
/// assert_eq!(code.basic_codes(), &[ReplyCode::MailboxUnavailable]);
/// assert!(code.agrees_with(550));
/// assert!(!code.agrees_with(450)); // RFC 3463: the classes must match
///
/// let unregistered = EnhancedCode::new(5, 1, 99).unwrap();
/// assert!(!unregistered.is_registered());
/// assert_eq!(unregistered.subject_name(), "Addressing Status");
/// # Ok::<(), smtp_codes::ParseEnhancedCodeError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct EnhancedCode {
    // The class table's entry, so that every code holds a class the data defines.
    class: EnhancedClass,
    subject: u16,
    detail: u16,
}

/// Numerically: class, then subject, then detail (`4.7.1 < 5.1.1 < 5.1.10`).
impl Ord for EnhancedCode {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.class(), self.subject, self.detail).cmp(&(other.class(), other.subject, other.detail))
    }
}

impl PartialOrd for EnhancedCode {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Shows the class as its digit: `EnhancedCode { class: 5, subject: 1, detail: 1 }`.
impl fmt::Debug for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EnhancedCode")
            .field("class", &self.class())
            .field("subject", &self.subject)
            .field("detail", &self.detail)
            .finish()
    }
}

impl EnhancedCode {
    /// Every registered code (subject and detail, written X.1.1), with the classes the registry
    /// means each for ([`EnhancedStatus::classes`]).
    pub const REGISTERED: &'static [EnhancedStatus] = EnhancedStatus::ALL;

    /// The code `class.subject.detail`, or `None` unless the class is in the class table
    /// ([`EnhancedClass::ALL`]: 2, 4 and 5) and subject and detail are at most 999.
    ///
    /// ```
    /// use smtp_codes::EnhancedCode;
    ///
    /// assert_eq!(EnhancedCode::new(4, 7, 1).map(|c| c.to_string()).as_deref(), Some("4.7.1"));
    /// assert_eq!(EnhancedCode::new(3, 7, 1), None); // no class 3
    /// assert_eq!(EnhancedCode::new(5, 1000, 1), None);
    /// ```
    #[must_use]
    pub const fn new(class: u8, subject: u16, detail: u16) -> Option<EnhancedCode> {
        match EnhancedClass::from_digit(class) {
            Some(class) if subject <= 999 && detail <= 999 => Some(EnhancedCode {
                class,
                subject,
                detail,
            }),
            _ => None,
        }
    }

    /// The class: 2 (success), 4 (persistent transient failure) or 5 (permanent failure).
    #[must_use]
    pub const fn class(self) -> u8 {
        self.class.digit()
    }

    /// The class's entry in the class table, with its name and, through
    /// [`EnhancedClass::disposition`], what a client does about it.
    #[must_use]
    pub const fn class_entry(self) -> EnhancedClass {
        self.class
    }

    /// The subject: the middle number.
    #[must_use]
    pub const fn subject(self) -> u16 {
        self.subject
    }

    /// The detail: the last number.
    #[must_use]
    pub const fn detail(self) -> u16 {
        self.detail
    }

    /// The registry entry for this subject and detail, if there is one.
    #[must_use]
    pub const fn status(self) -> Option<EnhancedStatus> {
        EnhancedStatus::from_parts(self.subject, self.detail)
    }

    /// `true` when the registry lists this subject and detail.
    #[must_use]
    pub const fn is_registered(self) -> bool {
        self.status().is_some()
    }

    /// The registry's short name, or `None` when the code is not registered.
    #[must_use]
    pub const fn name(self) -> Option<&'static str> {
        match self.status() {
            Some(status) => Some(status.name()),
            None => None,
        }
    }

    /// What the code means, or `None` when it is not registered.
    #[must_use]
    pub const fn description(self) -> Option<&'static str> {
        match self.status() {
            Some(status) => Some(status.description()),
            None => None,
        }
    }

    /// When servers send it, or `None` when it is not registered.
    #[must_use]
    pub const fn when_seen(self) -> Option<&'static str> {
        match self.status() {
            Some(status) => Some(status.when_seen()),
            None => None,
        }
    }

    /// What to do about it, or `None` when it is not registered.
    #[must_use]
    pub const fn remediation(self) -> Option<&'static str> {
        match self.status() {
            Some(status) => Some(status.remediation()),
            None => None,
        }
    }

    /// A few words on what it means, for one line of output; `None` when it is not registered
    /// (or the data gives none).
    #[must_use]
    pub const fn summary(self) -> Option<&'static str> {
        match self.status() {
            Some(status) => status.summary(),
            None => None,
        }
    }

    /// A few words on what to do, for one line of output; `None` when it is not registered (or
    /// the data gives none).
    #[must_use]
    pub const fn quick_fix(self) -> Option<&'static str> {
        match self.status() {
            Some(status) => status.quick_fix(),
            None => None,
        }
    }

    /// The subject's name, such as `"Addressing Status"`, for registered and unregistered codes
    /// alike; `"Undefined Subject"` when the subject table has no such number.
    #[must_use]
    pub const fn subject_name(self) -> &'static str {
        match EnhancedSubject::from_number(self.subject) {
            Some(subject) => subject.name(),
            None => "Undefined Subject",
        }
    }

    /// The basic reply codes the registry associates with this code that share its class:
    /// `[550]` for `5.1.1`, `[451, 454]` for `4.7.1`. Empty when the code is not registered.
    #[must_use]
    pub const fn basic_codes(self) -> &'static [ReplyCode] {
        match self.status() {
            Some(status) => status.basic_codes_in_class(self.class()),
            None => &[],
        }
    }

    /// `true` when a basic reply code may carry this enhanced code: RFC 3463 requires the
    /// class to equal the basic code's first digit, so `550` agrees with `5.1.1` and not with
    /// `4.1.1`. Codes outside 200..=599 agree with nothing.
    #[must_use]
    pub const fn agrees_with(self, basic: u16) -> bool {
        basic >= 200 && basic <= 599 && basic / 100 == self.class() as u16
    }

    /// Parses `class.subject.detail` in a `const` context; [`FromStr`] does the same.
    pub const fn parse(s: &str) -> Result<EnhancedCode, ParseEnhancedCodeError> {
        use ParseEnhancedCodeErrorKind as Kind;
        let bytes = s.as_bytes();
        let (values, end) = match read_parts(bytes) {
            Ok(read) => read,
            Err(err) => return Err(err),
        };
        if let Err(err) = nothing_after(bytes, end) {
            return Err(err);
        }
        match with_class(values) {
            Some(code) => Ok(code),
            None => Err(ParseEnhancedCodeError::new(Kind::BadClass {
                class: values[0],
            })),
        }
    }

    /// Reads an enhanced code at the start of `text`, such as the text after the reply code
    /// of `550 5.7.26 Unauthenticated email is not accepted`, and returns it with the rest of
    /// the text, which starts right after the code's last digit.
    ///
    /// Each number is read whole, as [`parse`](Self::parse) reads it (1 to 3 digits, no
    /// leading zero; the class 2, 4 or 5), and the code must end at the end of `text` or
    /// at an ASCII byte that cannot go on with it: whitespace or punctuation such as `;`, `,`
    /// or `)`, but not a letter, a digit or a dot. So `5.7.26` is never read as `5.7.2`, and
    /// text that only starts like a code (`5.1.1234`, `5.1.1x`, `5.1.1.`, an address such as
    /// `5.1.1.4`) gives `None`. [`Reply::enhanced`](crate::Reply::enhanced) reads the code
    /// of a reply the same way.
    ///
    /// ```
    /// use smtp_codes::EnhancedCode;
    ///
    /// let (code, rest) = EnhancedCode::parse_prefix("5.7.26 Unauthenticated email").unwrap();
    /// assert_eq!((code.subject(), code.detail()), (7, 26));
    /// assert_eq!(rest, " Unauthenticated email");
    /// assert_eq!(EnhancedCode::parse_prefix("4.4.316").map(|(c, _)| c.detail()), Some(316));
    /// assert_eq!(EnhancedCode::parse_prefix("5.1.1; user unknown").map(|(_, r)| r), Some("; user unknown"));
    ///
    /// assert_eq!(EnhancedCode::parse_prefix("5.1.1234 x"), None);
    /// assert_eq!(EnhancedCode::parse_prefix("5.1.1."), None);
    /// assert_eq!(EnhancedCode::parse_prefix("mail.test ESMTP"), None);
    /// ```
    #[must_use]
    pub fn parse_prefix(text: &str) -> Option<(EnhancedCode, &str)> {
        let (code, len) = EnhancedCode::prefix_of(text.as_bytes())?;
        // The code is ASCII, so `len` is a character boundary.
        Some((code, text.get(len..)?))
    }

    /// [`parse_prefix`](Self::parse_prefix) on bytes, which need not be UTF-8 after the code,
    /// with the code's length.
    pub(crate) const fn prefix_of(bytes: &[u8]) -> Option<(EnhancedCode, usize)> {
        // The well-formed forms (`5.7.1`, `5.7.26`, `4.4.316`) are read directly; anything
        // else, and any doubt, goes to the general reader, which gives the same answer.
        if let Some(found) = quick_prefix(bytes) {
            return Some(found);
        }
        EnhancedCode::prefix_of_any(bytes)
    }

    /// [`prefix_of`](Self::prefix_of) for any form of the code.
    const fn prefix_of_any(bytes: &[u8]) -> Option<(EnhancedCode, usize)> {
        let (values, end) = match read_parts(bytes) {
            Ok(read) => read,
            Err(_) => return None,
        };
        if end < bytes.len() {
            let next = bytes[end];
            if next.is_ascii_alphanumeric() || next == b'.' || !next.is_ascii() {
                return None;
            }
        }
        match with_class(values) {
            Some(code) => Some((code, end)),
            None => None,
        }
    }
}

/// `class.subject.detail` at the start of `bytes` when it is well formed (a class digit, then
/// numbers of one to three digits without a leading zero) and ends where a code may end;
/// `None` otherwise, including for codes the general reader would accept.
const fn quick_prefix(bytes: &[u8]) -> Option<(EnhancedCode, usize)> {
    let class = match bytes {
        [c @ b'0'..=b'9', b'.', ..] => *c - b'0',
        _ => return None,
    };
    let (subject, at) = match quick_number(bytes, 2) {
        Some(read) => read,
        None => return None,
    };
    if at >= bytes.len() || bytes[at] != b'.' {
        return None;
    }
    let (detail, end) = match quick_number(bytes, at + 1) {
        Some(read) => read,
        None => return None,
    };
    if end < bytes.len() {
        let next = bytes[end];
        if next.is_ascii_alphanumeric() || next == b'.' || !next.is_ascii() {
            return None;
        }
    }
    match EnhancedCode::new(class, subject, detail) {
        Some(code) => Some((code, end)),
        None => None,
    }
}

/// One to three digits from `at`, without a leading zero unless alone, and where they end.
const fn quick_number(bytes: &[u8], at: usize) -> Option<(u16, usize)> {
    let mut value: u16 = 0;
    let mut end = at;
    while end < bytes.len() && end - at < 4 && bytes[end].is_ascii_digit() {
        value = value * 10 + (bytes[end] - b'0') as u16;
        end += 1;
    }
    let len = end - at;
    if len == 0 || len > 3 || (len > 1 && bytes[at] == b'0') {
        return None;
    }
    Some((value, end))
}

/// Reads the three numbers of `class.subject.detail` at the start of `bytes`, each of 1 to 3
/// digits without a leading zero, and says where the detail's digits end; what follows, and
/// the class, are for the caller to check.
const fn read_parts(bytes: &[u8]) -> Result<([u16; 3], usize), ParseEnhancedCodeError> {
    if bytes.is_empty() {
        return Err(ParseEnhancedCodeError::new(
            ParseEnhancedCodeErrorKind::Empty,
        ));
    }
    read_numbers(bytes, Part::Class, 0)
}

/// [`read_parts`] from the number `first` on, which starts at byte `start`; the numbers
/// before it are left 0. The class-less form `X.1.1` starts at the subject.
const fn read_numbers(
    bytes: &[u8],
    first: Part,
    start: usize,
) -> Result<([u16; 3], usize), ParseEnhancedCodeError> {
    use ParseEnhancedCodeErrorKind as Kind;
    let mut values = [0u16; 3];
    let mut part = first as usize;
    let mut i = start;
    loop {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let len = i - start;
        if len == 0 {
            if i < bytes.len() && bytes[i] != b'.' {
                return Err(not_a_digit(bytes, i));
            }
            return Err(ParseEnhancedCodeError::new(Kind::EmptyPart {
                part: Part::ALL[part],
            }));
        }
        if len > 3 {
            return Err(ParseEnhancedCodeError::new(Kind::TooLarge {
                part: Part::ALL[part],
            }));
        }
        if len > 1 && bytes[start] == b'0' {
            return Err(ParseEnhancedCodeError::new(Kind::LeadingZero {
                part: Part::ALL[part],
            }));
        }
        let mut value = 0u16;
        let mut j = start;
        while j < i {
            value = value * 10 + (bytes[j] - b'0') as u16;
            j += 1;
        }
        values[part] = value;
        if part == 2 {
            return Ok((values, i));
        }
        if i == bytes.len() {
            return Err(ParseEnhancedCodeError::new(Kind::MissingParts {
                found: part + 1,
            }));
        }
        if bytes[i] != b'.' {
            return Err(not_a_digit(bytes, i));
        }
        i += 1;
        part += 1;
    }
}

/// `Ok` when the code read ends at byte `end` of `bytes`, which is the end of the text.
const fn nothing_after(bytes: &[u8], end: usize) -> Result<(), ParseEnhancedCodeError> {
    if end < bytes.len() {
        return Err(if bytes[end] == b'.' {
            ParseEnhancedCodeError::new(ParseEnhancedCodeErrorKind::TooManyParts)
        } else {
            not_a_digit(bytes, end)
        });
    }
    Ok(())
}

/// The code of three numbers read by [`read_parts`], if the class table has its class.
const fn with_class(values: [u16; 3]) -> Option<EnhancedCode> {
    if values[0] > 9 {
        return None;
    }
    EnhancedCode::new(values[0] as u8, values[1], values[2])
}

const fn class_not_x(bytes: &[u8], index: usize) -> ParseEnhancedCodeError {
    ParseEnhancedCodeError::new(ParseEnhancedCodeErrorKind::ClassNotX {
        index,
        found: char_at(bytes, index),
    })
}

const fn not_a_digit(bytes: &[u8], index: usize) -> ParseEnhancedCodeError {
    ParseEnhancedCodeError::new(ParseEnhancedCodeErrorKind::NotADigit {
        index,
        found: char_at(bytes, index),
    })
}

/// The character starting at `index` of valid UTF-8, decoded by hand because this runs in
/// `const` contexts.
const fn char_at(bytes: &[u8], index: usize) -> char {
    let first = bytes[index];
    let (len, mut code) = match first {
        0x00..=0x7f => (1, first as u32),
        0xc0..=0xdf => (2, (first & 0x1f) as u32),
        0xe0..=0xef => (3, (first & 0x0f) as u32),
        _ => (4, (first & 0x07) as u32),
    };
    let mut k = 1;
    while k < len && index + k < bytes.len() {
        code = (code << 6) | (bytes[index + k] & 0x3f) as u32;
        k += 1;
    }
    match char::from_u32(code) {
        Some(c) => c,
        None => char::REPLACEMENT_CHARACTER,
    }
}

/// Writes `class.subject.detail`, such as `5.1.1`.
impl fmt::Display for EnhancedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.class(), self.subject, self.detail)
    }
}

/// Reads `class.subject.detail`: class 2, 4 or 5; subject and detail from 0 to 999 without
/// leading zeros; nothing before or after.
impl FromStr for EnhancedCode {
    type Err = ParseEnhancedCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EnhancedCode::parse(s)
    }
}

impl EnhancedStatus {
    /// Parses a registered code written without its class, `X.subject.detail`, such as `X.1.1`,
    /// in a `const` context; [`FromStr`] does the same, and [`any_class`](Self::any_class)
    /// writes this form.
    ///
    /// The `X` stands where the class would be, as RFC 3463 and the IANA registry write it; a
    /// lower-case `x` is read too, since people type it. Subject and detail are read as
    /// [`EnhancedCode::parse`] reads them. A well-formed code that the registry does not list
    /// is an error of kind [`NotRegistered`](ParseEnhancedCodeErrorKind::NotRegistered), which
    /// keeps its numbers; a class digit in place of the `X` is an error too
    /// ([`ClassNotX`](ParseEnhancedCodeErrorKind::ClassNotX)): use [`EnhancedCode`] for
    /// `5.1.1`.
    ///
    /// ```
    /// use smtp_codes::{EnhancedStatus, ParseEnhancedCodeErrorKind};
    ///
    /// let status = EnhancedStatus::parse("X.1.1")?;
    /// assert_eq!(status.name(), "Bad destination mailbox address");
    /// assert_eq!("x.1.1".parse::<EnhancedStatus>(), Ok(status));
    /// assert_eq!(status.any_class().to_string(), "X.1.1");
    ///
    /// let unregistered = EnhancedStatus::parse("X.1.99").unwrap_err();
    /// assert_eq!(
    ///     unregistered.kind(),
    ///     ParseEnhancedCodeErrorKind::NotRegistered { subject: 1, detail: 99 }
    /// );
    /// assert!(EnhancedStatus::parse("5.1.1").is_err());
    /// # Ok::<(), smtp_codes::ParseEnhancedCodeError>(())
    /// ```
    pub const fn parse(s: &str) -> Result<EnhancedStatus, ParseEnhancedCodeError> {
        use ParseEnhancedCodeErrorKind as Kind;
        let bytes = s.as_bytes();
        match bytes {
            [] => return Err(ParseEnhancedCodeError::new(Kind::Empty)),
            [b'X' | b'x'] => {
                return Err(ParseEnhancedCodeError::new(Kind::MissingParts { found: 1 }));
            }
            [b'X' | b'x', b'.', ..] => {}
            // The `X` alone is the class; `X1` or `5` is neither it nor a number to read on.
            [b'X' | b'x', ..] => return Err(class_not_x(bytes, 1)),
            _ => return Err(class_not_x(bytes, 0)),
        }
        let (values, end) = match read_numbers(bytes, Part::Subject, 2) {
            Ok(read) => read,
            Err(err) => return Err(err),
        };
        if let Err(err) = nothing_after(bytes, end) {
            return Err(err);
        }
        let (subject, detail) = (values[1], values[2]);
        match EnhancedStatus::from_parts(subject, detail) {
            Some(status) => Ok(status),
            None => Err(ParseEnhancedCodeError::new(Kind::NotRegistered {
                subject,
                detail,
            })),
        }
    }

    /// This code as written without a class, `X.subject.detail`, for `{}`: `X.1.1`. The
    /// [`Display`](fmt::Display) of `EnhancedStatus` itself adds the name.
    ///
    /// ```
    /// use smtp_codes::EnhancedStatus;
    ///
    /// let status = EnhancedStatus::from_parts(7, 26).unwrap();
    /// assert_eq!(status.any_class().to_string(), "X.7.26");
    /// assert_eq!(status.to_string(), "X.7.26 Multiple authentication checks failed");
    /// ```
    #[must_use]
    pub const fn any_class(self) -> AnyClass {
        AnyClass(self)
    }

    /// This registered code with a class, such as `5.1.1` from X.1.1 and 5; `None` for a class
    /// other than 2, 4 or 5. [`in_class`](Self::in_class) takes the class table's entry.
    #[must_use]
    pub const fn with_class(self, class: u8) -> Option<EnhancedCode> {
        match EnhancedClass::from_digit(class) {
            Some(class) => Some(self.in_class(class)),
            None => None,
        }
    }

    /// This registered code in a class of the class table, such as `4.7.1` from X.7.1 and
    /// [`EnhancedClass::PersistentTransientFailure`]: always a code, unlike
    /// [`with_class`](Self::with_class), which takes a number.
    ///
    /// ```
    /// use smtp_codes::EnhancedStatus;
    ///
    /// let status = EnhancedStatus::from_parts(7, 1).unwrap();
    /// let codes: Vec<String> = status.classes().iter().map(|&c| status.in_class(c).to_string()).collect();
    /// assert_eq!(codes, ["4.7.1", "5.7.1"]);
    /// ```
    #[must_use]
    pub const fn in_class(self, class: EnhancedClass) -> EnhancedCode {
        // The macro keeps every registered subject and detail within 0..=999, the range of
        // `EnhancedCode::new`.
        EnhancedCode {
            class,
            subject: self.subject(),
            detail: self.detail(),
        }
    }

    /// `true` when the IANA registry means this code for `class` (2, 4 or 5).
    ///
    /// This is the registry's statement, not a rule servers keep: it comes from the registry's
    /// description (such as "useful only as a permanent error") and from the basic codes the
    /// registry pairs with the code, as [`classes`](Self::classes) lists them. Servers do send
    /// codes in other classes. X.1.2 is described as permanent only, yet Postfix refuses an
    /// unknown recipient domain with `450 4.1.2` by default, so `false` here means "outside the
    /// registry's classes", not "cannot occur". Whether a reply's basic code and enhanced code
    /// agree with each other is a separate question, answered by
    /// [`ReplyCode::agrees_with`].
    ///
    /// ```
    /// use smtp_codes::{EnhancedCode, EnhancedStatus, ReplyCode};
    ///
    /// let status = EnhancedStatus::from_parts(1, 2).unwrap(); // X.1.2
    /// assert!(status.is_used_with(5));
    /// assert!(!status.is_used_with(4)); // the registry's view...
    ///
    /// // ...while Postfix's default `450 4.1.2` is still a well-formed, consistent pair.
    /// let code: EnhancedCode = "4.1.2".parse()?;
    /// assert_eq!(code.status(), Some(status));
    /// assert!(ReplyCode::MailboxTemporarilyUnavailable.agrees_with(code));
    /// # Ok::<(), smtp_codes::ParseEnhancedCodeError>(())
    /// ```
    #[must_use]
    pub const fn is_used_with(self, class: u8) -> bool {
        let classes = self.classes();
        let mut i = 0;
        while i < classes.len() {
            if classes[i].digit() == class {
                return true;
            }
            i += 1;
        }
        false
    }
}

/// Writes `X.subject.detail` and the name: `X.1.1 Bad destination mailbox address`.
impl fmt::Display for EnhancedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.any_class(), self.name())
    }
}

/// Reads the class-less form `X.subject.detail` (or `x.subject.detail`) of a registered code,
/// as [`EnhancedStatus::parse`] does.
impl FromStr for EnhancedStatus {
    type Err = ParseEnhancedCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EnhancedStatus::parse(s)
    }
}

/// A registered code written without its class: `X.1.1`. [`EnhancedStatus::any_class`] makes
/// one; it is there to be written with `{}`, and [`EnhancedStatus::parse`] reads it back.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct AnyClass(EnhancedStatus);

impl AnyClass {
    /// The registered code.
    #[must_use]
    pub const fn status(self) -> EnhancedStatus {
        self.0
    }
}

/// Writes `X.subject.detail`, such as `X.1.1`.
impl fmt::Display for AnyClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "X.{}.{}", self.0.subject(), self.0.detail())
    }
}

/// Writes the class's name, such as `Permanent Failure`.
impl fmt::Display for EnhancedClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// Writes the subject's name, such as `Addressing Status`.
impl fmt::Display for EnhancedSubject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl ReplyCode {
    /// `true` when this reply code may carry `enhanced`: the same class (RFC 3463).
    #[must_use]
    pub const fn agrees_with(self, enhanced: EnhancedCode) -> bool {
        enhanced.agrees_with(self.code())
    }
}

/// Which of the three numbers of an enhanced code an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The first number: 2, 4 or 5.
    Class,
    /// The middle number.
    Subject,
    /// The last number.
    Detail,
}

impl Part {
    const ALL: [Part; 3] = [Part::Class, Part::Subject, Part::Detail];

    const fn name(self) -> &'static str {
        match self {
            Part::Class => "class",
            Part::Subject => "subject",
            Part::Detail => "detail",
        }
    }
}

/// Text that is not an [`EnhancedCode`], or for [`EnhancedStatus::parse`] not a registered code
/// written `X.subject.detail`. [`kind`](Self::kind) says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseEnhancedCodeError {
    kind: ParseEnhancedCodeErrorKind,
}

/// Why text is not an [`EnhancedCode`] (or, for [`EnhancedStatus::parse`], not a registered
/// code written without its class).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseEnhancedCodeErrorKind {
    /// The text is empty.
    Empty,
    /// The text ends after `found` of the three numbers, such as `5.1`.
    MissingParts {
        /// How many numbers there were.
        found: usize,
    },
    /// A fourth number follows, such as `5.1.1.1`.
    TooManyParts,
    /// A number is missing between dots, such as `5..1`.
    EmptyPart {
        /// Which number.
        part: Part,
    },
    /// A number has a leading zero, such as `5.01.1`.
    LeadingZero {
        /// Which number.
        part: Part,
    },
    /// A number has more than three digits, such as `5.1000.1`.
    TooLarge {
        /// Which number.
        part: Part,
    },
    /// A character that is neither an ASCII digit nor a dot where one was expected, such as the
    /// trailing space of `"5.1.1 "`.
    NotADigit {
        /// Its byte offset.
        index: usize,
        /// The character.
        found: char,
    },
    /// The class is not 2, 4 or 5, such as `6.1.1`.
    BadClass {
        /// The class found.
        class: u16,
    },
    /// The class-less form ([`EnhancedStatus::parse`]) has something other than a lone `X`
    /// (or `x`) where the class goes, such as the `5` of `5.1.1` or the `1` of `X1.1`.
    ClassNotX {
        /// The byte offset of the character.
        index: usize,
        /// The character.
        found: char,
    },
    /// A well-formed `X.subject.detail` that the IANA registry does not list, such as
    /// `X.1.99` ([`EnhancedStatus::parse`] only: an [`EnhancedCode`] need not be registered).
    NotRegistered {
        /// The subject read.
        subject: u16,
        /// The detail read.
        detail: u16,
    },
}

impl ParseEnhancedCodeError {
    const fn new(kind: ParseEnhancedCodeErrorKind) -> Self {
        ParseEnhancedCodeError { kind }
    }

    /// Why the text is not an enhanced status code.
    #[must_use]
    pub const fn kind(&self) -> ParseEnhancedCodeErrorKind {
        self.kind
    }
}

impl fmt::Display for ParseEnhancedCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ParseEnhancedCodeErrorKind as Kind;
        f.write_str("invalid enhanced status code: ")?;
        match self.kind {
            Kind::Empty => {
                f.write_str("the text is empty; expected class.subject.detail, such as 5.1.1")
            }
            Kind::MissingParts { found } => write!(
                f,
                "found {found} number(s) where three are needed: class.subject.detail, such as 5.1.1"
            ),
            Kind::TooManyParts => {
                f.write_str("more than three numbers; expected class.subject.detail, such as 5.1.1")
            }
            Kind::EmptyPart { part } => write!(f, "the {} number is missing", part.name()),
            Kind::LeadingZero { part } => {
                write!(f, "the {} number has a leading zero", part.name())
            }
            Kind::TooLarge { part } => write!(
                f,
                "the {} number has more than three digits (at most 999)",
                part.name()
            ),
            Kind::NotADigit { index, found } => write!(
                f,
                "unexpected {found:?} at position {} of the enhanced code: expected an ASCII digit or '.'",
                index + 1
            ),
            Kind::BadClass { class } => write!(
                f,
                "class {class} does not exist: the class is 2 (success), 4 (persistent transient failure) or 5 (permanent failure)"
            ),
            Kind::ClassNotX { index, found } => write!(
                f,
                "unexpected {found:?} at position {}: a code written without its class has a lone X in its place, such as X.1.1",
                index + 1
            ),
            Kind::NotRegistered { subject, detail } => write!(
                f,
                "X.{subject}.{detail} is well formed but not in the IANA registry"
            ),
        }
    }
}

impl core::error::Error for ParseEnhancedCodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_read_agrees_with_the_general_one_on_longer_forms() {
        let numbers = [
            "0", "1", "7", "00", "01", "10", "26", "99", "100", "316", "999", "007", "1000",
        ];
        let after: [&[u8]; 6] = [b"", b" x", b"a", b".", b"\xc3", b";"];
        for class in ["2", "4", "5", "3", "x", "22"] {
            for s in numbers {
                for d in numbers {
                    for tail in after {
                        let mut bytes =
                            std::vec::Vec::from(std::format!("{class}.{s}.{d}").as_bytes());
                        bytes.extend_from_slice(tail);
                        assert_eq!(
                            EnhancedCode::prefix_of(&bytes),
                            EnhancedCode::prefix_of_any(&bytes),
                            "{:?}",
                            std::string::String::from_utf8_lossy(&bytes)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_quick_read_of_single_digits_agrees_with_the_general_one() {
        let digits = b"0123456789";
        let after: [&[u8]; 8] = [b"", b" ", b"a", b".", b"0", b"\xc3", b";", b"\t"];
        for &c in digits {
            for &s in digits {
                for &d in digits {
                    for tail in after {
                        let mut bytes = std::vec![c, b'.', s, b'.', d];
                        bytes.extend_from_slice(tail);
                        assert_eq!(
                            EnhancedCode::prefix_of(&bytes),
                            EnhancedCode::prefix_of_any(&bytes),
                            "{bytes:?}"
                        );
                    }
                }
            }
        }
    }
    use std::string::ToString;

    #[test]
    fn good_codes_round_trip() {
        for text in ["2.0.0", "4.7.1", "5.1.1", "5.7.26", "5.999.999", "4.0.0"] {
            let code: EnhancedCode = text.parse().unwrap();
            assert_eq!(code.to_string(), text);
        }
    }

    #[test]
    fn bad_codes_get_the_matching_error() {
        use ParseEnhancedCodeErrorKind as Kind;
        let cases = [
            ("", Kind::Empty),
            ("5.1", Kind::MissingParts { found: 2 }),
            ("5", Kind::MissingParts { found: 1 }),
            ("6.1.1", Kind::BadClass { class: 6 }),
            ("55.1.1", Kind::BadClass { class: 55 }),
            (
                "5.01.1",
                Kind::LeadingZero {
                    part: Part::Subject,
                },
            ),
            ("05.1.1", Kind::LeadingZero { part: Part::Class }),
            ("5.1.1.1", Kind::TooManyParts),
            (
                "5.1000.1",
                Kind::TooLarge {
                    part: Part::Subject,
                },
            ),
            (
                "5..1",
                Kind::EmptyPart {
                    part: Part::Subject,
                },
            ),
            ("5.1.", Kind::EmptyPart { part: Part::Detail }),
            (".1.1", Kind::EmptyPart { part: Part::Class }),
            (
                "5.1.1 ",
                Kind::NotADigit {
                    index: 5,
                    found: ' ',
                },
            ),
            (
                "５.1.1",
                Kind::NotADigit {
                    index: 0,
                    found: '５',
                },
            ),
            (
                "5.x.1",
                Kind::NotADigit {
                    index: 2,
                    found: 'x',
                },
            ),
            (
                "5.1.é",
                Kind::NotADigit {
                    index: 4,
                    found: 'é',
                },
            ),
        ];
        for (text, kind) in cases {
            let err = text.parse::<EnhancedCode>().unwrap_err();
            assert_eq!(err.kind(), kind, "{text:?}");
            assert!(
                err.to_string()
                    .starts_with("invalid enhanced status code: ")
            );
        }
        // Positions in messages count from 1, as ParseReplyCodeError's do.
        let message = "5.x.1".parse::<EnhancedCode>().unwrap_err().to_string();
        assert!(message.contains("'x' at position 3 of"), "{message}");
    }

    #[test]
    fn every_registered_code_round_trips_without_its_class() {
        for &status in EnhancedStatus::ALL {
            let text = status.any_class().to_string();
            assert_eq!(text.parse::<EnhancedStatus>(), Ok(status), "{text}");
            assert_eq!(text.to_ascii_lowercase().parse(), Ok(status), "{text}");
            assert_eq!(status.any_class().status(), status);
            // The same digits as the code with each of its classes.
            for class in status.classes() {
                let code = status.with_class(class.digit()).unwrap().to_string();
                assert_eq!(code[1..], text[1..], "{code} {text}");
            }
        }
    }

    #[test]
    fn in_class_is_with_class_for_every_class_of_the_table() {
        for &status in EnhancedStatus::ALL {
            for &class in EnhancedClass::ALL {
                let code = status.in_class(class);
                assert_eq!(Some(code), status.with_class(class.digit()), "{status:?}");
                assert_eq!(
                    EnhancedCode::new(class.digit(), code.subject(), code.detail()),
                    Some(code)
                );
            }
            assert_eq!(status.with_class(3), None);
        }
    }

    #[test]
    fn bad_class_less_codes_get_the_matching_error() {
        use ParseEnhancedCodeErrorKind as Kind;
        let cases = [
            ("", Kind::Empty),
            ("X", Kind::MissingParts { found: 1 }),
            ("X.1", Kind::MissingParts { found: 2 }),
            (
                "X.",
                Kind::EmptyPart {
                    part: Part::Subject,
                },
            ),
            ("X.1.", Kind::EmptyPart { part: Part::Detail }),
            ("X.1.1.1", Kind::TooManyParts),
            (
                "X.01.1",
                Kind::LeadingZero {
                    part: Part::Subject,
                },
            ),
            ("X.1.1000", Kind::TooLarge { part: Part::Detail }),
            (
                "X.1.1 ",
                Kind::NotADigit {
                    index: 5,
                    found: ' ',
                },
            ),
            (
                "X.y.1",
                Kind::NotADigit {
                    index: 2,
                    found: 'y',
                },
            ),
            (
                "5.1.1",
                Kind::ClassNotX {
                    index: 0,
                    found: '5',
                },
            ),
            (
                "X1.1.1",
                Kind::ClassNotX {
                    index: 1,
                    found: '1',
                },
            ),
            (
                "XX.1.1",
                Kind::ClassNotX {
                    index: 1,
                    found: 'X',
                },
            ),
            (
                "Ⅹ.1.1",
                Kind::ClassNotX {
                    index: 0,
                    found: 'Ⅹ',
                },
            ),
            (
                "X.1.99",
                Kind::NotRegistered {
                    subject: 1,
                    detail: 99,
                },
            ),
            (
                "x.999.999",
                Kind::NotRegistered {
                    subject: 999,
                    detail: 999,
                },
            ),
        ];
        for (text, kind) in cases {
            let err = text.parse::<EnhancedStatus>().unwrap_err();
            assert_eq!(err.kind(), kind, "{text:?}");
            assert!(
                err.to_string()
                    .starts_with("invalid enhanced status code: ")
            );
        }
        let message = "X1.1.1".parse::<EnhancedStatus>().unwrap_err().to_string();
        assert!(message.contains("'1' at position 2"), "{message}");
        let message = "X.1.99".parse::<EnhancedStatus>().unwrap_err().to_string();
        assert!(message.contains("X.1.99 is well formed"), "{message}");
    }

    #[test]
    fn classes_and_subjects_sort_by_their_numbers() {
        // `EnhancedCode`'s order, and the order of anything that holds an entry, is numeric.
        for pair in EnhancedClass::ALL.windows(2) {
            assert!(pair[0] < pair[1] && pair[0].digit() < pair[1].digit());
        }
        for pair in EnhancedSubject::ALL.windows(2) {
            assert!(pair[0] < pair[1] && pair[0].number() < pair[1].number());
        }
    }

    #[test]
    fn new_takes_the_classes_of_the_class_table() {
        for digit in 0..=u8::MAX {
            let code = EnhancedCode::new(digit, 1, 1);
            assert_eq!(
                code.map(EnhancedCode::class_entry),
                EnhancedClass::from_digit(digit),
                "{digit}"
            );
            assert_eq!(code.map(EnhancedCode::class), code.map(|_| digit));
        }
    }

    #[test]
    fn codes_sort_and_show_by_their_numbers() {
        let mut codes: std::vec::Vec<EnhancedCode> = ["5.1.10", "2.0.0", "5.1.2", "4.7.1", "5.1.1"]
            .iter()
            .map(|t| t.parse().unwrap())
            .collect();
        codes.sort();
        let sorted: std::vec::Vec<std::string::String> =
            codes.iter().map(ToString::to_string).collect();
        assert_eq!(sorted, ["2.0.0", "4.7.1", "5.1.1", "5.1.2", "5.1.10"]);
        assert_eq!(
            std::format!("{:?}", codes[1]),
            "EnhancedCode { class: 4, subject: 7, detail: 1 }"
        );
    }

    #[test]
    fn new_checks_the_ranges() {
        assert!(EnhancedCode::new(5, 999, 999).is_some());
        assert!(EnhancedCode::new(3, 1, 1).is_none());
        assert!(EnhancedCode::new(5, 1000, 1).is_none());
        assert!(EnhancedCode::new(5, 1, 1000).is_none());
    }
}
