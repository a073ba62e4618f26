//! Starting what runs for a while: the UI (on a store this process holds, on the demo, or as
//! a server's client) and the server itself, in the foreground or, for a UI, in the
//! background as tmux starts its own.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::args::Cli;
use crate::terminal;
use pilotage::app::{App, Options};
use pilotage::cli::{exit, local};
use pilotage::client::{Connection, News};
use pilotage::domain::Dataset;
use pilotage::i18n::{Lang, Msg};
use pilotage::store::{self, Store};
use pilotage::ui::theme::Theme;

/// How the UI is to look and what it may do, from the flags and the terminal.
fn ui_options(cli: &Cli, lang: Lang, today: NaiveDate, store_label: String) -> Options {
    let theme = Theme::detect(cli.ascii, cli.no_color);
    Options {
        lang,
        today,
        as_of: cli.as_of,
        read_only: cli.read_only,
        ascii: theme.ascii,
        color: theme.color,
        store_label,
    }
}

/// Whether this process has a terminal the UI can draw on: a terminal on its input and its
/// output (output to a file would fill it with escape codes), and not a dumb one (which by
/// convention places no cursor: Emacs' shell). If not, it says which commands print instead.
pub fn terminal_usable(lang: Lang) -> Result<(), i32> {
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        eprintln!("pilotage: {}", lang.t(Msg::ErrNoTerminal));
        return Err(exit::TERMINAL);
    }
    if dumb {
        eprintln!("pilotage: {}", lang.t(Msg::ErrDumbTerminal));
        return Err(exit::TERMINAL);
    }
    Ok(())
}

/// Whether the UI may make a new store at `path`: at the default path, yes (a first start);
/// elsewhere the user is asked first, on a terminal (a mistyped `--db` makes nothing).
pub fn may_create(cli: &Cli, path: &Path, lang: Lang) -> bool {
    if cli.db.is_none() {
        return true;
    }
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        return false;
    }
    eprint!("{} ", lang.f(Msg::AskCreateStore, &[&path.display().to_string()]));
    let _ = io::stderr().flush();
    let mut answer = String::new();
    if io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    let answer = answer.trim().to_lowercase();
    ["y", "yes", "o", "oui", "j", "ja"].contains(&answer.as_str())
}

/// The UI on a store this process holds.
pub fn ui(
    cli: &Cli,
    (lang, today, welcome): (Lang, NaiveDate, Option<String>),
    path: &Path,
    opened: local::Opened,
) -> i32 {
    let label = path.display().to_string();
    let options = ui_options(cli, lang, today, label);
    let store = Arc::new(opened.store);
    let mut app = App::new(opened.data, options).with_store(Arc::clone(&store), local::os_user());
    app.session.message = opened.undone.or(welcome);
    let (backups, keep) = (local::backup_dir(path), cli.keep_backups);
    if cli.today.is_none() {
        // Past midnight, the new day's backup is an effect the loop runs off the key path.
        app = app.following_the_clock((keep > 0).then(|| backups.clone()));
    }
    // The rest of the backup (the audit trail) is written as the session ends, on quit or on
    // a signal: reading it through sled keeps it in memory for the process's life (17 MiB at
    // 100,000 lines), and by then the session's data is gone.
    let backup = opened.backup;
    let at_exit: terminal::AtExit = Box::new(move || {
        if let Some(pending) = backup {
            local::finish_daily_backup(pending, &backups, keep, lang);
        }
    });
    terminal::run(app, Some(store), lang, at_exit)
}

/// The UI as a client of the server that holds the store.
pub fn client_ui(
    cli: &Cli,
    (lang, today, welcome): (Lang, NaiveDate, Option<String>),
    (connection, news, data): (Connection, std::sync::mpsc::Receiver<News>, Dataset),
    (socket, session): (&Path, u64),
) -> i32 {
    let options = ui_options(cli, lang, today, connection.store.clone());
    let user = connection.user.clone();
    let mut app = App::new(data, options).with_server(Arc::new(connection), user);
    app.session.message = welcome;
    terminal::run_client(app, news, socket.to_path_buf(), session, lang)
}

