// The offline notebook. Entries are encrypted with AES-GCM under a key made on this device
// by WebCrypto and stored non-extractable in IndexedDB: browser storage never holds the
// note as plain text. Each entry gets this device's next number; the queue is sent in that
// order when the network returns, and an entry leaves the queue only once the server says
// it is stored.
import { drawingSurface } from "/notebook/assets/drawing.js";

const DB_NAME = "synergy-notebook";
const form = document.querySelector("[data-offline-form]");
const status = document.querySelector("[data-sync-status]");
const sentList = document.querySelector("[data-sent-list]");
let syncing = false;

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("device");
      request.result.createObjectStore("queue", { keyPath: "client_id" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run(db, storeName, mode, work) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeName, mode);
    const result = work(tx.objectStore(storeName));
    tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
  });
}

async function deviceState(db) {
  let state = await run(db, "device", "readonly", (s) => s.get("state"));
  if (!state) {
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    state = { key, device_id: crypto.randomUUID(), next_seq: 1 };
    await run(db, "device", "readwrite", (s) => s.put(state, "state"));
  }
  return state;
}

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function queueEntry(content) {
  const db = await openDb();
  const state = await deviceState(db);
  const contentJson = JSON.stringify(content);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, state.key, new TextEncoder().encode(contentJson));
  const item = {
    client_id: crypto.randomUUID(),
    device_seq: state.next_seq,
    device_time: new Date().toISOString(),
    iv,
    ciphertext,
  };
  state.next_seq += 1;
  const tx = db.transaction(["device", "queue"], "readwrite");
  tx.objectStore("device").put(state, "state");
  tx.objectStore("queue").put(item);
  await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
}

async function waiting(db) {
  const items = await run(db, "queue", "readonly", (s) => s.getAll());
  return items.sort((a, b) => a.device_seq - b.device_seq);
}

async function showStatus(message) {
  const db = await openDb();
  const count = (await waiting(db)).length;
  const state = navigator.onLine ? "Online" : "Offline";
  status.textContent = message || (count
    ? `${state}: ${count} ${count === 1 ? "entry" : "entries"} waiting to be sent.`
    : `${state}: all entries sent.`);
}

async function syncNow() {
  if (syncing || !navigator.onLine) return showStatus();
  syncing = true;
  try {
    const db = await openDb();
    const state = await deviceState(db);
    const queued = (await waiting(db)).slice(0, 100);
    if (!queued.length) return showStatus();
    const items = [];
    for (const item of queued) {
      const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: item.iv }, state.key, item.ciphertext);
      const contentJson = new TextDecoder().decode(plain);
      const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(contentJson));
      items.push({ client_id: item.client_id, device_id: state.device_id, device_seq: item.device_seq,
                   device_time: item.device_time, content_json: contentJson, upload_hash: hex(digest) });
    }
    const response = await fetch("/api/notebook/sync", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": form.dataset.csrf },
      body: JSON.stringify({ items }),
      credentials: "same-origin",
    });
    if (response.status === 401) return showStatus("Sign in again to send the entries waiting on this device.");
    const body = await response.json();
    let refusal = null;
    for (const result of body.results || []) {
      if (result.status === "stored" || result.status === "already stored") {
        await run(db, "queue", "readwrite", (s) => s.delete(result.client_id));
        const line = document.createElement("li");
        line.textContent = `Entry ${result.seq} received.`;
        sentList.append(line);
      } else {
        refusal = result.reason;
      }
    }
    await showStatus(refusal ? `Not sent: ${refusal}` : undefined);
    if (!refusal && queued.length === 100) setTimeout(syncNow, 0);
  } catch (error) {
    await showStatus();
  } finally {
    syncing = false;
  }
}

// The same content the online page sends: text, and a sketch with its description.
function contentFromForm() {
  const text = form.elements.text.value;
  const strokes = form.elements.sketch_strokes.value;
  const description = form.elements.sketch_description.value.trim();
  if (strokes && !description) return { problem: "Describe the sketch in words", field: form.elements.sketch_description };
  if (!text.trim() && !description) return { problem: "Write a note or draw a sketch", field: form.elements.text };
  const content = { text };
  if (description) {
    content.sketch = { description, drawing: { width: 600, height: 300, strokes: strokes ? JSON.parse(strokes) : [] } };
  }
  return { content };
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const { content, problem, field } = contentFromForm();
  if (problem) { await showStatus(problem); field.focus(); return; }
  await queueEntry(content);
  form.reset();
  form.querySelectorAll("[data-clear]").forEach((button) => button.click());
  await showStatus();
  syncNow();
});

document.querySelectorAll("[data-drawing]").forEach(drawingSurface);
window.addEventListener("online", syncNow);
window.addEventListener("offline", () => showStatus());
setInterval(syncNow, 15000);
if ("serviceWorker" in navigator) navigator.serviceWorker.register("/notebook/sw.js", { scope: "/notebook/" });
syncNow();
