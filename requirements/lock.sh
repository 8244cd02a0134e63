#!/usr/bin/env bash
# The lock: requirements/lock.txt (every runtime, test and build dependency, transitive included,
# pinned with hashes) and requirements/build.txt (the build backends, installed first).
#
#   bash requirements/lock.sh refresh   re-resolve the newest versions pyproject.toml's ranges allow
#                                       and rewrite both files (review the diff, run the suite, commit)
#   bash requirements/lock.sh latest    install the newest versions the ranges allow in .venv-latest
#                                       and run ruff and the whole suite there, to find drift on purpose
#                                       (not part of CI; extra arguments go to pytest)
#
# The lock is compiled by uv (pinned below), installed by plain pip with --require-hashes.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9

case "${1:-}" in
  refresh)
    tools=$(mktemp -d)
    trap 'rm -rf "$tools"' EXIT
    python3 -m venv "$tools"
    "$tools/bin/python" -m pip install -qq "uv==$UV_VERSION"
    common=(--generate-hashes --universal --python-version 3.11 --no-header --quiet)
    "$tools/bin/uv" pip compile pyproject.toml requirements/build.in --extra test "${common[@]}" \
      --upgrade -o requirements/lock.txt
    "$tools/bin/uv" pip compile requirements/build.in -c requirements/lock.txt "${common[@]}" \
      -o requirements/build.txt
    git --no-pager diff --stat -- requirements/ || true
    ;;
  latest)
    shift
    rm -rf .venv-latest
    python3 -m venv .venv-latest
    .venv-latest/bin/python -m pip install -q --upgrade -e ".[test]"
    .venv-latest/bin/python -m pip freeze --exclude-editable > .venv-latest/freeze.txt
    echo "newest allowed versions: .venv-latest/freeze.txt" >&2
    .venv-latest/bin/ruff check --quiet posture tests bench
    exec .venv-latest/bin/python -m pytest "$@"
    ;;
  *)
    echo "usage: bash requirements/lock.sh refresh|latest [pytest args]" >&2
    exit 2
    ;;
esac
