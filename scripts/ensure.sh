#!/usr/bin/env bash
# Makes a fresh checkout ready: Node packages, ffmpeg/ffprobe 5.1+, the compiled CLI and web page.
# With --test it also checks what the tests need (redis-server, chromium).
# It installs what is missing with apt-get when it may (root, or sudo without a password), otherwise it
# says exactly what to install and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf 'photoreel setup: %s\n' "$*" >&2; }

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  say "Node.js 20 or newer is needed (found $(node --version)). Install it from https://nodejs.org or your package manager."
  exit 1
fi

missing=()
ffmpeg_ok() {
  command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || return 1
  local line major minor
  line=$(ffmpeg -version | head -n1)
  # Builds from git ("ffmpeg version N-…") carry no release number: take them as new enough.
  [[ $line =~ version\ n?([0-9]+)\.([0-9]+) ]] || return 0
  major=${BASH_REMATCH[1]}
  minor=${BASH_REMATCH[2]}
  [ "$major" -gt 5 ] || { [ "$major" -eq 5 ] && [ "$minor" -ge 1 ]; }
}
ffmpeg_ok || missing+=(ffmpeg)
if [ "$want_test" = 1 ]; then
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi

# Fonts for titles beyond the bundled one: colour emoji, Arabic and Hebrew (and more scripts), found
# through fontconfig. Without them titles still render, with boxes for those characters.
font_ok() { # a font's file name: known to fontconfig, or in one of the usual font folders
  if command -v fc-list >/dev/null 2>&1; then
    fc-list : file 2>/dev/null | grep -F "/$1" >/dev/null && return 0
  fi
  [ -n "$(find /usr/share/fonts /usr/local/share/fonts "${HOME:-/nonexistent}/.local/share/fonts" -name "$1" -print -quit 2>/dev/null)" ]
}
fonts_missing=()
font_ok NotoColorEmoji.ttf || fonts_missing+=(fonts-noto-color-emoji)
{ font_ok NotoSansArabic-Regular.ttf && font_ok NotoSansHebrew-Regular.ttf; } || fonts_missing+=(fonts-noto-core)

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd="sudo"; fi
fi
can_apt=0
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo_cmd" ]; }; then can_apt=1; fi

if [ "${#fonts_missing[@]}" -gt 0 ]; then
  if [ "$can_apt" = 1 ]; then
    missing+=("${fonts_missing[@]}")
  else
    say "fonts for emoji, Arabic and Hebrew titles are missing: ${fonts_missing[*]}. Titles still render, with"
    say "boxes for those characters. Install them with: sudo apt-get install -y ${fonts_missing[*]}"
  fi
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$can_apt" = 1 ]; then
    say "installing ${missing[*]} with apt-get"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "missing: ${missing[*]}. Install them, then run this again:"
    say "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    say "(macOS: brew install ffmpeg redis; and a Chromium at /usr/bin/chromium for the browser tests)"
    exit 1
  fi
  ffmpeg_ok || { say "ffmpeg 5.1 or newer is needed; this system's package is older. Install a newer ffmpeg."; exit 1; }
fi

if [ ! -d node_modules ] || [ package.json -nt node_modules/.package-lock.json ]; then
  say "installing Node packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Compile the CLI and build the web page when the sources changed since the last build.
stamp=.build-stamp
if [ ! -f "$stamp" ] || [ -n "$(find src web/src web/index.html package.json tsconfig*.json -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  say "building"
  npm run build --silent
  touch "$stamp"
fi
