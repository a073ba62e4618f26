//! `pilotage serve`: one process owns the store (sled lets one process open it) and serves
//! its clients over a Unix socket, as tmux serves its sessions.
//!
//! Each client has a thread that reads its requests and a thread that writes to it from a
//! bounded queue, so a client that stops reading (a frozen SSH session) blocks nobody: when
//! its queue is full it is dropped, and it loads the store again when it comes back. Commits
//! are written one at a time, flushed, answered, then pushed to every other client. Who a
//! client is comes from the kernel (the socket's peer credentials), never from the client.

use std::collections::HashMap;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

use crate::domain::access::Role;
use crate::domain::dataset::NotKept;
use crate::domain::rules::access::{View, role_of};
use crate::domain::{Change, Dataset, Record, RecordKind};
use crate::store::{Store, codec};
use crate::wire::{self, Answer, Hello, Op, Reply, Status, ToClient, ToServer};

/// How many frames may wait for one client before it is dropped as too far behind.
pub const QUEUE: usize = 256;
/// How long a new connection has to say hello.
const HELLO_TIMEOUT: Duration = Duration::from_secs(5);

/// The socket of a store when `--socket` is not given: inside the store's directory, which is
/// its owner's only; a shared server gives a path its group can reach.
pub fn default_socket(store: &Path) -> PathBuf {
    store.join("pilotage.sock")
}

/// What the server does once a day (the daily backup), on the day it notices: when something
/// happens after midnight, as the UI does, never on a timer.
pub type Daily = Box<dyn Fn(&Store, chrono::NaiveDate) + Send + Sync>;

pub struct Options {
    /// Stop this long after the last client left (a server started for one user's UI);
    /// `None` serves until stopped (a service).
    pub idle_exit: Option<Duration>,
    /// The day the server started on, and what a new day needs (the daily backup).
    pub daily: Option<(chrono::NaiveDate, Daily)>,
}

/// An OS account's name, as the system's user database gives it.
pub fn account_name(uid: u32) -> String {
    match nix::unistd::User::from_uid(uid.into()) {
        Ok(Some(user)) => user.name,
        _ => format!("uid {uid}"),
    }
}

/// An OS account by its uid or its name, as the system's user database knows it.
pub fn uid_of_account(account: &str) -> Option<u32> {
    account.parse::<u32>().ok().or_else(|| match nix::unistd::User::from_name(account) {
        Ok(Some(user)) => Some(user.uid.as_raw()),
        _ => None,
    })
}

/// The account this process runs as: its uid and name.
pub fn this_account() -> (u32, String) {
    let uid = nix::unistd::getuid().as_raw();
    (uid, account_name(uid))
}

/// The day roles are looked up on.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

struct Client {
    queue: SyncSender<Arc<Vec<u8>>>,
    stream: UnixStream,
    uid: u32,
    /// What its role lets it see and change, kept up to date with the data.
    view: View,
}

struct State {
    data: Dataset,
    clients: HashMap<u64, Client>,
    next_client: u64,
    /// Per client session: the last request answered and its answer, for a retry.
    answered: HashMap<u64, (u64, Arc<Vec<u8>>)>,
    /// The largest snapshot sent so far: the next is built in a buffer of that size at once.
    snapshot_size: usize,
}

struct Shared {
    store: Store,
    /// The account the server runs as: the store's owner, its coordinator while no account
    /// is granted.
    owner: u32,
    state: Mutex<State>,
    /// Signalled when the last client leaves.
    left: Condvar,
    /// The last day seen, and what a new one needs.
    daily: Option<(Mutex<chrono::NaiveDate>, Daily)>,
}

