// Checks several functions share, each reusing the rule the client area's forms apply.
import type { z } from 'zod';
import { COUNTRIES } from '../../../lib/countries.js';
import { passwordProblem, passwordProblemText } from '../../../lib/password-strength.js';
import { fields } from '../../forms.js';
import { languageCode } from '../format.js';
import { optionalText } from '../params.js';

type Ctx = z.core.$RefinementCtx;

/** A new password: the same length and strength rules as registration's (SPEC rule 25). */
export function checkNewPassword(ctx: Ctx, path: string, password: string | undefined, inputs: string[]) {
  if (password === undefined) return;
  const length = fields.newPassword.safeParse(password);
  const weak = length.success ? passwordProblem(password, inputs.filter(Boolean)) : null;
  const problem = weak ? passwordProblemText(weak) : length.error?.issues[0]?.message;
  if (problem) ctx.addIssue({ code: 'custom', path: [path], message: problem });
}

/** A language by WHMCS's name ("english") or our code ("en"). */
export function checkLanguage(ctx: Ctx, path: string, value: string | undefined) {
  if (value !== undefined && !languageCode(value))
    ctx.addIssue({ code: 'custom', path: [path], message: `Unknown language: ${value}` });
}

const COUNTRY_CODES = new Set(COUNTRIES.map((c) => c.code));

export function isCountry(value: string | undefined): value is string {
  return !!value && COUNTRY_CODES.has(value.toUpperCase());
}

export function countryName(code: string): string {
  return COUNTRIES.find((c) => c.code === code)?.name ?? code;
}

/** The client area's phone rule. */
export const PHONE = /^[+0-9 ().-]{5,30}$/;

/** WHMCS's `sorting`: ASC (the default) or DESC. */
export const sortingParam = (what: string) => optionalText(`ASC (default) or DESC: the order of ${what}`, 20);

export function checkSorting(ctx: Ctx, value: string | undefined) {
  if (value !== undefined && !/^(asc|desc)$/i.test(value))
    ctx.addIssue({ code: 'custom', path: ['sorting'], message: 'sorting must be ASC or DESC' });
}

export const isDescending = (value: string | undefined) => /^desc$/i.test(value ?? '');
