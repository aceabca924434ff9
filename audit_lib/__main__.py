"""`python -m audit_lib` = `gdpr-audit`."""

import sys

from .cli import main

sys.exit(main())
