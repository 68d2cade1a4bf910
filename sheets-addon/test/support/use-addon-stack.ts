import { afterAll, beforeAll } from "vitest";
import { buildAddon, type BuiltAddon } from "./built-addon.js";
import { startRemoteStack, type RemoteStack } from "./remote-stack.js";

/**
 * For a test file: builds the add-on and starts the backend in beforeAll (in
 * parallel), stops the backend in afterAll. Read `addon` and `stack` inside tests.
 */
export function useAddonAndStack(): { readonly addon: BuiltAddon; readonly stack: RemoteStack } {
  let addon: BuiltAddon | undefined;
  let stack: RemoteStack | undefined;
  beforeAll(async () => {
    [addon, stack] = await Promise.all([buildAddon(), startRemoteStack()]);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the add-on and backend start in beforeAll; use them inside tests");
    return value;
  };
  return {
    get addon() {
      return started(addon);
    },
    get stack() {
      return started(stack);
    },
  };
}
