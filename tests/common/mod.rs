#![allow(dead_code, clippy::unwrap_used)]
//! Helpers shared by the integration tests.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A fixed "now" so relative dates in output are stable: Friday 2026-11-27, 09:00 UTC.
pub const NOW: &str = "2026-11-27T09:00:00Z";

/// A sandbox home: HOME and XDG folders point into a temp dir, no RAPPORT_BOARD.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Where the board lives by default inside this sandbox.
    pub fn default_board(&self) -> PathBuf {
        self.path().join("data/rapport/board.ron")
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("rapport").unwrap();
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path().join("home"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("RAPPORT_NOW", NOW)
            .env("TZ", "UTC")
            .env("NO_COLOR", "1");
        c
    }
}
