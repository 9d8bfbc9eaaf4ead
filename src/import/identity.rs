//! Who is who: the keys an import may merge on, and the weaker likenesses it only reports.
//!
//! Strong keys identify one person: a syntactically valid email address, and a personal
//! profile on a known network (`@ann`, `x.com/ann` and `https://twitter.com/ann/` are one
//! key). Even a strong key does not merge two records whose names clearly belong to
//! different people (a family's shared address): those are reported as possible duplicates.
//! Names, phone numbers and websites are shared by different people all the time, so they
//! are never merge keys; they only point out possible duplicates.

use crate::model::{norm_handle, phone_digits};

/// The email address as a key: trimmed, without `mailto:`, lower-cased; `None` unless it
/// looks like an address (one `@`, a dotted domain, no spaces).
pub fn email_key(email: &str) -> Option<String> {
    let e = email.trim();
    let e = e
        .strip_prefix("mailto:")
        .or_else(|| e.strip_prefix("MAILTO:"))
        .unwrap_or(e);
    let (local, domain) = e.split_once('@')?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain.split('.').all(|l| !l.is_empty())
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    let local_ok = !local.is_empty()
        && !local.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '@' | '<' | '>' | ',' | ';')
        });
    (domain_ok && local_ok).then(|| e.to_lowercase())
}

/// A personal profile on a known network, as one spelling: `x.com/ann`,
/// `linkedin.com/in/ann-lee`, `github.com/ann`, `ann@mastodon.social`… `None` for anything
/// else (a company's website, a bare word).
pub fn profile_key(handle: &str) -> Option<String> {
    let h = handle.trim();
    if let Some(name) = h.strip_prefix('@') {
        return match name.split_once('@') {
            // @user@server: the fediverse.
            Some((user, server)) if !user.is_empty() && server.contains('.') => {
                Some(format!("{}@{}", user.to_lowercase(), server.to_lowercase()))
            }
            Some(_) => None,
            None => {
                let ok =
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                ok.then(|| format!("x.com/{}", name.to_lowercase()))
            }
        };
    }
    let bare = norm_handle(h);
    let bare = bare.split(['?', '#']).next().unwrap_or("");
    let bare = bare.strip_prefix("mobile.").unwrap_or(bare);
    let mut parts = bare.split('/').filter(|p| !p.is_empty());
    let host = parts.next()?;
    let path: Vec<&str> = parts.collect();
    let first = |skip: &[&str]| {
        path.first()
            .filter(|p| !skip.contains(p))
            .map(|p| p.trim_start_matches('@').to_string())
            .filter(|p| !p.is_empty())
    };
    match host {
        "x.com" | "twitter.com" => first(&["intent", "home", "share", "i", "search", "hashtag"])
            .map(|u| format!("x.com/{u}")),
        "linkedin.com" | "de.linkedin.com" | "uk.linkedin.com" | "fr.linkedin.com"
        | "es.linkedin.com" | "in.linkedin.com" => match path.as_slice() {
            ["in" | "pub", slug, ..] => Some(format!("linkedin.com/in/{slug}")),
            _ => None,
        },
        "github.com" | "instagram.com" | "facebook.com" | "tiktok.com" | "threads.net"
        | "youtube.com" => first(&["pages", "groups", "company", "orgs", "channel", "watch"])
            .map(|u| format!("{host}/{u}")),
        "bsky.app" => match path.as_slice() {
            ["profile", who, ..] => Some(format!("bsky.app/profile/{who}")),
            _ => None,
        },
        // https://server/@user: a fediverse profile.
        _ if host.contains('.') => match path.as_slice() {
            [user] if user.starts_with('@') && user.len() > 1 => {
                Some(format!("{}@{host}", &user[1..]))
            }
            _ => None,
        },
        _ => None,
    }
}

/// A website that is not a profile on a known network, as a key for likeness only.
pub fn website_key(handle: &str) -> Option<String> {
    if profile_key(handle).is_some() || handle.trim().starts_with('@') {
        return None;
    }
    let k = norm_handle(handle);
    let host = k.split('/').next().unwrap_or("");
    (host.contains('.') && !k.contains(char::is_whitespace) && !k.contains('@')).then_some(k)
}

