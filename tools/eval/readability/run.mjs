// run.mjs — Mozilla Readability (with linkedom) over an extraction eval set,
// for the side-by-side in `make eval`. Usage: node run.mjs DIR > pred.jsonl
// Pages are read first, then timed; one line of timing goes to stderr in the
// same form as tools/eval/extraction.c: "pages N seconds S bytes B".
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { Readability } from "@mozilla/readability";

const dir = process.argv[2];
const pages = readFileSync(join(dir, "pages.jsonl"), "utf8")
  .split("\n").filter(Boolean).map((l) => JSON.parse(l))
  .map((p) => ({ id: p.id, html: readFileSync(join(dir, p.file), "utf8") }));
let bytes = 0;
for (const p of pages) bytes += Buffer.byteLength(p.html);

// Block elements start a new paragraph in the text, as in the gold.
const BLOCK = new Set(["P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "TD", "TH", "PRE",
  "BLOCKQUOTE", "FIGURE", "FIGCAPTION", "SECTION", "ARTICLE", "TR", "DD", "DT", "UL", "OL", "TABLE"]);
function text(node, out) {
  for (const c of node.childNodes) {
    if (c.nodeType === 3) out.push(c.textContent);
    else if (c.nodeType === 1) {
      if (c.tagName === "BR") { out.push("\n"); continue; }
      const blk = BLOCK.has(c.tagName);
      if (blk) out.push("\n\n");
      text(c, out);
      if (blk) out.push("\n\n");
    }
  }
  return out;
}

// Only parsing and Readability are timed; turning its HTML into text is not.
const t0 = process.hrtime.bigint();
const arts = [];
for (const p of pages) {
  try {
    const { document } = parseHTML(p.html);
    arts.push(new Readability(document).parse());
  } catch (e) { arts.push(null); }
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
const results = [];
for (const [i, p] of pages.entries()) {
  let r = null;
  try {
    const art = arts[i];
    if (art) {
      const { document: d2 } = parseHTML("<html><body>" + art.content + "</body></html>");
      const txt = text(d2.body, []).join("").split(/\n\s*\n/).map((s) => s.replace(/\s+/g, " ").trim())
        .filter(Boolean).join("\n\n");
      r = { id: p.id, text: txt, title: art.title || null, byline: art.byline || null,
            date: art.publishedTime || null };
    }
  } catch (e) { r = null; }
  results.push(r || { id: p.id, text: null });
}
for (const r of results) process.stdout.write(JSON.stringify(r) + "\n");
process.stderr.write(`pages ${pages.length} seconds ${secs.toFixed(3)} bytes ${bytes}\n`);
