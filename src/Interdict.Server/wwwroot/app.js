// Interdict analyst page: plain JavaScript over the HTTP API (no build step, no CDN).
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v; else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// The API key (when the server needs one) is kept for this browser tab only.
const keyInput = $("api-key");
keyInput.value = sessionStorage.getItem("interdict.key") || "";
keyInput.addEventListener("change", () => sessionStorage.setItem("interdict.key", keyInput.value.trim()));

async function api(path) {
  const headers = { Accept: "application/json" };
  if (keyInput.value.trim()) headers.Authorization = "Bearer " + keyInput.value.trim();
  const response = await fetch(path, { headers });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && (body.detail || body.title) ? `${body.title}: ${body.detail || ""}` : `HTTP ${response.status}`;
    throw new Error(detail);
  }
  return body;
}

function status(id, text, isError) {
  const node = $(id);
  node.textContent = text || "";
  node.classList.toggle("error", !!isError);
}

function entityLink(id, text) {
  return el("a", { href: "#/entity/" + encodeURIComponent(id), "data-entity": id }, text || id);
}

// ---- Search ----------------------------------------------------------------

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const params = new URLSearchParams();
  for (const name of ["q", "type", "dob", "country", "identifier"]) {
    const value = $(name).value.trim();
    if (value) params.set(name, value);
  }
  location.hash = "#/search?" + params.toString();
});

async function runSearch(params) {
  for (const name of ["q", "type", "dob", "country", "identifier"]) $(name).value = params.get(name) || "";
  const hits = $("hits");
  hits.replaceChildren();
  if (!params.get("q")) { status("search-status", "Enter a name to search every loaded list."); return; }
  status("search-status", "Searching…");
  try {
    const result = await api("/v1/search?" + params.toString());
    const warnings = result.warnings.length ? " Ignored: " + result.warnings.join("; ") : "";
    // One card per party: hits on the same party's records on several lists (linked by UN reference, passport, ID or
    // IMO number) are one card, the best-scoring record first, the others listed on it.
    const groups = [];
    for (const hit of result.hits) {
      const ids = [hit.entity_id, ...(hit.same_party || []).map((p) => p.entity_id)];
      const group = groups.find((g) => ids.some((id) => g.ids.has(id)));
      if (group) { group.others.push(hit); ids.forEach((id) => group.ids.add(id)); } else groups.push({ best: hit, others: [], ids: new Set(ids) });
    }
    status("search-status", (result.hits.length === 0
      ? `No hit for “${result.name}” at the default threshold.`
      : `${groups.length} part${groups.length > 1 ? "ies" : "y"} (${result.hits.length} hit${result.hits.length > 1 ? "s" : ""}) for “${result.name}” (${result.algorithm}; audit record ${result.audit_seq}).`) + warnings);
    groups.forEach((g, i) => {
      const card = renderHit(g.best, i);
      if (g.others.length) {
        card.append(el("p", { class: "merged" }, "Same party, also matched on: ",
          g.others.map((o, j) => [j ? ", " : "", entityLink(o.entity_id, `${o.entity_id} (${o.list}, score ${o.score.toFixed(3)})`)]).flat()));
      }
      hits.append(card);
    });
    // Programmes are part of the entity record, not of the hit: filled in as the records arrive.
    for (const hit of result.hits) {
      api("/v1/entities/" + encodeURIComponent(hit.entity_id)).then((e) => {
        const slot = hits.querySelector(`li[data-entity="${CSS.escape(hit.entity_id)}"] .programs`);
        if (slot) slot.textContent = (e.programs || []).length ? "Programmes: " + e.programs.join(", ") : "No programme published";
      }).catch(() => {});
    }
  } catch (error) {
    status("search-status", "Search failed — " + error.message, true);
  }
}

