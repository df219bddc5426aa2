//! What a reply's first digit says about the outcome: predicates and formatting for [`Category`].

use core::fmt;

use crate::Category;

impl Category {
    /// The category of any three-digit code from 200 to 599, whether or not the table knows the
    /// code; `None` for anything else.
    ///
    /// ```
    /// use smtp_codes::Category;
    ///
    /// assert_eq!(Category::from_code(354), Some(Category::PositiveIntermediate));
    /// assert_eq!(Category::from_code(599), Some(Category::PermanentNegative));
    /// assert_eq!(Category::from_code(199), None);
    /// assert_eq!(Category::from_code(2500), None);
    /// ```
    #[must_use]
    pub const fn from_code(code: u16) -> Option<Category> {
        if code < 100 || code > 999 {
            return None;
        }
        Category::from_digit((code / 100) as u8)
    }

    /// `true` for 2yz and 3yz: the command was accepted, completely or so far.
    #[must_use]
    pub const fn is_positive(self) -> bool {
        matches!(
            self,
            Category::PositiveCompletion | Category::PositiveIntermediate
        )
    }

    /// `true` for 3yz: the server waits for more from the client.
    #[must_use]
    pub const fn is_intermediate(self) -> bool {
        matches!(self, Category::PositiveIntermediate)
    }

    /// `true` for 4yz: the command failed, but the same command may succeed later.
    #[must_use]
    pub const fn is_transient(self) -> bool {
        matches!(self, Category::TransientNegative)
    }

    /// `true` for 5yz: the command failed and will fail again unless something changes.
    #[must_use]
    pub const fn is_permanent(self) -> bool {
        matches!(self, Category::PermanentNegative)
    }

    /// `true` for 4yz and 5yz.
    #[must_use]
    pub const fn is_negative(self) -> bool {
        self.is_transient() || self.is_permanent()
    }
}

/// Writes the category's name, such as `Positive Completion`.
impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_one_outcome_per_category() {
        for &category in Category::ALL {
            let outcomes = [
                category == Category::PositiveCompletion,
                category.is_intermediate(),
                category.is_transient(),
                category.is_permanent(),
            ];
            assert_eq!(outcomes.iter().filter(|&&o| o).count(), 1, "{category:?}");
            assert_eq!(category.is_negative(), !category.is_positive());
        }
    }

    #[test]
    fn from_code_uses_the_first_of_three_digits() {
        for code in 0..=1200u16 {
            let expected = match code {
                200..=299 => Some(Category::PositiveCompletion),
                300..=399 => Some(Category::PositiveIntermediate),
                400..=499 => Some(Category::TransientNegative),
                500..=599 => Some(Category::PermanentNegative),
                _ => None,
            };
            assert_eq!(Category::from_code(code), expected, "{code}");
        }
    }
}
