// Reasons: a token that is not lower case, a disposition the library lacks, a reply naming an
// unknown reason, and an enhanced code naming none.
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
reason = "delivered"

[[reply]]
code = 550
variant = "Refused"
name = "Refused"
description = "Refused."
when = "After NOOP."
remediation = "Change something."
triggers = ["NOOP"]
standard = true
rfcs = [5321]
reason = "nosuchreason"

[[enhanced_class]]
class = 2
variant = "Success"
name = "Success"
description = "It worked."

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
classes = [2]
basic = []
rfcs = [3463]

[[reason]]
token = "userunknown"
variant = "UserUnknown"
name = "Unknown user"
description = "The mailbox does not exist."
remediation = "Remove the address."
hard_bounce = true
disposition = "give-up"

[[reason]]
token = "Delivered"
variant = "Delivered"
name = "Delivered"
description = "It worked."
remediation = "Nothing."
hard_bounce = false
disposition = "success"

[[reason]]
token = "onhold"
variant = "OnHold"
name = "On hold"
description = "Too little is known."
remediation = "Wait."
hard_bounce = false
disposition = "later"
"#;
    pub enum Category {}
    pub enum Command {}
    #[derive(Clone, Copy)]
    pub enum ReplyCode {}
    pub enum EnhancedClass {}
    pub enum EnhancedSubject {}
    pub enum EnhancedStatus {}
    pub enum Reason {}
}

pub enum Disposition { Success, Intermediate, RetryLater, GiveUp }

fn main() {}
