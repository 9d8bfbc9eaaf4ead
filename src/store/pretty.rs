//! The board's RON text, written directly: the same bytes `ron`'s pretty serialiser writes
//! with the options in `format.rs`, several times faster (no serde machinery, no
//! identifier checks, dates formatted in place). The tests compare the two on every shape
//! of board, so any difference is a failing test, never a changed file.
//!
//! Every struct is taken apart with all its fields named: a field added to the model does
//! not compile until it is written here too.

use crate::model::{
    ArchiveRef, Archived, Board, Cadence, Channel, Conflict, Contact, Interaction, Kind, Settings,
    Stage, StageChange, Who,
};
use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Timelike, Utc};
use std::fmt::Write;

/// The board as the text `to_ron` stores (with its final newline).
pub fn board_text(board: &Board) -> String {
    let mut w = Out {
        buf: String::with_capacity(512 + board.contacts.len() * 900),
        sink: None,
    };
    // Without a sink nothing is written anywhere, so nothing can fail.
    let _ = w.board(board);
    w.buf
}

/// `board_text`, written to `sink` as it is made: never more than a little of it held.
pub fn write_board(board: &Board, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut w = Out {
        buf: String::with_capacity(2 * SPILL),
        sink: Some(sink),
    };
    w.board(board)?;
    w.spill(0)
}

/// How much text is gathered before it goes to the sink.
const SPILL: usize = 1 << 16;

struct Out<'a> {
    buf: String,
    sink: Option<&'a mut dyn std::io::Write>,
}

