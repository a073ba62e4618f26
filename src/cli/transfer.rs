//! Export and import of every record kind as CSV or JSON.
//!
//! An export is a directory with one file per record kind and a `CONFIDENTIAL.txt`:
//!
//! | file | columns |
//! |---|---|
//! | `establishments` | id, name_fr, name_nl, town, region, language, kind, opened, closed, note |
//! | `people` | id, name, function, organisation, qualifications, contact |
//! | `groups` | id, kind, establishment, created, dissolved |
//! | `templates` | id, kind, effective_from, source |
//! | `template_seats` | template, position, key, label, min, at_least, qualification, heavy |
//! | `memberships` | id, person, group, seat, from, until, delegate_of |
//! | `meetings` | id, group, date, attendees, notes |
//! | `projects` | id, establishment, title, promoter, elements |
//! | `project_events` | project, position, date, step, conditions_or_reason |
//! | `training_needs` | id, establishment, staff_group, topic, headcount, priority, raised_on |
//! | `training_sessions` | id, establishment, topic, date, trainer, participants, covers |
//!
//! CSV is written for spreadsheets: `;` separator, UTF-8 with a BOM, CRLF line ends, ISO
//! dates, lists in a cell joined with `|` (a `|` or `\` inside an item is escaped with `\`),
//! enums as their codes. A text cell that a spreadsheet would run as a formula (it starts with
//! `=`, `+`, `-` or `@`, possibly after apostrophes) gets one more leading `'`, which import
//! takes off again. JSON files hold `{"confidential": ..., "schema": 1, "records": [...]}`
//! with one object per row, keyed by the same column names.
//!
//! Import reads either format and is lenient about what spreadsheets do (`;` or `,`, BOM or
//! not, CRLF, `dd/mm/yyyy` dates, spaces around cells) but strict about content: any bad row
//! fails the whole import with the file and line that hold it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

use crate::domain::date::parse_date;
use crate::domain::project::StepError;
use crate::domain::{
    Dataset, Establishment, EstablishmentKind, FundamentalElement, Group, GroupKind, LanguageRegime, Meeting,
    Membership, Person, Priority, Project, ProjectStep, Qualification, Record, Region, SeatRequirement,
    SeatTemplate, StaffGroup, TrainingNeed, TrainingSession,
};
use crate::store::{create_private_dir, write_private_file};

/// The notice every export carries, in English (also the `confidential` field of JSON files).
pub const CONFIDENTIAL_EN: &str = "These files hold confidential work data of the drug steering groups \
     and must not be shared without the members' agreement.";
const CONFIDENTIAL_FR: &str = "Ces fichiers contiennent des données de travail confidentielles des \
     groupes de pilotage drogue et ne peuvent pas être diffusés sans l'accord de leurs membres.";
const CONFIDENTIAL_NL: &str = "Deze bestanden bevatten vertrouwelijke werkgegevens van de stuurgroepen \
     drugs en mogen niet zonder de toestemming van de leden worden gedeeld.";

/// The version of the file format, written in JSON files.
pub const SCHEMA: u64 = 1;
/// The name of the notice file written beside the data files.
pub const NOTICE_FILE: &str = "CONFIDENTIAL.txt";

/// Longest identifier (establishment slug, seat key).
const SLUG_MAX: usize = 100;
/// Longest one-line text (names, titles, functions, contacts, labels).
const NAME_MAX: usize = 500;
/// Longest free text (notes, conditions, reasons).
const NOTE_MAX: usize = 10_000;
/// Largest file import reads: far above a hundred times Belgium.
const FILE_MAX: u64 = 64 << 20;
const BOM: &[u8] = b"\xEF\xBB\xBF";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// What went wrong, and where: the file, and for CSV the 1-based line (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl TransferError {
    fn new(file: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        TransferError { file: file.to_path_buf(), line, message: message.into() }
    }
}

impl fmt::Display for TransferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file.display(), self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

impl std::error::Error for TransferError {}

/// The files of an export, one per record kind (templates and projects take two).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum FileKind {
    Establishments,
    People,
    Groups,
    Templates,
    TemplateSeats,
    Memberships,
    Meetings,
    Projects,
    ProjectEvents,
    TrainingNeeds,
    TrainingSessions,
}

impl FileKind {
    const ALL: [FileKind; 11] = [
        Self::Establishments,
        Self::People,
        Self::Groups,
        Self::Templates,
        Self::TemplateSeats,
        Self::Memberships,
        Self::Meetings,
        Self::Projects,
        Self::ProjectEvents,
        Self::TrainingNeeds,
        Self::TrainingSessions,
    ];

    fn stem(self) -> &'static str {
        match self {
            Self::Establishments => "establishments",
            Self::People => "people",
            Self::Groups => "groups",
            Self::Templates => "templates",
            Self::TemplateSeats => "template_seats",
            Self::Memberships => "memberships",
            Self::Meetings => "meetings",
            Self::Projects => "projects",
            Self::ProjectEvents => "project_events",
            Self::TrainingNeeds => "training_needs",
            Self::TrainingSessions => "training_sessions",
        }
    }

    fn columns(self) -> &'static [&'static str] {
        match self {
            Self::Establishments => &[
                "id", "name_fr", "name_nl", "town", "region", "language", "kind", "opened", "closed", "note",
            ],
            Self::People => &["id", "name", "function", "organisation", "qualifications", "contact"],
            Self::Groups => &["id", "kind", "establishment", "created", "dissolved"],
            Self::Templates => &["id", "kind", "effective_from", "source"],
            Self::TemplateSeats => {
                &["template", "position", "key", "label", "min", "at_least", "qualification", "heavy"]
            }
            Self::Memberships => &["id", "person", "group", "seat", "from", "until", "delegate_of"],
            Self::Meetings => &["id", "group", "date", "attendees", "notes"],
            Self::Projects => &["id", "establishment", "title", "promoter", "elements"],
            Self::ProjectEvents => &["project", "position", "date", "step", "conditions_or_reason"],
            Self::TrainingNeeds => {
                &["id", "establishment", "staff_group", "topic", "headcount", "priority", "raised_on"]
            }
            Self::TrainingSessions => {
                &["id", "establishment", "topic", "date", "trainer", "participants", "covers"]
            }
        }
    }

    /// The other file of a pair (templates with their seats, projects with their events).
    fn partner(self) -> Option<FileKind> {
        match self {
            Self::Templates => Some(Self::TemplateSeats),
            Self::TemplateSeats => Some(Self::Templates),
            Self::Projects => Some(Self::ProjectEvents),
            Self::ProjectEvents => Some(Self::Projects),
            _ => None,
        }
    }

    /// The kind and format a file name stands for, if it is one of an export's files.
    fn of_file(path: &Path) -> Option<(FileKind, Format)> {
        let stem = path.file_stem()?.to_str()?.to_ascii_lowercase();
        let format = Format::from_extension(path.extension()?.to_str()?)?;
        let kind = Self::ALL.into_iter().find(|k| k.stem() == stem)?;
        Some((kind, format))
    }
}

// ---------------------------------------------------------------------------------------------
// Codes of the enums that have no `code()` of their own.

const GROUP_KINDS: [GroupKind; 2] = [GroupKind::Central, GroupKind::Local];

fn group_kind_code(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Central => "central",
        GroupKind::Local => "local",
    }
}

const STEP_CODES: [&str; 5] = ["draft", "submitted", "authorised", "refused", "withdrawn"];

/// A step's code and its text (the conditions of an authorisation or the reason of a refusal).
fn step_code(step: &ProjectStep) -> (&'static str, &str) {
    match step {
        ProjectStep::Draft => ("draft", ""),
        ProjectStep::Submitted => ("submitted", ""),
        ProjectStep::Authorised { conditions } => ("authorised", conditions),
        ProjectStep::Refused { reason } => ("refused", reason),
        ProjectStep::Withdrawn => ("withdrawn", ""),
    }
}

fn element_code(element: &FundamentalElement) -> String {
    match element {
        FundamentalElement::DrugFreeWing => "drug_free_wing".into(),
        FundamentalElement::UrineTests => "urine_tests".into(),
        FundamentalElement::Other(text) => format!("other:{text}"),
    }
}

