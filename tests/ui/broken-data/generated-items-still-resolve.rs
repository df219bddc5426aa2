// When the data is broken, only the data's errors are reported: the enums are still generated from
// the rows that can be, with every accessor, so code that uses them does not fail as well.
// Here 650 (bad variant), the second 250 (a duplicate) and X.1.1 (no subject 1) are left out;
// the empty description and the unknown trigger do not keep their rows from being generated.
#![allow(dead_code)]

smtp_codes_derive::codes! {
    toml = r#"
[[category]]
digit = 2
variant = "PositiveCompletion"
name = "Positive Completion"
description = ""

[[category]]
digit = 5
variant = "PermanentNegative"
name = "Permanent Negative Completion"
description = "The server refused."

[[command]]
verb = "NOOP"
variant = "Noop"
name = "No Operation"
description = "Asks for a 250 reply."
rfcs = [5321]

[[reply]]
code = 250
variant = "Ok"
name = "OK"
description = "The command succeeded."
when = "After NOOP."
remediation = "Nothing to do."
triggers = ["NOOP"]
standard = true
rfcs = [5321]

[[reply]]
code = 650
variant = "fn"
name = "Six"
description = "Refused."
when = "After NOOP."
remediation = "Change something."
triggers = ["NOOP"]
standard = true
rfcs = [5321]

[[reply]]
code = 250
variant = "Ok"
name = "Fine"
description = "Again."
when = "After NOOP."
remediation = "Nothing to do."
triggers = ["NOOP"]
standard = true
rfcs = [5321]

[[reply]]
code = 550
variant = "Refused"
name = "Refused"
description = "Refused."
when = "After HELO."
remediation = "Change something."
triggers = ["HELO"]
standard = true
rfcs = [5321]

[[enhanced_class]]
class = 2
variant = "Success"
name = "Success"
description = "It worked."

[[enhanced_class]]
class = 5
variant = "PermanentFailure"
name = "Permanent Failure"
description = "It will not work."

[[enhanced_subject]]
subject = 0
variant = "Other"
name = "Other or Undefined Status"
description = "Nothing more specific."

[[enhanced]]
code = "X.0.0"
variant = "OtherUndefinedStatus"
name = "Other undefined Status"
description = "Only the class is known."
when = "Anywhere."
remediation = "Read the text."
classes = [2, 5]
basic = [250, 550]
rfcs = [3463]

[[enhanced]]
code = "X.1.1"
variant = "BadDestinationMailboxAddress"
name = "Bad destination mailbox address"
description = "No such mailbox."
when = "After RCPT."
remediation = "Check the address."
classes = [5]
basic = [550]
rfcs = [3463]
"#;
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Category {}
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Command {}
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ReplyCode {}
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum EnhancedClass {}
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum EnhancedSubject {}
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum EnhancedStatus {}
}

fn main() {
    let all: &[ReplyCode] = ReplyCode::ALL;
    let ok = ReplyCode::Ok;
    let _: u16 = ok.code();
    let _: Option<ReplyCode> = ReplyCode::from_u16(550);
    let _: Category = ReplyCode::Refused.category();
    let _: &[Command] = ok.triggers();
    let _: &str = ok.when_seen();
    let _: &str = Category::PositiveCompletion.description();
    let _: Option<Category> = Category::from_digit(2);
    let _: &[ReplyCode] = Command::Noop.replies();
    let _: Option<EnhancedStatus> = EnhancedStatus::from_parts(0, 0);
    let _: &[ReplyCode] = EnhancedStatus::OtherUndefinedStatus.basic_codes_in_class(5);
    let _: &[EnhancedStatus] = ok.enhanced_codes();
    let _: u8 = EnhancedClass::PermanentFailure.digit();
    let _: u16 = EnhancedSubject::Other.number();
    assert_eq!(all.len(), 2);
}
