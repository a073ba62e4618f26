//! The five panes' rows, in the words of the UI language, one file a pane: what the screen
//! lists and the report prints. What the keys do on them is the app's (`app::panes`).

mod authorisations;
mod concertation;
mod gaps;
mod prisons;
pub use prisons::NOT_YOURS;
pub mod table;
mod training;

use std::cell::OnceCell;

use crate::domain::rules::{Scope, Situation};
use crate::domain::{Dataset, FastMap};
use crate::i18n::names::{Names, deref_names};
use crate::i18n::{Lang, Msg};
use table::{Column, Row, Target};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaneId {
    Prisons,
    Gaps,
    Authorisations,
    Training,
    Concertation,
}

impl PaneId {
    pub const ALL: [PaneId; 5] =
        [PaneId::Prisons, PaneId::Gaps, PaneId::Authorisations, PaneId::Training, PaneId::Concertation];

    /// Its place in [`PaneId::ALL`]: tabs are numbered from it.
    pub fn index(self) -> usize {
        PaneId::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    /// The pane after this one, the first after the last.
    pub fn next(self) -> PaneId {
        PaneId::ALL[(self.index() + 1) % PaneId::ALL.len()]
    }

    /// The pane before this one, the last before the first.
    pub fn previous(self) -> PaneId {
        PaneId::ALL[(self.index() + PaneId::ALL.len() - 1) % PaneId::ALL.len()]
    }

    pub fn title(self) -> Msg {
        match self {
            PaneId::Prisons => Msg::PanePrisons,
            PaneId::Gaps => Msg::PaneGaps,
            PaneId::Authorisations => Msg::PaneAuthorisations,
            PaneId::Training => Msg::PaneTraining,
            PaneId::Concertation => Msg::PaneConcertation,
        }
    }

    pub fn tab(self) -> Msg {
        match self {
            PaneId::Prisons => Msg::TabPrisons,
            PaneId::Gaps => Msg::TabGaps,
            PaneId::Authorisations => Msg::TabAuthorisations,
            PaneId::Training => Msg::TabTraining,
            PaneId::Concertation => Msg::TabConcertation,
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            PaneId::Prisons => prisons::COLUMNS,
            PaneId::Gaps => gaps::COLUMNS,
            PaneId::Authorisations => authorisations::COLUMNS,
            PaneId::Training => training::COLUMNS,
            PaneId::Concertation => concertation::COLUMNS,
        }
    }

    /// The column that names an establishment, whose names may differ only at their end
    /// ("Forensisch Psychiatrisch Centrum Gent" / "… Antwerpen"): cut in the middle.
    pub fn establishment_column(self) -> Option<usize> {
        match self {
            PaneId::Prisons | PaneId::Training => Some(0),
            PaneId::Authorisations => Some(1),
            PaneId::Gaps | PaneId::Concertation => None,
        }
    }

    /// How many rows the pane has for `situation`: one per item it lists.
    pub fn count(self, situation: &Situation) -> usize {
        match self {
            // The prisons: the central group's row above them is not one.
            PaneId::Prisons => situation.prisons.len(),
            PaneId::Gaps => {
                let missing = situation.prisons.iter().filter(|p| p.missing_since.is_some()).count();
                situation.gaps.len() + missing + situation.overloads.len()
            }
            PaneId::Authorisations => situation.pending.len(),
            PaneId::Training => situation.needs.len(),
            PaneId::Concertation => situation.concertation.len(),
        }
    }

    /// The rows in the order the pane lists them until the user sorts.
    pub fn rows(self, ctx: &RowSource) -> Vec<Row> {
        let mut rows = self.update_rows(ctx, Vec::new(), &Scope::everything()).0;
        if let Some(col) = self.natural_sort() {
            rows.sort_by(|a, b| a.compare(b, col));
        }
        rows
    }

    /// The column the pane is listed by until the user sorts, when it is not the order of the
    /// rules: prisons by name, in the UI language.
    pub fn natural_sort(self) -> Option<usize> {
        match self {
            PaneId::Prisons => Some(0),
            PaneId::Gaps | PaneId::Authorisations | PaneId::Training | PaneId::Concertation => None,
        }
    }

    /// The rows after a change within `scope`: rebuilt where the change may have altered
    /// them, taken over from `old` everywhere else; and whether any changed (if not, they
    /// are `old` as it was, in the same order).
    /// Rows come in the order of the rules (see [`Reuse`]); the table sorts them for display.
    pub fn update_rows(self, ctx: &RowSource, old: Vec<Row>, scope: &Scope) -> (Vec<Row>, bool) {
        let mut reuse = Reuse::new(old, scope);
        let rows = match self {
            PaneId::Prisons => prisons::rows(ctx, &mut reuse),
            PaneId::Gaps => gaps::rows(ctx, &mut reuse),
            PaneId::Authorisations => authorisations::rows(ctx, &mut reuse),
            PaneId::Training => training::rows(ctx, &mut reuse),
            PaneId::Concertation => concertation::rows(ctx, &mut reuse),
        };
        let changed = reuse.changed();
        (rows, changed)
    }
}

/// The rows of a pane before a change, to be taken over where the change cannot have
/// altered them. Building rows is what costs after a change (text in the UI language,
/// folded for the filter); a saved form alters a few of thousands.
///
/// [`Situation::update`] keeps what is outside the scope in place and in order, so the old
/// rows come in the order of the new items: the row of an item outside the scope is the next
/// old row with its target, and the old rows passed over on the way were in scope.
pub struct Reuse<'s> {
    old: std::vec::IntoIter<Row>,
    pub scope: &'s Scope,
    /// Rows built, and old rows passed over (dropped).
    built: usize,
    dropped: usize,
}