fn step_error_message(e: StepError) -> &'static str {
    match e {
        StepError::BeforeLastEvent => "this event is dated before the project's previous event",
        StepError::NotAllowedFrom => {
            "this step cannot follow the project's previous one (a decision needs a submission \
             first; a decided or withdrawn project is closed)"
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lists inside a cell.

/// Escapes `\` and `|` so that an item can be joined with others by `|`.
fn escape_item(item: &str) -> String {
    item.replace('\\', "\\\\").replace('|', "\\|")
}

fn join_items<I: IntoIterator<Item = String>>(items: I) -> String {
    items.into_iter().map(|i| escape_item(&i)).collect::<Vec<_>>().join("|")
}

/// Splits a cell on unescaped `|`, unescapes, trims and drops empty items. A `\` before
/// anything else than `|` or `\` is kept as it is.
fn split_items(cell: &str) -> Vec<String> {
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
// Formula injection: a spreadsheet runs a cell that starts with one of these.

/// OWASP's list for CSV injection: a cell that starts with `=`, `+`, `-` or `@`, or with a tab
/// or a carriage return (behind which a spreadsheet finds `=cmd|…` all the same).
fn looks_like_formula(text: &str) -> bool {
    matches!(text.trim_start_matches('\'').chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// Adds a leading `'` to a text a spreadsheet would run as a formula.
fn defuse(text: &str) -> String {
    if looks_like_formula(text) { format!("'{text}") } else { text.to_string() }
}

/// Takes off the `'` that [`defuse`] adds (or that a person typed to the same end).
fn restore(text: String) -> String {
    if text.starts_with('\'') && looks_like_formula(&text) { text[1..].to_string() } else { text }
}

// ---------------------------------------------------------------------------------------------
// Export.

/// One cell as written: text (defused in CSV), a code, a number, a flag or nothing.
enum Cell {
    Text(String),
    Code(String),
    Num(u64),
    Bool(bool),
    Null,
}

impl Cell {
    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
    fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Null, Cell::text)
    }
    fn code(s: &str) -> Cell {
        Cell::Code(s.to_string())
    }
    fn opt_num(n: Option<u64>) -> Cell {
        n.map_or(Cell::Null, Cell::Num)
    }
    fn date(d: NaiveDate) -> Cell {
        Cell::Code(d.format("%Y-%m-%d").to_string())
    }
    fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Null, Cell::date)
    }

    fn csv_text(&self) -> String {
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

/// A row as a JSON object, its keys in column order.
struct JsonRow<'a> {
    columns: &'static [&'static str],
    cells: &'a [Cell],
}

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.cells.len()))?;
        for (column, cell) in self.columns.iter().zip(self.cells) {
            map.serialize_entry(column, cell)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    confidential: &'static str,
    schema: u64,
    records: Vec<JsonRow<'a>>,
}

/// Every file's rows, in the order of [`FileKind::ALL`].
fn tables(data: &Dataset) -> Vec<(FileKind, Vec<Vec<Cell>>)> {
    use FileKind as K;
    let establishments = data
        .establishments
        .values()
        .map(|e| {
            vec![
                Cell::text(&e.id),
                Cell::text(&e.name_fr),
                Cell::text(&e.name_nl),
                Cell::text(&e.town),
                Cell::code(e.region.code()),
                Cell::code(e.language.code()),
                Cell::code(e.kind.code()),
                Cell::opt_date(e.opened),
                Cell::opt_date(e.closed),
                Cell::text(&e.note),
            ]
        })
        .collect();
    let people = data
        .people
        .values()
        .map(|p| {
            vec![
                Cell::Num(p.id),
                Cell::text(&p.name),
                Cell::text(&p.function),
                Cell::text(&p.organisation),
                Cell::Code(join_items(p.qualifications.iter().map(|q| q.code().to_string()))),
                Cell::text(&p.contact),
            ]
        })
        .collect();
    let groups = data
        .groups
        .values()
        .map(|g| {
            vec![
                Cell::Num(g.id),
                Cell::code(group_kind_code(g.kind)),
                Cell::opt_text(g.establishment.as_deref()),
                Cell::opt_date(g.created),
                Cell::opt_date(g.dissolved),
            ]
        })
        .collect();
    let templates = data
        .templates
        .values()
        .map(|t| {
            vec![
                Cell::Num(t.id),
                Cell::code(group_kind_code(t.kind)),
                Cell::date(t.effective_from),
                Cell::text(&t.source),
            ]
        })
        .collect();
    let seats = data
        .templates
        .values()
        .flat_map(|t| {
            t.seats.iter().zip(1u64..).map(|(s, position)| {
                vec![
                    Cell::Num(t.id),
                    Cell::Num(position),
                    Cell::text(&s.key),
                    Cell::text(&s.label),
                    Cell::Num(u64::from(s.min)),
                    Cell::Bool(s.at_least),
                    s.qualification.map_or(Cell::Null, |q| Cell::code(q.code())),
                    Cell::Bool(s.heavy),
                ]
            })
        })
        .collect();
    let memberships = data
        .memberships
        .values()
        .map(|m| {
            vec![
                Cell::Num(m.id),
                Cell::Num(m.person),
                Cell::Num(m.group),
                Cell::text(&m.seat),
                Cell::date(m.from),
                Cell::opt_date(m.until),
                Cell::opt_num(m.delegate_of),
            ]
        })
        .collect();
    let meetings = data
        .meetings
        .values()
        .map(|m| {
            vec![
                Cell::Num(m.id),
                Cell::Num(m.group),
                Cell::date(m.date),
                Cell::Code(join_items(m.attendees.iter().map(u64::to_string))),
                Cell::text(&m.notes),
            ]
        })
        .collect();
    let projects = data
        .projects
        .values()
        .map(|p| {
            vec![
                Cell::Num(p.id),
                Cell::text(&p.establishment),
                Cell::text(&p.title),
                Cell::text(&p.promoter),
                Cell::Code(join_items(p.elements.iter().map(element_code))),
            ]
        })
        .collect();
    let events = data
        .projects
        .values()
        .flat_map(|p| {
            p.history.iter().zip(1u64..).map(|(e, position)| {
                let (code, text) = step_code(&e.step);
                vec![
                    Cell::Num(p.id),
                    Cell::Num(position),
                    Cell::date(e.date),
                    Cell::code(code),
                    Cell::text(text),
                ]
            })
        })
        .collect();
    let needs = data
        .needs
        .values()
        .map(|n| {
            vec![
                Cell::Num(n.id),
                Cell::text(&n.establishment),
                Cell::code(n.staff_group.code()),
                Cell::text(&n.topic),
                Cell::Num(u64::from(n.headcount)),
                Cell::code(n.priority.code()),
                Cell::date(n.raised_on),
            ]
        })
        .collect();
    let sessions = data
        .sessions
        .values()
        .map(|s| {
            vec![
                Cell::Num(s.id),
                Cell::text(&s.establishment),
                Cell::text(&s.topic),
                Cell::date(s.date),
                Cell::text(&s.trainer),
                Cell::Num(u64::from(s.participants)),
                Cell::Code(join_items(s.covers.iter().map(u64::to_string))),
            ]
        })
        .collect();
    vec![
        (K::Establishments, establishments),
        (K::People, people),
        (K::Groups, groups),
        (K::Templates, templates),
        (K::TemplateSeats, seats),
        (K::Memberships, memberships),
        (K::Meetings, meetings),
        (K::Projects, projects),
        (K::ProjectEvents, events),
        (K::TrainingNeeds, needs),
        (K::TrainingSessions, sessions),
    ]
}

fn csv_bytes(kind: FileKind, rows: &[Vec<Cell>]) -> Result<Vec<u8>, String> {
    let mut writer =
        csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(BOM.to_vec());
    writer.write_record(kind.columns()).map_err(|e| e.to_string())?;
    for row in rows {
        writer.write_record(row.iter().map(Cell::csv_text)).map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.error().to_string())
}

fn json_bytes(kind: FileKind, rows: &[Vec<Cell>]) -> Result<Vec<u8>, String> {
    let envelope = Envelope {
        confidential: CONFIDENTIAL_EN,
        schema: SCHEMA,
        records: rows.iter().map(|cells| JsonRow { columns: kind.columns(), cells }).collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&envelope).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn notice() -> String {
    format!(
        "CONFIDENTIAL / CONFIDENTIEL / VERTROUWELIJK\r\n\r\n\
         EN: {CONFIDENTIAL_EN}\r\n\r\nFR: {CONFIDENTIAL_FR}\r\n\r\nNL: {CONFIDENTIAL_NL}\r\n"
    )
}

/// Writes one file per record kind into `dir` (created if missing), owner-only, and a
/// `CONFIDENTIAL.txt` notice. Returns the files written, the notice first.
pub fn export(data: &Dataset, dir: &Path, format: Format) -> Result<Vec<PathBuf>, TransferError> {
    create_private_dir(dir).map_err(|e| TransferError::new(dir, None, e.to_string()))?;
    let mut written = Vec::new();
    let notice_path = dir.join(NOTICE_FILE);
    write_private_file(&notice_path, notice().as_bytes())
        .map_err(|e| TransferError::new(&notice_path, None, e.to_string()))?;
    written.push(notice_path);
    for (kind, rows) in tables(data) {
        debug_assert!(rows.iter().all(|r| r.len() == kind.columns().len()), "{kind:?}");
        let path = dir.join(format!("{}.{}", kind.stem(), format.extension()));
        let bytes = match format {
            Format::Csv => csv_bytes(kind, &rows),
            Format::Json => json_bytes(kind, &rows),
        }
        .map_err(|e| TransferError::new(&path, None, e))?;
        write_private_file(&path, &bytes).map_err(|e| TransferError::new(&path, None, e.to_string()))?;
        written.push(path);
    }
    Ok(written)
}

// ---------------------------------------------------------------------------------------------
// Import: reading files into rows of text cells.

/// Where a row came from: a CSV line or a JSON record number.
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'a Path,
    line: Option<usize>,
    record: Option<usize>,
}

