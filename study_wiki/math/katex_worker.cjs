// Renders TeX to HTML+MathML with KaTeX for the math plugin (study_wiki/math/).
// Protocol: one JSON request per stdin line ({"tex", "display"}), one JSON
// reply per stdout line ({"html"} or {"error"}), in order.
"use strict";
const readline = require("node:readline");
const katex = require("katex");

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { tex, display } = JSON.parse(line);
  let reply;
  try {
    reply = {
      html: katex.renderToString(tex, {
        displayMode: display,
        output: "htmlAndMathml",
        throwOnError: true,
        strict: "ignore",
        trust: false,
      }),
    };
  } catch (error) {
    reply = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