impl Shared {
    /// Looks at the clock as something happens: on a new day, the day's work (the backup) on
    /// a thread of its own, so no request waits for it.
    fn look_at_the_clock(self: &Arc<Shared>) {
        let Some((last, _)) = &self.daily else { return };
        let today = today();
        let mut last = last.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if *last == today {
            return;
        }
        *last = today;
        let shared = Arc::clone(self);
        thread::spawn(move || {
            if let Some((_, work)) = &shared.daily {
                work(&shared.store, today);
            }
        });
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A socket file nobody answers on is a server's that died: it is removed. One that answers
/// belongs to a running server: this one does not start.
fn claim(socket: &Path) -> io::Result<()> {
    if socket.exists() {
        if UnixStream::connect(socket).is_ok() {
            return Err(io::Error::new(
                io::ErrorKind::AddrInUse,
                format!("a pilotage server already serves {}", socket.display()),
            ));
        }
        std::fs::remove_file(socket)?;
    }
    Ok(())
}

/// Serves `store`, whose content is `data`, on `socket` until stopped (or idle, see
/// [`Options`]). `ready` is called once the socket listens.
pub fn serve(
    store: Store,
    data: Dataset,
    socket: &Path,
    options: Options,
    ready: impl FnOnce(),
) -> io::Result<()> {
    claim(socket)?;
    let listener = UnixListener::bind(socket)?;
    // The owner and its group: a shared server's socket sits in a directory of the group
    // that may use it (see the README); the store's files stay the service account's.
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o660))?;
    let shared = Arc::new(Shared {
        store,
        owner: nix::unistd::getuid().as_raw(),
        state: Mutex::new(State {
            data,
            clients: HashMap::new(),
            next_client: 0,
            answered: HashMap::new(),
            snapshot_size: 0,
        }),
        left: Condvar::new(),
        daily: options.daily.map(|(day, work)| (Mutex::new(day), work)),
    });
    stop_on_signals(Arc::clone(&shared), socket.to_path_buf())?;
    if let Some(idle) = options.idle_exit {
        let (shared, socket) = (Arc::clone(&shared), socket.to_path_buf());
        thread::spawn(move || exit_when_idle(&shared, &socket, idle));
    }
    ready();
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        // A connection is something happening: a new day's backup, if one began.
        shared.look_at_the_clock();
        let shared = Arc::clone(&shared);
        thread::spawn(move || {
            let _ = client(&shared, stream);
        });
    }
    Ok(())
}

/// Flushes and leaves on SIGTERM, SIGINT or SIGHUP: every commit was flushed already; the
/// socket file goes with the server.
fn stop_on_signals(shared: Arc<Shared>, socket: PathBuf) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP])?;
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            stop(&shared, &socket);
        }
    });
    Ok(())
}

fn stop(shared: &Shared, socket: &Path) -> ! {
    // Taking the state waits for a commit under way.
    let state = shared.lock();
    let _ = shared.store.save_snapshot(&state.data);
    let _ = shared.store.flush();
    let _ = std::fs::remove_file(socket);
    std::process::exit(0)
}