function renderHit(hit, index) {
  const x = hit.explanation;
  const aligned = new Set(x.alignment.filter((a) => a.listed && a.query && a.similarity > 0).map((a) => a.listed));
  const listedParts = x.alignment.filter((a) => a.listed).map((a) =>
    el("mark", { class: aligned.has(a.listed) ? "aligned" : "unmatched", title: a.query ? `“${a.query}” ${Math.round(a.similarity * 100)}%` : "no query part" }, a.listed));
  const alignment = el("table", { class: "grid alignment" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Query part"), el("th", { scope: "col" }, "Listed part"), el("th", { scope: "col" }, "Similarity"), el("th", { scope: "col" }, "Weight"))),
    el("tbody", {}, x.alignment.map((a) => el("tr", {},
      el("td", { dir: "auto" }, a.query ?? "—"), el("td", { dir: "auto" }, a.listed ?? "—"),
      el("td", {}, (a.similarity * 100).toFixed(0) + "%"), el("td", {}, a.weight.toFixed(2))))));
  const facts = x.facts.length === 0 ? el("p", { class: "meta" }, "No secondary facts compared.")
    : el("ul", { class: "facts-list" }, x.facts.map((f) => el("li", {},
      el("span", { class: f.effect >= 0 ? "effect-pos" : "effect-neg" }, (f.effect >= 0 ? "+" : "") + f.effect.toFixed(3)), " ", f.feature.replaceAll("_", " "), ": ", f.detail)));
  const same = hit.same_party && hit.same_party.length
    ? el("p", { class: "same-party" }, "Also listed as: ", hit.same_party.map((p) => entityLink(p.entity_id, `${p.entity_id} (${p.list}; ${p.reason})`)))
    : el("p", { class: "meta" }, "On no other loaded list (no shared UN reference, passport, ID or IMO number).");
  return el("li", { class: "hit", "data-entity": hit.entity_id },
    el("h2", {}, el("span", { class: "score", title: "score 0–1" }, hit.score.toFixed(3)), entityLink(hit.entity_id, hit.name), el("span", { class: "meta" }, `${hit.entity_id} · ${hit.kind} · ${hit.list}`)),
    el("p", { class: "programs meta" }, "Programmes: …"),
    el("p", {}, "Matched ", el("span", { class: "meta" }, `${x.matched_name_type}${x.weak_alias ? " (weak alias)" : ""}`), ": ", el("span", { dir: "auto" }, listedParts.flatMap((m, i) => i ? [" ", m] : [m])),
      el("span", { class: "meta" }, ` — name score ${x.name_score.toFixed(3)}`)),
    alignment, facts, same,
    el("p", { class: "meta" }, `${x.algorithm} ${x.algorithm_version}; ${x.list_version.list} published ${x.list_version.publication_date ?? "?"}`));
}

// ---- Entity ----------------------------------------------------------------

async function showEntity(id) {
  const box = $("entity");
  box.replaceChildren();
  status("entity-status", "Loading " + id + "…");
  try {
    const e = await api("/v1/entities/" + encodeURIComponent(id));
    status("entity-status", "");
    const rows = [];
    const add = (label, values) => {
      const list = (Array.isArray(values) ? values : [values]).filter((v) => v !== null && v !== undefined && v !== "");
      if (list.length) { rows.push(el("dt", {}, label)); rows.push(el("dd", { dir: "auto" }, list.map((v, i) => i ? [el("br"), v] : [v]).flat())); }
    };
    add("Id", e.id);
    add("Kind", e.kind);
    add("Names", (e.names || []).map((n) => `${n.value} (${n.type_name ?? n.type ?? ""}${n.quality === "weak" ? ", weak" : ""})`));
    add("Programmes", (e.programs || []).join(", "));
    add("Title", e.title);
    add("Date of birth", (e.dates_of_birth || []).map((d) => d.text));
    add("Place of birth", e.places_of_birth || []);
    add("Nationality", e.nationalities || []);
    add("Citizenship", e.citizenships || []);
    add("Documents", (e.documents || []).map((d) => `${d.label ?? d.kind} ${d.number}${d.country ? " (" + d.country + ")" : ""}`));
    add("Addresses", (e.addresses || []).map((a) => typeof a === "string" ? a : Object.values(a).filter((v) => typeof v === "string").join(", ")));
    if (e.vessel) add("Vessel", Object.entries(e.vessel).filter(([, v]) => v !== null && v !== "").map(([k, v]) => `${k.replaceAll("_", " ")}: ${v}`));
    add("Listed on", e.listed_on);
    add("Last updated", e.last_updated);
    add("Other facts", e.other_facts || []);
    add("Websites", e.websites || []);
    box.append(el("h1", { dir: "auto" }, e.name), el("dl", { class: "record" }, rows));
    // The publisher's own record, field by field, as the file has it (for audit and disputes).
    if ((e.source_records || []).length) {
      box.append(el("h2", {}, "As published"), ...e.source_records.map((r) => el("details", { class: "source-record" },
        el("summary", {}, `${r.file}, line ${r.line}`),
        el("table", { class: "grid" }, el("tbody", {}, r.fields.map((f) => el("tr", {}, el("th", { scope: "row" }, f.key), el("td", { dir: "auto" }, f.value))))))));
    }
    // "Linked To" names another listed party by name: each opens a search for it.
    const linked = e.linked_to || [];
    if (linked.length) box.append(el("h2", {}, "Linked to"), el("ul", { class: "linked" }, linked.map((name) =>
      el("li", {}, el("a", { href: "#/search?" + new URLSearchParams({ q: name }).toString() }, name)))));
  } catch (error) {
    status("entity-status", "Could not load " + id + " — " + error.message, true);
  }
}

// ---- Lists -----------------------------------------------------------------

async function showLists() {
  const table = $("lists-table");
  status("lists-status", "Loading…");
  try {
    const result = await api("/v1/lists");
    table.tBodies[0].replaceChildren(...result.lists.map((l) => el("tr", {},
      el("td", {}, l.id), el("td", {}, l.version), el("td", {}, l.publication_date ?? "—"), el("td", {}, l.age_days ?? "—"),
      el("td", {}, l.entities.toLocaleString("en")), el("td", { title: l.content_hash }, l.content_hash.slice(0, 12) + "…"))));
    table.hidden = false;
    const select = $("diff-list");
    if (!select.options.length) select.replaceChildren(...result.lists.map((l) => el("option", { value: l.id }, l.id)));
    api("/health").then((h) => {
      const refresh = h.last_refresh ? ` Last check for new versions: ${h.last_refresh.at}${h.last_refresh.error ? " — FAILED: " + h.last_refresh.error : h.last_refresh.changed ? " (new versions loaded)" : " (no change)"}.` : "";
      $("lists-health").textContent = `Service ${h.status}.` + (h.stale_lists.length ? ` Stale (older than the configured age): ${h.stale_lists.join(", ")}.` : "") + refresh;
    }).catch(() => {});
    status("lists-status", `Loaded ${new Date(result.loaded_at).toLocaleString("en-GB")} · ${result.algorithm}`);
  } catch (error) {
    status("lists-status", "Could not load the lists — " + error.message, true);
  }
}

$("diff-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const id = $("diff-list").value, from = $("diff-from").value.trim(), to = $("diff-to").value.trim();
  const box = $("diff-result");
  box.replaceChildren();
  status("diff-status", `Comparing ${id} ${from} → ${to}…`);
  try {
    const d = await api(`/v1/lists/${encodeURIComponent(id)}/diff?` + new URLSearchParams({ from, to }).toString());
    status("diff-status", `${d.source} ${d.from.version} (${d.from.publication_date ?? "?"}) → ${d.to.version} (${d.to.publication_date ?? "?"}): ${d.counts.added} added, ${d.counts.removed} removed, ${d.counts.changed} changed.`);
    const section = (title, rows, cells) => rows.length === 0 ? null : [el("h3", {}, `${title} (${rows.length})`),
      el("table", { class: "grid" }, el("tbody", {}, rows.slice(0, 100).map((r) => el("tr", {}, cells(r)))))];
    box.append(...[
      section("Added", d.added, (e) => [el("td", {}, entityLink(e.entity_id)), el("td", { dir: "auto" }, e.name), el("td", {}, e.programs.join(", "))]),
      section("Removed", d.removed, (e) => [el("td", {}, e.entity_id), el("td", { dir: "auto" }, e.name), el("td", {}, e.programs.join(", "))]),
      section("Changed", d.changed, (c) => [el("td", {}, entityLink(c.entity_id)), el("td", { dir: "auto" }, c.name), el("td", {}, c.changes.map((f) => f.field).join(", "))]),
    ].flat().filter(Boolean));
  } catch (error) {
    status("diff-status", "Could not compare — " + error.message, true);
  }
});

