//! Language identification, for documents whose manifest or JSON Lines
//! record gives no `language`.
//!
//! Uses `whatlang` (trigram models of 69 languages, no data files, a few
//! hundred kilobytes of code) on the first few thousand bytes of the text.
//! All its languages are kept, not only those stancer has lexicons for, so
//! that a German or Hebrew statement is recognised as such and reported as
//! `unsupported_language` rather than read with the wrong lexicon.
//!
//! Arabic, Chinese and Russian are also told by their script, where whatlang
//! is unsure (a short statement) or hesitates between the languages that
//! share a script: Han characters without kana or hangul are Chinese; Arabic
//! letters without the letters of Persian and Urdu (`پ چ ژ گ ٹ ڈ ڑ ں ے`, and
//! the Persian forms of yeh and kaf `ی ک`) are Arabic; Cyrillic with `ы` or `э` and none of the letters of Ukrainian,
//! Belarusian, Serbian or Macedonian (`і ї є ґ ў ђ ј љ њ ћ џ ѓ ќ ѕ`) is
//! Russian.

/// Bytes of text looked at: enough for a reliable guess, and cheap.
const SAMPLE: usize = 4096;

/// ISO 639-3 codes of whatlang mapped to the ISO 639-1 codes manifests use.
const ISO_639_1: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// The language of `text` as an ISO 639-1 code (ISO 639-3 for the few
/// languages without one), or `None` when the guess is not reliable (too
/// little text, or two languages too close to tell apart).
pub fn detect(text: &str) -> Option<String> {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let by_script = by_script(sample);
    let info = whatlang::detect(sample).filter(|i| i.is_reliable());
    let Some(info) = info else {
        return by_script.map(str::to_string);
    };
    let code = info.lang().code();
    let two = ISO_639_1
        .iter()
        .find(|(three, _)| *three == code)
        .map_or(code, |(_, two)| two);
    // The script's evidence wins over a guess between the languages that
    // share it ("fa" for an Arabic text, "uk" for a Russian one).
    if let Some(s) = by_script {
        if SAME_SCRIPT
            .iter()
            .any(|group| group.contains(&s) && group.contains(&two))
        {
            return Some(s.to_string());
        }
    }
    Some(two.to_string())
}

/// Languages that share a script with Arabic, Chinese or Russian.
const SAME_SCRIPT: &[&[&str]] = &[
    &["ar", "fa", "ur"],
    &["zh", "ja"],
    &["ru", "uk", "be", "bg", "mk", "sr"],
];

/// Arabic, Chinese or Russian, told by the letters of `text` alone: the
/// script of at least 60% of its letters (and at least 8 of them), without
/// the letters of the other languages written in it.
fn by_script(text: &str) -> Option<&'static str> {
    let (mut letters, mut han, mut kana_hangul, mut arabic, mut cyrillic) = (0, 0, 0, 0, 0);
    let (mut not_arabic, mut not_russian, mut russian) = (false, false, false);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c as u32 {
            0x3040..=0x30ff | 0x31f0..=0x31ff | 0xac00..=0xd7af | 0x1100..=0x11ff => {
                kana_hangul += 1
            }
            _ if crate::normalize::is_han(c) => han += 1,
            0x0600..=0x06ff | 0x0750..=0x077f | 0xfb50..=0xfdff | 0xfe70..=0xfeff => {
                arabic += 1;
                not_arabic |= matches!(
                    c,
                    'پ' | 'چ' | 'ژ' | 'گ' | 'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ی' | 'ک'
                );
            }
            0x0400..=0x04ff => {
                cyrillic += 1;
                russian |= matches!(c, 'ы' | 'Ы' | 'э' | 'Э');
                not_russian |= matches!(
                    c.to_lowercase().next().unwrap_or(c),
                    'і' | 'ї'
                        | 'є'
                        | 'ґ'
                        | 'ў'
                        | 'ђ'
                        | 'ј'
                        | 'љ'
                        | 'њ'
                        | 'ћ'
                        | 'џ'
                        | 'ѓ'
                        | 'ќ'
                        | 'ѕ'
                );
            }
            _ => {}
        }
    }
    let dominant = |n: usize| letters >= 8 && n * 10 >= letters * 6;
    if dominant(han) && kana_hangul == 0 {
        Some("zh")
    } else if dominant(arabic) && !not_arabic {
        Some("ar")
    } else if dominant(cyrillic) && russian && !not_russian {
        Some("ru")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_languages_of_statements() {
        let cases = [
            ("en", "We call for the negotiation of a legally binding instrument on autonomous weapons systems without delay."),
            ("es", "Apoyamos la negociación de un instrumento jurídicamente vinculante sobre los sistemas de armas autónomos."),
            ("fr", "Nous soutenons la négociation d'un instrument juridiquement contraignant sur les systèmes d'armes autonomes."),
            ("de", "Wir unterstützen die Aushandlung eines rechtsverbindlichen Instruments über autonome Waffensysteme."),
        ];
        for (want, text) in cases {
            assert_eq!(detect(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(detect("   "), None);
        assert_eq!(detect("a b c"), None);
    }

    #[test]
    fn detects_arabic_chinese_and_russian_by_script_too() {
        let cases = [
            ("ar", "ندعو إلى التفاوض على صك ملزم قانونا بشأن منظومات الأسلحة الفتاكة الذاتية التشغيل."),
            ("ar", "تؤيد دولتنا حظر الأسلحة ذاتية التشغيل."),
            ("zh", "中方支持在《特定常规武器公约》框架下讨论致命自主武器系统问题。"),
            ("zh", "中方支持談判。"),
            ("ru", "Россия не поддерживает разработку юридически обязывающего документа."),
            ("ru", "Мы против запрета таких систем."),
            ("uk", "Ми підтримуємо договір про заборону автономної зброї, яка вбиває людей без контролю."),
        ];
        for (want, text) in cases {
            assert_eq!(detect(text).as_deref(), Some(want), "{text}");
        }
        // Too few letters, or letters of another language of the script.
        assert_eq!(by_script("中方"), None);
        assert_eq!(by_script("پیشنهاد ما یک معاهده الزام آور است"), None);
        assert_ne!(
            detect("جمهوری اسلامی از مذاکره برای یک سند الزام آور حقوقی درباره سامانه های تسلیحاتی خودمختار حمایت می کند.").as_deref(),
            Some("ar")
        );
        assert_eq!(by_script("Ми підтримуємо договір"), None);
        // Japanese is not Chinese.
        assert_ne!(
            detect("日本は自律型致死兵器システムに関する議論を支持します。").as_deref(),
            Some("zh")
        );
    }
}
