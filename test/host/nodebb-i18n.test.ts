import assert from 'node:assert/strict';
import { FileTranslator, txHelper } from './translator';
import { tokenHelpers } from './template-helpers';
import { translationToken } from '../../lib/kernel/errors';

/*
 * The fake forum's translator and `tx` helper against NodeBB 4.15.1. The expected outputs below were
 * produced by running NodeBB 4.15.1's own public/src/modules/translator.common.js and helpers.common.js
 * (with its utils.common.js) on these inputs, with the table TABLE as the `t` namespace. What they show:
 * the helper escapes text that is not a key but translates any text that is one (also as an argument);
 * the translator leaves text outside tokens raw; arguments are escaped; `&#91;` is decoded (so it does not
 * keep user text from being a key) while `&lsqb;` is not.
 */
const TABLE = {"plain":"Plain","by":"by %1","two":"%1 and %2","link":"<a href=\"%1\">go</a>","nested":{"deep":"Deep"},"html":"<b>%1</b>"};

// [arguments of {{tx(…)}}, what NodeBB 4.15.1 outputs]
const HELPER: [unknown[], string][] = [
  [["<img src=x onerror=alert(1)>\"'{{}}[[t:plain]]%1"], "&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&quot;&#x27;{{}}[[t:plain]]%1"],
  [["t:plain"], "Plain"],
  [["[[t:plain]]"], "Plain"],
  [["t:by, <b>x</b>"], "by &lt;b&gt;x&lt;/b&gt;"],
  [["[[t:by, a,b]]"], "by a"],
  [["t:nope"], "t:nope"],
  [["[[t:nope]]"], "[[t:nope]]"],
  [["  spaced   out  "], "spaced out"],
  [["&lt;b&gt; &amp;amp; &#60;i&#62; &#x3C;u&#x3E;"], "&lt;b&gt; &amp;amp; &lt;i&gt; &lt;u&gt;"],
  [["a=b `c`"], "a&#x3D;b &#x60;c&#x60;"],
  [["t:by","<img src=x onerror=alert(1)>\"'{{}}[[t:plain]]%1"], "by &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&quot;&#x27;{{}}[[t:plain]]&#37;1"],
  [["t:by","[[t:plain]]"], "by Plain"],
  [["t:by","&lsqb;&lsqb;t:plain&rsqb;&rsqb;"], "by &lsqb;&lsqb;t:plain&rsqb;&rsqb;"],
  [["t:by","50%1 %2"], "by 50&#37;1 &#37;2"],
  [["t:by","a\\,b"], "by a&#44;b"],
  [["t:two","x","y"], "x and y"],
  [["t:link","javascript:alert(1)"], "<a href=\"\">go</a>"],
  [["t:link","//evil.example/x"], "<a href=\"\">go</a>"],
  [["t:link","https://ok.example/"], "<a href=\"https://ok.example/\">go</a>"],
  [["t:nested.deep"], "Deep"],
  [["t:html","<i>"], "<b>&lt;i&gt;</b>"],
  [["x&amp;lsqb;"], "x&lsqb;"],
  [["t:by",7], "by 7"],
  [["nons"], "nons"],
  [["t:"], "t:"],
  [[":x"], ":x"],
  [["t:plain:extra"], "Plain"],
];

