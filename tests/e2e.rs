//! End to end: the real binary in a pseudo-terminal, its output parsed by a terminal emulator,
//! the assertions made on the screen a person would see.

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

mod common;

use std::thread;
use std::time::{Duration, Instant};

use common::*;

#[test]
fn demo_session_switches_panes_filters_and_quits() {
    let mut s = Session::demo();
    s.wait_for_text("Prisons (40)");
    s.wait_for("the alternate screen", |s| s.alternate_screen() && s.hide_cursor(), secs(1.0));
    s.send("2");
    s.wait_for_title("Membership gaps (");
    s.send("3");
    s.wait_for_title("Authorisations (");
    s.send("4");
    s.wait_for_title("Training needs (");
    s.send("1");
    s.wait_for_title("Prisons (40)");
    s.send("/lantin");
    s.wait_for_title("Prisons (1)");
    s.wait_for(
        "only Lantin",
        |s| {
            let t = s.contents();
            t.contains("Lantin") && t.contains("Prisons (1)") && !t.contains("Andenne")
        },
        secs(4.0),
    );
    // Enter closes the filter prompt (the key hints come back), Enter again opens the detail.
    s.send("\r");
    s.wait_for_text("q quit");
    s.send("\r");
    s.wait_for_title("Lantin");
    s.wait_for_text("Seats");
    s.send("\x1b");
    s.wait_for_title("Prisons (1)");
    s.send("q");
    let status = s.exit_status(secs(2.0));
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

#[test]
fn idle_writes_nothing() {
    let mut s = Session::demo();
    s.wait_first_frame();
    s.wait_quiet(Duration::from_millis(100));
    let before = s.bytes_read();
    thread::sleep(secs(1.5));
    assert_eq!(s.bytes_read(), before, "bytes were written while nobody touched a key");
    s.send("j");
    let start = Instant::now();
    while s.bytes_read() == before {
        assert!(start.elapsed() < secs(2.0), "nothing was redrawn after j");
        thread::sleep(Duration::from_millis(10));
    }
    s.wait_quiet(Duration::from_millis(200));
    let moved = s.bytes_read() - before;
    assert!(moved < 400, "{moved} bytes to move one row");
    s.send("q");
    assert!(s.exit_status(secs(2.0)).success());
}

fn signal_saves_and_exits(signal: &str, code: u32) {
    let (_tmp, db) = store_dir();
    // A store made beforehand: the session is then the day's first start with data, and the
    // day's backup, begun at the load, is finished on the way out.
    assert!(check(&db).status.code().is_some());
    let mut s = Session::on_store(&db);
    s.wait_first_frame();
    s.signal(signal);
    let status = s.exit_status(secs(2.0));
    assert_eq!((status.exit_code(), status.signal()), (code, None), "{status:?}");
    s.assert_restored();
    let backups = db.with_file_name("store-backups");
    let names: Vec<_> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["pilotage-2026-11-23.backup"]);
    assert_store_opens(&db);
}

#[test]
fn sigterm_saves_and_exits() {
    signal_saves_and_exits("TERM", 143);
}

#[test]
fn sighup_exits() {
    signal_saves_and_exits("HUP", 129);
}

#[test]
fn closing_the_terminal_does_not_lose_the_store() {
    let (_tmp, db) = store_dir();
    let mut s = Session::on_store(&db);
    s.wait_first_frame();
    s.hang_up();
    s.exit_status(secs(3.0));
    assert_store_opens(&db);
}

/// Issue 27, 8: a terminal that hangs up when no SIGHUP reaches pilotage (its shell traps HUP
/// and keeps it, as `bash -c 'trap : HUP; pilotage'` under tmux does) is a hang-up all the
/// same: saved, exited with 129, not a core spinning on an ended terminal forever.
#[test]
fn a_hang_up_without_sighup_is_a_hang_up() {
    let (_tmp, db) = store_dir();
    assert!(check(&db).status.code().is_some());
    let script = format!(
        "trap : HUP; {BIN} --today {TODAY} --db {}; echo \"exit $?\" > {}.exit",
        db.display(),
        db.display()
    );
    // Should it fail, the pilotage that bash started is not left behind spinning.
    struct Reap(String);
    impl Drop for Reap {
        fn drop(&mut self) {
            let _ = std::process::Command::new("pkill").args(["-KILL", "-f", &self.0]).status();
        }
    }
    let _reap = Reap(format!("--db {}", db.display()));
    let mut s = Session::spawn_program(std::path::Path::new("bash"), &["-c", &script], "C.UTF-8", &[]);
    s.wait_first_frame();
    s.hang_up();
    // bash ends when pilotage has: it waits for it.
    s.exit_status(secs(5.0));
    let said = std::fs::read_to_string(format!("{}.exit", db.display())).unwrap();
    assert_eq!(said.trim(), "exit 129", "pilotage's own exit status");
    assert_store_opens(&db);
}

