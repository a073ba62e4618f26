//! `pilotage`: arguments, the store, then the terminal UI or a command.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use pilotage::app::{App, Options};
use pilotage::cli::{self, exit, report, transfer};
use pilotage::domain::date::parse_date;
use pilotage::domain::establishment::reference_establishments;
use pilotage::domain::rules::Situation;
use pilotage::domain::{Dataset, RecordKey};
use pilotage::i18n::{Lang, Msg};
use pilotage::store::{self, Store, StoreError};
use pilotage::ui::theme::Theme;

mod terminal;

#[derive(Parser, Debug)]
#[command(
    name = "pilotage",
    version,
    about = "Drug-policy steering groups in Belgian prisons: gaps, authorisations, training needs"
)]
struct Cli {
    /// The store directory (default: the platform's data directory, e.g. ~/.local/share/pilotage/store).
    #[arg(long, global = true, value_name = "DIR", env = "PILOTAGE_DB")]
    db: Option<PathBuf>,
    /// Use a throwaway store filled with fictitious demo data.
    #[arg(long, global = true)]
    demo: bool,
    /// Pretend today is this date (dd/mm/yyyy or yyyy-mm-dd), everywhere.
    #[arg(long, global = true, value_name = "DATE", value_parser = date_arg)]
    today: Option<NaiveDate>,
    /// Show the situation as of this date (default: today).
    #[arg(long, global = true, value_name = "DATE", value_parser = date_arg)]
    as_of: Option<NaiveDate>,
    /// Language of the screens and reports (default: from LC_ALL / LC_MESSAGES / LANG, else English).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// Open the store without changing anything.
    #[arg(long, global = true)]
    read_only: bool,
    /// ASCII borders and symbols (automatic for TERM=linux and vt100).
    #[arg(long, global = true)]
    ascii: bool,
    /// No colours (automatic when NO_COLOR is set).
    #[arg(long, global = true)]
    no_color: bool,
    /// The socket of a pilotage server that holds the store (default: pilotage.sock inside
    /// the store's directory). When a server answers there, the UI and the commands are its
    /// clients; `serve` listens there.
    #[arg(long, global = true, value_name = "PATH", env = "PILOTAGE_SOCKET")]
    socket: Option<PathBuf>,
    /// How many daily automatic backups to keep (0 turns them off).
    #[arg(long, global = true, value_name = "N", default_value_t = 7)]
    keep_backups: usize,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LangArg {
    En,
    Fr,
    Nl,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    Csv,
    Json,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print a Markdown report of the five views (confidential).
    Report {
        /// For the concertation's members only: also its minutes, its votes and the
        /// productions its members have not agreed to disseminate. Its debates are secret, and
        /// nothing it produces leaves without a decision of its members; without this flag
        /// the report holds only what they agreed to.
        #[arg(long)]
        internal: bool,
    },
    /// One line per item that needs attention; exit 1 when there is any.
    Check,
    /// Write every record kind to DIR, one file each.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: FormatArg,
        dir: PathBuf,
        /// A copy for the concertation's members and the coordinator only (a move to another
        /// store): also its secret minutes and the productions its members have not agreed to
        /// disseminate. Without it, those are left out, and each is named with the decision it
        /// lacks.
        #[arg(long)]
        internal: bool,
    },
    /// Read records back from an export directory or one file; all or nothing.
    Import {
        path: PathBuf,
        /// Make the store hold exactly the imported records (the current content is backed up first).
        /// A store that holds only what a new store is made with is always replaced.
        #[arg(long)]
        replace: bool,
        /// Say what the import would add, change, remove and leave, and store nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a backup of the whole store to FILE.
    Backup { file: PathBuf },
    /// Replace the store's content with a backup FILE (a damaged store is moved aside first).
    Restore { file: PathBuf },
    /// Fill a new, empty store with N generated fictitious records (for benchmarks).
    Generate {
        #[arg(long, default_value_t = 100_000)]
        records: usize,
    },
    /// Who may use the store through a server, and as what: without an action, the list (a
    /// coordinator's; the store's owner is its first coordinator).
    Users {
        #[command(subcommand)]
        action: Option<UsersAction>,
    },
    /// Own the store and serve it to every other pilotage over a Unix socket, so that several
    /// people work on it at once; each client's account comes from the kernel.
    Serve {
        /// Stop this many seconds after the last client leaves (default: serve until stopped).
        #[arg(long, value_name = "SECONDS")]
        idle_exit: Option<u64>,
    },
    /// Print the audit trail: who changed what, when.
    Log {
        /// A record kind (`person`) or one record (`person:12`).
        #[arg(long)]
        record: Option<String>,
        /// Only changes on or after this date.
        #[arg(long, value_parser = date_arg)]
        since: Option<NaiveDate>,
    },
}

#[derive(Subcommand, Debug)]
enum UsersAction {
    /// Give an OS account (a uid or a user name) a role from a date (default: today); the
    /// grant it had ends the day before.
    Grant {
        account: String,
        /// coordinator (everything), staff (their establishments only) or observer (reads).
        #[arg(long)]
        role: String,
        /// For staff: an establishment's id (as in the export's establishments file); again for more.
        #[arg(long = "establishment", value_name = "ID")]
        establishments: Vec<String>,
        /// The person this account is (a person's id).
        #[arg(long)]
        person: Option<u64>,
        #[arg(long, value_parser = date_arg)]
        from: Option<NaiveDate>,
    },
    /// End an account's access from a date (default: today); its history stays.
    Revoke {
        account: String,
        #[arg(long, value_parser = date_arg)]
        from: Option<NaiveDate>,
    },
}

/// A uid, or an account name the system knows.
fn uid_of(account: &str) -> Result<u32, String> {
    pilotage::server::uid_of_account(account).ok_or_else(|| format!("no account {account} on this system"))
}

/// `users`: the list, or a grant or revocation written through `commit`.
fn users(
    action: Option<&UsersAction>,
    data: &Dataset,
    today: NaiveDate,
    commit: impl FnOnce(&[pilotage::domain::Change]) -> Result<(), String>,
) -> i32 {
    use pilotage::cli::users;
    let me = pilotage::server::this_account();
    let changes = match action {
        None => {
            let mut out = io::stdout().lock();
            let _ = writeln!(out, "# uid\tname\trole\tfrom\tuntil");
            for line in users::list(data) {
                let _ = writeln!(out, "{line}");
            }
            return exit::OK;
        }
        Some(UsersAction::Grant { account, role, establishments, person, from }) => uid_of(account)
            .and_then(|uid| Ok((uid, users::parse_role(role, establishments, data)?)))
            .and_then(|(uid, role)| {
                let name = pilotage::server::account_name(uid);
                users::grant(data, me, uid, name, role, *person, from.unwrap_or(today))
            }),
        Some(UsersAction::Revoke { account, from }) => {
            uid_of(account).and_then(|uid| users::revoke(data, uid, from.unwrap_or(today)))
        }
    };
    match changes.and_then(|c| commit(&c)) {
        Ok(()) => exit::OK,
        Err(why) => {
            eprintln!("pilotage: {why}");
            exit::BAD_INPUT
        }
    }
}

fn date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date(s).ok_or_else(|| format!("not a date: {s} (use dd/mm/yyyy or yyyy-mm-dd)"))
}

