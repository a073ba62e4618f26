//! The coordinator's thresholds: when a group is dormant, when a wait is overdue, how many
//! seats are too many for one person. Each version applies from a date, so a view of the
//! past uses the thresholds then in force.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub type SettingsId = u64;

/// The numbers the rules compare against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// A group that has not met for this many months is dormant.
    pub dormant_after_months: u32,
    /// A submission, or a draft with a fundamental element, waiting longer than this many
    /// days is overdue.
    pub overdue_after_days: u32,
    /// More seats than this is more than one person can hold.
    pub seat_limit: u32,
}

impl Thresholds {
    /// What applies before the coordinator sets anything: six months, ninety days, three seats.
    pub const DEFAULT: Thresholds =
        Thresholds { dormant_after_months: 6, overdue_after_days: 90, seat_limit: 3 };
    /// The bounds the form and import accept.
    pub const MONTHS: (u32, u32) = (1, 60);
    pub const DAYS: (u32, u32) = (1, 3650);
    pub const SEATS: (u32, u32) = (1, 50);

    /// Whether every number is within its bounds.
    pub fn within_bounds(&self) -> bool {
        let within = |v: u32, (lo, hi): (u32, u32)| (lo..=hi).contains(&v);
        within(self.dormant_after_months, Self::MONTHS)
            && within(self.overdue_after_days, Self::DAYS)
            && within(self.seat_limit, Self::SEATS)
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// One version of the thresholds, in force from `effective_from` until the next version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub id: SettingsId,
    pub effective_from: NaiveDate,
    pub thresholds: Thresholds,
    /// Why the coordinator changed them.
    pub note: String,
}

/// The thresholds in force on `date`: the latest version started by then (of two on one day,
/// the later recorded), else the defaults.
pub fn thresholds_on<'a>(settings: impl IntoIterator<Item = &'a Settings>, date: NaiveDate) -> Thresholds {
    settings
        .into_iter()
        .filter(|s| s.effective_from <= date)
        .max_by_key(|s| (s.effective_from, s.id))
        .map_or(Thresholds::DEFAULT, |s| s.thresholds)
}

/// The thresholds over time, sorted, for the rules to look up by date without a map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThresholdHistory(Vec<(NaiveDate, Thresholds)>);

impl ThresholdHistory {
    pub fn new<'a>(settings: impl IntoIterator<Item = &'a Settings>) -> ThresholdHistory {
        let mut v: Vec<(NaiveDate, u64, Thresholds)> =
            settings.into_iter().map(|s| (s.effective_from, s.id, s.thresholds)).collect();
        v.sort_unstable_by_key(|(from, id, _)| (*from, *id));
        ThresholdHistory(v.into_iter().map(|(from, _, t)| (from, t)).collect())
    }

    /// The same answer as [`thresholds_on`].
    pub fn on(&self, date: NaiveDate) -> Thresholds {
        let after = self.0.partition_point(|(from, _)| *from <= date);
        after.checked_sub(1).map_or(Thresholds::DEFAULT, |i| self.0[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn version(id: u64, from: NaiveDate, months: u32) -> Settings {
        Settings {
            id,
            effective_from: from,
            thresholds: Thresholds { dormant_after_months: months, ..Thresholds::DEFAULT },
            note: String::new(),
        }
    }

    /// A view of the past uses the thresholds then in force; before any, the circular's.
    #[test]
    fn the_thresholds_in_force_on_a_date() {
        let settings =
            [version(7, d(2015, 1, 1), 12), version(3, d(2020, 6, 1), 3), version(9, d(2020, 6, 1), 4)];
        let history = ThresholdHistory::new(&settings);
        for (date, months) in [
            (d(2014, 12, 31), 6),
            (d(2015, 1, 1), 12),
            (d(2020, 5, 31), 12),
            (d(2020, 6, 1), 4),
            (d(2030, 1, 1), 4),
        ] {
            assert_eq!(thresholds_on(&settings, date).dormant_after_months, months, "{date}");
            assert_eq!(history.on(date), thresholds_on(&settings, date), "{date}");
        }
        assert_eq!(ThresholdHistory::default().on(d(2020, 1, 1)), Thresholds::DEFAULT);
    }

    #[test]
    fn bounds() {
        assert!(Thresholds::DEFAULT.within_bounds());
        assert!(!Thresholds { seat_limit: 0, ..Thresholds::DEFAULT }.within_bounds());
        assert!(!Thresholds { overdue_after_days: 3651, ..Thresholds::DEFAULT }.within_bounds());
    }
}
