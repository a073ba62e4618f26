//! What every pane is: rows of cells built once per change of data, date or language, then
//! filtered and sorted on demand. Drawing reads only the rows that are on screen.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::domain::{EstablishmentId, GroupId, NeedId, PersonId, ProjectId};
use crate::i18n::Msg;

/// What a row stands for: what Enter opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Prison(EstablishmentId),
    Gap { group: GroupId, seat: String },
    Overload(PersonId),
    Project(ProjectId),
    Need(NeedId),
}

/// How a cell sorts: numbers and dates as such, text without accents or case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Num(i64),
    Date(Option<NaiveDate>),
    Text(String),
}

/// How a row should stand out: always also said in words in one of its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Normal,
    /// Needs attention: dormant, empty, overdue.
    Alert,
    /// Fine: active, delivered.
    Good,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<String>,
    pub sort: Vec<SortKey>,
    pub target: Target,
    pub tone: Tone,
    /// All cells, folded, for the filter.
    pub search: String,
}

impl Row {
    pub fn new(cells: Vec<String>, sort: Vec<SortKey>, target: Target, tone: Tone) -> Row {
        let search = fold(&cells.join(" "));
        Row { cells, sort, target, tone, search }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub title: Msg,
    /// Width below which the column is not worth showing.
    pub min: u16,
    /// Width it would like.
    pub want: u16,
    /// Lower is more important: on narrow screens the highest numbers go first.
    pub priority: u8,
    pub right: bool,
}

/// Lower case without accents: "Liège" and "LIEGE" both become "liege".
pub fn fold(text: &str) -> String {
    // Most text is plain ASCII: lower-casing it is all there is to do, and much cheaper than
    // decomposing it (this runs for every cell of every row after each change).
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// One pane's rows and the user's view of them.
#[derive(Debug, Clone, Default)]
pub struct TableView {
    pub rows: Vec<Row>,
    /// Indices into `rows` that pass the filter, in sort order.
    pub order: Vec<usize>,
    /// Position in `order`.
    pub selected: usize,
    /// First visible position in `order`, kept by the drawing code.
    pub offset: usize,
    pub sort: Option<usize>,
    pub reverse: bool,
    pub filter: String,
}

impl TableView {
    /// Replaces the rows (after a change of data), keeping the selected row where it still exists.
    pub fn set_rows(&mut self, rows: Vec<Row>) {
        let keep = self.selected_row().map(|r| r.target.clone());
        self.rows = rows;
        self.refresh();
        if let Some(target) = keep
            && let Some(pos) = self.order.iter().position(|&i| self.rows[i].target == target)
        {
            self.selected = pos;
        }
    }

    /// Recomputes `order` from the filter and the sort.
    pub fn refresh(&mut self) {
        let needle = fold(self.filter.trim());
        let words: Vec<&str> = needle.split_whitespace().collect();
        self.order =
            (0..self.rows.len()).filter(|&i| words.iter().all(|w| self.rows[i].search.contains(w))).collect();
        if let Some(col) = self.sort {
            let rows = &self.rows;
            let key = |i: &usize| rows[*i].sort.get(col);
            self.order.sort_by(|a, b| {
                let o = key(a).cmp(&key(b));
                if self.reverse { o.reverse() } else { o }
            });
        } else if self.reverse {
            self.order.reverse();
        }
        self.selected = self.selected.min(self.order.len().saturating_sub(1));
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.order.get(self.selected).and_then(|&i| self.rows.get(i))
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.order.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select_first(&mut self) {
        self.selected = 0;
    }

    pub fn select_last(&mut self) {
        self.selected = self.order.len().saturating_sub(1);
    }

    pub fn cycle_sort(&mut self, columns: usize) {
        self.sort = match self.sort {
            None if columns > 0 => Some(0),
            Some(c) if c + 1 < columns => Some(c + 1),
            _ => None,
        };
        self.reverse = false;
        self.refresh();
    }

    pub fn toggle_reverse(&mut self) {
        self.reverse = !self.reverse;
        self.refresh();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, n: i64) -> Row {
        Row::new(
            vec![name.into(), n.to_string()],
            vec![SortKey::Text(fold(name)), SortKey::Num(n)],
            Target::Prison(name.into()),
            Tone::Normal,
        )
    }

    #[test]
    fn filter_ignores_case_and_accents() {
        assert_eq!(fold("Liège ÉCOLE"), "liege ecole");
        let mut t = TableView::default();
        t.set_rows(vec![row("Liège", 1), row("Lantin", 2), row("Mons", 3)]);
        t.filter = "LIEGE".into();
        t.refresh();
        assert_eq!(t.order, vec![0]);
        t.filter = "l".into();
        t.refresh();
        assert_eq!(t.order, vec![0, 1]);
    }

    #[test]
    fn sort_cycles_and_reverses_and_keeps_selection_in_range() {
        let mut t = TableView::default();
        t.set_rows(vec![row("b", 2), row("a", 3), row("c", 1)]);
        t.cycle_sort(2);
        assert_eq!(t.order, vec![1, 0, 2]);
        t.cycle_sort(2);
        assert_eq!(t.order, vec![2, 0, 1]);
        t.toggle_reverse();
        assert_eq!(t.order, vec![1, 0, 2]);
        t.select_last();
        t.filter = "a".into();
        t.refresh();
        assert_eq!(t.selected, 0);
        t.move_by(-5);
        assert_eq!(t.selected, 0);
    }

    #[test]
    fn new_rows_keep_the_selected_target() {
        let mut t = TableView::default();
        t.set_rows(vec![row("a", 1), row("b", 2), row("c", 3)]);
        t.selected = 2;
        t.set_rows(vec![row("c", 3), row("a", 1)]);
        assert_eq!(t.selected_row().unwrap().cells[0], "c");
    }
}