fn main() -> ExitCode {
    // Everything pilotage creates (the store's files, backups, exports, temporary files) is
    // its owner's only, under any umask the caller has (sled creates its files 0666).
    nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o077));
    let cli = Cli::parse();
    let lang = match cli.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Fr) => Lang::Fr,
        Some(LangArg::Nl) => Lang::Nl,
        None => Lang::from_env(),
    };
    let code = run(cli, lang);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// Where the store lives when `--db` is not given.
fn default_store() -> PathBuf {
    directories::ProjectDirs::from("be", "pilotage", "pilotage")
        .map(|d| d.data_dir().join("store"))
        .unwrap_or_else(|| PathBuf::from("pilotage-store"))
}

/// Automatic backups sit beside the store, so that a lost store directory does not take them along.
fn backup_dir(store: &Path) -> PathBuf {
    let name = store.file_name().map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
    store.with_file_name(format!("{name}-backups"))
}

/// Prints a store error in the user's language and gives its exit code.
fn store_failure(lang: Lang, e: &StoreError) -> i32 {
    let path = e.path().display().to_string();
    let (msg, code) = match e {
        StoreError::Busy { .. } => (lang.f(Msg::ErrBusy, &[&path]), exit::BUSY),
        StoreError::NotAStore { detail, .. } => {
            (lang.f(Msg::ErrNotAStore, &[&path, &lang.why(detail)]), exit::STORE)
        }
        StoreError::Damaged { detail, path: p } => {
            let latest = cli::latest_backup(&backup_dir(p))
                .map_or_else(|| "FILE.backup".to_string(), |b| b.display().to_string());
            (lang.f(Msg::ErrDamaged, &[&path, &lang.why(detail), &path, &latest]), exit::STORE)
        }
        StoreError::Io { detail, .. } => (lang.f(Msg::ErrIo, &[&path, &lang.why(detail)]), exit::STORE),
        StoreError::BadBackup { detail, .. } => {
            (lang.f(Msg::ErrBackup, &[&path, &lang.why(detail)]), exit::BAD_INPUT)
        }
        StoreError::Refused { detail, .. } => {
            (lang.f(Msg::ErrRefused, &[&path, &lang.why(detail)]), exit::BAD_INPUT)
        }
        StoreError::DiskFull { .. } => (lang.f(Msg::ErrDiskFull, &[&path]), exit::STORE),
    };
    eprintln!("pilotage: {msg}");
    code
}

