// The product catalog (Setup > Products): list, add, edit, delete.
import { Router } from 'express';
import { BILLING_CYCLES } from '../../services/billing/constants.js';
import {
  createProduct,
  deleteProduct,
  getProduct,
  listProducts,
  updateProduct,
} from '../../services/billing/products.js';
import { formRoute } from '../forms.js';
import { idParam } from '../middleware/guards.js';
import { productForm } from '../schemas/admin/settings.js';
import { adminOf } from './guard.js';

const productLocals = (extra: Record<string, unknown> = {}) => ({
  title: 'Product',
  billingCycles: BILLING_CYCLES,
  ...extra,
});

export function adminProductRoutes() {
  const router = Router();

  router.get('/products', async (_req, res) =>
    res.page('admin/products/index', { title: 'Products', products: await listProducts() }),
  );
  router.get('/products/new', (_req, res) =>
    res.page('admin/products/form', productLocals({ values: { active: true, billingCycle: 'Monthly', sortOrder: 0 } })),
  );
  router.post(
    '/products',
    formRoute(
      { view: 'admin/products/form', locals: () => productLocals(), schema: productForm },
      async (req, res, form) => {
        const product = await createProduct(adminOf(req, res), form);
        req.flash('success', `Product "${product.name}" created.`);
        res.redirect('/admin/products');
      },
    ),
  );
  router.get('/products/:id', async (req, res) => {
    const product = await getProduct(idParam(req));
    res.page(
      'admin/products/form',
      productLocals({ product, values: { ...product, price: product.price.toFixed(2) } }),
    );
  });
  router.post(
    '/products/:id',
    formRoute(
      {
        view: 'admin/products/form',
        locals: async (req) => productLocals({ product: await getProduct(idParam(req)) }),
        schema: productForm,
      },
      async (req, res, form) => {
        const product = await getProduct(idParam(req));
        await updateProduct(adminOf(req, res), product.id, form);
        req.flash('success', `Product "${form.name}" saved.`);
        res.redirect('/admin/products');
      },
    ),
  );
  router.post(
    '/products/:id/delete',
    formRoute(
      { view: 'admin/products/index', locals: async () => ({ title: 'Products', products: await listProducts() }) },
      async (req, res) => {
        await deleteProduct(adminOf(req, res), idParam(req));
        req.flash('success', 'Product deleted.');
        res.redirect('/admin/products');
      },
    ),
  );

  return router;
}
