//! rapport: a keyboard-driven kanban board for growing business relationships.
//!
//! Layers, from the bottom up (a module imports only from layers below it; see
//! ARCHITECTURE.md): `text`, `clock`, `dates`, `error` → `model` → `store`, `sample`, `due`, `stats`,
//! `import`, `export`, `describe` → `action`, `keys`, `layout`, `theme`, `config` → `app` → `ui` →
//! `tui`, `cli`.

pub mod action;
pub mod agenda;
pub mod app;
pub mod cache;
pub mod cli;
pub mod clock;
pub mod config;
pub mod dates;
pub mod describe;
pub mod due;
pub mod error;
pub mod export;
pub mod export_ics;
#[doc(hidden)]
pub mod generate;
pub mod hash;
pub mod import;
pub mod keys;
pub mod layout;
pub mod model;
pub mod query;
pub mod sample;
pub mod stats;
pub mod store;
pub mod tally;
pub mod text;
pub mod theme;
pub mod tui;
pub mod ui;
