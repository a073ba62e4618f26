//! The sled store: the only code that reads or writes the data on disk.

mod backup;
pub mod codec;

use std::fs;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use sled::Transactional;

use crate::domain::access::Reach;
use crate::domain::dataset::Loader;
use crate::domain::{Change, Dataset, Record, RecordKey, RecordKind};
use codec::{AuditEntry, CodecError};

pub use backup::{PendingBackup, backup_day, daily_backup, daily_backup_due, prune_backups};

/// sled's page cache, capped for small machines (sled's own default is 1 GiB).
const CACHE_BYTES: u64 = 8 << 20;
const META_INITIALISED: &[u8] = b"initialised";
/// How many commits the store has seen.
const META_GENERATION: &[u8] = b"generation";
/// `[generation][snapshot]`: every record in one value, written on quit, read at start when
/// no commit came after it. A cache: the records tree stays the truth. It has a tree of its
/// own: sled rewrites a tree's node whole, and in the meta tree, beside the generation every
/// commit moves on, each save rewrote the snapshot (6 MiB at 100,000 records).
const SNAPSHOT: &[u8] = b"snapshot";
/// Present while a restore is under way (its value: the backup file).
const META_RESTORING: &[u8] = b"restoring";
/// Present while a commit too large for one transaction (an import) is written in parts; its
/// value: the journal's version, the key of the commit's first audit line, then what is
/// written, in words. A store opened with it is put back as it was (see `journal`).
const META_IMPORTING: &[u8] = b"importing";
/// How many changes go in one transaction. sled keeps every page a transaction touches until
/// it ends: 100,000 records in one took 1 GiB.
pub const PART: usize = 1_000;
/// The version of the journal's values (see [`Store::commit_in_parts`]).
const JOURNAL_VERSION: u8 = 1;
/// Present once every audit line is in the audit index (see `Store::audit_index`).
const META_AUDIT_INDEX: &[u8] = b"audit_index";
/// Where stores made before 2026-11 kept the snapshot; removed by the next snapshot.
const META_SNAPSHOT: &[u8] = b"snapshot";

fn be_u64(bytes: &[u8]) -> u64 {
    bytes.get(..8).and_then(|b| b.try_into().ok()).map_or(0, u64::from_be_bytes)
}

/// What went wrong, in words the message catalogue has in three languages (`i18n::why`);
/// what comes from below (sled, the system, the codec: a record's key, a checksum) is kept as
/// it was said, in `Other`, behind a message that says in the user's words what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    IsAFile,
    OtherFiles,
    FilesDoNotReadBack,
    ContentGone,
    /// A restore from this file did not finish.
    RestoreUnfinished(String),
    /// A change in parts (what it was) stopped half-way and cannot be undone.
    ChangeUnfinished(String),
    NotARegularFile,
    /// Larger than a backup can be, in MiB.
    TooLarge(usize),
    PermissionDenied,
    /// The store's files (or a backups directory) belong to another account: this uid.
    NotOwner(u32),
    /// A link where a directory of the store's own was expected.
    Link,
    /// A record the door refuses (see `domain::admission`).
    Inadmissible(Box<crate::domain::admission::Inadmissible>),
    ReadOnlyFilesystem,
    NotFound,
    Other(String),
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::IsAFile => write!(f, "it is a file"),
            Why::OtherFiles => write!(f, "the directory holds other files"),
            Why::FilesDoNotReadBack => write!(f, "its files do not read back as they were written"),
            Why::ContentGone => {
                write!(f, "the store's files are there but its content is gone or unreadable")
            }
            Why::RestoreUnfinished(from) => write!(f, "a restore from {from} did not finish"),
            Why::ChangeUnfinished(what) => {
                write!(f, "a change of {what} stopped half-way, and what it replaced cannot be read back")
            }
            Why::NotARegularFile => write!(f, "it is not a regular file (a pipe, a device or a socket)"),
            Why::TooLarge(mib) => write!(f, "it is larger than a backup can be ({mib} MiB)"),
            Why::PermissionDenied => write!(f, "permission denied"),
            Why::NotOwner(uid) => write!(f, "its files belong to another account (uid {uid})"),
            Why::Link => write!(f, "it is a symbolic link, not a directory of the store's own"),
            Why::Inadmissible(i) => write!(f, "record {}, field {}: {:?}", i.record, i.field, i.flaw),
            Why::ReadOnlyFilesystem => write!(f, "the disk is read-only"),
            Why::NotFound => write!(f, "it does not exist"),
            Why::Other(text) => write!(f, "{text}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// Another pilotage has the store open.
    Busy { path: PathBuf },
    /// The path exists but holds something else than a pilotage store.
    NotAStore { path: PathBuf, detail: Why },
    /// The store is there but cannot be read whole: restore a backup.
    Damaged { path: PathBuf, detail: Why },
    /// The disk refused: permissions, space, a missing directory.
    Io { path: PathBuf, detail: Why },
    /// A backup file that cannot be used.
    BadBackup { path: PathBuf, detail: Why },
    /// A write refused before anything was written: the store could not have read it back.
    Refused { path: PathBuf, detail: Why },
    /// The disk holding the store is full: the write did not happen, what was saved is intact.
    DiskFull { path: PathBuf },
}

impl StoreError {
    pub fn path(&self) -> &Path {
        match self {
            StoreError::Busy { path }
            | StoreError::NotAStore { path, .. }
            | StoreError::Damaged { path, .. }
            | StoreError::Io { path, .. }
            | StoreError::BadBackup { path, .. }
            | StoreError::Refused { path, .. }
            | StoreError::DiskFull { path } => path,
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Busy { path } => write!(f, "store {} is in use by another pilotage", path.display()),
            StoreError::NotAStore { path, detail } => {
                write!(f, "{} is not a pilotage store: {detail}", path.display())
            }
            StoreError::Damaged { path, detail } => {
                write!(f, "store {} is damaged: {detail}", path.display())
            }
            StoreError::Io { path, detail } => write!(f, "store {}: {detail}", path.display()),
            StoreError::BadBackup { path, detail } => write!(f, "backup {}: {detail}", path.display()),
            StoreError::Refused { path, detail } => {
                write!(f, "nothing was written to store {}: {detail}", path.display())
            }
            StoreError::DiskFull { path } => {
                write!(f, "the disk holding store {} is full: nothing was written", path.display())
            }
        }
    }
}

impl std::error::Error for StoreError {}

