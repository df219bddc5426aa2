//! `scan --html REPORT.html`: the summary as a page of its own (styles and chart inline, no
//! script, no network): replies over time by what a client does about them, as a stacked bar
//! chart drawn in SVG, hour by hour or, past three days, day by day; then the commonest codes,
//! the reasons, and the recipient domains with their worst reply.

use maud::{DOCTYPE, Markup, html};
use smtp_codes::Reason;

use super::clock::Day;
use super::summary::{Summary, Timeline};

/// The disposition columns of the timeline, with their names and colours.
const SERIES: [(&str, &str); 4] = [
    ("success", "#2e8540"),
    ("send more", "#5b7fa6"),
    ("retry later", "#d9931c"),
    ("give up", "#c0392b"),
];

/// How many rows each table shows.
const TOP: usize = 15;

/// The report for `summary` read from `sources`.
pub fn report(summary: &Summary, sources: &[String]) -> String {
    let timeline = summary.timeline();
    html! {
        (DOCTYPE)
        html lang="en" dir="ltr" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "smtp-codes scan report" }
                style { (STYLE) (legend_style()) }
            }
            body {
                main {
                    h1 { "Mail log report" }
                    p.lead {
                        (summary.lines) " lines read from " (sources.join(", ")) "; "
                        (summary.matched) " replies found."
                    }
                    @if let Some(timeline) = timeline { (chart(timeline)) }
                    (codes(summary))
                    (reasons(summary))
                    (domains(summary))
                    footer { p { "Written by " code { "smtp-codes scan --html" } "." } }
                }
            }
        }
    }
    .into_string()
}

const STYLE: &str = "body{margin:0;font-family:system-ui,sans-serif;color:#1d2125;line-height:1.5}\
main{max-width:64rem;margin:0 auto;padding:1rem}h2{border-bottom:1px solid #d8dde2;margin-top:2rem}\
p.lead,p.note{color:#5c646c}table{border-collapse:collapse;width:100%}\
td,th{padding:.3rem .5rem;border-bottom:1px solid #d8dde2;text-align:left;vertical-align:top}\
td.n{text-align:right;font-variant-numeric:tabular-nums}svg{width:100%;height:auto}\
.legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:.8rem;\
height:.8rem;margin-right:.3rem;vertical-align:middle}footer{color:#5c646c;margin-top:2rem}";

/// The legend's colours, from [`SERIES`], as classes (validators refuse inline styles).
fn legend_style() -> String {
    SERIES
        .iter()
        .enumerate()
        .map(|(i, (_, colour))| format!("i.c{i}{{background:{colour}}}"))
        .collect()
}

/// Buckets of the chart: each hour, or each day when the log spans more than three days.
fn buckets(timeline: &Timeline) -> (Vec<(i64, [u64; 4])>, bool) {
    let (Some(&first), Some(&last)) = (timeline.hours.keys().min(), timeline.hours.keys().max())
    else {
        return (Vec::new(), false);
    };
    let daily = last - first > 72;
    let (step, start, end) = if daily {
        (24, first.div_euclid(24) * 24, last.div_euclid(24) * 24)
    } else {
        (1, first, last)
    };
    let mut out = Vec::new();
    let mut at = start;
    while at <= end {
        let mut counts = [0u64; 4];
        for hour in at..at + step {
            if let Some(c) = timeline.hours.get(&hour) {
                for (sum, n) in counts.iter_mut().zip(c) {
                    *sum += n;
                }
            }
        }
        out.push((at, counts));
        at += step;
    }
    (out, daily)
}

fn label(hour: i64, daily: bool) -> String {
    let day = Day::from_number(hour.div_euclid(24));
    if daily {
        format!("{}-{:02}-{:02}", day.year, day.month, day.day)
    } else {
        format!(
            "{}-{:02}-{:02} {:02}:00",
            day.year,
            day.month,
            day.day,
            hour.rem_euclid(24)
        )
    }
}

