// Child process for the file store's lock tests: takes the writer lock on a connection, says
// `locked` on stdout and holds it until killed (no timer, so only a signal ends it).
const [directory, connection] = process.argv.slice(2);
const { createFileStateStore } = await import('./file-store.js');
const store = createFileStateStore({ directory });
const lock = await store.lock(connection, { ttlMs: 3_600_000 });
process.stdout.write(`locked ${lock.owner}\n`);
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
