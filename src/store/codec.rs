//! The one place that knows how records become bytes (bincode 2 through serde).
//!
//! Every stored value is `[schema version][bincode payload]`. Decoding refuses anything
//! larger than [`MAX_RECORD_BYTES`], an unknown version, and trailing bytes; an older
//! version is decoded with its old shape and migrated. When a record's shape changes, bump
//! its `VERSION`, keep the old shape as a private struct, decode it in `migrate`, and add a
//! golden file for the new version (see `tests/golden/`).

use bincode::config::{Config, standard};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::domain::access::{Account, Admission};
use crate::domain::concertation::{CapbMeeting, CapbRules, Motion, Production, Service};
use crate::domain::{
    Change, Establishment, Group, Meeting, Membership, Person, Project, Record, RecordKind, SeatTemplate,
    Settings, TrainingNeed, TrainingSession,
};

/// The largest record accepted (1 MiB): a meeting's notes or a project's history stay far below,
/// and a damaged length field cannot make the decoder allocate without bound.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

fn config() -> impl Config {
    standard().with_limit::<MAX_RECORD_BYTES>()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodecError {
    Empty,
    TooLarge { len: usize },
    UnknownVersion { kind: &'static str, version: u8, newest: u8 },
    Malformed { kind: &'static str, detail: String },
    TrailingBytes { kind: &'static str, extra: usize },
}

impl std::fmt::Display for CodecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodecError::Empty => write!(f, "empty record"),
            CodecError::TooLarge { len } => {
                write!(f, "record of {len} bytes is over the {MAX_RECORD_BYTES}-byte limit")
            }
            CodecError::UnknownVersion { kind, version, newest } => write!(
                f,
                "{kind} record has schema version {version}, newer than this pilotage knows ({newest}): use a newer pilotage"
            ),
            CodecError::Malformed { kind, detail } => write!(f, "{kind} record cannot be decoded: {detail}"),
            CodecError::TrailingBytes { kind, extra } => {
                write!(f, "{kind} record has {extra} unexpected trailing bytes")
            }
        }
    }
}

impl std::error::Error for CodecError {}

/// A type stored with a schema version.
pub trait Versioned: Serialize + DeserializeOwned {
    const KIND: &'static str;
    /// The version written today.
    const VERSION: u8;
    /// Reads a payload written by an older version. Only versions below `VERSION` reach here.
    fn migrate(version: u8, _payload: &[u8]) -> Result<Self, CodecError> {
        Err(CodecError::UnknownVersion { kind: Self::KIND, version, newest: Self::VERSION })
    }
}

pub fn encode<T: Versioned>(value: &T) -> Vec<u8> {
    let mut out = vec![T::VERSION];
    // Encoding plain data into a Vec cannot fail; the limit only guards decoding, and no
    // record the forms accept comes near it.
    if let Err(e) = bincode::serde::encode_into_std_write(value, &mut out, standard()) {
        debug_assert!(false, "encoding {} failed: {e}", T::KIND);
    }
    out
}

pub fn decode<T: Versioned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (&version, payload) = bytes.split_first().ok_or(CodecError::Empty)?;
    if bytes.len() > MAX_RECORD_BYTES {
        return Err(CodecError::TooLarge { len: bytes.len() });
    }
    match version {
        v if v == T::VERSION => decode_payload::<T>(T::KIND, payload),
        0 => Err(CodecError::Malformed { kind: T::KIND, detail: "version 0 was never written".into() }),
        v if v < T::VERSION => T::migrate(v, payload),
        v => Err(CodecError::UnknownVersion { kind: T::KIND, version: v, newest: T::VERSION }),
    }
}

/// Decodes one payload of a given shape, checking every byte was used. For `migrate`.
pub fn decode_payload<U: DeserializeOwned>(kind: &'static str, payload: &[u8]) -> Result<U, CodecError> {
    let (value, read) = bincode::serde::decode_from_slice::<U, _>(payload, config())
        .map_err(|e| CodecError::Malformed { kind, detail: e.to_string() })?;
    if read != payload.len() {
        return Err(CodecError::TrailingBytes { kind, extra: payload.len() - read });
    }
    Ok(value)
}

