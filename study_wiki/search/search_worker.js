// The site's search worker (study_wiki/search/prebuilt.py writes it after lunr and
// lunr_search.js): answers Material's search dialog in Material's message protocol
// (SETUP 0, READY 1, QUERY 2, RESULT 3) from the index built at build time (under
// `mkdocs serve`, built here from the documents when the worker starts). The
// index is fetched as soon as the worker starts, while Material sends its setup
// message, whose documents list is empty: the documents are in the index file.
(function () {
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var data = null, options = null, search = null, pending = null;

  function start() {
    if (search || !data || !options) return;
    search = new StudyWikiSearch.Search(data, options);
    data = null;
    self.postMessage({ type: READY });
    answerPending();
  }

  function answerPending() {
    var query = pending;
    pending = null;
    if (query !== null) answer(query);
  }

  function answer(query) {
    var result;
    try {
      result = search.search(query);
    } catch (error) {
      // As Material does: a query lunr cannot parse finds nothing.
      console.warn("Invalid query: " + query, error);
      result = { items: [] };
    }
    self.postMessage({ type: RESULT, data: result });
  }

  fetch(new URL(INDEX_URL, self.location.href))
    .then(function (response) {
      if (!response.ok) throw new Error("search index: HTTP " + response.status);
      return response.json();
    })
    .then(function (loaded) {
      // `mkdocs serve` writes the documents without the index (prebuilt.py).
      if (!loaded.terms) Object.assign(loaded, StudyWikiSearch.buildIndex(loaded.config, loaded.docs));
      data = loaded;
      start();
    })
    .catch(function (error) { console.error(error); });

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      options = message.data.options || { suggest: false };
      start();
    } else if (message.type === QUERY) {
      // Material sends the query at every keystroke; while one is answered the
      // next ones queue up. Only the latest of those is answered: the page would
      // replace the others' results at once anyway.
      var scheduled = pending !== null;
      pending = message.data;
      if (search && !scheduled) setTimeout(answerPending, 0);
    }
  });
})();
