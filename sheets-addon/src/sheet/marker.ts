import { DOCUMENT_KINDS, type DocumentKind, MARKER_KEYS, findTemplate, parsePeriod } from "@planops/shared";
import type { SheetMarker } from "./types.js";

/** The developer-metadata entries that make up a sheet's hidden marker; a sheet without a period has no period key. */
export function markerEntries(marker: SheetMarker): [key: string, value: string][] {
  return [
    [MARKER_KEYS.template, marker.templateId],
    [MARKER_KEYS.version, String(marker.version)],
    ...(marker.period === null ? [] : [[MARKER_KEYS.period, marker.period] as [string, string]]),
  ];
}

/**
 * Reads the marker back from a sheet's developer metadata; null unless it names
 * a known template with a sane version and the period that template needs: a
 * year, quarter or month of the template's period kind (parsePeriod), or none
 * at all for a template without periods (the roster).
 */
export function parseMarker(entries: readonly { key: string; value: string | null }[], kinds: readonly DocumentKind[] = DOCUMENT_KINDS): SheetMarker | null {
  const value = (key: string) => entries.find((e) => e.key === key)?.value ?? null;
  const templateId = value(MARKER_KEYS.template);
  const version = Number(value(MARKER_KEYS.version));
  const period = value(MARKER_KEYS.period);
  const template = templateId ? findTemplate(templateId, kinds) : undefined;
  if (!templateId || !template || !Number.isInteger(version) || version < 1) return null;
  if (template.periodKind === null) return period === null || period === "" ? { templateId, version, period: null } : null;
  const parsed = period === null ? undefined : parsePeriod(period, template.periodKind);
  return parsed ? { templateId, version, period: parsed.id } : null;
}
