#!/usr/bin/env bash
# One set-up for users and CI, idempotent and quick the second time:
#   bash setup.sh demo   install everything, then run posture on the bundled demo
#   bash setup.sh test   install everything, then run the whole test suite
# Python packages come from requirements/lock.txt (every dependency pinned with its hashes), so a
# user, a developer and CI get the same versions. On success it prints only the main job's output.
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-demo}"
shift || true
case "$mode" in demo|test) ;; *) echo "usage: bash setup.sh demo [posture demo's options, e.g. --no-app] | test [pytest's options]" >&2; exit 2 ;; esac

log=$(mktemp)
trap 'rm -f "$log"' EXIT
quietly() {  # run a step; show its output only if it fails
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "posture: set-up failed: $*" >&2
    exit 1
  fi
}

# System packages, only when missing (apt is slow; skip it when everything is there).
need=()
command -v nmap >/dev/null || need+=(nmap)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v tmux >/dev/null || need+=(tmux)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# fallbacks for emoji and symbols in vendor names and notes (otherwise empty boxes in the PDF)
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need+=(fonts-noto-color-emoji)
[ -e /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf ] || need+=(fonts-symbola)
# the tests open the HTML export in a real browser (headless)
[ "$mode" = test ] && ! command -v chromium >/dev/null && need+=(chromium)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || need+=(libharfbuzz-subset0)
python3 -c "import venv, ensurepip" 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "posture: missing system packages: ${need[*]} (run as root, or: sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
  quietly apt-get update -qq
  quietly env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# Python environment, exactly as locked. The stamp holds the hash of the lock and of pyproject.toml:
# when either changes the venv is made anew, so nothing the lock no longer names stays behind.
stamp=.venv/.posture-installed
want=$(cat requirements/lock.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  rm -rf .venv
  quietly python3 -m venv .venv
  pip=(.venv/bin/python -m pip install --no-input --require-hashes --no-build-isolation)
  quietly "${pip[@]}" -r requirements/build.txt   # the locked build backends first
  quietly "${pip[@]}" -r requirements/lock.txt    # then everything, built with them
  # posture itself, editable, built by the locked hatchling
  quietly .venv/bin/python -m pip install --no-input --no-deps --no-build-isolation -e .
  echo "$want" > "$stamp"
fi

case "$mode" in
  demo)
    exec .venv/bin/posture demo "$@"
    ;;
  test)
    .venv/bin/ruff check --quiet posture tests bench
    exec .venv/bin/python -m pytest "$@"
    ;;
esac