/// The UI on the demo data. Its first frame comes from the data in memory, while its
/// throwaway store is made on another thread (1,222 records written to a new sled database
/// would otherwise come before the frame); the first save waits for the store.
pub fn demo_ui(cli: &Cli, path: &Path, today: NaiveDate, lang: Lang) -> i32 {
    let data = pilotage::demo::demo_dataset(today);
    let (made, coming) = std::sync::mpsc::channel();
    let (path, copy) = (path.to_path_buf(), data.clone());
    std::thread::Builder::new()
        .name("demo store".into())
        .spawn(move || {
            // The app may have quit already: then nobody waits for the store.
            let _ = made.send(Store::open(&path, || copy));
        })
        .ok();
    let options = ui_options(cli, lang, today, "demo".into());
    let mut app = App::new(data, options).with_store_to_come(coming, local::os_user());
    if cli.today.is_none() {
        app = app.following_the_clock(None);
    }
    terminal::run(app, None, lang, Box::new(|| {}))
}

/// `serve`: opens the store (creating it as the UI would), writes the day's backup as the
/// UI's first start of a day does, and serves it until stopped; a new day's backup is written
/// when something happens on it. A read-only server refuses every write.
pub fn serve(
    cli: &Cli,
    path: &Path,
    idle_exit: Option<u64>,
    initial: impl FnOnce() -> Dataset,
    lang: Lang,
) -> i32 {
    let socket = cli.socket.clone().unwrap_or_else(|| pilotage::server::default_socket(path));
    if cli.read_only && !local::has_store(path) {
        return local::no_store(lang, path);
    }
    let opening = local::Opening { keep_backups: cli.keep_backups, verify: false, read_only: cli.read_only };
    let opened = match local::open(path, &opening, initial, lang) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let backups = local::backup_dir(path);
    let keep = cli.keep_backups;
    if let Some(pending) = opened.backup {
        local::finish_daily_backup(pending, &backups, keep, lang);
    }
    let daily: Option<pilotage::server::Daily> = (keep > 0 && cli.today.is_none()).then(|| {
        Box::new(move |store: &Store, _day: NaiveDate| {
            local::new_day_backup(store, &backups);
            store::prune_backups(&backups, keep);
        }) as pilotage::server::Daily
    });
    let options = pilotage::server::Options {
        idle_exit: idle_exit.map(std::time::Duration::from_secs),
        daily: daily.map(|work| (local::backup_day(), work)),
        read_only: cli.read_only,
    };
    let said = socket.display().to_string();
    let served = pilotage::server::serve(opened.store, opened.data, &socket, options, || {
        eprintln!("pilotage: serving {said}")
    });
    match served {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("pilotage: {said}: {e}");
            exit::BUSY
        }
    }
}

/// How long a server the UI started stays after its last client leaves.
const IDLE_EXIT_SECONDS: u64 = 30;

/// Starts a server for the store in the background, as tmux starts its own: in a process group
/// of its own (a dropped session's SIGHUP is not for it), its output nowhere, ending
/// `IDLE_EXIT_SECONDS` after its last client leaves. True once it listens; false when it could
/// not start (a store in use by a pilotage that holds it directly, a damaged store: the UI then
/// opens it itself and says why). `PILOTAGE_NO_SERVER=1` keeps the UI a single process on the
/// store, as before (the kill tests check that path).
pub fn start_server(cli: &Cli, path: &Path, socket: &Path) -> bool {
    let Some(mut command) = server_command(cli, path, socket) else { return false };
    let Ok(mut child) = command.spawn() else { return false };
    listening(&mut child, socket)
}

/// Whether the UI starts a server for a store no server holds (see [`start_server`]).
pub fn may_start_server() -> bool {
    if std::env::var("PILOTAGE_NO_SERVER").is_ok_and(|v| !v.is_empty() && v != "0") {
        return false;
    }
    // No terminal, no UI: the direct start says so (exit 6), with no server left behind.
    io::stdin().is_terminal() && io::stdout().is_terminal()
}

/// The command that starts the server for the store in the background (see [`start_server`]).
fn server_command(cli: &Cli, path: &Path, socket: &Path) -> Option<std::process::Command> {
    if !may_start_server() {
        return None;
    }
    let exe = std::env::current_exe().ok()?;
    let idle = std::env::var("PILOTAGE_IDLE_EXIT")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(IDLE_EXIT_SECONDS);
    let mut command = std::process::Command::new(exe);
    command.arg("--db").arg(path).arg("--socket").arg(socket);
    command.args(["--keep-backups", &cli.keep_backups.to_string()]);
    if let Some(day) = cli.today {
        command.args(["--today", &day.format("%Y-%m-%d").to_string()]);
    }
    command.args(["serve", "--idle-exit", &idle.to_string()]);
    command.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null());
    command.stderr(std::process::Stdio::null());
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    Some(command)
}