impl Place<'_> {
    fn error(&self, message: impl fmt::Display) -> TransferError {
        let message = match self.record {
            Some(n) => format!("record {n}: {message}"),
            None => message.to_string(),
        };
        TransferError::new(self.file, self.line, message)
    }
}

/// One row's cells, in the order of its kind's columns.
struct Row<'a> {
    place: Place<'a>,
    csv: bool,
    columns: &'static [&'static str],
    cells: Vec<String>,
}

impl Row<'_> {
    fn raw(&self, column: &str) -> &str {
        let index = self.columns.iter().position(|c| *c == column);
        debug_assert!(index.is_some(), "no column {column}");
        index.and_then(|i| self.cells.get(i)).map_or("", String::as_str)
    }

    fn error(&self, column: &str, message: impl fmt::Display) -> TransferError {
        self.place.error(format!("column {column}: {message}"))
    }

    /// A text cell: CRLF made LF, trimmed when `trim`, un-defused, capped, and free of control
    /// characters other than newline and tab.
    fn checked_text(&self, column: &str, max: usize, trim: bool) -> Result<String, TransferError> {
        let mut text = self.raw(column).replace("\r\n", "\n");
        if trim {
            text = text.trim().to_string();
        }
        if self.csv {
            text = restore(text);
        }
        check_text(&text, max).map_err(|e| self.error(column, e))?;
        Ok(text)
    }

    /// One-line text, trimmed; `required` refuses an empty cell.
    fn line(&self, column: &str, max: usize, required: bool) -> Result<String, TransferError> {
        let text = self.checked_text(column, max, true)?;
        if required && text.is_empty() {
            return Err(self.error(column, "is empty"));
        }
        Ok(text)
    }

    fn opt_line(&self, column: &str, max: usize) -> Result<Option<String>, TransferError> {
        let text = self.line(column, max, false)?;
        Ok((!text.is_empty()).then_some(text))
    }

    /// Free text, kept as written (notes may begin or end with a new line).
    fn note(&self, column: &str) -> Result<String, TransferError> {
        self.checked_text(column, NOTE_MAX, false)
    }

    fn trimmed(&self, column: &str) -> &str {
        self.raw(column).trim()
    }

    fn opt_number<T: std::str::FromStr>(&self, column: &str) -> Result<Option<T>, TransferError> {
        match self.trimmed(column) {
            "" => Ok(None),
            text => text.parse().map(Some).map_err(|_| {
                self.error(column, format!("{:?} is not a whole number in range", shorten(text)))
            }),
        }
    }

    fn number<T: std::str::FromStr>(&self, column: &str) -> Result<T, TransferError> {
        self.opt_number(column)?.ok_or_else(|| self.error(column, "is empty"))
    }

    /// A record's own id: no higher than [`crate::domain::MAX_ID`], so that the store can
    /// always give the next record an id of its own (18446744073709551615 made every new record
    /// get id 0, each overwriting the last).
    fn id(&self) -> Result<u64, TransferError> {
        let id: u64 = self.number("id")?;
        if id > crate::domain::MAX_ID {
            return Err(self.error(
                "id",
                format!("{id} is over {}, the highest id a store gives", crate::domain::MAX_ID),
            ));
        }
        Ok(id)
    }

    fn opt_date(&self, column: &str) -> Result<Option<NaiveDate>, TransferError> {
        match self.trimmed(column) {
            "" => Ok(None),
            text => parse_date(text).map(Some).ok_or_else(|| {
                self.error(
                    column,
                    format!(
                        "{:?} is not a date (dd/mm/yyyy or yyyy-mm-dd, a day that exists)",
                        shorten(text)
                    ),
                )
            }),
        }
    }

    fn date(&self, column: &str) -> Result<NaiveDate, TransferError> {
        self.opt_date(column)?.ok_or_else(|| self.error(column, "is empty"))
    }

    /// A yes/no cell; empty is no. Spreadsheets in French, Dutch or German write their own words.
    fn flag(&self, column: &str) -> Result<bool, TransferError> {
        match self.trimmed(column).to_lowercase().as_str() {
            "" | "false" | "0" | "no" | "non" | "nee" | "faux" | "onwaar" | "falsch" => Ok(false),
            "true" | "1" | "yes" | "oui" | "ja" | "vrai" | "waar" | "wahr" => Ok(true),
            other => Err(self.error(column, format!("{:?} is not true or false", shorten(other)))),
        }
    }

    fn opt_code<T: Copy>(
        &self,
        column: &str,
        what: &str,
        all: &[T],
        code: fn(T) -> &'static str,
    ) -> Result<Option<T>, TransferError> {
        match self.trimmed(column) {
            "" => Ok(None),
            text => parse_code(text, what, all, code).map(Some).map_err(|e| self.error(column, e)),
        }
    }

    fn code<T: Copy>(
        &self,
        column: &str,
        what: &str,
        all: &[T],
        code: fn(T) -> &'static str,
    ) -> Result<T, TransferError> {
        self.opt_code(column, what, all, code)?.ok_or_else(|| self.error(column, "is empty"))
    }

    fn items(&self, column: &str) -> Vec<String> {
        split_items(self.raw(column))
    }

    fn numbers(&self, column: &str) -> Result<Vec<u64>, TransferError> {
        self.items(column)
            .iter()
            .map(|i| {
                i.parse().map_err(|_| self.error(column, format!("{:?} is not a whole number", shorten(i))))
            })
            .collect()
    }
}

/// At most 40 characters of a bad value, for an error message.
fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

fn check_text(text: &str, max: usize) -> Result<(), String> {
    if text.chars().nth(max).is_some() {
        return Err(format!("is longer than {max} characters"));
    }
    if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\n' && *c != '\t') {
        return Err(format!("holds the control character U+{:04X}", u32::from(c)));
    }
    Ok(())
}

fn parse_code<T: Copy>(text: &str, what: &str, all: &[T], code: fn(T) -> &'static str) -> Result<T, String> {
    let wanted = text.trim().to_lowercase();
    all.iter().copied().find(|v| code(*v) == wanted).ok_or_else(|| {
        let known: Vec<&str> = all.iter().map(|v| code(*v)).collect();
        format!("unknown {what} {:?} (expected one of: {})", shorten(text), known.join(", "))
    })
}

/// The separator of a CSV file, from its header line: `;`, `,` or a tab, whichever is most common.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let count = |d: u8| header.iter().filter(|b| **b == d).count();
    let (semicolons, commas, tabs) = (count(b';'), count(b','), count(b'\t'));
    if tabs > semicolons && tabs > commas {
        b'\t'
    } else if commas > semicolons {
        b','
    } else {
        b';'
    }
}

/// The 1-based line a record starts on. The csv crate reports the position of a record before
/// the line end that precedes it when lines end in CRLF, so this skips line ends itself.
struct LineCounter<'b> {
    bytes: &'b [u8],
    offset: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_at(&mut self, offset: usize) -> usize {
        let mut start = offset.min(self.bytes.len());
        while self.bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        if start > self.offset {
            self.line += self.bytes[self.offset..start].iter().filter(|b| **b == b'\n').count();
            self.offset = start;
        }
        self.line
    }
}

