"""Python-Markdown extensions for wikilinks, numbered equations and references to them, and
citations. What needs the whole site comes from a `SiteContext` (links/context.py). Problems
are reported by the scan of the site; here they only render visibly (a struck-out name)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Extension, Markdown, util
from markdown.extensions.toc import slugify as default_slugify
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from study_wiki.core.engine import rendering
from study_wiki.links.context import SiteContext, Target, read_site
from study_wiki.links.headings import HEADING_MARK
from study_wiki.links.index import LinkIndex
from study_wiki.links.syntax import (
    CITATION,
    EQ_LABEL,
    REF,
    WIKILINK,
    anchor_id,
    cite_items,
    label_text,
)


@dataclass
class PageState:
    """Per-page numbering, shared by the processors of one Markdown instance."""

    equations: dict[str, int] = field(default_factory=dict)
    citations: dict[str, int] = field(default_factory=dict)


def _element(tag: str, text: str, attributes: dict[str, str]) -> etree.Element:
    element = etree.Element(tag, attributes)
    element.text = text
    return element


class SiteInline(InlineProcessor):
    """An inline pattern that asks the site context and numbers on the page state."""

    def __init__(self, pattern: str, md: Markdown, context: SiteContext, state: PageState):
        super().__init__(pattern, md)
        self.context, self.state = context, state


class PageStep(util.Processor):
    """A pre- or treeprocessor that works with the site context and the page state."""

    def __init__(self, md: Markdown, context: SiteContext, state: PageState):
        super().__init__(md)
        self.context, self.state = context, state


class WikilinkProcessor(SiteInline):
    def handleMatch(self, m: re.Match[str], data: str):
        target, anchor = m.group("target").strip(), (m.group("anchor") or "").strip()
        todo = bool(m.group("todo"))
        if not target and anchor.startswith("eq:") and anchor[3:] in self.state.equations:
            number = self.state.equations[anchor[3:]]
            resolved = Target(f"#{anchor_id('eq', anchor[3:])}", label_text("eq", number), "eqref")
        else:
            resolved = self.context.wikilink(target, anchor, todo)
        text = util.AtomicString(self._plain((m.group("text") or "").strip()) or resolved.text)
        if resolved.href is None:
            element = _element("span", text, {"class": resolved.css})
        else:
            element = _element("a", text, {"href": resolved.href, "class": resolved.css})
            if resolved.heading:
                element.set(HEADING_MARK, resolved.heading)
        if resolved.title:
            element.set("title", resolved.title)
        return element, m.start(0), m.end(0)

    def _plain(self, label: str) -> str:
        """The label as its author wrote it: markup in a label is shown as text."""
        label = self.unescape(label)
        blocks = self.md.htmlStash.rawHtmlBlocks
        return util.HTML_PLACEHOLDER_RE.sub(lambda m: str(blocks[int(m.group(1))]), label)


class RefProcessor(SiteInline):
    """`@eq:label` / `@fig:label` on the same page -> "식 (3)" / "그림 2"."""

    def handleMatch(self, m: re.Match[str], data: str):
        kind, label = m.group("kind"), m.group("label")
        if kind == "eq":
            number = self.state.equations.get(label)
        else:
            number = self.context.figure_number(label)
        if number is None:
            return _element("span", m.group(0), {"class": "ref ref--missing"}), m.start(0), m.end(0)
        href = f"#{anchor_id(kind, label)}"
        element = _element("a", label_text(kind, number), {"href": href, "class": f"{kind}ref"})
        return element, m.start(0), m.end(0)


class CitationProcessor(SiteInline):
    """`[@key]`, `[@key, p. 4; @other]` -> "[1, p. 4; 2]" linking to the bibliography."""

    def handleMatch(self, m: re.Match[str], data: str):
        items = cite_items(m.group("body"))
        if items is None or any(key.startswith(("eq:", "fig:")) for key, _ in items):
            return None, None, None
        element = _element("span", "[", {"class": "citation"})
        for index, (key, locator) in enumerate(items):
            if self.context.bib_entry(key) is None:
                link = _element("span", f"@{key}", {"class": "citation--missing"})
            else:
                number = self.state.citations.setdefault(key, len(self.state.citations) + 1)
                attributes = {"href": f"#ref-{key}", "class": "citation__ref", "data-key": key}
                link = _element("a", str(number), attributes)
            element.append(link)
            after = "; " if index < len(items) - 1 else "]"
            link.tail = (f", {locator}" if locator else "") + after
        return element, m.start(0), m.end(0)


class EquationLabels(PageStep, Preprocessor):
    """`$$ {#eq:x}` -> `\\tag{n} $$`: KaTeX prints "(n)" at the right of the equation."""

    def run(self, lines: list[str]) -> list[str]:
        self.state.equations.clear()
        out = []
        for line in lines:
            match = EQ_LABEL.search(line)
            if match and match.group("label") not in self.state.equations:
                number = len(self.state.equations) + 1
                self.state.equations[match.group("label")] = number
                line = line[: match.start()] + rf"\tag{{{number}}} $$"
            out.append(line)
        return out


class EquationAnchors(PageStep, Treeprocessor):
    """Wraps a numbered equation in `<div class="equation" id="eq-x">` (a link target)."""

    TAG = re.compile(r"\\tag\{(\d+)\}")

    def run(self, root: etree.Element) -> None:
        labels = {number: label for label, number in self.state.equations.items()}
        if not labels:
            return
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "div" or child.get("class") != "arithmatex":
                    continue
                found = self.TAG.findall(child.text or "")
                label = labels.get(int(found[-1])) if found else None
                if label is None:
                    continue
                wrapper = etree.Element("div", {"class": "equation", "id": anchor_id("eq", label)})
                wrapper.tail, child.tail = child.tail, None
                parent.remove(child)
                wrapper.append(child)
                parent.insert(index, wrapper)


class Bibliography(PageStep, Treeprocessor):
    """Appends the cited entries, in citation order, as "참고 문헌" (in the page's toc)."""

    def run(self, root: etree.Element) -> None:
        if not self.state.citations:
            return
        section = etree.SubElement(root, "section", {"class": "bibliography"})
        heading = etree.SubElement(section, "h2", {"id": "bibliography"})
        heading.text = "참고 문헌"
        listing = etree.SubElement(section, "ol")
        for key in self.state.citations:
            item = etree.SubElement(listing, "li", {"id": f"ref-{key}"})
            entry = self.context.bib_entry(key) or html.escape(key)
            item.text = self.md.htmlStash.store(entry)
        self.state.citations.clear()


class SiteReader(Preprocessor):
    """Fills a context of its own from the docs folder, when no plugin gave one: the page
    is the one the engine says it renders (Zensical's `rendering_context`), else `page`."""

    def __init__(self, md: Markdown, context: SiteContext, options: dict[str, str]):
        super().__init__(md)
        self.context, self.options = context, options

    def run(self, lines: list[str]) -> list[str]:
        here = rendering(self.md, self.options["docs_dir"], self.options["page"])
        toc = self.md.treeprocessors["toc"] if "toc" in self.md.treeprocessors else None
        slugify = getattr(toc, "slugify", default_slugify)
        site = read_site(here.project, self.options["bibliography"], slugify)
        self.context.index, self.context.bib = site.index, site.bib
        self.context.at(here.page)
        return lines


class LinksExtension(Extension):
    """All of the wiki's link syntax; `context` comes from the plugin, else the docs folder."""

    def __init__(self, context: SiteContext | None = None, **kwargs):
        self.config = {
            "bibliography": ["references.bib", "BibTeX file, relative to the project"],
            "docs_dir": ["", "the pages' folder (default: the engine's, else docs)"],
            "page": ["", "the page converted, in the docs folder, if the engine does not say"],
        }
        self.context = context
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        context, state = self.context, PageState()
        if context is None:
            context = SiteContext(LinkIndex())
            # Once the engine's own preprocessors are in; read at the first page, not here
            # (MkDocs makes a Markdown to check its configuration).
            md.preprocessors.register(
                SiteReader(md, context, self.getConfigs()), "study_wiki_site", 40
            )
        # After superfences (which hides code blocks), before arithmatex reads the blocks.
        md.preprocessors.register(EquationLabels(md, context, state), "study_wiki_equations", 24)
        # After code spans (190: a wikilink in one stays text, whichever extension is
        # listed first), before maths (189.9), links (160), references and footnotes.
        md.inlinePatterns.register(
            WikilinkProcessor(WIKILINK, md, context, state), "study_wiki_wikilink", 189.95
        )
        md.inlinePatterns.register(
            CitationProcessor(CITATION, md, context, state), "study_wiki_citation", 189
        )
        md.inlinePatterns.register(RefProcessor(REF, md, context, state), "study_wiki_ref", 188)
        # Before MkDocs collects the page's anchors (5) and the table of contents (5).
        md.treeprocessors.register(EquationAnchors(md, context, state), "study_wiki_eq_anchors", 6)
        md.treeprocessors.register(Bibliography(md, context, state), "study_wiki_bib", 7)


def makeExtension(**kwargs) -> LinksExtension:
    return LinksExtension(**kwargs)
