//! The names of the associated items the generator emits on each enum. A variant may not take
//! one of them: `ReplyCode::ALL` would then name the variant and no longer the list. `validate`
//! refuses such variants and `expand` emits the items; a unit test in `expand` checks each list
//! against the generated code, so an accessor added to the generator must be added here.

pub const CATEGORY: &[&str] = &["ALL", "from_digit", "digit", "name", "description"];
pub const COMMAND: &[&str] = &[
    "ALL",
    "verb",
    "name",
    "description",
    "is_pseudo",
    "rfcs",
    "replies",
];
pub const REPLY: &[&str] = &[
    "ALL",
    "from_u16",
    "code",
    "name",
    "description",
    "when_seen",
    "remediation",
    "category",
    "triggers",
    "is_standard",
    "rfcs",
    "enhanced_codes",
];
pub const CLASS: &[&str] = &["ALL", "from_digit", "digit", "name", "description"];
pub const SUBJECT: &[&str] = &["ALL", "from_number", "number", "name", "description"];
pub const ENHANCED: &[&str] = &[
    "ALL",
    "from_parts",
    "subject",
    "detail",
    "subject_entry",
    "name",
    "description",
    "when_seen",
    "remediation",
    "classes",
    "basic_codes",
    "basic_codes_in_class",
    "rfcs",
    "reference",
];
