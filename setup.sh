#!/usr/bin/env bash
# lehtinen setup: installs what building and testing need, skipping what is already there.
#   - a Chrome/Chromium (Debian/Ubuntu: the chromium package) unless PUPPETEER_EXECUTABLE_PATH or
#     CHROME_PATH names one;
#   - poppler-utils, qpdf, ghostscript, zbar-tools and unzip, which the tests use to read the output back,
#     procps (pgrep) for the test that kills the browser mid-build, and faketime for the reproducible-build test;
#   - libvoikko1 and voikko-fi: Finnish hyphenation as LibreOffice does it (Voikko);
#   - the npm packages (npm ci), which also compiles lehtinen (the "prepare" script).
# Run it again at any time; it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")"

have() { command -v "$1" >/dev/null 2>&1; }
missing=()

browser=""
for b in "${PUPPETEER_EXECUTABLE_PATH:-}" "${CHROME_PATH:-}" chromium chromium-browser google-chrome-stable google-chrome; do
  if [ -n "$b" ] && have "$b"; then browser="$b"; break; fi
done
[ -n "$browser" ] || missing+=(chromium)
have pdfinfo || missing+=(poppler-utils)
have qpdf || missing+=(qpdf)
have gs || missing+=(ghostscript)
have zbarimg || missing+=(zbar-tools)
have unzip || missing+=(unzip)
have pgrep || missing+=(procps)  # tests/integration/faults.test.ts finds the browser it kills
#     procps (pgrep) for the test that kills the browser mid-build, and faketime for the reproducible-build test;
#   - libvoikko1 and voikko-fi: Finnish hyphenation as LibreOffice does it (Voikko);

if [ ${#missing[@]} -gt 0 ]; then
  if have apt-get; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]} (Debian packages)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: please install: ${missing[*]} (or set PUPPETEER_EXECUTABLE_PATH to a Chrome/Chromium)" >&2
    exit 1
  fi
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "setup: lehtinen needs Node.js 20 or newer (found $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# npm ci when node_modules is missing or older than the lock file; it compiles src/ to dist/ too.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm run --silent compile
fi
echo "setup: ready ($(node bin/lehtinen.js --version), browser: ${browser:-chromium})"
