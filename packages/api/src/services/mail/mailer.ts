import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import nodemailer from 'nodemailer';

export type MailMessage = { to: string; subject: string; text: string };

export type Mailer = {
  transport: 'eml' | 'smtp';
  send: (db: DbOrTx, message: MailMessage) => Promise<void>;
};

const FROM = '科学家精神教育基地工作办公室 <noreply@ssb.local>';

/** Writes each message as an RFC 5322 .eml file: the default when no SMTP server is configured. */
export function createEmlMailer(directory: string, from = FROM): Mailer {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    transport: 'eml',
    async send(db, message) {
      const info = await composer.sendMail({ from, ...message });
      await mkdir(directory, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = join(directory, `${stamp}-${message.to.replace(/[^a-z0-9@._-]/gi, '_')}.eml`);
      await writeFile(file, info.message as Buffer);
      await db.insert(schema.mailLog).values({ to: message.to, subject: message.subject, body: message.text, transport: 'eml', location: file });
    },
  };
}

export function createSmtpMailer(url: string, from = FROM): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    transport: 'smtp',
    async send(db, message) {
      const info = await transport.sendMail({ from, ...message });
      await db.insert(schema.mailLog).values({ to: message.to, subject: message.subject, body: message.text, transport: 'smtp', location: info.messageId });
    },
  };
}
