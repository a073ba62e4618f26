use chrono::NaiveDate;

use super::Index;
use crate::domain::date::months_before;
use crate::domain::group::Group;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Activity {
    /// The establishment has no group on that date.
    NoGroup,
    /// No meeting within the dormancy period (or never, for a group older than that).
    Dormant { last: Option<NaiveDate> },
    /// Met within the dormancy period, or created less long ago.
    Active { last: Option<NaiveDate> },
}

impl Activity {
    pub fn is_dormant(&self) -> bool {
        matches!(self, Activity::Dormant { .. })
    }
    pub fn last_meeting(&self) -> Option<NaiveDate> {
        match self {
            Activity::NoGroup => None,
            Activity::Dormant { last } | Activity::Active { last } => *last,
        }
    }
    pub fn code(&self) -> &'static str {
        match self {
            Activity::NoGroup => "none",
            Activity::Dormant { .. } => "dormant",
            Activity::Active { .. } => "active",
        }
    }
}

/// A group's activity on `date`, under the dormancy period then in force (six months unless
/// the coordinator set another). A meeting exactly that long ago no longer keeps it active.
pub fn activity(index: &Index, group: Option<&Group>, date: NaiveDate) -> Activity {
    let Some(group) = group else { return Activity::NoGroup };
    let cutoff = months_before(date, index.thresholds(date).dormant_after_months);
    let last = index.last_meeting(group.id, date);
    let recent = match last {
        Some(l) => l > cutoff,
        // A group that never met is dormant once it is six months old; unknown creation counts as old.
        None => group.created.is_some_and(|c| c > cutoff),
    };
    if recent { Activity::Active { last } } else { Activity::Dormant { last } }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::Dataset;
    use crate::domain::group::{GroupKind, Meeting};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn data(created: Option<NaiveDate>, meetings: &[NaiveDate]) -> Dataset {
        let mut data = Dataset::default();
        data.groups.insert(
            1,
            Group {
                id: 1,
                kind: GroupKind::Local,
                establishment: Some("mons".into()),
                created,
                dissolved: None,
            },
        );
        for (i, m) in meetings.iter().enumerate() {
            let id = 10 + i as u64;
            data.meetings
                .insert(id, Meeting { id, group: 1, date: *m, attendees: vec![], notes: String::new() });
        }
        data
    }

    fn at(data: &Dataset, date: NaiveDate) -> Activity {
        activity(&Index::new(data), data.groups.get(&1), date)
    }

    #[test]
    fn dormant_exactly_six_months_after_the_last_meeting() {
        let data = data(None, &[d(2025, 1, 1)]);
        assert_eq!(at(&data, d(2025, 6, 30)), Activity::Active { last: Some(d(2025, 1, 1)) });
        assert_eq!(at(&data, d(2025, 7, 1)), Activity::Dormant { last: Some(d(2025, 1, 1)) });
    }

    #[test]
    fn leap_day_boundary() {
        // Six months after 29 February 2024 is 29 August; 30 and 31 August clamp back to the 29th too.
        let data = data(None, &[d(2024, 2, 29)]);
        assert_eq!(at(&data, d(2024, 8, 28)), Activity::Active { last: Some(d(2024, 2, 29)) });
        assert!(at(&data, d(2024, 8, 29)).is_dormant());
        assert!(at(&data, d(2024, 8, 31)).is_dormant());
    }

    #[test]
    fn a_later_meeting_does_not_count_in_a_past_view() {
        let data = data(None, &[d(2015, 1, 1), d(2025, 1, 1)]);
        assert_eq!(at(&data, d(2020, 1, 1)), Activity::Dormant { last: Some(d(2015, 1, 1)) });
        assert_eq!(at(&data, d(2025, 2, 1)).last_meeting(), Some(d(2025, 1, 1)));
    }

    /// The coordinator's dormancy period, as it was on the date viewed.
    #[test]
    fn dormancy_follows_the_threshold_in_force_on_the_date() {
        use crate::domain::settings::{Settings, Thresholds};
        let mut data = data(None, &[d(2020, 1, 1)]);
        let twelve = Thresholds { dormant_after_months: 12, ..Thresholds::DEFAULT };
        data.settings.insert(
            50,
            Settings { id: 50, effective_from: d(2021, 1, 1), thresholds: twelve, note: String::new() },
        );
        // Before the change, six months: dormant in August 2020.
        assert!(at(&data, d(2020, 8, 1)).is_dormant());
        // From 2021, twelve: a meeting on 1 January 2020 is already a year old on 1 January 2021.
        assert!(at(&data, d(2021, 1, 1)).is_dormant());
        data.meetings.insert(
            90,
            Meeting { id: 90, group: 1, date: d(2020, 9, 1), attendees: vec![], notes: String::new() },
        );
        assert!(!at(&data, d(2021, 6, 1)).is_dormant(), "nine months, under twelve");
        assert!(!at(&data, d(2020, 12, 31)).is_dormant(), "four months");
        assert!(at(&data, d(2021, 9, 1)).is_dormant(), "twelve months to the day");
    }

    #[test]
    fn a_new_group_is_active_until_six_months_without_meeting() {
        let data = data(Some(d(2025, 3, 1)), &[]);
        assert_eq!(at(&data, d(2025, 8, 31)), Activity::Active { last: None });
        assert_eq!(at(&data, d(2025, 9, 1)), Activity::Dormant { last: None });
        assert_eq!(activity(&Index::new(&data), None, d(2025, 1, 1)), Activity::NoGroup);
    }
}
