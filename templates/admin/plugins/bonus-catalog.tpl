<div class="acp-page-container bonus-admin bonus-admin-catalog" data-bonus-page="admin-catalog">
  <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-3">
    <h1 class="fs-4 mb-0">{{tx("admin/plugins/bonus:catalog.title")}}</h1>
    <div class="d-flex flex-wrap gap-2">
      <a class="btn btn-light border" href="{homeUrl}">{{tx("admin/plugins/bonus:catalog.back-home")}}</a>
      <div class="dropdown">
        <button class="btn btn-primary dropdown-toggle" type="button" data-bs-toggle="dropdown" aria-expanded="false">{{tx("admin/plugins/bonus:catalog.new")}}</button>
        <ul class="dropdown-menu">
          {{{ each kinds }}}
          <li><a class="dropdown-item" href="{newUrl}?kind={./value}">{{bonusTx("bonus:", ./key)}}</a></li>
          {{{ end }}}
        </ul>
      </div>
    </div>
  </div>

  <form class="row g-2 align-items-end mb-3" method="get" role="search" aria-label="{{tx("admin/plugins/bonus:catalog.filters")}}">
    <div class="col-12 col-md-2">
      <label class="form-label" for="bonus-search">{{tx("admin/plugins/bonus:catalog.search")}}</label>
      <input class="form-control" type="search" id="bonus-search" name="search" value="{filter.search}">
    </div>
    <div class="col-6 col-md-2">
      <label class="form-label" for="bonus-filter-kind">{{tx("admin/plugins/bonus:catalog.kind")}}</label>
      <select class="form-select" id="bonus-filter-kind" name="kind">
        <option value="">{{tx("admin/plugins/bonus:catalog.any")}}</option>
        {{{ each kinds }}}<option value="{./value}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:", ./key)}}</option>{{{ end }}}
      </select>
    </div>
    <div class="col-6 col-md-2">
      <label class="form-label" for="bonus-filter-visibility">{{tx("admin/plugins/bonus:catalog.visibility")}}</label>
      <select class="form-select" id="bonus-filter-visibility" name="visibility">
        <option value="">{{tx("admin/plugins/bonus:catalog.any")}}</option>
        {{{ each visibilities }}}<option value="{./value}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:", ./key)}}</option>{{{ end }}}
      </select>
    </div>
    <div class="col-6 col-md-2">
      <label class="form-label" for="bonus-filter-programme">{{tx("admin/plugins/bonus:catalog.programme")}}</label>
      <select class="form-select" id="bonus-filter-programme" name="programme">
        <option value="">{{tx("admin/plugins/bonus:catalog.any")}}</option>
        {{{ each programmes }}}<option value="{./value}" {{{ if ./selected }}}selected{{{ end }}}>{{bonusTx("bonus:", ./key)}}</option>{{{ end }}}
      </select>
    </div>
    <div class="col-6 col-md-2">
      <label class="form-label" for="bonus-filter-category">{{tx("admin/plugins/bonus:catalog.category")}}</label>
      <select class="form-select" id="bonus-filter-category" name="categoryId">
        <option value="">{{tx("admin/plugins/bonus:catalog.any")}}</option>
        <option value="none" {{{ if noneCategorySelected }}}selected{{{ end }}}>{{tx("admin/plugins/bonus:catalog.no-category")}}</option>
        {{{ each categories }}}<option value="{./id}" {{{ if ./selected }}}selected{{{ end }}}>{./title}</option>{{{ end }}}
      </select>
    </div>
    <div class="col-6 col-md-2">
      <button class="btn btn-outline-primary w-100" type="submit">{{tx("admin/plugins/bonus:catalog.apply")}}</button>
    </div>
  </form>

  {{{ if hasRows }}}
  <div class="table-responsive">
    <table class="table table-sm align-middle" data-bonus="catalog-table">
      <caption class="visually-hidden">{{tx("admin/plugins/bonus:catalog.title")}}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{{tx("admin/plugins/bonus:catalog.product-title")}}</th>
          <th scope="col">{{tx("admin/plugins/bonus:catalog.kind")}}</th>
          <th scope="col">{{tx("admin/plugins/bonus:catalog.category")}}</th>
          <th scope="col" class="text-end">{{tx("admin/plugins/bonus:catalog.price")}}</th>
          <th scope="col">{{tx("admin/plugins/bonus:catalog.stock")}}</th>
          <th scope="col">{{tx("admin/plugins/bonus:catalog.visibility")}}</th>
          <th scope="col"><span class="visually-hidden">{{tx("admin/plugins/bonus:catalog.actions")}}</span></th>
        </tr>
      </thead>
      <tbody>
        {{{ each rows }}}
        <tr data-product-id="{./id}">
          <td>{./id}</td>
          <td><a href="{./editUrl}">{./titleEn}</a><div class="small text-secondary" lang="ru">{./titleRu}</div></td>
          <td>{{bonusTx("bonus:kind.", ./kind)}}{{{ if ./isSellers }}} <span class="badge text-bg-info" data-bonus="programme-sellers">{{tx("bonus:programme.sellers")}}</span>{{{ end }}}</td>
          <td>{./category}</td>
          <td class="text-end">{./priceInPoints}</td>
          <td>
            {{{ if ./counted }}}{./stockTotal}{{{ else }}}{{bonusTx("bonus:stock-mode.", ./stockMode)}}{{{ end }}}
            {{{ each ./sizes }}}<span class="badge text-bg-light border ms-1">{./label}: {./count}</span>{{{ end }}}
          </td>
          <td><span class="badge {{{ if ./onSale }}}text-bg-success{{{ else }}}text-bg-secondary{{{ end }}}">{{bonusTx("bonus:visibility.", ./visibility)}}</span></td>
          <td class="text-nowrap">
            <a class="btn btn-sm btn-light border" href="{./editUrl}">{{tx("admin/plugins/bonus:catalog.edit")}}</a>
            <button class="btn btn-sm btn-light border" type="button" data-action="duplicate" data-id="{./id}">{{tx("admin/plugins/bonus:catalog.duplicate")}}</button>
            {{{ if ./onSale }}}
            <button class="btn btn-sm btn-light border" type="button" data-action="hide" data-id="{./id}">{{tx("admin/plugins/bonus:catalog.hide")}}</button>
            {{{ else }}}
            <button class="btn btn-sm btn-light border" type="button" data-action="publish" data-id="{./id}">{{tx("admin/plugins/bonus:catalog.publish")}}</button>
            {{{ end }}}
          </td>
        </tr>
        {{{ end }}}
      </tbody>
    </table>
  </div>
  {{{ else }}}
  <p class="text-secondary" data-bonus="empty">{{tx("admin/plugins/bonus:catalog.empty")}}</p>
  {{{ end }}}

  <section class="card mt-4" aria-labelledby="bonus-categories-title">
    <div class="card-body">
      <h2 class="fs-5" id="bonus-categories-title">{{tx("admin/plugins/bonus:catalog.categories")}}</h2>
      <ul class="list-unstyled">
        {{{ each categories }}}
        <li class="d-flex flex-wrap align-items-center gap-2 mb-1" data-category-id="{./id}">
          <span>{./titleEn}</span><span class="text-secondary" lang="ru">{./titleRu}</span><span class="small text-secondary">({./sortOrder})</span>
          <button class="btn btn-sm btn-link text-danger" type="button" data-action="delete-category" data-id="{./id}" data-confirm="{./confirm}">{{tx("admin/plugins/bonus:catalog.delete")}}</button>
        </li>
        {{{ end }}}
      </ul>
      <form class="row g-2 align-items-end bonus-category-form">
        <div class="col-12 col-md-4"><label class="form-label" for="bonus-cat-en">{{tx("admin/plugins/bonus:catalog.title-en")}}</label><input class="form-control" id="bonus-cat-en" name="en" maxlength="200"></div>
        <div class="col-12 col-md-4"><label class="form-label" for="bonus-cat-ru">{{tx("admin/plugins/bonus:catalog.title-ru")}}</label><input class="form-control" id="bonus-cat-ru" name="ru" lang="ru" maxlength="200"></div>
        <div class="col-6 col-md-2"><label class="form-label" for="bonus-cat-sort">{{tx("admin/plugins/bonus:catalog.sort-order")}}</label><input class="form-control" id="bonus-cat-sort" name="sortOrder" type="number" value="0"></div>
        <div class="col-6 col-md-2"><button class="btn btn-outline-primary w-100" type="submit">{{tx("admin/plugins/bonus:catalog.add-category")}}</button></div>
      </form>
    </div>
  </section>
</div>
