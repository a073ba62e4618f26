//! Training needs of prison staff and the sessions that cover them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::establishment::EstablishmentId;

pub type NeedId = u64;
pub type SessionId = u64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum StaffGroup {
    PrisonOfficers,
    Medical,
    Psychosocial,
    Management,
    Other,
}

impl StaffGroup {
    pub const ALL: [StaffGroup; 5] =
        [Self::PrisonOfficers, Self::Medical, Self::Psychosocial, Self::Management, Self::Other];
    pub fn code(self) -> &'static str {
        match self {
            Self::PrisonOfficers => "prison_officers",
            Self::Medical => "medical",
            Self::Psychosocial => "psychosocial",
            Self::Management => "management",
            Self::Other => "other",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code)
    }
}

/// Ordered so that sorting puts the most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Priority {
    High,
    Medium,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Self::High, Self::Medium, Self::Low];
    pub fn code(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
        }
    }
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingNeed {
    pub id: NeedId,
    pub establishment: EstablishmentId,
    pub staff_group: StaffGroup,
    pub topic: String,
    /// How many people need the training.
    pub headcount: u32,
    pub priority: Priority,
    pub raised_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingSession {
    pub id: SessionId,
    pub establishment: EstablishmentId,
    pub topic: String,
    pub date: NaiveDate,
    pub trainer: String,
    pub participants: u32,
    /// The needs this session answers.
    pub covers: Vec<NeedId>,
}

/// Where a need stands on a date. Derived from the sessions, never stored, so it cannot
/// disagree with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NeedStatus {
    Open,
    Planned,
    Delivered,
}

impl NeedStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Planned => "planned",
            Self::Delivered => "delivered",
        }
    }
}

/// People trained so far and people in sessions still to come, for one need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    pub needed: u32,
    pub trained: u32,
    pub planned: u32,
}

impl Coverage {
    /// Trained people over people needing it, 0..=100 (a session larger than the need counts as full).
    pub fn percent(&self) -> u8 {
        if self.needed == 0 {
            return 100;
        }
        let pct = u64::from(self.trained.min(self.needed)) * 100 / u64::from(self.needed);
        pct as u8
    }

    pub fn status(&self) -> NeedStatus {
        if self.trained >= self.needed {
            NeedStatus::Delivered
        } else if self.planned > 0 {
            NeedStatus::Planned
        } else {
            NeedStatus::Open
        }
    }

    pub fn add(&mut self, other: Coverage) {
        self.needed = self.needed.saturating_add(other.needed);
        self.trained = self.trained.saturating_add(other.trained);
        self.planned = self.planned.saturating_add(other.planned);
    }
}

/// Coverage of one need on a date by the sessions that name it, each given as its date and
/// its participants. A session counts as delivered on its own day. A session's participants
/// are shared by the needs it covers only in the sense that each need counts them up to its
/// own headcount.
pub fn need_coverage(
    need: &TrainingNeed,
    sessions: impl IntoIterator<Item = (NaiveDate, u32)>,
    date: NaiveDate,
) -> Coverage {
    let mut cov = Coverage { needed: need.headcount, ..Coverage::default() };
    for (day, participants) in sessions {
        if day <= date {
            cov.trained = cov.trained.saturating_add(participants);
        } else {
            cov.planned = cov.planned.saturating_add(participants);
        }
    }
    cov.trained = cov.trained.min(cov.needed);
    cov
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn need() -> TrainingNeed {
        TrainingNeed {
            id: 7,
            establishment: "mons".into(),
            staff_group: StaffGroup::PrisonOfficers,
            topic: "naloxone".into(),
            headcount: 20,
            priority: Priority::High,
            raised_on: d(2024, 1, 1),
        }
    }

    fn session(date: NaiveDate, participants: u32, covers: Vec<NeedId>) -> TrainingSession {
        TrainingSession {
            id: 1,
            establishment: "mons".into(),
            topic: "naloxone".into(),
            date,
            trainer: "x".into(),
            participants,
            covers,
        }
    }

    #[test]
    fn status_follows_sessions_and_the_date() {
        let n = need();
        let sessions = [
            session(d(2024, 3, 1), 12, vec![7]),
            session(d(2024, 6, 1), 12, vec![7]),
            session(d(2024, 3, 1), 50, vec![8]),
        ];
        let covering = sessions.iter().filter(|s| s.covers.contains(&n.id));
        let covering: Vec<_> = covering.map(|s| (s.date, s.participants)).collect();
        let before = need_coverage(&n, covering.clone(), d(2024, 2, 29));
        assert_eq!((before.trained, before.planned, before.status()), (0, 24, NeedStatus::Planned));
        let between = need_coverage(&n, covering.clone(), d(2024, 3, 1));
        assert_eq!((between.trained, between.percent(), between.status()), (12, 60, NeedStatus::Planned));
        let after = need_coverage(&n, covering, d(2024, 6, 1));
        assert_eq!((after.trained, after.percent(), after.status()), (20, 100, NeedStatus::Delivered));
    }

    #[test]
    fn a_need_without_sessions_is_open() {
        let c = need_coverage(&need(), [], d(2025, 1, 1));
        assert_eq!((c.percent(), c.status()), (0, NeedStatus::Open));
    }

    #[test]
    fn coverage_of_nothing_is_full() {
        let c = Coverage::default();
        assert_eq!(c.percent(), 100);
        assert_eq!(c.status(), NeedStatus::Delivered);
    }
}
