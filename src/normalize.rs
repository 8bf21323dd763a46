//! Folding: case, diacritics, punctuation and whitespace, with a map back to
//! the original byte offsets.
//!
//! Matching runs on a *folded* copy of each text: lower case, diacritics
//! removed (NFKD without combining marks), typographic quotes and dashes made
//! ASCII, hyphens and runs of white space collapsed to one space (two or more
//! line breaks become one `\n`, a paragraph break). Lexicon phrases are folded
//! by the same function, so `Legally-binding\ninstrument` matches the cue
//! `legally binding instrument`.
//!
//! Per script:
//!
//! * **Arabic**: harakat and other marks are dropped (they are combining
//!   marks), and so are tatweel (`ـ`) and the bidirectional controls (LRM, RLM,
//!   embeddings, isolates, the Arabic letter mark) wherever they stand; hamza on
//!   a carrier folds to the carrier (`أ إ آ` to `ا`, `ؤ` to `و`, `ئ` to `ي`),
//!   alef wasla to `ا`, alef maqsura `ى` to `ي`, ta marbuta `ة` to `ه`, the
//!   Persian forms of kaf and yeh to the Arabic ones; presentation forms (as
//!   `pdftotext` emits them) become their base letters (NFKD), lam-alef
//!   ligatures two letters; Arabic-Indic digits become ASCII digits and the
//!   Arabic comma, semicolon and question mark (`، ؛ ؟`) their ASCII
//!   counterparts, so that clauses and sentences end there.
//! * **Chinese**: full-width letters, digits and punctuation become ASCII
//!   (NFKD), `。` a full stop and `、` a comma, corner quotes plain quotes; the
//!   traditional characters of the Chinese lexicon's terms fold to their
//!   simplified forms ([`T2S`]); and since Chinese writes no spaces, every Han
//!   character is made a word of its own: a space is inserted between a Han
//!   character and a letter, digit or Han character next to it. Phrases are
//!   folded the same way, so `具有法律约束力` matches wherever it stands, and a
//!   pattern's gap `~N` counts characters.
//! * **Russian** (Cyrillic): lower case, `ё` folds to `е` (NFKD) while `й`
//!   stays itself; the quotation marks `«»` and `„“` become `"`.
//!
//! Folding changes lengths, so [`Folded`] keeps an [`OffsetMap`]: a sorted list
//! of the places where one original character became a folded string of another
//! length (or of several characters, as "ǅ" becomes "dz"), each repeated as many
//! times as the same change follows itself back to back (a run of Chinese
//! characters, each one space longer, is one entry). Between two such places the
//! offsets move in step, so the map is empty for plain ASCII text with single
//! spaces and costs nothing there.
//!
//! ASCII runs are copied in bulk; characters of two bytes (Latin with
//! diacritics, Cyrillic, Arabic) go through a table built once from the general
//! rules, and Han characters through a short path of their own: only the rest
//! take the general (decomposition) path.

use std::sync::OnceLock;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A folded text and the map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// Maps byte offsets of [`Folded::text`] to byte offsets of the original.
    pub map: OffsetMap,
    /// Number of words (maximal runs of alphanumeric characters; every Han
    /// character is a word).
    pub words: usize,
}

/// Places where folding changed the length of the text, or made several
/// characters of one: `count` times, back to back, `orig_len` original bytes
/// became `folded_len` folded bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    folded: usize,
    folded_len: usize,
    orig: usize,
    orig_len: usize,
    count: usize,
    /// A dropped character that belongs to the one before it (a combining
    /// mark, tatweel): a range that ends there takes it in.
    sticky: bool,
}

/// Maps offsets in a folded text back to offsets in its original.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    spans: Vec<Span>,
}

impl OffsetMap {
    /// The original offset of the folded offset `pos` taken as the *start* of a
    /// range: a position inside a folded expansion maps to the start of the
    /// original character.
    pub fn start(&self, pos: usize) -> usize {
        self.map(pos, false)
    }

    /// The original offset of the folded offset `pos` taken as the *end* of a
    /// range: a position inside a folded expansion maps to the end of the
    /// original character.
    pub fn end(&self, pos: usize) -> usize {
        self.map(pos, true)
    }

