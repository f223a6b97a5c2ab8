#!/usr/bin/env bash
# Creates examples/scilearn/.venv with the pinned requirements (idempotent: a venv whose
# requirements stamp matches is left alone). Python: $QUEUESHIFT_PYTHON_BASE, else the first
# of python3.12, python3.11, python3 that runs and is >= 3.11 (the wheels are pinned for it).
set -euo pipefail
cd "$(dirname "$0")"
stamp=".venv/.requirements.sha256"
want="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "scilearn: .venv is up to date ($(.venv/bin/python --version))"
  exit 0
fi
python=""
for candidate in ${QUEUESHIFT_PYTHON_BASE:-} python3.12 python3.11 python3; do
  if "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  echo "scilearn: needs Python >= 3.11 (set QUEUESHIFT_PYTHON_BASE to its path)" >&2
  exit 2
fi
echo "scilearn: creating .venv with $("$python" --version)"
rm -rf .venv
"$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --only-binary=:all: -r requirements.txt
echo "$want" > "$stamp"
echo "scilearn: .venv ready"