macro_rules! versioned {
    ($($ty:ty => $kind:literal, $version:literal;)*) => {
        $(impl Versioned for $ty {
            const KIND: &'static str = $kind;
            const VERSION: u8 = $version;
        })*
    };
}

versioned! {
    Person => "person", 1;
    Group => "group", 1;
    SeatTemplate => "template", 1;
    Membership => "membership", 1;
    Meeting => "meeting", 1;
    TrainingNeed => "training_need", 1;
    TrainingSession => "training_session", 1;
    AuditEntry => "audit", 1;
    crate::domain::access::Reach => "reach", 1;
    Service => "capb_service", 1;
    CapbMeeting => "capb_meeting", 1;
    CapbRules => "capb_rules", 1;
    Admission => "capb_admission", 1;
    Production => "capb_production", 1;
    Account => "account", 1;
}

/// Each kind of stored record and the version written today (an older one is read and
/// migrated): what `pilotage --version` names, so that an administrator can tell which stores
/// a program reads.
pub fn record_versions() -> Vec<(&'static str, u8)> {
    fn v<T: Versioned>() -> (&'static str, u8) {
        (T::KIND, T::VERSION)
    }
    vec![
        v::<Establishment>(),
        v::<Person>(),
        v::<Group>(),
        v::<SeatTemplate>(),
        v::<Membership>(),
        v::<Meeting>(),
        v::<Project>(),
        v::<TrainingNeed>(),
        v::<TrainingSession>(),
        v::<Settings>(),
        v::<Service>(),
        v::<CapbMeeting>(),
        v::<Motion>(),
        v::<Production>(),
        v::<CapbRules>(),
        v::<Admission>(),
        v::<Account>(),
        v::<AuditEntry>(),
        v::<crate::domain::access::Reach>(),
    ]
}

/// Version 2 added the coordinator's coverage decisions (none, for a record of version 1:
/// its kind decides); version 3 which coordinator serves a Brussels establishment (none
/// decided, for older records).
impl Versioned for Establishment {
    const KIND: &'static str = "establishment";
    const VERSION: u8 = 3;
    fn migrate(version: u8, payload: &[u8]) -> Result<Self, CodecError> {
        use crate::domain::establishment::{Coverage, EstablishmentKind, LanguageRegime, Region};
        #[derive(serde::Deserialize)]
        struct V1 {
            id: String,
            name_fr: String,
            name_nl: String,
            town: String,
            region: Region,
            language: LanguageRegime,
            kind: EstablishmentKind,
            opened: Option<chrono::NaiveDate>,
            closed: Option<chrono::NaiveDate>,
            note: String,
        }
        // Version 2 is version 1's fields, then the coverage decisions: bincode writes a
        // struct as its fields in order, so the pair reads it.
        let (v1, coverage): (V1, Vec<Coverage>) = match version {
            1 => (decode_payload(Self::KIND, payload)?, Vec::new()),
            2 => decode_payload(Self::KIND, payload)?,
            v => {
                return Err(CodecError::UnknownVersion {
                    kind: Self::KIND,
                    version: v,
                    newest: Self::VERSION,
                });
            }
        };
        Ok(Establishment {
            id: v1.id,
            name_fr: v1.name_fr,
            name_nl: v1.name_nl,
            town: v1.town,
            region: v1.region,
            language: v1.language,
            kind: v1.kind,
            opened: v1.opened,
            closed: v1.closed,
            note: v1.note,
            coverage,
            coordinator: None,
        })
    }
}

