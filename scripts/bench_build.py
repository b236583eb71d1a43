"""빌드 성능 벤치마크 (benchmarks/build.py): `make bench`, `--notes 1000`."""

import sys
from pathlib import Path

# The benchmarks live beside the package, not in it: run from any folder.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.build import main

sys.exit(main(sys.argv[1:]))
