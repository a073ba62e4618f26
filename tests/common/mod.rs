//! What the end-to-end and reliability tests and the benchmark share: the real binary in a
//! pseudo-terminal, its output parsed by a terminal emulator, and the commands run without a
//! terminal. (The benchmark includes this file: one pty driver for both.)

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]
// Each test crate uses its own part of these helpers.
#![allow(dead_code)]

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

pub const BIN: &str = env!("CARGO_BIN_EXE_pilotage");
pub const TODAY: &str = "2026-11-23";
pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;
/// Environment variables of the test runner that would change what the binary does.
pub const UNSET: &[&str] = &[
    "LC_ALL",
    "LC_MESSAGES",
    "LC_CTYPE",
    "LANGUAGE",
    "PILOTAGE_DB",
    "PILOTAGE_SOCKET",
    "NO_COLOR",
    "PILOTAGE_TEST_PANIC",
];

/// How long to wait for something that should come: generous, since a wait ends as soon as it
/// comes and CI machines can be loaded. Promises about timing use their own, tighter limits.
pub const PATIENCE: Duration = Duration::from_secs(15);

pub fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

/// What the reader thread shares with the test.
struct Shared {
    parser: Mutex<vt100::Parser>,
    /// Every byte the child wrote, escape sequences included.
    transcript: Mutex<Vec<u8>>,
    bytes: AtomicUsize,
    /// The pty reported end of file or an error: the child and its output are gone.
    eof: AtomicBool,
    /// Asks the reader to close its descriptor after its next read.
    stop: AtomicBool,
    /// When the first complete frame was on screen (see [`Session::first_frame_shown`]), and
    /// the bytes read by then: noted by the reader as it reads, for the benchmark's timings.
    first_frame: Mutex<Option<(Instant, usize)>>,
    /// When any full-screen program's first screen was painted: on the alternate screen,
    /// down to its last row (for a comparison with another program, such as htop).
    painted: Mutex<Option<Instant>>,
}

/// Feeds the child's output to the emulator until the output ends or `stop` is set. Like a
/// serial console or a proxy that does not pass replies on, it answers nothing: pilotage
/// asks the terminal nothing.
fn read_output(mut input: Box<dyn Read + Send>, shared: &Shared) {
    let mut buf = [0u8; 8192];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let now = Instant::now();
        let chunk = &buf[..n];
        shared.transcript.lock().unwrap().extend_from_slice(chunk);
        let mut parser = shared.parser.lock().unwrap();
        parser.process(chunk);
        let total = shared.bytes.fetch_add(n, Ordering::SeqCst) + n;
        let mut first = shared.first_frame.lock().unwrap();
        if first.is_none() && Session::first_frame_shown(parser.screen()) {
            *first = Some((now, total));
        }
        drop(first);
        let mut painted = shared.painted.lock().unwrap();
        if painted.is_none() && {
            let screen = parser.screen();
            let last =
                screen.contents().lines().nth(usize::from(ROWS) - 1).is_some_and(|l| !l.trim().is_empty());
            screen.alternate_screen() && last
        } {
            *painted = Some(now);
        }
        drop(painted);
        drop(parser);
        if shared.stop.load(Ordering::SeqCst) {
            break;
        }
    }
    shared.eof.store(true, Ordering::SeqCst);
}

/// One run of the binary in an 80x24 pseudo-terminal.
pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<File>,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    /// The child's TMPDIR, so a `--demo` store left behind by a failed test goes with it.
    _tmp: TempDir,
    /// Just before the child was started.
    started: Instant,
}

impl Session {
    /// Starts `pilotage --today 2026-11-23 ARGS` with `LANG=lang`.
    pub fn spawn(args: &[&str], lang: &str) -> Session {
        Session::spawn_with_env(args, lang, &[])
    }

    /// Starts `pilotage --today 2026-11-23 ARGS` with `LANG=lang` and the variables `env`.
    pub fn spawn_with_env(args: &[&str], lang: &str, env: &[(&str, &str)]) -> Session {
        Session::spawn_binary(Path::new(BIN), args, lang, env)
    }

