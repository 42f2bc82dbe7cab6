import { describe, expect, it } from 'vitest';
import { interpolate, translate, type Strings } from './translate';

const vi: Strings = { home: { count: 'Tìm thấy {{count}} thủ tục', title: 'Tra cứu' }, only: { vi: 'Chỉ tiếng Việt' } };
const en: Strings = { home: { count_one: '{{count}} procedure found', count_other: '{{count}} procedures found', title: 'Lookup' } };
const sources = [
  { language: 'en', dictionaries: [en] },
  { language: 'vi', dictionaries: [vi] },
];

describe('translate', () => {
  it('finds a nested key, in the first language that has it', () => {
    expect(translate(sources, 'home.title')).toBe('Lookup');
    expect(translate(sources, 'only.vi')).toBe('Chỉ tiếng Việt');
  });

  it('picks the plural form by the language’s rules, and the bare key where there is none', () => {
    expect(translate(sources, 'home.count', { count: 1 })).toBe('1 procedure found');
    expect(translate(sources, 'home.count', { count: 3 })).toBe('3 procedures found');
    expect(translate([{ language: 'vi', dictionaries: [vi] }], 'home.count', { count: 1 })).toBe('Tìm thấy 1 thủ tục');
  });

  it('says the default, or the key itself, when no dictionary has it', () => {
    expect(translate(sources, 'errors.code.nope', { defaultValue: '' })).toBe('');
    expect(translate(sources, 'fields.phone_last4', { defaultValue: '{{name}}?', name: 'x' })).toBe('x?');
    expect(translate(sources, 'nav.logout')).toBe('nav.logout');
    // A group is not a sentence.
    expect(translate(sources, 'home')).toBe('home');
  });

  it('fills placeholders; an absent value says nothing, an unknown name stays', () => {
    expect(interpolate('{{a}} – {{ b }}', { a: 1, b: 'x' })).toBe('1 – x');
    expect(interpolate('[{{a}}]', { a: undefined })).toBe('[]');
    expect(interpolate('[{{a}}]', { a: null })).toBe('[]');
    expect(interpolate('[{{a}}]', { b: 1 })).toBe('[{{a}}]');
    expect(interpolate('no placeholder', undefined)).toBe('no placeholder');
  });
});
