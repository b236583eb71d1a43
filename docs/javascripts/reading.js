// Reading aids for every page, in one file: one more script request costs the
// LSTM note 150 ms of simulated mobile LCP (Lighthouse, side by side).
//
// 1. Print view helpers (see stylesheets/print.css).
// - Links to other sites get data-print-url, which print.css shows after the
//   link text on paper (links inside the wiki stay plain text).
// - Printing opens every collapsed block (code listings under "??? example")
//   in browsers without ::details-content, and closes them again afterwards.
(function () {
  function markExternalLinks() {
    document.querySelectorAll(".md-content a[href]").forEach(function (link) {
      var external = /^https?:$/.test(link.protocol) && link.host !== location.host;
      // An address written out as the link text (<https://...>) is shown already.
      var text = link.textContent.trim();
      var shown = text === link.href || text === link.getAttribute("href");
      if (external && !shown) {
        link.setAttribute("data-print-url", link.href);
      }
    });
  }

  // Material's instant navigation swaps the page without a new load event.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(markExternalLinks);
  } else {
    document.addEventListener("DOMContentLoaded", markExternalLinks);
  }

  var opened = [];
  window.addEventListener("beforeprint", function () {
    markExternalLinks();
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.open = false;
    });
    opened = [];
  });
})();

// 2. A link to a heading (#id) keeps the heading where the browser put it while the
// page settles. Blocks far from the screen have a guessed height until they are
// laid out (content-visibility in stylesheets/extra.css) and equations far down
// are typeset late (assets/katex/deferred.js); when blocks above the heading take
// their real height, the browser's scroll anchoring does not always follow, most
// visibly after Material replaces the page on the first in-page link. The hold
// ends at the reader's first scroll, key or touch, or once the heading's place in
// the page has not changed for a while (the layout above it settled, however long
// a slow phone takes to get there); <html data-landing> marks it.
(function () {
  var QUIET_MS = 3000;
  // Only for a page whose layout never settles: a slow phone takes longer than 15 s.
  var LONGEST_MS = 60000;
  var INTENT = ["wheel", "touchstart", "keydown", "mousedown"];
  var hold = null;

  function release() {
    if (!hold) return;
    cancelAnimationFrame(hold.frame);
    INTENT.forEach(function (type) {
      window.removeEventListener(type, release, true);
    });
    document.documentElement.removeAttribute("data-landing");
    hold = null;
  }

  function target() {
    var id = location.hash.slice(1);
    if (!id) return null;
    try {
      id = decodeURIComponent(id);
    } catch (error) {
      return null;
    }
    return document.getElementById(id);
  }

  // The hold follows the element it landed on, found again by its id (Material's first
  // in-page link replaces the page), not whatever the address names now: the theme's
  // navigation.tracking rewrites the fragment (replaceState, no hashchange) to the
  // contents' heading above the screen's top after each scroll, the hold's own too.
  // Following it moved that heading to the target's place, where the theme named the
  // heading before it, and so on up the page, on a slow phone.
  function follow(now) {
    var element = document.getElementById(hold.id);
    if (!element) return release();
    var top = element.getBoundingClientRect().top;
    var scrolled = window.scrollY;
    var byScroll = scrolled - hold.scrolled;
    var byLayout = top + scrolled - hold.top - hold.scrolled; // the heading's move in the page
    // Since the last frame, whoever scrolled: the blocks above are still settling.
    if (Math.abs(top + scrolled - hold.at) > 1) hold.moved = now;
    // The browser's scroll anchoring follows a block above the heading: never further
    // than the heading moved, nor the other way.
    var anchoring = byScroll * byLayout > 0 && Math.abs(byScroll) <= Math.abs(byLayout) + 1;
    // Any other scroll (the browser settling its own jump, a reader's scroll bar, even
    // in the frame a block above takes its height) moves the heading with it, unless
    // the page was just replaced (Material's first in-page link): that one is undone.
    var kept = Math.abs(byLayout) <= 1 || (element === hold.element && !anchoring);
    if (byScroll !== 0 && kept) {
      hold.top = top;
    } else if (Math.abs(top - hold.top) > 1) {
      window.scrollBy(0, top - hold.top);
      // Near the end of the page the browser may not scroll that far: nothing to follow.
      if (window.scrollY !== scrolled) hold.moved = now;
    }
    hold.element = element;
    hold.scrolled = window.scrollY;
    hold.at = top + scrolled;
    if (now - hold.moved > QUIET_MS || now - hold.start > LONGEST_MS) return release();
    hold.frame = requestAnimationFrame(follow);
  }

  // Where the heading is now is where it stays, once the browser has scrolled to it
  // (it is :target then). Material's first in-page link reloads the page and lands
  // again: on a link it intercepted it scrolls only then; after the browser's own
  // jump it restores the scroll position, and the heading keeps its first place.
  function land() {
    var element = target();
    var now = performance.now();
    if (hold && element && element.id === hold.id) {
      hold.moved = now;
      return;
    }
    release();
    if (!element || !element.matches(":target")) return;
    var top = element.getBoundingClientRect().top;
    hold = {
      id: element.id,
      element: element,
      top: top,
      scrolled: window.scrollY,
      at: top + window.scrollY,
      start: now,
      moved: now,
    };
    document.documentElement.setAttribute("data-landing", "");
    INTENT.forEach(function (type) {
      window.addEventListener(type, release, { capture: true, passive: true });
    });
    hold.frame = requestAnimationFrame(follow);
  }

  window.addEventListener("hashchange", land);
  // Material moves to a link on the same page itself, often without a hashchange.
  window.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[href*='#']") : null;
    if (link && link.pathname === location.pathname && link.hash) {
      requestAnimationFrame(land);
    }
  });
  // Material's instant navigation swaps the page without a new load event (and
  // scrolls to the hash itself).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      requestAnimationFrame(land);
    });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", land);
  } else {
    land();
  }
})();

