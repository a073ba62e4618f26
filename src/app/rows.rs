//! What `a` (add), `e` (edit) and `d` (delete) mean where the user is. An entry selected in a
//! detail view (a seat, a membership, a meeting, ...) answers first, from the table below;
//! else the row's pane, from the table of row actions in its own file
//! (`panes::<pane>::ROWS`); with no row, the pane shown. A new kind of row is one entry
//! there, not a match in every key's function.

use chrono::NaiveDate;

use super::Item;
use super::forms::Purpose;
use super::panes::PaneId;
use super::table::Target;
use crate::domain::{Dataset, RecordKey, RecordKind};
use crate::i18n::Msg;

/// Where the user is, as the row actions read it.
pub struct Here<'a> {
    pub data: &'a Dataset,
    pub as_of: NaiveDate,
    /// The row: the selected one, or the record the detail view shows.
    pub target: Option<Target>,
    /// Whether a detail view is open, on `target`.
    pub in_detail: bool,
}

/// A pane's row actions: the form each key opens on its rows, or the record it deletes, or
/// why nothing.
pub struct RowActions {
    pub add: fn(&Here) -> Result<Purpose, Msg>,
    pub edit: fn(&Here) -> Result<Purpose, Msg>,
    pub delete: fn(&Here) -> Result<RecordKey, Msg>,
    /// `m`: the meeting the row is about (its group's, or the concertation's).
    pub meeting: fn(&Here) -> Purpose,
}

/// A meeting of the group, or of one to choose.
pub fn meeting_of(group: Option<u64>) -> Purpose {
    Purpose::Meeting { existing: None, group }
}

fn pane(here: &Here, shown: PaneId) -> &'static RowActions {
    here.target.as_ref().map_or(shown, PaneId::of).row_actions()
}

/// `a`: on a seat's line of a group's detail (or one of its holders), someone appointed to
/// that seat; else what the row's pane adds.
pub fn add(here: &Here, item: Option<&Item>, shown: PaneId) -> Result<Purpose, Msg> {
    let seat = match item {
        Some(Item::Seat { group, seat }) => Some((*group, seat.clone())),
        Some(Item::Membership(m)) => here.data.memberships.get(m).map(|m| (m.group, m.seat.clone())),
        _ => None,
    };
    match seat {
        Some((group, seat)) => {
            Ok(Purpose::Membership { existing: None, group: Some(group), seat: Some(seat) })
        }
        None => (pane(here, shown).add)(here),
    }
}

/// `e`: the entry selected in a detail view, else the row (a project's own fields; its steps
/// are `n`'s).
pub fn edit(here: &Here, item: Option<&Item>, shown: PaneId) -> Result<Purpose, Msg> {
    let Some(item) = item else { return (pane(here, shown).edit)(here) };
    Ok(match item.clone() {
        Item::Seat { group, seat } => {
            Purpose::Membership { existing: None, group: Some(group), seat: Some(seat) }
        }
        Item::Membership(m) => Purpose::Membership { existing: Some(m), group: None, seat: None },
        Item::Meeting(m) => Purpose::Meeting { existing: Some(m), group: None },
        Item::Project(p) => Purpose::Project(Some(p)),
        Item::Need(n) => Purpose::Need(Some(n)),
        Item::Session(s) => Purpose::Session { existing: Some(s), need: None },
        Item::Motion(m) => Purpose::Motion { existing: Some(m), meeting: None },
    })
}

/// `m`: a meeting of what the row is about, from the row's pane (with no row, the pane shown).
pub fn meeting(here: &Here, shown: PaneId) -> Purpose {
    (pane(here, shown).meeting)(here)
}

