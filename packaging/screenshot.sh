#!/usr/bin/env bash
# Runs the release build of Jianbao under Xvfb on the bundled sample issue and
# writes screenshots of the window at a desktop size and two laptop sizes:
# packaging/screenshot.png (1440×900), screenshot-1366x768.png, screenshot-800x600.png.
#
#   bash packaging/screenshot.sh [OUT_DIR] [ISSUE]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-packaging}
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
export LANG=${SCREENSHOT_LANG:-zh_CN.UTF-8}
shot() { # SIZE OUT
  # A fresh settings folder so the picture does not depend on this machine's preferences.
  XDG_DATA_HOME=$(mktemp -d) JIANBAO_WINDOW_SIZE=$1 xvfb-run -a -s "-screen 0 ${1}x24" sh -c "
    target/release/jianbao '$issue' &
    pid=\$!
    sleep 8
    # The window alone, not the whole screen.
    id=\$(xwininfo -root -tree | awk '/Jianbao/ {print \$1; exit}')
    import -window \"\${id:-root}\" '$2'
    kill \$pid
  "
  echo "wrote $2"
}
shot 1440x900 "$dir/screenshot.png"
shot 1366x768 "$dir/screenshot-1366x768.png"
shot 800x600 "$dir/screenshot-800x600.png"
