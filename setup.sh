#!/usr/bin/env bash
# setup.sh — install what tidings needs to build, test, fuzz and benchmark, from
# Debian's packages (and npm for the browser and Readability comparisons).
# Safe to run again: it installs only what is missing.
set -euo pipefail
pkgs=(build-essential pkg-config libsqlite3-dev sqlite3 libxml2-dev libutf8proc-dev
      libstemmer-dev libxxhash-dev zlib1g-dev libjansson-dev libmicrohttpd-dev libcmocka-dev
      clang-14 libclang-rt-14-dev hyperfine time python3 jq)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The browser test of the web page (tests/cli/browser.sh): Debian's chromium,
# and node with npm unless some node is already installed (a node from
# elsewhere brings its own npm, which Debian's npm package would conflict with).
dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed" || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
# wrk for the HTTP load benchmark (bench/run.sh).
dpkg-query -W -f='${Status}' wrk 2>/dev/null | grep -q "install ok installed" || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# playwright-core for the browser test, pinned by tests/browser/package-lock.json.
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$here/tests/browser/node_modules/playwright-core" ]; then
  (cd "$here/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)
fi
