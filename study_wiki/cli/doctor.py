"""`study-wiki doctor`: what this computer lacks to preview, build and test the site,
each with the command that installs it here (macOS, Windows, or Debian/Ubuntu). It
runs with any Python and the standard library only, before anything is installed;
exit status 1 when something the preview needs is missing.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass

from study_wiki.cli.install import OLDEST_PYTHON, VENV
from study_wiki.core import host
from study_wiki.core.paths import CHECKOUT
from study_wiki.figure_style import FONT_DIR, FONT_FILES

NEWEST_TESTED = "3.14"
OLDEST_NODE = 18
# The Debian packages the browser tests use (scripts/install_system_deps.sh).
TEST_PACKAGES = ("chromium", "chromium-driver", "fonts-noto-cjk")

# What installs each tool, by system. "debian" is Debian, Ubuntu and their kin.
INSTALL = {
    "python": {
        host.MACOS: "brew install python@3.13",
        host.WINDOWS: "winget install Python.Python.3.13",
        "debian": "sudo apt-get install python3 python3-venv",
    },
    "venv": {"debian": "sudo apt-get install python3-venv"},
    "node": {
        host.MACOS: "brew install node",
        host.WINDOWS: "winget install OpenJS.NodeJS.LTS",
        "debian": "sudo apt-get install nodejs npm",
    },
    "git": {
        host.MACOS: "xcode-select --install",
        host.WINDOWS: "winget install Git.Git",
        "debian": "sudo apt-get install git",
    },
}


@dataclass(frozen=True)
class Facts:
    """What the checks read from this computer (tests make up their own)."""

    system: str  # sys.platform, or "debian" for a Linux with apt-get
    python: tuple[int, int]
    has_venv: bool
    node: tuple[int, ...] | None
    git: bool
    env_current: bool  # .venv/ installed from today's lock
    katex: bool
    font: bool
    missing_packages: tuple[str, ...] | None  # Debian packages for the tests; None: not Debian


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str
    fix: str = ""
    needed: bool = True  # for the preview (else only for the tests)

    def __str__(self) -> str:
        mark = "ok  " if self.ok else ("MISS" if self.needed else "note")
        return f"{mark}  {self.what}" + ("" if self.ok or not self.fix else f"\n      {self.fix}")


def install_command(tool: str, system: str) -> str:
    command = INSTALL[tool].get(system)
    if command:
        return f"install it: {command}"
    return f"install {tool} with this system's package manager"


def python_problem(system: str | None = None, version: tuple[int, int] | None = None) -> str:
    version = version or sys.version_info[:2]
    oldest = ".".join(map(str, OLDEST_PYTHON))
    return (
        f"Python {version[0]}.{version[1]} is too old: the site needs Python {oldest} to "
        f"{NEWEST_TESTED}; {install_command('python', system or this_system())}, then run "
        "the command again with it"
    )


def node_problem(system: str | None = None) -> str:
    return (
        "Node.js (npm) is missing: it typesets equations and builds the search index; "
        + install_command("node", system or this_system())
    )


def findings(facts: Facts) -> list[Finding]:
    system = facts.system
    python = f"Python {facts.python[0]}.{facts.python[1]}"
    found = [Finding(facts.python >= OLDEST_PYTHON, python, python_problem(system, facts.python))]
    if not facts.has_venv:
        found.append(Finding(False, "Python's venv module", install_command("venv", system)))
    if facts.node is None:
        found.append(Finding(False, "Node.js", node_problem(system)))
    else:
        version = ".".join(map(str, facts.node))
        fix = f"Node.js {OLDEST_NODE} or newer is needed; {install_command('node', system)}"
        found.append(Finding(facts.node[0] >= OLDEST_NODE, f"Node.js {version}", fix))
    fix = "pages' dates and authors come from history; " + install_command("git", system)
    found.append(Finding(facts.git, "Git", fix))
    setup = "run: " + ("py" if system == host.WINDOWS else "python3") + " -m study_wiki install"
    found.append(Finding(facts.env_current, ".venv/ from requirements.lock", setup))
    katex_fix = setup + " (it runs npm ci --omit=dev)"
    found.append(Finding(facts.katex, "KaTeX (node_modules/katex)", katex_fix))
    font_fix = "it is in the repository: git checkout -- study_wiki/fonts"
    found.append(Finding(facts.font, "the figures' font (study_wiki/fonts)", font_fix))
    if facts.missing_packages is None:
        found.append(
            Finding(
                True,
                "browser tests: they run on Linux with Debian's chromium (CI does)",
                needed=False,
            )
        )
    elif facts.missing_packages:
        names = " ".join(facts.missing_packages)
        fix = f"for the tests, install: sudo apt-get install {names}"
        found.append(Finding(False, f"Debian packages {names}", fix, needed=False))
    else:
        found.append(Finding(True, "Debian packages for the tests: " + " ".join(TEST_PACKAGES)))
    return found


def this_system() -> str:
    if sys.platform.startswith("linux"):
        return "debian" if shutil.which("apt-get") else "linux"
    return sys.platform


def read_facts() -> Facts:
    from study_wiki.cli.install import venv_current

    system = this_system()
    return Facts(
        system=system,
        python=sys.version_info[:2],
        has_venv=_has_venv(),
        node=_node_version(),
        git=shutil.which("git") is not None,
        env_current=host.venv_python(VENV).exists() and venv_current("site"),
        katex=(CHECKOUT / "node_modules" / "katex" / "package.json").is_file(),
        font=all((FONT_DIR / name).is_file() for name in FONT_FILES),
        missing_packages=_missing_debian_packages() if system == "debian" else None,
    )


def _has_venv() -> bool:
    try:
        import ensurepip  # noqa: F401 - Debian ships venv without it unless python3-venv
        import venv  # noqa: F401
    except ImportError:
        return False
    return True


def _node_version() -> tuple[int, ...] | None:
    node = shutil.which("node")
    if node is None or shutil.which("npm") is None:
        return None
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
        return tuple(int(part) for part in out.strip().lstrip("v").split("."))
    except (OSError, ValueError):
        return None


def _missing_debian_packages() -> tuple[str, ...]:
    return tuple(package for package in TEST_PACKAGES if not _installed_package(package))


def _installed_package(package: str) -> bool:
    query = ["dpkg-query", "-W", "-f=${Status}", package]
    return "ok installed" in subprocess.run(query, capture_output=True, text=True).stdout


def main(argv: list[str]) -> int:
    if argv in (["-h"], ["--help"]):
        print(f"usage: study-wiki doctor\n\n{__doc__}")
        return 0
    if argv:
        print("usage: study-wiki doctor", file=sys.stderr)
        return 2
    found = findings(read_facts())
    print(f"{platform.system()} {platform.release()}, checkout {CHECKOUT}")
    for finding in found:
        print(finding)
    return 1 if any(f.needed and not f.ok for f in found) else 0
