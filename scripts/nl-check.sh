#!/usr/bin/env bash
# Plain-language acceptance: runs the instruction sets through a real `photoreel serve` and checks the drafts.
#
#   npm run nl-check                      # both sets, 95% floor each, no wrong changes allowed
#   NL_THRESHOLD=60 npm run nl-check      # a lower floor (percent) while the engine is being rebuilt
#   NL_SETS=own npm run nl-check          # only test/nl/corpus-own.json (or: public)
#   NL_FILTER='^own-zh-' NL_VERBOSE=1 npm run nl-check   # a slice, with details
#
# The checker itself (nl-check.mjs, its assertion vocabulary and the public set) lives in
# ../shared/nl-check (NL_CHECK_DIR overrides); without it nothing can run and the script says so.
# The server gets a free port on 127.0.0.1, a temporary data folder and generous rate limits; it is
# stopped on exit, whatever happens. A set fails when its pass rate is below the floor or when any of
# its cases changed the draft in a way that was not asked.
# Env: NL_THRESHOLD (percent, default 95), NL_SETS (public,own), NL_CONCURRENCY (2), NL_FILTER,
#      NL_VERBOSE, NL_CHECK_DIR, NL_REPORT_DIR (keep the JSON reports there), NL_SERVER=source
#      (run the server from src/ with tsx instead of building dist/; also the fallback when the build fails).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

say() { printf 'nl-check: %s\n' "$*" >&2; }

threshold=${NL_THRESHOLD:-95}
sets=${NL_SETS:-public,own}
check_dir=${NL_CHECK_DIR:-$root/../shared/nl-check}
runner=$check_dir/nl-check.mjs
own_corpus=$root/test/nl/corpus-own.json

if [ ! -f "$runner" ]; then
  say "the checker is not there: $runner (set NL_CHECK_DIR to the folder holding nl-check.mjs)."
  say "nothing was run; test/nl/corpus-own.json can only be shape-checked without it (npx vitest run test/nl)."
  exit 2
fi

IFS=',' read -r -a wanted <<<"$sets"
for s in "${wanted[@]}"; do
  case $s in
    public | own) ;;
    *) say "unknown set '$s' in NL_SETS (public, own)"; exit 2 ;;
  esac
done

# The server: the compiled CLI (built when the sources changed), or the sources through tsx.
# A build that fails (a type error somewhere) falls back to the sources, and says so.
if [ "${NL_SERVER:-}" = source ]; then
  server_cmd=(node --import tsx src/cli/main.ts serve)
elif bash scripts/ensure.sh; then
  server_cmd=(node bin/photoreel.js serve)
else
  say "the build failed (see above); running the server from the sources with tsx instead"
  server_cmd=(node --import tsx src/cli/main.ts serve)
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/photoreel-nl-check.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -INT "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
PHOTOREEL_RATE_TOKENS_PER_MIN=1000000 \
  PHOTOREEL_RATE_INSTRUCTIONS_PER_MIN=1000000 \
  PHOTOREEL_CREDITS_PER_TOKEN=100000 \
  PHOTOREEL_LOG_LEVEL=${PHOTOREEL_LOG_LEVEL:-warn} \
  "${server_cmd[@]}" --host 127.0.0.1 --port "$port" --data "$work/data" --no-worker \
  >"$work/server.log" 2>&1 &
server_pid=$!
base=http://127.0.0.1:$port

for i in $(seq 1 300); do
  if curl -fsS "$base/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    say "the server stopped before it answered; its log:"
    tail -n 40 "$work/server.log" >&2
    exit 1
  fi
  [ "$i" = 300 ] && { say "no answer from $base/healthz after 30 s"; tail -n 40 "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
say "server on $base (data in $work/data)"

say "generating the test media once"
node "$check_dir/make-media.mjs" "$work/media" --small >"$work/media.log" 2>&1 || {
  say "could not make the test media:"; tail -n 20 "$work/media.log" >&2; exit 1
}

status=0
summaries=()
run_set() { # name corpus-file
  local name=$1 corpus=$2 report=$work/report-$1.json out=$work/out-$1.txt t0 t1 rc=0
  if [ ! -f "$corpus" ]; then
    say "$name set: $corpus not found, skipped"
    return
  fi
  say "running the $name set ($corpus)"
  t0=$(date +%s)
  BASE_URL=$base NL_CORPUS=$corpus NL_REPORT=$report MEDIA_DIR=$work/media \
    NL_CONCURRENCY=${NL_CONCURRENCY:-2} node "$runner" | tee "$out" || rc=$?
  t1=$(date +%s)
  if [ ! -f "$report" ]; then
    say "$name set: the checker wrote no report (exit $rc)"
    summaries+=("$name: no report (checker exit $rc)")
    status=1
    return
  fi
  [ -n "${NL_REPORT_DIR:-}" ] && mkdir -p "$NL_REPORT_DIR" && cp "$report" "$NL_REPORT_DIR/nl-report-$name.json"
  local line
  line=$(node --input-type=module - "$report" "$threshold" "$name" "$((t1 - t0))" <<'EOF'
import fs from 'node:fs';
const [file, threshold, name, secs] = process.argv.slice(2);
const rs = JSON.parse(fs.readFileSync(file, 'utf8')).results;
const failed = rs.filter((r) => !r.ok);
const passed = rs.length - failed.length;
const wrong = failed.filter((r) => !r.error && !r.admitted && r.changed === true).length;
const silent = failed.filter((r) => !r.error && !r.admitted && r.changed === false).length;
const admitted = failed.filter((r) => !r.error && r.admitted).length;
const errors = failed.filter((r) => r.error).length;
const pct = rs.length ? (100 * passed) / rs.length : 0;
const ok = rs.length > 0 && pct >= Number(threshold) && wrong === 0 && errors === 0;
console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${passed}/${rs.length} passed (${pct.toFixed(1)}%, floor ${threshold}%), ` +
  `${wrong} changed the draft but not as asked, ${silent} silent no-op(s), ${admitted} admitted, ${errors} error(s), ${secs} s`);
process.exit(ok ? 0 : 1);
EOF
  ) || status=1
  summaries+=("$line")
}

for s in "${wanted[@]}"; do
  case $s in
    public) run_set public "$check_dir/corpus-public.json" ;;
    own) run_set own "$own_corpus" ;;
  esac
done

echo
echo "== nl-check summary"
for l in "${summaries[@]}"; do echo "$l"; done
exit $status
