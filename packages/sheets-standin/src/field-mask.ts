import { invalid } from "./errors.js";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Parses a FieldMask as Google writes them in batchUpdate requests: comma-separated paths,
 * `a.b`, the grouping `a(b,c.d)`, and `*` for every field. Returns the paths, split on dots.
 */
export function parseFieldMask(mask: string | undefined): string[][] {
  if (mask === undefined || mask.trim() === "") throw invalid("At least one field must be specified in 'fields'.");
  const paths: string[][] = [];
  let i = 0;
  const parseList = (prefix: string[], closing: string | null): void => {
    for (;;) {
      let name = "";
      while (i < mask.length && !",()".includes(mask[i] as string)) name += mask[i++];
      // `a.b` in request masks, `a/b` in a response's `fields` selection: both name a nested field.
      const path = [
        ...prefix,
        ...name
          .trim()
          .split(/[./]/)
          .filter((p) => p !== ""),
      ];
      if (mask[i] === "(") {
        i++;
        parseList(path, ")");
      } else {
        if (path.length === prefix.length) throw invalid(`Invalid field mask 'fields: ${mask}'.`);
        paths.push(path);
      }
      if (mask[i] === ",") {
        i++;
        continue;
      }
      if (closing === null ? i >= mask.length : mask[i] === closing) {
        if (closing) i++;
        return;
      }
      throw invalid(`Invalid field mask 'fields: ${mask}'.`);
    }
  };
  parseList([], null);
  return paths;
}

/**
 * Copies the masked fields of `source` onto `target`: a field present in the mask but absent from
 * the source is cleared, as Google's masks do. `*` replaces every field.
 */
export function applyMask(target: Json, source: Json, paths: string[][]): void {
  for (const path of paths) {
    if (path.length === 1 && path[0] === "*") {
      for (const key of Object.keys(target)) delete target[key];
      Object.assign(target, structuredClone(source));
      continue;
    }
    let from: unknown = source;
    const parents: Json[] = [target];
    for (let k = 0; k < path.length - 1; k++) {
      const key = path[k] as string;
      from = isObject(from) ? from[key] : undefined;
      const at = parents[k] as Json;
      if (!isObject(at[key])) at[key] = {};
      parents.push(at[key] as Json);
    }
    const last = path[path.length - 1] as string;
    const value = isObject(from) ? from[last] : undefined;
    const to = parents[path.length - 1] as Json;
    if (value !== undefined) {
      to[last] = structuredClone(value);
      continue;
    }
    delete to[last];
    // A container the mask emptied (a format whose only field was cleared) reads back as absent, as in Google.
    for (let k = path.length - 1; k > 0 && Object.keys(parents[k] as Json).length === 0; k--) delete (parents[k - 1] as Json)[path[k - 1] as string];
  }
}

/** Deep merge for derived values (effective formats): `over` wins, objects merge. */
export function deepMerge<T extends Json>(base: T, over: Json | undefined): T {
  if (!over) return structuredClone(base);
  const out: Json = structuredClone(base);
  for (const [key, value] of Object.entries(over)) {
    out[key] = isObject(value) && isObject(out[key]) ? deepMerge(out[key] as Json, value) : structuredClone(value);
  }
  return out as T;
}

type Selection = { [key: string]: Selection | true };

/**
 * A response narrowed to a `fields` selection (`spreadsheetId,sheets(properties(sheetId,title))`),
 * as Google's partial responses are: arrays are narrowed element by element, `*` keeps every field.
 */
export function selectFields(value: unknown, fields: string): unknown {
  const tree: Selection = {};
  for (const path of parseFieldMask(fields)) {
    let node = tree;
    path.forEach((key, k) => {
      if (node[key] === true) return;
      if (k === path.length - 1) node[key] = true;
      else node = (node[key] ??= {}) as Selection;
    });
  }
  const pick = (v: unknown, sel: Selection): unknown => {
    if (Array.isArray(v)) return v.map((item) => pick(item, sel));
    if (!isObject(v)) return v;
    const out: Json = {};
    for (const [key, child] of Object.entries(v)) {
      const wanted = sel[key] ?? sel["*"];
      if (wanted === undefined) continue;
      out[key] = wanted === true ? child : pick(child, wanted);
    }
    return out;
  };
  return pick(value, tree);
}