    /// [`Session::spawn_with_env`] with another build of the binary (the benchmark's release).
    pub fn spawn_binary(bin: &Path, args: &[&str], lang: &str, env: &[(&str, &str)]) -> Session {
        let mut all = vec!["--today", TODAY];
        all.extend_from_slice(args);
        Session::spawn_program(bin, &all, lang, env)
    }

    /// Any program in the same pseudo-terminal, with exactly `args`.
    pub fn spawn_program(bin: &Path, args: &[&str], lang: &str, env: &[(&str, &str)]) -> Session {
        let tmp = tempfile::tempdir().unwrap();
        let pair = native_pty_system().openpty(size(ROWS, COLS)).unwrap();
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(args);
        for v in UNSET {
            cmd.env_remove(v);
        }
        cmd.env("LANG", lang);
        cmd.env("TERM", "xterm-256color");
        cmd.env("TMPDIR", tmp.path());
        // The daily backups go by the clock, not by --today: the tests set the clock.
        cmd.env("PILOTAGE_TEST_CLOCK", TODAY);
        // One process on its store, as the kill tests need: a test that wants the UI to start
        // its own server says so (`PILOTAGE_NO_SERVER=0`).
        cmd.env("PILOTAGE_NO_SERVER", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let master = pair.master;

        // The writer is a plain duplicate of the master: portable-pty's own writer types a
        // newline and an end-of-file character into the terminal when it is dropped.
        let fd = master.as_raw_fd().expect("a unix pty");
        // SAFETY: `fd` is the master's descriptor, open for as long as `master` lives here.
        let writer = File::from(unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned().unwrap());

        let shared = Arc::new(Shared {
            parser: Mutex::new(vt100::Parser::new(ROWS, COLS, 0)),
            transcript: Mutex::new(Vec::new()),
            bytes: AtomicUsize::new(0),
            eof: AtomicBool::new(false),
            stop: AtomicBool::new(false),
            first_frame: Mutex::new(None),
            painted: Mutex::new(None),
        });
        let input = master.try_clone_reader().unwrap();
        let sh = Arc::clone(&shared);
        let reader = thread::spawn(move || read_output(input, &sh));
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Only the child may hold the slave, or the master never sees the end of its output.
        drop(pair.slave);
        Session {
            child,
            master: Some(master),
            writer: Some(writer),
            shared,
            reader: Some(reader),
            _tmp: tmp,
            started,
        }
    }

    /// How long after its start the first complete frame was on screen, and the bytes read
    /// by then; `None` if it did not come within `timeout` or the output ended first.
    pub fn first_frame(&self, timeout: Duration) -> Option<(Duration, usize)> {
        while self.started.elapsed() < timeout {
            if let Some((at, bytes)) = *self.shared.first_frame.lock().unwrap() {
                return Some((at - self.started, bytes));
            }
            if self.shared.eof.load(Ordering::SeqCst) {
                return None;
            }
            thread::sleep(Duration::from_millis(1));
        }
        None
    }

    /// How long after its start any program's first full screen was painted (see `painted`).
    pub fn first_paint(&self, timeout: Duration) -> Option<Duration> {
        while self.started.elapsed() < timeout {
            if let Some(at) = *self.shared.painted.lock().unwrap() {
                return Some(at - self.started);
            }
            if self.shared.eof.load(Ordering::SeqCst) {
                return None;
            }
            thread::sleep(Duration::from_millis(1));
        }
        None
    }

    /// Waits until nothing has come for `quiet` (5 s at most); the bytes read by then.
    pub fn settle(&self, quiet: Duration) -> usize {
        let start = Instant::now();
        let mut last = (self.bytes_read(), Instant::now());
        while last.1.elapsed() < quiet && start.elapsed() < Duration::from_secs(5) {
            thread::sleep(Duration::from_millis(5));
            let now = self.bytes_read();
            if now != last.0 {
                last = (now, Instant::now());
            }
        }
        last.0
    }

    /// The bytes a key brings, once the output is quiet before and after it.
    pub fn key_bytes(&mut self, key: &str, quiet: Duration) -> usize {
        let before = self.settle(quiet);
        self.send(key);
        let start = Instant::now();
        while self.bytes_read() == before && start.elapsed() < Duration::from_secs(3) {
            thread::sleep(Duration::from_millis(1));
        }
        self.settle(quiet) - before
    }

    /// A field of the child's `/proc/PID/status` in bytes (`VmRSS:`, `VmHWM:`), on Linux.
    pub fn proc_status(&self, field: &str) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with(field))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }

    /// Quits with `q` and waits (10 s at most) for the process, and its store flush, to end.
    pub fn quit(mut self) -> bool {
        self.send("q");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            thread::sleep(Duration::from_millis(5));
        }
        false
    }

    /// The UI on the demo data, in English.
    pub fn demo() -> Session {
        Session::spawn(&["--demo"], "C.UTF-8")
    }

    /// The UI on the store at `db`, in English.
    pub fn on_store(db: &Path) -> Session {
        Session::spawn(&["--db", db.to_str().unwrap()], "C.UTF-8")
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("the terminal is still open");
        w.write_all(keys.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    pub fn text(&self) -> String {
        self.shared.parser.lock().unwrap().screen().contents()
    }

    /// Everything the child wrote so far, escape sequences included.
    pub fn transcript(&self) -> String {
        String::from_utf8_lossy(&self.shared.transcript.lock().unwrap()).into_owned()
    }

    /// Whether `check` holds on the screen now.
    pub fn screen_is(&self, check: impl Fn(&vt100::Screen) -> bool) -> bool {
        check(self.shared.parser.lock().unwrap().screen())
    }

    pub fn bytes_read(&self) -> usize {
        self.shared.bytes.load(Ordering::SeqCst)
    }

    /// Polls the screen until `check` holds; fails with the screen when `timeout` runs out.
    pub fn wait_for(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool, timeout: Duration) {
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

    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?}"), |s| s.contents().contains(text), PATIENCE);
    }

    /// Waits for the pane or detail whose box title (the second row) starts with `title`.
    pub fn wait_for_title(&self, title: &str) {
        let prefix = format!("┌ {title}");
        self.wait_for(
            &format!("the title {title:?}"),
            |s| s.contents().lines().nth(1).is_some_and(|l| l.starts_with(&prefix)),
            PATIENCE,
        );
    }

    /// Waits until no byte has arrived for `quiet`.
    pub fn wait_quiet(&self, quiet: Duration) {
        let start = Instant::now();
        let mut last = (self.bytes_read(), Instant::now());
        while last.1.elapsed() < quiet {
            assert!(start.elapsed() < PATIENCE, "the output never stopped");
            thread::sleep(Duration::from_millis(10));
            let now = self.bytes_read();
            if now != last.0 {
                last = (now, Instant::now());
            }
        }
    }

    /// Whether the first screen of the UI is there: on the alternate screen, the Prisons pane
    /// down to the last row.
    pub fn first_frame_shown(screen: &vt100::Screen) -> bool {
        let text = screen.contents();
        screen.alternate_screen() && text.contains("Prisons (") && text.lines().count() == usize::from(ROWS)
    }

    /// Waits for the first screen of the UI.
    pub fn wait_first_frame(&self) {
        self.wait_for("the first frame", Session::first_frame_shown, PATIENCE);
    }

    pub fn pid(&self) -> String {
        self.child.process_id().expect("a running child").to_string()
    }

    /// Sends a signal with `kill -NAME`. (portable-pty's `Child::kill` is no SIGKILL: it sends
    /// SIGHUP, which the app handles, and SIGKILL only 200 ms later.)
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill").args([&format!("-{name}"), &self.pid()]).status().unwrap();
        assert!(status.success(), "kill -{name} failed");
    }

    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// The exit status, which must come within `timeout`; then waits for the last output.
    pub fn exit_status(&mut self, timeout: Duration) -> ExitStatus {
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
            thread::sleep(Duration::from_millis(5));
        };
        if self.master.is_some() {
            let start = Instant::now();
            while !self.shared.eof.load(Ordering::SeqCst) {
                assert!(start.elapsed() < secs(2.0), "the pty never reported the end of the output");
                thread::sleep(Duration::from_millis(5));
            }
        }
        status
    }

    /// Resizes the terminal. The emulator keeps its size below 2x2: vt100 0.16 panics
    /// (subtraction overflow in `Grid::col_wrap`) when a line wraps on a one-row screen.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.master.as_ref().unwrap().resize(size(rows, cols)).unwrap();
        if rows >= 2 && cols >= 2 {
            self.shared.parser.lock().unwrap().screen_mut().set_size(rows, cols);
        }
    }

    /// Closes every descriptor of the master side, as sshd does when the connection drops.
    pub fn hang_up(&mut self) {
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
    pub fn assert_restored(&self) {
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

/// A connection to `socket` made by a thread running as `uid` (in group `gid`) for itself
/// alone: the raw system calls change only the calling thread's credentials (glibc's
/// wrappers would change every thread's), and the socket keeps those it connected with. Needs
/// root.
pub fn connect_as(socket: &Path, uid: u32, gid: u32) -> std::io::Result<std::os::unix::net::UnixStream> {
    let socket = socket.to_path_buf();
    thread::spawn(move || as_uid(uid, gid, || std::os::unix::net::UnixStream::connect(&socket)))
        .join()
        .unwrap()
}

/// Runs `f` in this thread as `uid` and `gid`, which this thread keeps afterwards: call it on
/// a thread of its own.
pub fn as_uid<T>(uid: u32, gid: u32, f: impl FnOnce() -> T) -> T {
    // SAFETY: raw system calls that change this thread's own credentials only.
    unsafe {
        assert_eq!(libc::syscall(libc::SYS_setresgid, gid, gid, gid), 0, "setresgid");
        assert_eq!(libc::syscall(libc::SYS_setresuid, uid, uid, uid), 0, "setresuid");
    }
    f()
}

/// Whether this process runs as root (what starting a child or a thread under another uid,
/// or mounting a small filesystem, needs).
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("Uid:")).map(|l| l.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false)
}

