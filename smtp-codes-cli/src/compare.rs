//! Two codes side by side (`compare`): what they share, how they differ, and when each is seen.

use std::fmt::Display;

use serde::Serialize;
use smtp_codes::{Context, Disposition};

use crate::card::{self, BasicCard, Card, EnhancedCard};
use crate::diagnosis::Diagnoser;
use crate::failure::Failure;
use crate::labels::Label;
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

/// What two codes share and where they differ, in the order found.
#[derive(Debug, Default)]
struct Findings {
    shared: Vec<String>,
    differences: Vec<String>,
}

impl Findings {
    /// What a client does after each of the codes `a` and `b`.
    fn dispositions(
        &mut self,
        (a, x): (&dyn Display, Disposition),
        (b, y): (&dyn Display, Disposition),
    ) {
        if x == y {
            self.shared
                .push(format!("a client does the same after either: {x}"));
        } else {
            self.differences.push(format!(
                "what a client does: after {a}, {x}; after {b}, {y}"
            ));
        }
    }

    /// The items both codes' lists hold (`"{both} {items}"`), and those only one holds
    /// (`"only {code} {only} {items}"`).
    fn lists<T: PartialEq + Clone + ToString>(
        &mut self,
        both: &str,
        only: &str,
        (a, xs): (&dyn Display, &[T]),
        (b, ys): (&dyn Display, &[T]),
    ) {
        let (common, only_a) = split(xs, ys);
        let (_, only_b) = split(ys, xs);
        if !common.is_empty() {
            self.shared.push(format!("{both} {}", join(&common)));
        }
        for (code, items) in [(a, only_a), (b, only_b)] {
            if !items.is_empty() {
                self.differences
                    .push(format!("only {code} {only} {}", join(&items)));
            }
        }
    }
}

fn compare_basic(a: BasicCard, b: BasicCard) -> Comparison {
    let mut found = Findings::default();
    let same_category = a.category == b.category;
    if same_category {
        found.shared.push(format!(
            "both are {}yz {}",
            a.category.digit, a.category.name
        ));
    } else {
        found.differences.push(format!(
            "{} is {}yz {}, {} is {}yz {}",
            a.code, a.category.digit, a.category.name, b.code, b.category.digit, b.category.name
        ));
    }
    found.dispositions((&a.code, a.disposition), (&b.code, b.disposition));
    if a.standard != b.standard {
        let (std, other) = if a.standard {
            (a.code, b.code)
        } else {
            (b.code, a.code)
        };
        found.differences.push(format!(
            "{std} is in RFC 5321's list, {other} is not (some servers send it)"
        ));
    }
    found.lists(
        "both answer",
        "answers",
        (&a.code, &a.triggers),
        (&b.code, &b.triggers),
    );
    let (common_rfcs, _) = split(&a.rfcs, &b.rfcs);
    if !common_rfcs.is_empty() {
        let rfcs: Vec<String> = common_rfcs.iter().map(|r| format!("RFC {r}")).collect();
        found
            .shared
            .push(format!("both are defined in {}", rfcs.join(", ")));
    }
    Comparison {
        kind: "reply_codes",
        a: Card::ReplyCode(a),
        b: Card::ReplyCode(b),
        same_category,
        shared: found.shared,
        differences: found.differences,
    }
}

fn compare_enhanced(a: EnhancedCard, b: EnhancedCard) -> Comparison {
    let mut found = Findings::default();
    let same_category = a.class == b.class;
    match (&a.class, &b.class) {
        (Some(x), Some(y)) if x == y => found
            .shared
            .push(format!("both are class {} {}", x.digit, x.name)),
        (Some(x), Some(y)) => found.differences.push(format!(
            "{} is class {} {}, {} is class {} {}",
            a.code, x.digit, x.name, b.code, y.digit, y.name
        )),
        _ => {}
    }
    if a.subject == b.subject {
        found.shared.push(format!(
            "both are about X.{}.z {}",
            a.subject.number, a.subject.name
        ));
    } else {
        found.differences.push(format!(
            "{} is about {} (X.{}.z), {} about {} (X.{}.z)",
            a.code, a.subject.name, a.subject.number, b.code, b.subject.name, b.subject.number
        ));
    }
    if let (Some(x), Some(y)) = (a.disposition, b.disposition) {
        found.dispositions((&a.code, x), (&b.code, y));
    }
    found.lists(
        "both go with basic code",
        "goes with",
        (&a.code, &a.basic_codes),
        (&b.code, &b.basic_codes),
    );
    Comparison {
        kind: "enhanced_codes",
        a: Card::EnhancedCode(a),
        b: Card::EnhancedCode(b),
        same_category,
        shared: found.shared,
        differences: found.differences,
    }
}

impl Comparison {
    pub fn of(a: &Query, b: &Query) -> Result<Comparison, UsageError> {
        let basic = |q: &Query| match q {
            Query::Basic(code) => Some(card::basic(*code)),
            Query::Line(line) => line.reply_code.map(card::basic),
            _ => None,
        };
        let enhanced = |q: &Query| match Card::of(q, &Diagnoser::default(), &Context::new()) {
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
        let vs = style.label(Label::Vs);
        let mut out = style.bold(&format!("{}  {vs}  {}", a.title, b.title));
        out.push('\n');
        for item in &self.shared {
            out += &style.heading(Label::Shared, item);
        }
        for item in &self.differences {
            out += &style.heading(Label::Differs, item);
        }
        if self.differences.is_empty() {
            out += &style.heading(Label::Differs, "only in meaning; see below");
        }
        for side in [a, b] {
            out.push('\n');
            out += &style.bold(&side.title);
            out.push('\n');
            out += &style.heading(Label::Meaning, side.description);
            out += &style.heading(Label::When, side.when);
            out += &style.heading(Label::Fix, side.remediation);
        }
        out
    }
}
