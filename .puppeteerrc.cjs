// lehtinen drives a system Chrome/Chromium (see src/browser/find.ts); Puppeteer's own browser download
// is skipped because many of our users' machines (and CI) cannot reach its download host.
// To use Puppeteer's managed Chrome instead: `npx puppeteer browsers install chrome`.
module.exports = { skipDownload: true };
