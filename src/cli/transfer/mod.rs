//! Export and import of every record kind as CSV or JSON.
//!
//! An export is a directory with one file per record kind and a `CONFIDENTIAL.txt`. The files'
//! columns are the tables of [`columns`]: the header, export, import and the format's
//! documentation (`docs/export-format.md`, checked against them by a test) all read them.
//!
//! CSV is written for spreadsheets: `;` separator, UTF-8 with a BOM, CRLF line ends, ISO
//! dates, lists in a cell joined with `|` (a `|` or `\` inside an item is escaped with `\`),
//! enums as their codes. A text cell that a spreadsheet would run as a formula gets one more
//! leading `'`, which import takes off again. JSON files hold
//! `{"confidential": ..., "schema": 1, "records": [...]}` with one object per row, keyed by
//! the same column names.
//!
//! Import reads either format and is lenient about what spreadsheets do (`;` or `,`, BOM or
//! not, CRLF, `dd/mm/yyyy` dates, spaces around cells) but strict about content: any bad row
//! fails the whole import with the file and line that hold it. It reads a row at a time and
//! hands each record on as soon as it is whole, so memory follows the data, not the file.
//!
//! The seams: [`columns`] (what each file holds), [`cells`] (one cell's text both ways),
//! [`export`](mod@export), [`rows`] (files into rows of text), [`records`] (rows into
//! records) and [`import`](mod@import) (which files, in which order, put together).

mod cells;
pub mod columns;
mod export;
mod import;
mod records;
mod rows;
#[cfg(test)]
mod tests;

use std::fmt;
use std::path::{Path, PathBuf};

pub use export::export;
pub use import::import;

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
pub enum FileKind {
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
    pub const ALL: [FileKind; 11] = [
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

    /// The file's name without its extension.
    pub fn stem(self) -> &'static str {
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
