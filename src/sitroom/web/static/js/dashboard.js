/* sitroom dashboard page: offline map (Natural Earth borders), clustered event markers,
 * zones/corridors/posts layers, event list, event card and the timeline brush. */
"use strict";

(() => {
  const S = Sitroom;
  const el = S.el;
  const state = S.readState();
  let events = [];
  let loadSeq = 0;
  const markerById = new Map();

  // ---- map and offline base layer ----------------------------------------------------------

  const map = L.map("map", {zoomSnap: 0.5, worldCopyJump: false, minZoom: 2, maxZoom: 14});
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Borders: Natural Earth (world-atlas)");
  map.setView([35.8, 36.7], 7);
  map.createPane("base").style.zIndex = 200;
  map.createPane("zones").style.zIndex = 350;  // under the events (overlayPane is 400)
  const baseRenderer = L.canvas({pane: "base", padding: 0.5});

  const markers = L.markerClusterGroup({
    maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
    disableClusteringAtZoom: 10,
  });
  const zoneLayers = {
    "De-escalation zones": L.layerGroup(),
    "Corridors": L.layerGroup(),
    "Patrol routes": L.layerGroup(),
    "Observation posts": L.layerGroup(),
  };
  markers.addTo(map);
  const layerControl = L.control.layers(null, Object.assign({"Events": markers}, zoneLayers),
    {collapsed: false}).addTo(map);

  /** A legend of the event types in the database, with their marker colours. */
  function addLegend(byType) {
    const legend = L.control({position: "bottomleft"});
    legend.onAdd = () => el("div", {className: "legend"},
      el("div", {className: "legend-title"}, "Event type (size: fatalities)"),
      el("div", {className: "legend-items"}, Object.keys(byType).map((type) => el("div", {},
        el("span", {className: "swatch", style: "background:" + S.colour(type)}), type))));
    legend.addTo(map);
  }

  async function drawBase() {
    const topo = await fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => {
      if (!r.ok) throw new Error("base map missing: run `make assets`");
      return r.json();
    });
    const countries = topo.objects.countries;
    const opts = (style) => Object.assign({pane: "base", renderer: baseRenderer,
      interactive: false}, style);
    const land = L.geoJSON(topojson.feature(topo, countries),
      opts({style: {stroke: false, fillColor: "#f2efe6", fillOpacity: 1}}));
    const borders = L.geoJSON(topojson.mesh(topo, countries, (a, b) => a !== b),
      opts({style: {color: "#9a8f80", weight: 1, dashArray: "4 3", fill: false}}));
    const coast = L.geoJSON(topojson.mesh(topo, countries, (a, b) => a === b),
      opts({style: {color: "#5b7a99", weight: 1, fill: false}}));
    L.layerGroup([land, borders, coast]).addTo(map);
    layerControl.addOverlay(borders, "Country borders");
  }

  // ---- zones -------------------------------------------------------------------------------

  // Feature roles from sitroom.zones (properties.role) → the layer they are toggled with.
  const ROLE_LAYERS = {zone: "De-escalation zones", corridor_band: "Corridors",
    corridor_line: "Corridors", patrol_route: "Patrol routes", post: "Observation posts"};

  function zoneTooltip(props) {
    const name = props.term_name || props.name || props.agreement_name || props.role || "zone";
    const parties = Array.isArray(props.parties) ? props.parties.join(", ") : props.parties;
    const lines = [el("strong", {}, name), el("div", {}, (props.role || "").replace("_", " "))];
    if (props.agreement_name && props.agreement_name !== name) {
      lines.push(el("div", {}, props.agreement_name));
    }
    if (parties) lines.push(el("div", {}, "parties: " + parties));
    if (props.effective_from || props.effective_to) {
      lines.push(el("div", {}, "in force: " + (props.effective_from || "?") + " – " +
        (props.effective_to || "")));
    }
    if (props.buffer_km) lines.push(el("div", {}, "band: " + props.buffer_km + " km"));
    return el("div", {}, lines);
  }

  async function drawZones() {
    const geo = await S.api("/api/zones");
    for (const feature of geo.features || []) {
      const props = feature.properties || {};
      const group = zoneLayers[ROLE_LAYERS[props.role] || "De-escalation zones"];
      const style = Object.assign({color: "#1f78b4", weight: 2, fillOpacity: 0.1},
        props.style || {});
      const layer = L.geoJSON(feature, {
        pane: "zones",
        style: () => style,
        pointToLayer: (_f, latlng) => L.circleMarker(latlng, Object.assign({pane: "zones",
          radius: 5, weight: 2, fillColor: "#fff", fillOpacity: 1, className: "post-marker"},
        style)),
      });
      layer.bindTooltip(zoneTooltip(props), {sticky: true});
      group.addLayer(layer);
    }
    for (const group of Object.values(zoneLayers)) group.addTo(map);
  }

  // ---- events on the map -------------------------------------------------------------------

  function radius(ev) {
    const best = ev.fatalities && ev.fatalities.best ? ev.fatalities.best : 0;
    return 5 + 2.5 * Math.sqrt(best);
  }

  function drawMarkers(items) {
    markers.clearLayers();
    markerById.clear();
    const layers = [];
    // big circles first, so smaller ones at the same place stay on top and clickable
    for (const ev of [...items].sort((a, b) => radius(b) - radius(a))) {
      const loc = ev.location;
      if (!loc || loc.lat === null || loc.lon === null || loc.lat === undefined) continue;
      const marker = L.circleMarker([loc.lat, loc.lon], {radius: radius(ev),
        color: "#222", weight: 1, fillColor: S.colour(ev.event_type), fillOpacity: 0.8,
        className: "event-marker"});
      marker.bindTooltip(el("div", {}, el("strong", {}, ev.event_type || "?"), " ",
        S.dateLabel(ev.date), el("br"), S.placeLabel(loc)));
      marker.on("click", () => select(ev.id, true));
      markerById.set(ev.id, marker);
      layers.push(marker);
    }
    markers.addLayers(layers);
    document.getElementById("map").dataset.nMarkers = String(layers.length);
    return layers;
  }

  /** Bounds of the central 80% of markers, so a few far-off places do not zoom far out. */
  function coreBounds(layers) {
    if (layers.length < 10) return L.featureGroup(layers).getBounds();
    const lats = layers.map((m) => m.getLatLng().lat).sort((a, b) => a - b);
    const lngs = layers.map((m) => m.getLatLng().lng).sort((a, b) => a - b);
    const at = (arr, q) => arr[Math.round(q * (arr.length - 1))];
    return L.latLngBounds([at(lats, 0.1), at(lngs, 0.1)], [at(lats, 0.9), at(lngs, 0.9)])
      .pad(0.15);
  }

  // ---- event card --------------------------------------------------------------------------

  function field(label, ...value) {
    return el("div", {className: "field"}, el("span", {className: "label"}, label), " ",
      el("span", {className: "value"}, ...value));
  }

  function chain(attribution) {
    if (!attribution || !attribution.length) return "unattributed";
    return "according to " + attribution[0] +
      (attribution.length > 1 ? ", via " + attribution.slice(1).join(" ← ") : "");
  }

  /** The sentence as text nodes, with the given needles wrapped in <mark>. */
  function highlighted(sentence, needles) {
    const ranges = [];
    const lower = sentence.toLowerCase();
    for (const needle of needles.filter((n) => n && n.length > 1)) {
      const at = lower.indexOf(String(needle).toLowerCase());
      if (at >= 0) ranges.push([at, at + needle.length]);
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const parts = [];
    let pos = 0;
    for (const [start, end] of ranges) {
      if (start < pos) continue;
      parts.push(sentence.slice(pos, start), el("mark", {}, sentence.slice(start, end)));
      pos = end;
    }
    parts.push(sentence.slice(pos));
    return el("q", {className: "sentence"}, parts);
  }

  async function showInArticle(source, box, button) {
    if (!box.hidden) {
      box.hidden = true;
      button.textContent = "show in article";
      return;
    }
    const article = await S.api("/api/articles/" + encodeURIComponent(source.article_id));
    const text = article.text || "";
    const start = Math.max(0, Math.min(source.start || 0, text.length));
    const end = Math.max(start, Math.min(source.end || start, text.length));
    const mark = el("mark", {className: "evidence"}, text.slice(start, end));
    S.setChildren(box, 
      article.title ? el("div", {className: "article-title"}, article.title) : null,
      el("div", {className: "article-text"}, text.slice(0, start), mark, text.slice(end)));
    box.hidden = false;
    button.textContent = "hide article";
    mark.scrollIntoView({block: "center"});
  }

  /** Outlet, publication date and document of a source; the document links to its URL. */
  function sourceMeta(source) {
    const url = S.safeUrl(source.url);
    const doc = source.doc && source.doc !== source.url ? source.doc : null;
    return el("div", {className: "source-meta"},
      el("span", {className: "outlet" + (source.outlet ? "" : " unknown")},
        S.outletLabel(source.outlet)),
      " · " + (source.published || "date unknown"),
      doc ? " · " + doc : null,
      url ? [" · ", el("a", {href: url, rel: "noopener noreferrer", target: "_blank"},
        "original")] : null);
  }

  function sourceItem(source, mention) {
    const needles = [];
    if (mention) {
      needles.push(mention.trigger);
      if (mention.location) needles.push(mention.location.name);
    }
    const box = el("div", {className: "article-box", hidden: true});
    const button = el("button", {type: "button", className: "linkish"}, "show in article");
    button.addEventListener("click", () => showInArticle(source, box, button).catch(S.showError));
    return el("li", {className: "source", dataset: {article: source.article_id || "",
      speaker: (source.attribution || [])[0] || ""}},
    sourceMeta(source),
    el("div", {className: "attribution"}, chain(source.attribution),
      source.modality ? el("span", {className: "tag"}, source.modality) : null),
    highlighted(source.sentence || "", needles),
    source.article_id ? button : null,
    source.article_id && Number.isInteger(source.start)
      ? el("span", {className: "offsets muted"}, " chars " + source.start + "–" + source.end)
      : null,
    box);
  }

  function claimValue(value) {
    if (value === null || value === undefined) return "none";
    if (typeof value === "object") {
      if ("best" in value) return S.fatalitiesLabel(value) || "unknown";
      if ("name" in value) return S.actorLabel(value);
      if ("start" in value || "month_day" in value) return S.dateLabel(value);
      return JSON.stringify(value);
    }
    return String(value).replace(/_/g, " ");
  }

  /** Scroll to the event's source sentences from one article (and flash them). */
  function showSources(articleId) {
    const items = [...document.querySelectorAll("#card .source")]
      .filter((li) => li.dataset.article === articleId);
    for (const li of items) {
      li.classList.remove("flash");
      void li.offsetWidth;  // restart the animation
      li.classList.add("flash");
    }
    if (items.length) items[0].scrollIntoView({block: "center"});
  }

  /**
   * One side of a disagreement: its value, then every article behind it with the outlet,
   * date and who in that article said so (speakers of the claim found in its sources).
   */
  function claimBlock(claim, sources) {
    const speakers = new Set(claim.attribution || []);
    const rows = (claim.article_ids || []).map((id) => {
      const fromArticle = sources.filter((src) => src.article_id === id);
      const first = fromArticle[0] || {article_id: id};
      const said = [...new Set(fromArticle.filter((src) => speakers.has((src.attribution ||
        [])[0])).map((src) => src.attribution.join(" via ")))];
      return el("li", {className: "claim-source", dataset: {article: id}},
        el("button", {type: "button", className: "linkish", title: "show these sentences",
          onclick: () => showSources(id)}, S.outletLabel(first.outlet)),
        !first.outlet && first.doc ? el("span", {className: "muted"}, " (" + first.doc + ")")
          : null,
        ", " + (first.published || "date unknown"),
        said.length ? el("div", {className: "attribution"}, "according to " + said.join("; "))
          : null);
    });
    return el("div", {className: "claim"},
      el("div", {className: "claim-value"},
        typeof claim.value === "object" || !claim.label ? claimValue(claim.value) : claim.label),
      el("ul", {className: "claim-sources"}, rows));
  }

  function contradictionBlock(contra, sources) {
    return el("div", {className: "contradiction"},
      el("h4", {}, contra.kind === "revision" ? contra.field + " revised as reports came in"
        : "Sources disagree on " + contra.field),
      el("div", {className: "claims"}, (contra.claims || []).map((c) => claimBlock(c, sources))));
  }

  function violationText(v) {
    const where = [v.status, v.term_kind, v.term_name ? "“" + v.term_name + "”" : null]
      .filter(Boolean).join(" ");
    return where + (v.agreement_name ? " of " + v.agreement_name : "") +
      (v.distance_km !== null && v.distance_km !== undefined ? " (" + v.distance_km + " km)" : "") +
      (v.location_precision ? " · location precision: " + v.location_precision : "");
  }

  /** Which report gave the event's year-less reports their year. */
  function anchorNote(date, sources) {
    const by = sources.find((src) => src.article_id === date.anchored_by);
    const who = by ? S.outletLabel(by.outlet) + " (" + (by.published || "date unknown") + ")"
      : "article " + date.anchored_by;
    return el("div", {className: "field anchor muted"}, "year-less reports dated by: " + who,
      date.anchor ? "; inferred publication day " + date.anchor : "",
      by ? [" ", el("button", {type: "button", className: "linkish",
        onclick: () => showSources(date.anchored_by)}, "show")] : null);
  }

  function renderCard(ev) {
    const mentionsBySource = {};
    for (const m of ev.mentions || []) {
      for (const src of m.sources || []) mentionsBySource[src.mention_id || m.id] = m;
    }
    const date = ev.date || {};
    const loc = ev.location;
    const fat = ev.fatalities;
    const body = document.getElementById("card-body");
    S.setChildren(body, 
      el("h3", {}, el("span", {className: "swatch", style: "background:" +
        S.colour(ev.event_type)}), [ev.event_type, ev.mode].filter(Boolean).join(" · ")),
      ev.acled_sub_event_type ? el("div", {className: "muted"},
        [ev.acled_event_type, ev.acled_sub_event_type].filter(Boolean).join(" / ")) : null,
      field("Date", S.dateLabel(date),
        el("span", {className: "tag precision"}, "precision: " + S.datePrecision(date)),
        date.text && date.start ? el("span", {className: "date-text"}, " “" + date.text + "”")
          : null),
      date.anchored_by ? anchorNote(date, ev.sources || []) : null,
      field("Place", S.placeLabel(loc), loc ? " (" + (loc.precision || "?") + ")" : "",
        loc && loc.lat !== null ? " " + loc.lat.toFixed(3) + ", " + loc.lon.toFixed(3) : ""),
      field("Actors", S.actorLabel(ev.actor1) || "unknown", " → ",
        S.actorLabel(ev.actor2) || "unknown"),
      field("Fatalities", fat ? "low " + fat.low + " · best " + fat.best + " · high " +
        fat.high + (fat.cumulative ? " (cumulative)" : "") : "none reported"),
      field("Modality", ev.modality || "?", ev.outcome ? " · outcome " + ev.outcome : "",
        " · confidence " + (ev.confidence ?? "?"), " · " + ev.n_sources + " outlet(s)"),
      (ev.contradictions || []).length ? el("section", {className: "contradictions"},
        ev.contradictions.map((c) => contradictionBlock(c, ev.sources || []))) : null,
      (ev.violations || []).length ? el("section", {className: "violations"},
        el("h4", {}, "Potential violations"),
        el("ul", {}, ev.violations.map((v) => el("li", {}, violationText(v))))) : null,
      el("h4", {}, "Sources"),
      el("ol", {className: "sources"}, (ev.sources || []).map((src) =>
        sourceItem(src, mentionsBySource[src.mention_id]))));
  }

  async function select(id, pushHistory) {
    state.event = id;
    S.writeState(state, pushHistory);
    for (const row of document.querySelectorAll(".event-row")) {
      row.classList.toggle("selected", row.dataset.id === id);
    }
    let ev;
    try {
      ev = await S.api("/api/events/" + encodeURIComponent(id));
    } catch (err) {
      if (state.event !== id) return;
      closeCard();
      S.showError(new Error("event " + id + " is not in this database (" + err.message + ")"));
      return;
    }
    if (state.event !== id) return;
    renderCard(ev);
    document.getElementById("list-panel").hidden = true;
    document.getElementById("card").hidden = false;
    focusMarker(id);
  }

  /** Highlight the selected event's marker and bring it into view (unless the view filters). */
  function focusMarker(id) {
    for (const [other, marker] of markerById) {
      marker.setStyle(other === id ? {weight: 3, color: "#000"} : {weight: 1, color: "#222"});
    }
    const marker = markerById.get(id);
    if (marker && !state.bbox) markers.zoomToShowLayer(marker);
  }

  function closeCard() {
    delete state.event;
    S.writeState(state, true);
    document.getElementById("card").hidden = true;
    document.getElementById("list-panel").hidden = false;
    focusMarker(null);
  }
  document.getElementById("card-close").addEventListener("click", closeCard);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && state.event) closeCard();
  });

  // ---- "only events in the map view" (the bbox filter) ------------------------------------

  let programmaticMove = false;
  let moveTimer = null;
  const bboxBox = document.getElementById("f-bbox");

  /** Move the map without the move counting as the user's (no bbox update). */
  function moveMap(fn) {
    programmaticMove = true;
    try { fn(); } finally { programmaticMove = false; }
  }

  function viewBbox() {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v)).toFixed(4);
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90),
      clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)].join(",");
  }

  function fitToBbox() {
    const [w, s, e, n] = state.bbox.split(",").map(Number);
    if ([w, s, e, n].every(Number.isFinite)) {
      moveMap(() => map.fitBounds([[s, w], [n, e]], {animate: false}));
    }
  }

  bboxBox.addEventListener("change", () => {
    if (bboxBox.checked) state.bbox = viewBbox(); else delete state.bbox;
    delete state.event;
    S.writeState(state, true);
    load().catch(S.showError);
  });
  map.on("moveend", () => {
    if (!state.bbox || programmaticMove) return;
    clearTimeout(moveTimer);
    moveTimer = setTimeout(() => {
      state.bbox = viewBbox();
      S.writeState(state, false);
      load().catch(S.showError);
    }, 300);
  });

  // ---- loading -----------------------------------------------------------------------------

  async function load() {
    const seq = ++loadSeq;
    const result = await S.fetchEvents(state);
    if (seq !== loadSeq) return;
    events = result.items;
    const layers = drawMarkers(events);
    S.renderList(events, result.total, (id) => select(id, true), state.event);
    bboxBox.checked = Boolean(state.bbox);
    if (layers.length && !state.bbox) {
      moveMap(() => map.fitBounds(coreBounds(layers), {padding: [30, 30], maxZoom: 10,
        animate: false}));
    }
    const drawn = S.histogram(state, () => load().catch(S.showError),
      events.filter((ev) => !(ev.date && ev.date.start)).length).catch(S.showError);
    if (state.event) await select(state.event, false);
    else closeCard();
    await drawn;  // "ready" means everything is drawn, the histogram too (as on /timeline)
    document.body.dataset.ready = "true";
  }

  async function start() {
    const stats = await S.api("/api/stats");
    S.showStats(stats);
    addLegend(stats.by_type || {});
    S.bindFilters(state, () => {
      document.body.dataset.ready = "false";
      if (state.bbox) fitToBbox();
      load().catch(S.showError);
    });
    drawBase().catch(S.showError);
    drawZones().catch(S.showError);
    if (state.bbox) fitToBbox();
    await load();
  }
  start().catch(S.showError);
})();
