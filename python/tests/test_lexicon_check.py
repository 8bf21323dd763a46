"""stancer.lexicon_check finds what `stancer lexicon check --json` finds."""

from __future__ import annotations

import pytest

import stancer
from conftest import REPO


def cli_problems(cli, path):
    p = cli.run("lexicon", "check", path, "--json", check=False)
    import json

    out = json.loads(p.stdout)
    return [{"severity": "error", **x} for x in out["problems"]] + [
        {"severity": "warning", **x} for x in out.get("warnings", [])
    ]


@pytest.mark.parametrize("name", ["laws-en", "laws-es", "laws-fr"])
def test_builtin_lexicons_equal_cli(cli, name):
    path = REPO / "lexicons" / f"{name}.toml"
    got = stancer.lexicon_check(path)
    assert got == cli_problems(cli, path)
    assert all(p["severity"] == "warning" for p in got)


def test_invalid_lexicon_lists_every_problem_with_its_line(cli, tmp_path):
    source = (REPO / "lexicons" / "laws-en.toml").read_text(encoding="utf-8")
    # An undeclared label on some cue line: an error with its line.
    bad = source.replace('label = "support"', 'label = "supportt"', 1)
    assert bad != source
    path = tmp_path / "bad.toml"
    path.write_text(bad, encoding="utf-8")
    got = stancer.lexicon_check(path)
    assert got == cli_problems(cli, path)
    errors = [p for p in got if p["severity"] == "error"]
    assert errors and all(isinstance(p["line"], int) for p in errors)
    assert any("supportt" in p["message"] for p in errors)


def test_toml_syntax_error(cli, tmp_path):
    path = tmp_path / "syntax.toml"
    path.write_text("[lexicon\nname = 1\n", encoding="utf-8")
    got = stancer.lexicon_check(path)
    assert got == cli_problems(cli, path)
    assert got[0]["severity"] == "error" and got[0]["line"] == 1
