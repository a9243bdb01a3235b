// Password strength (zxcvbn-ts), checked on the server for every new password; the browser
// shows the same score as a meter. Score 0-4; we require 2 ("somewhat guessable") or more.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { AppError } from './errors.js';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

const zxcvbn = new ZxcvbnFactory({
  translations: en.translations,
  graphs: common.adjacencyGraphs,
  dictionary: { ...common.dictionary, ...en.dictionary },
});

export const MIN_PASSWORD_SCORE = 2;

export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  const result = zxcvbn.check(password.slice(0, 100), userInputs.filter(Boolean));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const hint = result.feedback.warning || result.feedback.suggestions[0];
  return `This password is too easy to guess.${hint ? ` ${hint}` : ''}`;
}

export function passwordScore(password: string): number {
  return password ? zxcvbn.check(password.slice(0, 100)).score : 0;
}

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * The password rule every service applies before it hashes a new password, whoever sets it: a
 * user, staff ("Set Password"), a reset link, or `admin:create` (issue 14, bug 5). Forms check
 * the same rule first only to answer sooner.
 */
export function assertStrongPassword(password: string, userInputs: string[] = [], field = 'password'): void {
  const problem =
    password.length < PASSWORD_MIN_LENGTH
      ? `Use at least ${PASSWORD_MIN_LENGTH} characters.`
      : password.length > PASSWORD_MAX_LENGTH
        ? `Use at most ${PASSWORD_MAX_LENGTH} characters.`
        : passwordProblem(password, userInputs);
  if (problem) throw new AppError('VALIDATION', problem, { [field]: problem });
}
