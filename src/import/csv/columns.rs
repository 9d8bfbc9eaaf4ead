//! Which detail each column holds: the table of known headers (by their exact, normalised
//! names), what the whole header row says about reading some of them, `--map`, and what
//! the row tells of the program that wrote the file.

use crate::import::Options;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// rapport's own id (only in rapport's export).
    Id,
    /// The id in the program that wrote the file.
    SourceId,
    Name,
    First,
    Middle,
    Last,
    Email,
    Phone,
    Company,
    /// The job title.
    Position,
    Notes,
    Tags,
    /// A handle, a profile link or a website.
    Handle,
    /// A Twitter/X user name, with or without `@`.
    Twitter,
    Stage,
    Kinds,
    FollowUp,
    Created,
    /// The day you met or connected ("Connected On").
    Met,
    /// rapport's export: the contact's own cadence.
    Cadence,
    /// rapport's export: the interactions, one `at channel from note` per entry.
    Interactions,
    /// rapport's export: the stage history, one `stage at` per entry.
    StageHistory,
    /// Known, and deliberately not imported (derived values in rapport's export).
    Ignore,
}

/// The names `--map` accepts for each column kind.
const MAP_FIELDS: &[(&str, Column)] = &[
    ("name", Column::Name),
    ("first_name", Column::First),
    ("middle_name", Column::Middle),
    ("last_name", Column::Last),
    ("email", Column::Email),
    ("phone", Column::Phone),
    ("company", Column::Company),
    ("title", Column::Position),
    ("notes", Column::Notes),
    ("tags", Column::Tags),
    ("handle", Column::Handle),
    ("website", Column::Handle),
    ("twitter", Column::Twitter),
    ("stage", Column::Stage),
    ("kinds", Column::Kinds),
    ("follow_up", Column::FollowUp),
    ("met", Column::Met),
    ("source_id", Column::SourceId),
    ("ignore", Column::Ignore),
];

/// Why a `--map` option cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    #[error("--map needs 'Column Name=field', got \"{0}\"")]
    Shape(String),
    #[error("--map: \"{0}\" is not a field rapport knows; use one of {1}")]
    Field(String, String),
}

/// Reads one `--map 'Column Name=field'`.
pub fn parse_map(s: &str) -> Result<(String, Column), MapError> {
    let (header, field) = s
        .rsplit_once('=')
        .ok_or_else(|| MapError::Shape(s.into()))?;
    let header = header.trim();
    if header.is_empty() {
        return Err(MapError::Shape(s.into()));
    }
    let want = field.trim().to_lowercase().replace(['-', ' '], "_");
    MAP_FIELDS
        .iter()
        .find(|(name, _)| *name == want)
        .map(|(_, c)| (header.to_string(), *c))
        .ok_or_else(|| {
            let names: Vec<&str> = MAP_FIELDS.iter().map(|(n, _)| *n).collect();
            MapError::Field(field.trim().into(), names.join(", "))
        })
}

