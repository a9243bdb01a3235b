// Password strength (zxcvbn-ts), checked on the server for every new password; the browser
// shows the same score as a meter. Score 0-4; we require 2 ("somewhat guessable") or more.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { AppError } from './errors.js';
import { DEFAULT_LANGUAGE, msg, translator } from './i18n.js';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

const zxcvbn = new ZxcvbnFactory({
  translations: en.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...en.dictionary },
});

export const MIN_PASSWORD_SCORE = 2;

export interface PasswordProblem {
  /** A message key (src/lib/i18n.ts) ... */
  message: string;
  /** ... and its placeholders: zxcvbn's hint, in English (the translations leave it out). */
  params: { hint?: string };
}

export function passwordProblem(password: string, userInputs: string[] = []): PasswordProblem | null {
  const result = zxcvbn.check(password.slice(0, 100), userInputs.filter(Boolean));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hint = result.feedback.warning || result.feedback.suggestions[0];
  return hint
    ? { message: msg('This password is too easy to guess. {{hint}}'), params: { hint } }
    : { message: msg('This password is too easy to guess.'), params: {} };
}

export function passwordScore(password: string): number {
  return password ? zxcvbn.check(password.slice(0, 100)).score : 0;
}

// The messages below and fields.newPassword (src/http/forms.ts) name these numbers in their text.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** The problem in English with its hint, for the API (which speaks English, as WHMCS does). */
export const passwordProblemText = (p: PasswordProblem): string =>
  translator(DEFAULT_LANGUAGE, 'messages')(p.message, { ...p.params, defaultValue: p.message });

/**
 * The password rule every service applies before it hashes a new password, whoever sets it: a
 * user, staff ("Set Password"), a reset link, or `admin:create` (issue 14, bug 5). Forms check
 * the same rule first only to answer sooner.
 */
export function assertStrongPassword(password: string, userInputs: string[] = [], field = 'password'): void {
  const problem: PasswordProblem | null =
    password.length < PASSWORD_MIN_LENGTH
      ? { message: msg('Use at least 10 characters.'), params: {} }
      : password.length > PASSWORD_MAX_LENGTH
        ? { message: msg('Use at most 256 characters.'), params: {} }
        : passwordProblem(password, userInputs);
  if (problem)
    throw new AppError('VALIDATION', problem.message, { [field]: problem.message }, { params: problem.params });
}