fn csv_rows<'a>(file: &'a Path, bytes: &[u8], kind: FileKind) -> Result<Vec<Row<'a>>, TransferError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if let Some(line) = unclosed_quote(bytes) {
        let message =
            "a quote opened on this line is never closed: the lines after it would be read as one cell";
        return Err(TransferError::new(file, Some(line), message));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(bytes))
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut read = |record: &mut csv::ByteRecord| {
        reader.read_byte_record(record).map_err(|e| {
            let line = e.position().and_then(|p| usize::try_from(p.line()).ok());
            TransferError::new(file, line, format!("unreadable CSV: {e}"))
        })
    };
    if !read(&mut record)? {
        return Ok(Vec::new());
    }
    let not_utf8 = "is not UTF-8 text (save the file as \"CSV UTF-8\")";
    let header: Vec<String> = record
        .iter()
        .map(|cell| {
            std::str::from_utf8(cell)
                .map(|c| c.trim().trim_start_matches('\u{feff}').to_lowercase())
                .map_err(|_| TransferError::new(file, Some(1), format!("the header {not_utf8}")))
        })
        .collect::<Result<_, _>>()?;
    let columns = kind.columns();
    let mut index = Vec::with_capacity(columns.len());
    for column in columns {
        let mut found = header.iter().enumerate().filter(|(_, h)| h == column).map(|(i, _)| i);
        let Some(i) = found.next() else {
            return Err(TransferError::new(
                file,
                Some(1),
                format!(
                    "the header has no column {column} (a {} file needs: {})",
                    kind.stem(),
                    columns.join(", ")
                ),
            ));
        };
        if found.next().is_some() {
            return Err(TransferError::new(file, Some(1), format!("the header names column {column} twice")));
        }
        index.push(i);
    }
    let mut rows = Vec::new();
    let mut lines = LineCounter { bytes, offset: 0, line: 1 };
    while read(&mut record)? {
        let line = record.position().and_then(|p| usize::try_from(p.byte()).ok()).map(|b| lines.line_at(b));
        let place = Place { file, line, record: None };
        let cells: Vec<&str> = record
            .iter()
            .map(|cell| std::str::from_utf8(cell).map_err(|_| place.error(format!("the line {not_utf8}"))))
            .collect::<Result<_, _>>()?;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.iter().skip(header.len()).any(|c| !c.trim().is_empty()) {
            return Err(place.error(format!("the line has more cells than the header's {}", header.len())));
        }
        if cells.len() < header.len() {
            return Err(place.error(format!(
                "the line has {} cells where the header has {}: a cell is missing (an empty one still needs its separator)",
                cells.len(),
                header.len()
            )));
        }
        let cells = index.iter().map(|i| cells.get(*i).copied().unwrap_or("").to_string()).collect();
        rows.push(Row { place, csv: true, columns, cells });
    }
    Ok(rows)
}

/// The line of a quote that is never closed, if one is: it would swallow the rows after it
/// into one cell. Quotes come in pairs in a well-made file (`""` inside a quoted cell too).
fn unclosed_quote(bytes: &[u8]) -> Option<usize> {
    let mut open = None;
    for (at, b) in bytes.iter().enumerate() {
        if *b == b'"' {
            open = if open.is_some() { None } else { Some(at) };
        }
    }
    open.map(|at| 1 + bytes[..at].iter().filter(|b| **b == b'\n').count())
}

/// A JSON value as the text a CSV cell would hold (a list joined with `|`).
fn json_cell(value: &Value) -> Result<String, &'static str> {
    Ok(match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Value::String(s) => Ok(s.clone()),
                    Value::Number(n) => Ok(n.to_string()),
                    _ => Err("a list may hold only texts and numbers"),
                })
                .collect::<Result<_, _>>()?;
            join_items(items)
        }
        Value::Object(_) => return Err("a value cannot be an object"),
    })
}

fn json_rows<'a>(file: &'a Path, bytes: &[u8], kind: FileKind) -> Result<Vec<Row<'a>>, TransferError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        let mut message = e.to_string();
        if let Some(at) = message.rfind(" at line ") {
            message.truncate(at);
        }
        let line = (e.line() > 0).then_some(e.line());
        TransferError::new(file, line, format!("not valid JSON: {message} (column {})", e.column()))
    })?;
    let records = match value {
        Value::Object(mut map) => {
            if let Some(schema) = map.get("schema")
                && schema.as_u64() != Some(SCHEMA)
            {
                return Err(TransferError::new(
                    file,
                    None,
                    format!("schema {schema} is not supported (this pilotage reads schema {SCHEMA})"),
                ));
            }
            match map.remove("records") {
                Some(Value::Array(records)) => records,
                _ => return Err(TransferError::new(file, None, "there is no \"records\" list")),
            }
        }
        Value::Array(records) => records,
        _ => return Err(TransferError::new(file, None, "expected an object with a \"records\" list")),
    };
    let columns = kind.columns();
    let mut rows = Vec::with_capacity(records.len());
    for (i, record) in records.iter().enumerate() {
        let place = Place { file, line: None, record: Some(i + 1) };
        let Value::Object(object) = record else {
            return Err(place.error("is not an object"));
        };
        let cells = columns
            .iter()
            .map(|column| match object.get(*column) {
                None => Err(place.error(format!("has no {column}"))),
                Some(v) => json_cell(v).map_err(|e| place.error(format!("column {column}: {e}"))),
            })
            .collect::<Result<_, _>>()?;
        rows.push(Row { place, csv: false, columns, cells });
    }
    Ok(rows)
}

/// What is said of a named pipe, a device or a socket given where a file is expected.
const NOT_A_FILE: &str = "is not a regular file (a pipe, a device or a socket): pilotage reads only files";

fn read_rows(file: &Path, kind: FileKind, format: Format) -> Result<Vec<Row<'_>>, TransferError> {
    use std::io::Read;
    let io = |e: std::io::Error| TransferError::new(file, None, e.to_string());
    let too_large =
        || TransferError::new(file, None, format!("the file is larger than {} MiB", FILE_MAX >> 20));
    // Looked at before it is opened: opening a named pipe waits for a writer, for ever, and
    // the store's lock is held meanwhile.
    let meta = fs::metadata(file).map_err(io)?;
    if !meta.is_file() {
        return Err(TransferError::new(file, None, NOT_A_FILE));
    }
    let opened = fs::File::open(file).map_err(io)?;
    if meta.len() > FILE_MAX {
        return Err(too_large());
    }
    // The size is checked again while reading: a file may grow in between.
    let mut bytes = Vec::new();
    opened.take(FILE_MAX + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > FILE_MAX {
        return Err(too_large());
    }
    match format {
        Format::Csv => csv_rows(file, &bytes, kind),
        Format::Json => json_rows(file, &bytes, kind),
    }
}

// ---------------------------------------------------------------------------------------------
// Import: rows into records.

fn establishment(r: &Row) -> Result<Establishment, TransferError> {
    Ok(Establishment {
        id: r.line("id", SLUG_MAX, true)?,
        name_fr: r.line("name_fr", NAME_MAX, true)?,
        name_nl: r.line("name_nl", NAME_MAX, true)?,
        town: r.line("town", NAME_MAX, false)?,
        region: r.code("region", "region", &Region::ALL, Region::code)?,
        language: r.code("language", "language regime", &LanguageRegime::ALL, LanguageRegime::code)?,
        kind: r.code("kind", "establishment kind", &EstablishmentKind::ALL, EstablishmentKind::code)?,
        opened: r.opt_date("opened")?,
        closed: r.opt_date("closed")?,
        note: r.note("note")?,
    })
}

fn person(r: &Row) -> Result<Person, TransferError> {
    let qualifications = r
        .items("qualifications")
        .iter()
        .map(|q| {
            parse_code(q, "qualification", &Qualification::ALL, Qualification::code)
                .map_err(|e| r.error("qualifications", e))
        })
        .collect::<Result<_, _>>()?;
    Ok(Person {
        id: r.id()?,
        name: r.line("name", NAME_MAX, true)?,
        function: r.line("function", NAME_MAX, false)?,
        organisation: r.line("organisation", NAME_MAX, false)?,
        qualifications,
        contact: r.line("contact", NAME_MAX, false)?,
    })
}

fn group(r: &Row) -> Result<Group, TransferError> {
    let group = Group {
        id: r.id()?,
        kind: r.code("kind", "group kind", &GROUP_KINDS, group_kind_code)?,
        establishment: r.opt_line("establishment", SLUG_MAX)?,
        created: r.opt_date("created")?,
        dissolved: r.opt_date("dissolved")?,
    };
    if group.kind == GroupKind::Local && group.establishment.is_none() {
        return Err(r.error("establishment", "is empty, and a local group needs one"));
    }
    Ok(group)
}

fn template(r: &Row) -> Result<SeatTemplate, TransferError> {
    Ok(SeatTemplate {
        id: r.id()?,
        kind: r.code("kind", "group kind", &GROUP_KINDS, group_kind_code)?,
        effective_from: r.date("effective_from")?,
        source: r.line("source", NAME_MAX, false)?,
        seats: Vec::new(),
    })
}

struct SeatRow {
    template: u64,
    position: u64,
    seat: SeatRequirement,
}

fn seat(r: &Row) -> Result<SeatRow, TransferError> {
    Ok(SeatRow {
        template: r.number("template")?,
        position: r.number("position")?,
        seat: SeatRequirement {
            key: r.line("key", SLUG_MAX, true)?,
            label: r.line("label", NAME_MAX, false)?,
            min: r.number("min")?,
            at_least: r.flag("at_least")?,
            qualification: r.opt_code(
                "qualification",
                "qualification",
                &Qualification::ALL,
                Qualification::code,
            )?,
            heavy: r.flag("heavy")?,
        },
    })
}