#[test]
fn second_instance_is_told_the_store_is_busy() {
    let (_tmp, db) = store_dir();
    let mut s = Session::on_store(&db);
    s.wait_first_frame();
    let out = check(&db);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "stderr: {stderr}");
    assert!(stderr.contains(db.to_str().unwrap()), "{stderr}");
    assert!(stderr.contains("in use"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    s.send("q");
    assert!(s.exit_status(secs(2.0)).success());
}

#[test]
fn tiny_terminal_then_back() {
    let mut s = Session::demo();
    s.wait_for_text("Prisons (40)");
    s.resize(1, 1);
    thread::sleep(Duration::from_millis(300));
    assert!(s.alive(), "died on a 1x1 terminal; the screen:\n{}", s.text());
    // The emulator kept its screen below 2x2: wait for the app's own redraw at 80x24.
    let before = s.bytes_read();
    s.resize(ROWS, COLS);
    let start = Instant::now();
    while s.bytes_read() == before {
        assert!(start.elapsed() < PATIENCE, "no redraw after the resize");
        thread::sleep(Duration::from_millis(10));
    }
    s.wait_quiet(Duration::from_millis(200));
    s.wait_for_text("Prisons (40)");
    assert!(s.alive());
    s.send("q");
    let status = s.exit_status(secs(5.0));
    assert!(status.success(), "{status:?}");
    s.assert_restored();
}

#[test]
fn damaged_store_gives_a_clear_message() {
    let (_tmp, db) = store_dir();
    // Opened twice, as any store in use is: the second opening is when sled first writes its
    // snapshot. (A store opened only once is the bug of the next test.)
    assert_store_opens(&db);
    assert_store_opens(&db);
    garble(&db);

    let out = check(&db);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "stdout: {stdout}\nstderr: {stderr}");
    assert!(stderr.contains(db.to_str().unwrap()), "{stderr}");
    assert!(stderr.contains("restore"), "{stderr}");
    assert!(stderr.contains("store-backups"), "the latest backup is named: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
}

/// Regression: a store whose db file was destroyed before sled wrote its first snapshot
/// reopened empty and was seeded again, silently losing its records.
#[test]
fn a_destroyed_store_is_not_silently_seeded_again() {
    let (tmp, db) = store_dir();
    let people = tmp.path().join("people.csv");
    std::fs::write(
        &people,
        "id;name;function;organisation;qualifications;contact\n\
         500;Dr. Example;prison doctor;SPF Justice;physician;dr@example.invalid\n",
    )
    .unwrap();
    let imported = run(&db, &["import", people.to_str().unwrap()]);
    assert_eq!(imported.status.code(), Some(0), "{}", String::from_utf8_lossy(&imported.stderr));
    garble(&db);

    let out = check(&db);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let trail = String::from_utf8_lossy(&run(&db, &["log"]).stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(4),
        "the damage went unnoticed; Dr. Example in the audit trail: {}\nstderr: {stderr}",
        trail.contains("person:500")
    );
}

#[test]
fn french_and_dutch_locales() {
    let mut fr = Session::spawn(&["--demo"], "fr_BE.UTF-8");
    let mut nl = Session::spawn(&["--demo"], "nl_BE.UTF-8");
    fr.wait_for(
        "the French tabs",
        |s| {
            let t = s.contents();
            t.contains("Prisons") && t.contains("Sièges")
        },
        secs(4.0),
    );
    nl.wait_for_text("Gevangenissen");
    for s in [&mut fr, &mut nl] {
        s.send("q");
        assert!(s.exit_status(secs(2.0)).success());
    }
}

/// An edit made in the real terminal UI is in the store when it is opened again.
#[test]
fn an_edit_survives_quitting_and_reopening() {
    let (_tmp, db) = store_dir();
    // No backup on this first day's start, so the next start is the day's first backup.
    let mut s = Session::spawn(&["--db", db.to_str().unwrap(), "--keep-backups", "0"], "C.UTF-8");
    s.wait_first_frame();
    // Appoint a new person to the first empty seat of the Membership gaps pane.
    s.send("p");
    s.wait_for_text("New person");
    s.send("Dr. Persistent Example");
    s.send("\t\t\t");
    // Qualifications: type to find "physician", Space ticks it; then Ctrl-S saves.
    s.send("phys \x13");
    s.wait_for_text("Saved — Dr. Persistent Example");
    s.send("2a");
    s.wait_for_text("Appoint to a seat");
    s.send("persistent\r\x13");
    s.wait_for_text("Saved");
    s.send("q");
    assert!(s.exit_status(secs(2.0)).success());
    s.assert_restored();

    let mut again = Session::on_store(&db);
    again.wait_first_frame();
    // The appointment filled a seat: one gap fewer than a fresh store's 48 (the central
    // group's 13 empty seats, and the 35 covered establishments open without a local group).
    again.wait_for_text("2 Gaps (47)");
    // Esc and q typed together arrive as Alt-q: still Esc, then quit.
    again.send("/x\x1bq");
    assert!(again.exit_status(secs(2.0)).success());
    // The second start was the first of the day with data: the UI wrote the day's backup
    // while it ran, and it holds what the first session saved.
    let backup = db.with_file_name("store-backups").join("pilotage-2026-11-23.backup");
    let entries = pilotage::store::codec::decode_backup(&std::fs::read(&backup).unwrap()).unwrap();
    assert!(entries.iter().any(|(tree, _, value)| tree == "records"
        && pilotage::store::codec::decode_record(pilotage::domain::RecordKind::Person, value).is_ok_and(
            |r| matches!(r, pilotage::domain::Record::Person(p) if p.name == "Dr. Persistent Example")
        )));
    let log = String::from_utf8_lossy(&run(&db, &["log", "--record", "membership"]).stdout).into_owned();
    assert!(log.lines().any(|l| l.contains("\tput\tmembership:")), "{log}");
    let people = String::from_utf8_lossy(&run(&db, &["log", "--record", "person"]).stdout).into_owned();
    assert!(people.contains("Dr. Persistent Example"), "{people}");
}

/// A terminal that never answers (a serial console, a proxy): pilotage asks it nothing, so
/// its first frame does not wait for a reply (it waited 2 s, then gave up with exit 129).
#[test]
fn a_terminal_that_never_answers_gets_its_first_frame() {
    let start = Instant::now();
    let mut s = Session::demo();
    s.wait_first_frame();
    assert!(start.elapsed() < secs(1.9), "the first frame took {:?}", start.elapsed());
    assert!(!s.transcript().contains("\x1b[6n"), "the terminal was asked for its cursor");
    s.send("q");
    assert!(s.exit_status(secs(2.0)).success());
}

/// Three pasted lines went into a field and then ran as keys. Bracketed paste is on, and a
/// paste lands in the focused field only.
/// A store with projects to delete, and a way to see whether any was.
fn store_with_projects() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("store");
    assert!(run(&db, &["generate", "--records", "3000"]).status.success());
    (tmp, db)
}

