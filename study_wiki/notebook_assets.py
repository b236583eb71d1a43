"""Notebook pages link one cached stylesheet instead of mkdocs-jupyter's inline `<style>`
blocks (invalid in `<article>`, cached nowhere), with the rules the page never uses dropped.
An unused mermaid loader (from a CDN) goes, and the copy buttons' inline scripts move into one
file: the Content-Security-Policy lists only a page's own inline scripts."""

from __future__ import annotations

import functools
import hashlib
import itertools
import posixpath
import re
from pathlib import Path

import tinycss2
from mkdocs.structure.pages import Page

from study_wiki.core.artifact_cache import ArtifactCache, code_digest
from study_wiki.core.atomic_file import holds, write_text_atomic
from study_wiki.core.paths import page_folder
from study_wiki.core.stage import Stage, SwitchOnly

ASSET_DIR = "assets/stylesheets"
SCRIPT_DIR = "assets/javascripts"
WRAPPER = 'class="jupyter-wrapper"'
ARTICLE = re.compile(r"(<article\b[^>]*>)(.*?)(</article>)", re.S)
STYLE = re.compile(r"[ \t]*<style\b[^>]*>(.*?)</style>\s*", re.S)
INLINE_SCRIPT = re.compile(r"[ \t]*<script>(.*?)</script>\s*", re.S)
MERMAID_LOADER = re.compile(
    r'<script type="module">(?:(?!</script>).)*jp-Mermaid(?:(?!</script>).)*</script>\s*', re.S
)
# JupyterLab's prompt (grey at half opacity: #b0b0b0 on white, 2.2:1) fails WCAG AA contrast; the
# theme's secondary text colour passes in both schemes.
OVERRIDES = (
    ".jupyter-wrapper .jp-InputPrompt,.jupyter-wrapper .jp-OutputPrompt,"
    ".jupyter-wrapper .jp-Notebook .jp-Cell:not(.jp-mod-active) .jp-InputPrompt,"
    ".jupyter-wrapper .jp-Notebook .jp-Cell:not(.jp-mod-active) .jp-OutputPrompt"
    "{color:var(--md-default-fg-color--light);opacity:1}\n"
)
# mkdocs-jupyter's copy buttons, in English on a Korean page and with a stray `,`
# attribute from its template.
COPY_BUTTON = re.compile(r'<clipboard-copy ,="" aria-label="Copy to Clipboard"')
COPY_LABEL = '<clipboard-copy aria-label="코드 복사"'
COPIED = re.compile(r'(<span class="notice" hidden="">)Copied!')
CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
CLASS_TOKEN = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
SKIP = {"skip_comments": True, "skip_whitespace": True}  # what tinycss2 leaves out


def split_selectors(prelude: list) -> list[str]:
    """Top-level comma-separated selectors: tinycss2 keeps `:is(a, b)` and `[x="a,b"]`
    as one token each, so only the commas between selectors are literal tokens."""
    parts = itertools.groupby(prelude, lambda t: t.type == "literal" and t.value == ",")
    return [
        text for comma, part in parts if not comma and (text := tinycss2.serialize(part).strip())
    ]


def selector_used(selector: str, classes: frozenset[str]) -> bool:
    if re.search(r"\S\s+:root\b", selector):
        return False  # `.jupyter-wrapper :root` never matches: :root has no ancestor
    # Classes inside :not(...) do not need to be present for a match.
    positive = re.sub(r":not\((?:[^()]|\([^()]*\))*\)", "", selector)
    positive = re.sub(r"\[[^\]]*\]", "", positive)  # `[data-x="a.b"]` holds no class
    return all(name in classes for name in CLASS_TOKEN.findall(positive))


# A kept rule: the text before its block (selectors or an at-rule head) and either
# declarations (name, value, important) or nested rules.
Rule = tuple[str, list]


def declarations(content: list) -> list[tuple[str, str, bool]]:
    items = tinycss2.parse_blocks_contents(content, **SKIP)
    return [
        (item.name, tinycss2.serialize(item.value).strip(), item.important)
        for item in items
        if item.type == "declaration"
    ]


def purge_rules(rules: list, classes: frozenset[str]) -> list[Rule]:
    kept: list[Rule] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in split_selectors(rule.prelude) if selector_used(s, classes)]
            if selectors:
                kept.append((",".join(selectors), declarations(rule.content)))
        elif rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            if keyword == "charset":
                continue
            if keyword in ("media", "supports", "layer", "container") and rule.content:
                inner = purge_rules(tinycss2.parse_rule_list(rule.content, **SKIP), classes)
                if inner:
                    head = tinycss2.serialize(rule.prelude).strip()
                    kept.append((f"@{rule.at_keyword} {head}", inner))
            else:
                kept.append((tinycss2.serialize([rule]), []))
    return kept


VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")


def walk(rules: list[Rule]):
    for head, body in rules:
        if body and isinstance(body[0], tuple) and len(body[0]) == 3:
            yield head, body
        elif body:
            yield from walk(body)


@functools.cache
def theme_properties() -> frozenset[str]:
    """Custom properties the theme's own stylesheets read (never dropped)."""
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return frozenset(
        name for path in folder.glob("*.css") for name in VAR_USE.findall(path.read_text("utf-8"))
    )


def drop_unused_properties(rules: list[Rule]) -> None:
    """Remove custom properties (`--x: ...`) that no kept declaration reads, to a fixpoint."""
    while True:
        used = theme_properties() | {
            name
            for _, decls in walk(rules)
            for _, value, _ in decls
            for name in VAR_USE.findall(value)
        }
        removed = False
        for _, decls in walk(rules):
            keep = [d for d in decls if not d[0].startswith("--") or d[0] in used]
            if len(keep) != len(decls):
                decls[:] = keep
                removed = True
        if not removed:
            return


def serialize(rules: list[Rule]) -> list[str]:
    texts: list[str] = []
    for head, body in rules:
        if not body:
            if head.startswith("@"):  # not a rule left without declarations
                texts.append(head)
        elif isinstance(body[0], tuple) and len(body[0]) == 3:
            decls = ";".join(
                f"{name}:{value}{' !important' if important else ''}"
                for name, value, important in body
            )
            texts.append(f"{head}{{{decls}}}")
        elif inner := serialize(body):
            texts.append(f"{head}{{{''.join(inner)}}}")
    return list(dict.fromkeys(texts))  # the same rule twice (two stylesheets) once


@functools.lru_cache(maxsize=32)
def purged_css(css: str, classes: frozenset[str]) -> str:
    rules = purge_rules(tinycss2.parse_stylesheet(css, **SKIP), classes)
    drop_unused_properties(rules)
    return "\n".join(serialize(rules)) + "\n" + OVERRIDES


class NotebookAssetsStage(Stage[SwitchOnly]):
    def cached_purge(self, css: str, classes: frozenset[str]) -> str:
        """purged_css, kept on disk by a hash of its inputs (parsing the CSS is slow)."""
        inputs = "\0".join([tinycss2.__version__, code_digest(Path(__file__)), css])
        key = hashlib.sha256((inputs + "\0".join(sorted(classes))).encode("utf-8")).hexdigest()
        cache = ArtifactCache(self.project.cache / "notebook-css", ".css")
        sheet = cache.made(key, lambda: purged_css(css, classes).encode("utf-8"))
        return sheet.read_text(encoding="utf-8")

    def write_asset(self, folder: str, suffix: str, text: str, page: Page, config) -> str:
        """Writes `text` to the site as `folder/notebook.<hash><suffix>`; its URL from the page."""
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        uri = f"{folder}/notebook.{digest}{suffix}"
        target = Path(config.site_dir) / uri
        if not holds(target, text):
            write_text_atomic(target, text)
        return posixpath.relpath(uri, page_folder(page.url))

    def scripts_to_file(self, body: str, page: Page, config) -> str:
        scripts = INLINE_SCRIPT.findall(body)
        if not scripts:
            return body
        src = self.write_asset(SCRIPT_DIR, ".js", ";\n".join(scripts), page, config)
        tags = iter([f'<script src="{src}"></script>\n'])  # where the first was, the rest gone
        return INLINE_SCRIPT.sub(lambda match: next(tags, ""), body)

    def on_post_page(self, output: str, *, page: Page, config) -> str:
        if WRAPPER not in output:
            return output
        match = ARTICLE.search(output)
        if match is None:
            return output
        body = match.group(2)
        blocks = [m.group(1) for m in STYLE.finditer(body)]
        # mkdocs-jupyter also emits the repr of a Python list as a stylesheet: not CSS.
        css = "\n".join(b for b in blocks if not b.lstrip().startswith("['"))
        if "jp-Mermaid" not in " ".join(CLASS_ATTR.findall(body)):
            body = MERMAID_LOADER.sub("", body)
        body = self.scripts_to_file(body, page, config)
        body = COPIED.sub(r"\1복사했습니다", COPY_BUTTON.sub(COPY_LABEL, body))
        if blocks:
            names = (name for value in CLASS_ATTR.findall(output) for name in value.split())
            sheet = self.cached_purge(css, frozenset(names))
            href = self.write_asset(ASSET_DIR, ".css", sheet, page, config)
            # In the body, where the blocks were, so Material's instant navigation loads it too.
            links = iter([f'<link rel="stylesheet" href="{href}">\n'])
            body = STYLE.sub(lambda match: next(links, ""), body)
        return output[: match.start(2)] + body + output[match.end(2) :]
