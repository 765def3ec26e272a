// app.js — the tidings web page: story list, story page, article view and
// search, over the JSON API of `tidings serve`. No build step, no framework:
// hash routes (#/, #/story/ID, #/article/ID, #/search?q=, #/articles) and
// DOM built with textContent, so no stored text is ever parsed as HTML. The
// one exception is the search snippet, which the server escapes itself and
// marks with <mark> (snippet_html).
"use strict";

const main = document.getElementById("main");

// ------------------------------------------------------------------ helpers

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const k of kids.flat()) {
    if (k === null || k === undefined || k === false) continue;
    e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return e;
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await r.json(); } catch (_) { body = null; }
  if (!r.ok) {
    const err = new Error((body && body.error) || r.statusText || "request failed");
    err.status = r.status;
    throw err;
  }
  return body;
}

// An outlet's name: the source, else the host of its URL, else its folder.
function outletOf(a) {
  if (a.source) return a.source;
  const u = a.url || "";
  const m = u.match(/^https?:\/\/([^/]+)/);
  if (m) return m[1].replace(/^www\./, "");
  const parts = u.split("/").filter(Boolean);
  return parts.length > 1 ? parts[parts.length - 2] : "unknown outlet";
}

function fmtDate(d) { return d ? String(d).slice(0, 10) : "undated"; }

function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

// "first – last" with each date kept whole when a narrow screen wraps.
function dateRange(s) {
  if (!s.first_date && !s.last_date) return "undated";
  const a = fmtDate(s.first_date), b = fmtDate(s.last_date);
  const d = (t) => el("time", { class: "date", datetime: t === "undated" ? null : t, text: t });
  return a === b ? d(a) : el("span", {}, d(a), " – ", d(b));
}

function show(title, ...nodes) {
  document.title = title ? title + " · tidings" : "tidings";
  main.replaceChildren(...nodes.flat().filter(Boolean));
}

function showError(e, what) {
  show("Error", el("section", { class: "error", role: "alert" },
    el("h1", { text: what }),
    el("p", { text: e.message + (e.status ? " (HTTP " + e.status + ")" : "") }),
    el("p", {}, el("a", { href: "#/" }, "Back to the stories"))));
}

function articleLink(a, label) {
  return el("a", { href: "#/article/" + a.id }, label || a.title || "(untitled)");
}

// ------------------------------------------------------------- story list

// The server gives the story list a page at a time, newest first; "Show
// more" fetches the next page. "Largest first" reorders the stories loaded
// so far by their number of independent outlets.
const PAGE = 50;
let listOrder = "newest";
let listStories = [], listTotal = 0;

async function viewStories(more) {
  let doc;
  try {
    doc = await api("/api/stories?limit=" + PAGE + "&offset=" + (more ? listStories.length : 0));
  } catch (e) {
    if (e.status === 501) return viewArticles("Stories are not available from this server yet; here are the articles.");
    return showError(e, "Could not load the stories");
  }
  const first = more ? listStories.length : 0;
  listStories = (more ? listStories : []).concat(doc.stories || []);
  listTotal = doc.total || listStories.length;
  renderStories(more ? first : -1);
}