/// No timer runs while a client is connected: the wait starts when the last one leaves.
fn exit_when_idle(shared: &Shared, socket: &Path, idle: Duration) {
    let mut state = shared.lock();
    loop {
        while !state.clients.is_empty() {
            state = shared.left.wait(state).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        let (next, timeout) =
            shared.left.wait_timeout(state, idle).unwrap_or_else(std::sync::PoisonError::into_inner);
        state = next;
        if timeout.timed_out() && state.clients.is_empty() {
            drop(state);
            stop(shared, socket);
        }
    }
}

fn client(shared: &Arc<Shared>, stream: UnixStream) -> io::Result<()> {
    use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
    let uid = getsockopt(&stream, PeerCredentials).map_err(io::Error::from)?.uid();
    stream.set_read_timeout(Some(HELLO_TIMEOUT))?;
    let mut reader = stream.try_clone()?;
    let Some(hello) = wire::read_frame(&mut reader, wire::MAX_HELLO)? else { return Ok(()) };
    let hello = Hello::decode(&hello)?;
    let name = account_name(uid);
    let role = role_of(&shared.lock().data, uid, shared.owner, today());
    let mut answer = Answer::to(&hello, role.as_ref().map(|_| name.as_str()));
    if answer.status == Status::UnknownUser {
        let who = if name == format!("uid {uid}") { name.clone() } else { format!("{name} (uid {uid})") };
        answer.text = format!(
            "the account {who} has no access to this store: a coordinator grants it with `pilotage users grant {uid} --role staff --establishment ID` (or --role observer, --role coordinator)"
        );
    }
    let mut hello_writer = stream.try_clone()?;
    wire::write_frame(&mut hello_writer, &answer.encode())?;
    // One writer at a time: the writer thread's frames, or a snapshot after its reply.
    let writer = Arc::new(Mutex::new(hello_writer));
    if answer.status != Status::Welcome {
        return Ok(());
    }
    let user = name;
    stream.set_read_timeout(None)?;

    let (queue, frames) = sync_channel::<Arc<Vec<u8>>>(QUEUE);
    let id = {
        let mut state = shared.lock();
        let id = state.next_client;
        state.next_client += 1;
        // Looked up again under the lock: a grant may have changed since the hello.
        let Some(role) = role_of(&state.data, uid, shared.owner, today()) else { return Ok(()) };
        let view = View::new(&state.data, &role);
        state.clients.insert(id, Client { queue: queue.clone(), stream: stream.try_clone()?, uid, view });
        id
    };
    let writing = {
        let writer = Arc::clone(&writer);
        thread::spawn(move || {
            for frame in frames {
                let mut w = writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                if wire::write_frame(&mut *w, &frame).is_err() {
                    break;
                }
            }
            let w = writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let _ = w.shutdown(std::net::Shutdown::Both);
        })
    };
    let result = serve_requests(shared, &mut reader, (&queue, &writer), hello.session, id, &user);
    {
        let mut state = shared.lock();
        state.clients.remove(&id);
        if state.clients.is_empty() {
            shared.left.notify_all();
        }
    }
    drop(queue);
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = writing.join();
    result
}

fn serve_requests(
    shared: &Arc<Shared>,
    reader: &mut UnixStream,
    (queue, writer): (&SyncSender<Arc<Vec<u8>>>, &Mutex<UnixStream>),
    session: u64,
    me: u64,
    user: &str,
) -> io::Result<()> {
    // Anything that is not a request ends this client's connection, and only its own.
    while let Some(frame) = wire::read_frame(reader, wire::MAX_REQUEST)? {
        let ToServer::Request { id, op } = ToServer::decode(&frame).map_err(io::Error::other)?;
        shared.look_at_the_clock();
        let mut state = shared.lock();
        // A load is written here, by this client's own thread: built once, in one buffer sized
        // beforehand (so it is given back to the system once written), while the other clients
        // wait only for its building, never for a slow reader.
        if op == Op::Load {
            let (reply, snapshot) = load(&mut state, me, id);
            drop(state);
            let mut w = writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            wire::write_frame(&mut *w, &reply)?;
            std::io::Write::write_all(&mut *w, &snapshot)?;
            continue;
        }
        let retried =
            state.answered.get(&session).filter(|(last, _)| *last == id).map(|(_, a)| Arc::clone(a));
        let answer = match retried {
            Some(answer) => answer,
            None => {
                let reply = handle(shared, &mut state, op, me, user);
                let answer = Arc::new(ToClient::Reply { id, reply }.encode());
                state.answered.insert(session, (id, Arc::clone(&answer)));
                answer
            }
        };
        drop(state);
        if queue.try_send(answer).is_err() {
            return Ok(());
        }
    }
    Ok(())
}

fn handle(shared: &Shared, state: &mut State, op: Op, me: u64, user: &str) -> Reply {
    let Some(client) = state.clients.get(&me) else {
        return Reply::Refused { why: "this connection was closed".into() };
    };
    match op {
        Op::WhoAmI => {
            Reply::Identity { user: user.to_string(), uid: client.uid, role: client.view.role().clone() }
        }
        // Written by `serve_requests` itself (see [`load`]).
        Op::Load => Reply::Refused { why: "a load is answered apart".into() },
        Op::History { record } => {
            let key = crate::domain::RecordKey::parse(&record);
            if key.is_some_and(|k| !client.view.sees_key(&state.data, &k)) {
                return Reply::Refused { why: crate::domain::access::Refusal::NotYours.describe().into() };
            }
            match shared.store.audit_trail() {
                Ok(trail) => {
                    Reply::History { entries: trail.into_iter().filter(|e| e.record == record).collect() }
                }
                Err(e) => Reply::Refused { why: e.to_string() },
            }
        }
        Op::Trail => match client.view.role() {
            Role::PrisonStaff(_) => {
                Reply::Refused { why: crate::domain::access::Refusal::NotYours.describe().into() }
            }
            _ => match shared.store.audit_trail() {
                Ok(entries) => Reply::History { entries },
                Err(e) => Reply::Refused { why: e.to_string() },
            },
        },
        Op::Backup => {
            if *client.view.role() != Role::Coordinator {
                return Reply::Refused { why: "a backup holds everything: it is the coordinator's".into() };
            }
            match backup_bytes(&shared.store) {
                Ok((bytes, records)) => Reply::Backup { bytes, records },
                Err(why) => Reply::Refused { why },
            }
        }
        Op::Commit { changes: wire_changes, bases } => {
            let changes = match wire::changes_of(&wire_changes) {
                Ok(c) => c,
                Err(e) => return Reply::Refused { why: e.to_string() },
            };
            // Refused whole when any change is outside the role, before anything is written.
            if let Some(refusal) = changes.iter().find_map(|c| client.view.refuses(&state.data, c)) {
                return Reply::Refused { why: refusal.describe().into() };
            }
            // Someone else's change since this one began is said, never silently overwritten.
            if let Some(bases) = bases {
                let moved = changes
                    .iter()
                    .zip(bases.iter().chain(std::iter::repeat(&0)))
                    .find(|(c, base)| codec::revision(state.data.get(&c.key()).as_ref()) != **base);
                if let Some((change, _)) = moved {
                    return conflict(shared, &change.key().to_string());
                }
            }
            let before: Vec<Option<Record>> = changes.iter().map(|c| state.data.get(&c.key())).collect();
            match commit(shared, &mut state.data, &changes, user) {
                Ok(()) => {
                    push(shared, state, me, user, &changes, &before);
                    Reply::Committed
                }
                Err(why) => Reply::Refused { why },
            }
        }
    }
}

/// A load's reply, and the snapshot of what the client's role may see, as a whole frame.
fn load(state: &mut State, me: u64, id: u64) -> (Vec<u8>, Vec<u8>) {
    let next_id = state.data.next_id();
    let reply = ToClient::Reply { id, reply: Reply::Loaded { next_id } }.encode();
    let Some(client) = state.clients.get(&me) else { return (reply, Vec::new()) };
    let mut frame = Vec::with_capacity(state.snapshot_size + 4096);
    frame.extend_from_slice(&[0; 4]);
    // Staff see part of the store, filtered; the others all of it, without a copy.
    if matches!(client.view.role(), Role::PrisonStaff(_)) {
        let seen = client.view.filter(&state.data);
        codec::encode_snapshot_into(&mut frame, seen.record_count(), seen.records());
    } else {
        let hide = *client.view.role() != Role::Coordinator;
        let records = state.data.records().filter(|r| !(hide && r.kind() == RecordKind::Account));
        let count = state.data.record_count() - if hide { state.data.accounts.len() } else { 0 };
        codec::encode_snapshot_into(&mut frame, count, records);
    }
    let len = u32::try_from(frame.len() - 4).unwrap_or(u32::MAX);
    frame[..4].copy_from_slice(&len.to_be_bytes());
    state.snapshot_size = state.snapshot_size.max(frame.len());
    (reply, frame)
}

/// Who last changed a record, and when, from the audit trail.
fn conflict(shared: &Shared, record: &str) -> Reply {
    let last = shared.store.audit_trail().ok().and_then(|t| t.into_iter().rev().find(|e| e.record == record));
    let (by, at) = last.map_or_else(Default::default, |e| (e.user, e.at));
    Reply::Conflict { record: record.to_string(), by, at }
}

/// The store's backup, written to a private temporary file and read back: the client writes
/// it where its own account can.
fn backup_bytes(store: &Store) -> Result<(Vec<u8>, u64), String> {
    let nanos = chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("pilotage-backup-{}-{nanos}", std::process::id()));
    crate::store::create_private_dir(&dir).map_err(|e| e.to_string())?;
    let file = dir.join("store.backup");
    let read = store.backup_to(&file).map_err(|e| e.to_string()).and_then(|records| {
        std::fs::read(&file).map(|bytes| (bytes, records as u64)).map_err(|e| e.to_string())
    });
    let _ = std::fs::remove_dir_all(&dir);
    read
}

