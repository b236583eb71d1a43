"""`python -m study_wiki <command>`; see study_wiki/cli/."""

import sys

from study_wiki.cli import main

sys.exit(main())