/// The day the daily backups go by: the clock's, whatever `--today` pretends (a pretended
/// future would rotate the real backups out). Debug builds let the tests set it
/// (`PILOTAGE_TEST_CLOCK`), as they do the panic key.
fn backup_day() -> NaiveDate {
    #[cfg(debug_assertions)]
    if let Some(day) = std::env::var("PILOTAGE_TEST_CLOCK").ok().and_then(|v| parse_date(&v)) {
        return day;
    }
    chrono::Local::now().date_naive()
}

/// Where today's automatic backup (the way out of a damaged store) is to be written, if it
/// is due. Failing to write one must not stop the coordinator's work, but must be said.
fn daily_backup_file(cli: &Cli, path: &Path, lang: Lang) -> Option<PathBuf> {
    let today = backup_day();
    if cli.demo || cli.keep_backups == 0 || !std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_some()) {
        return None;
    }
    store::daily_backup_due(&backup_dir(path), today).unwrap_or_else(|e| {
        eprintln!("pilotage: {}", lang.f(Msg::ErrDailyBackup, &[&e.to_string()]));
        None
    })
}

/// The backup of a day that began while the UI was open, if none was written yet. A failure
/// is not printed (the terminal is the UI's): the next start writes the day's backup, or
/// says why it cannot. Pruning waits for the session's end: it would take the partial file
/// of the backup the session began at its start.
fn new_day_backup(store: &Store, dir: &Path) {
    if let Ok(Some(file)) = store::daily_backup_due(dir, backup_day()) {
        let _ = store.backup_to(&file);
    }
}

/// Writes the rest of today's backup (see [`Store::load_backing_up`]) and drops the oldest.
fn finish_daily_backup(
    pending: Result<store::PendingBackup, StoreError>,
    dir: &Path,
    keep: usize,
    lang: Lang,
) {
    match pending.and_then(store::PendingBackup::finish) {
        Ok(_) => store::prune_backups(dir, keep),
        Err(e) => eprintln!("pilotage: {}", lang.f(Msg::ErrDailyBackup, &[&e.to_string()])),
    }
}

/// A demo store in a fresh temporary directory, removed when this value is dropped.
struct DemoDir(PathBuf);

