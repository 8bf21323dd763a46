//! Escaping of untrusted text for every output stancer writes: a terminal,
//! a CSV cell, an HTML page.
//!
//! Statement text, ids, actor names, manifest fields and gold quotes all come
//! from files a user may have downloaded. Wherever they land, they must be
//! shown as text and never act:
//!
//! * **terminal** ([`sanitize`], [`sanitize_lines`], [`clean`]): escape
//!   sequences, control characters and bidirectional overrides are removed, so
//!   a statement cannot move the cursor, recolour, retitle the terminal or
//!   make displayed text read differently from what it is;
//! * **CSV** ([`csv_cell`]): a cell that a spreadsheet would run as a formula
//!   gets a leading `'`;
//! * **HTML** ([`html`], [`Html`], [`script_json`]): the five characters that
//!   could open a tag, an entity or leave an attribute value are written as
//!   entities, and JSON embedded in a `<script>` element cannot close it.
//!
//! ```
//! use stancer::escape::{csv_cell, html, sanitize};
//!
//! assert_eq!(sanitize("a\x1b[31mred"), "ared");
//! assert_eq!(csv_cell("=SUM(A1)", true), "'=SUM(A1)");
//! assert_eq!(html("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
//! ```

use std::fmt;

// ---------------------------------------------------------------------------
// Terminal
// ---------------------------------------------------------------------------

/// Removes from `text` everything that could act on a terminal instead of
/// being displayed: ANSI escape sequences (CSI such as `ESC [ 31 m`, OSC such
/// as `ESC ] 0 ; title BEL`, DCS / SOS / PM / APC strings, and two- or
/// three-byte escapes), their 8-bit C1 forms, every other control character,
/// and the bidirectional embedding, override, isolate and mark characters
/// (which can make displayed text read differently from what it is).
///
/// Tabs, line breaks, form feeds and the Unicode line and paragraph
/// separators become a space; nothing else is added. A string sequence (OSC
/// and the like) that is never terminated runs to the end of the text, as it
/// would on a terminal.
///
/// ```
/// use stancer::escape::sanitize;
/// assert_eq!(sanitize("a\x1b[31mred\x1b[0m\tb\x07"), "ared b");
/// assert_eq!(sanitize("x\x1b]0;pwned\x07y"), "xy");
/// ```
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                out.push(' ')
            }
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// [`sanitize`] line by line, keeping the line breaks: for tables and
/// reports whose cells come from statements or ids.
pub fn sanitize_lines(text: &str) -> String {
    text.split('\n')
        .map(sanitize)
        .collect::<Vec<_>>()
        .join("\n")
}

/// [`sanitize`], with runs of white space collapsed to one space and the ends
/// trimmed: how a sentence or a phrase is shown.
///
/// ```
/// assert_eq!(stancer::escape::clean("  not\n\n legally\tbinding "), "not legally binding");
/// ```
pub fn clean(text: &str) -> String {
    collapse_whitespace(&sanitize(text)).trim().to_string()
}

/// Collapses every run of white space to one space (the ends are kept, as one
/// space each).
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(&mut out, text, &mut false);
    out
}

/// Appends `text` to `out` with every run of white space as one space;
/// `space` says whether what was appended before ended in one (a run that
/// goes on across calls stays one space), and is updated.
pub fn push_collapsed(out: &mut String, text: &str, space: &mut bool) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !*space {
                out.push(' ');
            }
            *space = true;
        } else {
            out.push(c);
            *space = false;
        }
    }
}

/// The bidirectional embedding, override, isolate and mark characters.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC.
fn skip_escape(chars: &mut Chars) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        // nF escapes: intermediate bytes, then one final byte (`ESC ( B`).
        Some('\x20'..='\x2f') => {
            while chars.next_if(|c| ('\x20'..='\x2f').contains(c)).is_some() {}
            chars.next_if(|c| ('\x30'..='\x7e').contains(c));
        }
        // Fp, Fe and Fs escapes: one final byte (`ESC 7`, `ESC c`).
        Some('\x30'..='\x7e') => {
            chars.next();
        }
        _ => {}
    }
}

/// Skips the parameter, intermediate and final bytes of a control sequence.
fn skip_csi(chars: &mut Chars) {
    while chars.next_if(|c| ('\x20'..='\x3f').contains(c)).is_some() {}
    chars.next_if(|c| ('\x40'..='\x7e').contains(c));
}