/// Version 2 added the concertation's proxy cap and quorum (the defaults: one proxy, no
/// quorum, for a record of version 1); version 3 took them out again: they are the
/// concertation's members' to decide (`CapbRules`), not the coordinator's, and a value a
/// coordinator set is not carried over as if the members had.
impl Versioned for Settings {
    const KIND: &'static str = "settings";
    const VERSION: u8 = 3;
    fn migrate(version: u8, payload: &[u8]) -> Result<Self, CodecError> {
        use crate::domain::Thresholds;
        #[derive(serde::Deserialize)]
        struct V1 {
            id: u64,
            effective_from: chrono::NaiveDate,
            thresholds: (u32, u32, u32),
            note: String,
        }
        #[derive(serde::Deserialize)]
        struct V2 {
            id: u64,
            effective_from: chrono::NaiveDate,
            /// Dormancy, overdue, seat limit, then the proxy cap and the quorum.
            thresholds: (u32, u32, u32, u32, u32),
            note: String,
        }
        let (id, effective_from, (dormant_after_months, overdue_after_days, seat_limit), note) = match version
        {
            1 => {
                let v1: V1 = decode_payload(Self::KIND, payload)?;
                (v1.id, v1.effective_from, v1.thresholds, v1.note)
            }
            2 => {
                let v2: V2 = decode_payload(Self::KIND, payload)?;
                let (months, days, seats, _cap, _quorum) = v2.thresholds;
                (v2.id, v2.effective_from, (months, days, seats), v2.note)
            }
            v => {
                return Err(CodecError::UnknownVersion {
                    kind: Self::KIND,
                    version: v,
                    newest: Self::VERSION,
                });
            }
        };
        Ok(Settings {
            id,
            effective_from,
            thresholds: Thresholds { dormant_after_months, overdue_after_days, seat_limit },
            note,
        })
    }
}

/// Version 2 added what a decision releases, and to whom: a motion of version 1 names
/// nothing, so it releases nothing (`check` lists what was let out on one).
impl Versioned for Motion {
    const KIND: &'static str = "capb_motion";
    const VERSION: u8 = 2;
    fn migrate(version: u8, payload: &[u8]) -> Result<Self, CodecError> {
        use crate::domain::concertation::Ballot;
        #[derive(serde::Deserialize)]
        struct V1 {
            id: u64,
            meeting: u64,
            text: String,
            ballots: Vec<Ballot>,
        }
        match version {
            1 => {
                let v1: V1 = decode_payload(Self::KIND, payload)?;
                Ok(Motion {
                    id: v1.id,
                    meeting: v1.meeting,
                    text: v1.text,
                    ballots: v1.ballots,
                    releases: Vec::new(),
                })
            }
            v => Err(CodecError::UnknownVersion { kind: Self::KIND, version: v, newest: Self::VERSION }),
        }
    }
}

/// Version 2 added the steps running and ended (stored after the others, so a version 1
/// value reads as it is); an older pilotage then refuses a project it could not show.
impl Versioned for Project {
    const KIND: &'static str = "project";
    const VERSION: u8 = 2;
    fn migrate(version: u8, payload: &[u8]) -> Result<Self, CodecError> {
        match version {
            1 => decode_payload(Self::KIND, payload),
            v => Err(CodecError::UnknownVersion { kind: Self::KIND, version: v, newest: Self::VERSION }),
        }
    }
}

pub fn encode_record(record: &Record) -> Vec<u8> {
    match record {
        Record::Establishment(r) => encode(r),
        Record::Person(r) => encode(r),
        Record::Group(r) => encode(r),
        Record::Template(r) => encode(r),
        Record::Membership(r) => encode(r),
        Record::Meeting(r) => encode(r),
        Record::Project(r) => encode(r),
        Record::Need(r) => encode(r),
        Record::Session(r) => encode(r),
        Record::Settings(r) => encode(r),
        Record::Service(r) => encode(r),
        Record::CapbMeeting(r) => encode(r),
        Record::Motion(r) => encode(r),
        Record::Production(r) => encode(r),
        Record::Account(r) => encode(r),
        Record::CapbRules(r) => encode(r),
        Record::Admission(r) => encode(r),
    }
}