impl Drop for DemoDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn run(cli: Cli, lang: Lang) -> i32 {
    let today = cli.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    if cli.demo {
        // The throwaway stores of demos killed before they could remove them.
        store::remove_abandoned(&std::env::temp_dir(), "pilotage-demo-");
    }
    let demo_dir = cli.demo.then(|| {
        let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default();
        DemoDir(std::env::temp_dir().join(format!("pilotage-demo-{}-{nanos}", std::process::id())))
    });
    let path = match (&demo_dir, &cli.db) {
        (Some(d), _) => d.0.clone(),
        (None, Some(p)) => p.clone(),
        (None, None) => default_store(),
    };
    if let Some(Command::Restore { file }) = &cli.command {
        return restore(&path, file, lang);
    }
    if let Some(Command::Generate { records }) = &cli.command {
        if path.exists() && std::fs::read_dir(&path).is_ok_and(|mut d| d.next().is_some()) {
            eprintln!("pilotage: generate fills a new store only; {} is not empty", path.display());
            return exit::USAGE;
        }
        let records = *records;
        let data = pilotage::demo::generated_dataset(records);
        let snapshot_of = data.clone();
        return match Store::open(&path, || data).and_then(|s| s.save_snapshot(&snapshot_of).map(|()| s)) {
            Ok(s) => {
                eprintln!("{} records in {} ({} bytes on disk)", records, path.display(), s.size_on_disk());
                exit::OK
            }
            Err(e) => store_failure(lang, &e),
        };
    }
    if let (Some(demo), None) = (&demo_dir, &cli.command) {
        return demo_ui(&cli, &demo.0, today, lang);
    }
    let initial = || {
        if cli.demo {
            pilotage::demo::demo_dataset(today)
        } else {
            Dataset::initial(reference_establishments())
        }
    };
    // Read-only creates nothing: a mistyped path is said, not made into a new store.
    if cli.read_only && !cli.demo && !std::fs::read_dir(&path).is_ok_and(|mut d| d.next().is_some()) {
        eprintln!("pilotage: {}", lang.f(Msg::ErrNoStoreReadOnly, &[&path.display().to_string()]));
        return exit::STORE;
    }
    let socket = cli.socket.clone().unwrap_or_else(|| pilotage::server::default_socket(&path));
    if let Some(Command::Serve { idle_exit }) = &cli.command {
        return serve(&cli, &path, &socket, *idle_exit, initial, lang);
    }
    // A server holds the store: the UI and every command are its clients.
    if !cli.demo && !matches!(cli.command, Some(Command::Generate { .. })) {
        let session = session_id();
        match pilotage::client::Connection::connect(&socket, session) {
            Ok((connection, news)) => {
                return as_client(cli, lang, today, &path, (connection, news), (&socket, session));
            }
            // The UI on a store no server holds starts one, and is its client.
            Err(pilotage::client::ClientError::NoServer)
                if cli.command.is_none() && !cli.read_only && start_server(&cli, &path, &socket) =>
            {
                match pilotage::client::Connection::connect(&socket, session) {
                    Ok(connected) => {
                        return as_client(cli, lang, today, &path, connected, (&socket, session));
                    }
                    Err(e) => {
                        eprintln!("pilotage: {e}");
                        return exit::BUSY;
                    }
                }
            }
            Err(pilotage::client::ClientError::NoServer) => {}
            Err(e) => {
                eprintln!("pilotage: {e}");
                return exit::BUSY;
            }
        }
    }
    // Decided before the store is opened: a new store has nothing to back up yet.
    let backup_file = daily_backup_file(&cli, &path, lang);
    let store = match Store::open(&path, initial) {
        Ok(s) => s,
        Err(e) => return store_failure(lang, &e),
    };
    // Said on the screen too, where the UI starts (stderr is behind it until it quits).
    let undone =
        store.undone_on_open().map(|what| lang.f(Msg::UndoneOnOpen, &[&path.display().to_string(), what]));
    if let Some(said) = &undone {
        eprintln!("pilotage: {said}");
    }
    // With the store's lock held, a backup half-written is one a killed pilotage left.
    if !cli.read_only {
        store::remove_partials(&backup_dir(&path));
    }
    // check reads every record (never the start-up snapshot), so a damaged store is noticed.
    let verify = matches!(cli.command, Some(Command::Check));
    let loaded = match &backup_file {
        Some(file) => store.load_backing_up(file, verify).map(|(d, b)| (d, Some(b))),
        None if verify => store.load_records().map(|d| (d, None)),
        None => store.load().map(|d| (d, None)),
    };
    let (data, backup) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => return store_failure(lang, &e),
    };
    let backups = backup_dir(&path);
    let keep = cli.keep_backups;
    let as_of = cli.as_of.unwrap_or(today);
    let user = os_user();
    // A command has no coordinator to wait on: its backup is finished before it runs.
    let backup = match backup {
        Some(pending) if cli.command.is_some() => {
            finish_daily_backup(pending, &backups, keep, lang);
            None
        }
        other => other,
    };
    match cli.command {
        None => {
            let label = if cli.demo { "demo".into() } else { path.display().to_string() };
            let options = ui_options(&cli, lang, today, label);
            let store = Arc::new(store);
            let mut app = App::new(data, options).with_store(Arc::clone(&store), user);
            app.session.message = undone;
            if cli.today.is_none() {
                // Past midnight, the new day's backup is written on a thread of its own, so the
                // key that noticed the day does not wait for it.
                let (store, dir) = (Arc::clone(&store), backups.clone());
                let on_new_day: Option<pilotage::app::NewDay> = (keep > 0).then(|| {
                    Box::new(move |_day: NaiveDate| {
                        let (store, dir) = (Arc::clone(&store), dir.clone());
                        std::thread::spawn(move || new_day_backup(&store, &dir));
                    }) as pilotage::app::NewDay
                });
                app = app.following_the_clock(on_new_day);
            }
            // The rest of the backup (the audit trail) is written as the session ends, on quit
            // or on a signal: reading it through sled keeps it in memory for the process's life
            // (17 MiB at 100,000 lines), and by then the session's data is gone.
            let at_exit: terminal::AtExit = Box::new(move || {
                if let Some(pending) = backup {
                    finish_daily_backup(pending, &backups, keep, lang);
                }
            });
            terminal::run(app, Some(store), lang, at_exit)
        }
        Some(command @ (Command::Report { .. } | Command::Check | Command::Export { .. })) => {
            reading(&command, &data, lang, as_of)
        }
        Some(Command::Import { path: from, replace, dry_run }) => {
            if cli.read_only && !dry_run {
                eprintln!("pilotage: {}", lang.t(Msg::ReadOnlyRefused));
                return exit::USAGE;
            }
            // A new store's seed (the reference establishments, the central group, the
            // templates) is replaced whole: importing an export into a new store gives back
            // exactly what was exported, not the seed beside it.
            let fresh = data == Dataset::initial(reference_establishments());
            if replace
                && !fresh
                && !dry_run
                && let Err(code) = safety_backup(&store, &path, lang)
            {
                return code;
            }
            let commit = |merged: &Dataset, keys: &[RecordKey]| {
                store.commit_keys(merged, keys, &user).and_then(|()| store.save_snapshot(merged)).map_err(
                    |e| {
                        store_failure(lang, &e);
                        String::new()
                    },
                )
            };
            import(data, &from, Mode { replace: replace || fresh, dry_run }, lang, commit)
        }
        Some(Command::Backup { file }) if inside(&file, &path) => {
            eprintln!(
                "pilotage: {}",
                lang.f(
                    Msg::ErrBackupInsideStore,
                    &[&file.display().to_string(), &path.display().to_string()]
                )
            );
            exit::USAGE
        }
        Some(Command::Backup { file }) => match store.backup_to(&file) {
            Ok(n) => {
                eprintln!("{}", lang.f(Msg::DoneBackup, &[&n.to_string(), &file.display().to_string()]));
                exit::OK
            }
            Err(e) => store_failure(lang, &e),
        },
        Some(Command::Users { action }) => users(action.as_ref(), &data, today, |changes| {
            store.commit(changes, &user).map_err(|e| e.to_string())
        }),
        // Handled before the store is opened.
        Some(Command::Serve { .. }) => exit::USAGE,
        Some(Command::Log { record, since }) => match store.audit_trail() {
            Ok(trail) => {
                print_log(&trail, record.as_deref(), since, lang);
                exit::OK
            }
            Err(e) => store_failure(lang, &e),
        },
        Some(Command::Restore { .. } | Command::Generate { .. }) => {
            unreachable!("handled before the store is opened")
        }
    }
}

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

