/**
 * How a key becomes a sentence: the lookup in nested dictionaries, plural forms and `{{name}}` placeholders,
 * with the conventions of the dictionaries (written for i18next's JSON v4 format, which they keep).
 * Pure: no React, no loading, no language state.
 */

export interface Strings {
  [key: string]: string | Strings;
}

export interface TOptions {
  /** Picks the plural form (`key_one`, `key_other`, … by the language's rules) and fills `{{count}}`. */
  count?: number;
  /** Said when no dictionary has the key (placeholders are filled in it too); else the key itself is. */
  defaultValue?: string;
  [name: string]: unknown;
}

export type TFunction = (key: string, options?: TOptions) => string;

function lookup(strings: Strings, key: string): string | undefined {
  let node: string | Strings | undefined = strings;
  for (const part of key.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** `{{name}}` → the option's value; a name given as undefined or null says nothing, one not given stays. */
export function interpolate(text: string, options: TOptions | undefined): string {
  if (!options || !text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (match, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(options, name)) return match;
    const value = options[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralCategory(language: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return rules.select(count);
}

/**
 * The sentence for `key` from the first of `sources` that has it; each source is a language (its code, for
 * the plural rules) and its loaded dictionaries in lookup order.
 */
export function translate(
  sources: { language: string; dictionaries: Strings[] }[],
  key: string,
  options?: TOptions,
): string {
  const count = typeof options?.count === 'number' ? options.count : null;
  for (const { language, dictionaries } of sources) {
    const keys = count === null ? [key] : [`${key}_${pluralCategory(language, count)}`, key];
    for (const candidate of keys) {
      for (const strings of dictionaries) {
        const found = lookup(strings, candidate);
        if (found !== undefined) return interpolate(found, options);
      }
    }
  }
  return options?.defaultValue !== undefined ? interpolate(options.defaultValue, options) : key;
}
