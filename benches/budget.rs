//! Performance budget: start-up time, keystroke latency, bytes on the wire, memory, disk.
//!
//! Run `cargo build --release` first, then `cargo bench --bench budget`. The bench drives the
//! real release binary (`target/release/pilotage`) in an 80x24 pseudo-terminal and the app
//! in-process on ratatui's TestBackend; if the binary is missing it runs
//! `cargo build --release` itself. It never fails on a slow machine: a figure over its budget
//! is printed as OVER and the exit code stays 0.
//!
//! Options (after `--`):
//!   --save FILE      write the figures as TSV (figure, value, unit, budget)
//!   --compare FILE   print the value saved in FILE beside each figure
//!
//! Units: ms are milliseconds, MiB are 1024 x 1024 bytes (the budgets' "MB").

// A test or bench that cannot go on says so by unwrapping: the panic is the report.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::BorrowedFd;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use pilotage::app::panes::PaneId;
use pilotage::app::{App, Options};
use pilotage::demo::demo_dataset;
use pilotage::domain::Dataset;
use pilotage::domain::rules::{Index, Situation};
use pilotage::i18n::Lang;
use pilotage::store::Store;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

const ROWS: u16 = 24;
const COLS: u16 = 80;
const TODAY: &str = "2026-11-23";
const RECORDS: usize = 100_000;
/// Runs of the binary whose median is the first-frame figure.
const START_RUNS: usize = 5;
/// Repetitions of each in-process keystroke.
const KEY_REPS: usize = 50;
const IDLE: Duration = Duration::from_secs(10);
/// No byte for this long after a key: the frame is complete.
const QUIET: Duration = Duration::from_millis(250);
/// Longer than this to the first frame counts as "never" (and stops the other runs).
const START_TIMEOUT: Duration = Duration::from_secs(20);
/// Environment variables of the bench's own shell that would change what the binary does.
const UNSET: &[&str] = &["LC_ALL", "LC_MESSAGES", "PILOTAGE_DB", "NO_COLOR"];
/// What a real terminal is asked for its cursor position (crossterm asks when ratatui clears).
const CURSOR_QUERY: &[u8] = b"\x1b[6n";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

fn max(values: &[f64]) -> Option<f64> {
    values.iter().copied().reduce(f64::max)
}

// ---------------------------------------------------------------------------------------------
// The figures and their table.

struct Figure {
    name: String,
    value: Option<f64>,
    unit: &'static str,
    budget: Option<f64>,
    note: String,
}

#[derive(Default)]
struct Report {
    figures: Vec<Figure>,
}

impl Report {
    fn add(&mut self, name: &str, value: Option<f64>, unit: &'static str, budget: Option<f64>, note: &str) {
        self.figures.push(Figure { name: name.into(), value, unit, budget, note: note.into() });
    }

    fn print(&self, previous: Option<&HashMap<String, String>>) {
        let width = self.figures.iter().map(|f| f.name.len()).max().unwrap_or(10).max(6);
        let prev_head = if previous.is_some() { format!(" {:>10}", "previous") } else { String::new() };
        println!(
            "{:<width$} {:>10} {:<4} {:>8} {:<6}{prev_head}  note",
            "figure", "value", "unit", "budget", "status"
        );
        println!("{}", "-".repeat(width + 46 + prev_head.len()));
        for f in &self.figures {
            let value = f.value.map_or_else(|| "n/a".to_string(), |v| format_value(v, f.unit));
            let budget = f.budget.map_or_else(|| "-".to_string(), |b| format_value(b, f.unit));
            let status = match (f.value, f.budget) {
                (Some(v), Some(b)) if v <= b => "OK",
                (Some(_), Some(_)) => "OVER",
                (None, Some(_)) => "n/a",
                _ => "",
            };
            let prev = previous
                .map_or_else(String::new, |p| format!(" {:>10}", p.get(&f.name).map_or("-", String::as_str)));
            println!(
                "{:<width$} {value:>10} {:<4} {budget:>8} {status:<6}{prev}  {}",
                f.name, f.unit, f.note
            );
        }
    }

    fn tsv(&self) -> String {
        let mut out = String::from("figure\tvalue\tunit\tbudget\n");
        for f in &self.figures {
            let value = f.value.map_or_else(|| "n/a".to_string(), |v| format_value(v, f.unit));
            let budget = f.budget.map_or_else(|| "-".to_string(), |b| format_value(b, f.unit));
            out.push_str(&format!("{}\t{value}\t{}\t{budget}\n", f.name, f.unit));
        }
        out
    }
}

