// Writes a large generated file line by line, waiting whenever the stream's buffer is full.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

export async function writeLines(path, header, count, line) {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
