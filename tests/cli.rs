//! The commands, run as a script would: exit codes, report content, export and import.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

use chrono::{Datelike, NaiveDate};
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

/// `pilotage --db DB init`: a new store, as a first start makes it (commands that only read
/// never make one).
fn init(db: &str) {
    let out = pilotage(&["--db", db, "init"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
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
    assert!(report.contains("The central group is dormant"), "{report}");
    // The seed's figures, year by year (issue 14, point 7): at the end of 2011, 12 of the 16
    // French-speaking establishments covered had a local group; at the end of 2017, 4 met.
    assert!(report.contains("| 2011 | 16 | 12 | 12 |"), "{report}");
    assert!(report.contains("| 2017 | 18 | 13 | 4 |"), "{report}");
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
    assert!(lines.starts_with("# CONFIDENTIAL"), "marked as the report is: {lines}");
    for kind in ["gap\t", "dormant\t", "overdue\t", "overload\t"] {
        assert!(lines.lines().any(|l| l.starts_with(kind)), "no {kind:?} line");
    }
    // A decision the central group could not take, kept and said (issue 14, point 2); a
    // draft never submitted and a project running without authorisation (point 4).
    for kind in ["decision-without-chair\tIttre\t", "draft\tNamur\t", "unauthorised\tMerksplas\t"] {
        assert!(lines.lines().any(|l| l.starts_with(kind)), "no {kind:?} line: {lines}");
    }
    // The central group sleeps as a local group does (issue 14, point 3).
    assert!(lines.lines().any(|l| l.starts_with("dormant\tCentral group\t")), "{lines}");
    // The first column is the same code in every language: a script reads it whatever the
    // user's (it was "siège" in French).
    for lang in ["fr", "nl"] {
        let other = text(&pilotage(&["--demo", "check", "--lang", lang]));
        let codes = |t: &str| {
            t.lines().skip(1).map(|l| l.split('\t').next().unwrap_or("").to_string()).collect::<Vec<_>>()
        };
        assert_eq!(codes(&other), codes(&lines), "{lang}");
        for code in codes(&other) {
            assert!(pilotage::cli::report::code::ALL.contains(&code.as_str()), "{code}");
        }
        // The rest of the line in the user's language, its punctuation too: « : » in French.
        if lang == "fr" {
            assert!(other.contains("Médecin directeur : ") && !other.contains("directeur: "), "{other}");
        }
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
        // A meeting with who attended it (a meeting of nobody is one `check` lists).
        let attendees = first_member.into_iter().collect();
        data.meetings
            .insert(next, Meeting { id: next, group, date: d(2026, 10, 1), attendees, notes: String::new() });
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
        // A copy for the members: the concertation's secrets go with it.
        let out = pilotage(&["--demo", "export", "--internal", "--format", format, export.to_str().unwrap()]);
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

/// The concertation's debates are secret and nothing leaves without its members' agreement:
/// the report and the export for the outside hold only what they agreed to and name what they
/// left out; `--internal` gives the members everything, marked so.
#[test]
fn the_concertations_secrets_stay_inside() {
    let outside = text(&pilotage(&["--demo", "report"]));
    assert!(outside.contains("Letter on substitution treatment after release"), "{outside}");
    assert!(!outside.contains("Interview: harm-reduction kits"), "an undecided production's title");
    assert!(!outside.contains("Opinions were divided"), "unreleased minutes");
    // Minutes released to FEDITO BXL leave as a fact, their text only to FEDITO BXL.
    assert!(!outside.contains("Each service described its work"), "minutes released to named recipients");
    assert!(outside.contains("11/03/2014 (to FEDITO BXL"), "{outside}");
    assert!(!outside.contains("no majority"), "a proposal not released, not even its result: {outside}");
    assert!(!outside.contains("Not released"), "not even how much was not released: {outside}");
    let internal = text(&pilotage(&["--demo", "report", "--internal"]));
    assert!(internal.contains("CONFIDENTIAL, INTERNAL TO THE CONCERTATION"));
    assert!(
        internal.contains("Opinions were divided") && internal.contains("Interview: harm-reduction kits")
    );
    assert!(
        internal.contains("for 4, against 3, abstaining 1; 2 absent, 2 of them voting by proxy"),
        "{internal}"
    );
    // A vote that broke the members' rule counts for nothing, and says why.
    assert!(internal.contains("void: Centre Exemple holds 2 proxies"), "{internal}");
    assert!(internal.contains("the members' rule since 10/01/2017"), "{internal}");
    // Outside: a decision by its date only; nothing of a motion's text, a ballot or an agenda.
    assert!(outside.contains("allowed by the members' decision of 09/06/2015"), "{outside}");
    for secret in [
        "Send the letter",
        "abstaining",
        "Naloxone on release",
        "Note on naloxone",
        "proxies",
        "A room in each",
    ] {
        assert!(!outside.contains(secret), "{secret} left: {outside}");
    }
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    let out = pilotage(&["--demo", "export", export.to_str().unwrap()]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("Left out: production") && said.contains("Left out: minutes of"), "{said}");
    let productions = std::fs::read_to_string(export.join("capb_productions.csv")).unwrap();
    assert!(!productions.contains("Interview"), "{productions}");
    // Of the motions, the three decisions that released something, without text or ballot; of the
    // meetings, their dates.
    let motions = std::fs::read_to_string(export.join("capb_motions.csv")).unwrap();
    for secret in ["Send the letter", "Give an interview", ":for", ":against", "Ask each Brussels prison"] {
        assert!(!motions.contains(secret), "{secret} in the motions for outside: {motions}");
    }
    assert_eq!(motions.lines().count(), 2 + 3, "the notice, the header, three decisions: {motions}");
    let meetings = std::fs::read_to_string(export.join("capb_meetings.csv")).unwrap();
    for secret in ["Harm-reduction kits", "Naloxone on release", "Each service described", "Opinions"] {
        assert!(!meetings.contains(secret), "{secret} in the meetings for outside: {meetings}");
    }
    // `check` lists what needs doing in the concertation.
    let check = text(&pilotage(&["--demo", "check"]));
    assert!(check.contains("concertation\tPrévention Fictive\tno representative"), "{check}");
    assert!(check.contains("waiting for the members' decision"), "{check}");
    // One release the rules refuse: the decision it rests on named something else.
    assert!(
        check.contains("Note on naloxone at release\tdisseminated without the members' agreement"),
        "{check}"
    );
    assert!(check.contains("breaks the members' rule: Centre Exemple holds 2 proxies"), "{check}");
}

#[test]
fn a_bad_import_names_file_and_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let db = db.to_str().unwrap();
    init(db);
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
    init(db);
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
            .args(["--db", db, "--keep-backups", "2", "report"])
            .env("LANG", "C.UTF-8")
            .env("PILOTAGE_TEST_CLOCK", day)
            .output()
            .expect("pilotage runs")
    };
    // Days far from the real one: the backup is named for the day the (test's) clock says.
    let made = Command::new(env!("CARGO_BIN_EXE_pilotage"))
        .args(["--db", db, "--keep-backups", "2", "init"])
        .env("LANG", "C.UTF-8")
        .env("PILOTAGE_TEST_CLOCK", "2031-03-03")
        .output()
        .expect("pilotage runs");
    assert_eq!(made.status.code(), Some(0), "a new store, and the first day's backup");
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

/// Every file pilotage makes is its owner's only, whatever the caller's umask: under umask 000
/// sled made its files 0666 and its blobs directory 0777.
#[cfg(unix)]
#[test]
fn files_are_the_owners_only_under_any_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let backup = dir.path().join("copy.backup");
    let script = format!(
        "umask 000; '{bin}' --db '{db}' --today {TODAY} init 2>/dev/null; '{bin}' --db '{db}' check >/dev/null; '{bin}' --db '{db}' backup '{backup}'",
        bin = env!("CARGO_BIN_EXE_pilotage"),
        db = db.display(),
        backup = backup.display()
    );
    let out = Command::new("sh").args(["-c", &script]).env("LANG", "C.UTF-8").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut seen = 0;
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(path) = stack.pop() {
        for entry in std::fs::read_dir(&path).unwrap() {
            let entry = entry.unwrap();
            let mode = entry.metadata().unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{} is {:o}", entry.path().display(), mode & 0o777);
            seen += 1;
            if entry.file_type().unwrap().is_dir() {
                stack.push(entry.path());
            }
        }
    }
    assert!(seen > 3, "the store, its backups and the copy were looked at");
}

/// A symlink left where a backup is first written (NAME.partial) would have made the backup
/// be written through it, elsewhere, readable by others. The link is removed, not followed.
#[cfg(unix)]
#[test]
fn a_symlink_in_place_of_a_partial_file_is_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    init(db.to_str().unwrap());
    let backup = dir.path().join("copy.backup");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::write(&elsewhere, "not yours").unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.path().join("copy.partial")).unwrap();
    let out = pilotage(&["--db", db.to_str().unwrap(), "backup", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "not yours");
    assert!(pilotage::store::codec::decode_backup(&std::fs::read(&backup).unwrap()).is_ok());
}

/// `--read-only` with a mistyped path created and seeded a new store (and wrote backups):
/// read-only creates nothing.
#[test]
fn read_only_creates_no_store() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("stroe");
    let out = pilotage(&["--db", typo.to_str().unwrap(), "--read-only", "report"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store at"), "{out:?}");
    assert!(!typo.exists(), "nothing was created");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no backups either");
}

/// `backup STORE/db` wrote the backup over the store's own file and destroyed it.
#[test]
fn a_backup_is_never_written_inside_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    init(db.to_str().unwrap());
    // Opened once more: sled settles its files on the first opening after it made them.
    assert!(pilotage(&["--db", db.to_str().unwrap(), "check"]).status.code().is_some());
    let before = std::fs::read(db.join("db")).unwrap();
    for target in [db.join("db"), db.join("copy.backup")] {
        let out = pilotage(&["--db", db.to_str().unwrap(), "backup", target.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains("inside the store"));
    }
    assert_eq!(std::fs::read(db.join("db")).unwrap(), before);
    assert!(pilotage(&["--db", db.to_str().unwrap(), "check"]).status.code().is_some_and(|c| c <= 1));
}

/// The copy kept before a restore was named to the second: two restores in one second kept
/// only the last. A safety copy is never overwritten.
#[test]
fn safety_copies_never_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let db_arg = db.to_str().unwrap();
    init(db_arg);
    let file = dir.path().join("copy.backup");
    assert!(pilotage(&["--db", db_arg, "backup", file.to_str().unwrap()]).status.success());
    for _ in 0..3 {
        let out = pilotage(&["--db", db_arg, "restore", file.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let copies = std::fs::read_dir(dir.path().join("store-backups"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with("before-replace-"))
        .count();
    assert_eq!(copies, 3, "three restores, three safety copies");
}

/// Runs with a future `--today` rotated the real daily backups out. `--today` changes what the
/// views compute, never which backups are written or kept: they go by the clock.
#[test]
fn a_pretended_date_never_touches_the_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let db_arg = db.to_str().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_pilotage"))
            .args(["--db", db_arg])
            .args(args)
            .env("LANG", "C.UTF-8")
            .env_remove("PILOTAGE_TEST_CLOCK")
            .output()
            .unwrap()
    };
    assert!(run(&["--keep-backups", "0", "init"]).status.success(), "a new store");
    let backups = dir.path().join("store-backups");
    std::fs::create_dir_all(&backups).unwrap();
    for day in 1..=3 {
        let year = chrono::Local::now().date_naive().year() - 1;
        std::fs::write(backups.join(format!("pilotage-{year}-01-0{day}.backup")), "a real backup").unwrap();
    }
    for future in ["2030-01-01", "2031-06-01", "2032-12-31"] {
        assert!(run(&["--today", future, "--keep-backups", "3", "report"]).status.success());
    }
    let names: Vec<String> = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("2030") || n.contains("2031") || n.contains("2032")),
        "{names:?}"
    );
    let real = format!("pilotage-{}.backup", chrono::Local::now().date_naive().format("%Y-%m-%d"));
    assert!(names.contains(&real), "today's real backup: {names:?}");
    assert_eq!(names.len(), 3, "the newest three kept, by the real days: {names:?}");
}

/// Runs pilotage, failing the test (not hanging it) if it has not ended within 10 s.
fn pilotage_within(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pilotage"))
        .args(["--today", TODAY, "--keep-backups", "0"])
        .args(args)
        .env("LANG", "C.UTF-8")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("pilotage {args:?} still ran after 10 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A named pipe given as an import file hung for ever while holding the store's lock (and
/// was skipped in silence inside a directory); /dev/zero given as a backup was read until
/// memory ran out. What is not a regular file is refused, by name, at once.
#[cfg(unix)]
#[test]
fn what_is_not_a_regular_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let db_arg = db.to_str().unwrap();
    init(db_arg);
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    let fifo = exports.join("people.csv");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED: mkfifo is not available here");
        return;
    }
    for target in [&fifo, &exports] {
        let out = pilotage_within(&["--db", db_arg, "import", target.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{stderr}");
        assert!(stderr.contains("people.csv") && stderr.contains("not a regular file"), "{stderr}");
    }
    let out = pilotage_within(&["--db", db_arg, "restore", "/dev/zero"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
    assert!(pilotage(&["--db", db_arg, "check"]).status.code().is_some_and(|c| c <= 1), "the store is whole");
}

/// A killed UI left a 6 MB `.partial` backup, and a killed `--demo` its store in the
/// temporary directory: the next start cleans both up.
#[cfg(target_os = "linux")]
#[test]
fn the_next_start_cleans_up_what_a_killed_one_left() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let db_arg = db.to_str().unwrap();
    init(db_arg);
    let backups = dir.path().join("store-backups");
    std::fs::create_dir_all(&backups).unwrap();
    let partial = backups.join("pilotage-2026-11-20.partial");
    std::fs::write(&partial, "half a backup").unwrap();
    assert!(pilotage(&["--db", db_arg, "check"]).status.code().is_some());
    assert!(!partial.exists(), "the half-written backup is gone");
    // A demo whose process is gone (pid 0 is never a process's), and one still running
    // (this test's own pid).
    let tmp = tempfile::tempdir().unwrap();
    let dead = tmp.path().join("pilotage-demo-0-12345");
    let alive = tmp.path().join(format!("pilotage-demo-{}-12345", std::process::id()));
    std::fs::create_dir_all(&dead).unwrap();
    std::fs::create_dir_all(&alive).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pilotage"))
        .args(["--demo", "--today", TODAY, "report"])
        .env("LANG", "C.UTF-8")
        .env("TMPDIR", tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!dead.exists(), "a killed demo's store is removed");
    assert!(alive.exists(), "a running demo's store is kept");
}

/// `restore`, as the message advises after an import the store could not read back, replaced
/// a store that opens but does not load without keeping anything. It is now kept, whole, aside.
#[test]
fn restore_keeps_a_store_that_does_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("store");
    let db = db_path.to_str().unwrap();
    init(db);
    let file = dir.path().join("good.backup");
    assert!(pilotage(&["--db", db, "backup", file.to_str().unwrap()]).status.success());
    {
        let sled = sled::open(&db_path).unwrap();
        let key = pilotage::store::key_bytes(&RecordKey::Id(RecordKind::Person, 7));
        sled.open_tree("records").unwrap().insert(key, &[1u8, 0xff, 0xff][..]).unwrap();
        sled.flush().unwrap();
    }
    let out = pilotage(&["--db", db, "restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("store.unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1, "the store that did not load is kept: {aside:?}");
    assert!(dir.path().join(&aside[0]).join("db").exists());
    assert!(
        pilotage(&["--db", db, "check"]).status.code().is_some_and(|c| c <= 1),
        "the restored store loads"
    );
}

/// Six simultaneous first starts on a new store: five failed with "Directory not empty (os
/// error 39)". The others' first start is waited for and its store opened.
#[test]
fn simultaneous_first_starts_share_one_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let children: Vec<_> = (0..6)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_pilotage"))
                .args(["--db", db.to_str().unwrap(), "--today", TODAY, "--keep-backups", "0", "init"])
                .env("LANG", "C.UTF-8")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("os error"), "{stderr}");
        // 0: the store is there, made by this one or another; 3 would be a store still busy
        // after the wait, said clearly, under a heavy load. Never 4: no store error.
        assert!(matches!(out.status.code(), Some(0 | 3)), "{:?}: {stderr}", out.status);
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("store")], "no half-built store is left");
}

