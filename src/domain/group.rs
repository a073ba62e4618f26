//! Steering groups, their seat templates, memberships and meetings.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::establishment::EstablishmentId;
use super::people::{PersonId, Qualification};

pub type GroupId = u64;
pub type MembershipId = u64;
pub type MeetingId = u64;
pub type TemplateId = u64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum GroupKind {
    /// The central drug steering group (GPCD, centrale stuurgroep drugs).
    Central,
    /// A local drug steering group in one establishment (GPLD, lokale stuurgroep drugs).
    Local,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub id: GroupId,
    pub kind: GroupKind,
    /// The establishment of a local group; `None` for the central group.
    pub establishment: Option<EstablishmentId>,
    pub created: Option<NaiveDate>,
    /// First day the group no longer exists.
    pub dissolved: Option<NaiveDate>,
}

impl Group {
    pub fn exists_on(&self, date: NaiveDate) -> bool {
        group_exists_on(self.created, self.dissolved, date)
    }

    /// Of two groups of one establishment that exist on a date, whether this one is the one
    /// that counts: the latest created (then the latest recorded).
    pub fn supersedes(&self, other: &Group) -> bool {
        (self.created, self.id) > (other.created, other.id)
    }
}

/// Whether a group created on `created` and dissolved on `dissolved` (its first day gone)
/// exists on `date` (see [`Group::exists_on`]).
pub fn group_exists_on(created: Option<NaiveDate>, dissolved: Option<NaiveDate>, date: NaiveDate) -> bool {
    created.is_none_or(|c| c <= date) && dissolved.is_none_or(|d| date < d)
}

/// The seat key of the chair. The chair is held by one of the members, so it is a seat
/// whose requirement is membership of the group in another seat.
pub const CHAIR: &str = "chair";

/// One kind of seat a group must fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatRequirement {
    /// Stable key such as `doctor`; known keys are translated by the message catalogue.
    pub key: String,
    /// Label for a seat a later circular adds that the catalogue does not know.
    pub label: String,
    /// How many holders are required.
    pub min: u8,
    /// `true` when the circular says "at least": more holders are welcome.
    pub at_least: bool,
    pub qualification: Option<Qualification>,
    /// A full-time role: holding two of them is more than one person can do.
    pub heavy: bool,
}

/// The seats a kind of group must fill from a date on. A change of circular adds a new
/// template with a later `effective_from`; the old one stays for views of the past.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatTemplate {
    pub id: TemplateId,
    pub kind: GroupKind,
    pub effective_from: NaiveDate,
    pub source: String,
    pub seats: Vec<SeatRequirement>,
}

impl SeatTemplate {
    pub fn seat(&self, key: &str) -> Option<&SeatRequirement> {
        self.seats.iter().find(|s| s.key == key)
    }
}

/// The template in force for a kind of group on a date: the latest one that has started.
/// Before the first template, the first one applies (it is the circular that set the groups up).
pub fn template_on<'a>(
    templates: impl IntoIterator<Item = &'a SeatTemplate>,
    kind: GroupKind,
    date: NaiveDate,
) -> Option<&'a SeatTemplate> {
    let mut in_force: Option<&SeatTemplate> = None;
    let mut first: Option<&SeatTemplate> = None;
    for t in templates.into_iter().filter(|t| t.kind == kind) {
        let key = (t.effective_from, t.id);
        if t.effective_from <= date && in_force.is_none_or(|b| key > (b.effective_from, b.id)) {
            in_force = Some(t);
        }
        if first.is_none_or(|f| key < (f.effective_from, f.id)) {
            first = Some(t);
        }
    }
    in_force.or(first)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub id: MembershipId,
    pub person: PersonId,
    pub group: GroupId,
    pub seat: String,
    pub from: NaiveDate,
    /// Last day the seat was held; `None` while it still is.
    pub until: Option<NaiveDate>,
    /// The person this member stands in for (a principal director's delegate).
    pub delegate_of: Option<PersonId>,
}

impl Membership {
    /// Held on `date`: from `from` through `until`, both days included.
    pub fn active_on(&self, date: NaiveDate) -> bool {
        seat_held_on(self.from, self.until, date)
    }
}

/// Whether a seat held from `from` through `until` (`None` while still held) is held on `date`
/// (see [`Membership::active_on`]).
pub fn seat_held_on(from: NaiveDate, until: Option<NaiveDate>, date: NaiveDate) -> bool {
    from <= date && until.is_none_or(|u| date <= u)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: MeetingId,
    pub group: GroupId,
    pub date: NaiveDate,
    pub attendees: Vec<PersonId>,
    pub notes: String,
}

