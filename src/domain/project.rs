//! Local projects and the central group's prior authorisation.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::establishment::EstablishmentId;

pub type ProjectId = u64;

/// What makes a project need the central group's prior authorisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FundamentalElement {
    DrugFreeWing,
    UrineTests,
    Other(String),
}

/// A project's steps. The order of the variants is stored (new ones go last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProjectStep {
    Draft,
    Submitted,
    Authorised {
        conditions: String,
    },
    Refused {
        reason: String,
    },
    Withdrawn,
    /// Under way: after its authorisation, or without one (which is then flagged when it
    /// has a fundamental element).
    Running,
    Ended,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectEvent {
    pub date: NaiveDate,
    pub step: ProjectStep,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: ProjectId,
    pub establishment: EstablishmentId,
    pub title: String,
    pub promoter: String,
    pub elements: Vec<FundamentalElement>,
    /// In date order; the last event on or before a date is the state on that date.
    pub history: Vec<ProjectEvent>,
}

/// Why a change of a project's state is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepError {
    /// The event is dated before the project's last event.
    BeforeLastEvent,
    /// A decision needs a submission first; a decided or withdrawn project is closed.
    NotAllowedFrom,
}

impl Project {
    pub fn needs_authorisation(&self) -> bool {
        !self.elements.is_empty()
    }

    /// The state on `date`; `None` before the first event.
    pub fn state_on(&self, date: NaiveDate) -> Option<&ProjectEvent> {
        self.history.iter().rev().find(|e| e.date <= date)
    }

    /// The date of the submission the project is waiting on, when it is waiting on `date`.
    pub fn pending_since(&self, date: NaiveDate) -> Option<NaiveDate> {
        match self.state_on(date) {
            Some(ProjectEvent { step: ProjectStep::Submitted, date }) if self.needs_authorisation() => {
                Some(*date)
            }
            _ => None,
        }
    }

    /// Running on `date` with a fundamental element and no authorisation before: since when.
    pub fn running_unauthorised_since(&self, date: NaiveDate) -> Option<NaiveDate> {
        match self.state_on(date) {
            Some(ProjectEvent { step: ProjectStep::Running, date: since }) if self.needs_authorisation() => {
                let authorised = self
                    .history
                    .iter()
                    .any(|e| e.date <= *since && matches!(e.step, ProjectStep::Authorised { .. }));
                (!authorised).then_some(*since)
            }
            _ => None,
        }
    }

    /// A draft on `date` with a fundamental element, never submitted: since when.
    pub fn draft_since(&self, date: NaiveDate) -> Option<NaiveDate> {
        match self.state_on(date) {
            Some(ProjectEvent { step: ProjectStep::Draft, date }) if self.needs_authorisation() => {
                Some(*date)
            }
            _ => None,
        }
    }

    /// Whether `step` dated `date` may follow the current history.
    pub fn check_step(&self, step: &ProjectStep, date: NaiveDate) -> Result<(), StepError> {
        let last = self.history.last();
        if last.is_some_and(|l| date < l.date) {
            return Err(StepError::BeforeLastEvent);
        }
        let from = last.map(|l| &l.step);
        let ok = match step {
            ProjectStep::Draft => from.is_none(),
            ProjectStep::Submitted => matches!(from, None | Some(ProjectStep::Draft)),
            ProjectStep::Authorised { .. } | ProjectStep::Refused { .. } => {
                matches!(from, Some(ProjectStep::Submitted))
            }
            ProjectStep::Withdrawn => {
                matches!(from, None | Some(ProjectStep::Draft) | Some(ProjectStep::Submitted))
            }
            // A project may start without its authorisation: that is recorded, and flagged.
            ProjectStep::Running => matches!(
                from,
                None | Some(ProjectStep::Draft)
                    | Some(ProjectStep::Submitted)
                    | Some(ProjectStep::Authorised { .. })
            ),
            ProjectStep::Ended => matches!(from, Some(ProjectStep::Running)),
        };
        if ok { Ok(()) } else { Err(StepError::NotAllowedFrom) }
    }

    /// Appends a step after checking it.
    pub fn record(&mut self, step: ProjectStep, date: NaiveDate) -> Result<(), StepError> {
        self.check_step(&step, date)?;
        self.history.push(ProjectEvent { date, step });
        Ok(())
    }

