//! `pilotage serve`: one process owns the store (sled lets one process open it) and serves
//! its clients over a Unix socket, as tmux serves its sessions.
//!
//! The server is the one gate to the data: whatever a client sends, every write passes the
//! same door as an import (`admission`), the same rules between records, and its account's
//! role (`rules::access`); every read is cut to what that role sees. Who a client is comes
//! from the kernel (the socket's peer credentials), never from the client.
//!
//! Each client has a thread that reads its requests and a thread that writes to it from a
//! queue bounded in frames and, per account, in bytes: a client that stops reading (a frozen
//! SSH session) is dropped, and loads the store again when it comes back. Every limit a
//! stranger could push against is bounded: connections per account and in all, a deadline
//! for the whole handshake and for each frame once begun, the size of a request by role,
//! the bytes waiting for one account. Commits are written one at a time, flushed, answered,
//! then pushed to every other client; reads (history, the trail) do not hold the lock commits
//! wait on.

use std::collections::HashMap;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::thread;
use std::time::{Duration, Instant};

use crate::domain::access::{Refusal, Role};
use crate::domain::dataset::NotKept;
use crate::domain::rules::access::{View, admitted, concertation_kind, role_of};
use crate::domain::{Change, Dataset, Record, RecordKey, RecordKind};
use crate::store::{Store, codec};
use crate::system::account_name;
use crate::wire::{self, Answer, Hello, Op, Reply, Status, ToClient, ToServer};

/// How many frames may wait for one client before it is dropped as too far behind.
pub const QUEUE: usize = 256;
/// How many connections one account may have open at once (a UI and its commands need a few),
/// and the server in all.
pub const MAX_CONNECTIONS_PER_ACCOUNT: usize = 16;
pub const MAX_CONNECTIONS: usize = 512;
/// How many bytes may wait to be written to one account's clients, loads included: past it,
/// an answer waits for room and a push drops the client it cannot reach. A single frame
/// larger than this still goes when nothing else waits for that account.
pub const OUT_BUDGET: usize = 32 << 20;
/// How long a new connection has to finish its handshake, all of it.
const HANDSHAKE_DEADLINE: Duration = Duration::from_secs(5);
/// How long a write to a client may block, and an answer wait for room in its account's
/// budget, before the client is dropped as gone.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long the answer to a write is kept for a retry after a reconnection, and how many
/// such answers (each small) are kept in all.
const REPLAY_KEEP: Duration = Duration::from_secs(600);
const REPLAY_MAX: usize = 4096;

/// The largest request each role may send: the coordinator imports; staff save forms; an
/// observer changes nothing and asks in a few bytes.
pub fn request_limit(role: &Role) -> usize {
    match role {
        Role::Coordinator => wire::MAX_REQUEST,
        Role::PrisonStaff(_) => 4 << 20,
        Role::Observer => 64 << 10,
        // A member keeps the concertation's records: a meeting, a vote, small.
        Role::Member => 1 << 20,
    }
}

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
    /// Nothing changes: every write is refused, whoever asks.
    pub read_only: bool,
}

/// The day roles are looked up on.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// One frame on its way to a client.
type Frame = Arc<Vec<u8>>;

struct Client {
    queue: SyncSender<Frame>,
    stream: UnixStream,
    uid: u32,
    /// What its role lets it see and change, kept up to date with the data.
    view: Arc<View>,
    /// While its snapshot is being made: the pushes that came meanwhile, sent after it.
    loading: Option<Vec<Frame>>,
    /// Its own change changed its grant or admission: it is let go once answered, and comes
    /// back as what it now is.
    renewed: bool,
}

#[derive(Default)]
struct Clients {
    map: HashMap<u64, Client>,
    next: u64,
}

/// What one account holds of the server: its connections, and the bytes waiting for them.
#[derive(Default)]
struct Usage {
    connections: usize,
    out_bytes: usize,
}

