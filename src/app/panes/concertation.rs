//! What the keys that change data mean on the concertation's rows (the rows themselves:
//! `rows::concertation`).

use crate::app::forms::Purpose;
use crate::app::rows::RowActions;
use crate::domain::{RecordKey, RecordKind};
use crate::i18n::Msg;
use crate::rows::table::Target;

/// What `a`, `e` and `d` mean on the concertation's rows: in a meeting's detail, `a` puts a
/// motion; an admission is made and ended by command, never erased (who read the debates
/// stays on record).
pub(in crate::app) const ROWS: RowActions = RowActions {
    add: |here| match &here.target {
        Some(Target::CapbMeeting(m)) if here.in_detail => {
            Ok(Purpose::Motion { existing: None, meeting: Some(*m) })
        }
        Some(Target::CapbMeeting(_)) => Ok(Purpose::CapbMeeting(None)),
        Some(Target::Production(_)) => Ok(Purpose::Production(None)),
        Some(Target::Admission(_)) => Err(Msg::AdmitByCommand),
        _ => Ok(Purpose::Service(None)),
    },
    edit: |here| match &here.target {
        Some(Target::Service(s)) => Ok(Purpose::Service(Some(*s))),
        Some(Target::CapbMeeting(m)) => Ok(Purpose::CapbMeeting(Some(*m))),
        Some(Target::Production(p)) => Ok(Purpose::Production(Some(*p))),
        Some(Target::Admission(_)) => Err(Msg::AdmitByCommand),
        _ => Err(Msg::NothingToEdit),
    },
    delete: |here| match &here.target {
        Some(Target::Service(s)) => Ok(RecordKey::Id(RecordKind::Service, *s)),
        Some(Target::CapbMeeting(m)) => Ok(RecordKey::Id(RecordKind::CapbMeeting, *m)),
        Some(Target::Production(p)) => Ok(RecordKey::Id(RecordKind::Production, *p)),
        Some(Target::Admission(_)) => Err(Msg::AdmitByCommand),
        _ => Err(Msg::NothingToDelete),
    },
    meeting: |_| Purpose::CapbMeeting(None),
};
