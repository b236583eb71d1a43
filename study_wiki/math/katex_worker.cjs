// Renders TeX to HTML+MathML with KaTeX for the math plugin (study_wiki/math/).
// Protocol: one JSON request per stdin line ({"tex", "display"}), one JSON
// reply per stdout line ({"html"} or {"error"}), in order.
"use strict";
const readline = require("node:readline");
const katex = require("katex");

// KaTeX keeps the TeX source in a <semantics> annotation; it goes in the standard
// <math alttext> instead: two elements fewer per equation (the LSTM note has 230),
// drawn and spoken the same.
const ANNOTATED =
  /(<math xmlns="[^"]+"(?: display="block")?)><semantics>(.*)<annotation encoding="application\/x-tex">(.*?)<\/annotation><\/semantics><\/math>/s;

function withAltText(html) {
  return html.replace(ANNOTATED, (_, open, body, tex) => `${open} alttext="${tex}">${body}</math>`);
}

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { tex, display } = JSON.parse(line);
  let reply;
  // Commands refused by `trust: false` (\href, \url, \includegraphics, \html...)
  // would render as red text without an error: report them instead.
  const refused = [];
  try {
    const html = katex.renderToString(tex, {
      displayMode: display,
      output: "htmlAndMathml",
      throwOnError: true,
      strict: "ignore",
      trust: (context) => {
        refused.push(context.command);
        return false;
      },
    });
    reply = refused.length
      ? {
          error:
            `${[...new Set(refused)].join(", ")} is not allowed in math on this site ` +
            "(links, images and HTML are refused): write it outside the $...$",
        }
      : { html: withAltText(html) };
  } catch (error) {
    reply = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
