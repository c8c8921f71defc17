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
    status("search-status", (result.hits.length === 0
      ? `No hit for “${result.name}” at the default threshold.`
      : `${result.hits.length} hit${result.hits.length > 1 ? "s" : ""} for “${result.name}” (${result.algorithm}; audit record ${result.audit_seq}).`) + warnings);
    result.hits.forEach((hit, i) => hits.append(renderHit(hit, i)));
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
    add("Remarks", e.remarks);
    box.append(el("h1", { dir: "auto" }, e.name), el("dl", { class: "record" }, rows));
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
    status("lists-status", `Loaded ${new Date(result.loaded_at).toLocaleString("en-GB")} · ${result.algorithm}`);
  } catch (error) {
    status("lists-status", "Could not load the lists — " + error.message, true);
  }
}

// ---- Routing ---------------------------------------------------------------

function route() {
  const hash = location.hash || "#/";
  const [path, query] = hash.slice(1).split("?");
  for (const page of ["search", "entity", "lists"]) $("page-" + page).hidden = true;
  $("nav-search").removeAttribute("aria-current");
  $("nav-lists").removeAttribute("aria-current");
  if (path.startsWith("/entity/")) {
    $("page-entity").hidden = false;
    showEntity(decodeURIComponent(path.slice("/entity/".length)));
  } else if (path === "/lists") {
    $("page-lists").hidden = false;
    $("nav-lists").setAttribute("aria-current", "page");
    showLists();
  } else {
    $("page-search").hidden = false;
    $("nav-search").setAttribute("aria-current", "page");
    runSearch(new URLSearchParams(query || ""));
  }
}

window.addEventListener("hashchange", route);
route();