// 3. A table that scrolls sideways is reached with Tab and scrolled with the arrow
// keys. The build makes every Markdown table a named keyboard stop (that is what
// scrolls without JavaScript, study_wiki/accessible_html.py); the theme's script
// then wraps it in the box that scrolls, and the arrow keys scroll only a focused
// box, so the stop and its name move to the box.
(function () {
  function tableStops() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var table = box.querySelector("table[tabindex]");
      if (!table || box.hasAttribute("tabindex")) return;
      box.tabIndex = 0;
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", table.getAttribute("aria-label") || "표");
      table.removeAttribute("tabindex");
      table.removeAttribute("aria-label");
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(tableStops);
  } else {
    document.addEventListener("DOMContentLoaded", tableStops);
  }
})();

// 4. The tooltip of an element with a title (a glossary abbreviation, a heading's
// permanent link, the theme's buttons and truncated menu entries), drawn when it is
// pointed at, tapped or focused, with the theme's own tooltip classes and placed as
// the theme places them: below the element, centred on it. The theme's tooltips
// (content.tooltips, off in mkdocs.yml) were mounted for every such element as the
// page started, each with its own listeners, most of the start-up's blocking time
// on pages with many headings or abbreviations; here one set of listeners serves
// them all and nothing is made until a reader asks. While the tooltip shows, the
// element's title is kept aside (no second, native tooltip) and the tooltip
// describes it for assistive technology.
(function () {
  var HIDE_MS = 250;
  var shown = null;

  function hostOf(target) {
    var host = target instanceof Element ? target.closest("[title]") : null;
    if (!host || host.hasAttribute("data-preview") || !host.title.trim()) return null;
    return host instanceof HTMLElement ? host : null;
  }

  function hide() {
    if (!shown) return;
    clearTimeout(shown.timer);
    shown.node.remove();
    shown.host.setAttribute("title", shown.title);
    if (shown.described === null) shown.host.removeAttribute("aria-describedby");
    else shown.host.setAttribute("aria-describedby", shown.described);
    shown = null;
  }

  function later() {
    if (!shown) return;
    clearTimeout(shown.timer);
    shown.timer = setTimeout(hide, HIDE_MS);
  }

  function show(host) {
    if (shown && shown.host === host) return clearTimeout(shown.timer);
    hide();
    var node = document.createElement("div");
    node.className = "md-tooltip2 md-tooltip2--bottom";
    node.id = "reading-tooltip";
    node.setAttribute("role", "tooltip");
    var inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    inner.textContent = host.title;
    node.append(inner);
    shown = {
      host: host,
      node: node,
      title: host.getAttribute("title"),
      described: host.getAttribute("aria-describedby"),
      timer: 0,
    };
    host.removeAttribute("title");
    host.setAttribute("aria-describedby", node.id);
    document.body.append(node);
    var rect = host.getBoundingClientRect();
    var place = {
      "--md-tooltip-host-x": rect.left + window.scrollX,
      "--md-tooltip-host-y": rect.top + window.scrollY,
      "--md-tooltip-x": rect.width / 2,
      "--md-tooltip-y": 8 + rect.height,
      "--md-tooltip-width": inner.getBoundingClientRect().width,
      "--md-tooltip-tail": 0,
    };
    Object.keys(place).forEach(function (name) {
      node.style.setProperty(name, place[name] + "px");
    });
    // Made visible a frame later, so that it fades in as the theme's does.
    requestAnimationFrame(function () {
      if (shown && shown.node === node) node.classList.add("md-tooltip2--active");
    });
  }

  // Mouse events: a tap on a touch screen sends them too, so a tap shows the tooltip
  // and a tap elsewhere hides it, as with the theme's tooltips.
  document.addEventListener("mouseover", function (event) {
    if (shown && shown.node.contains(event.target)) return clearTimeout(shown.timer);
    var host = hostOf(event.target);
    if (host) show(host);
    else later();
  });
  document.addEventListener("mouseout", function (event) {
    if (!shown) return;
    var to = event.relatedTarget;
    if (to instanceof Node && (shown.host.contains(to) || shown.node.contains(to))) return;
    later();
  });
  document.addEventListener("focusin", function (event) {
    var host = hostOf(event.target);
    if (host) show(host);
  });
  document.addEventListener("focusout", function (event) {
    if (shown && event.target === shown.host) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
  // A box that scrolls moves the element away from its tooltip.
  document.addEventListener(
    "scroll",
    function (event) {
      if (shown && event.target instanceof Element && event.target.contains(shown.host)) hide();
    },
    true
  );
  window.addEventListener("beforeprint", hide);
  // Material's instant navigation swaps the page without a new load event.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(hide);
  }
})();
