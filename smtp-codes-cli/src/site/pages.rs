//! The site's pages as HTML, with maud: the layout every page shares, then one function per
//! kind of page. maud escapes every text it is given, so the data's texts (and `<end-of-data>`)
//! reach the page as text, never as markup.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use smtp_codes::{Disposition, EnhancedStatus, Reason, ReplyCode};

use super::paths;
use super::words::Words;
use crate::diagnosis::ReasonCard;
use crate::labels::Label;

/// One page: where it goes inside the language's folder, and its HTML.
pub struct Page {
    pub path: String,
    pub html: String,
}

/// Where a page sits, for its relative links: `up` leads from its folder to the language's
/// folder (`""` or `"../"`).
struct Here<'w> {
    words: &'w Words,
    languages: &'w [Words],
    path: String,
    up: &'static str,
}

impl Here<'_> {
    /// A link to another page of the same language.
    fn to(&self, path: &str) -> String {
        format!("{}{path}", self.up)
    }

    /// A link to the site's shared files.
    fn asset(&self, name: &str) -> String {
        format!("{}../assets/{name}", self.up)
    }
}

fn here<'w>(words: &'w Words, languages: &'w [Words], path: String) -> Here<'w> {
    let up = if path.contains('/') { "../" } else { "" };
    Here {
        words,
        languages,
        path,
        up,
    }
}

/// The frame of every page: head, navigation, language menu, search box, and the body.
fn layout(here: &Here<'_>, title: &str, body: Markup) -> String {
    let w = here.words;
    let page = html! {
        (DOCTYPE)
        html lang=(w.tag()) dir=(w.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (window_title(title)) }
                link rel="stylesheet" href=(here.asset("style.css"));
            }
            body {
                header {
                    nav aria-label=(w.label(Label::Home)) {
                        a.brand href=(here.to("index.html")) { "smtp-codes" }
                        a href=(here.to("index.html#reply-codes")) { (w.label(Label::ReplyCodes)) }
                        a href=(here.to("index.html#enhanced-codes")) { (w.label(Label::EnhancedStatusCodes)) }
                        a href=(here.to("index.html#reasons")) { (w.label(Label::Reasons)) }
                        a href=(here.to("index.html#comparisons")) { (w.label(Label::Compare)) }
                    }
                    form.search role="search" action=(here.to("index.html")) method="get" {
                        label.hidden-label for="q" { (w.label(Label::Search)) }
                        input #q type="search" name="q" dir="auto" autocomplete="off" placeholder="5.7.26, greylist";
                        button type="submit" { (w.label(Label::Search)) }
                    }
                    details.languages {
                        summary { (w.label(Label::Language)) ": " (w.name()) }
                        ul {
                            @for other in here.languages {
                                li {
                                    a href=(format!("{}../{}/{}", here.up, other.tag(), here.path))
                                        lang=(other.tag()) hreflang=(other.tag()) dir=(other.dir()) {
                                        (other.name())
                                    }
                                }
                            }
                        }
                    }
                }
                main { (body) }
                footer { p { code { "smtp-codes site" } } }
                script src=(here.asset("search-index.js")) {}
                script src=(here.asset("search.js")) {}
            }
        }
    };
    page.into_string()
}

/// A page's title for the browser's tab: at most 70 characters, as search engines and
/// validators expect; the page's heading keeps the whole name.
fn window_title(title: &str) -> String {
    const SUFFIX: &str = " · smtp-codes";
    let room = 70 - SUFFIX.chars().count();
    if title.chars().count() <= room {
        return format!("{title}{SUFFIX}");
    }
    let cut: String = title.chars().take(room - 1).collect();
    format!("{}…{SUFFIX}", cut.trim_end())
}

/// The disposition as a word and a class for its colour.
fn disposition(d: Disposition) -> Markup {
    let class = match d {
        Disposition::Success => "success",
        Disposition::Intermediate => "intermediate",
        Disposition::RetryLater => "retry",
        Disposition::GiveUp => "give-up",
    };
    html! { span class=(format!("disposition {class}")) { (d.to_string()) } }
}

fn rfc_links(rfcs: &[u16]) -> Markup {
    html! {
        @for (i, rfc) in rfcs.iter().enumerate() {
            @if i > 0 { ", " }
            a href=(format!("https://www.rfc-editor.org/rfc/rfc{rfc}")) { "RFC " (rfc) }
        }
    }
}

/// A text of the data, whose `code spans` (as the data writes them, between backticks)
/// become `<code>`; everything is escaped.
fn prose(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split('`').enumerate() {
            @if i % 2 == 1 { code { (part) } } @else { (part) }
        }
    }
}