/// A header as the table spells it: lower case, letters and digits only.
pub(super) fn normalise(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Without digits: "E-mail 2 Address", "Phone 1 - Value", "Web Page 2" are one family each.
pub(super) fn family(normalised: &str) -> String {
    normalised.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// What the whole header row says about how to read some names.
#[derive(Debug, Default)]
pub(super) struct HeaderContext {
    pub(super) rapport: bool,
    /// The file has a job-title column, so "Title" is Mr./Ms. (Outlook).
    has_job_title: bool,
    /// French "Prénom" beside "Nom": "Nom" is the family name.
    has_prenom: bool,
    /// Spanish "Apellidos" beside "Nombre": "Nombre" is the given name.
    has_apellidos: bool,
}

impl HeaderContext {
    pub(super) fn new(headers: &[String]) -> HeaderContext {
        let f: Vec<String> = headers.iter().map(|h| family(&normalise(h))).collect();
        let has = |s: &str| f.iter().any(|x| x == s);
        HeaderContext {
            rapport: has("id") && has("stage") && has("interactions") && has("cadencedays"),
            has_job_title: [
                "jobtitle",
                "position",
                "organizationtitle",
                "fonction",
                "puesto",
                "cargo",
            ]
            .iter()
            .any(|s| has(s)),
            has_prenom: has("prénom") || has("prenom"),
            has_apellidos: has("apellidos") || has("apellido"),
        }
    }
}

/// The column a header names, by its exact (normalised) name.
fn column(header: &str, cx: &HeaderContext) -> Option<Column> {
    let h = family(&normalise(header));
    if cx.rapport {
        match h.as_str() {
            "id" => return Some(Column::Id),
            "sourceid" => return Some(Column::SourceId),
            "created" => return Some(Column::Created),
            "owncadencedays" => return Some(Column::Cadence),
            "interactionlog" => return Some(Column::Interactions),
            "stagehistory" => return Some(Column::StageHistory),
            "lastcontact" | "due" | "cadencedays" | "interactions" => {
                return Some(Column::Ignore);
            }
            _ => {}
        }
    }
    let c = match h.as_str() {
        "id" | "uid" | "recordid" | "contactid" | "externalid" | "personid" | "leadid" => {
            Column::SourceId
        }
        "name" | "fullname" | "displayname" | "contact" | "contactname" | "anzeigename"
        | "nomcomplet" | "nombrecompleto" => Column::Name,
        "nom" if !cx.has_prenom => Column::Name,
        "nombre" if !cx.has_apellidos => Column::Name,
        "firstname" | "givenname" | "first" | "forename" | "vorname" | "prénom" | "prenom"
        | "nombre" => Column::First,
        "middlename" | "additionalname" | "middle" | "weiterevornamen" | "deuxièmeprénom"
        | "segundonombre" => Column::Middle,
        "lastname" | "familyname" | "surname" | "last" | "nachname" | "nom" | "apellidos"
        | "apellido" => Column::Last,
        "email"
        | "emails"
        | "mail"
        | "emailaddress"
        | "emailvalue"
        | "primaryemail"
        | "secondaryemail"
        | "workemail"
        | "homeemail"
        | "personalemail"
        | "businessemail"
        | "otheremail"
        | "emailadresse"
        | "adressedemessagerie"
        | "courriel"
        | "adresseemail"
        | "direccióndecorreoelectrónico"
        | "correoelectrónico"
        | "correo" => Column::Email,
        "phone"
        | "phones"
        | "phonenumber"
        | "phonevalue"
        | "telephone"
        | "tel"
        | "mobile"
        | "mobilephone"
        | "mobilephonenumber"
        | "mobilenumber"
        | "cell"
        | "cellphone"
        | "homephone"
        | "businessphone"
        | "workphone"
        | "otherphone"
        | "primaryphone"
        | "carphone"
        | "companymainphone"
        | "radiophone"
        | "telefon"
        | "telefongeschäftlich"
        | "telefonprivat"
        | "mobiltelefon"
        | "weiterestelefon"
        | "haupttelefon"
        | "telefonfirma"
        | "autotelefon"
        | "téléphone"
        | "téléphonebureau"
        | "téléphonedomicile"
        | "télmobile"
        | "téléphonemobile"
        | "téléphoneautre"
        | "téléphoneprincipal"
        | "téléphonesociété"
        | "téléphonevoiture"
        | "teléfono"
        | "teléfonodeltrabajo"
        | "teléfonoparticular"
        | "particular"
        | "móvil"
        | "teléfonomóvil"
        | "otroteléfono"
        | "teléfonoprincipal"
        | "teléfonodelautomóvil" => Column::Phone,
        "company" | "companyname" | "organization" | "organisation" | "org"
        | "organizationname" | "employer" | "accountname" | "associatedcompany" | "firma"
        | "unternehmen" | "société" | "entreprise" | "organización" | "empresa" => {
            Column::Company
        }
        "title" if !cx.has_job_title => Column::Position,
        "position" | "jobtitle" | "organizationtitle" | "role" | "fonction" | "puesto"
        | "cargo" => Column::Position,
        "notes" | "note" | "comment" | "comments" | "description" | "notizen" | "notas"
        | "bemerkungen" => Column::Notes,
        "tags" | "tag" | "categories" | "labels" | "groupmembership" | "groups" | "kategorien"
        | "catégories" | "categorías" => Column::Tags,
        "handle" | "handles" | "linkedin" | "linkedinurl" | "linkedinprofile" | "url"
        | "website" | "websites" | "websiteurl" | "websitevalue" | "webpage"
        | "personalwebpage" | "homepage" | "profile" | "profileurl" | "instagram" | "mastodon"
        | "bluesky" | "github" | "webseite" | "pageweb" | "siteweb" | "páginaweb" | "sitioweb" => {
            Column::Handle
        }
        "twitter" | "twitterusername" | "twitterhandle" | "x" => Column::Twitter,
        "stage" => Column::Stage,
        "kinds" | "kind" => Column::Kinds,
        "nextfollowup" | "followup" => Column::FollowUp,
        "connectedon" | "met" => Column::Met,
        _ => return None,
    };
    Some(c)
}

/// The columns of a header row: `--map` first (by the header as written, any case), then
/// the table.
pub(super) fn columns(headers: &[String], options: &Options) -> Vec<Option<Column>> {
    let cx = HeaderContext::new(headers);
    headers
        .iter()
        .map(|h| {
            options
                .map
                .iter()
                .find(|(name, _)| name.trim().eq_ignore_ascii_case(h.trim()))
                .map(|(_, c)| *c)
                .or_else(|| column(h, &cx))
        })
        .collect()
}

/// Whether a row is the header: it names a name column and another known one, or three
/// known ones (LinkedIn puts a few lines of notes above it).
pub(super) fn is_header(row: &::csv::StringRecord, options: &Options) -> Option<usize> {
    let headers: Vec<String> = row.iter().map(str::to_string).collect();
    let known: Vec<Column> = columns(&headers, options).into_iter().flatten().collect();
    let named = known
        .iter()
        .any(|c| matches!(c, Column::Name | Column::First | Column::Last));
    (named && known.len() >= 2 || known.len() >= 3).then_some(known.len())
}

pub(super) fn flavour(headers: &[String]) -> &'static str {
    let h: Vec<String> = headers.iter().map(|x| family(&normalise(x))).collect();
    let has = |s: &str| h.iter().any(|x| x == s);
    if HeaderContext::new(headers).rapport {
        "rapport export"
    } else if has("connectedon") {
        "LinkedIn connections"
    } else if has("emailvalue") || has("groupmembership") || has("labels") && has("phonevalue") {
        "Google Contacts"
    } else if has("mailingstreet") && has("contactowner") {
        "Zoho contacts"
    } else if has("mailingstreet") && has("accountname") {
        "Salesforce contacts"
    } else if has("recordid") || has("lifecyclestage") || has("associatedcompany") {
        "HubSpot contacts"
    } else if has("primaryemail") && (has("screenname") || has("workphone")) {
        "Thunderbird address book"
    } else if has("emailadresse") && has("vorname") {
        "Outlook contacts (German)"
    } else if has("adressedemessagerie") {
        "Outlook contacts (French)"
    } else if has("direccióndecorreoelectrónico") {
        "Outlook contacts (Spanish)"
    } else if has("emailaddress")
        && (has("mobilephone") || has("businessphone") || has("homephone"))
    {
        "Outlook contacts"
    } else {
        "CSV"
    }
}

/// A short, stable name for a header row: a source id is only matched within files that
/// have the same columns, so two unrelated sheets numbered 1, 2, 3 never meet; sheets with
/// the same columns meet only where the names agree (`identity::source_id_is_unique`
/// knows this form).
pub(super) fn scope(headers: &[String]) -> String {
    // FNV-1a: stable across runs and builds, unlike the standard hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in headers
        .iter()
        .map(|x| normalise(x))
        .collect::<Vec<_>>()
        .join(",")
        .bytes()
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("csv-{:08x}", h as u32)
}
