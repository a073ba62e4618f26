//! The protocol between a pilotage server, which owns a store, and its clients, over a Unix
//! socket. The one place that knows how a conversation becomes bytes.
//!
//! Every message is a **frame**: a 4-byte big-endian length, then that many bytes. A frame
//! over its limit is refused before anything is allocated for it.
//!
//! The conversation opens with a **handshake** whose layout never changes, so that any two
//! pilotages, however far apart their versions, can tell each other which one to upgrade:
//!
//! - the client's hello: `PILOTAGE` (8 bytes), the protocol (u16 big-endian), the client's
//!   session (u64 big-endian, the same across its reconnections), then the program's version
//!   (a u8 length and UTF-8 text);
//! - the server's answer: `PILOTAGE`, its protocol (u16), a status byte ([`Status`]), its
//!   program's version, then a text (u16 length and UTF-8): the account the server saw, or
//!   why it refuses.
//!
//! After it, each frame is one [`ToServer`] or [`ToClient`] in bincode (decoded with the
//! frame's limit, every byte read), whose records are the store's own versioned bytes
//! (see `store::codec`). Requests carry an id; the server answers each once, and answers a
//! retried id (after a reconnection) with the first answer, never applying it twice.

use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::domain::{Change, Record, RecordKey};
use crate::store::codec::{self, CodecError};

/// Bumped whenever [`ToServer`] or [`ToClient`] change shape. 2: refusals are typed, and the
/// server names the store it serves. 3: the store's generation can be asked (a UI that read
/// the store itself before its server opened it loads nothing more when it is unchanged).
pub const PROTOCOL: u16 = 3;
/// The program's version, said in the handshake so that a refusal can name it.
pub const PROGRAM: &str = env!("CARGO_PKG_VERSION");
const MAGIC: &[u8; 8] = b"PILOTAGE";

/// The largest frame a client may send: a commit of many records (an import) stays below.
/// A server lets each role send less (see `server::request_limit`).
pub const MAX_REQUEST: usize = 64 << 20;
/// The largest frame a server sends unasked: another client's changes, which came in one
/// request.
pub const MAX_PUSH: usize = MAX_REQUEST + (64 << 10);
/// The largest answer to a commit (a refusal, a conflict).
pub const MAX_SMALL_ANSWER: usize = 1 << 20;
/// How long a frame, once its first byte has come, may take to come whole: a peer that
/// announces a frame and stalls is let go.
pub const FRAME_DEADLINE: Duration = Duration::from_secs(30);

/// [`FRAME_DEADLINE`], or in a debug build what the tests set (`PILOTAGE_TEST_FRAME_DEADLINE_MS`),
/// so that a stalled frame is shown let go without waiting half a minute.
fn frame_deadline() -> Duration {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("PILOTAGE_TEST_FRAME_DEADLINE_MS").ok().and_then(|v| v.parse().ok()) {
        return Duration::from_millis(ms);
    }
    FRAME_DEADLINE
}
/// The largest frame a server may send: the whole store, when a client loads it.
pub const MAX_ANSWER: usize = 1 << 30;
/// A handshake is a few dozen bytes.
pub const MAX_HELLO: usize = 1 << 10;

/// Writes one frame.
pub fn write_frame(out: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    let len = u32::try_from(payload.len()).map_err(|_| io::Error::other("frame over 4 GiB"))?;
    if payload.len() <= 64 << 10 {
        // One write for a small frame (a push, an answer).
        let mut bytes = Vec::with_capacity(4 + payload.len());
        bytes.extend_from_slice(&len.to_be_bytes());
        bytes.extend_from_slice(payload);
        out.write_all(&bytes)?;
    } else {
        // A large one (a snapshot, a trail) is never copied: its length, then itself.
        out.write_all(&len.to_be_bytes())?;
        out.write_all(payload)?;
    }
    out.flush()
}

/// Reads one frame of at most `limit` bytes; `None` when the other side closed cleanly
/// between frames.
pub fn read_frame(input: &mut impl Read, limit: usize) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        match input.read(&mut len[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let len = u32::from_be_bytes(len) as usize;
    if len > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a frame of {len} bytes is over the limit of {limit}"),
        ));
    }
    let mut payload = vec![0u8; len];
    input.read_exact(&mut payload)?;
    Ok(Some(payload))
}