fn projects(db: &std::path::Path, name: &str) -> String {
    let dir = db.with_file_name(name);
    assert!(run(db, &["export", "--format", "json", dir.to_str().unwrap()]).status.success());
    std::fs::read_to_string(dir.join("projects.json")).unwrap()
}

#[test]
fn a_paste_never_runs_as_keys() {
    let (_tmp, db) = store_with_projects();
    let before = projects(&db, "before");
    let mut s = Session::on_store(&db);
    s.wait_first_frame();
    assert!(s.transcript().contains("\x1b[?2004h"), "bracketed paste is asked for");
    s.send("p");
    s.wait_for_text("New person");
    s.send("\x1b[200~Dr. Collé\r3da\ry\x1b[201~");
    s.wait_for_text("Dr. Collé 3da y");
    s.send("\x13");
    s.wait_for_text("Saved");
    // On a table, a paste does nothing at all.
    s.send("3");
    s.wait_for_title("Authorisations (");
    s.send("\x1b[200~dy\x1b[201~");
    // A key after the paste: once its effect shows, the paste has been read (the keys are read
    // in order), whatever the time it took; had it acted, `d` `y` deleted a project.
    s.send("2");
    s.wait_for_title("Membership gaps (");
    s.send("q");
    assert!(s.exit_status(secs(3.0)).success());
    s.assert_restored();
    assert!(s.transcript().contains("\x1b[?2004l"), "bracketed paste is given back");
    assert_eq!(projects(&db, "after"), before, "no project was deleted");
}

