//! Reading a file into rows of text cells, one row at a time: a CSV record (which may span
//! lines, inside quotes) or a JSON object. Nothing holds the whole file.

use std::fmt;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::cells::{BOM, NOTE_MAX, check_text, join_items, parse_code, restore, shorten, split_items};
use super::{FileKind, Format, SCHEMA, Said, TransferError, columns, said};
use crate::domain::date::parse_date;
use crate::i18n::Msg;

/// Largest file import reads (a million records as JSON is about 200 MiB). It is read a row at
/// a time, so this bounds the time an import takes, not its memory.
const FILE_MAX: u64 = 256 << 20;
/// Longest CSV record, all its lines: every cell at its longest, and more.
const RECORD_MAX: usize = 1 << 20;

/// What is said of a named pipe, a device or a socket given where a file is expected.
pub fn not_a_file() -> Said {
    said!(Msg::ImpNotAFile)
}

/// Where a row came from: a CSV line or a JSON record number.
#[derive(Clone, Copy)]
pub struct Place<'a> {
    pub file: &'a Path,
    pub line: Option<usize>,
    pub record: Option<usize>,
}

impl Place<'_> {
    pub fn error(&self, said: Said) -> TransferError {
        self.error_in(None, said)
    }

    /// A refusal, after the record it is in (JSON) and the column, if any.
    fn error_in(&self, column: Option<&str>, said: Said) -> TransferError {
        let mut pieces = Vec::new();
        if let Some(n) = self.record {
            pieces.push(said!(Msg::ImpRecord, n.to_string()));
        }
        if let Some(column) = column {
            pieces.push(said!(Msg::ImpColumn, column));
        }
        pieces.push(said);
        TransferError::of(self.file, self.line, pieces)
    }
}

/// One row's cells, in the order of its kind's columns.
pub struct Row<'p, 'c> {
    pub place: Place<'p>,
    csv: bool,
    columns: &'c [&'static str],
    cells: Vec<String>,
}

impl Row<'_, '_> {
    pub fn raw(&self, column: &str) -> &str {
        let index = self.columns.iter().position(|c| *c == column);
        debug_assert!(index.is_some(), "no column {column}");
        index.and_then(|i| self.cells.get(i)).map_or("", String::as_str)
    }

    pub fn error(&self, column: &str, said: Said) -> TransferError {
        self.place.error_in(Some(column), said)
    }

