"""Shared pieces of the tests: the repository, the CLI binary, the corpora.

The Python package must be installed (`pip install ./python`); the tests
compare it with the command line built from the same checkout
(`cargo build --release`, done here once per session when cargo is found;
`STANCER_BIN` names another binary).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"
UNSG = SHARED / "corpora" / "unsg-2024"


def dumps(x) -> str:
    """JSON text of `x`, keys in their order: equal texts mean equal keys, values and order."""
    return json.dumps(x, ensure_ascii=False, allow_nan=False)


class Cli:
    """The `stancer` binary."""

    def __init__(self, path: Path):
        self.path = path

    def run(self, *args, input=None, check=True) -> subprocess.CompletedProcess:
        p = subprocess.run(
            [str(self.path), *map(str, args)],
            input=input,
            capture_output=True,
            text=True,
            cwd=REPO,
        )
        if check and p.returncode != 0:
            raise AssertionError(f"stancer {' '.join(map(str, args))} exited {p.returncode}: {p.stderr}")
        return p

    def json(self, *args, **kw):
        return json.loads(self.run(*args, **kw).stdout)

    def error(self, *args) -> str:
        """The message of a failing command: its last `stancer: error: ` line, without the prefix."""
        p = self.run(*args, check=False)
        assert p.returncode == 2, (p.returncode, p.stderr)
        lines = p.stderr.split("stancer: error: ")
        assert len(lines) > 1, p.stderr
        return lines[-1].rstrip("\n")


@pytest.fixture(scope="session")
def cli() -> Cli:
    explicit = os.environ.get("STANCER_BIN")
    if explicit:
        return Cli(Path(explicit))
    binary = REPO / "target" / "release" / "stancer"
    cargo = shutil.which("cargo")
    if cargo:
        # Up to date with the sources the package was built from (a no-op when it is).
        subprocess.run(
            [cargo, "build", "--release", "--quiet", "--bin", "stancer", "--manifest-path", str(REPO / "Cargo.toml")],
            check=True,
        )
    if not binary.exists():
        pytest.skip(f"no stancer binary at {binary} and no cargo to build it")
    return Cli(binary)


@pytest.fixture(scope="session")
def unsg() -> Path:
    if not (UNSG / "manifest.csv").exists():
        pytest.skip(f"SKIPPED: the development submissions are not at {UNSG} (../shared beside the checkout)")
    return UNSG


@pytest.fixture(scope="session")
def labelled_corpus(cli, tmp_path_factory) -> Path:
    """`stancer classify corpus -o FILE`."""
    out = tmp_path_factory.mktemp("labelled") / "corpus.json"
    cli.run("classify", CORPUS, "-o", out)
    return out


@pytest.fixture(scope="session")
def labelled_unsg(cli, unsg, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("labelled") / "unsg.json"
    cli.run("classify", unsg, "-o", out)
    return out