/// A VT100 reads `ESC[38;5;1m` as blink; `TERM=vt100` and `linux` get only ASCII and the SGR
/// codes they know.
#[test]
fn an_old_terminal_gets_ascii_and_eight_colours() {
    for term in ["vt100", "linux"] {
        let mut s = Session::spawn_with_env(&["--demo"], "fr_BE.UTF-8", &[("TERM", term)]);
        s.wait_first_frame();
        s.send("2");
        s.wait_for_text("Sieges a pourvoir (81)");
        s.send("q");
        assert!(s.exit_status(secs(2.0)).success());
        let bytes = s.transcript();
        assert!(bytes.is_ascii(), "{term}: non-ASCII bytes sent");
        for seq in bytes.split("\x1b[").skip(1) {
            let Some(end) = seq.find(|c: char| ('\x40'..='\x7e').contains(&c)) else { continue };
            if &seq[end..=end] == "m" {
                for p in seq[..end].split(';') {
                    let n: u16 = p.parse().unwrap_or(0);
                    assert!(
                        n <= 7 || (30..=37).contains(&n) || (40..=47).contains(&n),
                        "{term}: SGR {p} in {seq:?}"
                    );
                }
            }
        }
    }
}

/// Issue 27, 11: a locale whose character set is not UTF-8 (`LANG=C`, Latin-1) is sent ASCII
/// only, as an old terminal is, whatever `TERM` says; and `LANGUAGE` chooses the language
/// before `LANG`, as gettext does.
#[test]
fn a_locale_that_is_not_utf8_gets_ascii_and_language_comes_first() {
    for (lang, language, title) in [
        ("C", None, "Membership gaps (81)"),
        ("fr_BE.ISO-8859-1", None, "Sieges a pourvoir (81)"),
        ("C.UTF-8", Some("nl:fr"), "Lacunes in de bezetting"),
    ] {
        let env: Vec<(&str, &str)> = language.map(|l| ("LANGUAGE", l)).into_iter().collect();
        let mut s = Session::spawn_with_env(&["--demo"], lang, &env);
        s.wait_for_text("(40)");
        s.send("2");
        let utf8 = lang.ends_with("UTF-8");
        if utf8 {
            // Dutch, from LANGUAGE, though LANG names no language.
            s.wait_for_text("Lacunes in de bezetting");
        } else {
            s.wait_for_text(title);
        }
        s.send("q");
        assert!(s.exit_status(secs(2.0)).success());
        assert_eq!(s.transcript().is_ascii(), !utf8, "{lang}");
    }
}

/// Ctrl-L draws the whole screen again, as in every curses program.
#[test]
fn ctrl_l_redraws_everything() {
    let mut s = Session::demo();
    s.wait_first_frame();
    s.wait_quiet(Duration::from_millis(200));
    let before = s.bytes_read();
    s.send("\x0c");
    s.wait_quiet(Duration::from_millis(300));
    let redrawn = s.bytes_read() - before;
    assert!(redrawn > 1500, "only {redrawn} bytes: not the whole screen");
    assert!(s.transcript().matches("\x1b[2J").count() >= 2, "the screen was cleared again");
    s.send("q");
    assert!(s.exit_status(secs(2.0)).success());
}

/// At 30x8, `3 d y` deleted a project nobody could see. Now nothing acts but quitting.
#[test]
fn keys_do_nothing_on_a_too_small_terminal() {
    let (_tmp, db) = store_with_projects();
    let before = projects(&db, "before");
    let mut s = Session::on_store(&db);
    s.wait_first_frame();
    s.resize(8, 30);
    s.wait_for_text("too small");
    s.send("3dy");
    // The screen counts the keys it left alone: all three were read before the resize.
    s.wait_for_text("3 keys ignored");
    s.resize(ROWS, COLS);
    s.wait_for_title("Prisons (");
    s.send("q");
    assert!(s.exit_status(secs(3.0)).success());
    assert_eq!(projects(&db, "after"), before, "no project was deleted");
}

