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
// A measure reads as one run, set-up to figure, and stays whole.
#![allow(clippy::too_many_lines)]

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use pilotage::app::panes::PaneId;
use pilotage::app::{App, Options};
use pilotage::demo::demo_dataset;
use pilotage::domain::Dataset;
use pilotage::domain::rules::{Index, Situation};
use pilotage::i18n::Lang;
use pilotage::run::Events;
use pilotage::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

const ROWS: u16 = 24;
const COLS: u16 = 80;
const RECORDS: usize = 100_000;
/// Runs of the binary whose median is the first-frame figure.
const START_RUNS: usize = 5;
/// Imports of the 100k export, in each format.
const IMPORT_RUNS: usize = 3;
/// Repetitions of each in-process keystroke.
const KEY_REPS: usize = 50;
const IDLE: Duration = Duration::from_secs(10);
/// No byte for this long after a key: the frame is complete.
const QUIET: Duration = Duration::from_millis(250);
/// Longer than this to the first frame counts as "never" (and stops the other runs).
const START_TIMEOUT: Duration = Duration::from_secs(20);
/// Environment variables of the bench's own shell that would change what the binary does.
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

// The driver is the end-to-end tests' own (tests/common): one pty driver for both.
#[path = "../tests/common/mod.rs"]
mod common;

use common::Session;

fn spawn(bin: &Path, args: &[&str]) -> Session {
    // The driver's own `--today` is the bench's too.
    Session::spawn_binary(bin, args, "C.UTF-8", &[])
}

/// Runs a command to its end: its wall time, its own peak memory (VmHWM, from `wait4`) and
/// whether it succeeded.
fn measured(command: &mut Command) -> Option<(f64, u64, bool)> {
    let t = Instant::now();
    let child =
        command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().ok()?;
    let pid = libc::pid_t::try_from(child.id()).ok()?;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is this process's own child, not yet waited for; both pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = ms(t.elapsed());
    (waited == pid).then(|| {
        let kib = u64::try_from(usage.ru_maxrss).unwrap_or(0);
        (elapsed, kib * 1024, libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0)
    })
}

/// Import runs of an export of the 100k store, each into a new store: their times and peaks.
fn imports(bin: &Path, db: &str, format: &str, tmp: &Path) -> (Vec<f64>, Vec<f64>) {
    let dir = tmp.join(format!("export-{format}"));
    let dir_arg = dir.to_str().unwrap();
    let exported = Command::new(bin).args(["--db", db, "export", "--format", format, dir_arg]).output();
    if !exported.is_ok_and(|o| o.status.success()) {
        eprintln!("budget: export as {format} failed");
        return (Vec::new(), Vec::new());
    }
    let (mut times, mut peaks) = (Vec::new(), Vec::new());
    for run in 0..IMPORT_RUNS {
        let target = tmp.join(format!("imported-{format}-{run}"));
        let target_arg = target.to_str().unwrap();
        match measured(Command::new(bin).args(["--db", target_arg, "import", dir_arg]).env("LANG", "C.UTF-8"))
        {
            Some((t, peak, true)) => {
                times.push(t);
                peaks.push(peak as f64);
            }
            other => eprintln!("budget: import as {format} failed: {other:?}"),
        }
        let _ = std::fs::remove_dir_all(&target);
        let _ = std::fs::remove_dir_all(format!("{target_arg}-backups"));
    }
    (times, peaks)
}

