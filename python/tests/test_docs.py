"""The examples in the package's docstrings run (from the repository root, where `corpus/` is)."""

from __future__ import annotations

import doctest
import re

import pytest

import stancer
from conftest import REPO


def test_module_docstring_examples(monkeypatch):
    pytest.importorskip("pandas")
    monkeypatch.chdir(REPO)
    result = doctest.testmod(stancer, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 5
    assert result.failed == 0


def test_help_reads_well():
    for f in (stancer.classify, stancer.tally, stancer.evaluate, stancer.to_dataframe, stancer.lexicon_check):
        assert f.__doc__ and len(f.__doc__.splitlines()) > 5, f.__name__
        assert f.__annotations__.get("return"), f.__name__


def test_readme_example_runs(monkeypatch, tmp_path):
    """python/README.md's notebook example, cell by cell: classify a folder, tally by State, a DataFrame, a plot."""
    pytest.importorskip("pandas")
    monkeypatch.chdir(REPO)
    readme = (REPO / "python" / "README.md").read_text(encoding="utf-8")
    cells = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert len(cells) >= 4
    try:
        import matplotlib

        matplotlib.use("Agg")
    except ImportError:
        matplotlib = None
    ns: dict = {}
    for cell in cells:
        if ".plot" in cell and matplotlib is None:
            continue
        exec(compile(cell, "README.md", "exec"), ns)
    assert ns["odm"]["questions"]["instrument"]["label"] == "oppose"
    assert ns["t"]["by"] == "state" and sum(ns["t"]["counts"].values()) == ns["t"]["total"]
    assert list(ns["df"].columns) == stancer.COLUMNS
    assert ns["labels"].loc["ODM", "instrument"] == "oppose"
    if matplotlib is None:
        pytest.skip("matplotlib not installed: the plot cell was not run")
    ns["ax"].figure.savefig(tmp_path / "plot.png")
    assert (tmp_path / "plot.png").stat().st_size > 0
