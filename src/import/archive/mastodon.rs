//! A Mastodon (or other ActivityPub server) export: `outbox.json`, an ActivityStreams
//! collection of the owner's activities, and `actor.json`, the owner. Replies and mentions
//! become public touches from the owner; a note addressed only to the people it mentions
//! (no public or followers address) is a direct message.

use super::source::Source;
use super::{Archive, ArchiveError, EachOf, FileRead, Network, People, Person, ReadOptions, Touch};
use crate::model::{Channel, Who};
use chrono::{DateTime, Utc};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::io::Read;
use std::path::Path;

#[derive(Deserialize, Default)]
#[serde(default)]
struct Activity {
    #[serde(rename = "type")]
    kind: String,
    actor: Option<String>,
    object: serde_json::Value,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Note {
    id: String,
    published: String,
    in_reply_to: Option<serde_json::Value>,
    to: OneOrMany,
    cc: OneOrMany,
    tag: Vec<serde_json::Value>,
    content: String,
}

/// An ActivityStreams address field: one string or a list.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn iter(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match self {
            OneOrMany::None => Box::new(std::iter::empty()),
            OneOrMany::One(s) => Box::new(std::iter::once(s.as_str())),
            OneOrMany::Many(v) => Box::new(v.iter().map(String::as_str)),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Actor {
    id: String,
    preferred_username: String,
}

/// Reads the outbox's top-level object, streaming its `orderedItems`.
struct Outbox<F> {
    items: EachOf<Activity, F>,
    seen_items: bool,
}

impl<'de, F: FnMut(Activity)> Visitor<'de> for &mut Outbox<F> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an ActivityStreams collection (an object with orderedItems)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "orderedItems" || key == "items" {
                self.seen_items = true;
                map.next_value_seed(&mut self.items)?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

impl<'de, F: FnMut(Activity)> DeserializeSeed<'de> for &mut Outbox<F> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
}

/// `@user@host` for a mention: its name when it has the host, else the host of its link.
fn full_handle(name: &str, href: &str) -> Option<String> {
    let name = name.trim().trim_start_matches('@');
    if name.is_empty() {
        return None;
    }
    if name.contains('@') {
        return Some(format!("@{}", name.to_lowercase()));
    }
    Some(format!(
        "@{}@{}",
        name.to_lowercase(),
        host_of(href)?.to_lowercase()
    ))
}

fn is_public(addr: &str) -> bool {
    addr == "https://www.w3.org/ns/activitystreams#Public"
        || addr == "as:Public"
        || addr == "Public"
        || addr.ends_with("/followers")
}

/// Reads a lone `outbox.json` (its `actor.json` beside it, if there).
pub(super) fn read_file(
    path: &Path,
    shown: &str,
    options: &ReadOptions,
) -> Result<Archive, ArchiveError> {
    let open = |p: &Path| -> Result<Box<dyn Read>, ArchiveError> {
        let f = std::fs::File::open(p).map_err(|e| {
            ArchiveError::new(p, format!("it could not be read ({e}); check the path"))
        })?;
        Ok(Box::new(std::io::BufReader::with_capacity(1 << 16, f)))
    };
    let actor_path = path.with_file_name("actor.json");
    let actor = if actor_path.is_file() {
        Some(open(&actor_path)?)
    } else {
        None
    };
    let actor = actor
        .map(|r| read_actor(r, &actor_path.display().to_string()))
        .transpose()?;
    read_outbox(open(path)?, shown, None, actor, options)
}

pub(super) fn read(
    source: &mut Source,
    shown: &str,
    options: &ReadOptions,
) -> Result<Archive, ArchiveError> {
    let actor = match source.find("actor.json") {
        Some(f) => {
            let at = format!("{shown}: {f}");
            let r = source
                .open_file(&f)
                .map_err(|e| ArchiveError::new(&at, format!("it could not be read ({e})")))?;
            Some(read_actor(r, &at)?)
        }
        None => None,
    };
    let outbox = source.find("outbox.json").unwrap_or_default();
    let at = format!("{shown}: {outbox}");
    let r = source
        .open_file(&outbox)
        .map_err(|e| ArchiveError::new(&at, format!("it could not be read ({e})")))?;
    read_outbox(r, &at, Some(outbox.clone()), actor, options)
}

fn read_actor(r: Box<dyn Read + '_>, at: &str) -> Result<Actor, ArchiveError> {
    serde_json::from_reader(r).map_err(|e| {
        ArchiveError::new(
            at,
            format!("damaged ({e}); expected the ActivityPub actor (an object with id and preferredUsername)"),
        )
    })
}

fn read_outbox(
    r: Box<dyn Read + '_>,
    at: &str,
    name: Option<String>,
    actor: Option<Actor>,
    options: &ReadOptions,
) -> Result<Archive, ArchiveError> {
    let mut people = People::default();
    let mut touches: Vec<Touch> = Vec::new();
    let mut owner_url = actor.as_ref().map(|a| a.id.clone()).unwrap_or_default();
    let (mut notes, mut replies, mut dms, mut undated, mut boosts) = (0, 0, 0, 0, 0);
    let mut outbox = Outbox {
        items: EachOf::new(|a: Activity| {
            if owner_url.is_empty()
                && let Some(actor) = &a.actor
            {
                owner_url = actor.clone();
            }
            if a.kind == "Announce" {
                boosts += 1;
            }
            if a.kind != "Create" || !a.object.is_object() {
                return;
            }
            let Ok(note) = serde_json::from_value::<Note>(a.object) else {
                return;
            };
            notes += 1;
            let mentions: Vec<(String, String)> = note
                .tag
                .iter()
                .filter(|t| t.get("type").and_then(|v| v.as_str()) == Some("Mention"))
                .filter_map(|t| {
                    let href = t.get("href")?.as_str()?.to_string();
                    let handle = full_handle(t.get("name")?.as_str()?, &href)?;
                    Some((handle, href))
                })
                .filter(|(_, href)| *href != owner_url)
                .collect();
            if mentions.is_empty() {
                return;
            }
            let Some(at) = DateTime::parse_from_rfc3339(&note.published)
                .ok()
                .map(|t| t.with_timezone(&Utc))
            else {
                undated += 1;
                return;
            };
            let public = note.to.iter().chain(note.cc.iter()).any(is_public);
            let channel = if public { Channel::Reply } else { Channel::Dm };
            if public {
                replies += 1;
            } else {
                dms += 1;
            }
            let _ = &note.in_reply_to;
            let text = options
                .with_text
                .then(|| super::snippet(&strip_html(&note.content)))
                .flatten();
            for (handle, href) in mentions {
                let p = people.get(&handle, || Person {
                    handle: Some(handle.clone()),
                    link: Some(href.clone()),
                    ..Person::default()
                });
                touches.push(Touch {
                    person: p,
                    at,
                    channel,
                    from: Who::Me,
                    id: format!("ap:{}", note.id),
                    snippet: text.clone(),
                });
            }
        }),
        seen_items: false,
    };
    let mut de = serde_json::Deserializer::from_reader(r);
    (&mut outbox).deserialize(&mut de).map_err(|e| {
        ArchiveError::new(
            at,
            format!(
                "damaged at line {}, column {}; expected an ActivityStreams collection of the owner's posts (an object with orderedItems), as a Mastodon export's outbox.json",
                e.line(),
                e.column()
            ),
        )
    })?;
    if !outbox.seen_items {
        return Err(ArchiveError::new(
            at,
            "it has no orderedItems; expected an ActivityStreams collection of the owner's posts, as a Mastodon export's outbox.json",
        ));
    }
    let owner = match (&actor, host_of(&owner_url)) {
        (Some(a), Some(host)) if !a.preferred_username.is_empty() => {
            format!("@{}@{host}", a.preferred_username)
        }
        _ => owner_url.clone(),
    };
    let mut what = format!(
        "{} post{}: {} public repl{} or mentions, {} direct",
        notes,
        if notes == 1 { "" } else { "s" },
        replies,
        if replies == 1 { "y" } else { "ies" },
        dms
    );
    if boosts > 0 {
        what.push_str(&format!(
            ", {boosts} boost{} (not touches)",
            if boosts == 1 { "" } else { "s" }
        ));
    }
    if undated > 0 {
        what.push_str(&format!(
            ", {undated} skipped (their time could not be read)"
        ));
    }
    Ok(Archive {
        network: Some(Network::Mastodon),
        owner,
        files: vec![FileRead {
            files: vec![name.unwrap_or_else(|| at.to_string())],
            what,
        }],
        people: people.list,
        touches,
        ..Archive::default()
    })
}

/// The text of a post's HTML, tags left out and the common entities read.
fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}
