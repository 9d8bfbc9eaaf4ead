//! vCard 2.1, 3.0 and 4.0: one record per card, read with calcard.

use super::{Parsed, Record, SkipReason, Skipped, given, is_placeholder, tags};
use crate::model::{Channel, ContactEdit, Interaction, Kind, Stage, StageChange, Who};
use calcard::vcard::{VCard, VCardProperty, VCardValue};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeSet;

/// Splits the text into cards by their BEGIN/END lines, so that one broken card is skipped
/// with its line number while the rest import.
pub(super) fn parse(text: &str) -> Parsed {
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (line, byte offset)
    let mut offset = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\r', '\n']).trim();
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("BEGIN:VCARD") {
            if let Some((l, _)) = start {
                skipped.push(Skipped {
                    line: l,
                    reason: SkipReason::CardCutOff,
                });
            }
            start = Some((i + 1, offset));
        } else if upper.starts_with("END:VCARD")
            && let Some((l, from)) = start.take()
        {
            let chunk = &text[from..offset + raw.len()];
            match card_record(chunk, l) {
                Ok(r) => records.push(r),
                Err(reason) => skipped.push(Skipped { line: l, reason }),
            }
        }
        offset += raw.len();
    }
    if let Some((l, _)) = start {
        skipped.push(Skipped {
            line: l,
            reason: SkipReason::CardCutOff,
        });
    }
    let mut parsed = Parsed::new("vCard");
    parsed.records = records;
    parsed.skipped = skipped;
    parsed
}

fn texts(v: &[VCardValue]) -> Vec<String> {
    v.iter()
        .flat_map(|v| match v {
            VCardValue::Component(parts) => parts.clone(),
            other => other.as_text().map(str::to_string).into_iter().collect(),
        })
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !is_placeholder(s))
        .collect()
}

