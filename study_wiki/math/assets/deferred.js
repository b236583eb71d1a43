// Deferred equations (study_wiki/math/deferred.py): KaTeX's HTML waits in a
// <template> until its block of the article comes within a screen of the viewport,
// and all of it is put in place before printing.
(function () {
  var SELECTOR = "template.katex-deferred";
  function reveal(root) {
    root.querySelectorAll(SELECTOR).forEach(function (template) {
      template.parentNode.classList.remove("katex--deferred");
      template.replaceWith(template.content);
    });
  }
  window.studyWikiMath = { reveal: reveal };

  var observer = "IntersectionObserver" in window
    ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          reveal(entry.target);
        });
      }, { rootMargin: "100% 0px" })
    : null;

  function watch() {
    if (!observer) return reveal(document);
    observer.disconnect();
    var blocks = new Set();
    document.querySelectorAll(SELECTOR).forEach(function (template) {
      blocks.add(template.closest(".md-content__inner > *") || template.parentNode);
    });
    blocks.forEach(function (block) { observer.observe(block); });
  }

  // Material's instant navigation swaps the page without a new load event.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(watch);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
  window.addEventListener("beforeprint", function () { reveal(document); });
})();
