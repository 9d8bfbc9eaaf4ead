//! X/Twitter's "archive of your data": `data/*.js` files, each a JSON array behind a line
//! of JavaScript (`window.YTD.tweets.part0 = [ … ]`), large ones split into
//! `tweets-part1.js`, `tweets-part2.js`…

use super::snippet;
use super::source::Source;
use super::{Archive, ArchiveError, EachOf, FileRead, Network, People, Person, ReadOptions, Touch};
use crate::model::{Channel, Who};
use chrono::{DateTime, Utc};
use rustc_hash::FxHashSet;
use serde::Deserialize;
use serde::de::{DeserializeOwned, DeserializeSeed};
use std::io::Read;

#[derive(Deserialize)]
struct AccountEntry {
    account: Account,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Account {
    account_id: String,
    username: String,
}

/// A tweet, in either shape: `{"tweet": {…}}` (archives since 2020) or the bare object.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Tweet {
    tweet: Option<Box<Tweet>>,
    id_str: String,
    created_at: String,
    full_text: Option<String>,
    text: Option<String>,
    in_reply_to_user_id_str: Option<String>,
    in_reply_to_screen_name: Option<String>,
    entities: Option<Entities>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Entities {
    user_mentions: Vec<Mention>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Mention {
    id_str: String,
    screen_name: String,
    name: String,
}

#[derive(Deserialize)]
struct DmEntry {
    #[serde(rename = "dmConversation")]
    conversation: Conversation,
}

#[derive(Deserialize)]
struct Conversation {
    #[serde(rename = "conversationId", default)]
    id: String,
    #[serde(default)]
    messages: Vec<DmEvent>,
}

/// One event of a conversation: a message, or someone joining (group conversations).
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct DmEvent {
    message_create: Option<MessageCreate>,
    join_conversation: Option<Joined>,
    participants_join: Option<Joined>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct MessageCreate {
    id: String,
    sender_id: String,
    recipient_id: Option<String>,
    created_at: String,
    text: String,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct Joined {
    participants_snapshot: Vec<String>,
    user_ids: Vec<String>,
}

#[derive(Deserialize)]
struct FollowEntry {
    #[serde(alias = "follower")]
    following: Follow,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Follow {
    account_id: String,
}

/// The files of one kind: `data/NAME.js` and its `NAME-partN.js`, in part order.
fn parts(source: &Source, name: &str) -> Vec<String> {
    let mut found: Vec<(u32, String)> = source
        .files()
        .iter()
        .filter_map(|f| {
            let base = f.rsplit('/').next().unwrap_or(f);
            let rest = base.strip_prefix(name)?.strip_suffix(".js")?;
            let n = if rest.is_empty() {
                0
            } else {
                rest.strip_prefix("-part")?.parse().ok()?
            };
            Some((n, f.clone()))
        })
        .collect();
    found.sort();
    // Only the parts beside the first one found: an archive inside an archive is not ours.
    let dir = |f: &str| f.rsplit_once('/').map(|(d, _)| d.to_string());
    if let Some((_, first)) = found.first() {
        let d = dir(first);
        found.retain(|(_, f)| dir(f) == d);
    }
    found.into_iter().map(|(_, f)| f).collect()
}

/// Streams the array in one `data/*.js` file, past its `window.YTD.<name>.partN =` line.
fn each_in<T: DeserializeOwned>(
    source: &mut Source,
    shown: &str,
    file: &str,
    each: impl FnMut(T),
) -> Result<usize, ArchiveError> {
    let at = format!("{shown}: {file}");
    let err = |what: String| ArchiveError {
        file: at.clone(),
        what,
    };
    let mut reader = source
        .open_file(file)
        .map_err(|e| err(format!("it could not be read ({e})")))?;
    // The prefix: everything up to the `=`, a few dozen bytes.
    let mut prefix = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        match reader.read(&mut byte) {
            Ok(0) => break,
            Ok(_) if byte[0] == b'=' => break,
            Ok(_) => prefix.push(byte[0]),
            Err(e) => return Err(err(format!("it could not be read ({e})"))),
        }
        if prefix.len() > 200 {
            break;
        }
    }
    let prefix = String::from_utf8_lossy(&prefix);
    let prefix = prefix.trim_start_matches('\u{feff}').trim();
    if !prefix.starts_with("window.YTD.") || prefix.len() > 200 {
        return Err(err(
            "it does not start with `window.YTD.<name>.part0 = [`, as the data files of an X archive do; it may be damaged or from another program".into(),
        ));
    }
    let mut each = EachOf::new(each);
    let mut de = serde_json::Deserializer::from_reader(reader);
    (&mut each).deserialize(&mut de).map_err(|e| {
        err(format!(
            "damaged at line {}, column {} ({}); expected a JSON array after `{prefix} =`. Download the archive again",
            e.line(),
            e.column(),
            e.to_string().split(" at line").next().unwrap_or("")
        ))
    })?;
    Ok(each.count)
}

/// ISO times (DMs) and Twitter's `Wed Oct 10 20:19:24 +0000 2018` (tweets); the weekday is
/// read past, so a wrong one does not lose the tweet.
fn time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| {
            let rest = s.trim().split_once(' ').map_or(s, |(_, rest)| rest);
            DateTime::parse_from_str(rest, "%b %d %H:%M:%S %z %Y")
        })
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A person known by account id.
fn person(people: &mut People, id: &str) -> usize {
    people.get(&format!("x:{id}"), || Person {
        account: Some(format!("x:{id}")),
        link: Some(format!("https://x.com/i/user/{id}")),
        ..Person::default()
    })
}

/// Learns a handle and a display name for an account id.
fn learn(people: &mut People, id: &str, handle: &str, name: &str) {
    if id.is_empty() || handle.is_empty() {
        return;
    }
    let i = person(people, id);
    let p = &mut people.list[i];
    if p.handle.is_none() {
        p.handle = Some(format!("@{handle}"));
    }
    if p.name.is_none() && !name.trim().is_empty() {
        p.name = Some(name.trim().to_string());
    }
}

pub(super) fn read(
    source: &mut Source,
    shown: &str,
    options: &ReadOptions,
) -> Result<Archive, ArchiveError> {
    let mut archive = Archive {
        network: Some(Network::X),
        ..Archive::default()
    };
    let mut people = People::default();

    // Whose archive: account.js.
    let account_files = parts(source, "account");
    let Some(account_file) = account_files.first().cloned() else {
        return Err(ArchiveError {
            file: format!("{shown}: data/account.js"),
            what: "missing; an X archive has it (it says whose archive it is). Import the whole archive, not part of it".into(),
        });
    };
    let mut owner: Option<Account> = None;
    each_in(source, shown, &account_file, |a: AccountEntry| {
        owner.get_or_insert(a.account);
    })?;
    let Some(owner) = owner else {
        return Err(ArchiveError {
            file: format!("{shown}: {account_file}"),
            what: "it names no account; expected `[{\"account\": {\"accountId\": …, \"username\": …}}]`".into(),
        });
    };
    let me = owner.account_id.clone();
    archive.owner = format!("@{}", owner.username);
    archive.files.push(FileRead {
        files: vec![account_file],
        what: format!("the archive of @{} (account {})", owner.username, me),
    });

    // Tweets: replies to others, and the names and handles of everyone mentioned.
    let mut tweet_files = parts(source, "tweets");
    if tweet_files.is_empty() {
        tweet_files = parts(source, "tweet");
    }
    let (mut tweets, mut replies, mut undated) = (0usize, 0usize, 0usize);
    for file in &tweet_files {
        let touches = &mut archive.touches;
        each_in(source, shown, file, |t: Tweet| {
            let t = match t.tweet {
                Some(inner) => *inner,
                None => t,
            };
            tweets += 1;
            for m in t.entities.iter().flat_map(|e| &e.user_mentions) {
                learn(&mut people, &m.id_str, &m.screen_name, &m.name);
            }
            let Some(to) = t
                .in_reply_to_user_id_str
                .filter(|to| !to.is_empty() && *to != me)
            else {
                return;
            };
            let Some(at) = time(&t.created_at) else {
                undated += 1;
                return;
            };
            let p = person(&mut people, &to);
            if let Some(h) = t.in_reply_to_screen_name.filter(|h| !h.is_empty())
                && people.list[p].handle.is_none()
            {
                people.list[p].handle = Some(format!("@{h}"));
            }
            replies += 1;
            let text = t.full_text.or(t.text).unwrap_or_default();
            touches.push(Touch {
                person: p,
                at,
                channel: Channel::Reply,
                from: Who::Me,
                id: format!("x:tweet:{}", t.id_str),
                snippet: options.with_text.then(|| snippet(&text)).flatten(),
            });
        })?;
    }
    if !tweet_files.is_empty() {
        archive.files.push(FileRead {
            files: tweet_files,
            what: format!(
                "{}, {} to others",
                plural(tweets, "tweet", "tweets"),
                plural(replies, "reply", "replies")
            ),
        });
    }

    // Direct messages, one to one.
    let mut dm_files = parts(source, "direct-messages");
    if dm_files.is_empty() {
        dm_files = parts(source, "direct-message");
    }
    let (mut conversations, mut messages) = (0usize, 0usize);
    for file in &dm_files {
        let touches = &mut archive.touches;
        each_in(source, shown, file, |d: DmEntry| {
            conversations += 1;
            for m in d
                .conversation
                .messages
                .into_iter()
                .filter_map(|e| e.message_create)
            {
                let (other, from) = if m.sender_id == me {
                    (m.recipient_id.unwrap_or_default(), Who::Me)
                } else if m.recipient_id.as_deref() == Some(me.as_str()) {
                    (m.sender_id, Who::Them)
                } else {
                    continue;
                };
                if other.is_empty() || other == me {
                    continue;
                }
                let Some(at) = time(&m.created_at) else {
                    undated += 1;
                    continue;
                };
                messages += 1;
                let p = person(&mut people, &other);
                touches.push(Touch {
                    person: p,
                    at,
                    channel: Channel::Dm,
                    from,
                    id: format!("x:dm:{}", m.id),
                    snippet: options.with_text.then(|| snippet(&m.text)).flatten(),
                });
            }
        })?;
    }
    if !dm_files.is_empty() {
        archive.files.push(FileRead {
            files: dm_files,
            what: format!(
                "{}, {}",
                plural(conversations, "conversation", "conversations"),
                plural(messages, "message", "messages")
            ),
        });
    }

    // Group conversations: only with --with-groups, for each participant.
    let mut group_files = parts(source, "direct-messages-group");
    if group_files.is_empty() {
        group_files = parts(source, "direct-message-group");
    }
    let (mut groups, mut group_messages) = (0usize, 0usize);
    for file in &group_files {
        let touches = &mut archive.touches;
        each_in(source, shown, file, |d: DmEntry| {
            groups += 1;
            let mut members: Vec<String> = Vec::new();
            for e in &d.conversation.messages {
                for j in e.join_conversation.iter().chain(&e.participants_join) {
                    members.extend(j.participants_snapshot.iter().cloned());
                    members.extend(j.user_ids.iter().cloned());
                }
                if let Some(m) = &e.message_create {
                    members.push(m.sender_id.clone());
                }
            }
            members.retain(|m| !m.is_empty() && *m != me);
            members.sort();
            members.dedup();
            for m in d
                .conversation
                .messages
                .into_iter()
                .filter_map(|e| e.message_create)
            {
                group_messages += 1;
                if !options.with_groups {
                    continue;
                }
                let Some(at) = time(&m.created_at) else {
                    undated += 1;
                    continue;
                };
                let (whom, from): (Vec<&String>, Who) = if m.sender_id == me {
                    (members.iter().collect(), Who::Me)
                } else {
                    (vec![&m.sender_id], Who::Them)
                };
                for w in whom {
                    let p = person(&mut people, w);
                    touches.push(Touch {
                        person: p,
                        at,
                        channel: Channel::Dm,
                        from,
                        id: format!("x:dm:{}", m.id),
                        snippet: options.with_text.then(|| snippet(&m.text)).flatten(),
                    });
                }
            }
            let _ = &d.conversation.id;
        })?;
    }
    if !group_files.is_empty() {
        let how = if options.with_groups {
            "logged for each participant"
        } else {
            "skipped; --with-groups logs them for each participant"
        };
        archive.files.push(FileRead {
            files: group_files,
            what: format!(
                "{}, {} ({how})",
                plural(groups, "group conversation", "group conversations"),
                plural(group_messages, "message", "messages")
            ),
        });
    }

    // Follows: only to say who is mutual.
    let mut follows =
        |name: &str, archive: &mut Archive| -> Result<FxHashSet<String>, ArchiveError> {
            let files = parts(source, name);
            let mut ids = FxHashSet::default();
            for file in &files {
                each_in(source, shown, file, |f: FollowEntry| {
                    ids.insert(f.following.account_id);
                })?;
            }
            if !files.is_empty() {
                archive.files.push(FileRead {
                    files,
                    what: plural(ids.len(), "account", "accounts"),
                });
            }
            Ok(ids)
        };
    let following = follows("following", &mut archive)?;
    let followers = follows("follower", &mut archive)?;
    let mutual = following.intersection(&followers).count();
    if mutual > 0 {
        archive.files.push(FileRead {
            files: Vec::new(),
            what: format!(
                "{} (you follow each other)",
                plural(mutual, "mutual", "mutuals")
            ),
        });
    }
    archive.mutuals = people
        .list
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.account
                .as_deref()
                .and_then(|a| a.strip_prefix("x:"))
                .is_some_and(|id| following.contains(id) && followers.contains(id))
        })
        .map(|(i, _)| i)
        .collect();
    if undated > 0 {
        archive.files.push(FileRead {
            files: Vec::new(),
            what: format!(
                "{} skipped: their time could not be read",
                plural(undated, "message", "messages")
            ),
        });
    }
    archive.people = people.list;
    Ok(archive)
}
