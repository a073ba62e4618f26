//! pilotage: keeping Belgium's prison drug-policy steering groups visible and up to date.

pub mod domain;
pub mod store;
