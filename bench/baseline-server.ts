// The stack's limit on this machine: a bare Express 5 app on the same Node answering a fixed string.
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.get('/', (_req, res) => {
  res.send('Hello from the baseline');
});
app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
