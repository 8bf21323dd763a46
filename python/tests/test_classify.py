"""stancer.classify equals `stancer classify --format json`; records in and out; threads; the GIL."""

from __future__ import annotations

import json
import threading
import time

import pytest

import stancer
from conftest import CORPUS, REPO, dumps


def test_corpus_equals_cli(cli):
    want = cli.json("classify", CORPUS)
    got = stancer.classify(CORPUS)
    assert isinstance(got, list)
    assert len(got) == 20
    assert dumps(list(got)) == dumps(want["documents"])
    # meta too: the CLI was given the same path.
    assert dumps(got.meta) == dumps(want["meta"])
    assert got.to_json() == want


def test_str_and_pathlike_paths_agree():
    assert stancer.classify(str(CORPUS)) == stancer.classify(CORPUS)


def test_development_submissions_equal_cli(cli, unsg):
    want = cli.json("classify", unsg)
    got = stancer.classify(unsg)
    assert len(got) == want["meta"]["documents"] == 30
    assert dumps(list(got)) == dumps(want["documents"])
    assert dumps(got.meta) == dumps(want["meta"])


def test_folder_of_txt_without_manifest_equals_cli(cli, tmp_path):
    for name in ["KVR.txt", "ODM.txt", "HVN.txt"]:
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    want = cli.json("classify", tmp_path)
    got = stancer.classify(tmp_path)
    assert [d["id"] for d in got] == ["HVN", "KVR", "ODM"]
    assert dumps(got.to_json()) == dumps(want)


def test_lexicons_option_equals_cli(cli):
    lexicon = REPO / "lexicons" / "laws-en.toml"
    want = cli.json("classify", CORPUS, "--lexicon", lexicon)
    assert dumps(stancer.classify(CORPUS, lexicons=lexicon).to_json()) == dumps(want)
    assert dumps(stancer.classify(CORPUS, lexicons=[str(lexicon)]).to_json()) == dumps(want)
    assert [lex["name"] for lex in want["meta"]["lexicons"]] == ["laws-en"]


@pytest.mark.parametrize("corpus", ["corpus", "unsg"])
def test_threads_give_identical_results(corpus, request):
    path = CORPUS if corpus == "corpus" else request.getfixturevalue("unsg")
    one = stancer.classify(path, threads=1)
    two = stancer.classify(path, threads=2)
    every = stancer.classify(path)
    assert dumps(one.to_json()) == dumps(two.to_json()) == dumps(every.to_json())


# --- records in, records out -------------------------------------------------------------

RECORDS = [
    {
        "id": "A",
        "text": "We call for the negotiation of a legally binding instrument on autonomous weapons systems.",
        "actor": "AAA",
        "actor_kind": "state",
        "language": "en",
    },
    {
        "id": "G",
        "text": "Existing international humanitarian law is sufficient for lethal autonomous weapons systems; "
        "there is no legal gap. A new treaty would be premature.",
        "actor": "GRP",
        "actor_kind": "group",
        "members": ["AAA", "BBB"],
        "date": "2024-05-24",
    },
    {"id": 7, "text": "Nous appelons à un instrument juridiquement contraignant sur les systèmes d'armes létaux autonomes.",
     "members": "CCC;DDD", "language": "fr", "source": None},
    {"id": "DE", "text": "Wir fordern ein rechtsverbindliches Instrument.", "language": "de"},
    {"id": "empty", "text": ""},
]


def test_records_equal_cli_on_the_same_json_lines(cli, tmp_path):
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    want = cli.json("classify", jsonl)
    from_records = stancer.classify(RECORDS)
    from_file = stancer.classify(jsonl)
    assert dumps(list(from_records)) == dumps(want["documents"])
    assert dumps(from_file.to_json()) == dumps(want)
    assert from_records.meta["input"] == "<records>"
    # stdin too: the same documents.
    stdin = cli.run("classify", "-", input=jsonl.read_text(encoding="utf-8"))
    assert dumps(json.loads(stdin.stdout)["documents"]) == dumps(list(from_records))


def test_records_out():
    docs = stancer.classify(RECORDS)
    by_id = {d["id"]: d for d in docs}
    assert list(by_id) == ["A", "G", "7", "DE", "empty"]
    a = by_id["A"]
    assert list(a)[:3] == ["id", "actor", "actor_kind"]
    assert a["status"] == "ok" and a["lexicon"] == "laws-en"
    assert a["questions"]["instrument"]["label"] == "support"
    ev = a["questions"]["instrument"]["evidence"][0]
    assert RECORDS[0]["text"].encode()[ev["start"]:ev["end"]].decode() == ev["text"]
    assert by_id["G"]["members"] == ["AAA", "BBB"]
    assert by_id["G"]["questions"]["instrument"]["label"] in {"oppose", "undecided"}
    assert by_id["7"]["members"] == ["CCC", "DDD"]
    assert by_id["7"]["lexicon"] == "laws-fr"
    assert by_id["7"]["questions"]["instrument"]["label"] == "support"
    assert by_id["DE"]["status"] == "unsupported_language"
    assert "empty document" in " ".join(by_id["empty"]["warnings"])


def test_records_from_a_generator_and_tuples():
    def gen():
        yield from RECORDS[:2]

    assert stancer.classify(gen()) == stancer.classify(tuple(RECORDS[:2])) == stancer.classify(RECORDS[:2])


def test_records_missing_values_count_as_absent():
    rec = dict(RECORDS[0], language=None, actor=float("nan"), date=None)
    doc = stancer.classify([rec])[0]
    assert doc["actor"] == "A"  # actor defaults to the id
    assert doc["language"] == "en" and doc.get("language_detected") is True


def test_records_from_a_dataframe():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([{k: v for k, v in r.items() if k != "members"} for r in RECORDS[:2]])
    want = stancer.classify([{k: v for k, v in r.items() if k != "members"} for r in RECORDS[:2]])
    assert stancer.classify(frame) == want


def test_empty_records():
    docs = stancer.classify([])
    assert docs == [] and docs.meta["documents"] == 0


# --- the GIL ----------------------------------------------------------------------------


def test_gil_is_released_while_classifying(tmp_path):
    """While a thread classifies, another runs Python: no long stall of the interpreter."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    jsonl = tmp_path / "big.jsonl"
    with jsonl.open("w", encoding="utf-8") as f:
        for i in range(400):
            for j, t in enumerate(texts):
                f.write(json.dumps({"id": f"{i}-{j}", "text": t, "language": "en"}) + "\n")
    done = {}

    def work():
        t0 = time.perf_counter()
        done["docs"] = stancer.classify(jsonl, threads=1)
        done["seconds"] = time.perf_counter() - t0

    worker = threading.Thread(target=work)
    worker.start()
    last = time.perf_counter()
    longest = 0.0
    ticks = 0
    while worker.is_alive():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
        ticks += 1
    worker.join()
    assert len(done["docs"]) == 400 * len(texts)
    if done["seconds"] < 0.3:
        pytest.skip(f"classification too fast ({done['seconds']:.2f}s) to tell")
    # Holding the GIL would stall this loop for the whole classification.
    assert longest < done["seconds"] * 0.5, (longest, done["seconds"], ticks)