/// Reads one frame from a socket, as [`read_frame`], with deadlines: the first byte by
/// `first` (none: wait as long as it takes, as between requests), and the whole frame within
/// [`FRAME_DEADLINE`] of its first byte (or by `first`, when that comes sooner: a handshake
/// has one deadline for all of it). The payload grows as its bytes come, so an announced
/// length costs nothing until it is sent.
pub fn read_frame_by(
    stream: &mut UnixStream,
    limit: usize,
    first: Option<Instant>,
) -> io::Result<Option<Vec<u8>>> {
    let timed_out = || io::Error::new(io::ErrorKind::TimedOut, "the peer stalled in the middle of a frame");
    let wait_until = |stream: &UnixStream, deadline: Option<Instant>| -> io::Result<()> {
        match deadline {
            None => stream.set_read_timeout(None),
            Some(d) => {
                let left = d
                    .checked_duration_since(Instant::now())
                    .filter(|l| !l.is_zero())
                    .ok_or_else(timed_out)?;
                stream.set_read_timeout(Some(left))
            }
        }
    };
    let stalled = |e: io::Error| match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => timed_out(),
        _ => e,
    };
    let mut len = [0u8; 4];
    let mut got = 0;
    let mut deadline = first;
    while got < 4 {
        wait_until(stream, deadline)?;
        match stream.read(&mut len[got..]) {
            Ok(0) if got == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(stalled(e)),
        }
        if got > 0 {
            let whole = Instant::now() + frame_deadline();
            deadline = Some(deadline.map_or(whole, |d| d.min(whole)));
        }
    }
    let len = u32::from_be_bytes(len) as usize;
    if len > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a frame of {len} bytes is over the limit of {limit}"),
        ));
    }
    let mut payload = Vec::with_capacity(len.min(64 << 10));
    let mut chunk = [0u8; 64 << 10];
    while payload.len() < len {
        wait_until(stream, deadline)?;
        let want = (len - payload.len()).min(chunk.len());
        match stream.read(&mut chunk[..want]) {
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => payload.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(stalled(e)),
        }
    }
    stream.set_read_timeout(None)?;
    Ok(Some(payload))
}

/// The client's hello.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hello {
    pub protocol: u16,
    /// Chosen by the client once, kept across reconnections: the server remembers the last
    /// request it answered for it.
    pub session: u64,
    pub program: String,
}

/// What the server says of a hello.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Welcome = 0,
    /// The client speaks an older protocol.
    UpgradeClient = 1,
    /// The client speaks a newer protocol.
    UpgradeServer = 2,
    /// The kernel's account for the client has no access to this store.
    UnknownUser = 3,
    /// The account has as many connections open as a server allows one account (or the
    /// server as many as it allows in all): the client is to try again later.
    Busy = 4,
}

impl Status {
    fn from_byte(b: u8) -> Option<Status> {
        [Status::Welcome, Status::UpgradeClient, Status::UpgradeServer, Status::UnknownUser, Status::Busy]
            .into_iter()
            .find(|s| *s as u8 == b)
    }
}

/// The server's answer to a hello.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub protocol: u16,
    pub status: Status,
    pub program: String,
    /// Welcome: the account the server saw. Otherwise: why not, in words.
    pub text: String,
}

fn bad(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("not a pilotage {what}"))
}

impl Hello {
    pub fn new(session: u64) -> Hello {
        Hello { protocol: PROTOCOL, session, program: PROGRAM.to_string() }
    }

    pub fn encode(&self) -> Vec<u8> {
        let program = &self.program.as_bytes()[..self.program.len().min(255)];
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&self.protocol.to_be_bytes());
        out.extend_from_slice(&self.session.to_be_bytes());
        out.push(program.len() as u8);
        out.extend_from_slice(program);
        out
    }

    pub fn decode(bytes: &[u8]) -> io::Result<Hello> {
        let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(|| bad("hello"))?;
        let (protocol, rest) = rest.split_first_chunk::<2>().ok_or_else(|| bad("hello"))?;
        let (session, rest) = rest.split_first_chunk::<8>().ok_or_else(|| bad("hello"))?;
        let (&len, rest) = rest.split_first().ok_or_else(|| bad("hello"))?;
        if rest.len() != usize::from(len) {
            return Err(bad("hello"));
        }
        let program = String::from_utf8(rest.to_vec()).map_err(|_| bad("hello"))?;
        Ok(Hello { protocol: u16::from_be_bytes(*protocol), session: u64::from_be_bytes(*session), program })
    }
}

