//! Realistic generated boards for benchmarks and the `gen_board` example. Deterministic:
//! the same `n` gives the same board.

use crate::model::{Board, Channel, Contact, Interaction, Kind, Stage, Who};
use chrono::{Duration, TimeZone, Utc};

const FIRST: [&str; 16] = [
    "Ana", "Ben", "Chloé", "Dmitri", "Emeka", "Farah", "Göran", "Hana", "Ivan", "Jia", "Kofi",
    "Lena", "Mateo", "Nia", "Oskar", "Priya",
];
const LAST: [&str; 16] = [
    "Lima", "Ortiz", "Dubois", "Petrov", "Okafor", "Haddad", "Lund", "Sato", "Horvat", "Wei",
    "Mensah", "Vogel", "Rossi", "Banda", "Berg", "Raman",
];
const TAGS: [&str; 8] = [
    "saas",
    "design",
    "podcast",
    "warm",
    "investor",
    "agency",
    "community",
    "event",
];

/// Surnames and given names from further afield, so boards exercise wide characters.
const WIDE: [&str; 8] = [
    "王芳",
    "佐藤 美咲",
    "김민준",
    "Zoë Ångström",
    "José Núñez",
    "Ølvir Þórsson",
    "Nguyễn Thảo",
    "Renée Lefèvre",
];

/// A board of `n` contacts shaped like a real network: a funnel (about 70% in Casual
/// conversations, 18% in Direct messages, 8% on the phone, 4% met), interaction counts
/// from 0 to 50 (most have a few, some many), names with accents and CJK, handles,
/// emails, tags, kinds and notes on most. Deterministic: the same `n` gives the same board.
pub fn board(n: usize) -> Board {
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let mut b = Board::default();
    // A small deterministic generator keeps the boards identical from run to run.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..n {
        let r = next();
        let name = if r % 10 == 0 {
            format!("{} {i}", WIDE[((r >> 8) % 8) as usize])
        } else {
            format!(
                "{} {} {i}",
                FIRST[(r % 16) as usize],
                LAST[((r >> 8) % 16) as usize]
            )
        };
        let created = start + Duration::minutes((r % 400_000) as i64);
        let stage = match (r >> 16) % 100 {
            0..70 => Stage::Casual,
            70..88 => Stage::Dm,
            88..96 => Stage::Phone,
            _ => Stage::Meet,
        };
        let mut c = Contact::new(name, Stage::Casual, created);
        c.id = crate::model::ContactId(format!("g{i:07}"));
        // The way it got there: one stage at a time, days apart.
        let mut at = created;
        for s in Stage::ALL.into_iter().skip(1).take(stage.index()) {
            at += Duration::days(3 + ((r >> 20) % 20) as i64);
            c.set_stage(s, at);
        }
        c.handles = thin_vec::thin_vec![format!("@user{i}")];
        if r % 3 != 0 {
            c.handles
                .push(format!("https://www.linkedin.com/in/user-{i}"));
        }
        if r % 4 != 0 {
            c.emails = vec![format!("user{i}@example.com")];
        }
        if r % 5 != 0 {
            c.company = Some(format!("Company {}", i % 500));
        }
        c.tags = thin_vec::thin_vec![TAGS[(r >> 24) as usize % 8].into()];
        if r % 2 == 0 {
            c.tags.push(TAGS[(r >> 28) as usize % 8].into());
        }
        c.kinds.insert(Kind::ALL[(r >> 32) as usize % 6]);
        if r % 3 != 1 {
            c.notes = format!(
                "Met through a thread about onboarding.\nFollow up about the pilot in Q{}.",
                1 + (r >> 36) % 4
            );
        }
        // Most contacts have a few touches and some have many: 0 to 50, skewed low.
        let touches = match (r >> 40) % 100 {
            0..30 => 0,
            30..70 => 1 + (r >> 48) % 3,
            70..92 => 4 + (r >> 48) % 8,
            _ => 12 + (r >> 48) % 39,
        };
        for k in 0..touches {
            c.interactions.push(Interaction {
                at: created + Duration::days(6 + k as i64 * 3),
                channel: Channel::ALL[(k as usize + i) % 6],
                note: (k % 2 == 0).then(|| format!("touch {k}")),
                from: if (r >> (k % 60)) & 1 == 0 {
                    Who::Me
                } else {
                    Who::Them
                },
            });
        }
        b.push_unchecked(c);
    }
    b
}
