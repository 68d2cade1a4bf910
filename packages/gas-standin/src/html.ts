/** HtmlService and HtmlOutput. Files are read from the built add-on's dist folder. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GasException, SandboxMode, XFrameOptionsMode } from "./enums.js";

export class HtmlOutput {
  private title = "";
  private width: number | null = null;
  private height: number | null = null;
  constructor(private content: string) {}
  getContent(): string {
    return this.content;
  }
  setContent(content: string): this {
    this.content = String(content);
    return this;
  }
  append(addedContent: string): this {
    this.content += String(addedContent);
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): this {
    this.title = String(title);
    return this;
  }
  getWidth(): number | null {
    return this.width;
  }
  setWidth(width: number): this {
    this.width = width;
    return this;
  }
  getHeight(): number | null {
    return this.height;
  }
  setHeight(height: number): this {
    this.height = height;
    return this;
  }
  /** Sandbox and framing modes do not change what the stand-in serves. */
  setSandboxMode(): this {
    return this;
  }
  setXFrameOptionsMode(): this {
    return this;
  }
}

export class HtmlService {
  constructor(private readonly distDir: string) {}
  get SandboxMode() {
    return SandboxMode;
  }
  get XFrameOptionsMode() {
    return XFrameOptionsMode;
  }
  createHtmlOutput(html = ""): HtmlOutput {
    return new HtmlOutput(String(html));
  }
  /** Apps Script accepts the file name with or without its .html extension. */
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    const base = String(filename).replace(/\.html$/, "");
    const path = join(this.distDir, `${base}.html`);
    if (!existsSync(path)) throw new GasException(`No HTML file named ${base} was found.`);
    return new HtmlOutput(readFileSync(path, "utf8"));
  }
}