/// Checks the changes against the data, writes and flushes them; the data follows only if
/// they are written.
fn commit(shared: &Shared, data: &mut Dataset, changes: &[Change], user: &str) -> Result<(), String> {
    match data.apply_checked(changes, || shared.store.commit(changes, user)) {
        Ok(_) => Ok(()),
        Err(NotKept::Rule(v)) => Err(v.0),
        Err(NotKept::Write(e)) => Err(e.to_string()),
    }
}

/// Tells every other client what its role may see of the change. One whose queue is full is
/// too far behind: it is dropped, and loads the store again when it reconnects. A change of
/// who may see what (a grant, a membership, a meeting) brings the views up to date; a client
/// whose role changed is dropped too, to come back with its new role.
fn push(
    shared: &Shared,
    state: &mut State,
    me: u64,
    user: &str,
    changes: &[Change],
    before: &[Option<Record>],
) {
    let reaches = changes.iter().any(|c| {
        matches!(
            c.key().kind(),
            RecordKind::Group | RecordKind::Membership | RecordKind::Meeting | RecordKind::Account
        )
    });
    let next_id = state.data.next_id();
    let everyone = Arc::new(
        ToClient::Pushed { by: user.to_string(), changes: wire::wire_changes(changes), next_id }.encode(),
    );
    let mut behind = Vec::new();
    let data = &state.data;
    for (id, client) in state.clients.iter_mut() {
        // People who became visible to a staff member (appointed to their group) go with the
        // change, so the client never holds a membership of someone it does not have.
        let mut newly_seen = Vec::new();
        if reaches {
            match role_of(data, client.uid, shared.owner, today()) {
                Some(role) if role == *client.view.role() => {
                    let before = std::mem::replace(&mut client.view, View::new(data, &role));
                    newly_seen = client.view.newly_seen(&before, data);
                }
                _ => {
                    behind.push(*id);
                    continue;
                }
            }
        }
        if *id == me {
            continue;
        }
        let frame = if matches!(client.view.role(), Role::PrisonStaff(_)) {
            let keys: Vec<_> = changes.iter().map(|c| c.key()).collect();
            let seen: Vec<Change> = newly_seen
                .into_iter()
                .filter(|r| !keys.contains(&r.key()))
                .map(Change::Put)
                .chain(
                    changes
                        .iter()
                        .zip(before)
                        .filter(|(c, b)| client.view.sees_change(b.as_ref(), c))
                        .map(|(c, _)| c.clone()),
                )
                .collect();
            if seen.is_empty() {
                continue;
            }
            Arc::new(
                ToClient::Pushed { by: user.to_string(), changes: wire::wire_changes(&seen), next_id }
                    .encode(),
            )
        } else {
            Arc::clone(&everyone)
        };
        match client.queue.try_send(frame) {
            Ok(()) => {}
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => behind.push(*id),
        }
    }
    for id in behind {
        if let Some(client) = state.clients.remove(&id) {
            let _ = client.stream.shutdown(std::net::Shutdown::Both);
        }
    }
}
