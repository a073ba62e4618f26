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

use crate::i18n::{Lang, Msg};

pub use export::{Audience, Exported, Withheld, export};
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

/// One piece of a refusal, in the user's language when it is said: a message of the
/// catalogue and what fills it (text as it is, or another piece).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    msg: Msg,
    args: Vec<Arg>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Said(Said),
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<Said> for Arg {
    fn from(said: Said) -> Arg {
        Arg::Said(said)
    }
}

impl From<Msg> for Arg {
    fn from(msg: Msg) -> Arg {
        Arg::Said(Said::new(msg, []))
    }
}

impl Said {
    pub fn new<const N: usize>(msg: Msg, args: [Arg; N]) -> Said {
        Said { msg, args: args.into() }
    }

    /// Text as it came (from the system or a library), in any language.
    pub fn raw(text: impl Into<String>) -> Said {
        Said::new(Msg::ImpRaw, [Arg::Text(text.into())])
    }

    /// An error of the system, in words where the catalogue has them.
    pub fn io(e: &std::io::Error) -> Said {
        match e.kind() {
            std::io::ErrorKind::NotFound => Said::new(Msg::WhyNotFound, []),
            std::io::ErrorKind::PermissionDenied => Said::new(Msg::WhyPermissionDenied, []),
            std::io::ErrorKind::ReadOnlyFilesystem => Said::new(Msg::WhyReadOnlyFilesystem, []),
            std::io::ErrorKind::StorageFull => Said::new(Msg::ImpDiskFull, []),
            _ => Said::raw(e.to_string()),
        }
    }

    pub fn in_lang(&self, lang: Lang) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .map(|a| match a {
                Arg::Text(t) => t.clone(),
                Arg::Said(s) => s.in_lang(lang),
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        lang.f(self.msg, &args)
    }
}

/// A piece of a refusal: `said!(Msg::ImpNotNumber, text)`.
macro_rules! said {
    ($msg:expr $(, $arg:expr)* $(,)?) => {
        $crate::cli::transfer::Said::new($msg, [$($crate::cli::transfer::Arg::from($arg)),*])
    };
}
use said;

/// What went wrong, and where: the file, and for CSV the 1-based line (the header is line 1).
/// What is wrong comes in pieces ("record 3", "column id", "is empty"), said in the user's
/// language by [`TransferError::in_lang`]; [`TransferError::message`] is the English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferError {
    pub file: PathBuf,
    pub line: Option<usize>,
    said: Vec<Said>,
}

impl TransferError {
    fn new(file: &Path, line: Option<usize>, said: Said) -> Self {
        TransferError::of(file, line, vec![said])
    }

    fn of(file: &Path, line: Option<usize>, said: Vec<Said>) -> Self {
        TransferError { file: file.to_path_buf(), line, said }
    }

    /// What is wrong, in English, without the file and line.
    pub fn message(&self) -> String {
        Self::words(&self.said, Lang::En)
    }

    fn words(said: &[Said], lang: Lang) -> String {
        said.iter().map(|s| s.in_lang(lang)).collect::<Vec<_>>().join(": ")
    }

    /// The whole refusal in `lang`: the file, the line and what is wrong.
    pub fn in_lang(&self, lang: Lang) -> String {
        let what = Self::words(&self.said, lang);
        match self.line {
            Some(line) => format!("{}:{line}: {what}", self.file.display()),
            None => format!("{}: {what}", self.file.display()),
        }
    }
}

impl fmt::Display for TransferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
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
    Settings,
    CapbServices,
    CapbMeetings,
    CapbMotions,
    CapbProductions,
    CapbRules,
}

impl FileKind {
    pub const ALL: [FileKind; 17] = [
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
        Self::Settings,
        Self::CapbServices,
        Self::CapbMeetings,
        Self::CapbMotions,
        Self::CapbProductions,
        Self::CapbRules,
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
            Self::Settings => "settings",
            Self::CapbServices => "capb_services",
            Self::CapbMeetings => "capb_meetings",
            Self::CapbMotions => "capb_motions",
            Self::CapbProductions => "capb_productions",
            Self::CapbRules => "capb_rules",
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