/// A record's revision as a client knows it: a checksum of its stored bytes (0 for none).
/// A save carries the revisions its changes started from; the server refuses one whose record
/// has been changed by someone else since.
pub fn revision(record: Option<&Record>) -> u32 {
    record.map_or(0, |r| crc32fast::hash(&encode_record(r)).max(1))
}

pub fn decode_record(kind: RecordKind, bytes: &[u8]) -> Result<Record, CodecError> {
    Ok(match kind {
        RecordKind::Establishment => Record::Establishment(decode(bytes)?),
        RecordKind::Person => Record::Person(decode(bytes)?),
        RecordKind::Group => Record::Group(decode(bytes)?),
        RecordKind::Template => Record::Template(decode(bytes)?),
        RecordKind::Membership => Record::Membership(decode(bytes)?),
        RecordKind::Meeting => Record::Meeting(decode(bytes)?),
        RecordKind::Project => Record::Project(decode(bytes)?),
        RecordKind::Need => Record::Need(decode(bytes)?),
        RecordKind::Session => Record::Session(decode(bytes)?),
        RecordKind::Settings => Record::Settings(decode(bytes)?),
        RecordKind::Service => Record::Service(decode(bytes)?),
        RecordKind::CapbMeeting => Record::CapbMeeting(decode(bytes)?),
        RecordKind::Motion => Record::Motion(decode(bytes)?),
        RecordKind::Production => Record::Production(decode(bytes)?),
        RecordKind::Account => Record::Account(decode(bytes)?),
        RecordKind::CapbRules => Record::CapbRules(decode(bytes)?),
        RecordKind::Admission => Record::Admission(decode(bytes)?),
    })
}

/// One line of the audit trail: who changed what, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AuditEntry {
    /// UTC time, RFC 3339.
    pub at: String,
    /// The operating-system user who made the change.
    pub user: String,
    /// `put` or `delete`.
    pub action: String,
    /// The record, as `kind:id`.
    pub record: String,
    /// A short human description of the record after the change.
    pub summary: String,
}

impl AuditEntry {
    pub fn for_change(change: &Change, at: String, user: &str, summary: String) -> AuditEntry {
        let action = match change {
            Change::Put(_) => "put",
            Change::Delete(_) => "delete",
        };
        AuditEntry {
            at,
            user: user.to_string(),
            action: action.into(),
            record: change.key().to_string(),
            summary,
        }
    }
}

/// The snapshot's own layout (its records carry their own versions and are migrated as they
/// are read, as the records tree's are). Backups hold a snapshot: a new layout must still read
/// the old one.
const SNAPSHOT_VERSION: u8 = 1;
/// A snapshot may be large: 1 GiB holds far more than any real store.
const MAX_SNAPSHOT_BYTES: usize = 1 << 30;

// The format: the version byte, then what bincode makes of a `Vec<(u8, Vec<u8>)>` (a count,
// then each record's kind and stored bytes). It is written and read one record at a time, so
// that neither side holds a second copy of every record.

/// Every record in one value, appended to `out` (which may hold a prefix): each encoded as it
/// is stored, tagged with its kind. `count` is how many `records` yields, since the format
/// starts with it; written straight into `out`, the snapshot of a large store exists once.
pub fn encode_snapshot_into(out: &mut Vec<u8>, count: usize, records: impl Iterator<Item = Record>) {
    out.push(SNAPSHOT_VERSION);
    if let Err(e) = bincode::serde::encode_into_std_write(count as u64, &mut *out, standard()) {
        debug_assert!(false, "encoding a snapshot failed: {e}");
    }
    let mut written = 0;
    for r in records {
        let bytes = encode_record(&r);
        if let Err(e) = bincode::serde::encode_into_std_write(
            (kind_index(r.kind()), bytes.as_slice()),
            &mut *out,
            standard(),
        ) {
            debug_assert!(false, "encoding a snapshot failed: {e}");
        }
        written += 1;
    }
    // A wrong count makes a snapshot that does not decode: the records are then read instead.
    debug_assert_eq!(written, count, "the snapshot's count");
}

