/**
 * A request's body as text, or null once it passes maxBytes. It is read as a stream and given up at the first chunk
 * over the limit, so an oversized body costs at most maxBytes of reading and memory; a Content-Length over the limit
 * is refused before a byte is read.
 */
export async function readTextUpTo(request: Request, maxBytes: number): Promise<string | null> {
  if (Number(request.headers.get("content-length")) > maxBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined); // the client may be gone already; nothing is owed to it
      return null;
    }
    chunks.push(value);
  }
  // TextDecoder, as Request#text() decodes: UTF-8, a BOM dropped, bad bytes replaced.
  return new TextDecoder().decode(Buffer.concat(chunks));
}
