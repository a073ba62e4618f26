//! Reliability: what the screen or a command confirmed as saved survives the process being
//! killed at any moment, and a panic or an interrupt gives the terminal back.
//!
//! `sigkill_at_random_points_loses_no_confirmed_edit` runs 200 kill cycles by default. For a
//! long run, set the number of cycles and, to explore other kill moments, the seed:
//!
//! ```sh
//! PILOTAGE_KILL_CYCLES=5000 PILOTAGE_KILL_SEED=7 cargo test --test reliability -- --nocapture
//! ```
//!
//! (5,000 cycles take about 12 minutes in a debug build on two cores.)

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use pilotage::domain::Dataset;
use pilotage::store::Store;

/// Cycles in the normal run; `PILOTAGE_KILL_CYCLES` sets more.
const DEFAULT_CYCLES: usize = 200;
/// Every this many cycles, one in the UI; the others are quick CLI imports.
const UI_EVERY: usize = 10;
/// Every this many cycles, and after every UI cycle, the `check` command too.
const CHECK_EVERY: usize = 5;
/// Kills land between 0 and this many milliseconds after the start or the last confirmation.
/// A CLI import of one row takes about 75 ms in a debug build: about half the kills land
/// before it confirms, half after.
const MAX_DELAY_MS: u64 = 150;
/// The kill moments; `PILOTAGE_KILL_SEED` sets others.
const DEFAULT_SEED: u64 = 0x5EED_2026_1123;
/// The id of the person imported in CLI cycle `n` is `CLI_ID_BASE + n * CLI_ID_STEP`: the UI
/// gives a new person the highest id plus one, so the step leaves room for the people the UI
/// cycles add without an import ever overwriting one of them.
const CLI_ID_BASE: u64 = 1_000_000;
const CLI_ID_STEP: u64 = 1_000;

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(value.trim().parse().unwrap_or_else(|_| panic!("{name}={value:?} is not a number")))
}

/// The store options of every run here: the fixed date, no daily backups.
const STORE_FLAGS: [&str; 4] = ["--today", TODAY, "--keep-backups", "0"];

/// `pilotage --db DB --today 2026-11-23 --keep-backups 0 check`.
fn check_store(db: &Path) -> Output {
    command().arg("--db").arg(db).args(STORE_FLAGS).arg("check").output().unwrap()
}

