//! Export: each file written row by row from the data, through the column tables.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::cells::{BOM, Cell};
use super::columns::{self, Column, EventRow, SeatRow};
use super::{
    CONFIDENTIAL_EN, CONFIDENTIAL_FR, CONFIDENTIAL_NL, FileKind, Format, NOTICE_FILE, SCHEMA, Said,
    TransferError,
};
use crate::domain::Dataset;
use crate::domain::rules::Consent;
use crate::store::{PrivateFile, create_private_dir, write_private_file, write_private_file_with};

/// Whom an export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The concertation's members and the coordinator (a move to another store): everything,
    /// its secret minutes and its productions not agreed to included.
    Internal,
    /// Anyone else: of the concertation, what leaves it by this date (its member services, the
    /// dates it met, what a decision of its members released, to whom and when), never its
    /// debates.
    Outside(chrono::NaiveDate),
}

/// What an export left out, and the decision it lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Withheld {
    Minutes { meeting: u64, date: chrono::NaiveDate, why: Consent },
    Production { id: u64, why: Consent },
}

impl Withheld {
    /// What was left out and the decision it lacks, in words: "production 12: no decision of
    /// the members allows it". A decision is named by its date alone, as where the debates are
    /// sealed: these lines go with an export for the outside (a cron job's mail, a log), and a
    /// motion's text is the debates'.
    pub fn describe(&self, data: &Dataset, lang: crate::i18n::Lang, as_of: chrono::NaiveDate) -> String {
        use crate::i18n::{self, Msg};
        let names = crate::i18n::names::Names::new(data, lang, as_of);
        let sealed = |m| lang.f(Msg::SealedDecision, &[&names.motion_date(m)]);
        let why = |c| i18n::consent(lang, c, true, sealed, |m| names.motion_date(m));
        match self {
            Withheld::Production { id, why: c } => {
                lang.f(Msg::ReportCapbWithheldProduction, &[&id.to_string(), &why(*c)])
            }
            // Released, but to named recipients: not to whoever reads an export for outside.
            Withheld::Minutes { date, why: Consent::Allowed(m), .. } => {
                let to_them = lang.f(Msg::ConsentToThemOnly, &[&names.motion_date(*m)]);
                lang.f(Msg::ReportCapbWithheldMinutes, &[&names.date(*date), &to_them])
            }
            Withheld::Minutes { date, why: c, .. } => {
                lang.f(Msg::ReportCapbWithheldMinutes, &[&names.date(*date), &why(*c)])
            }
        }
    }

    /// Whether the members agreed to let it out, to others than whoever reads this export.
    pub fn released_to_others(&self) -> bool {
        matches!(self, Withheld::Minutes { why: Consent::Allowed(_), .. })
    }
}

/// The files written, the notice first, and what was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub files: Vec<PathBuf>,
    pub withheld: Vec<Withheld>,
}

/// Writes one file per record kind into `dir` (created if missing), owner-only, and a
/// `CONFIDENTIAL.txt` notice. For the outside, the concertation's minutes and productions
/// without the members' agreement are left out, and said.
pub fn export(
    data: &Dataset,
    dir: &Path,
    format: Format,
    audience: Audience,
) -> Result<Exported, TransferError> {
    // A directory that cannot be made (under /proc, or a parent that refuses new entries) is
    // said as such, not as one "that does not exist", which is what the export is to make.
    create_private_dir(dir).map_err(|e| {
        let said = if e.kind() == std::io::ErrorKind::NotFound {
            Said::new(crate::i18n::Msg::WhyCannotMake, [])
        } else {
            Said::io(&e)
        };
        TransferError::new(dir, None, said)
    })?;
    let notice_path = dir.join(NOTICE_FILE);
    write_private_file(&notice_path, notice().as_bytes())
        .map_err(|e| TransferError::new(&notice_path, None, Said::io(&e)))?;
    let mut written = vec![notice_path];
    let seats = || {
        data.templates.values().flat_map(|t| {
            t.seats.iter().zip(1..).map(|(seat, position)| SeatRow {
                template: t.id,
                position,
                seat: seat.clone(),
            })
        })
    };
    let events = || {
        data.projects.values().flat_map(|p| {
            p.history.iter().zip(1..).map(|(e, position)| EventRow {
                project: p.id,
                position,
                date: e.date,
                step: e.step.clone(),
            })
        })
    };
    // For the outside, the concertation as it leaves: sealed (see `rules::concertation::seal`).
    let sealed = match audience {
        Audience::Internal => None,
        Audience::Outside(on) => Some(crate::domain::rules::sealed_part(data, on)),
    };
    let capb = sealed.as_ref().unwrap_or(data);
    let mut withheld = Vec::new();
    if let Audience::Outside(on) = audience {
        for m in data.capb_meetings.values().filter(|m| !m.minutes.trim().is_empty()) {
            if capb.capb_meetings.get(&m.id).is_none_or(|s| s.minutes.is_empty()) {
                let why = crate::domain::rules::minutes_consent(data, m, on);
                withheld.push(Withheld::Minutes { meeting: m.id, date: m.date, why });
            }
        }
        for p in data.productions.values().filter(|p| !capb.productions.contains_key(&p.id)) {
            let why = crate::domain::rules::production_consent(data, p, on);
            withheld.push(Withheld::Production { id: p.id, why });
        }
    }
    for kind in FileKind::ALL {
        let path = dir.join(format!("{}.{}", kind.stem(), format.extension()));
        let out = (path.as_path(), format);
        match kind {
            FileKind::Establishments => {
                write(out, columns::establishments::ALL, data.establishments.values())
            }
            FileKind::People => write(out, columns::people::ALL, data.people.values()),
            FileKind::Groups => write(out, columns::groups::ALL, data.groups.values()),
            FileKind::Templates => write(out, columns::templates::ALL, data.templates.values()),
            FileKind::TemplateSeats => write(out, columns::template_seats::ALL, seats()),
            FileKind::Memberships => write(out, columns::memberships::ALL, data.memberships.values()),
            FileKind::Meetings => write(out, columns::meetings::ALL, data.meetings.values()),
            FileKind::Projects => write(out, columns::projects::ALL, data.projects.values()),
            FileKind::ProjectEvents => write(out, columns::project_events::ALL, events()),
            FileKind::TrainingNeeds => write(out, columns::training_needs::ALL, data.needs.values()),
            FileKind::TrainingSessions => write(out, columns::training_sessions::ALL, data.sessions.values()),
            FileKind::Settings => write(out, columns::settings::ALL, data.settings.values()),
            FileKind::CapbServices => write(out, columns::capb_services::ALL, capb.services.values()),
            FileKind::CapbMeetings => write(out, columns::capb_meetings::ALL, capb.capb_meetings.values()),
            FileKind::CapbMotions => write(out, columns::capb_motions::ALL, capb.motions.values()),
            FileKind::CapbProductions => {
                write(out, columns::capb_productions::ALL, capb.productions.values())
            }
            FileKind::CapbRules => write(out, columns::capb_rules::ALL, capb.capb_rules.values()),
        }
        .map_err(|e| TransferError::new(&path, None, Said::io(&e)))?;
        written.push(path);
    }
    Ok(Exported { files: written, withheld })
}

