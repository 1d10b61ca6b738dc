/**
 * Import files on their way to the server. A runtime message is JSON: a
 * 50 MiB file sent through one would be copied as a string several times
 * (page, messaging, background). Instead the Import page puts the File in
 * the extension's own IndexedDB (the browser keeps it as a blob, on disk),
 * sends only its id, and the background hands that blob to fetch as the
 * body: the bytes go from disk to the server without being read into a page.
 * Both ends are on the extension's origin, so they share the database.
 */

const DB_NAME = 'seatwise-imports';
const STORE = 'files';
/** A staged file nobody finished with (a closed tab) is dropped at the next staging. */
const KEEP_MS = 24 * 60 * 60 * 1000;

interface StagedFile {
  id: string;
  file: Blob;
  stagedAt: number;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'id' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function inStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await openDb();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Keeps `file` for the background to send; answers its id. */
export async function stageFile(file: Blob, now = Date.now()): Promise<string> {
  const id = crypto.randomUUID();
  await inStore('readwrite', (store) => {
    store.openCursor().onsuccess = (e) => {
      const cursor = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
      if (!cursor) return;
      if ((cursor.value as StagedFile).stagedAt < now - KEEP_MS) cursor.delete();
      cursor.continue();
    };
    store.put({ id, file, stagedAt: now } satisfies StagedFile);
  });
  return id;
}

export async function stagedFile(id: string): Promise<Blob | null> {
  const found = await inStore<StagedFile | undefined>('readonly', (store) => store.get(id));
  return found?.file ?? null;
}

export async function unstageFile(id: string): Promise<void> {
  await inStore('readwrite', (store) => store.delete(id));
}
