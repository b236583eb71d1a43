"""링크 처리 비용 벤치마크 (benchmarks/links.py)."""

import sys
from pathlib import Path

# The benchmarks live beside the package, not in it: run from any folder.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.links import main

sys.exit(main(sys.argv[1:]))
