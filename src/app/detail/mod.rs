//! The detail views that Enter opens: one file per kind of row. They are built here, in the
//! app, when the view opens and when the data, the date or the language change; drawing only
//! reads them. Lines say what they are (a heading, an alert), the theme how that looks.

mod central;
mod concertation;
mod gap;
mod need;
mod overload;
mod prison;
mod project;

use super::table::Target;
use crate::i18n::names::{Names, deref_names};
use chrono::NaiveDate;

use super::Item;
use crate::domain::Dataset;
use crate::domain::rules::Situation;
use crate::i18n::{Lang, Msg};

/// What a line of a detail view is, for the theme to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStyle {
    Plain,
    Heading,
    /// Needs attention: it starts with "!", so it reads without colour too.
    Alert,
    /// Less important (a legend).
    Dim,
    /// A label and its value: the first `label` bytes are the label.
    Field {
        label: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetailLine {
    pub text: String,
    pub style: LineStyle,
}

impl DetailLine {
    pub fn plain(text: impl Into<String>) -> DetailLine {
        DetailLine { text: text.into(), style: LineStyle::Plain }
    }

    pub fn dim(text: impl Into<String>) -> DetailLine {
        DetailLine { text: text.into(), style: LineStyle::Dim }
    }
}

/// What a detail view shows: a title, lines of text, the entries among them that can be
/// selected (line index, entry), and perhaps a meetings sparkline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailView {
    pub title: String,
    pub lines: Vec<DetailLine>,
    pub items: Vec<(usize, Item)>,
    pub spark: Option<Spark>,
}

impl DetailView {
    pub fn new(title: String) -> DetailView {
        DetailView { title, ..DetailView::default() }
    }

    pub fn push(&mut self, line: DetailLine) {
        self.lines.push(line);
    }

    /// A line that stands for an entry the user can select, edit or delete.
    pub fn entry(&mut self, item: Item, line: DetailLine) {
        self.items.push((self.lines.len(), item));
        self.lines.push(line);
    }

    /// The selected entry, and how its line reads (without its "!" or indent): what `e` and `d`
    /// act on and how the delete question names it.
    pub fn entry_at(&self, index: usize) -> Option<(&Item, &str)> {
        let (line, item) = self.items.get(index)?;
        let text = self.lines.get(*line).map_or("", |l| l.text.trim_start_matches(['!', ' ']));
        Some((item, text))
    }

    /// The line of the entry at `index`.
    pub fn entry_line(&self, index: usize) -> Option<usize> {
        self.items.get(index).map(|(line, _)| *line)
    }
}

/// The sparkline of meetings per year takes this many rows (label, chart, axis) ...
pub const SPARK_ROWS: u16 = 6;
/// ... when the view's inside is at least this high.
pub const SPARK_MIN_HEIGHT: u16 = 10;

/// Meetings per year from `first_year` on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spark {
    pub values: Vec<u64>,
    pub first_year: i32,
}

/// What the detail builders read; names come through [`Names`].
pub struct DetailSource<'a> {
    /// What the rules make of the data on the date shown.
    pub situation: &'a Situation,
    pub ascii: bool,
    pub names: Names<'a>,
}

deref_names!(DetailSource);

impl<'a> DetailSource<'a> {
    /// The data, what the rules make of it on `as_of`, in `lang`; ASCII marks where asked.
    pub fn new(
        data: &'a Dataset,
        situation: &'a Situation,
        as_of: NaiveDate,
        lang: Lang,
        ascii: bool,
    ) -> DetailSource<'a> {
        DetailSource { situation, ascii, names: Names::new(data, lang, as_of) }
    }

    pub fn heading(&self, msg: Msg) -> DetailLine {
        DetailLine { text: self.lang.t(msg).to_string(), style: LineStyle::Heading }
    }
    /// A label and its value on one line.
    pub fn field(&self, label: Msg, value: String) -> DetailLine {
        let label = format!("{}{}", self.lang.t(label), self.lang.colon());
        DetailLine { style: LineStyle::Field { label: label.len() }, text: label + &value }
    }
    /// A line that needs attention: a "!" says so without colour.
    pub fn alert(&self, text: String) -> DetailLine {
        DetailLine { text: format!("! {text}"), style: LineStyle::Alert }
    }
    pub fn item(&self, text: String) -> DetailLine {
        DetailLine::plain(format!("  {text}"))
    }
}

/// The detail view of a row, as the data, the date and the language are now.
pub fn build(ctx: &DetailSource, target: &Target) -> DetailView {
    match target {
        Target::Central => central::build(ctx),
        Target::Prison(id) => prison::build(ctx, id),
        Target::Gap { group, seat } => gap::build(ctx, *group, seat),
        Target::Overload(person) => overload::build(ctx, *person),
        Target::Project(id) => project::build(ctx, *id),
        Target::Need(id) => need::build(ctx, *id),
        Target::Service(id) => concertation::service(ctx, *id),
        Target::CapbMeeting(id) => concertation::meeting(ctx, *id),
        Target::Production(id) => concertation::production(ctx, *id),
        Target::Admission(id) => concertation::admission(ctx, *id),
    }
}
