// A link to a heading (#id) keeps the heading where the browser put it while the
// page settles. Blocks far from the screen have a guessed height until they are
// laid out (content-visibility in stylesheets/extra.css) and equations far down
// are typeset late (assets/katex/deferred.js); when blocks above the heading take
// their real height, the browser's scroll anchoring does not always follow, most
// visibly after Material replaces the page on the first in-page link. The hold
// ends at the reader's first scroll, key or touch, or once nothing moved for a
// while; <html data-landing> marks it.
(function () {
  var QUIET_MS = 3000;
  var LONGEST_MS = 15000;
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

  function follow(now) {
    var element = target();
    if (!element) return release();
    var shift = element.getBoundingClientRect().top - hold.top;
    var before = window.scrollY;
    if (Math.abs(shift) > 1) {
      window.scrollBy(0, shift);
      // Near the end of the page the browser may not scroll that far: nothing to follow.
      if (window.scrollY !== before) hold.moved = now;
    }
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
    hold = { id: element.id, top: top, start: now, moved: now, frame: 0 };
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
