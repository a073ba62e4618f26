//! A store this process opens itself, by its path: where it is, whether one is there, opening
//! and loading it with the day's backup, and the commands that work on a store's files
//! rather than on its data (init, generate, restore).

use std::path::{Path, PathBuf};

use super::exit;
use crate::domain::Dataset;
use crate::domain::access::{Role, Seat};
use crate::domain::rules::access;
use crate::i18n::{Lang, Msg};
use crate::store::{self, PendingBackup, Store, StoreError};

/// Where the store lives when `--db` is not given.
pub fn default_store() -> PathBuf {
    directories::ProjectDirs::from("be", "pilotage", "pilotage")
        .map(|d| d.data_dir().join("store"))
        .unwrap_or_else(|| PathBuf::from("pilotage-store"))
}

/// Automatic backups sit beside the store, so that a lost store directory does not take them along.
pub fn backup_dir(store: &Path) -> PathBuf {
    let name = store.file_name().map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
    store.with_file_name(format!("{name}-backups"))
}

/// Whether a store (or anything at all) is at `path`: an empty or missing directory is none.
pub fn has_store(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_some()) || path.is_file()
}

/// "no store at PATH": said, with the command that makes one, for a command that reads.
pub fn no_store(lang: Lang, path: &Path) -> i32 {
    let shown = path.display().to_string();
    eprintln!("pilotage: {}", lang.f(Msg::ErrNoStore, &[&shown]));
    exit::STORE
}

