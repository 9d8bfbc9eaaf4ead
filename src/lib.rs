//! rapport: a keyboard-driven kanban board for growing business relationships.
//!
//! The model, store, dates and review logic are pure and shared by the CLI and the TUI;
//! only `tui` and `ui` know about the terminal.

pub mod app;
pub mod cli;
pub mod config;
pub mod dates;
pub mod export;
#[doc(hidden)]
pub mod generate;
pub mod import;
pub mod model;
pub mod review;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
