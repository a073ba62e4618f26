//! Dates as coordinators type them: `dd/mm/yyyy` (the Belgian way) or ISO `yyyy-mm-dd`.

use chrono::{Months, NaiveDate};

/// Parses `dd/mm/yyyy`, `d/m/yyyy`, `dd.mm.yyyy`, `dd-mm-yyyy` or ISO `yyyy-mm-dd`.
/// Impossible dates such as 31/02/2025 are refused, not rolled over.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_any_year(text).filter(|d| super::admission::date_in_range(*d))
}

/// [`parse_date`] for any year chrono knows (year 0000 included).
fn parse_any_year(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() > 10 {
        return None;
    }
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(d);
    }
    for fmt in ["%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(text, fmt) {
            // chrono accepts two-digit years with %Y; a coordinator who types 1/2/25 means 2025,
            // but guessing is worse than asking, so a year must have four digits.
            if text.rsplit(['/', '.', '-']).next().is_some_and(|y| y.len() == 4) {
                return Some(d);
            }
        }
    }
    None
}

/// Why a text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not written as a date at all.
    Malformed,
    /// Written right, but no such day: 31/02/2025 (February 2025 has 28 days).
    NoSuchDay { year: i32, month: u32, days: u32 },
    /// A real day, in a year outside those the app knows (see `admission::FIRST_YEAR`).
    YearOutOfRange,
}

/// Like [`parse_date`], saying why a text is not a date.
pub fn check_date(text: &str) -> Result<NaiveDate, DateProblem> {
    if let Some(d) = parse_any_year(text) {
        return if super::admission::date_in_range(d) { Ok(d) } else { Err(DateProblem::YearOutOfRange) };
    }
    let text = text.trim();
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let numbers = |p: &[&str]| -> Option<(u32, u32, i32)> {
        let all_digits = p.iter().all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
        if !all_digits || text.len() > 10 {
            return None;
        }
        match p {
            [y, m, d] if y.len() == 4 => Some((d.parse().ok()?, m.parse().ok()?, y.parse().ok()?)),
            [d, m, y] if y.len() == 4 && d.len() <= 2 => {
                Some((d.parse().ok()?, m.parse().ok()?, y.parse().ok()?))
            }
            _ => None,
        }
    };
    match numbers(&parts) {
        Some((day, month, year)) if (1..=12).contains(&month) && day >= 1 => {
            let days = days_in_month(year, month).ok_or(DateProblem::Malformed)?;
            if day > days {
                Err(DateProblem::NoSuchDay { year, month, days })
            } else {
                Err(DateProblem::Malformed)
            }
        }
        _ => Err(DateProblem::Malformed),
    }
}

/// How many days a month has (28 or 29 for February, by the year).
pub fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = first.checked_add_months(Months::new(1))?;
    u32::try_from((next - first).num_days()).ok()
}

/// A stored UTC stamp (RFC 3339) as the user reads it: local date and time, `dd/mm/yyyy HH:MM`.
/// A stamp that does not parse is shown as it is.
pub fn local_stamp(utc: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(utc) {
        Ok(t) => t.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M").to_string(),
        Err(_) => utc.to_string(),
    }
}

/// A stored UTC stamp as the same instant in local time, still RFC 3339 (`log`'s lines are read
/// by people and by programs): `2026-11-23T23:30:00Z` is `2026-11-24T00:30:00+01:00` in Brussels.
pub fn local_rfc3339(utc: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(utc) {
        Ok(t) => t.with_timezone(&chrono::Local).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        Err(_) => utc.to_string(),
    }
}

/// The local date of a stored UTC stamp: a change at 00:30 in Brussels is on that day, not on
/// the UTC day before.
pub fn local_day(utc: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(utc).ok().map(|t| t.with_timezone(&chrono::Local).date_naive())
}

