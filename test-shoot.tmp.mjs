import { chromium } from 'playwright';
const url = process.argv[2];
const out = '/tmp/addshots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [width, lang, scheme] of [[360,'en','light'],[1024,'de','dark'],[420,'zh-CN','light']]) {
  const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: lang, colorScheme: scheme });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForTimeout(1500);
  await page.locator('header button.primary').first().click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/chooser-${width}-${lang}.png`, fullPage: true });
  const tiles = page.locator('.method-tile');
  for (const i of [5, 6, 4]) {
    await tiles.nth(i).click();
    await page.waitForTimeout(500);
    if (i === 5) { await page.locator('.format-option').first().click(); await page.waitForTimeout(200); }
    await page.screenshot({ path: `${out}/method${i}-${width}-${lang}.png`, fullPage: true });
    await page.locator('.method-back').click();
  }
  const sw = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  console.log(width, lang, 'sideways', sw);
  await ctx.close();
}
await browser.close();