    /// A text cell: CRLF made LF, trimmed when `trim`, un-defused, capped, and free of control
    /// characters other than newline and tab.
    pub fn checked_text(&self, column: &str, max: usize, trim: bool) -> Result<String, TransferError> {
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
    pub fn line(&self, column: &str, max: usize, required: bool) -> Result<String, TransferError> {
        let text = self.checked_text(column, max, true)?;
        if required && text.is_empty() {
            return Err(self.error(column, said!(Msg::ImpIsEmpty)));
        }
        Ok(text)
    }

    pub fn opt_line(&self, column: &str, max: usize) -> Result<Option<String>, TransferError> {
        let text = self.line(column, max, false)?;
        Ok((!text.is_empty()).then_some(text))
    }

    /// Free text, kept as written (notes may begin or end with a new line).
    pub fn note(&self, column: &str) -> Result<String, TransferError> {
        self.checked_text(column, NOTE_MAX, false)
    }

    pub fn trimmed(&self, column: &str) -> &str {
        self.raw(column).trim()
    }

    pub fn opt_number<T: std::str::FromStr>(&self, column: &str) -> Result<Option<T>, TransferError> {
        match self.trimmed(column) {
            "" => Ok(None),
            text => text.parse().map(Some).map_err(|_| {
                self.error(column, said!(Msg::ImpNotNumberInRange, format!("{:?}", shorten(text))))
            }),
        }
    }

    pub fn number<T: std::str::FromStr>(&self, column: &str) -> Result<T, TransferError> {
        self.opt_number(column)?.ok_or_else(|| self.error(column, said!(Msg::ImpIsEmpty)))
    }

    /// A record's own id: no higher than [`crate::domain::MAX_ID`], so that the store can
    /// always give the next record an id of its own (18446744073709551615 made every new record
    /// get id 0, each overwriting the last).
    pub fn id(&self, column: &str) -> Result<u64, TransferError> {
        let id: u64 = self.number(column)?;
        if id > crate::domain::MAX_ID {
            return Err(self
                .error(column, said!(Msg::ImpIdTooHigh, id.to_string(), crate::domain::MAX_ID.to_string())));
        }
        Ok(id)
    }

    pub fn opt_date(&self, column: &str) -> Result<Option<NaiveDate>, TransferError> {
        match self.trimmed(column) {
            "" => Ok(None),
            text => parse_date(text)
                .map(Some)
                .ok_or_else(|| self.error(column, said!(Msg::ImpNotADate, format!("{:?}", shorten(text))))),
        }
    }

    pub fn date(&self, column: &str) -> Result<NaiveDate, TransferError> {
        self.opt_date(column)?.ok_or_else(|| self.error(column, said!(Msg::ImpIsEmpty)))
    }

    /// A yes/no cell; empty is no. Spreadsheets in French, Dutch or German write their own words.
    pub fn flag(&self, column: &str) -> Result<bool, TransferError> {
        match self.trimmed(column).to_lowercase().as_str() {
            "" | "false" | "0" | "no" | "non" | "nee" | "faux" | "onwaar" | "falsch" => Ok(false),
            "true" | "1" | "yes" | "oui" | "ja" | "vrai" | "waar" | "wahr" => Ok(true),
            other => Err(self.error(column, said!(Msg::ImpNotABool, format!("{:?}", shorten(other))))),
        }
    }

    pub fn opt_code<T: Copy>(
        &self,
        column: &str,
        what: Msg,
        all: &[T],
        code: fn(T) -> &'static str,
    ) -> Result<Option<T>, TransferError> {
        match self.trimmed(column) {
            "" => Ok(None),
            text => parse_code(text, what, all, code).map(Some).map_err(|e| self.error(column, e)),
        }
    }

    pub fn code<T: Copy>(
        &self,
        column: &str,
        what: Msg,
        all: &[T],
        code: fn(T) -> &'static str,
    ) -> Result<T, TransferError> {
        self.opt_code(column, what, all, code)?.ok_or_else(|| self.error(column, said!(Msg::ImpIsEmpty)))
    }

    pub fn items(&self, column: &str) -> Vec<String> {
        split_items(self.raw(column))
    }

    pub fn numbers(&self, column: &str) -> Result<Vec<u64>, TransferError> {
        self.items(column)
            .iter()
            .map(|i| {
                i.parse()
                    .map_err(|_| self.error(column, said!(Msg::ImpNotNumber, format!("{:?}", shorten(i)))))
            })
            .collect()
    }
}

/// Reads `file`, a file of `kind`, and gives `each` its rows in order; the first error stops it.
pub fn read_rows<'p>(
    file: &'p Path,
    kind: FileKind,
    format: Format,
    each: &mut dyn FnMut(Row<'p, '_>) -> Result<(), TransferError>,
) -> Result<(), TransferError> {
    let io = |e: std::io::Error| TransferError::new(file, None, Said::io(&e));
    let too_large =
        || TransferError::new(file, None, said!(Msg::ImpFileTooLarge, (FILE_MAX >> 20).to_string()));
    // Looked at before it is opened: opening a named pipe waits for a writer, for ever, and
    // the store's lock is held meanwhile.
    let meta = fs::metadata(file).map_err(io)?;
    if !meta.is_file() {
        return Err(TransferError::new(file, None, not_a_file()));
    }
    let opened = fs::File::open(file).map_err(io)?;
    if meta.len() > FILE_MAX {
        return Err(too_large());
    }
    // The size is bounded again while reading: a file may grow in between.
    let mut input = BufReader::with_capacity(64 << 10, opened.take(FILE_MAX + 1));
    if input.fill_buf().map_err(io)?.starts_with(BOM) {
        input.consume(BOM.len());
    }
    let columns = columns::names(kind);
    let read = match format {
        Format::Csv => csv_rows(file, &mut input, kind, &columns, each),
        Format::Json => json_rows(file, &mut input, kind, &columns, each),
    };
    if input.get_ref().limit() == 0 {
        return Err(too_large());
    }
    read
}

/// The separator of a CSV file, from its header line: `;`, `,` or a tab, whichever is most common.
fn detect_delimiter(header: &[u8]) -> u8 {
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

/// The next CSV record's bytes and the line it starts on: whole lines, until its quotes are
/// closed (quotes come in pairs in a well-made file, `""` inside a quoted cell too). `None` at
/// the end of the file.
struct CsvRecords<'r, R> {
    input: &'r mut R,
    file: &'r Path,
    /// The lines read so far.
    line: usize,
    record: Vec<u8>,
}

