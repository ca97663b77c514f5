/* sitroom timeline page: histogram brush, cited extractive summary, chronological list. */
"use strict";

(() => {
  const S = Sitroom;
  const el = S.el;
  const state = S.readState();
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
      parts.push(text.slice(pos, match.index).replace(/\s+$/, ""), refLink(n));
      inline.add(n);
      pos = match.index + match[0].length;
    }
    parts.push(text.slice(pos));
    return parts.concat((refs || []).filter((n) => !inline.has(n)).map(refLink));
  }

  /** The sentences (each led by its event's date, when the event is listed) and references. */
  function renderSummary(summary, eventsById) {
    const body = document.getElementById("summary-body");
    const sentences = summary.sentences || [];
    if (!sentences.length) {
      S.setChildren(body, el("p", {className: "muted"}, "No events match these filters."));
    } else {
      // extracted sentences are quoted text; others (kind "contradiction" etc.) are
      // written by sitroom and shown in italics so the reader can tell them apart
      S.setChildren(body, el("ul", {className: "summary-text"}, sentences.map((s) =>
        el("li", {className: "summary-sentence" + (s.kind && s.kind !== "extract"
          ? " generated" : "")},
        eventsById.has(s.event_id) ? el("span", {className: "summary-date"},
          S.dateLabel(eventsById.get(s.event_id).date)) : null,
        citedText(s.text, s.refs),
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
    // settled at once, so a failure is never an unhandled rejection while events load
    const summary = S.api("/api/summary", params).then((data) => ({data}), (err) => ({err}));
    const result = await S.fetchEvents(state);
    if (seq !== loadSeq) return;
    const eventsById = new Map(result.items.map((ev) => [ev.id, ev]));
    const shown = summary.then(({data, err}) => {
      if (seq !== loadSeq) return;
      if (err) {
        S.setChildren(document.getElementById("summary-body"),
          el("p", {className: "error"}, "Summary unavailable: " + err.message));
      } else {
        renderSummary(data, eventsById);
      }
    });
    S.renderList(result.items, result.total,
      (id) => { window.location.href = "/?event=" + encodeURIComponent(id); });
    const undated = result.items.filter((ev) => !(ev.date && ev.date.start)).length;
    await Promise.all([shown, S.histogram(state, filtersChanged, undated)]);
    document.body.dataset.ready = "true";
  }

  /** After the filters change (form or brush): tell the other panels, then reload. */
  function filtersChanged() {
    document.body.dataset.ready = "false";
    document.dispatchEvent(new CustomEvent("sitroom:filters"));
    load().catch(S.showError);
  }

  async function start() {
    S.showStats(await S.api("/api/stats"));
    S.bindFilters(state, filtersChanged);
    await load();
  }
  start().catch(S.showError);
})();
