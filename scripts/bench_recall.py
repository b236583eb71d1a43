"""Search recall before and after the Korean search stage (benchmarks/search_recall.py)."""

import sys
from pathlib import Path

# The benchmarks live beside the package, not in it: run from any folder.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.search_recall import main

sys.exit(main(sys.argv[1:]))
