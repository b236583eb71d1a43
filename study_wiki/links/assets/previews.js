// Hover previews of the wiki's own links: pages and headings ([[wikilinks]]), numbered
// equations and figures (식 (3), 그림 2), citations and footnotes. Mouse: hover or focus
// shows the preview. Touch: the first tap shows it, a second tap on the same link follows
// it. Only pages of this site are read (same origin); nothing else is requested.
(() => {
  "use strict";
  const LINKS = "a.wikilink, a.eqref, a.figref, a.citation__ref, a.footnote-ref";
  const pages = new Map();
  let tip = null;
  let owner = null;
  let timer = 0;
  let lastPointer = "mouse";

  const load = (url) => {
    if (!pages.has(url)) {
      pages.set(
        url,
        fetch(url, { credentials: "same-origin" })
          .then((response) => (response.ok ? response.text() : ""))
          .then((text) => new DOMParser().parseFromString(text, "text/html"))
          .catch(() => null),
      );
    }
    return pages.get(url);
  };

  const section = (heading) => {
    const parts = [heading];
    for (let next = heading.nextElementSibling; next && parts.length < 4; ) {
      if (/^H[1-6]$/.test(next.tagName)) break;
      parts.push(next);
      next = next.nextElementSibling;
    }
    return parts;
  };

  const pick = (link, doc, id) => {
    const target = id ? doc.getElementById(id) : null;
    if (link.matches("a.eqref, a.figref, a.citation__ref, a.footnote-ref")) {
      return target ? [target] : [];
    }
    if (target && /^H[1-6]$/.test(target.tagName)) return section(target);
    const article = doc.querySelector("article.md-content__inner") || doc.body;
    const title = article.querySelector("h1");
    const paragraphs = [...article.querySelectorAll(":scope > p")].slice(0, 2);
    return title ? [title, ...paragraphs] : paragraphs;
  };

  const build = async (link) => {
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return null;
    const here = url.pathname === location.pathname;
    const doc = here ? document : await load(url.pathname);
    if (!doc) return null;
    const parts = pick(link, doc, decodeURIComponent(url.hash.slice(1)));
    if (!parts.length) return null;
    const box = document.createElement("div");
    for (const part of parts) {
      const copy = part.cloneNode(true);
      // Equations far down a page wait in a template (study_wiki/math/deferred.py).
      if (window.studyWikiMath) window.studyWikiMath.reveal(copy);
      copy.querySelectorAll(".headerlink, .footnote-backref, details").forEach((e) => e.remove());
      [copy, ...copy.querySelectorAll("[id]")].forEach((e) => e.removeAttribute("id"));
      copy.querySelectorAll("[src]").forEach((e) => {
        e.src = new URL(e.getAttribute("src"), url).href;
      });
      copy.querySelectorAll("a[href]").forEach((e) => {
        e.href = new URL(e.getAttribute("href"), url).href;
      });
      box.append(copy);
    }
    return box;
  };

  const hide = () => {
    clearTimeout(timer);
    if (tip) tip.remove();
    tip = null;
    owner = null;
  };

  const place = (link) => {
    const rect = link.getBoundingClientRect();
    const width = tip.offsetWidth;
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
    const below = rect.bottom + 8;
    const above = rect.top - tip.offsetHeight - 8;
    const top = below + tip.offsetHeight > window.innerHeight && above > 0 ? above : below;
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${top + window.scrollY}px`;
  };

  const show = async (link) => {
    if (owner === link) return;
    hide();
    owner = link;
    const box = await build(link);
    if (owner !== link || !box) return;
    tip = document.createElement("div");
    tip.className = "link-preview md-typeset";
    tip.setAttribute("role", "tooltip");
    tip.id = "link-preview";
    tip.append(...box.childNodes);
    tip.addEventListener("pointerleave", () => {
      if (lastPointer === "mouse") timer = setTimeout(hide, 250);
    });
    tip.addEventListener("pointerenter", () => clearTimeout(timer));
    document.body.append(tip);
    link.setAttribute("aria-describedby", tip.id);
    place(link);
  };

  const linkOf = (event) => {
    const link = event.target instanceof Element ? event.target.closest(LINKS) : null;
    return link && link.closest("article, .md-content") ? link : null;
  };

  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType || "mouse";
    if (tip && !tip.contains(event.target) && !linkOf(event)) hide();
  });
  document.addEventListener(
    "touchstart",
    (event) => {
      lastPointer = "touch";
      if (tip && !tip.contains(event.target) && !linkOf(event)) hide();
    },
    { passive: true },
  );
  document.addEventListener("pointerover", (event) => {
    const link = linkOf(event);
    if (!link || event.pointerType === "touch") return;
    clearTimeout(timer);
    timer = setTimeout(() => show(link), 150);
  });
  document.addEventListener("pointerout", (event) => {
    const link = linkOf(event);
    if (!link || event.pointerType === "touch") return;
    clearTimeout(timer);
    timer = setTimeout(hide, 250);
  });
  // Keyboard focus previews too; focus that comes with a tap waits for the click below.
  document.addEventListener("focusin", (event) => {
    const link = linkOf(event);
    if (link && lastPointer !== "touch") show(link);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
    if (event.key === "Tab") lastPointer = "keyboard";
  });
  // Capture phase: the first tap must not reach the theme's instant navigation.
  window.addEventListener(
    "click",
    (event) => {
      const link = linkOf(event);
      if (!link) return;
      if (lastPointer !== "touch") {
        hide(); // following the link: the page is about to change
        return;
      }
      if (owner === link && tip) {
        hide();
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      show(link);
    },
    true,
  );
  window.addEventListener("popstate", hide);
  // The theme's instant navigation swaps the page without reloading this script.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(hide);
  }
})();
