// Signs in on the API's /codec/login like a person would, turns on the UI's Data Encoder setting
// "include cross-origin credentials", opens one workflow and waits until its input reads decoded.
// Exits non-zero when the page never shows decoded input: the picture is proof, not decoration.
import { chromium } from 'playwright-core';

const [api, ui, workflowUrl, token, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const fail = async (message) => { console.error(message); await browser.close(); process.exit(1); };
try {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();

  await page.goto(`${api}/codec/login`);
  await page.fill('input[name=token]', token);
  await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
  if (!(await page.content()).includes('Signed in')) await fail('sign-in on /codec/login failed');

  await page.goto(ui);
  await page.evaluate((endpoint) => {
    localStorage.setItem('overrideRemoteCodecConfiguration', 'true');
    localStorage.setItem('endpoint', JSON.stringify(endpoint));
    localStorage.setItem('includeCredentials', 'true');
  }, `${api}/codec`);
  await page.goto(workflowUrl);
  // ConvergeRequest's field names appear only once the input is decoded.
  try {
    await page.getByText('"chart"', { exact: false }).first().waitFor({ timeout: 30000 });
  } catch (e) {
    await page.screenshot({ path: out, fullPage: true });
    await fail(`the workflow input never read decoded (screenshot of what it showed: ${out})`);
  }
  await page.screenshot({ path: out, fullPage: true });
  console.log(`decoded view of ${workflowUrl} written to ${out}`);
} finally {
  await browser.close();
}
