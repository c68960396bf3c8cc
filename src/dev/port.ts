/** The dev server's default port; apart from server.ts so the CLI names it without loading the server. */
export const DEFAULT_PORT = 4173;
