/**
 * The render sandbox's address space. Documents are served from an origin under the reserved .invalid
 * TLD (RFC 2606), so a request that somehow escaped interception could not resolve anywhere.
 */
export const SANDBOX_ORIGIN = 'https://workspace.lehtinen.invalid';
export const DOCUMENT_PATH = '/__document.html';

/** URL under which the sandbox serves a workspace-relative file. */
export function sandboxUrl(rel: string): string {
  return `${SANDBOX_ORIGIN}/${rel.split('/').map(encodeURIComponent).join('/')}`;
}