pub struct Store {
    /// Held while writing, and forever once the process is stopping.
    write_lock: std::sync::Mutex<()>,
    db: sled::Db,
    records: sled::Tree,
    audit: sled::Tree,
    meta: sled::Tree,
    snapshot: sled::Tree,
    /// While a large commit is written in parts: what each part replaced, so that a commit cut
    /// half-way is undone at the next open. Keys: a record's key; values: the version, then 0
    /// for "there was none" or 1 and the old value. Its audit lines are those from the one
    /// its marker names on (nothing else writes while the store's lock is held).
    journal: sled::Tree,
    /// The audit trail by record: `[record key][0xff][audit key]` → whose the record was when
    /// the line was written (a [`Reach`]), so that a record's history is a lookup and a role
    /// reads only the lines it could see then. Derived from the trail; complete once
    /// [`META_AUDIT_INDEX`] is set (stores made before it are indexed by
    /// [`Store::ensure_audit_index`]).
    audit_index: sled::Tree,
    path: PathBuf,
    /// The audit keys this process has written, oldest first: what a backup begun earlier
    /// leaves out (see [`PendingBackup`]).
    written: std::sync::Arc<std::sync::Mutex<Vec<[u8; 8]>>>,
    /// What [`Store::open`] found half-written and undid.
    undone: Option<String>,
    /// This process's lock on the store (see [`Store::lock`]); last, so it is let go after
    /// the database is closed.
    _lock: fs::File,
}

/// The file a pilotage locks while it has the store open.
const LOCK_FILE: &str = "pilotage.lock";

fn kind_tag(kind: RecordKind) -> u8 {
    RecordKind::ALL.iter().position(|k| *k == kind).map_or(0, |i| i as u8 + 1)
}

fn kind_of_tag(tag: u8) -> Option<RecordKind> {
    RecordKind::ALL.get(usize::from(tag).checked_sub(1)?).copied()
}

/// `[kind tag][slug or big-endian id]`: records of a kind sit together, in id order.
pub fn key_bytes(key: &RecordKey) -> Vec<u8> {
    let mut out = vec![kind_tag(key.kind())];
    match key {
        RecordKey::Establishment(id) => out.extend_from_slice(id.as_bytes()),
        RecordKey::Id(_, id) => out.extend_from_slice(&id.to_be_bytes()),
    }
    out
}

/// The key of [`key_bytes`]' bytes; `None` for bytes no key makes.
pub fn key_of_bytes(bytes: &[u8]) -> Option<RecordKey> {
    let (&tag, rest) = bytes.split_first()?;
    match kind_of_tag(tag)? {
        RecordKind::Establishment => Some(RecordKey::Establishment(String::from_utf8(rest.to_vec()).ok()?)),
        kind => Some(RecordKey::Id(kind, u64::from_be_bytes(rest.try_into().ok()?))),
    }
}

/// Runs sled code, turning its panics (it has a few on damaged files) into an error. The panic
/// hook installed by `main` stays quiet for these, so no trace reaches the user.
fn contain<T>(path: &Path, f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
    CONTAINED.with(|c| c.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(false));
    // What sled says as it stops ("file offset None backtrace ()") means nothing to the user:
    // its files do not read back.
    result.unwrap_or_else(|_| {
        Err(StoreError::Damaged { path: path.to_path_buf(), detail: Why::FilesDoNotReadBack })
    })
}

thread_local! {
    static CONTAINED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the current thread is inside store code whose panics are contained.
pub fn panic_is_contained() -> bool {
    CONTAINED.with(|c| c.get())
}

fn transaction_error(path: &Path, e: sled::transaction::TransactionError<()>) -> StoreError {
    match e {
        sled::transaction::TransactionError::Storage(e) => sled_error(path, e),
        // Nothing in this module aborts a transaction on purpose.
        sled::transaction::TransactionError::Abort(()) => {
            StoreError::Io { path: path.to_path_buf(), detail: Why::Other("write aborted".into()) }
        }
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |e| io_error(path, &e)
}

/// An error of the disk in plain words: a full disk is said as such, and an error sled has
/// copied (as the text of its debug form) is told by its kind.
pub fn io_error(path: &Path, e: &std::io::Error) -> StoreError {
    let path = path.to_path_buf();
    match e.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => StoreError::DiskFull { path },
        // sled copies an error as the text of its debug form: its kind says it in words.
        std::io::ErrorKind::PermissionDenied => StoreError::Io { path, detail: Why::PermissionDenied },
        std::io::ErrorKind::ReadOnlyFilesystem => StoreError::Io { path, detail: Why::ReadOnlyFilesystem },
        std::io::ErrorKind::NotFound => StoreError::Io { path, detail: Why::NotFound },
        kind if e.to_string().starts_with("Os {") => {
            StoreError::Io { path, detail: Why::Other(kind.to_string()) }
        }
        _ => StoreError::Io { path, detail: Why::Other(e.to_string()) },
    }
}

fn sled_error(path: &Path, e: sled::Error) -> StoreError {
    let path = path.to_path_buf();
    match e {
        sled::Error::Io(io) => io_error(&path, &io),
        sled::Error::Corruption { .. } => StoreError::Damaged { path, detail: Why::FilesDoNotReadBack },
        other => StoreError::Damaged { path, detail: Why::Other(other.to_string()) },
    }
}

/// The first file or directory in the store's directory (the directory included) that
/// belongs to another account than this process's: a pilotage run by root on a service's
/// store would leave files the service cannot open. Sockets are left aside (a server's, gone).
fn foreign_owner(path: &Path) -> Option<u32> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let me = nix::unistd::geteuid().as_raw();
    let dir = fs::symlink_metadata(path).ok()?;
    if dir.uid() != me {
        return Some(dir.uid());
    }
    fs::read_dir(path).ok()?.flatten().find_map(|entry| {
        let meta = entry.metadata().ok()?;
        (!meta.file_type().is_socket() && meta.uid() != me).then_some(meta.uid())
    })
}

/// Whether `file` can be a backup: a regular file, no larger than a backup can be (/dev/zero
/// was read until memory ran out, a named pipe waited for ever).
pub fn check_backup_file(file: &Path) -> Result<(), StoreError> {
    let refused = |detail: Why| StoreError::BadBackup { path: file.into(), detail };
    let meta = fs::metadata(file).map_err(|e| match io_error(file, &e) {
        StoreError::Io { detail, .. } => refused(detail),
        _ => refused(Why::Other(e.to_string())),
    })?;
    if !meta.is_file() {
        return Err(refused(Why::NotARegularFile));
    }
    if meta.len() > codec::MAX_BACKUP_BYTES as u64 {
        return Err(refused(Why::TooLarge(codec::MAX_BACKUP_BYTES >> 20)));
    }
    Ok(())
}