// Entities per programme across the stored versions of the list chosen above, as a line chart (inline SVG).
$("history-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const id = $("diff-list").value, programs = $("history-programs").value.trim();
  const box = $("history-chart");
  box.replaceChildren();
  status("history-status", `Loading the history of ${id}…`);
  try {
    const rows = await api(`/v1/lists/${encodeURIComponent(id)}/history` + (programs ? "?" + new URLSearchParams({ program: programs }).toString() : ""));
    if (rows.length === 0) {
      status("history-status", `No stored versions of ${id} yet: the history grows with each 'interdict lists update' or 'lists import'.`);
      return;
    }
    const versions = [...new Set(rows.map((r) => r.publication_date))].sort();
    const series = [...new Set(rows.map((r) => r.program))].slice(0, 8);
    const max = Math.max(1, ...rows.map((r) => r.entities));
    const W = 720, H = 260, L = 50, B = 30, colours = ["#0b5cad", "#b42318", "#1a7f37", "#8250df", "#bf8700", "#0a7ea4", "#57606a", "#d1242f"];
    const x = (i) => L + (versions.length === 1 ? (W - L) / 2 : (i * (W - L - 10)) / (versions.length - 1));
    const y = (v) => H - B - (v / max) * (H - B - 10);
    const ns = "http://www.w3.org/2000/svg";
    const svg = (tag, attrs, text) => { const n = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); if (text !== undefined) n.textContent = text; return n; };
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H + 20 * Math.ceil(series.length / 4)}`, role: "img", "aria-label": `Entities per programme in ${id} across ${versions.length} versions`, width: "100%" });
    chart.append(svg("line", { x1: L, y1: H - B, x2: W, y2: H - B, stroke: "#999" }), svg("text", { x: 4, y: 16, "font-size": 11 }, String(max)), svg("text", { x: 4, y: H - B, "font-size": 11 }, "0"));
    versions.forEach((v, i) => chart.append(svg("text", { x: x(i), y: H - 10, "font-size": 10, "text-anchor": "middle" }, v)));
    series.forEach((p, k) => {
      const points = versions.map((v, i) => [i, (rows.find((r) => r.program === p && r.publication_date === v) || { entities: 0 }).entities]);
      chart.append(svg("polyline", { points: points.map(([i, e]) => `${x(i)},${y(e)}`).join(" "), fill: "none", stroke: colours[k], "stroke-width": 2 }));
      chart.append(svg("text", { x: L + (k % 4) * 170, y: H + 14 + 20 * Math.floor(k / 4), "font-size": 12, fill: colours[k] }, `${p} (${points[points.length - 1][1]})`));
    });
    box.append(chart);
    status("history-status", `${id}: ${series.length} programme(s) across ${versions.length} stored version(s).`);
  } catch (error) {
    status("history-status", "Could not load the history — " + error.message, true);
  }
});

// ---- Batch -----------------------------------------------------------------

async function post(path, body) {
  const headers = { Accept: "application/json", "Content-Type": "application/json" };
  if (keyInput.value.trim()) headers.Authorization = "Bearer " + keyInput.value.trim();
  const response = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  const result = await response.json().catch(() => null);
  if (!response.ok) throw new Error(result && result.detail ? `${result.title}: ${result.detail}` : `HTTP ${response.status}`);
  return result;
}

// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Each row keeps the line it starts on. A quote left open or
// a quoted field over several lines (which would merge rows), or a quote inside an unquoted field, is an error naming
// the line: the file is refused, never screened in part (issue #19).
function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false, wasQuoted = false, line = 1, start = 1;
  const fail = (at, what) => { throw new Error(`line ${at}: ${what}; quote a field that holds quotes or commas, doubling its quotes`); };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else if (c === "\n" || c === "\r") fail(start, "a quoted field runs over several lines (a quote is not closed)");
      else field += c;
    } else if (c === '"') {
      if (field !== "" || wasQuoted) fail(line, "a quote inside an unquoted field");
      quoted = true; wasQuoted = true;
    } else if (c === ",") { row.push(field); field = ""; wasQuoted = false; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); row.line = start; rows.push(row); row = []; field = ""; wasQuoted = false;
      line++; start = line;
    } else if (wasQuoted) fail(line, "text after a closing quote");
    else field += c;
  }
  if (quoted) fail(start, "a quote is not closed");
  if (field !== "" || row.length) { row.push(field); row.line = start; rows.push(row); }
  return rows;
}

let batchRows = [];

$("batch-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = $("batch-file").files[0];
  if (!file) return;
  // At once, before the file is read: the previous run's "Done" must not stand for this one.
  status("batch-status", `Reading ${file.name}…`);
  let rows;
  try {
    rows = parseCsv((await file.text()).replace(/^\uFEFF/, ""));
  } catch (e) {
    status("batch-status", `${file.name}, ${e.message}`, true); return;
  }
  const header = (rows.shift() || []).map((h) => h.trim().toLowerCase());
  const col = (name) => header.indexOf(name);
  if (col("name") < 0) { status("batch-status", `${file.name}: the header has no 'name' column (found: ${header.join(", ")})`, true); return; }
  // Alerts and decisions belong to a customer: every row needs the customer id of your own system (issue #19).
  if (col("id") < 0) { status("batch-status", `${file.name}: the header has no 'id' column (found: ${header.join(", ")}); alerts are kept per customer id`, true); return; }
  const parties = [], skipped = [];
  let missingId = 0;
  const tooWide = rows.find((r) => r.length > header.length && !(r.length === 1 && r[0].trim() === ""));
  if (tooWide) { status("batch-status", `${file.name}, line ${tooWide.line}: ${tooWide.length} fields where the header has ${header.length}: a name with a comma must be quoted`, true); return; }
  rows.forEach((r) => {
    if (r.length === 1 && r[0].trim() === "") return;
    const line = r.line, get = (n) => (col(n) >= 0 ? (r[col(n)] || "").trim() : "");
    if (!get("name")) { skipped.push(`line ${line}: no name`); return; }
    if (!get("id")) { missingId = missingId || line; return; }
    const party = { id: get("id"), name: get("name") };
    for (const k of ["type", "dob", "country", "identifier"]) if (get(k)) party[k] = get(k);
    parties.push({ line, party });
  });
  if (missingId) { status("batch-status", `${file.name}, line ${missingId}: the id is empty; every customer needs its id (alerts and decisions are kept per customer)`, true); return; }
  if (parties.length === 0) { status("batch-status", `${file.name}: no row has a name to screen (${skipped.length} row(s) without one)`, true); return; }
  const progress = $("batch-progress");
  progress.hidden = false; progress.max = Math.max(1, parties.length); progress.value = 0;
  batchRows = [];
  $("batch-results").hidden = true;
  let batchId = null;
  try {
    for (let start = 0; start < parties.length; start += 100) {
      const chunk = parties.slice(start, start + 100);
      status("batch-status", `Screening ${file.name}: ${start} of ${parties.length} rows…`);
      const result = await post("/v1/batches" + (batchId ? "?batch=" + encodeURIComponent(batchId) : ""), { parties: chunk.map((c) => c.party) });
      batchId = result.batch_id;
      result.results.forEach((r, j) => {
        const alerts = result.alerts.filter((a) => a.customer_id === r.id);
        batchRows.push({ line: chunk[j].line, id: r.id, name: chunk[j].party.name, hits: r.hits, warnings: r.warnings || [], alerts });
      });
      progress.value = Math.min(parties.length, start + 100);
    }
    const withHits = batchRows.filter((r) => r.hits.length).length;
    const open = batchRows.flatMap((r) => r.alerts).filter((a) => a.status === "open").length;
    status("batch-status", `Done: ${batchRows.length} rows screened (batch ${batchId}), ${withHits} with hits, ${open} new open alerts.` + (skipped.length ? ` Skipped ${skipped.length}: ${skipped.join("; ")}.` : ""));
    renderBatch();
  } catch (error) {
    status("batch-status", `Batch stopped after ${batchRows.length} rows — ${error.message}`, true);
    renderBatch();
  }
});

function renderBatch() {
  const onlyHits = $("batch-only-hits").checked, filter = $("batch-filter").value.trim().toLowerCase();
  const visible = batchRows.filter((r) => (!onlyHits || r.hits.length) &&
    (!filter || [r.id, r.name, ...r.hits.map((h) => h.entity_id + " " + h.name)].join(" ").toLowerCase().includes(filter)));
  $("batch-table").tBodies[0].replaceChildren(...visible.map((r) => {
    const best = r.hits[0];
    return el("tr", { "data-id": r.id },
      el("td", {}, r.line), el("td", {}, r.id), el("td", { dir: "auto" }, r.name), el("td", {}, r.hits.length),
      el("td", {}, best ? entityLink(best.entity_id, best.name) : "—"), el("td", {}, best ? best.score.toFixed(3) : ""),
      el("td", { class: "alert-status" }, r.alerts.map((a) => `${a.entity_id}: ${a.status}${a.changed ? " (record changed)" : ""}`).join("; ")));
  }));
  $("batch-results").hidden = batchRows.length === 0;
}

$("batch-only-hits").addEventListener("change", renderBatch);
$("batch-filter").addEventListener("input", renderBatch);

function download(name, type, text) {
  const link = el("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(link); link.click(); link.remove();
}

const csvField = (v) => /[",\r\n]/.test(String(v)) ? '"' + String(v).replaceAll('"', '""') + '"' : String(v);
$("batch-csv").addEventListener("click", () => download("interdict-results.csv", "text/csv",
  ["line,id,name,hits,best_entity_id,best_name,best_score,alerts"].concat(batchRows.map((r) => {
    const b = r.hits[0], alerts = r.alerts.map((a) => `${a.entity_id}: ${a.status}`).join("; ");
    return [r.line, r.id, r.name, r.hits.length, b ? b.entity_id : "", b ? b.name : "", b ? b.score : "", alerts].map(csvField).join(",");
  })).join("\r\n") + "\r\n"));
$("batch-jsonl").addEventListener("click", () => download("interdict-results.jsonl", "application/x-ndjson",
  batchRows.map((r) => JSON.stringify({ id: r.id, line: r.line, hits: r.hits, warnings: r.warnings })).join("\n") + "\n"));

// ---- Alerts ----------------------------------------------------------------

$("alerts-status-filter").addEventListener("change", showAlerts);

async function showAlerts() {
  const table = $("alerts-table"), which = $("alerts-status-filter").value;
  status("alerts-status", "Loading…");
  try {
    const alerts = await api("/v1/alerts?status=" + encodeURIComponent(which));
    table.tBodies[0].replaceChildren(...alerts.map(alertRow));
    table.hidden = alerts.length === 0;
    status("alerts-status", alerts.length ? `${alerts.length} alert${alerts.length > 1 ? "s" : ""}.` : (which === "open" ? "No open alerts: the queue is empty." : "No alerts with this status."));
  } catch (error) {
    table.hidden = true;
    status("alerts-status", "Could not load the alerts — " + error.message, true);
  }
}

function alertRow(a) {
  const cells = [
    el("td", {}, "#" + a.id, el("br"), el("span", { class: "meta" }, a.batch_id)),
    el("td", { dir: "auto" }, a.customer_id, el("br"), a.customer_name),
    el("td", {}, entityLink(a.entity_id, a.entity_name), el("br"), el("span", { class: "meta" }, a.entity_id)),
    el("td", {}, a.score.toFixed(3)),
    el("td", {}, a.status, a.changed ? el("span", { class: "changed" }, " — record changed since a false-positive decision") : null,
      a.decided_by ? el("div", { class: "meta" }, `${a.decided_by}, ${a.decided_at}: ${a.reason}`) : null),
  ];
  if (a.status !== "open" && a.status !== "escalated") return el("tr", { "data-alert": a.id }, cells, el("td", {}, ""));
  const choice = el("select", { "aria-label": `Decision on alert ${a.id}`, class: "decision-choice" },
    el("option", { value: "" }, "decide…"), el("option", { value: "true_match" }, "true match"),
    el("option", { value: "false_positive" }, "false positive"), el("option", { value: "escalate" }, "escalate"));
  const reason = el("input", { "aria-label": `Reason for alert ${a.id}`, class: "decision-reason", placeholder: "reason (required)", "aria-required": "true" });
  const save = el("button", { type: "submit", class: "decision-save" }, "Record");
  const note = el("span", { role: "status", class: "meta" });
  const form = el("form", { class: "decision" }, choice, reason, save, note);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!choice.value) { note.textContent = "Choose a decision."; choice.focus(); return; }
    if (reason.value.trim().length < 3) { note.textContent = "Give a reason."; reason.focus(); return; }
    save.disabled = true;
    try {
      await post(`/v1/alerts/${a.id}/decision`, { decision: choice.value, reason: reason.value.trim() });
      showAlerts();
    } catch (error) {
      note.textContent = error.message;
      save.disabled = false;
    }
  });
  return el("tr", { "data-alert": a.id, "data-customer": a.customer_id, "data-entity": a.entity_id }, cells, el("td", {}, form));
}

// ---- Monitoring ------------------------------------------------------------

let monitorAlerts = [];
let registryOffset = 0;
for (const id of ["monitor-status-filter", "monitor-kind-filter", "monitor-priority-filter"]) $(id).addEventListener("change", renderMonitorAlerts);
$("monitor-text-filter").addEventListener("input", renderMonitorAlerts);
$("registry-form").addEventListener("submit", (event) => { event.preventDefault(); showRegistry(true); });
$("registry-more").addEventListener("click", () => showRegistry(false));

async function showMonitor(selected) {
  status("monitor-alerts-status", "Loading…");
  try {
    monitorAlerts = await api("/v1/monitor/alerts?all=true");
    renderMonitorAlerts();
  } catch (error) {
    $("monitor-alerts-table").hidden = true;
    status("monitor-alerts-status", "Could not load the monitoring alerts — " + error.message, true);
  }
  if (selected) showMonitorAlert(selected); else $("monitor-alert").hidden = true;
  showRegistry(true);
}

function renderMonitorAlerts() {
  const which = $("monitor-status-filter").value, kind = $("monitor-kind-filter").value, priority = $("monitor-priority-filter").value;
  const text = $("monitor-text-filter").value.trim().toLowerCase();
  const shown = monitorAlerts.filter((a) => (which === "all" || a.status === which) && (!kind || a.kind === kind) && (!priority || a.priority === priority)
    && (!text || [a.party_id, a.party_name, a.reason, ...a.entity_ids].some((v) => String(v).toLowerCase().includes(text)))).reverse();
  const table = $("monitor-alerts-table");
  table.tBodies[0].replaceChildren(...shown.map((a) => el("tr", { "data-alert": a.id, "data-party": a.party_id },
    el("td", {}, el("a", { href: "#/monitor/alert/" + a.id }, "#" + a.id)),
    el("td", { dir: "auto" }, a.party_id, el("br"), a.party_name),
    el("td", {}, a.kind === "name" ? a.entity_ids.map((id, i) => [i ? ", " : "", entityLink(id)]).flat() : "owned by " + a.entity_ids.join(", ")),
    el("td", {}, a.kind, " · ", el("span", { class: "prio-" + a.priority }, a.priority)),
    el("td", {}, a.kind === "ownership" ? Math.round(a.score * 100) + "%" : a.score.toFixed(3)),
    el("td", {}, a.reason),
    el("td", {}, a.status, a.close_reason ? el("div", { class: "meta" }, a.close_reason) : null))));
  table.hidden = shown.length === 0;
  status("monitor-alerts-status", monitorAlerts.length === 0 ? "No monitoring alerts (import a registry and run monitoring: interdict monitor import, POST /v1/monitor/parties)."
    : `${shown.length} of ${monitorAlerts.length} alert${monitorAlerts.length > 1 ? "s" : ""} shown.`);
}

// The customer's facts beside each listed record's (or, for an ownership alert, each listed owner's).
function factsOfEntity(e) {
  return {
    head: el("span", {}, entityLink(e.id, e.name), el("br"), el("span", { class: "meta" }, e.id)),
    names: (e.names || []).map((n) => n.value),
    dob: (e.dates_of_birth || []).map((d) => d.text),
    country: [...(e.nationalities || []), ...(e.citizenships || [])],
    identifier: (e.documents || []).map((d) => `${d.label ?? d.kind} ${d.number}${d.country ? " (" + d.country + ")" : ""}`),
  };
}

function factsOfParty(p, title) {
  return {
    head: el("span", {}, title ? title + " " : "", p.id, el("br"), el("span", { class: "meta", dir: "auto" }, p.name)),
    names: [p.name], dob: p.dob ? [p.dob] : [], country: p.country ? [p.country] : [], identifier: p.identifier ? [p.identifier] : [],
  };
}

function lines(values) {
  return values.length ? values.map((v, i) => i ? [el("br"), v] : [v]).flat() : [el("span", { class: "meta" }, "—")];
}

async function showMonitorAlert(id) {
  const box = $("monitor-alert");
  const a = monitorAlerts.find((x) => x.id === id);
  for (const row of $("monitor-alerts-table").tBodies[0].rows) row.classList.toggle("selected", Number(row.dataset.alert) === id);
  if (!a) { box.hidden = false; box.replaceChildren(el("p", { class: "error" }, `There is no monitoring alert ${id}.`)); return; }
  box.hidden = false;
  box.replaceChildren(el("p", { class: "meta" }, "Loading alert " + id + "…"));
  try {
    const [view, history] = await Promise.all([api("/v1/monitor/parties/" + encodeURIComponent(a.party_id)).catch(() => null), api(`/v1/monitor/alerts/${a.id}/history`)]);
    const customer = view ? view.party : { id: a.party_id, name: a.party_name };
    const others = a.kind === "name"
      ? await Promise.all(a.entity_ids.map((eid) => api("/v1/entities/" + encodeURIComponent(eid)).then(factsOfEntity).catch(() => factsOfParty({ id: eid, name: "(not in the loaded lists)" }))))
      : await Promise.all(a.entity_ids.map((pid) => api("/v1/monitor/parties/" + encodeURIComponent(pid)).then((v) => factsOfParty(v.party, "owner")).catch(() => factsOfParty({ id: pid, name: "" }, "owner"))));
    const columns = [factsOfParty(customer, "customer"), ...others];
    const row = (label, key) => el("tr", {}, el("th", { scope: "row" }, label), columns.map((c) => el("td", { dir: "auto" }, lines(c[key]))));
    const sideBySide = el("table", { class: "grid side-by-side" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Fact"), columns.map((c) => el("th", { scope: "col" }, c.head)))),
      el("tbody", {}, row("Names", "names"), row("Date of birth", "dob"), row("Country", "country"), row("Identifiers", "identifier")));
    const details = JSON.parse(a.details || "{}");
    const why = a.kind === "ownership"
      ? [el("p", {}, `${details.rule ?? "owned by listed parties"}: ${details.percent ?? Math.round(a.score * 100)}% in all.`),
        el("ol", { class: "paths" }, (details.paths || []).map((p) => el("li", { dir: "auto" }, p)))]
      : [el("p", {}, `Name score ${a.score.toFixed(3)}`, details.explanation ? ` — matched ${details.explanation.matched_name_type} “${details.name ?? ""}”` : ""),
        details.explanation && (details.explanation.facts || []).length
          ? el("ul", { class: "facts-list" }, details.explanation.facts.map((f) => el("li", {}, (f.effect >= 0 ? "+" : "") + f.effect.toFixed(3) + " " + f.feature.replaceAll("_", " ") + ": " + f.detail)))
          : null];
    const steps = history.length === 0 ? el("p", { class: "meta" }, "No decision yet.")
      : el("ol", { class: "history" }, history.map((h) => el("li", {}, `${h.at}: ${h.step} ${h.decision ?? ""} by ${h.by} — ${h.reason}`)));
    const pending = history.length > 0 && history[history.length - 1].step === "proposed" ? history[history.length - 1] : null;
    box.replaceChildren(
      el("h2", {}, `Alert #${a.id}: ${a.party_name} (${a.kind}, ${a.priority} priority)`),
      el("p", { class: "meta" }, `Status ${a.status}${a.close_reason ? " — " + a.close_reason : ""}. Reason raised: ${a.reason}. Run ${a.opened_run}${a.closed_run ? ", closed in run " + a.closed_run : ""}.`),
      sideBySide, ...why,
      el("h3", {}, "History"), steps,
      a.status === "open" ? (pending ? approveForm(a, pending) : proposeForm(a)) : null);
  } catch (error) {
    box.replaceChildren(el("p", { class: "error" }, "Could not load the alert — " + error.message));
  }
}

