// Keeps the queue, the agent desktop and the caller's chat current without a reload.
// Each element with data-live-events listens to that server-sent event stream, saying which
// state the page was drawn from (data-live-since) so a change made meanwhile is not missed; on "changed"
// it fetches data-live-source (server-rendered HTML) and puts it in place (only the part
// matching data-live-select, when the source is a whole page). Waiting times tick
// every second, and a new emergency or priority call is announced (and beeps if allowed).
// Without JavaScript the pages work by reloading: each has a refresh link.

const seenUrgent = new Set();

function noteUrgent(root, announce) {
  const fresh = [];
  for (const row of root.querySelectorAll("tr[data-call]")) {
    const queue = row.dataset.queue;
    if ((queue === "emergency" || queue === "priority") && !seenUrgent.has(row.dataset.call)) {
      seenUrgent.add(row.dataset.call);
      fresh.push(`${queue === "emergency" ? "Emergency" : "Priority"} call ${row.dataset.call} is waiting`);
    }
  }
  if (announce && fresh.length) {
    const alert = document.getElementById(root.dataset.alert || "");
    if (alert) {
      alert.hidden = false;
      alert.textContent = fresh.join(". ") + ".";
    }
    beep();
  }
}

function beep() {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = 880;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.3);
  } catch {
    // Browsers may refuse sound before the page has been used; the alert text still shows.
  }
}

function waitedText(seconds) {
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)} h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")} min`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
  return `${seconds} s`;
}

const BANDS = {
  within: ["govuk-tag--green", "Within target"],
  near: ["govuk-tag--yellow", "Near target"],
  over: ["govuk-tag--red", "Over target"],
};

function tick(loadedAt) {
  const extra = Math.floor((Date.now() - loadedAt) / 1000);
  for (const cell of document.querySelectorAll("td[data-waited]")) {
    if (!cell.dataset.loadedAt) cell.dataset.loadedAt = String(loadedAt);
    const seconds = Number(cell.dataset.waited) + Math.floor((Date.now() - Number(cell.dataset.loadedAt)) / 1000);
    const target = Number(cell.dataset.target);
    const band = seconds > target ? "over" : seconds >= target * 0.75 ? "near" : "within";
    const text = cell.querySelector(".synergy-desk-waited");
    if (text) text.textContent = waitedText(seconds);
    const tag = cell.querySelector(".synergy-desk-band strong");
    if (tag && !tag.classList.contains(BANDS[band][0])) {
      tag.className = `govuk-tag ${BANDS[band][0]}`;
      tag.textContent = BANDS[band][1];
    }
  }
  return extra;
}

for (const element of document.querySelectorAll("[data-live-events]")) {
  noteUrgent(element, false);
  const url = new URL(element.dataset.liveEvents, window.location.href);
  if (element.dataset.liveSince) url.searchParams.set("since", element.dataset.liveSince);
  const source = new EventSource(url);
  source.addEventListener("changed", async () => {
    const response = await fetch(element.dataset.liveSource, { credentials: "same-origin" });
    if (!response.ok) return;
    const text = await response.text();
    if (element.dataset.liveSelect) {
      // The source is a whole page: take only this element's part of it.
      const fresh = new DOMParser().parseFromString(text, "text/html").querySelector(element.dataset.liveSelect);
      if (fresh) element.innerHTML = fresh.innerHTML;
    } else {
      element.innerHTML = text;
    }
    noteUrgent(element, true);
  });
}
if (document.querySelector("td[data-waited]") || document.querySelector("[data-live-source='/contact/queue/rows']")) {
  setInterval(() => tick(Date.now()), 1000);
}
