// Print view helpers (see stylesheets/print.css).
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
