// web.test.mjs — the browser test of the tidings web page: Debian's chromium
// driven by playwright-core against a running `tidings serve` (the URL is the
// first argument; tests/cli/browser.sh starts the server on the example
// corpus with examples/ingest.sh). It opens the story list, a story, the
// Seltra story's quote variants (President Solvey's statement in the four
// wordings of articles 5-8, side by side: examples/README.md), an article
// with removed boilerplate, and search, on a wide screen and on a phone,
// partly by keyboard alone; prints TAP lines; and saves screenshots to
// $SCREENSHOTS (default build/screenshots/).
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = process.argv[2];
if (!base) {
  console.error("usage: node web.test.mjs http://127.0.0.1:PORT");
  process.exit(2);
}
const shots = process.env.SCREENSHOTS || "build/screenshots";
mkdirSync(shots, { recursive: true });

let n = 0, failures = 0;
const ok = (name) => console.log(`ok ${++n} - ${name}`);
const notOk = (name, why) => { failures++; console.log(`not ok ${++n} - ${name}`); if (why) console.log(`#   ${String(why).split("\n")[0]}`); };
const skip = (name, why) => console.log(`ok ${++n} - ${name} # SKIP ${why}`);
async function check(name, fn) {
  try {
    const r = await fn();
    if (r === false) notOk(name, "condition false");
    else ok(name);
  } catch (e) {
    notOk(name, e && e.message);
  }
}

