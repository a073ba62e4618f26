//! A connection to a pilotage server: requests and their replies, and the changes other
//! clients save, pushed as they are committed.
//!
//! A reader thread takes every frame from the server: a reply goes to the request waiting for
//! it, a push to the `pushed` channel the app's loop listens on, beside the keyboard. When the
//! server goes away, every waiting request is told, and the channel says so once.

use std::collections::HashMap;
use std::io;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread;

use crate::domain::access::{Refusal, Role};
use crate::domain::admission::printable;
use crate::domain::{Change, Dataset};
use crate::store::codec::{self, AuditEntry};
use crate::wire::{self, Answer, Hello, Op, Reply, Status, ToClient, ToServer};

/// What the server sends without being asked.
#[derive(Debug)]
pub enum News {
    /// Another client saved these changes (already flushed to disk); a new record's id is
    /// `next_id` or more.
    Pushed { by: String, changes: Vec<Change>, next_id: u64 },
    /// The connection is gone: the server stopped, or dropped this client.
    Lost,
    /// A server is back: a new connection, and the store as it holds it now.
    Reconnected(Box<(Connection, Dataset)>),
    /// The server this UI started for the store it read first listens now: the connection,
    /// and the store as the server holds it if that is not what the UI read (a commit came in
    /// between).
    Connected(Box<(Connection, Option<Dataset>)>),
    /// No server came for the store this UI read (it could not be started, or never
    /// listened): the store opened here instead, or why it could not be.
    NoServer(Box<Result<crate::store::Store, crate::store::StoreError>>),
}

/// Forwards a connection's news to `out`; when the connection is lost, says so, then tries
/// again (after 1 s, then longer, up to 30 s: only while there is no server) until a server
/// answers, loads the store from it, and carries on with the new connection's news.
pub fn follow(socket: std::path::PathBuf, session: u64, first: Receiver<News>, out: Sender<News>) {
    let mut news = first;
    loop {
        for n in news.iter() {
            if out.send(n).is_err() {
                return;
            }
        }
        if out.send(News::Lost).is_err() {
            return;
        }
        let mut wait = std::time::Duration::from_secs(1);
        news = loop {
            thread::sleep(wait);
            wait = (wait * 2).min(std::time::Duration::from_secs(30));
            let Ok((connection, next)) = Connection::connect(&socket, session) else { continue };
            let Ok(data) = connection.load() else { continue };
            if out.send(News::Reconnected(Box::new((connection, data)))).is_err() {
                return;
            }
            break next;
        };
    }
}

/// Why a connection or a request failed, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientError {
    /// Nobody serves that socket.
    NoServer,
    /// The server refused the handshake (a version to upgrade, an account without access).
    Refused(String),
    /// The server refused the request: why, typed (`i18n::refusal` says it).
    Denied(Refusal),
    /// The connection broke.
    Lost(String),
    /// Someone else changed the record since: who, and when (RFC 3339).
    Conflict { record: String, by: String, at: String },
    /// No answer within the request's time limit (seconds): a server stopped, or a link cut
    /// without a word. Whether a change was made is not known.
    TimedOut(u64),
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::NoServer => write!(f, "no pilotage server answers"),
            ClientError::Refused(why) => write!(f, "{why}"),
            ClientError::Denied(refusal) => {
                write!(f, "{}", crate::i18n::refusal(crate::i18n::Lang::En, refusal))
            }
            ClientError::Lost(why) => write!(f, "the connection to the server was lost ({why})"),
            ClientError::Conflict { record, by, at } => write!(f, "{by} changed {record} at {at}"),
            ClientError::TimedOut(secs) => write!(f, "the server did not answer within {secs} s"),
        }
    }
}

impl std::error::Error for ClientError {}

impl ClientError {
    /// In the user's language where the words are ours (a refusal); a handshake's refusal is
    /// the server's own text, made safe to print.
    pub fn words(&self, lang: crate::i18n::Lang) -> String {
        match self {
            ClientError::Denied(refusal) => crate::i18n::refusal(lang, refusal),
            ClientError::TimedOut(secs) => lang.f(crate::i18n::Msg::ServerSilent, &[&secs.to_string()]),
            other => other.to_string(),
        }
    }
}

/// A reply, with the snapshot frame that follows a [`Reply::Loaded`].
type Answered = (Reply, Option<Vec<u8>>);
/// The requests waiting for their answer: where to send it, and the largest answer each may
/// have (what the client asked for bounds what it reads).
type Waiting = Arc<Mutex<Option<HashMap<u64, (Sender<Answered>, usize)>>>>;