/// Refuses a store whose files belong to another account than this process's: opening it
/// would leave files its owner cannot open (see [`foreign_owner`]).
pub fn check_owner(path: &Path) -> Result<(), StoreError> {
    match foreign_owner(path) {
        Some(uid) => Err(StoreError::Io { path: path.into(), detail: Why::NotOwner(uid) }),
        None => Ok(()),
    }
}

/// Makes `dir` (owner-only) where it is missing, and checks it is what it should be: a
/// directory of this account's own, not a link planted to send the store's copies elsewhere.
pub fn own_private_dir(dir: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::MetadataExt;
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_private_dir(dir).map_err(io(dir))?,
        Err(e) => return Err(io(dir)(e)),
        Ok(_) => {}
    }
    let meta = fs::symlink_metadata(dir).map_err(io(dir))?;
    let refused = |detail| StoreError::Io { path: dir.to_path_buf(), detail };
    if meta.file_type().is_symlink() {
        return Err(refused(Why::Link));
    }
    if !meta.is_dir() {
        return Err(refused(Why::IsAFile));
    }
    if meta.uid() != nix::unistd::geteuid().as_raw() {
        return Err(refused(Why::NotOwner(meta.uid())));
    }
    Ok(())
}

/// Creates a directory readable by its owner only (the data is confidential).
pub fn create_private_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

/// Options that open a file for writing, created readable by its owner only.
fn private_options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// A file name in `dir` that nothing else has, `STEM.EXT` or else `STEM-2.EXT`, `STEM-3.EXT`…,
/// reserved by creating the file (empty, owner-only) so that two runs in the same second never
/// pick the same: a safety copy is never overwritten.
pub fn reserve_new_file(dir: &Path, stem: &str, ext: &str) -> std::io::Result<PathBuf> {
    for n in 1..10_000 {
        let name = if n == 1 { format!("{stem}.{ext}") } else { format!("{stem}-{n}.{ext}") };
        let path = dir.join(name);
        let mut options = private_options();
        options.create_new(true);
        match options.open(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!("no free name for {stem}.{ext} in {}", dir.display())))
}

/// Writes a file readable by its owner only, through a temporary file renamed into place and
/// synced, so a crash leaves either the old file or the whole new one.
pub fn write_private_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_private_file_with(path, |file| file.write_all(bytes))
}

/// [`write_private_file`], with the content written by `write` (through a buffer).
pub fn write_private_file_with(
    path: &Path,
    write: impl FnOnce(&mut PrivateFile) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut file = PrivateFile::create(path)?;
    write(&mut file)?;
    file.commit()
}

/// A file readable by its owner only, written beside its name (as `NAME.partial`) and put in
/// place whole by [`PrivateFile::commit`]; dropped before that, it leaves nothing.
pub struct PrivateFile {
    path: PathBuf,
    tmp: PathBuf,
    out: Option<std::io::BufWriter<fs::File>>,
}

impl PrivateFile {
    pub fn create(path: &Path) -> std::io::Result<PrivateFile> {
        let tmp = path.with_extension("partial");
        // A leftover, or a symlink someone put in its place, is removed (the link itself, not
        // what it points to), and the file is created anew, never opened through a link.
        match fs::remove_file(&tmp) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut options = private_options();
        options.create_new(true);
        let out = Some(std::io::BufWriter::with_capacity(64 << 10, options.open(&tmp)?));
        Ok(PrivateFile { path: path.to_path_buf(), tmp, out })
    }

    /// Syncs the file, renames it into place and syncs its directory.
    pub fn commit(mut self) -> std::io::Result<()> {
        let Some(out) = self.out.take() else { return Ok(()) };
        let written = (|| {
            let file = out.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            drop(file);
            fs::rename(&self.tmp, &self.path)
        })();
        if written.is_err() {
            fs::remove_file(&self.tmp).ok();
        }
        written?;
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::File::open(dir).and_then(|d| d.sync_all()).ok();
        }
        Ok(())
    }

    fn out(&mut self) -> std::io::Result<&mut std::io::BufWriter<fs::File>> {
        self.out.as_mut().ok_or_else(|| std::io::Error::other("file already closed"))
    }
}

impl Write for PrivateFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out()?.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.out()?.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out()?.flush()
    }
}

