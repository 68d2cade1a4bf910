import type { MenuEntry } from "../menu.js";

/** Renders the menu under Extensions › <add-on name>. */
export function installAddonMenu(entries: readonly MenuEntry[]): void {
  const ui = SpreadsheetApp.getUi();
  const fill = (menu: GoogleAppsScript.Base.Menu, items: readonly MenuEntry[]) => {
    for (const entry of items) {
      if (entry.kind === "item") menu.addItem(entry.caption, entry.functionName);
      else if (entry.kind === "separator") menu.addSeparator();
      else menu.addSubMenu(fill(ui.createMenu(entry.caption), entry.items));
    }
    return menu;
  };
  fill(ui.createAddonMenu(), entries).addToUi();
}
