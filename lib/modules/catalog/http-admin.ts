/**
 * ACP catalog: the product list (search, filters), the product edit page (both languages side by
 * side, sizes and stock, code import, stock adjustments), and the admin write API under
 * `/bonus/admin/catalog/...`. Services check privileges and validate input.
 */
import type { ApiContext, ApiRoute, PageResult, RequestContext } from '../../host/index';
import { idParam, parseId } from '../../kernel/input';
import { PROGRAMMES } from '../../kernel/programmes';
import { deliversCodes } from './domain';
import type { Services } from '../../services';
import { COUNTRY_CODES, countryNameKey } from '../../kernel/countries';
import { DELIVERY_CLASSES, LIMIT_SCOPES, PRODUCT_KINDS, STOCK_MODES, VISIBILITIES, type Product } from './domain';
import { counted, countedToken } from '../../kernel/errors';
import { mapOk, refusedPage } from '../../kernel/result';
import { whenFor } from '../../kernel/format';

/** The product's (or category's) id in the path; a non-id is 0, which no record has ("not found"). */
const idOf = (ctx: RequestContext): number => idParam(ctx.params.id);

const options = (values: readonly string[], selected: string, prefix: string) =>
  values.map((v) => ({ value: v, key: `${prefix}${v}`, selected: v === selected }));

/** The ACP list follows the store: category order, then the products' sort order, uncategorised last. */
function sortByCategory<T extends { product: Product }>(rows: T[], categoryOrder: number[]): T[] {
  const rank = (p: Product) => (p.categoryId === null || !categoryOrder.includes(p.categoryId) ? categoryOrder.length : categoryOrder.indexOf(p.categoryId));
  return [...rows].sort((a, b) => rank(a.product) - rank(b.product) || a.product.sortOrder - b.product.sortOrder || a.product.id - b.product.id);
}

export async function catalogListPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const rp = ctx.relativePath;
  const filter = {
    search: ctx.query.search ?? '', kind: ctx.query.kind ?? '', visibility: ctx.query.visibility ?? '', categoryId: ctx.query.categoryId ?? '',
    programme: ctx.query.programme ?? '',
  };
  const [listed, categories, all] = await Promise.all([services.catalogAdmin.list({ uid: ctx.uid }, filter), services.catalogAdmin.listCategories(), services.catalog.products.allProducts()]);
  if (!listed.ok) return refusedPage(listed);
  const rows = listed.value;
  const inCategory = (id: number) => all.filter((p) => p.categoryId === id).length;
  const categoryTitle = new Map(categories.map((c) => [c.id, c.title[ctx.lang === 'ru' ? 'ru' : 'en-GB'] || c.title['en-GB'] || c.title.ru]));
  return {
    kind: 'render',
    template: 'admin/plugins/bonus-catalog',
    title: '[[admin/plugins/bonus:catalog.title]]',
    data: {
      filter,
      kinds: options(PRODUCT_KINDS, filter.kind, 'kind.'),
      visibilities: options(VISIBILITIES, filter.visibility, 'visibility.'),
      programmes: options(PROGRAMMES, filter.programme, 'programme.'),
      categories: categories.map((c) => ({
        id: c.id, title: categoryTitle.get(c.id) ?? '', selected: String(c.id) === filter.categoryId, titleEn: c.title['en-GB'], titleRu: c.title.ru, sortOrder: c.sortOrder,
        // asked before deleting (issue 15, item 6): what happens to its products
        confirm: countedToken(ctx.lang, 'confirm.delete-category', [categoryTitle.get(c.id) ?? '', counted(inCategory(c.id), 'products.count')]),
      })),
      noneCategorySelected: filter.categoryId === 'none',
      rows: sortByCategory(rows, categories.map((c) => c.id)).map(({ product: p, stock }) => ({
        id: p.id, titleEn: p.title['en-GB'], titleRu: p.title.ru, kind: p.kind, visibility: p.visibility, priceInPoints: p.priceInPoints,
        programme: p.programme, isSellers: p.programme === 'sellers',
        category: p.categoryId ? categoryTitle.get(p.categoryId) ?? '' : '', stockMode: stock.mode, stockTotal: stock.total,
        counted: stock.mode === 'counted', sizes: p.variants.map((v) => ({ label: v.label, count: stock.variants[v.id] ?? 0 })),
        editUrl: `${rp}/admin/plugins/bonus/catalog/${p.id}`, viewUrl: `${rp}/bonus/store/product/${p.id}`, onSale: p.visibility === 'on-sale',
      })),
      hasRows: rows.length > 0,
      newUrl: `${rp}/admin/plugins/bonus/catalog/new`,
      homeUrl: `${rp}/admin/plugins/bonus`,
    },
  };
}