/// `d`: the record of the entry selected in a detail view, else of the row.
pub fn delete(here: &Here, item: Option<&Item>, shown: PaneId) -> Result<RecordKey, Msg> {
    let id = |kind, id| Ok(RecordKey::Id(kind, id));
    match item {
        // A seat nobody holds is the template's, not a record of this group.
        Some(Item::Seat { .. }) => Err(Msg::NothingToDelete),
        Some(Item::Membership(m)) => id(RecordKind::Membership, *m),
        Some(Item::Meeting(m)) => id(RecordKind::Meeting, *m),
        Some(Item::Session(s)) => id(RecordKind::Session, *s),
        Some(Item::Project(p)) => id(RecordKind::Project, *p),
        Some(Item::Need(n)) => id(RecordKind::Need, *n),
        Some(Item::Motion(m)) => id(RecordKind::Motion, *m),
        None => (pane(here, shown).delete)(here),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn here(data: &Dataset, target: Option<Target>, in_detail: bool) -> Here<'_> {
        Here { data, as_of: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), target, in_detail }
    }

    /// Each row answers from its own pane's table, whatever pane is shown; the detail's entry
    /// answers before its row.
    #[test]
    fn the_row_s_pane_answers_and_the_entry_before_it() {
        let data = crate::demo::demo_dataset(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let need = Some(Target::Need(7));
        // In a need's detail, `a` records a session answering it; on its row, another need.
        assert_eq!(
            add(&here(&data, need.clone(), true), None, PaneId::Prisons),
            Ok(Purpose::Session { existing: None, need: Some(7) })
        );
        assert_eq!(add(&here(&data, need.clone(), false), None, PaneId::Training), Ok(Purpose::Need(None)));
        assert_eq!(
            delete(&here(&data, need, false), None, PaneId::Training),
            Ok(RecordKey::Id(RecordKind::Need, 7))
        );
        // An admission is made and ended by command, never from a row.
        let admission = here(&data, Some(Target::Admission(3)), false);
        for answer in [
            add(&admission, None, PaneId::Concertation).err(),
            edit(&admission, None, PaneId::Concertation).err(),
        ] {
            assert_eq!(answer, Some(Msg::AdmitByCommand));
        }
        assert_eq!(delete(&admission, None, PaneId::Concertation), Err(Msg::AdmitByCommand));
        // The central group: a meeting; its seats from its detail; nothing to delete.
        let central = here(&data, Some(Target::Central), true);
        assert!(matches!(
            add(&central, None, PaneId::Prisons),
            Ok(Purpose::Meeting { existing: None, group: Some(_) })
        ));
        assert_eq!(edit(&central, None, PaneId::Prisons), Err(Msg::NothingToEdit));
        let seat = Item::Seat { group: 1, seat: "chair".into() };
        assert_eq!(delete(&central, Some(&seat), PaneId::Prisons), Err(Msg::NothingToDelete));
        assert_eq!(
            add(&central, Some(&seat), PaneId::Prisons),
            Ok(Purpose::Membership { existing: None, group: Some(1), seat: Some("chair".into()) })
        );
        assert_eq!(
            delete(&central, Some(&Item::Meeting(9)), PaneId::Prisons),
            Ok(RecordKey::Id(RecordKind::Meeting, 9))
        );
        // No row: the pane shown says.
        let nowhere = here(&data, None, false);
        assert_eq!(add(&nowhere, None, PaneId::Prisons), Err(Msg::NothingToEdit));
        assert_eq!(add(&nowhere, None, PaneId::Authorisations), Ok(Purpose::Project(None)));
        assert_eq!(delete(&nowhere, None, PaneId::Gaps), Err(Msg::NothingToDelete));
        // `m`: the row's group (a waiting project's is the central group), the concertation's
        // meeting on its rows and its pane, else a group to choose.
        let central_id = data.central_group().map(|g| g.id);
        assert_eq!(meeting(&central, PaneId::Prisons), meeting_of(central_id));
        assert_eq!(
            meeting(&here(&data, Some(Target::Project(5)), false), PaneId::Prisons),
            meeting_of(central_id)
        );
        let gap = here(&data, Some(Target::Gap { group: 12, seat: "chair".into() }), false);
        assert_eq!(meeting(&gap, PaneId::Gaps), meeting_of(Some(12)));
        assert_eq!(meeting(&admission, PaneId::Prisons), Purpose::CapbMeeting(None));
        assert_eq!(meeting(&nowhere, PaneId::Concertation), Purpose::CapbMeeting(None));
        assert_eq!(meeting(&nowhere, PaneId::Training), meeting_of(None));
    }
}
