/**

# Categories

| Digit | Category | Codes in the table |
|---|---|---|
| 2yz | [`PositiveCompletion`](Category::PositiveCompletion): Positive | 1 |
| 5yz | [`PermanentNegative`](Category::PermanentNegative): Permanent | 1 |
*/
#[repr(u8)]
pub enum Category {
    /**# 2yz Positive

Done.*/
    PositiveCompletion = 2,
    /**# 5yz Permanent

Refused.*/
    PermanentNegative = 5,
}
impl Category {
    ///Every category, ascending by digit.
    pub const ALL: &'static [Category] = &[
        Category::PositiveCompletion,
        Category::PermanentNegative,
    ];
    ///The category whose replies start with `digit`, or `None` if there is none.
    #[must_use]
    pub const fn from_digit(digit: u8) -> ::core::option::Option<Category> {
        match digit {
            2 => ::core::option::Option::Some(Category::PositiveCompletion),
            5 => ::core::option::Option::Some(Category::PermanentNegative),
            _ => ::core::option::Option::None,
        }
    }
    ///The first digit shared by every reply code in this category.
    #[must_use]
    pub const fn digit(self) -> u8 {
        self as u8
    }
    ///The category's name, such as `"Positive Completion"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Category::PositiveCompletion => "Positive",
            Category::PermanentNegative => "Permanent",
        }
    }
    ///What a reply in this category tells the client.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            Category::PositiveCompletion => "Done.",
            Category::PermanentNegative => "Refused.",
        }
    }
}
/**

# Commands

| Verb | Name | Replies in the table |
|---|---|---|
| [`RCPT`](Command::Rcpt) | Recipient | [550](ReplyCode::Refused) |
*/
pub enum Command {
    /**# `RCPT`: Recipient

Adds a recipient.

**Replies in the table:** [550](ReplyCode::Refused)

**RFCs:** [RFC 5321](https://www.rfc-editor.org/rfc/rfc5321)*/
    Rcpt,
}
impl Command {
    /// Every command, in the order a session usually meets them.
    pub const ALL: &'static [Command] = &[Command::Rcpt];
    /**The verb as sent on the wire, such as `"EHLO"`. For the events that are not
commands (the connection greeting, the end of the message data) a label in angle
brackets.*/
    #[must_use]
    pub const fn verb(self) -> &'static str {
        match self {
            Command::Rcpt => "RCPT",
        }
    }
    ///The command's name, such as `"Extended Hello"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Command::Rcpt => "Recipient",
        }
    }
    ///What the command asks the server to do.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            Command::Rcpt => "Adds a recipient.",
        }
    }
    /**`true` for events the server answers that a client does not send as a command:
the connection greeting and the end of the message data.*/
    #[must_use]
    pub const fn is_pseudo(self) -> bool {
        match self {
            Command::Rcpt => false,
        }
    }
    ///The RFCs that define the command.
    #[must_use]
    pub const fn rfcs(self) -> &'static [u16] {
        match self {
            Command::Rcpt => &[5321],
        }
    }
    ///The reply codes a server may send after this command, ascending.
    #[must_use]
    pub const fn replies(self) -> &'static [ReplyCode] {
        match self {
            Command::Rcpt => &[ReplyCode::Refused],
        }
    }
}
/**

# All codes

| Code | Name | Category | Standard |
|---|---|---|---|
| [250](ReplyCode::Ok) | OK | Positive | no |
| [550](ReplyCode::Refused) | Refused &lt;x&gt; | Permanent | yes |
*/
#[repr(u16)]
pub enum ReplyCode {
    /**# 250 OK

Yes.

**When you see it:** At RCPT.

**What to do:** Nothing.

| Property | Value |
|---|---|
| Category | [`PositiveCompletion`](Category::PositiveCompletion): 2yz, Positive |
| Sent after | no particular command |
| Enhanced codes | none registered |
| Standard | **no**: not defined by any RFC |
| RFCs | none |
*/
    Ok = 250,
    /**# 550 Refused &lt;x&gt;

No.

**When you see it:** At RCPT.

**What to do:** Fix it.

| Property | Value |
|---|---|
| Category | [`PermanentNegative`](Category::PermanentNegative): 5yz, Permanent |
| Sent after | [`RCPT`](Command::Rcpt) |
| Enhanced codes | none registered |
| Standard | yes |
| RFCs | [RFC 5321](https://www.rfc-editor.org/rfc/rfc5321) |
*/
    Refused = 550,
}
impl ReplyCode {
    /// Every reply code in the table, ascending by number.
    pub const ALL: &'static [ReplyCode] = &[ReplyCode::Ok, ReplyCode::Refused];
    /// The reply code with this number, or `None` when the table has no such code.
    ///
    /// A well-formed code that is not in the table still has a category:
    #[doc = concat!(" see [`", stringify!(Category), "::from_code`].")]
    #[must_use]
    #[inline]
    pub const fn from_u16(code: u16) -> ::core::option::Option<ReplyCode> {
        const TABLE: [::core::option::Option<ReplyCode>; 400] = {
            let mut table = [const { ::core::option::Option::None }; 400];
            table[50] = ::core::option::Option::Some(ReplyCode::Ok);
            table[350] = ::core::option::Option::Some(ReplyCode::Refused);
            table
        };
        if code >= 200 && code < 600 {
            TABLE[(code - 200) as usize]
        } else {
            ::core::option::Option::None
        }
    }
    /// The three-digit number, such as `250`.
    #[must_use]
    pub const fn code(self) -> u16 {
        self as u16
    }
    ///The short name (the usual reason phrase), such as `"OK"` for 250.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            ReplyCode::Ok => "OK",
            ReplyCode::Refused => "Refused <x>",
        }
    }
    ///What the code means.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            ReplyCode::Ok => "Yes.",
            ReplyCode::Refused => "No.",
        }
    }
    ///The situation in which servers send it.
    #[must_use]
    pub const fn when_seen(self) -> &'static str {
        match self {
            ReplyCode::Ok => "At RCPT.",
            ReplyCode::Refused => "At RCPT.",
        }
    }
    ///What the client, sender or operator should do about it.
    #[must_use]
    pub const fn remediation(self) -> &'static str {
        match self {
            ReplyCode::Ok => "Nothing.",
            ReplyCode::Refused => "Fix it.",
        }
    }
    /**A few words on what it means, for one line of output (`--short` in the CLI), when the data
gives them.*/
    #[must_use]
    pub const fn summary(self) -> ::core::option::Option<&'static str> {
        match self {
            ReplyCode::Ok => ::core::option::Option::None,
            ReplyCode::Refused => ::core::option::Option::None,
        }
    }
    ///A few words on what to do, for one line of output, when the data gives them.
    #[must_use]
    pub const fn quick_fix(self) -> ::core::option::Option<&'static str> {
        match self {
            ReplyCode::Ok => ::core::option::Option::None,
            ReplyCode::Refused => ::core::option::Option::None,
        }
    }
    ///The category, chosen by the first digit.
    #[must_use]
    pub const fn category(self) -> Category {
        match self {
            ReplyCode::Ok => Category::PositiveCompletion,
            ReplyCode::Refused => Category::PermanentNegative,
        }
    }
    /**The codes people confuse with this one, ascending: compare them before choosing
(`214` and `250`, `450` and `550`).*/
    #[must_use]
    pub const fn related(self) -> &'static [ReplyCode] {
        match self {
            ReplyCode::Ok => &[],
            ReplyCode::Refused => &[],
        }
    }
    ///The commands (and session events) after which a server sends this code.
    #[must_use]
    pub const fn triggers(self) -> &'static [Command] {
        match self {
            ReplyCode::Ok => &[],
            ReplyCode::Refused => &[Command::Rcpt],
        }
    }
    ///`true` when an RFC defines the code; `false` for codes that only some servers use.
    #[must_use]
    pub const fn is_standard(self) -> bool {
        match self {
            ReplyCode::Ok => false,
            ReplyCode::Refused => true,
        }
    }
    ///The RFCs that define or use the code.
    #[must_use]
    pub const fn rfcs(self) -> &'static [u16] {
        match self {
            ReplyCode::Ok => &[],
            ReplyCode::Refused => &[5321],
        }
    }
    /**The registered enhanced status codes the registry associates with this reply code,
ascending by subject and detail.*/
    #[must_use]
    pub const fn enhanced_codes(self) -> &'static [EnhancedStatus] {
        match self {
            ReplyCode::Ok => &[],
            ReplyCode::Refused => &[],
        }
    }
}
/**

# Classes

| Class | Name | Registered codes used with it |
|---|---|---|
| 2.X.X | [`Success`](EnhancedClass::Success): Success | 1 |
*/
#[repr(u8)]
pub enum EnhancedClass {
    /**# 2.X.X Success

It worked.*/
    Success = 2,
}
impl EnhancedClass {
    ///Every class, ascending.
    pub const ALL: &'static [EnhancedClass] = &[EnhancedClass::Success];
    ///The class with this number, or `None` if there is none.
    #[must_use]
    pub const fn from_digit(digit: u8) -> ::core::option::Option<EnhancedClass> {
        match digit {
            2 => ::core::option::Option::Some(EnhancedClass::Success),
            _ => ::core::option::Option::None,
        }
    }
    ///The class number: the first part of an enhanced status code.
    #[must_use]
    pub const fn digit(self) -> u8 {
        self as u8
    }
    ///The class's name, such as `"Permanent Failure"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            EnhancedClass::Success => "Success",
        }
    }
    ///What a code of this class reports.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            EnhancedClass::Success => "It worked.",
        }
    }
}
/**

# Subjects

| Subject | Name | Registered codes |
|---|---|---|
| X.0.X | [`Other`](EnhancedSubject::Other): Other or Undefined Status | 1 |
*/
#[repr(u16)]
pub enum EnhancedSubject {
    /**# X.0.X Other or Undefined Status

Nothing more specific.

**Registered codes:** [X.0.0](EnhancedStatus::OtherUndefinedStatus)*/
    Other = 0,
}
impl EnhancedSubject {
    ///Every subject, ascending.
    pub const ALL: &'static [EnhancedSubject] = &[EnhancedSubject::Other];
    ///The subject with this number, or `None` if the table has none.
    #[must_use]
    pub const fn from_number(number: u16) -> ::core::option::Option<EnhancedSubject> {
        match number {
            0 => ::core::option::Option::Some(EnhancedSubject::Other),
            _ => ::core::option::Option::None,
        }
    }
    ///The subject number: the second part of an enhanced status code.
    #[must_use]
    pub const fn number(self) -> u16 {
        self as u16
    }
    ///The subject's name, such as `"Addressing Status"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            EnhancedSubject::Other => "Other or Undefined Status",
        }
    }
    ///What the codes of this subject report on.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            EnhancedSubject::Other => "Nothing more specific.",
        }
    }
}
/**

# Registered codes

| Code | Name | Classes | Basic codes |
|---|---|---|---|
| [X.0.0](EnhancedStatus::OtherUndefinedStatus) | Other undefined Status | 2 | none given |
*/
pub enum EnhancedStatus {
    /**# X.0.0 Other undefined Status

Only the class is known.

**When you see it:** Anywhere.

**What to do:** Read the text.

| Property | Value |
|---|---|
| Subject | [`Other`](EnhancedSubject::Other): X.0.X, Other or Undefined Status |
| Classes | [2](EnhancedClass::Success) (Success) |
| Basic codes | none given |
| References | [RFC 3463](https://www.rfc-editor.org/rfc/rfc3463) |
*/
    OtherUndefinedStatus,
}
impl EnhancedStatus {
    /// Every registered code, ascending by subject, then detail.
    pub const ALL: &'static [EnhancedStatus] = &[EnhancedStatus::OtherUndefinedStatus];
    /// The registered code with this subject and detail, or `None`.
    #[must_use]
    pub const fn from_parts(
        subject: u16,
        detail: u16,
    ) -> ::core::option::Option<EnhancedStatus> {
        match (subject, detail) {
            (0, 0) => ::core::option::Option::Some(EnhancedStatus::OtherUndefinedStatus),
            _ => ::core::option::Option::None,
        }
    }
    ///The subject number: the middle part, `1` in X.1.1.
    #[must_use]
    pub const fn subject(self) -> u16 {
        match self {
            EnhancedStatus::OtherUndefinedStatus => 0,
        }
    }
    ///The detail number: the last part, `1` in X.1.1.
    #[must_use]
    pub const fn detail(self) -> u16 {
        match self {
            EnhancedStatus::OtherUndefinedStatus => 0,
        }
    }
    ///The subject's entry in the subject table.
    #[must_use]
    pub const fn subject_entry(self) -> EnhancedSubject {
        match self {
            EnhancedStatus::OtherUndefinedStatus => EnhancedSubject::Other,
        }
    }
    ///The short name (the registry's summary), such as `"Bad destination mailbox address"`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            EnhancedStatus::OtherUndefinedStatus => "Other undefined Status",
        }
    }
    ///What the code means.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            EnhancedStatus::OtherUndefinedStatus => "Only the class is known.",
        }
    }
    ///The situations in which servers send it.
    #[must_use]
    pub const fn when_seen(self) -> &'static str {
        match self {
            EnhancedStatus::OtherUndefinedStatus => "Anywhere.",
        }
    }
    ///What the sender or operator should do about it.
    #[must_use]
    pub const fn remediation(self) -> &'static str {
        match self {
            EnhancedStatus::OtherUndefinedStatus => "Read the text.",
        }
    }
    /**A few words on what it means, for one line of output (`--short` in the CLI), when the data
gives them.*/
    #[must_use]
    pub const fn summary(self) -> ::core::option::Option<&'static str> {
        match self {
            EnhancedStatus::OtherUndefinedStatus => ::core::option::Option::None,
        }
    }
    ///A few words on what to do, for one line of output, when the data gives them.
    #[must_use]
    pub const fn quick_fix(self) -> ::core::option::Option<&'static str> {
        match self {
            EnhancedStatus::OtherUndefinedStatus => ::core::option::Option::None,
        }
    }
    ///The classes the IANA registry means the code for, ascending: the registry's statement, not a rule servers keep (see [`is_used_with`](Self::is_used_with)).
    #[must_use]
    pub const fn classes(self) -> &'static [EnhancedClass] {
        match self {
            EnhancedStatus::OtherUndefinedStatus => &[EnhancedClass::Success],
        }
    }
    ///The basic reply codes the registry associates with the code, ascending.
    #[must_use]
    pub const fn basic_codes(self) -> &'static [ReplyCode] {
        match self {
            EnhancedStatus::OtherUndefinedStatus => &[],
        }
    }
    /// The associated basic reply codes whose first digit is `class`, ascending.
    #[must_use]
    pub const fn basic_codes_in_class(self, class: u8) -> &'static [ReplyCode] {
        match (self, class) {
            _ => &[],
        }
    }
    ///The RFCs that define or registered the code.
    #[must_use]
    pub const fn rfcs(self) -> &'static [u16] {
        match self {
            EnhancedStatus::OtherUndefinedStatus => &[3463],
        }
    }
    ///The registry's reference when it is not an RFC, such as an Internet-Draft.
    #[must_use]
    pub const fn reference(self) -> ::core::option::Option<&'static str> {
        match self {
            EnhancedStatus::OtherUndefinedStatus => ::core::option::Option::None,
        }
    }
}
