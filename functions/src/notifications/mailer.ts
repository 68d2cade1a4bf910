import nodemailer from "nodemailer";
import type { SendMail } from "../platform/context.js";

/**
 * The delivery channel: SMTP. In production an SMTP relay (e.g. Google Workspace's
 * smtp-relay.gmail.com); locally the stack's own receiver. Same code either way.
 */
export function smtpSender(smtpUrl: string | undefined, from: string): SendMail {
  if (!smtpUrl) {
    return async () => {
      throw new Error("SMTP_URL is not configured; the message stays in the outbox");
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return async ({ to, subject, text }) => {
    await transport.sendMail({ from, to, subject, text });
  };
}
