import { fallbacks, type Language } from './languages.js';

/**
 * The one catalogue mechanism of every page. A catalogue is one namespace of texts (a page's, or
 * the citizens' shared by kiosk, display and status), typed by its keys:
 * - Japanese is the reference and has every key (the type says so);
 * - any other language may have only some keys (never one Japanese lacks, always with the same
 *   `{placeholders}`); a missing text falls back as `fallbacks()` says: English, then Japanese;
 * - `complete` names the languages that must have every key — the ones the page offers in its
 *   language switch. i18n.test.ts checks these rules for every catalogue.
 */
export type Vars = Readonly<Record<string, string | number>>;

export type Texts<K extends string> = { readonly [key in K]: string };

export type CatalogueTexts<K extends string> = { readonly ja: Texts<K> } & { readonly [L in Exclude<Language, 'ja'>]?: Partial<Texts<K>> };

export interface CatalogueDefinition<K extends string> {
  /** the namespace, for messages about the catalogue */
  readonly name: string;
  readonly texts: CatalogueTexts<K>;
  /** the languages with every key (Japanese always): those the page offers */
  readonly complete: readonly Language[];
}

export interface Catalogue<K extends string> extends CatalogueDefinition<K> {
  /** The text of `key` in `lang` (or its fallback), with `{name}` placeholders filled from `vars`. */
  t(lang: Language, key: K, vars?: Vars): string;
  /** Whether `key` is one of this catalogue's (for keys built from codes, such as `error.${code}`). */
  has(key: string): key is K;
}

/** Fills `{name}` placeholders from `vars`; one without a value stays visible, as written. */
export function fill(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : String(v);
  });
}

/** A catalogue from its definition (pure: a page that does not use a catalogue does not ship it). */
export function defineCatalogue<K extends string>(def: CatalogueDefinition<K>): Catalogue<K> {
  const { ja } = def.texts;
  const has = (key: string): key is K => Object.hasOwn(ja, key);
  const text = (lang: Language, key: K): string => {
    for (const l of fallbacks(lang)) {
      const own = def.texts[l]?.[key];
      if (own !== undefined) return own;
    }
    return ja[key];
  };
  return { ...def, t: (lang, key, vars) => fill(text(lang, key), vars), has };
}