function renderStories(focusIndex) {
  const stories = listStories.map((s, i) => ({ s, i }));
  if (listOrder === "largest") stories.sort((a, b) => (b.s.sources || 0) - (a.s.sources || 0) || a.i - b.i);
  const toggle = el("div", { class: "order", role: "group", "aria-label": "Order stories by" },
    ["newest", "largest"].map((o) => {
      const b = el("button", { type: "button", "aria-pressed": String(o === listOrder) }, o === "newest" ? "Newest first" : "Largest first");
      b.addEventListener("click", () => { listOrder = o; renderStories(-1); });
      return b;
    }));
  const items = stories.map(({ s, i }) => {
    const outlets = [...new Set((s.articles || []).map(outletOf))];
    return el("li", { class: "story-card", "data-index": i },
      el("h2", {}, el("a", { href: "#/story/" + s.id }, s.title || "Story " + s.id)),
      el("p", { class: "meta" },
        el("span", { class: "badge", title: "independent outlets" }, plural(s.sources, "source", "sources")),
        " · ", plural(s.size || (s.articles || []).length, "article", "articles"),
        s.copies ? " (" + plural(s.copies, "copy", "copies") + ")" : "",
        " · ", dateRange(s)),
      el("p", { class: "outlets" }, outlets.join(" · ")));
  });
  let moreButton = null;
  if (listStories.length < listTotal) {
    moreButton = el("button", { type: "button", class: "more" }, "Show more stories (" + listStories.length + " of " + listTotal + " shown)");
    moreButton.addEventListener("click", () => viewStories(true));
  }
  show("Stories",
    el("div", { class: "head-row" }, el("h1", { text: "Stories" }), toggle),
    items.length ? el("ol", { class: "stories" }, items) : el("p", { text: "No stories yet: ingest some articles." }),
    moreButton);
  // After "Show more", keyboard focus goes to the first story just loaded.
  if (focusIndex >= 0) {
    const link = main.querySelector('.story-card[data-index="' + focusIndex + '"] a');
    if (link) link.focus();
  }
}

// ------------------------------------------------------------ story page

// Sentences with their support: "text [1] [2]", each number a link.
function supported(items, byId) {
  return el("ul", { class: "supported" }, items.map((it) =>
    el("li", {}, it.text, " ",
      (it.support || []).map((id) => {
        const a = byId.get(id);
        return el("a", { class: "cite", href: "#/article/" + id, title: a ? outletOf(a) + ": " + (a.title || "") : "article " + id },
          a ? outletOf(a) : "#" + id);
      }))));
}

function timeline(s) {
  const arts = s.articles || [];
  const byOutlet = new Map();
  for (const a of arts) {
    const o = outletOf(a);
    if (!byOutlet.has(o)) byOutlet.set(o, []);
    byOutlet.get(o).push(a);
  }
  const dated = arts.filter((a) => a.date).map((a) => Date.parse(String(a.date).slice(0, 10)));
  const lo = Math.min(...dated), hi = Math.max(...dated);
  const rows = [...byOutlet.entries()].map(([o, list]) =>
    el("li", { class: "tl-row" },
      el("span", { class: "tl-outlet", text: o }),
      el("ol", { class: "tl-track" }, list.map((a) => {
        const li = el("li", { class: "tl-item" + (a.copy_of ? " copy" : "") },
          el("a", { href: "#/article/" + a.id, title: a.title || "" },
            el("time", { text: fmtDate(a.date) }), " ", a.title || "(untitled)",
            a.copy_of ? el("span", { class: "badge", text: "copy" }) : null));
        return li;
      }))));
  return el("section", { class: "timeline", "aria-labelledby": "tl-h" },
    el("h2", { id: "tl-h", text: "Timeline by outlet" }),
    dated.length > 1 && hi > lo ? el("p", { class: "meta", text: fmtDate(new Date(lo).toISOString()) + " to " + fmtDate(new Date(hi).toISOString()) }) : null,
    el("ol", { class: "tl" }, rows));
}

// A quote group's wordings, one per article: the parts of a statement that
// an article splits around its cue ("…," she said. "…") are one wording,
// joined in text order.
function wordings(q) {
  const byArticle = new Map();
  for (const v of q.variants || []) {
    if (!byArticle.has(v.article)) byArticle.set(v.article, []);
    byArticle.get(v.article).push(v);
  }
  if (!byArticle.size) return [{ article: null, text: q.text }];
  return [...byArticle.entries()].map(([article, parts]) => ({
    article,
    text: parts.sort((a, b) => a.start - b.start).map((p) => p.text.replace(/[\s,;:]+$/, "")).join(" … "),
  }));
}