impl<R: BufRead> CsvRecords<'_, R> {
    fn next(&mut self) -> Result<Option<(usize, &[u8])>, TransferError> {
        self.record.clear();
        let start = self.line + 1;
        let mut quotes = 0usize;
        loop {
            let before = self.record.len();
            let read = (&mut *self.input)
                .take((RECORD_MAX + 1 - before) as u64)
                .read_until(b'\n', &mut self.record)
                .map_err(|e| TransferError::new(self.file, Some(start), Said::io(&e)))?;
            if read == 0 {
                if !quotes.is_multiple_of(2) {
                    return Err(TransferError::new(self.file, Some(start), said!(Msg::ImpQuoteNeverClosed)));
                }
                return Ok((!self.record.is_empty()).then_some((start, self.record.as_slice())));
            }
            quotes += self.record[before..].iter().filter(|b| **b == b'"').count();
            if self.record.len() > RECORD_MAX {
                let message = if !quotes.is_multiple_of(2) {
                    Msg::ImpQuoteNotClosedWithin
                } else {
                    Msg::ImpLineTooLong
                };
                return Err(TransferError::new(self.file, Some(start), said!(message)));
            }
            if self.record.last() == Some(&b'\n') {
                self.line += 1;
            }
            if quotes.is_multiple_of(2) {
                return Ok(Some((start, self.record.as_slice())));
            }
        }
    }
}

/// Parses one record's bytes into its cells, with one parser for the whole file.
struct CsvParser {
    parser: csv_core::Reader,
    delimiter: u8,
    text: Vec<u8>,
    ends: Vec<usize>,
}

impl CsvParser {
    fn new(delimiter: u8) -> CsvParser {
        let parser = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        CsvParser { parser, delimiter, text: Vec::new(), ends: Vec::new() }
    }

    /// The cells of a record (none for a blank line).
    fn cells(&mut self, bytes: &[u8]) -> Result<Vec<&[u8]>, Said> {
        use csv_core::ReadRecordResult as R;
        self.parser.reset();
        // Unquoting only shortens, and there are at most one cell more than separators.
        self.text.clear();
        self.text.resize(bytes.len() + 1, 0);
        self.ends.clear();
        self.ends.resize(bytes.iter().filter(|b| **b == self.delimiter).count() + 2, 0);
        let (mut input, mut written, mut cells) = (bytes, 0, 0);
        // An empty input says the file ends, which ends a record without a line end.
        let mut ended = bytes.is_empty();
        loop {
            let (result, nin, nout, nends) =
                self.parser.read_record(input, &mut self.text[written..], &mut self.ends[cells..]);
            input = &input[nin..];
            written += nout;
            cells += nends;
            match result {
                R::InputEmpty if !ended => ended = true,
                R::InputEmpty | R::Record | R::End => break,
                R::OutputFull | R::OutputEndsFull => return Err(Said::raw("unreadable CSV")),
            }
        }
        let mut start = 0;
        Ok(self.ends[..cells]
            .iter()
            .map(|&end| {
                let cell = &self.text[start..end];
                start = end;
                cell
            })
            .collect())
    }
}

fn csv_rows<'p>(
    file: &'p Path,
    input: &mut impl BufRead,
    kind: FileKind,
    columns: &[&'static str],
    each: &mut dyn FnMut(Row<'p, '_>) -> Result<(), TransferError>,
) -> Result<(), TransferError> {
    let mut records = CsvRecords { input, file, line: 0, record: Vec::new() };
    let Some((mut header_line, mut header_bytes)) = records.next()? else { return Ok(()) };
    // An export's files begin with a line that marks them confidential: the header follows.
    if header_bytes.starts_with(b"#") {
        let Some(next) = records.next()? else { return Ok(()) };
        (header_line, header_bytes) = next;
    }
    let mut parser = CsvParser::new(detect_delimiter(header_bytes));
    let header = parser.cells(header_bytes).map_err(|e| TransferError::new(file, Some(header_line), e))?;
    let header: Vec<String> = header
        .into_iter()
        .map(|cell| {
            std::str::from_utf8(cell)
                .map(|c| c.trim().trim_start_matches('\u{feff}').to_lowercase())
                .map_err(|_| TransferError::new(file, Some(header_line), said!(Msg::ImpHeaderNotUtf8)))
        })
        .collect::<Result<_, _>>()?;
    let mut index = Vec::with_capacity(columns.len());
    for column in columns {
        let mut found = header.iter().enumerate().filter(|(_, h)| h == column).map(|(i, _)| i);
        let Some(i) = found.next() else {
            if columns::added_later(kind, column) {
                index.push(None);
                continue;
            }
            let needs = said!(Msg::ImpNoColumn, *column, kind.stem(), columns.join(", "));
            return Err(TransferError::new(file, Some(header_line), needs));
        };
        if found.next().is_some() {
            return Err(TransferError::new(file, Some(header_line), said!(Msg::ImpColumnTwice, *column)));
        }
        index.push(Some(i));
    }
    while let Some((line, bytes)) = records.next()? {
        let place = Place { file, line: Some(line), record: None };
        let cells = parser.cells(bytes).map_err(|e| place.error(e))?;
        let cells: Vec<&str> = cells
            .into_iter()
            .map(|cell| std::str::from_utf8(cell).map_err(|_| place.error(said!(Msg::ImpLineNotUtf8))))
            .collect::<Result<_, _>>()?;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.iter().skip(header.len()).any(|c| !c.trim().is_empty()) {
            return Err(place.error(said!(Msg::ImpMoreCells, header.len().to_string())));
        }
        if cells.len() < header.len() {
            return Err(place.error(said!(
                Msg::ImpCellMissing,
                cells.len().to_string(),
                header.len().to_string()
            )));
        }
        let cells =
            index.iter().map(|i| i.and_then(|i| cells.get(i)).copied().unwrap_or("").to_string()).collect();
        each(Row { place, csv: true, columns, cells })?;
    }
    Ok(())
}

