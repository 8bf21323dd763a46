//! The evaluation against hand labels, in the report.

use super::*;

impl Page<'_> {
    // ---- evaluation ----

    pub(super) fn evaluation(&self, o: &mut String) {
        let Some(eval) = self.inputs.evaluation else {
            return;
        };
        let docs = self.inputs.documents;
        let anchor = |id: &str| -> String {
            match docs.iter().position(|d| d.meta.id == id) {
                Some(i) => format!("<a href=\"#d{i}\">{}</a>", h(id)),
                None => h(id).to_string(),
            }
        };
        o.push_str("<section id=\"evaluation\" aria-label=\"Evaluation\">\n<h2>Evaluation against the hand labels</h2>\n");
        if !eval.missing_in_predictions.is_empty() {
            let _ = writeln!(
                o,
                "<p class=\"note warn\">Hand-labelled but not in the predictions: {}.</p>",
                h(&eval.missing_in_predictions.join(", "))
            );
        }
        if !eval.missing_in_gold.is_empty() {
            let _ = writeln!(
                o,
                "<p class=\"note\">Not hand-labelled (not compared): {}.</p>",
                h(&eval.missing_in_gold.join(", "))
            );
        }
        for (qi, q) in self.questions.iter().enumerate() {
            let _ = write!(o, "<div class=\"perq\" data-qi=\"{qi}\"{}>", hidden(qi));
            let Some(e) = q.eval else {
                let _ = writeln!(
                    o,
                    "<p>The hand labels have no column for {}.</p></div>",
                    h(&q.id)
                );
                continue;
            };
            let ci = |which: fn(&crate::eval::Intervals) -> [f64; 2]| match &e.ci {
                Some(c) => {
                    let [lo, hi] = which(c);
                    format!(" (95% CI {lo:.3}–{hi:.3})")
                }
                None => String::new(),
            };
            let _ = writeln!(
                o,
                "<p class=\"headline\">{}: {} compared; accuracy <b>{:.3}</b>{}, macro-F1 <b>{:.3}</b>{}, Cohen's kappa {:.3}, F<sub>avg</sub> {:.3}.</p>",
                h(&q.id),
                count(e.n, "document", "documents"),
                e.accuracy,
                ci(|c| c.accuracy),
                e.macro_f1,
                ci(|c| c.macro_f1),
                e.kappa,
                e.f_avg
            );
            let acc = |x: Option<f64>| x.map_or("n/a".to_string(), |a| format!("{a:.3}"));
            let _ = writeln!(
                o,
                "<p class=\"note\">needs_review: {} of {} flagged ({:.1}%); accuracy unflagged {}, flagged {}.{}</p>",
                e.flagged,
                e.n,
                e.flagged_share * 100.0,
                acc(e.accuracy_unflagged),
                acc(e.accuracy_flagged),
                match &e.ci {
                    Some(c) => format!(
                        " Intervals: percentile bootstrap, {} resamples, seed {}.",
                        c.resamples, c.seed
                    ),
                    None => String::new(),
                }
            );
            o.push_str("<table class=\"kv\"><thead><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th><th>support</th><th>predicted</th></tr></thead><tbody>");
            for c in &e.classes {
                let _ = write!(
                    o,
                    "<tr><th>{}</th><td>{:.3}</td><td>{:.3}</td><td>{:.3}</td><td>{}</td><td>{}</td></tr>",
                    h(&c.label),
                    c.precision,
                    c.recall,
                    c.f1,
                    c.support,
                    c.predicted
                );
            }
            o.push_str("</tbody></table>\n<table class=\"kv\"><caption class=\"note\">confusion matrix (rows: hand label, columns: predicted)</caption><thead><tr><th></th>");
            for l in &e.labels {
                let _ = write!(o, "<th>{}</th>", h(l));
            }
            o.push_str("</tr></thead><tbody>");
            for (l, row) in e.labels.iter().zip(&e.confusion) {
                let _ = write!(o, "<tr><th>{}</th>", h(l));
                for n in row {
                    let _ = write!(o, "<td>{n}</td>");
                }
                o.push_str("</tr>");
            }
            o.push_str("</tbody></table>\n");
            if e.disagreements.is_empty() {
                o.push_str("<p>Disagreements: none.</p>\n");
            } else {
                let _ = writeln!(
                    o,
                    "<h4>{}</h4>",
                    count(e.disagreements.len(), "disagreement", "disagreements")
                );
            }
            for d in &e.disagreements {
                let scores: Vec<String> = d
                    .scores
                    .0
                    .iter()
                    .map(|(l, s)| format!("{} {}", h(l), num(*s)))
                    .collect();
                let _ = write!(
                    o,
                    "<div class=\"dis\"><p><b>{}</b>: hand label <b>{}</b>, predicted <b>{}</b> (scores {}).</p>",
                    anchor(&d.id),
                    h(&d.gold),
                    h(&d.predicted),
                    scores.join(", ")
                );
                if d.evidence.is_empty() {
                    o.push_str("<p class=\"note\">No evidence counted toward the prediction (the default label).</p>");
                } else {
                    o.push_str("<ul class=\"ev\">");
                    for x in &d.evidence {
                        let _ = write!(
                            o,
                            "<li>+{} cue <code>{}</code> at {}..{}: “{}”</li>",
                            num(x.counted),
                            h(&x.cue),
                            x.start,
                            x.end,
                            h(&clean(&x.sentence))
                        );
                    }
                    o.push_str("</ul>");
                }
                if let Some(g) = &d.gold_evidence {
                    if !g.trim().is_empty() {
                        let _ = write!(
                            o,
                            "<p>Hand label's evidence:</p><blockquote>{}</blockquote>",
                            h(&clean(g))
                        );
                    }
                }
                o.push_str("</div>\n");
            }
            if !e.unclassified.is_empty() {
                let _ = writeln!(
                    o,
                    "<p class=\"note\">Hand-labelled but without a prediction for {}: {}.</p>",
                    h(&q.id),
                    h(&e.unclassified.join(", "))
                );
            }
            o.push_str("</div>\n");
        }
        o.push_str("</section>\n");
    }
}