// Quotes grouped by statement, each outlet's wording side by side; the
// statements most outlets quoted come first.
function quotesSection(quotes, byId) {
  if (!quotes || !quotes.length) return null;
  const groups = quotes.map((q) => {
    const w = wordings(q);
    const outlets = new Set(w.map((v) => (byId.has(v.article) ? outletOf(byId.get(v.article)) : "#" + v.article)));
    return { q, w, outlets: outlets.size };
  });
  groups.sort((a, b) => b.outlets - a.outlets || b.w.length - a.w.length); // stable: story order within
  return el("section", { class: "quotes", "aria-labelledby": "q-h" },
    el("h2", { id: "q-h", text: "Quotes, as each outlet worded them" }),
    groups.map(({ q, w, outlets }) => el("figure", { class: "quote-group", "data-group": q.group },
      el("figcaption", {}, el("strong", { text: q.speaker || "unknown speaker" }),
        outlets > 1 ? " · quoted by " + outlets + " outlets" : ""),
      el("div", { class: "variants" }, w.map((v) => {
        const a = byId.get(v.article);
        return el("blockquote", { class: "variant" },
          el("p", { text: v.text }),
          a ? el("footer", {}, articleLink(a, outletOf(a)), el("span", { class: "meta", text: " · " + fmtDate(a.date) })) : null);
      })))));
}