fn chart(timeline: &Timeline) -> Markup {
    let (bars, daily) = buckets(timeline);
    let (width, height, left, bottom) = (960.0_f64, 320.0_f64, 56.0_f64, 56.0_f64);
    let highest = bars
        .iter()
        .map(|(_, c)| c.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let plot_w = width - left - 8.0;
    let plot_h = height - bottom - 8.0;
    let slot = plot_w / bars.len().max(1) as f64;
    let bar_w = (slot * 0.8).max(1.0);
    // About six labels along the time axis.
    let every = bars.len().div_ceil(6).max(1);
    let unit = if daily { "day" } else { "hour" };
    html! {
        h2 { "Replies over time, by " (unit) }
        @if bars.is_empty() {
            p.note { "No reply line carried a timestamp the report reads." }
        } @else {
            p.legend {
                @for (i, (name, _)) in SERIES.iter().enumerate() { span { i class=(format!("c{i}")) {} (name) } }
            }
            svg viewBox=(format!("0 0 {width} {height}")) role="img"
                aria-label=(format!("Replies per {unit}, stacked by what a client does about them")) {
                line x1=(left) y1=(8) x2=(left) y2=(8.0 + plot_h) stroke="#888" {}
                line x1=(left) y1=(8.0 + plot_h) x2=(width - 8.0) y2=(8.0 + plot_h) stroke="#888" {}
                text x=(left - 6.0) y=(14) text-anchor="end" font-size="12" { (highest) }
                text x=(left - 6.0) y=(8.0 + plot_h) text-anchor="end" font-size="12" { "0" }
                @for (i, (hour, counts)) in bars.iter().enumerate() {
                    @let x = left + slot * i as f64 + (slot - bar_w) / 2.0;
                    @let mut y = 8.0 + plot_h;
                    @for (j, &n) in counts.iter().enumerate() {
                        @if n > 0 {
                            @let h = plot_h * n as f64 / highest as f64;
                            @let top = { y -= h; y };
                            rect x=(format!("{x:.1}")) y=(format!("{top:.1}")) width=(format!("{bar_w:.1}"))
                                height=(format!("{h:.1}")) fill=(SERIES[j].1) {
                                title { (label(*hour, daily)) ": " (n) " " (SERIES[j].0) }
                            }
                        }
                    }
                    @if i % every == 0 {
                        text x=(format!("{:.1}", x + bar_w / 2.0)) y=(height - bottom + 20.0)
                            text-anchor="middle" font-size="11" { (label(*hour, daily)) }
                    }
                }
            }
        }
        @if !timeline.inferred.is_empty() {
            p.note {
                "Syslog lines carry no year: they were taken to be in "
                (timeline.inferred.iter().map(ToString::to_string).collect::<Vec<_>>().join(" and "))
                ", the latest year that puts each line no later than a day after its file was last changed."
            }
        }
        @if timeline.undated > 0 {
            p.note { (timeline.undated) " replies had no timestamp the report reads and are not in the chart." }
        }
        p.note { "Times are as the log writes them; a time zone offset, where a line has one, is not applied." }
    }
}

fn codes(summary: &Summary) -> Markup {
    let entries = summary.entries();
    html! {
        h2 { "Replies, worst first" }
        table {
            thead { tr { th { "Reply" } th { "Count" } th { "What a client does" } th { "Meaning" } } }
            tbody {
                @for (key, tally) in entries.iter().take(TOP) {
                    tr {
                        td { code { (key.label()) } }
                        td.n { (tally.count) }
                        td { (key.disposition().map_or("-".to_owned(), |d| d.to_string())) }
                        td { (key.meaning()) }
                    }
                }
            }
        }
        @if entries.len() > TOP { p.note { (entries.len() - TOP) " more kinds of reply are not shown." } }
    }
}

fn reasons(summary: &Summary) -> Markup {
    let reasons = summary.reasons();
    html! {
        h2 { "Bounce reasons" }
        table {
            thead { tr { th { "Reason" } th { "Lines" } th { "Hard bounces" } th { "Name" } } }
            tbody {
                @for (reason, tally) in reasons.iter().filter(|(r, _)| !matches!(r, Reason::Delivered)).take(TOP) {
                    tr {
                        td { code { (reason.token()) } }
                        td.n { (tally.count) }
                        td.n { (tally.hard) }
                        td { (reason.name()) }
                    }
                }
            }
        }
    }
}

fn domains(summary: &Summary) -> Markup {
    let mut domains = summary.domains();
    domains.retain(|(domain, _)| domain.is_some());
    domains.sort_by(|a, b| {
        b.1.failed
            .cmp(&a.1.failed)
            .then(b.1.count.cmp(&a.1.count))
            .then(a.0.cmp(&b.0))
    });
    html! {
        h2 { "Recipient domains, most failures first" }
        @if domains.is_empty() {
            p.note { "No reply line named a recipient." }
        } @else {
            table {
                thead { tr { th { "Domain" } th { "Lines" } th { "Failed" } th { "Hard" } th { "Worst reply" } th { "Reasons" } } }
                tbody {
                    @for (domain, tally) in domains.iter().take(TOP) {
                        tr {
                            td { (String::from_utf8_lossy(domain.unwrap_or_default())) }
                            td.n { (tally.count) }
                            td.n { (tally.failed) }
                            td.n { (tally.hard) }
                            td { @if let Some(worst) = tally.worst { code { (worst.label()) } } }
                            td {
                                (tally.reasons().iter().take(3).map(|(r, n)| format!("{} {n}", r.token())).collect::<Vec<_>>().join(", "))
                            }
                        }
                    }
                }
            }
        }
    }
}
