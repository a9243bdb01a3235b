// One-shot messages shown after a redirect ("Invitation sent", "Permissions saved").
import type { NextFunction, Request, Response } from 'express';

export function flash(req: Request, res: Response, next: NextFunction) {
  res.locals.flash = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  req.flash = (type, message) => {
    if (!req.session) return;
    req.session.flash = [...(req.session.flash ?? []), { type, message }];
  };
  next();
}