const profile = mkdtempSync(join(tmpdir(), "tidings-chromium-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
  viewport: { width: 1280, height: 900 },
});
const T = 10000;
const problems = [];
try {
  const page = browser.pages()[0] || (await browser.newPage());
  page.setDefaultTimeout(T);
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));

  // 1. The story list, newest first.
  await check("story list shows stories", async () => {
    await page.goto(base + "/");
    await page.locator(".story-card").first().waitFor();
    const count = await page.locator(".story-card").count();
    if (count < 2) throw new Error(`only ${count} story cards`);
  });
  await check("story cards show sources and outlets", async () => {
    const meta = await page.locator(".story-card .meta").first().innerText();
    const outlets = await page.locator(".story-card .outlets").first().innerText();
    if (!/\d+ sources?/.test(meta)) throw new Error("no source count in: " + meta);
    if (!outlets.trim()) throw new Error("no outlets");
  });
  await check("story list is newest first", async () => {
    const dates = await page.locator(".story-card .meta").allInnerTexts();
    const last = dates.map((t) => (t.match(/(\d{4}-\d{2}-\d{2})(?!.*\d{4}-\d{2}-\d{2})/) || [])[1] || "");
    const sorted = [...last].sort().reverse();
    if (last.join() !== sorted.join()) throw new Error("order: " + last.join(", "));
  });
  await page.screenshot({ path: `${shots}/stories-wide.png`, fullPage: true });

  // 2. Keyboard only: the skip link comes first; Tab reaches a story; Enter opens it.
  await check("keyboard: first Tab lands on the skip link", async () => {
    await page.goto(base + "/");
    await page.locator(".story-card").first().waitFor();
    await page.keyboard.press("Tab");
    const cls = await page.evaluate(() => document.activeElement.className);
    if (cls !== "skip") throw new Error("focused: " + cls);
  });
  await check("keyboard: Tab to a story and Enter opens it", async () => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      const href = await page.evaluate(() => document.activeElement.getAttribute("href") || "");
      if (href.startsWith("#/story/")) {
        await page.keyboard.press("Enter");
        await page.locator(".timeline").waitFor();
        return;
      }
    }
    throw new Error("no story link reached by Tab");
  });

  // 3. A story page: timeline by outlet, and what synthesis and quotes give.
  let story = null;
  await check("story page shows its title and a timeline by outlet", async () => {
    const id = (await page.evaluate(() => location.hash)).split("/")[2];
    story = await (await page.request.get(`${base}/api/stories/${id}`)).json();
    const h1 = await page.locator("main h1").innerText();
    if (h1.trim() !== (story.title || `Story ${story.id}`).trim()) throw new Error(`h1 "${h1}" vs "${story.title}"`);
    const rows = await page.locator(".tl-row").count();
    const outlets = new Set(story.articles.map((a) => a.source || a.url));
    if (rows < 1 || rows > outlets.size) throw new Error(`${rows} timeline rows for ${outlets.size} outlets`);
  });
  // Quote variants on the example corpus (examples/README.md, "The same
  // statement in two wordings"): President Solvey's statement at the Seltra
  // signing is quoted by articles 5-8, each in its own outlet's wording, and
  // the story page shows the four side by side.
  const list = await (await page.request.get(`${base}/api/stories?limit=1000`)).json();
  const seltra = (list.stories || []).find((s) => (s.articles || []).some((a) => a.id === 5));
  let quoted = null, solvey = null;
  await check("example corpus: the Seltra story holds articles 5-8", async () => {
    if (!seltra) throw new Error("no story holds article 5");
    const ids = seltra.articles.map((a) => a.id).sort((x, y) => x - y).join(",");
    if (ids !== "5,6,7,8") throw new Error("its articles: " + ids);
    quoted = await (await page.request.get(`${base}/api/stories/${seltra.id}`)).json();
  });
  await check("example corpus: Solvey's statement is one quote in the wordings of articles 5-8", async () => {
    if (!quoted) throw new Error("no story");
    solvey = (quoted.quotes || []).find((q) => /Solvey/.test(q.speaker || "") &&
      [5, 6, 7, 8].every((id) => (q.variants || []).some((v) => v.article === id)));
    if (!solvey) throw new Error("groups: " + JSON.stringify((quoted.quotes || []).map((q) => [q.speaker, (q.variants || []).map((v) => v.article)])));
  });
  await check("story page shows Solvey's four wordings side by side, one per outlet", async () => {
    if (!solvey) throw new Error("no such quote group");
    await page.goto(`${base}/#/story/${quoted.id}`);
    const group = page.locator(`.quote-group[data-group="${solvey.group}"]`);
    await group.waitFor();
    const variants = group.locator(".variant");
    if ((await variants.count()) !== 4) throw new Error((await variants.count()) + " wordings shown, want 4 (one per article)");
    const tops = await variants.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    if (new Set(tops).size !== 1) throw new Error("not side by side on a wide screen: tops " + tops.join(","));
    const outlets = await group.locator(".variant footer a").allInnerTexts();
    const want = ["Meridian Wire", "Valdoria Today", "Lantern Post", "The Harbour Gazette"];
    if (outlets.slice().sort().join("|") !== want.slice().sort().join("|")) throw new Error("outlets: " + outlets.join(", "));
    const texts = await group.locator(".variant p").allInnerTexts();
    if (!texts.some((t) => t.includes("cannot be divided by a line on a map"))) throw new Error("no Meridian Wire wording");
    if (!texts.some((t) => t.includes("two countries joined by one river") && t.includes("No line drawn on a map"))) throw new Error("Lantern Post's two parts are not one wording: " + texts.join(" | "));
    const caption = await group.locator("figcaption").innerText();
    if (!/Solvey/.test(caption) || !/4 outlets/.test(caption)) throw new Error("caption: " + caption);
    // A clip of the full page, so that the sticky header stays at the top.
    const box = await page.locator(".quotes").evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: Math.min(r.height, 1200) };
    });
    await page.screenshot({ path: `${shots}/quotes-wide.png`, fullPage: true, clip: box });
    const first = await page.locator(".quote-group").first().getAttribute("data-group");
    if (first !== String(solvey.group)) throw new Error("the statement most outlets quoted is not first");
  });
  await check("a quote's wording links to its article", async () => {
    const link = page.locator(`.quote-group[data-group="${solvey && solvey.group}"] .variant footer a`).first();
    const href = await link.getAttribute("href");
    if (!/^#\/article\/[5-8]$/.test(href || "")) throw new Error("href " + href);
  });
  for (const [key, cls] of [["summary", ".summary"], ["consensus", ".consensus"], ["conflicts", ".conflicts"]]) {
    const s = quoted || story;
    if (s && (s[key] || []).length) {
      await check(`story page shows the ${key}`, async () => {
        await page.goto(`${base}/#/story/${s.id}`);
        await page.locator(cls).first().waitFor();
      });
    } else {
      skip(`story page shows the ${key}`, `the store has no ${key} (synthesis is issue 6)`);
    }
  }
  await page.goto(`${base}/#/story/${(quoted || story).id}`);
  await page.locator(".timeline").waitFor();
  await page.screenshot({ path: `${shots}/story-wide.png`, fullPage: true });

  // 4. An article with removed boilerplate, struck through.
  await check("article view strikes through removed boilerplate", async () => {
    const arts = (await (await page.request.get(`${base}/api/articles?limit=1000`)).json()).articles;
    let target = null;
    for (const a of arts) {
      const full = await (await page.request.get(`${base}/api/articles/${a.id}`)).json();
      if ((full.removed || []).length) { target = full; break; }
    }
    if (!target) throw new Error("no article with removed lines in the store");
    await page.goto(`${base}/#/article/${target.id}`);
    await page.locator(".removed del").first().waitFor();
    const deco = await page.locator(".removed del").first().evaluate((e) => getComputedStyle(e).textDecorationLine);
    if (!deco.includes("line-through")) throw new Error("not struck through: " + deco);
    const txt = await page.locator(".removed del").first().innerText();
    if (txt.trim() !== target.removed[0].text.trim()) throw new Error("wrong text");
    await page.screenshot({ path: `${shots}/article-wide.png`, fullPage: true });
  });

  // 5. Search from the keyboard: "/" focuses the box.
  await check("search by keyboard finds grouped results with highlights", async () => {
    await page.goto(base + "/");
    await page.locator(".story-card").first().waitFor();
    await page.locator("body").click({ position: { x: 5, y: 300 } });
    await page.keyboard.press("/");
    const focused = await page.evaluate(() => document.activeElement.id);
    if (focused !== "q") throw new Error("/ did not focus the search box");
    await page.keyboard.type("flood barrier");
    await page.keyboard.press("Enter");
    await page.locator(".result").first().waitFor();
    const marks = await page.locator(".result mark").count();
    if (marks < 1) throw new Error("no highlighted match");
    const first = await page.locator(".result h2 a").first().getAttribute("href");
    if (!first.startsWith("#/story/")) throw new Error("first result is not a story: " + first);
  });
  await page.screenshot({ path: `${shots}/search-wide.png`, fullPage: true });
  await check("a query full of FTS5 syntax is answered, not an error", async () => {
    await page.goto(`${base}/#/search?q=${encodeURIComponent('NEAR(flood "Ilm) title:x ^y * OR AND {z}')}`);
    await page.locator("main h1").waitFor();
    const err = await page.locator("main .error").count();
    if (err) throw new Error(await page.locator("main .error").innerText());
  });
  await check("markup in a query is shown as text", async () => {
    await page.goto(`${base}/#/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>flood')}`);
    await page.locator("main h1").waitFor();
    if (await page.locator("main img").count()) throw new Error("query rendered as HTML");
  });

  // 6. A phone.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [name, url, wait] of [["stories", "/", ".story-card"], ["story", `/#/story/${(quoted || story).id}`, ".timeline"],
                                   ["search", "/#/search?q=flood", ".result"]]) {
    await check(`phone: ${name} page fits the screen`, async () => {
      await page.goto(base + url);
      await page.locator(wait).first().waitFor();
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await page.screenshot({ path: `${shots}/${name}-phone.png`, fullPage: true });
      if (over > 1) throw new Error(`scrolls sideways by ${over}px`);
    });
  }
  await check("phone: a quote's wordings stack in one column", async () => {
    if (!solvey) throw new Error("no such quote group");
    await page.goto(`${base}/#/story/${quoted.id}`);
    const group = page.locator(`.quote-group[data-group="${solvey.group}"]`);
    await group.waitFor();
    const lefts = await group.locator(".variant").evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
    if (new Set(lefts).size !== 1) throw new Error("lefts " + lefts.join(","));
    await group.screenshot({ path: `${shots}/quote-variants-phone.png` });
  });
  await check("no script errors or blocked resources", async () => {
    if (problems.length) throw new Error(problems.join(" | "));
  });
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`1..${n}`);
process.exit(failures ? 1 : 0);