    fn map(&self, pos: usize, end: bool) -> usize {
        // A start is mapped after the characters dropped where it stands, an
        // end before them, but after the marks of its last letter: a range
        // never takes in an invisible control character at its edges.
        let idx = if end {
            let mut idx = self.spans.partition_point(|s| s.folded < pos);
            while self
                .spans
                .get(idx)
                .is_some_and(|s| s.folded == pos && s.folded_len == 0 && s.sticky)
            {
                idx += 1;
            }
            idx
        } else {
            self.spans.partition_point(|s| s.folded <= pos)
        };
        if idx == 0 {
            return pos;
        }
        let s = self.spans[idx - 1];
        let total = s.folded_len * s.count;
        if pos < s.folded + total {
            // Inside unit `k` of the run, `r` bytes into it.
            let d = pos - s.folded;
            let (k, r) = (d / s.folded_len, d % s.folded_len);
            let unit = s.orig + k * s.orig_len;
            if r == 0 || !end {
                unit
            } else {
                unit + s.orig_len
            }
        } else {
            s.orig + s.orig_len * s.count + (pos - s.folded - total)
        }
    }

    /// Whether folding kept every offset (the map is the identity).
    pub fn is_identity(&self) -> bool {
        self.spans.is_empty()
    }

    /// Records that `orig_len` bytes at `orig` became `folded_len` bytes at
    /// `folded`; a change of the same shape right after the last one extends
    /// its run.
    fn push(&mut self, folded: usize, folded_len: usize, orig: usize, orig_len: usize) {
        self.push_span(folded, folded_len, orig, orig_len, false);
    }

    /// Records a dropped character (`sticky`: it belongs to the one before).
    fn push_drop(&mut self, folded: usize, orig: usize, orig_len: usize, sticky: bool) {
        self.push_span(folded, 0, orig, orig_len, sticky);
    }

    fn push_span(
        &mut self,
        folded: usize,
        folded_len: usize,
        orig: usize,
        orig_len: usize,
        sticky: bool,
    ) {
        if folded_len > 0 {
            if let Some(l) = self.spans.last_mut() {
                if l.folded_len == folded_len
                    && l.orig_len == orig_len
                    && l.folded + l.folded_len * l.count == folded
                    && l.orig + l.orig_len * l.count == orig
                {
                    l.count += 1;
                    return;
                }
            }
        }
        self.spans.push(Span {
            folded,
            folded_len,
            orig,
            orig_len,
            count: 1,
            sticky,
        });
    }
}

const COPY: u8 = 0;
const SPACE: u8 = 1;
const NEWLINE: u8 = 2;
const OTHER: u8 = 3;

/// Byte class of every ASCII byte; bytes >= 0x80 start non-ASCII characters.
const CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = COPY;
        b += 1;
    }
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[0x0b] = SPACE;
    t[0x0c] = SPACE;
    t[b'-' as usize] = SPACE;
    t[b'\n' as usize] = NEWLINE;
    t
};

/// What a non-ASCII character folds to.
enum CharFold {
    /// White space or a dash: part of a separator run (`true` for a paragraph separator).
    Separator(bool),
    /// Dropped (soft hyphen, zero-width and bidirectional controls, tatweel,
    /// combining marks).
    Drop,
    /// Replaced by a string.
    Text,
}

fn classify_char(c: char) -> CharFold {
    match c {
        '\u{2029}' => CharFold::Separator(true),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => {
            CharFold::Separator(false)
        }
        // Soft hyphen, zero-width characters, bidirectional marks, embeddings,
        // overrides and isolates, the Arabic letter mark, invisible operators,
        // tatweel, the byte order mark.
        '\u{00ad}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061c}'
        | '\u{0640}'
        | '\u{feff}' => CharFold::Drop,
        c if c.is_whitespace() => CharFold::Separator(false),
        c if is_combining_mark(c) => CharFold::Drop,
        _ => CharFold::Text,
    }
}