// Four eyes: one person proposes; a different one, with the supervisor role, approves or rejects.
function proposeForm(a) {
  const choice = el("select", { id: "monitor-decision", "aria-label": "Decision to propose" },
    el("option", { value: "" }, "propose…"), el("option", { value: "false_positive" }, "false positive"),
    el("option", { value: "true_match" }, "true match"), el("option", { value: "escalate" }, "escalate"));
  const reason = el("input", { id: "monitor-reason", "aria-label": "Reason", placeholder: "reason (required)", "aria-required": "true" });
  const note = el("span", { role: "status", class: "meta", id: "monitor-step-status" });
  const form = el("form", { class: "decision", id: "monitor-propose" }, choice, reason, el("button", { type: "submit" }, "Propose"), note);
  form.addEventListener("submit", (event) => step(event, note, () => {
    if (!choice.value) throw new Error("Choose a decision.");
    if (reason.value.trim().length < 3) throw new Error("Give a reason.");
    return post(`/v1/monitor/alerts/${a.id}/propose`, { decision: choice.value, reason: reason.value.trim() });
  }, a.id));
  return el("div", {}, el("h3", {}, "Propose a decision"), el("p", { class: "meta" }, "It takes effect when a supervisor other than you approves it."), form);
}

function approveForm(a, pending) {
  const reason = el("input", { id: "monitor-approve-reason", "aria-label": "Reason for approving or rejecting", placeholder: "reason" });
  const note = el("span", { role: "status", class: "meta", id: "monitor-step-status" });
  const approve = el("button", { type: "submit", id: "monitor-approve" }, "Approve");
  const reject = el("button", { type: "button", id: "monitor-reject" }, "Reject");
  const form = el("form", { class: "decision" }, reason, approve, reject, note);
  const send = (yes) => (event) => step(event, note, () => post(`/v1/monitor/alerts/${a.id}/approve`, { approve: yes, reason: reason.value.trim() || undefined }), a.id);
  form.addEventListener("submit", send(true));
  reject.addEventListener("click", send(false));
  return el("div", {}, el("h3", {}, `Proposed: ${pending.decision.replaceAll("_", " ")} by ${pending.by}`),
    el("p", { class: "meta" }, "Waiting for a second person (supervisor role) to approve or reject it."), form);
}