/// Skips a control string up to and including its terminator (BEL, ST or `ESC \`).
fn skip_string(chars: &mut Chars) {
    while let Some(c) = chars.next() {
        match c {
            '\x07' | '\u{9c}' => return,
            '\x1b' if chars.next_if_eq(&'\\').is_some() => return,
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

/// A CSV cell; with `safe`, a cell that a spreadsheet would run as a formula
/// (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
/// leading `'`.
///
/// ```
/// use stancer::escape::csv_cell;
/// assert_eq!(csv_cell("@SUM(A1:A9)", true), "'@SUM(A1:A9)");
/// assert_eq!(csv_cell("@SUM(A1:A9)", false), "@SUM(A1:A9)");
/// assert_eq!(csv_cell("support", true), "support");
/// ```
pub fn csv_cell(s: &str, safe: bool) -> String {
    if safe && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

// ---------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------

/// `text` for HTML, in element content or in a quoted attribute value:
/// `&`, `<`, `>`, `"` and `'` become entities, so no tag, entity, comment or
/// attribute can be opened or closed by it; control characters other than
/// tab and line breaks, and the bidirectional override characters, are
/// dropped (as for the terminal). A `javascript:` URL, a `<script>` or an
/// `onerror=` inside `text` therefore stays visible text.
///
/// ```
/// use stancer::escape::html;
/// assert_eq!(html(r#"<img src=x onerror="go()">"#), "&lt;img src=x onerror=&quot;go()&quot;&gt;");
/// assert_eq!(html("</style> & co"), "&lt;/style&gt; &amp; co");
/// assert_eq!(html("a\u{202e}b\x07c"), "abc");
/// ```
pub fn html(text: &str) -> String {
    Html(text).to_string()
}

/// Writes its string escaped as [`html`] does, for `format!` and `write!`.
///
/// ```
/// use stancer::escape::Html;
/// assert_eq!(format!("<td>{}</td>", Html("a<b")), "<td>a&lt;b</td>");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Html<'a>(pub &'a str);

impl fmt::Display for Html<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let mut last = 0;
        for (i, c) in text.char_indices() {
            let rep = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' | '\n' | '\r' => continue,
                c if c.is_control() || is_bidi_control(c) => "",
                _ => continue,
            };
            f.write_str(&text[last..i])?;
            f.write_str(rep)?;
            last = i + c.len_utf8();
        }
        f.write_str(&text[last..])
    }
}

/// JSON text made safe to embed in an HTML `<script>` element (of type
/// `application/json`, read back with `JSON.parse`): `<`, `>` and `&` are
/// written as `\u003c`, `\u003e` and `\u0026`, so `</script>` or `<!--`
/// inside a string cannot end the element, and U+2028 and U+2029 as escapes
/// too. The result is still valid JSON with the same value.
///
/// ```
/// use stancer::escape::script_json;
/// let json = r#"{"text":"</script><script>alert(1)</script>"}"#;
/// let safe = script_json(json);
/// assert!(!safe.contains('<'));
/// let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
/// assert_eq!(back["text"], "</script><script>alert(1)</script>");
/// ```
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_strips_escape_sequences() {
        for (input, want) in [
            ("plain text", "plain text"),
            ("\x1b[31mred\x1b[0m", "red"),
            ("\x1b[1;38;5;196mbold\x1b[m", "bold"),
            ("a\x1b[2Jb\x1b[Hc", "abc"),
            ("a\x1b]0;pwned\x07b", "ab"),
            ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),
            ("a\x1bPq#0;2\x1b\\b", "ab"),
            ("a\x1b(Bb\x1b7c\x1bcd", "abcd"),
            ("a\u{9b}31mb", "ab"),
            ("a\u{9d}title\u{9c}b", "ab"),
            ("tab\there\r\nline", "tab here  line"),
            ("bell\x07 nul\0 del\x7f", "bell nul del"),
            ("rtl \u{202e}evil\u{202c} \u{2066}x\u{2069}", "rtl evil x"),
            ("trailing esc\x1b", "trailing esc"),
            ("unterminated \x1b]0;title", "unterminated "),
            ("Contrôle «humain» ✓", "Contrôle «humain» ✓"),
        ] {
            assert_eq!(sanitize(input), want, "{input:?}");
            assert!(!sanitize(input).chars().any(|c| c.is_control()));
        }
    }

    #[test]
    fn clean_collapses_and_trims() {
        assert_eq!(clean("\n  a \x1b[1m b\n\nc  "), "a b c");
    }

    #[test]
    fn csv_cells() {
        for lead in ["=", "+", "-", "@", "\t", "\r"] {
            assert_eq!(csv_cell(&format!("{lead}1"), true), format!("'{lead}1"));
            assert_eq!(csv_cell(&format!("{lead}1"), false), format!("{lead}1"));
        }
        assert_eq!(csv_cell("a=1", true), "a=1");
        assert_eq!(csv_cell("", true), "");
    }

    #[test]
    fn html_escapes_markup_and_drops_controls() {
        for (input, want) in [
            ("plain", "plain"),
            ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
            (
                "<img src=x onerror=alert(1)>",
                "&lt;img src=x onerror=alert(1)&gt;",
            ),
            ("</style>", "&lt;/style&gt;"),
            (
                "<a href=\"javascript:alert(1)\">x</a>",
                "&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;",
            ),
            ("' onmouseover='x", "&#39; onmouseover=&#39;x"),
            ("&lt;", "&amp;lt;"),
            ("<!-- -->", "&lt;!-- --&gt;"),
            ("a\0b\x1b[31mc", "ab[31mc"),
            ("line\nbreak\ttab", "line\nbreak\ttab"),
            ("Contrôle «humain» ✓", "Contrôle «humain» ✓"),
        ] {
            let got = html(input);
            assert_eq!(got, want, "{input:?}");
            assert!(!got.contains(['<', '>', '"', '\'']), "{got}");
        }
    }

    #[test]
    fn script_json_cannot_close_the_element() {
        let value = serde_json::json!({
            "a": "</script><script>alert(1)</script>",
            "b": "<!-- \u{2028}\u{2029} & >",
        });
        let safe = script_json(&value.to_string());
        assert!(
            !safe.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
