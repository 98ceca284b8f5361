#!/usr/bin/env bash
# Builds the Debian package on a fresh Debian/Ubuntu machine:
#   bash packaging/build-deb.sh        → target/debian/jianbao_<version>-1_<arch>.deb (its path printed last)
# Installs what it needs: dpkg-dev (for the library dependencies) and cargo-deb.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dpkg-shlibdeps >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y --no-install-recommends dpkg-dev
fi
if ! cargo deb --version >/dev/null 2>&1; then
  cargo install cargo-deb --locked
fi
cargo build --release --locked
# cargo deb prints the path of the package it wrote (under the target folder,
# wherever CARGO_TARGET_DIR puts it); the last line of this script is that path.
cargo deb --no-build --locked | tail -n 1
