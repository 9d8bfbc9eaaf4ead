//! CSV: the separator is sniffed (`,` `;` tab), the header row is found by the columns it
//! names (wherever it is among the first lines), each column is mapped to a detail by its
//! exact name from a table of known headers (Google both layouts, Outlook in English,
//! German, French and Spanish, LinkedIn, Thunderbird, HubSpot, Salesforce, Zoho, rapport
//! and simple sheets) or by `--map`, and every other column is reported as unused. Rows are
//! read one at a time from the file as it streams (in UTF-8; other encodings are decoded
//! first), so a large file is never held whole.
//!
//! `columns` knows the headers, `row` turns a row into a `Record`; here the file is read.

mod columns;
mod row;
#[cfg(test)]
mod tests;

pub use columns::{Column, MapError, parse_map};
use row::record;

use super::identity::email_key;
use super::{Options, Parsed, Record, SkipReason, Skipped, is_placeholder};
use columns::{HeaderContext, columns, flavour, is_header, scope};
use std::io::{self, Read};
use std::ops::ControlFlow;

/// The separator: of `,` `;` and tab, the one whose reading of the first lines finds the
/// header with the most known columns; else the one that splits those lines most evenly.
fn sniff(text: &str, options: &Options) -> u8 {
    let head: &str = {
        let mut end = text.len().min(64 * 1024);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    };
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b';', b'\t'] {
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(d)
            .from_reader(head.as_bytes());
        let rows: Vec<::csv::StringRecord> =
            reader.records().take(20).filter_map(Result::ok).collect();
        let known = rows
            .iter()
            .filter_map(|r| is_header(r, options))
            .next()
            .unwrap_or(0);
        let widest = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        if (known, widest) > (best.1, best.2) {
            best = (d, known, widest);
        }
    }
    best.0
}

fn delimiter_word(d: u8) -> &'static str {
    match d {
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "comma",
    }
}

/// The bytes the CSV reader has taken, kept from the start of the record being read so
/// its line can be counted (the CSV reader's own count is one short after CRLF line ends),
/// and let go after: a large file streams through without ever being held whole.
struct Kept<R> {
    inner: R,
    bytes: Vec<u8>,
    /// The file offset of `bytes[0]`.
    from: usize,
    /// The offset lines are counted up to, and the line it is on.
    at: usize,
    line: usize,
    /// Set when reading the file failed (not a CSV error: the import stops).
    failed: Option<io::Error>,
}

impl<R: Read> Read for Kept<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf);
        match &n {
            Ok(n) => self.bytes.extend_from_slice(&buf[..*n]),
            Err(e) => {
                self.failed = Some(io::Error::new(e.kind(), e.to_string()));
            }
        }
        n
    }
}

impl<R> Kept<R> {
    fn new(inner: R) -> Kept<R> {
        Kept {
            inner,
            bytes: Vec::new(),
            from: 0,
            at: 0,
            line: 1,
            failed: None,
        }
    }

    /// The line of the record starting at file offset `byte` (offsets only grow).
    fn line_of(&mut self, byte: usize) -> usize {
        let end = self.from + self.bytes.len();
        let mut start = byte.clamp(self.at, end);
        // A record's offset may point at the end of the line before it.
        while start < end && matches!(self.bytes[start - self.from], b'\r' | b'\n') {
            start += 1;
        }
        self.line += self.bytes[self.at - self.from..start - self.from]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = start;
        // Let go of what is counted, in large steps so the copying stays small.
        if self.at - self.from > 64 * 1024 {
            self.bytes.drain(..self.at - self.from);
            self.from = self.at;
        }
        self.line
    }
}

/// How many lines inside the row's cells are shaped like rows of this file (as many cells
/// as the header, a valid email in its email column): a quote left open that swallowed the
/// rows after it. A note's own lines are prose, never that shape.
fn swallowed_rows(row: &::csv::StringRecord, columns: &[Option<Column>], delimiter: u8) -> usize {
    let Some(email) = columns.iter().position(|c| *c == Some(Column::Email)) else {
        return 0;
    };
    row.iter()
        .filter(|cell| cell.contains('\n'))
        .flat_map(|cell| cell.lines().skip(1))
        .filter(|line| {
            let cells: Vec<&str> = line.split(char::from(delimiter)).collect();
            cells.len() == columns.len() && email_key(cells[email].trim_matches('"')).is_some()
        })
        .count()
}

/// Reads the CSV from `file`, all of it from the first byte, in UTF-8; `head` is its
/// beginning as text (any length), to find the separator from. A failure to read the file
/// is an error; rows that are not valid CSV are skipped.
pub(super) fn parse(
    head: &str,
    file: impl Read,
    options: &Options,
    each: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> io::Result<Parsed> {
    let delimiter = sniff(head, options);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(Kept::new(file));
    let mut parsed = Parsed::new("CSV");
    parsed.delimiter = Some(delimiter);
    let mut header: Option<(Vec<Option<Column>>, HeaderContext, String)> = None;
    let mut seen = 0;
    let mut row = ::csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                if let Some(failed) = reader.get_mut().failed.take() {
                    return Err(failed);
                }
                let byte = e.position().map(|p| p.byte() as usize).unwrap_or(start);
                parsed.skipped.push(Skipped {
                    line: reader.get_mut().line_of(byte),
                    reason: SkipReason::NotCsv(e.to_string()),
                });
                if header.is_none() && seen >= 20 {
                    break;
                }
                continue;
            }
        }
        let line = reader
            .get_mut()
            .line_of(row.position().map_or(start, |p| p.byte() as usize));
        seen += 1;
        let Some((columns, cx, scope)) = &header else {
            if is_header(&row, options).is_some() {
                let headers: Vec<String> = row.iter().map(str::to_string).collect();
                let cols = columns(&headers, options);
                parsed.unknown_columns = headers
                    .iter()
                    .zip(&cols)
                    .filter(|(name, c)| c.is_none() && !name.trim().is_empty())
                    .map(|(name, _)| name.trim().to_string())
                    .collect();
                parsed.flavour = flavour(&headers);
                header = Some((cols, HeaderContext::new(&headers), scope(&headers)));
                // Rows above the header are a preamble, not contacts.
                parsed.skipped.retain(|s| s.line > line);
            } else if seen >= 20 {
                break;
            }
            continue;
        };
        if row.iter().all(|c| c.trim().is_empty() || is_placeholder(c)) {
            continue;
        }
        // More cells than the header names: a value with the separator in it and no
        // quotes ("Acme, Inc."), which would be cut short, the rest dropped.
        let extra = row.iter().skip(columns.len()).any(|c| !c.trim().is_empty());
        if extra {
            parsed.skipped.push(Skipped {
                line,
                reason: SkipReason::ExtraCells(row.len(), columns.len()),
            });
            continue;
        }
        let swallowed = swallowed_rows(&row, columns, delimiter);
        if swallowed > 0 {
            parsed.skipped.push(Skipped {
                line,
                reason: SkipReason::UnclosedQuote(swallowed),
            });
            continue;
        }
        match record(&row, columns, cx, scope, line, options.today) {
            Ok(r) => {
                if each(r).is_break() {
                    break;
                }
            }
            Err(reason) => parsed.skipped.push(Skipped { line, reason }),
        }
    }
    if header.is_none() {
        parsed.skipped = vec![Skipped {
            line: 1,
            reason: SkipReason::NoHeader(delimiter_word(delimiter)),
        }];
    }
    Ok(parsed)
}
