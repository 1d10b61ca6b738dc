import { storage } from '#imports';

/**
 * Where the API token lives. Not in `storage.local` (or `sync`): content
 * scripts can read those areas, and a content script runs inside a page we do
 * not control. Not only in `storage.session`: that one is private to trusted
 * contexts but is emptied when the browser closes. So: the extension origin's
 * own IndexedDB. Only our pages and the background run on that origin; a
 * content script's `indexedDB` is the host page's. Nothing but the background
 * reads it.
 */
const DB = 'seatwise-secrets';
const STORE = 'secrets';
const KEY = 'apiToken';
/** Where earlier versions kept the token: moved out on first read, then removed. */
const legacyTokenItem = storage.defineItem<string | null>('local:apiToken', { fallback: null });

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = fn(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

export async function writeToken(token: string | null): Promise<void> {
  await run<unknown>('readwrite', (s) => (token ? s.put(token, KEY) : s.delete(KEY)) as IDBRequest<unknown>);
}

export async function readToken(): Promise<string | null> {
  const legacy = await legacyTokenItem.getValue();
  if (legacy) {
    await writeToken(legacy);
    await legacyTokenItem.removeValue();
  }
  const token = await run<unknown>('readonly', (s) => s.get(KEY));
  return typeof token === 'string' && token ? token : null;
}
