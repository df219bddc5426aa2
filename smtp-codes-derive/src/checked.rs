//! What validation hands expansion: the rows that can be generated, in the order they are, each
//! holding references to the rows it names.
//!
//! Every reference points at a row that is itself in the checked model, so expansion follows
//! references and never looks a row up by position.

use crate::model::{CommandRow, EnhancedRow, NumberedRow, ReasonRow, ReplyRow};

/// The checked data. With problems in the data it holds the rows that can still be generated.
#[derive(Debug, Default)]
pub struct Checked<'a> {
    /// Ascending by digit.
    pub categories: Vec<&'a NumberedRow>,
    /// In file order, the order a session usually meets them.
    pub commands: Vec<Command<'a>>,
    /// Ascending by code.
    pub replies: Vec<Reply<'a>>,
    /// Ascending by class.
    pub classes: Vec<&'a NumberedRow>,
    /// Ascending by subject.
    pub subjects: Vec<&'a NumberedRow>,
    /// Ascending by subject, then detail.
    pub enhanced: Vec<Enhanced<'a>>,
    /// In file order.
    pub reasons: Vec<Reason<'a>>,
}

/// A `[[reason]]` row.
#[derive(Debug)]
pub struct Reason<'a> {
    pub row: &'a ReasonRow,
    /// The `Disposition` variant its `disposition` names.
    pub disposition: &'static str,
}

/// A `[[command]]` row.
#[derive(Debug)]
pub struct Command<'a> {
    pub row: &'a CommandRow,
    /// The RFC numbers, each from 1 to 65535.
    pub rfcs: Vec<u16>,
}

/// A `[[reply]]` row with the category and the commands it names.
#[derive(Debug)]
pub struct Reply<'a> {
    pub row: &'a ReplyRow,
    /// The code, from 200 to 599.
    pub code: u16,
    pub category: &'a NumberedRow,
    /// In the order the row lists them.
    pub triggers: Vec<&'a CommandRow>,
    pub rfcs: Vec<u16>,
    /// The default reason, when the data has reasons.
    pub reason: Option<&'a ReasonRow>,
    /// The codes it is related to, either row naming the other, ascending.
    pub related: Vec<u16>,
}

/// An `[[enhanced]]` row with the subject, classes and basic codes it names.
#[derive(Debug)]
pub struct Enhanced<'a> {
    pub row: &'a EnhancedRow,
    /// The middle and last numbers of `X.<subject>.<detail>`.
    pub subject: u16,
    pub detail: u16,
    pub subject_row: &'a NumberedRow,
    /// Ascending by class.
    pub classes: Vec<&'a NumberedRow>,
    /// Ascending by code.
    pub basic: Vec<&'a ReplyRow>,
    pub rfcs: Vec<u16>,
    /// The default reason of a failure with this code, when the data has reasons.
    pub reason: Option<&'a ReasonRow>,
}

impl<'a> Checked<'a> {
    /// The replies that name `command` among their triggers, ascending by code.
    pub fn answers(&self, command: &CommandRow) -> impl Iterator<Item = &Reply<'a>> {
        self.replies
            .iter()
            .filter(move |r| r.triggers.iter().any(|&c| std::ptr::eq(c, command)))
    }

    /// The replies in `category`.
    pub fn in_category(&self, category: &NumberedRow) -> impl Iterator<Item = &Reply<'a>> {
        self.replies
            .iter()
            .filter(move |r| std::ptr::eq(r.category, category))
    }

    /// The registered codes that list `reply` among their basic codes, ascending.
    pub fn enhanced_for(&self, reply: &ReplyRow) -> impl Iterator<Item = &Enhanced<'a>> {
        self.enhanced
            .iter()
            .filter(move |e| e.basic.iter().any(|&b| std::ptr::eq(b, reply)))
    }

    /// The registered codes used with `class`.
    pub fn with_class(&self, class: &NumberedRow) -> impl Iterator<Item = &Enhanced<'a>> {
        self.enhanced
            .iter()
            .filter(move |e| e.classes.iter().any(|&c| std::ptr::eq(c, class)))
    }

    /// The registered codes of `subject`, ascending.
    pub fn of_subject(&self, subject: &NumberedRow) -> impl Iterator<Item = &Enhanced<'a>> {
        self.enhanced
            .iter()
            .filter(move |e| std::ptr::eq(e.subject_row, subject))
    }
}
