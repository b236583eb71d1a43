"""Figure source listings load when their `<details>` is opened, not with the page.

Each figure is followed by a collapsed "그림을 만든 코드" listing: highlighted Python
is ~800 DOM nodes a figure, ~5,200 on the LSTM note, all styled and laid out on load
although almost nobody opens them. Here each listing goes to its own small HTML file
(`assets/listings/<hash>.html`, named by content, cached by the browser) and the
`<details>` keeps a link to it: with JavaScript the listing is fetched and put in
place on the first `toggle`; without it the link opens the listing.
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from pathlib import Path

from mkdocs.config.base import Config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from study_wiki.core.page_scripts import add_deferred_script
from study_wiki.core.stage import Stage
from study_wiki.core.switches import Switch
from study_wiki.csp import with_policy

SCRIPT_URI = "assets/javascripts/lazy_listings.js"
FRAGMENT_DIR = "assets/listings"
LISTING = re.compile(
    r'<details class="example">\n'
    r"<summary>(?P<summary>그림을 만든 코드: <code>(?P<path>[^<]+)</code>)</summary>\n"
    r'(?P<body><div class="language-python highlight">(?:(?!</details>).)*?</code></pre></div>)\n'
    r"</details>",
    re.S,
)
FRAGMENT = """\
<!doctype html>
<html lang="ko">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title}</title></head>
<body>
{body}
</body>
</html>
"""
SCRIPT = """\
// Figure source listings (study_wiki/lazy_listings.py): fetched on first open, and
// all of them before printing (reading.js opens every collapsed block on paper).
(function () {
  function linkOf(box) {
    return box.querySelector(":scope > .lazy-listing__link a");
  }
  function put(link, text) {
    var doc = new DOMParser().parseFromString(text, "text/html");
    var listing = doc.querySelector("body > .highlight");
    if (listing) link.parentNode.replaceWith(document.adoptNode(listing));
  }
  document.addEventListener("toggle", function (ev) {
    var box = ev.target;
    if (!(box instanceof HTMLDetailsElement) || !box.open) return;
    var link = linkOf(box);
    if (!link || box.dataset.loaded) return;
    box.dataset.loaded = "1";
    fetch(link.href).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (text) { put(link, text); })
      .catch(function () { delete box.dataset.loaded; });
  }, true);
  // Printing lays the page out right after this event: only a synchronous
  // request gets the listings onto paper.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.lazy-listing").forEach(function (box) {
      var link = linkOf(box);
      if (!link || box.dataset.loaded) return;
      var request = new XMLHttpRequest();
      try {
        request.open("GET", link.href, false);
        request.send();
      } catch (error) {
        return;
      }
      if (request.status !== 200) return;
      box.dataset.loaded = "1";
      put(link, request.responseText);
    });
  });
})();
"""


def page_folder(url: str) -> str:
    """The folder a page's relative links start from ("." for the home page)."""
    return posixpath.dirname(url) or "."  # "topics/lstm/" -> "topics/lstm", "" -> "."


def fragment_uri(path: str, body: str) -> str:
    digest = hashlib.sha256(f"{path}\0{body}".encode()).hexdigest()[:16]
    return f"{FRAGMENT_DIR}/{digest}.html"


class LazyListingsConfig(Config):
    enabled = Switch()


class LazyListingsStage(Stage[LazyListingsConfig]):
    def on_config(self, config):
        add_deferred_script(config, SCRIPT_URI)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        files.append(File.generated(config, SCRIPT_URI, content=SCRIPT))
        return files

    def on_post_page(self, output: str, *, page: Page, config) -> str:
        if "그림을 만든 코드" not in output:
            return output
        base = page_folder(page.url)

        def replace(match: re.Match[str]) -> str:
            path, body = html.unescape(match.group("path")), match.group("body")
            uri = fragment_uri(path, body)
            target = Path(config.site_dir) / uri
            text = with_policy(FRAGMENT.format(title=html.escape(path), body=body))
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            href = posixpath.relpath(uri, base)
            return (
                '<details class="example lazy-listing">\n'
                f"<summary>{match.group('summary')}</summary>\n"
                f'<p class="lazy-listing__link"><a href="{href}">코드 전체 보기</a></p>\n'
                "</details>"
            )

        return LISTING.sub(replace, output)
