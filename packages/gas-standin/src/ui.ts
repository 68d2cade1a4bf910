/** SpreadsheetApp.getUi(): menus, sidebars, dialogs and alerts, recorded for tests to inspect. */
import { Button, type ButtonName, ButtonSet, type ButtonSetName, type EnumValue, GasException } from "./enums.js";
import type { Env } from "./env.js";
import { HtmlOutput } from "./html.js";

export type MenuEntry =
  | { kind: "item"; caption: string; functionName: string }
  | { kind: "separator" }
  | { kind: "submenu"; caption: string; entries: MenuEntry[] };

export interface MenuRecord {
  caption: string;
  /** true for createAddonMenu() (shown under Extensions › add-on name). */
  addon: boolean;
  entries: MenuEntry[];
}

export interface DialogRecord {
  kind: "sidebar" | "modal" | "modeless";
  title: string;
  html: string;
}

export interface AlertRecord {
  title: string;
  prompt: string;
  buttons: ButtonSetName;
  answer: ButtonName;
}

export interface PromptRecord extends AlertRecord {
  /** What the user typed. */
  text: string;
}

/** What the user does with an upcoming prompt: types `text`, then clicks `button` (default: the set's first). */
export interface PromptAnswer {
  text: string;
  button?: ButtonName;
}

/** Everything the scripts showed, plus the answers tests queue for upcoming alerts and prompts. */
export class UiLog {
  readonly menus: MenuRecord[] = [];
  readonly dialogs: DialogRecord[] = [];
  readonly alerts: AlertRecord[] = [];
  readonly prompts: PromptRecord[] = [];
  readonly pendingAnswers: ButtonName[] = [];
  readonly pendingPrompts: PromptAnswer[] = [];

  get sidebar(): DialogRecord | undefined {
    const sidebars = this.dialogs.filter((d) => d.kind === "sidebar");
    return sidebars[sidebars.length - 1];
  }
}

export class Menu {
  readonly entries: MenuEntry[] = [];
  constructor(
    private readonly log: UiLog,
    readonly caption: string,
    private readonly addon: boolean,
  ) {}
  addItem(caption: string, functionName: string): this {
    this.entries.push({ kind: "item", caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): this {
    this.entries.push({ kind: "separator" });
    return this;
  }
  addSubMenu(menu: Menu): this {
    if (!(menu instanceof Menu)) throw new GasException("Invalid argument: menu");
    this.entries.push({ kind: "submenu", caption: menu.caption, entries: structuredClone(menu.entries) });
    return this;
  }
  /** Re-adding a menu with the same caption replaces it (as a fresh onOpen would). */
  addToUi(): void {
    const record = { caption: this.caption, addon: this.addon, entries: structuredClone(this.entries) };
    const i = this.log.menus.findIndex((m) => m.caption === record.caption && m.addon === record.addon);
    if (i >= 0) this.log.menus.splice(i, 1, record);
    else this.log.menus.push(record);
  }
}

const FIRST_BUTTON: Record<ButtonSetName, ButtonName> = { OK: "OK", OK_CANCEL: "OK", YES_NO: "YES", YES_NO_CANCEL: "YES" };

export class Ui {
  constructor(
    private readonly log: UiLog,
    private readonly env: Env,
    private readonly addonName: string,
  ) {}
  get ButtonSet() {
    return ButtonSet;
  }
  get Button() {
    return Button;
  }
  createMenu(caption: string): Menu {
    return new Menu(this.log, String(caption), false);
  }
  createAddonMenu(): Menu {
    return new Menu(this.log, this.addonName, true);
  }
  private show(kind: DialogRecord["kind"], method: string, output: HtmlOutput, title?: string): void {
    this.env.need(`Ui.${method}`, "FULL", "script.container.ui");
    if (!(output instanceof HtmlOutput)) throw new GasException(`Invalid argument: userInterface`);
    this.log.dialogs.push({ kind, title: title ?? output.getTitle(), html: output.getContent() });
  }
  showSidebar(userInterface: HtmlOutput): void {
    this.show("sidebar", "showSidebar", userInterface);
  }
  showModalDialog(userInterface: HtmlOutput, title: string): void {
    this.show("modal", "showModalDialog", userInterface, String(title));
  }
  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    this.show("modeless", "showModelessDialog", userInterface, String(title));
  }
  /**
   * alert(prompt) · alert(prompt, buttons) · alert(title, prompt, buttons). Answers come from
   * the queue tests fill; with none queued the user clicks the set's first button (OK / YES).
   */
  alert(a: string, b?: string | EnumValue, c?: EnumValue): EnumValue {
    const [title, prompt, set] = typeof b === "string" ? [a, b, c] : ["", a, b];
    const buttons = (set?.name() ?? "OK") as ButtonSetName;
    const answer = this.log.pendingAnswers.shift() ?? FIRST_BUTTON[buttons];
    this.log.alerts.push({ title: String(title), prompt: String(prompt), buttons, answer });
    return Button[answer];
  }
  /**
   * prompt(prompt) · prompt(prompt, buttons) · prompt(title, prompt, buttons), answered from the
   * queue tests fill; with none queued the user types nothing and clicks the set's first button.
   */
  prompt(a: string, b?: string | EnumValue, c?: EnumValue): PromptResponse {
    const [title, prompt, set] = typeof b === "string" ? [a, b, c] : ["", a, b];
    const buttons = (set?.name() ?? "OK") as ButtonSetName;
    const next = this.log.pendingPrompts.shift() ?? { text: "" };
    const answer = next.button ?? FIRST_BUTTON[buttons];
    this.log.prompts.push({ title: String(title), prompt: String(prompt), buttons, answer, text: next.text });
    return new PromptResponse(next.text, answer);
  }
}

/** Ui.prompt's answer: the text typed and the button clicked. */
export class PromptResponse {
  constructor(
    private readonly text: string,
    private readonly button: ButtonName,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): EnumValue {
    return Button[this.button];
  }
}
