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
use crate::store::{PrivateFile, create_private_dir, write_private_file, write_private_file_with};

/// Writes one file per record kind into `dir` (created if missing), owner-only, and a
/// `CONFIDENTIAL.txt` notice. Returns the files written, the notice first.
pub fn export(data: &Dataset, dir: &Path, format: Format) -> Result<Vec<PathBuf>, TransferError> {
    create_private_dir(dir).map_err(|e| TransferError::new(dir, None, Said::io(&e)))?;
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
        }
        .map_err(|e| TransferError::new(&path, None, Said::io(&e)))?;
        written.push(path);
    }
    Ok(written)
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
    let mut writer =
        csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(file);
    writer.write_record(names)?;
    for row in rows {
        writer.write_record(row.iter().map(Cell::csv_text))?;
    }
    writer.flush()
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
