#!/usr/bin/env bash
# Set up everything `make report` and `make test` need, idempotently:
#   1. Debian packages: fonts with full Vietnamese coverage, Chromium (PDF export and browser tests),
#      poppler-utils (pdftotext/pdftoppm for PDF checks);
#   2. a virtual environment in .venv with the project installed (editable) and its test extras;
#   3. a Jupyter kernel named "netzero" inside .venv, so notebooks run in this environment.
# A second run with everything present only checks and returns in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(fonts-dejavu-core fonts-noto-mono chromium poppler-utils)
PYTHON=${PYTHON:-python3}
VENV=.venv
STAMP="$VENV/.netzero-setup"

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "setup: need root (or sudo) to install Debian packages: ${missing[*]}" >&2; exit 1
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -x "$VENV/bin/python" ] \
   && [ -d "$VENV/share/jupyter/kernels/netzero" ]; then
  exit 0
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV with $($PYTHON --version)"
  "$PYTHON" -m venv "$VENV"
fi
echo "setup: installing Python packages into $VENV (log: $VENV/setup.log)"
{ "$VENV/bin/python" -m pip install --disable-pip-version-check --upgrade pip \
  && "$VENV/bin/python" -m pip install --disable-pip-version-check -e ".[test]"; } > "$VENV/setup.log" 2>&1 \
  || { tail -30 "$VENV/setup.log" >&2; echo "setup: pip install failed (see $VENV/setup.log)" >&2; exit 1; }
"$VENV/bin/python" -c "import analysis, pandas, papermill, nbconvert, openscm_units" \
  || { echo "setup: the Python install failed" >&2; exit 1; }
"$VENV/bin/python" -m ipykernel install --sys-prefix --name netzero --display-name "Python (netzero)" >/dev/null
echo "$want" > "$STAMP"
echo "setup: ready"
