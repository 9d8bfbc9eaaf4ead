//! The board model: contacts, stages, interactions and the pure operations on them.
//! Nothing here knows about the terminal or the file system.

mod board;
mod contact;
mod edit;
mod merge;
mod timing;

pub use board::{
    Board, Cadence, FORMAT_VERSION, ResolveError, Settings, fresh_id, validate_contact,
};
pub use contact::{
    ARCHIVE_REASONS, ArchiveRef, Archived, Conflict, Contact, ContactId, Interaction, StageChange,
    profile_url,
};
pub use edit::{ContactEdit, Field, norm_handle, phone_digits};
pub use merge::{Merged, merge, merge_contact};
pub use timing::Reciprocity;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The four stages a relationship moves through, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Casual,
    Dm,
    Phone,
    Meet,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::Casual, Stage::Dm, Stage::Phone, Stage::Meet];

    /// The id used on the command line, in JSON and in the board file.
    pub fn id(self) -> &'static str {
        match self {
            Stage::Casual => "casual",
            Stage::Dm => "dm",
            Stage::Phone => "phone",
            Stage::Meet => "meet",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Stage::Casual => "Casual conversations",
            Stage::Dm => "Direct messages",
            Stage::Phone => "Phone conversations",
            Stage::Meet => "Meeting face to face",
        }
    }

    /// A shorter title for narrow columns.
    pub fn short_title(self) -> &'static str {
        match self {
            Stage::Casual => "Casual",
            Stage::Dm => "DMs",
            Stage::Phone => "Phone",
            Stage::Meet => "Meet",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Option<Stage> {
        Stage::ALL.get(i).copied()
    }

    pub fn next(self) -> Option<Stage> {
        Stage::from_index(self.index() + 1)
    }

    pub fn prev(self) -> Option<Stage> {
        self.index().checked_sub(1).and_then(Stage::from_index)
    }

    /// The channel a quick "touch" is logged with in this stage.
    pub fn channel(self) -> Channel {
        match self {
            Stage::Casual => Channel::Reply,
            Stage::Dm => Channel::Dm,
            Stage::Phone => Channel::Call,
            Stage::Meet => Channel::Meeting,
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Error for parsing one of the small id enums from user input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    pub what: &'static str,
    pub given: String,
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} \"{}\"; use one of: {}",
            self.what,
            self.given,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownId {}

macro_rules! id_enum_from_str {
    ($ty:ty, $what:literal, [$($id:literal => $variant:expr),+ $(,)?]) => {
        impl FromStr for $ty {
            type Err = UnknownId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let norm = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                match norm.as_str() {
                    $($id => Ok($variant),)+
                    _ => Err(UnknownId { what: $what, given: s.to_string(), expected: &[$($id),+] }),
                }
            }
        }
    };
}

id_enum_from_str!(Stage, "stage", ["casual" => Stage::Casual, "dm" => Stage::Dm, "phone" => Stage::Phone, "meet" => Stage::Meet]);

/// What a contact is (or became) to the user. A contact may have several.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Customer,
    Prospect,
    ReferralPartner,
    Vendor,
    Advocate,
    Friend,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Customer,
        Kind::Prospect,
        Kind::ReferralPartner,
        Kind::Vendor,
        Kind::Advocate,
        Kind::Friend,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Kind::Customer => "customer",
            Kind::Prospect => "prospect",
            Kind::ReferralPartner => "referral_partner",
            Kind::Vendor => "vendor",
            Kind::Advocate => "advocate",
            Kind::Friend => "friend",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Customer => "customer",
            Kind::Prospect => "prospect",
            Kind::ReferralPartner => "referral partner",
            Kind::Vendor => "vendor",
            Kind::Advocate => "advocate",
            Kind::Friend => "friend",
        }
    }

    /// A short badge for cards.
    pub fn badge(self) -> &'static str {
        match self {
            Kind::Customer => "cust",
            Kind::Prospect => "pros",
            Kind::ReferralPartner => "ref",
            Kind::Vendor => "vend",
            Kind::Advocate => "adv",
            Kind::Friend => "friend",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

id_enum_from_str!(Kind, "kind", [
    "customer" => Kind::Customer,
    "prospect" => Kind::Prospect,
    "referral_partner" => Kind::ReferralPartner,
    "vendor" => Kind::Vendor,
    "advocate" => Kind::Advocate,
    "friend" => Kind::Friend,
]);

/// How an interaction happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Reply,
    Dm,
    Call,
    Meeting,
    Email,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::Reply,
        Channel::Dm,
        Channel::Call,
        Channel::Meeting,
        Channel::Email,
        Channel::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Channel::Reply => "reply",
            Channel::Dm => "dm",
            Channel::Call => "call",
            Channel::Meeting => "meeting",
            Channel::Email => "email",
            Channel::Other => "other",
        }
    }

    /// "a call", "an email": the channel with its article, for sentences.
    pub fn with_article(self) -> String {
        let article = if self.id().starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {}", self.id())
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

id_enum_from_str!(Channel, "channel", [
    "reply" => Channel::Reply,
    "dm" => Channel::Dm,
    "call" => Channel::Call,
    "meeting" => Channel::Meeting,
    "email" => Channel::Email,
    "other" => Channel::Other,
]);

/// Who reached out in an interaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    #[default]
    Me,
    Them,
}

impl Who {
    pub fn id(self) -> &'static str {
        match self {
            Who::Me => "me",
            Who::Them => "them",
        }
    }
}

impl fmt::Display for Who {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

id_enum_from_str!(Who, "value for who reached out", ["me" => Who::Me, "them" => Who::Them]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_take_the_right_article() {
        assert_eq!(Channel::Email.with_article(), "an email");
        assert_eq!(Channel::Other.with_article(), "an other");
        assert_eq!(Channel::Call.with_article(), "a call");
        assert_eq!(Channel::Dm.with_article(), "a dm");
    }

    #[test]
    fn stage_ids_round_trip() {
        for s in Stage::ALL {
            assert_eq!(s.id().parse::<Stage>(), Ok(s));
        }
        assert_eq!("Phone".parse::<Stage>(), Ok(Stage::Phone));
        let err = "chat".parse::<Stage>().unwrap_err();
        assert!(err.to_string().contains("casual, dm, phone, meet"));
    }

    #[test]
    fn kinds_accept_spaces_and_dashes() {
        assert_eq!(
            "referral partner".parse::<Kind>(),
            Ok(Kind::ReferralPartner)
        );
        assert_eq!(
            "referral-partner".parse::<Kind>(),
            Ok(Kind::ReferralPartner)
        );
        for k in Kind::ALL {
            assert_eq!(k.id().parse::<Kind>(), Ok(k));
        }
    }

    #[test]
    fn stage_neighbours() {
        assert_eq!(Stage::Casual.prev(), None);
        assert_eq!(Stage::Casual.next(), Some(Stage::Dm));
        assert_eq!(Stage::Meet.next(), None);
        assert_eq!(Stage::Meet.prev(), Some(Stage::Phone));
    }

    #[test]
    fn channels_parse() {
        for c in Channel::ALL {
            assert_eq!(c.id().parse::<Channel>(), Ok(c));
        }
        assert_eq!("them".parse::<Who>(), Ok(Who::Them));
        assert!("you".parse::<Who>().is_err());
    }
}
