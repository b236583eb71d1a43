"""On/off switches for optional build steps, read from the environment."""

from __future__ import annotations

import os

OFF = {"0", "false", "no", "off"}


def switched_on(name: str) -> bool:
    """True unless the variable says 0/false/no/off (unset means on)."""
    return os.environ.get(name, "1").strip().lower() not in OFF
