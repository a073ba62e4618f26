//! What any record must be to enter the store, whatever its way in: a form, a client talking
//! to the server, an import, a restore. Text has no control characters (an escape sequence
//! in a name would reach every terminal that prints it) and no national register number (the
//! app holds nothing about detainees), and stays within its length; an id leaves room for the
//! next record's; a date lies within the years the app knows.
//!
//! The rules between records (a reference to a record that exists, a history in date order)
//! are [`super::Dataset::violations_after`]; who may write what is `rules::access`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::change::{Record, RecordKey};
use super::project::{FundamentalElement, ProjectStep};

/// Longest identifier (establishment slug, seat key).
pub const SLUG_MAX: usize = 100;
/// Longest one-line text (names, titles, functions, contacts, labels).
pub const NAME_MAX: usize = 500;
/// Longest free text (notes, conditions, reasons, agendas, minutes).
pub const NOTE_MAX: usize = 10_000;
/// The years a date may fall in: the oldest Belgian prisons still open date from the 19th
/// century; year 0000 or 9999 is a typing slip.
pub const FIRST_YEAR: i32 = 1800;
pub const LAST_YEAR: i32 = 2200;

/// What is wrong with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Flaw {
    /// Longer than its limit, in characters.
    TooLong { max: usize },
    /// Holds this control character (other than a line break or a tab).
    ControlChar(u32),
    /// Holds a Belgian national register number, as written.
    NationalNumber(String),
    /// A required text left empty.
    Empty,
    /// An id over [`super::MAX_ID`].
    IdTooHigh,
    /// A date outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
    DateOutOfRange,
}

/// A record refused at the door: which one, which field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inadmissible {
    pub record: RecordKey,
    /// The field's name, as the export's columns name it.
    pub field: String,
    pub flaw: Flaw,
}

/// Checks a text: its length, its characters, and that it holds no national register number.
pub fn check_text(text: &str, max: usize) -> Result<(), Flaw> {
    if text.chars().nth(max).is_some() {
        return Err(Flaw::TooLong { max });
    }
    if let Some(c) = text.chars().find(|c| c.is_control() && *c != '\n' && *c != '\t') {
        return Err(Flaw::ControlChar(u32::from(c)));
    }
    if let Some(number) = super::privacy::national_register_number(text) {
        return Err(Flaw::NationalNumber(number.to_string()));
    }
    Ok(())
}

/// Text from elsewhere (a server, a store written by another version) made safe to print on
/// a terminal: every control character, line breaks included, becomes a space, so that no
/// escape sequence reaches the user's screen, window title or clipboard.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Whether a date lies within the years the app knows.
pub fn date_in_range(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

/// One field of a record, as the door sees it.
enum Field<'a> {
    Text { text: &'a str, max: usize, required: bool },
    Date(NaiveDate),
    Id(u64),
}

fn text(text: &str, max: usize, required: bool) -> Field<'_> {
    Field::Text { text, max, required }
}

fn dates<'a>(name: &'static str, each: &mut dyn FnMut(&'static str, Field<'a>), dates: &[Option<NaiveDate>]) {
    for d in dates.iter().flatten() {
        each(name, Field::Date(*d));
    }
}

