/**
 * Apps Script enums are singleton objects (compared by identity, `String(x)` gives the name),
 * not strings, so bundle code such as `type === SpreadsheetApp.ProtectionType.SHEET` must see
 * the same object every time.
 */
export class EnumValue<N extends string = string> {
  constructor(
    private readonly enumName: N,
    private readonly index: number,
  ) {}
  name(): N {
    return this.enumName;
  }
  ordinal(): number {
    return this.index;
  }
  toString(): N {
    return this.enumName;
  }
  toJSON(): N {
    return this.enumName;
  }
}

export type Enum<N extends string> = { readonly [K in N]: EnumValue<K> };

export function makeEnum<const N extends string>(names: readonly N[]): Enum<N> {
  const entries = names.map((name, i) => [name, new EnumValue(name, i)] as const);
  return Object.freeze(Object.fromEntries(entries)) as Enum<N>;
}

export const ProtectionType = makeEnum(["RANGE", "SHEET"]);
export type ProtectionTypeName = keyof typeof ProtectionType;

export const DataValidationCriteria = makeEnum([
  "DATE_AFTER",
  "DATE_BEFORE",
  "DATE_BETWEEN",
  "DATE_EQUAL_TO",
  "DATE_IS_VALID_DATE",
  "NUMBER_BETWEEN",
  "NUMBER_EQUAL_TO",
  "NUMBER_GREATER_THAN",
  "NUMBER_LESS_THAN",
  "TEXT_CONTAINS",
  "VALUE_IN_LIST",
  "VALUE_IN_RANGE",
  "CHECKBOX",
  "CUSTOM_FORMULA",
]);
export type CriteriaName = keyof typeof DataValidationCriteria;

export const ButtonSet = makeEnum(["OK", "OK_CANCEL", "YES_NO", "YES_NO_CANCEL"]);
export type ButtonSetName = keyof typeof ButtonSet;
export const Button = makeEnum(["CLOSE", "OK", "CANCEL", "YES", "NO"]);
export type ButtonName = keyof typeof Button;

export const AuthMode = makeEnum(["NONE", "CUSTOM_FUNCTION", "LIMITED", "FULL"]);
export type AuthModeName = keyof typeof AuthMode;

export const SandboxMode = makeEnum(["EMULATED", "IFRAME", "NATIVE"]);
export const XFrameOptionsMode = makeEnum(["ALLOWALL", "DEFAULT"]);
export const DigestAlgorithm = makeEnum(["MD2", "MD5", "SHA_1", "SHA_256", "SHA_384", "SHA_512"]);
export const Charset = makeEnum(["US_ASCII", "UTF_8"]);

/** Errors thrown by Apps Script services surface in scripts as `Exception: <message>`. */
export class GasException extends Error {
  override name = "Exception";
}
