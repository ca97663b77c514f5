/* sitroom timeline page: histogram brush, cited extractive summary, chronological list. */
"use strict";

(() => {
  const S = Sitroom;
  const el = S.el;
  const state = S.readState();
  let stats = null;
  let loadSeq = 0;

  function refLink(n) {
    return el("sup", {className: "ref"}, el("a", {href: "#ref-" + n}, "[" + n + "]"));
  }

  /**
   * A summary sentence with each citation shown once: "[n]" markers already in the text
   * (a generated dispute sentence cites each side inline) become links where they stand,
   * and only refs the text does not mark are added at the end.
   */
  function citedText(text, refs) {
    const known = new Set(refs || []);
    const inline = new Set();
    const parts = [];
    let pos = 0;
    for (const match of text.matchAll(/\[(\d+)\]/g)) {
      const n = Number(match[1]);
      if (!known.has(n)) continue;
      parts.push(text.slice(pos, match.index), refLink(n));
      inline.add(n);
      pos = match.index + match[0].length;
    }
    parts.push(text.slice(pos));
    return parts.concat((refs || []).filter((n) => !inline.has(n)).map(refLink));
  }

  function renderSummary(summary) {
    const body = document.getElementById("summary-body");
    const sentences = summary.sentences || [];
    if (!sentences.length) {
      S.setChildren(body, el("p", {className: "muted"}, "No events match these filters."));
    } else {
      // extracted sentences are quoted text; others (kind "contradiction" etc.) are
      // written by sitroom and shown in italics so the reader can tell them apart
      S.setChildren(body, el("ul", {className: "summary-text"}, sentences.map((s) =>
        el("li", {className: "summary-sentence" + (s.kind && s.kind !== "extract"
          ? " generated" : "")}, citedText(s.text, s.refs),
        s.event_id ? el("a", {className: "event-link", title: "open on the map",
          href: "/?event=" + encodeURIComponent(s.event_id)}, "↗") : null))));
    }
    S.setChildren(document.getElementById("references"), (summary.references || [])
      .map((ref) => {
        const url = S.safeUrl(ref.url);
        const title = ref.title || ref.doc || ref.article_id;
        return el("li", {id: "ref-" + ref.n, value: ref.n},
          el("span", {className: "ref-outlet"}, S.outletLabel(ref.outlet)), ", ",
          url ? el("a", {href: url, rel: "noopener noreferrer"}, title) : el("cite", {}, title),
          ", " + (ref.published || "date unknown"),
          ref.doc && ref.doc !== title ? el("span", {className: "muted"}, " · " + ref.doc) : null);
      }));
  }

  async function load() {
    const seq = ++loadSeq;
    const params = S.filterQuery(state);
    params.set("max_sentences", 12);
    const summary = S.api("/api/summary", params)
      .then((data) => { if (seq === loadSeq) renderSummary(data); })
      .catch((err) => {
        S.setChildren(document.getElementById("summary-body"),
          el("p", {className: "error"}, "Summary unavailable: " + err.message));
      });
    const result = await S.fetchEvents(state);
    if (seq !== loadSeq) return;
    S.renderList(result.items, result.total,
      (id) => { window.location.href = "/?event=" + encodeURIComponent(id); });
    const undated = result.items.filter((ev) => !(ev.date && ev.date.start)).length;
    await Promise.all([summary, S.histogram(state, stats, filtersChanged, undated)]);
    document.body.dataset.ready = "true";
  }

  /** After the filters change (form or brush): tell the other panels, then reload. */
  function filtersChanged() {
    document.body.dataset.ready = "false";
    document.dispatchEvent(new CustomEvent("sitroom:filters"));
    load().catch(S.showError);
  }

  async function start() {
    stats = await S.api("/api/stats");
    S.showStats(stats);
    S.bindFilters(state, filtersChanged);
    await load();
  }
  start().catch(S.showError);
})();