async function step(event, note, send, id) {
  event.preventDefault();
  try {
    await send();
    await showMonitor(id);
  } catch (error) {
    note.textContent = error.message;
    note.classList.add("error");
  }
}

async function showRegistry(fresh) {
  const table = $("registry-table");
  if (fresh) { registryOffset = 0; table.tBodies[0].replaceChildren(); }
  const params = new URLSearchParams({ offset: registryOffset, limit: 100 });
  if ($("registry-filter").value.trim()) params.set("q", $("registry-filter").value.trim());
  try {
    const page = await api("/v1/monitor/parties?" + params.toString());
    table.tBodies[0].append(...page.parties.map((p) => {
      const show = el("a", { href: "#/monitor" }, p.id);
      show.addEventListener("click", () => { $("monitor-status-filter").value = "all"; $("monitor-text-filter").value = p.id; renderMonitorAlerts(); });
      return el("tr", { "data-party": p.id }, el("td", {}, show), el("td", { dir: "auto" }, p.name), el("td", {}, p.type ?? ""), el("td", {}, p.dob ?? ""),
        el("td", {}, p.country ?? ""), el("td", {}, p.identifier ?? ""));
    }));
    registryOffset += page.parties.length;
    table.hidden = registryOffset === 0;
    $("registry-more").hidden = registryOffset >= page.total;
    status("registry-status", page.total === 0 ? "No party in the registry matches." : `${registryOffset.toLocaleString("en")} of ${page.total.toLocaleString("en")} parties shown (click an id for its alerts).`);
  } catch (error) {
    status("registry-status", "Could not load the registry — " + error.message, true);
  }
}