/// The UI on the demo data. Its first frame comes from the data in memory, while its
/// throwaway store is made on another thread (1,222 records written to a new sled database
/// would otherwise come before the frame); the first save waits for the store.
fn demo_ui(cli: &Cli, path: &Path, today: NaiveDate, lang: Lang) -> i32 {
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
    let mut app = App::new(data, options).with_store_to_come(coming, os_user());
    if cli.today.is_none() {
        app = app.following_the_clock(None);
    }
    terminal::run(app, None, lang, Box::new(|| {}))
}

/// How an import meets the store's content.
struct Mode {
    /// The store holds exactly the import afterwards.
    replace: bool,
    /// Say what would change, change nothing.
    dry_run: bool,
}

fn import(
    data: Dataset,
    from: &Path,
    mode: Mode,
    lang: Lang,
    commit: impl FnOnce(&Dataset, &[RecordKey]) -> Result<(), String>,
) -> i32 {
    // The records go straight into the data they join, as they are read: nothing is copied
    // whole (100,000 records took 1 GiB when they were).
    let had = data.record_count();
    // Who may use the store is the deployment's, not the data's: an export has no accounts,
    // and a replacing import keeps them.
    let (mut merged, old) = if mode.replace {
        (Dataset { accounts: data.accounts.clone(), ..Dataset::default() }, Some(data))
    } else {
        (data, None)
    };
    let mut changed: Vec<RecordKey> = Vec::new();
    let (mut added, mut same) = (0usize, 0usize);
    let read = transfer::import(from, &mut |record| {
        let key = record.key();
        let before = match &old {
            Some(old) => old.get(&key),
            None => merged.get(&key),
        };
        match &before {
            None => added += 1,
            Some(b) if *b == record => same += 1,
            Some(_) => {}
        }
        if before.as_ref() != Some(&record) {
            changed.push(key);
        }
        merged.put(record);
    });
    let count = match read {
        Ok(count) => count,
        Err(e) => {
            eprintln!("pilotage: {}", e.in_lang(lang));
            eprintln!("pilotage: {}", lang.t(Msg::ImpNothingImported));
            return exit::BAD_INPUT;
        }
    };
    let mut removed = 0;
    if let Some(old) = &old {
        let gone: Vec<RecordKey> =
            old.records().map(|r| r.key()).filter(|k| merged.get(k).is_none()).collect();
        removed = gone.len();
        changed.extend(gone);
    }
    // Said first: what the import adds, changes, removes, and leaves as it was.
    let modified = changed.len() - added - removed;
    let left = had - modified - same - removed;
    let summary = lang.f(
        Msg::ImportSummary,
        &[&added.to_string(), &modified.to_string(), &removed.to_string(), &(left + same).to_string()],
    );
    eprintln!("{summary}");
    if mode.dry_run {
        eprintln!("{}", lang.t(Msg::ImportDryRun));
        return exit::OK;
    }
    let violations = merged.violations();
    if !violations.is_empty() {
        for v in violations.iter().take(20) {
            eprintln!("pilotage: {}: {}", from.display(), v.0);
        }
        eprintln!("pilotage: {}", lang.t(Msg::ImpNothingImported));
        return exit::BAD_INPUT;
    }
    drop(old);
    match commit(&merged, &changed) {
        Ok(()) => {
            eprintln!("{}", lang.f(Msg::DoneImport, &[&count.to_string(), &changed.len().to_string()]));
            exit::OK
        }
        // Said in the store's own words where it failed; a server's refusal is said here.
        Err(why) if why.is_empty() => exit::STORE,
        Err(why) => {
            eprintln!("pilotage: {why}");
            exit::STORE
        }
    }
}