fn format_value(v: f64, unit: &str) -> String {
    match unit {
        "B" => format!("{v:.0}"),
        "ms" if v < 10.0 => format!("{v:.3}"),
        "ms" => format!("{v:.1}"),
        _ => format!("{v:.1}"),
    }
}

/// Figure name -> saved value, from a file written by `--save`.
fn read_saved(path: &Path) -> HashMap<String, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("budget: cannot read {}: {e}", path.display());
            return HashMap::new();
        }
    };
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let mut parts = l.split('\t');
            Some((parts.next()?.to_string(), parts.next()?.to_string()))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The real binary in a pseudo-terminal.

/// What the reader thread shares with the bench.
struct Shared {
    parser: Mutex<vt100::Parser>,
    bytes: AtomicUsize,
    eof: AtomicBool,
    /// When the first complete frame was on screen, and the bytes read by then.
    first_frame: Mutex<Option<(Instant, usize)>>,
    /// The hint bar's text on the first screen, which is drawn last.
    hints: String,
}

/// The first complete frame: the Prisons pane's title and the key-hint bar on the last row.
fn is_first_frame(screen: &vt100::Screen, hints: &str) -> bool {
    let text = screen.contents();
    let last = screen.rows(0, COLS).nth(usize::from(ROWS) - 1).unwrap_or_default();
    text.contains("Prisons (") && last.trim_end() == hints
}

/// Feeds the child's output to the emulator, answers its cursor-position queries as a real
/// terminal does, and notes when the first frame is complete.
fn read_output(mut input: Box<dyn Read + Send>, mut answers: File, shared: &Shared) {
    let mut buf = [0u8; 16384];
    let mut tail: Vec<u8> = Vec::new();
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let now = Instant::now();
        let chunk = &buf[..n];
        let joined = [tail.as_slice(), chunk].concat();
        let mut parser = shared.parser.lock().unwrap_or_else(|e| e.into_inner());
        let mut done = 0;
        for end in joined
            .windows(CURSOR_QUERY.len())
            .enumerate()
            .filter(|(_, w)| *w == CURSOR_QUERY)
            .map(|(i, _)| i + CURSOR_QUERY.len() - tail.len())
        {
            parser.process(&chunk[done..end]);
            done = end;
            let (row, col) = parser.screen().cursor_position();
            let _ = write!(answers, "\x1b[{};{}R", row + 1, col + 1);
        }
        parser.process(&chunk[done..]);
        let total = shared.bytes.fetch_add(n, Ordering::SeqCst) + n;
        let mut first = shared.first_frame.lock().unwrap_or_else(|e| e.into_inner());
        if first.is_none() && is_first_frame(parser.screen(), &shared.hints) {
            *first = Some((now, total));
        }
        drop(first);
        drop(parser);
        tail = joined[joined.len().saturating_sub(CURSOR_QUERY.len() - 1)..].to_vec();
    }
    shared.eof.store(true, Ordering::SeqCst);
}

struct Session {
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    writer: File,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    started: Instant,
    /// The child's TMPDIR, where `--demo` puts its throwaway store.
    _tmp: TempDir,
}

impl Session {
    fn spawn(bin: &Path, args: &[&str], hints: &str) -> Session {
        let tmp = tempfile::tempdir().expect("a temporary directory");
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(bin);
        // Daily backups on, as for a coordinator: the first start of a day writes one.
        cmd.args(["--today", TODAY]);
        cmd.args(args);
        for v in UNSET {
            cmd.env_remove(v);
        }
        cmd.env("LANG", "C.UTF-8");
        cmd.env("TERM", "xterm-256color");
        cmd.env("TMPDIR", tmp.path());
        let master = pair.master;
        // A plain duplicate of the master: portable-pty's own writer types a newline and an
        // end-of-file character when dropped.
        let fd = master.as_raw_fd().expect("a unix pty");
        // SAFETY: `fd` is the master's descriptor, open while `master` lives (it is only
        // borrowed here to duplicate it).
        let writer = File::from(unsafe { BorrowedFd::borrow_raw(fd) }.try_clone_to_owned().expect("dup"));
        let shared = Arc::new(Shared {
            parser: Mutex::new(vt100::Parser::new(ROWS, COLS, 0)),
            bytes: AtomicUsize::new(0),
            eof: AtomicBool::new(false),
            first_frame: Mutex::new(None),
            hints: hints.to_string(),
        });
        let input = master.try_clone_reader().expect("a reader");
        let answers = writer.try_clone().expect("dup");
        let sh = Arc::clone(&shared);
        let reader = thread::spawn(move || read_output(input, answers, &sh));
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        // Only the child may hold the slave, or the master never sees the end of its output.
        drop(pair.slave);
        Session { child, _master: master, writer, shared, reader: Some(reader), started, _tmp: tmp }
    }

