"""`python -m db.seed`: write the demo caseload (see db/seed/__init__.py)."""

import sys

from db.seed import main

sys.exit(main())
