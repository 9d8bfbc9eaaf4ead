//! The clock: the one place rapport asks what time it is.

use chrono::{DateTime, Local, NaiveDate, SubsecRound, Utc};

/// The clock: real time, or `RAPPORT_NOW` (RFC 3339) so tests and demos can pin "now".
pub fn now() -> DateTime<Utc> {
    std::env::var("RAPPORT_NOW")
        .ok()
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(Utc::now)
        // Whole seconds keep the file readable; nothing here needs finer.
        .trunc_subsecs(0)
}

pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Local).date_naive()
}
