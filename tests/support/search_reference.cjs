// Compares the prebuilt index's answers (study_wiki/search/lunr_search.js) with
// lunr's own index built the way Material's worker builds it, query by query.
// argv: a built site's search/prebuilt.json, queries (JSON list of lunr queries).
// Fields the file does not show (stems, glossary) are written back from its
// postings, each term as often as it occurs. stdout: JSON list of {query, differences}.
"use strict";
const fs = require("fs");
const path = require("path");
const lunr = require(path.resolve(__dirname, "../../node_modules/lunr"));
const S = require("../../study_wiki/search/lunr_search.js")(lunr);

const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const queries = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const config = data.config;
const docs = data.docs.map((doc) => ({ ...doc }));
Object.keys(config.fields).forEach((field, f) => {
  if (data.docs.some((doc) => field in doc)) return;
  data.postings[f].forEach((gaps, t) => {
    let ref = 0;
    gaps.forEach((gap) => {
      if (gap < 0) {
        for (let n = 1; n < -gap; n++) docs[ref][field] += " " + data.terms[t];
        return;
      }
      ref += gap;
      docs[ref][field] = (docs[ref][field] ? docs[ref][field] + " " : "") + data.terms[t];
    });
  });
});
if (data.boosts) docs.forEach((doc, ref) => { doc.boost = data.boosts[ref]; });

lunr.tokenizer.separator = new RegExp(config.separator);
const builder = new lunr.Builder();
builder.searchPipeline.add(lunr.stemmer);
builder.b(0);
builder.tokenizer = (input) => S.tokenize(input, []);
builder.ref("ref");
for (const [name, spec] of Object.entries(config.fields))
  builder.field(name, { boost: spec.boost, extractor: (doc) => doc[name] });
docs.forEach((doc, ref) => builder.add({ ...doc, ref: String(ref) }, { boost: doc.boost }));
const reference = builder.build();

const prebuilt = new S.PrebuiltIndex(data);
const out = queries.map((query) => {
  const want = reference.search(query), got = prebuilt.search(query);
  const differences = [];
  if (want.length !== got.length) differences.push(`${want.length} results, got ${got.length}`);
  want.forEach((w, i) => {
    const g = got[i];
    if (!g) return;
    if (Math.abs(w.score - g.score) > 1e-9 * Math.max(1, w.score))
      differences.push(`#${i}: score ${w.score} (ref ${w.ref}), got ${g.score} (ref ${g.ref})`);
    else if (w.ref !== g.ref && Math.abs(w.score - got[i].score) > 1e-12)
      differences.push(`#${i}: ref ${w.ref}, got ${g.ref}`);
    const terms = (m) => JSON.stringify(Object.keys(m.matchData.metadata).sort().map(
      (t) => [t, Object.keys(m.matchData.metadata[t]).sort()]));
    const byRef = got.find((x) => x.ref === w.ref);
    if (byRef && terms(w) !== terms(byRef)) differences.push(`ref ${w.ref}: terms ${terms(w)}, got ${terms(byRef)}`);
  });
  return { query, results: want.length, differences };
});
process.stdout.write(JSON.stringify(out));