/// A temporary directory and a new store inside it (`pilotage init`, no backup yet; its
/// backups go beside it).
pub fn store_dir() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("store");
    let made =
        command().args(["--db", db.to_str().unwrap(), "--keep-backups", "0", "init"]).output().unwrap();
    assert!(made.status.success(), "init: {made:?}");
    (tmp, db)
}

/// `pilotage` without a terminal, in English, none of the runner's variables that matter.
pub fn command() -> Command {
    let mut cmd = Command::new(BIN);
    for v in UNSET {
        cmd.env_remove(v);
    }
    cmd.env("LANG", "C.UTF-8");
    cmd.env("PILOTAGE_TEST_CLOCK", TODAY);
    cmd
}

/// `pilotage --db DB --today 2026-11-23 ARGS`, without a terminal.
pub fn run(db: &Path, args: &[&str]) -> Output {
    command().args(["--db", db.to_str().unwrap(), "--today", TODAY]).args(args).output().unwrap()
}

pub fn check(db: &Path) -> Output {
    run(db, &["check"])
}

/// Overwrites the store's sled file with as many garbage bytes.
pub fn garble(db: &Path) {
    let file = db.join("db");
    let len = std::fs::metadata(&file).unwrap().len();
    let garbage: Vec<u8> = (0..len).map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8).collect();
    std::fs::write(&file, garbage).unwrap();
}

/// The store opens and `check` answers (0: all clear, 1: items need attention).
pub fn assert_store_opens(db: &Path) {
    let out = check(db);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(matches!(out.status.code(), Some(0 | 1)), "check: {:?}\nstderr: {stderr}", out.status);
    assert!(!out.stdout.is_empty(), "check printed nothing");
}

/// A person with only a name: the smallest record a test writes.
pub fn person(id: u64, name: &str) -> pilotage::domain::Person {
    pilotage::domain::Person {
        id,
        name: name.into(),
        function: String::new(),
        organisation: String::new(),
        qualifications: Vec::new(),
        contact: String::new(),
    }
}

/// A prison doctor, every field filled: a record whose bytes and fields a test checks.
pub fn doctor(id: u64, name: &str) -> pilotage::domain::Person {
    pilotage::domain::Person {
        function: "prison doctor".into(),
        organisation: "SPF Justice".into(),
        qualifications: vec![pilotage::domain::Qualification::Physician],
        contact: "dr@example.invalid".into(),
        ..person(id, name)
    }
}
