/**
 * Wall-clock ⇄ instant conversion in a named IANA time zone, spreadsheet serial dates
 * (days since 1899-12-30, counted in the spreadsheet's time zone) and Java SimpleDateFormat
 * formatting for Utilities.formatDate.
 */
import { GasException } from "./enums.js";

export interface Wall {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const DAY_MS = 86_400_000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallFromUtcFields(ms: number): Wall {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

function utcFieldsOf(w: Omit<Wall, "weekday">): number {
  const ms = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear restores the literal year.
  return w.year < 100 ? new Date(ms).setUTCFullYear(w.year) : ms;
}

/** Offset (ms) of `timeZone` from UTC at instant `ms`. */
export function zoneOffset(ms: number, timeZone: string): number {
  const p = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  const asUtc = utcFieldsOf({
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    millisecond: 0,
  });
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

export function instantToWall(ms: number, timeZone: string): Wall {
  return wallFromUtcFields(ms + zoneOffset(ms, timeZone));
}

export function wallToInstant(w: Omit<Wall, "weekday">, timeZone: string): number {
  const guess = utcFieldsOf(w);
  const first = guess - zoneOffset(guess, timeZone);
  // A second pass settles instants near DST transitions.
  return guess - zoneOffset(first, timeZone);
}

export function serialToInstant(serial: number, timeZone: string): number {
  return wallToInstant(wallFromUtcFields(Math.round(SERIAL_EPOCH + serial * DAY_MS)), timeZone);
}

export function instantToSerial(ms: number, timeZone: string): number {
  return (utcFieldsOf(instantToWall(ms, timeZone)) - SERIAL_EPOCH) / DAY_MS;
}

export function serialToWall(serial: number): Wall {
  return wallFromUtcFields(Math.round(SERIAL_EPOCH + serial * DAY_MS));
}

export function wallToSerial(w: Omit<Wall, "weekday">): number {
  return (utcFieldsOf(w) - SERIAL_EPOCH) / DAY_MS;
}

export function isValidDay(year: number, month: number, day: number): boolean {
  const w = wallFromUtcFields(utcFieldsOf({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }));
  return w.year === year && w.month === month && w.day === day;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function offsetText(offsetMs: number, letter: "Z" | "X", count: number): string {
  if (letter === "X" && offsetMs === 0) return "Z";
  const sign = offsetMs < 0 ? "-" : "+";
  const total = Math.abs(offsetMs) / 60_000;
  const hh = pad(Math.floor(total / 60), 2);
  const mm = pad(total % 60, 2);
  if (letter === "Z") return `${sign}${hh}${mm}`;
  return count === 1 ? `${sign}${hh}` : count === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

function field(letter: string, count: number, w: Wall, offsetMs: number): string {
  switch (letter) {
    case "y":
      return count === 2 ? pad(w.year % 100, 2) : pad(w.year, count);
    case "M":
      if (count >= 4) return MONTHS[w.month - 1] ?? "";
      if (count === 3) return (MONTHS[w.month - 1] ?? "").slice(0, 3);
      return pad(w.month, count);
    case "d":
      return pad(w.day, count);
    case "H":
      return pad(w.hour, count);
    case "h":
      return pad(w.hour % 12 === 0 ? 12 : w.hour % 12, count);
    case "m":
      return pad(w.minute, count);
    case "s":
      return pad(w.second, count);
    case "S":
      return pad(w.millisecond, count);
    case "E":
      return count >= 4 ? (DAYS[w.weekday] ?? "") : (DAYS[w.weekday] ?? "").slice(0, 3);
    case "u":
      return String(w.weekday === 0 ? 7 : w.weekday);
    case "a":
      return w.hour < 12 ? "AM" : "PM";
    case "Z":
    case "X":
      return offsetText(offsetMs, letter, count);
    case "z":
      return `GMT${offsetText(offsetMs, "X", 3).replace("Z", "+00:00")}`;
    default:
      throw new GasException(`Illegal pattern character '${letter}'`);
  }
}

/** Java SimpleDateFormat subset: y M d H h m s S E u a Z X z, quoted literals. */
export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  const offsetMs = zoneOffset(ms, timeZone);
  const w = wallFromUtcFields(ms + offsetMs);
  let out = "";
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern.charAt(i);
    if (ch === "'") {
      const close = pattern.indexOf("'", i + 1);
      const end = close === -1 ? pattern.length : close;
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end);
      i = end + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern.charAt(j) === ch) j++;
      out += field(ch, j - i, w, offsetMs);
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
