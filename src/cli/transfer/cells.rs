//! One cell's text, both ways: the codes of enums, lists inside a cell, formulas defused,
//! and the limits and checks every text cell meets.

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::Serializer;

use super::{Said, said};
use crate::domain::project::StepError;
use crate::domain::{FundamentalElement, GroupKind, ProjectStep};
use crate::i18n::Msg;

pub use crate::domain::admission::{NAME_MAX, NOTE_MAX, SLUG_MAX};
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

// ---------------------------------------------------------------------------------------------
// Codes of the enums that have no `code()` of their own.

pub const GROUP_KINDS: [GroupKind; 2] = [GroupKind::Central, GroupKind::Local];

pub fn group_kind_code(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Central => "central",
        GroupKind::Local => "local",
    }
}

pub const STEP_CODES: [&str; 7] =
    ["draft", "submitted", "authorised", "refused", "withdrawn", "running", "ended"];

/// A step's code and its text (the conditions of an authorisation or the reason of a refusal).
pub fn step_code(step: &ProjectStep) -> (&'static str, &str) {
    match step {
        ProjectStep::Draft => ("draft", ""),
        ProjectStep::Submitted => ("submitted", ""),
        ProjectStep::Authorised { conditions } => ("authorised", conditions),
        ProjectStep::Refused { reason } => ("refused", reason),
        ProjectStep::Withdrawn => ("withdrawn", ""),
        ProjectStep::Running => ("running", ""),
        ProjectStep::Ended => ("ended", ""),
    }
}

pub fn element_code(element: &FundamentalElement) -> String {
    match element {
        FundamentalElement::DrugFreeWing => "drug_free_wing".into(),
        FundamentalElement::UrineTests => "urine_tests".into(),
        FundamentalElement::Other(text) => format!("other:{text}"),
    }
}

pub fn step_error_message(e: StepError) -> Msg {
    match e {
        StepError::BeforeLastEvent => Msg::ImpStepBeforeLast,
        StepError::NotAllowedFrom => Msg::ImpStepNotAllowed,
    }
}

// ---------------------------------------------------------------------------------------------
// Lists inside a cell.

/// Escapes `\` and `|` so that an item can be joined with others by `|`.
pub fn escape_item(item: &str) -> String {
    item.replace('\\', "\\\\").replace('|', "\\|")
}

pub fn join_items<I: IntoIterator<Item = String>>(items: I) -> String {
    items.into_iter().map(|i| escape_item(&i)).collect::<Vec<_>>().join("|")
}

/// Splits a cell on unescaped `|`, unescapes, trims and drops empty items. A `\` before
/// anything else than `|` or `\` is kept as it is.
pub fn split_items(cell: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some('\\' | '|')) => current.extend(chars.next()),
            '|' => items.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    items.push(current);
    items.into_iter().map(|i| i.trim().to_string()).filter(|i| !i.is_empty()).collect()
}

// ---------------------------------------------------------------------------------------------
// What a decision releases, and to whom: `production:12:public`, `minutes:30:A + B`.

/// Between two recipients' names in a release's `to`.
pub const RECIPIENTS_JOIN: &str = " + ";

pub fn release_code(r: &crate::domain::concertation::Release) -> String {
    use crate::domain::concertation::{Recipients, Released};
    let (kind, id) = match r.object {
        Released::Production(p) => ("production", p),
        Released::Minutes(m) => ("minutes", m),
    };
    let to = match &r.to {
        Recipients::Public => "public".to_string(),
        Recipients::Named(names) => names.join(RECIPIENTS_JOIN),
    };
    format!("{kind}:{id}:{to}")
}

// ---------------------------------------------------------------------------------------------
// Formula injection: a spreadsheet runs a cell that starts with one of these.

/// OWASP's list for CSV injection: a cell that starts with `=`, `+`, `-` or `@`, or with a tab
/// or a carriage return (behind which a spreadsheet finds `=cmd|…` all the same).
pub fn looks_like_formula(text: &str) -> bool {
    matches!(text.trim_start_matches('\'').chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// Adds a leading `'` to a text a spreadsheet would run as a formula.
pub fn defuse(text: &str) -> String {
    if looks_like_formula(text) { format!("'{text}") } else { text.to_string() }
}

/// Takes off the `'` that [`defuse`] adds (or that a person typed to the same end).
pub fn restore(text: String) -> String {
    if text.starts_with('\'') && looks_like_formula(&text) { text[1..].to_string() } else { text }
}

// ---------------------------------------------------------------------------------------------
// Cells as written.

/// One cell as written: text (defused in CSV), a code, a number, a flag or nothing.
pub enum Cell {
    Text(String),
    Code(String),
    Num(u64),
    Bool(bool),
    Null,
}

impl Cell {
    pub fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
    pub fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Null, Cell::text)
    }
    pub fn code(s: &str) -> Cell {
        Cell::Code(s.to_string())
    }
    pub fn opt_num(n: Option<u64>) -> Cell {
        n.map_or(Cell::Null, Cell::Num)
    }
    pub fn date(d: NaiveDate) -> Cell {
        Cell::Code(d.format("%Y-%m-%d").to_string())
    }
    pub fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Null, Cell::date)
    }

    pub fn csv_text(&self) -> String {
        match self {
            Cell::Text(s) => defuse(s),
            Cell::Code(s) => s.clone(),
            Cell::Num(n) => n.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Null => String::new(),
        }
    }
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(t) | Cell::Code(t) => s.serialize_str(t),
            Cell::Num(n) => s.serialize_u64(*n),
            Cell::Bool(b) => s.serialize_bool(*b),
            Cell::Null => s.serialize_none(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Checks of a cell read.

/// At most 40 characters of a bad value, for an error message.
pub fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// The door's check of a text (`admission::check_text`), said as import says it.
pub fn check_text(text: &str, max: usize) -> Result<(), Said> {
    use crate::domain::admission::{Flaw, check_text};
    check_text(text, max).map_err(|flaw| match flaw {
        Flaw::TooLong { max } => said!(Msg::ImpTooLong, max.to_string()),
        Flaw::ControlChar(c) => said!(Msg::ImpControlChar, format!("{c:04X}")),
        Flaw::NationalNumber(number) => said!(Msg::ImpNationalNumber, number),
        Flaw::Empty => said!(Msg::ImpIsEmpty),
        Flaw::IdTooHigh => said!(Msg::FlawIdTooHigh),
        Flaw::DateOutOfRange => said!(Msg::FlawDateOutOfRange),
    })
}

pub fn parse_code<T: Copy>(text: &str, what: Msg, all: &[T], code: fn(T) -> &'static str) -> Result<T, Said> {
    let wanted = text.trim().to_lowercase();
    all.iter().copied().find(|v| code(*v) == wanted).ok_or_else(|| {
        let known: Vec<&str> = all.iter().map(|v| code(*v)).collect();
        said!(Msg::ImpUnknownCode, what, format!("{:?}", shorten(text)), known.join(", "))
    })
}