fn restore(path: &Path, file: &Path, lang: Lang) -> i32 {
    let store = match Store::open(path, Dataset::default) {
        Ok(s) if s.load().is_ok() => {
            // Keep what is there now, in case the wrong file was named.
            if let Err(code) = safety_backup(&s, path, lang) {
                return code;
            }
            s
        }
        // A store that opens but does not load makes no backup: it is kept whole, aside.
        Ok(s) => {
            drop(s);
            match aside_then_new(path, Aside::Unreadable, lang) {
                Ok(s) => s,
                Err(code) => return code,
            }
        }
        Err(StoreError::Damaged { .. }) => match aside_then_new(path, Aside::Damaged, lang) {
            Ok(s) => s,
            Err(code) => return code,
        },
        Err(e) => return store_failure(lang, &e),
    };
    match store.restore_from(file) {
        Ok(n) => {
            eprintln!("{}", lang.f(Msg::DoneRestore, &[&n.to_string(), &file.display().to_string()]));
            exit::OK
        }
        Err(e) => store_failure(lang, &e),
    }
}

/// Why a store is moved aside: its name says it (`STORE.damaged-…`), in English, for files.
#[derive(Clone, Copy)]
enum Aside {
    Damaged,
    Unreadable,
}

/// Moves the store's directory aside, whole, under a name nothing has (`STORE.WHAT-STAMP`,
/// then `-2`…), and opens a new, empty store in its place.
fn aside_then_new(path: &Path, why: Aside, lang: Lang) -> Result<Store, i32> {
    let (what, said) = match why {
        Aside::Damaged => ("damaged", Msg::AsideDamaged),
        Aside::Unreadable => ("unreadable", Msg::AsideUnreadable),
    };
    let name = path.file_name().map_or("store".into(), |n| n.to_string_lossy());
    let stamp = chrono::Local::now().format("%Y%m%dT%H%M%S");
    let mut aside = path.with_file_name(format!("{name}.{what}-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = path.with_file_name(format!("{name}.{what}-{stamp}-{n}"));
    }
    let what = lang.t(said);
    if let Err(e) = std::fs::rename(path, &aside) {
        eprintln!("pilotage: {}", lang.f(Msg::ErrMoveAside, &[what, &e.to_string()]));
        return Err(exit::STORE);
    }
    eprintln!("{}", lang.f(Msg::DoneMovedAside, &[what, &aside.display().to_string()]));
    Store::open(path, Dataset::default).map_err(|e| store_failure(lang, &e))
}

/// Whether `file` would be written inside the store's directory (over its own files).
fn inside(file: &Path, store: &Path) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).ok();
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match (real(parent), real(store)) {
        (Some(parent), Some(store)) => parent.starts_with(store),
        _ => false,
    }
}

