/**
 * The sidebar's pure parts: short dates, times in the department's zone, totals,
 * labels and the changes between revisions, as plain data for the page to draw.
 * No DOM here, so unit tests run them in Node.
 */
import { type ColumnDef, findKind, type Lang, type PlanKind } from "@planops/shared";
import type { SidebarStrings } from "../i18n/messages.js";
import type { ServerResult } from "./rpc.js";

export type Plan = ServerResult<"sidebarGetPlan">;
export type Item = Plan["items"][number];
type Value = Item["fields"][string];

/** Fills "{name}" placeholders; an unknown placeholder stays as it is. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** "YYYY-MM-DD HH:mm" of an ISO instant in a time zone (the department's, as the backend's messages use). */
export function localTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(date);
  } catch {
    // An unknown zone name: UTC, said so, rather than the browser's own zone unannounced.
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}

/** A day of the plan's own year as "MM-DD" (every date of a plan lies within its period); another year's in full. */
export function shortDay(day: string, period: string): string {
  const year = period.slice(0, 4);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && day.startsWith(`${year}-`) ? day.slice(5) : day;
}

/** "01-05 → 01-20"; "→ 01-20" without a start; the none mark without either. */
export function dayRange(start: string | null, due: string | null, period: string, none: string): string {
  if (!start && !due) return none;
  if (!start) return `→ ${shortDay(due ?? "", period)}`;
  if (!due) return `${shortDay(start, period)} →`;
  return `${shortDay(start, period)} → ${shortDay(due, period)}`;
}

/** A weight as people write it: 1, 2.5, 0.33 (at most two decimals, no trailing zeros). */
export function formatWeight(weight: number): string {
  return String(Math.round(weight * 100) / 100);
}

export interface OwnerShare {
  email: string | null;
  name: string;
  count: number;
  weight: number;
}

export interface Totals {
  count: number;
  weight: number;
  /** Per owner, the heaviest share first; items without an owner under `noOwner`. */
  owners: OwnerShare[];
}

export function planTotals(items: readonly Pick<Item, "owner" | "weight">[], noOwner: string): Totals {
  const owners = new Map<string, OwnerShare>();
  let weight = 0;
  for (const item of items) {
    weight += item.weight;
    const key = item.owner?.email ?? "";
    const share = owners.get(key) ?? { email: item.owner?.email ?? null, name: item.owner?.name ?? noOwner, count: 0, weight: 0 };
    share.count++;
    share.weight += item.weight;
    owners.set(key, share);
  }
  const sorted = [...owners.values()].sort((a, b) => b.weight - a.weight || b.count - a.count || a.name.localeCompare(b.name));
  return { count: items.length, weight, owners: sorted };
}

/** The kind of a plan (its template and which columns play which part), if this add-on knows it. */
export function planKind(kindId: string): PlanKind | undefined {
  const kind = findKind(kindId);
  return kind?.flow === "plan" ? kind : undefined;
}

function columnOf(kindId: string, key: string): ColumnDef | undefined {
  return planKind(kindId)?.template.columns.find((c) => c.key === key);
}

/** A column's header as the sheet shows it in the user's language; the key itself for a column this add-on does not know. */
export function fieldLabel(kindId: string, key: string, lang: Lang): string {
  return columnOf(kindId, key)?.header[lang] ?? key;
}

const isPerson = (v: Value): v is { email: string; name: string } => typeof v === "object" && v !== null && !Array.isArray(v);

/** A cell's value in words: a person by name, an option by its label, a date short, a number as written. */
export function valueText(kindId: string, key: string, value: Value | undefined, period: string, lang: Lang, s: Pick<SidebarStrings, "none">): string {
  if (value === null || value === undefined || value === "") return s.none;
  if (isPerson(value)) return value.name;
  const column = columnOf(kindId, key);
  const label = (v: string) =>
    column && (column.type === "enum" || column.type === "enumList") ? (column.options.find((o) => o.value === v)?.label[lang] ?? v) : v;
  if (Array.isArray(value)) return value.length ? value.map(label).join(lang === "zh" ? "、" : ", ") : s.none;
  if (typeof value === "number") return column?.type === "percent" ? `${formatWeight(value)}%` : formatWeight(value);
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (column?.type === "date") return shortDay(value, period);
  return label(value);
}

/**
 * The plan's own columns an item card shows besides the parts every item has
 * (title, owner, dates, weight, parent): texts such as 交付成果 or 指标/目标值 as
 * lines, options such as 类别 or 优先级 as a chip.
 */
export function extraColumns(kindId: string): { lines: ColumnDef[]; chips: ColumnDef[] } {
  const kind = planKind(kindId);
  if (!kind) return { lines: [], chips: [] };
  const roles = new Set<string>(Object.values(kind.roles).filter((v): v is string => typeof v === "string"));
  const own = kind.template.columns.filter((c) => c.section === "plan" && !roles.has(c.key) && c.type !== "id");
  return { lines: own.filter((c) => c.type === "text"), chips: own.filter((c) => c.type === "enum" || c.type === "enumList") };
}

export interface ChangeLine {
  itemId: string;
  kind: "added" | "removed" | "changed";
  title: string;
  fields: { key: string; label: string; from: string; to: string }[];
}

/** The backend's changes since the revision before, in words: header labels for keys, values as the sheet reads. */
export function changeLines(plan: Pick<Plan, "kind" | "period" | "changes">, lang: Lang, s: Pick<SidebarStrings, "none">): ChangeLine[] {
  return plan.changes.map((c) => ({
    itemId: c.itemId,
    kind: c.kind,
    title: c.title,
    fields: c.fields.map((f) => ({
      key: f.key,
      label: fieldLabel(plan.kind, f.key, lang),
      from: valueText(plan.kind, f.key, f.from, plan.period, lang, s),
      to: valueText(plan.kind, f.key, f.to, plan.period, lang, s),
    })),
  }));
}

export function changeCounts(changes: readonly { kind: ChangeLine["kind"] }[]): Record<ChangeLine["kind"], number> {
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const c of changes) counts[c.kind]++;
  return counts;
}

/** "ID title" of a parent item, or the ID alone when its title is not known. */
export function parentText(parentItem: string, parents: readonly { itemId: string; title: string }[]): string {
  const title = parents.find((p) => p.itemId === parentItem)?.title;
  return title ? `${parentItem} ${title}` : parentItem;
}
