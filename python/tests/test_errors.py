"""Bad input raises stancer.StancerError (a ValueError) with the command line's message; never a crash."""

from __future__ import annotations

import json
import warnings

import pytest

import stancer
from conftest import CORPUS, dumps


def test_stancer_error_is_a_value_error():
    assert issubclass(stancer.StancerError, ValueError)
    assert stancer.StancerError.__module__ == "stancer"
    with pytest.raises(ValueError):
        stancer.classify("/nonexistent/corpus")


def test_missing_path_has_the_cli_message(cli, tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(stancer.StancerError) as e:
        stancer.classify(missing)
    assert str(e.value) == cli.error("classify", missing)
    assert str(e.value).startswith(f"{missing}: ")


def test_malformed_json_lines_has_the_cli_message(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": \n{"id": "c"}\n', encoding="utf-8")
    with pytest.raises(stancer.StancerError) as e:
        stancer.classify(bad)
    assert str(e.value) == cli.error("classify", bad)
    assert f"{bad}:2: " in str(e.value)


def test_keep_going_skips_bad_lines_like_the_cli(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": \n{"id": "c"}\n{"id": "d", "text": "y"}\n',
                   encoding="utf-8")
    want = cli.json("classify", bad, "--keep-going")
    with pytest.warns(stancer.StancerWarning, match="skipped"):
        got = stancer.classify(bad, keep_going=True)
    assert dumps(got.to_json()) == dumps(want)
    assert [f["id"] for f in got.meta["failures"]] == ["line 2", "line 3"]


def test_unreadable_documents_raise_unless_keep_going(cli, tmp_path):
    (tmp_path / "a.txt").write_text("We call for a treaty on autonomous weapons systems.", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("id,file\na,a.txt\nb,missing.txt\n", encoding="utf-8")
    p = cli.run("classify", tmp_path, check=False)
    assert p.returncode == 2
    with pytest.raises(stancer.StancerError) as e:
        stancer.classify(tmp_path)
    message = str(e.value)
    assert "missing.txt" in message
    assert message.endswith("1 of 2 documents could not be read (use keep_going=True to classify the others)")
    # The CLI's own line for the document is in the message.
    assert message.splitlines()[0] in p.stderr
    want = cli.json("classify", tmp_path, "--keep-going")
    with pytest.warns(stancer.StancerWarning):
        got = stancer.classify(tmp_path, keep_going=True)
    assert dumps(got.to_json()) == dumps(want)
    assert got.meta["failures"][0]["id"] == "b"


def test_bad_lexicon_has_the_cli_message(cli, tmp_path):
    lex = tmp_path / "bad.toml"
    lex.write_text('[lexicon]\nname = "x"\nlanguage = "en"\n[[question]]\nid = "q"\nlabels = ["a"]\n',
                   encoding="utf-8")
    with pytest.raises(stancer.StancerError) as e:
        stancer.classify(CORPUS, lexicons=[lex])
    assert str(e.value) == cli.error("classify", CORPUS, "--lexicon", lex)
    with pytest.raises(stancer.StancerError) as e:
        stancer.classify(CORPUS, lexicons=tmp_path / "none.toml")
    assert str(e.value) == cli.error("classify", CORPUS, "--lexicon", tmp_path / "none.toml")


def test_bad_records_name_the_record(cli, tmp_path):
    cases = [
        ([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}], "<records>:2: duplicate id `a`"),
        ([{"id": "a"}], "<records>:1: `a`: missing string field `text`"),
        ([{"text": "x"}], "<records>:1: missing string field `id`"),
        ([{"id": "a", "text": 3}], "<records>:1: `a`: missing string field `text`"),
    ]
    for records, message in cases:
        with pytest.raises(stancer.StancerError) as e:
            stancer.classify(records)
        assert str(e.value) == message
        # The same message as the CLI on the same JSON Lines, file name aside.
        jsonl = tmp_path / "r.jsonl"
        jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        assert cli.error("classify", jsonl) == message.replace("<records>", str(jsonl))


def test_records_that_are_not_dicts():
    with pytest.raises(stancer.StancerError, match=r"^<records>:2: not a dict \(a int\)$"):
        stancer.classify([{"id": "a", "text": "x"}, 5])
    with pytest.raises(stancer.StancerError, match="bytes, not str"):
        stancer.classify([{"id": "a", "text": b"bytes"}])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docs = stancer.classify([5, {"id": "a", "text": "x"}, "s"], keep_going=True)
    assert [d["id"] for d in docs] == ["a"]
    assert [f["id"] for f in docs.meta["failures"]] == ["line 1", "line 3"]
    assert docs.meta["failures"][1]["error"] == "<records>:3: not a dict (a str)"


def test_bad_sources_and_options():
    for source in [b"corpus", {"id": "a", "text": "x"}, 42, None]:
        with pytest.raises(stancer.StancerError):
            stancer.classify(source)
    for threads in [-1, 1.5, "2", True]:
        with pytest.raises(stancer.StancerError, match="threads"):
            stancer.classify(CORPUS, threads=threads)
    with pytest.raises(stancer.StancerError, match="lexicons"):
        stancer.classify(CORPUS, lexicons=3)


def test_tally_and_evaluate_errors(cli, labelled_corpus):
    docs = stancer.classify(CORPUS)
    with pytest.raises(stancer.StancerError) as e:
        stancer.tally(labelled_corpus, question="nope")
    assert str(e.value) == cli.error("tally", labelled_corpus, "--question", "nope", "--format", "json")
    with pytest.raises(stancer.StancerError) as e:
        stancer.tally(docs, question="nope")
    assert str(e.value) == (
        "<documents>: no question `nope` in these documents (questions: instrument, regulation, forum)"
    )
    with pytest.raises(stancer.StancerError, match="by must be"):
        stancer.tally(docs, by="country")
    with pytest.raises(stancer.StancerError, match="policy must be"):
        stancer.tally(docs, by="state", policy="majority")
    with pytest.raises(stancer.StancerError, match=r"<documents>\[0\]: not a labelled document"):
        stancer.tally([{"id": "x"}])
    with pytest.raises(stancer.StancerError, match="must be an iterable of dicts"):
        stancer.tally(5)
    with pytest.raises(stancer.StancerError) as e:
        stancer.evaluate(labelled_corpus, CORPUS / "gold.csv", question="nope")
    assert str(e.value) == cli.error("eval", labelled_corpus, "--gold", CORPUS / "gold.csv", "--question", "nope")
    with pytest.raises(stancer.StancerError) as e:
        stancer.evaluate(labelled_corpus, CORPUS / "missing.csv")
    assert str(e.value) == cli.error("eval", labelled_corpus, "--gold", CORPUS / "missing.csv")
    with pytest.raises(stancer.StancerError, match="appears more than once"):
        stancer.evaluate(list(docs) + [docs[0]], CORPUS / "gold.csv")


def test_gold_errors_match_the_cli(cli, labelled_corpus, tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("id,instrument\nKVR,maybe\n", encoding="utf-8")
    with pytest.raises(stancer.StancerError) as e:
        stancer.evaluate(labelled_corpus, gold)
    assert str(e.value) == cli.error("eval", labelled_corpus, "--gold", gold)
    assert str(e.value).startswith(f"{gold}:2: unknown `instrument` label `maybe`")
    # The same gold as records: record N is line N of <gold>.
    with pytest.raises(stancer.StancerError, match=r"^<gold>:1: unknown `instrument` label `maybe`"):
        stancer.evaluate(labelled_corpus, [{"id": "KVR", "instrument": "maybe"}])
    with pytest.raises(stancer.StancerError, match=r"^<gold>:2: duplicate id `KVR` \(first on line 1\)$"):
        stancer.evaluate(labelled_corpus, [{"id": "KVR", "instrument": "oppose"}, {"id": "KVR", "instrument": "oppose"}])
    with pytest.raises(stancer.StancerError, match=r"^<gold>: no column for any question"):
        stancer.evaluate(labelled_corpus, [{"id": "KVR", "stance": "oppose"}])
    with pytest.raises(stancer.StancerError, match="gold must be"):
        stancer.evaluate(labelled_corpus, {"id": "KVR"})


def test_lexicon_check_missing_file(tmp_path):
    with pytest.raises(stancer.StancerError, match="nope.toml"):
        stancer.lexicon_check(tmp_path / "nope.toml")