export async function catalogEditPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const when = await whenFor(services, ctx.lang);
  const rp = ctx.relativePath;
  const isNew = ctx.params.id === 'new';
  const caller = { uid: ctx.uid };
  const [categories, settings] = await Promise.all([services.catalogAdmin.listCategories(), services.settings.get()]);
  let product: Product;
  let extra: Record<string, unknown> = {};
  if (isNew) {
    const kind = (PRODUCT_KINDS as readonly string[]).includes(ctx.query.kind ?? '') ? (ctx.query.kind as Product['kind']) : 'souvenir';
    product = {
      id: 0, kind, programme: ctx.query.programme === 'sellers' ? 'sellers' : 'club', title: { 'en-GB': '', ru: '' }, description: { 'en-GB': '', ru: '' }, images: [], priceInPoints: 0, categoryId: null,
      visibility: 'draft', sortOrder: 0, stockMode: kind === 'license' ? 'counted' : kind === 'mobile-top-up' ? 'unlimited' : 'counted', inStock: true,
      variants: [], deliveryClass: 'none', allowedCountries: [], forbiddenCountries: [], limit: null,
      activationRegions: kind === 'license' ? settings.licenseRegions : [], topUp: kind === 'mobile-top-up' ? { minAmount: 200, stepAmount: 100, maxAmount: 5000 } : null,
      createdAt: 0, updatedAt: 0,
    };
  } else {
    const found = await services.catalogAdmin.get(caller, idOf(ctx));
    if (!found.ok) return refusedPage(found);
    const got = found.value;
    product = got.product;
    const uids = [...new Set(got.adjustments.map((a) => a.uid))];
    const users = await services.host.users.getUsers(uids);
    const nameOf = new Map(uids.map((uid, i) => [uid, users[i]?.displayname ?? `uid ${uid}`]));
    extra = {
      stock: got.stock,
      adjustments: got.adjustments.map((a) => ({
        ...a, who: nameOf.get(a.uid) ?? '', variant: product.variants.find((v) => v.id === a.variantId)?.label ?? '',
        when: when(a.at), iso: new Date(a.at).toISOString(),
      })),
      hasAdjustments: got.adjustments.length > 0,
      pool: got.pool,
      sizes: product.variants.map((v) => ({ ...v, count: got.stock.variants[v.id] ?? 0 })),
      hasSizes: product.variants.length > 0,
      productStock: got.stock.total,
    };
  }
  const countryOptions = (selected: string[]) => [...new Set([...COUNTRY_CODES.filter((c) => c !== 'ZZ'), ...selected])]
    .map((code) => ({ code, nameKey: countryNameKey(code), selected: selected.includes(code) }));
  return {
    kind: 'render',
    template: 'admin/plugins/bonus-catalog-edit',
    title: '[[admin/plugins/bonus:catalog.edit-title]]',
    data: {
      isNew,
      product,
      productJson: JSON.stringify(product),
      isLicense: product.kind === 'license',
      // licences and gift cards stocked by their code pool: the import of codes (issue 16, item 5)
      hasPool: deliversCodes(product),
      isSouvenir: product.kind === 'souvenir',
      isTopUp: product.kind === 'mobile-top-up',
      counted: product.kind !== 'license' && product.stockMode === 'counted',
      kinds: options(PRODUCT_KINDS, product.kind, 'kind.'),
      visibilities: options(VISIBILITIES, product.visibility, 'visibility.'),
      programmes: options(PROGRAMMES, product.programme, 'programme.'),
      stockModes: options(STOCK_MODES, product.stockMode, 'stock-mode.'),
      deliveryClasses: options(DELIVERY_CLASSES, product.deliveryClass, 'delivery-class.'),
      limitScopes: options(LIMIT_SCOPES, product.limit?.scope ?? 'product', 'limit-scope.'),
      categories: categories.map((c) => ({ id: c.id, title: c.title[ctx.lang === 'ru' ? 'ru' : 'en-GB'] || c.title['en-GB'] || c.title.ru, selected: c.id === product.categoryId })),
      allowed: countryOptions(product.allowedCountries),
      forbidden: countryOptions(product.forbiddenCountries),
      regions: countryOptions(product.activationRegions),
      imagesText: product.images.join('\n'),
      sizesText: product.variants.map((v) => v.label).join(', '),
      hasLimit: product.limit !== null,
      listUrl: `${rp}/admin/plugins/bonus/catalog`,
      viewUrl: `${rp}/bonus/store/product/${product.id}`,
      ...extra,
    },
  };
}

