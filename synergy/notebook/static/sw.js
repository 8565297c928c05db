// Keeps the offline notebook's page and assets so it opens without signal. Uploads are
// never cached or replayed here: the page's own queue sends them, once each.
const CACHE = "synergy-notebook-v2";
const SHELL = [
  "/notebook/offline",
  "/notebook/assets/offline.js",
  "/notebook/assets/drawing.js",
  "/notebook/assets/notebook.css",
  "/static/govuk/govuk-frontend.min.css",
  "/static/govuk/govuk-frontend.min.js",
  "/static/synergy/synergy.css",
  "/static/synergy/init.js",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (!SHELL.includes(url.pathname)) return;
  // Network first, so a signed-in officer always gets the current page; the copy otherwise.
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
        }
        return response;
      })
      .catch(() => caches.match(url.pathname).then((hit) => hit || Response.error())),
  );
});
