import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_NOTIFICATION_TYPES, MEMBER_NOTIFICATION_TYPES, settingName } from '../lib/modules/publishing/notification-types';

/**
 * Every language has every key; every key the code, templates and client modules name exists; no
 * template shows text that is not a translation token.
 */
const root = path.resolve(__dirname, '../..');
const LANGS = ['en-GB', 'ru'];

function files(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p, ext) : e.name.endsWith(ext) ? [p] : [];
  });
}

/** namespace ('bonus', 'admin/plugins/bonus') -> language -> strings */
function loadLanguages(): Map<string, Map<string, Record<string, string>>> {
  const out = new Map<string, Map<string, Record<string, string>>>();
  for (const lang of LANGS) {
    const base = path.join(root, 'languages', lang);
    for (const file of files(base, '.json')) {
      const ns = path.relative(base, file).replace(/\\/g, '/').replace(/\.json$/, '');
      if (!out.has(ns)) out.set(ns, new Map());
      out.get(ns)!.set(lang, JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>);
    }
  }
  return out;
}

describe('i18n', function () {
  const languages = loadLanguages();

  it('has the bonus and admin namespaces', function () {
    assert.ok(languages.has('bonus'));
    assert.ok(languages.has('admin/plugins/bonus'));
  });

  it('en-GB and ru have identical key sets in every namespace, with non-empty strings', function () {
    for (const [ns, byLang] of languages) {
      const en = byLang.get('en-GB');
      const ru = byLang.get('ru');
      assert.ok(en && ru, `${ns}: missing in a language`);
      assert.deepEqual(Object.keys(ru).sort(), Object.keys(en).sort(), `${ns}: key sets differ`);
      for (const [lang, strings] of byLang) {
        for (const [key, value] of Object.entries(strings)) {
          assert.equal(typeof value, 'string', `${lang}/${ns}: ${key} is not a string`);
          assert.ok(value.trim().length > 0, `${lang}/${ns}: ${key} is empty`);
        }
      }
    }
  });

  it('keys are lowercase, dot and dash separated (NodeBB names the notifications namespace\'s keys)', function () {
    for (const [ns, byLang] of languages) {
      if (ns === 'notifications') continue;
      for (const key of Object.keys(byLang.get('en-GB') ?? {})) {
        assert.match(key, /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, `${ns}: bad key ${key}`);
      }
    }
  });

  it('every notification type has its label in NodeBB\'s notifications namespace, in both languages', function () {
    const labels = languages.get('notifications');
    assert.ok(labels, 'languages/{lang}/notifications.json');
    for (const type of [...MEMBER_NOTIFICATION_TYPES, ...ADMIN_NOTIFICATION_TYPES]) {
      // NodeBB's account settings label a type `[[notifications:${setting.replace(/_/g, '-')}]]`
      const key = settingName(type).replace(/_/g, '-');
      for (const lang of LANGS) assert.ok(labels.get(lang)?.[key], `${lang} notifications:${key}`);
    }
    for (const file of files(path.join(root, 'lib'), '.ts')) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\btype: '(bonus-[a-z-]+)'/g)) {
        assert.ok((MEMBER_NOTIFICATION_TYPES as readonly string[]).includes(m[1]) || (ADMIN_NOTIFICATION_TYPES as readonly string[]).includes(m[1]),
          `${path.relative(root, file)} sends ${m[1]}, which is not in lib/modules/publishing/notification-types.ts`);
      }
    }
  });

  it('Russian strings are translated, not copies of the English ones', function () {
    const en = languages.get('bonus')!.get('en-GB')!;
    const ru = languages.get('bonus')!.get('ru')!;
    const copies = Object.keys(en).filter((k) => /[a-z]{4,}/i.test(en[k]) && en[k] === ru[k]);
    assert.ok(copies.length <= Object.keys(en).length * 0.02, `untranslated in ru: ${copies.slice(0, 10).join(', ')}`);
  });

  it('every literal [[ns:key]] token and BonusError code in templates, lib and static exists', function () {
    const sources = [...files(path.join(root, 'templates'), '.tpl'), ...files(path.join(root, 'lib'), '.ts'), ...files(path.join(root, 'static'), '.js')];
    const missing: string[] = [];
    for (const file of sources) {
      const raw = fs.readFileSync(file, 'utf8');
      // comments may show example tokens
      const text = file.endsWith('.tpl') ? raw : raw.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      const tokens = [...text.matchAll(/\[\[([a-z/]+):([a-z0-9.-]+)(?=[,\]])/g), ...text.matchAll(/\btx\("([a-z/]+):([a-z0-9.-]+)"/g)];
      for (const m of tokens) {
        const [, ns, key] = m;
        if (!languages.has(ns)) continue; // a core namespace ([[global:...]]) is NodeBB's
        for (const lang of LANGS) {
          if (!(key in (languages.get(ns)!.get(lang) ?? {}))) missing.push(`${lang} ${ns}:${key} (${path.relative(root, file)})`);
        }
      }
      // a counted phrase (`bonusPlural("bonus:points.count", n)`, `counted(n, 'points.gen')`) has all four forms
      const phrases = [...text.matchAll(/\bbonusPlural\("bonus:([a-z0-9.-]+)"/g), ...text.matchAll(/\bcounted\([^,()]+(?:\([^()]*\))?[^,()]*, '([a-z0-9.-]+)'\)/g), ...(/\bcounted\(/.test(text) ? [[, 'points.count']] : [])];
      for (const [, phrase] of phrases) {
        for (const form of ['one', 'few', 'many', 'other']) {
          for (const lang of LANGS) if (!(`${phrase}.${form}` in languages.get('bonus')!.get(lang)!)) missing.push(`${lang} bonus:${phrase}.${form} (${path.relative(root, file)})`);
        }
      }
      for (const m of text.matchAll(/new BonusError\(\s*'([a-z0-9.-]+)'/g)) {
        for (const lang of LANGS) {
          if (!(m[1] in languages.get('bonus')!.get(lang)!)) missing.push(`${lang} bonus:${m[1]} (${path.relative(root, file)})`);
        }
      }
    }
    assert.deepEqual([...new Set(missing)], []);
  });

  it('templates translate with NodeBB 4.14+ helpers, not bare [[tokens]] (NodeBB no longer translates rendered pages)', function () {
    for (const file of files(path.join(root, 'templates'), '.tpl')) {
      assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /\[\[[a-z/]+:/, path.relative(root, file));
    }
  });

  it('no template contains untranslated visible text', function () {
    const offenders: string[] = [];
    for (const file of files(path.join(root, 'templates'), '.tpl')) {
      let text = fs.readFileSync(file, 'utf8');
      // visible attributes keep their value for checking; every other attribute goes
      const visible: string[] = [];
      text = text.replace(/\s(alt|title|placeholder|aria-label)="((?:\{\{[^}]*\}\}|[^"])*)"/g, (_m, _a, v: string) => {
        visible.push(v);
        return '';
      });
      text = text
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
        .replace(/<[^>]+>/g, ' ');
      for (const chunk of [text, ...visible]) {
        const rest = chunk
          .replace(/\[\[[^\]]*\]\]/g, ' ')
          .replace(/\{\{\{[^}]*\}\}\}/g, ' ')
          .replace(/\{\{[^}]*\}\}/g, ' ')
          .replace(/\{\{\{[^}]*\}\}\}/g, ' ')
          .replace(/\{\{[^}]*\}\}/g, ' ')
          .replace(/\{[^}]*\}/g, ' ')
          .replace(/&[a-z#0-9]+;/gi, ' ')
          .replace(/[\s\d.,:;!?()\-–—+×/%#*·|•→←"'«»№$€₽]+/g, '');
        if (rest.length) offenders.push(`${path.relative(root, file)}: "${rest.slice(0, 60)}"`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
