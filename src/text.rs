//! Text that is safe and measured for a terminal: control characters made visible, widths
//! by display columns (CJK and emoji are two wide), never by bytes.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// True for characters that must never reach a terminal raw: C0/C1 controls, DEL, and the
/// bidirectional overrides and isolates that can disguise text.
fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters that take no room but that terminals do not agree on: zero-width spaces and
/// joiners, the byte-order mark, variation selectors, the soft hyphen. One terminal draws a
/// joined emoji or a selector as one cell, another as two, and every column after it would
/// shift against the borders; shown text leaves them out, so its width is the same for
/// rapport and every terminal. (Combining accents stay: terminals agree on those.)
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// `s` without the invisible characters of `is_invisible` (for text edited in place, which
/// must measure the same for rapport and the terminal).
pub fn without_invisible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_invisible) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|c| !is_invisible(*c)).collect())
}

/// Replaces control characters with visible stand-ins (␛ for ESC, ␤ for a newline…), so
/// text from a file or an import cannot move the cursor, change the title or ring the bell;
/// and leaves out the invisible characters terminals measure differently (`is_invisible`).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_hostile(c) || is_invisible(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|c| !is_invisible(*c))
            .map(visible)
            .collect(),
    )
}

/// Like `sanitize`, but keeps newlines (for multi-line notes shown as several lines).
pub fn sanitize_multiline(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| (c != '\n' && is_hostile(c)) || is_invisible(c))
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter(|c| !is_invisible(*c))
            .map(|c| if c == '\n' { c } else { visible(c) })
            .collect(),
    )
}

/// What a command prints to a terminal: like `sanitize`, keeping newlines and tabs. Output
/// to a pipe or a file is left exact.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| !matches!(c, '\n' | '\t') && is_hostile(c))
    {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if matches!(c, '\n' | '\t') {
                    c
                } else {
                    visible(c)
                }
            })
            .collect(),
    )
}

fn visible(c: char) -> char {
    match c {
        '\n' => '␤',
        '\t' => ' ',
        // The Control Pictures block mirrors C0: U+2400 + code.
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('�'),
        '\u{7f}' => '␡',
        c if is_hostile(c) => '�',
        c => c,
    }
}

/// The sentence with its first letter upper-cased.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Trims each value and drops empty ones and repeats, keeping the first order.
pub fn clean_list(values: impl IntoIterator<Item = impl AsRef<str>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let v = v.as_ref().trim();
        if !v.is_empty() && !out.iter().any(|o| o == v) {
            out.push(v.to_string());
        }
    }
    // Kept exact: a board holds one of these per contact and field, and growth would
    // leave room for four.
    out.shrink_to_fit();
    out
}

/// Text folded for matching what a person typed: lower case, accents dropped ("José" and
/// "jose" are the same), so a name can be found from a keyboard without them.
pub fn fold(s: &str) -> String {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Line breaks as `\n` only: `\r\n` (Windows) and a lone `\r` (what many terminals send
/// for Enter in a paste) become `\n`.
pub fn unix_newlines(s: &str) -> Cow<'_, str> {
    if !s.contains('\r') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending in "…" when something was cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// Pads with spaces to exactly `w` columns (after truncating).
pub fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let n = w.saturating_sub(width(&t));
    let mut out = String::with_capacity(t.len() + n);
    out.push_str(&t);
    out.extend(std::iter::repeat_n(' ', n));
    out
}

/// Case-insensitive substring test; `needle` must already be lower case.
pub fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    if haystack.is_ascii() && needle.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle.as_bytes());
        if n.is_empty() {
            return true;
        }
        return h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    haystack.to_lowercase().contains(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_visible() {
        assert_eq!(sanitize("plain"), "plain");
        assert_eq!(sanitize("a\x1b]0;pwned\x07b"), "a␛]0;pwned␇b");
        assert_eq!(sanitize("x\u{9b}31m"), "x�31m");
        assert_eq!(sanitize("\u{202E}evil"), "�evil");
        assert_eq!(sanitize("nul\0"), "nul␀");
        assert_eq!(sanitize("two\nlines"), "two␤lines");
        assert_eq!(sanitize_multiline("two\nlines\x1b"), "two\nlines␛");
    }

    #[test]
    fn invisible_characters_are_left_out_of_shown_text() {
        assert_eq!(sanitize("Zero\u{200B}Width"), "ZeroWidth");
        assert_eq!(sanitize("\u{FEFF}Bom"), "Bom");
        assert_eq!(sanitize("❤\u{FE0F} soft\u{00AD}hyphen"), "❤ softhyphen");
        assert_eq!(sanitize("👩\u{200D}💻"), "👩💻");
        assert_eq!(width(&sanitize("👩\u{200D}💻")), 4);
        assert_eq!(sanitize_multiline("a\u{200B}\nb"), "a\nb");
        // Combining accents stay: "é" written as e + U+0301.
        assert_eq!(sanitize("e\u{301}"), "e\u{301}");
    }

    #[test]
    fn lists_are_trimmed_and_deduplicated_in_order() {
        assert_eq!(clean_list([" b ", "", "a", "b", "  "]), ["b", "a"]);
    }

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello", 4), "hel…");
        assert_eq!(truncate("김민준", 4), "김…");
        assert_eq!(width(&truncate("김민준", 5)), 5);
        assert_eq!(truncate("😀😀😀", 3), "😀…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(pad("김", 4), "김  ");
        assert_eq!(pad("abcdef", 3), "ab…");
    }
}
