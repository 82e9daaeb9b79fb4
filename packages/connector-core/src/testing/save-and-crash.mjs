// Child process for the file store's crash tests. Starts saving a large snapshot and freezes at a
// chosen point, telling the parent on stdout, so the parent can SIGKILL it exactly there:
//   mid-write     after some chunks of the temporary file were written
//   before-rename after the temporary file was written and flushed, before it replaces the old one
import { createRequire, syncBuiltinESMExports } from 'node:module';

const [directory, connection, mode, countText] = process.argv.slice(2);
const count = Number(countText);
const freeze = (message) => {
  process.stdout.write(`${message}\n`);
  // Block this thread for good without a timer: only SIGKILL ends the process.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};

if (mode === 'before-rename') {
  const fsp = createRequire(import.meta.url)('node:fs/promises');
  fsp.rename = async () => freeze('before-rename');
  syncBuiltinESMExports();
}

const { createFileStateStore } = await import('../sync/file-store.js');

class FreezingMap extends Map {
  *[Symbol.iterator]() {
    let i = 0;
    for (const entry of super[Symbol.iterator]()) {
      if (mode === 'mid-write' && i === Math.floor(count * 0.6)) freeze('mid-write');
      yield entry;
      i++;
    }
  }
}
const accounts = new FreezingMap();
for (let i = 0; i < count; i++) {
  accounts.set(`id-${i}`, {
    email: `person${i}@example.com`,
    name: `Person ${i}`,
    status: 'active',
    rawHash: 'AAAAAAAAAAAAAAAA',
  });
}
const store = createFileStateStore({ directory });
await store.save(connection, { connection, vendor: 'fake', takenAt: new Date(), accounts });
process.stdout.write('saved\n');
