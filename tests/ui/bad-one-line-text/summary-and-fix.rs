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
description = "The server refused."
when = "After NOOP."
remediation = "Change something."
summary = "refused; for good."
quick_fix = "change something, on one line\nor two"
triggers = ["NOOP"]
standard = true
rfcs = [5321]

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
