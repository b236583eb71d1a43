"""Korean morphological analysis in its own process (Kiwi loads for seconds and holds
the GIL): one JSON text per stdin line, one JSON list of [form, tag] per stdout line."""

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
