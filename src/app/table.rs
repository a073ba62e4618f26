//! What every pane is: rows of cells built once per change of data, date or language, then
//! filtered and sorted on demand. Drawing reads only the rows that are on screen.

use chrono::NaiveDate;

use crate::domain::{EstablishmentId, GroupId, NeedId, PersonId, ProjectId};
use crate::i18n::Msg;

/// What a row stands for: what Enter opens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    /// The central group's own row, above the prisons.
    Central,
    Prison(EstablishmentId),
    Gap {
        group: GroupId,
        seat: String,
    },
    Overload(PersonId),
    Project(ProjectId),
    Need(NeedId),
    /// The concertation (CAPB): a member service, a meeting, a production.
    Service(crate::domain::concertation::ServiceId),
    CapbMeeting(crate::domain::concertation::CapbMeetingId),
    Production(crate::domain::concertation::ProductionId),
    /// An account the concertation admitted to its debates.
    Admission(crate::domain::access::AdmissionId),
}

/// How a column sorts: numbers and dates as such, text without accents or case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Num(i64),
    Date(Option<NaiveDate>),
    /// The text of a cell, folded when compared (not stored twice), after a rank that puts
    /// some rows first (the central group before the prisons).
    Text {
        rank: u8,
        cell: u8,
    },
}

impl SortKey {
    /// A cell's text, with no rank.
    pub fn text(cell: u8) -> SortKey {
        SortKey::Text { rank: 0, cell }
    }
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

/// The most cells a row has: the prisons' eight columns.
pub const MAX_CELLS: usize = 8;

/// A row's cells, written one after the other into one string as they are made: a row costs
/// one string, not one a cell.
#[derive(Debug, Clone, Default)]
pub struct Cells {
    text: String,
    ends: [u32; MAX_CELLS],
    len: usize,
}

impl Cells {
    /// Room for the cells of one row; [`Cells::clear`] makes it ready for the next one, so
    /// that a pane's thousands of rows are written in one string that grows once.
    pub fn new() -> Cells {
        Cells { text: String::with_capacity(256), ..Cells::default() }
    }

    pub fn clear(&mut self) -> &mut Cells {
        self.text.clear();
        self.len = 0;
        self
    }

    /// Adds a cell. A cell past [`MAX_CELLS`] is dropped: no pane has that many columns.
    pub fn push(&mut self, cell: &str) -> &mut Cells {
        self.push_with(|text| text.push_str(cell))
    }

    /// Adds a cell written by `format_args!`, with no string of its own.
    pub fn push_fmt(&mut self, args: std::fmt::Arguments) -> &mut Cells {
        self.push_with(|text| {
            // Writing to a String cannot fail.
            let _ = std::fmt::Write::write_fmt(text, args);
        })
    }

    fn push_with(&mut self, write: impl FnOnce(&mut String)) -> &mut Cells {
        if self.len < MAX_CELLS {
            write(&mut self.text);
            self.ends[self.len] = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
            self.len += 1;
        }
        self
    }
}

impl<S: AsRef<str>> FromIterator<S> for Cells {
    fn from_iter<I: IntoIterator<Item = S>>(cells: I) -> Cells {
        let mut out = Cells::new();
        for c in cells {
            out.push(c.as_ref());
        }
        out
    }
}

/// One row of a pane. A pane may hold thousands, all kept between changes, so a row is packed:
/// its cells are one string, and its sort keys sit in the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Every cell's text, one after the other.
    text: Box<str>,
    /// Where each cell ends in `text`; `cells` of them are used.
    ends: [u32; MAX_CELLS],
    cells: u8,
    /// How each column sorts; `sorts` of them are used.
    sort: [SortKey; MAX_CELLS],
    sorts: u8,
    pub target: Target,
    pub tone: Tone,
    /// Listed first whatever the sort (the central group above the prisons).
    pinned: bool,
}

impl Row {
    /// A row of `cells`, sorted by `sort` (one key a column; keys past [`MAX_CELLS`] are
    /// dropped).
    pub fn new(cells: &Cells, sort: &[SortKey], target: Target, tone: Tone) -> Row {
        let mut keys = [SortKey::Num(0); MAX_CELLS];
        let sorts = sort.len().min(MAX_CELLS);
        keys[..sorts].copy_from_slice(&sort[..sorts]);
        Row {
            // Exactly the text, in one allocation: the rows are kept.
            text: cells.text.as_str().into(),
            ends: cells.ends,
            cells: cells.len as u8,
            sort: keys,
            sorts: sorts as u8,
            target,
            tone,
            pinned: false,
        }
    }

