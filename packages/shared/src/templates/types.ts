/**
 * One description of each sheet template, shared by the add-on (which builds the
 * sheet from it) and the backend (whose one generic reader validates every
 * submission against it). Pure data and pure functions only: this module is
 * bundled into Apps Script.
 */
import type { PeriodKind } from "../period.js";
import type { Text } from "../text.js";

export interface EnumOption {
  /** Stable value stored in Firestore and sent over the API. */
  value: string;
  label: Text;
}

/**
 * Lists the backend keeps as configuration, named by `configured` columns: the
 * add-on asks for a list's current entries when it builds a sheet.
 */
export const OPTION_LISTS = ["operations-indicators"] as const;
export type OptionListId = (typeof OPTION_LISTS)[number];

interface ColumnBase {
  /** Stable field name; never shown to users. */
  key: string;
  header: Text;
  /** What the cell is for, shown as the header's note and in error messages. */
  help: Text;
  required: boolean;
  /** plan: filled when drafting; progress: filled by the owner; system: written by the backend, never read. */
  section: "plan" | "progress" | "system";
  width: number;
}

export type ColumnDef =
  /** The item's ID: written by the system; a row keeps it across submissions. */
  | (ColumnBase & { type: "id" })
  | (ColumnBase & { type: "text"; maxLength: number })
  | (ColumnBase & { type: "email" })
  | (ColumnBase & { type: "date" })
  | (ColumnBase & { type: "number"; min: number; max: number; defaultValue?: number })
  /** 0–100; the sheet shows it as a percentage. */
  | (ColumnBase & { type: "percent" })
  | (ColumnBase & { type: "boolean"; defaultValue?: boolean })
  | (ColumnBase & { type: "enum"; options: readonly EnumOption[]; defaultValue?: string })
  /** Several options in one cell, separated by 、 , ; or line breaks. */
  | (ColumnBase & { type: "enumList"; options: readonly EnumOption[] })
  /** A person from the roster: dropdown of names, resolved to an email by the backend. */
  | (ColumnBase & { type: "person" })
  /** A department from the roster. */
  | (ColumnBase & { type: "department" })
  /**
   * An item of an approved plan of the template `to`, for the period holding this
   * sheet's period: the dropdown shows "ID title", the backend keeps the ID.
   */
  | (ColumnBase & { type: "reference"; to: string })
  /**
   * One entry of a configured list (`list`), which changes without a new template:
   * the dropdown offers its current entries; the backend reads the cell as text
   * and its handler judges it against the list as it stands at submission.
   */
  | (ColumnBase & { type: "configured"; list: OptionListId; maxLength: number });

export type ColumnType = ColumnDef["type"];

/**
 * Which columns play the parts every plan-like document has. The generic
 * workflow (IDs, owners, due dates, weights, the cascade, progress) reads them
 * through these keys, so a new template names them instead of adding code.
 */
export interface ItemRoles {
  /** What the item is, as a person would name it in a list. */
  title: string;
  owner?: string;
  department?: string;
  start?: string;
  due?: string;
  weight?: string;
  /** The reference column to the parent plan's item. */
  parent?: string;
  status?: string;
  percent?: string;
  actualFinish?: string;
  feedback?: string;
  /** A system column the backend fills with the item's rolled-up progress. */
  progress?: string;
}

export interface TemplateDef {
  id: string;
  version: number;
  title: Text;
  /** The period one sheet covers (kept in its marker); null for sheets that are not per period, like the roster. */
  periodKind: PeriodKind | null;
  columns: readonly ColumnDef[];
  /** What to tell users about the sheet as a whole (shown when it is created). */
  help?: Text;
}

/** One cell's value after reading, by column type. */
export interface PersonRef {
  email: string;
  name: string;
}

type EnumValue<C> = C extends { options: readonly (infer O)[] } ? (O extends { value: infer V } ? V : string) : string;

type Present<C> = C extends { type: "number" | "percent" }
  ? number
  : C extends { type: "boolean" }
    ? boolean
    : C extends { type: "enum" }
      ? EnumValue<C>
      : C extends { type: "enumList" }
        ? EnumValue<C>[]
        : C extends { type: "person" }
          ? PersonRef
          : string;

/** Text reads as "" when blank; other types as their default, or null. */
export type ValueOf<C> = C extends { type: "text" | "email" }
  ? string
  : C extends { type: "enumList" }
    ? Present<C>
    : C extends { required: true }
      ? Present<C>
      : C extends { defaultValue: unknown }
        ? Present<C>
        : Present<C> | null;

/** The typed record of one row of a template, keyed by its column keys. */
export type RecordOf<T extends TemplateDef> = { [C in T["columns"][number] as C["key"]]: ValueOf<C> };

export type ColumnKey<T extends TemplateDef> = T["columns"][number]["key"];

/** A value as stored and sent over the API. */
export type FieldValue = string | number | boolean | null | PersonRef | string[];
