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

/// A board of `n` contacts spread over the four stages, each with two handles, an email,
/// tags, notes, five interactions and two stage-history entries.
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
        let name = format!(
            "{} {} {i}",
            FIRST[(r % 16) as usize],
            LAST[((r >> 8) % 16) as usize]
        );
        let created = start + Duration::minutes((r % 400_000) as i64);
        let first_stage = Stage::ALL[(r >> 16) as usize % 3];
        let mut c = Contact::new(name, first_stage, created);
        c.id = crate::model::ContactId(format!("g{i:07}"));
        c.set_stage(
            first_stage.next().unwrap_or(Stage::Meet),
            created + Duration::days(5),
        );
        c.handles = vec![
            format!("@user{i}"),
            format!("https://www.linkedin.com/in/user-{i}"),
        ];
        c.emails = vec![format!("user{i}@example.com")];
        c.company = Some(format!("Company {}", i % 500));
        c.tags = vec![
            TAGS[(r >> 24) as usize % 8].into(),
            TAGS[(r >> 28) as usize % 8].into(),
        ];
        c.kinds.insert(Kind::ALL[(r >> 32) as usize % 6]);
        c.notes = format!(
            "Met through a thread about onboarding.\nFollow up about the pilot in Q{}.\nPrefers mornings.",
            1 + (r >> 36) % 4
        );
        for k in 0..5 {
            c.interactions.push(Interaction {
                at: created + Duration::days(6 + k * 4),
                channel: Channel::ALL[(k as usize + i) % 6],
                note: Some(format!("touch {k}")),
                from: if (r >> (40 + k)) & 1 == 0 {
                    Who::Me
                } else {
                    Who::Them
                },
            });
        }
        b.contacts.push(c);
    }
    b
}
