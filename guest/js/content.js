// @kami/tool content: rich results over kami:mcp/content@0.1.0 (world kami-tool-mcp).
// Its own module so a tool that returns only text does not import kami:mcp; build.mjs picks the world from what the
// bundle imports.
import { add } from 'kami:mcp/content@0.1.0';

function base64(data, what) {
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) {
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return btoa(binary);
  }
  throw new TypeError(`content.${what}: data must be a Uint8Array or a base64 string`);
}

function str(value, what) {
  if (typeof value !== 'string') throw new TypeError(`content.${what} must be a string`);
  return value;
}

// The host refuses a block with a reason (componentize-js throws the err case); the message is the host's.
function addBlock(block) {
  try {
    add(block);
  } catch (e) {
    throw new Error(`content: ${e?.payload ?? e?.message ?? e}`);
  }
}

/**
 * Adds blocks to the call's result, in order; the text run returns, when not empty, comes after them. Each throws
 * an Error with the host's reason when it refuses a block (a MIME type, base64, a URI, or a bound).
 */
export const content = {
  text(text) { addBlock({ tag: 'text', val: str(text, 'text: text') }); },
  image(mimeType, data) { addBlock({ tag: 'image', val: { mimeType: str(mimeType, 'image: mimeType'), dataBase64: base64(data, 'image') } }); },
  audio(mimeType, data) { addBlock({ tag: 'audio', val: { mimeType: str(mimeType, 'audio: mimeType'), dataBase64: base64(data, 'audio') } }); },
  link(uri, name, { mimeType, description } = {}) {
    addBlock({ tag: 'link', val: { uri: str(uri, 'link: uri'), name: str(name, 'link: name'), mimeType, description } });
  },
  resource(uri, { mimeType, text, data } = {}) {
    const body = text !== undefined ? { tag: 'text', val: str(text, 'resource: text') } : { tag: 'blob-base64', val: base64(data, 'resource') };
    addBlock({ tag: 'resource', val: { uri: str(uri, 'resource: uri'), mimeType, body } });
  },
};
