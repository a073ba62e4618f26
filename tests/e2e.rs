//! End to end: the real binary in a pseudo-terminal, its output parsed by a terminal emulator,
//! the assertions made on the screen a person would see.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::BorrowedFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_pilotage");
const TODAY: &str = "2026-11-23";
const ROWS: u16 = 24;
const COLS: u16 = 80;
/// Environment variables of the test runner that would change what the binary does.
const UNSET: &[&str] = &["LC_ALL", "LC_MESSAGES", "PILOTAGE_DB", "NO_COLOR"];

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

/// What the reader thread shares with the test.
struct Shared {
    parser: Mutex<vt100::Parser>,
    bytes: AtomicUsize,
    /// The pty reported end of file or an error: the child and its output are gone.
    eof: AtomicBool,
    /// Asks the reader to close its descriptor after its next read.
    stop: AtomicBool,
}

/// What a real terminal asks for its cursor position (crossterm asks when ratatui clears).
const CURSOR_QUERY: &[u8] = b"\x1b[6n";

/// Feeds the child's output to the emulator and answers its cursor-position queries, as a
/// real terminal does, until the output ends or `stop` is set.
fn read_output(mut input: Box<dyn Read + Send>, mut answers: File, shared: &Shared) {
    let mut buf = [0u8; 8192];
    // The end of the previous read, for a query split between two reads.
    let mut tail: Vec<u8> = Vec::new();
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let chunk = &buf[..n];
        let joined = [tail.as_slice(), chunk].concat();
        let mut done = 0;
        for end in joined
            .windows(CURSOR_QUERY.len())
            .enumerate()
            .filter(|(_, w)| *w == CURSOR_QUERY)
            .map(|(i, _)| i + CURSOR_QUERY.len())
        {
            let end = end - tail.len();
            let mut parser = shared.parser.lock().unwrap();
            parser.process(&chunk[done..end]);
            done = end;
            let (row, col) = parser.screen().cursor_position();
            drop(parser);
            let _ = write!(answers, "\x1b[{};{}R", row + 1, col + 1);
        }
        shared.parser.lock().unwrap().process(&chunk[done..]);
        shared.bytes.fetch_add(n, Ordering::SeqCst);
        tail = joined[joined.len().saturating_sub(CURSOR_QUERY.len() - 1)..].to_vec();
        if shared.stop.load(Ordering::SeqCst) {
            break;
        }
    }
    shared.eof.store(true, Ordering::SeqCst);
}

/// One run of the binary in an 80x24 pseudo-terminal.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<File>,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    /// The child's TMPDIR, so a `--demo` store left behind by a failed test goes with it.
    _tmp: TempDir,
}

impl Session {
    /// Starts `pilotage --today 2026-11-23 ARGS` with `LANG=lang`.
    fn spawn(args: &[&str], lang: &str) -> Session {
        let tmp = tempfile::tempdir().unwrap();
        let pair = native_pty_system().openpty(size(ROWS, COLS)).unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(["--today", TODAY]);
        cmd.args(args);
        for v in UNSET {
            cmd.env_remove(v);
        }
        cmd.env("LANG", lang);
        cmd.env("TERM", "xterm-256color");
        cmd.env("TMPDIR", tmp.path());
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Only the child may hold the slave, or the master never sees the end of its output.
        drop(pair.slave);
        let master = pair.master;

        // The writer is a plain duplicate of the master: portable-pty's own writer types a
        // newline and an end-of-file character into the terminal when it is dropped.
        let fd = master.as_raw_fd().expect("a unix pty");
        // SAFETY: `fd` is the master's descriptor, open for as long as `master` lives here.
        let writer = File::from(unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned().unwrap());

        let shared = Arc::new(Shared {
            parser: Mutex::new(vt100::Parser::new(ROWS, COLS, 0)),
            bytes: AtomicUsize::new(0),
            eof: AtomicBool::new(false),
            stop: AtomicBool::new(false),
        });
        let input = master.try_clone_reader().unwrap();
        let answers = writer.try_clone().unwrap();
        let sh = Arc::clone(&shared);
        let reader = thread::spawn(move || read_output(input, answers, &sh));
        Session { child, master: Some(master), writer: Some(writer), shared, reader: Some(reader), _tmp: tmp }
    }

    /// The UI on the demo data, in English.
    fn demo() -> Session {
        Session::spawn(&["--demo"], "C.UTF-8")
    }

    /// The UI on the store at `db`, in English.
    fn on_store(db: &Path) -> Session {
        Session::spawn(&["--db", db.to_str().unwrap()], "C.UTF-8")
    }