/// Every field of a record the door checks, with its name.
fn fields<'a>(record: &'a Record, each: &mut dyn FnMut(&'static str, Field<'a>)) {
    use Field::{Date, Id};
    match record {
        Record::Establishment(e) => {
            each("id", text(&e.id, SLUG_MAX, true));
            each("name_fr", text(&e.name_fr, NAME_MAX, true));
            each("name_nl", text(&e.name_nl, NAME_MAX, true));
            each("town", text(&e.town, NAME_MAX, false));
            each("note", text(&e.note, NOTE_MAX, false));
            dates("opened", each, &[e.opened, e.closed]);
            for c in &e.coverage {
                each("coverage", Date(c.from));
            }
        }
        Record::Person(p) => {
            each("id", Id(p.id));
            each("name", text(&p.name, NAME_MAX, true));
            each("function", text(&p.function, NAME_MAX, false));
            each("organisation", text(&p.organisation, NAME_MAX, false));
            each("contact", text(&p.contact, NAME_MAX, false));
        }
        Record::Group(g) => {
            each("id", Id(g.id));
            if let Some(e) = &g.establishment {
                each("establishment", text(e, SLUG_MAX, true));
            }
            dates("created", each, &[g.created, g.dissolved]);
        }
        Record::Template(t) => {
            each("id", Id(t.id));
            each("source", text(&t.source, NAME_MAX, false));
            each("effective_from", Date(t.effective_from));
            for s in &t.seats {
                each("key", text(&s.key, SLUG_MAX, true));
                each("label", text(&s.label, NAME_MAX, false));
            }
        }
        Record::Membership(m) => {
            each("id", Id(m.id));
            each("seat", text(&m.seat, SLUG_MAX, true));
            dates("from", each, &[Some(m.from), m.until]);
        }
        Record::Meeting(m) => {
            each("id", Id(m.id));
            each("date", Date(m.date));
            each("notes", text(&m.notes, NOTE_MAX, false));
        }
        Record::Project(_) | Record::Need(_) | Record::Session(_) | Record::Settings(_) => {
            work_fields(record, each);
        }
        Record::Service(_)
        | Record::CapbMeeting(_)
        | Record::Motion(_)
        | Record::Production(_)
        | Record::Account(_)
        | Record::CapbRules(_)
        | Record::Admission(_) => concertation_fields(record, each),
    }
}

/// The fields of projects, training needs and sessions, and settings.
fn work_fields<'a>(record: &'a Record, each: &mut dyn FnMut(&'static str, Field<'a>)) {
    use Field::{Date, Id};
    match record {
        Record::Project(p) => {
            each("id", Id(p.id));
            each("establishment", text(&p.establishment, SLUG_MAX, true));
            each("title", text(&p.title, NAME_MAX, true));
            each("promoter", text(&p.promoter, NAME_MAX, false));
            for e in &p.elements {
                if let FundamentalElement::Other(other) = e {
                    each("elements", text(other, NAME_MAX, true));
                }
            }
            for event in &p.history {
                each("date", Date(event.date));
                match &event.step {
                    ProjectStep::Authorised { conditions: t } | ProjectStep::Refused { reason: t } => {
                        each("text", text(t, NOTE_MAX, false));
                    }
                    _ => {}
                }
            }
        }
        Record::Need(n) => {
            each("id", Id(n.id));
            each("establishment", text(&n.establishment, SLUG_MAX, true));
            each("topic", text(&n.topic, NAME_MAX, true));
            each("raised_on", Date(n.raised_on));
        }
        Record::Session(s) => {
            each("id", Id(s.id));
            each("establishment", text(&s.establishment, SLUG_MAX, true));
            each("topic", text(&s.topic, NAME_MAX, true));
            each("trainer", text(&s.trainer, NAME_MAX, false));
            each("date", Date(s.date));
        }
        Record::Settings(s) => {
            each("id", Id(s.id));
            each("effective_from", Date(s.effective_from));
            each("note", text(&s.note, NOTE_MAX, false));
        }
        // The others: fields() reads them.
        _ => {}
    }
}

