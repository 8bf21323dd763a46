#!/usr/bin/env bash
# CI for the Python package, called from the repository root by .ci/run:
# a fresh virtual environment, `pip install ./python` (maturin builds the
# PyO3 module from source, as a user's install does), then its pytest tests,
# which compare it with the CLI (built here if need be).
# Exits non-zero when the build or a test fails, and when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

# The bindings' Rust: formatted, and no lint (the library's own are checked by .ci/run).
cargo fmt --manifest-path python/Cargo.toml -- --check
cargo clippy --release --quiet --manifest-path python/Cargo.toml -- -D warnings

PYTHON="${PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/stancer-python-ci.XXXXXX")"
trap 'rm -rf "$work"' EXIT
venv="$work/venv"

echo "python: $("$PYTHON" --version 2>&1), venv in $venv"
"$PYTHON" -m venv "$venv"
pip() { "$venv/bin/python" -m pip --disable-pip-version-check "$@"; }
# maturin is also fetched by pip's isolated build; pandas and matplotlib for
# to_dataframe and the README's plot.
pip install -q maturin pytest pandas matplotlib

started=$(date +%s)
pip install ./python
echo "python: pip install ./python took $(( $(date +%s) - started ))s"

# From outside python/, so that the installed package (not the uncompiled
# sources in python/stancer) is imported.
status=0
(cd "$work" && "$venv/bin/pytest" "$root/python/tests" -q -rs -p no:cacheprovider) || status=$?
if [ "$status" -eq 5 ]; then
    echo "python: pytest collected no test" >&2
    exit 1
fi
exit "$status"