impl Out<'_> {
    /// Hands what was gathered to the sink once there is at least `at_least` of it.
    fn spill(&mut self, at_least: usize) -> std::io::Result<()> {
        if let Some(sink) = &mut self.sink
            && self.buf.len() >= at_least
        {
            sink.write_all(self.buf.as_bytes())?;
            self.buf.clear();
        }
        Ok(())
    }

    fn board(&mut self, board: &Board) -> std::io::Result<()> {
        let Board {
            version,
            settings,
            last_review,
            review_streak,
            contacts,
        } = board;
        self.raw("#![enable(implicit_some)]\n(\n");
        self.field(1, "version");
        self.uint(u64::from(*version));
        self.raw(",\n");
        let Settings { cadence } = settings;
        let Cadence {
            casual,
            dm,
            phone,
            meet,
        } = cadence;
        self.field(1, "settings");
        self.raw("(\n");
        self.field(2, "cadence");
        self.raw("(\n");
        for (name, n) in [
            ("casual", casual),
            ("dm", dm),
            ("phone", phone),
            ("meet", meet),
        ] {
            self.field(3, name);
            self.uint(u64::from(*n));
            self.raw(",\n");
        }
        self.indent(2);
        self.raw("),\n");
        self.indent(1);
        self.raw("),\n");
        if let Some(d) = last_review {
            self.field(1, "last_review");
            self.date(*d);
            self.raw(",\n");
        }
        if *review_streak != 0 {
            self.field(1, "review_streak");
            self.uint(u64::from(*review_streak));
            self.raw(",\n");
        }
        self.field(1, "contacts");
        if contacts.is_empty() {
            self.raw("[],\n");
        } else {
            self.raw("[\n");
            for c in contacts {
                self.indent(2);
                self.raw("(\n");
                self.contact(c);
                self.spill(SPILL)?;
                self.indent(2);
                self.raw("),\n");
            }
            self.indent(1);
            self.raw("],\n");
        }
        self.raw(")\n");
        Ok(())
    }

    fn raw(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.buf.push_str("  ");
        }
    }

    /// `name: ` on its own line at `depth`.
    fn field(&mut self, depth: usize, name: &str) {
        self.indent(depth);
        self.buf.push_str(name);
        self.buf.push_str(": ");
    }

    fn uint(&mut self, n: u64) {
        let _ = write!(self.buf, "{n}");
    }

    /// A string as `ron` writes it unescaped: in quotes, or raw (`r#"…"#`, with one `#` more
    /// than the longest run of them inside) when it holds a quote or a backslash.
    fn str(&mut self, s: &str) {
        if s.contains(['"', '\\']) {
            let mut longest = 0;
            let mut run = 0;
            for b in s.bytes() {
                if b == b'#' {
                    run += 1;
                    longest = longest.max(run);
                } else {
                    run = 0;
                }
            }
            self.buf.push('r');
            self.hashes(longest + 1);
            self.buf.push('"');
            self.buf.push_str(s);
            self.buf.push('"');
            self.hashes(longest + 1);
        } else {
            self.buf.push('"');
            self.buf.push_str(s);
            self.buf.push('"');
        }
    }

    fn hashes(&mut self, n: usize) {
        for _ in 0..n {
            self.buf.push('#');
        }
    }

    /// As chrono's serde writes a time: RFC 3339, `Z`, the fraction only when there is one
    /// (3, 6 or 9 digits).
    fn time(&mut self, t: DateTime<Utc>) {
        let nanos = t.nanosecond();
        let year = t.year();
        if !(0..=9999).contains(&year) || nanos >= 1_000_000_000 {
            // Far years and leap seconds: rare, left to chrono itself.
            self.buf.push('"');
            self.buf
                .push_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true));
            self.buf.push('"');
            return;
        }
        self.buf.push('"');
        self.digits(year as u32, 4);
        self.buf.push('-');
        self.digits(t.month(), 2);
        self.buf.push('-');
        self.digits(t.day(), 2);
        self.buf.push('T');
        self.digits(t.hour(), 2);
        self.buf.push(':');
        self.digits(t.minute(), 2);
        self.buf.push(':');
        self.digits(t.second(), 2);
        if nanos == 0 {
        } else if nanos.is_multiple_of(1_000_000) {
            self.buf.push('.');
            self.digits(nanos / 1_000_000, 3);
        } else if nanos.is_multiple_of(1_000) {
            self.buf.push('.');
            self.digits(nanos / 1_000, 6);
        } else {
            self.buf.push('.');
            self.digits(nanos, 9);
        }
        self.buf.push_str("Z\"");
    }

    /// `n` in exactly `width` decimal digits (`n` has no more).
    fn digits(&mut self, n: u32, width: u32) {
        let mut div = 10u32.pow(width - 1);
        while div > 0 {
            self.buf.push(char::from(b'0' + ((n / div) % 10) as u8));
            div /= 10;
        }
    }

    /// As chrono's serde writes a date: `2026-01-31`.
    fn date(&mut self, d: NaiveDate) {
        let year = d.year();
        if (0..=9999).contains(&year) {
            self.buf.push('"');
            self.digits(year as u32, 4);
            self.buf.push('-');
            self.digits(d.month(), 2);
            self.buf.push('-');
            self.digits(d.day(), 2);
            self.buf.push('"');
        } else {
            let _ = write!(self.buf, "\"{d:?}\"");
        }
    }

    /// A field holding a list of strings, one to a line; nothing when empty (the model
    /// skips empty lists).
    fn strs(&mut self, name: &str, v: &[String]) {
        self.list(name, v, |w, s| w.str(s));
    }

    fn list<T>(&mut self, name: &str, v: &[T], mut item: impl FnMut(&mut Self, &T)) {
        if v.is_empty() {
            return;
        }
        self.field(3, name);
        self.buf.push_str("[\n");
        for x in v {
            self.indent(4);
            item(self, x);
            self.buf.push_str(",\n");
        }
        self.indent(3);
        self.buf.push_str("],\n");
    }

    fn contact(&mut self, c: &Contact) {
        let Contact {
            id,
            name,
            stage,
            inbox,
            handles,
            emails,
            phones,
            company,
            kinds,
            tags,
            notes,
            created,
            next_follow_up,
            cadence_days,
            paused_until,
            archived,
            stage_history,
            interactions,
            uid,
            met,
            distinct_from,
            conflicts,
            accounts,
            from_archives,
        } = c;
        let line_str = |w: &mut Self, name: &str, s: &str| {
            w.field(3, name);
            w.str(s);
            w.buf.push_str(",\n");
        };
        let line_date = |w: &mut Self, name: &str, d: NaiveDate| {
            w.field(3, name);
            w.date(d);
            w.buf.push_str(",\n");
        };
        line_str(self, "id", &id.0);
        line_str(self, "name", name);
        self.field(3, "stage");
        self.buf.push_str(stage_name(*stage));
        self.buf.push_str(",\n");
        if *inbox {
            self.field(3, "inbox");
            self.buf.push_str("true,\n");
        }
        self.strs("handles", handles);
        self.strs("emails", emails);
        self.strs("phones", phones);
        if let Some(s) = company {
            line_str(self, "company", s);
        }
        let kinds: Vec<Kind> = kinds.iter().copied().collect();
        self.list("kinds", &kinds, |w, k| w.buf.push_str(kind_name(*k)));
        self.strs("tags", tags);
        if !notes.is_empty() {
            line_str(self, "notes", notes);
        }
        self.field(3, "created");
        self.time(*created);
        self.buf.push_str(",\n");
        if let Some(d) = next_follow_up {
            line_date(self, "next_follow_up", *d);
        }
        if let Some(n) = cadence_days {
            self.field(3, "cadence_days");
            self.uint(u64::from(*n));
            self.buf.push_str(",\n");
        }
        if let Some(d) = paused_until {
            line_date(self, "paused_until", *d);
        }
        if let Some(a) = archived {
            // A struct at the last pretty depth: one field a line.
            let Archived { at, reason } = &**a;
            self.field(3, "archived");
            self.buf.push_str("(\n");
            self.field(4, "at");
            self.time(*at);
            self.buf.push_str(",\n");
            if !reason.is_empty() {
                self.field(4, "reason");
                self.str(reason);
                self.buf.push_str(",\n");
            }
            self.indent(3);
            self.buf.push_str("),\n");
        }
        // Structs inside lists are past the pretty depth: one line each.
        self.list("stage_history", stage_history, |w, h| {
            let StageChange { stage, at } = h;
            w.buf.push_str("(stage: ");
            w.buf.push_str(stage_name(*stage));
            w.buf.push_str(", at: ");
            w.time(*at);
            w.buf.push(')');
        });
        self.list("interactions", interactions, |w, i| {
            let Interaction {
                at,
                channel,
                note,
                from,
            } = i;
            w.buf.push_str("(at: ");
            w.time(*at);
            w.buf.push_str(", channel: ");
            w.buf.push_str(channel_name(*channel));
            if let Some(n) = note {
                w.buf.push_str(", note: ");
                w.str(n);
            }
            w.buf.push_str(", from: ");
            w.buf.push_str(match from {
                Who::Me => "me",
                Who::Them => "them",
            });
            w.buf.push(')');
        });
        if let Some(u) = uid {
            line_str(self, "uid", u);
        }
        if let Some(d) = met {
            line_date(self, "met", *d);
        }
        self.list("distinct_from", distinct_from, |w, d| w.str(&d.0));
        self.list("conflicts", conflicts, |w, c| {
            let Conflict { field, theirs, at } = c;
            w.buf.push_str("(field: ");
            w.str(field);
            w.buf.push_str(", theirs: ");
            w.str(theirs);
            w.buf.push_str(", at: ");
            w.time(*at);
            w.buf.push(')');
        });
        self.strs("accounts", accounts);
        self.list("from_archives", from_archives, |w, a| {
            let ArchiveRef { id, at } = a;
            w.buf.push_str("(id: ");
            w.str(id);
            w.buf.push_str(", at: ");
            w.time(*at);
            w.buf.push(')');
        });
    }
}

/// The names serde gives the variants (`rename_all = "snake_case"`).
fn stage_name(s: Stage) -> &'static str {
    match s {
        Stage::Casual => "casual",
        Stage::Dm => "dm",
        Stage::Phone => "phone",
        Stage::Meet => "meet",
    }
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Customer => "customer",
        Kind::Prospect => "prospect",
        Kind::ReferralPartner => "referral_partner",
        Kind::Vendor => "vendor",
        Kind::Advocate => "advocate",
        Kind::Friend => "friend",
    }
}

fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Reply => "reply",
        Channel::Dm => "dm",
        Channel::Call => "call",
        Channel::Meeting => "meeting",
        Channel::Email => "email",
        Channel::Other => "other",
    }
}

#[cfg(test)]
mod tests;