    fn bytes(&self) -> usize {
        self.shared.bytes.load(Ordering::SeqCst)
    }

    /// Time from spawn to the first complete frame, and the bytes read by then.
    fn wait_first_frame(&self) -> Option<(Duration, usize)> {
        while self.started.elapsed() < START_TIMEOUT {
            if let Some((at, bytes)) = *self.shared.first_frame.lock().unwrap_or_else(|e| e.into_inner()) {
                return Some((at - self.started, bytes));
            }
            if self.shared.eof.load(Ordering::SeqCst) {
                return None;
            }
            thread::sleep(Duration::from_millis(1));
        }
        None
    }

    /// Waits until no byte has come for `QUIET` (at most a few seconds); the bytes read so far.
    fn settle(&self) -> usize {
        let start = Instant::now();
        let mut last = (self.bytes(), Instant::now());
        while last.1.elapsed() < QUIET && start.elapsed() < Duration::from_secs(5) {
            thread::sleep(Duration::from_millis(5));
            let now = self.bytes();
            if now != last.0 {
                last = (now, Instant::now());
            }
        }
        last.0
    }

    fn send(&mut self, keys: &[u8]) {
        let _ = self.writer.write_all(keys);
        let _ = self.writer.flush();
    }

    /// Bytes the terminal receives in answer to `key`.
    fn key_bytes(&mut self, key: &[u8]) -> usize {
        let before = self.settle();
        self.send(key);
        // Wait for the answer to begin (a key that changes nothing may never get one).
        let start = Instant::now();
        while self.bytes() == before && start.elapsed() < Duration::from_secs(3) {
            thread::sleep(Duration::from_millis(1));
        }
        self.settle() - before
    }

    /// A `VmRSS:`-style line of /proc/PID/status, in bytes.
    fn proc_status(&self, field: &str) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with(field))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }

    fn screen(&self) -> String {
        self.shared.parser.lock().unwrap_or_else(|e| e.into_inner()).screen().contents()
    }

    /// Quits with `q` and waits for the process (and its store flush) to end.
    fn quit(mut self) {
        self.send(b"q");
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(5));
        }
        eprintln!("budget: the app did not quit on q; killing it");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        // The child is gone, so the reader sees the end of the output.
        if let Some(r) = self.reader.take() {
            let start = Instant::now();
            while !r.is_finished() && start.elapsed() < Duration::from_secs(2) {
                thread::sleep(Duration::from_millis(5));
            }
            if r.is_finished() {
                let _ = r.join();
            }
        }
    }
}

/// Medians of `START_RUNS` starts of the binary with `args`: time to first frame.
/// `START_RUNS` starts to the first frame. With `backups`, that directory is removed before
/// each: every start is then the first of a day, which writes the daily backup.
fn first_frames(bin: &Path, args: &[&str], hints: &str, backups: Option<&Path>) -> Vec<f64> {
    let mut times = Vec::new();
    for _ in 0..START_RUNS {
        if let Some(dir) = backups {
            let _ = std::fs::remove_dir_all(dir);
        }
        let s = Session::spawn(bin, args, hints);
        let first = s.wait_first_frame();
        match first {
            Some((t, _)) => times.push(ms(t)),
            None => {
                eprintln!("budget: no first frame within {START_TIMEOUT:?}; the screen:\n{}", s.screen());
                s.quit();
                break;
            }
        }
        s.quit();
    }
    times
}

/// What one session in the terminal measures.
#[derive(Default)]
struct SessionFigures {
    first_frame_bytes: Option<usize>,
    /// Bytes that came after the first frame before the output went quiet.
    after_first: usize,
    move_bytes: Option<usize>,
    pane_bytes: Option<usize>,
    idle_bytes: Option<usize>,
    rss_start: Option<u64>,
    rss_panes: Option<u64>,
    hwm: Option<u64>,
}

