// One zod schema per client-area authentication form.
import { z } from 'zod';
import { msg } from '../../lib/i18n.js';
import { isCountryCode } from '../../lib/countries.js';
import { passwordProblem } from '../../lib/password-strength.js';
import { fields } from '../forms.js';

export const loginForm = z.object({
  email: fields.email,
  password: z
    .string({ error: msg('Enter your password.') })
    .min(1, msg('Enter your password.'))
    .max(256),
  remember: fields.checkbox,
});

export const totpForm = z.object({
  code: z
    .string({ error: msg('Enter the code.') })
    .trim()
    .min(6, msg('Enter the 6-digit code or a recovery code.'))
    .max(20),
});

/** A new password: long enough, and not easy to guess given the person's own details. */
export function strongPassword<T extends z.ZodObject>(schema: T, inputs: (data: z.infer<T>) => string[] = () => []) {
  return schema.superRefine((data, ctx) => {
    const password = (data as { password?: string }).password ?? '';
    const problem = password ? passwordProblem(password, inputs(data)) : null;
    // The hint travels as the issue's params; parseForm hands them on to the translation.
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem.message, params: problem.params });
    const confirm = (data as { passwordConfirm?: string }).passwordConfirm;
    if (confirm !== undefined && confirm !== password)
      ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: msg('The passwords do not match.') });
  });
}

export const billingProfileFields = {
  firstName: fields.text({ missing: msg('Enter your first name.'), tooLong: msg('Your first name is too long.') }),
  lastName: fields.text({ missing: msg('Enter your last name.'), tooLong: msg('Your last name is too long.') }),
  companyName: fields.optional(100),
  address1: z.string().trim().min(1, msg('Enter your address.')).max(200),
  address2: fields.optional(200),
  city: z.string().trim().min(1, msg('Enter your city.')).max(100),
  state: fields.optional(100),
  postcode: z.string().trim().min(1, msg('Enter your postcode.')).max(20),
  country: z.string().trim().refine(isCountryCode, msg('Choose your country from the list.')),
  phone: z
    .string()
    .trim()
    .min(5, msg('Enter a phone number.'))
    .max(30)
    .regex(/^[+0-9 ().-]+$/, msg('Use digits, spaces and + ( ) - only.')),
};

export const registerForm = strongPassword(
  z.object({
    ...billingProfileFields,
    email: fields.email,
    password: fields.newPassword,
    passwordConfirm: z.string().optional(),
    // Required only when the site has terms (a setting): checked by the registration service.
    acceptTerms: fields.checkbox,
  }),
  (d) => [d.email, d.firstName, d.lastName, d.companyName],
);

export const forgotForm = z.object({ email: fields.email });

export const resetForm = strongPassword(
  z.object({ password: fields.newPassword, passwordConfirm: z.string().optional() }),
);