/// A snapshot's start, for records encoded one by one after it (see [`encode_snapshot_record`]):
/// its version and how many records follow.
pub fn snapshot_header(count: usize) -> Vec<u8> {
    let mut out = vec![SNAPSHOT_VERSION];
    if let Err(e) = bincode::serde::encode_into_std_write(count as u64, &mut out, standard()) {
        debug_assert!(false, "encoding a snapshot failed: {e}");
    }
    out
}

/// One record of a snapshot, appended to `out`, tagged with its kind.
pub fn encode_snapshot_record(out: &mut Vec<u8>, r: &Record) {
    let bytes = encode_record(r);
    let tagged = (kind_index(r.kind()), bytes.as_slice());
    if let Err(e) = bincode::serde::encode_into_std_write(tagged, &mut *out, standard()) {
        debug_assert!(false, "encoding a snapshot failed: {e}");
    }
}

/// Every record in one value (see [`encode_snapshot_into`]).
pub fn encode_snapshot(records: impl Iterator<Item = Record>) -> Vec<u8> {
    let records: Vec<Record> = records.collect();
    let mut out = Vec::new();
    encode_snapshot_into(&mut out, records.len(), records.into_iter());
    out
}

/// A snapshot's records as a dataset, each kind's map built in one go.
pub fn decode_dataset(bytes: &[u8]) -> Result<crate::domain::Dataset, CodecError> {
    let mut loader = crate::domain::dataset::Loader::default();
    decode_snapshot(bytes, |r| loader.push(r))?;
    Ok(loader.finish())
}

/// Reads a snapshot, handing each record to `each` as it is decoded. On an error some records
/// may have been handed over already: the caller throws them away.
pub fn decode_snapshot(bytes: &[u8], mut each: impl FnMut(Record)) -> Result<(), CodecError> {
    let kind = "snapshot";
    let malformed = |e: bincode::error::DecodeError| CodecError::Malformed { kind, detail: e.to_string() };
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    if version != SNAPSHOT_VERSION {
        return Err(CodecError::UnknownVersion { kind, version, newest: SNAPSHOT_VERSION });
    }
    let config = standard().with_limit::<MAX_SNAPSHOT_BYTES>();
    let (count, mut at) = bincode::serde::decode_from_slice::<u64, _>(body, config).map_err(malformed)?;
    for _ in 0..count {
        let ((tag, value), read) =
            bincode::serde::borrow_decode_from_slice::<(u8, &[u8]), _>(&body[at..], config)
                .map_err(malformed)?;
        at += read;
        let record_kind = RecordKind::ALL
            .get(usize::from(tag))
            .copied()
            .ok_or(CodecError::Malformed { kind, detail: format!("unknown record kind {tag}") })?;
        each(decode_record(record_kind, value)?);
    }
    if at != body.len() {
        return Err(CodecError::TrailingBytes { kind, extra: body.len() - at });
    }
    Ok(())
}

/// A record kind's number in snapshots and on the wire: its place in [`RecordKind::ALL`].
pub fn kind_index(kind: RecordKind) -> u8 {
    RecordKind::ALL.iter().position(|k| *k == kind).map_or(u8::MAX, |i| i as u8)
}

/// The record kind of a number from [`kind_index`].
pub fn kind_of_index(index: u8) -> Option<RecordKind> {
    RecordKind::ALL.get(usize::from(index)).copied()
}

