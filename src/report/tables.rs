//! The tables of the report: submissions (filterable, sortable) and States
//! (with their recorded votes).

use super::*;

impl Page<'_> {
    // ---- the table of submissions ----

    pub(super) fn submissions(&self, o: &mut String) {
        let docs = self.inputs.documents;
        let _ = writeln!(
            o,
            "<section id=\"submissions\" aria-label=\"Submissions\">\n<h2>Submissions</h2>"
        );
        let kinds: BTreeSet<&str> = docs
            .iter()
            .map(|d| d.meta.actor_kind.as_deref().unwrap_or(""))
            .collect();
        let langs: BTreeSet<&str> = docs
            .iter()
            .map(|d| d.meta.language.as_deref().unwrap_or(""))
            .collect();
        o.push_str("<div class=\"filters\" role=\"search\" aria-label=\"Filter the submissions\">");
        for (qi, q) in self.questions.iter().enumerate() {
            let _ = write!(
                o,
                "<label class=\"perq\" data-qi=\"{qi}\"{}>Label ({})<select class=\"f-label\" data-qi=\"{qi}\"><option value=\"\">any</option>",
                hidden(qi),
                h(&q.id)
            );
            for label in &q.labels {
                if q.by_submission.bucket(label).is_some_and(|b| b.count() > 0) {
                    let _ = write!(o, "<option value=\"{0}\">{0}</option>", h(label));
                }
            }
            o.push_str("</select></label>");
        }
        let options = |set: &BTreeSet<&str>, o: &mut String| {
            for v in set {
                let _ = write!(
                    o,
                    "<option value=\"{}\">{}</option>",
                    h(v),
                    if v.is_empty() {
                        "(none)".to_string()
                    } else {
                        h(v).to_string()
                    }
                );
            }
        };
        o.push_str("<label>Kind<select id=\"f-kind\"><option value=\"\">any</option>");
        options(&kinds, o);
        o.push_str(
            "</select></label><label>Language<select id=\"f-lang\"><option value=\"\">any</option>",
        );
        options(&langs, o);
        o.push_str("</select></label><label>Search<input id=\"f-text\" type=\"search\" placeholder=\"id, actor, member…\"></label>\
                    <label class=\"check\"><input id=\"f-flag\" type=\"checkbox\">needs review</label>");
        let _ = writeln!(
            o,
            "<span id=\"f-count\" aria-live=\"polite\">{n} of {n} submissions shown</span></div>",
            n = docs.len()
        );
        o.push_str("<div class=\"tablewrap\"><table class=\"data\" id=\"subs\"><thead><tr>\
            <th><button type=\"button\">id</button></th><th><button type=\"button\">actor</button></th>\
            <th><button type=\"button\">kind</button></th><th data-num=\"\"><button type=\"button\">members</button></th>\
            <th><button type=\"button\">language</button></th>");
        for q in &self.questions {
            let _ = write!(
                o,
                "<th><button type=\"button\">{}</button></th><th data-num=\"\"><button type=\"button\">conf.</button></th>",
                h(&q.id)
            );
        }
        o.push_str("</tr></thead><tbody>\n");
        for (i, d) in docs.iter().enumerate() {
            let m = &d.meta;
            let _ = write!(
                o,
                "<tr data-kind=\"{}\" data-lang=\"{}\"",
                h(m.actor_kind.as_deref().unwrap_or("")),
                h(m.language.as_deref().unwrap_or(""))
            );
            for (qi, q) in self.questions.iter().enumerate() {
                let _ = write!(o, " data-l{qi}=\"{}\"", h(tally::answer(d, &q.id)));
                if d.questions.get(&q.id).is_some_and(|r| r.needs_review) {
                    let _ = write!(o, " data-f{qi}=\"\"");
                }
            }
            let actor = match &m.actor_name {
                Some(n) => format!("{} <span class=\"note\">{}</span>", h(n), h(&m.actor)),
                None => h(&m.actor).to_string(),
            };
            let _ = write!(
                o,
                "><td data-sort=\"{}\"><a href=\"#d{i}\">{}</a></td><td>{actor}</td><td>{}</td>",
                h(&m.id),
                h(&m.id),
                h(m.actor_kind.as_deref().unwrap_or(""))
            );
            if m.members.is_empty() {
                o.push_str("<td data-sort=\"0\"></td>");
            } else {
                let _ = write!(
                    o,
                    "<td data-sort=\"{}\" class=\"members\">{}: {}</td>",
                    m.members.len(),
                    m.members.len(),
                    h(&m.members.join(" "))
                );
            }
            let _ = write!(o, "<td>{}</td>", h(m.language.as_deref().unwrap_or("")));
            for q in &self.questions {
                let answer = tally::answer(d, &q.id);
                let k = q.colour_of(answer);
                let _ = write!(
                    o,
                    "<td data-sort=\"{}\"><span class=\"lab k{k}\">{}</span>",
                    h(answer),
                    h(answer)
                );
                match d.questions.get(&q.id) {
                    Some(r) => {
                        if r.needs_review {
                            let reasons: Vec<&str> =
                                r.review_reasons.iter().map(|x| x.name()).collect();
                            let why = if reasons.is_empty() {
                                "needs review".to_string()
                            } else {
                                format!("needs review: {}", reasons.join(", "))
                            };
                            let _ = write!(
                                o,
                                "<span class=\"flag\" title=\"{0}\" aria-label=\"{0}\">⚑</span>",
                                h(&why)
                            );
                        }
                        let _ = write!(o, "</td><td class=\"num\">{:.2}</td>", r.confidence);
                    }
                    None => o.push_str("</td><td class=\"num\"></td>"),
                }
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody></table></div>\n</section>\n");
    }

    // ---- the table of States ----

    pub(super) fn state_table(&self, o: &mut String) {
        let docs = self.inputs.documents;
        let votes = self.inputs.votes;
        let _ = writeln!(
            o,
            "<section id=\"states\" aria-label=\"States\">\n<h2>States</h2>"
        );
        if self.states.is_empty() {
            o.push_str("<p>No submission covers a State.</p>\n</section>\n");
            return;
        }
        let _ = writeln!(
            o,
            "<p class=\"note\">{} covered by the submissions, each with its label per question (policy <code>{}</code>){}.</p>",
            count(self.states.len(), "State", "States"),
            self.options.policy.as_str(),
            if votes.is_some() {
                " and its recorded votes (Y yes, N no, A abstain, X not voting; a resolution asking for views and further work is not a vote on a treaty)"
            } else {
                ""
            }
        );
        if let Some(v) = votes {
            // How the States of each label voted.
            for (qi, q) in self.questions.iter().enumerate() {
                let _ = write!(
                    o,
                    "<div class=\"perq\" data-qi=\"{qi}\"{}><table class=\"kv\"><caption class=\"note\">{}: States by label and vote</caption><thead><tr><th>label</th>",
                    hidden(qi),
                    h(&q.id)
                );
                for b in &v.ballots {
                    let _ = write!(
                        o,
                        "<th colspan=\"5\">{} ({}, {})</th>",
                        h(&b.symbol),
                        h(&b.body),
                        h(&b.date)
                    );
                }
                o.push_str("</tr><tr><th></th>");
                for _ in &v.ballots {
                    o.push_str("<th>Y</th><th>N</th><th>A</th><th>X</th><th>none</th>");
                }
                o.push_str("</tr></thead><tbody>");
                for (li, label) in q.labels.iter().enumerate() {
                    let codes: Vec<&String> = self
                        .states
                        .iter()
                        .filter(|(_, st)| st.labels[qi] == Some(li))
                        .map(|(c, _)| c)
                        .collect();
                    if codes.is_empty() {
                        continue;
                    }
                    let _ = write!(o, "<tr><th>{}</th>", h(label));
                    for b in &v.ballots {
                        for want in ['Y', 'N', 'A', 'X'] {
                            let n = codes
                                .iter()
                                .filter(|c| v.vote(&b.id, c) == Some(want))
                                .count();
                            let _ = write!(o, "<td>{n}</td>");
                        }
                        let n = codes.iter().filter(|c| v.vote(&b.id, c).is_none()).count();
                        let _ = write!(o, "<td>{n}</td>");
                    }
                    o.push_str("</tr>");
                }
                o.push_str("</tbody></table></div>\n");
            }
        }
        o.push_str("<div class=\"tablewrap\"><table class=\"data\" id=\"statetable\"><thead><tr>\
            <th><button type=\"button\">State</button></th><th><button type=\"button\">name</button></th>\
            <th><button type=\"button\">UN</button></th>");
        for q in &self.questions {
            let _ = write!(o, "<th><button type=\"button\">{}</button></th>", h(&q.id));
        }
        o.push_str("<th>submissions</th>");
        if let Some(v) = votes {
            for b in &v.ballots {
                let _ = write!(
                    o,
                    "<th title=\"{}\"><button type=\"button\">{}</button></th>",
                    h(&format!("{}, {}, {}", b.symbol, b.body, b.date)),
                    h(&b.id)
                );
            }
        }
        o.push_str("</tr></thead><tbody>\n");
        for (code, st) in &self.states {
            let un = match un::classify_code(code) {
                Membership::Member => "member",
                Membership::Observer => "observer",
                Membership::Other => "other",
            };
            let _ = write!(
                o,
                "<tr id=\"s-{}\"><td>{}</td><td>{}</td><td>{un}</td>",
                h(code),
                h(code),
                h(&st.name)
            );
            for (qi, q) in self.questions.iter().enumerate() {
                match st.labels[qi] {
                    Some(li) => {
                        let label = &q.labels[li];
                        let _ = write!(
                            o,
                            "<td data-sort=\"{}\"><span class=\"lab k{}\">{}</span></td>",
                            h(label),
                            colour(label, li),
                            h(label)
                        );
                    }
                    None => o.push_str("<td></td>"),
                }
            }
            let links: Vec<String> = st
                .covering
                .iter()
                .map(|&(i, tier)| {
                    format!(
                        "<a href=\"#d{i}\">{}</a>{}",
                        h(&docs[i].meta.id),
                        if tier == Tier::Group { " (group)" } else { "" }
                    )
                })
                .collect();
            let _ = write!(o, "<td>{}</td>", links.join(", "));
            if let Some(v) = votes {
                for b in &v.ballots {
                    match v.vote(&b.id, code) {
                        Some(c) => {
                            let _ = write!(o, "<td title=\"{}\">{c}</td>", vote_name(c));
                        }
                        None => o.push_str("<td title=\"no record\">–</td>"),
                    }
                }
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody></table></div>\n</section>\n");
    }
}
