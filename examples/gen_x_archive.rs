//! Writes a synthetic X/Twitter archive folder (the shape of X's "archive of your data"),
//! for benchmarks: `cargo run --release --example gen_x_archive -- DIR 200000 50000`
//! (tweets, then DMs). A third of the tweets are replies to 5,000 people; DMs are spread
//! over 2,000 one-to-one conversations, both ways. Deterministic, no randomness.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

const OWNER: u64 = 1000;
const PEOPLE: u64 = 5000;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "x-archive-large".into());
    let tweets: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let dms: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let data = Path::new(&dir).join("data");
    fs::create_dir_all(&data)?;
    fs::write(
        data.join("account.js"),
        format!(
            "window.YTD.account.part0 = [\n  {{\n    \"account\" : {{\n      \"email\" : \"owner@example.com\",\n      \"username\" : \"owner\",\n      \"accountId\" : \"{OWNER}\",\n      \"createdAt\" : \"2012-01-01T00:00:00.000Z\",\n      \"accountDisplayName\" : \"Owner\"\n    }}\n  }}\n]\n"
        ),
    )?;
    // Tweets in two part files, as large archives come.
    let half = tweets / 2;
    for (part, range) in [(0, 0..half), (1, half..tweets)] {
        let name = if part == 0 {
            "tweets.js".to_string()
        } else {
            format!("tweets-part{part}.js")
        };
        let mut w = BufWriter::new(fs::File::create(data.join(name))?);
        writeln!(w, "window.YTD.tweets.part{part} = [")?;
        for i in range.clone() {
            let who = 2000 + i % PEOPLE;
            let reply = i % 3 == 0;
            let day = 1 + i % 28;
            let (hh, mm) = (i % 24, i % 60);
            let mention = format!(
                "{{ \"name\" : \"Person {who}\", \"screen_name\" : \"person{who}\", \"indices\" : [ \"0\", \"12\" ], \"id_str\" : \"{who}\", \"id\" : \"{who}\" }}"
            );
            let reply_fields = if reply {
                format!(
                    "\"in_reply_to_status_id_str\" : \"{}\",\n      \"in_reply_to_user_id_str\" : \"{who}\",\n      \"in_reply_to_screen_name\" : \"person{who}\",\n      ",
                    9_000_000 + i
                )
            } else {
                String::new()
            };
            let sep = if i + 1 == range.end { "" } else { "," };
            writeln!(
                w,
                "  {{\n    \"tweet\" : {{\n      \"retweeted\" : false,\n      \"source\" : \"<a href=\\\"https://mobile.twitter.com\\\" rel=\\\"nofollow\\\">Twitter Web App</a>\",\n      \"entities\" : {{ \"hashtags\" : [ ], \"symbols\" : [ ], \"user_mentions\" : [ {mention} ], \"urls\" : [ ] }},\n      \"display_text_range\" : [ \"0\", \"120\" ],\n      \"favorite_count\" : \"3\",\n      {reply_fields}\"id_str\" : \"{id}\",\n      \"truncated\" : false,\n      \"retweet_count\" : \"0\",\n      \"id\" : \"{id}\",\n      \"created_at\" : \"Mon Nov {day:02} {hh:02}:{mm:02}:00 +0000 2026\",\n      \"favorited\" : false,\n      \"full_text\" : \"@person{who} Thanks for sharing this, it matches what we saw when we shipped the new onboarding flow last quarter.\",\n      \"lang\" : \"en\"\n    }}\n  }}{sep}",
                id = 1_000_000_000 + i
            )?;
        }
        writeln!(w, "]")?;
    }
    // DMs: 2,000 conversations, alternating direction.
    let conversations = 2000u64.min(dms.max(1));
    let mut w = BufWriter::new(fs::File::create(data.join("direct-messages.js"))?);
    writeln!(w, "window.YTD.direct_messages.part0 = [")?;
    for c in 0..conversations {
        let who = 2000 + c;
        let n = dms / conversations + u64::from(c < dms % conversations);
        writeln!(
            w,
            "  {{\n    \"dmConversation\" : {{\n      \"conversationId\" : \"{OWNER}-{who}\",\n      \"messages\" : ["
        )?;
        for m in 0..n {
            let (from, to) = if m % 2 == 0 {
                (OWNER, who)
            } else {
                (who, OWNER)
            };
            let sep = if m + 1 == n { "" } else { "," };
            writeln!(
                w,
                "        {{\n          \"messageCreate\" : {{\n            \"recipientId\" : \"{to}\",\n            \"reactions\" : [ ],\n            \"urls\" : [ ],\n            \"text\" : \"Message {m} in our conversation about the proposal and next steps\",\n            \"mediaUrls\" : [ ],\n            \"senderId\" : \"{from}\",\n            \"id\" : \"{}\",\n            \"createdAt\" : \"2026-10-{:02}T{:02}:{:02}:00.000Z\"\n          }}\n        }}{sep}",
                5_000_000_000u64 + c * 100_000 + m,
                1 + m % 28,
                m % 24,
                (c + m) % 60
            )?;
        }
        let sep = if c + 1 == conversations { "" } else { "," };
        writeln!(w, "      ]\n    }}\n  }}{sep}")?;
    }
    writeln!(w, "]")?;
    w.flush()?;
    for (file, key) in [("following.js", "following"), ("follower.js", "follower")] {
        let mut w = BufWriter::new(fs::File::create(data.join(file))?);
        writeln!(w, "window.YTD.{key}.part0 = [")?;
        for i in 0..PEOPLE {
            let id = 2000 + i + if key == "follower" { PEOPLE / 2 } else { 0 };
            let sep = if i + 1 == PEOPLE { "" } else { "," };
            writeln!(
                w,
                "  {{ \"{key}\" : {{ \"accountId\" : \"{id}\", \"userLink\" : \"https://twitter.com/intent/user?user_id={id}\" }} }}{sep}"
            )?;
        }
        writeln!(w, "]")?;
    }
    eprintln!("wrote {dir}: {tweets} tweets, {dms} DMs");
    Ok(())
}
