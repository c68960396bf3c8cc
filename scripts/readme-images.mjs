// Composes docs/images/example-materials.webp from a built output/ (run `npm run example` first):
// the brochure outside in Finnish, the card in Skolt Sámi and the bookmark in North Sámi.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';

const manifest = JSON.parse(readFileSync('output/manifest.json', 'utf8'));
const png = (material, lang, page) =>
  'output/' + manifest.variants.find((v) => v.material === material && v.lang === lang).files.find((f) => f.kind === 'png' && f.page === page).path;

const H = 560;
const gap = 28;
const pieces = [
  [png('brochure', 'fi', 1), H],
  [png('card', 'sms', 1), Math.round(H * 0.42)],
  [png('card', 'sms', 2), Math.round(H * 0.42)],
  [png('bookmark', 'se', 1), H],
  [png('bookmark', 'se', 2), H],
];
const imgs = await Promise.all(pieces.map(async ([f, h]) => {
  const buf = await sharp(f).resize({ height: h }).png().toBuffer();
  const { width } = await sharp(buf).metadata();
  return { buf, width, height: h };
}));
// Layout: brochure | card front over card back | bookmark front | bookmark back
const col2 = Math.max(imgs[1].width, imgs[2].width);
const W = gap + imgs[0].width + gap + col2 + gap + imgs[3].width + gap + imgs[4].width + gap;
const composite = [];
let x = gap;
composite.push({ input: imgs[0].buf, left: x, top: gap }); x += imgs[0].width + gap;
composite.push({ input: imgs[1].buf, left: x, top: gap + 30 });
composite.push({ input: imgs[2].buf, left: x, top: gap + 30 + imgs[1].height + gap }); x += col2 + gap;
composite.push({ input: imgs[3].buf, left: x, top: gap }); x += imgs[3].width + gap;
composite.push({ input: imgs[4].buf, left: x, top: gap });
await sharp({ create: { width: W, height: H + 2 * gap, channels: 3, background: '#e9e6ea' } })
  .composite(composite)
  .webp({ quality: 86 })
  .toFile('docs/images/example-materials.webp');
console.log('wrote docs/images/example-materials.webp');