/// A small filesystem mounted for the test, unmounted whatever happens.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    /// `None` (the test says so and is skipped) where mounting is impossible: not root, no
    /// tmpfs. CI runs as root.
    fn mount(dir: &Path, size: &str) -> Option<SmallDisk> {
        let point = dir.join("disk");
        std::fs::create_dir_all(&point).ok()?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&point)
            .output()
            .ok()?;
        out.status.success().then(|| SmallDisk(point))
    }

    /// Fills what is left of the disk.
    fn fill(&self) {
        use std::io::Write;
        let mut f = std::fs::File::create(self.0.join("filler")).unwrap();
        let block = vec![0u8; 64 << 10];
        while f.write_all(&block).is_ok() {}
        let _ = f.sync_all();
    }

    fn free(&self) {
        std::fs::remove_file(self.0.join("filler")).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A full disk was reported in Rust's debug text (`Os { code: 28, … }`) and could leave a store
/// that read as damaged. It is said as a full disk, loses nothing confirmed, and the store
/// opens again once there is space.
#[test]
fn a_full_disk_is_said_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(dir.path(), "3m") else {
        eprintln!("SKIPPED: a_full_disk_is_said_and_loses_nothing needs to mount a tmpfs (root)");
        return;
    };
    let db = disk.0.join("store");
    let db_arg = db.to_str().unwrap();
    init(db_arg);
    let small = dir.path().join("small");
    std::fs::create_dir(&small).unwrap();
    std::fs::write(
        small.join("people.csv"),
        "id;name;function;organisation;qualifications;contact\n500000;Dr. Saved Before;;;;\n",
    )
    .unwrap();
    assert!(pilotage(&["--db", db_arg, "import", small.to_str().unwrap()]).status.success());
    let big = dir.path().join("big");
    std::fs::create_dir(&big).unwrap();
    let mut csv = String::from("id;name;function;organisation;qualifications;contact\n");
    for i in 600_000..620_000 {
        csv.push_str(&format!(
            "{i};Person {i} with a rather long name;function;organisation;;contact@example.invalid\n"
        ));
    }
    std::fs::write(big.join("people.csv"), csv).unwrap();
    disk.fill();
    let out = pilotage(&["--db", db_arg, "import", big.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("is full") && !stderr.contains("Os {"), "in plain words: {stderr}");
    disk.free();
    let out = pilotage(&["--db", db_arg, "log", "--record", "person"]);
    assert!(out.status.success(), "the store opens again: {}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Dr. Saved Before"),
        "the confirmed import is there"
    );
    assert!(pilotage(&["--db", db_arg, "check"]).status.code().is_some_and(|c| c <= 1));
}

