import { MARKER_KEYS, isMonthPeriod } from "@planops/shared";
import type { SheetMarker } from "./types.js";

/** The developer-metadata entries that make up a sheet's hidden marker. */
export function markerEntries(marker: SheetMarker): [key: string, value: string][] {
  return [
    [MARKER_KEYS.template, marker.templateId],
    [MARKER_KEYS.version, String(marker.version)],
    [MARKER_KEYS.period, marker.period],
  ];
}

/** Reads the marker back from a sheet's developer metadata; null unless all three keys are present and sane. */
export function parseMarker(entries: readonly { key: string; value: string | null }[]): SheetMarker | null {
  const value = (key: string) => entries.find((e) => e.key === key)?.value ?? null;
  const templateId = value(MARKER_KEYS.template);
  const version = Number(value(MARKER_KEYS.version));
  const period = value(MARKER_KEYS.period);
  if (!templateId || !Number.isInteger(version) || version < 1 || !period || !isMonthPeriod(period)) return null;
  return { templateId, version, period };
}