/// The answers to writes, for a client that retries after a reconnection: by account and
/// session (a session another account names is another entry), the last write's id, its
/// answer, and when.
#[derive(Default)]
struct Replays {
    map: HashMap<(u32, u64), (u64, Frame, Instant)>,
}

impl Replays {
    fn get(&mut self, uid: u32, session: u64, id: u64) -> Option<Frame> {
        self.map.retain(|_, (_, _, at)| at.elapsed() < REPLAY_KEEP);
        self.map.get(&(uid, session)).filter(|(last, ..)| *last == id).map(|(_, a, _)| Arc::clone(a))
    }

    fn keep(&mut self, uid: u32, session: u64, id: u64, answer: &Frame) {
        // Bounded: the oldest go first. An answer to a write is small (a refusal at most).
        if self.map.len() >= REPLAY_MAX
            && let Some(oldest) = self.map.iter().min_by_key(|(_, (_, _, at))| *at).map(|(k, _)| *k)
        {
            self.map.remove(&oldest);
        }
        if answer.len() <= wire::MAX_SMALL_ANSWER {
            self.map.insert((uid, session), (id, Arc::clone(answer), Instant::now()));
        }
    }
}

struct Shared {
    store: Store,
    /// The store's directory, as the server opened it: said to clients, so that one named
    /// another store refuses to go on.
    store_path: String,
    /// The account the server runs as: the store's owner, its coordinator while no account
    /// is granted.
    owner: u32,
    read_only: bool,
    /// The data: commits take it to write, loads and checks to read.
    data: RwLock<Dataset>,
    clients: Mutex<Clients>,
    /// Signalled when the last client leaves.
    left: Condvar,
    usage: Mutex<HashMap<u32, Usage>>,
    /// Signalled when bytes waiting for an account were written.
    room: Condvar,
    replays: Mutex<Replays>,
    /// Held while a trail is read and encoded: one at a time.
    trail_gate: Mutex<()>,
    /// The largest snapshot sent so far: the next is built in a buffer of that size at once.
    snapshot_size: std::sync::atomic::AtomicUsize,
    /// The last day seen, and what a new one needs.
    daily: Option<(Mutex<chrono::NaiveDate>, Daily)>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Shared {
    fn read(&self) -> RwLockReadGuard<'_, Dataset> {
        self.data.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Dataset> {
        self.data.write().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Looks at the clock as something happens: on a new day, the day's work (the backup) on
    /// a thread of its own, so no request waits for it.
    fn look_at_the_clock(self: &Arc<Shared>) {
        let Some((last, _)) = &self.daily else { return };
        let today = today();
        let mut last = lock(last);
        if *last == today {
            return;
        }
        *last = today;
        let shared = Arc::clone(self);
        thread::spawn(move || {
            if let Some((_, work)) = &shared.daily {
                // No commit while the backup reads the store: it is the store at one moment.
                let _reading = shared.read();
                work(&shared.store, today);
            }
        });
    }

    /// Takes a connection for `uid`, if the caps allow it.
    fn open_connection(&self, uid: u32) -> bool {
        let mut usage = lock(&self.usage);
        let all: usize = usage.values().map(|u| u.connections).sum();
        let mine = usage.entry(uid).or_default();
        if mine.connections >= MAX_CONNECTIONS_PER_ACCOUNT || all >= MAX_CONNECTIONS {
            return false;
        }
        mine.connections += 1;
        true
    }

    fn close_connection(&self, uid: u32) {
        let mut usage = lock(&self.usage);
        if let Some(u) = usage.get_mut(&uid) {
            u.connections = u.connections.saturating_sub(1);
            if u.connections == 0 && u.out_bytes == 0 {
                usage.remove(&uid);
            }
        }
    }

    /// Counts `bytes` against what may wait for `uid`'s clients: at once if there is room (or
    /// nothing waits), else waiting for room when `wait`, up to [`WRITE_TIMEOUT`].
    fn reserve(&self, uid: u32, bytes: usize, wait: bool) -> bool {
        let deadline = Instant::now() + WRITE_TIMEOUT;
        let mut usage = lock(&self.usage);
        loop {
            let u = usage.entry(uid).or_default();
            if u.out_bytes == 0 || u.out_bytes + bytes <= OUT_BUDGET {
                u.out_bytes += bytes;
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if !wait || left.is_zero() {
                return false;
            }
            usage = self.room.wait_timeout(usage, left).unwrap_or_else(std::sync::PoisonError::into_inner).0;
        }
    }

    fn release(&self, uid: u32, bytes: usize) {
        let mut usage = lock(&self.usage);
        if let Some(u) = usage.get_mut(&uid) {
            u.out_bytes = u.out_bytes.saturating_sub(bytes);
        }
        self.room.notify_all();
    }

    /// Queues frames for a client of `uid`, counted against its account; `false` when it
    /// cannot take them (too far behind, or gone).
    fn send(&self, uid: u32, queue: &SyncSender<Frame>, frames: Vec<Frame>, wait: bool) -> bool {
        let unsent: usize = frames.iter().map(|f| f.len()).sum();
        if !self.reserve(uid, unsent, wait) {
            return false;
        }
        self.queue(uid, queue, frames, unsent)
    }

    /// Queues frames for which `reserved` bytes were counted before they were made (a load):
    /// the count becomes their size.
    fn send_reserved(
        &self,
        uid: u32,
        queue: &SyncSender<Frame>,
        frames: Vec<Frame>,
        reserved: usize,
    ) -> bool {
        let size: usize = frames.iter().map(|f| f.len()).sum();
        {
            let mut usage = lock(&self.usage);
            let u = usage.entry(uid).or_default();
            u.out_bytes = (u.out_bytes + size).saturating_sub(reserved);
        }
        self.room.notify_all();
        self.queue(uid, queue, frames, size)
    }

    fn queue(&self, uid: u32, queue: &SyncSender<Frame>, frames: Vec<Frame>, mut unsent: usize) -> bool {
        for frame in frames {
            let len = frame.len();
            if queue.try_send(frame).is_err() {
                // Counted, and will not be written.
                self.release(uid, unsent);
                return false;
            }
            unsent -= len;
        }
        true
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

/// Keeps a server's memory near what it holds. glibc gives each thread that allocates an
/// arena of its own (up to 8 per core) and keeps freed memory in it: a server of a few dozen
/// client threads, each encoding a snapshot or a trail now and then, grew to hundreds of
/// megabytes that stayed. Two arenas, and every block of 1 MiB or more (a frame) mapped on its
/// own and given back when freed, keep it to what is in use (the benchmark measures it).
fn bound_the_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; it is called before the server's
    // threads start, and an unknown parameter is refused with 0, not undefined behaviour.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// Returns the memory freed in every arena to the system (glibc keeps it otherwise, ready for
/// the next allocation that may never come): after a large frame, not on every request.
fn give_back_the_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it takes the allocator's own locks.
    unsafe {
        libc::malloc_trim(0);
    }
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
    bound_the_heap();
    // A store made before the audit index is indexed once, before anyone asks for a history.
    store.ensure_audit_index(&data).map_err(io::Error::other)?;
    claim(socket)?;
    let listener = UnixListener::bind(socket)?;
    // The owner and its group: a shared server's socket sits in a directory of the group
    // that may use it (see docs/deployment.md); the store's files stay the service account's.
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o660))?;
    let shared = Arc::new(Shared {
        store_path: std::fs::canonicalize(store.path())
            .unwrap_or_else(|_| store.path().to_path_buf())
            .display()
            .to_string(),
        store,
        owner: nix::unistd::getuid().as_raw(),
        read_only: options.read_only,
        data: RwLock::new(data),
        clients: Mutex::new(Clients::default()),
        left: Condvar::new(),
        usage: Mutex::new(HashMap::new()),
        room: Condvar::new(),
        replays: Mutex::new(Replays::default()),
        trail_gate: Mutex::new(()),
        snapshot_size: std::sync::atomic::AtomicUsize::new(0),
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
        accept(&shared, stream);
    }
    Ok(())
}

/// A new connection: its account from the kernel, the caps, then a thread of its own.
fn accept(shared: &Arc<Shared>, stream: UnixStream) {
    use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
    let Ok(uid) = getsockopt(&stream, PeerCredentials).map(|c| c.uid()) else { return };
    if !shared.open_connection(uid) {
        // Said at once, without reading anything: no thread, no wait.
        let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
        let answer = Answer::busy();
        let mut stream = stream;
        let _ = wire::write_frame(&mut stream, &answer.encode());
        return;
    }
    // A connection is something happening: a new day's backup, if one began.
    shared.look_at_the_clock();
    let for_thread = Arc::clone(shared);
    let spawned = thread::Builder::new().name("client".into()).spawn(move || {
        let _ = client(&for_thread, stream, uid);
        for_thread.close_connection(uid);
    });
    if spawned.is_err() {
        shared.close_connection(uid);
    }
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
    // Taking the data to write waits for a commit under way.
    let data = shared.write();
    let _ = shared.store.save_snapshot(&data);
    let _ = shared.store.flush();
    let _ = std::fs::remove_file(socket);
    std::process::exit(0)
}

/// No timer runs while a client is connected: the wait starts when the last one leaves.
fn exit_when_idle(shared: &Shared, socket: &Path, idle: Duration) {
    let mut clients = lock(&shared.clients);
    loop {
        while !clients.map.is_empty() {
            clients = shared.left.wait(clients).unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        let (next, timeout) =
            shared.left.wait_timeout(clients, idle).unwrap_or_else(std::sync::PoisonError::into_inner);
        clients = next;
        if timeout.timed_out() && clients.map.is_empty() {
            drop(clients);
            stop(shared, socket);
        }
    }
}

/// Writes a client's queued frames, each counted against its account until written; when a
/// write fails (or blocks past [`WRITE_TIMEOUT`]), the rest are dropped uncounted and the
/// connection closed.
fn write_frames(shared: &Shared, uid: u32, mut stream: UnixStream, frames: Receiver<Frame>) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let mut broken = false;
    for frame in frames {
        if !broken && wire::write_frame(&mut stream, &frame).is_err() {
            broken = true;
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
        let len = frame.len();
        shared.release(uid, len);
        // A snapshot or a trail written and let go: what it took goes back to the system.
        if len >= 8 << 20 && Arc::strong_count(&frame) == 1 {
            drop(frame);
            give_back_the_heap();
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

fn client(shared: &Arc<Shared>, stream: UnixStream, uid: u32) -> io::Result<()> {
    let mut reader = stream.try_clone()?;
    let deadline = Instant::now() + HANDSHAKE_DEADLINE;
    let Some(hello) = wire::read_frame_by(&mut reader, wire::MAX_HELLO, Some(deadline))? else {
        return Ok(());
    };
    let hello = Hello::decode(&hello)?;
    let name = account_name(uid);
    let role = role_of(&shared.read(), uid, shared.owner, today());
    let mut answer = Answer::to(&hello, role.as_ref().map(|_| name.as_str()));
    if answer.status == Status::UnknownUser {
        let who = if name == format!("uid {uid}") { name.clone() } else { format!("{name} (uid {uid})") };
        answer.text = format!(
            "the account {who} has no access to this store: a coordinator grants it with `pilotage users grant {uid} --role staff --establishment ID` (or --role observer, --role coordinator)"
        );
    }
    let mut hello_writer = stream.try_clone()?;
    hello_writer.set_write_timeout(Some(WRITE_TIMEOUT))?;
    wire::write_frame(&mut hello_writer, &answer.encode())?;
    if answer.status != Status::Welcome {
        return Ok(());
    }
    let (queue, frames) = sync_channel::<Frame>(QUEUE);
    let (id, role) = {
        // Looked up again with the data held: a grant may have changed since the hello.
        let data = shared.read();
        let Some(role) = role_of(&data, uid, shared.owner, today()) else { return Ok(()) };
        let seat = admitted(&data, uid, shared.owner, today());
        let view = Arc::new(View::new(&data, &role, seat.as_ref(), today()));
        let mut clients = lock(&shared.clients);
        let id = clients.next;
        clients.next += 1;
        let stream = stream.try_clone()?;
        clients
            .map
            .insert(id, Client { queue: queue.clone(), stream, uid, view, loading: None, renewed: false });
        (id, role)
    };
    let writing = {
        let shared = Arc::clone(shared);
        let stream = stream.try_clone()?;
        thread::spawn(move || write_frames(&shared, uid, stream, frames))
    };
    let me = Me { id, uid, session: hello.session, user: name, limit: request_limit(&role), queue };
    let result = serve_requests(shared, &mut reader, &me);
    {
        let mut clients = lock(&shared.clients);
        clients.map.remove(&id);
        if clients.map.is_empty() {
            shared.left.notify_all();
        }
    }
    // What is queued is written first (an answer to its last request), then the door shut.
    drop(me);
    let _ = writing.join();
    let _ = stream.shutdown(std::net::Shutdown::Both);
    result
}

/// The client a request thread serves.
struct Me {
    id: u64,
    uid: u32,
    /// The session it named in its hello (the same across its reconnections).
    session: u64,
    user: String,
    /// The largest request its role may send.
    limit: usize,
    queue: SyncSender<Frame>,
}

impl Me {
    /// Its view as it is now (a change of grant or membership renews it).
    fn view(&self, shared: &Shared) -> Option<Arc<View>> {
        lock(&shared.clients).map.get(&self.id).map(|c| Arc::clone(&c.view))
    }
}

fn serve_requests(shared: &Arc<Shared>, reader: &mut UnixStream, me: &Me) -> io::Result<()> {
    // Anything that is not a request ends this client's connection, and only its own.
    while let Some(frame) = wire::read_frame_by(reader, me.limit, None)? {
        let ToServer::Request { id, op } = ToServer::decode(&frame).map_err(io::Error::other)?;
        drop(frame);
        shared.look_at_the_clock();
        let Some(view) = me.view(shared) else { return Ok(()) };
        let frames = match op {
            Op::Load => {
                if !load(shared, me, &view, id) {
                    return Ok(());
                }
                continue;
            }
            Op::Commit { changes, bases } => {
                // A write retried after a reconnection is answered as it was, never done twice.
                let replayed = lock(&shared.replays).get(me.uid, me.session, id);
                let answer = replayed.unwrap_or_else(|| {
                    let reply = commit(shared, me, &view, &changes, bases);
                    let answer = Arc::new(ToClient::Reply { id, reply }.encode());
                    lock(&shared.replays).keep(me.uid, me.session, id, &answer);
                    answer
                });
                vec![answer]
            }
            Op::Trail if !matches!(view.role(), Role::PrisonStaff(_)) => {
                vec![Arc::new(trail(shared, &view, id))]
            }
            op => vec![Arc::new(ToClient::Reply { id, reply: read(shared, me, &view, op) }.encode())],
        };
        if !shared.send(me.uid, &me.queue, frames, true) {
            return Ok(());
        }
        if lock(&shared.clients).map.get(&me.id).is_some_and(|c| c.renewed) {
            return Ok(());
        }
    }
    Ok(())
}

/// A load's reply, then the snapshot of what the client's role may see, as its own frame.
///
/// A whole store is not encoded with the data held: records are copied a few thousand at a
/// time under the lock and encoded after it is let go, so a client loading in a loop never
/// keeps another's commit waiting. Commits made meanwhile are pushed to this client after its
/// snapshot (their pushes wait, see `Client::loading`), and since a push carries each record
/// as it stands, the snapshot and then those pushes are the store as it now is. False when
/// the client cannot take it (too far behind, or gone).
fn load(shared: &Shared, me: &Me, view: &View, id: u64) -> bool {
    use std::sync::atomic::Ordering;
    const CHUNK: usize = 2_000;
    // Room for it is taken before it is made, as large as the largest so far: loads asked at
    // once by one account, never read, are made one after another, not all held at once.
    let whole = !matches!(view.role(), Role::PrisonStaff(_) | Role::Member);
    // Never less than the budget: a whole load waits until nothing else waits for the account
    // (the first, before any size is known, too).
    let estimate = if whole { shared.snapshot_size.load(Ordering::Relaxed).max(OUT_BUDGET) } else { 0 };
    if !shared.reserve(me.uid, estimate, true) {
        return false;
    }
    if let Some(client) = lock(&shared.clients).map.get_mut(&me.id) {
        client.loading = Some(Vec::new());
    }
    let mut body = Vec::with_capacity(shared.snapshot_size.load(Ordering::Relaxed) + 4096);
    let mut count = 0usize;
    if !whole {
        // A part of the store: small, filtered at once.
        let seen = view.filter(&shared.read());
        for r in seen.records() {
            codec::encode_snapshot_record(&mut body, &r);
            count += 1;
        }
    } else {
        let hidden = view.hidden_kinds();
        // The coordinator, who administers the store, sees who reads the debates.
        let admissions = *view.role() == Role::Coordinator;
        for kind in RecordKind::ALL {
            if hidden.contains(&kind) && !(admissions && kind == RecordKind::Admission) {
                continue;
            }
            let mut after: Option<RecordKey> = None;
            loop {
                let chunk = shared.read().records_from(kind, after.as_ref(), CHUNK);
                let Some(last) = chunk.last() else { break };
                after = Some(last.key());
                for r in &chunk {
                    codec::encode_snapshot_record(&mut body, r);
                }
                count += chunk.len();
            }
        }
        // The concertation as it leaves it, for an account it did not admit.
        for r in view.sealed().into_iter().flat_map(|s| s.values()) {
            codec::encode_snapshot_record(&mut body, r);
            count += 1;
        }
    }
    // The header goes before the records, moved within their buffer rather than copied.
    let mut frame = body;
    frame.splice(0..0, codec::snapshot_header(count));
    shared.snapshot_size.fetch_max(frame.len(), Ordering::Relaxed);
    // The reply, the snapshot, then what was pushed meanwhile, in that order.
    let next_id = shared.read().next_id();
    let reply = Arc::new(ToClient::Reply { id, reply: Reply::Loaded { next_id } }.encode());
    let mut clients = lock(&shared.clients);
    let Some(client) = clients.map.get_mut(&me.id) else {
        shared.release(me.uid, estimate);
        return false;
    };
    let waiting = client.loading.take().unwrap_or_default();
    let frames: Vec<Frame> = [reply, Arc::new(frame)].into_iter().chain(waiting).collect();
    shared.send_reserved(me.uid, &me.queue, frames, estimate)
}

/// A request that reads: answered without holding the data longer than a check needs.
fn read(shared: &Shared, me: &Me, view: &View, op: Op) -> Reply {
    let refused = |refusal| Reply::Refused { refusal };
    match op {
        Op::WhoAmI => Reply::Identity {
            user: me.user.clone(),
            uid: me.uid,
            role: view.role().clone(),
            store: shared.store_path.clone(),
            admitted: view.admitted().cloned(),
        },
        Op::History { record } => {
            let Some(key) = RecordKey::parse(&record) else { return refused(Refusal::NoSuchRecord) };
            // The coordinator reads the history of any record, deleted ones too; the others
            // that of a record they see now, and of it only the lines they could see then.
            // The concertation's records are read by those it admitted, the coordinator too.
            let everything = *view.role() == Role::Coordinator
                && (view.admitted().is_some() || !concertation_kind(key.kind()));
            if !everything && !view.sees_key(&shared.read(), &key) {
                return refused(Refusal::NoSuchRecord);
            }
            match shared.store.history(&key) {
                Ok(Some(lines)) => Reply::History {
                    entries: lines
                        .into_iter()
                        .filter(|(_, reach)| view.reads_line(reach))
                        .map(|(e, _)| e)
                        .collect(),
                },
                Ok(None) => refused(Refusal::NotWritten("the audit index is not built".into())),
                Err(e) => refused(Refusal::NotWritten(e.to_string())),
            }
        }
        // Another role's trail is streamed (`trail`).
        Op::Trail => refused(Refusal::NotYoursToRead),
        Op::Backup => {
            if *view.role() != Role::Coordinator {
                return refused(Refusal::NotYoursToRead);
            }
            if view.admitted().is_none() {
                return refused(Refusal::BackupHoldsTheDebates);
            }
            // No commit while the backup reads the store: it is the store at one moment.
            let _reading = shared.read();
            match backup_bytes(&shared.store) {
                Ok((bytes, records)) => Reply::Backup { bytes, records },
                Err(why) => refused(Refusal::NotWritten(why)),
            }
        }
        // How many commits the store has seen, to an account that reads all of it (the only
        // one a UI asks for it): to anyone else, the count would tell when the records it
        // does not see (the concertation's, another prison's) changed.
        Op::Generation if *view.role() == Role::Coordinator && view.admitted().is_some() => {
            match shared.store.generation() {
                Ok(generation) => Reply::Generation { generation },
                Err(e) => refused(Refusal::NotWritten(e.to_string())),
            }
        }
        Op::Generation => refused(Refusal::NotYoursToRead),
        Op::Load | Op::Commit { .. } => refused(Refusal::Malformed),
    }
}

/// The whole trail as `view` reads it, encoded line by line as it is read from the store
/// (never held as values), one trail at a time: many clients asking at once wait for each
/// other rather than each hold a copy.
fn trail(shared: &Shared, view: &View, id: u64) -> Vec<u8> {
    let _one_at_a_time = lock(&shared.trail_gate);
    let encoded = wire::history_reply(id, |put| {
        shared.store.audit_each(|entry| {
            if RecordKey::parse(&entry.record).is_some_and(|k| view.reads_kind(k.kind())) {
                put(&entry);
            }
        })
    });
    let refused =
        |e: crate::store::StoreError| Reply::Refused { refusal: Refusal::NotWritten(e.to_string()) };
    encoded.unwrap_or_else(|e| ToClient::Reply { id, reply: refused(e) }.encode())
}

/// Checks, writes and flushes a commit, then tells the others; the answer to give.
fn commit(
    shared: &Shared,
    me: &Me,
    view: &View,
    changes: &[wire::WireChange],
    bases: Option<Vec<u32>>,
) -> Reply {
    let refused = |refusal| Reply::Refused { refusal };
    if shared.read_only {
        return refused(Refusal::StoreReadOnly);
    }
    let Ok(changes) = wire::changes_of(changes) else { return refused(Refusal::Malformed) };
    let mut data = shared.write();
    // Refused whole when any change is outside the role, before anything is written.
    if let Some(refusal) = view.refuses(&data, &changes) {
        return refused(refusal);
    }
    // Someone else's change since this one began is said, never silently overwritten.
    if let Some(bases) = bases {
        let moved = changes
            .iter()
            .zip(bases.iter().chain(std::iter::repeat(&0)))
            .find(|(c, base)| codec::revision(data.get(&c.key()).as_ref()) != **base);
        if let Some((change, _)) = moved {
            return conflict(shared, &change.key());
        }
    }
    let before: Vec<Option<Record>> = changes.iter().map(|c| data.get(&c.key())).collect();
    let everything = *view.role() == Role::Coordinator;
    match data.apply_checked(&changes, |reach| shared.store.commit(&changes, reach, &me.user)) {
        Ok(_) => {
            push(shared, &data, me, &changes, &before);
            Reply::Committed
        }
        Err(NotKept::Inadmissible(i)) => refused(Refusal::Inadmissible(i)),
        // A role that does not see everything is never told the key of a missing record; one
        // the concertation did not admit, nothing of a rule about its records.
        Err(NotKept::Rule(v)) if view.admitted().is_none() && concertation_kind(v.record.kind()) => {
            refused(Refusal::ConcertationNamesIt)
        }
        Err(NotKept::Rule(v)) => refused(Refusal::Rule(if everything { v } else { v.without_keys() })),
        Err(NotKept::Write(e)) => refused(Refusal::NotWritten(e.to_string())),
    }
}

/// Who last changed a record, and when: the last line of its history.
fn conflict(shared: &Shared, record: &RecordKey) -> Reply {
    let last = shared.store.history(record).ok().flatten().and_then(|lines| lines.into_iter().last());
    let (by, at) = last.map_or_else(Default::default, |(e, _)| (e.user, e.at));
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

/// Tells every other client what its role may see of the change, with the data held (so
/// pushes go out in the order of the commits). One whose queue or account budget is full is
/// too far behind: it is dropped, and loads the store again when it reconnects. A change of
/// who may see what (a grant, a membership, a meeting) brings the views up to date; a client
/// whose role changed is dropped too, to come back with its new role.
fn push(shared: &Shared, data: &Dataset, me: &Me, changes: &[Change], before: &[Option<Record>]) {
    use crate::domain::RecordKind as K;
    let reaches = changes.iter().any(|c| {
        let kind = c.key().kind();
        matches!(kind, K::Group | K::Membership | K::Meeting | K::Account) || concertation_kind(kind)
    });
    let next_id = data.next_id();
    let everyone = Arc::new(
        ToClient::Pushed { by: me.user.clone(), changes: wire::wire_changes(changes), next_id }.encode(),
    );
    let mut clients = lock(&shared.clients);
    let mut behind = Vec::new();
    for (id, client) in clients.map.iter_mut() {
        let mut newly_seen = Vec::new();
        let mut sealed = Vec::new();
        if reaches {
            let seat = admitted(data, client.uid, shared.owner, today());
            match role_of(data, client.uid, shared.owner, today()) {
                Some(role) if role == *client.view.role() && seat.as_ref() == client.view.admitted() => {
                    let view = View::new(data, &role, seat.as_ref(), today());
                    newly_seen = view.newly_seen(&client.view, data);
                    sealed = view.sealed_changes(&client.view);
                    client.view = Arc::new(view);
                }
                // The one who made the change is answered first (see `serve_requests`).
                _ if *id == me.id => {
                    client.renewed = true;
                    continue;
                }
                _ => {
                    behind.push(*id);
                    continue;
                }
            }
        }
        if *id == me.id {
            continue;
        }
        let frame = if *client.view.role() == Role::Coordinator && client.view.sealed().is_none() {
            Arc::clone(&everyone)
        } else {
            // What this role sees of it: people who became visible to a staff member
            // (appointed to their group) go with the change, so the client never holds a
            // membership of someone it does not have.
            let keys: Vec<RecordKey> = changes.iter().map(Change::key).collect();
            let seen: Vec<Change> = newly_seen
                .into_iter()
                .filter(|r| !keys.contains(&r.key()))
                .map(Change::Put)
                .chain(
                    changes
                        .iter()
                        .zip(before)
                        // The concertation as it leaves it, for an account it did not admit.
                        .filter(|(c, _)| {
                            let kind = c.key().kind();
                            client.view.sealed().is_none() || !concertation_kind(kind) || kind == K::Admission
                        })
                        .filter_map(|(c, b)| client.view.change_shown(b.as_ref(), c)),
                )
                .chain(sealed)
                .collect();
            if seen.is_empty() {
                continue;
            }
            let pushed =
                ToClient::Pushed { by: me.user.clone(), changes: wire::wire_changes(&seen), next_id };
            Arc::new(pushed.encode())
        };
        if let Some(waiting) = &mut client.loading {
            // After its snapshot, which is being made (see `load`).
            waiting.push(frame);
        } else if !shared.send(client.uid, &client.queue, vec![frame], false) {
            behind.push(*id);
        }
    }
    for id in behind {
        if let Some(client) = clients.map.remove(&id) {
            let _ = client.stream.shutdown(std::net::Shutdown::Both);
        }
    }
}