/// Starts the binary, then: the first frame, `j`, `2`, ten seconds idle, `1234`, `q`.
fn session(bin: &Path, args: &[&str], hints: &str) -> SessionFigures {
    let mut s = Session::spawn(bin, args, hints);
    let mut out = SessionFigures::default();
    let Some((_, bytes)) = s.wait_first_frame() else {
        eprintln!("budget: no first frame within {START_TIMEOUT:?}; the screen:\n{}", s.screen());
        return out;
    };
    out.first_frame_bytes = Some(bytes);
    out.after_first = s.settle() - bytes;
    out.rss_start = s.proc_status("VmRSS:");
    out.move_bytes = Some(s.key_bytes(b"j"));
    out.pane_bytes = Some(s.key_bytes(b"2"));
    let before = s.settle();
    thread::sleep(IDLE);
    out.idle_bytes = Some(s.bytes() - before);
    for key in [b"1", b"2", b"3", b"4"] {
        s.key_bytes(key);
    }
    out.rss_panes = s.proc_status("VmRSS:");
    out.hwm = s.proc_status("VmHWM:");
    s.quit();
    out
}

// ---------------------------------------------------------------------------------------------
// The app in-process, on ratatui's TestBackend.

fn options(label: &str) -> Options {
    Options {
        lang: Lang::En,
        today: today(),
        as_of: None,
        read_only: false,
        ascii: false,
        color: true,
        store_label: label.into(),
    }
}

struct Harness {
    app: App,
    terminal: Terminal<TestBackend>,
    /// The longest single step of catching up: a key pressed during it waits that long.
    longest_step: Duration,
}

impl Harness {
    /// The app and its first frame; the other panes are not caught up yet.
    fn new(app: App) -> Harness {
        let terminal = Terminal::new(TestBackend::new(COLS, ROWS)).expect("a test terminal");
        let mut h = Harness { app, terminal, longest_step: Duration::ZERO };
        h.draw();
        h
    }

    /// What the terminal does after a frame while no key waits: the panes not on screen are
    /// brought up to date.
    fn catch_up(&mut self) {
        while self.app.is_behind() {
            let start = Instant::now();
            if self.app.catch_up() {
                self.draw();
            }
            self.longest_step = self.longest_step.max(start.elapsed());
        }
    }

    fn draw(&mut self) {
        let app = &mut self.app;
        self.terminal.draw(|f| pilotage::ui::draw(f, app)).expect("draw");
    }

    /// One key and the frame that follows it, timed.
    fn press(&mut self, code: KeyCode) -> Duration {
        self.press_with(code, KeyModifiers::NONE)
    }

    /// A key and its frame, timed; then, untimed, what the terminal does after the frame
    /// while no key waits: the panes not on screen are brought up to date.
    fn press_with(&mut self, code: KeyCode, modifiers: KeyModifiers) -> Duration {
        let start = Instant::now();
        pilotage::input::handle_key(&mut self.app, &KeyEvent::new(code, modifiers));
        self.draw();
        let took = start.elapsed();
        self.catch_up();
        took
    }

    fn row(&self, y: u16) -> String {
        let buf = self.terminal.backend().buffer();
        (0..COLS).map(|x| buf[(x, y)].symbol()).collect::<String>().trim_end().to_string()
    }
}

/// Median and max, in ms, of `KEY_REPS` timed keys, each followed by untimed `undo` keys.
fn time_key(h: &mut Harness, before: &[KeyCode], key: KeyCode, undo: &[KeyCode]) -> (f64, f64) {
    let mut times = Vec::with_capacity(KEY_REPS);
    for _ in 0..KEY_REPS {
        for k in before {
            h.press(*k);
        }
        times.push(ms(h.press(key)));
        for k in undo {
            h.press(*k);
        }
    }
    (median(&times).unwrap_or(0.0), max(&times).unwrap_or(0.0))
}

