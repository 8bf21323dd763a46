"""stancer.tally and stancer.evaluate equal `stancer tally|eval --format json`."""

from __future__ import annotations

import csv
import json
import warnings

import pytest

import stancer
from conftest import CORPUS, dumps

TALLY_OPTIONS = [
    [],
    ["--question", "instrument"],
    ["--by", "state"],
    ["--by", "state", "--policy", "group"],
    ["--by", "state", "--policy", "own-only", "--question", "regulation"],
    ["--flagged"],
    ["--by", "state", "--flagged", "--question", "forum"],
]


def kwargs(args):
    """CLI flags as keyword arguments of stancer.tally."""
    kw, i = {}, 0
    while i < len(args):
        flag = args[i]
        if flag == "--flagged":
            kw["flagged"] = True
            i += 1
        else:
            kw[flag[2:]] = args[i + 1]
            i += 2
    return kw


@pytest.mark.parametrize("args", TALLY_OPTIONS, ids=lambda a: " ".join(a) or "default")
def test_tally_equals_cli(cli, labelled_corpus, args):
    want = cli.json("tally", labelled_corpus, "--format", "json", *args)
    docs = stancer.classify(CORPUS)
    for source in (docs, docs.to_json(), labelled_corpus, str(labelled_corpus)):
        got = stancer.tally(source, **kwargs(args))
        assert list(got) == [t["question"] for t in want]
        assert dumps(list(got.values())) == dumps(want)


@pytest.mark.parametrize("args", TALLY_OPTIONS[:5], ids=lambda a: " ".join(a) or "default")
def test_tally_development_submissions_equals_cli(cli, labelled_unsg, unsg, args):
    want = cli.json("tally", labelled_unsg, "--format", "json", *args)
    got = stancer.tally(stancer.classify(unsg), **kwargs(args))
    assert dumps(list(got.values())) == dumps(want)


def test_tally_by_state_on_the_development_submissions(unsg):
    t = stancer.tally(stancer.classify(unsg), by="state", question="regulation")["regulation"]
    assert t["by"] == "state" and t["policy"] == "own"
    assert t["total"] == t["member_states"] + t["observer_states"] + t["other_states"]
    assert sum(t["counts"].values()) == t["total"]


def test_tally_of_edited_documents():
    """Dicts a person changed are tallied as they are."""
    docs = stancer.classify(CORPUS)
    before = stancer.tally(docs, question="instrument")["instrument"]["counts"]
    edited = [dict(d) for d in docs]
    first = edited[0]
    q = dict(first["questions"])
    old = q["instrument"]["label"]
    new = "undecided" if old != "undecided" else "support"
    q["instrument"] = dict(q["instrument"], label=new)
    first["questions"] = q
    after = stancer.tally(edited, question="instrument")["instrument"]["counts"]
    assert after[old] == before[old] - 1 and after[new] == before[new] + 1


def test_evaluate_equals_cli(cli, labelled_corpus):
    gold = CORPUS / "gold.csv"
    docs = stancer.classify(CORPUS)
    for args, kw in [([], {}), (["--question", "instrument"], {"question": "instrument"}),
                     (["--seed", "7", "--resamples", "50"], {"seed": 7, "resamples": 50}),
                     (["--resamples", "0"], {"resamples": 0})]:
        want = cli.json("eval", labelled_corpus, "--gold", gold, "--format", "json", *args)
        assert dumps(stancer.evaluate(docs, gold, **kw)) == dumps(want)
        assert dumps(stancer.evaluate(labelled_corpus, str(gold), **kw)) == dumps(want)


def test_evaluate_development_submissions_equals_cli(cli, labelled_unsg, unsg):
    want = cli.json("eval", labelled_unsg, "--gold", unsg / "gold.csv", "--format", "json")
    got = stancer.evaluate(stancer.classify(unsg), unsg / "gold.csv")
    assert dumps(got) == dumps(want)
    assert [q["question"] for q in got["questions"]] == ["instrument", "regulation", "forum"]


def test_gold_as_records_or_dataframe_equals_the_csv():
    docs = stancer.classify(CORPUS)
    with open(CORPUS / "gold.csv", newline="", encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    want = stancer.evaluate(docs, CORPUS / "gold.csv")
    assert dumps(stancer.evaluate(docs, records)) == dumps(want)
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(CORPUS / "gold.csv", dtype=str, keep_default_na=False)
    assert dumps(stancer.evaluate(docs, frame)) == dumps(want)


def test_evaluate_warns_about_ids_on_one_side(cli, labelled_corpus, tmp_path):
    gold = tmp_path / "gold.csv"
    with open(CORPUS / "gold.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    extra = ["ZZZ"] + ["undecided" if h in ("instrument", "regulation") else
                       ("unspecified" if h == "forum" else "") for h in header[1:]]
    with open(gold, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header] + rows[2:] + [extra])
    want = cli.json("eval", labelled_corpus, "--gold", gold, "--format", "json")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = stancer.evaluate(labelled_corpus, gold)
    assert dumps(got) == dumps(want)
    messages = [str(w.message) for w in caught if issubclass(w.category, stancer.StancerWarning)]
    assert any("not in" in m and "ZZZ" in m for m in messages), messages
    assert got["missing_in_predictions"] == ["ZZZ"] and len(got["missing_in_gold"]) == 1