/// The commands that only read: on the store's data, however it was had (opened here, or
/// loaded from the server that holds it).
fn reading(command: &Command, data: &Dataset, lang: Lang, as_of: NaiveDate) -> i32 {
    match command {
        Command::Report { internal } => {
            let situation = Situation::compute(data, as_of);
            print!("{}", report::report(data, &situation, lang, *internal));
            exit::OK
        }
        Command::Check => {
            let situation = Situation::compute(data, as_of);
            let lines = report::check(data, &situation, lang);
            let mut out = io::stdout().lock();
            // Marked as the report and the exports are: a line a program skips as a comment.
            let _ = writeln!(out, "# {}", lang.t(Msg::Confidential));
            for l in &lines {
                let _ = writeln!(out, "{l}");
            }
            if lines.is_empty() {
                let _ = writeln!(out, "{}", lang.t(Msg::CheckAllClear));
                exit::OK
            } else {
                exit::ATTENTION
            }
        }
        Command::Export { format, dir, internal } => {
            let format = match format {
                FormatArg::Csv => transfer::Format::Csv,
                FormatArg::Json => transfer::Format::Json,
            };
            let audience =
                if *internal { transfer::Audience::Internal } else { transfer::Audience::Outside(as_of) };
            match transfer::export(data, dir, format, audience) {
                Ok(exported) => {
                    for w in &exported.withheld {
                        eprintln!("{}", lang.f(Msg::ReportCapbWithheld, &[&w.describe(data, lang, as_of)]));
                    }
                    eprintln!(
                        "{} ({} files in {})",
                        lang.t(Msg::Confidential),
                        exported.files.len(),
                        dir.display()
                    );
                    exit::OK
                }
                Err(e) => {
                    eprintln!("pilotage: {}", e.in_lang(lang));
                    exit::BAD_INPUT
                }
            }
        }
        _ => exit::USAGE,
    }
}

