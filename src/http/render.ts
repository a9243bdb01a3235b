// res.page(view, locals): renders a view, then wraps it in the area's layout.
import type { NextFunction, Request, Response } from 'express';

export function pageRenderer(layout: string) {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.page = (view, pageLocals = {}) => {
      // Forms read these without checking whether they exist.
      const locals = { errors: {}, values: {}, error: null, ...pageLocals };
      res.render(view, locals, (err, body) => {
        if (err) return next(err);
        res.render(layout, { ...locals, body }, (err2, html) => {
          if (err2) return next(err2);
          res.send(html);
        });
      });
    };
    next();
  };
}
