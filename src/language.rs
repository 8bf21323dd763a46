//! Language identification, for documents whose manifest or JSON Lines
//! record gives no `language`.
//!
//! Uses `whatlang` (trigram models of 69 languages, no data files, a few
//! hundred kilobytes of code) on the first few thousand bytes of the text.
//! All its languages are kept, not only those stancer has lexicons for, so
//! that a German or Arabic statement is recognised as such and reported as
//! `unsupported_language` rather than read with the wrong lexicon.

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
    let info = whatlang::detect(&text[..end]).filter(|i| i.is_reliable())?;
    let code = info.lang().code();
    Some(
        ISO_639_1
            .iter()
            .find(|(three, _)| *three == code)
            .map_or(code, |(_, two)| two)
            .to_string(),
    )
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
}
