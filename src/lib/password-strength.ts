// Password strength (zxcvbn-ts), checked on the server for every new password; the browser
// shows the same score as a meter. Score 0-4; we require 2 ("somewhat guessable") or more.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
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
