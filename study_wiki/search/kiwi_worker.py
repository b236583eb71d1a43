"""Korean morphological analysis in its own process, for the search plugin.

Protocol: one JSON string (a text) per stdin line; one JSON list of
[form, tag] pairs per stdout line, in order. Loading Kiwi takes seconds and
holds Python's GIL, so it runs here, beside the build, not inside it.
"""

import json
import sys

from kiwipiepy import Kiwi


def main() -> None:
    kiwi = Kiwi()
    kiwi.tokenize("기울기 소실")  # the model itself loads on first use
    for line in sys.stdin:
        tokens = kiwi.tokenize(json.loads(line))
        reply = [[token.form, token.tag] for token in tokens]
        sys.stdout.write(json.dumps(reply, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
