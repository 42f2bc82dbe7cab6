/**
 * The interface's language: which one is chosen (kept in localStorage, reflected in <html lang>), the
 * dictionaries loaded so far, and `useTranslation()` for components.
 *
 * Strings come in two namespaces so that the citizens' pages carry none of the console's: `public` (the
 * citizens' pages and what every screen shares) and `console` (the staff console and its login page, loaded
 * with them). Vietnamese `public` comes with the app: it is the default language, and bundling it spares most
 * visitors a round trip before the first paint. Everything else is loaded on demand — English when chosen,
 * `console` when a console screen opens — always together with its Vietnamese counterpart, which is the
 * fallback for a missing string and the language of printed forms.
 */
import { useSyncExternalStore } from 'react';
import { translate, type Strings, type TFunction } from './translate';
import viPublic from './vi/public';

export type { Strings, TFunction, TOptions } from './translate';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const STORAGE_KEY = 'motcua.lang';
/** The default language, the fallback for a missing string, and the language of official documents. */
export const FALLBACK_LANGUAGE: Language = 'vi';

export const NAMESPACES = ['public', 'console'] as const;
export type Namespace = (typeof NAMESPACES)[number];

type Loader = () => Promise<{ default: Strings }>;

const LOADERS: Record<Language, Record<Namespace, Loader>> = {
  vi: { public: async () => ({ default: viPublic }), console: () => import('./vi/console') },
  en: { public: () => import('./en/public'), console: () => import('./en/console') },
};

const loaded: Record<Language, Partial<Record<Namespace, Strings>>> = { vi: { public: viPublic }, en: {} };
const loading = new Map<string, Promise<void>>();
/** Namespaces the app has asked for: a language switch loads them all in the new language first. */
const inUse = new Set<Namespace>(['public']);

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : FALLBACK_LANGUAGE;
  } catch {
    return FALLBACK_LANGUAGE;
  }
}

function load(lng: Language, ns: Namespace): Promise<void> {
  if (loaded[lng][ns]) return Promise.resolve();
  const id = `${lng}:${ns}`;
  let promise = loading.get(id);
  if (!promise) {
    promise = LOADERS[lng][ns]().then(
      (module) => {
        loaded[lng][ns] = module.default;
        loading.delete(id);
        publish();
      },
      (error: unknown) => {
        // Forgotten, so that the next attempt (e.g. after "reload") asks again.
        loading.delete(id);
        throw error;
      },
    );
    loading.set(id, promise);
  }
  return promise;
}

/** Loads namespaces in a language and in the fallback language. */
export async function loadStrings(lng: Language, namespaces: readonly Namespace[]): Promise<void> {
  const languages = lng === FALLBACK_LANGUAGE ? [lng] : [lng, FALLBACK_LANGUAGE];
  await Promise.all(languages.flatMap((l) => namespaces.map((ns) => load(l, ns))));
}

/** Loads a namespace in the current language; a screen that needs it awaits this before it renders. */
export function loadNamespace(ns: Namespace): Promise<void> {
  inUse.add(ns);
  return loadStrings(language, [ns]);
}

function sourcesFor(lng: Language) {
  const languages = lng === FALLBACK_LANGUAGE ? [lng] : [lng, FALLBACK_LANGUAGE];
  return languages.map((l) => ({
    language: l,
    dictionaries: NAMESPACES.map((ns) => loaded[l][ns]).filter((d): d is Strings => d !== undefined),
  }));
}

/** A translation function bound to one language, whatever the interface's (e.g. Vietnamese for printed forms). */
export function getFixedT(lng: Language): TFunction {
  return (key, options) => translate(sourcesFor(lng), key, options);
}

export interface Translation {
  t: TFunction;
  i18n: { language: Language; getFixedT: typeof getFixedT };
}

let language: Language = storedLanguage();
let snapshot: Translation = makeSnapshot();
const listeners = new Set<() => void>();

function makeSnapshot(): Translation {
  // A new `t` per change, so that effects and memos that depend on it run again in the new language.
  return { t: getFixedT(language), i18n: { language, getFixedT } };
}

function publish() {
  snapshot = makeSnapshot();
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getSnapshot = () => snapshot;

/** `t` in the interface's language; the component renders again when the language or the loaded strings change. */
export function useTranslation(): Translation {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

function applyToDocument() {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  document.title = snapshot.t('common.appName');
}

/** Switches the language once its strings are here, remembers it and updates <html lang>. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  await loadStrings(lng, [...inUse]);
  language = lng;
  publish();
  applyToDocument();
}

/**
 * Resolves once the chosen language can be shown; the app renders after it. Should English not load, the
 * pages come up in Vietnamese rather than not at all.
 */
export const i18nReady: Promise<void> = loadStrings(language, ['public']).then(
  () => applyToDocument(),
  () => {
    language = FALLBACK_LANGUAGE;
    publish();
    applyToDocument();
  },
);