/// Waits (up to 10 s) until something listens on `socket`: the server started, or another
/// started at the same moment for the same store. False when the server ended first.
fn listening(child: &mut std::process::Child, socket: &Path) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(10) {
        if std::os::unix::net::UnixStream::connect(socket).is_ok() {
            return true;
        }
        if let Ok(Some(_)) = child.try_wait() {
            return std::os::unix::net::UnixStream::connect(socket).is_ok();
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    false
}

/// The UI on a store no server holds, if it is to start one (see [`may_start_server`]): it
/// reads the store and shows it at once, and the server it starts meanwhile holds the store
/// from then on. `None` when it starts none, or when another pilotage holds the store (a
/// server starting: the UI is its client) or the server would refuse this account (its
/// client is told why).
pub fn ui_with_its_server(
    cli: &Cli,
    path: &Path,
    (socket, session): (&Path, u64),
    (lang, today, welcome): (Lang, NaiveDate, &Option<String>),
    initial: impl FnOnce() -> Dataset,
) -> Option<i32> {
    if !may_start_server() {
        return None;
    }
    let me = nix::unistd::getuid().as_raw();
    match local::peek(path, me, initial, lang) {
        Err(code) => Some(code),
        Ok(Some(peeked)) => {
            Some(ui_starting_server(cli, (lang, today, welcome.clone()), path, peeked, (socket, session)))
        }
        Ok(None) => None,
    }
}

/// The UI on a store no server held, which this process has just read ([`local::peek`]): its
/// first frame comes from what was read, while the server it starts opens the store in the
/// background. Once the server listens the UI is its client; it loads the store again only if
/// a commit came in between (or the server takes this account for another). A save before
/// then waits for it; with no server, the store is this window's.
fn ui_starting_server(
    cli: &Cli,
    (lang, today, welcome): (Lang, NaiveDate, Option<String>),
    path: &Path,
    peeked: local::Peeked,
    (socket, session): (&Path, u64),
) -> i32 {
    let options = ui_options(cli, lang, today, path.display().to_string());
    let local::Peeked { data, generation, role, admitted, undone } = peeked;
    let mut app =
        App::new(data, options).with_server_to_come(local::os_user(), (role.clone(), admitted.clone()));
    app.session.message = undone.or(welcome);
    let server = server_command(cli, path, socket);
    let at = socket.to_path_buf();
    let store = path.to_path_buf();
    let arrive = move || {
        // No server (a socket that cannot be made there, a server that ended at once): the
        // store is this window's, as on a direct start.
        started(server, (&at, session), (role, admitted, generation))
            .ok_or_else(|| Box::new(Store::open(&store, Dataset::default)))
    };
    terminal::run_arriving(app, arrive, socket.to_path_buf(), session, lang)
}

/// The server `command` starts, connected to once it listens on `socket`: its connection, its
/// news, and the store as it holds it unless it is what was read (`generation`, for `role`
/// admitted as `admitted`). `None` when it never listened.
fn started(
    command: Option<std::process::Command>,
    (socket, session): (&Path, u64),
    (role, admitted, generation): (
        pilotage::domain::access::Role,
        Option<pilotage::domain::access::Seat>,
        Option<u64>,
    ),
) -> Option<terminal::Arrived> {
    let mut child = command?.spawn().ok()?;
    if !listening(&mut child, socket) {
        return None;
    }
    let (connection, news) = Connection::connect(socket, session).ok()?;
    // The same records as read, unless a commit came in between or the server takes this
    // account for another than the one the data was read for.
    let same = connection.role == role && connection.admitted == admitted;
    let data = connection.load_unless(generation.filter(|_| same)).ok()?;
    Some((connection, news, data))
}

/// This process's session with a server: the same across reconnections, another for each
/// process, so that the server recognises a request it has already answered (for this
/// account only: a session another account names is another).
pub fn session_id() -> u64 {
    let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
    nanos ^ (u64::from(std::process::id()) << 32)
}

/// `pilotage man`: the manual page, from the same definition as `--help`.
pub fn man() -> i32 {
    let page = clap_mangen::Man::new(crate::args::command());
    let mut out = io::stdout().lock();
    printed(page.render(&mut out))
}

/// `pilotage completions SHELL`.
pub fn completions(shell: clap_complete::Shell) -> i32 {
    use clap_complete::Generator;
    let mut command = crate::args::command();
    command.set_bin_name("pilotage");
    command.build();
    printed(shell.try_generate(&command, &mut io::stdout().lock()))
}

/// A page printed: a reader that closed the pipe (`| head`, `| grep -q`) had what it wanted.
fn printed(written: io::Result<()>) -> i32 {
    match written {
        Ok(()) => exit::OK,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exit::OK,
        Err(e) => {
            eprintln!("pilotage: {e}");
            exit::STORE
        }
    }
}
