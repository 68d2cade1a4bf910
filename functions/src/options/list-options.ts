import type { OptionListId } from "@planops/shared";
import type { ListOptions } from "@planops/shared/api";
import { indicatorOptions } from "../operations/indicator-options.js";
import type { Call } from "../platform/context.js";

/** Where each configured list comes from: a new list is one line here and its name in OPTION_LISTS. */
const LISTS: Record<OptionListId, (call: Call) => Promise<ListOptions["options"]>> = {
  "operations-indicators": indicatorOptions,
};

/** The current entries of a configured list, for the dropdowns of a template's `configured` columns. */
export async function listOptions(call: Call, req: { list: OptionListId }): Promise<ListOptions> {
  return { list: req.list, options: await LISTS[req.list](call) };
}
