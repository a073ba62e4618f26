//! `pilotage`: the arguments, then where the data is kept (a store this process opens, or the
//! server that holds it), then the UI or a command written against that backend.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use pilotage::backend::Backend;
use pilotage::cli::commands::{self, Context, ImportMode, UsersAction as Users};
use pilotage::cli::{exit, local, transfer};
use pilotage::client::{ClientError, Connection, News};
use pilotage::domain::Dataset;
use pilotage::domain::access::Seat;
use pilotage::domain::establishment::reference_establishments;
use pilotage::i18n::{Lang, Msg};

mod args;
mod start;
mod terminal;

use args::{Cli, Command, FormatArg, UsersAction};

fn main() -> ExitCode {
    // Everything pilotage creates (the store's files, backups, exports, temporary files) is
    // its owner's only, under any umask the caller has (sled creates its files 0666).
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o077));
    // An empty PILOTAGE_SOCKET= or PILOTAGE_DB= is no value at all (clap would call it a
    // missing one).
    for name in ["PILOTAGE_SOCKET", "PILOTAGE_DB"] {
        if std::env::var_os(name).is_some_and(|v| v.is_empty()) {
            // SAFETY: the first thing the process does, before any other thread exists.
            unsafe { std::env::remove_var(name) };
        }
    }
    let cli = args::parse();
    let lang = cli.lang.map_or_else(Lang::from_env, args::LangArg::lang);
    let code = run(cli, lang);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// A demo store in a fresh temporary directory, removed when this value is dropped.
struct DemoDir(PathBuf);

impl Drop for DemoDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// Where the store is: a throwaway one for the demo (removed when the value returned first
/// is dropped), the one named, or the default one.
fn store_path(cli: &Cli) -> (Option<DemoDir>, PathBuf) {
    if cli.demo {
        // The throwaway stores of demos killed before they could remove them.
        pilotage::store::remove_abandoned(&std::env::temp_dir(), "pilotage-demo-");
    }
    let demo_dir = cli.demo.then(|| {
        let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default();
        DemoDir(std::env::temp_dir().join(format!("pilotage-demo-{}-{nanos}", std::process::id())))
    });
    let path = match (&demo_dir, &cli.db) {
        (Some(d), _) => d.0.clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => local::default_store(),
    };
    (demo_dir, path)
}

fn run(cli: Cli, lang: Lang) -> i32 {
    let today = cli.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    if cli.read_only && cli.command.as_ref().is_some_and(Command::writes) {
        eprintln!("pilotage: {}", lang.t(Msg::ReadOnlyRefused));
        return exit::USAGE;
    }
    let (_demo_dir, path) = store_path(&cli);
    let initial = || {
        if cli.demo {
            pilotage::demo::demo_dataset(today)
        } else {
            Dataset::initial(reference_establishments())
        }
    };
    // The UI needs a terminal on both sides, and one that can place its cursor: said before
    // anything is made.
    if cli.command.is_none()
        && let Err(code) = start::terminal_usable(lang)
    {
        return code;
    }
    match &cli.command {
        Some(Command::Man) => return start::man(),
        Some(Command::Completions { shell }) => return start::completions(*shell),
        Some(Command::Generate { records }) => return local::generate(&path, *records as usize, lang),
        Some(Command::Init) => return local::init(&path, cli.keep_backups, initial, lang),
        Some(Command::Serve { idle_exit }) => return start::serve(&cli, &path, *idle_exit, initial, lang),
        None if cli.demo => return start::demo_ui(&cli, &path, today, lang),
        _ => {}
    }
    // A server holds the store: the UI and every command are its clients. A socket named
    // (--socket, PILOTAGE_SOCKET) must answer; the store's own is used when one answers.
    let socket = cli.socket.clone().unwrap_or_else(|| pilotage::server::default_socket(&path));
    let session = start::session_id();
    if !cli.demo
        && let Some(code) = on_server(&cli, &path, (&socket, session), (lang, today))
    {
        return code;
    }
    // A first start says where it made the store, and how to try the demo first.
    let welcome = (cli.command.is_none() && !cli.demo && !local::has_store(&path))
        .then(|| lang.f(Msg::NewStoreMade, &[&local::home_relative(&path)]));
    // No server: this process opens the store itself, if there is one to open.
    if !local::has_store(&path) && !cli.demo {
        let fills =
            matches!(&cli.command, Some(Command::Import { dry_run: false, .. } | Command::Restore { .. }));
        let ui = cli.command.is_none() && !cli.read_only;
        if ui && !start::may_create(&cli, &path, lang) {
            return local::no_store(lang, &path);
        }
        if !ui && !fills {
            return local::no_store(lang, &path);
        }
    }
    if let Some(Command::Restore { file }) = &cli.command {
        return local::restore(&path, file, lang);
    }
    // The UI on a store no server holds starts one, and is its client.
    let ui = cli.command.is_none() && !cli.read_only && !cli.demo;
    if ui
        && let Some(code) =
            start::ui_with_its_server(&cli, &path, (&socket, session), (lang, today, &welcome), initial)
    {
        return code;
    }
    if ui && start::start_server(&cli, &path, &socket) {
        return match Connection::connect(&socket, session) {
            Ok(connected) => as_client(&cli, (lang, today, welcome), connected, (&socket, session)),
            Err(e) => {
                eprintln!("pilotage: {}", e.words(lang));
                exit::BUSY
            }
        };
    }
    let opening = local::Opening {
        keep_backups: if cli.demo { 0 } else { cli.keep_backups },
        verify: matches!(cli.command, Some(Command::Check)),
        read_only: cli.read_only,
    };
    let opened = match local::open(&path, &opening, initial, lang) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    match cli.command.clone() {
        None => start::ui(&cli, (lang, today, welcome), &path, opened),
        Some(command) => local_command(&cli, (lang, today), &path, opened, command),
    }
}

