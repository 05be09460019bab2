#!/usr/bin/env bash
# Installs the browsers the tests drive, from Debian's packages, when they are missing.
# Test tools never download browsers of their own (puppeteer-core points at Chromium and Firefox,
# scripts/webkit-launcher.mjs starts Debian's WebKitWebDriver, which drives MiniBrowser).
# Usage: scripts/install-browsers.sh [chromium] [firefox] [webkit]
#        (default: the browsers in $BROWSERS, else all three, as `npm test` runs them)
set -euo pipefail
wanted=("$@")
if [ ${#wanted[@]} -eq 0 ]; then
  IFS=', ' read -r -a wanted <<<"${BROWSERS:-chromium,firefox,webkit}"
fi
# Each browser's Debian packages, and the command that shows each one is installed (a package's
# name is not always its command, and checking the command keeps a second run from calling apt).
# WebKit: webkit2gtk-driver brings libwebkit2gtk-4.1-0 (MiniBrowser) with it; Xvfb gives
# MiniBrowser, a GTK program, a display on a machine without one.
declare -A commands=([chromium]=chromium [firefox-esr]=firefox-esr [webkit2gtk-driver]=WebKitWebDriver [xvfb]=Xvfb)
missing=()
for browser in "${wanted[@]}"; do
  case "$browser" in
    chromium) packages=(chromium) ;;
    firefox | firefox-esr) packages=(firefox-esr) ;;
    webkit) packages=(webkit2gtk-driver xvfb) ;;
    *) echo "Unknown browser \"$browser\" (use chromium, firefox, webkit)." >&2; exit 1 ;;
  esac
  for package in "${packages[@]}"; do
    command -v "${commands[$package]}" >/dev/null 2>&1 || missing+=("$package")
  done
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing package(s): ${missing[*]}. Install them (Debian: apt-get install ${missing[*]}) and run again." >&2
  exit 1
fi
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "Installing ${missing[*]} from Debian's packages..."
"${sudo[@]}" apt-get update -qq
# No recommends: webkit2gtk-driver's would add about 160 packages (ImageMagick, Ghostscript,
# GStreamer plugins, portals) that the tests never use.
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