// ---- Routing ---------------------------------------------------------------

function route() {
  const hash = location.hash || "#/";
  const [path, query] = hash.slice(1).split("?");
  for (const page of ["search", "entity", "lists", "batch", "alerts", "monitor"]) $("page-" + page).hidden = true;
  for (const nav of ["search", "lists", "batch", "alerts", "monitor"]) $("nav-" + nav).removeAttribute("aria-current");
  if (path.startsWith("/entity/")) {
    $("page-entity").hidden = false;
    showEntity(decodeURIComponent(path.slice("/entity/".length)));
  } else if (path === "/batch") {
    $("page-batch").hidden = false;
    $("nav-batch").setAttribute("aria-current", "page");
  } else if (path === "/alerts") {
    $("page-alerts").hidden = false;
    $("nav-alerts").setAttribute("aria-current", "page");
    showAlerts();
  } else if (path === "/monitor" || path.startsWith("/monitor/alert/")) {
    $("page-monitor").hidden = false;
    $("nav-monitor").setAttribute("aria-current", "page");
    showMonitor(path.startsWith("/monitor/alert/") ? Number(path.slice("/monitor/alert/".length)) : null);
  } else if (path === "/lists") {
    $("page-lists").hidden = false;
    $("nav-lists").setAttribute("aria-current", "page");
    showLists();
  } else {
    $("page-search").hidden = false;
    $("nav-search").setAttribute("aria-current", "page");
    const params = new URLSearchParams(query || "");
    // The page starts hidden, so the browser's autofocus cannot land on the name field: focus it here.
    if (!params.get("q")) $("q").focus();
    runSearch(params);
  }
}

window.addEventListener("hashchange", route);
route();
