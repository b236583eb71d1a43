"""The build and site benchmarks: not part of the installed package (scripts/bench_*.py run them).

Results are committed next to them (results*.json, results*.md, lighthouse.*) and shown on
the performance page.
"""

from pathlib import Path

# The checkout the benchmarks measure: the one they live in.
ROOT = Path(__file__).resolve().parents[1]
