"""``python -m cchc_desktop``: the ``cchc`` command."""

import sys

from cchc_desktop.cli import main

sys.exit(main())
