//! What a client does about a reply: [`Disposition`].

use crate::{Category, EnhancedClass, EnhancedCode};

/// What a client should do after a reply.
///
/// # The rule
///
/// 1. The basic code's first digit decides: 2yz is [`Success`](Self::Success), 3yz
///    [`Intermediate`](Self::Intermediate) (send what the server asked for), 4yz
///    [`RetryLater`](Self::RetryLater) and 5yz [`GiveUp`](Self::GiveUp).
/// 2. One exception comes from the enhanced code: a 552 with X.5.3 (too many recipients) is
///    [`RetryLater`](Self::RetryLater). RFC 5321 section 4.5.3.1.10 asks clients to treat that
///    old use of 552 as temporary: send the remaining recipients in another transaction.
/// 3. An enhanced code whose class differs from the basic code's first digit breaks RFC 3463 and
///    is ignored: the basic code is what RFC 5321 tells clients to act on.
///
/// ```
/// use smtp_codes::{Disposition, Reply};
///
/// let decide = |wire: &[u8]| Reply::parse(wire).unwrap().0.disposition();
/// assert_eq!(decide(b"250 2.0.0 Ok: queued as 4F2\r\n"), Disposition::Success);
/// assert_eq!(decide(b"354 End data with <CR><LF>.<CR><LF>\r\n"), Disposition::Intermediate);
/// assert_eq!(decide(b"451 4.7.1 Greylisted, try again later\r\n"), Disposition::RetryLater);
/// assert_eq!(decide(b"550 5.1.1 User unknown\r\n"), Disposition::GiveUp);
/// assert_eq!(decide(b"552 5.5.3 Too many recipients\r\n"), Disposition::RetryLater);
/// assert_eq!(decide(b"550 4.7.1 contradictory\r\n"), Disposition::GiveUp);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Disposition {
    /// The command succeeded; go on.
    Success,
    /// The server waits for more: the message text after DATA, the next AUTH step.
    Intermediate,
    /// A temporary failure: keep the message and try again later.
    RetryLater,
    /// A permanent failure: do not retry unchanged; bounce or fix the cause.
    GiveUp,
}

impl Disposition {
    /// Applies the rule to a basic code and, when the reply has one, its enhanced code. `None`
    /// for a number that is not a reply code (not from 200 to 599).
    ///
    /// For a typed value no `Option` is needed: [`Category::disposition`] for a basic code
    /// alone, [`EnhancedClass::disposition`] for an enhanced code alone.
    #[must_use]
    pub fn of(basic: u16, enhanced: Option<EnhancedCode>) -> Option<Disposition> {
        Category::from_code(basic).map(|category| Disposition::decide(category, basic, enhanced))
    }

    pub(crate) fn decide(category: Category, basic: u16, enhanced: Option<EnhancedCode>) -> Self {
        // Rule 3: an enhanced code of another class says nothing we can trust.
        let enhanced = enhanced.filter(|e| e.agrees_with(basic));
        // Rule 2: only a 5yz 552 carries a class-5 X.5.3 that agrees with it.
        let too_many_recipients = enhanced.is_some_and(|e| e.subject() == 5 && e.detail() == 3);
        if basic == 552 && too_many_recipients {
            Disposition::RetryLater
        } else {
            category.disposition()
        }
    }

    /// `true` for [`RetryLater`](Self::RetryLater) and [`GiveUp`](Self::GiveUp).
    #[must_use]
    pub const fn is_failure(self) -> bool {
        matches!(self, Disposition::RetryLater | Disposition::GiveUp)
    }
}

impl Category {
    /// What a client does after a reply of this category when nothing else is known: rule 1
    /// of [`Disposition`]. A reply's own [`disposition`](crate::Reply::disposition) also
    /// weighs its enhanced code.
    ///
    /// ```
    /// use smtp_codes::{Disposition, ReplyCode};
    ///
    /// assert_eq!(ReplyCode::MailboxUnavailable.category().disposition(), Disposition::GiveUp);
    /// assert_eq!(ReplyCode::StartMailInput.category().disposition(), Disposition::Intermediate);
    /// ```
    #[must_use]
    pub const fn disposition(self) -> Disposition {
        match self {
            Category::PositiveCompletion => Disposition::Success,
            Category::PositiveIntermediate => Disposition::Intermediate,
            Category::TransientNegative => Disposition::RetryLater,
            Category::PermanentNegative => Disposition::GiveUp,
        }
    }
}

impl EnhancedClass {
    /// What a client does after an enhanced code of this class seen without its basic code,
    /// such as Postfix's `dsn=4.4.1` or a delivery report's `Status:` field: the class says it
    /// as the basic code's first digit would (RFC 3463 requires the two to match). Success for
    /// 2, retry later for 4 (persistent transient failure), give up for 5.
    ///
    /// ```
    /// use smtp_codes::{Disposition, EnhancedCode};
    ///
    /// let code: EnhancedCode = "4.4.1".parse()?;
    /// assert_eq!(code.class_entry().disposition(), Disposition::RetryLater);
    /// # Ok::<(), smtp_codes::ParseEnhancedCodeError>(())
    /// ```
    #[must_use]
    pub const fn disposition(self) -> Disposition {
        // Every class of the table, named: a class added to `codes.toml` must say here what a
        // client does about it.
        match self {
            EnhancedClass::Success => Disposition::Success,
            EnhancedClass::PersistentTransientFailure => Disposition::RetryLater,
            EnhancedClass::PermanentFailure => Disposition::GiveUp,
        }
    }
}

impl core::fmt::Display for Disposition {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(match self {
            Disposition::Success => "success",
            Disposition::Intermediate => "intermediate: send more",
            Disposition::RetryLater => "retry later",
            Disposition::GiveUp => "give up",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_decides_as_the_first_digit_it_must_match() {
        // RFC 3463: the class equals the basic code's first digit, so a class alone decides as
        // a basic code of that digit without an enhanced code does.
        for &class in EnhancedClass::ALL {
            let basic = u16::from(class.digit()) * 100;
            assert_eq!(
                Some(class.disposition()),
                Disposition::of(basic, None),
                "{class:?}"
            );
        }
    }

    #[test]
    fn a_category_decides_as_its_codes_do_alone() {
        for code in 200..=599u16 {
            let category = Category::from_code(code).unwrap();
            assert_eq!(
                Disposition::of(code, None),
                Some(category.disposition()),
                "{code}"
            );
        }
    }
}
