import type { Transporter } from "nodemailer";
import type { SendMail } from "../platform/context.js";

/**
 * The delivery channel: SMTP. In production an SMTP relay (e.g. Google Workspace's
 * smtp-relay.gmail.com); locally the stack's own receiver. Same code either way.
 * nodemailer is loaded with the first message, not with the functions: most
 * requests send none, and it is a sizeable part of what a cold start would load.
 */
export function smtpSender(smtpUrl: string | undefined, from: string): SendMail {
  if (!smtpUrl) {
    return async () => {
      throw new Error("SMTP_URL is not configured; the message stays in the outbox");
    };
  }
  let transport: Promise<Transporter> | undefined;
  const connect = (): Promise<Transporter> => {
    if (!transport) {
      transport = import("nodemailer").then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
      // A failed load is not kept: the next message tries again.
      transport.catch(() => {
        transport = undefined;
      });
    }
    return transport;
  };
  return async ({ to, subject, text }) => {
    await (await connect()).sendMail({ from, to, subject, text });
  };
}
