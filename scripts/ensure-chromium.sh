#!/usr/bin/env bash
# Makes sure Debian's chromium is installed at /usr/bin/chromium for the browser tests (CONTRACT §1:
# `npm test` installs whatever the tests need). Never downloads a browser of its own.
set -euo pipefail

chromium_path=/usr/bin/chromium

if [[ -x "$chromium_path" ]]; then
  echo "chromium: present ($("$chromium_path" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: $chromium_path is missing and apt-get is not available; install Debian's chromium package by hand." >&2
  exit 1
fi

as_root=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "chromium: $chromium_path is missing and installing it needs root (no sudo here)." >&2
    echo "          run as root: apt-get update && apt-get install -y --no-install-recommends chromium" >&2
    exit 1
  fi
fi

echo "chromium: $chromium_path is missing; installing Debian's chromium package…"
if ! "${as_root[@]}" apt-get update; then
  echo "chromium: 'apt-get update' failed (no network to the Debian mirror?)." >&2
  exit 1
fi
if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; then
  echo "chromium: 'apt-get install chromium' failed." >&2
  exit 1
fi
if [[ ! -x "$chromium_path" ]]; then
  echo "chromium: installed the package, but $chromium_path is still missing." >&2
  exit 1
fi
echo "chromium: installed ($("$chromium_path" --version 2>/dev/null || echo 'version unknown'))"
