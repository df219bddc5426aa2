//! When a log line was written, from the timestamp that starts it: ISO 8601 and Exim's
//! `2026-11-29 07:48:01` (and RFC 5424's `2026-11-29T07:48:01.123+01:00`), or the traditional
//! syslog form `Nov 29 07:48:01`, which has no year. Times are taken as the log writes them:
//! a zone offset is not applied, so that one log's hours line up whatever wrote them.

/// A calendar day, as days since 1970-01-01, and its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
    pub fn number(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `number` days after 1970-01-01.
    pub fn from_number(number: i64) -> Day {
        let z = number + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Day {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }
}

/// The hour a line was written, as hours since 1970-01-01 00:00 of the log's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    /// The line gives its year.
    Dated(i64),
    /// A syslog line: month, day and hour, without a year.
    Yearless { month: u8, day: u8, hour: u8 },
}

impl Stamp {
    /// The hour, a syslog line's year being the latest that does not put it more than a day
    /// after `reference` (the file's last change): a log is written before it is read.
    pub fn hour(self, reference: Day) -> (i64, Option<i32>) {
        match self {
            Stamp::Dated(hour) => (hour, None),
            Stamp::Yearless { month, day, hour } => {
                let this_year = Day {
                    year: reference.year,
                    month,
                    day,
                };
                let year = if this_year.number() > reference.number() + 1 {
                    reference.year - 1
                } else {
                    reference.year
                };
                let date = Day { year, month, day };
                (date.number() * 24 + i64::from(hour), Some(year))
            }
        }
    }
}

const MONTHS: [&[u8; 3]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// The timestamp at the start of `line`, if it has one of the forms above.
pub fn stamp(line: &[u8]) -> Option<Stamp> {
    iso(line).or_else(|| syslog(line))
}

fn number(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    bytes.iter().try_fold(0u32, |n, &b| {
        n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD` then `T` or a space, then `HH:`.
fn iso(line: &[u8]) -> Option<Stamp> {
    let head = line.get(..14)?;
    if head[4] != b'-' || head[7] != b'-' || !matches!(head[10], b'T' | b' ') || head[13] != b':' {
        return None;
    }
    let year = i32::try_from(number(&head[..4])?).ok()?;
    let month = u8::try_from(number(&head[5..7])?).ok()?;
    let day = u8::try_from(number(&head[8..10])?).ok()?;
    let hour = u8::try_from(number(&head[11..13])?).ok()?;
    let date = valid(year, month, day, hour)?;
    Some(Stamp::Dated(date.number() * 24 + i64::from(hour)))
}

/// `Mmm dd HH:` (the day padded with a space or a zero).
fn syslog(line: &[u8]) -> Option<Stamp> {
    let head = line.get(..10)?;
    let month = MONTHS.iter().position(|m| head[..3] == m[..])?;
    if head[3] != b' ' || head[6] != b' ' || head[9] != b':' {
        return None;
    }
    let day_text = if head[4] == b' ' {
        &head[5..6]
    } else {
        &head[4..6]
    };
    let day = u8::try_from(number(day_text)?).ok()?;
    let hour = u8::try_from(number(&head[7..9])?).ok()?;
    let month = u8::try_from(month + 1).ok()?;
    // Any year with a 29 February will do to check the day.
    valid(2024, month, day, hour)?;
    Some(Stamp::Yearless { month, day, hour })
}

fn valid(year: i32, month: u8, day: u8, hour: u8) -> Option<Day> {
    if !(1..=12).contains(&month) || day == 0 || hour > 23 {
        return None;
    }
    let date = Day { year, month, day };
    // A day past the month's end comes back as another date.
    (Day::from_number(date.number()) == date).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(
            Day {
                year: 1970,
                month: 1,
                day: 1
            }
            .number(),
            0
        );
        assert_eq!(
            Day {
                year: 2000,
                month: 3,
                day: 1
            }
            .number(),
            11_017
        );
        for n in [-800_000, -1, 0, 59, 60, 11_016, 20_000, 2_932_896] {
            assert_eq!(Day::from_number(n).number(), n);
        }
    }

    #[test]
    fn the_three_forms() {
        let exim = stamp(b"2026-11-29 07:48:01 1xXZdh-0001vl-1Z <= alice@mail.test").unwrap();
        let day = Day {
            year: 2026,
            month: 11,
            day: 29,
        }
        .number();
        assert_eq!(exim, Stamp::Dated(day * 24 + 7));
        assert_eq!(
            stamp(b"2026-11-29T07:48:01.5+01:00 mx postfix/smtp[1]: x"),
            Some(exim)
        );
        let postfix = stamp(b"Nov 29 07:47:53 mail postfix/smtpd[7054]: connect").unwrap();
        assert_eq!(
            postfix,
            Stamp::Yearless {
                month: 11,
                day: 29,
                hour: 7
            }
        );
        assert_eq!(
            stamp(b"Nov  2 23:00:00 x"),
            Some(Stamp::Yearless {
                month: 11,
                day: 2,
                hour: 23
            })
        );
        for bad in [
            &b"2026-02-30 07:00:00 x"[..],
            b"2026-13-01 07:00:00",
            b"Nov 31 07:00:00 x",
            b"Foo 29 07:00:00 x",
            b"Nov 29 24:00:00 x",
            b"550 5.1.1 user unknown",
            b"",
        ] {
            assert_eq!(stamp(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn a_syslog_year_is_the_latest_before_the_file_was_written() {
        let reference = Day {
            year: 2027,
            month: 1,
            day: 3,
        };
        let december = Stamp::Yearless {
            month: 12,
            day: 31,
            hour: 23,
        };
        let january = Stamp::Yearless {
            month: 1,
            day: 2,
            hour: 1,
        };
        assert_eq!(december.hour(reference).1, Some(2026));
        assert_eq!(january.hour(reference).1, Some(2027));
        // A day after is still this year: clocks and time zones differ.
        assert_eq!(
            Stamp::Yearless {
                month: 1,
                day: 4,
                hour: 0
            }
            .hour(reference)
            .1,
            Some(2027)
        );
        let feb29 = Stamp::Yearless {
            month: 2,
            day: 29,
            hour: 0,
        };
        assert_eq!(
            feb29
                .hour(Day {
                    year: 2025,
                    month: 6,
                    day: 1
                })
                .1,
            Some(2025)
        );
    }
}
