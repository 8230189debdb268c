// Share links: the plan's JSON, deflate-raw compressed by the browser's own CompressionStream
// (no compression code in the wasm), in base64url. Kept tiny; called from src/ui/share.rs.

export async function deflateBase64url(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// Throws on text that is not base64url, not deflate-raw, not UTF-8, or that inflates past
// `limit` bytes (a link must not be able to exhaust memory): a RangeError for that last case
// only, which share.rs tells apart.
// The compressed bytes are fed in small pieces, so that no single output chunk can be large
// (deflate expands at most ~1032:1): reading stops, and is cancelled, soon after the limit.
export async function inflateBase64url(code, limit) {
  // Padding (`=`) is not part of base64url, but links that carry it are accepted.
  code = code.replace(/=+$/, '');
  if (!/^[A-Za-z0-9_-]*$/.test(code)) throw new Error('not base64url');
  const binary = atob(code.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const PIECE = 512;
  let offset = 0;
  const input = new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.subarray(offset, offset + PIECE));
      offset += PIECE;
    },
  });
  const reader = input.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new RangeError(`larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(all);
}

export async function copyText(text) {
  await navigator.clipboard.writeText(text);
}

// Puts HTML on the clipboard with its plain text beside it: Word and WPS keep the paragraphs,
// a plain editor gets the text.
export async function copyRich(html, text) {
  const item = new ClipboardItem({
    'text/html': new Blob([html], { type: 'text/html' }),
    'text/plain': new Blob([text], { type: 'text/plain' }),
  });
  await navigator.clipboard.write([item]);
}