fn card_record(chunk: &str, line: usize) -> Result<Record, SkipReason> {
    let card = VCard::parse(chunk).map_err(|e| SkipReason::CardUnreadable(format!("{e:?}")))?;
    let first_text = |p: &VCardProperty| card.properties(p).flat_map(|e| texts(&e.values)).next();
    let all = |p: &VCardProperty| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in card.properties(p) {
            for t in texts(&e.values) {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    };
    let other = |name: &str| -> Option<String> {
        card.entries
            .iter()
            .find(|e| matches!(&e.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case(name)))
            .and_then(|e| texts(&e.values).first().cloned())
    };
    let others = |name: &str| -> Vec<String> {
        card.entries
            .iter()
            .filter(|e| matches!(&e.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case(name)))
            .filter_map(|e| {
                e.values
                    .iter()
                    .find_map(|v| v.as_text())
                    .map(str::to_string)
            })
            .collect()
    };
    // A group card (vCard 4's KIND, Apple's X-ADDRESSBOOKSERVER-KIND) lists members; it is
    // not a person.
    let kind = first_text(&VCardProperty::Kind).or_else(|| other("X-ADDRESSBOOKSERVER-KIND"));
    if kind.is_some_and(|k| k.eq_ignore_ascii_case("group")) {
        let name = first_text(&VCardProperty::Fn).unwrap_or_default();
        return Err(SkipReason::Group(name));
    }
    let name = first_text(&VCardProperty::Fn)
        .or_else(|| name_from_n(&card))
        .or_else(|| first_text(&VCardProperty::Org));
    // Handles in the card's own order, whichever property carries them.
    let mut handles = Vec::new();
    for e in &card.entries {
        let social = match &e.name {
            VCardProperty::Url | VCardProperty::Impp | VCardProperty::Socialprofile => Some(false),
            VCardProperty::Other(n) => {
                let n = n.to_ascii_uppercase();
                match n.as_str() {
                    "X-TWITTER" => Some(true),
                    "X-SOCIALPROFILE" | "X-LINKEDIN" | "X-MASTODON" => Some(false),
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(twitter) = social else { continue };
        for t in texts(&e.values) {
            handles.push(if twitter && !t.contains('/') && !t.starts_with('@') {
                format!("@{t}")
            } else {
                t
            });
        }
    }
    // rapport's own vCard export carries these; other address books ignore them.
    let stage = other("X-RAPPORT-STAGE").and_then(|s| s.parse::<Stage>().ok());
    let kinds: BTreeSet<Kind> = other("X-RAPPORT-KINDS")
        .map(|k| {
            k.split(',')
                .filter_map(|k| k.trim().parse::<Kind>().ok())
                .collect()
        })
        .unwrap_or_default();
    let follow_up =
        other("X-RAPPORT-FOLLOW-UP").and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let phones = all(&VCardProperty::Tel)
        .into_iter()
        .map(|t| t.strip_prefix("tel:").map(str::to_string).unwrap_or(t))
        .collect();
    let emails = all(&VCardProperty::Email)
        .into_iter()
        .map(|t| t.strip_prefix("mailto:").map(str::to_string).unwrap_or(t))
        .collect();
    let company = card
        .property(&VCardProperty::Org)
        .map(|e| texts(&e.values))
        .filter(|parts| !parts.is_empty())
        .map(|parts| parts.join(", "));
    let notes = card
        .properties(&VCardProperty::Note)
        .flat_map(|e| {
            e.values
                .iter()
                .filter_map(|v| v.as_text())
                .map(str::to_string)
        })
        .collect::<Vec<_>>()
        .join("\n")
        .replace("\r\n", "\n");
    let mut notes = notes.trim().to_string();
    // The job title goes where CSV imports put it: the first line of the notes.
    if let Some(title) =
        first_text(&VCardProperty::Title).or_else(|| first_text(&VCardProperty::Role))
    {
        let line = format!("Position: {title}");
        if !notes.contains(&line) {
            notes = if notes.is_empty() {
                line
            } else {
                format!("{line}\n{notes}")
            };
        }
    }
    let uid = card
        .uid()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty());
    let ours = stage.is_some();
    let at = |s: &str| {
        DateTime::parse_from_rfc3339(s.trim())
            .ok()
            .map(|t| t.with_timezone(&Utc))
            .filter(|t| crate::dates::in_range(t.date_naive()))
    };
    let interactions = others("X-RAPPORT-INTERACTION")
        .iter()
        .filter_map(|e| {
            let mut p = e.splitn(4, ' ');
            Some(Interaction {
                at: at(p.next()?)?,
                channel: p.next()?.parse::<Channel>().ok()?,
                from: p.next()?.parse::<Who>().ok()?,
                note: p.next().map(str::to_string),
            })
        })
        .collect();
    let stage_history = others("X-RAPPORT-STAGE-CHANGE")
        .iter()
        .filter_map(|e| {
            let (s, t) = e.split_once(' ')?;
            Some(StageChange {
                stage: s.parse().ok()?,
                at: at(t)?,
            })
        })
        .collect();
    let cadence = other("X-RAPPORT-CADENCE").and_then(|c| c.parse::<u32>().ok());
    let met = other("X-RAPPORT-MET").and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let mut record = Record {
        line,
        details: ContactEdit {
            name: name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
            handles: given(handles),
            emails: given(emails),
            phones: given(phones),
            company: company.map(Some),
            kinds: Some(kinds).filter(|k| !k.is_empty()),
            tags: given(tags(all(&VCardProperty::Categories))),
            follow_up: follow_up.map(Some),
            cadence: cadence.map(Some),
            notes: Some(notes).filter(|n| !n.is_empty()),
        },
        // A card rapport wrote carries the contact's id as its UID, and the contact's own
        // source id apart.
        id: uid.clone().filter(|_| ours),
        uid: if ours {
            other("X-RAPPORT-SOURCE-ID")
        } else {
            uid
        },
        stage,
        created: other("X-RAPPORT-CREATED")
            .and_then(|c| at(&c))
            .filter(|_| ours),
        met,
        interactions,
        stage_history,
        ..Record::default()
    };
    if !record.ensure_name() {
        return Err(SkipReason::CardNameless);
    }
    Ok(record)
}

/// "Given Additional Family" from N (family; given; additional; prefix; suffix).
fn name_from_n(card: &VCard) -> Option<String> {
    let e = card.property(&VCardProperty::N)?;
    let parts: Vec<String> = e
        .values
        .iter()
        .map(|v| match v {
            VCardValue::Component(p) => p.join(" "),
            other => other.as_text().unwrap_or("").to_string(),
        })
        .collect();
    let get = |i: usize| parts.get(i).map(|s| s.trim()).unwrap_or("");
    let name = [get(3), get(1), get(2), get(0), get(4)]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use crate::import::{Options, SkipReason, parse};

    fn today() -> Options {
        Options::default()
    }

    fn strings(v: &[&str]) -> Option<Vec<String>> {
        Some(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn vcard_escapes_folding_and_quoted_printable() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mr. First \\; special \\, Last\r\nNOTE:line one\\nline\r\n  two\r\nEMAIL;TYPE=work:a@example.com\r\nCATEGORIES:friends,work\r\nEND:VCARD\r\n\
BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Umlaut =C3=84 =C3=96\nTEL;CELL:+49 1\nEND:VCARD\n";
        let p = parse(text, &today());
        assert_eq!(p.flavour, "vCard");
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        let first = &p.records[0];
        assert_eq!(first.name(), "Mr. First ; special , Last");
        assert_eq!(first.details.notes.as_deref(), Some("line one\nline two"));
        assert_eq!(first.details.emails, strings(&["a@example.com"]));
        assert_eq!(first.details.tags, strings(&["friends", "work"]));
        assert_eq!(first.line, 1);
        assert_eq!(p.records[1].name(), "Umlaut Ä Ö");
        assert_eq!(p.records[1].details.phones, strings(&["+49 1"]));
        assert_eq!(p.records[1].line, 9);
    }

    #[test]
    fn vcard_without_end_or_name_is_skipped_with_its_line() {
        let text = "BEGIN:VCARD\nVERSION:4.0\nNOTE:only a note\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\nFN:Good\nEND:VCARD\nBEGIN:VCARD\nFN:Cut\n";
        let p = parse(text, &today());
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.skipped.len(), 2);
        assert_eq!(p.skipped[0].line, 1);
        assert_eq!(p.skipped[0].reason, SkipReason::CardNameless);
        assert!(p.skipped[0].reason.to_string().contains("no name"));
        assert_eq!(p.skipped[1].line, 9);
        assert!(p.skipped[1].reason.to_string().contains("END:VCARD"));
    }

    #[test]
    fn n_is_the_fallback_name() {
        let text = "BEGIN:VCARD\nVERSION:3.0\nN:Doe;John;Q;Dr.;Jr.\nEND:VCARD\n";
        assert_eq!(
            parse(text, &today()).records[0].name(),
            "Dr. John Q Doe Jr."
        );
    }
}

#[cfg(test)]
mod more_tests {
    use crate::import::{NamedFrom, Options, SkipReason, parse};

    /// Issue 12, cases 5 and 8: nameless cards get a name, group cards are skipped, system
    /// groups are not tags, the title and every link are kept.
    #[test]
    fn nameless_group_title_and_links() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:ann.lee@x.example\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Friends\r\nX-ADDRESSBOOKSERVER-KIND:group\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:Team\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Ray\r\nTITLE:CTO\r\nURL:https://bob.example\r\nURL:https://blog.bob.example\r\nCATEGORIES:My Contacts,Starred in Android,Clients\r\nEMAIL:-\r\nEND:VCARD\r\n";
        let p = parse(text, &Options::default());
        assert_eq!(p.records.len(), 2, "{p:?}");
        let ann = &p.records[0];
        assert_eq!(
            (ann.name(), ann.named_from),
            ("ann.lee", Some(NamedFrom::Email))
        );
        assert_eq!(
            p.skipped
                .iter()
                .map(|s| (s.line, s.reason.clone()))
                .collect::<Vec<_>>(),
            [
                (5, SkipReason::Group("Friends".into())),
                (10, SkipReason::Group("Team".into()))
            ]
        );
        let bob = &p.records[1];
        assert_eq!(bob.details.notes.as_deref(), Some("Position: CTO"));
        assert_eq!(
            bob.details.handles,
            Some(vec![
                "https://bob.example".into(),
                "https://blog.bob.example".into()
            ])
        );
        assert_eq!(bob.details.tags, Some(vec!["Clients".into()]));
        assert_eq!(bob.details.emails, None, "a placeholder is no email");
    }

    /// Issue 12, case 6: a vCard file with CR alone between lines.
    #[test]
    fn cr_only_vcards_read() {
        let bytes = b"BEGIN:VCARD\rVERSION:3.0\rFN:Ann Lee\rEMAIL:ann@x.example\rEND:VCARD\rBEGIN:VCARD\rVERSION:3.0\rFN:Bob\rEND:VCARD\r".to_vec();
        let text = crate::import::decode(bytes).unwrap().text;
        let p = parse(&text, &Options::default());
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.records[1].line, 6);
    }
}
