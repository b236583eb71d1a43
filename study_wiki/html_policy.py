"""Contributor HTML passes an HTML5 parser with an allowlist (nh3, Rust's ammonia) at the end
of every Markdown conversion: nothing a note writes can run script or make browsers ask
another host. Removals, reported at the note's line, are found by cleaning twice, with
everything allowed and with the allowlist (the safety never depends on that comparison)."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from study_wiki.core.stage import NoOptions, Stage
from study_wiki.messages import Problem, removed_during_build
from study_wiki.published_files import (
    active_file_problem,
    escaping_link,
    repository_problems,
    svg_problems,
)

log = logging.getLogger("mkdocs.plugins.study_wiki.html_policy")

FIX = "remove it: notes may not run script (write code in a code block instead)"

TEXT_TAGS = {
    *"a abbr acronym address article aside b bdi bdo blockquote br caption center cite code "
    "col colgroup data dd del details dfn div dl dt em figcaption figure footer h1 h2 h3 h4 "
    "h5 h6 header hgroup hr i img input ins kbd label li main mark nav ol p pre q rp rt ruby "
    "s samp section small span strike strong sub summary sup table tbody td tfoot th thead "
    "time tr tt u ul var wbr".split(),
}
# Inline drawings (Material's emoji are SVG): shapes and text, nothing that animates,
# links, embeds or references another document.
SVG_TAGS = {
    *"svg g path circle ellipse line polyline polygon rect text tspan title desc defs "
    "linearGradient radialGradient stop clipPath".split(),
}
SVG_ATTRIBUTES = {
    *"viewBox xmlns width height fill stroke stroke-width stroke-linecap stroke-linejoin "
    "stroke-dasharray stroke-opacity fill-opacity fill-rule clip-rule clip-path opacity d cx "
    "cy r rx ry x y x1 y1 x2 y2 dx dy points transform preserveAspectRatio font-size "
    "font-family font-weight text-anchor dominant-baseline offset stop-color stop-opacity "
    "gradientUnits gradientTransform fx fy".split(),
}
ATTRIBUTES: dict[str, set[str]] = {
    # `markdown` is md_in_html's marker, left in place inside indented blocks.
    "*": {"id", "class", "title", "lang", "dir", "role", "style", "hidden", "tabindex", "markdown"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "input": {"checked", "disabled", "name"},
    "label": {"for"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "data": {"value"},
    "details": {"open"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    **{tag: SVG_ATTRIBUTES for tag in SVG_TAGS},
}
# Task lists and content tabs are inputs; no other kind of input.
ATTRIBUTE_VALUES = {"input": {"type": {"checkbox", "radio"}}}
STYLE_PROPERTIES = {
    *"text-align vertical-align color background-color font-weight font-style font-size "
    "text-decoration white-space width height max-width min-width max-height display "
    "float clear margin margin-top margin-right margin-bottom margin-left padding "
    "padding-top padding-right padding-bottom padding-left border border-collapse "
    "border-color border-width border-style list-style-type".split(),
}
# `snippet:` is the figure syntax, replaced by the figures stage.
URL_SCHEMES = {"http", "https", "mailto", "snippet"}
# Attributes whose URL the browser fetches while showing the page.
FETCHED = {("img", "src")}
# The theme's own element ids (`__config` holds its settings): a note's element with
# one of them would take its place. The extensions' generated families stay allowed.
THEME_ID = re.compile(r"^__(?!tabbed_|code_|codelineno-|fn)")
SCRIPT_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base"}
ELEMENT_NAMES = {
    *TEXT_TAGS,
    *SVG_TAGS,
    *"html head body title meta link style script noscript template iframe frame frameset "
    "object embed applet param base form button select option optgroup textarea output "
    "fieldset legend datalist dialog menu marquee blink video audio source track picture "
    "canvas map area portal slot xmp listing plaintext noembed noframes math mi mo mn ms "
    "mtext mrow mglyph malignmark annotation-xml semantics foreignObject animate set "
    "animateMotion animateTransform use image feImage filter mask pattern symbol marker "
    "switch view a".split(),
}


def _kept_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("id", "name", "for") and THEME_ID.match(value):
        return None
    if (tag, attribute) in FETCHED and _other_host(value):
        return None
    return value


def _other_host(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https")


STRICT = nh3.Cleaner(
    tags=TEXT_TAGS | SVG_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    attribute_filter=_kept_attribute,
    tag_attribute_values=ATTRIBUTE_VALUES,
    generic_attribute_prefixes={"data-", "aria-"},
    url_schemes=URL_SCHEMES,
    filter_style_properties=STYLE_PROPERTIES,
    strip_comments=False,
    link_rel=None,
)
# The same parser keeping everything it knows, so a difference is a removal.
EVERYTHING = nh3.Cleaner(
    tags=ELEMENT_NAMES,
    clean_content_tags=set(),
    generic_attribute_prefixes={""},
    url_schemes=URL_SCHEMES | {"javascript", "vbscript", "data", "file", "ftp"},
    strip_comments=False,
    link_rel=None,
)


@dataclass(frozen=True)
class Finding:
    what: str  # e.g. "<script>", "the onerror= attribute", "a javascript: URL in href="
    needles: tuple[str, ...]  # text to look for in the source, most telling first
    fix: str = FIX

    def message(self) -> str:
        if self.fix == FIX:
            return f"{self.what} would run script in readers' browsers: {self.fix}"
        return f"{self.what}: {self.fix}"


OTHER_HOST = (
    "readers' browsers would request it from another host: save the file under "
    "docs/assets/ and link it with a relative path"
)
NOT_ALLOWED = (
    "is not allowed in a note and was removed: use Markdown or an allowed tag "
    "(CONTRIBUTING.md, 'HTML in a note')"
)


class _StartTags(HTMLParser):
    """Start tags with their attributes, of HTML that nh3 wrote (so well-formed).
    nh3 writes the text of raw-text elements as it is, so they are read as raw text."""

    RAW_TEXT = {*"script style xmp iframe noembed noframes noscript textarea title".split()}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple((k, v or "") for k, v in attrs)))
        if tag in self.RAW_TEXT:
            self.set_cdata_mode(tag)

    handle_startendtag = handle_starttag


def _start_tags(html: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    parser = _StartTags()
    parser.feed(html)
    parser.close()
    return parser.tags


def _describe_tag(tag: str) -> Finding:
    needles = (f"<{tag}",)
    if tag in SCRIPT_TAGS or tag in ("animate", "set", "foreignobject", "use"):
        return Finding(f"<{tag}>", needles)
    if tag in ("link", "style", "image", "video", "audio", "source", "track"):
        return Finding(f"<{tag}>", needles, f"may load from another host and {NOT_ALLOWED}")
    return Finding(f"<{tag}>", needles, NOT_ALLOWED)


def _describe_attribute(tag: str, name: str, value: str) -> Finding:
    needles = (value, name + "=", name) if value else (name + "=", name)
    if name.startswith("on"):
        return Finding(f"the {name}= attribute", (name, *needles))
    scheme = urlsplit(re.sub(r"[\x00-\x20]", "", value)).scheme.lower()
    if scheme in ("javascript", "vbscript") or (scheme == "data" and tag != "img"):
        return Finding(f"a {scheme}: URL in {name}=", needles)
    if (tag, name) in FETCHED and _other_host(value):
        return Finding(f"<{tag} {name}={value!r}>", needles, OTHER_HOST)
    if THEME_ID.match(value) and name in ("id", "name", "for"):
        return Finding(f"{name}={value!r}", needles, "names the theme's own element: rename it")
    return Finding(f"the {name}= attribute on <{tag}>", needles, NOT_ALLOWED)


def _properties(style: str) -> set[str]:
    return {part.split(":", 1)[0].strip().lower() for part in style.split(";") if ":" in part}


def _describe_style(tag: str, lost: list[str]) -> Finding:
    return Finding(
        f"style: {', '.join(lost)} on <{tag}>",
        tuple(lost),
        "is not allowed in a note and was removed: layout, text and colour "
        "properties are (no url(), position or other hosts)",
    )


def _removals(everything: str, strict: str) -> list[Finding]:
    before, after = _start_tags(everything), _start_tags(strict)
    found: list[Finding] = []
    matcher = SequenceMatcher(a=[t for t, _ in before], b=[t for t, _ in after], autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            for (tag, attrs), (_, kept) in zip(before[a0:a1], after[b0:b1], strict=True):
                kept_values = dict(kept)
                for name, value in attrs:
                    if name not in kept_values:
                        found.append(_describe_attribute(tag, name, value))
                    elif name == "style" and (
                        lost := sorted(_properties(value) - _properties(kept_values[name]))
                    ):
                        found.append(_describe_style(tag, lost))
        else:
            found += [_describe_tag(tag) for tag, _ in before[a0:a1]]
    return found


def sanitize(html: str) -> tuple[str, list[Finding]]:
    """The HTML with only what the allowlist names, and what was removed."""
    strict = STRICT.clean(html)
    everything = EVERYTHING.clean(html)
    return strict, ([] if strict == everything else _removals(everything, strict))


def findings(html: str) -> list[Finding]:
    return sanitize(html)[1]


def source_lines(source: str, found: list[Finding]) -> list[tuple[int, Finding]]:
    """Each finding with its line in the source, one per finding and in order: the n-th
    finding of a needle is placed at the n-th place the needle stands, so two
    `onerror=` on different lines are reported at each; repeats on one line once."""
    lowered = source.lower()
    after: dict[str, int] = {}
    placed: dict[tuple[int, Finding], None] = {}
    for finding in found:
        line = 1
        for needle in finding.needles:
            at = lowered.find(needle.lower(), after.get(needle, 0))
            if at >= 0:
                after[needle] = at + 1
                line = source.count("\n", 0, at) + 1
                break
        placed[(line, finding)] = None
    return list(placed)


class _SanitizePostprocessor(Postprocessor):
    def __init__(self, md: Markdown, stage: HtmlPolicyStage) -> None:
        super().__init__(md)
        self.stage = stage

    def run(self, text: str) -> str:
        if self.stage.rendering is None:  # a blog excerpt: its post reports what it removes
            return STRICT.clean(text)
        clean, removed = sanitize(text)
        self.stage.removed += removed
        return clean


class HtmlPolicyExtension(Extension):
    """Sanitizes the HTML of every conversion, after raw HTML is put back in."""

    def __init__(self, stage: HtmlPolicyStage) -> None:
        super().__init__()
        self.stage = stage

    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(_SanitizePostprocessor(md, self.stage), "html_policy", 1)


class HtmlPolicyStage(Stage[NoOptions]):
    """Adds the sanitizer to every Markdown conversion and reports what it removed at
    the line of the page being rendered (blog excerpts repeat their post's findings
    outside a page's rendering, so only the post reports them). No switch: every
    build sanitizes."""

    rendering: Page | None = None
    removed: list[Finding]  # by the conversions of the page being rendered

    def on_config(self, config: MkDocsConfig) -> None:
        config.markdown_extensions.append(HtmlPolicyExtension(self))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> None:
        """Leaves out what may not be published, before any other stage reads it."""
        problems = repository_problems(self.project.root)
        declared = {str(script) for script in config.extra_javascript}
        docs = os.path.abspath(config.docs_dir)
        folders: dict[Path, Path] = {}
        for file in list(files):
            if file.generated_by is not None or file.src_dir != docs or not file.abs_src_path:
                continue  # the theme's and the build's own files
            path = Path(file.abs_src_path)
            shown = self.project.page(file.src_uri)
            if escaping_link(path, self.project.root, folders):
                files.remove(file)  # reported with its link above
                continue
            problem = active_file_problem(shown, file.src_uri, declared)
            found = [problem] if problem else []
            if file.src_uri.lower().endswith(".svg"):
                try:
                    found += svg_problems(shown, path.read_bytes())
                except FileNotFoundError:
                    found.append(removed_during_build(shown))
            if found:
                problems += found
                files.remove(file)
        for problem in dict.fromkeys(problems):
            log.error("%s", problem)

    def on_page_markdown(self, markdown: str, *, page: Page, **_):
        self.rendering, self.removed = page, []

    def on_page_content(self, html: str, *, page: Page, **_) -> None:
        removed, self.rendering, self.removed = self.removed, None, []
        if not removed:  # most pages: no source to search
            return
        source = self.site.pages.get(page.file.src_uri)
        shown = self.project.page(page.file.src_uri)
        for line, finding in source_lines(source.text if source else "", removed):
            log.error("%s", Problem(shown, line, finding.message()))