impl Answer {
    pub fn encode(&self) -> Vec<u8> {
        let program = &self.program.as_bytes()[..self.program.len().min(255)];
        let text = &self.text.as_bytes()[..self.text.len().min(u16::MAX as usize)];
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&self.protocol.to_be_bytes());
        out.push(self.status as u8);
        out.push(program.len() as u8);
        out.extend_from_slice(program);
        out.extend_from_slice(&(text.len() as u16).to_be_bytes());
        out.extend_from_slice(text);
        out
    }

    pub fn decode(bytes: &[u8]) -> io::Result<Answer> {
        let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(|| bad("server"))?;
        let (protocol, rest) = rest.split_first_chunk::<2>().ok_or_else(|| bad("server"))?;
        let (&status, rest) = rest.split_first().ok_or_else(|| bad("server"))?;
        let (&len, rest) = rest.split_first().ok_or_else(|| bad("server"))?;
        let (program, rest) = rest.split_at_checked(usize::from(len)).ok_or_else(|| bad("server"))?;
        let (text_len, text) = rest.split_first_chunk::<2>().ok_or_else(|| bad("server"))?;
        if text.len() != usize::from(u16::from_be_bytes(*text_len)) {
            return Err(bad("server"));
        }
        let text_of = |b: &[u8]| String::from_utf8(b.to_vec()).map_err(|_| bad("server"));
        Ok(Answer {
            protocol: u16::from_be_bytes(*protocol),
            status: Status::from_byte(status).ok_or_else(|| bad("server"))?,
            program: text_of(program)?,
            text: text_of(text)?,
        })
    }

    /// The answer to a connection over the server's caps (see `server::MAX_CONNECTIONS`).
    pub fn busy() -> Answer {
        Answer {
            protocol: PROTOCOL,
            status: Status::Busy,
            program: PROGRAM.to_string(),
            text: "this account has as many connections open as the server allows: close one, or try again later"
                .to_string(),
        }
    }

    /// The server's answer to a client's hello, by their protocols: which side to upgrade.
    pub fn to(hello: &Hello, user: Option<&str>) -> Answer {
        let (status, text) = match (hello.protocol.cmp(&PROTOCOL), user) {
            (std::cmp::Ordering::Less, _) => (
                Status::UpgradeClient,
                format!(
                    "this pilotage ({}, protocol {}) is older than the server's ({PROGRAM}, protocol {PROTOCOL}): upgrade the client",
                    hello.program, hello.protocol
                ),
            ),
            (std::cmp::Ordering::Greater, _) => (
                Status::UpgradeServer,
                format!(
                    "the server ({PROGRAM}, protocol {PROTOCOL}) is older than this pilotage ({}, protocol {}): upgrade the server",
                    hello.program, hello.protocol
                ),
            ),
            (_, None) => (Status::UnknownUser, String::new()),
            (_, Some(user)) => (Status::Welcome, user.to_string()),
        };
        Answer { protocol: PROTOCOL, status, program: PROGRAM.to_string(), text }
    }
}

/// One change, as it travels: a record in the store's own versioned bytes, or a key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WireChange {
    Put { kind: u8, record: Vec<u8> },
    Delete { key: Vec<u8> },
}

impl WireChange {
    pub fn of(change: &Change) -> WireChange {
        match change {
            Change::Put(r) => {
                WireChange::Put { kind: codec::kind_index(r.kind()), record: codec::encode_record(r) }
            }
            Change::Delete(k) => WireChange::Delete { key: crate::store::key_bytes(k) },
        }
    }