/// `check` answers 0 (all clear) or 1 (items need attention): never 3 (busy) or 4 (damaged).
fn assert_check_opens(db: &Path, when: &str) {
    let out = check_store(db);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{when}: check gave {:?}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What the store must hold: every edit a process confirmed before it was killed.
#[derive(Default)]
struct Confirmed {
    /// CLI imports that exited 0: person id and name.
    imported: BTreeMap<u64, String>,
    /// People whose "Saved — name" the UI showed.
    saved_in_ui: Vec<String>,
}

impl Confirmed {
    fn len(&self) -> usize {
        self.imported.len() + self.saved_in_ui.len()
    }
}

/// Opens the store in this process (no child may hold it), the way every command does, and
/// checks it is sound and holds every confirmed edit.
fn assert_holds(db: &Path, confirmed: &Confirmed, when: &str) -> Dataset {
    let data = {
        let store = Store::open(db, || panic!("{when}: the store was created before the first cycle"))
            .unwrap_or_else(|e| panic!("{when}: the store does not open: {e}"));
        // The records themselves, not the snapshot a completed import leaves behind.
        store.load_records().unwrap_or_else(|e| panic!("{when}: the store does not load: {e}"))
        // The store is closed here, before the next child opens it.
    };
    let violations = data.violations();
    assert!(violations.is_empty(), "{when}: the store breaks its invariants: {violations:?}");
    for (id, name) in &confirmed.imported {
        let stored = data.people.get(id).map(|p| p.name.as_str());
        assert_eq!(stored, Some(name.as_str()), "{when}: confirmed import of person {id} lost");
    }
    let names: BTreeSet<&str> = data.people.values().map(|p| p.name.as_str()).collect();
    for name in &confirmed.saved_in_ui {
        assert!(names.contains(name.as_str()), "{when}: {name:?} was shown as saved, then lost");
    }
    data
}

/// How a cycle ended.
#[derive(Default)]
struct Tally {
    cli: usize,
    ui: usize,
    /// Cycles whose process was killed, against those that had finished by then.
    killed: usize,
    /// Imports that exited 0 before the kill.
    cli_confirmed: usize,
    ui_confirmed: usize,
    /// UI cycles killed before any save was confirmed (often before the first frame).
    ui_killed_before_a_save: usize,
    /// Runs of the `check` command.
    checks: usize,
}

/// One `import` of a one-row people.csv, SIGKILLed `delay` after it starts.
fn cli_cycle(
    db: &Path,
    file: &Path,
    cycle: usize,
    delay: Duration,
    confirmed: &mut Confirmed,
    tally: &mut Tally,
) {
    let id = CLI_ID_BASE + cycle as u64 * CLI_ID_STEP;
    let name = format!("Kill Import {cycle:05}");
    std::fs::write(
        file,
        format!(
            "id;name;function;organisation;qualifications;contact\n\
             {id};{name};prison doctor;SPF Justice;physician;kill{cycle}@example.invalid\n"
        ),
    )
    .unwrap();
    let mut child = command()
        .arg("--db")
        .arg(db)
        .args(STORE_FLAGS)
        .arg("import")
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    thread::sleep(delay);
    // std's `kill` is SIGKILL on Unix, and harmless on a process that has exited already.
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    tally.cli += 1;
    match out.status.code() {
        // Exited on its own before the kill.
        Some(0) => {
            assert!(stderr.contains("1 records read"), "cycle {cycle}: exit 0 but stderr: {stderr}");
            confirmed.imported.insert(id, name);
            tally.cli_confirmed += 1;
        }
        Some(code) => panic!("cycle {cycle}: import exited {code} before the kill; stderr: {stderr}"),
        None => tally.killed += 1,
    }
}

/// The UI: new people saved one after the other (`p`, the name, Ctrl-S, wait for "Saved"),
/// SIGKILLed `delay` after the start or, when `after` saves are asked for, after the last.
fn ui_cycle(
    db: &Path,
    cycle: usize,
    after: u64,
    delay: Duration,
    next_name: &mut usize,
    confirmed: &mut Confirmed,
    tally: &mut Tally,
) {
    let mut s = Session::spawn(&["--db", db.to_str().unwrap(), "--keep-backups", "0"], "C.UTF-8");
    let start = Instant::now();
    let mut deadline = if after == 0 { Some(start + delay) } else { None };
    let mut pending: Option<String> = None;
    let mut framed = false;
    let mut saves = 0;
    // "Saved — Kill Test 1000", not the start of "Saved — Kill Test 10000".
    let saved = |s: &Session, name: &str| {
        let line = format!("Saved — {name}");
        s.screen_is(|screen| {
            let text = screen.contents();
            text.match_indices(&line)
                .any(|(at, _)| !text[at + line.len()..].starts_with(|c: char| c.is_ascii_digit()))
        })
    };
    while deadline.is_none_or(|d| Instant::now() < d) {
        assert!(
            start.elapsed() < secs(10.0),
            "cycle {cycle}: no progress in the UI; the screen:\n{}",
            s.text()
        );
        framed = framed || s.screen_is(Session::first_frame_shown);
        if framed {
            match &pending {
                None => {
                    let name = format!("Kill Test {:04}", *next_name);
                    *next_name += 1;
                    // Keys typed before the first frame would meet a terminal not yet in raw
                    // mode, where Ctrl-S stops the output.
                    s.send(&format!("p{name}\x13"));
                    pending = Some(name);
                }
                Some(name) if saved(&s, name) => {
                    confirmed.saved_in_ui.push(pending.take().unwrap());
                    saves += 1;
                    tally.ui_confirmed += 1;
                    if saves == after {
                        deadline = Some(Instant::now() + delay);
                    }
                }
                Some(_) => {}
            }
        }
        thread::sleep(Duration::from_millis(1));
    }
    s.signal("KILL");
    let status = s.exit_status(secs(2.0));
    assert!(!status.success(), "cycle {cycle}: the UI exited by itself: {status:?}");
    // A confirmation that reached the screen before the process died counts too.
    if let Some(name) = pending
        && saved(&s, &name)
    {
        confirmed.saved_in_ui.push(name);
        saves += 1;
        tally.ui_confirmed += 1;
    }
    tally.ui += 1;
    tally.killed += 1;
    if saves == 0 {
        tally.ui_killed_before_a_save += 1;
    }
}

#[test]
fn sigkill_at_random_points_loses_no_confirmed_edit() {
    let cycles = env_number("PILOTAGE_KILL_CYCLES").map_or(DEFAULT_CYCLES, |n| n as usize);
    let seed = env_number("PILOTAGE_KILL_SEED").unwrap_or(DEFAULT_SEED);
    // Seeded: the same kill moments on every run of a given seed.
    let mut rng = fastrand::Rng::with_seed(seed);
    let (tmp, db) = store_dir();
    let input: PathBuf = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    let file = input.join("people.csv");
    // The store is created by a run that is not killed: a kill while it is being created is
    // the subject of its own test below.
    assert_check_opens(&db, "creating the store");

    let started = Instant::now();
    let mut confirmed = Confirmed::default();
    let mut tally = Tally::default();
    let mut next_name = 0;
    for cycle in 0..cycles {
        let delay = Duration::from_millis(rng.u64(0..=MAX_DELAY_MS));
        let when = format!("after cycle {cycle} (seed {seed})");
        let ui = cycle % UI_EVERY == UI_EVERY - 1;
        if ui {
            let after = rng.u64(0..=3);
            ui_cycle(&db, cycle, after, delay, &mut next_name, &mut confirmed, &mut tally);
        } else {
            cli_cycle(&db, &file, cycle, delay, &mut confirmed, &mut tally);
        }
        // After every kill the store is opened and loaded here, by the same `Store::open` and
        // `load` as every command (about 10 ms). The `check` binary costs about 90 ms, as much
        // as the import it follows: it runs after every UI cycle and every fifth cycle, which
        // keeps the test under half a minute.
        assert_holds(&db, &confirmed, &when);
        if ui || cycle % CHECK_EVERY == 0 {
            assert_check_opens(&db, &when);
            tally.checks += 1;
        }
    }
    let data = assert_holds(&db, &confirmed, "at the end");
    assert_check_opens(&db, "at the end");

    eprintln!(
        "{cycles} cycles in {:.1?} (seed {seed}): {} CLI, {} UI; {} killed mid-run; \
         confirmed and found: {} imports, {} UI saves ({} in all); \
         {} UI cycles killed before a save; {} checks; {} people in the store",
        started.elapsed(),
        tally.cli,
        tally.ui,
        tally.killed,
        tally.cli_confirmed,
        tally.ui_confirmed,
        confirmed.len(),
        tally.ui_killed_before_a_save,
        tally.checks + 2,
        data.people.len(),
    );
    // The kill moments must have fallen on both sides of the confirmation.
    assert!(tally.cli_confirmed > 0 && tally.cli_confirmed < tally.cli, "import kills all on one side");
    assert!(tally.ui_confirmed > 0, "no UI save was ever confirmed");
    assert!(tally.killed > cycles / 4, "too few processes were killed mid-run");
}

/// Regression: a store killed while it was first created was left as a directory of sled
/// files without the "initialised" marker, which every later run reported as damaged.
#[test]
fn sigkill_while_the_store_is_created_leaves_a_store_that_opens() {
    let tmp = tempfile::tempdir().unwrap();
    let mut killed = 0;
    for (i, ms) in (0..=60).step_by(5).enumerate() {
        let db = tmp.path().join(format!("store-{i}"));
        let mut child = command()
            .arg("--db")
            .arg(&db)
            .args(STORE_FLAGS)
            .arg("init")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        thread::sleep(Duration::from_millis(ms));
        child.kill().unwrap();
        if child.wait().unwrap().code().is_none() {
            killed += 1;
        }
        // Whatever the kill left (nothing, or the whole store), `init` again gives a store
        // that opens: never a half-made one in its place.
        let again = command().arg("--db").arg(&db).args(STORE_FLAGS).arg("init").output().unwrap();
        assert!(again.status.success(), "killed {ms} ms in, init again: {again:?}");
        assert_check_opens(&db, &format!("killed {ms} ms into creating the store"));
    }
    assert!(killed > 0, "no run was killed while creating its store");
}

#[test]
fn a_panic_restores_the_terminal_and_says_the_data_is_safe() {
    let (_tmp, db) = store_dir();
    let path = db.to_str().unwrap();
    let mut s = Session::spawn_with_env(
        &["--db", path, "--keep-backups", "0"],
        "C.UTF-8",
        &[("PILOTAGE_TEST_PANIC", "1")],
    );
    s.wait_first_frame();
    s.send("!");
    let status = s.exit_status(secs(2.0));
    assert!(!status.success(), "{status:?}");
    s.assert_restored();
    let out = s.transcript();
    let safe = out.find("Your data is safe in").unwrap_or_else(|| panic!("no reassurance in:\n{out}"));
    assert!(out[safe..].contains(path), "the store path is not named:\n{out}");
    assert!(out.contains("panic requested by PILOTAGE_TEST_PANIC"), "{out}");
    // Said on the main screen, where it stays, not on the alternate screen that goes away.
    let left = out.rfind("\x1b[?1049l").expect("the alternate screen was left");
    assert!(left < safe, "the message was written before leaving the alternate screen:\n{out}");
    assert_check_opens(&db, "after the panic");
}

#[test]
fn sigint_outside_raw_mode_and_ctrl_c_quit_cleanly() {
    let (_tmp, db) = store_dir();
    let args = ["--db", db.to_str().unwrap(), "--keep-backups", "0"];
    // In raw mode the terminal turns Ctrl-C into a key, not a signal: SIGINT comes from
    // outside (kill, a process manager). It saves, gives the terminal back and exits 130.
    let mut s = Session::spawn(&args, "C.UTF-8");
    s.wait_first_frame();
    s.signal("INT");
    let status = s.exit_status(secs(2.0));
    assert_eq!((status.exit_code(), status.signal()), (130, None), "{status:?}");
    s.assert_restored();
    assert_check_opens(&db, "after SIGINT");

    // Ctrl-C the key quits like `q`, after a saved edit, which is then in the store.
    let mut s = Session::spawn(&args, "C.UTF-8");
    s.wait_first_frame();
    s.send("pInterrupted Person\x13");
    s.wait_for_text("Saved — Interrupted Person");
    s.send("\x03");
    let status = s.exit_status(secs(2.0));
    assert!(status.success(), "{status:?}");
    s.assert_restored();
    let data = assert_holds(
        &db,
        &Confirmed { saved_in_ui: vec!["Interrupted Person".into()], ..Confirmed::default() },
        "after Ctrl-C",
    );
    assert!(data.people.values().any(|p| p.name == "Interrupted Person"));
}
