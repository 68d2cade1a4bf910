import type { ListOptions } from "@planops/shared/api";
import type { Call } from "../platform/context.js";
import { loadIndicators } from "./indicators.js";

/**
 * The 运营数据 sheet's 指标 dropdown: the active indicators as "code name", the
 * form submit-data reads back by its first word. Codes and names only, so anyone
 * in the roster may have them; submitting data stays with those who keep it.
 */
export async function indicatorOptions({ deps }: Call): Promise<ListOptions["options"]> {
  const { active } = await loadIndicators(deps.db);
  return active.map((i) => ({ value: i.code, label: { zh: `${i.code} ${i.name.zh}`, en: `${i.code} ${i.name.en}` } }));
}