fn keystrokes(report: &mut Report, label: &str, app: App, budget: Option<f64>) {
    let mut h = Harness::new(app);
    h.catch_up();
    h.longest_step = Duration::ZERO;
    let c = KeyCode::Char;
    let date: Vec<KeyCode> = "01/01/2020".chars().map(c).collect();
    let as_of: Vec<KeyCode> = [c('t')].into_iter().chain(date).collect();
    let as_of_largest: Vec<KeyCode> = [c('4')].into_iter().chain(as_of.clone()).collect();
    let cases: [(&str, Vec<KeyCode>, KeyCode, Vec<KeyCode>); 8] = [
        ("one-row move (j)", vec![], c('j'), vec![c('k')]),
        ("pane switch (2)", vec![], c('2'), vec![c('1')]),
        // The largest pane, sorted by each of its columns in turn.
        ("sort, largest pane (s)", vec![c('4')], c('s'), vec![c('1')]),
        ("filter, type 'a'", vec![c('/')], c('a'), vec![KeyCode::Esc]),
        ("open detail (Enter)", vec![], KeyCode::Enter, vec![KeyCode::Esc]),
        ("scroll in detail (j)", vec![KeyCode::Enter], c('j'), vec![KeyCode::Esc]),
        // Another date changes every figure: the whole situation and every row are rebuilt.
        ("view as of a date (t, Enter)", as_of, KeyCode::Enter, vec![c('T')]),
        // The same, with the largest pane on screen: its rows are rebuilt before the frame.
        ("view as of a date, largest pane", as_of_largest, KeyCode::Enter, vec![c('T'), c('1')]),
    ];
    for (name, before, key, undo) in cases {
        let (med, mx) = time_key(&mut h, &before, key, &undo);
        report.add(
            &format!("key {label}: {name}, median"),
            Some(med),
            "ms",
            budget,
            &format!("n={KEY_REPS}"),
        );
        report.add(&format!("key {label}: {name}, max"), Some(mx), "ms", None, "");
    }
    // Saving a form, written and flushed through the real store, then undone (untimed) so every
    // repetition starts from the same data. A new person changes no pane; a meeting of the
    // first prison's group changes that prison's row; a meeting of the central group changes
    // the blockers of every waiting project, the widest change a form makes.
    // A meeting with nobody ticked as present asks first: its save is the `y` that answers.
    let saves: [(&str, Vec<KeyCode>, bool); 3] = [
        ("save a form: new person", vec![c('p'), c('B'), c('e'), c('n'), c('c'), c('h')], false),
        ("save a form: local meeting", vec![c('1'), KeyCode::Home, c('a')], true),
        ("save a form: central meeting", vec![c('3'), c('m')], true),
    ];
    for (name, open, asks) in saves {
        let mut times = Vec::with_capacity(KEY_REPS);
        let mut failed = None;
        for _ in 0..KEY_REPS {
            for k in &open {
                h.press(*k);
            }
            let before = h.app.data.record_count();
            let took = if asks {
                h.press_with(c('s'), KeyModifiers::CONTROL);
                h.press(c('y'))
            } else {
                h.press_with(c('s'), KeyModifiers::CONTROL)
            };
            times.push(ms(took));
            if h.app.data.record_count() != before + 1 {
                failed = Some(h.app.message.clone().unwrap_or_default());
            }
            h.press(KeyCode::Esc);
            h.press(c('u'));
        }
        let (med, mx) = (median(&times).unwrap_or(0.0), max(&times).unwrap_or(0.0));
        let (value, note) = match failed {
            None => (Some(med), format!("n={KEY_REPS}, flushed to sled")),
            Some(why) => (None, format!("not saved: {why}")),
        };
        report.add(&format!("key {label}: {name}, median"), value, "ms", budget, &note);
        report.add(&format!("key {label}: {name}, max"), Some(mx), "ms", None, "");
    }
    report.add(
        &format!("key {label}: longest step of catching up"),
        Some(ms(h.longest_step)),
        "ms",
        None,
        "after a frame, while no key waits; a key pressed meanwhile waits this long at most",
    );
}

// ---------------------------------------------------------------------------------------------

fn machine() -> String {
    let cpus = thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!("{cpus} CPUs (nproc), {model}")
}

/// target/release/pilotage, beside the bench's own `deps` directory.
fn binary_path() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("pilotage")))
        .filter(|p| p.parent().is_some_and(|d| d.ends_with("release")))
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/pilotage"))
}

