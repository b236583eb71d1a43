// Figure source listings (study_wiki/figures/listing.py): fetched on first open, and
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
