#!/bin/sh
# Applies Saga Desk's iOS settings to the Xcode project that `tauri ios init`
# generates under src-tauri/gen/apple (on a Mac; docs/ios.md). Idempotent:
# run it after every `tauri ios init`, then commit gen/apple.
#
#   src-tauri/ios/prepare.sh [development|production]
#
# - merges src-tauri/Info.ios.plist into the app's Info.plist (background
#   push, display name, languages, export compliance);
# - installs the entitlements (push) with the APNs environment asked for;
# - copies the two notification sounds into the app's folder, which the
#   project includes whole, so they land at the bundle's root where iOS
#   looks up a notification's sound by name;
# - regenerates the Xcode project from project.yml (XcodeGen).
set -eu
env_name="${1:-development}"
case "$env_name" in development|production) ;; *) echo "usage: $0 [development|production]" >&2; exit 2 ;; esac
here="$(cd "$(dirname "$0")" && pwd)"
tauri_dir="$(dirname "$here")"
apple="$tauri_dir/gen/apple"
[ -d "$apple" ] || { echo "no $apple: run 'npx tauri ios init' in src-tauri first" >&2; exit 1; }
app_dir="$(find "$apple" -maxdepth 1 -type d -name '*_iOS' | head -n 1)"
[ -n "$app_dir" ] || { echo "no *_iOS folder in $apple" >&2; exit 1; }
name="$(basename "$app_dir")"
plist="$app_dir/Info.plist"
buddy=/usr/libexec/PlistBuddy

# Info.plist: our keys win over the template's (delete, then merge).
for key in $("$buddy" -c "Print" "$tauri_dir/Info.ios.plist" | sed -n 's/^    \([A-Za-z~]*\) = .*/\1/p'); do
  "$buddy" -c "Delete :$key" "$plist" 2>/dev/null || true
done
"$buddy" -c "Merge $tauri_dir/Info.ios.plist" "$plist"

# Entitlements, with the APNs environment of this build.
cp "$here/SagaDesk.entitlements" "$app_dir/$name.entitlements"
"$buddy" -c "Set :aps-environment $env_name" "$app_dir/$name.entitlements"

# The notification sounds (saga_core::notify::SOUND_L1 / SOUND_L2).
cp "$tauri_dir/sounds/saga_l1.wav" "$tauri_dir/sounds/saga_l2.wav" "$app_dir/"

(cd "$apple" && xcodegen generate --quiet)
echo "gen/apple prepared ($name, aps-environment $env_name)"
