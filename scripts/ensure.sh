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

if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd="sudo"; fi
  fi
  if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo_cmd" ]; }; then
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
