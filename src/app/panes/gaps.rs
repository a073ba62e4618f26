//! What the keys that change data mean on the membership gaps' rows (the rows themselves:
//! `rows::gaps`).

use crate::app::forms::Purpose;
use crate::app::rows::{RowActions, meeting_of};
use crate::i18n::Msg;
use crate::rows::table::Target;

/// What `a`, `e` and `d` mean on the membership gaps' rows.
pub(in crate::app) const ROWS: RowActions = RowActions {
    add: |here| match &here.target {
        Some(Target::Gap { group, seat }) => {
            Ok(Purpose::Membership { existing: None, group: Some(*group), seat: Some(seat.clone()) })
        }
        Some(Target::Overload(_)) => Ok(Purpose::Person(None)),
        _ => Ok(Purpose::Membership { existing: None, group: None, seat: None }),
    },
    edit: |here| match &here.target {
        // The holder whose membership is the problem, else appoint someone.
        Some(Target::Gap { group, seat }) => {
            let holder = here
                .data
                .memberships
                .values()
                .find(|m| m.group == *group && m.seat == *seat && m.active_on(here.as_of));
            Ok(Purpose::Membership {
                existing: holder.map(|m| m.id),
                group: Some(*group),
                seat: Some(seat.clone()),
            })
        }
        Some(Target::Overload(p)) => Ok(Purpose::Person(Some(*p))),
        _ => Err(Msg::NothingToEdit),
    },
    delete: |_| Err(Msg::NothingToDelete),
    meeting: |here| match &here.target {
        Some(Target::Gap { group, .. }) => meeting_of(Some(*group)),
        _ => meeting_of(None),
    },
};