/// A JSON value as the text a CSV cell would hold (a list joined with `|`).
fn json_cell(value: &Value) -> Result<String, Msg> {
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
                    _ => Err(Msg::ImpListTextsNumbers),
                })
                .collect::<Result<_, _>>()?;
            join_items(items)
        }
        Value::Object(_) => return Err(Msg::ImpValueObject),
    })
}

/// Reads a JSON file's records one object at a time: the file is an object with a `records`
/// list (and a `schema` this pilotage reads), or the list alone.
fn json_rows<'p>(
    file: &'p Path,
    input: &mut impl BufRead,
    kind: FileKind,
    columns: &[&'static str],
    each: &mut dyn FnMut(Row<'p, '_>) -> Result<(), TransferError>,
) -> Result<(), TransferError> {
    let mut reader = JsonReader { file, kind, columns, each, failed: None, records: 0, has_records: false };
    let mut deserializer = serde_json::Deserializer::from_reader(input);
    let read = (&mut reader).deserialize(&mut deserializer).and_then(|()| deserializer.end());
    if let Some(e) = reader.failed {
        return Err(e);
    }
    read.map_err(|e| {
        let mut message = e.to_string();
        if let Some(at) = message.rfind(" at line ") {
            message.truncate(at);
        }
        let line = (e.line() > 0).then_some(e.line());
        TransferError::new(file, line, said!(Msg::ImpNotJson, message, e.column().to_string()))
    })?;
    if !reader.has_records {
        return Err(TransferError::new(file, None, said!(Msg::ImpNoRecordsList)));
    }
    Ok(())
}

/// Walks a JSON file with serde, handing each record on as it is read. An error of ours is
/// kept aside (serde carries only its text) and said as it is.
struct JsonReader<'a, 'c, 'f> {
    file: &'a Path,
    kind: FileKind,
    columns: &'c [&'static str],
    each: &'f mut dyn FnMut(Row<'a, 'c>) -> Result<(), TransferError>,
    failed: Option<TransferError>,
    records: usize,
    has_records: bool,
}

impl JsonReader<'_, '_, '_> {
    fn fail<E: de::Error>(&mut self, e: TransferError) -> E {
        let text = e.to_string();
        self.failed = Some(e);
        E::custom(text)
    }

    fn record<E: de::Error>(&mut self, value: Value) -> Result<(), E> {
        self.records += 1;
        let place = Place { file: self.file, line: None, record: Some(self.records) };
        let Value::Object(object) = value else {
            return Err(self.fail(place.error(said!(Msg::ImpNotAnObject))));
        };
        let cells = self
            .columns
            .iter()
            .map(|column| match object.get(*column) {
                None if columns::added_later(self.kind, column) => Ok(String::new()),
                None => Err(place.error(said!(Msg::ImpHasNo, *column))),
                Some(v) => json_cell(v).map_err(|e| place.error_in(Some(column), said!(e))),
            })
            .collect::<Result<_, _>>();
        let row = match cells {
            Ok(cells) => Row { place, csv: false, columns: self.columns, cells },
            Err(e) => return Err(self.fail(e)),
        };
        (self.each)(row).map_err(|e| self.fail(e))
    }
}

impl<'de> DeserializeSeed<'de> for &mut JsonReader<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &mut JsonReader<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with a \"records\" list")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "schema" => {
                    let schema: Value = map.next_value()?;
                    if schema.as_u64() != Some(SCHEMA) {
                        let message = said!(Msg::ImpSchema, schema.to_string(), SCHEMA.to_string());
                        return Err(self.fail(TransferError::new(self.file, None, message)));
                    }
                }
                "records" => map.next_value_seed(RecordList { reader: &mut *self })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.has_records = true;
        while let Some(value) = seq.next_element::<Value>()? {
            self.record(value)?;
        }
        Ok(())
    }
}

/// The `records` list of the object form.
struct RecordList<'r, 'a, 'c, 'f> {
    reader: &'r mut JsonReader<'a, 'c, 'f>,
}

impl<'de> DeserializeSeed<'de> for RecordList<'_, '_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for RecordList<'_, '_, '_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.reader.visit_seq(seq)
    }
}
