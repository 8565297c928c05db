// The official Node tus server (@tus/server with @tus/file-store), for bench/evidence_upload.py.
// Usage: node bench/tus_node_server.mjs PORT DIRECTORY
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.join(process.cwd(), "package.json"));
const { Server } = await import(require.resolve("@tus/server"));
const { FileStore } = await import(require.resolve("@tus/file-store"));

const [port, directory] = process.argv.slice(2);
const server = new Server({ path: "/files", datastore: new FileStore({ directory }) });
server.listen({ host: "127.0.0.1", port: Number(port) }, () => {
  process.stdout.write(`listening on ${port}\n`);
});
