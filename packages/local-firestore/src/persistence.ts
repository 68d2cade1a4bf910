import { mkdir, open, readFile, rename } from "node:fs/promises";
import path from "node:path";
import type { Store } from "./store.js";
import { type Clock, fromIso, toIso } from "./time.js";
import type { Fields } from "./types.js";

/** The one file a data folder holds; deleting the folder resets the local database. */
export const DATA_FILE = "firestore.json";
const FORMAT = "planops-local-firestore";

interface SavedDocument {
  path: string;
  createTime: string;
  updateTime: string;
  fields: Fields;
}

interface SavedFile {
  format: typeof FORMAT;
  version: 1;
  savedAt: string;
  /** Latest state of every document, by database name (`projects/P/databases/D`). */
  databases: Record<string, SavedDocument[]>;
}

/** JSON has no NaN, ±Infinity or -0; doubles that need them are stored as strings. */
function encodeDoubles(key: string, value: unknown): unknown {
  if (key === "doubleValue" && typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0))) {
    return Object.is(value, -0) ? "-0" : String(value);
  }
  return value;
}

function decodeDoubles(key: string, value: unknown): unknown {
  return key === "doubleValue" && typeof value === "string" ? Number(value) : value;
}

/** Writes the store to `dir` atomically: a temp file, flushed, then renamed over the old one. */
export async function saveStore(store: Store, dir: string): Promise<void> {
  const databases: Record<string, SavedDocument[]> = {};
  for (const database of store.all()) {
    const docs: SavedDocument[] = [];
    for (const { path: docPath, state } of database.latest()) {
      docs.push({ path: docPath.join("/"), createTime: toIso(state.createTime), updateTime: toIso(state.updateTime), fields: state.fields });
    }
    if (docs.length > 0) databases[database.name] = docs;
  }
  const file: SavedFile = { format: FORMAT, version: 1, savedAt: new Date().toISOString(), databases };
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, DATA_FILE);
  const temp = `${target}.tmp-${process.pid}`;
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(JSON.stringify(file, encodeDoubles));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, target);
}

/** Loads a saved store; a missing file is an empty database. Returns the number of documents loaded. */
export async function loadStore(store: Store, clock: Clock, dir: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(path.join(dir, DATA_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  const file = JSON.parse(text, decodeDoubles) as SavedFile;
  if (file.format !== FORMAT || file.version !== 1) throw new Error(`${path.join(dir, DATA_FILE)} is not a local Firestore data file.`);
  let count = 0;
  for (const [name, docs] of Object.entries(file.databases)) {
    const database = store.database(name);
    for (const doc of docs) {
      const updateTime = fromIso(doc.updateTime);
      database.restore(doc.path.split("/"), { fields: doc.fields, createTime: fromIso(doc.createTime), updateTime });
      clock.advanceTo(updateTime);
      count++;
    }
  }
  return count;
}
