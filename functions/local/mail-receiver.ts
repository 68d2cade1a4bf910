import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  receivedAt: string;
}

export interface MailReceiver {
  smtpUrl: string;
  webUrl: string;
  messages(): ReceivedMail[];
  /** Resolves once `count` messages have arrived (or rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

function page(mails: readonly ReceivedMail[]): string {
  const items = [...mails]
    .reverse()
    .map(
      (m) =>
        `<article><h2>${esc(m.subject)}</h2><p class="meta">${esc(m.receivedAt)} · 收件人 To: ${esc(m.to.join(", "))}</p><pre>${esc(m.text)}</pre></article>`,
    )
    .join("");
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>本地通知 Local notifications</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:860px;margin:2em auto;color:#222}article{border:1px solid #ddd;border-radius:6px;padding:0 1em;margin:1em 0}.meta{color:#666;font-size:.9em}pre{white-space:pre-wrap;font-family:inherit}</style>
<h1>本地通知收件箱 · Local notification inbox (${mails.length})</h1>${items || "<p>暂无通知 · Nothing sent yet</p>"}</html>`;
}

/**
 * A real SMTP receiver for the local stack: the functions send through the same
 * SMTP code as in production; this keeps what arrives (in memory and, when given a
 * folder, in mail.jsonl) and shows it on a web page.
 */
export async function startMailReceiver(opts: { host?: string; smtpPort?: number; webPort?: number; dataDir?: string | null }): Promise<MailReceiver> {
  const host = opts.host ?? "127.0.0.1";
  const file = opts.dataDir ? join(opts.dataDir, "mail.jsonl") : null;
  const mails: ReceivedMail[] = [];
  if (file && existsSync(file)) {
    for (const line of readFileSync(file, "utf8").split("\n")) if (line.trim()) mails.push(JSON.parse(line) as ReceivedMail);
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const waiters: { count: number; resolve: (m: ReceivedMail[]) => void }[] = [];

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            receivedAt: new Date().toISOString(),
          };
          mails.push(mail);
          if (file) appendFileSync(file, JSON.stringify(mail) + "\n");
          for (const w of waiters.filter((x) => mails.length >= x.count)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve([...mails]);
          }
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  // A port that cannot be opened rejects (the error names it), instead of an unhandled 'error' event.
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(opts.smtpPort ?? 0, host, () => {
      smtp.off("error", reject);
      resolve();
    });
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const web: Server = createServer((req, res) => {
    if (req.url?.startsWith("/messages.json")) {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(mails));
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(mails));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      web.once("error", reject);
      web.listen(opts.webPort ?? 0, host, () => {
        web.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    await new Promise<void>((r) => smtp.close(() => r()));
    throw err;
  }
  const webPort = (web.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    webUrl: `http://${host}:${webPort}/`,
    messages: () => [...mails],
    waitFor(count, timeoutMs = 10_000) {
      if (mails.length >= count) return Promise.resolve([...mails]);
      return new Promise((resolve, reject) => {
        const w = { count, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`expected ${count} mails, got ${mails.length}`));
          }
        }, timeoutMs).unref();
      });
    },
    async stop() {
      await Promise.all([new Promise<void>((r) => smtp.close(() => r())), new Promise<void>((r) => web.close(() => r()))]);
    },
  };
}
