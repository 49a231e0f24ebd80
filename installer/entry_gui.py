"""Frozen entry point of ``cchc-desktop`` (the windowed executable): ``cchc gui``."""

import sys

from cchc_desktop.cli import gui_main

sys.exit(gui_main())
