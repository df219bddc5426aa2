//! Two codes side by side (`compare`): what they share, how they differ, and when each is seen.

use serde::Serialize;

use crate::card::{self, BasicCard, Card, EnhancedCard};
use crate::failure::Failure;
use crate::output::{Style, print, print_json};
use crate::query::{Query, UsageError};

/// Runs `compare` on the two codes given.
pub fn run(a: &str, b: &str, json: bool, style: &Style) -> Result<(), Failure> {
    let a = Query::parse(a).map_err(Failure::Query)?;
    let b = Query::parse(b).map_err(Failure::Query)?;
    let comparison = Comparison::of(&a, &b).map_err(Failure::Usage)?;
    if json {
        print_json(&comparison)
    } else {
        print(&comparison.render(style))
    }
}

/// A comparison of two basic codes or two enhanced codes.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// `reply_codes` or `enhanced_codes`.
    pub kind: &'static str,
    pub a: Card,
    pub b: Card,
    pub same_category: bool,
    pub shared: Vec<String>,
    pub differences: Vec<String>,
}

/// The items of `a` that are in `b`, and those that are not.
fn split<T: PartialEq + Clone>(a: &[T], b: &[T]) -> (Vec<T>, Vec<T>) {
    a.iter().cloned().partition(|x| b.contains(x))
}

fn join<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn compare_basic(a: BasicCard, b: BasicCard) -> Comparison {
    let mut shared = Vec::new();
    let mut differences = Vec::new();
    let same_category = a.category == b.category;
    if same_category {
        shared.push(format!(
            "both are {}yz {}",
            a.category.digit, a.category.name
        ));
    } else {
        differences.push(format!(
            "{} is {}yz {}, {} is {}yz {}",
            a.code, a.category.digit, a.category.name, b.code, b.category.digit, b.category.name
        ));
    }
    if a.disposition == b.disposition {
        shared.push(format!(
            "a client does the same after either: {}",
            a.disposition
        ));
    } else {
        differences.push(format!(
            "what a client does: after {}, {}; after {}, {}",
            a.code, a.disposition, b.code, b.disposition
        ));
    }
    if a.standard != b.standard {
        let (std, other) = if a.standard {
            (a.code, b.code)
        } else {
            (b.code, a.code)
        };
        differences.push(format!(
            "{std} is in RFC 5321's list, {other} is not (some servers send it)"
        ));
    }
    let (common, only_a) = split(&a.triggers, &b.triggers);
    let (_, only_b) = split(&b.triggers, &a.triggers);
    if !common.is_empty() {
        shared.push(format!("both answer {}", join(&common)));
    }
    if !only_a.is_empty() {
        differences.push(format!("only {} answers {}", a.code, join(&only_a)));
    }
    if !only_b.is_empty() {
        differences.push(format!("only {} answers {}", b.code, join(&only_b)));
    }
    let (common_rfcs, _) = split(&a.rfcs, &b.rfcs);
    if !common_rfcs.is_empty() {
        let rfcs: Vec<String> = common_rfcs.iter().map(|r| format!("RFC {r}")).collect();
        shared.push(format!("both are defined in {}", rfcs.join(", ")));
    }
    Comparison {
        kind: "reply_codes",
        a: Card::ReplyCode(a),
        b: Card::ReplyCode(b),
        same_category,
        shared,
        differences,
    }
}

fn compare_enhanced(a: EnhancedCard, b: EnhancedCard) -> Comparison {
    let mut shared = Vec::new();
    let mut differences = Vec::new();
    let same_category = a.class == b.class;
    match (&a.class, &b.class) {
        (Some(x), Some(y)) if x == y => {
            shared.push(format!("both are class {} {}", x.digit, x.name))
        }
        (Some(x), Some(y)) => differences.push(format!(
            "{} is class {} {}, {} is class {} {}",
            a.code, x.digit, x.name, b.code, y.digit, y.name
        )),
        _ => {}
    }
    if a.subject == b.subject {
        shared.push(format!(
            "both are about X.{}.z {}",
            a.subject.number, a.subject.name
        ));
    } else {
        differences.push(format!(
            "{} is about {} (X.{}.z), {} about {} (X.{}.z)",
            a.code, a.subject.name, a.subject.number, b.code, b.subject.name, b.subject.number
        ));
    }
    if let (Some(x), Some(y)) = (a.disposition, b.disposition) {
        if x == y {
            shared.push(format!("a client does the same after either: {}", x));
        } else {
            differences.push(format!(
                "what a client does: after {}, {}; after {}, {}",
                a.code, x, b.code, y
            ));
        }
    }
    let (common, only_a) = split(&a.basic_codes, &b.basic_codes);
    let (_, only_b) = split(&b.basic_codes, &a.basic_codes);
    if !common.is_empty() {
        shared.push(format!("both go with basic code {}", join(&common)));
    }
    if !only_a.is_empty() {
        differences.push(format!("only {} goes with {}", a.code, join(&only_a)));
    }
    if !only_b.is_empty() {
        differences.push(format!("only {} goes with {}", b.code, join(&only_b)));
    }
    Comparison {
        kind: "enhanced_codes",
        a: Card::EnhancedCode(a),
        b: Card::EnhancedCode(b),
        same_category,
        shared,
        differences,
    }
}

impl Comparison {
    pub fn of(a: &Query, b: &Query) -> Result<Comparison, UsageError> {
        let basic = |q: &Query| match q {
            Query::Basic(code) => Some(card::basic(*code)),
            Query::Line(line) => line.reply_code.map(card::basic),
            _ => None,
        };
        let enhanced = |q: &Query| match Card::of(q) {
            Card::EnhancedCode(card) => Some(card),
            _ => None,
        };
        if let (Some(x), Some(y)) = (basic(a), basic(b)) {
            return Ok(compare_basic(x, y));
        }
        if let (Some(x), Some(y)) = (enhanced(a), enhanced(b)) {
            return Ok(compare_enhanced(x, y));
        }
        Err(UsageError {
            option: None,
            input: Some(format!("{} {}", a.label(), b.label())),
            problem: "compare takes two basic codes (such as 214 250) or two enhanced codes \
                      (such as 5.1.1 5.7.1)"
                .into(),
        })
    }

    pub fn render(&self, style: &Style) -> String {
        let (a, b) = (self.a.headline(), self.b.headline());
        let mut out = style.bold(&format!("{}  vs  {}", a.title, b.title));
        out.push('\n');
        for item in &self.shared {
            out += &style.field("Shared", item);
        }
        for item in &self.differences {
            out += &style.field("Differs", item);
        }
        if self.differences.is_empty() {
            out += &style.field("Differs", "only in meaning; see below");
        }
        for side in [a, b] {
            out.push('\n');
            out += &style.bold(&side.title);
            out.push('\n');
            out += &style.field("Meaning", side.description);
            out += &style.field("When", side.when);
            out += &style.field("Fix", side.remediation);
        }
        out
    }
}