/// The first line of every CSV file of an export.
pub const CSV_MARK: &str = "# CONFIDENTIAL / CONFIDENTIEL / VERTROUWELIJK: see CONFIDENTIAL.txt\r\n";

fn notice() -> String {
    format!(
        "CONFIDENTIAL / CONFIDENTIEL / VERTROUWELIJK\r\n\r\n\
         EN: {CONFIDENTIAL_EN}\r\n\r\nFR: {CONFIDENTIAL_FR}\r\n\r\nNL: {CONFIDENTIAL_NL}\r\n"
    )
}

/// Writes one file, a row at a time: nothing of it is held whole in memory.
fn write<T, B: Borrow<T>>(
    (path, format): (&Path, Format),
    columns: &'static [Column<T>],
    items: impl Iterator<Item = B>,
) -> std::io::Result<()> {
    let cells = move |item: B| -> Vec<Cell> { columns.iter().map(|c| (c.cell)(item.borrow())).collect() };
    let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
    write_private_file_with(path, |file| match format {
        Format::Csv => csv_file(file, &names, items.map(cells)),
        Format::Json => json_file(file, &names, items.map(cells)),
    })
}

fn csv_file(
    file: &mut PrivateFile,
    names: &[&str],
    rows: impl Iterator<Item = Vec<Cell>>,
) -> std::io::Result<()> {
    file.write_all(BOM)?;
    // The mark every file carries; import skips a first line that begins with `#`.
    file.write_all(CSV_MARK.as_bytes())?;
    csv_row(file, names.iter().copied())?;
    for row in rows {
        csv_row(file, row.iter().map(Cell::csv_text))?;
    }
    file.flush()
}

/// One CSV line, `;`-separated and CRLF-ended. A cell holding either separator (import
/// reads `,` too, and so may a spreadsheet: `a,=1+1` would give it a cell `=1+1`), a quote
/// or a line break is quoted, its quotes doubled (RFC 4180); the csv crate quotes only for
/// its own separator.
fn csv_row<S: AsRef<str>>(out: &mut impl Write, cells: impl Iterator<Item = S>) -> std::io::Result<()> {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.write_all(b";")?;
        }
        let cell = cell.as_ref();
        if cell.contains([';', ',', '"', '\n', '\r']) {
            out.write_all(b"\"")?;
            out.write_all(cell.replace('"', "\"\"").as_bytes())?;
            out.write_all(b"\"")?;
        } else {
            out.write_all(cell.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

fn json_file(
    file: &mut PrivateFile,
    names: &[&str],
    rows: impl Iterator<Item = Vec<Cell>>,
) -> std::io::Result<()> {
    let envelope = Envelope {
        confidential: CONFIDENTIAL_EN,
        schema: SCHEMA,
        records: Rows { names, rows: RefCell::new(Some(rows)) },
    };
    serde_json::to_writer_pretty(&mut *file, &envelope)?;
    file.write_all(b"\n")
}

#[derive(Serialize)]
#[serde(bound = "")]
struct Envelope<'a, I: Iterator<Item = Vec<Cell>>> {
    confidential: &'static str,
    schema: u64,
    records: Rows<'a, I>,
}

/// The rows of a JSON file, serialized as they come.
struct Rows<'a, I> {
    names: &'a [&'a str],
    rows: RefCell<Option<I>>,
}

impl<I: Iterator<Item = Vec<Cell>>> Serialize for Rows<'_, I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let rows = self.rows.borrow_mut().take().into_iter().flatten();
        s.collect_seq(rows.map(|cells| JsonRow { names: self.names, cells }))
    }
}

/// A row as a JSON object, its keys in column order.
struct JsonRow<'a> {
    names: &'a [&'a str],
    cells: Vec<Cell>,
}

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.cells.len()))?;
        for (name, cell) in self.names.iter().zip(&self.cells) {
            map.serialize_entry(name, cell)?;
        }
        map.end()
    }
}
