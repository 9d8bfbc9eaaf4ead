use super::*;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
}

fn board(names: &[(&str, Stage)]) -> Board {
    let mut b = Board::default();
    for (n, s) in names {
        b.add(Contact::new(*n, *s, now()));
    }
    b
}

#[test]
fn ids_are_unique_and_short() {
    let mut b = Board::default();
    for i in 0..2000 {
        b.add(Contact::new(format!("c{i}"), Stage::Casual, now()));
    }
    let ids: HashSet<_> = b.iter().map(|c| c.id.clone()).collect();
    assert_eq!(ids.len(), 2000);
    assert!(b.iter().all(|c| c.id.0.len() == 8));
    assert!(b.validate().is_ok());
}

#[test]
fn move_appends_to_new_column_and_records_history() {
    let mut b = board(&[("A", Stage::Casual), ("B", Stage::Dm), ("C", Stage::Casual)]);
    let a = b.contacts[0].id.clone();
    assert!(b.move_to(&a, Stage::Dm, now()));
    let dm: Vec<_> = b.in_stage(Stage::Dm).map(|c| c.name.as_str()).collect();
    assert_eq!(dm, ["B", "A"]);
    assert_eq!(b.get(&a).unwrap().stage_history.len(), 2);
    assert!(!b.move_to(&a, Stage::Dm, now()));
    assert_eq!(b.counts(), [1, 2, 0, 0]);
}

#[test]
fn reorder_skips_other_stages() {
    let mut b = board(&[("A", Stage::Casual), ("X", Stage::Dm), ("B", Stage::Casual)]);
    let bid = b.contacts[2].id.clone();
    assert!(b.reorder(&bid, true));
    let col: Vec<_> = b.in_stage(Stage::Casual).map(|c| c.name.as_str()).collect();
    assert_eq!(col, ["B", "A"]);
    assert!(!b.reorder(&bid, true));
    assert!(b.reorder(&bid, false));
    assert!(!b.reorder(&bid, false));
}

#[test]
fn resolve_by_id_name_and_prefix() {
    let b = board(&[
        ("Becky Chen", Stage::Casual),
        ("Ben Ortiz", Stage::Dm),
        ("ben", Stage::Dm),
    ]);
    let id = b.contacts[0].id.to_string();
    assert_eq!(b.resolve(&id).unwrap().name, "Becky Chen");
    assert_eq!(b.resolve("becky chen").unwrap().name, "Becky Chen");
    assert_eq!(b.resolve("bec").unwrap().name, "Becky Chen");
    // An exact name wins over a longer name with the same prefix.
    assert_eq!(b.resolve("BEN").unwrap().name, "ben");
    match b.resolve("be") {
        Err(ResolveError::Ambiguous(_, names)) => assert_eq!(names.len(), 3),
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert!(matches!(b.resolve("zed"), Err(ResolveError::NotFound(_))));
    assert!(matches!(b.resolve(""), Err(ResolveError::NotFound(_))));
}

#[test]
fn resolve_by_any_word_of_name_handle_or_email_without_case_or_accents() {
    let mut b = board(&[
        ("Chatty Cathy", Stage::Casual),
        ("José Álvarez", Stage::Dm),
        ("Priya Raman", Stage::Dm),
        ("Ana Silva", Stage::Casual),
        ("Ana Lima", Stage::Phone),
        ("Mariana Souza", Stage::Phone),
    ]);
    std::sync::Arc::make_mut(&mut b.contacts[2]).handles =
        thin_vec::thin_vec!["@priyabuilds".into()];
    std::sync::Arc::make_mut(&mut b.contacts[2]).emails = vec!["p.raman@northwind.example".into()];
    assert_eq!(b.resolve("cathy").unwrap().name, "Chatty Cathy");
    assert_eq!(b.resolve("CATH").unwrap().name, "Chatty Cathy");
    assert_eq!(b.resolve("jose").unwrap().name, "José Álvarez");
    assert_eq!(b.resolve("alvarez").unwrap().name, "José Álvarez");
    assert_eq!(b.resolve("JOSÉ ÁLVAREZ").unwrap().name, "José Álvarez");
    assert_eq!(b.resolve("priyabuilds").unwrap().name, "Priya Raman");
    assert_eq!(b.resolve("@PriyaBuilds").unwrap().name, "Priya Raman");
    assert_eq!(b.resolve("northwind").unwrap().name, "Priya Raman");
    assert_eq!(
        b.resolve("p.raman@northwind.example").unwrap().name,
        "Priya Raman"
    );
    // A word's start, not any part of it: "ana" is not in "Mariana".
    match b.resolve("ana") {
        Err(e @ ResolveError::Ambiguous(..)) => {
            let text = e.to_string();
            assert!(
                text.starts_with("2 contacts match \"ana\": Ana Silva ("),
                "{text}"
            );
            assert!(text.contains("Ana Lima ("), "{text}");
            assert!(!text.contains("Mariana"), "{text}");
            assert!(text.contains("Nothing was changed"), "{text}");
            assert!(text.contains("use the id"), "{text}");
        }
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert_eq!(b.resolve("ana l").unwrap().name, "Ana Lima");
    assert_eq!(b.resolve("ana silva").unwrap().name, "Ana Silva");
}

#[test]
fn same_address_finds_a_shared_email_or_handle() {
    let mut b = board(&[("Priya Raman", Stage::Dm), ("Other", Stage::Dm)]);
    std::sync::Arc::make_mut(&mut b.contacts[0]).handles =
        thin_vec::thin_vec!["@priyabuilds".into()];
    std::sync::Arc::make_mut(&mut b.contacts[0]).emails = vec!["priya@example.com".into()];
    let mut new = Contact::new("P. Raman", Stage::Casual, b.contacts[0].created);
    assert!(b.same_address(&new).is_empty());
    new.emails = vec!["Priya@Example.com".into()];
    assert_eq!(b.same_address(&new)[0].name, "Priya Raman");
    new.emails.clear();
    new.handles = thin_vec::thin_vec!["priyabuilds".into()];
    assert_eq!(b.same_address(&new)[0].name, "Priya Raman");
}

#[test]
fn validate_catches_duplicates_and_empty_names() {
    let mut b = board(&[("A", Stage::Casual), ("B", Stage::Casual)]);
    std::sync::Arc::make_mut(&mut b.contacts[1]).id = b.contacts[0].id.clone();
    assert!(b.validate().unwrap_err().contains("share the id"));
    let mut b = board(&[("A", Stage::Casual)]);
    std::sync::Arc::make_mut(&mut b.contacts[0]).name = "  ".into();
    assert!(b.validate().unwrap_err().contains("empty name"));
}