/// A store refused is said wholly in the user's language: the reason too, not only the
/// sentence around it (it was "n'est pas un magasin pilotage (the directory holds other files)").
#[test]
fn why_a_store_is_refused_is_said_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("thesis.odt"), "not a store").unwrap();
    let file = dir.path().join("thesis.odt");
    let cases = [
        ("fr", dir.path(), "le dossier contient d'autres fichiers"),
        ("nl", dir.path(), "de map bevat andere bestanden"),
        ("fr", file.as_path(), "c'est un fichier"),
        ("nl", file.as_path(), "het is een bestand"),
    ];
    for (lang, db, words) in cases {
        let out = pilotage(&["--lang", lang, "--db", db.to_str().unwrap(), "check"]);
        assert_eq!(out.status.code(), Some(4));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words), "{lang}: {err}");
        assert!(!err.contains("the directory") && !err.contains("it is a file"), "{lang}: {err}");
    }
}

/// An import refused is said in the user's language, every piece of it: the record, the
/// column and what is wrong; and nothing is imported.
#[test]
fn an_import_refused_is_said_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "id;name;function;organisation;qualifications;contact\n1;A;;;nurse|juggler;\n")
        .unwrap();
    let json = dir.path().join("meetings.json");
    std::fs::write(&json, r#"{"schema": 1, "records": [{"id": 1, "group": 1, "date": "31/02/2025", "attendees": [], "notes": ""}]}"#).unwrap();
    let cases = [
        (
            "fr",
            &people,
            vec!["people.csv:2: colonne qualifications", "qualification inconnu(e)", "rien n'a été importé"],
        ),
        (
            "nl",
            &people,
            vec!["people.csv:2: kolom qualifications", "onbekende kwalificatie", "er is niets geïmporteerd"],
        ),
        ("fr", &json, vec!["enregistrement 1: colonne date", "n'est pas une date (jj/mm/aaaa"]),
        ("nl", &json, vec!["record 1: kolom date", "is geen datum"]),
        ("en", &json, vec!["record 1: column date", "is not a date", "nothing was imported"]),
    ];
    for (lang, file, words) in cases {
        let out = pilotage(&["--lang", lang, "--db", db.to_str().unwrap(), "import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(5), "{lang}");
        let err = String::from_utf8_lossy(&out.stderr);
        for w in words {
            assert!(err.contains(w), "{lang}: {w:?} in {err}");
        }
    }
}

/// Export and import are each other's inverse: an export imported into a new store gives
/// back exactly what was exported, the same report byte for byte (the new store's seed does
/// not stay beside it); into a store with data, the import first says what it adds, changes,
/// removes and leaves, and `--dry-run` stops there (issue 14, point 10). An export for
/// outside is not a copy: the concertation's minutes stay behind, and the report says so.
#[test]
fn an_export_imported_into_a_new_store_is_the_store_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (source, copy, export) = (path("source"), path("copy"), path("export"));
    assert!(pilotage(&["--db", &source, "generate", "--records", "2000"]).status.success());
    // `--internal`: the concertation's minutes go too, as a copy for the members must.
    assert!(pilotage(&["--db", &source, "export", "--internal", &export]).status.success());
    let out = pilotage(&["--db", &copy, "import", &export]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(text(&pilotage(&["--db", &source, "report"])), text(&pilotage(&["--db", &copy, "report"])));
    // For outside, the minutes stay behind: the outside copy's internal report has none.
    let (outside, outside_copy) = (path("outside"), path("outside-copy"));
    let out = pilotage(&["--db", &source, "export", &outside]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("Left out: minutes of"), "{out:?}");
    assert!(pilotage(&["--db", &outside_copy, "import", &outside]).status.success());
    let inside = text(&pilotage(&["--db", &source, "report", "--internal"]));
    let left = text(&pilotage(&["--db", &outside_copy, "report", "--internal"]));
    assert!(inside.contains("Minutes."), "{inside}");
    assert!(!left.contains("Minutes."), "{left}");
    // Into the demo's data: said first, and nothing stored on a dry run.
    let demo = path("demo");
    let demo_export = path("demo-export");
    assert!(pilotage(&["--demo", "export", &demo_export]).status.success());
    assert!(pilotage(&["--db", &demo, "import", &demo_export]).status.success());
    let before = text(&pilotage(&["--db", &demo, "report"]));
    let out = pilotage(&["--db", &demo, "import", "--dry-run", &export]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("The import adds") && said.contains("leaves") && said.contains("--dry-run"),
        "{said}"
    );
    assert_eq!(text(&pilotage(&["--db", &demo, "report"])), before, "a dry run stores nothing");
}

/// A mistyped `--db` made a whole seeded store, and `check` then listed 54 plausible items: a
/// command that only reads never makes a store; `init` (and a filling command) does.
#[test]
fn a_mistyped_store_is_never_made() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("typo/x/y");
    let typo_arg = typo.to_str().unwrap();
    let people = dir.path().join("people.csv");
    std::fs::write(&people, "id;name;function;organisation;qualifications;contact\n900;A Person;;;;\n")
        .unwrap();
    for args in [
        &["check"][..],
        &["report"],
        &["log"],
        &["users"],
        &["export", dir.path().join("out").to_str().unwrap()],
        &["import", "--dry-run", people.to_str().unwrap()],
    ] {
        let out = pilotage(&[&["--db", typo_arg][..], args].concat());
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(4), "{args:?}: {said}");
        assert!(
            said.contains("no store at") && said.contains(&format!("pilotage --db {typo_arg} init")),
            "{said}"
        );
        assert!(!dir.path().join("typo").exists(), "{args:?} made something");
    }
    init(typo_arg);
    assert!(matches!(pilotage(&["--db", typo_arg, "check"]).status.code(), Some(0 | 1)));
    let again = pilotage(&["--db", typo_arg, "init"]);
    assert!(
        again.status.success() && String::from_utf8_lossy(&again.stderr).contains("already"),
        "{again:?}"
    );
    // An import fills a store: it may make one.
    let fresh = dir.path().join("fresh");
    let out = pilotage(&["--db", fresh.to_str().unwrap(), "import", people.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
}

/// A `store-backups` link planted beside a store in a shared directory received the day's
/// backup: a backups directory that is a link is refused, and nothing is written through it.
#[test]
fn the_daily_backup_never_follows_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    init(db.to_str().unwrap());
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, dir.path().join("store-backups")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pilotage"))
        .args(["--db", db.to_str().unwrap(), "--keep-backups", "3", "check"])
        .env("LANG", "C.UTF-8")
        .env("PILOTAGE_TEST_CLOCK", "2031-05-05")
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "the work goes on: {out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"), "{out:?}");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0, "nothing written through the link");
}