const caller = (ctx: ApiContext) => ({ uid: ctx.uid });
const body = (ctx: ApiContext): Record<string, unknown> => (ctx.body && typeof ctx.body === 'object' ? (ctx.body as Record<string, unknown>) : {});
const P = '/bonus/admin/catalog';

export const catalogAdminApi = (services: Services): ApiRoute[] => [
  { method: 'get', path: `${P}/products`, access: 'admin', handler: async (ctx) => mapOk(await services.catalogAdmin.list(caller(ctx), ctx.query), (rows) => ({ rows })) },
  { method: 'post', path: `${P}/products`, access: 'admin', handler: (ctx) => services.catalogAdmin.create(caller(ctx), ctx.body) },
  { method: 'get', path: `${P}/products/:id`, access: 'admin', handler: (ctx) => services.catalogAdmin.get(caller(ctx), idOf(ctx)) },
  { method: 'put', path: `${P}/products/:id`, access: 'admin', handler: (ctx) => services.catalogAdmin.update(caller(ctx), idOf(ctx), ctx.body) },
  { method: 'post', path: `${P}/products/:id/duplicate`, access: 'admin', handler: (ctx) => services.catalogAdmin.duplicate(caller(ctx), idOf(ctx)) },
  { method: 'put', path: `${P}/products/:id/visibility`, access: 'admin', handler: (ctx) => services.catalogAdmin.setVisibility(caller(ctx), idOf(ctx), body(ctx).visibility) },
  { method: 'post', path: `${P}/products/:id/stock`, access: 'admin', handler: (ctx) => services.catalogAdmin.adjustStock(caller(ctx), idOf(ctx), ctx.body) },
  { method: 'post', path: `${P}/products/:id/codes`, access: 'admin', handler: (ctx) => services.codes.importCodes(caller(ctx), idOf(ctx), ctx.body) },
  {
    method: 'get', path: `${P}/products/:id/codes`, access: 'admin',
    handler: async (ctx) => mapOk(await services.codes.listCodes(caller(ctx), idOf(ctx), ctx.query.which === 'sold' ? 'sold' : 'available', parseId(ctx.query.page) ?? 0), (codes) => ({ codes })),
  },
  { method: 'post', path: `${P}/categories`, access: 'admin', handler: (ctx) => services.catalogAdmin.saveCategory(caller(ctx), ctx.body) },
  { method: 'put', path: `${P}/categories/:id`, access: 'admin', handler: (ctx) => services.catalogAdmin.saveCategory(caller(ctx), { ...body(ctx), id: idOf(ctx) }) },
  {
    method: 'delete', path: `${P}/categories/:id`, access: 'admin',
    handler: async (ctx) => mapOk(await services.catalogAdmin.deleteCategory(caller(ctx), idOf(ctx)), () => ({})),
  },
];
