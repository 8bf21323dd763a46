#!/bin/sh
# Regenerates assets/report.png, the README's screenshot of `stancer report`
# on the development set (../shared/corpora/unsg-2024).
# Needs Chromium (Debian package chromium) and pngquant (Debian package pngquant).
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build --release --quiet
./target/release/stancer classify ../shared/corpora/unsg-2024 -o "$tmp/labelled.json" --quiet
./target/release/stancer report "$tmp/labelled.json" --gold ../shared/corpora/unsg-2024/gold.csv \
    --votes ../shared/data/un-votes-laws/votes.csv -o "$tmp/report.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --user-data-dir="$tmp/profile" --window-size=1100,1750 --screenshot="$tmp/report.png" \
    "file://$tmp/report.html" 2>/dev/null
pngquant --quality=60-85 --speed 1 --force --output assets/report.png "$tmp/report.png"
ls -l assets/report.png
