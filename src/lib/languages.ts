// The languages a user or an account contact can choose for their emails and pages.
export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'de', label: 'Deutsch' },
  { value: 'fr', label: 'Français' },
  { value: 'es', label: 'Español' },
  { value: 'nl', label: 'Nederlands' },
  { value: 'pl', label: 'Polski' },
] as const;

export const LANGUAGE_CODES = LANGUAGES.map((l) => l.value) as [string, ...string[]];
