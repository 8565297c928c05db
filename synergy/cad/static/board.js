// Keyboard shortcuts for the command and control pages, and live updates for the board.
// Without this script every page still works: actions are forms and the board has a
// "Refresh the board" link.

const typing = (el) =>
  el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

function rowLinks() {
  return Array.from(document.querySelectorAll("#board .cad-row-link"));
}

function moveFocus(step) {
  const links = rowLinks();
  if (!links.length) return;
  const at = links.indexOf(document.activeElement);
  const next = at === -1 ? (step > 0 ? 0 : links.length - 1) : Math.min(Math.max(at + step, 0), links.length - 1);
  links[next].focus();
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === "Escape" && typing(document.activeElement)) {
    document.activeElement.blur();
    return;
  }
  if (typing(event.target)) return;
  const key = event.key.toLowerCase();
  if (key === "j" || key === "k") {
    event.preventDefault();
    moveFocus(key === "j" ? 1 : -1);
    return;
  }
  const target = document.querySelector(`[data-shortcut="${CSS.escape(key)}"]`);
  if (!target) return;
  event.preventDefault();
  if (target.tagName === "A") target.click();
  else target.focus();
});

// --- Clocks -----------------------------------------------------------------------------

function ageText(seconds) {
  if (seconds < 60) return `${Math.max(0, Math.floor(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} days`;
}

function hhmm(iso) {
  const when = new Date(iso);
  return when.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
}

function tickClocks() {
  const now = Date.now();
  for (const tr of document.querySelectorAll("#board tbody tr[data-opened]")) {
    const age = tr.querySelector(".cad-age");
    if (age) age.textContent = ageText((now - Date.parse(tr.dataset.opened)) / 1000);
    const clock = tr.querySelector(".cad-clock");
    if (!clock || !tr.dataset.target) continue;
    const overdue = !tr.dataset.arrived && now > Date.parse(tr.dataset.target);
    clock.replaceChildren(...clockParts(tr.dataset.target, overdue, Boolean(tr.dataset.arrived)));
  }
}

function tag(text, classes) {
  const strong = document.createElement("strong");
  strong.className = `govuk-tag ${classes}`;
  strong.textContent = text;
  return strong;
}

function clockParts(target, overdue, arrived) {
  if (!target) return [document.createTextNode("No target")];
  const parts = [];
  if (overdue) parts.push(tag("Overdue", "govuk-tag--red"), document.createTextNode(" "));
  parts.push(document.createTextNode(`Due ${hhmm(target)}${arrived ? " (attended)" : ""}`));
  return parts;
}

// --- Live updates ---------------------------------------------------------------------------

const board = document.getElementById("board");

function cell(...children) {
  const td = document.createElement("td");
  td.className = "govuk-table__cell";
  td.append(...children);
  return td;
}

function buildRow(row, old) {
  const tr = document.createElement("tr");
  tr.className = "govuk-table__row cad-changed";
  tr.id = `incident-${row.id}`;
  tr.dataset.grade = row.grade;
  tr.dataset.opened = row.opened_at;
  tr.dataset.target = row.target_at || "";
  tr.dataset.arrived = row.arrived_at ? "yes" : "";
  tr.dataset.area = row.area;
  const link = document.createElement("a");
  link.className = "govuk-link cad-row-link";
  link.href = `/cad/incidents/${row.id}`;
  link.textContent = row.log_number;
  const where = document.createElement("span");
  where.className = "govuk-body-s";
  where.textContent = row.area ? `${row.address} (${row.area})` : row.address;
  const age = cell(ageText((Date.now() - Date.parse(row.opened_at)) / 1000));
  age.classList.add("cad-age");
  const overdue = !row.arrived_at && row.target_at && Date.now() > Date.parse(row.target_at);
  const clock = cell(...clockParts(row.target_at, overdue, Boolean(row.arrived_at)));
  clock.classList.add("cad-clock");
  const units = cell(row.units.length ? row.units.join(", ") : "None");
  units.classList.add("cad-units");
  const warnings = old ? old.lastElementChild.cloneNode(true) : cell();
  tr.append(
    cell(tag(`Grade ${row.grade}`, `cad-grade cad-grade--${row.grade}`)),
    cell(link),
    cell(row.classification, document.createElement("br"), where),
    age, clock, units, warnings,
  );
  return tr;
}

function wanted(row) {
  if (row.status !== "open") return false;
  if (board.dataset.area && row.area.toUpperCase() !== board.dataset.area.toUpperCase()) return false;
  if (board.dataset.grade && String(row.grade) !== board.dataset.grade) return false;
  if (board.dataset.state === "unassigned" && row.units.length) return false;
  if (board.dataset.state === "assigned" && !row.units.length) return false;
  if (board.dataset.state === "at_scene" && !row.arrived_at) return false;
  return true;
}

function place(tr) {
  const body = board.tBodies[0];
  const key = (el) => [Number(el.dataset.grade), Date.parse(el.dataset.opened)];
  const [grade, opened] = key(tr);
  for (const other of body.rows) {
    const [g, o] = key(other);
    if (g > grade || (g === grade && o > opened)) {
      body.insertBefore(tr, other);
      return;
    }
  }
  body.append(tr);
}

function applyChange(row) {
  const old = document.getElementById(`incident-${row.id}`);
  const hadFocus = old && old.contains(document.activeElement);
  if (old) old.remove();
  let total = Number(board.dataset.total) - (old ? 1 : 0);
  if (wanted(row)) {
    const tr = buildRow(row, old);
    place(tr);
    total += 1;
    if (hadFocus) tr.querySelector("a").focus();
  }
  board.dataset.total = total;
  const count = total;
  document.getElementById("board-count").textContent =
    `${count} open incident${count === 1 ? "" : "s"}`;
}

if (board && "EventSource" in window) {
  const status = document.getElementById("live-status");
  const source = new EventSource("/cad/board/events");
  source.addEventListener("open", () => {
    status.textContent = "Live: changes appear on the board as they happen.";
    status.dataset.live = "on";
  });
  source.addEventListener("error", () => {
    status.textContent = "Live updates paused; reconnecting. Refresh the board to be sure it is current.";
    status.dataset.live = "off";
  });
  source.addEventListener("incident", (event) => applyChange(JSON.parse(event.data)));
  setInterval(tickClocks, 15000);
}
