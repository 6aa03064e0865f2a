#!/usr/bin/env bash
# Set up everything `make report` and `make test` need, idempotently:
#   1. Debian packages: fonts with full Vietnamese coverage, Chromium (PDF export and browser tests),
#      poppler-utils (pdftotext/pdftoppm for PDF checks) — Debian's release decides their versions; each run's
#      manifest records them;
#   2. a virtual environment in .venv holding exactly the versions of uv.lock (the project editable, its runtime and
#      test dependencies), installed by uv (a pinned version, kept in .venv/.uv); `uv sync --locked` refuses a lock
#      that no longer matches pyproject.toml (run `make lock` to refresh it on purpose). Installed with their bytecode
#      (--compile-bytecode, ~15 s once): uv writes none by default, and where PYTHONDONTWRITEBYTECODE is set (many
#      containers, this project's CI) Python never caches it, so every process of a batch (the kernel template, each
#      worker, the batch itself) compiled pandas, matplotlib, pandera … from source again (~9 % of the default batch);
#   3. a Jupyter kernel named "netzero" inside .venv, so notebooks run in this environment.
# A second run with everything present only checks a stamp (pyproject.toml, uv.lock and this script) and returns.
# `setup.sh --uv-only` makes .venv and installs uv alone (what `make lock` needs when the lock is out of date).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(ca-certificates libatomic1 fonts-dejavu-core fonts-noto-mono chromium poppler-utils)
PYTHON=${PYTHON:-python3}
VENV=.venv
STAMP="$VENV/.netzero-setup"
UV_VERSION=0.13.9  # the installer itself is pinned too; `make lock` uses the same one
UV="$VENV/.uv/bin/uv"

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

want=$(cat pyproject.toml uv.lock scripts/setup.sh | sha256sum | cut -d' ' -f1)
if [ "${1:-}" != "--uv-only" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -x "$VENV/bin/python" ] && [ -x "$UV" ] \
   && [ -d "$VENV/share/jupyter/kernels/netzero" ]; then
  exit 0
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating $VENV with $($PYTHON --version)"
  "$PYTHON" -m venv "$VENV"
fi
if [ ! -x "$UV" ] || [ "$("$UV" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  echo "setup: installing uv $UV_VERSION into $VENV/.uv"
  # uv sync removes pip from .venv (it is not in the lock): bring it back for this one install
  "$VENV/bin/python" -m pip --version >/dev/null 2>&1 || "$VENV/bin/python" -m ensurepip --default-pip >/dev/null
  rm -rf "$VENV/.uv"
  "$VENV/bin/python" -m pip install --disable-pip-version-check -q --target "$VENV/.uv" "uv==$UV_VERSION" \
    2>"$VENV/uv-install.log" || { cat "$VENV/uv-install.log" >&2; echo "setup: could not install uv $UV_VERSION" >&2; exit 1; }
fi
[ "${1:-}" = "--uv-only" ] && exit 0
echo "setup: installing the locked Python packages into $VENV (log: $VENV/setup.log)"
# UV_SYSTEM_CERTS: trust the machine's certificate store (/etc/ssl/certs), as Debian's pip does, not only uv's
# bundled roots: behind a proxy or mirror with its own certificate authority the locked downloads still work
export UV_PROJECT_ENVIRONMENT="$VENV" UV_PYTHON_DOWNLOADS=never UV_LINK_MODE=copy UV_SYSTEM_CERTS=1
"$UV" sync --locked --extra test --compile-bytecode --python "$VENV/bin/python" > "$VENV/setup.log" 2>&1 \
  || { tail -30 "$VENV/setup.log" >&2; echo "setup: uv sync failed (see $VENV/setup.log); if it says the lock" \
       "needs updating, pyproject.toml changed: run 'make lock' and commit uv.lock" >&2; exit 1; }
"$VENV/bin/python" -c "import analysis, pandas, papermill, nbconvert, openscm_units" \
  || { echo "setup: the Python install failed" >&2; exit 1; }
"$VENV/bin/python" -m ipykernel install --sys-prefix --name netzero --display-name "Python (netzero)" >/dev/null
echo "$want" > "$STAMP"
echo "setup: ready"