    /// The row, listed first whatever the sort and its direction.
    pub fn pinned(self) -> Row {
        Row { pinned: true, ..self }
    }

    /// Cell `i`, or "" past the last.
    pub fn cell(&self, i: usize) -> &str {
        let ends = &self.ends[..usize::from(self.cells)];
        let Some(&end) = ends.get(i) else { return "" };
        let start = i.checked_sub(1).and_then(|p| ends.get(p)).copied().unwrap_or(0);
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    pub fn cells(&self) -> impl Iterator<Item = &str> {
        (0..usize::from(self.cells)).map(|i| self.cell(i))
    }

    fn sort_key(&self, col: usize) -> Option<&SortKey> {
        self.sort[..usize::from(self.sorts)].get(col)
    }

    /// How this row and `other` compare on column `col`.
    pub fn compare(&self, other: &Row, col: usize) -> std::cmp::Ordering {
        match (self.sort_key(col), other.sort_key(col)) {
            (Some(SortKey::Text { rank: r1, cell: c1 }), Some(SortKey::Text { rank: r2, cell: c2 })) => {
                r1.cmp(r2).then_with(|| folded_cmp(self.cell(usize::from(*c1)), other.cell(usize::from(*c2))))
            }
            (a, b) => a.cmp(&b),
        }
    }

    /// Whether every word (already [`fold`]ed) is in some cell, ignoring case and accents.
    pub fn matches(&self, words: &[&str]) -> bool {
        words.iter().all(|w| self.cells().any(|c| folded_contains(c, w)))
    }
}

/// `fold(a).cmp(&fold(b))`, without folded copies when both are ASCII.
fn folded_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering::Equal;
    // Sorted columns repeat a few values (a staff group, a region): equal cells are the most
    // common comparison, and the cheapest.
    if a == b {
        return Equal;
    }
    if a.is_ascii() && b.is_ascii() {
        for (x, y) in a.bytes().zip(b.bytes()) {
            match x.to_ascii_lowercase().cmp(&y.to_ascii_lowercase()) {
                Equal => {}
                other => return other,
            }
        }
        a.len().cmp(&b.len())
    } else {
        fold(a).cmp(&fold(b))
    }
}

/// Whether `folded_needle` is in `haystack` once folded. Most cells are ASCII: they are
/// compared in place, without building a folded copy for every row on every keystroke.
fn folded_contains(haystack: &str, folded_needle: &str) -> bool {
    if folded_needle.is_empty() {
        return true;
    }
    if !haystack.is_ascii() {
        return fold(haystack).contains(folded_needle);
    }
    let needle = folded_needle.as_bytes();
    haystack.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
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
    /// Takes the room left, up to what it wants, before the others grow: the column a pane
    /// exists for (why a project is stuck), whose words are cut otherwise. It is admitted at
    /// its minimum, so a wide want does not push the columns after it out.
    pub first: bool,
}

pub use crate::domain::people::fold;

/// One pane's rows and the user's view of them.
#[derive(Debug, Clone, Default)]
pub struct TableView {
    pub rows: Vec<Row>,
    /// Indices into `rows` that pass the filter, in sort order.
    pub order: Vec<usize>,
    /// Every row's index in sort order, kept between refreshes: after a change of a few rows
    /// the sort starts from an almost sorted list, and takes one pass.
    sorted: Vec<usize>,
    /// Position in `order`.
    pub selected: usize,
    /// First visible position in `order`, kept by the drawing code.
    pub offset: usize,
    pub sort: Option<usize>,
    /// The column the rows are listed by while `sort` is `None`, if not their own order.
    pub natural: Option<usize>,
    pub reverse: bool,
    pub filter: String,
}

impl TableView {
    /// Replaces the rows, keeping the selected row where it still exists.
    #[cfg(test)]
    pub fn set_rows(&mut self, rows: Vec<Row>) {
        self.update_rows(|_| (rows, true));
    }

