//! The snapshot's encoding: a compact binary form of the board, written and read field by
//! field. Several times faster to read than a self-describing format: no field names, no
//! dates as text, and the contacts come in chunks that are decoded in parallel.
//!
//! Every struct is taken apart and put together with all its fields named, so a field added
//! to the model does not compile until it is added here too. Enums are written as their
//! place in the model's `ALL` lists. Anything unexpected (a short read, a bad tag, a date out
//! of range, text that is not UTF-8) is a `None`: the snapshot is then ignored and the RON
//! parsed, as for any stale snapshot.

use crate::model::{
    ArchiveRef, Archived, Board, Cadence, Channel, Conflict, Contact, ContactId, Interaction, Kind,
    Settings, Stage, StageChange, Who, validate_contact,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::BTreeSet;
use std::sync::Arc;
use thin_vec::ThinVec;

/// Contacts per chunk: enough to keep each thread busy, few enough to split a big board
/// over every core.
const CHUNK: usize = 4096;

/// The board as bytes.
#[cfg(test)]
pub fn encode(board: &Board) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = encode_to(board, &mut out);
    out
}

/// The board's bytes, written to `sink` a chunk at a time (never held whole).
pub fn encode_to(board: &Board, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    let Board {
        version,
        settings,
        last_review,
        review_streak,
        contacts,
    } = board;
    let mut w = Writer(Vec::with_capacity(64));
    w.uint(u64::from(*version));
    let Settings { cadence } = settings;
    let Cadence {
        casual,
        dm,
        phone,
        meet,
    } = cadence;
    for n in [casual, dm, phone, meet] {
        w.uint(u64::from(*n));
    }
    w.opt(last_review.as_ref(), |w, d| w.date(*d));
    w.uint(u64::from(*review_streak));
    // Each chunk is preceded by its contact count and byte length, so a reader can find
    // every chunk before decoding any.
    let chunks: Vec<&[Arc<Contact>]> = contacts.chunks(CHUNK).collect();
    w.uint(chunks.len() as u64);
    sink.write_all(&w.0)?;
    let mut body = Writer(Vec::new());
    for chunk in chunks {
        body.0.clear();
        for c in chunk {
            body.contact(c);
        }
        w.0.clear();
        w.uint(chunk.len() as u64);
        w.uint(body.0.len() as u64);
        sink.write_all(&w.0)?;
        sink.write_all(&body.0)?;
    }
    Ok(())
}