    /// A history is consistent when it is in date order and every step may follow the one before.
    pub fn history_is_consistent(&self) -> bool {
        let mut replay = Project { history: Vec::new(), ..self.clone() };
        self.history.iter().all(|e| replay.record(e.step.clone(), e.date).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn project() -> Project {
        Project {
            id: 1,
            establishment: "lantin".into(),
            title: "Urine tests on the drug-free wing".into(),
            promoter: "SAT".into(),
            elements: vec![FundamentalElement::UrineTests],
            history: vec![],
        }
    }

    #[test]
    fn a_decision_needs_a_submission_and_cannot_predate_it() {
        let mut p = project();
        assert_eq!(
            p.record(ProjectStep::Authorised { conditions: String::new() }, d(2020, 1, 1)),
            Err(StepError::NotAllowedFrom)
        );
        p.record(ProjectStep::Submitted, d(2020, 1, 10)).unwrap();
        assert_eq!(
            p.record(ProjectStep::Refused { reason: "x".into() }, d(2020, 1, 9)),
            Err(StepError::BeforeLastEvent)
        );
        p.record(ProjectStep::Refused { reason: "x".into() }, d(2020, 1, 10)).unwrap();
        assert_eq!(p.record(ProjectStep::Withdrawn, d(2021, 1, 1)), Err(StepError::NotAllowedFrom));
        assert!(p.history_is_consistent());
    }

    #[test]
    fn pending_only_between_submission_and_decision() {
        let mut p = project();
        p.record(ProjectStep::Submitted, d(2012, 3, 1)).unwrap();
        p.record(ProjectStep::Authorised { conditions: "review yearly".into() }, d(2020, 6, 1)).unwrap();
        assert_eq!(p.pending_since(d(2012, 2, 29)), None);
        assert_eq!(p.pending_since(d(2012, 3, 1)), Some(d(2012, 3, 1)));
        assert_eq!(p.pending_since(d(2020, 5, 31)), Some(d(2012, 3, 1)));
        assert_eq!(p.pending_since(d(2020, 6, 1)), None);
    }

    #[test]
    fn a_project_without_fundamental_element_never_waits() {
        let mut p = project();
        p.elements.clear();
        p.record(ProjectStep::Submitted, d(2012, 3, 1)).unwrap();
        assert_eq!(p.pending_since(d(2013, 1, 1)), None);
    }

    #[test]
    fn an_out_of_order_history_is_inconsistent() {
        let mut p = project();
        p.history = vec![
            ProjectEvent { date: d(2020, 1, 2), step: ProjectStep::Submitted },
            ProjectEvent { date: d(2020, 1, 1), step: ProjectStep::Refused { reason: String::new() } },
        ];
        assert!(!p.history_is_consistent());
    }

    /// Draft to running to ended; running without an authorisation is recorded and said,
    /// with a fundamental element; a draft with one is said too.
    #[test]
    fn a_project_runs_and_ends_and_running_unauthorised_is_caught() {
        let mut p = project();
        p.record(ProjectStep::Draft, d(2012, 1, 1)).unwrap();
        assert_eq!(p.draft_since(d(2013, 1, 1)), Some(d(2012, 1, 1)));
        assert_eq!(p.record(ProjectStep::Ended, d(2012, 6, 1)), Err(StepError::NotAllowedFrom));
        p.record(ProjectStep::Running, d(2012, 6, 1)).unwrap();
        assert_eq!(p.running_unauthorised_since(d(2013, 1, 1)), Some(d(2012, 6, 1)));
        assert_eq!(p.draft_since(d(2013, 1, 1)), None);
        p.record(ProjectStep::Ended, d(2014, 1, 1)).unwrap();
        assert_eq!(p.running_unauthorised_since(d(2014, 1, 1)), None);
        assert!(p.history_is_consistent());

        let mut q = project();
        q.record(ProjectStep::Submitted, d(2012, 1, 1)).unwrap();
        q.record(ProjectStep::Authorised { conditions: String::new() }, d(2012, 3, 1)).unwrap();
        q.record(ProjectStep::Running, d(2012, 4, 1)).unwrap();
        assert_eq!(q.running_unauthorised_since(d(2013, 1, 1)), None, "authorised first");
        let mut plain = project();
        plain.elements.clear();
        plain.record(ProjectStep::Running, d(2012, 4, 1)).unwrap();
        assert_eq!(plain.running_unauthorised_since(d(2013, 1, 1)), None, "no fundamental element");
    }
}
