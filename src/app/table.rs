//! What every pane is on screen: its rows (`rows::table`), filtered and sorted on demand, a
//! selection among them. Drawing reads only the rows that are on screen.

#[cfg(test)]
use crate::rows::table::folded_cmp;
pub use crate::rows::table::*;

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
