"""``python -m lib``: see :mod:`lib.cli`."""

import sys

from .cli import main

sys.exit(main())
