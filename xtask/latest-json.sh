#!/usr/bin/env bash
# Writes the desktop updater's manifest (latest.json, the file
# SAGA_UPDATE_URL names) from a folder of signed bundles, as the release
# workflow collects them (docs/updating.md):
#
#   xtask/latest-json.sh DIR VERSION BASE_URL > latest.json
#
# BASE_URL is where the files will be downloaded from (HTTPS), e.g. the
# release's download folder. Each platform key is what tauri-plugin-updater
# looks for: {os}-{arch}[-{installer}].
set -euo pipefail
dir="$1"; version="$2"; base="${3%/}"
case "$base" in https://*) ;; *) echo "BASE_URL must be https://" >&2; exit 2 ;; esac
entry() { # key, file pattern
  local f
  f=$(find "$dir" -maxdepth 1 -name "$2" ! -name '*.sig' | head -n 1)
  [ -n "$f" ] && [ -f "$f.sig" ] || return 0
  jq -n --arg k "$1" --arg base "$base" --arg name "$(basename "$f")" --rawfile sig "$f.sig" \
    '{($k): {url: "\($base)/\($name | @uri)", signature: ($sig | rtrimstr("\n"))}}'
}
{
  entry linux-x86_64 '*.AppImage'
  entry linux-x86_64-appimage '*.AppImage'
  entry linux-x86_64-deb '*.deb'
  entry linux-x86_64-rpm '*.rpm'
  entry darwin-aarch64 '*.app.tar.gz'
  entry darwin-x86_64 '*.app.tar.gz'
  entry windows-x86_64 '*-setup.exe'
  entry windows-x86_64-nsis '*-setup.exe'
  entry windows-x86_64-msi '*.msi'
} | jq -s --arg v "$version" --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  'if add == null then error("no signed bundles in the folder") else
   {version: $v, notes: "Saga Desk \($v)", pub_date: $date, platforms: add} end'
