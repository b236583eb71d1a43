// The site's search (study_wiki/search/lunr_search.js) over documents given: the
// index built as build_index.cjs builds it, then each query answered as the search
// worker answers Material's page. argv: a JSON file {config, docs, queries};
// stdout: JSON list of the answers ({items, suggest}).
"use strict";
const fs = require("fs");
const path = require("path");
const lunr = require(path.resolve(__dirname, "../../node_modules/lunr"));
const S = require("../../study_wiki/search/lunr_search.js")(lunr);

const { config, docs, queries } = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const data = { config, docs, ...S.buildIndex(config, docs) };
const search = new S.Search(data, { suggest: true });
process.stdout.write(JSON.stringify(queries.map((query) => search.search(query))));
