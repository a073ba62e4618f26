//! The domain: plain types and the rules of circular 1785. No terminal, no storage, no I/O.

pub mod access;
pub mod admission;
pub mod change;
pub mod concertation;
pub mod dataset;
pub mod date;
pub mod establishment;
pub mod group;
#[cfg(test)]
pub mod mutate;
pub mod people;
pub mod privacy;
pub mod project;
pub mod rules;
pub mod settings;
pub mod training;

pub use change::{Change, Record, RecordKey, RecordKind};
pub use dataset::{Dataset, Problem, Violation};
pub use establishment::{Establishment, EstablishmentId, EstablishmentKind, LanguageRegime, Region};
pub use group::{
    CHAIR, Group, GroupId, GroupKind, Meeting, MeetingId, Membership, MembershipId, SeatRequirement,
    SeatTemplate, TemplateId,
};
pub use people::{Person, PersonId, Qualification};
pub use project::{FundamentalElement, Project, ProjectEvent, ProjectId, ProjectStep};
pub use settings::{Settings, SettingsId, Thresholds};
pub use training::{NeedId, NeedStatus, Priority, SessionId, StaffGroup, TrainingNeed, TrainingSession};

/// A map for the rules and the rows, which hash record ids and establishment ids thousands of
/// times a computation: a fast hasher, not one made to resist crafted keys (none comes from
/// outside the store).
/// The highest id the store gives a record (2^53, which JSON and spreadsheets keep exact);
/// import refuses ids above it, so the next record always has an id of its own.
pub const MAX_ID: u64 = 1 << 53;

pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;
