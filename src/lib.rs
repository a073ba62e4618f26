//! pilotage: keeping Belgium's prison drug-policy steering groups visible and up to date.
//!
//! Layers, each depending only on those before it: `domain` (types and rules), `store`
//! (sled), `app` (state and the one `update` path), `input` and `ui` (keys and drawing),
//! `cli` (the commands), and `run`, the one loop that ties the app, keys and drawing to a
//! terminal. `main` wires them. `wire` is the protocol between a server that owns a store and
//! its clients; `server` serves it.

pub mod app;
pub mod backend;
pub mod cli;
pub mod client;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod input;
pub mod rows;
pub mod run;
pub mod server;
pub mod store;
pub mod system;
pub mod ui;
pub mod wire;
