//! One-line prompts about the contacts in front (archive with a reason, pause until a
//! date, tag, follow up), for one contact or every marked card, as one undo step.

use super::archive::archive;
use super::forms::text_edit;
use super::input::TextInput;
use super::marks::{change_many, targets};
use super::triage::triage_decided;
use super::{Action, App, Effect, Mode};
use crate::dates::{self, Due};
use crate::model::{ARCHIVE_REASONS, ContactId};

/// What a one-line prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Archive,
    Pause,
    Tag,
    FollowUp,
}

impl PromptKind {
    /// The prompt's title, about `who` ("Ana", "5 marked").
    pub fn title(self, who: &str) -> String {
        match self {
            PromptKind::Archive => format!("Archive {who}"),
            PromptKind::Pause => format!("Pause {who} until"),
            PromptKind::Tag => format!("Tag {who}"),
            PromptKind::FollowUp => format!("Follow up with {who}"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PromptKind::Archive => "Reason",
            PromptKind::Tag => "Tag",
            PromptKind::Pause | PromptKind::FollowUp => "Date",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            PromptKind::Archive => "1 not a fit · 2 went cold · 3 moved on · or your own words",
            PromptKind::Pause => "YYYY-MM-DD, +3m, next month, mon…sun; empty ends the pause",
            PromptKind::Tag => "one tag, added to each",
            PromptKind::FollowUp => {
                "YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, mon…sun; empty clears"
            }
        }
    }
}

/// A one-line prompt about one contact or several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub ids: Vec<ContactId>,
    /// Who it is about, for the title: a name, or "5 marked".
    pub who: String,
    pub input: TextInput,
    pub error: Option<String>,
}

/// Opens a prompt about the contacts in front.
pub(super) fn open_prompt(app: &mut App, kind: PromptKind) -> Vec<Effect> {
    let Some((ids, who)) = targets(app) else {
        return vec![];
    };
    let current = match (kind, ids.as_slice()) {
        (PromptKind::Pause, [id]) => app
            .board
            .get(id)
            .and_then(|c| c.paused_until)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        _ => String::new(),
    };
    app.mode = Mode::Prompt(Box::new(Prompt {
        kind,
        ids,
        who,
        input: TextInput::prefilled(current),
        error: None,
    }));
    vec![]
}

pub(super) fn prompt_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::Prompt(p) = &mut app.mode else {
        return vec![];
    };
    match action {
        Action::Cancel => {
            app.mode = app.base_mode();
            if let Some(r) = &mut app.review {
                r.pending = None;
            }
        }
        Action::Submit => return submit_prompt(app),
        other => {
            text_edit(&mut p.input, &other);
            p.error = None;
        }
    }
    vec![]
}

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_string()
    } else {
        format!("{n} {many}")
    }
}

fn submit_prompt(app: &mut App) -> Vec<Effect> {
    let Mode::Prompt(p) = &mut app.mode else {
        return vec![];
    };
    let today = app.today;
    let text = p.input.value().trim().to_string();
    let kind = p.kind;
    let (ids, who) = (p.ids.clone(), p.who.clone());
    let fail = |p: &mut Prompt, e: String| {
        p.error = Some(e);
        vec![]
    };
    let fx = match kind {
        PromptKind::Archive => {
            let reason = match text.as_str() {
                "1" | "2" | "3" => {
                    ARCHIVE_REASONS[usize::from(text.as_bytes()[0] - b'1')].to_string()
                }
                _ => text,
            };
            app.mode = app.base_mode();
            let fx = archive(app, &ids, &who, reason);
            triage_decided(app, fx, false)
        }
        PromptKind::Pause => {
            let day = match dates::parse_date(&text, today) {
                Err(e) => return fail(p, crate::text::capitalised(&e.to_string())),
                Ok(Some(d)) if d <= today => {
                    return fail(
                        p,
                        "Pick a day after today; empty ends the pause.".to_string(),
                    );
                }
                Ok(day) => day,
            };
            app.mode = app.base_mode();
            let fx = change_many(app, &ids, format!("pause {who}"), |c| c.paused_until = day);
            match day {
                _ if fx.is_empty() => app.say("No change."),
                Some(d) => app.say(format!(
                    "Paused {who} until {} ({}) · {}",
                    dates::day_words(d, today),
                    Due::of(d, today),
                    app.undo_hint()
                )),
                None => app.say(format!("Ended the pause of {who} · {}", app.undo_hint())),
            }
            fx
        }
        PromptKind::Tag => {
            let tag = text.trim_start_matches('#').trim().to_string();
            if tag.is_empty() {
                return fail(p, "Type a tag.".to_string());
            }
            app.mode = app.base_mode();
            let fx = change_many(app, &ids, format!("tag {who} {tag}"), |c| {
                if !c.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                    c.tags.push(tag.clone());
                }
            });
            app.say(if fx.is_empty() {
                "No change.".to_string()
            } else {
                format!("Tagged {who} {tag} · {}", app.undo_hint())
            });
            fx
        }
        PromptKind::FollowUp => {
            let day = match dates::parse_date(&text, today) {
                Err(e) => return fail(p, crate::text::capitalised(&e.to_string())),
                Ok(day) => day,
            };
            app.mode = app.base_mode();
            let fx = change_many(app, &ids, format!("follow-up for {who}"), |c| {
                c.next_follow_up = day
            });
            match day {
                _ if fx.is_empty() => app.say("No change."),
                Some(d) => app.say(format!(
                    "Follow up with {who} on {} · {}",
                    dates::day_words(d, today),
                    app.undo_hint()
                )),
                None => app.say(format!(
                    "Cleared the follow-up for {who} · {}",
                    app.undo_hint()
                )),
            }
            fx
        }
    };
    if !fx.is_empty() && ids.len() > 1 {
        app.marks.clear();
    }
    super::review::follow_through(app, fx)
}
