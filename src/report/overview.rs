//! The summary (headlines with their denominators, bars, disagreeing States)
//! and the map of the report.

use super::*;

impl Page<'_> {
    // ---- summary: headlines and bars ----

    pub(super) fn summary(&self, o: &mut String) {
        o.push_str("<section id=\"summary\" aria-label=\"Summary\">\n<h2>Summary</h2>\n");
        if self.questions.is_empty() {
            o.push_str("<p>No classified document: nothing to count.</p>\n");
        }
        for qi in 0..self.questions.len() {
            self.question_summary(o, qi);
        }
        o.push_str("</section>\n");
    }

    fn question_summary(&self, o: &mut String, qi: usize) {
        let q = &self.questions[qi];
        let _ = writeln!(
            o,
            "<div class=\"perq\" data-qi=\"{qi}\"{}>\n<h3>{}</h3>",
            hidden(qi),
            h(&q.id)
        );
        if let Some(d) = &q.description {
            let _ = writeln!(o, "<p class=\"desc\">{}</p>", h(d));
        }
        let sub = &q.by_submission;
        let st = &q.by_state;
        let show = |b: &tally::Bucket| {
            b.count() > 0 || (b.label != UNSUPPORTED_LANGUAGE && b.label != NOT_ASKED)
        };
        for b in sub.buckets.iter().filter(|b| show(b)) {
            let what = match phrase(&q.id, &b.label) {
                Some(p) => p.to_string(),
                None => format!("are labelled {}", h(&b.label)),
            };
            let covered = self.covered_by_label(qi, &b.label);
            let _ = write!(
                o,
                "<p class=\"headline\"><b>{} of {}</b> {} ({}%) {what}",
                b.count(),
                sub.total,
                if sub.total == 1 {
                    "submission"
                } else {
                    "submissions"
                },
                pct(b.count(), sub.total)
            );
            if let Some((m, obs, other)) = covered {
                let mut parts = vec![count(m, "UN Member State", "UN Member States")];
                if obs > 0 {
                    parts.push(count(obs, "observer State", "observer States"));
                }
                if other > 0 {
                    parts.push(count(other, "other code", "other codes"));
                }
                let _ = write!(o, ", covering {}", join_and(&parts));
            }
            o.push_str(".</p>\n");
        }
        if let Some(s) = &st.states {
            let _ = write!(
                o,
                "<p class=\"note\">Counting each State once (group and regional submissions expanded to their members; policy <code>{}</code>: {}): {} = {}",
                s.policy.as_str(),
                match s.policy {
                    Policy::Own => "a State's own submission wins over its groups'",
                    Policy::Group => "a State's groups' submissions win over its own",
                    Policy::OwnOnly => "only a State's own submission counts",
                },
                count(st.total, "State", "States"),
                join_and(&{
                    let mut p = vec![count(s.member_states.len(), "UN Member State", "UN Member States")];
                    p.push(count(s.observer_states.len(), "observer State", "observer States"));
                    if !s.other_states.is_empty() {
                        p.push(count(s.other_states.len(), "other code", "other codes"));
                    }
                    p
                })
            );
            if !s.other_states.is_empty() {
                let _ = write!(
                    o,
                    " (other codes, neither UN Member nor observer States: {})",
                    h(&s.other_states.join(" "))
                );
            }
            o.push_str(".</p>\n");
            for b in st.buckets.iter().filter(|b| b.count() > 0) {
                let what = match phrase(&q.id, &b.label) {
                    Some(p) => p.to_string(),
                    None => format!("are labelled {}", h(&b.label)),
                };
                let (m, obs, other) = st.by_membership(b);
                let mut parts = vec![count(m, "UN Member State", "UN Member States")];
                if obs > 0 {
                    parts.push(count(obs, "observer State", "observer States"));
                }
                if other > 0 {
                    parts.push(count(other, "other code", "other codes"));
                }
                let _ = writeln!(
                    o,
                    "<p class=\"headline\"><b>{} of {}</b> States ({}%) {what}: {}.</p>",
                    b.count(),
                    st.total,
                    pct(b.count(), st.total),
                    join_and(&parts)
                );
            }
        }
        // Bars: share of submissions and of States per label.
        let _ = writeln!(
            o,
            "<table class=\"bars\" aria-label=\"Counts of {}\"><thead><tr><th>label</th><th>submissions</th><th></th><th>States</th><th></th></tr></thead><tbody>",
            h(&q.id)
        );
        for label in &q.labels {
            let sb = sub.bucket(label).map_or(0, |b| b.count());
            let sc = st.bucket(label).map_or(0, |b| b.count());
            if sb == 0 && sc == 0 && (label == UNSUPPORTED_LANGUAGE || label == NOT_ASKED) {
                continue;
            }
            let k = q.colour_of(label);
            let bar = |n: usize, total: usize| {
                let w = if total == 0 {
                    0.0
                } else {
                    n as f64 * 100.0 / total as f64
                };
                format!(
                    "<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect class=\"k{k}\" width=\"{w:.2}\" height=\"10\"/></svg>"
                )
            };
            let _ = writeln!(
                o,
                "<tr><th>{}</th><td class=\"bar\">{}</td><td class=\"n\">{} of {} ({}%)</td><td class=\"bar\">{}</td><td class=\"n\">{} of {} ({}%)</td></tr>",
                h(label),
                bar(sb, sub.total),
                sb,
                sub.total,
                pct(sb, sub.total),
                bar(sc, st.total),
                sc,
                st.total,
                pct(sc, st.total)
            );
        }
        o.push_str("</tbody></table>\n");
        if let Some(s) = &st.states {
            if !s.conflicts.is_empty() {
                let _ = write!(
                    o,
                    "<details><summary>{} whose submissions disagree</summary><ul>",
                    count(s.conflicts.len(), "State", "States")
                );
                for c in &s.conflicts {
                    let subs: Vec<String> = c
                        .submissions
                        .iter()
                        .map(|v| {
                            let link = self.inputs.documents.iter().position(|d| d.meta.id == v.id);
                            let id = match link {
                                Some(i) => format!("<a href=\"#d{i}\">{}</a>", h(&v.id)),
                                None => h(&v.id).to_string(),
                            };
                            format!(
                                "{id} {} ({})",
                                h(&v.label),
                                match v.coverage {
                                    Tier::Own => "own",
                                    Tier::Group => "group",
                                }
                            )
                        })
                        .collect();
                    let _ = write!(
                        o,
                        "<li><b>{}</b> → {}: {}</li>",
                        h(&c.state),
                        h(&c.label),
                        subs.join(", ")
                    );
                }
                o.push_str("</ul></details>\n");
            }
            if !s.left_out.is_empty() {
                let ids: Vec<String> = s
                    .left_out
                    .iter()
                    .map(|l| {
                        format!(
                            "{} ({})",
                            h(&l.id),
                            h(l.actor_kind.as_deref().unwrap_or("no kind"))
                        )
                    })
                    .collect();
                let _ = writeln!(
                    o,
                    "<p class=\"note\">Not counted by State: {} that cover{} no State: {}.</p>",
                    count(s.left_out.len(), "submission", "submissions"),
                    if s.left_out.len() == 1 { "s" } else { "" },
                    ids.join(", ")
                );
            }
            if !s.group_only.is_empty() {
                let _ = writeln!(
                    o,
                    "<p class=\"note\">Covered only by group submissions, not counted (policy own-only): {}.</p>",
                    h(&s.group_only.join(" "))
                );
            }
        }
        if !q.flagged.is_empty() {
            let _ = writeln!(
                o,
                "<p class=\"note\">{} flagged <code>needs_review</code> (⚑ in the table).</p>",
                count(q.flagged.len(), "label is", "labels are")
            );
        }
        o.push_str("</div>\n");
    }

    /// The States covered by the submissions with `label` (own or group),
    /// split by UN membership: (Member States, observer States, others).
    fn covered_by_label(&self, qi: usize, label: &str) -> Option<(usize, usize, usize)> {
        let q = &self.questions[qi];
        let mut covered = BTreeSet::new();
        for d in self.docs() {
            if tally::answer(d, &q.id) != label {
                continue;
            }
            match tally::coverage(d) {
                Coverage::Own(s) => {
                    covered.insert(s);
                }
                Coverage::Group(ms) => covered.extend(ms),
                Coverage::None => {}
            }
        }
        if covered.is_empty() {
            return None;
        }
        let mut n = (0, 0, 0);
        for c in &covered {
            match un::classify_code(c) {
                Membership::Member => n.0 += 1,
                Membership::Observer => n.1 += 1,
                Membership::Other => n.2 += 1,
            }
        }
        Some(n)
    }

    // ---- the map ----

    pub(super) fn map(&self, o: &mut String) {
        let (w, hgt) = map::view_box();
        let _ = write!(
            o,
            "<section id=\"map\" aria-label=\"Map\">\n<h2>Map</h2>\n\
             <p class=\"note\">Each State coloured by its label for the chosen question, group submissions expanded to their members. \
             Hover or focus a State for its name and label; select it for the evidence.</p>\n"
        );
        for (qi, q) in self.questions.iter().enumerate() {
            let _ = write!(
                o,
                "<ul class=\"legend perq\" data-qi=\"{qi}\"{} aria-label=\"Legend for {}\">",
                hidden(qi),
                h(&q.id)
            );
            for label in &q.labels {
                let n = q.by_state.bucket(label).map_or(0, |b| b.count());
                if n == 0 && (label == UNSUPPORTED_LANGUAGE || label == NOT_ASKED) {
                    continue;
                }
                let _ = write!(
                    o,
                    "<li data-label=\"{}\"><svg class=\"sw\" aria-hidden=\"true\"><rect class=\"k{}\" width=\"14\" height=\"14\"/></svg>{} ({})</li>",
                    h(label),
                    q.colour_of(label),
                    h(label),
                    count(n, "State", "States")
                );
            }
            o.push_str("<li data-none=\"\"><svg class=\"sw\" aria-hidden=\"true\"><rect class=\"knone\" width=\"14\" height=\"14\"/></svg>no submission</li></ul>\n");
        }
        let _ = write!(
            o,
            "<div class=\"mapwrap\"><svg class=\"map\" viewBox=\"0 0 {w} {hgt}\" role=\"group\" aria-label=\"World map of the States' labels\">\n<path class=\"sea\" d=\"{}\"/>\n",
            map::sphere()
        );
        let shapes = map::shapes();
        for s in &shapes {
            if s.code == "-" {
                let _ = writeln!(
                    o,
                    "<path class=\"terr\" d=\"{}\"><title>{} (no ISO code)</title></path>",
                    s.path,
                    h(s.name)
                );
                continue;
            }
            match self.states.get(s.code) {
                Some(st) => {
                    let attrs = state_attrs(st);
                    let href = st
                        .link
                        .map(|i| format!(" href=\"#d{i}\""))
                        .unwrap_or_default();
                    let _ = writeln!(
                        o,
                        "<a class=\"st\"{href} data-iso=\"{}\"{attrs} aria-label=\"{}\"><path d=\"{}\"/><title>{}</title></a>",
                        s.code,
                        h(&format!("{} ({})", st.name, s.code)),
                        s.path,
                        h(&self.state_title(s.code, st))
                    );
                }
                None => {
                    let _ = writeln!(
                        o,
                        "<path class=\"st\" data-iso=\"{}\" data-name=\"{}\" d=\"{}\"><title>{} ({}): no submission</title></path>",
                        s.code,
                        h(s.name),
                        s.path,
                        h(s.name),
                        s.code
                    );
                }
            }
        }
        o.push_str("</svg></div>\n<p id=\"mapinfo\" aria-live=\"polite\" data-default=\"Hover or focus a State.\">Hover or focus a State.</p>\n");
        let off: Vec<(&String, &StateView)> = self
            .states
            .iter()
            .filter(|(code, _)| !shapes.iter().any(|s| s.code == code.as_str()))
            .collect();
        if !off.is_empty() {
            let _ = write!(
                o,
                "<p class=\"note\">Not on the map ({}; codes the map does not have):</p><ul class=\"offmap\">",
                count(off.len(), "State", "States")
            );
            for (code, st) in off {
                let attrs = state_attrs(st);
                let href = st
                    .link
                    .map(|i| format!(" href=\"#d{i}\""))
                    .unwrap_or_default();
                let _ = write!(
                    o,
                    "<li><a class=\"st\"{href} data-iso=\"{}\"{attrs} title=\"{}\"><svg class=\"sw\" aria-hidden=\"true\"><rect width=\"14\" height=\"14\"/></svg> {}</a></li>",
                    h(code),
                    h(&self.state_title(code, st)),
                    h(code)
                );
            }
            o.push_str("</ul>\n");
        }
        o.push_str("</section>\n");
    }

    /// A State's name and its label for every question, in words.
    fn state_title(&self, code: &str, st: &StateView) -> String {
        let labels: Vec<String> = self
            .questions
            .iter()
            .zip(&st.labels)
            .map(|(q, l)| {
                format!(
                    "{}: {}",
                    q.id,
                    l.map_or("no submission", |i| q.labels[i].as_str())
                )
            })
            .collect();
        format!("{} ({}): {}", st.name, code, labels.join("; "))
    }
}
