//! The non-interactive commands.

pub mod commands;
pub mod local;
pub mod report;
pub mod transfer;
pub mod users;

use std::path::Path;

use chrono::NaiveDate;

use crate::store::codec::AuditEntry;

/// Exit codes, documented in docs/user-guide.md ("Commands and flags") and `--help`.
pub mod exit {
    /// Done; for `check`, nothing needs attention.
    pub const OK: i32 = 0;
    /// `check` found items that need attention.
    pub const ATTENTION: i32 = 1;
    /// Bad arguments (clap's own code).
    pub const USAGE: i32 = 2;
    /// The store is in use by another pilotage.
    pub const BUSY: i32 = 3;
    /// The store cannot be opened or read: damaged, not a store, or the disk refused.
    pub const STORE: i32 = 4;
    /// An import or backup file was refused; nothing was changed.
    pub const BAD_INPUT: i32 = 5;
    /// The terminal could not be set up for the UI (not a terminal, refused raw mode): nothing
    /// was shown and nothing changed.
    pub const TERMINAL: i32 = 6;
    /// Stopped by SIGHUP (a dropped terminal or SSH session), after saving: 128 + 1.
    pub const HANGUP: i32 = 129;
    /// Stopped by SIGINT: 128 + 2.
    pub const INTERRUPTED: i32 = 130;
    /// Stopped by SIGTERM, after saving: 128 + 15.
    pub const TERMINATED: i32 = 143;
}

/// The audit lines that match `record` (a kind such as `person`, or `person:12`) and `since`.
pub fn filter_log<'a>(
    trail: &'a [AuditEntry],
    record: Option<&str>,
    since: Option<NaiveDate>,
) -> Vec<&'a AuditEntry> {
    trail
        .iter()
        .filter(|e| match record {
            None => true,
            Some(r) if r.contains(':') => e.record == r,
            Some(kind) => e.record.split(':').next() == Some(kind),
        })
        .filter(|e| since.is_none_or(|s| crate::domain::date::local_day(&e.at).is_some_and(|d| d >= s)))
        .collect()
}

/// The newest automatic backup in a directory, to name in error messages.
pub fn latest_backup(dir: &Path) -> Option<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "backup"))
        .collect();
    files.sort();
    files.pop()
}