impl Drop for PrivateFile {
    fn drop(&mut self) {
        if self.out.take().is_some() {
            fs::remove_file(&self.tmp).ok();
        }
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the store at `path`, creating it (with `initial` data) when the directory does
    /// not exist or is empty.
    pub fn open(path: &Path, initial: impl FnOnce() -> Dataset) -> Result<Store, StoreError> {
        Store::open_waiting(path, initial, 100)
    }

    /// [`Store::open`], waiting for a store busy a moment ago at most `patience` times 10 ms
    /// (a UI that will be a server's client anyway does not wait a whole second).
    pub fn open_waiting(
        path: &Path,
        initial: impl FnOnce() -> Dataset,
        patience: u32,
    ) -> Result<Store, StoreError> {
        let fresh = match fs::read_dir(path) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
                return Err(StoreError::NotAStore { path: path.into(), detail: Why::IsAFile });
            }
            Err(e) => return Err(io(path)(e)),
        };
        if !fresh && !path.join("db").exists() && !path.join("conf").exists() {
            return Err(StoreError::NotAStore { path: path.into(), detail: Why::OtherFiles });
        }
        if !fresh && let Some(uid) = foreign_owner(path) {
            return Err(StoreError::Io { path: path.into(), detail: Why::NotOwner(uid) });
        }
        if fresh {
            create(path, initial)?;
        }
        // sled releases the lock of a database closed a moment ago (by `create`, by this
        // process, by a pilotage that has just quit) a little later, from its own threads: wait
        // for that, briefly, rather than report a store busy that is about to be free.
        let mut attempt = 0;
        let mut store = loop {
            match Store::open_sled(path) {
                Err(StoreError::Busy { .. }) if attempt < patience => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                other => break other?,
            }
        };
        let initialised =
            contain(path, || store.meta.get(META_INITIALISED).map_err(|e| sled_error(path, e)))?;
        if initialised.is_none() {
            // A store is only ever put in place once initialised (see `create`), so one without
            // its marker has lost its content: sled recovers an empty database from a destroyed
            // file. Seeding it again would hide the loss (and the daily backups would then
            // rotate the good copies out).
            return Err(StoreError::Damaged { path: path.into(), detail: Why::ContentGone });
        }
        let restoring = contain(path, || store.meta.get(META_RESTORING).map_err(|e| sled_error(path, e)))?;
        if let Some(from) = restoring {
            return Err(StoreError::Damaged {
                path: path.into(),
                detail: Why::RestoreUnfinished(String::from_utf8_lossy(&from).into_owned()),
            });
        }
        let importing = contain(path, || store.meta.get(META_IMPORTING).map_err(|e| sled_error(path, e)))?;
        if let Some(marker) = importing {
            store.undone = Some(store.undo_unfinished(&marker)?);
        }
        Ok(store)
    }

    /// Takes the store for this process: a lock of pilotage's own, beside sled's files, so
    /// that a store another pilotage has open is told apart from any other failure by the
    /// lock's answer, not by the words of an error.
    fn lock(path: &Path) -> Result<fs::File, StoreError> {
        create_private_dir(path).map_err(io(path))?;
        let lock_path = path.join(LOCK_FILE);
        let file = private_options().create(true).truncate(false).open(&lock_path).map_err(io(&lock_path))?;
        match file.try_lock() {
            Ok(()) => Ok(file),
            Err(fs::TryLockError::WouldBlock) => Err(StoreError::Busy { path: path.to_path_buf() }),
            Err(fs::TryLockError::Error(e)) => Err(io(&lock_path)(e)),
        }
    }

    fn open_sled(path: &Path) -> Result<Store, StoreError> {
        let lock = Store::lock(path)?;
        remove_unfinished_snapshots(path);
        contain(path, || {
            let db = sled::Config::new()
                .path(path)
                .cache_capacity(CACHE_BYTES)
                .mode(sled::Mode::LowSpace)
                // No background flusher: it would wake the process twice a second while idle.
                // Every write is flushed explicitly instead.
                .flush_every_ms(None)
                .open()
                .map_err(|e| match e {
                    // With pilotage's own lock held, sled's lock can only be held a moment
                    // longer by a pilotage that has just closed the store (sled lets it go from
                    // its own threads): busy for now, and tried again (see `Store::open`).
                    sled::Error::Io(io) if io.kind() == std::io::ErrorKind::Other => {
                        StoreError::Busy { path: path.to_path_buf() }
                    }
                    e => sled_error(path, e),
                })?;
            let tree = |name: &str| db.open_tree(name).map_err(|e| sled_error(path, e));
            Ok(Store {
                write_lock: std::sync::Mutex::new(()),
                undone: None,
                written: std::sync::Arc::default(),
                records: tree("records")?,
                audit: tree("audit")?,
                meta: tree("meta")?,
                snapshot: tree("snapshot")?,
                journal: tree("journal")?,
                audit_index: tree("audit_index")?,
                db,
                path: path.to_path_buf(),
                _lock: lock,
            })
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads every record. Any record that cannot be decoded fails the whole load: a
    /// silently shorter data set would be worse than a clear error.
    pub fn load(&self) -> Result<Dataset, StoreError> {
        if let Some(data) = self.load_snapshot() {
            return Ok(data);
        }
        self.load_records()
    }

    /// The snapshot, when it is as new as the records (no commit since it was taken) and
    /// decodes whole; `None` otherwise, and the records are read one by one.
    fn load_snapshot(&self) -> Option<Dataset> {
        self.current_snapshot().and_then(|snapshot| decode_snapshot(&snapshot))
    }

    /// The stored snapshot (its generation first), when no commit came after it.
    fn current_snapshot(&self) -> Option<sled::IVec> {
        let path = &self.path;
        contain(path, || {
            let generation = self.meta.get(META_GENERATION).map_err(|e| sled_error(path, e))?;
            let snapshot = self.snapshot.get(SNAPSHOT).map_err(|e| sled_error(path, e))?;
            let (Some(generation), Some(snapshot)) = (generation, snapshot) else { return Ok(None) };
            Ok((snapshot.len() >= 8 && be_u64(&snapshot) == be_u64(&generation)).then_some(snapshot))
        })
        .ok()
        .flatten()
    }

    /// How many commits the store has seen: the same number, the same records.
    pub fn generation(&self) -> Result<u64, StoreError> {
        let path = &self.path;
        contain(path, || {
            let generation = self.meta.get(META_GENERATION).map_err(|e| sled_error(path, e))?;
            Ok(generation.map_or(0, |g| be_u64(&g)))
        })
    }

    /// Writes the snapshot that lets the next start skip reading every record (on quit, and
    /// after commands that changed much). Skipped silently if a commit is under way.
    pub fn save_snapshot(&self, data: &Dataset) -> Result<(), StoreError> {
        let path = &self.path;
        let Ok(_writing) = self.write_lock.try_lock() else { return Ok(()) };
        contain(path, || {
            let generation = self.meta.get(META_GENERATION).map_err(|e| sled_error(path, e))?;
            let mut value = generation.map_or(0, |g| be_u64(&g)).to_be_bytes().to_vec();
            codec::encode_snapshot_into(&mut value, data.record_count(), data.records());
            self.snapshot.insert(SNAPSHOT, value).map_err(|e| sled_error(path, e))?;
            self.meta.remove(META_SNAPSHOT).map_err(|e| sled_error(path, e))?;
            self.db.flush().map(|_| ()).map_err(|e| sled_error(path, e))
        })
    }

    /// The record stored under `key`, if it decodes and is filed under its own key.
    fn stored_record(&self, key: &[u8], value: &[u8]) -> Result<Record, StoreError> {
        let path = &self.path;
        let kind = key.first().copied().and_then(kind_of_tag).ok_or_else(|| StoreError::Damaged {
            path: path.clone(),
            detail: Why::Other(format!("unknown record key {key:?}")),
        })?;
        let record = codec::decode_record(kind, value).map_err(|e| damaged(path, key, e))?;
        if key_bytes(&record.key()) != key {
            return Err(StoreError::Damaged {
                path: path.clone(),
                detail: Why::Other(format!("record {} is filed under another key", record.key())),
            });
        }
        Ok(record)
    }

    /// Reads every record from the records tree, never from the snapshot: what verifies the
    /// store itself (every value decodes and is filed under its own key).
    pub fn load_records(&self) -> Result<Dataset, StoreError> {
        let path = &self.path;
        contain(path, || {
            let mut loader = Loader::default();
            for item in self.records.iter() {
                let (key, value) = item.map_err(|e| sled_error(path, e))?;
                loader.push(self.stored_record(&key, &value)?);
            }
            Ok(loader.finish())
        })
    }

    /// Writes changes and their audit lines in one transaction, then flushes to disk. Only
    /// when this returns `Ok` may the screen say "saved". `reach`: whose each record is (see
    /// [`Dataset::reach`]), in the order of the changes; a change without one is the
    /// coordinator's. More than [`PART`] changes are written as [`Store::commit_keys`] writes
    /// them.
    pub fn commit(&self, changes: &[Change], reach: &[Reach], user: &str) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        if changes.len() > PART {
            let part = |range: std::ops::Range<usize>| {
                let reach = range.clone().map(|i| reach.get(i).cloned().unwrap_or_else(nobodys)).collect();
                (changes[range].to_vec(), reach)
            };
            return self.commit_in_parts(changes.len(), part, user);
        }
        let path = &self.path;
        let _writing = self.write_lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        contain(path, || {
            let writes = self.writes(changes, reach, user)?;
            (&self.records, &self.audit, &self.meta, &self.audit_index)
                .transaction(|(records, audit, meta, index)| {
                    for w in &writes {
                        match &w.value {
                            Some(v) => records.insert(w.key.as_slice(), v.as_slice())?,
                            None => records.remove(w.key.as_slice())?,
                        };
                        audit.insert(&w.audit_key[..], w.entry.as_slice())?;
                        index.insert(w.index_key.as_slice(), w.reach.as_slice())?;
                    }
                    // Every commit moves the generation on, so a snapshot taken before it is
                    // known to be stale.
                    let generation = meta.get(META_GENERATION)?.map_or(0, |g| be_u64(&g)) + 1;
                    meta.insert(META_GENERATION, &generation.to_be_bytes()[..])?;
                    Ok(())
                })
                .map_err(|e| transaction_error(path, e))?;
            self.db.flush().map_err(|e| sled_error(path, e))?;
            Ok(())
        })
    }

    /// Writes what `data` holds under each of `keys`, deleting the keys it no longer holds: an
    /// import's changes, read from the data rather than copied. All or nothing, as
    /// [`Store::commit`], whatever their number: past [`PART`] they are checked whole, then
    /// written in parts with a journal of what each replaced; a process stopped half-way
    /// leaves the journal, and the next open puts the store back as it was before.
    pub fn commit_keys(&self, data: &Dataset, keys: &[RecordKey], user: &str) -> Result<(), StoreError> {
        // A record no longer there is the coordinator's to remember. Every person's reach at
        // once: one by one, each reads every membership (an import of 100,000 took minutes).
        let reaches = crate::domain::dataset::Reaches::new(data);
        let changes = |range: std::ops::Range<usize>| -> (Vec<Change>, Vec<Reach>) {
            keys[range]
                .iter()
                .map(|k| match data.get(k) {
                    Some(r) => (reaches.reach(data, &r), Change::Put(r)),
                    None => (nobodys(), Change::Delete(k.clone())),
                })
                .map(|(reach, change)| (change, reach))
                .unzip()
        };
        if keys.len() <= PART {
            let (changes, reach) = changes(0..keys.len());
            return self.commit(&changes, &reach, user);
        }
        self.commit_in_parts(keys.len(), changes, user)
    }

    fn commit_in_parts(
        &self,
        count: usize,
        part: impl Fn(std::ops::Range<usize>) -> (Vec<Change>, Vec<Reach>),
        user: &str,
    ) -> Result<(), StoreError> {
        let path = &self.path;
        let failed = |e| sled_error(path, e);
        let parts = || (0..count).step_by(PART).map(|start| start..(start + PART).min(count));
        let _writing = self.write_lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        contain(path, || {
            // Checked whole before anything is written.
            for range in parts() {
                for change in part(range).0 {
                    if let Change::Put(r) = &change {
                        self.check_reads_back(r)?;
                    }
                }
            }
            // A journal left by a commit that finished (it is cleared after its marker goes).
            self.journal.clear().map_err(failed)?;
            let what = format!("{count} changes by {user}");
            for (n, range) in parts().enumerate() {
                let (changes, reach) = part(range);
                let writes = self.writes(&changes, &reach, user)?;
                let marker =
                    writes.first().map(|w| [&[JOURNAL_VERSION][..], &w.audit_key, what.as_bytes()].concat());
                (&self.records, &self.audit, &self.meta, &self.journal, &self.audit_index)
                    .transaction(|(records, audit, meta, journal, index)| {
                        if n == 0
                            && let Some(marker) = &marker
                        {
                            meta.insert(META_IMPORTING, marker.as_slice())?;
                        }
                        for w in &writes {
                            let old = match &w.value {
                                Some(v) => records.insert(w.key.as_slice(), v.as_slice())?,
                                None => records.remove(w.key.as_slice())?,
                            };
                            // The first value replaced is the one to put back.
                            if journal.get(w.key.as_slice())?.is_none() {
                                let undo = match old {
                                    Some(old) => [&[JOURNAL_VERSION, 1][..], &old].concat(),
                                    None => vec![JOURNAL_VERSION, 0],
                                };
                                journal.insert(w.key.as_slice(), undo)?;
                            }
                            audit.insert(&w.audit_key[..], w.entry.as_slice())?;
                            index.insert(w.index_key.as_slice(), w.reach.as_slice())?;
                        }
                        let generation = meta.get(META_GENERATION)?.map_or(0, |g| be_u64(&g)) + 1;
                        meta.insert(META_GENERATION, &generation.to_be_bytes()[..])?;
                        Ok(())
                    })
                    .map_err(|e| transaction_error(path, e))?;
                stop_here_for_tests(n, &self.db);
            }
            self.close_journal()
        })
    }

    /// Ends a commit in parts, written whole or undone: flushed, then its marker removed (from
    /// then on the store stands as it is), then its journal.
    fn close_journal(&self) -> Result<(), StoreError> {
        let failed = |e| sled_error(&self.path, e);
        self.db.flush().map_err(failed)?;
        self.meta.remove(META_IMPORTING).map_err(failed)?;
        self.db.flush().map_err(failed)?;
        self.journal.clear().map_err(failed)?;
        self.db.flush().map_err(failed)?;
        Ok(())
    }

    /// Puts back what a commit in parts replaced, when the process writing it stopped before
    /// its end (its `marker` is still there): the store is as it was before it began.
    /// Returns what it undid, in words.
    fn undo_unfinished(&self, marker: &[u8]) -> Result<String, StoreError> {
        let path = &self.path;
        let failed = |e| sled_error(path, e);
        let (first_audit, what) = match marker.split_first() {
            Some((&JOURNAL_VERSION, rest)) if rest.len() >= 8 => rest.split_at(8),
            _ => (&[][..], marker),
        };
        let what = String::from_utf8_lossy(what).into_owned();
        let bad = || StoreError::Damaged { path: path.clone(), detail: Why::ChangeUnfinished(what.clone()) };
        if first_audit.is_empty() {
            return Err(bad());
        }
        contain(path, || {
            // Undoing twice does no harm: a crash here is undone again at the next open.
            for item in self.journal.iter() {
                let (key, undo) = item.map_err(failed)?;
                match undo.split_first() {
                    Some((&JOURNAL_VERSION, [0])) => {
                        self.records.remove(&key).map_err(failed)?;
                    }
                    Some((&JOURNAL_VERSION, [1, old @ ..])) => {
                        self.records.insert(&key, old).map_err(failed)?;
                    }
                    _ => return Err(bad()),
                }
            }
            for item in self.audit.range(first_audit..) {
                let (key, value) = item.map_err(failed)?;
                if let Some(record) =
                    codec::decode::<AuditEntry>(&value).ok().and_then(|e| RecordKey::parse(&e.record))
                {
                    self.audit_index.remove(index_key(&record, &key)).map_err(failed)?;
                }
                self.audit.remove(key).map_err(failed)?;
            }
            // The snapshot, stamped with a generation before the commit, stays stale.
            let generation = self.meta.get(META_GENERATION).map_err(failed)?.map_or(0, |g| be_u64(&g)) + 1;
            self.meta.insert(META_GENERATION, &generation.to_be_bytes()[..]).map_err(failed)?;
            self.close_journal()
        })?;
        Ok(what)
    }

    /// What the open found half-written and undid, if anything (said once to the user).
    pub fn undone_on_open(&self) -> Option<&str> {
        self.undone.as_deref()
    }

    /// Refuses a record the store could not read back within the codec's limits (a meeting of
    /// 200,000 attendees made a store that did not open again).
    fn check_reads_back(&self, r: &Record) -> Result<Vec<u8>, StoreError> {
        let value = codec::encode_record(r);
        match codec::decode_record(r.kind(), &value) {
            Ok(_) => Ok(value),
            Err(e) => Err(StoreError::Refused {
                path: self.path.clone(),
                detail: Why::Other(format!("record {}: {e}", r.key())),
            }),
        }
    }

    /// What `changes` write: each record's key and value (none to delete), its audit line, and
    /// the line's place in the audit index with the record's reach.
    fn writes(&self, changes: &[Change], reach: &[Reach], user: &str) -> Result<Vec<StoreWrite>, StoreError> {
        let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        changes
            .iter()
            .enumerate()
            .map(|(i, change)| {
                let summary = match change {
                    Change::Put(r) => r.summary(),
                    Change::Delete(_) => String::new(),
                };
                let entry = AuditEntry::for_change(change, at.clone(), user, summary);
                let audit_key = self.db.generate_id().map_err(|e| sled_error(&self.path, e))?.to_be_bytes();
                self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(audit_key);
                let value = match change {
                    Change::Put(r) => Some(self.check_reads_back(r)?),
                    Change::Delete(_) => None,
                };
                let reach = reach.get(i).cloned().unwrap_or_else(nobodys);
                Ok(StoreWrite {
                    key: key_bytes(&change.key()),
                    value,
                    audit_key,
                    entry: codec::encode(&entry),
                    index_key: index_key(&change.key(), &audit_key),
                    reach: codec::encode(&reach),
                })
            })
            .collect()
    }

    /// A record's audit lines, oldest first, each with whose the record was when it was
    /// written: a lookup in the audit index. `None` while the index is incomplete (a store made
    /// before it, until [`Store::ensure_audit_index`]).
    pub fn history(&self, record: &RecordKey) -> Result<Option<Vec<(AuditEntry, Reach)>>, StoreError> {
        let path = &self.path;
        contain(path, || {
            if self.meta.get(META_AUDIT_INDEX).map_err(|e| sled_error(path, e))?.is_none() {
                return Ok(None);
            }
            let mut prefix = key_bytes(record);
            prefix.push(INDEX_SEPARATOR);
            let mut out = Vec::new();
            for item in self.audit_index.scan_prefix(&prefix) {
                let (key, reach) = item.map_err(|e| sled_error(path, e))?;
                let audit_key = &key[prefix.len()..];
                // A line undone after a cut commit may leave its index entry: nothing to show.
                let Some(line) = self.audit.get(audit_key).map_err(|e| sled_error(path, e))? else {
                    continue;
                };
                let entry = codec::decode::<AuditEntry>(&line).map_err(|e| damaged(path, audit_key, e))?;
                let reach = codec::decode::<Reach>(&reach).map_err(|e| damaged(path, &key, e))?;
                out.push((entry, reach));
            }
            Ok(Some(out))
        })
    }

    /// Indexes every audit line not yet in the audit index, each with the reach its record
    /// has in `data` now (a record gone since is the coordinator's): what a store made before
    /// the index needs once. Returns how many lines it indexed.
    pub fn ensure_audit_index(&self, data: &Dataset) -> Result<usize, StoreError> {
        let path = &self.path;
        let failed = |e| sled_error(path, e);
        let _writing = self.write_lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        contain(path, || {
            if self.meta.get(META_AUDIT_INDEX).map_err(failed)?.is_some() {
                return Ok(0);
            }
            let reaches = crate::domain::dataset::Reaches::new(data);
            let mut count = 0;
            let mut batch = sled::Batch::default();
            for item in self.audit.iter() {
                let (audit_key, line) = item.map_err(failed)?;
                let entry = codec::decode::<AuditEntry>(&line).map_err(|e| damaged(path, &audit_key, e))?;
                let Some(record) = RecordKey::parse(&entry.record) else { continue };
                let reach = data.get(&record).map_or_else(nobodys, |r| reaches.reach(data, &r));
                batch.insert(index_key(&record, &audit_key), codec::encode(&reach));
                count += 1;
                if count % 10_000 == 0 {
                    self.audit_index.apply_batch(std::mem::take(&mut batch)).map_err(failed)?;
                }
            }
            self.audit_index.apply_batch(batch).map_err(failed)?;
            self.meta.insert(META_AUDIT_INDEX, &[1u8][..]).map_err(failed)?;
            self.db.flush().map_err(failed)?;
            Ok(count)
        })
    }

    /// The audit trail, oldest first.
    pub fn audit_trail(&self) -> Result<Vec<AuditEntry>, StoreError> {
        let path = &self.path;
        contain(path, || {
            self.audit
                .iter()
                .map(|item| {
                    let (key, value) = item.map_err(|e| sled_error(path, e))?;
                    codec::decode(&value).map_err(|e| damaged(path, &key, e))
                })
                .collect()
        })
    }

    /// Each line of the audit trail in order, handed to `each` as it is read: the whole trail
    /// is never held (at 100,000 changes it is tens of megabytes of strings).
    pub fn audit_each(&self, mut each: impl FnMut(AuditEntry)) -> Result<(), StoreError> {
        let path = &self.path;
        contain(path, || {
            for item in self.audit.iter() {
                let (key, value) = item.map_err(|e| sled_error(path, e))?;
                each(codec::decode(&value).map_err(|e| damaged(path, &key, e))?);
            }
            Ok(())
        })
    }

    /// Size of the store's files on disk.
    pub fn size_on_disk(&self) -> u64 {
        self.db.size_on_disk().unwrap_or(0)
    }

    /// Replaces the whole content of the store with a backup, after checking every record
    /// in it decodes. Returns the number of records restored.
    pub fn restore_from(&self, file: &Path) -> Result<usize, StoreError> {
        let bad = |detail: String| StoreError::BadBackup { path: file.into(), detail: Why::Other(detail) };
        let refused = |detail: Why| StoreError::BadBackup { path: file.into(), detail };
        check_backup_file(file)?;
        let too_large = || refused(Why::TooLarge(codec::MAX_BACKUP_BYTES >> 20));
        let mut bytes = Vec::new();
        {
            use std::io::Read;
            let opened = fs::File::open(file).map_err(|e| bad(e.to_string()))?;
            opened
                .take(codec::MAX_BACKUP_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| bad(e.to_string()))?;
        }
        if bytes.len() > codec::MAX_BACKUP_BYTES {
            return Err(too_large());
        }
        let entries = codec::decode_backup(&bytes).map_err(|e| bad(e.to_string()))?;
        let mut records = 0;
        for (tree, key, value) in &entries {
            match tree.as_str() {
                "records" => {
                    let kind = key
                        .first()
                        .copied()
                        .and_then(kind_of_tag)
                        .ok_or_else(|| bad("unknown record key".into()))?;
                    let record = codec::decode_record(kind, value).map_err(|e| bad(e.to_string()))?;
                    // Through the same door as every other write.
                    crate::domain::admission::admit(&record)
                        .map_err(|i| refused(Why::Inadmissible(Box::new(i))))?;
                    records += 1;
                }
                "audit" => {
                    codec::decode::<AuditEntry>(value).map_err(|e| bad(e.to_string()))?;
                }
                "meta" => {}
                other => return Err(bad(format!("unknown tree {other}"))),
            }
        }
        let path = &self.path;
        contain(path, || {
            let failed = |e| sled_error(path, e);
            // Not one transaction: sled's took 1 GiB to restore 100,000 records. A marker says
            // a restore is under way, so a store a crash leaves half-restored reads as damaged,
            // and `restore` is run again, rather than as a shorter data set.
            self.meta.insert(META_RESTORING, file.to_string_lossy().as_bytes()).map_err(failed)?;
            self.db.flush().map_err(failed)?;
            let before = self.meta.get(META_GENERATION).map_err(failed)?.map_or(0, |g| be_u64(&g));
            // The snapshot goes first: it would otherwise show the old content, were the
            // restored generation to be the one it was stamped with.
            self.snapshot.clear().map_err(failed)?;
            self.journal.clear().map_err(failed)?;
            self.records.clear().map_err(failed)?;
            self.audit.clear().map_err(failed)?;
            // The index is the trail's, rebuilt from the restored one when next needed.
            self.audit_index.clear().map_err(failed)?;
            let meta_keys: Vec<sled::IVec> =
                self.meta.iter().keys().collect::<Result<_, _>>().map_err(failed)?;
            for key in meta_keys.iter().filter(|k| k.as_ref() != META_RESTORING) {
                self.meta.remove(key).map_err(failed)?;
            }
            // The audit lines take new keys from this store, in their order: the keys they had
            // came from another store's counter (a store made anew to restore into starts at 0),
            // and the next changes here would overwrite them.
            let mut audit_lines: Vec<(&[u8], &[u8])> = Vec::new();
            for (tree, key, value) in &entries {
                match tree.as_str() {
                    "records" => {
                        self.records.insert(key.as_slice(), value.as_slice()).map_err(failed)?;
                    }
                    "audit" => audit_lines.push((key.as_slice(), value.as_slice())),
                    _ if key.as_slice() == META_RESTORING || key.as_slice() == META_AUDIT_INDEX => {}
                    _ => {
                        self.meta.insert(key.as_slice(), value.as_slice()).map_err(failed)?;
                    }
                }
            }
            // A restore is a change like a commit: the generation moves on past both the store's
            // and the backup's, so that nothing that read the store before takes it as unchanged.
            let restored = self.meta.get(META_GENERATION).map_err(failed)?.map_or(0, |g| be_u64(&g));
            let generation = before.max(restored) + 1;
            self.meta.insert(META_GENERATION, &generation.to_be_bytes()[..]).map_err(failed)?;
            audit_lines.sort_unstable_by_key(|(key, _)| *key);
            for (_, value) in audit_lines {
                let key = self.db.generate_id().map_err(failed)?.to_be_bytes();
                self.audit.insert(&key[..], value).map_err(failed)?;
            }
            self.db.flush().map_err(failed)?;
            self.meta.remove(META_RESTORING).map_err(failed)?;
            self.db.flush().map_err(failed)?;
            Ok(records)
        })
    }

    /// For a process about to exit: waits for a write under way, flushes, and keeps every
    /// later write out.
    pub fn quiesce(&self) {
        let guard = self.write_lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let _ = self.flush();
        std::mem::forget(guard);
    }

    /// Flushes anything sled still holds in memory (on SIGTERM, SIGHUP or quit).
    pub fn flush(&self) -> Result<(), StoreError> {
        contain(&self.path, || self.db.flush().map(|_| ()).map_err(|e| sled_error(&self.path, e)))
    }
}

/// For the tests of a commit in parts cut half-way: a debug build given
/// `PILOTAGE_TEST_STOP_AFTER_PART=N` flushes part N (from 0) and then stops dead, as a kill
/// would: no destructor runs, nothing more is written (and, unlike an abort, no core file).
fn stop_here_for_tests(part: usize, db: &sled::Db) {
    #[cfg(debug_assertions)]
    if std::env::var("PILOTAGE_TEST_STOP_AFTER_PART").ok().and_then(|v| v.parse().ok()) == Some(part) {
        let _ = db.flush();
        std::process::exit(137);
    }
    #[cfg(not(debug_assertions))]
    let _ = (part, db);
}

/// One change as written: the record's key and value (none: delete it), its audit line's key
/// and value, and the line's entry in the audit index.
struct StoreWrite {
    key: Vec<u8>,
    value: Option<Vec<u8>>,
    audit_key: [u8; 8],
    entry: Vec<u8>,
    index_key: Vec<u8>,
    reach: Vec<u8>,
}

/// Between a record's key and an audit line's in the audit index: a byte no record key holds
/// (an establishment's slug is UTF-8), so that one slug is never the prefix of another's lines.
const INDEX_SEPARATOR: u8 = 0xff;

fn index_key(record: &RecordKey, audit_key: &[u8]) -> Vec<u8> {
    let mut key = key_bytes(record);
    key.push(INDEX_SEPARATOR);
    key.extend_from_slice(audit_key);
    key
}

/// The reach of a record nobody but the coordinator reads the history of.
fn nobodys() -> Reach {
    Reach::Establishments(Vec::new())
}

/// Makes a new store: built and initialised in a hidden sibling directory, then renamed into
/// place. A process killed half-way leaves only that sibling (removed by a later attempt once
/// its process is gone), never a store without its content.
fn create(path: &Path, initial: impl FnOnce() -> Dataset) -> Result<(), StoreError> {
    let name = path.file_name().map_or_else(|| "store".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.creating-");
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    create_private_dir(&parent).map_err(io(&parent))?;
    remove_abandoned(&parent, &prefix);
    let building = parent.join(format!("{prefix}{}", std::process::id()));
    if building.exists() {
        fs::remove_dir_all(&building).map_err(io(&building))?;
    }
    create_private_dir(&building).map_err(io(&building))?;
    {
        let store = Store::open_sled(&building)?;
        let data = initial();
        let changes: Vec<Change> = data.records().map(Change::Put).collect();
        let reaches = crate::domain::dataset::Reaches::new(&data);
        let reach: Vec<Reach> = data.records().map(|r| reaches.reach(&data, &r)).collect();
        // No transaction: nothing sees this store before it is renamed into place, complete.
        // (A transaction of a few thousand writes would cost megabytes for nothing.)
        contain(&building, || {
            let failed = |e| sled_error(&building, e);
            for w in store.writes(&changes, &reach, "pilotage")? {
                if let Some(value) = w.value {
                    store.records.insert(w.key, value).map_err(failed)?;
                }
                store.audit.insert(w.audit_key, w.entry).map_err(failed)?;
                store.audit_index.insert(w.index_key, w.reach).map_err(failed)?;
            }
            store.meta.insert(META_AUDIT_INDEX, &[1u8][..]).map_err(failed)?;
            store.meta.insert(META_GENERATION, &1u64.to_be_bytes()[..]).map_err(failed)?;
            store.meta.insert(META_INITIALISED, &b"1"[..]).map_err(failed)?;
            store.db.flush().map(|_| ()).map_err(failed)
        })?;
    }
    // An empty directory may stand where the store goes (made by the user for --db). A full
    // one is the store another first start put in place meanwhile: this one is not needed,
    // and that one is opened (its lock waited for, see `Store::open`).
    let taken = |e: &std::io::Error| {
        matches!(e.kind(), std::io::ErrorKind::DirectoryNotEmpty | std::io::ErrorKind::AlreadyExists)
    };
    if path.exists() {
        match fs::remove_dir(path) {
            Err(e) if taken(&e) => {
                fs::remove_dir_all(&building).ok();
                return Ok(());
            }
            other => other.map_err(io(path))?,
        }
    }
    match fs::rename(&building, path) {
        Err(e) if taken(&e) => {
            fs::remove_dir_all(&building).ok();
            return Ok(());
        }
        other => other.map_err(io(path))?,
    }
    fs::File::open(&parent).and_then(|d| d.sync_all()).ok();
    Ok(())
}

/// Removes half-built stores left by processes that no longer run (Linux: by their /proc entry).
/// Removes the directories `PREFIX<pid>…` in `parent` whose process no longer runs (Linux:
/// by its /proc entry): half-built stores, and the throwaway stores of killed demos.
pub fn remove_abandoned(parent: &Path, prefix: &str) {
    if !cfg!(target_os = "linux") {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(prefix) else { continue };
        let pid: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !pid.is_empty() && !Path::new("/proc").join(&pid).exists() {
            fs::remove_dir_all(entry.path()).ok();
        }
    }
}

/// Removes the snapshot files sled was still writing when it stopped (`snap.*.generating`):
/// on a full disk it leaves a zero-byte one, and then reads the store as damaged, even once
/// there is space again. A finished snapshot is renamed; one still named so is never whole.
/// Called with the store's lock held, so no sled of another pilotage is writing it.
fn remove_unfinished_snapshots(path: &Path) {
    let Ok(entries) = fs::read_dir(path) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            fs::remove_file(entry.path()).ok();
        }
    }
}

