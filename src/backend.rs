//! Where the data is kept: a store this process holds, or the server that holds it for
//! several people. The UI and the commands are written once against a [`Backend`]; `main`
//! only chooses which.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::client::{ClientError, Connection};
use crate::domain::access::{Reach, Role};
use crate::domain::{Change, Dataset, RecordKey};
use crate::i18n::{Lang, Msg};
use crate::store::codec::AuditEntry;
use crate::store::{Store, StoreError};

#[derive(Clone)]
pub enum Backend {
    /// A store this process has open: nobody else writes it.
    Local(Arc<Store>),
    /// The server that holds the store.
    Remote(Arc<Connection>),
}

/// Why the backend did not do something.
#[derive(Debug)]
pub enum BackendError {
    Store(StoreError),
    Server(ClientError),
    /// A backup the server sent that is not a whole, checksummed backup: not written.
    BadBackup(String),
}

impl Backend {
    /// Writes the changes; `Ok` once they are flushed to disk. `bases`: the revisions the
    /// changes started from, for a server to check nobody changed them since (`None` writes
    /// over); `reach`: whose each record is, for the audit index (a server finds it itself).
    pub fn commit(
        &self,
        changes: &[Change],
        bases: Option<Vec<u32>>,
        reach: &[Reach],
        user: &str,
    ) -> Result<(), BackendError> {
        match self {
            Backend::Local(s) => s.commit(changes, reach, user).map_err(BackendError::Store),
            Backend::Remote(c) => c.commit(changes, bases).map_err(BackendError::Server),
        }
    }

    /// Writes what `data` holds under each key (an import, checked whole beforehand): all or
    /// nothing. A server writes over what is there, as a replacing import does.
    pub fn commit_keys(&self, data: &Dataset, keys: &[RecordKey], user: &str) -> Result<(), BackendError> {
        match self {
            Backend::Local(s) => s
                .commit_keys(data, keys, user)
                .and_then(|()| s.save_snapshot(data))
                .map_err(BackendError::Store),
            Backend::Remote(c) => {
                let changes: Vec<Change> = keys
                    .iter()
                    .map(|k| data.get(k).map_or_else(|| Change::Delete(k.clone()), Change::Put))
                    .collect();
                c.commit(&changes, None).map_err(BackendError::Server)
            }
        }
    }

    /// The audit trail's lines about one record, oldest first (a server gives only those the
    /// account may read). A store made before the audit index, which only a server builds,
    /// is read line by line instead: this process holds it, and may read all of it.
    pub fn history(&self, record: &RecordKey) -> Result<Vec<AuditEntry>, BackendError> {
        match self {
            Backend::Local(s) => match s.history(record).map_err(BackendError::Store)? {
                Some(lines) => Ok(lines.into_iter().map(|(e, _)| e).collect()),
                None => {
                    let (name, mut lines) = (record.to_string(), Vec::new());
                    s.audit_each(|e| {
                        if e.record == name {
                            lines.push(e);
                        }
                    })
                    .map_err(BackendError::Store)?;
                    Ok(lines)
                }
            },
            Backend::Remote(c) => c.history(&record.to_string()).map_err(BackendError::Server),
        }
    }

    /// The whole audit trail, oldest first (through a server: what the account may read).
    pub fn trail(&self) -> Result<Vec<AuditEntry>, BackendError> {
        match self {
            Backend::Local(s) => s.audit_trail().map_err(BackendError::Store),
            Backend::Remote(c) => c.trail().map_err(BackendError::Server),
        }
    }

    /// Writes a backup of the whole store to `file`; how many stored values it holds. A
    /// server's bytes are checked to be a whole, checksummed backup before they are written.
    pub fn backup(&self, file: &Path) -> Result<u64, BackendError> {
        match self {
            Backend::Local(s) => s.backup_to(file).map(|n| n as u64).map_err(BackendError::Store),
            Backend::Remote(c) => {
                let (bytes, records) = c.backup().map_err(BackendError::Server)?;
                crate::store::codec::decode_backup(&bytes)
                    .map_err(|e| BackendError::BadBackup(e.to_string()))?;
                crate::store::write_private_file(file, &bytes)
                    .map_err(|e| BackendError::Store(crate::store::io_error(file, &e)))?;
                Ok(records)
            }
        }
    }

    /// Today's daily backup into `dir`, unless it is there already; the file written, if one was.
    pub fn daily_backup(&self, dir: &Path) -> Result<Option<PathBuf>, BackendError> {
        crate::store::daily_backup(dir, |file| self.backup(file).map(|_| ()))
    }

    /// The store's directory: this process's, or the one the server says it serves.
    pub fn store_path(&self) -> PathBuf {
        match self {
            Backend::Local(s) => s.path().to_path_buf(),
            Backend::Remote(c) => PathBuf::from(&c.store),
        }
    }

    /// The role a server gives this account; `None` for a store this process holds itself.
    pub fn role(&self) -> Option<Role> {
        match self {
            Backend::Local(_) => None,
            Backend::Remote(c) => Some(c.role.clone()),
        }
    }
}

impl From<StoreError> for BackendError {
    fn from(e: StoreError) -> BackendError {
        BackendError::Store(e)
    }
}

impl BackendError {
    /// In the user's words and language.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            BackendError::Store(e) => store_words(lang, e),
            BackendError::Server(ClientError::Lost(_) | ClientError::NoServer) => {
                lang.t(Msg::ServerLost).into()
            }
            BackendError::Server(ClientError::Conflict { by, at, .. }) => {
                lang.f(Msg::Conflict, &[by, &crate::i18n::when(lang, at)])
            }
            BackendError::Server(e) => e.words(lang),
            BackendError::BadBackup(why) => lang.f(Msg::ErrBadServerBackup, &[why]),
        }
    }
}

/// A store's refusal in the user's words and language.
pub fn store_words(lang: Lang, e: &StoreError) -> String {
    let path = e.path().display().to_string();
    match e {
        StoreError::DiskFull { .. } => lang.f(Msg::ErrDiskFull, &[&path]),
        StoreError::Refused { detail, .. } => lang.f(Msg::ErrRefused, &[&path, &lang.why(detail)]),
        StoreError::Busy { .. } => lang.f(Msg::ErrBusy, &[&path]),
        StoreError::Io { detail, .. } => lang.f(Msg::ErrIo, &[&path, &lang.why(detail)]),
        StoreError::NotAStore { detail, .. } => lang.f(Msg::ErrNotAStore, &[&path, &lang.why(detail)]),
        StoreError::Damaged { detail, .. } | StoreError::BadBackup { detail, .. } => {
            lang.f(Msg::ErrIo, &[&path, &lang.why(detail)])
        }
    }
}
