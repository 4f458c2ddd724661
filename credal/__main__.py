"""``python -m credal`` is the ``credal`` command."""

import sys

from .cli import main

sys.exit(main())
