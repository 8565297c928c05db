// Uploads one file with tus-js-client under Node, for tests/evidence/test_clients.py.
// Usage: node tus_js_upload.cjs ENDPOINT FILE [--stop-after BYTES] [--upload-url URL]
// Prints one JSON line: {"url": ..., "offset": ..., "done": true|false} or {"error": ...}.
"use strict";
const fs = require("fs");
const path = require("path");
const tus = require(path.join(process.env.NODE_MODULES_DIR, "tus-js-client"));

const [endpoint, file, ...rest] = process.argv.slice(2);
const option = (name) => {
  const at = rest.indexOf(name);
  return at === -1 ? null : rest[at + 1];
};
const stopAfter = option("--stop-after") ? Number(option("--stop-after")) : null;
const data = fs.readFileSync(file);
const report = (value) => { process.stdout.write(JSON.stringify(value) + "\n"); };

const upload = new tus.Upload(data, {
  endpoint,
  uploadUrl: option("--upload-url"),
  chunkSize: 64 * 1024,
  retryDelays: null,
  metadata: { filename: path.basename(file), filetype: "video/mp4" },
  onChunkComplete(_size, accepted) {
    if (stopAfter !== null && accepted >= stopAfter) {
      upload.abort().then(() => report({ url: upload.url, offset: accepted, done: false }));
    }
  },
  onSuccess() { report({ url: upload.url, offset: data.length, done: true }); },
  onError(error) { report({ error: String(error) }); process.exitCode = 1; },
});
upload.start();
