import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { EmailChannel } from './email.channel';

interface Peer {
  server: SMTPServer;
  port: number;
  /** For each message: whether the session was encrypted (TLS from the start or after STARTTLS). */
  secure: boolean[];
}

/** A real SMTP peer; smtp-server brings its own self-signed certificate for TLS and STARTTLS. */
async function peer(options: SMTPServerOptions): Promise<Peer> {
  const secure: boolean[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    ...options,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        secure.push(session.secure);
        callback();
      });
    },
  });
  // a client that drops the connection during the TLS handshake (an untrusted certificate) is no failure of the peer
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, secure };
}

const message = {
  to: 'ann@example.com',
  subject: 'subject',
  text: 'text',
  html: '<p>text</p>',
  messageId: '<alert-delivery-1-1@uptake>',
  unsubscribeUrl: 'https://u.example/api/alerts/unsubscribe?token=t',
};

describe(EmailChannel.name, () => {
  const peers: Peer[] = [];
  const channels: EmailChannel[] = [];
  afterEach(async () => {
    for (const channel of channels.splice(0)) channel.close();
    for (const { server } of peers.splice(0)) await new Promise((resolve) => server.close(() => resolve(undefined)));
  });
  const start = async (options: SMTPServerOptions) => {
    const started = await peer(options);
    peers.push(started);
    return started;
  };
  const channel = (url: string) => {
    const sut = new EmailChannel(url, 'Uptake <u@example.com>');
    channels.push(sut);
    return sut;
  };
  // The test peer's certificate is self-signed: trust it for the test only (in production, NODE_EXTRA_CA_CERTS names an internal CA).
  const trustTestCertificate = 'tls.rejectUnauthorized=false';

  it('smtps:// speaks TLS from the first byte', async () => {
    const tls = await start({ secure: true });
    await channel(`smtps://127.0.0.1:${tls.port}?${trustTestCertificate}`).send(message);
    expect(tls.secure).toEqual([true]);
  });

  it('smtp:// upgrades with STARTTLS when the server offers it', async () => {
    const starttls = await start({});
    await channel(`smtp://127.0.0.1:${starttls.port}?${trustTestCertificate}`).send(message);
    expect(starttls.secure).toEqual([true]);
  });

  it('requireTLS=true refuses a server without STARTTLS; without it the message goes in clear', async () => {
    const plain = await start({ disabledCommands: ['STARTTLS'] });
    await expect(channel(`smtp://127.0.0.1:${plain.port}?requireTLS=true`).send(message)).rejects.toThrow(/STARTTLS/);
    expect(plain.secure).toEqual([]);
    await channel(`smtp://127.0.0.1:${plain.port}`).send(message);
    expect(plain.secure).toEqual([false]);
  });

  it('fails (to be retried) when the certificate is not trusted', async () => {
    const tls = await start({ secure: true });
    await expect(channel(`smtps://127.0.0.1:${tls.port}`).send(message)).rejects.toThrow(/certificate/i);
  });
});
