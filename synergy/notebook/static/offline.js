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

// A request carries up to 100 entries and about 6 MB of them (always at least one), so
// entries with photos still go, a few at a time, within the server's limit.
const BATCH_ENTRIES = 100;
const BATCH_BYTES = 6_000_000;

async function nextBatch(db, state) {
  const items = [];
  let bytes = 0;
  for (const item of await waiting(db)) {
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: item.iv }, state.key, item.ciphertext);
    const contentJson = new TextDecoder().decode(plain);
    if (items.length && (items.length === BATCH_ENTRIES || bytes + contentJson.length > BATCH_BYTES)) break;
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(contentJson));
    items.push({ client_id: item.client_id, device_id: state.device_id, device_seq: item.device_seq,
                 device_time: item.device_time, content_json: contentJson, upload_hash: hex(digest) });
    bytes += contentJson.length;
  }
  return items;
}

async function syncNow() {
  if (syncing || !navigator.onLine) return showStatus();
  syncing = true;
  let more = false;
  try {
    const db = await openDb();
    const state = await deviceState(db);
    const items = await nextBatch(db, state);
    if (!items.length) return showStatus();
    const response = await fetch("/api/notebook/sync", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": form.dataset.csrf },
      body: JSON.stringify({ items }),
      credentials: "same-origin",
    });
    if (response.status === 401) return showStatus("Sign in again to send the entries waiting on this device.");
    const body = response.status === 200 || response.status === 409 ? await response.json() : null;
    if (!body) {
      return showStatus(`Not sent: the server answered ${response.status}. The entries stay on this device and will be sent again.`);
    }
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
    more = !refusal && (await waiting(db)).length > 0;
  } catch (error) {
    // No connection after all (or it dropped mid-way): everything not confirmed stays queued.
    await showStatus();
  } finally {
    syncing = false;
  }
  if (more) setTimeout(syncNow, 0);
}

// The same content the online page sends, checked by the same rules before it is kept, so
// the server has no reason to refuse it later: the note, a sketch with its description, a
// signature with the signer's typed name and role, and a photo with its description.
const PHOTO_STARTS = { "image/jpeg": [0xff, 0xd8, 0xff], "image/png": [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] };

function photoType(bytes) {
  return Object.keys(PHOTO_STARTS).find((type) => PHOTO_STARTS[type].every((b, i) => bytes[i] === b));
}

function base64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function drawing(name, height) {
  const strokes = form.elements[name].value;
  return { width: Number(form.dataset.canvasWidth), height: Number(height), strokes: strokes ? JSON.parse(strokes) : [] };
}

async function photoFromForm() {
  const file = form.elements.photo.files[0];
  const description = form.elements.photo_description.value.trim();
  if (!file) return description ? { problem: "Choose the photo to go with its description", field: form.elements.photo } : {};
  const limit = Number(form.dataset.maxPhotoBytes);
  if (file.size > limit) return { problem: `The photo must be smaller than ${Math.floor(limit / 1000000)} MB`, field: form.elements.photo };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const mediaType = photoType(bytes);
  if (!mediaType) return { problem: "The photo must be a JPEG or PNG picture", field: form.elements.photo };
  if (!description) return { problem: "Describe the photo in words", field: form.elements.photo_description };
  return { photo: { media_type: mediaType, data: base64(bytes), description } };
}

// The device's own positioning (it needs no signal), asked for only when the box is ticked.
function position() {
  if (!("geolocation" in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (found) => resolve({ latitude: found.coords.latitude, longitude: found.coords.longitude,
                           accuracy_m: Math.min(found.coords.accuracy, 100000) }),
      () => resolve(null),
      { timeout: 15000, maximumAge: 60000 },
    );
  });
}

async function contentFromForm() {
  const text = form.elements.text.value.trim();
  const content = { text };
  const sketchDescription = form.elements.sketch_description.value.trim();
  if (form.elements.sketch_strokes.value && !sketchDescription) return { problem: "Describe the sketch in words", field: form.elements.sketch_description };
  if (sketchDescription) content.sketch = { description: sketchDescription, drawing: drawing("sketch_strokes", form.dataset.canvasHeight) };
  const signer = form.elements.signature_name.value.trim();
  const signed = form.elements.signature_strokes.value;
  if (signed && !signer) return { problem: "Type the name of the person signing", field: form.elements.signature_name };
  if (signer) {
    content.signatures = [{ role: form.elements.signature_role.value, name: signer,
                            drawing: signed ? drawing("signature_strokes", form.dataset.signatureHeight) : null }];
  }
  const { photo, problem, field } = await photoFromForm();
  if (problem) return { problem, field };
  if (photo) content.photos = [photo];
  if (form.elements.share_location.checked) {
    const where = await position();
    if (!where) return { problem: "Your location could not be found; untick the box to save without it", field: form.elements.share_location };
    content.location = where;
  }
  if (!text && !content.sketch && !content.signatures && !content.photos) {
    return { problem: "Write a note, or add a sketch, a signature or a photo", field: form.elements.text };
  }
  return { content };
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const { content, problem, field } = await contentFromForm();
  if (problem) {
    await showStatus(`Not saved: ${problem}.`);
    const details = field.closest("details");
    if (details) details.open = true;
    field.focus();
    return;
  }
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
