//! What the keys that change data mean on the prisons' rows (the rows themselves: `rows::prisons`).

use crate::app::forms::Purpose;
use crate::app::rows::{RowActions, meeting_of};
use crate::i18n::Msg;
use crate::rows::table::Target;

/// What `a`, `e` and `d` mean on the prisons' rows (and the central group's).
pub(in crate::app) const ROWS: RowActions = RowActions {
    // A meeting of the row's group; a prison without a group yet gets one (its creation
    // date is on the establishment's form).
    add: |here| match &here.target {
        Some(Target::Central) => {
            Ok(Purpose::Meeting { existing: None, group: here.data.central_group().map(|g| g.id) })
        }
        Some(Target::Prison(e)) => Ok(match here.data.local_group(e, here.as_of) {
            Some(g) => Purpose::Meeting { existing: None, group: Some(g.id) },
            None => Purpose::Establishment(e.clone()),
        }),
        _ => Err(Msg::NothingToEdit),
    },
    // The central group's seats and meetings are edited from its detail view (Enter).
    edit: |here| match &here.target {
        Some(Target::Prison(e)) => Ok(Purpose::Establishment(e.clone())),
        _ => Err(Msg::NothingToEdit),
    },
    delete: |_| Err(Msg::NothingToDelete),
    meeting: |here| match &here.target {
        Some(Target::Prison(e)) => meeting_of(here.data.local_group(e, here.as_of).map(|g| g.id)),
        Some(Target::Central) => meeting_of(here.data.central_group().map(|g| g.id)),
        _ => meeting_of(None),
    },
};
