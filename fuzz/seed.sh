#!/bin/sh
# Seeds fuzz/corpus/<target>/ with a few valid inputs from the repository.
# Run from anywhere; the corpus folders are not committed (fuzz/.gitignore).
set -eu
cd "$(dirname "$0")"
mkdir -p corpus/lexicon corpus/manifest corpus/jsonl corpus/classify
cp ../lexicons/laws-en.toml corpus/lexicon/seed-laws-en.toml
cat > corpus/lexicon/seed-small.toml <<'TOML'
[lexicon]
name = "small"
language = "en"
[[question]]
id = "instrument"
labels = ["support", "oppose", "undecided"]
default = "undecided"
hedged = "undecided"
negated = { support = "oppose", oppose = "support" }
min_score = 1.0
min_margin = 0.5
[[question]]
id = "forum"
labels = ["ccw", "open", "unspecified"]
default = "unspecified"
dominant = "open"
[topic]
terms = ["autonomous weapon* system*", "killer robot*"]
case_sensitive = ["LAWS"]
exclude = ["climate"]
window = 1
document_min = 2
document_density = 5.0
[[modifier]]
kind = "negation"
phrases = ["not", "no"]
[[modifier]]
kind = "negation"
scope = "after"
window = 6
factor = 2.0
phrases = ["is premature"]
[[modifier]]
kind = "pseudo"
phrases = ["not only"]
[[modifier]]
kind = "terminator"
phrases = ["however", ";"]
[[modifier]]
kind = "hedge"
phrases = ["at this stage"]
[[modifier]]
kind = "attribution"
phrases = ["some states"]
[[modifier]]
kind = "booster"
factor = 2.0
phrases = ["call* for"]
[[cues]]
question = "instrument"
label = "support"
weight = 2.0
phrases = ["legally binding instrument*", "treaty", "ban"]
[[cues]]
question = "instrument"
label = "oppose"
negated = "none"
phrases = ["no legal gap"]
[[cues]]
question = "forum"
label = "ccw"
case_sensitive = true
phrases = ["CCW"]
TOML
cp ../corpus/manifest.csv corpus/manifest/seed-corpus-manifest.csv
printf 'id,file,actor,actor_name,actor_kind,members,language,original_language,date,forum,source\nA,a.txt,AAA,State A,state,,en,en,2026-01-01,ccw,x\nB,b.txt,GRP,Group B,group,AAA;BBB,en,fr,2026,ga,"y, z"\n' \
  > corpus/manifest/seed-ab.csv
printf '{"id":"a","text":"We call for a legally binding instrument on autonomous weapons systems.","members":["AAA"],"language":"en"}\n\n{"id":2,"text":"Some States do not oppose a ban on LAWS; it is premature at this stage.","members":"AAA;BBB"}\n' \
  > corpus/jsonl/seed.jsonl
for f in ../corpus/*.txt; do cp "$f" "corpus/classify/seed-$(basename "$f")"; done
