export { type LocalFirestore, type LocalFirestoreOptions, startLocalFirestore } from "./server.js";
export { DATA_FILE } from "./persistence.js";
