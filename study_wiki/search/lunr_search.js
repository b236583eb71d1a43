// The site's search: the lunr index is built once at build time (Node.js,
// study_wiki/search/build_index.cjs) and loaded by the search worker
// (search_worker.js), which answers Material's search dialog with Material's own
// results: the same tokenizer, query syntax, boosts, grouping, suggestions and
// highlighting (ported from Material 9.8.2, src/templates/assets/javascripts/
// integrations/search, MIT licence). Korean query words are split into the
// index's stems first (study_wiki/search/stems.py).
// Needs `lunr` as a global (worker: importScripts) or passed in (Node.js).
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory;
  else root.StudyWikiSearch = factory(root.lunr);
})(this, function (lunr) {
  "use strict";

  var HANGUL = /[\uac00-\ud7a3]+/g;
  var STEMS_FIELD = "stems";

  // Material's tokenizer: positions of tokens in a field's HTML, per block of
  // markup, so matches can be highlighted without breaking tags.
  function split(input, separator, fn) {
    separator = new RegExp(separator, "g");
    var match, index = 0;
    do {
      match = separator.exec(input);
      var until = match ? match.index : input.length;
      if (index < until) fn(index, until);
      if (match) {
        index = match.index + match[0].length;
        if (match[0].length === 0) separator.lastIndex = match.index + 1;
      }
    } while (match);
  }

  var TAG_OPEN = 0, TEXT = 1, TAG_CLOSE = 2;

  function extract(input, fn) {
    var block = 0, start = 0, end = 0;
    for (var stack = 0; end < input.length; end++) {
      if (input.charAt(end) === "<" && end > start) {
        fn(block, TEXT, start, start = end);
      } else if (input.charAt(end) === ">") {
        if (input.charAt(start + 1) === "/") {
          if (--stack === 0) fn(block++, TAG_CLOSE, start, end + 1);
        } else if (input.charAt(end - 1) !== "/") {
          if (stack++ === 0) fn(block, TAG_OPEN, start, end + 1);
        }
        start = end + 1;
      }
    }
    if (end > start) fn(block, TEXT, start, end);
  }

  // Tokens of a field; `table` (one per document field) receives the positions.
  function tokenize(input, table) {
    var tokens = [];
    if (typeof input === "undefined") return tokens;
    var inputs = Array.isArray(input) ? input : [input];
    for (var i = 0; i < inputs.length; i++) {
      var total = table.length;
      extract(inputs[i], function (block, type, start, end) {
        block += total;
        table[block] = table[block] || [];
        if (type !== TEXT) {
          table[block].push(start << 12 | end - start << 2 | type);
          return;
        }
        var section = inputs[i].slice(start, end);
        split(section, lunr.tokenizer.separator, function (index, until) {
          table[block].push(start + index << 12 | until - index << 2 | type);
          tokens.push(new lunr.Token(section.slice(index, until).toLowerCase(), {
            position: block << 20 | table[block].length - 1
          }));
        });
      });
    }
    return tokens;
  }

  function highlightAll(inputs, table, positions, full) {
    var mapping = [0];
    for (var t = 1; t < table.length; t++) {
      var prev = table[t - 1], next = table[t];
      var p = prev[prev.length - 1] >>> 2 & 0x3FF;
      var q = next[0] >>> 12;
      mapping.push(+(p > q) + mapping[mapping.length - 1]);
    }
    return inputs.map(function (input, i) {
      var cursor = 0;
      var blocks = new Map();
      positions.slice().sort(function (a, b) { return a - b; }).forEach(function (p) {
        var index = p & 0xFFFFF, block = p >>> 20;
        if (mapping[block] !== i) return;
        if (!blocks.has(block)) blocks.set(block, []);
        blocks.get(block).push(index);
      });
      if (blocks.size === 0) return input;
      var slices = [];
      for (var entry of blocks) {
        var block = entry[0], indexes = entry[1], t = table[block];
        var start = t[0] >>> 12;
        var end = t[t.length - 1] >>> 12;
        var length = t[t.length - 1] >>> 2 & 0x3FF;
        if (full && start > cursor) slices.push(input.slice(cursor, start));
        // Material wraps the matches from the last one back, copying the block once
        // per match; the same marks, put in one pass from the first.
        var slice = input.slice(start, end + length), parts = [], at = 0;
        indexes.sort(function (a, b) { return a - b; }).forEach(function (j) {
          var p = (t[j] >>> 12) - start;
          var q = (t[j] >>> 2 & 0x3FF) + p;
          parts.push(slice.slice(at, p), "<mark>", slice.slice(p, q), "</mark>");
          at = q;
        });
        parts.push(slice.slice(at));
        slice = parts.join("");
        cursor = end + length;
        if (slices.push(slice) === 2) break;
      }
      if (full && cursor < input.length) slices.push(input.slice(cursor));
      return slices.join("");
    });
  }

  // Material's query syntax: quoted phrases, +required/-excluded, a trailing
  // wildcard on every plain term.
  function transform(query, fn) {
    return query
      .trim()
      .split(/"([^"]+)"/g)
      .map(function (parts, index) {
        return index & 1 ? parts.replace(/^\b|^(?![^\x00-\x7F]|$)|\s+/g, " +") : parts;
      })
      .join("")
      .replace(/"|(?:^|\s+)[*+\-:^~]+(?=\s+|$)/g, "")
      .split(/\s+/g)
      .reduce(function (prev, term) {
        var next = fn(term);
        return prev.concat(Array.isArray(next) ? next : [next]);
      }, [])
      .map(function (term) { return /([~^]$)/.test(term) ? term + "1" : term; })
      .map(function (term) { return /(^[+-]|[~^]\d+$)/.test(term) ? term : term + "*"; })
      .join(" ");
  }

  function transformSearchQuery(query) {
    return transform(query, function (part) {
      var terms = [];
      var lexer = new lunr.QueryLexer(part);
      lexer.run();
      lexer.lexemes.forEach(function (lexeme) {
        if (lexeme.type === "FIELD") {
          if (["title", "text", "tags"].indexOf(lexeme.str) < 0)
            part = [part.slice(0, lexeme.end), " ", part.slice(lexeme.end + 1)].join("");
        } else if (lexeme.type === "TERM") {
          split(lexeme.str, lunr.tokenizer.separator, function (from, to) {
            terms.push([
              part.slice(0, lexeme.start), lexeme.str.slice(from, to), part.slice(lexeme.end)
            ].join(""));
          });
        }
      });
      return terms;
    });
  }

  function parseSearchQuery(value) {
    var query = new lunr.Query(["title", "text", "tags"]);
    new lunr.QueryParser(value, query).parse();
    query.clauses.forEach(function (clause) {
      clause.usePipeline = true;
      if (clause.term.startsWith("*")) {
        clause.wildcard = lunr.Query.wildcard.LEADING;
        clause.term = clause.term.slice(1);
      }
      if (clause.term.endsWith("*")) {
        clause.wildcard = lunr.Query.wildcard.TRAILING;
        clause.term = clause.term.slice(0, -1);
      }
    });
    return query.clauses;
  }

  function getSearchQueryTerms(clauses, terms) {
    var open = new Set(clauses);
    var result = {};
    terms.forEach(function (term) {
      open.forEach(function (clause) {
        if (term.startsWith(clause.term)) {
          result[clause.term] = true;
          open.delete(clause);
        }
      });
    });
    open.forEach(function (clause) {
      if (lunr.stopWordFilter && lunr.stopWordFilter(clause.term)) result[clause.term] = false;
    });
    return result;
  }

  // getSearchQueryTerms from the bits of the clauses a result matched.
  function clauseTerms(clauses, mask) {
    var result = {};
    clauses.forEach(function (clause, i) { if (mask & 1 << i) result[clause.term] = true; });
    clauses.forEach(function (clause, i) {
      if (!(mask & 1 << i) && lunr.stopWordFilter && lunr.stopWordFilter(clause.term))
        result[clause.term] = false;
    });
    return result;
  }

  // Material's lunr set-up for this site's configuration (search plugin `lang: ko`
  // with an empty pipeline): nothing is trimmed, filtered or stemmed at indexing;
  // query terms go through lunr's stemmer unless they carry a wildcard.
  function checkConfig(config) {
    var pipeline = (config.pipeline || []).filter(function (fn) { return fn.trim(); });
    if (pipeline.length || config.lang.some(function (l) { return l !== "ko" && l !== "en"; }))
      throw new Error(
        "search: only `lang: ko` or `en` with an empty `pipeline` is built ahead " +
        "(got lang " + JSON.stringify(config.lang) + ", pipeline " + JSON.stringify(pipeline) + ")"
      );
    lunr.tokenizer.separator = new RegExp(config.separator);
  }

  // The index, built at build time: the sorted terms, and for each field and term
  // the documents (positions in `docs`) that have it, as gaps from the previous
  // one, each followed by -tf when the term occurs more than once.
  function buildIndex(config, docs) {
    checkConfig(config);
    var fields = Object.keys(config.fields);
    var counts = fields.map(function () { return new Map(); });
    docs.forEach(function (doc, ref) {
      fields.forEach(function (field, f) {
        tokenize(doc[field], []).forEach(function (token) {
          var perDoc = counts[f].get(token.str);
          if (!perDoc) counts[f].set(token.str, perDoc = new Map());
          perDoc.set(ref, (perDoc.get(ref) || 0) + 1);
        });
      });
    });
    var vocabulary = new Set();
    counts.forEach(function (byTerm) { byTerm.forEach(function (_, term) { vocabulary.add(term); }); });
    var terms = Array.from(vocabulary).sort();
    var postings = counts.map(function (byTerm) {
      return terms.map(function (term) {
        var out = [], last = 0;
        (byTerm.get(term) || new Map()).forEach(function (tf, ref) {
          out.push(ref - last);
          last = ref;
          if (tf > 1) out.push(-tf);
        });
        return out;
      });
    });
    var boosts = docs.map(function (doc) { return doc.boost === undefined ? 1 : doc.boost; });
    return {
      terms: terms,
      postings: postings,
      boosts: boosts.some(function (b) { return b !== 1; }) ? boosts : null
    };
  }

  // lunr's scoring (BM25 with b = 0, so no length normalisation; k1 = 1.2),
  // rounded like lunr.Builder rounds it.
  var K1 = 1.2;

  // An index with lunr.Index's query semantics over the prebuilt postings, decoded
  // term by term as queries need them.
  function PrebuiltIndex(data) {
    this.fields = Object.keys(data.config.fields);
    this.fieldBoosts = this.fields.map(function (f) { return data.config.fields[f].boost || 1; });
    this.terms = data.terms;
    this.postings = data.postings;
    this.boosts = data.boosts;
    this.documentCount = data.docs.length;
    this.pipeline = new lunr.Pipeline();
    this.pipeline.add(lunr.stemmer);
    this.decoded = new Map();
    this.tokenSet = null;
  }

  PrebuiltIndex.prototype.termIndex = function (term) {
    var lo = 0, hi = this.terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (this.terms[mid] < term) lo = mid + 1; else hi = mid;
    }
    return lo;
  };

  // [{field -> Map(ref -> tf)}, idf] of one term.
  PrebuiltIndex.prototype.posting = function (t) {
    var hit = this.decoded.get(t);
    if (hit) return hit;
    var byField = [], documents = 0;
    for (var f = 0; f < this.fields.length; f++) {
      var list = this.postings[f][t], refs = new Map(), ref = 0;
      for (var i = 0; i < list.length; i++) {
        if (list[i] < 0) { refs.set(ref, -list[i]); continue; }
        ref += list[i];
        refs.set(ref, 1);
      }
      documents += refs.size;
      byField.push(refs);
    }
    var x = (this.documentCount - documents + 0.5) / (documents + 0.5);
    hit = { byField: byField, idf: Math.log(1 + Math.abs(x)) };
    this.decoded.set(t, hit);
    return hit;
  };

  PrebuiltIndex.prototype.score = function (posting, f, ref, tf) {
    var score = posting.idf * ((K1 + 1) * tf) / (K1 + tf);
    score *= this.fieldBoosts[f];
    score *= this.boosts ? this.boosts[ref] : 1;
    return Math.round(score * 1000) / 1000;
  };

  // The index terms a clause stands for: a prefix range for `term*`, the term
  // itself, else (leading wildcards, fuzzy terms) lunr's own automaton.
  PrebuiltIndex.prototype.expand = function (clause) {
    var term = clause.term, star = term.indexOf("*");
    if (!clause.editDistance && (star < 0 || star === term.length - 1)) {
      var stem = star < 0 ? term : term.slice(0, -1);
      var from = this.termIndex(stem), out = [];
      if (star < 0) return this.terms[from] === stem ? [from] : [];
      for (var i = from; i < this.terms.length && this.terms[i].startsWith(stem); i++) out.push(i);
      return out;
    }
    if (!this.tokenSet) {
      this.tokenSet = lunr.TokenSet.fromArray(this.terms);
    }
    var self = this;
    return this.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray()
      .map(function (found) { return self.termIndex(found); });
  };

  // lunr.Set.complete, and lunr.Set's union and intersection over documents marked
  // 1 in a Uint8Array.
  var COMPLETE = "complete";

  function mark(set, refs) {
    refs.forEach(function (_, ref) { set[ref] = 1; });
  }

  function intersect(a, b) {
    if (a === COMPLETE) return b;
    if (b === COMPLETE) return a;
    var out = new Uint8Array(a.length);
    for (var i = 0; i < a.length; i++) out[i] = a[i] & b[i];
    return out;
  }

  function union(a, b) {
    var out = new Uint8Array(a.length);
    for (var i = 0; i < a.length; i++) out[i] = a[i] | b[i];
    return out;
  }

  // lunr.Index.prototype.query (lunr 2.3.9), with refs as document positions and
  // per-document sums and sets in typed arrays instead of an object per match. A
  // result's matchData (lunr's: the terms that matched it, by field) is worked out
  // when it is read; `termMask(term)` (optional) gives bits ORed into each result's
  // `mask` for every term that matched it, which is all most results need.
  PrebuiltIndex.prototype.query = function (fn, termMask) {
    var self = this, n = this.documentCount;
    var REQUIRED = lunr.Query.presence.REQUIRED, PROHIBITED = lunr.Query.presence.PROHIBITED;
    var query = new lunr.Query(this.fields);
    var queryVectors = this.fields.map(function () { return new Map(); });
    var pairs = [], pairSeen = new Set();   // [t, f] matched, in lunr's order
    var matched = this.fields.map(function () { return new Uint8Array(n); });
    var firstSeen = new Int32Array(n).fill(-1), seen = 0;
    var masks = new Int32Array(n);
    // lunr's sets of refs: by field, COMPLETE or the documents marked 1.
    var requiredMatches = Object.create(null);
    var prohibitedMatches = Object.create(null);
    fn.call(query, query);
    for (var c = 0; c < query.clauses.length; c++) {
      var clause = query.clauses[c];
      var clauseMatches = clause.presence === REQUIRED ? new Uint8Array(n) : null;
      var terms = clause.usePipeline
        ? this.pipeline.runString(clause.term, { fields: clause.fields })
        : [clause.term];
      for (var m = 0; m < terms.length; m++) {
        clause.term = terms[m];
        var expanded = this.expand(clause);
        if (expanded.length === 0 && clause.presence === REQUIRED) {
          clause.fields.forEach(function (field) { requiredMatches[field] = new Uint8Array(n); });
          break;
        }
        for (var j = 0; j < expanded.length; j++) {
          var t = expanded[j], posting = this.posting(t);
          var bits = termMask ? termMask(this.terms[t]) : 0;
          for (var k = 0; k < clause.fields.length; k++) {
            var field = clause.fields[k], f = this.fields.indexOf(field);
            var refs = posting.byField[f];
            if (clause.presence === REQUIRED) {
              mark(clauseMatches, refs);
              if (requiredMatches[field] === undefined) requiredMatches[field] = COMPLETE;
            }
            if (clause.presence === PROHIBITED) {
              if (prohibitedMatches[field] === undefined) prohibitedMatches[field] = new Uint8Array(n);
              mark(prohibitedMatches[field], refs);
              continue;
            }
            queryVectors[f].set(t, (queryVectors[f].get(t) || 0) + clause.boost);
            var pair = t * 64 + f;
            if (pairSeen.has(pair)) continue;
            pairSeen.add(pair);
            pairs.push([t, f]);
            var hit = matched[f];
            refs.forEach(function (_, ref) {
              hit[ref] = 1;
              if (firstSeen[ref] < 0) firstSeen[ref] = seen++;
              masks[ref] |= bits;
            });
          }
        }
      }
      if (clause.presence === REQUIRED) {
        clause.fields.forEach(function (field) {
          requiredMatches[field] = intersect(requiredMatches[field], clauseMatches);
        });
      }
    }
    var allRequired = COMPLETE, allProhibited = new Uint8Array(n);
    this.fields.forEach(function (field) {
      if (requiredMatches[field]) allRequired = intersect(allRequired, requiredMatches[field]);
      if (prohibitedMatches[field]) allProhibited = union(allProhibited, prohibitedMatches[field]);
    });
    // The score of a document is the sum over fields of the dot product of the
    // query's vector with the document's, over the query's length; lunr walks
    // each matching document's vector, this walks the query terms' postings.
    var scores = new Float64Array(n);
    queryVectors.forEach(function (vector, f) {
      var sum = 0;
      vector.forEach(function (value) { sum += value * value; });
      var magnitude = Math.sqrt(sum);
      var dots = new Float64Array(n);
      vector.forEach(function (value, t) {
        var posting = self.posting(t);
        posting.byField[f].forEach(function (tf, ref) {
          dots[ref] += value * self.score(posting, f, ref, tf);
        });
      });
      for (var ref = 0; ref < n; ref++)
        if (matched[f][ref]) scores[ref] += dots[ref] / magnitude || 0;
    });
    var order = [];
    if (query.isNegated()) {
      for (var ref = 0; ref < n; ref++) order.push(ref);
    } else {
      for (var ref = 0; ref < n; ref++) if (firstSeen[ref] >= 0) order.push(ref);
      order.sort(function (a, b) { return firstSeen[a] - firstSeen[b]; });
    }
    var results = [];
    order.forEach(function (ref) {
      if ((allRequired !== COMPLETE && !allRequired[ref]) || allProhibited[ref]) return;
      results.push(new Match(self, pairs, ref, scores[ref], masks[ref]));
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  };

  function Match(index, pairs, ref, score, mask) {
    this.ref = String(ref);
    this.score = score;
    this.mask = mask;
    this._index = index;
    this._pairs = pairs;
    this._matchData = null;
  }

  Object.defineProperty(Match.prototype, "matchData", {
    get: function () {
      if (!this._matchData) {
        var metadata = {}, index = this._index, ref = +this.ref;
        this._pairs.forEach(function (pair) {
          if (!index.posting(pair[0]).byField[pair[1]].has(ref)) return;
          var term = index.terms[pair[0]];
          (metadata[term] = metadata[term] || {})[index.fields[pair[1]]] = {};
        });
        this._matchData = { metadata: metadata };
      }
      return this._matchData;
    }
  });

  PrebuiltIndex.prototype.search = function (queryString, termMask) {
    return this.query(function (query) {
      new lunr.QueryParser(queryString, query).parse();
    }, termMask);
  };

  function Search(data, options) {
    checkConfig(data.config);
    this.options = options || { suggest: false };
    this.docs = data.docs;
    this.index = new PrebuiltIndex(data);
    this.tables = new Map();
    this.byLocation = new Map();
    this.vocab = new Set();
    var self = this;
    this.docs.forEach(function (doc, ref) {
      doc.ref = ref;
      var path = doc.location.split("#")[0];
      var article = self.byLocation.get(path);
      if (!article) {
        self.byLocation.set(path, doc);
      } else {
        self.byLocation.set(doc.location, doc);
        doc.parent = article;
      }
    });
    var stems = this.index.fields.indexOf(STEMS_FIELD);
    if (stems >= 0)
      data.postings[stems].forEach(function (list, t) {
        if (list.length) self.vocab.add(data.terms[t]);
      });
  }

  // `기울기소실` -> `기울기 소실`, `게이트를` -> `게이트`: each Hangul run of the
  // query becomes the index stems it starts with, longest first.
  Search.prototype.segmentHangul = function (query) {
    var vocab = this.vocab;
    if (!vocab.size) return query;
    function segment(run) {
      if (vocab.has(run)) return [run];
      var out = [], i = 0;
      while (i < run.length) {
        var hit = 0;
        for (var j = run.length; j > i + 1; j--)
          if (vocab.has(run.slice(i, j))) { hit = j; break; }
        if (hit) { out.push(run.slice(i, hit)); i = hit; } else i++;
      }
      return out;
    }
    return query.replace(HANGUL, function (run, at, whole) {
      var parts = segment(run);
      if (parts.length) return " " + parts.join(" ") + " ";
      // A particle glued to a Latin word (`LSTM의`) is dropped.
      return at > 0 && /[A-Za-z0-9]/.test(whole[at - 1]) ? " " : run;
    });
  };

  // Token positions of one field of one document, found again when a result needs
  // them (the index does not carry them: it would be several times larger).
  Search.prototype.table = function (doc, field) {
    var key = doc.ref + ":" + field;
    var entry = this.tables.get(key);
    if (!entry) {
      var table = [];
      var positions = new Map();
      tokenize(doc[field], table).forEach(function (token) {
        if (!positions.has(token.str)) positions.set(token.str, []);
        positions.get(token.str).push(token.metadata.position);
      });
      entry = { table: table, positions: positions };
      this.tables.set(key, entry);
    }
    return entry;
  };

  // Groups drawn with their text and highlights: Material's page draws the first
  // 10 and 4 more at each scroll to the end of the list. Past these, a group is its
  // page's entry with title and tags, scored and linked (the terms to highlight on
  // the page) as its best hit, so a query that matches every note (at 1,000 notes,
  // 6,000 sections) costs what the reader can see, not the whole site.
  var DRAWN_IN_FULL = 30;

  // One result as Material's page draws it: its title, and its text and tags when
  // `fields` names them (else no tags, and text empty, which the page leaves out),
  // with the matched terms highlighted when `highlight` is set.
  Search.prototype.item = function (hit, fields, highlight) {
    var self = this, found = hit.found;
    var doc = { location: found.location, title: found.title, text: "" };
    fields.forEach(function (field) {
      if (found[field] !== undefined)
        doc[field] = Array.isArray(found[field]) ? found[field].slice() : found[field];
    });
    if (highlight && hit.result) {
      var metadata = hit.result.matchData.metadata, matched = Object.keys(metadata);
      ["title"].concat(fields).forEach(function (field) {
        if (typeof found[field] === "undefined") return;
        var hits = matched.filter(function (term) { return metadata[term][field]; });
        if (!hits.length) return;
        var entry = self.table(found, field);
        var positions = [];
        hits.forEach(function (term) {
          positions.push.apply(positions, entry.positions.get(term) || []);
        });
        if (!positions.length) return;
        var whole = field !== "text";
        doc[field] = Array.isArray(doc[field])
          ? highlightAll(doc[field], entry.table, positions, whole)
          : highlightAll([doc[field]], entry.table, positions, whole).pop();
      });
    }
    doc.score = hit.score;
    doc.terms = hit.terms;
    return doc;
  };

  // A page's hits (best first) as Material's page draws them (templates/search):
  // the page's entry, with a teaser only when it is the best hit and no section
  // scores as well; each section with its teaser, those scoring below the best
  // folded under "N more on this page". The page's tags are on its entry only: on
  // every section they repeated the same list, and the page parses each tag on its
  // own, about a quarter of the time it takes to draw a result list.
  Search.prototype.group = function (hits, location) {
    var self = this, best = hits[0];
    var page = hits.find(function (hit) { return hit.found.location === location; });
    var teaser = page === best && !(hits.length > 1 && hits[1].score >= best.score);
    var out = hits.map(function (hit) {
      if (hit !== page) return self.item(hit, ["text"], true);
      return self.item(hit, teaser ? ["text", "tags"] : ["tags"], true);
    });
    if (!page)
      out.push(this.item({ found: this.byLocation.get(location), score: 0, terms: {} }, ["tags"]));
    return out;
  };

  Search.prototype.search = function (query) {
    var self = this;
    query = transformSearchQuery(this.segmentHangul(query));
    if (!query) return { items: [] };
    var clauses = parseSearchQuery(query).filter(function (clause) {
      return clause.presence !== lunr.Query.presence.PROHIBITED;
    });
    // Which of Material's clauses a result matched, as bits: a clause matches
    // when one of the result's terms starts with it (getSearchQueryTerms).
    var masked = clauses.length <= 31;
    var masks = new Map();
    function termMask(term) {
      var bits = masks.get(term);
      if (bits === undefined) {
        bits = 0;
        clauses.forEach(function (clause, i) { if (term.startsWith(clause.term)) bits |= 1 << i; });
        masks.set(term, bits);
      }
      return bits;
    }
    var hits = [], termsByMask = new Map();
    this.index.search(query, masked ? termMask : null).forEach(function (result) {
      var found = self.docs[+result.ref];
      if (!found) return;
      var terms;
      if (masked) {
        // One object per combination: the message to the page carries it once.
        terms = termsByMask.get(result.mask);
        if (!terms) termsByMask.set(result.mask, terms = clauseTerms(clauses, result.mask));
      } else {
        terms = getSearchQueryTerms(clauses, Object.keys(result.matchData.metadata));
      }
      var boost = +!found.parent +
        Object.values(terms).filter(Boolean).length / Object.keys(terms).length;
      hits.push({
        found: found,
        result: result,
        terms: terms,
        score: result.score * (1 + Math.pow(boost, 2))
      });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    var groups = new Map();
    hits.forEach(function (hit) {
      var ref = hit.found.parent ? hit.found.parent.location : hit.found.location;
      if (!groups.has(ref)) groups.set(ref, []);
      groups.get(ref).push(hit);
    });
    // Material's results also carry each section's parent document, which its
    // page script never reads: left out, the message is a fraction of the size.
    var items = [];
    groups.forEach(function (group, location) {
      if (items.length < DRAWN_IN_FULL) {
        items.push(self.group(group, location));
      } else {
        var best = group[0];
        var page = { found: self.byLocation.get(location), score: best.score, terms: best.terms };
        items.push([self.item(page, ["tags"])]);
      }
    });
    var out = { items: items };
    if (this.options.suggest) {
      var titles = this.index.query(function (builder) {
        clauses.forEach(function (clause) {
          builder.term(clause.term, {
            fields: ["title"],
            presence: lunr.Query.presence.REQUIRED,
            wildcard: lunr.Query.wildcard.TRAILING
          });
        });
      });
      out.suggest = titles.length ? Object.keys(titles[0].matchData.metadata) : [];
    }
    return out;
  };

  return {
    buildIndex: buildIndex,
    tokenize: tokenize,
    PrebuiltIndex: PrebuiltIndex,
    Search: Search
  };
});
