//! CSV: the separator is sniffed (`,` `;` tab), the header row is found by the columns it
//! names (wherever it is among the first lines), each column is mapped to a detail by its
//! exact name from a table of known headers (Google both layouts, Outlook in English,
//! German, French and Spanish, LinkedIn, Thunderbird, HubSpot, Salesforce, Zoho, rapport
//! and simple sheets) or by `--map`, and every other column is reported as unused. Rows are
//! read one at a time, so a large file is never held twice.
//!
//! `columns` knows the headers, `row` turns a row into a `Record`; here the file is read.

mod columns;
mod row;
#[cfg(test)]
mod tests;

pub use columns::{Column, MapError, parse_map};
use row::record;

use super::{Options, Parsed, Record, SkipReason, Skipped, is_placeholder};
use columns::{HeaderContext, columns, flavour, is_header, scope};
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

/// Line numbers from byte offsets, counted once through the file. (The CSV reader's own
/// count is one short after CRLF line ends.)
struct Lines<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl Lines<'_> {
    fn of(&mut self, byte: usize) -> usize {
        let mut start = byte.min(self.text.len());
        // A record's offset may point at the end of the line before it.
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += self.text[self.at..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = start;
        self.line
    }
}

pub(super) fn parse(
    text: &str,
    options: &Options,
    each: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> Parsed {
    let delimiter = sniff(text, options);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = Lines {
        text: text.as_bytes(),
        at: 0,
        line: 1,
    };
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
                let byte = e.position().map(|p| p.byte() as usize).unwrap_or(start);
                parsed.skipped.push(Skipped {
                    line: lines.of(byte),
                    reason: SkipReason::NotCsv(e.to_string()),
                });
                if header.is_none() && seen >= 20 {
                    break;
                }
                continue;
            }
        }
        let line = lines.of(row.position().map_or(start, |p| p.byte() as usize));
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
    parsed
}