/// The fields of the concertation's records and of the accounts.
fn concertation_fields<'a>(record: &'a Record, each: &mut dyn FnMut(&'static str, Field<'a>)) {
    use Field::{Date, Id};
    match record {
        Record::Service(s) => {
            each("id", Id(s.id));
            each("name", text(&s.name, NAME_MAX, true));
            dates("joined", each, &[Some(s.joined), s.left]);
            for r in &s.representatives {
                dates("representatives", each, &[Some(r.from), r.until]);
            }
        }
        Record::CapbMeeting(m) => {
            each("id", Id(m.id));
            each("date", Date(m.date));
            each("agenda", text(&m.agenda, NOTE_MAX, false));
            each("minutes", text(&m.minutes, NOTE_MAX, false));
        }
        Record::Motion(m) => {
            each("id", Id(m.id));
            each("text", text(&m.text, NOTE_MAX, false));
            for r in &m.releases {
                if let crate::domain::concertation::Recipients::Named(names) = &r.to {
                    for n in names {
                        each("releases", text(n, NAME_MAX, true));
                    }
                }
            }
        }
        Record::Production(p) => {
            each("id", Id(p.id));
            each("title", text(&p.title, NAME_MAX, true));
            each("drafted", Date(p.drafted));
            if let Some(d) = &p.disseminated {
                each("disseminated", Date(d.date));
                each("disseminated_to", text(&d.to, NAME_MAX, false));
            }
        }
        Record::Account(a) => {
            each("id", Id(a.id));
            each("name", text(&a.name, NAME_MAX, false));
            dates("from", each, &[Some(a.from), a.until]);
        }
        Record::CapbRules(r) => {
            each("id", Id(r.id));
            each("from", Date(r.from));
            each("note", text(&r.note, NOTE_MAX, false));
        }
        Record::Admission(a) => {
            each("id", Id(a.id));
            each("name", text(&a.name, NAME_MAX, false));
            dates("from", each, &[Some(a.from), a.until]);
        }
        // The others: fields() reads them.
        _ => {}
    }
}

/// Whether a record may enter the store as it is; the first flaw found if not.
pub fn admit(record: &Record) -> Result<(), Inadmissible> {
    let mut found: Option<(&'static str, Flaw)> = None;
    fields(record, &mut |name, field| {
        if found.is_some() {
            return;
        }
        let flaw = match field {
            Field::Text { text, required, .. } if required && text.trim().is_empty() => Some(Flaw::Empty),
            Field::Text { text, max, .. } => check_text(text, max).err(),
            Field::Date(d) => (!date_in_range(d)).then_some(Flaw::DateOutOfRange),
            Field::Id(id) => (id > super::MAX_ID).then_some(Flaw::IdTooHigh),
        };
        found = flaw.map(|f| (name, f));
    });
    match found {
        None => Ok(()),
        Some((field, flaw)) => Err(Inadmissible { record: record.key(), field: field.to_string(), flaw }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Person;

    fn person(id: u64, name: &str, contact: &str) -> Record {
        Record::Person(Person {
            id,
            name: name.into(),
            function: String::new(),
            organisation: String::new(),
            qualifications: vec![],
            contact: contact.into(),
        })
    }

    #[test]
    fn what_the_door_refuses() {
        assert_eq!(admit(&person(1, "Anne", "")), Ok(()));
        let flaw = |r: &Record| admit(r).map_err(|e| (e.field, e.flaw));
        assert_eq!(
            flaw(&person(1, "A\u{1b}]0;pwned\u{7}", "")),
            Err(("name".into(), Flaw::ControlChar(0x1b)))
        );
        assert_eq!(flaw(&person(1, "A\u{9b}31m", "")), Err(("name".into(), Flaw::ControlChar(0x9b))));
        assert_eq!(
            flaw(&person(1, "NN 85.07.30-033.28", "")),
            Err(("name".into(), Flaw::NationalNumber("85.07.30-033.28".into())))
        );
        assert_eq!(flaw(&person(1, "  ", "")), Err(("name".into(), Flaw::Empty)));
        assert_eq!(flaw(&person(u64::MAX, "A", "")), Err(("id".into(), Flaw::IdTooHigh)));
        assert_eq!(
            flaw(&person(1, "A", &"x".repeat(501))),
            Err(("contact".into(), Flaw::TooLong { max: 500 }))
        );
        // A line break and a tab are text, in notes and names alike (as import reads them).
        assert_eq!(admit(&person(1, "A\tB", "line\nline")), Ok(()));
        let meeting = Record::Meeting(crate::domain::Meeting {
            id: 2,
            group: 1,
            date: NaiveDate::from_ymd_opt(0, 1, 1).unwrap(),
            attendees: vec![],
            notes: String::new(),
        });
        assert_eq!(flaw(&meeting), Err(("date".into(), Flaw::DateOutOfRange)));
    }
}
