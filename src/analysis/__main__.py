"""``python -m analysis`` is the same as the ``netzero`` command."""

import sys

from analysis.cli import main

if __name__ == "__main__":
    sys.exit(main())