/// The board in `bytes`, or `None` if they are not a whole, well-formed encoding.
pub fn decode(bytes: &[u8]) -> Option<Board> {
    let mut r = Reader(bytes);
    let version = r.u32()?;
    let cadence = Cadence {
        casual: r.u32()?,
        dm: r.u32()?,
        phone: r.u32()?,
        meet: r.u32()?,
    };
    let last_review = r.opt(Reader::date)?;
    let review_streak = r.u32()?;
    let n = r.len()?;
    let mut chunks = Vec::with_capacity(n);
    let mut total = 0usize;
    for _ in 0..n {
        let count = r.len()?;
        let len = r.len()?;
        chunks.push((count, r.take(len)?));
        total = total.checked_add(count)?;
    }
    if !r.0.is_empty() {
        return None;
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(chunks.len());
    let decoded: Vec<Option<Vec<Arc<Contact>>>> = if threads <= 1 {
        chunks.iter().map(|&(n, b)| decode_chunk(n, b)).collect()
    } else {
        // Chunks dealt round-robin to the threads, put back in order afterwards.
        let mut out: Vec<Option<Vec<Arc<Contact>>>> = vec![None; chunks.len()];
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let chunks = &chunks;
                    s.spawn(move || {
                        (t..chunks.len())
                            .step_by(threads)
                            .map(|i| (i, decode_chunk(chunks[i].0, chunks[i].1)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for h in handles {
                for (i, c) in h.join().unwrap_or_default() {
                    out[i] = c;
                }
            }
        });
        out
    };
    let mut contacts = Vec::with_capacity(total);
    for chunk in decoded {
        contacts.extend(chunk?);
    }
    if contacts.len() != total {
        return None;
    }
    Some(Board {
        version,
        settings: Settings { cadence },
        last_review,
        review_streak,
        contacts,
    })
}

fn decode_chunk(count: usize, bytes: &[u8]) -> Option<Vec<Arc<Contact>>> {
    let mut r = Reader(bytes);
    let mut out = Vec::with_capacity(count.min(bytes.len()));
    for _ in 0..count {
        let c = r.contact()?;
        // What parsing the file would have checked, checked again, while the contact is
        // fresh in the cache: a snapshot never lets through a board the file would not.
        validate_contact(&c).ok()?;
        out.push(Arc::new(c));
    }
    r.0.is_empty().then_some(out)
}

struct Writer(Vec<u8>);

impl Writer {
    /// LEB128: seven bits a byte, small numbers in one.
    fn uint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.0.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    fn int(&mut self, n: i64) {
        self.uint(((n << 1) ^ (n >> 63)) as u64);
    }

    fn bool(&mut self, b: bool) {
        self.0.push(u8::from(b));
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn strs(&mut self, v: &[String]) {
        self.uint(v.len() as u64);
        for s in v {
            self.str(s);
        }
    }

    fn opt<T>(&mut self, v: Option<T>, f: impl FnOnce(&mut Self, T)) {
        match v {
            None => self.0.push(0),
            Some(x) => {
                self.0.push(1);
                f(self, x);
            }
        }
    }

    fn list<T>(&mut self, v: &[T], mut f: impl FnMut(&mut Self, &T)) {
        self.uint(v.len() as u64);
        for x in v {
            f(self, x);
        }
    }

    fn time(&mut self, t: DateTime<Utc>) {
        self.int(t.timestamp());
        self.uint(u64::from(t.timestamp_subsec_nanos()));
    }

    fn date(&mut self, d: NaiveDate) {
        self.int(i64::from(d.num_days_from_ce()));
    }

    fn place<T: PartialEq>(&mut self, all: &[T], x: &T) {
        self.uint(all.iter().position(|a| a == x).unwrap_or(usize::MAX) as u64);
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
        self.str(&id.0);
        self.str(name);
        self.place(&Stage::ALL, stage);
        self.bool(*inbox);
        self.strs(handles);
        self.strs(emails);
        self.strs(phones);
        self.opt(company.as_deref(), Writer::str);
        self.uint(kinds.len() as u64);
        for k in kinds {
            self.place(&Kind::ALL, k);
        }
        self.strs(tags);
        self.str(notes);
        self.time(*created);
        self.opt(*next_follow_up, Writer::date);
        self.opt(*cadence_days, |w, n| w.uint(u64::from(n)));
        self.opt(*paused_until, Writer::date);
        self.opt(archived.as_ref(), |w, a| {
            let Archived { at, reason } = &**a;
            w.time(*at);
            w.str(reason);
        });
        self.list(stage_history, |w, h| {
            let StageChange { stage, at } = h;
            w.place(&Stage::ALL, stage);
            w.time(*at);
        });
        self.list(interactions, |w, i| {
            let Interaction {
                at,
                channel,
                note,
                from,
            } = i;
            w.time(*at);
            w.place(&Channel::ALL, channel);
            w.opt(note.as_deref(), Writer::str);
            w.bool(match from {
                Who::Me => false,
                Who::Them => true,
            });
        });
        self.opt(uid.as_deref(), Writer::str);
        self.opt(*met, Writer::date);
        self.list(distinct_from, |w, d| w.str(&d.0));
        self.list(conflicts, |w, c| {
            let Conflict { field, theirs, at } = c;
            w.str(field);
            w.str(theirs);
            w.time(*at);
        });
        self.strs(accounts);
        self.list(from_archives, |w, a| {
            let ArchiveRef { id, at } = a;
            w.str(id);
            w.time(*at);
        });
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn uint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
        }
        None
    }

    fn int(&mut self) -> Option<i64> {
        let n = self.uint()?;
        Some(((n >> 1) as i64) ^ -((n & 1) as i64))
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }

    /// A length, which can never be more than the bytes left (every item takes one).
    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?)
            .ok()
            .filter(|&n| n <= self.0.len())
    }

    fn bool(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes).ok().map(str::to_owned)
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        self.list(Reader::string)
    }

    fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.byte()? {
            0 => Some(None),
            1 => f(self).map(Some),
            _ => None,
        }
    }

    fn list<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(f(self)?);
        }
        Some(v)
    }

    /// `list`, into a `ThinVec`.
    fn thin<T>(&mut self, mut f: impl FnMut(&mut Self) -> Option<T>) -> Option<ThinVec<T>> {
        let n = self.len()?;
        let mut v = ThinVec::with_capacity(n);
        for _ in 0..n {
            v.push(f(self)?);
        }
        Some(v)
    }

    fn time(&mut self) -> Option<DateTime<Utc>> {
        let secs = self.int()?;
        let nanos = self.u32()?;
        DateTime::from_timestamp(secs, nanos)
    }

    fn date(&mut self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(i32::try_from(self.int()?).ok()?)
    }

    fn place<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(usize::try_from(self.uint()?).ok()?).copied()
    }

    fn contact(&mut self) -> Option<Contact> {
        Some(Contact {
            id: ContactId(self.string()?),
            name: self.string()?,
            stage: self.place(&Stage::ALL)?,
            inbox: self.bool()?,
            handles: self.thin(Reader::string)?,
            emails: self.strings()?,
            phones: self.strings()?,
            company: self.opt(Reader::string)?,
            kinds: {
                let n = self.len()?;
                let mut set = BTreeSet::new();
                for _ in 0..n {
                    set.insert(self.place(&Kind::ALL)?);
                }
                set
            },
            tags: self.thin(Reader::string)?,
            notes: self.string()?,
            created: self.time()?,
            next_follow_up: self.opt(Reader::date)?,
            cadence_days: self.opt(Reader::u32)?,
            paused_until: self.opt(Reader::date)?,
            archived: self.opt(|r| {
                Some(Box::new(Archived {
                    at: r.time()?,
                    reason: r.string()?,
                }))
            })?,
            stage_history: self.thin(|r| {
                Some(StageChange {
                    stage: r.place(&Stage::ALL)?,
                    at: r.time()?,
                })
            })?,
            interactions: self.thin(|r| {
                Some(Interaction {
                    at: r.time()?,
                    channel: r.place(&Channel::ALL)?,
                    note: r.opt(Reader::string)?,
                    from: if r.bool()? { Who::Them } else { Who::Me },
                })
            })?,
            uid: self.opt(Reader::string)?,
            met: self.opt(Reader::date)?,
            distinct_from: self.thin(|r| r.string().map(ContactId))?,
            conflicts: self.thin(|r| {
                Some(Conflict {
                    field: r.string()?,
                    theirs: r.string()?,
                    at: r.time()?,
                })
            })?,
            accounts: self.thin(Reader::string)?,
            from_archives: self.thin(|r| {
                Some(ArchiveRef {
                    id: r.string()?,
                    at: r.time()?,
                })
            })?,
        })
    }
}

#[cfg(test)]
mod tests;
