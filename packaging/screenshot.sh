#!/usr/bin/env bash
# Runs the release build of Jianbao under Xvfb on the bundled sample issue and
# writes a screenshot of the window (default: packaging/screenshot.png).
#
#   bash packaging/screenshot.sh [OUT.png] [ISSUE]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-packaging/screenshot.png}
issue=${2:-assets/yunxi-county-news.md}

need=()
command -v xvfb-run >/dev/null || need+=(xvfb xauth)
command -v import >/dev/null || need+=(imagemagick)
command -v xwininfo >/dev/null || need+=(x11-utils)
if [ ${#need[@]} -gt 0 ]; then
  apt-get install -y --no-install-recommends "${need[@]}"
fi

cargo build --release --locked
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
# A fresh settings folder so the picture does not depend on this machine's preferences.
export XDG_DATA_HOME=$(mktemp -d)
export LANG=${SCREENSHOT_LANG:-zh_CN.UTF-8}
xvfb-run -a -s "-screen 0 1440x900x24" sh -c "
  target/release/jianbao '$issue' &
  pid=\$!
  sleep 8
  # The window alone, not the whole screen.
  id=\$(xwininfo -root -tree | awk '/Jianbao/ {print \$1; exit}')
  import -window \"\${id:-root}\" '$out'
  kill \$pid
"
echo "wrote $out"
