<div class="acp-page-container bonus-admin" data-bonus-page="admin-sellers">
  <h1 class="fs-4 mb-3">{{tx("bonus:retail.admin.title")}}</h1>
  <ul class="nav nav-pills mb-3 flex-wrap">
    {{{ each tabs }}}
    <li class="nav-item"><a class="nav-link{{{ if ./active }}} active{{{ end }}}" href="{./url}" data-tab="{./tab}">{{tx(./text)}} {{{ if ./count }}}<span class="badge text-bg-light">{./count}</span>{{{ end }}}</a></li>
    {{{ end }}}
  </ul>

  {{{ if is_sellers }}}
  <ul class="nav nav-underline mb-2 flex-wrap small">
    {{{ each statuses }}}<li class="nav-item"><a class="nav-link{{{ if ./active }}} active{{{ end }}}" href="{./url}">{{tx(./text)}}</a></li>{{{ end }}}
  </ul>
  {{{ end }}}

  {{{ if is_applications }}}{{{ if !hasSellers }}}<p class="text-secondary" data-bonus="empty">{{tx("bonus:retail.admin.no-applications")}}</p>{{{ end }}}{{{ end }}}
  {{{ if is_sellers }}}{{{ if !hasSellers }}}<p class="text-secondary" data-bonus="empty">{{tx("bonus:retail.admin.no-sellers")}}</p>{{{ end }}}{{{ end }}}
  {{{ if hasSellers }}}
  <div class="d-flex flex-wrap gap-2 align-items-end mb-2">
    <div><label class="form-label small" for="bonus-seller-reason">{{tx("bonus:retail.admin.reason")}}</label><input class="form-control form-control-sm" id="bonus-seller-reason" maxlength="500"></div>
    <p class="small text-secondary mb-1">{{tx("bonus:retail.admin.reason-help")}}</p>
  </div>
  <p class="small text-danger" role="alert" data-bonus="form-error"></p>
  <div class="table-responsive">
    <table class="table table-sm align-middle" data-bonus="sellers">
      <thead><tr>
        <th scope="col">{{tx("bonus:loans.col.member")}}</th><th scope="col">{{tx("bonus:retail.shop-name")}}</th>
        <th scope="col">{{tx("bonus:retail.col.applied")}}</th><th scope="col">{{tx("bonus:retail.col.status")}}</th>
        <th scope="col" class="text-end">{{tx("bonus:retail.col.sales")}}</th><th scope="col" class="text-end">{{tx("bonus:retail.balance")}}</th><th scope="col">{{tx("bonus:transfer.col.actions")}}</th>
      </tr></thead>
      <tbody>
        {{{ each sellers }}}
        <tr data-bonus="seller" data-uid="{./uid}">
          <td><a href="{./memberUrl}">{./member}</a></td><td><span class="fw-semibold">{./shopName}</span><div class="small text-secondary">{./city}, {./address}</div></td><td>{./appliedText}</td>
          <td>{{tx(./statusText)}}{{{ if ./reason }}}<div class="small text-secondary">{./reason}</div>{{{ end }}}</td>
          <td class="text-end">{./acceptedSales}<div class="small text-secondary">{{tx(./gateText)}}</div></td><td class="text-end">{./balance}{{{ if ./lastPrize }}}<div class="small"><a href="{./lastPrizeUrl}" data-bonus="last-prize">{{tx("bonus:retail.admin.last-prize", ./lastPrize)}}</a></div>{{{ end }}}</td>
          <td class="text-nowrap">
            {{{ if ./pending }}}
            <button type="button" class="btn btn-sm btn-success" data-bonus="approve" data-uid="{./uid}">{{tx("bonus:retail.admin.approve")}}</button>
            <button type="button" class="btn btn-sm btn-outline-danger" data-bonus="reject" data-uid="{./uid}">{{tx("bonus:retail.admin.reject")}}</button>
            {{{ end }}}
            {{{ if ./active }}}
            <button type="button" class="btn btn-sm btn-outline-danger" data-bonus="annul" data-uid="{./uid}">{{tx("bonus:retail.admin.annul")}}</button>
            {{{ end }}}
          </td>
        </tr>
        {{{ end }}}
      </tbody>
    </table>
  </div>
  {{{ end }}}

  {{{ if is_review }}}
  <form class="row g-2 align-items-end mb-3" method="get" role="search" data-bonus="review-filter">
    <input type="hidden" name="tab" value="review">
    <div class="col-12 col-md-4"><label class="form-label small" for="bonus-rf-product">{{tx("bonus:retail.product")}}</label>
      <select class="form-select form-select-sm" id="bonus-rf-product" name="product"><option value="">{{tx("admin/plugins/bonus:catalog.any")}}</option>{{{ each reviewFilter.products }}}<option value="{./id}"{{{ if ./selected }}} selected{{{ end }}}>{./name}</option>{{{ end }}}</select></div>
    <div class="col-6 col-md-3"><label class="form-label small" for="bonus-rf-kind">{{tx("bonus:retail.col.status")}}</label>
      <select class="form-select form-select-sm" id="bonus-rf-kind" name="kind"><option value="">{{tx("admin/plugins/bonus:catalog.any")}}</option>{{{ each reviewFilter.kinds }}}<option value="{./value}"{{{ if ./selected }}} selected{{{ end }}}>{{tx(./text)}}</option>{{{ end }}}</select></div>
    <div class="col-6 col-md-3"><label class="form-label small" for="bonus-rf-member">{{tx("bonus:retail.admin.member")}}</label>
      <input class="form-control form-control-sm" id="bonus-rf-member" name="member" value="{reviewFilter.member}" maxlength="100"></div>
    <div class="col-12 col-md-2"><button class="btn btn-sm btn-outline-primary w-100" type="submit">{{tx("admin/plugins/bonus:catalog.apply")}}</button></div>
  </form>
  {{{ if hasSales }}}
  <form data-bonus="review-form">
    <div class="d-flex flex-wrap gap-2 align-items-end mb-2">
      <div><label class="form-label small" for="bonus-review-reason">{{tx("bonus:retail.admin.reason")}}</label><input class="form-control form-control-sm" id="bonus-review-reason" maxlength="500"></div>
      <button type="button" class="btn btn-sm btn-success" data-bonus="bulk" data-decision="approve">{{tx("bonus:retail.admin.approve-selected")}}</button>
      <button type="button" class="btn btn-sm btn-outline-danger" data-bonus="bulk" data-decision="reject">{{tx("bonus:retail.admin.reject-selected")}}</button>
    </div>
    <p class="small text-danger" role="alert" data-bonus="form-error"></p>
    <div class="table-responsive">
      <table class="table table-sm align-middle" data-bonus="review">
        <thead><tr><th scope="col"><input class="form-check-input" type="checkbox" data-bonus="all" aria-label="{{tx("bonus:retail.admin.select-all")}}"></th><th scope="col">{{tx("bonus:retail.col.date")}}</th><th scope="col">{{tx("bonus:loans.col.member")}}</th><th scope="col">{{tx("bonus:retail.col.code")}}</th><th scope="col">{{tx("bonus:retail.product")}}</th><th scope="col" class="text-end">{{tx("bonus:retail.col.points")}}</th><th scope="col">{{tx("bonus:retail.col.status")}}</th></tr></thead>
        <tbody>
          {{{ each sales }}}
          <tr data-bonus="sale" data-id="{./id}">
            <td><input class="form-check-input" type="checkbox" value="{./id}" aria-label="{./code}"></td><td>{./dateText}</td><td><a href="{./memberUrl}">{./member}</a></td>
            <td class="font-monospace">{./code}{{{ if ./hasPhoto }}}<div><a href="{./photo}" target="_blank" rel="noopener noreferrer nofollow" data-bonus="box-photo"><img src="{./photo}" alt="{{tx("bonus:retail.photo")}}" class="rounded border mt-1" style="max-width: 96px; max-height: 72px; object-fit: cover;" loading="lazy"></a></div>{{{ end }}}</td><td>{./product}</td><td class="text-end">{./points}</td>
            <td>{{tx(./statusText)}}{{{ if ./spotCheck }}} <span class="badge text-bg-warning">{{tx("bonus:retail.spot-check")}}</span>{{{ end }}}</td>
          </tr>
          {{{ end }}}
        </tbody>
      </table>
    </div>
  </form>
  {{{ else }}}
  <p class="text-secondary" data-bonus="empty">{{tx("bonus:retail.admin.queue-empty")}}</p>
  {{{ end }}}
  {{{ end }}}

  {{{ if is_products }}}
  <div class="table-responsive">
    <table class="table table-sm align-middle bonus-stack" data-bonus="products">
      <thead><tr><th scope="col">{{tx("bonus:retail.admin.product-name")}}</th><th scope="col">{{tx("bonus:retail.col.points")}}</th><th scope="col">{{tx("bonus:retail.admin.mode")}}</th><th scope="col">{{tx("bonus:retail.admin.active")}}</th><th scope="col"></th></tr></thead>
      <tbody>
        {{{ each products }}}
        <tr data-bonus="product-row">
          <td data-label="{{tx("bonus:retail.admin.product-name")}}"><input class="form-control form-control-sm" name="name" value="{./name}" maxlength="200" required aria-label="{{tx("bonus:retail.admin.product-name")}}"></td>
          <td data-label="{{tx("bonus:retail.col.points")}}"><input class="form-control form-control-sm" type="number" name="points" value="{./points}" min="1" step="1" required style="max-width: 7rem" aria-label="{{tx("bonus:retail.col.points")}}"></td>
          <td data-label="{{tx("bonus:retail.admin.mode")}}"><select class="form-select form-select-sm" name="mode" aria-label="{{tx("bonus:retail.admin.mode")}}"><option value="review"{{{ if ./review }}} selected{{{ end }}}>{{tx("bonus:retail.mode.review")}}</option><option value="registry"{{{ if ./registry }}} selected{{{ end }}}>{{tx("bonus:retail.mode.registry")}}</option></select></td>
          <td data-label="{{tx("bonus:retail.admin.active")}}"><input class="form-check-input" type="checkbox" name="active"{{{ if ./active }}} checked{{{ end }}} aria-label="{{tx("bonus:retail.admin.active")}}"></td>
          <td><button type="button" class="btn btn-sm btn-primary" data-bonus="save-product" data-id="{./id}">{{tx("bonus:retail.admin.save")}}</button></td>
        </tr>
        {{{ end }}}
        <tr data-bonus="product-row">
          <td data-label="{{tx("bonus:retail.admin.product-name")}}"><input class="form-control form-control-sm" name="name" maxlength="200" placeholder="{{tx("bonus:retail.admin.new-product")}}" aria-label="{{tx("bonus:retail.admin.product-name")}}"></td>
          <td data-label="{{tx("bonus:retail.col.points")}}"><input class="form-control form-control-sm" type="number" name="points" min="1" step="1" style="max-width: 7rem" aria-label="{{tx("bonus:retail.col.points")}}"></td>
          <td data-label="{{tx("bonus:retail.admin.mode")}}"><select class="form-select form-select-sm" name="mode" aria-label="{{tx("bonus:retail.admin.mode")}}"><option value="review">{{tx("bonus:retail.mode.review")}}</option><option value="registry">{{tx("bonus:retail.mode.registry")}}</option></select></td>
          <td data-label="{{tx("bonus:retail.admin.active")}}"><input class="form-check-input" type="checkbox" name="active" checked aria-label="{{tx("bonus:retail.admin.active")}}"></td>
          <td><button type="button" class="btn btn-sm btn-outline-primary" data-bonus="save-product" data-id="">{{tx("bonus:retail.admin.add")}}</button></td>
        </tr>
      </tbody>
    </table>
  </div>
  <p class="small text-secondary">{{tx("bonus:retail.admin.modes-help")}}</p>
  {{{ end }}}

  {{{ if is_lists }}}
  <form class="card card-body" data-bonus="import-form">
    <p class="small text-secondary">{{tx("bonus:retail.admin.import-help")}}</p>
    <div class="row g-2">
      <div class="col-12 col-md-4">
        <label class="form-label" for="bonus-import-list">{{tx("bonus:retail.admin.import-into")}}</label>
        <select class="form-select" id="bonus-import-list" name="target">
          {{{ each products }}}<option value="registry:{./id}">{{tx("bonus:retail.admin.registry-of")}} {./name} ({./registrySize})</option>{{{ end }}}
          <option value="blacklist:">{{tx("bonus:retail.admin.blacklist")}} ({blacklistSize})</option>
        </select>
      </div>
      <div class="col-12 col-md-8">
        <label class="form-label" for="bonus-import-file">{{tx("bonus:retail.admin.import-file")}}</label>
        <input class="form-control" type="file" id="bonus-import-file" accept=".txt,.csv,text/plain">
      </div>
      <div class="col-12">
        <label class="form-label" for="bonus-import-text">{{tx("bonus:retail.admin.import-text")}}</label>
        <textarea class="form-control font-monospace" id="bonus-import-text" rows="5"></textarea>
      </div>
      <div class="col-12"><button type="submit" class="btn btn-primary">{{tx("bonus:retail.admin.import")}}</button></div>
    </div>
    <div class="progress mt-2 d-none" role="progressbar" data-bonus="import-progress" aria-valuemin="0" aria-valuemax="100"><div class="progress-bar" style="width: 0%"></div></div>
    <p class="small mt-2 mb-0" data-bonus="import-summary" aria-live="polite"></p>
    <ol class="small text-danger mb-0" data-bonus="import-report"></ol>
  </form>
  {{{ end }}}
{{{ if is_prizes }}}
  <p class="small text-secondary">{{tx("bonus:retail.admin.overdue-help")}} <a href="{ordersUrl}">{{tx("admin/plugins/bonus:orders.title")}}</a></p>
  {{{ if hasOverdue }}}
  <div class="table-responsive">
    <table class="table table-sm align-middle bonus-stack" data-bonus="overdue">
      <thead><tr>
        <th scope="col">{{tx("bonus:orders.col.order")}}</th>
        <th scope="col">{{tx("bonus:retail.admin.member")}}</th>
        <th scope="col">{{tx("bonus:orders.col.date")}}</th>
        <th scope="col">{{tx("bonus:retail.admin.ship-by")}}</th>
        <th scope="col" class="text-end">{{tx("bonus:orders.col.total")}}</th>
        <th scope="col">{{tx("bonus:orders.col.status")}}</th>
      </tr></thead>
      <tbody>
        {{{ each overdue }}}
        <tr data-order-id="{./id}">
          <td class="bonus-stack-head"><a href="{./url}">{{tx("bonus:order.title", ./id)}}</a></td>
          <td data-label="{{tx("bonus:retail.admin.member")}}">{./member}</td>
          <td data-label="{{tx("bonus:orders.col.date")}}">{./paidText}</td>
          <td class="text-danger fw-semibold" data-label="{{tx("bonus:retail.admin.ship-by")}}">{./shipByText}</td>
          <td class="text-end" data-label="{{tx("bonus:orders.col.total")}}">{{bonusPlural("bonus:sellerpoints.count", ./total)}}</td>
          <td data-label="{{tx("bonus:orders.col.status")}}"><span class="badge text-bg-danger">{{tx(./statusText)}}</span></td>
        </tr>
        {{{ end }}}
      </tbody>
    </table>
  </div>
  {{{ else }}}
  <p class="text-secondary" data-bonus="no-overdue">{{tx("bonus:retail.admin.no-overdue")}}</p>
  {{{ end }}}
  {{{ end }}}
{{{ if is_tax }}}
  <div class="d-flex flex-wrap align-items-center gap-2 mb-2">
    <nav aria-label="{{tx("bonus:retail.admin.tax-year")}}"><ul class="pagination pagination-sm mb-0">{{{ each years }}}<li class="page-item{{{ if ./active }}} active{{{ end }}}"><a class="page-link" href="{./url}">{./year}</a></li>{{{ end }}}</ul></nav>
    <button type="button" class="btn btn-sm btn-outline-primary" data-bonus="tax-export" data-year="{year}"><i class="fa fa-download" aria-hidden="true"></i> {{tx("bonus:retail.admin.tax-export", year)}}</button>
  </div>
  <p class="small text-secondary">{{tx("bonus:retail.admin.tax-help", taxThreshold)}} {{tx(taxScopeText)}}.</p>
  {{{ if hasTaxRows }}}
  <div class="table-responsive">
    <table class="table table-sm align-middle bonus-stack" data-bonus="tax">
      <thead><tr>
        <th scope="col">{{tx("bonus:retail.admin.member")}}</th>
        <th scope="col" class="text-end">{{tx("bonus:retail.admin.tax-prizes")}}</th>
        <th scope="col" class="text-end">{{tx("bonus:retail.admin.tax-total")}}</th>
        <th scope="col">{{tx("bonus:retail.tax.title")}}</th>
      </tr></thead>
      <tbody>
        {{{ each taxRows }}}
        <tr data-bonus="tax-row">
          <td class="bonus-stack-head"><a href="{./memberUrl}">{./member}</a></td>
          <td class="text-end" data-label="{{tx("bonus:retail.admin.tax-prizes")}}">{./prizes}</td>
          <td class="text-end{{{ if ./over }}} fw-semibold{{{ end }}}" data-label="{{tx("bonus:retail.admin.tax-total")}}">{./total}</td>
          <td data-label="{{tx("bonus:retail.tax.title")}}">{{{ if ./given }}}{./fullName}, {./birthDate}<div class="small">{./address}</div><div class="small font-monospace">{./taxNumber}</div>{{{ else }}}{{{ if ./over }}}<span class="badge text-bg-warning">{{tx("bonus:retail.admin.tax-missing")}}</span>{{{ else }}}<span class="text-secondary small">{{tx("bonus:retail.admin.tax-not-needed")}}</span>{{{ end }}}{{{ end }}}</td>
        </tr>
        {{{ end }}}
      </tbody>
    </table>
  </div>
  {{{ else }}}
  <p class="text-secondary" data-bonus="no-tax">{{tx("bonus:retail.admin.tax-none", year)}}</p>
  {{{ end }}}
  {{{ end }}}
</div>