fn ensure_binary() -> PathBuf {
    let bin = binary_path();
    if !bin.exists() {
        eprintln!("budget: {} is missing; running cargo build --release", bin.display());
        let status = Command::new(env!("CARGO"))
            .args(["build", "--release", "--bin", "pilotage"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status();
        if !status.is_ok_and(|s| s.success()) || !bin.exists() {
            eprintln!("budget: cannot build {}; run `cargo build --release` first", bin.display());
            std::process::exit(2);
        }
    }
    bin
}

/// Apparent size of the files under `dir`, and the space they take (as `du` counts it).
fn dir_size(dir: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let mut total = (0, 0);
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let Ok(meta) = e.metadata() else { continue };
            if meta.is_dir() {
                let (a, b) = dir_size(&e.path());
                total = (total.0 + a, total.1 + b);
            } else {
                total = (total.0 + meta.len(), total.1 + meta.blocks() * 512);
            }
        }
    }
    total
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag =
        |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(PathBuf::from);
    let save = flag("--save");
    let compare = flag("--compare").map(|p| read_saved(&p));
    let bench_start = Instant::now();

    println!("pilotage performance budget");
    println!("machine: {}", machine());
    println!("date:    {}", chrono::Local::now().format("%Y-%m-%d %H:%M:%S %z"));
    let bin = ensure_binary();
    println!("binary:  {}", bin.display());
    println!();

    let mut report = Report::default();

    // The hint bar of the first screen, drawn in-process: the pty runs wait for it.
    let demo_app = App::new(demo_dataset(today()), options("demo"));
    let h = Harness::new(demo_app);
    let hints = h.row(ROWS - 1);
    drop(h);

    // A generated store of 100,000 records, made by the real binary.
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let db = tmp.path().join("store");
    let db_arg = db.to_str().expect("a UTF-8 path").to_string();
    eprintln!("budget: generating {RECORDS} records in {}", db.display());
    let t = Instant::now();
    let generated = Command::new(&bin)
        .args(["--db", &db_arg, "generate", "--records", &RECORDS.to_string()])
        .env("LANG", "C.UTF-8")
        .output();
    let generate_ms = ms(t.elapsed());
    let have_store = generated.as_ref().is_ok_and(|o| o.status.success());
    if !have_store {
        eprintln!("budget: generate failed: {generated:?}");
    }
    let (apparent, used) = dir_size(&db);

    // Start-up, five runs each.
    eprintln!("budget: first frames");
    let demo_args = ["--demo"];
    let big_args = ["--db", db_arg.as_str()];
    let backups = PathBuf::from(format!("{db_arg}-backups"));
    let demo_starts = first_frames(&bin, &demo_args, &hints, None);
    let (big_starts, day_starts) = if have_store {
        let day = first_frames(&bin, &big_args, &hints, Some(&backups));
        (first_frames(&bin, &big_args, &hints, None), day)
    } else {
        (Vec::new(), Vec::new())
    };
    let runs = |v: &[f64]| {
        let list: Vec<String> = v.iter().map(|t| format!("{t:.1}")).collect();
        format!("median of {}: {}", v.len(), list.join(" "))
    };
    report.add("first frame, demo", median(&demo_starts), "ms", Some(50.0), &runs(&demo_starts));
    report.add("first frame, 100k", median(&big_starts), "ms", Some(300.0), &runs(&big_starts));
    report.add(
        "first frame, 100k, first start of a day",
        median(&day_starts),
        "ms",
        Some(300.0),
        &format!("writes the daily backup; {}", runs(&day_starts)),
    );

    // Bytes and memory: one session on each store, side by side (the idle window is shared).
    // Without today's backup, so that the 100k session is the first start of a day, the
    // heaviest: it writes the daily backup.
    let _ = std::fs::remove_dir_all(&backups);
    eprintln!("budget: sessions (10 s idle)");
    let (demo_s, big_s) = thread::scope(|scope| {
        let d = scope.spawn(|| session(&bin, &demo_args, &hints));
        let b = scope
            .spawn(|| if have_store { session(&bin, &big_args, &hints) } else { SessionFigures::default() });
        (d.join().unwrap_or_default(), b.join().unwrap_or_default())
    });

    // Keystrokes in-process.
    eprintln!("budget: keystrokes in-process");
    let demo_dir = TempDir::new().expect("a temporary directory");
    match Store::open(&demo_dir.path().join("store"), || demo_dataset(today())) {
        Ok(store) => {
            let app =
                App::new(demo_dataset(today()), options("demo")).with_store(Arc::new(store), "bench".into());
            keystrokes(&mut report, "demo", app, None);
        }
        Err(e) => eprintln!("budget: cannot open a demo store: {e}"),
    }
    let mut phases = Vec::new();
    if have_store {
        let t = Instant::now();
        let store = Store::open(&db, Dataset::default);
        let open = t.elapsed();
        match store.and_then(|s| {
            let t = Instant::now();
            let data = s.load()?;
            Ok((s, data, t.elapsed()))
        }) {
            Ok((store, data, load)) => {
                let t = Instant::now();
                let index = Index::new(&data);
                let indexing = t.elapsed();
                let t = Instant::now();
                let situation = Situation::compute_with(&data, &index, today());
                let compute = t.elapsed();
                drop((index, situation));
                let t = Instant::now();
                let app = App::new(data, options(&db_arg)).with_store(Arc::new(store), "bench".into());
                let app_new = t.elapsed();
                let counts: Vec<String> = PaneId::ALL
                    .iter()
                    .map(|p| format!("{:?} {}", p, app.tables[p.index()].rows.len()))
                    .collect();
                let t = Instant::now();
                let mut h = Harness::new(app);
                let draw = t.elapsed();
                let t = Instant::now();
                h.catch_up();
                let catch_up = t.elapsed();
                let app = h.app;
                phases = vec![
                    ("store open (sled)", open, String::new()),
                    ("store load (decode all)", load, format!("{} records", app.data.record_count())),
                    (
                        "the rules' index (Index::new; after a change, rebuilt after the frame)",
                        indexing,
                        String::new(),
                    ),
                    ("Situation::compute_with (the rules, given the index)", compute, String::new()),
                    ("App::new (compute + rows on screen)", app_new, counts.join(", ")),
                    ("first draw (TestBackend)", draw, String::new()),
                    ("the other panes' rows, after the first frame", catch_up, String::new()),
                ];
                keystrokes(&mut report, "100k", app, Some(10.0));
            }
            Err(e) => eprintln!("budget: cannot load the generated store: {e}"),
        }
    }

    let bytes = |v: Option<usize>| v.map(|b| b as f64);
    for (label, s) in [("demo", &demo_s), ("100k", &big_s)] {
        let note =
            if s.after_first > 0 { format!("then {} more bytes", s.after_first) } else { String::new() };
        report.add(&format!("bytes {label}: first frame"), bytes(s.first_frame_bytes), "B", None, &note);
        report.add(&format!("bytes {label}: one-row move (j)"), bytes(s.move_bytes), "B", Some(300.0), "");
        report.add(&format!("bytes {label}: pane switch (2)"), bytes(s.pane_bytes), "B", None, "");
        report.add(&format!("bytes {label}: idle 10 s"), bytes(s.idle_bytes), "B", Some(0.0), "");
    }
    for (label, s, budget) in [("demo", &demo_s, 16.0), ("100k", &big_s, 64.0)] {
        report.add(
            &format!("RSS {label}: after start"),
            s.rss_start.map(mib),
            "MiB",
            Some(budget),
            if label == "100k" { "VmRSS, first start of a day (daily backup)" } else { "VmRSS" },
        );
        report.add(&format!("RSS {label}: after 1234"), s.rss_panes.map(mib), "MiB", Some(budget), "VmRSS");
        report.add(&format!("RSS {label}: peak"), s.hwm.map(mib), "MiB", None, "VmHWM");
    }
    report.add(
        "store size, 100k",
        have_store.then(|| mib(apparent)),
        "MiB",
        None,
        &format!("du {:.1} MiB; generate took {:.1} s", mib(used), generate_ms / 1000.0),
    );
    let binary = std::fs::metadata(&bin).map(|m| m.len()).ok();
    report.add("release binary (stripped)", binary.map(mib), "MiB", Some(8.0), "");
    for (name, d, note) in &phases {
        report.add(&format!("phase 100k: {name}"), Some(ms(*d)), "ms", None, note);
    }

    println!();
    report.print(compare.as_ref());
    println!();
    println!("Keystrokes are handle_key + draw on an 80x24 TestBackend; the budget applies to the median.");
    println!("total bench time {:.1} s", bench_start.elapsed().as_secs_f64());
    if let Some(path) = save {
        match std::fs::write(&path, report.tsv()) {
            Ok(()) => println!("saved to {}", path.display()),
            Err(e) => eprintln!("budget: cannot write {}: {e}", path.display()),
        }
    }
}
