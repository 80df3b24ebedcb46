#!/bin/sh
# Install the onedir bundle with desktop integration (menu entry, icons, AppStream metadata).
#   packaging/linux/install.sh [BUNDLE_DIR] [PREFIX]
# BUNDLE_DIR defaults to dist/ptlog; PREFIX to ~/.local (per user) — use /usr/local or /opt
# layouts as root for every user of a workstation. Uninstall: packaging/linux/install.sh --uninstall [PREFIX]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
app_id=io.github.ptlog.ptlog
sizes="16 24 32 48 64 128 256 512"

if [ "${1:-}" = "--uninstall" ]; then
  prefix=${2:-$HOME/.local}
  rm -rf "$prefix/lib/ptlog"
  rm -f "$prefix/bin/ptlog" "$prefix/share/applications/$app_id.desktop" \
        "$prefix/share/metainfo/$app_id.metainfo.xml" \
        "$prefix/share/icons/hicolor/scalable/apps/$app_id.svg"
  for s in $sizes; do rm -f "$prefix/share/icons/hicolor/${s}x${s}/apps/$app_id.png"; done
  echo "removed ptlog from $prefix (your data folder is kept)"
  exit 0
fi

bundle=${1:-$repo/dist/ptlog}
prefix=${2:-$HOME/.local}
[ -x "$bundle/ptlog" ] || { echo "no bundle at $bundle (build it: see packaging/README.md)" >&2; exit 2; }

mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share/applications" "$prefix/share/metainfo" \
         "$prefix/share/icons/hicolor/scalable/apps"
rm -rf "$prefix/lib/ptlog"
cp -a "$bundle" "$prefix/lib/ptlog"
ln -sf "$prefix/lib/ptlog/ptlog" "$prefix/bin/ptlog"
# Exec/TryExec by absolute path: ~/.local/bin is not on every desktop session's PATH
sed -e "s|^Exec=ptlog|Exec=$prefix/bin/ptlog|" -e "s|^TryExec=ptlog|TryExec=$prefix/bin/ptlog|" \
    "$here/$app_id.desktop" > "$prefix/share/applications/$app_id.desktop"
cp "$here/$app_id.metainfo.xml" "$prefix/share/metainfo/"
icons="$bundle/_internal/ptlog/resources/icons"  # the bundle carries its icons
cp "$icons/ptlog.svg" "$prefix/share/icons/hicolor/scalable/apps/$app_id.svg"
for s in $sizes; do
  mkdir -p "$prefix/share/icons/hicolor/${s}x${s}/apps"
  cp "$icons/hicolor/${s}x${s}/apps/ptlog.png" "$prefix/share/icons/hicolor/${s}x${s}/apps/$app_id.png"
done
command -v update-desktop-database >/dev/null 2>&1 && \
  update-desktop-database -q "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && \
  gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
echo "installed ptlog in $prefix/lib/ptlog; menu entry $prefix/share/applications/$app_id.desktop"