/// Smaller things a careless or hostile argument met: a generate without bound, the year
/// 0000, a restore from a pipe that copied the store first, a dry run that said "adds 1"
/// where the import refused.
#[test]
fn arguments_are_bounded_and_a_dry_run_refuses_as_the_import_does() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge");
    let out = pilotage(&["--db", huge.to_str().unwrap(), "generate", "--records", "99999999999"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("2000000"), "the bound is said: {out:?}");
    assert!(!huge.exists());
    let db = dir.path().join("store");
    let db_arg = db.to_str().unwrap();
    init(db_arg);
    let out = pilotage(&["--db", db_arg, "--as-of", "0000-01-01", "check"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    // A pipe named as a backup: refused before the store is copied aside.
    let fifo = dir.path().join("pipe.backup");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let out = pilotage(&["--db", db_arg, "restore", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(5), "{out:?}");
    let copies = std::fs::read_dir(dir.path().join("store-backups")).map(|d| d.count()).unwrap_or(0);
    assert_eq!(copies, 0, "no safety copy for a restore that cannot happen");
    // A dry run reads through the same door as the import.
    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "id;name;function;organisation;qualifications;contact\n900;NN 85.07.30-033.28;;;;\n",
    )
    .unwrap();
    for dry in [true, false] {
        let args =
            if dry { vec!["--db", db_arg, "import", "--dry-run"] } else { vec!["--db", db_arg, "import"] };
        let out = pilotage(&[&args[..], &[people.to_str().unwrap()]].concat());
        assert_eq!(out.status.code(), Some(5), "dry run {dry}: {out:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("adds 1"), "{out:?}");
    }
}

/// Issue 27, 3 and 7: the man page and completions come from the same definition as `--help`;
/// `--help` says the environment, the exit codes and examples, and says the global options
/// once; `--version` names what a program speaks and reads.
#[test]
fn help_man_completions_and_version_say_what_an_administrator_needs() {
    let help = text(&pilotage(&["--help"]));
    for said in
        ["Exit codes:", "PILOTAGE_SOCKET", "PILOTAGE_NO_SERVER", "NO_COLOR", "Examples:", "--keep-backups"]
    {
        assert!(help.contains(said), "{said} not in --help:\n{help}");
    }
    let report = text(&pilotage(&["report", "--help"]));
    assert!(report.contains("--internal") && !report.contains("--keep-backups"), "{report}");
    // Said once, and taken everywhere all the same.
    assert!(pilotage(&["--demo", "check", "--lang", "fr"]).status.code() == Some(1));
    let import = text(&pilotage(&["import", "--help"]));
    assert!(import.contains("An export directory"), "{import}");
    let version = text(&pilotage(&["--version"]));
    assert!(version.contains(env!("CARGO_PKG_VERSION")) && version.contains("protocol 3"), "{version}");
    assert!(version.contains("capb_motion 2") && version.contains("settings 3"), "{version}");
    let man = pilotage(&["man"]);
    let page = text(&man);
    assert!(man.status.success() && page.starts_with(".ie") && page.contains(".TH pilotage 1"), "{page}");
    assert!(page.contains("serve") && page.contains("PILOTAGE_SOCKET"), "the commands and the environment");
    for (shell, mark) in
        [("bash", "_pilotage()"), ("zsh", "#compdef pilotage"), ("fish", "complete -c pilotage")]
    {
        let out = pilotage(&["completions", shell]);
        assert!(out.status.success() && text(&out).contains(mark), "{shell}");
    }
    // A reader that has what it wanted and closed the pipe (`| grep -q`) is no failure.
    for args in [&["man"][..], &["completions", "bash"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pilotage"))
            .args(args)
            .env("LANG", "C.UTF-8")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("pilotage runs");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("it ends");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// A decision once recorded an empty meeting of the central group behind the user's back,
/// which then counted as the group meeting. Such meetings are kept, and `check` lists them.
#[test]
fn an_empty_meeting_of_the_central_group_is_listed_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    {
        let store = Store::open(&db, || Dataset::initial(reference_establishments())).unwrap();
        let data = store.load().unwrap();
        let central = data.central_group().unwrap().id;
        let meeting = Meeting {
            id: data.next_id(),
            group: central,
            date: NaiveDate::from_ymd_opt(2020, 5, 5).unwrap(),
            attendees: Vec::new(),
            notes: String::new(),
        };
        let reach = [pilotage::domain::access::Reach::Establishments(vec![])];
        store.commit(&[Change::Put(Record::Meeting(meeting))], &reach, "test").unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_pilotage"))
        .args(["--db", db.to_str().unwrap(), "--keep-backups", "0", "check"])
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("empty-meeting\tCentral group\ta meeting on 05/05/2020"), "{said}");
}

/// The report said "it has not met for 6 months" of a central group that never met, and began
/// a sentence in lower case. On a new store it says it never met, in sentences.
#[test]
fn the_report_says_a_central_group_never_met() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let db = db.to_str().unwrap();
    assert_eq!(pilotage(&["--db", db, "init"]).status.code(), Some(0));
    let report = text(&pilotage(&["--db", db, "report"]));
    assert!(report.contains("- **The central group is dormant: it has never met.**"), "{report}");
    assert!(report.contains("- Central group has no chair."), "{report}");
    let demo = text(&pilotage(&["--demo", "report"]));
    assert!(demo.contains("it has not met since 15/02/2011, more than 6 months ago"), "{demo}");
}

/// A mistyped establishment is a bad argument answered with the ids it is nearest to; an export
/// where no directory can be made says so, not that the directory "does not exist".
#[test]
fn arguments_that_are_wrong_say_what_was_meant() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store");
    let db = db.to_str().unwrap();
    init(db);
    let out =
        pilotage(&["--db", db, "users", "grant", "1002", "--role", "staff", "--establishment", "lantinn"]);
    assert_eq!(out.status.code(), Some(2), "a bad argument");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("no establishment lantinn; nearest: lantin"), "{said}");
    let out = pilotage(&["--demo", "export", "/proc/pilotage-nope"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("cannot be made there") && !said.contains("does not exist"), "{said}");
}
