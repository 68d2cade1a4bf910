import type { Color, ColorStyle } from "../model.js";

/** Cell text is untrusted: everything put into the page goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const channel = (v: number | undefined) =>
  Math.round((v ?? 0) * 255)
    .toString(16)
    .padStart(2, "0");

/** A Sheets Color (0–1 floats, absent means 0) as CSS; a ColorStyle's rgbColor wins over the plain colour, as in Google. */
export function cssColor(color: Color | undefined, style?: ColorStyle): string | undefined {
  const c = style?.rgbColor ?? color;
  if (!c) return undefined;
  const hex = `#${channel(c.red)}${channel(c.green)}${channel(c.blue)}`;
  return c.alpha !== undefined && c.alpha < 1 ? `${hex}${channel(c.alpha)}` : hex;
}

export const FONT_STACK = `"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", Arial, sans-serif`;
