//! What the keys that change data mean on the pending authorisations' rows (the rows themselves:
//! `rows::authorisations`).

use crate::app::forms::Purpose;
use crate::app::rows::{RowActions, meeting_of};
use crate::domain::{RecordKey, RecordKind};
use crate::i18n::Msg;
use crate::rows::table::Target;

/// What `a`, `e` and `d` mean on the pending authorisations' rows.
pub(in crate::app) const ROWS: RowActions = RowActions {
    add: |_| Ok(Purpose::Project(None)),
    edit: |here| match &here.target {
        Some(Target::Project(p)) => Ok(Purpose::Project(Some(*p))),
        _ => Err(Msg::NothingToEdit),
    },
    delete: |here| match &here.target {
        Some(Target::Project(p)) => Ok(RecordKey::Id(RecordKind::Project, *p)),
        _ => Err(Msg::NothingToDelete),
    },
    // A waiting project waits on the central group: its meeting.
    meeting: |here| meeting_of(here.data.central_group().map(|g| g.id)),
};
