"""Frozen entry point of ``cchc`` (the console executable, the CLI)."""

import sys

from cchc_desktop.cli import main

sys.exit(main())
