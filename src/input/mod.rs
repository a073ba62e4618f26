//! Keys: the one keymap table and what reads it.

pub mod keymap;
pub mod text;