fn push_folded_char(c: char, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{00b4}' | '`' => {
            out.push('\'')
        }
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{00ab}' | '\u{00bb}'
        | '\u{2033}' => out.push('"'),
        // `й` is a letter of its own in Russian, not `и` with a breve.
        '\u{0439}' | '\u{0419}' => out.push('\u{0439}'),
        _ => decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                if d.is_ascii() {
                    out.push(d.to_ascii_lowercase());
                } else if let Some(s) = script_fold(d) {
                    out.push(s);
                } else {
                    out.extend(d.to_lowercase());
                }
            }
        }),
    }
}

/// Folds of single (decomposed) characters beyond case and marks: Arabic
/// letter variants, digits and punctuation, CJK punctuation, traditional
/// Chinese characters.
fn script_fold(c: char) -> Option<char> {
    Some(match c {
        '\u{0649}' | '\u{06cc}' => '\u{064a}', // alef maqsura, Farsi yeh → yeh
        '\u{0629}' => '\u{0647}',              // ta marbuta → heh
        '\u{0671}' => '\u{0627}',              // alef wasla → alef
        '\u{06a9}' => '\u{0643}',              // keheh → kaf
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06f0}'..='\u{06f9}' => char::from(b'0' + (c as u32 - 0x06f0) as u8),
        '\u{060c}' | '\u{066c}' | '\u{3001}' => ',', // Arabic comma, thousands separator, 、
        '\u{061b}' => ';',
        '\u{061f}' => '?',
        '\u{06d4}' | '\u{066b}' | '\u{3002}' => '.', // Arabic full stop, decimal separator, 。
        '\u{066a}' => '%',
        '\u{300c}' | '\u{300d}' | '\u{300e}' | '\u{300f}' => '"', // 「」『』
        c if is_han(c) => match T2S.binary_search_by_key(&c, |&(t, _)| t) {
            Ok(i) => T2S[i].1,
            Err(_) => return None,
        },
        _ => return None,
    })
}

/// Whether a dropped character belongs to the character before it.
fn sticks(c: char) -> bool {
    c == '\u{0640}' || is_combining_mark(c)
}

/// Whether `c` is a Han (CJK ideograph) character: a word of its own.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x2fa1f)
}

/// Traditional Chinese characters of the terms of `lexicons/laws-zh.toml`
/// with their simplified forms, sorted by the traditional character. Only
/// characters whose two forms differ are listed; a cue written in simplified
/// characters then also matches a text in traditional ones.
#[rustfmt::skip]
pub const T2S: &[(char, char)] = &[
    ('並', '并'), ('乾', '干'), ('併', '并'), ('來', '来'), ('係', '系'), ('個', '个'), ('們', '们'), ('傷', '伤'),
    ('僅', '仅'), ('儘', '尽'), ('內', '内'), ('兩', '两'), ('則', '则'), ('創', '创'), ('動', '动'), ('務', '务'),
    ('勞', '劳'), ('勢', '势'), ('區', '区'), ('協', '协'), ('參', '参'), ('員', '员'), ('問', '问'), ('啓', '启'),
    ('啟', '启'), ('單', '单'), ('嚴', '严'), ('國', '国'), ('圍', '围'), ('團', '团'), ('堅', '坚'), ('報', '报'),
    ('場', '场'), ('壇', '坛'), ('壞', '坏'), ('夠', '够'), ('學', '学'), ('實', '实'), ('寬', '宽'), ('將', '将'),
    ('專', '专'), ('對', '对'), ('導', '导'), ('層', '层'), ('幫', '帮'), ('幹', '干'), ('張', '张'), ('強', '强'),
    ('彈', '弹'), ('後', '后'), ('從', '从'), ('復', '复'), ('徹', '彻'), ('態', '态'), ('慮', '虑'), ('應', '应'),
    ('懷', '怀'), ('損', '损'), ('擇', '择'), ('擊', '击'), ('據', '据'), ('擬', '拟'), ('擴', '扩'), ('敗', '败'),
    ('數', '数'), ('斷', '断'), ('於', '于'), ('時', '时'), ('暫', '暂'), ('書', '书'), ('會', '会'), ('條', '条'),
    ('極', '极'), ('標', '标'), ('樣', '样'), ('機', '机'), ('檯', '台'), ('權', '权'), ('歡', '欢'), ('殺', '杀'),
    ('氣', '气'), ('決', '决'), ('沒', '没'), ('沖', '冲'), ('況', '况'), ('測', '测'), ('準', '准'), ('漸', '渐'),
    ('潛', '潜'), ('濫', '滥'), ('為', '为'), ('無', '无'), ('煙', '烟'), ('爐', '炉'), ('爭', '争'), ('爲', '为'),
    ('獨', '独'), ('現', '现'), ('產', '产'), ('當', '当'), ('發', '发'), ('盡', '尽'), ('監', '监'), ('瞭', '了'),
    ('確', '确'), ('礎', '础'), ('礙', '碍'), ('祇', '只'), ('種', '种'), ('稱', '称'), ('積', '积'), ('穩', '稳'),
    ('竈', '灶'), ('範', '范'), ('籠', '笼'), ('籲', '吁'), ('約', '约'), ('紅', '红'), ('紐', '纽'), ('級', '级'),
    ('終', '终'), ('組', '组'), ('結', '结'), ('絕', '绝'), ('絡', '络'), ('給', '给'), ('統', '统'), ('經', '经'),
    ('網', '网'), ('緊', '紧'), ('線', '线'), ('締', '缔'), ('編', '编'), ('緩', '缓'), ('緻', '致'), ('縛', '缚'),
    ('繫', '系'), ('繼', '继'), ('續', '续'), ('纔', '才'), ('義', '义'), ('聯', '联'), ('聲', '声'), ('脫', '脱'),
    ('臺', '台'), ('與', '与'), ('興', '兴'), ('著', '着'), ('藥', '药'), ('處', '处'), ('號', '号'), ('術', '术'),
    ('衝', '冲'), ('補', '补'), ('裝', '装'), ('製', '制'), ('複', '复'), ('見', '见'), ('規', '规'), ('視', '视'),
    ('觀', '观'), ('訂', '订'), ('計', '计'), ('討', '讨'), ('託', '托'), ('設', '设'), ('許', '许'), ('註', '注'),
    ('該', '该'), ('認', '认'), ('調', '调'), ('談', '谈'), ('論', '论'), ('諾', '诺'), ('識', '识'), ('議', '议'),
    ('變', '变'), ('讓', '让'), ('讚', '赞'), ('販', '贩'), ('貿', '贸'), ('資', '资'), ('賦', '赋'), ('質', '质'),
    ('贊', '赞'), ('軌', '轨'), ('軍', '军'), ('輔', '辅'), ('轉', '转'), ('辦', '办'), ('這', '这'), ('進', '进'),
    ('運', '运'), ('過', '过'), ('達', '达'), ('遠', '远'), ('適', '适'), ('遲', '迟'), ('選', '选'), ('遺', '遗'),
    ('邁', '迈'), ('還', '还'), ('邊', '边'), ('針', '针'), ('鋪', '铺'), ('錶', '表'), ('長', '长'), ('門', '门'),
    ('開', '开'), ('間', '间'), ('關', '关'), ('階', '阶'), ('際', '际'), ('隻', '只'), ('雖', '虽'), ('雙', '双'),
    ('離', '离'), ('難', '难'), ('項', '项'), ('須', '须'), ('預', '预'), ('領', '领'), ('題', '题'), ('額', '额'),
    ('願', '愿'), ('類', '类'), ('颱', '台'), ('餘', '余'), ('駕', '驾'), ('駛', '驶'), ('體', '体'), ('髮', '发'),
    ('鬚', '须'), ('點', '点'),
];

/// The fold of a two-byte character (U+0080..U+07FF), computed once from the
/// general rules: 0 for a character of the general path (separators, folds to
/// several characters), [`FAST_DROP`] for a dropped one, else the folded
/// character with [`FAST_WORD`] when the original is alphanumeric.
fn two_byte_table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80u32..0x800)
            .map(|cp| {
                let Some(c) = char::from_u32(cp) else {
                    return 0;
                };
                match classify_char(c) {
                    CharFold::Drop if sticks(c) => FAST_DROP_STICKY,
                    CharFold::Drop => FAST_DROP,
                    CharFold::Separator(_) => 0,
                    CharFold::Text => {
                        let mut s = String::new();
                        push_folded_char(c, &mut s);
                        let mut it = s.chars();
                        match (it.next(), it.next()) {
                            (Some(f), None) if f != '\0' => {
                                f as u32 | if c.is_alphanumeric() { FAST_WORD } else { 0 }
                            }
                            _ => 0,
                        }
                    }
                }
            })
            .collect()
    })
}

const FAST_DROP: u32 = 1 << 31;
const FAST_DROP_STICKY: u32 = FAST_DROP | 1;
const FAST_WORD: u32 = 1 << 30;
const FAST_CHAR: u32 = (1 << 21) - 1;

/// What the last character written to the folded text was, for the spaces
/// put around Han characters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Nothing, a separator or punctuation.
    Other,
    /// A letter or digit of a script that writes spaces.
    Word,
    /// A Han character.
    Han,
}

/// The state of one [`fold`].
struct Folder {
    out: Vec<u8>,
    map: OffsetMap,
    words: usize,
    prev_alnum: bool,
    last: Last,
    /// Start of the current separator run in the original, and its line breaks.
    sep_start: Option<usize>,
    sep_newlines: usize,
}

impl Folder {
    fn flush_separator(&mut self, end: usize) {
        if let Some(start) = self.sep_start.take() {
            if end - start != 1 {
                self.map.push(self.out.len(), 1, start, end - start);
            }
            self.out
                .push(if self.sep_newlines >= 2 { b'\n' } else { b' ' });
            self.sep_newlines = 0;
        }
    }

    fn separator(&mut self, at: usize, newlines: usize) {
        if self.sep_start.is_none() {
            self.sep_start = Some(at);
        }
        self.sep_newlines += newlines;
        self.prev_alnum = false;
        self.last = Last::Other;
    }

    /// Writes the fold `folded` of the original character at `orig` (of
    /// `orig_len` bytes); `word`: the character is alphanumeric, `han`: it is
    /// a Han character.
    #[inline]
    fn emit(&mut self, folded: &[u8], orig: usize, orig_len: usize, word: bool, han: bool) {
        self.flush_separator(orig);
        // Han characters are words of their own: a space between a Han
        // character and any letter or digit next to it.
        let gap = word && ((han && self.last != Last::Other) || (!han && self.last == Last::Han));
        if gap {
            self.out.push(b' ');
            self.prev_alnum = false;
        }
        self.words += (word && !self.prev_alnum) as usize;
        self.prev_alnum = word;
        self.last = if han {
            Last::Han
        } else if word {
            Last::Word
        } else {
            Last::Other
        };
        // Same length is not enough to map offsets one to one: "ǅ" (2 bytes)
        // folds to "dz", "℅" (3 bytes) to "c/o", and a boundary between their
        // chars is inside the original char.
        let len = folded.len() + gap as usize;
        if gap || len != orig_len || several_chars(folded) {
            self.map
                .push(self.out.len() - gap as usize, len, orig, orig_len);
        }
        self.out.extend_from_slice(folded);
    }
}

/// Whether a UTF-8 string holds more than one character.
fn several_chars(s: &[u8]) -> bool {
    s.iter().skip(1).any(|&b| b & 0xc0 != 0x80)
}

/// Whether `b` is copied as it is (lower-cased) in the fast path: a
/// [`COPY`] byte or the space. Written as comparisons the compiler can
/// vectorise: ASCII but the hyphen and the control characters from tab to
/// carriage return.
#[inline]
fn is_plain(b: u8) -> bool {
    b < 0x80 && b != b'-' && !(b'\t'..=b'\r').contains(&b)
}

/// The end of the run of plain bytes ([`is_plain`]) that starts at `i`: sixteen bytes
/// at a time (checked without branches), then one at a time.
fn plain_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 16) {
        if !chunk.iter().fold(true, |all, &b| all & is_plain(b)) {
            break;
        }
        i += 16;
    }
    while i < bytes.len() && is_plain(bytes[i]) {
        i += 1;
    }
    i
}

/// A searcher for two spaces, built once (building one per run of text
/// cost more than the search).
fn double_space() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(b"  "))
}

/// Folds `text` for matching. See the module documentation for the rules.
///
/// ```
/// let f = stancer::normalize::fold("Contrôle  HUMAIN");
/// assert_eq!(f.text, "controle humain");
/// assert_eq!(f.map.start(9), 11); // "humain" starts at byte 11 of the original
/// let f = stancer::normalize::fold("具有法律約束力");
/// assert_eq!(f.text, "具 有 法 律 约 束 力");
/// ```
pub fn fold(text: &str) -> Folded {
    fold_with(text, true)
}

/// [`fold`], with (`fast`) or without the short paths for two-byte and Han
/// characters (the tests check that both give the same).
fn fold_with(text: &str, fast: bool) -> Folded {
    let bytes = text.as_bytes();
    let two = two_byte_table();
    let mut f = Folder {
        out: Vec::with_capacity(bytes.len() + 16),
        map: OffsetMap::default(),
        words: 0,
        prev_alnum: false,
        last: Last::Other,
        sep_start: None,
        sep_newlines: 0,
    };
    let mut scratch = String::new();
    let mut buf = [0u8; 4];

    let mut i = 0;
    while i < bytes.len() {
        // Fast path: a run of plain ASCII bytes, with single spaces between
        // them, is copied in bulk (lower-cased), its words counted apart.
        let start = i;
        if bytes[i] != b' ' {
            i = plain_run_end(bytes, i);
            // Spaces inside the run must be single and not next to another separator.
            if let Some(p) = double_space().find(&bytes[start..i]) {
                i = start + p;
            } else if i > start && i < bytes.len() && bytes[i - 1] == b' ' {
                i -= 1;
            }
        }
        if i > start {
            f.flush_separator(start);
            let run = &bytes[start..i];
            if f.last == Last::Han && run[0].is_ascii_alphanumeric() {
                // A letter or digit right after a Han character.
                f.map.push(f.out.len(), 1, start, 0);
                f.out.push(b' ');
                f.prev_alnum = false;
            }
            f.out.extend(run.iter().map(u8::to_ascii_lowercase));
            f.words += count_word_starts(run, f.prev_alnum);
            f.prev_alnum = run[run.len() - 1].is_ascii_alphanumeric();
            f.last = if f.prev_alnum {
                Last::Word
            } else {
                Last::Other
            };
            continue;
        }
        let b = bytes[i];
        let class = CLASS[b as usize];
        if class == SPACE || class == NEWLINE {
            f.separator(i, (class == NEWLINE) as usize);
            i += 1;
            continue;
        }
        // Two-byte characters: one look-up in a table.
        if fast && (0xc2..0xe0).contains(&b) && i + 1 < bytes.len() {
            let cp = (((b & 0x1f) as usize) << 6) | (bytes[i + 1] & 0x3f) as usize;
            let e = two[cp - 0x80];
            if e & FAST_DROP != 0 {
                // A mark after a separator belongs to no letter before it.
                let sticky = e == FAST_DROP_STICKY && f.sep_start.is_none();
                f.map.push_drop(f.out.len(), i, 2, sticky);
                i += 2;
                continue;
            }
            if let Some(c) = (e != 0).then(|| char::from_u32(e & FAST_CHAR)).flatten() {
                let s = c.encode_utf8(&mut buf);
                f.emit(s.as_bytes(), i, 2, e & FAST_WORD != 0, false);
                i += 2;
                continue;
            }
        }
        // Han characters of the basic block and extension A.
        if fast && (0xe3..0xea).contains(&b) && i + 2 < bytes.len() {
            let cp = ((b as u32 & 0x0f) << 12)
                | ((bytes[i + 1] as u32 & 0x3f) << 6)
                | (bytes[i + 2] as u32 & 0x3f);
            if matches!(cp, 0x3400..=0x4dbf | 0x4e00..=0x9fff) {
                let c = char::from_u32(cp).unwrap_or('\u{fffd}');
                let c = match T2S.binary_search_by_key(&c, |&(t, _)| t) {
                    Ok(k) => T2S[k].1,
                    Err(_) => c,
                };
                let s = c.encode_utf8(&mut buf);
                f.emit(s.as_bytes(), i, 3, true, true);
                i += 3;
                continue;
            }
        }
        // Any other character: the general rules.
        let c = text[i..].chars().next().unwrap_or('\u{fffd}');
        let len = c.len_utf8();
        match classify_char(c) {
            CharFold::Separator(paragraph) => f.separator(i, if paragraph { 2 } else { 0 }),
            CharFold::Drop => {
                let sticky = sticks(c) && f.sep_start.is_none();
                f.map.push_drop(f.out.len(), i, len, sticky);
            }
            CharFold::Text => {
                scratch.clear();
                push_folded_char(c, &mut scratch);
                f.emit(scratch.as_bytes(), i, len, c.is_alphanumeric(), is_han(c));
            }
        }
        i += len;
    }
    f.flush_separator(bytes.len());
    let text = String::from_utf8(f.out).unwrap_or_else(|e| {
        // Unreachable: only ASCII bytes and whole chars are pushed.
        String::from_utf8_lossy(e.as_bytes()).into_owned()
    });
    Folded {
        text,
        map: f.map,
        words: f.words,
    }
}

/// Number of ASCII words starting in `run` (an alphanumeric byte after a
/// non-alphanumeric one); written without a loop-carried state so that it
/// vectorises.
fn count_word_starts(run: &[u8], prev_alnum: bool) -> usize {
    #[inline(always)]
    fn alnum(b: u8) -> bool {
        ((b | 0x20).wrapping_sub(b'a') < 26) | (b.wrapping_sub(b'0') < 10)
    }
    let first = (alnum(run[0]) & !prev_alnum) as usize;
    let rest: u32 = run
        .iter()
        .zip(&run[1..])
        .map(|(&a, &b)| (alnum(b) & !alnum(a)) as u32)
        .sum();
    first + rest as usize
}

/// Folds a lexicon phrase: [`fold`], trimmed.
pub fn fold_phrase(phrase: &str) -> String {
    fold(phrase).text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_bytes_by_comparison_are_the_byte_classes() {
        for b in 0..=255u8 {
            let class = CLASS[b as usize] == COPY || b == b' ';
            assert_eq!(is_plain(b), class, "byte {b:#x}");
        }
        let text = b"abc def ghi jkl mno pqr stu-vwx";
        assert_eq!(plain_run_end(text, 0), 27);
        assert_eq!(plain_run_end(b"0123456789abcdefghij\n", 0), 20);
        assert_eq!(plain_run_end(b"\xc3\xa9", 0), 0);
    }

    fn check_roundtrip(orig: &str) {
        let f = fold(orig);
        // Every folded char boundary maps to an original char boundary.
        for (p, _) in f
            .text
            .char_indices()
            .chain(std::iter::once((f.text.len(), ' ')))
        {
            assert!(orig.is_char_boundary(f.map.start(p)), "{orig:?} start {p}");
            assert!(orig.is_char_boundary(f.map.end(p)), "{orig:?} end {p}");
        }
        // Only invisible characters are left after the end.
        let e = f.map.end(f.text.len());
        assert!(fold(&orig[e..]).text.is_empty(), "{orig:?}");
    }

    #[test]
    fn folds_case_diacritics_and_space() {
        let f = fold("Contrôle HUMAIN   significatif,\n\nLegally-binding");
        assert_eq!(f.text, "controle humain significatif,\nlegally binding");
        assert_eq!(f.words, 5);
        check_roundtrip("Contrôle HUMAIN   significatif,\n\nLegally-binding");
    }

    #[test]
    fn maps_offsets_back() {
        let orig = "Él   dijo «¡Sí!»";
        let f = fold(orig);
        assert_eq!(f.text, "el dijo \"¡si!\"");
        let p = f.text.find("dijo").unwrap();
        assert_eq!(&orig[f.map.start(p)..f.map.end(p + 4)], "dijo");
        let p = f.text.find("si").unwrap();
        assert_eq!(&orig[f.map.start(p)..f.map.end(p + 2)], "Sí");
        check_roundtrip(orig);
    }

    #[test]
    fn expansions_and_drops() {
        for s in [
            "ﬁnal",
            "soft\u{00ad}hyphen",
            "İstanbul",
            "a\u{200b}b",
            "’quote’",
            "x — y",
            "\u{feff}BOM",
            "\u{1c5}",
            "care \u{2105} of",
        ] {
            check_roundtrip(s);
        }
        assert_eq!(fold("ﬁnal").text, "final");
        assert_eq!(fold("soft\u{00ad}hyphen").text, "softhyphen");
        assert_eq!(fold("States’ views").text, "states' views");
    }

    /// The folded text of `orig` and, for each `(folded piece, original
    /// piece)`, that the piece found in the folded text maps back to the
    /// original piece.
    fn check_maps(orig: &str, folded: &str, pieces: &[(&str, &str)]) {
        let f = fold(orig);
        assert_eq!(f.text, folded, "{orig:?}");
        check_roundtrip(orig);
        for (fp, op) in pieces {
            let p = f
                .text
                .find(fp)
                .unwrap_or_else(|| panic!("{fp:?} in {:?}", f.text));
            assert_eq!(
                &orig[f.map.start(p)..f.map.end(p + fp.len())],
                *op,
                "{fp:?} in {orig:?}"
            );
        }
    }

    #[test]
    fn arabic_marks_variants_and_punctuation() {
        check_maps(
            "إنَّ الصكَّ الملزِم قانونًا ضروريٌّ؟ نعم، بلا شكّ؛ ٢٠٢٦",
            "ان الصك الملزم قانونا ضروري? نعم, بلا شك; 2026",
            &[
                ("الملزم", "الملزِم"),
                ("قانونا", "قانونًا"),
                ("2026", "٢٠٢٦"),
                ("ان", "إنَّ"),
            ],
        );
        // Tatweel and bidirectional controls are dropped inside words.
        check_maps(
            "\u{200f}الأسلـــحة\u{202b} الفتاكة\u{202c}\u{2067}ذاتية\u{2069}",
            "الاسلحه الفتاكهذاتيه",
            &[("الاسلحه", "الأسلـــحة"), ("الفتاكه", "الفتاكة")],
        );
        // Alef maqsura, hamza on waw and yeh, alef wasla, Persian letters.
        assert_eq!(
            fold("على مسؤولية هيئة ٱلأمم کی").text,
            "علي مسووليه هييه الامم كي"
        );
        // Presentation forms, as pdftotext writes them, and the lam-alef ligature.
        check_maps(
            "\u{fe8d}\u{fedf}\u{febb}\u{fedc} \u{fef9}\u{fe8f}\u{fe94}",
            "الصك لابه",
            &[
                ("الصك", "\u{fe8d}\u{fedf}\u{febb}\u{fedc}"),
                ("لا", "\u{fef9}"),
            ],
        );
    }

    #[test]
    fn chinese_characters_are_words() {
        check_maps(
            "我们支持谈判一项具有法律约束力的文书。下一句",
            "我 们 支 持 谈 判 一 项 具 有 法 律 约 束 力 的 文 书.下 一 句",
            &[
                ("具 有 法 律 约 束 力", "具有法律约束力"),
                ("文 书", "文书"),
                ("下", "下"),
            ],
        );
        let f = fold("我们支持谈判一项具有法律约束力的文书");
        assert_eq!(f.words, 18);
        // Latin letters and digits next to Han characters; full-width forms.
        check_maps(
            "在《特定常规武器公约》（ＣＣＷ）框架下，2026年前",
            "在《特 定 常 规 武 器 公 约》(ccw)框 架 下,2026 年 前",
            &[("ccw", "ＣＣＷ"), ("2026", "2026"), ("年", "年")],
        );
        check_maps("CCW框架", "ccw 框 架", &[("ccw", "CCW"), ("框 架", "框架")]);
        // Corner quotes, the ideographic comma and the ideographic space.
        assert_eq!(
            fold("「禁止」、限制\u{3000}控制").text,
            "\"禁 止\",限 制 控 制"
        );
    }

    #[test]
    fn russian_yo_short_i_and_quotes() {
        check_maps(
            "Ещё «ЮРИДИЧЕСКИ ОБЯЗЫВАЮЩИЙ» документ — ёмкий",
            "еще \"юридически обязывающий\" документ емкий",
            &[
                ("обязывающий", "ОБЯЗЫВАЮЩИЙ"),
                ("емкий", "ёмкий"),
                ("еще", "Ещё"),
            ],
        );
    }

    #[test]
    fn marks_after_a_separator_stay_outside_a_range() {
        // "binding" ends before the line breaks and the mark that follows them.
        for orig in [
            "binding\n\n\u{301}x",
            "binding \u{064e}x",
            "binding\n\n\u{113cc}x",
        ] {
            let f = fold(orig);
            assert_eq!(f.map.end(7), 7, "{orig:?}");
            check_roundtrip(orig);
        }
        // A mark right after its letter is part of it.
        let f = fold("bi\u{301}nding x");
        assert_eq!(f.map.end(7), "bi\u{301}nding".len());
    }

    #[test]
    fn runs_of_the_same_change_are_one_entry() {
        let f = fold("具有法律约束力");
        assert_eq!(f.map.spans.len(), 1);
        assert_eq!(f.map.spans[0].count, 6);
        let f = fold("préparé élément");
        check_roundtrip("préparé élément");
        assert_eq!(f.text, "prepare element");
        assert_eq!(f.map.start(8), 10);
    }

    /// Characters of every kind the fast paths and the general path handle.
    const MIX: &[&str] = &[
        "a",
        "B",
        " ",
        "  ",
        "\n",
        "\n\n",
        "-",
        "é",
        "Ç",
        "ǅ",
        "ﬁ",
        "\u{00ad}",
        "\u{200f}",
        "\u{202b}",
        "«",
        "’",
        "Ё",
        "й",
        "Й",
        "ж",
        "Ж",
        "ё",
        "ا",
        "أ",
        "إ",
        "آ",
        "ى",
        "ة",
        "ـ",
        "\u{064e}",
        "\u{0651}",
        "،",
        "؟",
        "٣",
        "\u{fefb}",
        "\u{fe94}",
        "\u{feb3}",
        "我",
        "們",
        "約",
        "束",
        "。",
        "，",
        "、",
        "（",
        "Ｃ",
        "１",
        "\u{3000}",
        "\u{2029}",
        "—",
        "℅",
        "\u{20000}",
        "丽",
        "x",
        "7",
        ".",
        ",",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..Default::default()
        })]
        /// The fast paths fold exactly as the general rules do, and every
        /// folded boundary maps to an original character boundary, in order.
        #[test]
        fn fast_paths_fold_as_the_general_rules(
            picks in proptest::collection::vec(proptest::sample::select(MIX.to_vec()), 0..40)
        ) {
            let text: String = picks.concat();
            let (fast, slow) = (fold_with(&text, true), fold_with(&text, false));
            proptest::prop_assert_eq!(&fast.text, &slow.text);
            proptest::prop_assert_eq!(fast.words, slow.words);
            let (mut last_start, mut last_end) = (0, 0);
            for p in (0..=fast.text.len()).filter(|&p| fast.text.is_char_boundary(p)) {
                let (s, e) = (fast.map.start(p), fast.map.end(p));
                proptest::prop_assert_eq!(s, slow.map.start(p));
                proptest::prop_assert_eq!(e, slow.map.end(p));
                proptest::prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                // Starts and ends move forward; a folded character other than
                // a space (which may have been inserted) maps to at least one
                // original byte.
                proptest::prop_assert!(s >= last_start && e >= last_end, "{:?} at {}", text, p);
                proptest::prop_assert!(
                    p == 0 || fast.text[..p].ends_with(' ') || e > last_start,
                    "{:?} at {}", text, p
                );
                (last_start, last_end) = (s, e);
            }
            let e = fast.map.end(fast.text.len());
            proptest::prop_assert!(fold(&text[e..]).text.is_empty(), "{:?}", text);
        }
    }
}