/// The Belgian way of writing a date, used in forms and CSV exports for spreadsheets.
pub fn format_be(date: NaiveDate) -> String {
    BeDate(date).to_string()
}

/// A date written the Belgian way (see [`format_be`]), into whatever is being written.
pub struct BeDate(pub NaiveDate);

impl std::fmt::Display for BeDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use chrono::Datelike;
        // Written out rather than through `format("%d/%m/%Y")`, which reads its pattern again
        // for every date: thousands of dates are written after each change.
        let date = self.0;
        match date.year() {
            year @ 0..=9999 => write!(f, "{:02}/{:02}/{year:04}", date.day(), date.month()),
            _ => write!(f, "{}", date.format("%d/%m/%Y")),
        }
    }
}

/// The day six months before `date` (end-of-month clamped: 31 August gives 29 February in a leap year).
pub fn months_before(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months)).unwrap_or(NaiveDate::MIN)
}

/// Whole days from `from` to `to`; zero when `to` is earlier.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days().max(0)
}

/// First of January of a year, for reference data that only knows the year.
pub fn year_start(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_well_written_date_that_does_not_exist_says_why() {
        assert_eq!(check_date("31/02/2025"), Err(DateProblem::NoSuchDay { year: 2025, month: 2, days: 28 }));
        assert_eq!(check_date("29/02/2024").map(|d| d.to_string()), Ok("2024-02-29".into()));
        assert_eq!(check_date("2025-04-31"), Err(DateProblem::NoSuchDay { year: 2025, month: 4, days: 30 }));
        assert_eq!(check_date("31/13/2025"), Err(DateProblem::Malformed));
        assert_eq!(check_date("tomorrow"), Err(DateProblem::Malformed));
        assert_eq!(check_date("25/11/20262"), Err(DateProblem::Malformed));
    }

    #[test]
    fn belgian_dates_are_written_as_chrono_would() {
        let mut d = NaiveDate::from_ymd_opt(1899, 12, 25).unwrap();
        while d < NaiveDate::from_ymd_opt(2101, 1, 1).unwrap() {
            assert_eq!(format_be(d), d.format("%d/%m/%Y").to_string());
            d += chrono::Duration::days(13);
        }
        for d in [NaiveDate::from_ymd_opt(7, 3, 1).unwrap(), NaiveDate::from_ymd_opt(12345, 1, 2).unwrap()] {
            assert_eq!(format_be(d), d.format("%d/%m/%Y").to_string());
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_belgian_and_iso_dates() {
        assert_eq!(parse_date("18/07/2006"), Some(d(2006, 7, 18)));
        assert_eq!(parse_date("1/2/2025"), Some(d(2025, 2, 1)));
        assert_eq!(parse_date("18.07.2006"), Some(d(2006, 7, 18)));
        assert_eq!(parse_date(" 2006-07-18 "), Some(d(2006, 7, 18)));
        assert_eq!(parse_date("29/02/2024"), Some(d(2024, 2, 29)));
    }

    #[test]
    fn refuses_impossible_or_ambiguous_dates() {
        assert_eq!(parse_date("31/02/2025"), None);
        assert_eq!(parse_date("29/02/2025"), None);
        assert_eq!(parse_date("1/2/25"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("tomorrow"), None);
        assert_eq!(parse_date(&"1".repeat(10_000)), None);
    }

    #[test]
    fn six_months_before_a_month_end_clamps() {
        assert_eq!(months_before(d(2024, 8, 31), 6), d(2024, 2, 29));
        assert_eq!(months_before(d(2025, 8, 31), 6), d(2025, 2, 28));
        assert_eq!(months_before(d(2025, 7, 1), 6), d(2025, 1, 1));
    }

    #[test]
    fn days_between_never_negative() {
        assert_eq!(days_between(d(2024, 2, 28), d(2024, 3, 1)), 2);
        assert_eq!(days_between(d(2024, 3, 1), d(2024, 2, 28)), 0);
    }
}
