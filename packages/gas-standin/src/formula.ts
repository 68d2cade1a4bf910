/**
 * A deliberately tiny formula evaluator: arithmetic on numeric literals (`=1/3`, `=2*(3+1)^2`,
 * `=50%`). Anything else (cell references, functions, strings) evaluates to `#ERROR!`, which
 * makes a bundle that relies on real formula results fail loudly here rather than silently.
 */
export type FormulaResult = number | "#ERROR!" | "#DIV/0!" | "#NUM!";

class ParseError extends Error {}
class DivZero extends Error {}

function tokenize(src: string): string[] {
  const tokens = src.match(/\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|[-+*/^()%]|\S/g) ?? [];
  if (tokens.join("") !== src.replace(/\s+/g, "")) throw new ParseError();
  return tokens;
}

function parse(tokens: string[]): number {
  let i = 0;
  const peek = () => tokens[i];
  const take = () => tokens[i++];

  const primary = (): number => {
    const t = take();
    if (t === "(") {
      const v = sum();
      if (take() !== ")") throw new ParseError();
      return v;
    }
    if (t !== undefined && /^[\d.]/.test(t)) return Number(t);
    throw new ParseError();
  };
  const postfix = (): number => {
    let v = primary();
    while (peek() === "%") {
      take();
      v /= 100;
    }
    return v;
  };
  // Sheets binds unary minus tighter than ^ (=-2^2 is 4) and evaluates ^ left to right.
  const unary = (): number => {
    const t = peek();
    if (t === "-" || t === "+") {
      take();
      return t === "-" ? -unary() : unary();
    }
    return postfix();
  };
  const power = (): number => {
    let v = unary();
    while (peek() === "^") {
      take();
      v = v ** unary();
    }
    return v;
  };
  const product = (): number => {
    let v = power();
    for (let op = peek(); op === "*" || op === "/"; op = peek()) {
      take();
      const rhs = power();
      if (op === "/" && rhs === 0) throw new DivZero();
      v = op === "*" ? v * rhs : v / rhs;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    for (let op = peek(); op === "+" || op === "-"; op = peek()) {
      take();
      const rhs = product();
      v = op === "+" ? v + rhs : v - rhs;
    }
    return v;
  };

  const result = sum();
  if (i !== tokens.length) throw new ParseError();
  return result;
}

/** Evaluates a formula including its leading `=`. */
export function evaluateFormula(formula: string): FormulaResult {
  try {
    const v = parse(tokenize(formula.slice(1)));
    return Number.isFinite(v) ? v : "#NUM!";
  } catch (e) {
    return e instanceof DivZero ? "#DIV/0!" : "#ERROR!";
  }
}
