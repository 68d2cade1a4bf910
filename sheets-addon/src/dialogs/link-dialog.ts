import type { Lang } from "@planops/shared";

/** A small page for a modal dialog: a heading, a few facts, one link to open in a new tab, notes, and 关闭. */
export interface LinkDialog {
  lang: Lang;
  heading: string;
  facts: readonly (readonly [label: string, value: string])[];
  link: { href: string; text: string; hint: string };
  notes: readonly string[];
  /** Shown instead of the link when its address is not a web address. */
  noLink: string;
  close: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** Only http(s) may become a link: an address from the backend is still text, and "javascript:" must never run. */
export function isWebAddress(href: string): boolean {
  return /^https?:\/\/[^\s"'<>]+$/i.test(href);
}

const STYLE = `body{font:13px/1.5 Roboto,Arial,"Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#202124;margin:0;padding:4px 8px}
h1{font-size:16px;font-weight:500;margin:0 0 12px}dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0 0 16px}
dt{color:#5f6368}dd{margin:0;overflow-wrap:anywhere}.open{display:inline-block;background:#1a73e8;color:#fff;border-radius:4px;padding:8px 16px;text-decoration:none;font-weight:500}
.hint,.note{color:#5f6368;font-size:12px}.note{margin:12px 0 0}.buttons{margin-top:16px;text-align:right}
button{background:#fff;border:1px solid #dadce0;border-radius:4px;color:#1a73e8;font:inherit;font-weight:500;padding:6px 16px;cursor:pointer}`;

/**
 * The dialog's whole page. Every text is escaped (names and titles come from
 * sheets anyone may edit); the link opens in a new tab, away from the dialog's frame.
 */
export function linkDialogHtml(dialog: LinkDialog): string {
  const facts = dialog.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join("");
  const link = isWebAddress(dialog.link.href)
    ? `<p><a class="open" data-testid="dialog-link" href="${escapeHtml(dialog.link.href)}" target="_blank" rel="noopener">${escapeHtml(dialog.link.text)} ↗</a> <span class="hint">${escapeHtml(dialog.link.hint)}</span></p>`
    : `<p data-testid="dialog-no-link">${escapeHtml(dialog.noLink)}</p>`;
  const notes = dialog.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("");
  return `<!doctype html><html lang="${dialog.lang === "en" ? "en" : "zh-CN"}"><head><meta charset="utf-8"><base target="_top"><style>${STYLE}</style></head><body>
<h1>${escapeHtml(dialog.heading)}</h1><dl>${facts}</dl>${link}${notes}
<div class="buttons"><button type="button" onclick="google.script.host.close()">${escapeHtml(dialog.close)}</button></div></body></html>`;
}