fn membership(r: &Row) -> Result<Membership, TransferError> {
    let m = Membership {
        id: r.id()?,
        person: r.number("person")?,
        group: r.number("group")?,
        seat: r.line("seat", SLUG_MAX, true)?,
        from: r.date("from")?,
        until: r.opt_date("until")?,
        delegate_of: r.opt_number("delegate_of")?,
    };
    if m.until.is_some_and(|u| u < m.from) {
        return Err(r.error("until", "is before from"));
    }
    Ok(m)
}

fn meeting(r: &Row) -> Result<Meeting, TransferError> {
    Ok(Meeting {
        id: r.id()?,
        group: r.number("group")?,
        date: r.date("date")?,
        attendees: r.numbers("attendees")?,
        notes: r.note("notes")?,
    })
}

fn element(r: &Row, item: &str) -> Result<FundamentalElement, TransferError> {
    if item.eq_ignore_ascii_case("drug_free_wing") {
        return Ok(FundamentalElement::DrugFreeWing);
    }
    if item.eq_ignore_ascii_case("urine_tests") {
        return Ok(FundamentalElement::UrineTests);
    }
    match item.split_once(':') {
        Some((head, text)) if head.trim().eq_ignore_ascii_case("other") => {
            let text = text.trim();
            check_text(text, NAME_MAX).map_err(|e| r.error("elements", format!("other element {e}")))?;
            Ok(FundamentalElement::Other(text.to_string()))
        }
        _ => Err(r.error(
            "elements",
            format!(
                "unknown fundamental element {:?} (expected drug_free_wing, urine_tests or other:<text>)",
                shorten(item)
            ),
        )),
    }
}

fn project(r: &Row) -> Result<Project, TransferError> {
    Ok(Project {
        id: r.id()?,
        establishment: r.line("establishment", SLUG_MAX, true)?,
        title: r.line("title", NAME_MAX, true)?,
        promoter: r.line("promoter", NAME_MAX, false)?,
        elements: r.items("elements").iter().map(|i| element(r, i)).collect::<Result<_, _>>()?,
        history: Vec::new(),
    })
}

struct EventRow {
    project: u64,
    position: u64,
    date: NaiveDate,
    step: ProjectStep,
}

fn event(r: &Row) -> Result<EventRow, TransferError> {
    let code = r.code("step", "project step", &STEP_CODES, |c| c)?;
    let text = r.note("conditions_or_reason")?;
    let step = match code {
        "authorised" => ProjectStep::Authorised { conditions: text },
        "refused" => ProjectStep::Refused { reason: text },
        _ if !text.trim().is_empty() => {
            return Err(r.error("conditions_or_reason", format!("a {code} step takes no text")));
        }
        "draft" => ProjectStep::Draft,
        "submitted" => ProjectStep::Submitted,
        _ => ProjectStep::Withdrawn,
    };
    Ok(EventRow {
        project: r.number("project")?,
        position: r.number("position")?,
        date: r.date("date")?,
        step,
    })
}

fn need(r: &Row) -> Result<TrainingNeed, TransferError> {
    Ok(TrainingNeed {
        id: r.id()?,
        establishment: r.line("establishment", SLUG_MAX, true)?,
        staff_group: r.code("staff_group", "staff group", &StaffGroup::ALL, StaffGroup::code)?,
        topic: r.line("topic", NAME_MAX, true)?,
        headcount: r.number("headcount")?,
        priority: r.code("priority", "priority", &Priority::ALL, Priority::code)?,
        raised_on: r.date("raised_on")?,
    })
}

fn session(r: &Row) -> Result<TrainingSession, TransferError> {
    Ok(TrainingSession {
        id: r.id()?,
        establishment: r.line("establishment", SLUG_MAX, true)?,
        topic: r.line("topic", NAME_MAX, true)?,
        date: r.date("date")?,
        trainer: r.line("trainer", NAME_MAX, false)?,
        participants: r.number("participants")?,
        covers: r.numbers("covers")?,
    })
}

/// The files to read, by kind, with their format.
type Files = BTreeMap<FileKind, (PathBuf, Format)>;

fn add_file(files: &mut Files, kind: FileKind, path: PathBuf, format: Format) -> Result<(), TransferError> {
    if let Some((other, _)) = files.get(&kind) {
        return Err(TransferError::new(
            &path,
            None,
            format!("{} also holds {}; keep only one of the two files", other.display(), kind.stem()),
        ));
    }
    files.insert(kind, (path, format));
    Ok(())
}

/// The export files in a directory (other files are ignored), or a single file and the other
/// file of its pair when that is beside it.
fn locate(path: &Path) -> Result<Files, TransferError> {
    let meta = fs::metadata(path).map_err(|e| TransferError::new(path, None, e.to_string()))?;
    let mut files = Files::new();
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(path)
            .map_err(|e| TransferError::new(path, None, e.to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            if let Some((kind, format)) = FileKind::of_file(&entry) {
                // A pipe or a device under a record kind's name is said, not skipped.
                if !fs::metadata(&entry).is_ok_and(|m| m.is_file()) {
                    return Err(TransferError::new(&entry, None, NOT_A_FILE));
                }
                add_file(&mut files, kind, entry, format)?;
            }
        }
        return Ok(files);
    }
    let Some((kind, format)) = FileKind::of_file(path) else {
        let names: Vec<&str> = FileKind::ALL.iter().map(|k| k.stem()).collect();
        return Err(TransferError::new(
            path,
            None,
            format!(
                "cannot tell what this file holds: its name must be one of {} with .csv or .json",
                names.join(", ")
            ),
        ));
    };
    add_file(&mut files, kind, path.to_path_buf(), format)?;
    if let Some(partner) = kind.partner() {
        let dir = path.parent().unwrap_or(Path::new(""));
        for format in [Format::Csv, Format::Json] {
            let sibling = dir.join(format!("{}.{}", partner.stem(), format.extension()));
            if sibling.is_file() {
                add_file(&mut files, partner, sibling, format)?;
            }
        }
    }
    Ok(files)
}

/// Reads one file into values, refusing a key seen twice.
fn load<'a, T>(
    files: &'a Files,
    kind: FileKind,
    convert: fn(&Row) -> Result<T, TransferError>,
    key: fn(&T) -> String,
) -> Result<Vec<(T, Place<'a>)>, TransferError> {
    let Some((file, format)) = files.get(&kind) else {
        return Ok(Vec::new());
    };
    let mut seen: BTreeMap<String, Place> = BTreeMap::new();
    let mut out = Vec::new();
    for row in read_rows(file, kind, *format)? {
        let value = convert(&row)?;
        let k = key(&value);
        if let Some(first) = seen.get(&k) {
            let at = match (first.line, first.record) {
                (Some(line), _) => format!("line {line}"),
                (_, Some(n)) => format!("record {n}"),
                _ => "above".into(),
            };
            return Err(row.place.error(format!("{k} appears twice (first on {at})")));
        }
        seen.insert(k, row.place);
        out.push((value, row.place));
    }
    Ok(out)
}

fn without_places<T>(rows: Vec<(T, Place)>) -> impl Iterator<Item = T> {
    rows.into_iter().map(|(v, _)| v)
}

/// Reads a directory written by [`export`] (CSV, JSON or a mix; other files are ignored) or a
/// single file of one kind, and gives `each` every record in it; returns how many. Any bad row
/// fails the whole import (records given before it are to be thrown away).
pub fn import(path: &Path, each: &mut dyn FnMut(Record)) -> Result<usize, TransferError> {
    let records = import_all(path)?;
    let count = records.len();
    records.into_iter().for_each(each);
    Ok(count)
}

