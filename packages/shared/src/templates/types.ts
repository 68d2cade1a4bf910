/**
 * One description of each sheet template, shared by the add-on (which builds the
 * sheet from it) and the backend (which validates submissions against it).
 * Pure data and pure functions only: this module is bundled into Apps Script.
 */

import type { Text } from "../text.js";

export interface EnumOption {
  /** Stable value stored in Firestore and sent over the API. */
  value: string;
  label: Text;
}

interface ColumnBase {
  /** Stable field name; never shown to users. */
  key: string;
  header: Text;
  /** What the cell is for, shown as the header's note and in error messages. */
  help: Text;
  required: boolean;
  /** plan: filled by the planning clerk; progress: filled by the owner; system: written by the backend. */
  section: "plan" | "progress" | "system";
  width: number;
}

export type ColumnDef =
  | (ColumnBase & { type: "id" })
  | (ColumnBase & { type: "text"; maxLength: number })
  | (ColumnBase & { type: "date" })
  | (ColumnBase & { type: "number"; min: number; max: number; defaultValue?: number })
  | (ColumnBase & { type: "percent" })
  | (ColumnBase & { type: "enum"; options: readonly EnumOption[]; defaultValue?: string })
  /** A person from the roster: dropdown of names, resolved to an email by the backend. */
  | (ColumnBase & { type: "person" })
  /** A department from the roster. */
  | (ColumnBase & { type: "department" });

export interface TemplateDef {
  id: string;
  version: number;
  title: Text;
  columns: readonly ColumnDef[];
}
