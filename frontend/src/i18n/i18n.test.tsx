import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nextProvider, useTranslation } from 'react-i18next';
import i18n, { STORAGE_KEY, setLanguage, storedLanguage } from '.';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { en } from './en';
import { vi } from './vi';
import { DOSSIER_ACTIONS, STATUS_CODES } from '../api/types';

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
      <I18nextProvider i18n={i18n}>
        <LanguageSwitch />
        <Probe />
      </I18nextProvider>,
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

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

describe('translations', () => {
  it('have the same keys in Vietnamese and English', () => {
    const viKeys = new Set(keys(vi).map(base));
    const enKeys = new Set(keys(en).map(base));
    expect([...viKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !viKeys.has(k))).toEqual([]);
  });

  it('name every action, event and status of a dossier (none falls back to its raw key)', () => {
    // Events are the actions plus the registration of an online or postal submission (`submit`) and the
    // hand-overs of the assignment.
    const eventNames = [...DOSSIER_ACTIONS, 'submit', 'assign', 'claim', 'release', 'reassign_absence'];
    for (const lang of [vi, en] as Tree[]) {
      const group = (name: string) => lang[name] as Tree;
      expect(DOSSIER_ACTIONS.filter((a) => typeof group('actions')[a] !== 'string')).toEqual([]);
      expect(eventNames.filter((a) => typeof group('events')[a] !== 'string')).toEqual([]);
      expect(STATUS_CODES.filter((c) => typeof group('status')[String(c)] !== 'string')).toEqual([]);
    }
    expect(vi.actions.receive).toBe('Tiếp nhận hồ sơ');
    expect(vi.actions.refuse_at_reception).toBe('Từ chối tiếp nhận');
  });

  it('define every literal key the code asks for', () => {
    // Every source file's text, through Vite's raw import (no Node APIs needed).
    const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../**/*.d.ts'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>;
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/label: '([a-zA-Z0-9_.]+)'/g)) {
        used.add(m[1]);
        used.add(`${m[1]}Hint`);
      }
    }
    const defined = new Set(keys(vi).map(base));
    const missing = [...used].filter((k) => k.includes('.') && !defined.has(k));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(100);
  });
});
