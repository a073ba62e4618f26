//! What `update` asks of the world, and the answer it gets back. `update` changes the app's
//! state and returns; the loop ([`crate::run::run`]) runs each [`Effect`], inline for a store
//! this process holds, on a thread of its own for a server (so a server that stops answering
//! never stops the keys), and hands its answer back as a [`Done`], which [`App::finish`]
//! applies. What a save needs travels inside the effect and what waits for its answer is the
//! app's [`InFlight`]: no flag is left for the next call to find.

use std::path::PathBuf;

use crate::backend::{Backend, BackendError};
use crate::domain::access::Reach;
use crate::domain::{Change, RecordKey};
use crate::store::codec::AuditEntry;

use super::App;

/// Work for the loop to do off the key path.
pub enum Effect {
    /// Write these changes, flushed, before the screen says "saved".
    Commit {
        backend: Backend,
        changes: Vec<Change>,
        /// The revisions the changes started from; `None` writes over (the user chose to).
        bases: Option<Vec<u32>>,
        reach: Vec<Reach>,
        user: String,
    },
    /// The audit trail's lines about one record, for its history.
    History { backend: Backend, record: RecordKey },
    /// Today's backup into `dir`, past midnight, unless it is there already. Nothing waits
    /// for it on screen.
    Backup { backend: Backend, dir: PathBuf },
}

/// An effect's answer.
#[derive(Debug)]
pub enum Done {
    Committed(Result<(), BackendError>),
    History {
        record: RecordKey,
        lines: Result<Vec<AuditEntry>, BackendError>,
    },
    /// The file the day's backup went to, if it was due.
    BackedUp(Result<Option<PathBuf>, BackendError>),
}

impl Effect {
    /// Does the work, waiting for it (a server's request has a time limit).
    pub fn run(self) -> Done {
        match self {
            Effect::Commit { changes, .. } if changes.is_empty() => Done::Committed(Ok(())),
            Effect::Commit { backend, changes, bases, reach, user } => {
                Done::Committed(backend.commit(&changes, bases, &reach, &user))
            }
            Effect::History { backend, record } => {
                let lines = backend.history(&record);
                Done::History { record, lines }
            }
            Effect::Backup { backend, dir } => Done::BackedUp(backend.daily_backup(&dir)),
        }
    }

    /// Whether the screen waits for its answer (and says so when it is slow).
    pub fn awaited(&self) -> bool {
        !matches!(self, Effect::Backup { .. })
    }

    /// Its answer when the work ended without one (its thread died): a lost connection.
    pub fn unanswered(&self) -> Done {
        let lost = || BackendError::Server(crate::client::ClientError::Lost("no answer".into()));
        match self {
            Effect::Commit { .. } => Done::Committed(Err(lost())),
            Effect::History { record, .. } => Done::History { record: record.clone(), lines: Err(lost()) },
            Effect::Backup { .. } => Done::BackedUp(Err(lost())),
        }
    }
}

/// A save sent and not yet answered: what its answer is applied to.
pub(crate) struct InFlight {
    /// How the change is named in "saved" and in undo.
    pub label: String,
    pub changes: Vec<Change>,
    /// For an undo or a redo, how many changes by others had been heard of when the change
    /// was made: a refused one goes back on its stack with it.
    pub undoing: Option<Reverting>,
    /// "Waiting for the server" has been said.
    pub slow: bool,
    /// A save made before the server this UI started listened: sent once it does.
    pub parked: Option<Parked>,
}

/// What a commit needs beside its backend and its changes, kept while there is no backend yet.
pub(crate) struct Parked {
    pub bases: Option<Vec<u32>>,
    pub reach: Vec<Reach>,
    pub user: String,
}

/// An undo or a redo on its way, with how many changes by others had been heard of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reverting {
    Undo(u64),
    Redo(u64),
}

impl App {
    /// The next effect `update` asked for, for the loop to run.
    pub fn take_effect(&mut self) -> Option<Effect> {
        if self.session.effects.is_empty() { None } else { Some(self.session.effects.remove(0)) }
    }

    /// Runs every effect asked for, inline, and applies the answers: for callers that drive
    /// the app without the loop (a fuzzer, unit tests).
    pub fn settle(&mut self) {
        while let Some(effect) = self.take_effect() {
            self.finish(effect.run());
        }
    }

    /// The save made while the server this UI started was still starting, sent now that it
    /// listens; or, when it never came, answered as lost.
    pub(super) fn unpark(&mut self) {
        let Some(flight) = self.session.in_flight.as_mut() else { return };
        let Some(Parked { bases, reach, user }) = flight.parked.take() else { return };
        let changes = flight.changes.clone();
        match self.backend() {
            Some(backend) => {
                self.session.effects.push(Effect::Commit { backend, changes, bases, reach, user })
            }
            None => {
                let none = BackendError::Server(crate::client::ClientError::NoServer);
                self.finish(Done::Committed(Err(none)));
            }
        }
    }

    /// Whether a save waits for its answer.
    pub fn waiting(&self) -> bool {
        self.session.in_flight.is_some()
    }
}
