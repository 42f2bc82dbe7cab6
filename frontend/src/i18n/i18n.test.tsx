import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi as vitest } from 'vitest';
import { STORAGE_KEY, setLanguage, storedLanguage, useTranslation, type Strings } from '.';
import { STATUS_CODES, type DossierAction } from '../api/types';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ACTIONS } from '../features/dossiers/actions';
import enConsole from './en/console';
import enPublic from './en/public';
import viConsole from './vi/console';
import viPublic from './vi/public';

function Probe() {
  const { t } = useTranslation();
  return <p>{t('public.staffLogin')}</p>;
}

afterEach(async () => {
  await act(() => setLanguage('vi'));
  window.localStorage.clear();
});

describe('language switch', () => {
  it('starts in Vietnamese, switches to English, remembers it and sets <html lang>', async () => {
    render(
      <>
        <LanguageSwitch />
        <Probe />
      </>,
    );
    expect(screen.getByText('Đăng nhập cán bộ')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Tiếng Việt' })).toHaveAttribute('aria-pressed', 'true');

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'English' }));
    });
    expect(screen.getByText('Staff login')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(window.localStorage.getItem(STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Public Administration Service Center');
    expect(storedLanguage()).toBe('en');

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Tiếng Việt' }));
    });
    expect(screen.getByText('Đăng nhập cán bộ')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('vi');
  });

  it('ignores an unknown stored language', () => {
    window.localStorage.setItem(STORAGE_KEY, 'fr');
    expect(storedLanguage()).toBe('vi');
  });
});

describe('loading strings', () => {
  // A fresh copy of the module, as the app has it before anything was asked for (the test setup loads all).
  async function freshI18n() {
    vitest.resetModules();
    return import('.');
  }

  it('has only the Vietnamese citizens’ strings until the console asks for its own', async () => {
    const i18n = await freshI18n();
    const vi = i18n.getFixedT('vi');
    expect(vi('track.title')).toBe('Tình trạng hồ sơ');
    expect(vi('nav.logout')).toBe('nav.logout');
    await i18n.loadNamespace('console');
    expect(vi('nav.logout')).toBe(viConsole.nav.logout);
  });

  it('loads English, with the namespaces in use, before switching to it', async () => {
    const i18n = await freshI18n();
    await i18n.loadNamespace('console');
    const en = i18n.getFixedT('en');
    expect(en('track.title')).toBe('Tình trạng hồ sơ'); // not here yet: the Vietnamese fallback
    await i18n.setLanguage('en');
    expect(en('track.title')).toBe(enPublic.track.title);
    expect(en('nav.logout')).toBe(enConsole.nav.logout);
    window.localStorage.clear();
  });

  it('asks again for strings that failed to load', async () => {
    vitest.resetModules();
    let fail = true;
    vitest.doMock('./en/public', async (original) => {
      if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      return original();
    });
    const i18n = await import('.');
    await expect(i18n.loadStrings('en', ['public'])).rejects.toThrow();
    fail = false;
    await expect(i18n.loadStrings('en', ['public'])).resolves.toBeUndefined();
    expect(i18n.getFixedT('en')('track.title')).toBe(enPublic.track.title);
    vitest.doUnmock('./en/public');
  });
});

type Tree = Strings;

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

/** Literal keys (`t('a.b')`) in source files; nav items name theirs as `label: 'a.b'` (and `a.bHint`). */
function usedKeys(sources: Record<string, string>): Set<string> {
  const used = new Set<string>();
  for (const text of Object.values(sources)) {
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
    for (const m of text.matchAll(/label: '([a-zA-Z0-9_.]+)'/g)) {
      used.add(m[1]);
      used.add(`${m[1]}Hint`);
    }
  }
  return new Set([...used].filter((k) => k.includes('.')));
}

describe('translations', () => {
  it('have the same keys in Vietnamese and English, namespace by namespace', () => {
    for (const [vi, en] of [
      [viPublic, enPublic],
      [viConsole, enConsole],
    ] as Tree[][]) {
      const viKeys = new Set(keys(vi).map(base));
      const enKeys = new Set(keys(en).map(base));
      expect([...viKeys].filter((k) => !enKeys.has(k))).toEqual([]);
      expect([...enKeys].filter((k) => !viKeys.has(k))).toEqual([]);
    }
  });

  it('keep each group of strings in one namespace, so that where a key is found never depends on the order', () => {
    const groups = (tree: Tree) => Object.keys(tree);
    expect(groups(viPublic).filter((g) => groups(viConsole).includes(g))).toEqual([]);
  });

  it('name every action, event and status of a dossier (none falls back to its raw key)', () => {
    const actions = Object.keys(ACTIONS) as DossierAction[];
    // Events are the actions plus the registration of an online or postal submission (`submit`) and the
    // hand-overs of the assignment.
    const eventNames = [...actions, 'submit', 'assign', 'claim', 'release', 'reassign_absence'];
    for (const lang of [viConsole, enConsole] as Tree[]) {
      const group = (name: string) => lang[name] as Tree;
      expect(actions.filter((a) => typeof group('actions')[a] !== 'string')).toEqual([]);
      expect(eventNames.filter((a) => typeof group('events')[a] !== 'string')).toEqual([]);
      expect(STATUS_CODES.filter((c) => typeof group('status')[String(c)] !== 'string')).toEqual([]);
    }
    expect(viConsole.actions.receive).toBe('Tiếp nhận hồ sơ');
    expect(viConsole.actions.refuse_at_reception).toBe('Từ chối tiếp nhận');
  });

  it('define every literal key the code asks for', () => {
    // Every source file's text, through Vite's raw import (no Node APIs needed).
    const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../**/*.d.ts'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>;
    const used = usedKeys(sources);
    const defined = new Set([...keys(viPublic), ...keys(viConsole)].map(base));
    expect([...used].filter((k) => !defined.has(k))).toEqual([]);
    expect(used.size).toBeGreaterThan(100);
  });

  it('give the citizens’ pages every key they ask for without the console’s strings', () => {
    // What the app's first load runs: the citizens' pages and what they share with the console.
    const sources = import.meta.glob(
      ['../features/public/**/*.{ts,tsx}', '../components/**/*.{ts,tsx}', '../lib/**/*.ts', '../api/**/*.ts', '../*.{ts,tsx}'],
      { query: '?raw', import: 'default', eager: true },
    ) as Record<string, string>;
    const publicSources = Object.fromEntries(Object.entries(sources).filter(([path]) => !/\.(test|d)\.tsx?$/.test(path)));
    const used = usedKeys(publicSources);
    const defined = new Set(keys(viPublic).map(base));
    expect([...used].filter((k) => !defined.has(k))).toEqual([]);
    expect(used.size).toBeGreaterThan(40);
  });
});