fn import_all(path: &Path) -> Result<Vec<Record>, TransferError> {
    use FileKind as K;
    let files = locate(path)?;
    for (child, parent) in [(K::TemplateSeats, K::Templates), (K::ProjectEvents, K::Projects)] {
        if let (Some((file, _)), None) = (files.get(&child), files.get(&parent)) {
            return Err(TransferError::new(
                file,
                None,
                format!("{} needs {}.csv or {}.json beside it", child.stem(), parent.stem(), parent.stem()),
            ));
        }
    }
    let mut out: Vec<Record> = Vec::new();

    let establishments =
        load(&files, K::Establishments, establishment, |e| format!("establishment {}", e.id))?;
    out.extend(without_places(establishments).map(Record::Establishment));
    let people = load(&files, K::People, person, |p| format!("person {}", p.id))?;
    out.extend(without_places(people).map(Record::Person));
    let groups = load(&files, K::Groups, group, |g| format!("group {}", g.id))?;
    out.extend(without_places(groups).map(Record::Group));

    let templates = load(&files, K::Templates, template, |t| format!("template {}", t.id))?;
    let mut templates: BTreeMap<u64, SeatTemplate> = without_places(templates).map(|t| (t.id, t)).collect();
    let mut seats = load(&files, K::TemplateSeats, seat, |s| {
        format!("position {} of template {}", s.position, s.template)
    })?;
    seats.sort_by_key(|(s, _)| (s.template, s.position));
    for (s, place) in seats {
        let template = templates
            .get_mut(&s.template)
            .ok_or_else(|| place.error(format!("template {} is not in the templates file", s.template)))?;
        template.seats.push(s.seat);
    }
    out.extend(templates.into_values().map(Record::Template));

    let memberships = load(&files, K::Memberships, membership, |m| format!("membership {}", m.id))?;
    out.extend(without_places(memberships).map(Record::Membership));
    let meetings = load(&files, K::Meetings, meeting, |m| format!("meeting {}", m.id))?;
    out.extend(without_places(meetings).map(Record::Meeting));

    let projects = load(&files, K::Projects, project, |p| format!("project {}", p.id))?;
    let mut projects: BTreeMap<u64, Project> = without_places(projects).map(|p| (p.id, p)).collect();
    let mut events = load(&files, K::ProjectEvents, event, |e| {
        format!("position {} of project {}", e.position, e.project)
    })?;
    events.sort_by_key(|(e, _)| (e.project, e.position));
    for (e, place) in events {
        let project = projects
            .get_mut(&e.project)
            .ok_or_else(|| place.error(format!("project {} is not in the projects file", e.project)))?;
        project.record(e.step, e.date).map_err(|err| place.error(step_error_message(err)))?;
    }
    out.extend(projects.into_values().map(Record::Project));

    let needs = load(&files, K::TrainingNeeds, need, |n| format!("training need {}", n.id))?;
    out.extend(without_places(needs).map(Record::Need));
    let sessions = load(&files, K::TrainingSessions, session, |s| format!("training session {}", s.id))?;
    out.extend(without_places(sessions).map(Record::Session));

    debug_assert!({
        let keys: BTreeSet<_> = out.iter().map(Record::key).collect();
        keys.len() == out.len()
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record an import gives, in order.
    fn import(path: &Path) -> Result<Vec<Record>, TransferError> {
        let mut records = Vec::new();
        let count = super::import(path, &mut |r| records.push(r))?;
        assert_eq!(count, records.len());
        Ok(records)
    }
    use crate::domain::group::{circular_central_template, circular_local_template};
    use crate::domain::{ProjectEvent, RecordKey};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn establishment(id: &str, name_fr: &str, name_nl: &str, region: Region) -> Establishment {
        Establishment {
            id: id.into(),
            name_fr: name_fr.into(),
            name_nl: name_nl.into(),
            town: name_fr.into(),
            region,
            language: LanguageRegime::French,
            kind: EstablishmentKind::Prison,
            opened: None,
            closed: None,
            note: String::new(),
        }
    }

    fn person(id: u64, name: &str, qualifications: Vec<Qualification>) -> Person {
        Person {
            id,
            name: name.into(),
            function: "prison director".into(),
            organisation: "FPS Justice".into(),
            qualifications,
            contact: format!("p{id}@just.fgov.be"),
        }
    }

    fn sample() -> Dataset {
        let mut data = Dataset::default();
        let mut liege = establishment("lantin", "Liège (Lantin)", "Luik (Lantin)", Region::Wallonia);
        liege.note = "a note; with \"quotes\",\na new line and\ta tab\n".into();
        liege.opened = Some(d(1979, 1, 1));
        let mut forest = establishment("forest", "Forest", "Vorst", Region::Brussels);
        forest.language = LanguageRegime::Bilingual;
        forest.kind = EstablishmentKind::DetentionHouse;
        forest.closed = Some(d(2022, 11, 18));
        forest.note = "=HYPERLINK(\"http://example.invalid\")".into();
        let mut gent = establishment("fpc-gent", "Gand (CPL)", "Gent (FPC)", Region::Flanders);
        gent.language = LanguageRegime::Dutch;
        gent.kind = EstablishmentKind::ForensicPsychiatricCentre;
        for e in [liege, forest, gent] {
            data.establishments.insert(e.id.clone(), e);
        }

        let mut people = vec![
            person(
                10,
                "Françoise Dubois-Lefèvre",
                vec![Qualification::Physician, Qualification::PrisonDirector],
            ),
            person(11, "Jan Peeters", vec![]),
            person(12, "Anaïs « Nana » O'Brien; Jr", vec![Qualification::DrugHelpWorker]),
            person(13, "-Dash", vec![Qualification::Nurse]),
        ];
        people[1].organisation = "'s-Gravenbrakel OCMW".into();
        people[2].function = "'=not a formula".into();
        people[3].contact = String::new();
        for p in people {
            data.people.insert(p.id, p);
        }

        let groups = vec![
            Group {
                id: 1,
                kind: GroupKind::Central,
                establishment: None,
                created: Some(d(2006, 7, 18)),
                dissolved: None,
            },
            Group {
                id: 2,
                kind: GroupKind::Local,
                establishment: Some("lantin".into()),
                created: None,
                dissolved: None,
            },
            Group {
                id: 3,
                kind: GroupKind::Local,
                establishment: Some("forest".into()),
                created: Some(d(2007, 1, 1)),
                dissolved: Some(d(2022, 11, 18)),
            },
        ];
        for g in groups {
            data.groups.insert(g.id, g);
        }

        let mut custom = circular_local_template(6);
        custom.effective_from = d(2024, 2, 29);
        custom.source = "circular 1785bis; draft | \"v2\"".into();
        custom.seats.push(SeatRequirement {
            key: "peer_worker".into(),
            label: "Pair-aidant | ervaringsdeskundige; \"peer\"".into(),
            min: 2,
            at_least: true,
            qualification: Some(Qualification::SocialWorker),
            heavy: true,
        });
        let empty = SeatTemplate {
            id: 7,
            kind: GroupKind::Central,
            effective_from: d(2030, 1, 1),
            source: String::new(),
            seats: vec![],
        };
        for t in [circular_central_template(4), circular_local_template(5), custom, empty] {
            data.templates.insert(t.id, t);
        }

        let memberships = vec![
            Membership {
                id: 20,
                person: 10,
                group: 1,
                seat: "drug_coordinator".into(),
                from: d(2006, 9, 1),
                until: None,
                delegate_of: None,
            },
            Membership {
                id: 21,
                person: 11,
                group: 2,
                seat: "principal_director".into(),
                from: d(2012, 1, 1),
                until: Some(d(2012, 1, 1)),
                delegate_of: Some(10),
            },
            Membership {
                id: 22,
                person: 12,
                group: 3,
                seat: "drug_help_service".into(),
                from: d(2010, 5, 3),
                until: Some(d(2022, 11, 17)),
                delegate_of: None,
            },
        ];
        for m in memberships {
            data.memberships.insert(m.id, m);
        }

        let meetings = vec![
            Meeting {
                id: 30,
                group: 2,
                date: d(2017, 3, 14),
                attendees: vec![12, 10, 11],
                notes: "Ordre du jour ; «naloxone»\nsecond line".into(),
            },
            Meeting { id: 31, group: 1, date: d(2011, 6, 1), attendees: vec![], notes: String::new() },
            Meeting {
                id: 32,
                group: 3,
                date: d(2020, 2, 29),
                attendees: vec![10],
                notes: "\nstarts and ends with a new line\n".into(),
            },
        ];
        for m in meetings {
            data.meetings.insert(m.id, m);
        }

        let mut p1 = Project {
            id: 40,
            establishment: "lantin".into(),
            title: "Aile sans drogue à Lantin".into(),
            promoter: "SAT \"Liège\"".into(),
            elements: vec![
                FundamentalElement::DrugFreeWing,
                FundamentalElement::UrineTests,
                FundamentalElement::Other("x;y".into()),
                FundamentalElement::Other("a|b\\c".into()),
            ],
            history: vec![],
        };
        p1.record(ProjectStep::Draft, d(2011, 1, 10)).unwrap();
        p1.record(ProjectStep::Submitted, d(2011, 1, 10)).unwrap();
        p1.record(ProjectStep::Authorised { conditions: "review yearly;\n\"strict\"".into() }, d(2011, 3, 1))
            .unwrap();
        let mut p2 = Project {
            id: 41,
            establishment: "forest".into(),
            title: "Urine tests".into(),
            promoter: String::new(),
            elements: vec![FundamentalElement::UrineTests],
            history: vec![],
        };
        p2.record(ProjectStep::Submitted, d(2012, 3, 1)).unwrap();
        p2.record(ProjectStep::Refused { reason: String::new() }, d(2013, 3, 1)).unwrap();
        let mut p3 = Project {
            id: 42,
            establishment: "fpc-gent".into(),
            title: "Peer support".into(),
            promoter: "CAW".into(),
            elements: vec![],
            history: vec![],
        };
        p3.record(ProjectStep::Withdrawn, d(2015, 5, 5)).unwrap();
        let p4 = Project {
            id: 43,
            establishment: "lantin".into(),
            title: "Idea".into(),
            promoter: String::new(),
            elements: vec![FundamentalElement::Other(String::new())],
            history: vec![],
        };
        for p in [p1, p2, p3, p4] {
            data.projects.insert(p.id, p);
        }

        let needs = vec![
            TrainingNeed {
                id: 50,
                establishment: "lantin".into(),
                staff_group: StaffGroup::PrisonOfficers,
                topic: "naloxone".into(),
                headcount: 20,
                priority: Priority::High,
                raised_on: d(2024, 1, 1),
            },
            TrainingNeed {
                id: 51,
                establishment: "fpc-gent".into(),
                staff_group: StaffGroup::Medical,
                topic: "Substitutiebehandeling".into(),
                headcount: 0,
                priority: Priority::Low,
                raised_on: d(2023, 12, 31),
            },
        ];
        for n in needs {
            data.needs.insert(n.id, n);
        }
        let sessions = vec![
            TrainingSession {
                id: 60,
                establishment: "lantin".into(),
                topic: "naloxone".into(),
                date: d(2024, 3, 1),
                trainer: "Modus Vivendi".into(),
                participants: 12,
                covers: vec![50, 51],
            },
            TrainingSession {
                id: 61,
                establishment: "fpc-gent".into(),
                topic: "Intro".into(),
                date: d(2024, 6, 1),
                trainer: String::new(),
                participants: 0,
                covers: vec![],
            },
        ];
        for s in sessions {
            data.sessions.insert(s.id, s);
        }
        assert!(data.violations().is_empty(), "{:?}", data.violations());
        data
    }

    fn by_key(records: impl IntoIterator<Item = Record>) -> BTreeMap<RecordKey, Record> {
        records.into_iter().map(|r| (r.key(), r)).collect()
    }

    fn round_trip(format: Format) {
        let data = sample();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("export");
        let written = export(&data, &out, format).unwrap();
        assert_eq!(written.len(), 12);
        let imported = import(&out).unwrap();
        assert_eq!(imported.len(), data.record_count());
        assert_eq!(by_key(imported), by_key(data.records()));
        let notice = fs::read_to_string(out.join(NOTICE_FILE)).unwrap();
        assert!(
            notice.contains(CONFIDENTIAL_EN)
                && notice.contains("confidentielles")
                && notice.contains("vertrouwelijke")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for f in &written {
                assert_eq!(fs::metadata(f).unwrap().permissions().mode() & 0o777, 0o600, "{}", f.display());
            }
        }
    }

    #[test]
    fn round_trip_csv() {
        round_trip(Format::Csv);
    }

    #[test]
    fn round_trip_json() {
        round_trip(Format::Json);
    }

    #[test]
    fn the_initial_store_round_trips() {
        use crate::domain::establishment::reference_establishments;
        let data = Dataset::initial(reference_establishments(), d(2026, 1, 1));
        for format in [Format::Csv, Format::Json] {
            let dir = tempfile::tempdir().unwrap();
            export(&data, dir.path(), format).unwrap();
            assert_eq!(by_key(import(dir.path()).unwrap()), by_key(data.records()), "{format:?}");
        }
    }

    #[test]
    fn hand_written_json_imports_and_bad_records_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "training_sessions.json",
            r#"{"records": [{"id": "7", "establishment": "mons", "topic": "naloxone", "date": "01/03/2024",
                "trainer": null, "participants": 3, "covers": [1, "2"]}]}"#,
        );
        let records = import(&file).unwrap();
        let [Record::Session(s)] = records.as_slice() else { panic!("{records:?}") };
        assert_eq!((s.id, s.date, s.covers.clone(), s.trainer.as_str()), (7, d(2024, 3, 1), vec![1, 2], ""));
        write(
            dir.path(),
            "training_sessions.json",
            r#"[{"id": 7, "establishment": "mons", "topic": "x", "date": "2024-03-01", "trainer": "",
                "participants": 3, "covers": ""},
               {"id": 8, "establishment": "mons", "topic": "x", "date": "2024-03-01", "trainer": "",
                "participants": -1, "covers": ""}]"#,
        );
        let err = import(&file).unwrap_err();
        assert_eq!(err.line, None);
        assert!(err.message.starts_with("record 2: column participants"), "{err}");
        write(dir.path(), "training_sessions.json", "{\n  \"records\": [\n  }");
        let err = import(&file).unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
    }

    #[test]
    fn csv_is_spreadsheet_friendly() {
        let dir = tempfile::tempdir().unwrap();
        export(&sample(), dir.path(), Format::Csv).unwrap();
        let bytes = fs::read(dir.path().join("people.csv")).unwrap();
        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.starts_with("id;name;function;organisation;qualifications;contact\r\n"), "{text}");
        assert!(
            text.contains(
                "10;Françoise Dubois-Lefèvre;prison director;FPS Justice;physician|prison_director;"
            )
        );
        assert!(text.contains(";'-Dash;"), "formula-like text is defused: {text}");
        for cell in ["\t=cmd|' /C calc'!A0", "\r=1+1", "=1+1", "@SUM(A1)"] {
            assert!(defuse(cell).starts_with('\''), "{cell:?} is defused");
            assert_eq!(restore(defuse(cell)), cell, "and read back as it was");
        }
        assert!(text.contains(";''=not a formula;"), "{text}");
        let establishments = fs::read_to_string(dir.path().join("establishments.csv")).unwrap();
        assert!(establishments.contains("'=HYPERLINK"), "{establishments}");
        assert!(establishments.contains(";1979-01-01;"));
        let projects = fs::read_to_string(dir.path().join("projects.csv")).unwrap();
        assert!(projects.contains("drug_free_wing|urine_tests|other:x;y|other:a\\|b\\\\c"), "{projects}");
        // An empty kind still has its header.
        let empty = Dataset::default();
        let dir2 = tempfile::tempdir().unwrap();
        export(&empty, dir2.path(), Format::Csv).unwrap();
        let header = fs::read_to_string(dir2.path().join("training_sessions.csv")).unwrap();
        assert_eq!(header, "\u{feff}id;establishment;topic;date;trainer;participants;covers\r\n");
        assert!(import(dir2.path()).unwrap().is_empty());
    }

    #[test]
    fn json_has_the_envelope() {
        let dir = tempfile::tempdir().unwrap();
        export(&sample(), dir.path(), Format::Json).unwrap();
        let value: Value =
            serde_json::from_slice(&fs::read(dir.path().join("memberships.json")).unwrap()).unwrap();
        assert_eq!(value["confidential"], CONFIDENTIAL_EN);
        assert_eq!(value["schema"], 1);
        let first = &value["records"][0];
        assert_eq!(first["id"], 20);
        assert_eq!(first["from"], "2006-09-01");
        assert_eq!(first["until"], Value::Null);
    }

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_belgian_spreadsheet_csv_imports() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "people.csv",
            "\u{feff}ID ; Name ; function;organisation;qualifications;contact\r\n\
             1 ; Marie Dupont ;Directrice;SPF Justice; Physician | prison_director ;\r\n\
             ;;;;;\r\n\
             2;\"Van den Broeck; Pieter\";;;;\"tel.\r\n02 542 11 11\"\r\n",
        );
        write(
            dir.path(),
            "memberships.csv",
            "\u{feff}id;person;group;seat;from;until;delegate_of\r\n3;1;1;doctor;18/07/2006;31/12/2011;\r\n",
        );
        write(
            dir.path(),
            "training_needs.csv",
            "id,establishment,staff_group,topic,headcount,priority,raised_on\r\n\
             4,lantin,prison_officers,\"naloxone, overdose\",20,HIGH,1/2/2025\r\n",
        );
        write(dir.path(), "notes.txt", "ignored");
        let records = by_key(import(dir.path()).unwrap());
        assert_eq!(records.len(), 4);
        let Record::Person(marie) = &records[&RecordKey::Id(crate::domain::RecordKind::Person, 1)] else {
            panic!()
        };
        assert_eq!(marie.name, "Marie Dupont");
        assert_eq!(marie.qualifications, vec![Qualification::Physician, Qualification::PrisonDirector]);
        let Record::Person(pieter) = &records[&RecordKey::Id(crate::domain::RecordKind::Person, 2)] else {
            panic!()
        };
        assert_eq!(pieter.name, "Van den Broeck; Pieter");
        assert_eq!(pieter.contact, "tel.\n02 542 11 11");
        let Record::Membership(m) = &records[&RecordKey::Id(crate::domain::RecordKind::Membership, 3)] else {
            panic!()
        };
        assert_eq!((m.from, m.until), (d(2006, 7, 18), Some(d(2011, 12, 31))));
        let Record::Need(n) = &records[&RecordKey::Id(crate::domain::RecordKind::Need, 4)] else { panic!() };
        assert_eq!(
            (n.topic.as_str(), n.priority, n.raised_on),
            ("naloxone, overdose", Priority::High, d(2025, 2, 1))
        );
    }

    #[test]
    fn a_bad_row_names_its_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let people = write(
            dir.path(),
            "people.csv",
            "id;name;function;organisation;qualifications;contact\r\n1;A;;;;\r\n2;B;;;surgeon;\r\n",
        );
        let err = import(dir.path()).unwrap_err();
        assert_eq!((err.file.as_path(), err.line), (people.as_path(), Some(3)), "{err}");
        assert!(err.message.contains("surgeon"), "{err}");
        assert!(err.to_string().starts_with(&format!("{}:3: ", people.display())), "{err}");
        fs::remove_file(&people).unwrap();

        let memberships = write(
            dir.path(),
            "memberships.csv",
            "id;person;group;seat;from;until;delegate_of\n1;1;1;doctor;01/01/2020;;\n2;1;1;doctor;2020-13-01;;\n",
        );
        let err = import(dir.path()).unwrap_err();
        assert_eq!((err.file.as_path(), err.line), (memberships.as_path(), Some(3)), "{err}");
        assert!(err.message.contains("from") && err.message.contains("2020-13-01"), "{err}");
    }

    /// An id the store could not give a next one after is refused on import, by line.
    #[test]
    fn an_id_at_the_edge_of_its_range_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let header = "id;name;function;organisation;qualifications;contact\n";
        write(dir.path(), "people.csv", &format!("{header}1;A;;;;\n18446744073709551615;B;;;;\n"));
        let err = import(dir.path()).unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.message.contains("highest id"), "{err}");
    }

    /// An unclosed quote swallowed the rows after it into one cell ("2 records read" of 4);
    /// a row with too few cells was taken with empty values. Both are refused, with the file
    /// and the line.
    #[test]
    fn an_unclosed_quote_or_a_missing_cell_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let header = "id;name;function;organisation;qualifications;contact\n";
        let people =
            write(dir.path(), "people.csv", &format!("{header}1;A;;;;\n2;\"B;;;;\n3;C;;;;\n4;D;;;;\n"));
        let err = import(dir.path()).unwrap_err();
        assert_eq!((err.file.as_path(), err.line), (people.as_path(), Some(3)), "{err}");
        assert!(err.message.contains("never closed"), "{err}");
        fs::write(&people, format!("{header}1;A;;;;\n2;B;;\n")).unwrap();
        let err = import(dir.path()).unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.message.contains("4 cells where the header has 6"), "{err}");
        // Quotes that close, and "" inside them, are what a spreadsheet writes: accepted.
        fs::write(&people, format!("{header}1;\"A \"\"quoted\"\"\";;;;\n2;\"two\nlines\";;;;\n")).unwrap();
        assert_eq!(import(dir.path()).unwrap().len(), 2);
    }

    #[test]
    fn line_numbers_survive_crlf_blank_lines_and_multi_line_cells() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "people.csv",
            "\u{feff}id;name;function;organisation;qualifications;contact\r\n\r\n1;A;\"two\r\nlines\";;;\r\n;;;;;\r\n2;B;;;bad;\r\n",
        );
        let err = import(&file).unwrap_err();
        assert_eq!(err.line, Some(6), "{err}");
    }

    #[test]
    fn an_impossible_date_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "training_needs.csv",
            "id;establishment;staff_group;topic;headcount;priority;raised_on\n1;lantin;medical;x;1;low;31/02/2025\n",
        );
        let err = import(&file).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("31/02/2025"), "{err}");
    }

    #[test]
    fn an_unknown_staff_group_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(
            dir.path(),
            "training_needs.csv",
            "id;establishment;staff_group;topic;headcount;priority;raised_on\n1;lantin;nurses;x;1;low;01/02/2025\n",
        );
        let err = import(&file).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("staff group") && err.message.contains("prison_officers"), "{err}");
    }

    #[test]
    fn other_bad_rows_are_refused() {
        let header = "id;name;function;organisation;qualifications;contact\n";
        let cases = [
            ("people.csv", format!("{header}1;;;;;\n"), "name: is empty"),
            ("people.csv", format!("{header}x;A;;;;\n"), "not a whole number"),
            ("people.csv", format!("{header}1;A\u{7};;;;\n"), "control character"),
            ("people.csv", format!("{header}1;{};;;;\n", "a".repeat(501)), "longer than 500"),
            ("people.csv", format!("{header}1;A;;;;\n1;B;;;;\n"), "appears twice"),
            (
                "people.csv",
                "id;name;function;organisation;qualifications\n1;A;;;\n".to_string(),
                "no column contact",
            ),
            ("people.csv", format!("{header}1;A;;;;;extra\n"), "more cells"),
            (
                "groups.csv",
                "id;kind;establishment;created;dissolved\n1;local;;;\n".to_string(),
                "local group needs one",
            ),
        ];
        for (name, text, expected) in cases {
            let dir = tempfile::tempdir().unwrap();
            let file = write(dir.path(), name, &text);
            let err = import(&file).unwrap_err();
            assert!(err.message.contains(expected), "{expected}: {err}");
            assert_eq!(
                err.line,
                Some(if expected == "no column contact" { 1 } else { text.lines().count() })
            );
        }
    }

    #[test]
    fn a_project_event_the_rules_refuse_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "projects.csv",
            "id;establishment;title;promoter;elements\n1;lantin;T;;urine_tests\n",
        );
        let events = write(
            dir.path(),
            "project_events.csv",
            "project;position;date;step;conditions_or_reason\n1;1;01/03/2012;submitted;\n1;2;01/03/2011;refused;no\n",
        );
        let err = import(dir.path()).unwrap_err();
        assert_eq!((err.file.as_path(), err.line), (events.as_path(), Some(3)), "{err}");
        assert!(err.message.contains("before"), "{err}");

        write(
            dir.path(),
            "project_events.csv",
            "project;position;date;step;conditions_or_reason\n1;2;01/03/2012;authorised;\n1;1;01/03/2012;draft;\n",
        );
        let err = import(dir.path()).unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");

        // A single projects file brings its events along.
        write(
            dir.path(),
            "project_events.csv",
            "project;position;date;step;conditions_or_reason\n1;2;01/03/2012;authorised;ok\n1;1;01/03/2012;submitted;\n",
        );
        let records = import(&dir.path().join("projects.csv")).unwrap();
        let [Record::Project(p)] = records.as_slice() else { panic!("{records:?}") };
        assert_eq!(
            p.history,
            vec![
                ProjectEvent { date: d(2012, 3, 1), step: ProjectStep::Submitted },
                ProjectEvent {
                    date: d(2012, 3, 1),
                    step: ProjectStep::Authorised { conditions: "ok".into() }
                },
            ]
        );
    }

    #[test]
    fn an_empty_directory_imports_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(import(dir.path()).unwrap().is_empty());
        assert!(import(&dir.path().join("missing")).is_err());
    }

    #[test]
    fn two_files_of_one_kind_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        export(&sample(), dir.path(), Format::Csv).unwrap();
        fs::write(dir.path().join("people.json"), "[]").unwrap();
        let err = import(dir.path()).unwrap_err();
        assert!(err.message.contains("keep only one"), "{err}");
    }

    #[test]
    fn hostile_input_is_an_error_not_a_panic() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..200 {
            let dir = tempfile::tempdir().unwrap();
            let len = (next() % 4096) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            let name = if round % 2 == 0 { "people.csv" } else { "people.json" };
            fs::write(dir.path().join(name), &bytes).unwrap();
            assert!(import(dir.path()).is_err(), "round {round}");
        }
        // Valid header, random rows.
        for _ in 0..200 {
            let dir = tempfile::tempdir().unwrap();
            let mut bytes = b"id;name;function;organisation;qualifications;contact\n".to_vec();
            let alphabet = b"1;a\"\n\r|\\\xff\xc3\x00";
            bytes.extend((0..(next() % 512)).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]));
            fs::write(dir.path().join("people.csv"), &bytes).unwrap();
            let _ = import(dir.path());
        }
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("meetings.json"), "[".repeat(100_000)).unwrap();
        assert!(import(dir.path()).is_err());
        fs::write(dir.path().join("meetings.json"), r#"{"schema": 2, "records": []}"#).unwrap();
        assert!(import(dir.path()).unwrap_err().message.contains("schema 2"));
    }
}