/// How long a request waits for its answer before it is given up: a save or a history is
/// answered in milliseconds; a load, the trail or a backup of a large store may take a while.
pub fn time_limit(op: &Op) -> std::time::Duration {
    let secs = match op {
        Op::Commit { .. } | Op::WhoAmI | Op::History { .. } | Op::Generation => 30,
        Op::Load | Op::Trail | Op::Backup => 600,
    };
    std::time::Duration::from_secs(secs)
}

/// The largest answer a request may have.
fn answer_limit(op: &Op) -> usize {
    match op {
        Op::Commit { .. } | Op::WhoAmI | Op::Generation => wire::MAX_SMALL_ANSWER,
        Op::Load | Op::History { .. } | Op::Trail | Op::Backup => wire::MAX_ANSWER,
    }
}

pub struct Connection {
    writer: Mutex<UnixStream>,
    waiting: Waiting,
    next_id: AtomicU64,
    /// The account the server saw.
    pub user: String,
    /// The server's program version.
    pub server: String,
    /// What the server lets this account do.
    pub role: Role,
    /// The store the server serves: its directory, as the server opened it.
    pub store: String,
    /// How the concertation admitted this account to its debates, if it did.
    pub admitted: Option<crate::domain::access::Seat>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("user", &self.user)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl Connection {
    /// Connects and shakes hands. `session` is the client's for its life (a retried request
    /// after a reconnection is recognised by it).
    pub fn connect(socket: &Path, session: u64) -> Result<(Connection, Receiver<News>), ClientError> {
        let stream = UnixStream::connect(socket).map_err(|e| match e.kind() {
            // A socket there that this account may not use is a server it is not let in to.
            io::ErrorKind::PermissionDenied => ClientError::Refused(format!(
                "{}: this account may not use the server's socket; an administrator adds it to the socket's group",
                socket.display()
            )),
            _ => ClientError::NoServer,
        })?;
        let lost = |e: io::Error| ClientError::Lost(e.to_string());
        let mut writer = stream.try_clone().map_err(lost)?;
        wire::write_frame(&mut writer, &Hello::new(session).encode()).map_err(lost)?;
        let mut reader = stream;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let answer = wire::read_frame_by(&mut reader, wire::MAX_HELLO, Some(deadline))
            .map_err(lost)?
            .ok_or_else(|| ClientError::Lost("closed during the handshake".into()))?;
        let answer = Answer::decode(&answer).map_err(lost)?;
        if answer.status != Status::Welcome {
            return Err(ClientError::Refused(printable(&answer.text)));
        }
        let waiting: Waiting = Arc::new(Mutex::new(Some(HashMap::new())));
        let (news, inbox) = channel();
        {
            let waiting = Arc::clone(&waiting);
            thread::spawn(move || read_replies(reader, &waiting, &news));
        }
        let mut connection = Connection {
            writer: Mutex::new(writer),
            waiting,
            next_id: AtomicU64::new(1),
            user: printable(&answer.text),
            server: printable(&answer.program),
            role: Role::Observer,
            store: String::new(),
            admitted: None,
        };
        match connection.request(Op::WhoAmI)? {
            Reply::Identity { role, store, admitted, .. } => {
                connection.role = role;
                connection.store = store;
                connection.admitted = admitted;
            }
            other => return Err(ClientError::Lost(format!("unexpected reply {other:?}"))),
        }
        Ok((connection, inbox))
    }

    fn request(&self, op: Op) -> Result<Reply, ClientError> {
        self.request_with(op).map(|(reply, _)| reply)
    }

    fn request_with(&self, op: Op) -> Result<Answered, ClientError> {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        let (tx, rx) = channel();
        {
            let mut waiting = self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let Some(waiting) = waiting.as_mut() else { return Err(ClientError::Lost("closed".into())) };
            waiting.insert(id, (tx, answer_limit(&op)));
        }
        let limit = time_limit(&op);
        let frame = ToServer::Request { id, op }.encode();
        {
            let mut writer = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            wire::write_frame(&mut *writer, &frame).map_err(|e| ClientError::Lost(e.to_string()))?;
        }
        match rx.recv_timeout(limit) {
            Ok((Reply::Refused { refusal }, _)) => Err(ClientError::Denied(refusal)),
            Ok(answered) => Ok(answered),
            Err(RecvTimeoutError::Timeout) => {
                // An answer that comes later is read and dropped.
                let mut waiting = self.waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                if let Some(waiting) = waiting.as_mut() {
                    waiting.remove(&id);
                }
                Err(ClientError::TimedOut(limit.as_secs()))
            }
            Err(RecvTimeoutError::Disconnected) => Err(ClientError::Lost("no answer".into())),
        }
    }

    /// Every record the server holds.
    pub fn load(&self) -> Result<Dataset, ClientError> {
        match self.request_with(Op::Load)? {
            (Reply::Loaded { next_id }, Some(snapshot)) => {
                let mut data =
                    codec::decode_dataset(&snapshot).map_err(|e| ClientError::Lost(e.to_string()))?;
                data.id_floor = next_id;
                data.partial = matches!(self.role, Role::PrisonStaff(_) | Role::Member);
                data.sealed = self.admitted.is_none();
                Ok(data)
            }
            other => Err(ClientError::Lost(format!("unexpected reply {other:?}"))),
        }
    }

    /// The store as the server holds it, unless it is what this process read itself at
    /// `generation` (no commit since, and the whole store is this account's to read): `None`
    /// then. A server that cannot say its generation is loaded from.
    pub fn load_unless(&self, generation: Option<u64>) -> Result<Option<Dataset>, ClientError> {
        let whole = self.role == Role::Coordinator && self.admitted.is_some();
        if let Some(read) = generation
            && whole
            && self.generation().ok() == Some(read)
        {
            return Ok(None);
        }
        self.load().map(Some)
    }

    /// How many commits the store has seen (see [`Op::Generation`]).
    pub fn generation(&self) -> Result<u64, ClientError> {
        match self.request(Op::Generation)? {
            Reply::Generation { generation } => Ok(generation),
            other => Err(ClientError::Lost(format!("unexpected reply {other:?}"))),
        }
    }

    /// Writes the changes through the server: `Ok` once it has flushed them. `bases`: the
    /// revisions the changes started from, checked by the server; `None` writes over.
    pub fn commit(&self, changes: &[Change], bases: Option<Vec<u32>>) -> Result<(), ClientError> {
        match self.request(Op::Commit { changes: wire::wire_changes(changes), bases })? {
            Reply::Committed => Ok(()),
            Reply::Conflict { record, by, at } => Err(ClientError::Conflict {
                record: printable(&record),
                by: printable(&by),
                at: printable(&at),
            }),
            other => Err(ClientError::Lost(format!("unexpected reply {other:?}"))),
        }
    }

    /// The whole audit trail.
    pub fn trail(&self) -> Result<Vec<AuditEntry>, ClientError> {
        match self.request(Op::Trail)? {
            Reply::History { entries } => Ok(entries),
            other => Err(ClientError::Lost(format!("unexpected reply {other:?}"))),
        }
    }

    /// A backup of the whole store: its bytes and how many records it holds.
    pub fn backup(&self) -> Result<(Vec<u8>, u64), ClientError> {
        match self.request(Op::Backup)? {
            Reply::Backup { bytes, records } => Ok((bytes, records)),
            other => Err(ClientError::Lost(format!("unexpected reply {other:?}"))),
        }
    }

    /// The audit trail's lines about one record.
    pub fn history(&self, record: &str) -> Result<Vec<AuditEntry>, ClientError> {
        match self.request(Op::History { record: record.to_string() })? {
            Reply::History { entries } => Ok(entries),
            other => Err(ClientError::Lost(format!("unexpected reply {other:?}"))),
        }
    }
}

fn read_replies(mut reader: UnixStream, waiting: &Waiting, news: &Sender<News>) {
    loop {
        // What may come: an answer no larger than the largest asked for, or a push.
        let limit = {
            let waiting = waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let asked = waiting.as_ref().and_then(|w| w.values().map(|(_, limit)| *limit).max());
            asked.unwrap_or(0).max(wire::MAX_PUSH)
        };
        let Ok(Some(frame)) = wire::read_frame_by(&mut reader, limit, None) else { break };
        match ToClient::decode(&frame) {
            Ok(ToClient::Reply { id, reply }) => {
                // A load's snapshot is the frame after its reply.
                let snapshot = match reply {
                    Reply::Loaded { .. } => match wire::read_frame_by(&mut reader, wire::MAX_ANSWER, None) {
                        Ok(Some(frame)) => Some(frame),
                        _ => break,
                    },
                    _ => None,
                };
                let mut waiting = waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                if let Some((tx, _)) = waiting.as_mut().and_then(|w| w.remove(&id)) {
                    let _ = tx.send((reply, snapshot));
                }
            }
            // Nobody listening for news (a command) is no reason to stop reading replies.
            Ok(ToClient::Pushed { by, changes, next_id }) => match wire::changes_of(&changes) {
                Ok(changes) => {
                    let _ = news.send(News::Pushed { by: printable(&by), changes, next_id });
                }
                Err(_) => break,
            },
            Err(_) => break,
        }
    }
    // Every request still waiting learns the connection is gone (its sender is dropped), and
    // the news channel ends.
    waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
}
