"""An SVG file may be published only if nothing in it can run script or load a thing: opened
on its own it is an XML document the page's Content-Security-Policy does not reach. Read
with an XML parser against an allowlist of drawing elements and matplotlib's metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
# Metadata vocabularies (RDF, Dublin Core, Creative Commons): never rendered.
METADATA = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://creativecommons.org/ns#",
}
ELEMENTS = {
    *"svg g path circle ellipse line polyline polygon rect text tspan textPath title desc "
    "defs symbol use image clipPath mask pattern marker linearGradient radialGradient stop "
    "style metadata filter feGaussianBlur feOffset feBlend feColorMatrix feComposite "
    "feFlood feMerge feMergeNode switch".split(),
}
EMBEDDED_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,", re.I)
CSS_LOAD = re.compile(r"@import|url\(\s*['\"]?(?!#)", re.I)


@dataclass(frozen=True)
class SvgFinding:
    line: int
    what: str  # e.g. "<script>", "the onload= attribute"
    why: str


def check_svg(data: bytes) -> list[SvgFinding]:
    """What in this SVG could run script or make a browser load something."""
    found: list[SvgFinding] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    stack: list[str] = []
    style_text: list[str] = []

    def at(what: str, why: str) -> None:
        found.append(SvgFinding(parser.CurrentLineNumber, what, why))

    def start(qualified: str, attributes: dict[str, str]) -> None:
        namespace, _, local = qualified.rpartition(" ")
        stack.append(local if namespace == SVG else "")
        if namespace not in METADATA and not (namespace == SVG and local in ELEMENTS):
            at(f"<{local}>", "not a drawing element (no script, link or animation in an SVG)")
        for key, value in attributes.items():
            attribute_namespace, _, attribute = key.rpartition(" ")
            if attribute.lower().startswith("on"):
                at(f"the {attribute}= attribute", "would run script")
            elif attribute == "href":  # in any namespace: xlink:href too
                embedded = local == "image" and EMBEDDED_IMAGE.match(value)
                if not (value.startswith("#") or embedded):
                    at(
                        f"{attribute}={value[:60]!r}",
                        "refers outside the file: only '#id' and embedded images are allowed",
                    )
            elif CSS_LOAD.search(value):
                at(f"the {attribute}= attribute", "loads from a URL")
            elif attribute_namespace not in ("", XLINK, *METADATA):
                at(f"the {attribute}= attribute", f"from {attribute_namespace}: not allowed")

    def end(_qualified: str) -> None:
        if stack.pop() == "style" and CSS_LOAD.search("".join(style_text)):
            at("<style>", "imports or loads from a URL")
        style_text.clear()

    def text(data: str) -> None:
        if stack and stack[-1] == "style":
            style_text.append(data)

    def doctype(_name: str, _system: str | None, _public: str | None, internal: int) -> None:
        if internal:
            at("a DOCTYPE with declarations", "entities are not allowed")

    def instruction(target: str, _data: str) -> None:
        at(f"<?{target}?>", "processing instructions are not allowed")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    parser.EntityDeclHandler = lambda *args: at("<!ENTITY>", "entities are not allowed")
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        found.append(SvgFinding(error.lineno, "the file", f"is not well-formed XML ({error})"))
    return found
