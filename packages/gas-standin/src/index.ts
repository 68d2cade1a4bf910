export { type LoadBundleOptions, type LoadedBundle, loadBundle } from "./load-bundle.js";
export { type RpcReply, type SidebarHarness, type SidebarHarnessOptions, startSidebarHarness } from "./sidebar-harness.js";
export type { EditOutcome, MenuItem, StandIn, StandInOptions } from "./standin.js";
export type { User } from "./env.js";
export type { SpreadsheetInit } from "./model.js";
export type { RecordedRequest } from "./url-fetch.js";