/// Medians of `START_RUNS` starts of the binary with `args`: time to first frame.
/// `START_RUNS` starts to the first frame. With `backups`, that directory is removed before
/// each: every start is then the first of a day, which writes the daily backup.
fn first_frames(bin: &Path, args: &[&str], backups: Option<&Path>) -> Vec<f64> {
    let mut times = Vec::new();
    for _ in 0..START_RUNS {
        if let Some(dir) = backups {
            let _ = std::fs::remove_dir_all(dir);
        }
        let s = spawn(bin, args);
        let first = s.first_frame(START_TIMEOUT);
        match first {
            Some((t, _)) => times.push(ms(t)),
            None => {
                eprintln!("budget: no first frame within {START_TIMEOUT:?}; the screen:\n{}", s.text());
                s.quit();
                break;
            }
        }
        if !s.quit() {
            eprintln!("budget: the app did not quit on q");
        }
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
fn session(bin: &Path, args: &[&str]) -> SessionFigures {
    let mut s = spawn(bin, args);
    let mut out = SessionFigures::default();
    let Some((_, bytes)) = s.first_frame(START_TIMEOUT) else {
        eprintln!("budget: no first frame within {START_TIMEOUT:?}; the screen:\n{}", s.text());
        return out;
    };
    out.first_frame_bytes = Some(bytes);
    out.after_first = s.settle(QUIET) - bytes;
    out.rss_start = s.proc_status("VmRSS:");
    out.move_bytes = Some(s.key_bytes("j", QUIET));
    out.pane_bytes = Some(s.key_bytes("2", QUIET));
    let before = s.settle(QUIET);
    thread::sleep(IDLE);
    out.idle_bytes = Some(s.bytes_read() - before);
    for key in ["1", "2", "3", "4"] {
        s.key_bytes(key, QUIET);
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

/// One key given to the app's own loop (`pilotage::run`), timed: from handing the key out
/// to the loop's next look for events, which it takes once the key's frame is out; then
/// each step of catching up, between two looks.
#[derive(Default)]
struct Timed {
    event: Option<Event>,
    handed: Option<Instant>,
    last_look: Option<Instant>,
    frame: Duration,
    longest_step: Duration,
}

impl Timed {
    fn look(&mut self) {
        let now = Instant::now();
        if let Some(handed) = self.handed.take() {
            self.frame = now - handed;
        } else if let Some(last) = self.last_look {
            self.longest_step = self.longest_step.max(now - last);
        }
        self.last_look = Some(now);
    }
}

impl Events for Timed {
    fn next(&mut self) -> std::io::Result<Option<Event>> {
        self.look();
        let event = self.event.take();
        if event.is_some() {
            self.handed = Some(Instant::now());
        }
        Ok(event)
    }

    fn waiting(&mut self) -> std::io::Result<bool> {
        self.look();
        Ok(false)
    }
}

impl Harness {
    /// The app and its first frame, drawn by the app's loop, which then catches up.
    fn new(app: App) -> Harness {
        Harness::start(app).0
    }

    /// [`Harness::new`], with the time of the first frame and of the catching up after it.
    fn start(app: App) -> (Harness, Duration, Duration) {
        let terminal = pilotage::run::terminal(TestBackend::new(COLS, ROWS)).expect("a test terminal");
        let mut h = Harness { app, terminal, longest_step: Duration::ZERO };
        let start = Instant::now();
        // Nothing to hand out: the first look for events comes after the first frame.
        let mut timed = Timed { handed: Some(start), ..Timed::default() };
        pilotage::run::run(&mut h.terminal, &mut h.app, &mut timed).expect("the loop");
        let total = start.elapsed();
        (h, timed.frame, total.saturating_sub(timed.frame))
    }

    /// One event (or none) through the app's loop; the time its frame took.
    fn run(&mut self, event: Option<Event>) -> Duration {
        let mut timed = Timed { event, ..Timed::default() };
        pilotage::run::run(&mut self.terminal, &mut self.app, &mut timed).expect("the loop");
        self.app.session.should_quit = false;
        self.longest_step = self.longest_step.max(timed.longest_step);
        timed.frame
    }

    /// One key and the frame that follows it, timed.
    fn press(&mut self, code: KeyCode) -> Duration {
        self.press_with(code, KeyModifiers::NONE)
    }

    /// A key and its frame, timed; then, untimed, what the loop does after the frame while
    /// no key waits: the panes not on screen are brought up to date.
    fn press_with(&mut self, code: KeyCode, modifiers: KeyModifiers) -> Duration {
        self.run(Some(Event::Key(KeyEvent::new(code, modifiers))))
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
    h.longest_step = Duration::ZERO;
    let c = KeyCode::Char;
    let date: Vec<KeyCode> = "01/01/2020".chars().map(c).collect();
    let as_of: Vec<KeyCode> = [c('t')].into_iter().chain(date).collect();
    let as_of_largest: Vec<KeyCode> = [c('4')].into_iter().chain(as_of.clone()).collect();
    let cases: [(&str, Vec<KeyCode>, KeyCode, Vec<KeyCode>); 10] = [
        ("one-row move (j)", vec![], c('j'), vec![c('k')]),
        ("pane switch (2)", vec![], c('2'), vec![c('1')]),
        // The concertation's pane: its rows are built when it opens.
        ("pane switch, concertation (5)", vec![], c('5'), vec![c('1')]),
        // The largest pane, sorted by each of its columns in turn.
        ("sort, largest pane (s)", vec![c('4')], c('s'), vec![c('1')]),
        ("filter, type 'a'", vec![c('/')], c('a'), vec![KeyCode::Esc]),
        ("open detail (Enter)", vec![], KeyCode::Enter, vec![KeyCode::Esc]),
        ("scroll in detail (j)", vec![KeyCode::Enter], c('j'), vec![KeyCode::Esc]),
        // Another date changes every figure: the whole situation and every row are rebuilt.
        ("view as of a date (t, Enter)", as_of, KeyCode::Enter, vec![c('T')]),
        // The same, with the largest pane on screen: its rows are rebuilt before the frame.
        ("view as of a date, largest pane", as_of_largest, KeyCode::Enter, vec![c('T'), c('1')]),
        // The seed's figures on 31 December of every year since 2006, computed when it opens.
        ("trend view (f)", vec![], c('f'), vec![KeyCode::Esc]),
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
    // A vote of the concertation: a motion at the latest meeting, then its roll call, three
    // members voted by a key each; its save is the roll call's `Ctrl-S`, one record with every
    // ballot, which rebuilds the concertation's rows and nothing else.
    let ctrl_s = (c('s'), KeyModifiers::CONTROL);
    let plain = |k: KeyCode| (k, KeyModifiers::NONE);
    let keys = |ks: &[KeyCode]| ks.iter().map(|k| plain(*k)).collect::<Vec<_>>();
    let mut vote = keys(&[c('5'), c('v'), c('M')]);
    vote.push(ctrl_s);
    vote.extend(keys(&[c('+'), c('x'), c('-')]));
    let mut local = keys(&[c('1'), KeyCode::Home, c('a')]);
    local.push(ctrl_s);
    let mut central = keys(&[c('3'), c('m')]);
    central.push(ctrl_s);
    type Key = (KeyCode, KeyModifiers);
    let saves: [(&str, Vec<Key>, Key); 4] = [
        ("save a form: new person", keys(&[c('p'), c('B'), c('e'), c('n'), c('c'), c('h')]), ctrl_s),
        ("save a form: local meeting", local, plain(c('y'))),
        ("save a form: central meeting", central, plain(c('y'))),
        ("save a vote: concertation (CAPB)", vote, ctrl_s),
    ];
    for (name, open, (key, modifiers)) in saves {
        let mut times = Vec::with_capacity(KEY_REPS);
        let mut failed = None;
        for _ in 0..KEY_REPS {
            let before = h.app.data.record_count();
            for (k, m) in &open {
                h.press_with(*k, *m);
            }
            times.push(ms(h.press_with(key, modifiers)));
            if h.app.data.record_count() != before + 1 {
                failed = Some(h.app.session.message.clone().unwrap_or_default());
            }
            h.press(KeyCode::Esc);
            // Undo asks first ("Undo …?"): answered yes.
            h.press(c('u'));
            h.press(c('y'));
            h.press(c('1'));
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
// Several people on one store (a server and its clients).

/// A server on `db` listening on `socket`, started by the release binary and waited for.
fn start_server(bin: &Path, db: &Path, socket: &Path) -> Option<std::process::Child> {
    let child = Command::new(bin)
        .args(["--db", db.to_str()?, "--socket", socket.to_str()?, "serve"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let start = Instant::now();
    while std::os::unix::net::UnixStream::connect(socket).is_err() {
        if start.elapsed() > START_TIMEOUT {
            eprintln!("budget: the server on {} never listened", db.display());
            return None;
        }
        thread::sleep(Duration::from_millis(5));
    }
    Some(child)
}

fn stop(mut child: std::process::Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// The first paints of htop in the same terminal, if it is installed: the yardstick the issue
/// names for a client's first frame.
fn htop_paints() -> Vec<f64> {
    let Ok(out) = Command::new("sh").args(["-c", "command -v htop"]).output() else { return Vec::new() };
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if path.is_empty() {
        return Vec::new();
    }
    let mut times = Vec::new();
    for _ in 0..START_RUNS {
        let s =
            common::Session::spawn_program(Path::new(&path), &[], "C.UTF-8", &[("TERM", "xterm-256color")]);
        match s.first_paint(START_TIMEOUT) {
            Some(t) => times.push(ms(t)),
            None => break,
        }
        drop(s);
    }
    times
}

/// Peak and current memory of a process, from /proc.
fn proc_memory(pid: u32) -> (Option<u64>, Option<u64>) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|k| k.parse::<u64>().ok())
            .map(|k| k * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// First frames of a UI on a store no server holds, which reads it, shows it and starts its
/// server meanwhile. Each run waits for its server to listen before quitting, then for it to
/// end (a second after its last client left), so that the next run finds the store free.
fn own_server_starts(bin: &Path, db: &Path) -> Vec<f64> {
    let socket = pilotage::server::default_socket(db);
    let db_arg = db.to_str().expect("a UTF-8 path");
    let wait = |listening: bool| {
        let start = Instant::now();
        while socket.exists() != listening && start.elapsed() < START_TIMEOUT {
            thread::sleep(Duration::from_millis(10));
        }
    };
    let mut times = Vec::new();
    for _ in 0..START_RUNS {
        wait(false);
        // The store's lock goes with the server's process, a moment after its socket.
        thread::sleep(Duration::from_millis(100));
        let env = [("PILOTAGE_NO_SERVER", "0"), ("PILOTAGE_IDLE_EXIT", "1")];
        let s = common::Session::spawn_binary(bin, &["--db", db_arg, "--keep-backups", "0"], "C.UTF-8", &env);
        match s.first_frame(START_TIMEOUT) {
            Some((t, _)) => times.push(ms(t)),
            None => break,
        }
        wait(true);
        s.quit();
    }
    wait(false);
    times
}

/// A client's first frame through a server against the direct start on the default store (a
/// new store with its seed) and htop's first paint; a save's way to another client's screen
/// at 100,000 records; the server's memory with 20 clients at 100,000 records.
fn several_people(report: &mut Report, bin: &Path, big: Option<&Path>, tmp: &Path) -> Option<u64> {
    eprintln!("budget: several people on one store");
    let runs = |v: &[f64]| {
        let list: Vec<String> = v.iter().map(|t| format!("{t:.1}")).collect();
        format!("median of {}: {}", v.len(), list.join(" "))
    };
    let small = tmp.join("default-store");
    let small_arg = small.to_str().expect("a UTF-8 path").to_string();
    // Made once, as a first start would make it.
    let _ = Command::new(bin).args(["--db", &small_arg, "--keep-backups", "0", "init"]).output();
    let direct = first_frames(bin, &["--db", &small_arg, "--keep-backups", "0"], None);
    let socket = tmp.join("default.sock");
    let socket_arg = socket.to_str().expect("a UTF-8 path").to_string();
    let through = match start_server(bin, &small, &socket) {
        Some(server) => {
            let t = first_frames(bin, &["--db", &small_arg, "--socket", &socket_arg], None);
            stop(server);
            t
        }
        None => Vec::new(),
    };
    // The UI on a store no server holds: it starts one in the background, then is its client.
    let starting = own_server_starts(bin, &small);
    let htop = htop_paints();
    let direct_median = median(&direct);
    report.add("first frame, default store, direct", direct_median, "ms", None, &runs(&direct));
    let budget = match (direct_median, median(&htop)) {
        (Some(d), Some(h)) => Some((d + 10.0).min(h)),
        (Some(d), None) => Some(d + 10.0),
        _ => None,
    };
    report.add(
        "first frame, default store, client of a server",
        median(&through),
        "ms",
        budget,
        &format!("budget: the direct start + 10 ms, and never slower than htop; {}", runs(&through)),
    );
    report.add(
        "first frame, default store, starting its own server",
        median(&starting),
        "ms",
        direct_median.map(|d| d + 10.0),
        &format!("the store read and shown while its server starts; {}", runs(&starting)),
    );
    let htop_note = if htop.is_empty() { "htop is not installed here".to_string() } else { runs(&htop) };
    report.add("first paint, htop (same terminal)", median(&htop), "ms", None, &htop_note);

    let big = big?;
    let socket = tmp.join("big.sock");
    let server = start_server(bin, big, &socket)?;
    let pid = server.id();
    let connect = |session| pilotage::client::Connection::connect(&socket, session);
    let (Ok((writer, _)), Ok((reader, news))) = (connect(1), connect(2)) else {
        eprintln!("budget: cannot connect to the server");
        stop(server);
        return None;
    };
    let t = Instant::now();
    let data = reader.load();
    let load_ms = ms(t.elapsed());
    let Ok(data) = data else {
        stop(server);
        return None;
    };
    let user = reader.user.clone();
    let app = App::new(data, options("100k, shared")).with_server(Arc::new(reader), user);
    let mut h = Harness::new(app);
    let mut times = Vec::new();
    for i in 0..KEY_REPS as u64 {
        let person = pilotage::domain::Person {
            id: 900_000_000 + i,
            name: format!("Bench {i}"),
            function: String::new(),
            organisation: String::new(),
            qualifications: Vec::new(),
            contact: String::new(),
        };
        let change = pilotage::domain::Change::Put(pilotage::domain::Record::Person(person));
        let t = Instant::now();
        if writer.commit(&[change], None).is_err() {
            break;
        }
        let Ok(heard) = news.recv_timeout(Duration::from_secs(10)) else { break };
        h.app.hear(heard);
        let _ = h.terminal.draw(|f| pilotage::ui::draw(f, &h.app));
        times.push(ms(t.elapsed()));
    }
    report.add(
        "save to another client's screen, 100k",
        median(&times),
        "ms",
        Some(100.0),
        &format!(
            "commit, flush, push, apply, draw; n={}; max {:.1}",
            times.len(),
            max(&times).unwrap_or(0.0)
        ),
    );
    report.add("client's load of the store through the socket, 100k", Some(load_ms), "ms", None, "");
    // Twenty clients, each loading what it may see, as a UI does at its start. One account
    // may hold 16 connections: as root, eight of them are an observer's.
    let observer = common::is_root() && {
        let _ = std::os::unix::fs::chown(&socket, None, Some(ATTACK_GROUP));
        let granted = Command::new(bin)
            .args(["--socket", socket.to_str().unwrap_or_default(), "users", "grant"])
            .args([&ATTACK_OBSERVER.to_string(), "--role", "observer"])
            .output();
        granted.is_ok_and(|o| o.status.success())
    };
    let mut clients = Vec::new();
    for session in 3..21 {
        let connected = if observer && session >= 13 {
            let socket = socket.clone();
            thread::spawn(move || {
                common::as_uid(ATTACK_OBSERVER, ATTACK_GROUP, || {
                    pilotage::client::Connection::connect(&socket, session)
                })
            })
            .join()
            .unwrap_or_else(|_| Err(pilotage::client::ClientError::Lost("the observer's thread".into())))
        } else {
            connect(session)
        };
        if let Ok((c, n)) = connected {
            let _ = c.load();
            clients.push((c, n));
        }
    }
    let (rss, hwm) = proc_memory(pid);
    report.add(
        "server with 20 clients, 100k: resident memory",
        rss.map(mib),
        "MiB",
        None,
        &format!("VmRSS with {} clients connected, each having loaded the store", clients.len() + 2),
    );
    report.add("server with 20 clients, 100k: peak", hwm.map(mib), "MiB", None, "VmHWM");
    drop(clients);
    drop(h);
    stop(server);
    rss
}

/// The group of the accounts the attacks come from (the socket's group in a deployment).
const ATTACK_GROUP: u32 = 4200;
const ATTACK_STAFF: u32 = 4242;
const ATTACK_OBSERVER: u32 = 4444;

/// A raw connection, welcomed, as `uid` when the bench may take it (root), else as its own.
fn raw_client(socket: &Path, uid: Option<u32>, session: u64) -> Option<std::os::unix::net::UnixStream> {
    use pilotage::wire::{self, Answer, Hello, Status};
    let mut stream = match uid {
        Some(uid) => common::connect_as(socket, uid, ATTACK_GROUP).ok()?,
        None => std::os::unix::net::UnixStream::connect(socket).ok()?,
    };
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    wire::write_frame(&mut stream, &Hello::new(session).encode()).ok()?;
    let answer = Answer::decode(&wire::read_frame(&mut stream, wire::MAX_HELLO).ok()??).ok()?;
    (answer.status == Status::Welcome).then_some(stream)
}

/// The highest and the last resident memory of `pid` while `attack` runs (sampled every
/// 50 ms), in bytes.
fn memory_during(pid: u32, attack: impl FnOnce() + Send) -> (u64, u64) {
    let done = std::sync::atomic::AtomicBool::new(false);
    let mut highest = 0;
    thread::scope(|scope| {
        scope.spawn(|| {
            attack();
            done.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        while !done.load(std::sync::atomic::Ordering::SeqCst) {
            highest = highest.max(proc_memory(pid).0.unwrap_or(0));
            thread::sleep(Duration::from_millis(50));
        }
    });
    let last = proc_memory(pid).0.unwrap_or(0);
    (highest.max(last), last)
}

/// Issue 23, 7 and 8: the server at 100,000 records and 250,000 audit lines, its memory under
/// four attacks from a member of the socket's group (against twice its memory with 20
/// clients), a record's history, and another client's commit while one floods reads.
fn server_under_attack(report: &mut Report, bin: &Path, big: &Path, tmp: &Path, baseline: Option<u64>) {
    use pilotage::domain::{Change, Record};
    use pilotage::wire::{self, Op};
    eprintln!("budget: the server's reads and commits, and four attacks");
    // 150,000 more audit lines: 150 saves of the same thousand people, each renamed.
    let heavy = {
        let Ok(store) = Store::open(big, Dataset::default) else { return };
        let Ok(data) = store.load() else { return };
        let people: Vec<_> = data.people.values().take(1000).cloned().collect();
        for round in 0..150 {
            let changes: Vec<Change> = people
                .iter()
                .map(|p| {
                    Change::Put(Record::Person(pilotage::domain::Person {
                        name: format!("{} {round}", p.name),
                        ..p.clone()
                    }))
                })
                .collect();
            if store.commit(&changes, &[], "bench").is_err() {
                return;
            }
        }
        let lines = store.audit_trail().map(|t| t.len()).unwrap_or(0);
        eprintln!("budget: {lines} audit lines");
        people[0].id
    };
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(tmp, std::fs::Permissions::from_mode(0o711));
    }
    let socket = tmp.join("attack.sock");
    let Some(server) = start_server(bin, big, &socket) else { return };
    let root = common::is_root();
    let (staff, observer) = if root {
        let _ = std::os::unix::fs::chown(&socket, None, Some(ATTACK_GROUP));
        for (uid, role) in [(ATTACK_STAFF, "staff"), (ATTACK_OBSERVER, "observer")] {
            let mut grant = Command::new(bin);
            grant.args([
                "--socket",
                socket.to_str().unwrap_or_default(),
                "users",
                "grant",
                &uid.to_string(),
                "--role",
                role,
            ]);
            if role == "staff" {
                grant.args(["--establishment", "lantin"]);
            }
            let _ = grant.output();
        }
        (Some(ATTACK_STAFF), Some(ATTACK_OBSERVER))
    } else {
        eprintln!("budget: not root: the attacks come from the bench's own account (the coordinator)");
        (None, None)
    };
    let who =
        if root { "from staff and observer accounts" } else { "from the bench's own account (not root)" };
    let Ok((coordinator, _)) = pilotage::client::Connection::connect(&socket, 1) else { return stop(server) };
    // A record's history: one with 151 lines, one with a line.
    for (label, id) in [("151 lines", heavy), ("1 line", 50_000)] {
        let key = format!("person:{id}");
        let mut times = Vec::new();
        for _ in 0..100 {
            let t = Instant::now();
            if coordinator.history(&key).is_err() {
                break;
            }
            times.push(ms(t.elapsed()));
        }
        report.add(
            &format!("history of one record ({label}), 100k records, 250k audit lines"),
            median(&times),
            "ms",
            Some(5.0),
            &format!("through the socket; n={}, max {:.2}", times.len(), max(&times).unwrap_or(0.0)),
        );
    }
    // Another client's commit, alone, then while one client floods reads.
    let mut next = 950_000_000u64;
    let mut commits = |n: usize| {
        let mut times = Vec::new();
        for _ in 0..n {
            next += 1;
            let p = pilotage::domain::Person {
                id: next,
                name: format!("Commit {next}"),
                function: String::new(),
                organisation: String::new(),
                qualifications: Vec::new(),
                contact: String::new(),
            };
            let t = Instant::now();
            if coordinator.commit(&[Change::Put(Record::Person(p))], None).is_err() {
                break;
            }
            times.push(ms(t.elapsed()));
            thread::sleep(Duration::from_millis(5));
        }
        times
    };
    let alone = commits(60);
    let alone_median = median(&alone);
    report.add("a commit alone, 100k", alone_median, "ms", None, &format!("n={}", alone.len()));
    for (label, op) in [
        ("history", Op::History { record: format!("person:{heavy}") }),
        ("the audit trail", Op::Trail),
        ("loads", Op::Load),
    ] {
        let stop_flag = std::sync::atomic::AtomicBool::new(false);
        let flooded = thread::scope(|scope| {
            scope.spawn(|| {
                let Some(mut stream) = raw_client(&socket, observer, 7) else { return };
                let mut id = 0;
                while !stop_flag.load(std::sync::atomic::Ordering::SeqCst) {
                    id += 1;
                    let request = wire::ToServer::Request { id, op: op.clone() };
                    if wire::write_frame(&mut stream, &request.encode()).is_err() {
                        break;
                    }
                    // Its answer (and a load's snapshot), read whole before the next.
                    let frames = if op == Op::Load { 2 } else { 1 };
                    for _ in 0..frames {
                        if !matches!(wire::read_frame(&mut stream, wire::MAX_ANSWER), Ok(Some(_))) {
                            return;
                        }
                    }
                }
            });
            thread::sleep(Duration::from_millis(200));
            let times = commits(60);
            stop_flag.store(true, std::sync::atomic::Ordering::SeqCst);
            times
        });
        let budget = if label == "history" { alone_median.map(|a| 2.0 * a) } else { None };
        report.add(
            &format!("a commit while one client floods {label}, 100k"),
            median(&flooded),
            "ms",
            budget,
            &format!("n={}, max {:.1}; the flood {who}", flooded.len(), max(&flooded).unwrap_or(0.0)),
        );
    }
    drop(coordinator);
    // The four attacks, each on a server of its own, so that none is charged with what the
    // one before left.
    let budget = baseline.map(|b| 2.0 * mib(b));
    let mut server = Some(server);
    let mut fresh = || -> Option<u32> {
        if let Some(old) = server.take() {
            stop(old);
        }
        let new = start_server(bin, big, &socket)?;
        if root {
            let _ = std::os::unix::fs::chown(&socket, None, Some(ATTACK_GROUP));
        }
        let pid = new.id();
        server = Some(new);
        Some(pid)
    };
    let settle = || thread::sleep(Duration::from_secs(2));
    let Some(pid) = fresh() else { return };
    settle();
    let (high, _) = memory_during(pid, || {
        let mut held = Vec::new();
        for session in 0..300 {
            if let Some(mut stream) = raw_client(&socket, observer, 1000 + session) {
                let _ =
                    wire::write_frame(&mut stream, &wire::ToServer::Request { id: 1, op: Op::Load }.encode());
                held.push(stream);
            }
        }
        thread::sleep(Duration::from_secs(5));
        eprintln!("budget: {} of 300 loaders were let in", held.len());
    });
    report.add(
        "server under 300 loads never read, 100k: peak RSS",
        Some(mib(high)),
        "MiB",
        budget,
        &format!("budget: twice its memory with 20 clients; {who}"),
    );
    let Some(pid) = fresh() else { return };
    settle();
    let (high, _) = memory_during(pid, || {
        let mut held = Vec::new();
        for session in 0..40 {
            if let Some(mut stream) = raw_client(&socket, staff, 2000 + session) {
                let _ = stream.write_all(&(64u32 << 20).to_be_bytes());
                let chunk = vec![0u8; 1 << 20];
                for _ in 0..63 {
                    if stream.write_all(&chunk).is_err() {
                        break;
                    }
                }
                held.push(stream);
            }
        }
        thread::sleep(Duration::from_secs(3));
    });
    report.add(
        "server under 40 frames of 63 of 64 MiB, 100k: peak RSS",
        Some(mib(high)),
        "MiB",
        budget,
        &format!("staff may send 4 MiB; {who}"),
    );
    let Some(pid) = fresh() else { return };
    settle();
    let users_ok = std::sync::atomic::AtomicBool::new(false);
    let (high, _) = memory_during(pid, || {
        // One attacker thread holds as many connections as it can open, a byte every 3 s.
        let target = socket.clone();
        let attacker = thread::spawn(move || {
            let open = || -> Vec<std::os::unix::net::UnixStream> {
                (0..10_000).filter_map(|_| std::os::unix::net::UnixStream::connect(&target).ok()).collect()
            };
            let mut held = match staff {
                Some(uid) => common::as_uid(uid, ATTACK_GROUP, open),
                None => open(),
            };
            let opened = held.len();
            for _ in 0..3 {
                for s in &mut held {
                    let _ = s.write_all(b"P");
                }
                thread::sleep(Duration::from_secs(3));
            }
            opened
        });
        thread::sleep(Duration::from_secs(2));
        let t = Instant::now();
        let out = Command::new(bin).args(["--socket", socket.to_str().unwrap_or_default(), "users"]).output();
        let ok = out.is_ok_and(|o| o.status.success());
        users_ok.store(ok, std::sync::atomic::Ordering::SeqCst);
        eprintln!(
            "budget: `pilotage users` meanwhile: {} in {:.0} ms",
            if ok { "served" } else { "FAILED" },
            ms(t.elapsed())
        );
        let opened = attacker.join().unwrap_or(0);
        eprintln!("budget: the attacker opened {opened} connections");
    });
    let served = if users_ok.load(std::sync::atomic::Ordering::SeqCst) {
        "a legitimate `pilotage users` served meanwhile"
    } else {
        "a legitimate `pilotage users` FAILED meanwhile"
    };
    report.add(
        "server under 10,000 handshakes never finished, 100k: peak RSS",
        Some(mib(high)),
        "MiB",
        budget,
        &format!("{served}; {who}"),
    );
    let Some(pid) = fresh() else { return };
    settle();
    let (high, _) = memory_during(pid, || {
        for session in 0..31 {
            if let Some(mut stream) = raw_client(&socket, observer, 3000 + session) {
                let _ = wire::write_frame(
                    &mut stream,
                    &wire::ToServer::Request { id: 1, op: Op::Trail }.encode(),
                );
                let _ = wire::read_frame(&mut stream, wire::MAX_ANSWER);
            }
        }
    });
    let (_, after) = {
        settle();
        (0, proc_memory(pid).0.unwrap_or(0))
    };
    report.add(
        "server after 31 sessions read the audit trail, 100k: peak RSS",
        Some(mib(high)),
        "MiB",
        budget,
        &format!("{:.0} MiB once they left (reads are not kept); {who}", mib(after)),
    );
    if let Some(server) = server {
        stop(server);
    }
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
    let demo_starts = first_frames(&bin, &demo_args, None);
    let (big_starts, day_starts, own_server) = if have_store {
        let day = first_frames(&bin, &big_args, Some(&backups));
        let own = own_server_starts(&bin, &db);
        (first_frames(&bin, &big_args, None), day, own)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let runs = |v: &[f64]| {
        let list: Vec<String> = v.iter().map(|t| format!("{t:.1}")).collect();
        format!("median of {}: {}", v.len(), list.join(" "))
    };
    report.add("first frame, demo", median(&demo_starts), "ms", Some(50.0), &runs(&demo_starts));
    report.add("first frame, 100k", median(&big_starts), "ms", Some(300.0), &runs(&big_starts));
    report.add(
        "first frame, 100k, starting its own server",
        median(&own_server),
        "ms",
        median(&big_starts).map(|direct| direct * 1.1),
        &format!("budget: 1.1 times the direct start; {}", runs(&own_server)),
    );
    report.add(
        "first frame, 100k, first start of a day",
        median(&day_starts),
        "ms",
        Some(300.0),
        &format!("writes the daily backup; {}", runs(&day_starts)),
    );

    // Import at scale: the 100k store exported, then imported into a new store.
    eprintln!("budget: imports of 100,000 records");
    for format in ["csv", "json"] {
        let (times, peaks) =
            if have_store { imports(&bin, &db_arg, format, tmp.path()) } else { Default::default() };
        report.add(&format!("import 100k ({format}): time"), median(&times), "ms", None, &runs(&times));
        let peaks: Vec<f64> = peaks.iter().map(|p| mib(*p as u64)).collect();
        let list: Vec<String> = peaks.iter().map(|p| format!("{p:.1}")).collect();
        report.add(
            &format!("import 100k ({format}): peak RSS"),
            max(&peaks),
            "MiB",
            Some(150.0),
            &format!("VmHWM, highest of {}: {}", peaks.len(), list.join(" ")),
        );
    }

    // Bytes and memory: one session on each store, side by side (the idle window is shared).
    // Without today's backup, so that the 100k session is the first start of a day, the
    // heaviest: it writes the daily backup.
    let _ = std::fs::remove_dir_all(&backups);
    eprintln!("budget: sessions (10 s idle)");
    let (demo_s, big_s) = thread::scope(|scope| {
        let d = scope.spawn(|| session(&bin, &demo_args));
        let b = scope.spawn(|| if have_store { session(&bin, &big_args) } else { SessionFigures::default() });
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
                    .map(|p| format!("{:?} {}", p, app.pane_table(*p).rows.len()))
                    .collect();
                let (h, draw, catch_up) = Harness::start(app);
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

    let twenty = several_people(&mut report, &bin, have_store.then_some(db.as_path()), tmp.path());
    if have_store {
        server_under_attack(&mut report, &bin, &db, tmp.path(), twenty);
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
    // Issue 27, 6: 5 MB (decimal, as a download page says it).
    report.add("release binary (stripped)", binary.map(|b| b as f64 / 1e6), "MB", Some(5.0), "");
    for (name, d, note) in &phases {
        report.add(&format!("phase 100k: {name}"), Some(ms(*d)), "ms", None, note);
    }

    println!();
    report.print(compare.as_ref());
    println!();
    println!(
        "Keystrokes go through the app's own loop (pilotage::run) to their frame on an 80x24 TestBackend; the budget applies to the median."
    );
    println!("total bench time {:.1} s", bench_start.elapsed().as_secs_f64());
    if let Some(path) = save {
        match std::fs::write(&path, report.tsv()) {
            Ok(()) => println!("saved to {}", path.display()),
            Err(e) => eprintln!("budget: cannot write {}: {e}", path.display()),
        }
    }
}