/// What it means, when you see it, how to fix it.
fn three_sections(w: &Words, description: &str, when: Option<&str>, fix: &str) -> Markup {
    html! {
        section {
            h2 { (w.label(Label::WhatItMeans)) }
            p { (prose(description)) }
        }
        @if let Some(when) = when {
            section {
                h2 { (w.label(Label::WhenYouSeeIt)) }
                p { (prose(when)) }
            }
        }
        section {
            h2 { (w.label(Label::HowToFixIt)) }
            p { (prose(fix)) }
        }
    }
}

/// The language's index: every code, enhanced code, reason and comparison, and the search.
pub fn index(words: &Words, languages: &[Words]) -> Page {
    let here = here(words, languages, "index.html".into());
    let w = words;
    let body = html! {
        h1 { (w.label(Label::AllCodes)) }
        p.lead {
            (w.label(Label::ReplyCodes)) ": " (ReplyCode::ALL.len()) " · " (w.label(Label::EnhancedStatusCodes)) ": "
            (EnhancedStatus::ALL.len()) " · " (w.label(Label::Reasons)) ": " (Reason::ALL.len())
        }
        section #results hidden {
            h2 { (w.label(Label::Search)) }
            ol #result-list {}
        }
        section #reply-codes {
            h2 { (w.label(Label::ReplyCodes)) }
            table {
                tbody {
                    @for &code in ReplyCode::ALL {
                        tr {
                            td { a href=(here.to(&paths::code(code))) { (code.code()) } }
                            td { (code.name()) }
                            td.summary { (code.summary().unwrap_or("")) }
                        }
                    }
                }
            }
        }
        section #enhanced-codes {
            h2 { (w.label(Label::EnhancedStatusCodes)) }
            table {
                tbody {
                    @for &status in EnhancedStatus::ALL {
                        tr {
                            td { a href=(here.to(&paths::enhanced(status))) { (paths::any_class(status)) } }
                            td { (status.name()) }
                            td.summary { (status.summary().unwrap_or("")) }
                        }
                    }
                }
            }
        }
        section #reasons {
            h2 { (w.label(Label::Reasons)) }
            table {
                tbody {
                    @for &reason in Reason::ALL {
                        tr {
                            td { a href=(here.to(&paths::reason(reason))) { (reason.token()) } }
                            td { (reason.name()) }
                            td.summary { (reason.summary().unwrap_or("")) }
                        }
                    }
                }
            }
        }
        section #comparisons {
            h2 { (w.label(Label::Compare)) }
            ul.pairs {
                @for (a, b) in paths::related_pairs() {
                    li { a href=(here.to(&paths::pair(a, b))) { (a.code()) " · " (b.code()) } }
                }
            }
        }
    };
    Page {
        html: layout(&here, w.label(Label::AllCodes), body),
        path: here.path,
    }
}

/// A reply code's page.
pub fn code(words: &Words, languages: &[Words], code: ReplyCode) -> Page {
    let here = here(words, languages, paths::code(code));
    let w = words;
    let category = code.category();
    let title = format!("{} {}", code.code(), code.name());
    let body = html! {
        h1 { (title) }
        @if let Some(summary) = code.summary() { p.lead { (summary) } }
        dl {
            dt { (w.label(Label::Category)) }
            dd { (category.digit()) "yz " (w.category_name(category)) }
            dt { (w.label(Label::Client)) }
            dd { (disposition(category.disposition())) }
            @if !code.triggers().is_empty() {
                dt { (w.label(Label::RepliesTo)) }
                dd {
                    @for (i, command) in code.triggers().iter().enumerate() {
                        @if i > 0 { ", " }
                        code { (command.verb()) }
                    }
                }
            }
            @if !code.rfcs().is_empty() {
                dt { (w.label(Label::Rfcs)) }
                dd { (rfc_links(code.rfcs())) }
            }
            dt { (w.label(Label::Reason)) }
            dd { a href=(here.to(&paths::reason(code.reason()))) { (code.reason().token()) } }
        }
        (three_sections(w, code.description(), Some(code.when_seen()), code.remediation()))
        @if !code.enhanced_codes().is_empty() {
            section {
                h2 { (w.label(Label::EnhancedStatusCodes)) }
                ul.codes {
                    @for &status in code.enhanced_codes() {
                        li {
                            a href=(here.to(&paths::enhanced(status))) { (paths::any_class(status)) }
                            " " (status.name()) " · "
                            a href=(here.to(&paths::with_enhanced(code, status))) { (w.label(Label::Compare)) }
                        }
                    }
                }
            }
        }
        @if !code.related().is_empty() {
            section {
                h2 { (w.label(Label::RelatedCodes)) }
                ul.codes {
                    @for &other in code.related() {
                        li {
                            a href=(here.to(&paths::code(other))) { (other.code()) " " (other.name()) }
                            " · "
                            a href=(here.to(&paths::pair(code, other))) { (code.code()) " · " (other.code()) }
                        }
                    }
                }
            }
        }
    };
    Page {
        html: layout(&here, &title, body),
        path: here.path,
    }
}

