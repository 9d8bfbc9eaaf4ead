//! Data archives the networks give their users — X/Twitter's "archive of your data",
//! LinkedIn's full export, a Mastodon export — read as interactions: who you exchanged
//! replies and direct messages with, when, on which channel, and who reached out.
//!
//! Reading (`read`) turns an archive into `Person`s and `Touch`es and touches no board;
//! `apply` puts them on a board: matched by account id, then by handle, new people created
//! only when they exchanged messages with the owner, each message logged once (its source
//! id is remembered on the contact), and no card moved unless asked.

mod apply;
mod linkedin;
mod mastodon;
mod source;
mod x;

pub use apply::{ApplyOptions, ContactLine, LANDING, Report, Suggestion, apply};

use crate::model::{Channel, Who};
use chrono::{DateTime, Utc};
use serde::de::{DeserializeOwned, DeserializeSeed, SeqAccess, Visitor};
use serde::{Deserializer, Serialize};
use source::Source;
use std::fmt;
use std::path::Path;

/// Which network wrote the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Network {
    X,
    LinkedIn,
    Mastodon,
}

impl Network {
    pub fn title(self) -> &'static str {
        match self {
            Network::X => "X/Twitter archive",
            Network::LinkedIn => "LinkedIn export",
            Network::Mastodon => "Mastodon archive",
        }
    }
}

/// Someone the owner exchanged messages with, as the archive names them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Person {
    /// An account id that survives a change of handle: `x:783214`.
    pub account: Option<String>,
    /// `@ann` on X, `@ann@example.social` on Mastodon, a LinkedIn profile link.
    pub handle: Option<String>,
    /// The display name, when the archive gives one.
    pub name: Option<String>,
    /// A link to their profile when no handle is known (X names DM partners by number).
    pub link: Option<String>,
}

/// One message or reply: with whom (an index into `Archive::people`), when, how, who wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Touch {
    pub person: usize,
    pub at: DateTime<Utc>,
    pub channel: Channel,
    pub from: Who,
    /// The message's id in the archive, prefixed by its network (`x:dm:1234`).
    pub id: String,
    /// The start of the text, only with `--with-text`.
    pub snippet: Option<String>,
}

/// What was read from one file (or a file and its parts), for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileRead {
    pub files: Vec<String>,
    pub what: String,
}

/// An archive, read.
#[derive(Debug, Clone, Default)]
pub struct Archive {
    pub network: Option<Network>,
    /// The owner as people know them: `@handle`, a profile link.
    pub owner: String,
    pub files: Vec<FileRead>,
    pub people: Vec<Person>,
    pub touches: Vec<Touch>,
    /// People (indexes into `people`) who follow the owner and whom the owner follows.
    pub mutuals: Vec<usize>,
    /// Other files the import can use alongside (LinkedIn's `Connections.csv`), as
    /// (path inside the archive, text).
    pub connections: Option<(String, String)>,
}

/// What reading may be asked to do.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Keep the first words of each message as the interaction's note.
    pub with_text: bool,
    /// Log group conversations for each participant.
    pub with_groups: bool,
    /// The owner, when the archive does not say (LinkedIn): a profile link.
    pub me: Option<String>,
}

/// An archive that cannot be read: the file, and what was expected of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveError {
    pub file: String,
    pub what: String,
}

impl ArchiveError {
    fn new(file: impl AsRef<Path>, what: impl Into<String>) -> ArchiveError {
        ArchiveError {
            file: file.as_ref().display().to_string(),
            what: what.into(),
        }
    }
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.what)
    }
}

impl std::error::Error for ArchiveError {}

/// The network whose archive `path` is (a folder or a zip), judged by the files in it;
/// `None` for anything else (a single exported file, read by the address-book import).
pub fn detect(path: &Path) -> Option<Network> {
    if !path.is_dir() && !source::is_zip(path) {
        return single_file(path);
    }
    let source = Source::open(path).ok()?;
    network_of(&source)
}

