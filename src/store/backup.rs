//! Backups: the whole store in one owner-only file, written as the data is loaded, and the
//! automatic one of each day.
//!
//! A backup holds the records as they were loaded (from the snapshot when it is current, so
//! the store is not read twice), then the meta and audit values as they were at that moment.
//! The records are written before the load returns, while their bytes are in hand; the rest
//! is written later (see [`PendingBackup`]): the app does it as the session ends, since
//! reading the audit trail through sled keeps it in memory for the life of the process.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::codec::{self, BackupWriter};
use super::{META_SNAPSHOT, PrivateFile, Store, StoreError, contain, decode_snapshot, sled_error};
use crate::domain::Dataset;

/// A backup whose records are written: [`PendingBackup::finish`] adds the meta and audit
/// values as they were when the data was loaded, and puts the file in place. Dropped
/// unfinished, it leaves no file.
pub struct PendingBackup {
    out: BackupWriter<PrivateFile>,
    file: PathBuf,
    store: PathBuf,
    meta: Vec<(sled::IVec, sled::IVec)>,
    audit: sled::Tree,
    /// The audit keys the store has written, and how many of them it had when the backup
    /// began: the lines of the changes since are left out.
    written: std::sync::Arc<std::sync::Mutex<Vec<[u8; 8]>>>,
    written_before: usize,
    records: usize,
}

impl PendingBackup {
    /// Writes the rest of the backup, syncs it and renames it into place. Returns how many
    /// stored values it holds. Safe while the store takes commits: the audit lines this
    /// process wrote since the backup began are left out.
    pub fn finish(mut self) -> Result<usize, StoreError> {
        let store = self.store.clone();
        let file = self.file.clone();
        contain(&store, move || {
            let to_file = |e: std::io::Error| super::io_error(&file, &e);
            let mut count = self.records;
            for (key, value) in &self.meta {
                self.out.entry("meta", key, value).map_err(to_file)?;
                count += 1;
            }
            let later: std::collections::HashSet<[u8; 8]> = {
                let written = self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                written.get(self.written_before..).unwrap_or_default().iter().copied().collect()
            };
            for item in self.audit.iter() {
                let (key, value) = item.map_err(|e| sled_error(&self.store, e))?;
                if !<[u8; 8]>::try_from(&key[..]).is_ok_and(|k| later.contains(&k)) {
                    self.out.entry("audit", &key, &value).map_err(to_file)?;
                    count += 1;
                }
            }
            self.out.finish().and_then(PrivateFile::commit).map_err(to_file)?;
            Ok(count)
        })
    }
}

impl Store {
    /// Loads the data, as [`Store::load`] does (or [`Store::load_records`] when `verify`), and
    /// begins a backup of it in `file`: the records are written from the bytes just read, so
    /// a backup costs the start a write, not a second reading of the store. A store that does
    /// not load makes no backup. The backup can fail on its own (a full disk): the data is
    /// returned anyway, with the reason.
    pub fn load_backing_up(
        &self,
        file: &Path,
        verify: bool,
    ) -> Result<(Dataset, Result<PendingBackup, StoreError>), StoreError> {
        if !verify
            && let Some(snapshot) = self.current_snapshot()
            && let Some(data) = decode_snapshot(&snapshot)
        {
            let pending = self.begin_backup(file, &snapshot[8..], data.record_count());
            return Ok((data, pending));
        }
        let data = self.load_records()?;
        let mut snapshot = Vec::new();
        codec::encode_snapshot_into(&mut snapshot, data.record_count(), data.records());
        let pending = self.begin_backup(file, &snapshot, data.record_count());
        Ok((data, pending))
    }

    /// Writes a backup of the whole store to `file` (owner-only, put in place whole), reading
    /// every record from the records tree: a damaged store makes no backup. Returns how many
    /// stored values it holds.
    pub fn backup_to(&self, file: &Path) -> Result<usize, StoreError> {
        let (_, pending) = self.load_backing_up(file, true)?;
        pending?.finish()
    }

    /// Opens `file` and writes the records into it (`snapshot`, as the codec makes it).
    fn begin_backup(
        &self,
        file: &Path,
        snapshot: &[u8],
        records: usize,
    ) -> Result<PendingBackup, StoreError> {
        let path = &self.path;
        // What the backup holds besides the records, as it is now: nothing commits during a load.
        let meta = contain(path, || {
            let mut meta = Vec::new();
            for item in self.meta.iter() {
                let (key, value) = item.map_err(|e| sled_error(path, e))?;
                // Where stores made before 2026-11 kept the snapshot, and the audit index's
                // mark: caches, not data (the index is rebuilt from the restored trail).
                if key != META_SNAPSHOT && key != super::META_AUDIT_INDEX {
                    meta.push((key, value));
                }
            }
            Ok(meta)
        })?;
        // (Not the audit trail's last key: sled's reverse iterator brings a 1 MiB constant
        // into the binary.)
        let written_before = self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).len();
        let out = PrivateFile::create(file)
            .and_then(|f| BackupWriter::new(f, snapshot))
            .map_err(|e| super::io_error(file, &e))?;
        Ok(PendingBackup {
            out,
            file: file.into(),
            store: path.clone(),
            meta,
            audit: self.audit.clone(),
            written: std::sync::Arc::clone(&self.written),
            written_before,
            records,
        })
    }
}

/// The file name of the automatic backup of `day`.
fn daily_backup_name(day: NaiveDate) -> String {
    format!("pilotage-{}.backup", day.format("%Y-%m-%d"))
}

/// The day the daily backups go by: the clock's, whatever `--today` pretends (a pretended
/// future would rotate the real backups out). Debug builds let the tests set it
/// (`PILOTAGE_TEST_CLOCK`), as they do the panic key.
pub fn backup_day() -> NaiveDate {
    #[cfg(debug_assertions)]
    if let Some(day) =
        std::env::var("PILOTAGE_TEST_CLOCK").ok().and_then(|v| crate::domain::date::parse_date(&v))
    {
        return day;
    }
    chrono::Local::now().date_naive()
}

/// Today's backup into `dir`, written by `write` (a store's own, or a server's sent), unless
/// it is there already: the file written, if one was. What a UI and a server do past midnight.
pub fn daily_backup<E: From<StoreError>>(
    dir: &Path,
    write: impl FnOnce(&Path) -> Result<(), E>,
) -> Result<Option<PathBuf>, E> {
    let Some(file) = daily_backup_due(dir, backup_day())? else { return Ok(None) };
    write(&file)?;
    Ok(Some(file))
}

/// Where the automatic backup of `today` goes in `dir` (made, owner-only, if missing), or
/// `None` when it is written already: one a day, taken before the day's first change.
pub fn daily_backup_due(dir: &Path, today: NaiveDate) -> Result<Option<PathBuf>, StoreError> {
    super::own_private_dir(dir)?;
    let file = dir.join(daily_backup_name(today));
    Ok((!file.exists()).then_some(file))
}

/// Keeps the newest `keep` (at least one) automatic backups in `dir`, and removes the partial
/// files of any a process did not live to finish (see [`super::remove_partials`]).
pub fn prune_backups(dir: &Path, keep: usize) {
    super::remove_partials(dir);
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut existing = Vec::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        if name.starts_with("pilotage-") && name.ends_with(".backup") {
            existing.push(path);
        }
    }
    existing.sort();
    let excess = existing.len().saturating_sub(keep.max(1));
    for old in existing.into_iter().take(excess) {
        std::fs::remove_file(&old).ok();
    }
}