    pub fn change(&self) -> Result<Change, CodecError> {
        let malformed = |detail: String| CodecError::Malformed { kind: "change", detail };
        match self {
            WireChange::Put { kind, record } => {
                let kind =
                    codec::kind_of_index(*kind).ok_or_else(|| malformed(format!("unknown kind {kind}")))?;
                let record: Record = codec::decode_record(kind, record)?;
                Ok(Change::Put(record))
            }
            WireChange::Delete { key } => {
                let key: RecordKey =
                    crate::store::key_of_bytes(key).ok_or_else(|| malformed("unknown key".to_string()))?;
                Ok(Change::Delete(key))
            }
        }
    }
}

/// Every change, for the wire.
pub fn wire_changes(changes: &[Change]) -> Vec<WireChange> {
    changes.iter().map(WireChange::of).collect()
}

/// The changes back, or the first that does not decode.
pub fn changes_of(wire: &[WireChange]) -> Result<Vec<Change>, CodecError> {
    wire.iter().map(WireChange::change).collect()
}

/// What a client asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToServer {
    Request { id: u64, op: Op },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// Every record the client may see: answered by [`Reply::Loaded`], then a frame that is
    /// a store snapshot (`codec::encode_snapshot`), raw, written straight from the records so
    /// the server holds it once.
    Load,
    /// Check, write and flush these changes, then tell every other client. `bases`: the
    /// revision of each record the changes started from (see `codec::revision`); `None`
    /// writes over whatever is there (the user chose to, after a conflict).
    Commit { changes: Vec<WireChange>, bases: Option<Vec<u32>> },
    /// The audit trail's lines about one record (`kind:id`).
    History { record: String },
    /// Who the server takes this client for, its role, and the store it serves.
    WhoAmI,
    /// The whole audit trail (not for prison staff).
    Trail,
    /// A backup of the whole store, as `pilotage backup` writes it (the coordinator's).
    Backup,
    /// How many commits the store has seen (for an account that reads all of it: the
    /// coordinator the concertation admitted): a UI that read the store itself before starting
    /// its server loads nothing when no commit came since.
    Generation,
}