    /// Types `keys`.
    fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("the terminal is still open");
        w.write_all(keys.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    fn text(&self) -> String {
        self.shared.parser.lock().unwrap().screen().contents()
    }

    fn bytes_read(&self) -> usize {
        self.shared.bytes.load(Ordering::SeqCst)
    }

    /// Polls the screen until `check` holds; fails with the screen when `timeout` runs out.
    fn wait_for(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool, timeout: Duration) {
        let start = Instant::now();
        loop {
            if check(self.shared.parser.lock().unwrap().screen()) {
                return;
            }
            assert!(
                start.elapsed() < timeout,
                "timed out after {timeout:?} waiting for {what}; the screen:\n{}",
                self.text()
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?}"), |s| s.contents().contains(text), secs(4.0));
    }

    /// Waits for the pane or detail whose box title (the second row) starts with `title`.
    fn wait_for_title(&self, title: &str) {
        let prefix = format!("┌ {title}");
        self.wait_for(
            &format!("the title {title:?}"),
            |s| s.contents().lines().nth(1).is_some_and(|l| l.starts_with(&prefix)),
            secs(4.0),
        );
    }

    /// Waits until no byte has arrived for `quiet`.
    fn wait_quiet(&self, quiet: Duration) {
        let start = Instant::now();
        let mut last = (self.bytes_read(), Instant::now());
        while last.1.elapsed() < quiet {
            assert!(start.elapsed() < secs(4.0), "the output never stopped");
            thread::sleep(Duration::from_millis(10));
            let now = self.bytes_read();
            if now != last.0 {
                last = (now, Instant::now());
            }
        }
    }

    /// The first screen of the UI, on the alternate screen: the Prisons pane down to the last row.
    fn wait_first_frame(&self) {
        self.wait_for(
            "the first frame",
            |s| {
                let text = s.contents();
                s.alternate_screen()
                    && text.contains("Prisons (")
                    && text.lines().count() == usize::from(ROWS)
            },
            secs(4.0),
        );
    }

    fn pid(&self) -> String {
        self.child.process_id().expect("a running child").to_string()
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill").args([&format!("-{name}"), &self.pid()]).status().unwrap();
        assert!(status.success(), "kill -{name} failed");
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// The exit status, which must come within `timeout`; then waits for the last output.
    fn exit_status(&mut self, timeout: Duration) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                start.elapsed() < timeout,
                "still running after {timeout:?}; the screen:\n{}",
                self.text()
            );
            thread::sleep(Duration::from_millis(10));
        };
        if self.master.is_some() {
            let start = Instant::now();
            while !self.shared.eof.load(Ordering::SeqCst) {
                assert!(start.elapsed() < secs(2.0), "the pty never reported the end of the output");
                thread::sleep(Duration::from_millis(10));
            }
        }
        status
    }

    /// Resizes the terminal. The emulator keeps its size below 2x2: vt100 0.16 panics
    /// (subtraction overflow in `Grid::col_wrap`) when a line wraps on a one-row screen.
    fn resize(&mut self, rows: u16, cols: u16) {
        self.master.as_ref().unwrap().resize(size(rows, cols)).unwrap();
        if rows >= 2 && cols >= 2 {
            self.shared.parser.lock().unwrap().screen_mut().set_size(rows, cols);
        }
    }

    /// Closes every descriptor of the master side, as sshd does when the connection drops.
    fn hang_up(&mut self) {
        // The reader blocks in `read`; a key that redraws the screen lets it see `stop`.
        self.shared.stop.store(true, Ordering::SeqCst);
        self.send("j");
        let start = Instant::now();
        while !self.shared.eof.load(Ordering::SeqCst) {
            assert!(start.elapsed() < secs(2.0), "the reader did not stop");
            thread::sleep(Duration::from_millis(10));
        }
        self.reader.take().unwrap().join().unwrap();
        self.writer = None;
        self.master = None;
    }

    /// The terminal is given back: main screen, cursor shown.
    fn assert_restored(&self) {
        let parser = self.shared.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still on the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A temporary directory and the store path inside it (its backups go beside it).
fn store_dir() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("store");
    (tmp, db)
}

/// `pilotage --db DB --today 2026-11-23 ARGS`, without a terminal.
fn run(db: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    for v in UNSET {
        cmd.env_remove(v);
    }
    cmd.env("LANG", "C.UTF-8")
        .args(["--db", db.to_str().unwrap(), "--today", TODAY])
        .args(args)
        .output()
        .unwrap()
}

fn check(db: &Path) -> Output {
    run(db, &["check"])
}

/// Overwrites the store's sled file with as many garbage bytes.
fn garble(db: &Path) {
    let file = db.join("db");
    let len = std::fs::metadata(&file).unwrap().len();
    let garbage: Vec<u8> = (0..len).map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8).collect();
    std::fs::write(&file, garbage).unwrap();
}

/// The store opens and `check` answers (0: all clear, 1: items need attention).
fn assert_store_opens(db: &Path) {
    let out = check(db);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(matches!(out.status.code(), Some(0 | 1)), "check: {:?}\nstderr: {stderr}", out.status);
    assert!(!out.stdout.is_empty(), "check printed nothing");
}

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
    let mut s = Session::on_store(&db);
    s.wait_first_frame();
    s.signal(signal);
    let status = s.exit_status(secs(2.0));
    assert_eq!((status.exit_code(), status.signal()), (code, None), "{status:?}");
    s.assert_restored();
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
    s.resize(ROWS, COLS);
    s.wait_for_text("Prisons (40)");
    assert!(s.alive());
    s.send("q");
    let status = s.exit_status(secs(2.0));
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
