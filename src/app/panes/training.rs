//! What the keys that change data mean on the training needs' rows (the rows themselves:
//! `rows::training`).

use crate::app::forms::Purpose;
use crate::app::rows::{RowActions, meeting_of};
use crate::domain::{RecordKey, RecordKind};
use crate::i18n::Msg;
use crate::rows::table::Target;

/// What `a`, `e` and `d` mean on the training needs' rows: in a need's detail, `a` records a
/// session answering it.
pub(in crate::app) const ROWS: RowActions = RowActions {
    add: |here| match &here.target {
        Some(Target::Need(n)) if here.in_detail => Ok(Purpose::Session { existing: None, need: Some(*n) }),
        _ => Ok(Purpose::Need(None)),
    },
    edit: |here| match &here.target {
        Some(Target::Need(n)) => Ok(Purpose::Need(Some(*n))),
        _ => Err(Msg::NothingToEdit),
    },
    delete: |here| match &here.target {
        Some(Target::Need(n)) => Ok(RecordKey::Id(RecordKind::Need, *n)),
        _ => Err(Msg::NothingToDelete),
    },
    // A need is no group's: the group is chosen on the form.
    meeting: |_| meeting_of(None),
};
