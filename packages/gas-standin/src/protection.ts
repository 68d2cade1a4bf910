/** SpreadsheetApp Protection over a ProtectionModel. */
import { type EnumValue, GasException, ProtectionType } from "./enums.js";
import { GasUser } from "./env.js";
import { PROTECTED_MESSAGE, type ProtectionModel } from "./model.js";
import { Range } from "./range.js";

function emailOf(user: unknown): string {
  return user instanceof GasUser ? user.getEmail() : String(user);
}

export class Protection {
  constructor(private readonly model: ProtectionModel) {}

  /** Only people who may edit the protected area may change or remove its protection. */
  private mutate(change: (m: ProtectionModel) => void): this {
    if (!this.canEdit()) throw new GasException(PROTECTED_MESSAGE);
    change(this.model);
    return this;
  }

  private editorSet(): Set<string> {
    return (this.model.editors ??= new Set(this.model.editorEmails().filter((e) => e !== this.model.sheet.doc.owner)));
  }

  getProtectionType(): EnumValue {
    return ProtectionType[this.model.type];
  }
  getDescription(): string {
    return this.model.description;
  }
  setDescription(description: string): this {
    return this.mutate((m) => (m.description = String(description)));
  }
  isWarningOnly(): boolean {
    return this.model.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    return this.mutate((m) => (m.warningOnly = Boolean(warningOnly)));
  }
  canDomainEdit(): boolean {
    return this.model.domainEdit;
  }
  setDomainEdit(editable: boolean): this {
    return this.mutate((m) => (m.domainEdit = Boolean(editable)));
  }
  getEditors(): GasUser[] {
    return this.model.editorEmails().map((e) => new GasUser(e));
  }
  /** The owner can never be removed, as in Sheets. */
  removeEditors(users: unknown[]): this {
    return this.mutate(() => {
      const set = this.editorSet();
      for (const u of users) set.delete(emailOf(u));
    });
  }
  removeEditor(user: unknown): this {
    return this.removeEditors([user]);
  }
  addEditor(user: unknown): this {
    return this.mutate(() => this.editorSet().add(emailOf(user)));
  }
  addEditors(users: unknown[]): this {
    return this.mutate(() => users.forEach((u) => this.editorSet().add(emailOf(u))));
  }
  canEdit(): boolean {
    return this.model.allows(this.model.sheet.doc.env.user.email);
  }
  getRange(): Range {
    return new Range(this.model.sheet, this.model.bounds ?? this.model.sheet.whole());
  }
  remove(): void {
    this.mutate((m) => {
      const list = m.sheet.protections;
      const i = list.indexOf(m);
      if (i >= 0) list.splice(i, 1);
    });
  }
}
