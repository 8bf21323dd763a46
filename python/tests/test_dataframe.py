"""stancer.to_dataframe: the rows of `classify --format csv` as a DataFrame (pandas optional)."""

from __future__ import annotations

import csv
import io
import sys

import pytest

import stancer
from conftest import CORPUS


def cli_rows(cli, *args):
    out = cli.run("classify", *args, "--format", "csv", "--csv-safe", "false").stdout
    return list(csv.DictReader(io.StringIO(out)))


def check_equal(frame, rows):
    assert list(frame.columns) == stancer.COLUMNS
    assert len(frame) == len(rows)
    for (_, got), want in zip(frame.iterrows(), rows):
        for c in stancer.COLUMNS:
            g, w = got[c], want[c]
            if c in ("score", "confidence"):
                assert g == float(w), (c, g, w)
            elif c == "evidence_count":
                assert g == int(w), (c, g, w)
            else:
                assert g == w, (c, g, w)


def test_dataframe_equals_the_cli_csv(cli):
    pytest.importorskip("pandas")
    docs = stancer.classify(CORPUS)
    frame = stancer.to_dataframe(docs)
    assert len(frame) == 20 * 3
    check_equal(frame, cli_rows(cli, CORPUS))
    assert str(frame["score"].dtype) == "float64" and str(frame["evidence_count"].dtype) == "int64"
    assert stancer.to_dataframe(docs.to_json()).equals(frame)
    assert docs.to_dataframe().equals(frame)


def test_dataframe_development_submissions(cli, unsg, labelled_unsg):
    pytest.importorskip("pandas")
    frame = stancer.to_dataframe(labelled_unsg)
    check_equal(frame, cli_rows(cli, unsg))


def test_dataframe_unsupported_language_row():
    pd = pytest.importorskip("pandas")
    docs = stancer.classify([
        {"id": "de", "text": "Wir fordern ein rechtsverbindliches Instrument.", "language": "de"},
        {"id": "en", "text": "We call for a treaty on autonomous weapons systems.", "language": "en"},
    ])
    frame = stancer.to_dataframe(docs)
    assert len(frame) == 1 + 3
    de = frame.iloc[0]
    assert de["status"] == "unsupported_language"
    assert pd.isna(de["question"]) and pd.isna(de["score"]) and pd.isna(de["evidence_count"])
    assert str(frame["evidence_count"].dtype) == "Int64"


def test_without_pandas_the_message_says_how(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        stancer.to_dataframe([])
    # Everything else works without pandas.
    assert stancer.classify([{"id": "a", "text": "x"}])[0]["id"] == "a"