/// A lone `outbox.json` or `messages.csv` handed over without its folder.
fn single_file(path: &Path) -> Option<Network> {
    // Only a regular file: a named pipe would block, and the address-book import says why.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    match name.as_str() {
        "outbox.json" => Some(Network::Mastodon),
        "messages.csv" => Some(Network::LinkedIn),
        _ => None,
    }
}

fn network_of(source: &Source) -> Option<Network> {
    let has = |name: &str| source.find(name).is_some();
    if has("data/account.js") || has("account.js") && has("manifest.js") {
        Some(Network::X)
    } else if has("outbox.json") {
        Some(Network::Mastodon)
    } else if has("messages.csv") {
        Some(Network::LinkedIn)
    } else {
        None
    }
}

/// Reads an archive: a folder or zip (any network), or a lone `outbox.json` or
/// `messages.csv`. Nothing is changed anywhere; an error names the file and what was
/// expected of it.
pub fn read(path: &Path, options: &ReadOptions) -> Result<Archive, ArchiveError> {
    if !path.is_dir() && !source::is_zip(path) {
        let parent = path.parent().unwrap_or(Path::new("."));
        return match single_file(path) {
            Some(Network::Mastodon) => {
                mastodon::read_file(path, &path.display().to_string(), options)
            }
            Some(Network::LinkedIn) => linkedin::read_file(path, parent, options),
            _ => Err(ArchiveError::new(
                path,
                "not an archive rapport knows; expected an X/Twitter archive (.zip or folder), a LinkedIn export folder (messages.csv) or a Mastodon export (outbox.json)",
            )),
        };
    }
    let mut source = Source::open(path)?;
    let shown = path.display().to_string();
    match network_of(&source) {
        Some(Network::X) => x::read(&mut source, &shown, options),
        Some(Network::Mastodon) => mastodon::read(&mut source, &shown, options),
        Some(Network::LinkedIn) => linkedin::read(&mut source, &shown, options),
        None => Err(ArchiveError::new(
            path,
            "no archive rapport knows is in it; expected data/account.js (X/Twitter), messages.csv (LinkedIn) or outbox.json (Mastodon)",
        )),
    }
}

/// The first characters of a message for a note: one line, at most 80 characters.
fn snippet(text: &str) -> Option<String> {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let one_line = crate::text::sanitize(&one_line);
    if one_line.is_empty() {
        return None;
    }
    let mut out: String = one_line.chars().take(80).collect();
    if one_line.chars().count() > 80 {
        out.push('…');
    }
    Some(out)
}

/// The people of an archive, found again by a key (an account id, a handle).
#[derive(Default)]
struct People {
    list: Vec<Person>,
    by_key: rustc_hash::FxHashMap<String, usize>,
}

impl People {
    /// The person with this key, added with `make` when new.
    fn get(&mut self, key: &str, make: impl FnOnce() -> Person) -> usize {
        if let Some(&i) = self.by_key.get(key) {
            return i;
        }
        self.list.push(make());
        let i = self.list.len() - 1;
        self.by_key.insert(key.to_string(), i);
        i
    }
}

/// Streams a JSON array, calling `each` with every element as it is read (the array is
/// never held whole).
struct EachOf<T, F> {
    each: F,
    count: usize,
    _t: std::marker::PhantomData<T>,
}

impl<T, F> EachOf<T, F> {
    fn new(each: F) -> Self {
        EachOf {
            each,
            count: 0,
            _t: std::marker::PhantomData,
        }
    }
}

impl<'de, T: DeserializeOwned, F: FnMut(T)> DeserializeSeed<'de> for &mut EachOf<T, F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: DeserializeOwned, F: FnMut(T)> Visitor<'de> for &mut EachOf<T, F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<T>()? {
            self.count += 1;
            (self.each)(item);
        }
        Ok(())
    }
}