/// A phone number as a key for likeness only: its digits, when there are enough of them to
/// be a real number.
pub fn phone_key(phone: &str) -> Option<String> {
    let d = phone_digits(phone);
    (d.len() >= 7).then_some(d)
}

/// A name as a key for likeness only.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn tokens(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether a source id names one record on its own: a long one (a vCard's UUID, a CRM's
/// record id) does; a short one (the "1", "2"… of a numbered sheet, kept as
/// `csv-<header hash>:1`) may be shared by unrelated sheets with the same columns.
pub fn source_id_is_unique(uid: &str) -> bool {
    source_id_as_written(uid).trim().chars().count() >= 8
}

/// A source id as the file wrote it, without the scope a CSV's is kept under.
pub fn source_id_as_written(uid: &str) -> &str {
    match uid.split_once(':') {
        Some((scope, own)) if scope.starts_with("csv-") => own,
        _ => uid,
    }
}

/// Whether two names can belong to one person: every word of the shorter one starts a
/// word of the longer one or is started by one ("B. Chen" and "Becky Chen", "Priya" and
/// "Priya Raman", "Priya Raman" and "Priya R."), or they
/// are the same letters without spaces. "John Smith" and "Jane Smith" do not agree.
pub fn names_agree(a: &str, b: &str) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() || ta.concat() == tb.concat() {
        return true;
    }
    let (short, long) = if ta.len() <= tb.len() {
        (&ta, &tb)
    } else {
        (&tb, &ta)
    };
    short.iter().all(|s| {
        long.iter()
            .any(|l| l.starts_with(s.as_str()) || s.starts_with(l.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_must_look_like_addresses() {
        assert_eq!(
            email_key(" Ann@X.Example ").as_deref(),
            Some("ann@x.example")
        );
        assert_eq!(
            email_key("mailto:ann@x.example").as_deref(),
            Some("ann@x.example")
        );
        for junk in [
            "-",
            "n/a",
            "none",
            "ann",
            "ann@",
            "@x.example",
            "ann@x",
            "a b@x.example",
            "ann@x..example",
        ] {
            assert_eq!(email_key(junk), None, "{junk}");
        }
    }

    #[test]
    fn profiles_on_known_networks_are_one_key() {
        let x = Some("x.com/ann".to_string());
        assert_eq!(profile_key("@Ann"), x);
        assert_eq!(profile_key("https://twitter.com/ann/"), x);
        assert_eq!(profile_key("x.com/ann"), x);
        assert_eq!(profile_key("https://www.x.com/ann?lang=en"), x);
        assert_eq!(
            profile_key("https://www.linkedin.com/in/ann-lee-0a1b/").as_deref(),
            Some("linkedin.com/in/ann-lee-0a1b")
        );
        assert_eq!(profile_key("https://www.linkedin.com/company/acme"), None);
        assert_eq!(
            profile_key("https://mastodon.social/@ann").as_deref(),
            Some("ann@mastodon.social")
        );
        assert_eq!(
            profile_key("@ann@mastodon.social").as_deref(),
            Some("ann@mastodon.social")
        );
        assert_eq!(profile_key("https://acme.example"), None);
        assert_eq!(profile_key("https://acme.example/about"), None);
        assert_eq!(
            website_key("https://www.acme.example/").as_deref(),
            Some("acme.example")
        );
        assert_eq!(website_key("@ann"), None);
    }

    #[test]
    fn names_that_agree() {
        assert!(names_agree("B. Chen", "Becky Chen"));
        assert!(names_agree("Priya R.", "Priya Raman"));
        assert!(names_agree("Priya Raman", "Priya R."));
        assert!(names_agree("Dr. John Doe", "john doe"));
        assert!(names_agree("김 민준", "김민준"));
        assert!(!names_agree("John Smith", "Jane Smith"));
        assert!(!names_agree("Ann Lee", "Bob Ray"));
        assert_eq!(phone_key("+1 (555) 010"), Some("1555010".into()));
        assert_eq!(phone_key("12"), None);
    }
}
