/* sitroom ceasefire monitor: weekly hostile events per zone/corridor around its start date,
 * patrol events against agreed patrols, and the count of potential violations.
 * Data goes into the page only as textContent or SVG attributes. */
"use strict";

(() => {
  const S = Sitroom;
  const el = S.el;
  const DAY = 86400000;
  const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
  const W = 360;
  const H = 120;
  const PAD = {left: 26, right: 8, top: 16, bottom: 18};

  const day = (iso) => Date.parse(iso + "T00:00:00Z");
  const termKey = (agreement, term) => agreement + "\u0000" + term;

  function text(x, y, anchor, value, cls) {
    const node = S.svg("text", {x, y, "text-anchor": anchor, class: cls || "axis"});
    node.textContent = value;
    return node;
  }

  /** Start date of each term (from the zones layer), keyed by agreement id and by name. */
  function startDates(zones) {
    const starts = new Map();
    for (const f of zones.features || []) {
      const p = f.properties || {};
      if (!ISO_DAY.test(p.effective_from || "")) continue;
      if (p.agreement_id) starts.set(termKey(p.agreement_id, p.term_name), p.effective_from);
      starts.set(termKey(p.agreement_name, p.term_name), p.effective_from);
    }
    return starts;
  }

  /** One term's stacked weekly bars (inside, possibly inside); before-start bars are faded. */
  function chart(rows, start) {
    const node = S.svg("svg", {class: "cf-chart", viewBox: "0 0 " + W + " " + H,
      role: "img", "aria-label": "weekly hostile events in " + rows[0].term_name});
    const weeks = rows.map((r) => day(r.week_start));
    const t0 = Math.min(...weeks);
    const t1 = Math.max(...weeks) + 7 * DAY;
    const startMs = start ? day(start) : null;
    const max = Math.max(1, ...rows.map((r) => r.inside + r.possibly_inside));
    const innerW = W - PAD.left - PAD.right;
    const innerH = H - PAD.top - PAD.bottom;
    const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * innerW;
    const y = (n) => PAD.top + innerH - (n / max) * innerH;

    for (const r of rows) {
      const w0 = day(r.week_start);
      // a week holding the start date is split at it: before on the left, after on the right
      let a = w0;
      let b = w0 + 7 * DAY;
      if (startMs !== null && startMs > a && startMs < b) {
        if (r.before_effective) b = startMs; else a = startMs;
      }
      const bx = x(a);
      const bw = Math.max(2, x(b) - bx - 1);
      const side = r.before_effective ? "before" : "after";
      let acc = 0;
      for (const [kind, n] of [["inside", r.inside], ["possibly", r.possibly_inside]]) {
        if (!n) continue;
        const rect = S.svg("rect", {x: bx, y: y(acc + n), width: bw, height: y(acc) - y(acc + n),
          class: "cf-bar cf-" + kind + " cf-" + side});
        const title = S.svg("title");
        title.textContent = "week of " + r.week_start + " (" + side + " start): " +
          r.inside + " inside, " + r.possibly_inside + " possibly inside, " +
          r.outside + " elsewhere";
        rect.append(title);
        node.append(rect);
        acc += n;
      }
    }
    const axis = S.svg("g", {class: "axis"});
    axis.append(S.svg("line", {x1: PAD.left, x2: W - PAD.right, y1: PAD.top + innerH,
      y2: PAD.top + innerH}));
    axis.append(text(PAD.left, H - 4, "start", rows[0].week_start));
    axis.append(text(W - PAD.right, H - 4, "end", rows[rows.length - 1].week_start));
    axis.append(text(PAD.left - 4, PAD.top + 8, "end", String(max)));
    node.append(axis);
    if (startMs !== null) {
      const mx = x(Math.min(Math.max(startMs, t0), t1));
      node.append(S.svg("line", {class: "cf-start", x1: mx, x2: mx, y1: PAD.top - 4,
        y2: PAD.top + innerH}));
      const label = startMs < t0 ? "in effect since " + start : "start " + start;
      node.append(text(Math.min(Math.max(mx, PAD.left + 60), W - PAD.right - 60), 10,
        "middle", label, "cf-start-label"));
    }
    return node;
  }

  function renderCharts(weekly, starts, violations) {
    const terms = new Map();
    for (const r of weekly) {
      const key = termKey(r.agreement_id, r.term_name);
      if (!terms.has(key)) terms.set(key, []);
      terms.get(key).push(r);
    }
    const box = document.getElementById("cf-charts");
    if (!terms.size) {
      S.setChildren(box, el("p", {className: "muted"}, "No zones or corridors stored."));
      return;
    }
    S.setChildren(box, [...terms.values()].map((rows) => {
      const r = rows[0];
      const start = starts.get(termKey(r.agreement_id, r.term_name)) ||
        starts.get(termKey(r.agreement_name, r.term_name)) || null;
      const flagged = violations.filter((v) => v.term_name === r.term_name &&
        (v.agreement_id ? v.agreement_id === r.agreement_id
          : v.agreement_name === r.agreement_name)).length;
      return el("figure", {className: "cf-term"},
        el("figcaption", {},
          el("strong", {}, r.term_name || "unnamed term"),
          " (" + (r.term_kind || "area") + ") · " + (r.agreement_name || r.agreement_id),
          el("span", {className: "cf-flagged"}, " · " + flagged + " potential violations"),
          start ? null : el("span", {className: "muted"}, " · start date unknown")),
        chart(rows, start));
    }));
  }

  function renderPatrols(patrols) {
    const body = document.querySelector("#cf-patrols tbody");
    if (!patrols.length) {
      S.setChildren(body, el("tr", {}, el("td", {colspan: 4, className: "muted"},
        "No patrol events on an agreed route.")));
      return;
    }
    S.setChildren(body, patrols.map((p) => el("tr", {className: "cf-patrol"},
      el("td", {}, el("a", {href: "/?event=" + encodeURIComponent(p.event_id)},
        p.event_date || "date unknown")),
      el("td", {}, p.term_name || ""),
      el("td", {}, p.outcome || "not reported"),
      el("td", {className: "cf-status-" + String(p.status).replace(/[^a-z_]/g, "")},
        String(p.status || "").replace(/_/g, " ")))));
  }

  /** Agreements' start dates (the zones do not depend on the filters). */
  let starts = null;

  /** Weekly bars, patrols and potential violations of the events matching the page's
   *  filters (read from the URL). */
  let seq = 0;
  async function showFiltered() {
    const mine = ++seq;
    const state = S.readState();
    const query = S.filterQuery(state);
    const filtered = query.toString() !== "";
    const [weekly, patrols, violations] = await Promise.all([
      S.api("/api/zones/weekly", query), S.api("/api/zones/patrols", query),
      S.api("/api/violations", query)]);
    if (mine !== seq) return;
    document.getElementById("cf-violations").textContent = "(" + violations.length +
      " potential violations" + (filtered ? " among the filtered events" : "") + ")";
    document.getElementById("cf-scope").textContent = filtered
      ? "Bars, patrols and violation counts cover the filtered events." : "";
    renderPatrols(patrols);
    renderCharts(weekly, starts, violations);
  }

  async function start() {
    const panel = document.getElementById("ceasefire");
    starts = startDates(await S.api("/api/zones"));
    await showFiltered();
    panel.dataset.ready = "true";
    document.addEventListener("sitroom:filters", () => {
      panel.dataset.ready = "false";
      showFiltered().then(() => { panel.dataset.ready = "true"; }, fail);
    });
  }

  function fail(err) {
    S.setChildren(document.getElementById("cf-charts"),
      el("p", {className: "error"}, "Ceasefire monitor unavailable: " + err.message));
    document.getElementById("ceasefire").dataset.ready = "true";
  }

  start().catch(fail);
})();