/// Prints a store error in the user's language and gives its exit code.
pub fn store_failure(lang: Lang, e: &StoreError) -> i32 {
    let path = e.path().display().to_string();
    let (msg, code) = match e {
        StoreError::Busy { .. } => (lang.f(Msg::ErrBusy, &[&path]), exit::BUSY),
        StoreError::NotAStore { detail, .. } => {
            (lang.f(Msg::ErrNotAStore, &[&path, &lang.why(detail)]), exit::STORE)
        }
        StoreError::Damaged { detail, path: p } => {
            let latest = super::latest_backup(&backup_dir(p))
                .map_or_else(|| "FILE.backup".to_string(), |b| b.display().to_string());
            (lang.f(Msg::ErrDamaged, &[&path, &lang.why(detail), &latest]), exit::STORE)
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

pub use crate::store::backup_day;

/// Where today's automatic backup (the way out of a damaged store) is to be written, if it
/// is due. Failing to write one must not stop the coordinator's work, but must be said.
pub fn daily_backup_file(path: &Path, keep: usize, lang: Lang) -> Option<PathBuf> {
    if keep == 0 || !has_store(path) {
        return None;
    }
    store::daily_backup_due(&backup_dir(path), backup_day()).unwrap_or_else(|e| {
        eprintln!(
            "pilotage: {}",
            lang.f(Msg::ErrDailyBackup, &[&super::super::backend::store_words(lang, &e)])
        );
        None
    })
}

/// The backup of a day that began while the UI or a server was running, if none was written
/// yet. A failure is not printed (the terminal is the UI's): the next start writes the day's
/// backup, or says why it cannot.
pub fn new_day_backup(store: &Store, dir: &Path) {
    let _ = store::daily_backup(dir, |file| store.backup_to(file).map(|_| ()));
}

/// Writes the rest of today's backup (see [`Store::load_backing_up`]) and drops the oldest.
pub fn finish_daily_backup(pending: Result<PendingBackup, StoreError>, dir: &Path, keep: usize, lang: Lang) {
    match pending.and_then(PendingBackup::finish) {
        Ok(_) => store::prune_backups(dir, keep),
        Err(e) => eprintln!(
            "pilotage: {}",
            lang.f(Msg::ErrDailyBackup, &[&super::super::backend::store_words(lang, &e)])
        ),
    }
}

/// How a store is opened.
pub struct Opening {
    /// How many daily backups to keep (0: none is written).
    pub keep_backups: usize,
    /// Read every record from the records tree, never from the start-up snapshot, so that a
    /// damaged store is noticed (`check`).
    pub verify: bool,
    /// Nothing is written, not even the half-written backups of a killed pilotage removed.
    pub read_only: bool,
}

/// A store opened and loaded, with the day's backup begun from the bytes just read (a
/// command finishes it at once; the UI as its session ends).
pub struct Opened {
    pub store: Store,
    pub data: Dataset,
    pub backup: Option<Result<PendingBackup, StoreError>>,
    /// What the open found half-written and undid, in words.
    pub undone: Option<String>,
}

/// Opens the store at `path` (creating it with `initial` where none is) and loads it.
pub fn open(
    path: &Path,
    opening: &Opening,
    initial: impl FnOnce() -> Dataset,
    lang: Lang,
) -> Result<Opened, i32> {
    // Before anything is made beside it: a store of another account is not this process's.
    store::check_owner(path).map_err(|e| store_failure(lang, &e))?;
    // Decided before the store is opened: a store made now is backed up once made.
    let fresh = !has_store(path);
    let backup_file = daily_backup_file(path, opening.keep_backups, lang);
    let store = Store::open(path, initial).map_err(|e| store_failure(lang, &e))?;
    if fresh && opening.keep_backups > 0 && !opening.read_only {
        // The first day's work has a backup to go back to, as every later day's has.
        new_day_backup(&store, &backup_dir(path));
    }
    let undone =
        store.undone_on_open().map(|what| lang.f(Msg::UndoneOnOpen, &[&path.display().to_string(), what]));
    if let Some(said) = &undone {
        eprintln!("pilotage: {said}");
    }
    // With the store's lock held, a backup half-written is one a killed pilotage left.
    if !opening.read_only {
        store::remove_partials(&backup_dir(path));
    }
    let loaded = match &backup_file {
        Some(file) => store.load_backing_up(file, opening.verify).map(|(d, b)| (d, Some(b))),
        None if opening.verify => store.load_records().map(|d| (d, None)),
        None => store.load().map(|d| (d, None)),
    };
    let (data, backup) = loaded.map_err(|e| store_failure(lang, &e))?;
    Ok(Opened { store, data, backup, undone })
}

/// A store read by a UI that is about to start its server: the records as this account will
/// see them through it, and the generation they were read at.
pub struct Peeked {
    pub data: Dataset,
    /// How many commits the store had seen, if the data is the whole store as read: the
    /// server that opens it next has the same records if it has seen no more. `None` for a
    /// part (an account that does not read everything), which the server sends again.
    pub generation: Option<u64>,
    /// The role and admission the server will give this account (the store's owner).
    pub role: Role,
    pub admitted: Option<Seat>,
    /// What the open found half-written and undid, in words.
    pub undone: Option<String>,
}

/// Opens the store at `path` (creating it with `initial` where none is), reads it, and closes
/// it again for the server about to hold it; nothing else is written (the server removes what
/// a killed pilotage left and writes the day's backup). `Ok(None)` when another pilotage holds
/// it (a server starting: the UI becomes its client) or when the server would refuse this
/// account (it says why); `Err` with the exit code when the store cannot be read (said).
pub fn peek(
    path: &Path,
    uid: u32,
    initial: impl FnOnce() -> Dataset,
    lang: Lang,
) -> Result<Option<Peeked>, i32> {
    store::check_owner(path).map_err(|e| store_failure(lang, &e))?;
    // Busy a tenth of a second: a server starting, or another pilotage; its client then.
    let store = match Store::open_waiting(path, initial, 10) {
        Ok(store) => store,
        Err(StoreError::Busy { .. }) => return Ok(None),
        Err(e) => return Err(store_failure(lang, &e)),
    };
    let undone =
        store.undone_on_open().map(|what| lang.f(Msg::UndoneOnOpen, &[&path.display().to_string(), what]));
    let generation = store.generation().map_err(|e| store_failure(lang, &e))?;
    let data = store.load().map_err(|e| store_failure(lang, &e))?;
    drop(store);
    // As the server will see this account, on the day the server looks roles up (the clock's,
    // whatever `--today` says): the store's owner is the uid it runs as.
    let today = chrono::Local::now().date_naive();
    let Some(role) = access::role_of(&data, uid, uid, today) else { return Ok(None) };
    let admitted = access::admitted(&data, uid, uid, today);
    let whole = role == Role::Coordinator && admitted.is_some();
    let data = if whole {
        data
    } else {
        let mut part = access::View::new(&data, &role, admitted.as_ref(), today).filter(&data);
        part.id_floor = data.next_id();
        part.partial = matches!(role, Role::PrisonStaff(_) | Role::Member);
        part.sealed = admitted.is_none();
        part
    };
    let generation = whole.then_some(generation);
    Ok(Some(Peeked { data, generation, role, admitted, undone }))
}

/// `init`: makes a store at `path` as a first start does (seeded by `initial`); a store
/// already there is left as it is.
pub fn init(path: &Path, keep_backups: usize, initial: impl FnOnce() -> Dataset, lang: Lang) -> i32 {
    let shown = path.display().to_string();
    if has_store(path) {
        // A store there already, or something else: opening it says which.
        return match Store::open(path, Dataset::default) {
            Ok(_) => {
                eprintln!("{}", lang.f(Msg::InitAlready, &[&shown]));
                exit::OK
            }
            Err(e) => store_failure(lang, &e),
        };
    }
    match Store::open(path, initial) {
        Ok(store) => {
            // Its first backup too, so that the first day's work has one.
            if keep_backups > 0 {
                new_day_backup(&store, &backup_dir(path));
            }
            eprintln!("{}", lang.f(Msg::InitDone, &[&shown]));
            exit::OK
        }
        Err(e) => store_failure(lang, &e),
    }
}

/// `generate`: fills a new store with `records` generated fictitious records.
pub fn generate(path: &Path, records: usize, lang: Lang) -> i32 {
    if has_store(path) {
        eprintln!("pilotage: {}", lang.f(Msg::ErrGenerateNotEmpty, &[&path.display().to_string()]));
        return exit::USAGE;
    }
    let data = crate::demo::generated_dataset(records);
    let snapshot_of = data.clone();
    match Store::open(path, || data).and_then(|s| s.save_snapshot(&snapshot_of).map(|()| s)) {
        Ok(s) => {
            eprintln!("{} records in {} ({} bytes on disk)", records, path.display(), s.size_on_disk());
            exit::OK
        }
        Err(e) => store_failure(lang, &e),
    }
}

/// `restore`: replaces the store's content with a backup file, keeping a safety copy of what
/// was there. A file that cannot be a backup (a pipe, a device) is refused before anything
/// is copied or moved.
pub fn restore(path: &Path, file: &Path, lang: Lang) -> i32 {
    if let Err(e) = store::check_backup_file(file) {
        return store_failure(lang, &e);
    }
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

/// Saves the store's current content beside it before it is replaced.
pub fn safety_backup(store: &Store, path: &Path, lang: Lang) -> Result<(), i32> {
    let dir = backup_dir(path);
    store::own_private_dir(&dir).map_err(|e| store_failure(lang, &e))?;
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

/// Whether `file` would be written inside the store's directory (over its own files).
pub fn inside(file: &Path, store: &Path) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).ok();
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match (real(parent), real(store)) {
        (Some(parent), Some(store)) => parent.starts_with(store),
        _ => false,
    }
}

/// Whether two paths name the same store directory (however each is written).
pub fn same_store(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The operating-system user, for the audit trail: the real uid's account, as the system's
/// user database names it (never `$USER`, which anyone can set), else the uid itself.
pub fn os_user() -> String {
    crate::system::this_account().1
}

/// A path as a person reads it: under the home directory, from `~`.
pub fn home_relative(path: &Path) -> String {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    match home
        .as_deref()
        .and_then(|h| path.strip_prefix(h).ok())
        .filter(|_| home.as_deref() != Some(Path::new("/")))
    {
        Some(rest) => format!("~/{}", rest.display()),
        None => path.display().to_string(),
    }
}