/// Not a terminal at all: a start-up failure has its own exit code, not a dropped session's.
#[test]
fn no_terminal_is_a_start_up_failure() {
    let (_tmp, db) = store_dir();
    let out = command()
        .args(["--db", db.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(6), "{stderr}");
    assert!(stderr.contains("terminal"), "{stderr}");
}

/// The audit trail names the real uid's account, never `$USER` (which anyone can set), and
/// the history shows the local time in the UI's words.
#[test]
fn the_audit_trail_names_the_os_account_not_the_environment() {
    let (_tmp, db) = store_dir();
    let mut s = Session::spawn_with_env(
        &["--db", db.to_str().unwrap()],
        "C.UTF-8",
        &[("USER", "mallory"), ("LOGNAME", "mallory")],
    );
    s.wait_first_frame();
    s.send("pAudit Test\x13");
    s.wait_for_text("Saved");
    s.send("q");
    assert!(s.exit_status(secs(3.0)).success());
    let out = run(&db, &["log", "--record", "person"]);
    let log = String::from_utf8_lossy(&out.stdout);
    let account = nix_account();
    assert!(log.contains(&format!("\t{account}\t")), "{log}");
    assert!(!log.contains("mallory"), "{log}");
}

/// The account name of this process's real uid, as `id -un` says.
fn nix_account() -> String {
    let out = std::process::Command::new("id").arg("-un").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The demo draws its first frame from the data in memory while its store is made; the first
/// save waits for the store and is written there.
#[test]
fn the_demo_saves_into_the_store_made_behind_its_first_frame() {
    let mut s = Session::demo();
    s.wait_first_frame();
    s.send("pDemo Person\x13");
    s.wait_for_text("Saved");
    // Undoing a creation deletes: asked first.
    s.send("u");
    s.wait_for_text("deletes what it made");
    s.send("y");
    s.wait_for_text("Undone");
    s.send("q");
    assert!(s.exit_status(secs(3.0)).success());
    s.assert_restored();
}

/// Issue 27, 13: a first start says where it made the store and how to try the demo first.
#[test]
fn a_first_start_says_where_the_store_is_and_how_to_try_the_demo() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("d");
    std::fs::create_dir(&data).unwrap();
    let data_home = data.to_str().unwrap();
    let mut s = Session::spawn_with_env(&[], "C.UTF-8", &[("HOME", data_home), ("XDG_DATA_HOME", data_home)]);
    s.wait_first_frame();
    s.wait_for_text("New store ~/pilotage/store; pilotage --demo shows fictitious data");
    s.send("q");
    assert!(s.exit_status(secs(2.0)).success());
    assert!(data.join("pilotage").exists(), "the store is where it said");
    // The next start made nothing: it says nothing of it.
    let mut s = Session::spawn_with_env(&[], "C.UTF-8", &[("HOME", data_home), ("XDG_DATA_HOME", data_home)]);
    s.wait_first_frame();
    s.wait_quiet(std::time::Duration::from_millis(200));
    assert!(!s.text().contains("pilotage --demo"));
    s.send("q");
    assert!(s.exit_status(secs(2.0)).success());
}

/// `pilotage > out.txt` in a terminal ran blind, wrote escape codes into the file and exited 0.
/// The UI needs a terminal on both sides: exit 6, the file empty, and the commands that print
/// named. And a dumb terminal (no cursor addressing, as Emacs' shell) is told the same.
#[test]
fn output_to_a_file_or_a_dumb_terminal_is_told_which_commands_print() {
    let (tmp, db) = store_dir();
    let out = tmp.path().join("out.txt");
    let line = format!("'{}' --db '{}' > '{}'", env!("CARGO_BIN_EXE_pilotage"), db.display(), out.display());
    let mut s = Session::spawn_program(std::path::Path::new("/bin/sh"), &["-c", &line], "C.UTF-8", &[]);
    let status = s.exit_status(secs(10.0));
    assert_eq!(status.exit_code(), 6, "{}", s.text());
    assert!(s.text().contains("pilotage report") && s.text().contains("pilotage check"), "{}", s.text());
    assert_eq!(std::fs::read(&out).unwrap().len(), 0, "nothing written into the file");

    let mut s = Session::spawn_with_env(&["--db", db.to_str().unwrap()], "C.UTF-8", &[("TERM", "dumb")]);
    let status = s.exit_status(secs(10.0));
    assert_eq!(status.exit_code(), 6, "{}", s.text());
    assert!(s.text().contains("TERM=dumb") && s.text().contains("pilotage report"), "{}", s.text());
}

/// With no terminal at all, the default store was made before the check failed: the terminal
/// is checked first, and nothing is made.
#[test]
fn no_terminal_makes_no_store() {
    let home = tempfile::tempdir().unwrap();
    let out = command()
        .env("HOME", home.path())
        .env_remove("XDG_DATA_HOME")
        .env_remove("PILOTAGE_DB")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", String::from_utf8_lossy(&out.stderr));
    let made: Vec<_> = walk(home.path());
    assert!(made.is_empty(), "nothing made under the home directory: {made:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        found.push(entry.path());
        if entry.path().is_dir() {
            found.extend(walk(&entry.path()));
        }
    }
    found
}