/// A backup file: a magic line, a body, then a CRC-32 of everything before it.
///
/// Version 2 (since November 2026): the records as one snapshot (see [`encode_snapshot`]),
/// what bincode makes of a byte string; then every other stored value (meta, audit) as
/// `Some((tree, key, value))`, ended by `None`. The records are written as they were loaded,
/// without a second pass over the store, and the rest needs no count in advance.
pub const BACKUP_MAGIC: &[u8] = b"PILOTAGE-BACKUP 2\n";
/// Version 1 (until November 2026): the counted list of every stored value. Still read.
pub const BACKUP_MAGIC_V1: &[u8] = b"PILOTAGE-BACKUP 1\n";
/// A backup may be larger than one record: 1 GiB holds far more than any real store.
pub const MAX_BACKUP_BYTES: usize = 1 << 30;

/// One stored value in a backup: (tree name, key, value).
pub type BackupEntry = (String, Vec<u8>, Vec<u8>);

#[derive(Debug, Serialize, serde::Deserialize)]
struct BackupBodyV1 {
    entries: Vec<BackupEntry>,
}

/// A whole backup in memory (the store writes one entry at a time with [`BackupWriter`]).
#[cfg(test)]
pub fn encode_backup(snapshot: &[u8], entries: &[BackupEntry]) -> Vec<u8> {
    let write = || {
        let mut w = BackupWriter::new(Vec::new(), snapshot)?;
        for (tree, key, value) in entries {
            w.entry(tree, key, value)?;
        }
        w.finish()
    };
    write().unwrap_or_else(|e| {
        debug_assert!(false, "encoding a backup failed: {e}");
        Vec::new()
    })
}

/// Writes a backup of version 2 as it goes: the records first, in one piece, then the other
/// values one at a time. A backup of a large store is never whole in memory.
pub struct BackupWriter<W: std::io::Write> {
    out: W,
    crc: crc32fast::Hasher,
}

impl<W: std::io::Write> BackupWriter<W> {
    /// Starts a backup with its records: `snapshot` as [`encode_snapshot`] makes it.
    pub fn new(out: W, snapshot: &[u8]) -> std::io::Result<Self> {
        let mut w = BackupWriter { out, crc: crc32fast::Hasher::new() };
        w.write(BACKUP_MAGIC)?;
        // What bincode makes of a byte string, without copying it into an encoder first.
        w.write(
            &bincode::serde::encode_to_vec(snapshot.len() as u64, standard())
                .map_err(std::io::Error::other)?,
        )?;
        w.write(snapshot)?;
        Ok(w)
    }

    /// One value of another tree than the records.
    pub fn entry(&mut self, tree: &str, key: &[u8], value: &[u8]) -> std::io::Result<()> {
        let bytes = bincode::serde::encode_to_vec(Some((tree, key, value)), standard())
            .map_err(std::io::Error::other)?;
        self.write(&bytes)
    }

    /// Ends the backup: the end marker and the CRC.
    pub fn finish(mut self) -> std::io::Result<W> {
        let end = bincode::serde::encode_to_vec(None::<(&str, &[u8], &[u8])>, standard())
            .map_err(std::io::Error::other)?;
        self.write(&end)?;
        let crc = self.crc.clone().finalize();
        self.out.write_all(&crc.to_be_bytes())?;
        Ok(self.out)
    }

    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.crc.update(bytes);
        self.out.write_all(bytes)
    }
}