async function viewStory(id) {
  let s;
  try { s = await api("/api/stories/" + encodeURIComponent(id)); } catch (e) { return showError(e, "Could not load story " + id); }
  const byId = new Map((s.articles || []).map((a) => [a.id, a]));
  const outlets = [...new Set((s.articles || []).map(outletOf))];
  const sec = (key, title, body) => (s[key] && s[key].length) ? el("section", { class: key, "aria-labelledby": key + "-h" }, el("h2", { id: key + "-h", text: title }), body()) : null;
  show(s.title || "Story " + s.id,
    el("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, el("a", { href: "#/" }, "Stories"), " › story " + s.id),
    el("h1", { text: s.title || "Story " + s.id }),
    el("p", { class: "meta" }, el("span", { class: "badge" }, plural(s.sources, "source", "sources")), " · ",
      plural(s.size || byId.size, "article", "articles"), s.copies ? " (" + plural(s.copies, "copy", "copies") + ")" : "", " · ", dateRange(s),
      s.thread ? " · thread " + s.thread : ""),
    el("p", { class: "outlets" }, outlets.join(" · ")),
    sec("summary", "Summary", () => supported(s.summary, byId)),
    sec("consensus", "What the outlets agree on", () => supported(s.consensus, byId)),
    sec("unique", "Reported by one outlet only", () => el("ul", { class: "supported" }, s.unique.map((u) => {
      const a = byId.get(u.article);
      return el("li", {}, u.text, " ", a ? el("a", { class: "cite", href: "#/article/" + u.article }, outletOf(a)) : null);
    }))),
    sec("conflicts", "Where they conflict", () => el("ul", { class: "conflicts" }, s.conflicts.map((c) =>
      el("li", {}, el("strong", { text: c.what }), el("ul", {}, (c.values || []).map((v) =>
        el("li", {}, el("span", { class: "value", text: v.value }), " — ",
          (v.articles || []).map((aid) => { const a = byId.get(aid); return el("a", { class: "cite", href: "#/article/" + aid }, a ? outletOf(a) : "#" + aid); })))))))),
    quotesSection(s.quotes, byId),
    sec("entities", "Names", () => el("ul", { class: "names" }, s.entities.map((n) =>
      el("li", {}, el("a", { href: "#/search?q=" + encodeURIComponent('entity:"' + n.name + '"') }, n.name),
        el("span", { class: "meta", text: " " + (n.kind || "") + (n.mentions ? " · " + n.mentions : "") }),
        n.aliases && n.aliases.length ? el("span", { class: "meta", text: " (also " + n.aliases.join(", ") + ")" }) : null)))),
    timeline(s));
}

// ---------------------------------------------------------- article view

function paragraphs(text) {
  return String(text || "").split(/\n\s*\n/).filter((p) => p.trim()).map((p) => el("p", { text: p }));
}

async function viewArticle(id) {
  let a;
  try { a = await api("/api/articles/" + encodeURIComponent(id)); } catch (e) { return showError(e, "Could not load article " + id); }
  const removed = a.removed || [];
  show(a.title || "Article " + a.id,
    el("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, el("a", { href: "#/articles" }, "Articles"), " › article " + a.id),
    el("article", { class: "article" },
      el("h1", { text: a.title || "(untitled)" }),
      el("p", { class: "meta" }, outletOf(a), " · ", fmtDate(a.date), a.byline ? " · " + a.byline : "",
        a.copy_of ? el("span", {}, " · exact copy of ", el("a", { href: "#/article/" + a.copy_of }, "article " + a.copy_of)) : null),
      /^https?:/.test(a.url || "") ? el("p", { class: "meta" }, el("a", { href: a.url, rel: "noopener noreferrer" }, a.url)) : el("p", { class: "meta", text: a.url }),
      el("div", { class: "body" }, paragraphs(a.text)),
      removed.length ? el("section", { class: "removed", "aria-labelledby": "rm-h" },
        el("h2", { id: "rm-h", text: "Removed by cleaning (" + removed.length + ")" }),
        el("ul", {}, removed.map((r) => el("li", {},
          el("del", { text: r.text }), " ", el("span", { class: "reason", text: r.reason }))))) : null));
}

async function viewArticles(note) {
  let doc;
  try { doc = await api("/api/articles?limit=200"); } catch (e) { return showError(e, "Could not load the articles"); }
  const arts = doc.articles || [];
  show("Articles",
    note ? el("p", { class: "note", text: note }) : null,
    el("h1", { text: "Articles" }),
    arts.length ? el("ol", { class: "articles" }, arts.map((a) => el("li", {},
      articleLink(a), el("span", { class: "meta", text: " " + outletOf(a) + " · " + fmtDate(a.date) })))) :
      el("p", { text: "No articles yet." }));
}

// ---------------------------------------------------------------- search

async function viewSearch(q) {
  document.getElementById("q").value = q;
  if (!q.trim()) return show("Search", el("h1", { text: "Search" }), el("p", { text: "Type a query above." }));
  let doc;
  try { doc = await api("/api/search?q=" + encodeURIComponent(q)); } catch (e) {
    return show("Search", el("h1", { text: "Search" }), el("p", { class: "error", role: "alert", text: e.message }));
  }
  const results = doc.results || [];
  show("Search: " + q,
    el("h1", {}, "Results for ", el("q", { text: q })),
    results.length ? el("ol", { class: "results" }, results.map((r) => el("li", { class: "result" },
      el("h2", {}, r.story ? el("a", { href: "#/story/" + r.story }, r.title || "Story " + r.story) : articleLink(r.articles[0], r.title)),
      el("ul", { class: "hits" }, (r.articles || []).map((a) => {
        const snip = el("p", { class: "snippet" });
        snip.innerHTML = a.snippet_html || ""; // escaped by the server; only <mark> is markup
        return el("li", {}, articleLink(a), el("span", { class: "meta", text: " " + outletOf(a) + " · " + fmtDate(a.date) }), snip);
      }))))) : el("p", { text: "No matches." }));
}

// ---------------------------------------------------------------- router

async function route() {
  const h = location.hash || "#/";
  let m;
  if ((m = h.match(/^#\/story\/(\d+)$/))) await viewStory(m[1]);
  else if ((m = h.match(/^#\/article\/(\d+)$/))) await viewArticle(m[1]);
  else if ((m = h.match(/^#\/search\?q=(.*)$/))) await viewSearch(decodeURIComponent(m[1].replace(/\+/g, " ")));
  else if (h === "#/articles") await viewArticles();
  else await viewStories();
  // After a navigation (not the first load, so Tab still starts at the skip
  // link), move focus to the new content so keyboard and screen-reader users
  // follow.
  if (routed && document.activeElement !== document.getElementById("q")) main.focus({ preventScroll: true });
  routed = true;
  window.scrollTo(0, 0);
}
let routed = false;

document.getElementById("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = document.getElementById("q").value;
  location.hash = "#/search?q=" + encodeURIComponent(q);
  main.focus();
});

document.addEventListener("keydown", (ev) => {
  const t = ev.target;
  const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
  if (ev.key === "/" && !typing) {
    ev.preventDefault();
    document.getElementById("q").focus();
  } else if (ev.key === "Escape" && t && t.id === "q") {
    t.blur();
  }
});

window.addEventListener("hashchange", route);
route();