/// An enhanced code's page, for every class it is used with.
pub fn enhanced(words: &Words, languages: &[Words], status: EnhancedStatus) -> Page {
    let here = here(words, languages, paths::enhanced(status));
    let w = words;
    let title = format!("{} {}", paths::any_class(status), status.name());
    let body = html! {
        h1 { (title) }
        @if let Some(summary) = status.summary() { p.lead { (summary) } }
        dl {
            dt { (w.label(Label::Subject)) }
            dd { "X." (status.subject()) " " (status.subject_entry().name()) }
            dt { (w.label(Label::Classes)) }
            dd {
                @for (i, class) in status.classes().iter().enumerate() {
                    @if i > 0 { ", " }
                    (class.digit()) "." (status.subject()) "." (status.detail()) " "
                    (w.class_name(*class)) " " (disposition(class.disposition()))
                }
            }
            @if !status.rfcs().is_empty() || status.reference().is_some() {
                dt { (w.label(Label::Rfcs)) }
                dd {
                    (rfc_links(status.rfcs()))
                    @if let Some(reference) = status.reference() {
                        @if !status.rfcs().is_empty() { ", " }
                        (reference)
                    }
                }
            }
            dt { (w.label(Label::Reason)) }
            dd { a href=(here.to(&paths::reason(status.reason()))) { (status.reason().token()) } }
        }
        (three_sections(w, status.description(), Some(status.when_seen()), status.remediation()))
        @if !status.basic_codes().is_empty() {
            section {
                h2 { (w.label(Label::ReplyCodes)) }
                ul.codes {
                    @for &code in status.basic_codes() {
                        li {
                            a href=(here.to(&paths::code(code))) { (code.code()) " " (code.name()) }
                            " · "
                            a href=(here.to(&paths::with_enhanced(code, status))) { (w.label(Label::Compare)) }
                        }
                    }
                }
            }
        }
    };
    Page {
        html: layout(&here, &title, body),
        path: here.path,
    }
}

/// A bounce reason's page.
pub fn reason(words: &Words, languages: &[Words], reason: Reason) -> Page {
    let here = here(words, languages, paths::reason(reason));
    let w = words;
    let card = ReasonCard::of(reason);
    let title = format!("{} · {}", reason.token(), reason.name());
    let body = html! {
        h1 { (title) }
        @if let Some(summary) = reason.summary() { p.lead { (summary) } }
        dl {
            dt { (w.label(Label::Client)) }
            dd { (disposition(reason.disposition())) }
            dt { (w.label(Label::Category)) }
            dd { @if reason.is_hard_bounce() { (w.label(Label::HardBounce)) } @else { (w.label(Label::SoftBounce)) } }
        }
        (three_sections(w, reason.description(), None, reason.remediation()))
        @if !card.basic_codes.is_empty() || !card.enhanced_codes.is_empty() {
            section {
                h2 { (w.label(Label::RelatedCodes)) }
                ul.codes {
                    @for code in card.basic_codes.iter().filter_map(|&c| ReplyCode::from_u16(c)) {
                        li { a href=(here.to(&paths::code(code))) { (code.code()) " " (code.name()) } }
                    }
                    @for status in card.enhanced_codes.iter().filter_map(|c| c.parse::<EnhancedStatus>().ok()) {
                        li { a href=(here.to(&paths::enhanced(status))) { (paths::any_class(status)) " " (status.name()) } }
                    }
                }
            }
        }
    };
    Page {
        html: layout(&here, &title, body),
        path: here.path,
    }
}