/// Every stored value a backup holds, of either version: the records first (each under its
/// key, encoded as it is stored today), then the other trees' values. Checks the CRC, and
/// decodes every record of a version 2 backup on the way.
pub fn decode_backup(bytes: &[u8]) -> Result<Vec<BackupEntry>, CodecError> {
    let kind = "backup";
    let malformed = |detail: &str| CodecError::Malformed { kind, detail: detail.into() };
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(CodecError::TooLarge { len: bytes.len() });
    }
    let (version, body) = if let Some(body) = bytes.strip_prefix(BACKUP_MAGIC) {
        (2, body)
    } else if let Some(body) = bytes.strip_prefix(BACKUP_MAGIC_V1) {
        (1, body)
    } else {
        return Err(malformed("not a pilotage backup file"));
    };
    let (body, crc) =
        body.split_at_checked(body.len().saturating_sub(4)).ok_or_else(|| malformed("truncated"))?;
    let expected = u32::from_be_bytes(crc.try_into().map_err(|_| malformed("truncated"))?);
    if crc32fast::hash(&bytes[..bytes.len() - 4]) != expected {
        return Err(malformed("checksum does not match: the file is damaged or truncated"));
    }
    let config = standard().with_limit::<MAX_BACKUP_BYTES>();
    let (entries, read) = if version == 1 {
        let (decoded, read) = bincode::serde::decode_from_slice::<BackupBodyV1, _>(body, config)
            .map_err(|e| malformed(&e.to_string()))?;
        (decoded.entries, read)
    } else {
        let (snapshot, mut at) = bincode::serde::borrow_decode_from_slice::<&[u8], _>(body, config)
            .map_err(|e| malformed(&e.to_string()))?;
        let mut entries = Vec::new();
        decode_snapshot(snapshot, |r| {
            entries.push(("records".to_string(), super::key_bytes(&r.key()), encode_record(&r)));
        })?;
        loop {
            let (entry, n) = bincode::serde::decode_from_slice::<Option<BackupEntry>, _>(&body[at..], config)
                .map_err(|e| malformed(&e.to_string()))?;
            at += n;
            match entry {
                Some(e) => entries.push(e),
                None => break,
            }
        }
        (entries, at)
    };
    if read != body.len() {
        return Err(CodecError::TrailingBytes { kind, extra: body.len() - read });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A version 2 backup is what bincode makes of (the snapshot as a byte string, then each
    /// other value as `Some`, then `None`), between the magic line and the CRC.
    #[test]
    fn a_backup_is_the_snapshot_then_each_other_value() {
        let records = [Record::Person(Person {
            id: 3,
            name: "A".into(),
            function: String::new(),
            organisation: String::new(),
            qualifications: Vec::new(),
            contact: String::new(),
        })];
        let snapshot = encode_snapshot(records.iter().cloned());
        let others: Vec<BackupEntry> = (0..300u32)
            .map(|i| {
                (["audit", "meta"][i as usize % 2].to_string(), i.to_be_bytes().to_vec(), vec![7; i as usize])
            })
            .collect();
        let mut whole = BACKUP_MAGIC.to_vec();
        bincode::serde::encode_into_std_write(snapshot.as_slice(), &mut whole, standard()).unwrap();
        for e in &others {
            bincode::serde::encode_into_std_write(Some(e), &mut whole, standard()).unwrap();
        }
        bincode::serde::encode_into_std_write(None::<BackupEntry>, &mut whole, standard()).unwrap();
        let crc = crc32fast::hash(&whole);
        whole.extend_from_slice(&crc.to_be_bytes());
        assert_eq!(encode_backup(&snapshot, &others), whole);
        let mut expected = vec![(
            "records".to_string(),
            super::super::key_bytes(&records[0].key()),
            encode_record(&records[0]),
        )];
        expected.extend(others);
        assert_eq!(decode_backup(&whole).unwrap(), expected);
    }

    /// The snapshot is written and read one record at a time, in the format it had when it
    /// was one `Vec<(u8, Vec<u8>)>`: snapshots written before still read, and round-trip.
    #[test]
    fn a_snapshot_reads_back_in_the_format_it_always_had() {
        #[derive(Serialize)]
        struct SnapshotBody {
            records: Vec<(u8, Vec<u8>)>,
        }
        let data = crate::demo::demo_dataset(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let records: Vec<(u8, Vec<u8>)> =
            data.records().map(|r| (kind_index(r.kind()), encode_record(&r))).collect();
        let mut before = vec![SNAPSHOT_VERSION];
        bincode::serde::encode_into_std_write(SnapshotBody { records }, &mut before, standard()).unwrap();
        assert_eq!(encode_snapshot(data.records()), before);
        let mut read = Vec::new();
        decode_snapshot(&before, |r| read.push(r)).unwrap();
        assert_eq!(read, data.records().collect::<Vec<_>>());
        let mut cut = before.clone();
        cut.pop();
        assert!(decode_snapshot(&cut, |_| {}).is_err(), "a truncated snapshot is refused");
        let mut longer = before.clone();
        longer.push(0);
        assert!(
            matches!(decode_snapshot(&longer, |_| {}), Err(CodecError::TrailingBytes { extra: 1, .. })),
            "so is one with bytes after it"
        );
    }

    /// A record kind that changed shape, to test the migration path itself: version 1 had
    /// one name field, version 2 split it.
    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    struct Renamed {
        first: String,
        last: String,
    }

    #[derive(Serialize, serde::Deserialize)]
    struct RenamedV1 {
        name: String,
    }

    impl Versioned for Renamed {
        const KIND: &'static str = "renamed";
        const VERSION: u8 = 2;
        fn migrate(version: u8, payload: &[u8]) -> Result<Self, CodecError> {
            match version {
                1 => {
                    let old: RenamedV1 = decode_payload(Self::KIND, payload)?;
                    let (first, last) = old.name.split_once(' ').unwrap_or((&old.name, ""));
                    Ok(Renamed { first: first.into(), last: last.into() })
                }
                v => Err(CodecError::UnknownVersion { kind: Self::KIND, version: v, newest: Self::VERSION }),
            }
        }
    }

    #[test]
    fn an_older_version_is_migrated_on_read() {
        let mut v1 = vec![1u8];
        v1.extend(
            bincode::serde::encode_to_vec(RenamedV1 { name: "Ada Lovelace".into() }, standard()).unwrap(),
        );
        let r: Renamed = decode(&v1).unwrap();
        assert_eq!(r, Renamed { first: "Ada".into(), last: "Lovelace".into() });
        let v2 = encode(&r);
        assert_eq!(v2[0], 2);
        assert_eq!(decode::<Renamed>(&v2).unwrap(), r);
    }

    #[test]
    fn unknown_version_trailing_bytes_and_empty_are_refused() {
        let p = Person {
            id: 1,
            name: "A".into(),
            function: String::new(),
            organisation: String::new(),
            qualifications: vec![],
            contact: String::new(),
        };
        let mut bytes = encode(&p);
        assert_eq!(decode::<Person>(&bytes).unwrap(), p);
        bytes[0] = 9;
        assert!(matches!(decode::<Person>(&bytes), Err(CodecError::UnknownVersion { version: 9, .. })));
        bytes[0] = 1;
        bytes.push(0);
        assert!(matches!(decode::<Person>(&bytes), Err(CodecError::TrailingBytes { extra: 1, .. })));
        assert_eq!(decode::<Person>(&[]), Err(CodecError::Empty));
        assert!(matches!(decode::<Person>(&[1, 0xff, 0xff]), Err(CodecError::Malformed { .. })));
    }

    #[test]
    fn a_huge_length_prefix_does_not_allocate() {
        // Version 1, id 1, then a string length of 2^60.
        let mut bytes = vec![1u8, 1, 0xff];
        bytes.extend_from_slice(&(1u64 << 60).to_le_bytes());
        assert!(decode::<Person>(&bytes).is_err());
    }

    #[test]
    fn backups_round_trip_and_detect_damage() {
        let entries = vec![("audit".to_string(), vec![1, 2], vec![3, 4, 5])];
        let mut bytes = encode_backup(&encode_snapshot(std::iter::empty()), &entries);
        assert_eq!(decode_backup(&bytes).unwrap(), entries);
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x40;
        assert!(decode_backup(&bytes).is_err());
        assert!(decode_backup(&bytes[..bytes.len() - 3]).is_err());
        assert!(decode_backup(b"hello").is_err());
    }
}