fn seat(
    key: &str,
    min: u8,
    at_least: bool,
    qualification: Option<Qualification>,
    heavy: bool,
) -> SeatRequirement {
    SeatRequirement { key: key.into(), label: String::new(), min, at_least, qualification, heavy }
}

/// The central group's seats of the drug-policy coordinator of the French-speaking prisons and
/// of the Dutch-speaking ones (stores made before their split have one seat of two,
/// `drug_coordinator`, which says no side).
pub const COORDINATOR_FR: &str = "drug_coordinator_fr";
pub const COORDINATOR_NL: &str = "drug_coordinator_nl";

/// The date of circular 1785 on drugs in prison.
pub fn circular_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2006, 7, 18).unwrap_or(NaiveDate::MIN)
}

/// The central group's seats as circular 1785 of 18 July 2006 lists them.
pub fn circular_central_template(id: TemplateId) -> SeatTemplate {
    use Qualification::*;
    SeatTemplate {
        id,
        kind: GroupKind::Central,
        effective_from: circular_date(),
        source: "circular 1785 (18/07/2006)".into(),
        seats: vec![
            seat("director_general", 1, false, None, true),
            seat("medical_director", 1, false, Some(Physician), true),
            seat("regional_director", 2, false, None, true),
            seat("prison_director", 2, false, Some(PrisonDirector), true),
            // One for the French-speaking prisons, one for the Dutch-speaking ones: two seats, so
            // that two coordinators of one side leave the other's vacant.
            seat(COORDINATOR_FR, 1, false, None, true),
            seat(COORDINATOR_NL, 1, false, None, true),
            seat("prison_doctor", 2, false, Some(Physician), false),
            seat("psychosocial_central", 1, false, None, false),
            seat("restorative_justice_coordinator", 1, true, None, false),
            seat("public_health", 1, false, None, false),
            seat("flemish_welfare", 1, false, None, false),
            seat("federal_police", 1, false, None, false),
            seat(CHAIR, 1, false, None, false),
        ],
    }
}

/// A local group's seats as circular 1785 lists them.
pub fn circular_local_template(id: TemplateId) -> SeatTemplate {
    use Qualification::*;
    SeatTemplate {
        id,
        kind: GroupKind::Local,
        effective_from: circular_date(),
        source: "circular 1785 (18/07/2006)".into(),
        seats: vec![
            seat("principal_director", 1, false, None, true),
            seat("doctor", 1, false, Some(Physician), false),
            seat("restorative_justice_adviser", 1, false, None, false),
            seat("psychosocial", 1, false, None, false),
            seat("drug_help_service", 1, true, None, false),
            seat("officers_manager", 1, false, None, false),
            seat("drug_help_coordinator", 1, true, None, false),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn membership_ending_today_is_still_held_today() {
        let m = Membership {
            id: 1,
            person: 1,
            group: 1,
            seat: "doctor".into(),
            from: d(2020, 1, 1),
            until: Some(d(2025, 3, 1)),
            delegate_of: None,
        };
        assert!(m.active_on(d(2025, 3, 1)));
        assert!(!m.active_on(d(2025, 3, 2)));
        assert!(m.active_on(d(2020, 1, 1)));
        assert!(!m.active_on(d(2019, 12, 31)));
    }

    #[test]
    fn the_template_in_force_follows_the_date() {
        let old = circular_local_template(1);
        let mut new = circular_local_template(2);
        new.effective_from = d(2024, 2, 29);
        new.seats.retain(|s| s.key != "officers_manager");
        let all = vec![old, new];
        assert_eq!(template_on(&all, GroupKind::Local, d(2024, 2, 28)).unwrap().id, 1);
        assert_eq!(template_on(&all, GroupKind::Local, d(2024, 2, 29)).unwrap().id, 2);
        assert_eq!(template_on(&all, GroupKind::Local, d(2000, 1, 1)).unwrap().id, 1);
        assert!(template_on(&all, GroupKind::Central, d(2024, 1, 1)).is_none());
    }

    #[test]
    fn circular_templates_match_the_domain_tables() {
        let central = circular_central_template(1);
        let total: u32 = central.seats.iter().map(|s| u32::from(s.min)).sum();
        // 1+1+2+2+2+2+1+1+1+1+1 members and a chair.
        assert_eq!(total, 16);
        assert_eq!(central.seat("medical_director").unwrap().qualification, Some(Qualification::Physician));
        let local = circular_local_template(2);
        assert_eq!(local.seats.len(), 7);
        assert!(local.seat("drug_help_service").unwrap().at_least);
    }
}