// [text given to translator.translate, what NodeBB 4.15.1 returns]
const TRANSLATE: [string, string][] = [
  ["<img src=x onerror=alert(1)>\"'{{}}[[t:plain]]%1", "<img src=x onerror=alert(1)>\"'{{}}Plain%1"],
  ["[[t:by, <img src=x onerror=alert(1)>\"'{{}}[[t:plain]]%1]]", "by &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&quot;&#x27;{{}}[[t:plain]]&#37;1"],
  ["[[t:by, <b>a</b>, ignored]]", "by &lt;b&gt;a&lt;/b&gt;"],
  ["before [[t:plain]] after <i>raw</i>", "before Plain after <i>raw</i>"],
  ["[[t:nope]] [[t:nope, <b>]]", "[[t:nope]] [[t:nope, &lt;b&gt;]]"],
  ["[[t:by, [[t:plain]]]]", "by Plain"],
  ["[[t:by, &lsqb;&lsqb;t:plain&rsqb;&rsqb;]]", "by &lsqb;&lsqb;t:plain&rsqb;&rsqb;"],
  ["[[t:by, &#91;&#91;t:plain&#93;&#93;]]", "by Plain"],
  ["[[t:by, 50&#37;1]]", "by 50&#37;1"],
  ["[[t:by, a&#44;b]]", "by a,b"],
  ["[[t:two, x]]", "x and %2"],
  ["[[t:link, javascript:alert(1)]]", "<a href=\"\">go</a>"],
  ["[[bad token]] [[t:plain] [[t:by, x", "[[bad token]] [[t:plain] [[t:by, x"],
  ["[[t:by, <img src=x onerror=alert(1)>\"'{{}}&lsqb;&lsqb;t:plain&rsqb;&rsqb;&#37;1]]", "by &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&quot;&#x27;{{}}&lsqb;&lsqb;t:plain&rsqb;&rsqb;&#37;1"],
  ["[[t:by, <img src=x onerror=alert(1)>\"'{{}}&lsqb;&lsqb;t:plain&rsqb;&rsqb;&#37;1]]", "by &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&quot;&#x27;{{}}&lsqb;&lsqb;t:plain&rsqb;&rsqb;&#37;1"],
  ["[[t:two, a&#44;b, [[t:plain]]]]", "a,b and Plain"],
];

// [a page's title, what NodeBB 4.15.1's translator.translateKey(title, [], lang) gives (controllers/helpers buildTitle)]
const TITLE: [string, string][] = [
  ["t:plain", "Plain"],
  ["[[t:by, <b>x</b>]]", "by &lt;b&gt;x&lt;/b&gt;"],
  ["t:by,ЖЯ", "by ЖЯ"],
  ["Mug <b>", "Mug &lt;b&gt;"],
  ["[[t:nope]]", "[[t:nope]]"],
  ["plain text, with comma", "plain text, with comma"],
  ["[[t:by, &lsqb;&lsqb;t:plain&rsqb;&rsqb;]]", "by &lsqb;&lsqb;t:plain&rsqb;&rsqb;"],
];

describe('fake host: translation as NodeBB 4.15.1 does it', function () {
  const i18n = { t: TABLE };

  it('the tx helper: unknown text escaped, known keys translated (also from user text), arguments escaped', function () {
    for (const [args, expected] of HELPER) {
      assert.equal(txHelper.call({ _i18n: i18n }, ...(args as [unknown, ...unknown[]])), expected, `tx(${JSON.stringify(args)})`);
    }
  });

  it('the helper registered for templates is that helper when the page has its _i18n', function () {
    const { tx, bonusTx } = tokenHelpers();
    for (const [args, expected] of HELPER) assert.equal(tx!.call({ _i18n: i18n }, ...args), expected, `tx(${JSON.stringify(args)})`);
    assert.equal(bonusTx!.call({ _i18n: i18n }, 't:', 'by', '<b>'), 'by &lt;b&gt;');
  });

  it('the translator: tokens translated, other text left raw, arguments escaped', function () {
    const translator = new FileTranslator(i18n);
    for (const [text, expected] of TRANSLATE) assert.equal(translator.translateSync(text, 'en-GB'), expected, `translate(${JSON.stringify(text)})`);
  });

  it('a page title is read as one key, as NodeBB builds titles', function () {
    const translator = new FileTranslator(i18n);
    for (const [text, expected] of TITLE) assert.equal(translator.translateKeySync(text, 'en-GB'), expected, `translateKey(${JSON.stringify(text)})`);
  });
});

describe('plugin translation tokens with user text', function () {
  it('an argument is shown as written, escaped, and never translated as a key', function () {
    const translator = new FileTranslator({ t: TABLE });
    const hostile = `<img src=x onerror=alert(1)>"'{{}}[[t:plain]]%1`;
    // NodeBB's translator.compile gives this for the same argument (see TRANSLATE above)
    assert.equal(translator.translateSync(translationToken('by', [hostile], 't'), 'en-GB'), 'by &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&quot;&#x27;{{}}&lsqb;&lsqb;t:plain&rsqb;&rsqb;&#37;1');
    assert.equal(translator.translateSync(translationToken('by', ['[[t:plain]]'], 't'), 'en-GB'), 'by &lsqb;&lsqb;t:plain&rsqb;&rsqb;');
    assert.equal(translator.translateSync(translationToken('two', ['a, b]]', 'c'], 't'), 'en-GB'), 'a, b&rsqb;&rsqb; and c');
  });
});
