//! The five panes on screen: their rows are `rows` (what the report prints too); here, what
//! the keys that change data mean on each pane's rows (`ROWS`, one file a pane) and the table
//! each pane's rows are shown in.

mod authorisations;
mod concertation;
mod gaps;
mod prisons;
mod training;

pub use crate::rows::{Bar, NOT_YOURS, PaneId, Reuse, RowSource, bar};

use super::table::TableView;

impl PaneId {
    /// A table for this pane's rows.
    pub fn table(self) -> TableView {
        let mut table = TableView::default();
        table.natural = self.natural_sort();
        table
    }

    /// What `a`, `e`, `d` and `m` mean on this pane's rows.
    pub(in crate::app) fn row_actions(self) -> &'static crate::app::rows::RowActions {
        match self {
            PaneId::Prisons => &prisons::ROWS,
            PaneId::Gaps => &gaps::ROWS,
            PaneId::Authorisations => &authorisations::ROWS,
            PaneId::Training => &training::ROWS,
            PaneId::Concertation => &concertation::ROWS,
        }
    }
}
