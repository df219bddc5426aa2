// Loads the site that `smtp-codes site` wrote in a real browser (Debian's Chromium, headless)
// from disk, as a reader would open it, and checks what only a browser can tell: the search
// runs and finds what it should, pages lay out right to left where the language is, no page
// has a script error, and the HTML is valid. Screenshots go to --screenshots DIR.
//
//   node scripts/site-check/check.mjs SITE_DIR [--report REPORT.html] [--screenshots DIR]
//
// With --report, the page `smtp-codes scan --html` wrote is loaded too: its chart must be drawn.
//
// scripts/test builds the site and runs this; .ci/run installs Chromium and `npm ci` here.
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { HtmlValidate, FileSystemConfigLoader } from "html-validate";

const args = process.argv.slice(2);
const site = args[0];
const shotsAt = args.indexOf("--screenshots");
const shots = shotsAt >= 0 ? args[shotsAt + 1] : null;
const reportAt = args.indexOf("--report");
const reportFile = reportAt >= 0 ? args[reportAt + 1] : null;
if (!site || !existsSync(join(site, "index.html"))) {
  console.error("usage: check.mjs SITE_DIR [--screenshots DIR] (SITE_DIR from `smtp-codes site`)");
  process.exit(2);
}
const url = (path) => pathToFileURL(resolve(site, path)).href;
let failures = 0;
function check(ok, what) {
  if (ok) {
    console.log(`ok    ${what}`);
  } else {
    failures += 1;
    console.log(`FAIL  ${what}`);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await desktop.newPage();
const errors = [];
page.on("pageerror", (err) => errors.push(`${page.url()}: ${err.message}`));
page.on("console", (msg) => {
  if (msg.type() === "error") errors.push(`${page.url()}: ${msg.text()}`);
});

// Searching as you type.
async function results(query) {
  await page.fill("#q", query);
  return page.$$eval("#result-list li", (items) => items.map((li) => li.textContent));
}
await page.goto(url("en/index.html"));
check(await page.isHidden("#results"), "no results before a search");
const dmarc = await results("5.7.26");
check(dmarc.length > 0 && dmarc[0].startsWith("X.7.26"), `5.7.26 finds X.7.26 first (${dmarc[0]})`);
const grey = await results("greylist");
check(grey.some((r) => r.startsWith("450 ")), `greylist finds 450 (${grey.length} results)`);
check((await results("no-such-word-at-all")).length === 0, "a word nowhere finds nothing");
check(await page.isVisible("#results"), "results are shown while a query is typed");

// The search box of another page sends its words to the index.
await page.goto(url("en/code/550.html"));
await page.fill("#q", "mailbox full");
await Promise.all([page.waitForNavigation(), page.press("#q", "Enter")]);
const sent = await page.$$eval("#result-list li", (items) => items.map((li) => li.textContent));
check(page.url().includes("index.html?q=mailbox"), `a code page's search opens the index (${page.url()})`);
check(sent.some((r) => r.startsWith("mailboxfull")), "and shows its results");

// Following links works from disk: a code page to its comparison and back.
await page.goto(url("en/code/450.html"));
await Promise.all([page.waitForNavigation(), page.click("a[href$='compare/450-550.html']")]);
check(page.url().endsWith("compare/450-550.html"), "a related code's comparison opens");
check((await page.textContent("h1")).includes("450") && (await page.textContent("h1")).includes("550"), "the comparison names both codes");

// Direction: every language's comparison page lays out as its language reads.
const languages = readdirSync(site).filter((d) => existsSync(join(site, d, "index.html")));
check(languages.length >= 1, `languages: ${languages.join(" ")}`);
for (const tag of languages) {
  await page.goto(url(`${tag}/compare/450-550.html`));
  const dir = await page.evaluate(() => getComputedStyle(document.documentElement).direction);
  const lang = await page.evaluate(() => document.documentElement.lang);
  const expected = tag === "ar" ? "rtl" : "ltr";
  check(dir === expected && lang === tag, `${tag}: lang=${lang}, laid out ${dir}`);
}

// Every link of every English and Arabic page, as the browser resolves it, leads to a file of
// the site (smtp-codes-cli/tests/site.rs checks every language's files without a browser).
let links = 0;
const broken = [];
for (const tag of ["en", "ar"].filter((t) => languages.includes(t))) {
  for (const file of htmlFiles(join(site, tag))) {
    await page.goto(pathToFileURL(resolve(file)).href);
    const hrefs = await page.$$eval("a[href], link[href], script[src]", (nodes) =>
      nodes.map((n) => n.href || n.src),
    );
    for (const href of hrefs) {
      if (!href.startsWith("file:")) continue;
      links += 1;
      const target = decodeURIComponent(new URL(href).pathname);
      if (!existsSync(target)) broken.push(`${file} -> ${href}`);
    }
  }
}
check(broken.length === 0 && links > 1000, `${links} links in the browser, ${broken.length} broken${broken.length ? ": " + broken.slice(0, 5).join("; ") : ""}`);

// The scan report: a page of its own, its chart drawn with bars of each disposition.
if (reportFile) {
  await page.goto(pathToFileURL(resolve(reportFile)).href);
  const bars = await page.$$eval("svg rect", (rects) => rects.length);
  const box = await page.$eval("svg", (svg) => svg.getBoundingClientRect().height);
  check(bars >= 20 && box > 100, `the report's chart has ${bars} bars, ${Math.round(box)} px high`);
  const colours = await page.$$eval("svg rect", (rects) => new Set(rects.map((r) => r.getAttribute("fill"))).size);
  check(colours >= 3, `and ${colours} dispositions`);
}

// Screenshots, to look at.
if (shots) {
  mkdirSync(shots, { recursive: true });
  const take = async (path, name, context = desktop) => {
    const p = await context.newPage();
    await p.goto(url(path));
    await p.screenshot({ path: join(shots, name), fullPage: false });
    await p.close();
  };
  await take("en/index.html", "index.png");
  await take("en/code/550.html", "code-550.png");
  await take("en/compare/450-550.html", "compare-450-550.png");
  if (languages.includes("ar")) await take("ar/compare/450-550.html", "compare-450-550-ar.png");
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await take("en/code/550.html", "code-550-phone.png", phone);
  if (reportFile) {
    const p = await desktop.newPage();
    await p.goto(pathToFileURL(resolve(reportFile)).href);
    await p.screenshot({ path: join(shots, "report.png"), fullPage: true });
    await p.close();
  }
  console.log(`screenshots in ${shots}`);
}
check(errors.length === 0, `no script errors${errors.length ? ": " + errors.join("; ") : ""}`);
await browser.close();

// Valid HTML: every page, by html-validate's recommended rules.
function htmlFiles(dir, into = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) htmlFiles(path, into);
    else if (name.endsWith(".html")) into.push(path);
  }
  return into;
}
const validator = new HtmlValidate(new FileSystemConfigLoader({ extends: ["html-validate:recommended"] }));
const files = htmlFiles(site).concat(reportFile ? [reportFile] : []);
let invalid = 0;
for (const file of files) {
  const report = await validator.validateFile(file);
  if (!report.valid) {
    invalid += 1;
    if (invalid <= 5) {
      for (const result of report.results) {
        for (const m of result.messages.slice(0, 5)) {
          console.log(`      ${file}:${m.line}:${m.column}: ${m.ruleId}: ${m.message}`);
        }
      }
    }
  }
}
check(invalid === 0, `valid HTML: ${files.length - invalid} of ${files.length} pages`);

if (failures) {
  console.log(`site-check: ${failures} checks failed`);
  process.exit(1);
}
console.log("site-check: every check passed");
