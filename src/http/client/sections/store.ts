// The public store, the session cart and checkout (SPEC rule 2). Checkout is for a logged-in
// user, into an account where they have `orders` or into a new account they will own.
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { COUNTRIES } from '../../../lib/countries.js';
import { msg } from '../../../lib/i18n.js';
import { AppError } from '../../../lib/errors.js';
import { cartView, getActiveProduct, listActiveProducts } from '../../../services/billing/catalog.js';
import { listUserAccounts } from '../../../services/memberships/memberships.js';
import { checkout as placeOrder, type OrderTarget } from '../../../services/billing/orders.js';
import { formRoute, parseForm } from '../../forms.js';
import { gatedRouter } from '../gated-router.js';
import { cartForm, cartRemoveForm, checkoutChoiceForm, newAccountForm } from '../../schemas/sections.js';
import { selectAccount } from '../login-session.js';
import { actorOf } from '../route-context.js';

const MAX_CART_ITEMS = 20;

const cartOf = (req: Request) => cartView(req.session.cart ?? []);

async function checkoutLocals(req: Request, res: Response) {
  const accounts = (await listUserAccounts(res.locals.currentUser!.id)).filter((a) => a.permissions.includes('orders'));
  return { title: req.t('Checkout'), accounts, countries: COUNTRIES, ...(await cartOf(req)) };
}

export function storeRoutes() {
  const router = Router();
  const checkout = gatedRouter();

  router.get('/store', async (req, res) => {
    res.page('client/sections/store', { title: req.t('Order New Services'), products: await listActiveProducts() });
  });

  router.get('/cart', async (req, res) => {
    res.page('client/sections/cart', { title: req.t('Shopping Cart'), ...(await cartOf(req)) });
  });

  router.post('/cart/add', async (req, res) => {
    const { productId } = parseForm(cartForm, req.body, req.language);
    const product = await getActiveProduct(productId);
    if (!product) throw new AppError('NOT_FOUND', msg('That product is not available.'));
    const cart = req.session.cart ?? [];
    if (cart.length >= MAX_CART_ITEMS)
      throw new AppError(
        'CONFLICT',
        msg('A cart holds at most {{max}} items.'),
        {},
        { params: { max: MAX_CART_ITEMS } },
      );
    req.session.cart = [...cart, product.id];
    req.session.cartKey = randomUUID();
    req.flash('success', req.t('{{product}} was added to your cart.', { product: product.name }));
    res.redirect('/cart');
  });

  router.post('/cart/remove', (req, res) => {
    const { index } = parseForm(cartRemoveForm, req.body, req.language);
    const cart = [...(req.session.cart ?? [])];
    if (index < cart.length) cart.splice(index, 1);
    req.session.cart = cart;
    req.session.cartKey = randomUUID();
    req.flash('info', req.t('The item was removed from your cart.'));
    res.redirect('/cart');
  });

  router.get('/checkout', async (req, res) => {
    if (!res.locals.currentUser) {
      // The cart is carried into the new session by startUserSession.
      req.session.returnTo = '/checkout';
      req.flash('info', req.t('Please log in or register to complete your order.'));
      return res.redirect('/login');
    }
    const locals = await checkoutLocals(req, res);
    if (!locals.lines.length) {
      req.flash('info', req.t('Your cart is empty. Choose a product first.'));
      return res.redirect('/store');
    }
    const preferred = locals.accounts.find((a) => a.id === req.session.accountId) ?? locals.accounts[0];
    res.page('client/sections/checkout', {
      ...locals,
      values: { account: preferred ? String(preferred.id) : 'new', country: 'US' },
    });
  });

  checkout.on(
    'POST /checkout',
    formRoute({ view: 'client/sections/checkout', locals: checkoutLocals }, async (req, res) => {
      const choice = parseForm(checkoutChoiceForm, req.body, req.language);
      const target: OrderTarget =
        choice.account === 'new'
          ? { kind: 'new', profile: parseForm(newAccountForm, req.body, req.language) }
          : { kind: 'existing', accountId: choice.account };
      const actor = actorOf(req, res);
      const order = await placeOrder(actor, target, req.session.cart ?? [], req.session.cartKey ?? null);
      const access = await selectAccount(req, actor.userId, order.accountId, res.locals.access);
      req.flash(
        'success',
        req.t('Thank you for your order. Invoice #{{id}} has been created.', { id: order.invoiceId }),
      );
      res.redirect(access.permissions.includes('invoices') ? `/invoices/${order.invoiceId}` : '/');
    }),
  );
  router.use(checkout.router);
  return router;
}