impl<'s> Reuse<'s> {
    fn new(old: Vec<Row>, scope: &'s Scope) -> Reuse<'s> {
        // Everything changed: no old row is taken over, and every one counts as dropped (a
        // pane that had rows and has none has changed).
        let (old, dropped) = if scope.everything { (Vec::new(), old.len()) } else { (old, 0) };
        Reuse { old: old.into_iter(), scope, built: 0, dropped }
    }

    /// The row for `target`: the old one unless `changed` (the item is in scope), else built.
    pub fn row(
        &mut self,
        target: Target,
        changed: bool,
        build: impl FnOnce(Target) -> Option<Row>,
    ) -> Option<Row> {
        if !changed {
            for old in self.old.by_ref() {
                if old.target == target {
                    return Some(old);
                }
                self.dropped += 1;
            }
        }
        self.built += 1;
        build(target)
    }

    fn changed(&self) -> bool {
        self.built > 0 || self.dropped > 0 || self.old.len() > 0
    }
}

/// What building rows reads; names come through [`Names`].
pub struct RowSource<'a> {
    pub names: Names<'a>,
    pub situation: &'a Situation,
    pub ascii: bool,
    /// Each establishment's name, by id, once a row has asked for one: thousands of rows name
    /// a prison, and a hash beats a walk through the tree of establishments.
    establishments: OnceCell<FastMap<&'a str, &'a str>>,
}

deref_names!(RowSource);

impl<'a> RowSource<'a> {
    pub fn new(data: &'a Dataset, situation: &'a Situation, lang: Lang, ascii: bool) -> RowSource<'a> {
        let names = Names::new(data, lang, situation.as_of);
        RowSource { names, situation, ascii, establishments: OnceCell::new() }
    }

    /// [`Names::establishment_name`], looked up in a map made once for all the rows.
    pub fn establishment_name<'s>(&'s self, id: &'s str) -> &'s str {
        let names = self.establishments.get_or_init(|| {
            let (data, lang) = (self.names.data, self.names.lang);
            data.establishments.iter().map(|(id, e)| (id.as_str(), e.name(lang.code()))).collect()
        });
        names.get(id).copied().unwrap_or(id)
    }
}

/// A ten-step bar: `#####.....` in ASCII, blocks otherwise. Readable without colour.
pub fn bar(percent: u8, ascii: bool) -> String {
    Bar(percent, ascii).to_string()
}

/// The bar of a percentage (see [`bar`]), ASCII or not, written into whatever is being written.
pub struct Bar(pub u8, pub bool);

impl std::fmt::Display for Bar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Bar(percent, ascii) = *self;
        let filled = usize::from(percent.min(100)).div_ceil(10).min(10);
        let filled = if percent > 0 && percent < 100 { filled.clamp(1, 9) } else { filled };
        let (on, off) = if ascii { ("#", ".") } else { ("█", "░") };
        for _ in 0..filled {
            f.write_str(on)?;
        }
        for _ in filled..10 {
            f.write_str(off)?;
        }
        Ok(())
    }
}

impl PaneId {
    /// The pane a row belongs to (the central group's is the prisons' first).
    pub fn of(target: &Target) -> PaneId {
        match target {
            Target::Central | Target::Prison(_) => PaneId::Prisons,
            Target::Gap { .. } | Target::Overload(_) => PaneId::Gaps,
            Target::Project(_) => PaneId::Authorisations,
            Target::Need(_) => PaneId::Training,
            Target::Service(_) | Target::CapbMeeting(_) | Target::Production(_) | Target::Admission(_) => {
                PaneId::Concertation
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::table::MAX_CELLS;
    use super::{PaneId, bar};

    /// A row holds at most `MAX_CELLS` cells and drops the rest: no pane may have more columns.
    #[test]
    fn every_pane_fits_in_a_row() {
        for pane in PaneId::ALL {
            assert!(pane.columns().len() <= MAX_CELLS, "{pane:?}");
        }
    }

    #[test]
    fn bar_is_full_only_at_100_and_empty_only_at_0() {
        assert_eq!(bar(0, true), "..........");
        assert_eq!(bar(1, true), "#.........");
        assert_eq!(bar(99, true), "#########.");
        assert_eq!(bar(100, false), "██████████");
    }
}
