#!/usr/bin/env bash
# One set-up for users and CI, idempotent and quick the second time:
#   bash setup.sh demo   install everything, then run posture on the bundled demo
#   bash setup.sh test   install everything, then run the whole test suite
set -euo pipefail
cd "$(dirname "$0")"
mode="${1:-demo}"
shift || true

# System packages, only when missing (apt is slow; skip it when everything is there).
need=()
command -v nmap >/dev/null || need+=(nmap)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v tmux >/dev/null || need+=(tmux)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || need+=(libharfbuzz-subset0)
python3 -c "import venv, ensurepip" 2>/dev/null || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "posture: missing system packages: ${need[*]} (run as root, or: sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "posture: installing ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Python environment; reinstall only when pyproject.toml changed.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.posture-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi

case "$mode" in
  demo)
    exec .venv/bin/posture demo "$@"
    ;;
  test)
    .venv/bin/ruff check posture tests bench
    exec .venv/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: bash setup.sh demo|test" >&2
    exit 2
    ;;
esac
