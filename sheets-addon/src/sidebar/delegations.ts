/**
 * The 委托审批 section's calls: load with the list, delegate, revoke. The page's
 * own plumbing (busy state, status line, reloading the list) is passed in, so
 * main.ts only places the parts.
 */
import type { DelegationStrings } from "../i18n/delegation-messages.js";
import { actingBanner, type DelegationForm, type Delegations, delegationSection } from "./delegation-view.js";
import { h } from "./dom.js";
import { callServer } from "./rpc.js";

export interface PagePlumbing {
  whileBusy<T>(label: string, work: () => Promise<T>): Promise<T>;
  /** Shows a refusal or a failed call in the status line. */
  fail(error: unknown, retry: () => void): void;
  /** Shows an error of the page's own (a form left incomplete). */
  refuse(message: string): void;
  /** Reloads the list and this section, then says what was done. */
  reload(message: string): Promise<void>;
}

/** Loads the caller's delegations beside the list; null when that fails (the list still stands). */
export const loadDelegations = (): Promise<Delegations | null> => callServer("sidebarDelegations").catch(() => null);

/** The deputy's banner (for under the list's heading) and the manager's section (for under the list). */
export function delegationParts(
  page: PagePlumbing,
  t: DelegationStrings,
  data: Delegations | null,
): { banner: HTMLElement | null; section: HTMLElement | null } {
  if (!data) return { banner: null, section: h("p", { "data-testid": "delegation-load-failed", class: "gray section" }, t.loadFailed) };
  const delegate = async (form: DelegationForm, missing: HTMLElement[]): Promise<void> => {
    if (missing.length > 0) {
      for (const f of missing) f.setAttribute("aria-invalid", "true");
      missing[0]?.focus();
      page.refuse(t.incomplete);
      return;
    }
    let message: string;
    try {
      message = (await page.whileBusy(t.busy.delegating, () => callServer("sidebarDelegate", form))).message;
    } catch (error) {
      page.fail(error, () => void delegate(form, missing));
      return;
    }
    await page.reload(message);
  };
  const revoke = async (delegationId: string): Promise<void> => {
    let message: string;
    try {
      message = (await page.whileBusy(t.busy.revoking, () => callServer("sidebarRevokeDelegation", delegationId))).message;
    } catch (error) {
      page.fail(error, () => void revoke(delegationId));
      return;
    }
    await page.reload(message);
  };
  return {
    banner: actingBanner(t, data),
    section: delegationSection(t, data, { delegate: (form, missing) => void delegate(form, missing), revoke: (id) => void revoke(id) }),
  };
}
