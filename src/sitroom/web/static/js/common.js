/* sitroom dashboard: shared helpers (URL state, filters form, API, histogram, DOM).
 * Data from the API is only ever put into the page with textContent, never as markup. */
"use strict";

const Sitroom = (() => {
  const FILTER_KEYS = ["type", "actor", "place", "since", "until", "min_sources",
    "has_contradiction", "q", "bbox"];
  const STATE_KEYS = FILTER_KEYS.concat(["bucket", "event"]);
  const SVG_NS = "http://www.w3.org/2000/svg";
  let refillForm = () => {};

  // One colour per PLOVER event type: reds for violence, purples/browns for coercion and
  // verbal conflict, blues/greens for cooperation; unknown types get grey.
  const TYPE_COLOURS = {
    ASSAULT: "#c0392b", FIGHT: "#e67e22", COERCE: "#8e44ad", SANCTION: "#b7950b",
    MOBILIZE: "#7f1d1d", THREATEN: "#a04000", PROTEST: "#f1c40f", DEMAND: "#d35400",
    DISAPPROVE: "#a0522d", ACCUSE: "#935116", REJECT: "#6c3483", INVESTIGATE: "#5d6d7e",
    REQUEST: "#48c9b0", RETREAT: "#85929e", CONCEDE: "#95a5a6", AID: "#3498db",
    COOPERATE: "#2471a3", CONSULT: "#1abc9c", SUPPORT: "#52be80", AGREE: "#1e8449",
  };

  function colour(type) {
    return TYPE_COLOURS[type] || "#7f8c8d";
  }

  /** Build an element: el("a", {href: "/x", className: "y"}, "text", childNode). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Replace a node's children; null/undefined/false are skipped, strings become text. */
  function setChildren(node, ...children) {
    node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined &&
      c !== false).map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }

  // ---- URL state ---------------------------------------------------------------------------

  function readState() {
    const params = new URLSearchParams(window.location.search);
    const state = {};
    for (const key of STATE_KEYS) {
      const value = params.get(key);
      if (value) state[key] = value;
    }
    return state;
  }

  function writeState(state, push) {
    const params = new URLSearchParams();
    for (const key of STATE_KEYS) if (state[key]) params.set(key, state[key]);
    const query = params.toString();
    const url = window.location.pathname + (query ? "?" + query : "");
    if (url === window.location.pathname + window.location.search) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  /** Query string of the filters in state (optionally leaving some keys out). */
  function filterQuery(state, omit) {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      if (state[key] && !(omit || []).includes(key)) params.set(key, state[key]);
    }
    return params;
  }

  // ---- API ---------------------------------------------------------------------------------

  async function api(path, params) {
    const query = params && params.toString() ? "?" + params.toString() : "";
    const response = await fetch(path + query, {headers: {Accept: "application/json"}});
    if (!response.ok) throw new Error(path + " answered " + response.status);
    return response.json();
  }

  /** All events matching the filters, fetched page by page (up to `max`). */
  async function fetchEvents(state, max) {
    const items = [];
    let total = 0;
    const pageSize = 1000;
    for (let offset = 0; offset < (max || 5000); offset += pageSize) {
      const params = filterQuery(state);
      params.set("limit", pageSize);
      params.set("offset", offset);
      const page = await api("/api/events", params);
      total = page.total;
      items.push(...page.items);
      if (items.length >= total || page.items.length === 0) break;
    }
    return {total, items};
  }

  // ---- filters form ------------------------------------------------------------------------

  /** Wire the filters form to the URL; `onChange(state)` runs after every change. */
  function bindFilters(state, onChange) {
    const form = document.getElementById("filters");
    const fields = {
      type: form.elements.type, actor: form.elements.actor, place: form.elements.place,
      since: form.elements.since, until: form.elements.until,
      min_sources: form.elements.min_sources, q: form.elements.q,
    };
    const contra = form.elements.has_contradiction;
    const bucket = document.getElementById("f-bucket");

    function fill() {
      for (const [key, input] of Object.entries(fields)) {
        if (key === "type" && state.type && !Array.from(input.options).some(
          (o) => o.value === state.type)) {
          input.append(el("option", {value: state.type}, state.type));
        }
        input.value = state[key] || "";
      }
      contra.checked = state.has_contradiction === "true";
      if (bucket) bucket.value = state.bucket || "";
    }

    function read() {
      for (const [key, input] of Object.entries(fields)) {
        const value = input.value.trim();
        if (value) state[key] = value; else delete state[key];
      }
      if (contra.checked) state.has_contradiction = "true"; else delete state.has_contradiction;
      if (bucket && bucket.value) state.bucket = bucket.value; else delete state.bucket;
    }

    let timer = null;
    function changed(delay) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        read();
        delete state.event;
        writeState(state, true);
        onChange(state);
      }, delay);
    }
    form.addEventListener("change", () => changed(0));
    form.addEventListener("input", (e) => {
      if (e.target.type === "text" || e.target.type === "search") changed(400);
    });
    form.addEventListener("submit", (e) => { e.preventDefault(); changed(0); });
    form.addEventListener("reset", (e) => {
      e.preventDefault();
      for (const key of STATE_KEYS) delete state[key];
      fill();
      writeState(state, true);
      onChange(state);
    });
    if (bucket) bucket.addEventListener("change", () => changed(0));
    window.addEventListener("popstate", () => {
      for (const key of STATE_KEYS) delete state[key];
      Object.assign(state, readState());
      fill();
      onChange(state);
    });
    fill();
    refillForm = fill;
  }

  /** Put the event types and counts from /api/stats into the header and the type select. */
  function showStats(stats) {
    const select = document.getElementById("f-type");
    const current = select.value;
    for (const [type, count] of Object.entries(stats.by_type || {})) {
      if (!Array.from(select.options).some((o) => o.value === type)) {
        select.append(el("option", {value: type}, type + " (" + count + ")"));
      }
    }
    select.value = current;
    const range = stats.date_min ? " · " + stats.date_min + " – " + (stats.date_max || "?") : "";
    document.getElementById("stats").textContent =
      stats.n_events + " events from " + stats.n_articles + " articles" + range;
  }

  // ---- histogram with a brush --------------------------------------------------------------

  const DAY = 86400000;

  function parseDay(iso) {
    return Date.parse(iso.slice(0, 10) + "T00:00:00Z");
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  function bucketEnd(start, bucket) {
    const d = new Date(start);
    if (bucket === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return start + (bucket === "week" ? 7 : 1) * DAY;
  }

  /** Pick day/week/month so the date range gives a readable number of bars. */
  function autoBucket(dateMin, dateMax) {
    if (!dateMin || !dateMax) return "week";
    const days = (parseDay(dateMax) - parseDay(dateMin)) / DAY;
    if (days <= 120) return "day";
    if (days <= 3 * 365) return "week";
    return "month";
  }

  /**
   * Draw stacked bars (by event type) into `svgNode`; dragging selects a date range and
   * calls onBrush(since, until); a plain click calls onBrush(null, null).
   */
  function drawHistogram(svgNode, buckets, bucket, selection, onBrush) {
    svgNode.replaceChildren();
    const width = svgNode.clientWidth || 800;
    const height = svgNode.clientHeight || 110;
    const pad = {left: 28, right: 8, top: 6, bottom: 18};
    svgNode.setAttribute("viewBox", "0 0 " + width + " " + height);
    if (!buckets.length) {
      const text = svg("text", {x: width / 2, y: height / 2, "text-anchor": "middle",
        class: "axis"});
      text.textContent = "no dated events";
      svgNode.append(text);
      return;
    }
    const t0 = parseDay(buckets[0].start);
    const t1 = bucketEnd(parseDay(buckets[buckets.length - 1].start), bucket);
    const maxCount = Math.max(...buckets.map((b) => b.count));
    const innerW = width - pad.left - pad.right;
    const innerH = height - pad.top - pad.bottom;
    const x = (t) => pad.left + ((t - t0) / (t1 - t0)) * innerW;
    const xInv = (px) => t0 + ((px - pad.left) / innerW) * (t1 - t0);
    const y = (n) => pad.top + innerH - (n / maxCount) * innerH;

    const bars = svg("g", {class: "bars"});
    for (const b of buckets) {
      const start = parseDay(b.start);
      const bx = x(start);
      const bw = Math.max(1, x(bucketEnd(start, bucket)) - bx - 1);
      let acc = 0;
      for (const [type, n] of Object.entries(b.by_type || {"": b.count})) {
        const rect = svg("rect", {x: bx, y: y(acc + n), width: bw,
          height: Math.max(0, y(acc) - y(acc + n)), fill: colour(type)});
        const title = svg("title");
        title.textContent = b.start + " · " + (type || "events") + ": " + n;
        rect.append(title);
        bars.append(rect);
        acc += n;
      }
    }
    svgNode.append(bars);

    const axis = svg("g", {class: "axis"});
    const ticks = 6;
    for (let i = 0; i <= ticks; i++) {
      const t = t0 + ((t1 - t0) * i) / ticks;
      const label = svg("text", {x: x(t), y: height - 4,
        "text-anchor": i === 0 ? "start" : i === ticks ? "end" : "middle"});
      label.textContent = isoDay(t);
      axis.append(label);
    }
    const maxLabel = svg("text", {x: pad.left - 4, y: pad.top + 8, "text-anchor": "end"});
    maxLabel.textContent = String(maxCount);
    axis.append(maxLabel);
    axis.append(svg("line", {x1: pad.left, x2: width - pad.right, y1: pad.top + innerH,
      y2: pad.top + innerH}));
    svgNode.append(axis);

    const brush = svg("rect", {class: "brush", y: pad.top, height: innerH, x: 0, width: 0});
    if (selection.since || selection.until) {
      const s = selection.since ? Math.max(t0, parseDay(selection.since)) : t0;
      const u = selection.until ? Math.min(t1, parseDay(selection.until) + DAY) : t1;
      if (u > s) {
        brush.setAttribute("x", x(s));
        brush.setAttribute("width", Math.max(2, x(u) - x(s)));
      }
    }
    svgNode.append(brush);

    const overlay = svg("rect", {class: "brush-overlay", x: pad.left, y: 0, width: innerW,
      height});
    svgNode.append(overlay);
    let startX = null;
    const localX = (evt) => {
      const box = svgNode.getBoundingClientRect();
      const px = ((evt.clientX - box.left) / box.width) * width;
      return Math.min(width - pad.right, Math.max(pad.left, px));
    };
    overlay.addEventListener("pointerdown", (evt) => {
      startX = localX(evt);
      overlay.setPointerCapture(evt.pointerId);
      brush.setAttribute("x", startX);
      brush.setAttribute("width", 0);
    });
    overlay.addEventListener("pointermove", (evt) => {
      if (startX === null) return;
      const px = localX(evt);
      brush.setAttribute("x", Math.min(startX, px));
      brush.setAttribute("width", Math.abs(px - startX));
    });
    overlay.addEventListener("pointerup", (evt) => {
      if (startX === null) return;
      const px = localX(evt);
      const lo = Math.min(startX, px);
      const hi = Math.max(startX, px);
      startX = null;
      if (hi - lo < 3) {
        onBrush(null, null);
        return;
      }
      onBrush(isoDay(xInv(lo)), isoDay(Math.max(xInv(lo), xInv(hi) - DAY)));
    });
  }

  /** Fetch the histogram for the non-date filters, draw it, and wire the brush to state;
   * `undated` (events listed but with no place on the axis) is said next to it. */
  async function histogram(state, onChange, undated) {
    const svgNode = document.getElementById("histogram");
    const note = document.getElementById("undated-note");
    if (note) {
      note.textContent = undated ? "· " + undated + " undated event" + (undated > 1 ? "s" : "") +
        " not on the axis" : "";
    }
    const params = filterQuery(state, ["since", "until"]);
    params.set("bucket", state.bucket || "day");
    let data = await api("/api/timeline", params);
    let bucket = state.bucket || "day";
    if (!state.bucket && data.buckets.length) {
      // "auto" fits the matching events' own span, not the whole database's
      const days = data.buckets;
      bucket = autoBucket(days[0].start, days[days.length - 1].start);
      if (bucket !== "day") {
        params.set("bucket", bucket);
        data = await api("/api/timeline", params);
      }
    }
    drawHistogram(svgNode, data.buckets, bucket, state, (since, until) => {
      if (since) state.since = since; else delete state.since;
      if (until) state.until = until; else delete state.until;
      delete state.event;
      writeState(state, true);
      refillForm();
      onChange(state);
    });
  }

  // ---- event formatting --------------------------------------------------------------------

  function actorLabel(actor) {
    if (!actor) return null;
    const extra = [actor.country, actor.sector].filter(Boolean).join("/");
    return actor.name + (extra ? " (" + extra + ")" : "");
  }

  /** The event's date as shown: bounds when known, else the words the report used. */
  function dateLabel(date) {
    if (!date) return "undated";
    if (!date.start) {
      if (date.month_day) return date.month_day.replace(/^--/, "") + " (year unknown)";
      return date.text ? "undated: “" + date.text + "”" : "undated";
    }
    let text = date.start;
    if (date.end && date.end !== date.start) text += " – " + date.end;
    return text;
  }

  /** How precise the date is: day, week, month, year or unknown (never left implicit). */
  function datePrecision(date) {
    if (!date || !date.start) return "unknown";
    return date.precision || "unknown";
  }

  /** The outlet's name, or a visible "Unknown outlet" (never an empty string). */
  function outletLabel(outlet) {
    return outlet || "Unknown outlet";
  }

  /** An http(s) URL from the data, or null (no javascript: or data: links). */
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function placeLabel(loc) {
    if (!loc) return "no location";
    return [loc.name, loc.admin1, loc.country].filter(Boolean)
      .filter((v, i, a) => a.indexOf(v) === i).join(", ");
  }

  function fatalitiesLabel(f) {
    if (!f || f.best === null || f.best === undefined) return null;
    let text = String(f.best);
    if (f.low !== f.best || f.high !== f.best) text += " (" + f.low + "–" + f.high + ")";
    return text + (f.cumulative ? " cumulative" : "");
  }

  /** One list row for an event; clicking it calls onSelect(id). */
  function eventRow(ev, onSelect, selectedId) {
    const row = el("li", {className: "event-row" + (ev.id === selectedId ? " selected" : ""),
      dataset: {id: ev.id}, tabindex: 0, role: "button"},
      el("span", {className: "swatch", style: "background:" + colour(ev.event_type)}),
      el("span", {className: "row-date"}, dateLabel(ev.date)),
      ["day", "unknown"].includes(datePrecision(ev.date)) ? null
        : el("span", {className: "tag precision", title: "date precision"},
          datePrecision(ev.date)),
      el("span", {className: "row-type"}, ev.event_type || "?"),
      el("span", {className: "row-place"}, placeLabel(ev.location)),
      el("span", {className: "row-actors"},
        [actorLabel(ev.actor1), actorLabel(ev.actor2)].filter(Boolean).join(" → ")),
      fatalitiesLabel(ev.fatalities)
        ? el("span", {className: "row-fatal"}, "† " + fatalitiesLabel(ev.fatalities)) : null,
      el("span", {className: "row-sources"}, ev.n_sources + " src"),
      (ev.contradictions || []).some((c) => c.kind !== "revision")
        ? el("span", {className: "row-contra", title: "sources disagree"}, "⚠ disputed") : null);
    row.addEventListener("click", () => onSelect(ev.id));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") onSelect(ev.id); });
    return row;
  }

  /** The event list: dated events in date order, then the undated ones under their own head. */
  function renderList(items, total, onSelect, selectedId) {
    const list = document.getElementById("event-list");
    const dated = items.filter((ev) => ev.date && ev.date.start);
    const undated = items.filter((ev) => !(ev.date && ev.date.start));
    setChildren(list, total ? null : el("li", {className: "list-head empty"},
      "No events match these filters."),
    dated.map((ev) => eventRow(ev, onSelect, selectedId)),
      undated.length ? el("li", {className: "list-head", id: "undated-head"},
        "Undated (" + undated.length + "): the reports give no date that could be placed")
        : null,
      undated.map((ev) => eventRow(ev, onSelect, selectedId)));
    document.getElementById("list-count").textContent =
      items.length < total ? "(" + items.length + " of " + total + ")" : "(" + total + ")";
  }

  /** Show an error in the page (and not only in the console). */
  function showError(err) {
    const banner = document.getElementById("error") ||
      document.body.insertBefore(el("div", {id: "error", className: "error"}),
        document.body.children[1] || null);
    banner.textContent = "Could not load data: " + (err && err.message ? err.message : err);
  }

  return {
    el, setChildren, svg, colour, readState, writeState, filterQuery, api, fetchEvents, bindFilters,
    showStats, histogram, autoBucket, actorLabel, dateLabel, datePrecision, outletLabel, safeUrl,
    placeLabel, fatalitiesLabel, renderList, showError, TYPE_COLOURS,
  };
})();
