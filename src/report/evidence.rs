//! Each document's evidence, as `stancer explain` shows it.

use super::*;

impl Page<'_> {
    // ---- evidence ----

    pub(super) fn evidence(&self, o: &mut String) {
        let docs = self.inputs.documents;
        let _ = writeln!(
            o,
            "<section id=\"evidence\" aria-label=\"Evidence\">\n<h2>Evidence</h2>\n\
             <p class=\"note\">Per document, the sentences that carried evidence: cues <mark class=\"cue k0\">highlighted</mark> in the colour of the label they counted toward \
             (<mark class=\"cue nothing\">struck through</mark>: toward nothing), modifiers <span class=\"mod\">underlined</span>; then what each cue added, \
             the scores and the decision rule, as <code>stancer explain</code> shows them.</p>"
        );
        let mut without: Vec<usize> = Vec::new();
        for (i, d) in docs.iter().enumerate() {
            let has = d
                .questions
                .0
                .iter()
                .filter(|(q, _)| self.questions.iter().any(|x| &x.id == q))
                .any(|(_, r)| !r.evidence.is_empty());
            if has {
                self.document(o, i, d);
            } else {
                without.push(i);
            }
        }
        if !without.is_empty() {
            let _ = write!(
                o,
                "<details class=\"doc noev\" id=\"noevidence\"><summary><span class=\"id\">{}</span> without evidence (every question got its default label, or the document could not be read by any lexicon)</summary><ul>",
                count(without.len(), "document", "documents")
            );
            for i in without {
                let d = &docs[i];
                let status = match d.status {
                    Status::Ok => String::new(),
                    Status::UnsupportedLanguage => format!(
                        " <span class=\"warn\">language {} not supported</span>",
                        h(d.meta.language.as_deref().unwrap_or("unknown"))
                    ),
                };
                let _ = write!(
                    o,
                    "<li id=\"d{i}\"><b>{}</b> {}{status}</li>",
                    h(&d.meta.id),
                    h(d.meta.actor_name.as_deref().unwrap_or(&d.meta.actor))
                );
            }
            o.push_str("</ul></details>\n");
        }
        o.push_str("</section>\n");
    }

    fn label_pills(&self, d: &Labelled) -> String {
        self.questions
            .iter()
            .map(|q| {
                let a = tally::answer(d, &q.id);
                format!(
                    "{} <span class=\"lab k{}\">{}</span>",
                    h(&q.id),
                    q.colour_of(a),
                    h(a)
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn document(&self, o: &mut String, i: usize, d: &Labelled) {
        let m = &d.meta;
        let pills = self.label_pills(d);
        let _ = write!(
            o,
            "<details class=\"doc\" id=\"d{i}\"><summary><span class=\"id\">{}</span> {} · {} · {} — {pills}</summary>\n<dl class=\"hdr\">",
            h(&m.id),
            h(m.actor_name.as_deref().unwrap_or(&m.actor)),
            h(m.actor_kind.as_deref().unwrap_or("no kind")),
            h(m.language.as_deref().unwrap_or("no language"))
        );
        let mut row = |k: &str, v: &str| {
            if !v.is_empty() {
                let _ = write!(o, "<dt>{k}</dt><dd>{}</dd>", h(v));
            }
        };
        row("actor", &m.actor);
        row("members", &m.members.join(" "));
        row(
            "language",
            &format!(
                "{}{}",
                m.language.as_deref().unwrap_or(""),
                if d.language_detected {
                    " (detected)"
                } else {
                    ""
                }
            ),
        );
        row(
            "original language",
            m.original_language.as_deref().unwrap_or(""),
        );
        row("date", m.date.as_deref().unwrap_or(""));
        row("forum", m.forum.as_deref().unwrap_or(""));
        row("source", m.source.as_deref().unwrap_or(""));
        row("file", m.file.as_deref().unwrap_or(""));
        row("lexicon", d.lexicon.as_deref().unwrap_or(""));
        row(
            "size",
            &format!(
                "{} words, {} sentences, {} topic mentions",
                d.tokens, d.sentences, d.topic_mentions
            ),
        );
        for w in &d.warnings {
            row("warning", w);
        }
        o.push_str("</dl>\n");
        let lexicon = d
            .lexicon
            .as_deref()
            .and_then(|name| self.inputs.lexicons.iter().find(|l| l.name == name));
        let explanation = lexicon.and_then(|l| Explanation::new(l, d, None).ok());
        for (qi, q) in self.questions.iter().enumerate() {
            let Some(r) = d.questions.get(&q.id) else {
                continue;
            };
            let explained = explanation
                .as_ref()
                .and_then(|e| e.questions.iter().find(|x| x.id == q.id));
            let sentences = match explained {
                Some(x) => x.sentences.clone(),
                None => fallback_sentences(r),
            };
            write_question(
                o,
                qi,
                q,
                r,
                explained,
                &sentences,
                self.options.max_sentences,
            );
        }
        o.push_str("</details>\n");
    }
}

/// The sentences of a question's evidence without the lexicon (modifiers
/// marked, but without their definitions): for documents read with a lexicon
/// the report was not given.
fn fallback_sentences(r: &QuestionResult) -> Vec<SentenceEvidence> {
    crate::explain::by_sentence(&r.evidence, ModifierNote::of)
}

/// One question of one document: label, sentences with marks, what each cue
/// added, the scores and the decision.
fn write_question(
    o: &mut String,
    qi: usize,
    q: &QView,
    r: &QuestionResult,
    explained: Option<&QuestionExplanation>,
    sentences: &[SentenceEvidence],
    max_sentences: usize,
) {
    let k = q.colour_of(&r.label);
    let _ = write!(
        o,
        "<div class=\"q\" data-qi=\"{qi}\"><h4>{}: <span class=\"lab k{k}\">{}</span> <span class=\"sc\">score {}, confidence {}</span>",
        h(&q.id),
        h(&r.label),
        num(r.score),
        num(r.confidence)
    );
    if r.needs_review {
        let reasons: Vec<&str> = r.review_reasons.iter().map(|x| x.name()).collect();
        let _ = write!(
            o,
            " <span class=\"flag\">⚑ needs review{}</span>",
            if reasons.is_empty() {
                String::new()
            } else {
                format!(": {}", h(&reasons.join(", ")))
            }
        );
    }
    o.push_str("</h4>\n");
    if let Some(by) = &r.implied_by {
        let _ = writeln!(
            o,
            "<p class=\"note\">Implied by {} (the lexicon's implication); the evidence is that question's.</p>",
            h(by)
        );
    }
    if sentences.is_empty() {
        o.push_str("<p class=\"note\">No evidence.</p>\n");
    }
    for s in sentences.iter().take(max_sentences) {
        let _ = write!(
            o,
            "<div class=\"sent\"><span class=\"at\">sentence at byte {}</span><p>",
            s.start
        );
        for piece in explain::sentence_pieces(s) {
            let text = h(&piece.text);
            match (&piece.cue, piece.modifier) {
                (Some(label), modifier) => {
                    let class = match label {
                        Some(l) => format!("k{}", q.colour_of(l)),
                        None => "nothing".to_string(),
                    };
                    let inner = if modifier {
                        format!("<span class=\"mod\">{text}</span>")
                    } else {
                        text.to_string()
                    };
                    let _ = write!(o, "<mark class=\"cue {class}\">{inner}</mark>");
                }
                (None, true) => {
                    let _ = write!(o, "<span class=\"mod\">{text}</span>");
                }
                (None, false) => {
                    let _ = write!(o, "{text}");
                }
            }
        }
        o.push_str("</p><ul class=\"ev\">");
        for x in &s.evidence {
            let e = &x.evidence;
            let label = e.label.as_deref();
            let _ = write!(
                o,
                "<li><span class=\"plus\">+{}</span> <span class=\"lab {}\">{}</span> ",
                num(e.counted),
                label.map_or("knone".to_string(), |l| format!("k{}", q.colour_of(l))),
                h(label.unwrap_or("nothing"))
            );
            let notes: Vec<String> = x
                .modifiers
                .iter()
                .map(|m| {
                    let what = if m.scope.is_some() || m.factor.is_some() {
                        explain::modifier_note(m)
                    } else {
                        explain::kind_name(m.kind).to_string()
                    };
                    format!(
                        "<span class=\"mod\">“{}”</span> ({})",
                        h(&clean(&m.text)),
                        h(&what)
                    )
                })
                .collect();
            if !notes.is_empty() {
                let _ = write!(o, "{} → ", notes.join(", "));
            }
            let _ = write!(o, "cue <code>{}</code>", h(&clean(&e.cue)));
            let text = clean(&e.text);
            if text.to_lowercase() != clean(&e.cue).replace('*', "").to_lowercase() {
                let _ = write!(o, " (“{}”)", h(&text));
            }
            let _ = write!(
                o,
                " [{}, weight {}] at {}..{}",
                h(&clean(&e.cue_label)),
                num(e.weight),
                e.start,
                e.end
            );
            if let Some(flag) = explain::evidence_flag(e) {
                let _ = write!(o, " ({flag})");
            }
            o.push_str("</li>");
        }
        o.push_str("</ul></div>\n");
    }
    if sentences.len() > max_sentences {
        let _ = writeln!(
            o,
            "<p class=\"note\">… and {} more sentences with evidence (in the labelled JSON).</p>",
            sentences.len() - max_sentences
        );
    }
    if r.evidence_total > r.evidence.len() {
        let _ = writeln!(
            o,
            "<p class=\"note\">{} cue occurrences counted; the labelled file lists the first {}.</p>",
            r.evidence_total,
            r.evidence.len()
        );
    }
    match explained {
        Some(x) => {
            let sums: Vec<String> = x
                .sums
                .iter()
                .map(|s| format!("{} = {}", h(&s.label), s.written()))
                .collect();
            let _ = writeln!(
                o,
                "<p class=\"scores\">scores: {}</p><p class=\"decision\">decision: {}</p>",
                sums.join("; "),
                h(&explain::decision_text(&x.decision, &x.labels))
            );
        }
        None => {
            let scores: Vec<String> = r
                .scores
                .0
                .iter()
                .map(|(l, s)| format!("{} = {}", h(l), num(*s)))
                .collect();
            let _ = writeln!(
                o,
                "<p class=\"scores\">scores: {}</p><p class=\"decision\">decision: {} (the lexicon is not at hand to show the rule)</p>",
                scores.join("; "),
                h(&r.label)
            );
        }
    }
    o.push_str("</div>\n");
}
