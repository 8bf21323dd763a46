#!/usr/bin/env python3
"""stancer side by side with the tools an analyst would otherwise use.

One run, one corpus, one phrase list (the `phrases` of every `[[cues]]` block of
the lexicon):

  a. stancer      `stancer classify CORPUS --format jsonl --threads 1` (and 2),
                  best of 3 runs, output discarded;
  b. spaCy        blank English tokenizer + sentencizer + PhraseMatcher
                  (attr="LOWER") over the cue phrases, and for every match a
                  NegEx-style negation check like negspaCy's;
  c. VADER        polarity scores of every sentence that holds a cue match (b);
  d. comparison   stancer's raw per-cue occurrence counts (`stancer lexicon
                  check --json`) against the PhraseMatcher's, phrase by phrase,
                  with the reason of every difference.

It prints a markdown report (tables ready for BENCHMARKS.md) and writes it to
`--out` when given. See benches/peers/README.md.

    pip install -r benches/peers/requirements.txt
    python3 benches/peers/run.py [--corpus DIR] [--lexicon FILE] [--stancer BIN] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "ungdc-2013-2024"
DEFAULT_LEXICON = REPO / "lexicons" / "laws-en.toml"
DEFAULT_STANCER = REPO / "target" / "release" / "stancer"

TARGET_SPEEDUP = 100.0  # the target: stancer >= 100x faster than the spaCy pipeline
MB = 1e6  # MB/s are decimal megabytes (10^6 bytes) of text per second

# NegEx-style negation, after negspaCy's general English termset ("en"), plus the
# explicit rejections of the issue. A cue match is negated when a trigger ends
# at most NEGATION_WINDOW tokens before it in the same sentence, with no
# terminator in between; a trigger inside a pseudo-negation ("not only") is no
# trigger.
NEGATION_WINDOW = 5
NEGATION_TRIGGERS = [
    "not", "no", "never", "without", "neither", "nor", "cannot", "can't", "cant", "don't", "dont",
    "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt", "aren't", "arent", "wasn't", "wasnt",
    "weren't", "werent", "won't", "couldn't", "absence of", "lack of", "doubt", "denied", "declined",
    "against", "does not support", "do not support", "cannot support", "no need for", "there is no need",
    "oppose", "opposes", "reject", "rejects",
]
PSEUDO_NEGATIONS = [
    "not only", "not just", "not merely", "not least", "no doubt", "no later than", "not later than",
    "without delay", "without further delay", "without prejudice", "without exception", "no one",
]
TERMINATORS = [
    "but", "however", "although", "apart from", "aside from", "except", "nevertheless", "still",
    "though", "which", "yet",
]


# --------------------------------------------------------------------------
# Inputs: lexicon and corpus
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    """One cue phrase of the lexicon, as stancer and the PhraseMatcher see it."""

    index: int  # position in the lexicon (the order of `lexicon check`'s counts)
    question: str
    label: str
    phrase: str  # as written, `word*` = any ending
    case_sensitive: bool

    @property
    def key(self) -> tuple[str, str]:
        return (self.question, self.phrase)

    @property
    def wildcard(self) -> bool:
        return "*" in self.phrase

    @property
    def pattern(self) -> str:
        """What the PhraseMatcher gets: PhraseMatcher has no wildcards, so a
        `word*` becomes the stem `word`, matched only as a whole token."""
        return self.phrase.replace("*", "")


def load_cues(path: Path) -> list[Cue]:
    with path.open("rb") as f:
        lexicon = tomllib.load(f)
    cues = []
    for block in lexicon.get("cues", []):
        for phrase in block["phrases"]:
            cues.append(
                Cue(len(cues), block["question"], block["label"], phrase, block.get("case_sensitive", False))
            )
    return cues


@dataclass
class Document:
    id: str
    path: Path
    text: str
    size: int  # bytes on disk
    _utf8: bytes | None = field(default=None, repr=False)

    @property
    def utf8(self) -> bytes:
        if self._utf8 is None:
            self._utf8 = self.text.encode("utf-8")
        return self._utf8

    def byte_offset(self, char_offset: int) -> int:
        """UTF-8 byte offset (stancer's offsets) of a character offset (spaCy's)."""
        if self.text.isascii():
            return char_offset
        return len(self.text[:char_offset].encode("utf-8"))

    def char_offset(self, byte_offset: int) -> int:
        if self.text.isascii():
            return byte_offset
        return len(self.utf8[:byte_offset].decode("utf-8"))


def decode(raw: bytes) -> str:
    """Decodes a text file the way stancer does: UTF-8 (BOM dropped), UTF-16 with
    a BOM, otherwise Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def manifest_rows(corpus: Path, sample: int | None) -> list[dict[str, str]]:
    with (corpus / "manifest.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return rows[:sample] if sample else rows


def load_corpus(corpus: Path, rows: list[dict[str, str]]) -> list[Document]:
    """Reads every text once; the Python tools then work from memory."""
    docs = []
    for row in rows:
        path = corpus / row["file"]
        raw = path.read_bytes()
        docs.append(Document(row["id"], path, decode(raw), len(raw)))
    return docs


def sample_corpus(corpus: Path, rows: list[dict[str, str]], into: Path) -> Path:
    """A corpus folder holding only `rows` (manifest with absolute file paths), for --sample."""
    into.mkdir()
    with (into / "manifest.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        for row in rows:
            w.writerow({**row, "file": str((corpus / row["file"]).resolve())})
    return into


# --------------------------------------------------------------------------
# a. stancer
# --------------------------------------------------------------------------


def ensure_stancer(binary: Path) -> None:
    if binary.is_file():
        return
    if binary != DEFAULT_STANCER:
        sys.exit(f"{binary}: no such file")
    print("building stancer (cargo build --release) ...", file=sys.stderr)
    subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True)


def stancer(binary: Path, *args: str, stdout=subprocess.PIPE) -> str:
    r = subprocess.run([str(binary), *args], stdout=stdout, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"stancer {' '.join(args)} failed ({r.returncode}):\n{r.stderr}")
    return r.stdout


def time_stancer(binary: Path, corpus: Path, threads: int, runs: int) -> float:
    """Best wall time of `runs` classify runs. The output goes to stdout, piped to
    /dev/null: `-o /dev/null` must not be used, since -o writes a temporary file
    beside the target and renames it over the target (as root, that replaces the
    /dev/null device with a regular file)."""
    args = ["classify", str(corpus), "--format", "jsonl", "--threads", str(threads)]
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        stancer(binary, *args, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t0)
    return best


# --------------------------------------------------------------------------
# b. spaCy pipeline, c. VADER
# --------------------------------------------------------------------------

# A match: (document index, start, end) in character offsets of the document's text.
Occurrence = tuple[int, int, int]


@dataclass
class SpacyRun:
    setup_s: float = 0.0
    seconds: float = 0.0
    tokens: int = 0
    sentences: int = 0
    cue_matches: int = 0
    negated: int = 0
    matches: dict[int, list[Occurrence]] = field(default_factory=lambda: defaultdict(list))  # by cue index
    cue_sentences: list[str] = field(default_factory=list)


def run_spacy(docs: list[Document], cues: list[Cue], batch_size: int) -> SpacyRun:
    import spacy
    from spacy.matcher import PhraseMatcher

    out = SpacyRun()
    t0 = time.perf_counter()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    # One pass finds cues and negation triggers: every pattern in one matcher,
    # told apart by its key. Case-sensitive cues (none in laws-en) need ORTH.
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    orth = PhraseMatcher(nlp.vocab, attr="ORTH")
    kind: dict[int, int | str] = {}  # match id -> cue index, or "neg" / "pseudo" / "term"
    for cue in cues:
        key = f"cue:{cue.index}"
        kind[nlp.vocab.strings.add(key)] = cue.index
        (orth if cue.case_sensitive else lower).add(key, [nlp.make_doc(cue.pattern)])
    for name, phrases in (("neg", NEGATION_TRIGGERS), ("pseudo", PSEUDO_NEGATIONS), ("term", TERMINATORS)):
        kind[nlp.vocab.strings.add(name)] = name
        lower.add(name, [nlp.make_doc(p) for p in phrases])
    matchers = [m for m in (lower, orth) if len(m)]
    out.setup_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    for i, doc in enumerate(nlp.pipe((d.text for d in docs), batch_size=batch_size)):
        out.tokens += len(doc)
        out.sentences += sum(1 for _ in doc.sents)
        found: list[tuple[int, int, int]] = []  # (cue index, start token, end token)
        neg, pseudo, term = [], [], []
        for m in matchers:
            for match_id, start, end in m(doc):
                k = kind[match_id]
                if isinstance(k, int):
                    found.append((k, start, end))
                else:
                    {"neg": neg, "pseudo": pseudo, "term": term}[k].append((start, end))
        triggers = [(s, e) for s, e in neg if not any(ps <= s and e <= pe for ps, pe in pseudo)]
        seen_sentences = set()
        for cue_index, start, end in found:
            sent = doc[start].sent
            lo = max(sent.start, start - NEGATION_WINDOW)
            if any(
                lo <= ns and ne <= start and not any(ne <= ts and te <= start for ts, te in term)
                for ns, ne in triggers
            ):
                out.negated += 1
            if sent.start not in seen_sentences:
                seen_sentences.add(sent.start)
                out.cue_sentences.append(sent.text)
            last = doc[end - 1]
            out.matches[cue_index].append((i, doc[start].idx, last.idx + len(last)))
        out.cue_matches += len(found)
    out.seconds = time.perf_counter() - t0
    return out


def run_vader(sentences: list[str]) -> tuple[float, Counter]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    polarity: Counter = Counter()
    t0 = time.perf_counter()
    for s in sentences:
        c = analyzer.polarity_scores(s)["compound"]
        polarity["positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"] += 1
    return time.perf_counter() - t0, polarity


# --------------------------------------------------------------------------
# d. occurrence comparison
# --------------------------------------------------------------------------

# An occurrence in UTF-8 byte offsets: (document index, start, end).
ByteOcc = tuple[int, int, int]


def stancer_counts(binary: Path, lexicon: Path, corpus: Path) -> dict[tuple[str, str], int]:
    """Raw per-cue hits (before topic scope and modifiers, leftmost-longest per question)."""
    report = json.loads(stancer(binary, "lexicon", "check", str(lexicon), "--corpus", str(corpus), "--json"))
    return {(c["question"], c["cue"]): c["hits"] for c in report["counts"]}


def stancer_occurrences(binary: Path, corpus: Path, cues: list[Cue], docs: list[Document]) -> dict[int, set[ByteOcc]]:
    """Every occurrence of every cue phrase on its own (`stancer kwic --tsv`), by cue index."""
    index = {d.id: i for i, d in enumerate(docs)}
    out: dict[int, set[ByteOcc]] = {}
    for cue in cues:
        args = ["kwic", str(corpus), cue.phrase, "--tsv", "--width", "0"]
        if cue.case_sensitive:
            args.append("--case-sensitive")
        rows = stancer(binary, *args).splitlines()[1:]  # header: id start end left match right
        out[cue.index] = {
            (index[f[0]], int(f[1]), int(f[2])) for f in (r.split("\t") for r in rows)
        }
    return out


def leftmost_longest(occ: dict[int, set[ByteOcc]], cues: list[Cue]) -> dict[int, set[ByteOcc]]:
    """stancer's rule: within one question and document, the leftmost match wins,
    then the longest (then the first cue of the lexicon); matches never overlap."""
    by_group: dict[tuple[str, int], list[tuple[int, int, int]]] = defaultdict(list)
    for ci, found in occ.items():
        for d, s, e in found:
            by_group[(cues[ci].question, d)].append((s, -e, ci))
    kept: dict[int, set[ByteOcc]] = defaultdict(set)
    for (_, d), matches in by_group.items():
        last_end = -1
        for s, neg_e, ci in sorted(matches):
            if s >= last_end:
                kept[ci].add((d, s, -neg_e))
                last_end = -neg_e
    return kept


def filter_spans_total(occ: dict[int, set[ByteOcc]], cues: list[Cue]) -> int:
    """spacy.util.filter_spans' rule (longest first, then leftmost), per question, for reference."""
    by_group: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for ci, found in occ.items():
        for d, s, e in found:
            by_group[(cues[ci].question, d)].append((s, e))
    total = 0
    for spans in by_group.values():
        taken: list[tuple[int, int]] = []
        for s, e in sorted(spans, key=lambda x: (-(x[1] - x[0]), x[0])):
            if all(e <= ts or s >= te for ts, te in taken):
                taken.append((s, e))
        total += len(taken)
    return total


DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
CURLY = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f"


def why_spacy_missed(cue: Cue, doc: Document, s: int, e: int, nlp) -> str:
    """Why the PhraseMatcher does not find an occurrence stancer finds (byte offsets)."""
    text = doc.utf8[s:e].decode("utf-8")
    if cue.wildcard:
        stems = cue.phrase.split()
        words = re.findall(r"\w+(?:'\w+)?", text.replace("\u2019", "'"))
        if len(words) == len(stems) and any(
            st.endswith("*") and len(w) > len(st) - 1 for st, w in zip(stems, words)
        ):
            return "wildcard: the PhraseMatcher only matches the stem as a whole word"
    if "\n" in text or "\r" in text:
        return "line break inside the phrase (spaCy makes it a token)"
    if any(c in DASHES for c in text):
        return "hyphen (spaCy splits it off as a token)"
    if any(c in CURLY for c in text):
        return "curly quote vs straight quote"
    if not text.isascii() and unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() != text:
        return "diacritics or other non-ASCII letter"
    if re.search(r"\s\s|[^\S ]", text):
        return "extra or non-breaking white space (spaCy makes it a token)"
    # Does spaCy's tokenizer put token boundaries where the phrase starts and ends?
    cs, ce = doc.char_offset(s), doc.char_offset(e)
    lo = max(0, cs - 40)
    window = nlp.make_doc(doc.text[lo:ce + 40])
    starts = {t.idx + lo for t in window}
    ends = {t.idx + len(t) + lo for t in window}
    if cs not in starts or ce not in ends:
        return "spaCy tokenizes the words differently"
    return "other"


def why_stancer_missed(doc: Document, s: int, e: int) -> str:
    """Why stancer does not find an occurrence the PhraseMatcher finds (byte offsets)."""
    before = doc.utf8[max(0, s - 4):s].decode("utf-8", "ignore")
    after = doc.utf8[e:e + 4].decode("utf-8", "ignore")
    if (before and before[-1].isalnum()) or (after and after[0].isalnum()):
        return "not a whole word for stancer (spaCy splits inside a word)"
    return "other"


def excerpt(doc: Document, s: int, e: int, why: str) -> str:
    """The matched text, with a little context when the reason is at its edges."""
    if why.startswith(("not a whole word", "spaCy tokenizes", "other")):
        return doc.utf8[max(0, s - 12):e + 12].decode("utf-8", "ignore")
    return doc.utf8[s:e].decode("utf-8")


def compare(
    cues: list[Cue],
    docs: list[Document],
    counts: dict[tuple[str, str], int],
    stancer_raw: dict[int, set[ByteOcc]],
    spacy_run: SpacyRun,
) -> dict:
    """Compares stancer's and the PhraseMatcher's occurrences, phrase by phrase,
    after the same leftmost-longest-per-question rule on both sides."""
    import spacy

    nlp = spacy.blank("en")
    spacy_raw = {
        ci: {(d, docs[d].byte_offset(s), docs[d].byte_offset(e)) for d, s, e in occ}
        for ci, occ in spacy_run.matches.items()
    }
    stancer_kept = leftmost_longest(stancer_raw, cues)
    spacy_kept = leftmost_longest(spacy_raw, cues)
    # The reconstruction (kwic + leftmost-longest) must give lexicon check's counts.
    unreproduced = [c.phrase for c in cues if len(stancer_kept.get(c.index, ())) != counts[c.key]]

    def owner(kept: dict[int, set[ByteOcc]], question: str, d: int, s: int, e: int) -> str:
        """The kept match of `question` overlapping (d, s, e) on one side."""
        for ci, found in kept.items():
            if cues[ci].question == question:
                for dd, ss, ee in found:
                    if dd == d and ss < e and s < ee:
                        return cues[ci].phrase
        return "?"

    rows, reasons_total = [], Counter()
    for cue in cues:
        ours = stancer_kept.get(cue.index, set())
        theirs = spacy_kept.get(cue.index, set())
        if counts[cue.key] == len(theirs) and ours == theirs:
            continue
        # (sign, reason) -> occurrences; sign "+": stancer only, "-": spaCy only.
        reasons: Counter = Counter()
        examples: dict[tuple[str, str], str] = {}
        for d, s, e in sorted(ours - theirs):
            if (d, s, e) in spacy_raw.get(cue.index, ()):
                why = f"nested: spaCy kept “{owner(spacy_kept, cue.question, d, s, e)}” here"
            else:
                why = why_spacy_missed(cue, docs[d], s, e, nlp)
            reasons["+", why] += 1
            examples.setdefault(("+", why), excerpt(docs[d], s, e, why))
        for d, s, e in sorted(theirs - ours):
            if (d, s, e) in stancer_raw.get(cue.index, ()):
                why = f"nested: stancer kept “{owner(stancer_kept, cue.question, d, s, e)}” here"
            else:
                why = why_stancer_missed(docs[d], s, e)
            reasons["-", why] += 1
            examples.setdefault(("-", why), excerpt(docs[d], s, e, why))
        for (sign, why), n in reasons.items():
            category = "nested in a longer (or more leftward) phrase of the same question" if why.startswith("nested") else why
            reasons_total[sign, category] += n
        rows.append((cue, counts[cue.key], len(theirs), reasons, examples))
    return {
        "stancer_total": sum(counts[c.key] for c in cues),
        "spacy_total": sum(len(v) for v in spacy_kept.values()),
        "spacy_raw_total": sum(len(v) for v in spacy_raw.values()),
        "spacy_filter_spans_total": filter_spans_total(spacy_raw, cues),
        "stancer_raw_total": sum(len(v) for v in stancer_raw.values()),
        "equal": sum(1 for c in cues if counts[c.key] == len(spacy_kept.get(c.index, ()))),
        "rows": rows,
        "reasons": reasons_total,
        "unreproduced": unreproduced,
    }


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def md(s: str) -> str:
    """A table cell: no line breaks, no pipes."""
    return s.replace("\r", "").replace("\n", "⏎").replace("|", "\\|")


def render(ctx: dict) -> str:
    mb = ctx["bytes"] / MB
    t1, t2 = ctx["stancer_1"], ctx["stancer_2"]
    sp, vd = ctx["spacy"], ctx["vader_s"]
    cmp_ = ctx["comparison"]
    cues = ctx["cues"]
    speedup = sp.seconds / t1
    verdict = "PASS" if speedup >= TARGET_SPEEDUP else "FAIL"
    polarity = ", ".join(f"{v:,} {k}" for k, v in sorted(ctx["vader_polarity"].items()))
    reproduced = (
        "which reproduces `lexicon check`'s count of every phrase"
        if not cmp_["unreproduced"]
        else f"which does NOT reproduce `lexicon check` for: {', '.join(cmp_['unreproduced'])}"
    )

    out = [
        "## stancer and its peers: same corpus, same phrase list, one run",
        "",
        f"Corpus `{ctx['corpus_name']}`: {len(ctx['docs']):,} documents, {ctx['bytes']:,} bytes ({mb:.1f} MB);"
        f" lexicon `{ctx['lexicon_name']}`: {len(cues)} cue phrases ({sum(c.wildcard for c in cues)} with a"
        f" `*` wildcard). Machine: {ctx['machine']}. {ctx['versions']}."
        " Produced by `python3 benches/peers/run.py`.",
        "",
        "| tool | wall s | MB/s | slowdown vs stancer (1 thread) |",
        "|---|---:|---:|---:|",
    ]
    for name, secs in [
        ("stancer classify, 1 thread", t1),
        ("stancer classify, 2 threads", t2),
        ("spaCy pipeline (tokenizer + sentencizer + PhraseMatcher + NegEx-style negation)", sp.seconds),
        (f"VADER on the {len(sp.cue_sentences):,} sentences with a cue", vd),
        ("spaCy + VADER", sp.seconds + vd),
    ]:
        out.append(f"| {name} | {secs:.{3 if secs < 1 else 2}f} | {mb / secs:.1f} | {secs / t1:.1f}x |")
    out += [
        "",
        f"**Speed-up spaCy pipeline / stancer (1 thread): {speedup:.0f}x — {verdict}** (target: at least"
        f" {TARGET_SPEEDUP:.0f}x; against stancer with 2 threads: {sp.seconds / t2:.0f}x).",
        "",
        f"* Every time is the best of {ctx['runs']} run(s), on a warm page cache.",
        "* stancer: `stancer classify CORPUS --format jsonl --threads N`, output piped to /dev/null. The time"
        " includes starting the process, compiling the lexicon, reading and decoding every file, topic scope,"
        f" modifiers, labels, and writing the JSON ({ctx['stancer_output_mb']:.1f} MB).",
        f"* spaCy: `spacy.blank(\"en\")` + `sentencizer`, `nlp.pipe(batch_size={ctx['batch_size']})` in one"
        f" process; one `PhraseMatcher(attr=\"LOWER\")` with the {len(cues)} cue phrases,"
        f" {len(NEGATION_TRIGGERS)} negation triggers, {len(PSEUDO_NEGATIONS)} pseudo-negations and"
        f" {len(TERMINATORS)} terminators; a cue match is negated when a trigger ends at most {NEGATION_WINDOW}"
        " tokens before it in its sentence with no terminator between (negspaCy's NegEx). The time is the loop"
        f" alone: the texts were read into memory before ({ctx['read_s']:.2f} s) and the pipeline and matcher"
        f" built before ({sp.setup_s:.2f} s). It found {sp.tokens:,} tokens, {sp.sentences:,} sentences and"
        f" {sp.cue_matches:,} cue matches, {sp.negated:,} of them negated.",
        "* VADER: `SentimentIntensityAnalyzer().polarity_scores` on each sentence holding a cue match"
        f" ({ctx['vader_bytes'] / MB:.2f} MB of sentences; its MB/s is per corpus MB, like the others):"
        f" {polarity}.",
        "",
        "### Same phrase occurrences?",
        "",
        "stancer's raw counts per cue (`stancer lexicon check LEXICON --corpus CORPUS --json`: before topic"
        " scope and modifiers, leftmost-longest within a question) against the PhraseMatcher's matches after"
        " the same leftmost-longest rule, applied in Python per question and document (not `filter_spans`,"
        " which keeps the longest span first; its total is shown for reference). To explain each difference,"
        " stancer's occurrences were listed with `stancer kwic --tsv`, one phrase at a time, and put through"
        f" the same rule, {reproduced}. Wildcard phrases stay in the comparison: the PhraseMatcher gets their"
        " stem without `*` (`prohibit*` → `prohibit`), which matches only that stem as a whole word.",
        "",
        "| | stancer | spaCy PhraseMatcher |",
        "|---|---:|---:|",
        f"| occurrences, every phrase on its own | {cmp_['stancer_raw_total']:,} | {cmp_['spacy_raw_total']:,} |",
        f"| occurrences, leftmost-longest per question | {cmp_['stancer_total']:,} | {cmp_['spacy_total']:,} |",
        f"| occurrences, `filter_spans` per question | | {cmp_['spacy_filter_spans_total']:,} |",
        "",
        f"**{cmp_['equal']} of {len(cues)} phrases have equal counts**; {len(cues) - cmp_['equal']} differ,"
        f" and {len(cmp_['rows']) - (len(cues) - cmp_['equal'])} more have equal counts at different places."
        " Every occurrence found by one side only, by reason (`+`: stancer only, `-`: spaCy only):",
        "",
        "| reason | occurrences |",
        "|---|---:|",
    ]
    for (sign, why), n in cmp_["reasons"].most_common():
        out.append(f"| {sign} {md(why)} | {n:,} |")
    out += [
        "",
        "| question | phrase | stancer | spaCy | why (occurrences; first example) |",
        "|---|---|---:|---:|---|",
    ]
    for cue, ours, theirs, reasons, examples in cmp_["rows"]:
        why = "; ".join(
            f"{sign} {md(what)} ×{n} (“{md(examples[sign, what])}”)" for (sign, what), n in reasons.most_common()
        )
        out.append(f"| {cue.question} | `{md(cue.phrase)}` | {ours:,} | {theirs:,} | {why} |")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def machine() -> str:
    cpu = platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder with manifest.csv")
    ap.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON)
    ap.add_argument("--stancer", type=Path, default=DEFAULT_STANCER, help="built with cargo build --release if missing")
    ap.add_argument("--out", type=Path, help="also write the markdown report here")
    ap.add_argument("--sample", type=int, help="only the first N documents of the manifest")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each tool (the best is kept)")
    ap.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size")
    args = ap.parse_args()

    import spacy  # imported here so that --help works without them

    ensure_stancer(args.stancer)
    cues = load_cues(args.lexicon)
    rows = manifest_rows(args.corpus, args.sample)
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory(prefix="stancer-peers-") as tmp:
        # A private copy of the binary: a `cargo build` running meanwhile cannot swap it mid-run.
        binary = Path(shutil.copy2(args.stancer, Path(tmp) / "stancer"))
        corpus = sample_corpus(args.corpus, rows, Path(tmp) / "corpus") if args.sample else args.corpus
        version = stancer(binary, "--version").strip()

        log(f"reading {len(rows)} documents")
        t0 = time.perf_counter()
        docs = load_corpus(args.corpus, rows)
        read_s = time.perf_counter() - t0

        log(f"stancer (one warm-up run, then best of {args.runs}, 1 and 2 threads)")
        output = stancer(binary, "classify", str(corpus), "--format", "jsonl", "--threads", "1")
        t1 = time_stancer(binary, corpus, 1, args.runs)
        t2 = time_stancer(binary, corpus, 2, args.runs)
        log(f"stancer: {t1:.2f} s (1 thread), {t2:.2f} s (2 threads)")

        log(f"spaCy pipeline (best of {args.runs})")
        sp = min((run_spacy(docs, cues, args.batch_size) for _ in range(args.runs)), key=lambda r: r.seconds)
        log(f"spaCy: {sp.seconds:.1f} s")
        vader_s, polarity = min((run_vader(sp.cue_sentences) for _ in range(args.runs)), key=lambda r: r[0])
        log(f"VADER: {vader_s:.2f} s")
        load.append(os.getloadavg()[0])

        log("occurrence comparison (stancer lexicon check + kwic)")
        counts = stancer_counts(binary, args.lexicon, corpus)
        comparison = compare(cues, docs, counts, stancer_occurrences(binary, corpus, cues, docs), sp)

    report = render(
        {
            "corpus_name": args.corpus.name + (f" (first {args.sample} documents)" if args.sample else ""),
            "lexicon_name": args.lexicon.name,
            "docs": docs,
            "cues": cues,
            "bytes": sum(d.size for d in docs),
            "read_s": read_s,
            "runs": args.runs,
            "stancer_1": t1,
            "stancer_2": t2,
            "stancer_output_mb": len(output.encode("utf-8")) / MB,
            "spacy": sp,
            "batch_size": args.batch_size,
            "vader_s": vader_s,
            "vader_polarity": polarity,
            "vader_bytes": sum(len(s.encode("utf-8")) for s in sp.cue_sentences),
            "comparison": comparison,
            "machine": f"{machine()}; 1-minute load average {load[0]:.2f} before, {load[1]:.2f} after the timings",
            "versions": f"{version}, Python {platform.python_version()}, spaCy {spacy.__version__},"
            f" vaderSentiment {importlib.metadata.version('vaderSentiment')}",
        }
    )
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