/// The UI or a command as the client of the server that holds the store, if one answers;
/// None when none does and none was named.
fn on_server(
    cli: &Cli,
    path: &Path,
    (socket, session): (&Path, u64),
    (lang, today): (Lang, chrono::NaiveDate),
) -> Option<i32> {
    match Connection::connect(socket, session) {
        Ok((connection, news)) => {
            // A store named that is not the one the server serves is refused, not ignored.
            if cli.db.is_some() && !local::same_store(path, Path::new(&connection.store)) {
                let (named, served) = (path.display().to_string(), connection.store.clone());
                eprintln!(
                    "pilotage: {}",
                    lang.f(Msg::ErrOtherStore, &[&socket.display().to_string(), &served, &named])
                );
                return Some(exit::USAGE);
            }
            Some(as_client(cli, (lang, today, None), (connection, news), (socket, session)))
        }
        Err(ClientError::NoServer) if cli.socket.is_some() => {
            eprintln!("pilotage: {}", lang.f(Msg::ErrNoServer, &[&socket.display().to_string()]));
            Some(exit::BUSY)
        }
        Err(ClientError::NoServer) => None,
        Err(e) => {
            eprintln!("pilotage: {}", e.words(lang));
            Some(exit::BUSY)
        }
    }
}

/// A command on the store this process opened.
fn local_command(
    cli: &Cli,
    (lang, today): (Lang, chrono::NaiveDate),
    path: &Path,
    opened: local::Opened,
    command: Command,
) -> i32 {
    let backups = local::backup_dir(path);
    let keep = cli.keep_backups;
    // A command has no coordinator to wait on: its backup is finished before it runs.
    if let Some(pending) = opened.backup {
        local::finish_daily_backup(pending, &backups, keep, lang);
    }
    let fresh = opened.data == Dataset::initial(reference_establishments());
    if let Command::Import { replace: true, dry_run: false, .. } = &command
        && !fresh
        && let Err(code) = local::safety_backup(&opened.store, path, lang)
    {
        return code;
    }
    let backend = Backend::Local(Arc::new(opened.store));
    let ctx = context(cli, lang, today, &backend, opened.data);
    command_on(ctx, command, fresh)
}

fn context<'a>(
    cli: &Cli,
    lang: Lang,
    today: chrono::NaiveDate,
    backend: &'a Backend,
    data: Dataset,
) -> Context<'a> {
    Context { backend, data, lang, today, as_of: cli.as_of.unwrap_or(today), user: local::os_user() }
}

/// A command, on whichever backend holds the store. `fresh`: the store holds only what a new
/// store is made with (an import into it replaces it whole).
fn command_on(ctx: Context, command: Command, fresh: bool) -> i32 {
    let format = |f: FormatArg| match f {
        FormatArg::Csv => transfer::Format::Csv,
        FormatArg::Json => transfer::Format::Json,
    };
    match command {
        Command::Report { internal } => commands::report(&ctx, internal),
        Command::Check => commands::check(&ctx),
        Command::Export { format: f, dir, internal } => commands::export(&ctx, &dir, format(f), internal),
        Command::Backup { file } => commands::backup(&ctx, &file),
        Command::Log { record, since } => commands::log(&ctx, record.as_deref(), since),
        Command::Users { action } => {
            let action = action.as_ref().map(|action| match action {
                UsersAction::Grant { account, role, establishments, person, from } => {
                    Users::Grant { account, role, establishments, person: *person, from: *from }
                }
                UsersAction::Revoke { account, from } => Users::Revoke { account, from: *from },
                // `--keeper` or `--represents`: one of the two (the arguments' group).
                UsersAction::Admit { account, represents, from, .. } => {
                    let seat = represents.map_or(Seat::Keeper, Seat::Represents);
                    Users::Admit { account, seat, from: *from }
                }
                UsersAction::Unadmit { account, from } => Users::Unadmit { account, from: *from },
            });
            commands::users(&ctx, action)
        }
        Command::Import { path, replace, dry_run } => {
            commands::import(ctx, &path, ImportMode { replace: replace || fresh, dry_run })
        }
        Command::Restore { .. }
        | Command::Init
        | Command::Generate { .. }
        | Command::Serve { .. }
        | Command::Man
        | Command::Completions { .. } => exit::USAGE,
    }
}

/// The UI or a command, as a client of the server that holds the store.
fn as_client(
    cli: &Cli,
    (lang, today, welcome): (Lang, chrono::NaiveDate, Option<String>),
    (connection, news): (Connection, std::sync::mpsc::Receiver<News>),
    (socket, session): (&Path, u64),
) -> i32 {
    let data = match connection.load() {
        Ok(data) => data,
        Err(e) => {
            eprintln!("pilotage: {}", e.words(lang));
            return exit::STORE;
        }
    };
    match &cli.command {
        None => start::client_ui(cli, (lang, today, welcome), (connection, news, data), (socket, session)),
        // What replaces the whole store waits for the server to stop.
        Some(Command::Import { replace: true, .. } | Command::Restore { .. }) => {
            eprintln!("pilotage: {}", lang.f(Msg::ErrServedStore, &[&connection.store]));
            exit::BUSY
        }
        Some(_) => {
            let backend = Backend::Remote(Arc::new(connection));
            let ctx = context(cli, lang, today, &backend, data);
            let Some(command) = cli.command.clone() else { return exit::USAGE };
            command_on(ctx, command, false)
        }
    }
}
