//! The commands, run as a script would: exit codes, report content, export and import.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use pilotage::domain::establishment::reference_establishments;
use pilotage::domain::group::{circular_central_template, circular_local_template};
use pilotage::domain::*;
use pilotage::store::Store;

const TODAY: &str = "2026-11-23";

fn pilotage(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pilotage"))
        .args(["--today", TODAY, "--keep-backups", "0"])
        .args(args)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .expect("pilotage runs")
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn demo_report_tells_the_story() {
    let out = pilotage(&["--demo", "report"]);
    assert_eq!(out.status.code(), Some(0));
    let report = text(&out);
    assert!(report.contains("CONFIDENTIAL"));
    assert!(report.contains("The central group has had no chair since 01/04/2011."));
    assert!(report.contains("| dormant |"));
    assert!(report.contains("overloaded: 2 seats, 2 full-time"));
    // The longest-waiting authorisation comes first, with its days and its blocker.
    let pending = report.split("## Authorisations").nth(1).unwrap();
    let first = pending.lines().find(|l| l.starts_with("| ") && l.contains("/20")).unwrap();
    assert!(first.contains("no chair since 01/04/2011"), "{first}");
    assert!(report.contains("| open |"));
    let fr = text(&pilotage(&["--demo", "--lang", "fr", "report"]));
    assert!(fr.contains("CONFIDENTIEL") && fr.contains("Sièges à pourvoir"));
}

#[test]
fn check_exits_1_on_the_demo_and_0_when_all_is_well() {
    let out = pilotage(&["--demo", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let lines = text(&out);
    for kind in ["gap\t", "dormant group\t", "overdue authorisation\t", "overload\t"] {
        assert!(lines.lines().any(|l| l.starts_with(kind)), "no {kind:?} line");
    }

    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), healthy_dataset).unwrap();
    drop(store);
    let out = pilotage(&["--db", dir.path().to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("Nothing needs attention."));
}

/// One prison whose local group and the central group have every seat filled by qualified
/// people, a chair, and recent meetings.
fn healthy_dataset() -> Dataset {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let mut data = Dataset::default();
    let lantin = reference_establishments().into_iter().find(|e| e.id == "lantin").unwrap();
    data.establishments.insert(lantin.id.clone(), lantin);
    data.templates.insert(1, circular_central_template(1));
    data.templates.insert(2, circular_local_template(2));
    data.groups.insert(
        3,
        Group {
            id: 3,
            kind: GroupKind::Central,
            establishment: None,
            created: Some(d(2006, 7, 18)),
            dissolved: None,
        },
    );
    data.groups.insert(
        4,
        Group {
            id: 4,
            kind: GroupKind::Local,
            establishment: Some("lantin".into()),
            created: Some(d(2007, 1, 1)),
            dissolved: None,
        },
    );
    let mut next = 10;
    for (group, template) in [(3, 1), (4, 2)] {
        let seats = data.templates[&template].seats.clone();
        let mut first_member = None;
        for seat in seats {
            for _ in 0..seat.min {
                let person = if seat.key == CHAIR { first_member.unwrap() } else { next };
                if seat.key != CHAIR {
                    data.people.insert(
                        person,
                        Person {
                            id: person,
                            name: format!("Person {person}"),
                            function: String::new(),
                            organisation: String::new(),
                            qualifications: vec![Qualification::Physician, Qualification::PrisonDirector],
                            contact: String::new(),
                        },
                    );
                    first_member.get_or_insert(person);
                }
                next += 1;
                data.memberships.insert(
                    next,
                    Membership {
                        id: next,
                        person,
                        group,
                        seat: seat.key.clone(),
                        from: d(2020, 1, 1),
                        until: None,
                        delegate_of: None,
                    },
                );
                next += 1;
            }
        }
        data.meetings.insert(
            next,
            Meeting { id: next, group, date: d(2026, 10, 1), attendees: vec![], notes: String::new() },
        );
        next += 1;
    }
    assert!(data.violations().is_empty());
    data
}

#[test]
fn export_then_import_into_an_empty_store_gives_the_same_report() {
    for format in ["csv", "json"] {
        let dir = tempfile::tempdir().unwrap();
        let export = dir.path().join("export");
        let out = pilotage(&["--demo", "export", "--format", format, export.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(export.join("CONFIDENTIAL.txt").exists());
        let store = dir.path().join("store");
        let db = store.to_str().unwrap();
        let out = pilotage(&["--db", db, "import", "--replace", export.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let before = text(&pilotage(&["--demo", "report"]));
        let after = text(&pilotage(&["--db", db, "report"]));
        assert_eq!(before, after, "{format}");
    }
}

#[test]
fn a_bad_import_names_file_and_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let db = db.to_str().unwrap();
    let before = text(&pilotage(&["--db", db, "report"]));
    let file = dir.path().join("people.csv");
    std::fs::write(
        &file,
        "id;name;function;organisation;qualifications;contact\n1;A;;;physician;\n2;B;;;astronaut;\n",
    )
    .unwrap();
    let out = pilotage(&["--db", db, "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("people.csv") && err.contains('3'), "{err}");
    assert_eq!(text(&pilotage(&["--db", db, "report"])), before);
}

#[test]
fn backup_restore_and_log() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("store");
    let db = db_path.to_str().unwrap();
    let backup = dir.path().join("b.backup");
    assert_eq!(pilotage(&["--db", db, "backup", backup.to_str().unwrap()]).status.code(), Some(0));
    let file = dir.path().join("people.csv");
    std::fs::write(&file, "id;name;function;organisation;qualifications;contact\n900;Added Later;;;;\n")
        .unwrap();
    assert_eq!(pilotage(&["--db", db, "import", file.to_str().unwrap()]).status.code(), Some(0));
    let log = text(&pilotage(&["--db", db, "log", "--record", "person"]));
    assert!(log.contains("person:900") && log.contains("Added Later"), "{log}");
    assert_eq!(pilotage(&["--db", db, "restore", backup.to_str().unwrap()]).status.code(), Some(0));
    assert!(!text(&pilotage(&["--db", db, "log", "--record", "person:900"])).contains("Added Later"));
    assert!(
        Path::new(&format!("{db}-backups")).read_dir().unwrap().next().is_some(),
        "restore kept a safety copy"
    );
}

#[test]
fn a_directory_that_is_not_a_store_is_refused_with_exit_4() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.odt"), "not a store").unwrap();
    let out = pilotage(&["--db", dir.path().to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not a pilotage store") && !err.contains("panicked"), "{err}");
}

#[test]
fn a_daily_backup_is_written_once_a_day_and_never_from_a_damaged_store() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("store");
    let db = db_path.to_str().unwrap();
    let backups = dir.path().join("store-backups");
    let on = |day: &str| {
        Command::new(env!("CARGO_BIN_EXE_pilotage"))
            .args(["--db", db, "--today", day, "--keep-backups", "2", "report"])
            .env("LANG", "C.UTF-8")
            .output()
            .expect("pilotage runs")
    };
    // Days far from the real one: the backup is named for the day pilotage is told it is.
    assert_eq!(on("2031-03-03").status.code(), Some(0), "a new store: nothing to back up yet");
    assert_eq!(on("2031-03-03").status.code(), Some(0));
    let first = backups.join("pilotage-2031-03-03.backup");
    let bytes = std::fs::read(&first).expect("today's backup");
    assert!(pilotage::store::codec::decode_backup(&bytes).is_ok());
    assert_eq!(on("2031-03-03").status.code(), Some(0));
    assert_eq!(std::fs::read_dir(&backups).unwrap().count(), 1, "one a day");
    // A record that no longer decodes: no backup of that, and the good one stays.
    {
        let db = sled::open(&db_path).unwrap();
        let key = pilotage::store::key_bytes(&RecordKey::Id(RecordKind::Person, 7));
        db.open_tree("records").unwrap().insert(key, &[1u8, 0xff, 0xff][..]).unwrap();
        db.flush().unwrap();
    }
    for day in ["2031-03-04", "2031-03-05", "2031-03-06"] {
        let out = on(day);
        assert_eq!(out.status.code(), Some(4), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let left: Vec<_> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("pilotage-2031-03-03.backup")]);
}