    /// Replaces the rows by what `update` makes of them, keeping the selected row where it
    /// still exists. `update` also says whether anything changed: if not, it handed back the
    /// same rows in the same order, and the filter, the sort and the selection still hold.
    pub fn update_rows(&mut self, update: impl FnOnce(Vec<Row>) -> (Vec<Row>, bool)) {
        let keep = self.selected_row().map(|r| r.target.clone());
        let (rows, changed) = update(std::mem::take(&mut self.rows));
        self.rows = rows;
        if !changed {
            return;
        }
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
        let n = self.rows.len();
        match self.sort.or(self.natural) {
            Some(col) => {
                if self.sorted.len() != n {
                    self.sorted = (0..n).collect();
                }
                let rows = &self.rows;
                // Rows alike in the sorted column stay in the natural order (prisons by name),
                // then in their own: the order never depends on the one before.
                let natural = self.natural.filter(|n| *n != col);
                // A pinned row stays first, whatever the sort and its direction.
                let below = |i: usize| !rows[i].pinned;
                self.sorted.sort_by(|a, b| {
                    let o = rows[*a].compare(&rows[*b], col);
                    let o = if self.reverse { o.reverse() } else { o };
                    below(*a)
                        .cmp(&below(*b))
                        .then(o)
                        .then_with(|| {
                            natural.map_or(std::cmp::Ordering::Equal, |n| rows[*a].compare(&rows[*b], n))
                        })
                        .then(a.cmp(b))
                });
            }
            None => {
                self.sorted = (0..n).collect();
                if self.reverse {
                    self.sorted.reverse();
                }
            }
        }
        self.order = self.sorted.iter().copied().filter(|&i| self.rows[i].matches(&words)).collect();
        self.selected = self.selected.min(self.order.len().saturating_sub(1));
    }

    pub fn selected_row(&self) -> Option<&Row> {
        self.order.get(self.selected).and_then(|&i| self.rows.get(i))
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.order.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Moves the first row shown so that the selected one is in view, `page` rows at a time.
    pub fn keep_in_view(&mut self, page: usize) {
        let page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(self.order.len().saturating_sub(page));
    }

    /// The first row to show in `page` rows: the offset the app keeps, within bounds and with
    /// the selected row in view, for a size the app was not told of yet.
    pub fn view_offset(&self, page: usize) -> usize {
        let page = page.max(1);
        let offset = self.offset.min(self.selected).max((self.selected + 1).saturating_sub(page));
        offset.min(self.order.len().saturating_sub(page))
    }

    /// Selects the row standing for `target`, if the table shows one.
    pub fn select_target(&mut self, target: &Target) -> bool {
        match self.order.iter().position(|&i| self.rows[i].target == *target) {
            Some(pos) => {
                self.selected = pos;
                true
            }
            None => false,
        }
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
            &[name.to_string(), n.to_string()].into_iter().collect(),
            &[SortKey::text(0), SortKey::Num(n)],
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
    fn a_word_matches_within_one_cell_only_and_accents_fold_both_ways() {
        let r = Row::new(
            &["Gent", "Oost", "Liège"].into_iter().collect(),
            &[],
            Target::Prison("x".into()),
            Tone::Normal,
        );
        assert_eq!((r.cell(0), r.cell(1), r.cell(2), r.cell(3)), ("Gent", "Oost", "Liège", ""));
        assert!(r.matches(&["gent", "oost"]));
        assert!(r.matches(&["liege"]) && r.matches(&["ie"]));
        assert!(!r.matches(&["ntoo"]), "no match across two cells");
        assert!(!r.matches(&["gent", "zzz"]), "every word must match");
        assert!(r.matches(&[]));
    }

    #[test]
    fn folded_comparison_is_the_comparison_of_folded_text() {
        let words = ["", "a", "A", "ab", "Ab", "b", "Liège", "liege", "Liege ", "Lier", "Z", "é", "e", "f"];
        for a in words {
            for b in words {
                assert_eq!(folded_cmp(a, b), fold(a).cmp(&fold(b)), "{a:?} {b:?}");
            }
        }
    }

    /// A pinned row (the central group's) is first by every column, either way.
    #[test]
    fn a_pinned_row_stays_first_whatever_the_sort() {
        let mut t = TableView::default();
        t.set_rows(vec![row("b", 2), row("z", 9).pinned(), row("a", 3)]);
        for col in [0, 1] {
            t.cycle_sort(2);
            assert_eq!(t.order[0], 1, "column {col}");
            t.toggle_reverse();
            assert_eq!(t.order[0], 1, "column {col} reversed");
            t.toggle_reverse();
        }
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
        assert_eq!(t.selected_row().unwrap().cell(0), "c");
    }
}
