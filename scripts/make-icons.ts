// Renders the app icons (web/public/icons/*.svg) to the PNG sizes the web manifests list, in headless Chromium, so
// every install prompt has a bitmap icon. Run after changing an SVG: npx tsx scripts/make-icons.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './lib/tooling.js';

const DIR = resolve(import.meta.dirname, '../web/public/icons');
const browser = await chromium.launch({
  executablePath: await chromiumPath(),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const name of ['icon', 'icon-neutral']) {
    const svg = readFileSync(resolve(DIR, `${name}.svg`), 'utf8');
    for (const size of [192, 512]) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(
        `<body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`,
      );
      writeFileSync(resolve(DIR, `${name}-${size}.png`), await page.screenshot({ omitBackground: false }));
      await page.close();
    }
  }
} finally {
  await browser.close();
}