/// Removes what a killed pilotage left half-written among the backups (`*.partial`): called
/// with the store's lock held, so no other pilotage of this store is writing one (at the
/// start, and after a day's backup is finished).
pub fn remove_partials(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().ends_with(".partial") {
            fs::remove_file(entry.path()).ok();
        }
    }
}

/// The dataset in a snapshot (what follows its generation), or `None` if it does not decode.
fn decode_snapshot(snapshot: &[u8]) -> Option<Dataset> {
    codec::decode_dataset(snapshot.get(8..)?).ok()
}

fn damaged(path: &Path, key: &[u8], e: CodecError) -> StoreError {
    StoreError::Damaged { path: path.to_path_buf(), detail: Why::Other(format!("record {key:02x?}: {e}")) }
}

/// The record changes a whole dataset needs to replace another (for import and tests).
pub fn diff(old: &Dataset, new: &Dataset) -> Vec<Change> {
    let old_records: std::collections::BTreeMap<RecordKey, Record> =
        old.records().map(|r| (r.key(), r)).collect();
    let mut changes = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for r in new.records() {
        let key = r.key();
        if old_records.get(&key) != Some(&r) {
            changes.push(Change::Put(r));
        }
        seen.insert(key);
    }
    for key in old_records.into_keys().filter(|k| !seen.contains(k)) {
        changes.push(Change::Delete(key));
    }
    changes
}