/// `serve`: opens the store (creating it as the UI would), writes the day's backup as the
/// UI's first start of a day does, and serves it until stopped; a new day's backup is written
/// when something happens on it.
fn serve(
    cli: &Cli,
    path: &Path,
    socket: &Path,
    idle_exit: Option<u64>,
    initial: impl FnOnce() -> Dataset,
    lang: Lang,
) -> i32 {
    let backup_file = daily_backup_file(cli, path, lang);
    let store = match Store::open(path, initial) {
        Ok(s) => s,
        Err(e) => return store_failure(lang, &e),
    };
    let backups = backup_dir(path);
    store::remove_partials(&backups);
    let keep = cli.keep_backups;
    let loaded = match &backup_file {
        Some(file) => store.load_backing_up(file, false).map(|(data, pending)| {
            finish_daily_backup(pending, &backups, keep, lang);
            data
        }),
        None => store.load(),
    };
    let data = match loaded {
        Ok(data) => data,
        Err(e) => return store_failure(lang, &e),
    };
    let daily: Option<pilotage::server::Daily> = (keep > 0 && cli.today.is_none()).then(|| {
        Box::new(move |store: &Store, _day: NaiveDate| {
            new_day_backup(store, &backups);
            store::prune_backups(&backups, keep);
        }) as pilotage::server::Daily
    });
    let options = pilotage::server::Options {
        idle_exit: idle_exit.map(std::time::Duration::from_secs),
        daily: daily.map(|work| (backup_day(), work)),
    };
    let said = socket.display().to_string();
    match pilotage::server::serve(store, data, socket, options, || eprintln!("pilotage: serving {said}")) {
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
fn start_server(cli: &Cli, path: &Path, socket: &Path) -> bool {
    use std::io::IsTerminal;
    if std::env::var("PILOTAGE_NO_SERVER").is_ok_and(|v| !v.is_empty() && v != "0") {
        return false;
    }
    // No terminal, no UI: the direct start says so (exit 6), with no server left behind.
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return false;
    }
    let Ok(exe) = std::env::current_exe() else { return false };
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
    let Ok(mut child) = command.spawn() else { return false };
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(10) {
        if std::os::unix::net::UnixStream::connect(socket).is_ok() {
            return true;
        }
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    false
}

/// This process's session with a server: the same across reconnections, another for each
/// process, so that the server recognises a request it has already answered.
fn session_id() -> u64 {
    let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
    nanos ^ (u64::from(std::process::id()) << 32)
}

/// The UI or a reading command, as a client of the server that holds the store.
fn as_client(
    cli: Cli,
    lang: Lang,
    today: NaiveDate,
    path: &Path,
    (connection, news): (pilotage::client::Connection, std::sync::mpsc::Receiver<pilotage::client::News>),
    (socket, session): (&Path, u64),
) -> i32 {
    let data = match connection.load() {
        Ok(data) => data,
        Err(e) => {
            eprintln!("pilotage: {e}");
            return exit::STORE;
        }
    };
    let as_of = cli.as_of.unwrap_or(today);
    let said = |e: pilotage::client::ClientError| e.to_string();
    match &cli.command {
        None => {
            let options = ui_options(&cli, lang, today, path.display().to_string());
            let user = connection.user.clone();
            let app = App::new(data, options).with_server(Arc::new(connection), user);
            terminal::run_client(app, news, socket.to_path_buf(), session, lang)
        }
        Some(command @ (Command::Report { .. } | Command::Check | Command::Export { .. })) => {
            reading(command, &data, lang, as_of)
        }
        Some(Command::Users { action }) => users(action.as_ref(), &data, today, |changes| {
            let bases = changes.iter().map(|c| store::codec::revision(data.get(&c.key()).as_ref())).collect();
            connection.commit(changes, Some(bases)).map_err(said)
        }),
        Some(Command::Log { record, since }) => match connection.trail() {
            Ok(trail) => {
                print_log(&trail, record.as_deref(), *since, lang);
                exit::OK
            }
            Err(e) => {
                eprintln!("pilotage: {e}");
                exit::STORE
            }
        },
        Some(Command::Backup { file }) => match connection.backup() {
            Ok((bytes, records)) => match store::write_private_file(file, &bytes) {
                Ok(()) => {
                    eprintln!(
                        "{}",
                        lang.f(Msg::DoneBackup, &[&records.to_string(), &file.display().to_string()])
                    );
                    exit::OK
                }
                Err(e) => {
                    eprintln!("pilotage: {}: {e}", file.display());
                    exit::STORE
                }
            },
            Err(e) => {
                eprintln!("pilotage: {e}");
                exit::STORE
            }
        },
        Some(Command::Import { path: from, replace: false, dry_run }) => {
            if cli.read_only && !dry_run {
                eprintln!("pilotage: {}", lang.t(Msg::ReadOnlyRefused));
                return exit::USAGE;
            }
            let commit = |merged: &Dataset, keys: &[RecordKey]| {
                let changes: Vec<pilotage::domain::Change> = keys
                    .iter()
                    .map(|k| match merged.get(k) {
                        Some(r) => pilotage::domain::Change::Put(r),
                        None => pilotage::domain::Change::Delete(k.clone()),
                    })
                    .collect();
                // An import is the file's content, as a replacing import would be: it writes
                // over what it names, and says first what it changes.
                connection.commit(&changes, None).map_err(said)
            };
            import(data, from, Mode { replace: false, dry_run: *dry_run }, lang, commit)
        }
        // What replaces the whole store waits for the server to stop.
        Some(Command::Import { .. } | Command::Restore { .. }) => {
            eprintln!("pilotage: {}", lang.f(Msg::ErrServedStore, &[&path.display().to_string()]));
            exit::BUSY
        }
        Some(Command::Serve { .. } | Command::Generate { .. }) => exit::USAGE,
    }
}

/// The audit trail as `log` prints it.
fn print_log(trail: &[store::codec::AuditEntry], record: Option<&str>, since: Option<NaiveDate>, lang: Lang) {
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "# {}", lang.t(Msg::Confidential));
    for e in cli::filter_log(trail, record, since) {
        let at = pilotage::domain::date::local_rfc3339(&e.at);
        let _ = writeln!(out, "{at}\t{}\t{}\t{}\t{}", e.user, e.action, e.record, e.summary);
    }
}

/// Saves the store's current content beside it before it is replaced.
fn safety_backup(store: &Store, path: &Path, lang: Lang) -> Result<(), i32> {
    let dir = backup_dir(path);
    if let Err(e) = store::create_private_dir(&dir) {
        eprintln!("pilotage: {}: {e}", dir.display());
        return Err(exit::STORE);
    }
    let stamp = chrono::Local::now().format("%Y-%m-%dT%H-%M-%S");
    let file = match store::reserve_new_file(&dir, &format!("before-replace-{stamp}"), "backup") {
        Ok(file) => file,
        Err(e) => {
            eprintln!("pilotage: {}: {e}", dir.display());
            return Err(exit::STORE);
        }
    };
    store.backup_to(&file).map_err(|e| store_failure(lang, &e))?;
    eprintln!("{}", lang.f(Msg::DoneSafetyCopy, &[&file.display().to_string()]));
    Ok(())
}

/// The operating-system user, for the audit trail: the real uid's account, as the system's
/// user database names it (never `$USER`, which anyone can set), else the uid itself.
pub fn os_user() -> String {
    pilotage::server::this_account().1
}
