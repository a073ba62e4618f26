//! What a row of a pane is: its cells, built once per change of data, date or language, the
//! keys it sorts by, what it stands for; and a column. The screen's table (its selection,
//! filter and sort) is `app::table`.

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
    pub(crate) pinned: bool,
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
pub(crate) fn folded_cmp(a: &str, b: &str) -> std::cmp::Ordering {
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
pub(crate) fn folded_contains(haystack: &str, folded_needle: &str) -> bool {
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
