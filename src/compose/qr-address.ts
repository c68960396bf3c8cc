/**
 * A material's QR address is made of two config values: baseUrl and materials.<id>.qr.url (a template
 * with {baseUrl}, {lang}, {material}). When the address is too long, the message names the one that
 * made it long: the value that contributes the most characters.
 */
export const DEFAULT_QR_URL = '{baseUrl}/{lang}/{material}/';

export function qrAddress(template: string, baseUrl: string, lang: string, material: string): string {
  return template.replace('{baseUrl}', baseUrl.replace(/\/+$/, '')).replace('{lang}', lang).replace('{material}', material);
}

/** The config key to shorten: `baseUrl` or `materials.<id>.qr.url`. */
export function qrAddressKey(material: { id: string; qrUrl: string }, baseUrl: string): string {
  const own = `materials.${material.id}.qr.url`;
  if (material.qrUrl === DEFAULT_QR_URL) return 'baseUrl';
  if (!material.qrUrl.includes('{baseUrl}')) return own;
  const fromBase = baseUrl.length;
  const fromOwn = material.qrUrl.replace(/\{(baseUrl|lang|material)\}/g, '').length;
  return fromOwn >= fromBase ? own : 'baseUrl';
}