/// Two related reply codes side by side: what differs, and when each is the right one.
pub fn pair(words: &Words, languages: &[Words], a: ReplyCode, b: ReplyCode) -> Page {
    let here = here(words, languages, paths::pair(a, b));
    let w = words;
    let title = format!("{} {} vs {} {}", a.code(), a.name(), b.code(), b.name());
    let differences = differences(w, a, b);
    let body = html! {
        h1 { (title) }
        section {
            h2 { (w.label(Label::KeyDifferences)) }
            table.compare {
                thead { tr { td {} th scope="col" { (a.code()) } th scope="col" { (b.code()) } } }
                tbody {
                    @for (label, left, right) in &differences {
                        tr { th scope="row" { (label) } td { (left) } td { (right) } }
                    }
                }
            }
        }
        section {
            h2 { (w.label(Label::WhenToUseWhich)) }
            div.sides {
                @for code in [a, b] {
                    article {
                        h3 { a href=(here.to(&paths::code(code))) { (code.code()) " " (code.name()) } }
                        p { (prose(code.when_seen())) }
                    }
                }
            }
        }
        section {
            h2 { (w.label(Label::WhatItMeans)) }
            div.sides {
                @for code in [a, b] {
                    article {
                        h3 { (code.code()) }
                        p { (prose(code.description())) }
                        h4 { (w.label(Label::HowToFixIt)) }
                        p { (prose(code.remediation())) }
                    }
                }
            }
        }
    };
    Page {
        html: layout(&here, &title, body),
        path: here.path,
    }
}

/// The rows of a pair's table of differences: the headings in the page's language, the
/// values from the data (English).
fn differences(w: &Words, a: ReplyCode, b: ReplyCode) -> Vec<(&'static str, String, String)> {
    let verbs = |c: ReplyCode| {
        c.triggers()
            .iter()
            .map(|t| t.verb())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let category = |c: ReplyCode| {
        format!(
            "{}yz {}",
            c.category().digit(),
            w.category_name(c.category())
        )
    };
    let summary = |c: ReplyCode| c.summary().unwrap_or(c.name()).to_owned();
    let fix = |c: ReplyCode| c.quick_fix().unwrap_or("").to_owned();
    let client = |c: ReplyCode| c.category().disposition().to_string();
    // A code no RFC defines says so by citing none.
    let rfcs = |c: ReplyCode| {
        let list: Vec<String> = c.rfcs().iter().map(|r| format!("RFC {r}")).collect();
        if c.is_standard() && !list.is_empty() {
            list.join(", ")
        } else {
            "—".to_owned()
        }
    };
    vec![
        (w.label(Label::Meaning), summary(a), summary(b)),
        (w.label(Label::Category), category(a), category(b)),
        (w.label(Label::Client), client(a), client(b)),
        (w.label(Label::Fix), fix(a), fix(b)),
        (w.label(Label::RepliesTo), verbs(a), verbs(b)),
        (w.label(Label::Standard), rfcs(a), rfcs(b)),
    ]
}

/// A reply code with one of its enhanced codes: what the pair says together.
pub fn with_enhanced(
    words: &Words,
    languages: &[Words],
    code: ReplyCode,
    status: EnhancedStatus,
) -> Page {
    let here = here(words, languages, paths::with_enhanced(code, status));
    let w = words;
    let full = status.with_class(code.category().digit());
    let shown = full.map_or_else(|| paths::any_class(status), |e| e.to_string());
    let title = format!(
        "{} {shown}: {} / {}",
        code.code(),
        code.name(),
        status.name()
    );
    let body = html! {
        h1 { (title) }
        p.lead {
            code { (code.code()) " " (shown) } " "
            (PreEscaped("&mdash;")) " "
            (status.summary().or(code.summary()).unwrap_or(""))
        }
        section {
            h2 { (w.label(Label::KeyDifferences)) }
            div.sides {
                article {
                    h3 { a href=(here.to(&paths::code(code))) { (code.code()) " " (code.name()) } }
                    p { (prose(code.description())) }
                }
                article {
                    h3 { a href=(here.to(&paths::enhanced(status))) { (shown) " " (status.name()) } }
                    p { (prose(status.description())) }
                }
            }
        }
        section {
            h2 { (w.label(Label::WhenToUseWhich)) }
            div.sides {
                article { h3 { (code.code()) } p { (prose(code.when_seen())) } }
                article { h3 { (shown) } p { (prose(status.when_seen())) } }
            }
        }
        section {
            h2 { (w.label(Label::HowToFixIt)) }
            p { (prose(status.remediation())) }
        }
    };
    Page {
        html: layout(&here, &title, body),
        path: here.path,
    }
}

/// The site's front door: the languages, each in its own words.
pub fn languages(languages: &[Words]) -> String {
    html! {
        (DOCTYPE)
        html lang="en" dir="ltr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "smtp-codes" }
                link rel="stylesheet" href="assets/style.css";
            }
            body {
                main {
                    h1 { "smtp-codes" }
                    p.lead { "SMTP reply codes, enhanced status codes and bounce reasons." }
                    ul.languages-list {
                        @for w in languages {
                            li { a href=(format!("{}/index.html", w.tag())) lang=(w.tag()) dir=(w.dir()) { (w.name()) } }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}