/// What a server sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ToClient {
    Reply {
        id: u64,
        reply: Reply,
    },
    /// Changes another client saved: already flushed to disk. `next_id`: the lowest id a new
    /// record may take now (the client may not see every record).
    Pushed {
        by: String,
        changes: Vec<WireChange>,
        next_id: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reply {
    /// The snapshot is the next frame. `next_id`: the lowest id a new record may take.
    Loaded {
        next_id: u64,
    },
    /// Written and flushed: the client may say "saved".
    Committed,
    History {
        entries: Vec<crate::store::codec::AuditEntry>,
    },
    /// Not done, and why: typed, put into words by the client in its user's language.
    Refused {
        refusal: crate::domain::access::Refusal,
    },
    /// Who the server takes the client for, and the store it serves (its directory, as the
    /// server opened it), so that a client named another store refuses to go on.
    Identity {
        user: String,
        uid: u32,
        role: crate::domain::access::Role,
        store: String,
        /// How the concertation admitted this account to its debates, if it did: without, the
        /// client holds only what leaves the concertation (its part is sealed).
        admitted: Option<crate::domain::access::Seat>,
    },
    /// A backup file's bytes, and how many records it holds.
    Backup {
        bytes: Vec<u8>,
        records: u64,
    },
    /// Not written: someone else changed this record since the client's change began.
    Conflict {
        record: String,
        by: String,
        at: String,
    },
    /// How many commits the store has seen.
    Generation {
        generation: u64,
    },
}

/// The reply to request `id` carrying audit lines, encoded as `each` hands them over: the
/// same bytes as `ToClient::Reply { id, reply: Reply::History { entries } }.encode()`, without
/// the lines ever held as values. `each` calls its argument once per line.
pub fn history_reply<E>(
    id: u64,
    each: impl FnOnce(&mut dyn FnMut(&crate::store::codec::AuditEntry)) -> Result<(), E>,
) -> Result<Vec<u8>, E> {
    let config = bincode::config::standard();
    let mut body = Vec::new();
    let mut count = 0u64;
    each(&mut |entry| {
        if bincode::serde::encode_into_std_write(entry, &mut body, config).is_ok() {
            count += 1;
        }
    })?;
    // An empty list encodes as its length, 0, last: the length is put there instead, and the
    // whole goes before the lines, moved within their buffer rather than copied to another.
    let mut head = ToClient::Reply { id, reply: Reply::History { entries: Vec::new() } }.encode();
    let empty = head.pop();
    debug_assert_eq!(empty, Some(0), "a reply's list of lines is its last field");
    let _ = bincode::serde::encode_into_std_write(count, &mut head, config);
    body.splice(0..0, head);
    Ok(body)
}

fn encode_message<T: Serialize>(value: &T) -> Vec<u8> {
    bincode::serde::encode_to_vec(value, bincode::config::standard()).unwrap_or_default()
}

fn decode_message<T: serde::de::DeserializeOwned>(bytes: &[u8], what: &'static str) -> Result<T, CodecError> {
    // The frame's own limit already bounds the bytes; bincode's limit bounds what it allocates.
    let config = bincode::config::standard().with_limit::<MAX_ANSWER>();
    let (value, read) = bincode::serde::decode_from_slice::<T, _>(bytes, config)
        .map_err(|e| CodecError::Malformed { kind: what, detail: e.to_string() })?;
    if read != bytes.len() {
        return Err(CodecError::TrailingBytes { kind: what, extra: bytes.len() - read });
    }
    Ok(value)
}

impl ToServer {
    pub fn encode(&self) -> Vec<u8> {
        encode_message(self)
    }
    pub fn decode(bytes: &[u8]) -> Result<ToServer, CodecError> {
        decode_message(bytes, "request")
    }
}

impl ToClient {
    pub fn encode(&self) -> Vec<u8> {
        encode_message(self)
    }
    pub fn decode(bytes: &[u8]) -> Result<ToClient, CodecError> {
        decode_message(bytes, "server message")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trail streamed line by line is the very reply a client decodes, whatever its length
    /// (bincode writes a list's length as a varint: 0, 250, 251 and 70,000 lines take 1, 1, 3
    /// and 5 bytes).
    #[test]
    fn a_streamed_trail_is_the_reply_encoded_whole() {
        use crate::store::codec::AuditEntry;
        let line = |i: usize| AuditEntry {
            at: format!("2026-12-0{}T10:00:00Z", i % 9),
            user: "ann".into(),
            action: "put".into(),
            record: format!("person:{i}"),
            summary: "é".repeat(i % 7),
        };
        for n in [0, 1, 250, 251, 70_000] {
            let entries: Vec<AuditEntry> = (0..n).map(line).collect();
            let whole =
                ToClient::Reply { id: 77, reply: Reply::History { entries: entries.clone() } }.encode();
            let streamed = history_reply::<()>(77, |put| {
                entries.iter().for_each(put);
                Ok(())
            })
            .unwrap();
            assert!(streamed == whole, "{n} lines");
            assert!(matches!(ToClient::decode(&streamed), Ok(ToClient::Reply { id: 77, .. })));
        }
    }

    #[test]
    fn a_frame_reads_back_and_one_over_its_limit_is_refused_before_it_is_read() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"abc").unwrap();
        assert_eq!(buf, [0, 0, 0, 3, b'a', b'b', b'c']);
        assert_eq!(read_frame(&mut buf.as_slice(), 3).unwrap(), Some(b"abc".to_vec()));
        let err = read_frame(&mut buf.as_slice(), 2).unwrap_err();
        assert!(err.to_string().contains("over the limit"), "{err}");
        // A huge length with no bytes behind it allocates nothing.
        let huge = [0xff, 0xff, 0xff, 0xff];
        assert!(read_frame(&mut huge.as_slice(), MAX_REQUEST).is_err());
        assert_eq!(read_frame(&mut [].as_slice(), 3).unwrap(), None, "a clean end");
        assert!(read_frame(&mut [0u8, 0].as_slice(), 3).is_err(), "an end inside a length");
    }

    /// The handshake's bytes, for all time: a pilotage of any version must read them.
    #[test]
    fn the_handshake_bytes_never_change() {
        let hello = Hello { protocol: 1, session: 0x0102_0304_0506_0708, program: "0.1.0".into() };
        let bytes = hello.encode();
        assert_eq!(bytes, b"PILOTAGE\x00\x01\x01\x02\x03\x04\x05\x06\x07\x08\x050.1.0".to_vec());
        assert_eq!(Hello::decode(&bytes).unwrap(), hello);
        let answer =
            Answer { protocol: 1, status: Status::Welcome, program: "0.1.0".into(), text: "alice".into() };
        let bytes = answer.encode();
        assert_eq!(bytes, b"PILOTAGE\x00\x01\x00\x050.1.0\x00\x05alice".to_vec());
        assert_eq!(Answer::decode(&bytes).unwrap(), answer);
        assert!(Hello::decode(b"GET / HTTP/1.1\r\n").is_err());
        assert!(Answer::decode(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn the_side_to_upgrade_is_named() {
        let old = Hello { protocol: PROTOCOL - 1, session: 1, program: "0.0.1".into() };
        let answer = Answer::to(&old, Some("alice"));
        assert_eq!(answer.status, Status::UpgradeClient);
        assert!(
            answer.text.contains("upgrade the client") && answer.text.contains("0.0.1"),
            "{}",
            answer.text
        );
        let new = Hello { protocol: PROTOCOL + 1, session: 1, program: "9.0.0".into() };
        assert_eq!(Answer::to(&new, Some("alice")).status, Status::UpgradeServer);
        assert_eq!(Answer::to(&Hello::new(1), None).status, Status::UnknownUser);
        assert_eq!(Answer::to(&Hello::new(1), Some("alice")).text, "alice");
    }

    /// The messages' bytes at protocol 3 (2's, and the generation asked and answered last of
    /// their kinds): a change here is a new protocol.
    #[test]
    fn the_messages_bytes_at_protocol_3() {
        let request = ToServer::Request { id: 7, op: Op::Load };
        assert_eq!(request.encode(), vec![0, 7, 0]);
        assert_eq!(ToServer::decode(&[0, 7, 0]).unwrap(), request);
        let commit = ToServer::Request {
            id: 8,
            op: Op::Commit { changes: vec![WireChange::Delete { key: vec![3, 9] }], bases: Some(vec![0]) },
        };
        assert_eq!(commit.encode(), vec![0, 8, 1, 1, 1, 2, 3, 9, 1, 1, 0]);
        let reply = ToClient::Reply { id: 8, reply: Reply::Committed };
        assert_eq!(reply.encode(), vec![0, 8, 1]);
        let pushed = ToClient::Pushed { by: "bob".into(), changes: vec![], next_id: 5 };
        assert_eq!(pushed.encode(), vec![1, 3, b'b', b'o', b'b', 0, 5]);
        let refused = ToClient::Reply {
            id: 9,
            reply: Reply::Refused { refusal: crate::domain::access::Refusal::NoSuchRecord },
        };
        assert_eq!(refused.encode(), vec![0, 9, 3, 5]);
        let asked = ToServer::Request { id: 10, op: Op::Generation };
        assert_eq!(asked.encode(), vec![0, 10, 6]);
        let generation = ToClient::Reply { id: 10, reply: Reply::Generation { generation: 4 } };
        assert_eq!(generation.encode(), vec![0, 10, 7, 4]);
        assert!(ToServer::decode(&[0, 7, 0, 0]).is_err(), "a trailing byte");
        assert!(ToServer::decode(&[9, 9, 9]).is_err(), "garbage");
        // A length inside a message cannot make the decoder allocate past its limit.
        assert!(ToClient::decode(&[1, 0xfc, 0xff, 0xff, 0xff, 0xff]).is_err());
    }

    #[test]
    fn changes_travel_as_the_store_keeps_them() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let data = crate::demo::demo_dataset(today);
        let changes: Vec<Change> = data
            .records()
            .take(50)
            .map(Change::Put)
            .chain(data.records().take(5).map(|r| Change::Delete(r.key())))
            .collect();
        let wire = wire_changes(&changes);
        let back = ToServer::decode(
            &ToServer::Request { id: 1, op: Op::Commit { changes: wire, bases: None } }.encode(),
        )
        .unwrap();
        let ToServer::Request { op: Op::Commit { changes: wire, .. }, .. } = back else { panic!("a commit") };
        assert_eq!(changes_of(&wire).unwrap(), changes);
        let broken = WireChange::Put { kind: 0, record: vec![1, 2, 3] };
        assert!(broken.change().is_err());
        assert!(WireChange::Put { kind: 200, record: vec![] }.change().is_err());
    }
}
