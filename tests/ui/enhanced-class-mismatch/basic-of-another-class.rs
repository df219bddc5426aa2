// A basic code whose class the entry does not list.
#![allow(dead_code)]

smtp_codes_derive::codes! {
    toml = r#"
[[category]]
digit = 2
variant = "PositiveCompletion"
name = "Positive Completion"
description = "The server did what was asked."

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
code = 550
variant = "Refused"
name = "Refused"
description = "Refused."
when = "At RCPT."
remediation = "Change something."
triggers = []
standard = true
rfcs = [5321]

[[enhanced_class]]
class = 5
variant = "PermanentFailure"
name = "Permanent Failure"
description = "Will not work."

[[enhanced_subject]]
subject = 1
variant = "Addressing"
name = "Addressing Status"
description = "About addresses."

[[enhanced]]
code = "X.1.1"
variant = "BadDestinationMailbox"
name = "Bad destination mailbox address"
description = "No such mailbox."
when = "At RCPT."
remediation = "Fix the address."
classes = [5]
basic = [550, 250]
rfcs = [3463]
"#;
    pub enum Category {}
    pub enum Command {}
    #[derive(Clone, Copy)]
    pub enum ReplyCode {}
    pub enum EnhancedClass {}
    pub enum EnhancedSubject {}
    pub enum EnhancedStatus {}
}

fn main() {}
