// One pino logger for the process. Level from LOG_LEVEL (silent in tests).
import { pino } from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' || process.env.VITEST ? 'silent' : 'info'),
  redact: ['req.headers.cookie', 'req.body.password', 'req.body.currentPassword', 'req.body.newPassword'],
});
