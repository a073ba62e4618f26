//! Import: which files, in which order, and the records they make put together (a template
//! with its seats, a project with its history), each handed on as soon as it is whole.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::cells::step_error_message;
use super::columns::{EventRow, SeatRow};
use super::rows::{Place, Row, not_a_file, read_rows};
use super::{FileKind, Format, Said, TransferError, records, said};
use crate::domain::{Project, Record, SeatTemplate};
use crate::i18n::Msg;

/// The files to read, by kind, with their format.
type Files = BTreeMap<FileKind, (PathBuf, Format)>;

fn add_file(files: &mut Files, kind: FileKind, path: PathBuf, format: Format) -> Result<(), TransferError> {
    if let Some((other, _)) = files.get(&kind) {
        return Err(TransferError::new(
            &path,
            None,
            said!(Msg::ImpAlsoHolds, other.display().to_string(), kind.stem()),
        ));
    }
    files.insert(kind, (path, format));
    Ok(())
}

/// The export files in a directory (other files are ignored), or a single file and the other
/// file of its pair when that is beside it.
fn locate(path: &Path) -> Result<Files, TransferError> {
    let meta = fs::metadata(path).map_err(|e| TransferError::new(path, None, Said::io(&e)))?;
    let mut files = Files::new();
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(path)
            .map_err(|e| TransferError::new(path, None, Said::io(&e)))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            if let Some((kind, format)) = FileKind::of_file(&entry) {
                // A pipe or a device under a record kind's name is said, not skipped.
                if !fs::metadata(&entry).is_ok_and(|m| m.is_file()) {
                    return Err(TransferError::new(&entry, None, not_a_file()));
                }
                add_file(&mut files, kind, entry, format)?;
            }
        }
        return Ok(files);
    }
    let Some((kind, format)) = FileKind::of_file(path) else {
        let names: Vec<&str> = FileKind::ALL.iter().map(|k| k.stem()).collect();
        return Err(TransferError::new(path, None, said!(Msg::ImpCannotTell, names.join(", "))));
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

/// Reads one file and gives `each` its values in order, refusing a key seen twice.
fn load<'a, T, K: Ord>(
    files: &'a Files,
    kind: FileKind,
    convert: fn(&Row) -> Result<T, TransferError>,
    key: fn(&T) -> K,
    label: &dyn Fn(&T) -> Said,
    each: &mut dyn FnMut(T, Place<'a>) -> Result<(), TransferError>,
) -> Result<(), TransferError> {
    let Some((file, format)) = files.get(&kind) else {
        return Ok(());
    };
    let mut seen: BTreeMap<K, Place> = BTreeMap::new();
    read_rows(file, kind, *format, &mut |row| {
        let value = convert(&row)?;
        let k = key(&value);
        if let Some(first) = seen.get(&k) {
            let at = match (first.line, first.record) {
                (Some(line), _) => said!(Msg::ImpAtLine, line.to_string()),
                (_, Some(n)) => said!(Msg::ImpAtRecord, n.to_string()),
                _ => Said::raw("?"),
            };
            return Err(row.place.error(said!(Msg::ImpAppearsTwice, label(&value), at)));
        }
        seen.insert(k, row.place);
        each(value, row.place)
    })
}

/// Reads one file of records that stand alone (numbered by `id`), giving each on as it is read.
fn each_record<T>(
    files: &Files,
    kind: FileKind,
    convert: fn(&Row) -> Result<T, TransferError>,
    id: fn(&T) -> u64,
    what: Msg,
    record: fn(T) -> Record,
    give: &mut dyn FnMut(Record),
) -> Result<(), TransferError> {
    load(files, kind, convert, id, &|v| said!(what, id(v).to_string()), &mut |v, _| {
        give(record(v));
        Ok(())
    })
}

/// Reads a directory written by [`super::export`] (CSV, JSON or a mix; other files are
/// ignored) or a single file of one kind, and gives `each` every record in it, as it is read;
/// returns how many. Any bad row fails the whole import: the records given before it are to
/// be thrown away.
pub fn import(path: &Path, each: &mut dyn FnMut(Record)) -> Result<usize, TransferError> {
    use FileKind as K;
    let files = locate(path)?;
    for (child, parent) in [(K::TemplateSeats, K::Templates), (K::ProjectEvents, K::Projects)] {
        if let (Some((file, _)), None) = (files.get(&child), files.get(&parent)) {
            return Err(TransferError::new(
                file,
                None,
                said!(Msg::ImpNeedsBeside, child.stem(), parent.stem()),
            ));
        }
    }
    let mut count = 0;
    let mut give = |record: Record| {
        count += 1;
        each(record);
    };

    load(
        &files,
        K::Establishments,
        records::establishment,
        |e| e.id.clone(),
        &|e| said!(Msg::ImpEstablishment, e.id.as_str()),
        &mut |e, _| {
            give(Record::Establishment(e));
            Ok(())
        },
    )?;
    each_record(&files, K::People, records::person, |p| p.id, Msg::ImpPerson, Record::Person, &mut give)?;
    each_record(&files, K::Groups, records::group, |g| g.id, Msg::ImpGroup, Record::Group, &mut give)?;

    templates(&files, &mut give)?;

    each_record(
        &files,
        K::Memberships,
        records::membership,
        |m| m.id,
        Msg::ImpMembership,
        Record::Membership,
        &mut give,
    )?;
    each_record(
        &files,
        K::Meetings,
        records::meeting,
        |m| m.id,
        Msg::ImpMeeting,
        Record::Meeting,
        &mut give,
    )?;

    projects(&files, &mut give)?;

    each_record(&files, K::TrainingNeeds, records::need, |n| n.id, Msg::ImpNeed, Record::Need, &mut give)?;
    each_record(
        &files,
        K::TrainingSessions,
        records::session,
        |s| s.id,
        Msg::ImpSession,
        Record::Session,
        &mut give,
    )?;
    each_record(
        &files,
        K::Settings,
        records::settings,
        |s| s.id,
        Msg::ImpSettings,
        Record::Settings,
        &mut give,
    )?;
    concertation(&files, &mut give)?;
    Ok(count)
}

/// The seat templates, each with its seats (a file beside theirs).
fn templates(files: &Files, give: &mut dyn FnMut(Record)) -> Result<(), TransferError> {
    use FileKind as K;
    let mut templates: BTreeMap<u64, SeatTemplate> = BTreeMap::new();
    load(
        files,
        K::Templates,
        records::template,
        |t| t.id,
        &|t| said!(Msg::ImpTemplate, t.id.to_string()),
        &mut |t, _| {
            templates.insert(t.id, t);
            Ok(())
        },
    )?;
    let mut seats: Vec<(SeatRow, Place)> = Vec::new();
    load(
        files,
        K::TemplateSeats,
        records::seat,
        |s| (s.template, s.position),
        &|s| said!(Msg::ImpSeatOf, s.position.to_string(), s.template.to_string()),
        &mut |s, place| {
            seats.push((s, place));
            Ok(())
        },
    )?;
    seats.sort_by_key(|(s, _)| (s.template, s.position));
    for (s, place) in seats {
        let template = templates
            .get_mut(&s.template)
            .ok_or_else(|| place.error(said!(Msg::ImpTemplateMissing, s.template.to_string())))?;
        template.seats.push(s.seat);
    }
    templates.into_values().for_each(|t| give(Record::Template(t)));
    Ok(())
}

/// The projects, each with its steps (a file beside theirs).
fn projects(files: &Files, give: &mut dyn FnMut(Record)) -> Result<(), TransferError> {
    use FileKind as K;
    let mut projects: BTreeMap<u64, Project> = BTreeMap::new();
    load(
        files,
        K::Projects,
        records::project,
        |p| p.id,
        &|p| said!(Msg::ImpProject, p.id.to_string()),
        &mut |p, _| {
            projects.insert(p.id, p);
            Ok(())
        },
    )?;
    let mut events: Vec<(EventRow, Place)> = Vec::new();
    load(
        files,
        K::ProjectEvents,
        records::event,
        |e| (e.project, e.position),
        &|e| said!(Msg::ImpEventOf, e.position.to_string(), e.project.to_string()),
        &mut |e, place| {
            events.push((e, place));
            Ok(())
        },
    )?;
    events.sort_by_key(|(e, _)| (e.project, e.position));
    for (e, place) in events {
        let project = projects
            .get_mut(&e.project)
            .ok_or_else(|| place.error(said!(Msg::ImpProjectMissing, e.project.to_string())))?;
        project.record(e.step, e.date).map_err(|err| place.error(said!(step_error_message(err))))?;
    }
    projects.into_values().for_each(|p| give(Record::Project(p)));
    Ok(())
}

/// The concertation's records: services, meetings, motions, productions, its own rules.
fn concertation(files: &Files, give: &mut dyn FnMut(Record)) -> Result<(), TransferError> {
    use FileKind as K;
    each_record(
        files,
        K::CapbServices,
        records::capb_service,
        |s| s.id,
        Msg::ImpCapbService,
        Record::Service,
        give,
    )?;
    each_record(
        files,
        K::CapbMeetings,
        records::capb_meeting,
        |m| m.id,
        Msg::ImpCapbMeeting,
        Record::CapbMeeting,
        give,
    )?;
    each_record(
        files,
        K::CapbMotions,
        records::capb_motion,
        |m| m.id,
        Msg::ImpCapbMotion,
        Record::Motion,
        give,
    )?;
    each_record(
        files,
        K::CapbProductions,
        records::capb_production,
        |p| p.id,
        Msg::ImpCapbProduction,
        Record::Production,
        give,
    )?;
    each_record(
        files,
        K::CapbRules,
        records::capb_rules,
        |r| r.id,
        Msg::ImpCapbRules,
        Record::CapbRules,
        give,
    )?;
    Ok(())
}
