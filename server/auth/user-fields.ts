import { z } from 'zod';
import { roles } from './roles';

// Usernames are stored lower-case so `Alice` and `alice` can never be two accounts.
export const usernameSchema = z
  .string({ message: 'Enter a username.' })
  .trim()
  .toLowerCase()
  .min(1, { message: 'Enter a username.' })
  .max(64, { message: 'Use at most 64 characters.' })
  .regex(/^[a-z0-9][a-z0-9._@-]*$/, {
    message: "Use letters, digits, '.', '_', '-' or '@', starting with a letter or digit.",
  });

export const roleSchema = z.enum(roles, { message: 'Role must be viewer, operator or admin.' });

export const uuidSchema = (what: string) =>
  z.string().uuid({ message: `${what} must be an id as the API returned it.` });
