/* sitroom timeline page: histogram brush, cited extractive summary, chronological list. */
"use strict";

(() => {
  const S = Sitroom;
  const el = S.el;
  const state = S.readState();
  let stats = null;
  let loadSeq = 0;

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
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
          ? " generated" : "")}, s.text,
        (s.refs || []).map((n) => el("sup", {}, el("a", {href: "#ref-" + n}, "[" + n + "]"))),
        s.event_id ? el("a", {className: "event-link", title: "open on the map",
          href: "/?event=" + encodeURIComponent(s.event_id)}, "↗") : null))));
    }
    S.setChildren(document.getElementById("references"), (summary.references || [])
      .map((ref) => {
        const url = safeUrl(ref.url);
        const title = ref.title || ref.doc || ref.article_id;
        return el("li", {id: "ref-" + ref.n, value: ref.n},
          el("span", {className: "ref-outlet"}, ref.outlet || "unknown outlet"), ", ",
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
    await Promise.all([summary, S.histogram(state, stats, () => load().catch(S.showError))]);
    document.body.dataset.ready = "true";
  }

  async function start() {
    stats = await S.api("/api/stats");
    S.showStats(stats);
    S.bindFilters(state, () => {
      document.body.dataset.ready = "false";
      load().catch(S.showError);
    });
    await load();
  }
  start().catch(S.showError);
})();
