// Builds the site's search index at build time (study_wiki/search/prebuilt.py).
// stdin: {"config": …, "docs": […]} as MkDocs' search plugin wrote them (with the
// stems and glossary fields); stdout: {"terms", "postings", "boosts"}.
"use strict";
const lunr = require("lunr");
const StudyWikiSearch = require("./lunr_search.js")(lunr);

const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const { config, docs } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  process.stdout.write(JSON.stringify(StudyWikiSearch.buildIndex(config, docs)));
});
