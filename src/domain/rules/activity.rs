use chrono::NaiveDate;

use super::Index;
use crate::domain::date::months_before;
use crate::domain::group::Group;

/// A group that has not met for this many months is dormant.
pub const DORMANT_AFTER_MONTHS: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Activity {
    /// The establishment has no group on that date.
    NoGroup,
    /// No meeting in the last six months (or never, for a group older than that).
    Dormant { last: Option<NaiveDate> },
    /// Met within six months, or created less than six months ago.
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

/// A group's activity on `date`. A meeting exactly six months ago no longer keeps it active.
pub fn activity(index: &Index, group: Option<&Group>, date: NaiveDate) -> Activity {
    let Some(group) = group else { return Activity::NoGroup };
    let cutoff = months_before(date, DORMANT_AFTER_MONTHS);
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

    #[test]
    fn a_new_group_is_active_until_six_months_without_meeting() {
        let data = data(Some(d(2025, 3, 1)), &[]);
        assert_eq!(at(&data, d(2025, 8, 31)), Activity::Active { last: None });
        assert_eq!(at(&data, d(2025, 9, 1)), Activity::Dormant { last: None });
        assert_eq!(activity(&Index::new(&data), None, d(2025, 1, 1)), Activity::NoGroup);
    }
}
