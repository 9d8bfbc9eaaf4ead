use super::*;
use crate::model::ContactId;
use chrono::TimeZone;

fn same(b: &Board) {
    let reference = super::super::to_ron_with_serde(b).unwrap_or_default();
    assert!(!reference.is_empty());
    let ours = board_text(b);
    if ours != reference {
        let at = ours
            .bytes()
            .zip(reference.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(ours.len().min(reference.len()));
        let from = at.saturating_sub(200);
        panic!(
            "differs at byte {at}:\nours: {:?}\nron:  {:?}",
            &ours[from..(at + 100).min(ours.len())],
            &reference[from..(at + 100).min(reference.len())]
        );
    }
}

#[test]
fn generated_boards_are_written_as_ron_writes_them() {
    same(&Board::default());
    same(&crate::generate::board(600));
}

#[test]
fn every_field_and_odd_text_is_written_as_ron_writes_it() {
    let odd = [
        "",
        "plain",
        "a \"quote\"",
        "back\\slash",
        "hash # and \"quote\" ## ###",
        "#\"#",
        "line\nbreak\r\ttab \u{1b}[31m esc",
        "김민준 😀 Zoë \u{202E}",
    ];
    let times = [
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single(),
        Utc.timestamp_opt(1_700_000_000, 5_000_000).single(),
        Utc.timestamp_opt(1_700_000_000, 5_000).single(),
        Utc.timestamp_opt(1_700_000_000, 5).single(),
        Utc.timestamp_opt(1_700_000_000, 1_500_000_000).single(),
        Utc.with_ymd_and_hms(12026, 1, 1, 0, 0, 0).single(),
        Utc.with_ymd_and_hms(-5, 1, 1, 0, 0, 0).single(),
        Utc.with_ymd_and_hms(999, 12, 31, 23, 59, 59).single(),
    ];
    let mut b = Board {
        review_streak: 4,
        ..Board::default()
    };
    for (i, (text, at)) in odd.iter().zip(times.iter().cycle()).enumerate() {
        let at = at.unwrap_or_default();
        let day = at.date_naive();
        let mut c = Contact::new(format!("n{i}{text}"), Stage::ALL[i % 4], at);
        c.id = ContactId(format!("id{i}{text}"));
        c.inbox = i % 2 == 0;
        c.handles = thin_vec::thin_vec![text.to_string(), "@x".into()];
        c.emails = vec![text.to_string()];
        c.phones = vec![text.to_string()];
        c.company = Some(text.to_string());
        c.kinds = Kind::ALL.iter().copied().skip(i % 6).collect();
        c.tags = thin_vec::thin_vec![text.to_string()];
        c.notes = text.to_string();
        c.next_follow_up = Some(day);
        c.cadence_days = Some(i as u32);
        c.paused_until = Some(day);
        c.archived = Some(Box::new(Archived {
            at,
            reason: text.to_string(),
        }));
        c.interactions = Channel::ALL
            .iter()
            .map(|&channel| Interaction {
                at,
                channel,
                note: (i % 3 != 0).then(|| text.to_string()),
                from: if i % 2 == 0 { Who::Me } else { Who::Them },
            })
            .collect();
        c.uid = Some(text.to_string());
        c.met = Some(day);
        c.distinct_from = thin_vec::thin_vec![ContactId(text.to_string())];
        c.conflicts = thin_vec::thin_vec![Conflict {
            field: text.to_string(),
            theirs: text.to_string(),
            at,
        }];
        c.accounts = thin_vec::thin_vec![text.to_string()];
        c.from_archives = thin_vec::thin_vec![ArchiveRef {
            id: text.to_string(),
            at,
        }];
        b.last_review = Some(day);
        b.contacts.push(std::sync::Arc::new(c));
    }
    same(&b);
}
